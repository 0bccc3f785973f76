/* SPDX-License-Identifier: MIT */
/*
 * The maximum-likelihood driver (src/lib/mle.h): BFGS on log-parameters
 * from each start in turn, standard errors from the observed information,
 * AIC and BIC. A start is accepted when it converged strictly inside the
 * parameter box and the observed information is positive definite; a
 * start that ran to the box (a parameter heading to 0 or infinity, as
 * when the data hold no repeat purchases) is rejected, and when every
 * start is rejected so, the fit fails with KEHU_EIDENT rather than return
 * an absurd optimum.
 *
 * Standard errors: the Hessian H of -LL (total, not mean) w.r.t. the
 * log-parameters theta is taken by central differences of the gradient;
 * at the optimum the observed information in natural scale is
 * J^-1 H J^-1 with J = diag(p), so se(p_i) = p_i sqrt((H^-1)_ii)
 * (the delta method, which is exact here because the gradient is zero).
 */
#include "mle.h"

#include <math.h>
#include <string.h>

#define HESS_STEP 1e-4

double kehu__logsumexp(double a, double b)
{
    double m = a > b ? a : b;

    if (m == -INFINITY) {
        return -INFINITY;
    }
    return m + log1p(exp(-fabs(a - b)));
}

typedef struct objective_ctx {
    const kehu__model *m;
    const kehu_hist *h;
} objective_ctx;

static double obj_f(const double *x, void *params)
{
    const objective_ctx *c = params;

    return c->m->nll(x, c->h, NULL);
}

static void obj_df(const double *x, void *params, double *g)
{
    const objective_ctx *c = params;

    (void)c->m->nll(x, c->h, g);
}

static void obj_fdf(const double *x, void *params, double *f, double *g)
{
    const objective_ctx *c = params;

    *f = c->m->nll(x, c->h, g);
}

void kehu__mle_numgrad(kehu__nll_fn nll, const double *lp, size_t n,
                       const kehu_hist *h, double h_step, double *g)
{
    double x[KEHU_MAX_PARAMS];
    size_t i;

    memcpy(x, lp, n * sizeof(double));
    for (i = 0; i < n; i++) {
        double fp, fm;
        x[i] = lp[i] + h_step;
        fp = nll(x, h, NULL);
        x[i] = lp[i] - h_step;
        fm = nll(x, h, NULL);
        x[i] = lp[i];
        g[i] = (fp - fm) / (2 * h_step);
    }
}

/* Standard errors at log-parameters lp. Returns KEHU_OK or KEHU_ERANGE
 * (information not positive definite or not finite). */
static kehu_status standard_errors(const kehu__model *m, const kehu_hist *h,
                                   const double *lp, double *se)
{
    size_t n = m->n_params, i, j;
    double hess[KEHU_MAX_PARAMS * KEHU_MAX_PARAMS];
    double inv[KEHU_MAX_PARAMS * KEHU_MAX_PARAMS];
    double x[KEHU_MAX_PARAMS], gp[KEHU_MAX_PARAMS], gm[KEHU_MAX_PARAMS];
    kehu_status rc;

    memcpy(x, lp, n * sizeof(double));
    for (j = 0; j < n; j++) {
        x[j] = lp[j] + HESS_STEP;
        (void)m->nll(x, h, gp);
        x[j] = lp[j] - HESS_STEP;
        (void)m->nll(x, h, gm);
        x[j] = lp[j];
        for (i = 0; i < n; i++) {
            hess[i * n + j] = h->total * (gp[i] - gm[i]) / (2 * HESS_STEP);
        }
    }
    for (i = 0; i < n; i++) {
        for (j = 0; j < i; j++) {
            double v = 0.5 * (hess[i * n + j] + hess[j * n + i]);
            hess[i * n + j] = v;
            hess[j * n + i] = v;
        }
    }
    rc = kehu_spd_inverse(hess, n, inv);
    if (rc != KEHU_OK) {
        return KEHU_ERANGE;
    }
    for (i = 0; i < n; i++) {
        se[i] = exp(lp[i]) * sqrt(inv[i * n + i]);
        if (!isfinite(se[i])) {
            return KEHU_ERANGE;
        }
    }
    return KEHU_OK;
}

static double max_abs(const double *v, size_t n)
{
    double r = 0;
    size_t i;

    for (i = 0; i < n; i++) {
        r = fmax(r, fabs(v[i]));
    }
    return r;
}

kehu_status kehu__mle_fit(const kehu__model *m, const kehu_hist *h,
                          const double (*starts)[KEHU_MAX_PARAMS],
                          size_t n_starts, const kehu_fit_options *o,
                          kehu_fit_result *out)
{
    kehu_fit_options opt;
    objective_ctx ctx = {m, h};
    kehu_objective fn = {obj_f, obj_df, obj_fdf, m->n_params, &ctx};
    kehu_fit *s = NULL;
    kehu_status rc, last = KEHU_EIDENT;
    size_t k, i, n = m->n_params;
    int all_bound = 1;

    memset(out, 0, sizeof *out);
    out->n_params = n;
    out->customers = h->total;
    out->unique = h->n;
    out->status = KEHU_EIDENT;
    if (o != NULL) {
        opt = *o;
    } else {
        kehu_fit_options_init(&opt);
    }
    if (opt.n_start == 1) {
        starts = (const double(*)[KEHU_MAX_PARAMS])opt.start;
        n_starts = 1;
    }
    rc = kehu_fit_new(kehu_fit_bfgs, n, &s);
    if (rc != KEHU_OK) {
        out->status = rc;
        return rc;
    }
    for (k = 0; k < n_starts; k++) {
        double x0[KEHU_MAX_PARAMS];
        for (i = 0; i < n; i++) {
            if (!(starts[k][i] > 0) || !isfinite(starts[k][i])) {
                rc = KEHU_EINVAL;
                goto done;
            }
            x0[i] = log(starts[k][i]);
        }
        out->starts = k + 1;
        rc = kehu_fit_set(s, &fn, x0, &opt);
        while (rc == KEHU_OK) {
            rc = kehu_fit_iterate(s);
            if (rc == KEHU_CONTINUE) {
                rc = KEHU_OK;
                continue;
            }
            if (rc == KEHU_OK) {
                rc = KEHU_DONE;
            }
        }
        if (rc == KEHU_DONE && kehu_fit_at_bound(s)) {
            last = KEHU_EIDENT;
            continue;
        }
        if (rc != KEHU_DONE && rc != KEHU_EMAXITER && rc != KEHU_ENOPROG) {
            last = rc;
            all_bound = 0;
            continue;
        }
        if (rc != KEHU_DONE) {
            if (!kehu_fit_at_bound(s)) {
                all_bound = 0;
                last = rc;
            }
            continue;
        }
        /* Converged inside the box. */
        {
            const double *x = kehu_fit_x(s);
            double se[KEHU_MAX_PARAMS];
            kehu_status se_rc = standard_errors(m, h, x, se);
            if (se_rc != KEHU_OK) {
                /* A flat direction: the data do not identify it. */
                last = KEHU_EIDENT;
                continue;
            }
            for (i = 0; i < n; i++) {
                out->params[i] = exp(x[i]);
                out->se[i] = se[i];
            }
            out->se_ok = 1;
            out->ll = -h->total * kehu_fit_f(s);
            out->aic = 2.0 * (double)n - 2.0 * out->ll;
            out->bic = (double)n * log(h->total) - 2.0 * out->ll;
            out->converged = 1;
            out->iterations = kehu_fit_iterations(s);
            out->grad_norm = max_abs(kehu_fit_g(s), n);
            out->status = KEHU_OK;
            rc = KEHU_OK;
            goto done;
        }
    }
    rc = all_bound ? KEHU_EIDENT : last;
    out->status = rc;
done:
    kehu_fit_free(s);
    if (rc != KEHU_OK) {
        out->status = rc;
    }
    return rc;
}

kehu_status kehu__mle_check_rfm(const kehu_hist *h, double *mean_T)
{
    double repeats = 0.0, sum_T = 0.0;
    size_t i;

    for (i = 0; i < h->n; i++) {
        double x = h->x[i], tx = h->t_x[i], T = h->T[i];
        if (!(x >= 0) || !(tx >= 0) || !(tx <= T) || (x == 0 && tx != 0)) {
            return KEHU_ERANGE;
        }
        repeats += h->w[i] * x;
        sum_T += h->w[i] * T;
    }
    *mean_T = sum_T / h->total;
    if (!(repeats > 0) || h->n < 2 || !(*mean_T > 0)) {
        return KEHU_EIDENT;
    }
    return KEHU_OK;
}
