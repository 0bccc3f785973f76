/* SPDX-License-Identifier: MIT */
/*
 * xoshiro256** 1.0 and splitmix64 (public-domain reference code by
 * D. Blackman and S. Vigna, prng.di.unimi.it), and distributions on top:
 * polar normal, Marsaglia-Tsang gamma ("A simple method for generating
 * gamma variables", ACM TOMS 26(3), 2000), beta from two gammas,
 * multiplication and PTRS Poisson (W. Hormann, "The transformed rejection
 * method for generating Poisson random variables", Insurance: Mathematics
 * and Economics 12, 1993). The state is the caller's; nothing is global.
 */
#include "kehu/rng.h"

#include <math.h>

/* Full 64x64 -> 128-bit product (a GCC/Clang extension). */
__extension__ typedef unsigned __int128 u128;

static uint64_t rotl(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

static uint64_t splitmix64(uint64_t *x)
{
    uint64_t z = (*x += 0x9e3779b97f4a7c15u);

    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
}

void kehu_rng_seed(kehu_rng *r, uint64_t seed)
{
    int i;

    for (i = 0; i < 4; i++) {
        r->s[i] = splitmix64(&seed);
    }
    if ((r->s[0] | r->s[1] | r->s[2] | r->s[3]) == 0) {
        r->s[0] = 1; /* all-zero is the one fixed point */
    }
}

void kehu_rng_seed_stream(kehu_rng *r, uint64_t seed, uint64_t stream)
{
    uint64_t x = stream;

    /* Mix the stream number first so nearby streams differ in every bit. */
    kehu_rng_seed(r, seed ^ splitmix64(&x));
}

uint64_t kehu_rng_next(kehu_rng *r)
{
    uint64_t *s = r->s;
    uint64_t out = rotl(s[1] * 5, 7) * 9;
    uint64_t t = s[1] << 17;

    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return out;
}

void kehu_rng_jump(kehu_rng *r)
{
    static const uint64_t jump[4] = {0x180ec6d33cfd0abau, 0xd5a61266f0c9392cu,
                                     0xa9582618e03fc9aau, 0x39abdc4529b1661cu};
    uint64_t s[4] = {0, 0, 0, 0};
    int i, b;

    for (i = 0; i < 4; i++) {
        for (b = 0; b < 64; b++) {
            if (jump[i] & ((uint64_t)1 << b)) {
                s[0] ^= r->s[0];
                s[1] ^= r->s[1];
                s[2] ^= r->s[2];
                s[3] ^= r->s[3];
            }
            (void)kehu_rng_next(r);
        }
    }
    for (i = 0; i < 4; i++) {
        r->s[i] = s[i];
    }
}

double kehu_rng_uniform(kehu_rng *r)
{
    return (double)(kehu_rng_next(r) >> 11) * 0x1.0p-53;
}

double kehu_rng_uniform_pos(kehu_rng *r)
{
    /* Centre of one of 2^53 equal cells: in (0, 1) exactly. */
    return ((double)(kehu_rng_next(r) >> 11) + 0.5) * 0x1.0p-53;
}

uint64_t kehu_rng_below(kehu_rng *r, uint64_t n)
{
    u128 m = (u128)kehu_rng_next(r) * n;
    uint64_t lo = (uint64_t)m;

    if (lo < n) {
        uint64_t floor_ = (0 - n) % n; /* 2^64 mod n */

        while (lo < floor_) {
            m = (u128)kehu_rng_next(r) * n;
            lo = (uint64_t)m;
        }
    }
    return (uint64_t)(m >> 64);
}

double kehu_rng_normal(kehu_rng *r)
{
    double u, s;

    do {
        double v;
        u = 2.0 * kehu_rng_uniform(r) - 1.0;
        v = 2.0 * kehu_rng_uniform(r) - 1.0;
        s = u * u + v * v;
    } while (s >= 1.0 || s == 0.0);
    /* The second variate (v * factor) is dropped to keep no hidden state. */
    return u * sqrt(-2.0 * log(s) / s);
}

double kehu_rng_exponential(kehu_rng *r, double rate)
{
    return -log(kehu_rng_uniform_pos(r)) / rate;
}

double kehu_rng_gamma(kehu_rng *r, double shape, double scale)
{
    double d, c, x, v;

    if (shape < 1.0) {
        /* G(k) = G(k + 1) * U^(1/k); in log form so tiny k cannot give
         * pow underflow surprises beyond the true value's own. */
        double g = kehu_rng_gamma(r, shape + 1.0, scale);

        return g * exp(log(kehu_rng_uniform_pos(r)) / shape);
    }
    d = shape - 1.0 / 3.0;
    c = 1.0 / sqrt(9.0 * d);
    for (;;) {
        do {
            x = kehu_rng_normal(r);
            v = 1.0 + c * x;
        } while (v <= 0.0);
        v = v * v * v;
        double u = kehu_rng_uniform_pos(r);
        if (u < 1.0 - 0.0331 * (x * x) * (x * x)) {
            return d * v * scale; /* the cheap squeeze */
        }
        if (log(u) < 0.5 * x * x + d * (1.0 - v + log(v))) {
            return d * v * scale;
        }
    }
}

double kehu_rng_beta(kehu_rng *r, double a, double b)
{
    double x = kehu_rng_gamma(r, a, 1.0);
    double y = kehu_rng_gamma(r, b, 1.0);

    /* Both can underflow to 0 for tiny shapes; pick the side by the ratio
     * of the shapes rather than return NaN. */
    if (x + y == 0.0) {
        return kehu_rng_uniform(r) < a / (a + b) ? 1.0 : 0.0;
    }
    return x / (x + y);
}

static uint64_t poisson_small(kehu_rng *r, double mu)
{
    double limit = exp(-mu), prod = kehu_rng_uniform(r);
    uint64_t k = 0;

    while (prod > limit) {
        k++;
        prod *= kehu_rng_uniform(r);
    }
    return k;
}

static uint64_t poisson_ptrs(kehu_rng *r, double mu)
{
    double slam = sqrt(mu), loglam = log(mu);
    double b = 0.931 + 2.53 * slam;
    double a = -0.059 + 0.02483 * b;
    double inv_alpha = 1.1239 + 1.1328 / (b - 3.4);
    double vr = 0.9277 - 3.6224 / (b - 2.0);

    for (;;) {
        double u = kehu_rng_uniform(r) - 0.5;
        double v = kehu_rng_uniform_pos(r);
        double us = 0.5 - fabs(u);
        double k = floor((2.0 * a / us + b) * u + mu + 0.43);

        if (us >= 0.07 && v <= vr) {
            return (uint64_t)k;
        }
        if (k < 0.0 || (us < 0.013 && v > us)) {
            continue;
        }
        if (log(v) + log(inv_alpha) - log(a / (us * us) + b) <=
            -mu + k * loglam - lgamma(k + 1.0)) {
            return (uint64_t)k;
        }
    }
}

uint64_t kehu_rng_poisson(kehu_rng *r, double mu)
{
    if (!(mu > 0.0)) {
        return 0;
    }
    return mu < 10.0 ? poisson_small(r, mu) : poisson_ptrs(r, mu);
}
