/* SPDX-License-Identifier: MIT */
/* The BFGS minimiser on Rosenbrock, its box, and the SPD inverse. */
#include "check.h"
#include "kehu/optim.h"

void test_optim(void);

static double rosen_f(const double *x, void *params)
{
    (void)params;
    return 100.0 * (x[1] - x[0] * x[0]) * (x[1] - x[0] * x[0]) +
           (1.0 - x[0]) * (1.0 - x[0]);
}

static void rosen_df(const double *x, void *params, double *g)
{
    (void)params;
    g[0] = -400.0 * x[0] * (x[1] - x[0] * x[0]) - 2.0 * (1.0 - x[0]);
    g[1] = 200.0 * (x[1] - x[0] * x[0]);
}

static void rosen_fdf(const double *x, void *params, double *f, double *g)
{
    *f = rosen_f(x, params);
    rosen_df(x, params, g);
}

/* f = -x: unbounded below, the minimiser must stop at the box. */
static double lin_f(const double *x, void *params)
{
    (void)params;
    return -x[0];
}

static void lin_df(const double *x, void *params, double *g)
{
    (void)params;
    (void)x;
    g[0] = -1.0;
}

static void lin_fdf(const double *x, void *params, double *f, double *g)
{
    *f = lin_f(x, params);
    lin_df(x, params, g);
}

/* A flat ridge at the noise floor: the value is a large constant (f +
 * c1 t slope rounds to f) while the gradient says "downhill". Accepting
 * equal values would walk for ever; the minimiser must stop with
 * KEHU_ENOPROG within a few iterations. */
static double flat_f(const double *x, void *params)
{
    (void)params;
    (void)x;
    return 1e10;
}

static void flat_df(const double *x, void *params, double *g)
{
    (void)params;
    (void)x;
    g[0] = 1e-3;
}

static void flat_fdf(const double *x, void *params, double *f, double *g)
{
    *f = flat_f(x, params);
    flat_df(x, params, g);
}

static void check_flat_ridge(void)
{
    kehu_objective fn = {flat_f, flat_df, flat_fdf, 1, NULL};
    const double x0[1] = {0.0};
    kehu_fit *s = NULL;
    kehu_status rc;

    CHECK_EQ_I64(kehu_fit_new(kehu_fit_bfgs, 1, &s), KEHU_OK);
    if (s == NULL) {
        return;
    }
    CHECK_EQ_I64(kehu_fit_set(s, &fn, x0, NULL), KEHU_OK);
    do {
        rc = kehu_fit_iterate(s);
    } while (rc == KEHU_CONTINUE);
    CHECK_EQ_I64(rc, KEHU_ENOPROG);
    CHECK(kehu_fit_iterations(s) <= 2);
    CHECK_NEAR(kehu_fit_x(s)[0], 0.0, 1e-12); /* no step was taken */
    kehu_fit_free(s);
}

void test_optim(void)
{
    kehu_objective fn = {rosen_f, rosen_df, rosen_fdf, 2, NULL};
    kehu_objective lin = {lin_f, lin_df, lin_fdf, 1, NULL};
    kehu_fit_options o;
    kehu_fit *s = NULL;
    const double x0[2] = {-1.2, 1.0}, l0[1] = {0.0};
    kehu_status rc;

    kehu_fit_options_init(&o);
    CHECK_EQ_I64(kehu_fit_new(kehu_fit_bfgs, 2, &s), KEHU_OK);
    if (s == NULL) {
        return;
    }
    CHECK_EQ_I64(kehu_fit_set(s, &fn, x0, &o), KEHU_OK);
    do {
        rc = kehu_fit_iterate(s);
    } while (rc == KEHU_CONTINUE);
    CHECK_EQ_I64(rc, KEHU_OK);
    CHECK_NEAR(kehu_fit_x(s)[0], 1.0, 1e-6);
    CHECK_NEAR(kehu_fit_x(s)[1], 1.0, 1e-6);
    CHECK(kehu_fit_f(s) < 1e-12);
    CHECK(kehu_fit_iterations(s) < 100);
    CHECK_EQ_I64(kehu_fit_test_gradient(s, 1e-8), KEHU_OK);
    CHECK_EQ_I64(kehu_fit_test_gradient(s, 0.0), KEHU_CONTINUE);
    CHECK(!kehu_fit_at_bound(s));
    /* Wrong dimension. */
    CHECK_EQ_I64(kehu_fit_set(s, &lin, l0, &o), KEHU_EINVAL);
    kehu_fit_free(s);

    /* An unbounded objective runs into the box and stops there. */
    s = NULL;
    CHECK_EQ_I64(kehu_fit_new(kehu_fit_bfgs, 1, &s), KEHU_OK);
    if (s != NULL) {
        CHECK_EQ_I64(kehu_fit_set(s, &lin, l0, &o), KEHU_OK);
        do {
            rc = kehu_fit_iterate(s);
        } while (rc == KEHU_CONTINUE);
        CHECK(rc == KEHU_ENOPROG || rc == KEHU_EMAXITER);
        CHECK(kehu_fit_at_bound(s));
        CHECK_NEAR(kehu_fit_x(s)[0], o.bound, 1e-12);
        kehu_fit_free(s);
    }
    CHECK_EQ_I64(kehu_fit_new(kehu_fit_bfgs, 0, &s), KEHU_EINVAL);
    CHECK(s == NULL);

    {
        const double a[9] = {4, 2, 0.6, 2, 5, 1.5, 0.6, 1.5, 3};
        const double bad[4] = {1, 2, 2, 1};
        double inv[9], prod;
        int i, j, k, ok = 1;
        CHECK_EQ_I64(kehu_spd_inverse(a, 3, inv), KEHU_OK);
        for (i = 0; i < 3; i++) {
            for (j = 0; j < 3; j++) {
                prod = 0;
                for (k = 0; k < 3; k++) {
                    prod += a[i * 3 + k] * inv[k * 3 + j];
                }
                ok &= fabs(prod - (i == j)) < 1e-12;
            }
        }
        CHECK(ok);
        CHECK_EQ_I64(kehu_spd_inverse(bad, 2, inv), KEHU_ERANGE);
    }
    check_flat_ridge();
}
