/* SPDX-License-Identifier: MIT */
/* PRNG: reference outputs, determinism, and sample moments of each
 * distribution against their closed forms. */
#include "check.h"
#include "kehu/rng.h"

void test_rng(void);

#define N 200000

/* Sample mean and variance of n draws of f. */
static void moments(kehu_rng *r, double (*f)(kehu_rng *, const double *),
                    const double *par, double *mean, double *var)
{
    double s = 0, ss = 0;
    long i;

    for (i = 0; i < N; i++) {
        double x = f(r, par);

        s += x;
        ss += x * x;
    }
    *mean = s / N;
    *var = ss / N - *mean * *mean;
}

static double f_uniform(kehu_rng *r, const double *p)
{
    (void)p;
    return kehu_rng_uniform(r);
}

static double f_normal(kehu_rng *r, const double *p)
{
    (void)p;
    return kehu_rng_normal(r);
}

static double f_exp(kehu_rng *r, const double *p)
{
    return kehu_rng_exponential(r, p[0]);
}

static double f_gamma(kehu_rng *r, const double *p)
{
    return kehu_rng_gamma(r, p[0], p[1]);
}

static double f_beta(kehu_rng *r, const double *p)
{
    return kehu_rng_beta(r, p[0], p[1]);
}

static double f_poisson(kehu_rng *r, const double *p)
{
    return (double)kehu_rng_poisson(r, p[0]);
}

static void check_reference(void)
{
    kehu_rng r;

    /* splitmix64 from 0: first output 0xe220a8397b1dcdaf (Vigna's
     * reference), so s[0] is that; xoshiro256** output = rotl(s1*5,7)*9. */
    kehu_rng_seed(&r, 0);
    CHECK(r.s[0] == 0xe220a8397b1dcdafu);
    CHECK(r.s[1] == 0x6e789e6aa1b965f4u);
    {
        uint64_t s1 = r.s[1] * 5;
        uint64_t want = ((s1 << 7) | (s1 >> 57)) * 9;

        CHECK(kehu_rng_next(&r) == want);
    }
}

static void check_determinism(void)
{
    kehu_rng a, b, c;
    int i, same = 1, differ = 0;

    kehu_rng_seed(&a, 42);
    kehu_rng_seed(&b, 42);
    kehu_rng_seed(&c, 43);
    for (i = 0; i < 1000; i++) {
        uint64_t x = kehu_rng_next(&a), y = kehu_rng_next(&b);
        uint64_t z = kehu_rng_next(&c);

        same &= x == y;
        differ += x != z;
    }
    CHECK(same);
    CHECK(differ > 990);
    /* Streams: same pair same state, neighbours unrelated. */
    kehu_rng_seed_stream(&a, 7, 1);
    kehu_rng_seed_stream(&b, 7, 1);
    kehu_rng_seed_stream(&c, 7, 2);
    CHECK(kehu_rng_next(&a) == kehu_rng_next(&b));
    CHECK(kehu_rng_next(&a) != kehu_rng_next(&c));
    /* A jump moves the state; two jumps from one state agree. */
    kehu_rng_seed(&a, 5);
    b = a;
    kehu_rng_jump(&a);
    kehu_rng_jump(&b);
    CHECK(kehu_rng_next(&a) == kehu_rng_next(&b));
    kehu_rng_seed(&c, 5);
    CHECK(kehu_rng_next(&a) != kehu_rng_next(&c));
}

static void check_below(void)
{
    kehu_rng r;
    long counts[7] = {0}, i;
    int k, ok = 1;

    kehu_rng_seed(&r, 11);
    for (i = 0; i < 70000; i++) {
        uint64_t v = kehu_rng_below(&r, 7);

        ok &= v < 7;
        counts[v < 7 ? v : 0]++;
    }
    CHECK(ok);
    for (k = 0; k < 7; k++) {
        CHECK_NEAR(counts[k], 10000, 0.05);
    }
}

static void check_moments(void)
{
    /* {distribution, params, mean, variance}; tolerances are about five
     * standard errors for N draws. */
    static const struct {
        double (*f)(kehu_rng *, const double *);
        double p[2], mean, var;
    } cases[] = {
        {f_uniform, {0, 0}, 0.5, 1.0 / 12},
        {f_normal, {0, 0}, 0.0, 1.0},
        {f_exp, {2.5, 0}, 0.4, 0.16},
        {f_gamma, {0.25, 1 / 4.4}, 0.25 / 4.4, 0.25 / (4.4 * 4.4)},
        {f_gamma, {0.73, 2.0}, 1.46, 2.92},
        {f_gamma, {6.25, 0.5}, 3.125, 1.5625},
        {f_gamma, {3.74, 1 / 15.44}, 3.74 / 15.44, 3.74 / (15.44 * 15.44)},
        {f_beta, {0.8, 2.4}, 0.25, 0.8 * 2.4 / (3.2 * 3.2 * 4.2)},
        {f_beta, {2.0, 2.0}, 0.5, 0.05},
        {f_poisson, {0.7, 0}, 0.7, 0.7},
        {f_poisson, {4.2, 0}, 4.2, 4.2},
        {f_poisson, {37.5, 0}, 37.5, 37.5},
        {f_poisson, {1234.0, 0}, 1234.0, 1234.0},
    };
    size_t i;

    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        kehu_rng r;
        double m, v, se_m = sqrt(cases[i].var / N);

        kehu_rng_seed(&r, 1000 + i);
        moments(&r, cases[i].f, cases[i].p, &m, &v);
        CHECK_REPORT(fabs(m - cases[i].mean) < 5 * se_m,
                     "case %zu mean %.6g vs %.6g", i, m, cases[i].mean);
        /* The variance of a sample variance depends on the fourth
         * moment; 5% (10% for the skewed shape-0.25 gamma) is ample. */
        CHECK_REPORT(fabs(v - cases[i].var) <
                         (i == 3 ? 0.1 : 0.05) * cases[i].var,
                     "case %zu var %.6g vs %.6g", i, v, cases[i].var);
    }
}

static void check_ranges(void)
{
    kehu_rng r;
    int i, ok = 1;

    kehu_rng_seed(&r, 3);
    for (i = 0; i < 100000; i++) {
        double u = kehu_rng_uniform_pos(&r), g = kehu_rng_gamma(&r, 0.05, 1);
        double b = kehu_rng_beta(&r, 0.05, 0.05);

        ok &= u > 0 && u < 1 && g >= 0 && isfinite(g) && b >= 0 && b <= 1;
    }
    CHECK(ok);
    CHECK(kehu_rng_poisson(&r, 0) == 0);
}

void test_rng(void)
{
    check_reference();
    check_determinism();
    check_below();
    check_moments();
    check_ranges();
}
