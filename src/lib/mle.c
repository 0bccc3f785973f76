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
 *
 * Identification: a fit is refused (KEHU_EIDENT) when there are no more
 * unique histories than parameters, when every start ends on the box or
 * with a parameter outside [KEHU__PMIN, KEHU__PMAX], when the information
 * is not positive definite, or when some se(log p) exceeds
 * KEHU__LOGSE_MAX (a ridge: the data leave the parameter's order of
 * magnitude open).
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
    void *ws;
} objective_ctx;

static double obj_f(const double *x, void *params)
{
    const objective_ctx *c = params;

    return c->m->nll(x, c->h, c->ws, NULL);
}

static void obj_df(const double *x, void *params, double *g)
{
    const objective_ctx *c = params;

    (void)c->m->nll(x, c->h, c->ws, g);
}

static void obj_fdf(const double *x, void *params, double *f, double *g)
{
    const objective_ctx *c = params;

    *f = c->m->nll(x, c->h, c->ws, g);
}

void kehu__mle_numgrad(kehu__nll_fn nll, const double *lp, size_t n,
                       const kehu_hist *h, void *ws, double h_step, double *g)
{
    double x[KEHU_MAX_PARAMS];
    size_t i;

    memcpy(x, lp, n * sizeof(double));
    for (i = 0; i < n; i++) {
        double fp, fm;
        x[i] = lp[i] + h_step;
        fp = nll(x, h, ws, NULL);
        x[i] = lp[i] - h_step;
        fm = nll(x, h, ws, NULL);
        x[i] = lp[i];
        g[i] = (fp - fm) / (2 * h_step);
    }
}

/* Standard errors at log-parameters lp. Returns KEHU_OK or KEHU_ERANGE
 * (information not positive definite or not finite). */
static kehu_status standard_errors(const kehu__model *m, const kehu_hist *h,
                                   void *ws, const double *lp, double *se)
{
    size_t n = m->n_params, i, j;
    double hess[KEHU_MAX_PARAMS * KEHU_MAX_PARAMS];
    double inv[KEHU_MAX_PARAMS * KEHU_MAX_PARAMS];
    double x[KEHU_MAX_PARAMS], gp[KEHU_MAX_PARAMS], gm[KEHU_MAX_PARAMS];
    kehu_status rc;

    memcpy(x, lp, n * sizeof(double));
    for (j = 0; j < n; j++) {
        x[j] = lp[j] + HESS_STEP;
        (void)m->nll(x, h, ws, gp);
        x[j] = lp[j] - HESS_STEP;
        (void)m->nll(x, h, ws, gm);
        /* cppcheck-suppress unreadVariable ; restored for the next j */
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

/* 1 when every parameter exp(lp_i) lies in [KEHU__PMIN, KEHU__PMAX]. */
static int plausible(const double *lp, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++) {
        if (!(lp[i] >= log(KEHU__PMIN)) || !(lp[i] <= log(KEHU__PMAX))) {
            return 0;
        }
    }
    return 1;
}

/* A start that ended where the data cannot pin a parameter down (on the
 * box, outside [PMIN, PMAX], on a flat direction or a ridge): its
 * log-likelihood is kept in out->ll_edge, the height the likelihood rises
 * to there, so a caller can compare it with a limiting model. */
static kehu_status edge(const kehu_fit *s, const kehu_hist *h,
                        kehu_fit_result *out)
{
    double ll = -h->total * kehu_fit_f(s);

    if (isfinite(ll) && ll > out->ll_edge) {
        out->ll_edge = ll;
    }
    return KEHU_EIDENT;
}

/* Run one start from natural-scale x0; KEHU_OK fills *out. */
static kehu_status run_start(const kehu__model *m, const kehu_hist *h,
                             kehu_fit *s, const kehu_objective *fn,
                             const double *start, const kehu_fit_options *o,
                             kehu_fit_result *out)
{
    const objective_ctx *ctx = fn->params;
    double x0[KEHU_MAX_PARAMS], se[KEHU_MAX_PARAMS];
    const double *x;
    size_t i, n = m->n_params;
    kehu_status rc;

    for (i = 0; i < n; i++) {
        if (!(start[i] > 0) || !isfinite(start[i])) {
            return KEHU_EINVAL;
        }
        x0[i] = log(start[i]);
    }
    rc = kehu_fit_set(s, fn, x0, o);
    while (rc == KEHU_OK) {
        rc = kehu_fit_iterate(s);
        if (rc == KEHU_CONTINUE) {
            rc = KEHU_OK;
        } else if (rc == KEHU_OK) {
            rc = KEHU_DONE;
        }
    }
    x = kehu_fit_x(s);
    if (rc == KEHU_EMAXITER || rc == KEHU_ENOPROG || rc == KEHU_DONE) {
        /* Ran to the box or out of [PMIN, PMAX]: a parameter heading to 0
           or infinity, which the data cannot pin down. */
        if (kehu_fit_at_bound(s) || !plausible(x, n)) {
            return edge(s, h, out);
        }
    }
    if (rc != KEHU_DONE) {
        return rc;
    }
    if (standard_errors(m, h, ctx->ws, x, se) != KEHU_OK) {
        return edge(s, h, out); /* a flat direction */
    }
    for (i = 0; i < n; i++) {
        /* se of log p above KEHU__LOGSE_MAX: the optimum sits on a
           ridge along which the parameter could be any order of
           magnitude (e.g. BG/BB's gamma, delta -> infinity together
           when nobody has dropped out yet) */
        if (!(se[i] <= KEHU__LOGSE_MAX * exp(x[i]))) {
            return edge(s, h, out);
        }
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
    return KEHU_OK;
}

kehu_status kehu__mle_fit(const kehu__model *m, const kehu_hist *h,
                          const double (*starts)[KEHU_MAX_PARAMS],
                          size_t n_starts, const kehu_fit_options *o,
                          kehu_fit_result *out)
{
    kehu_fit_options opt;
    objective_ctx ctx = {m, h, NULL};
    kehu_objective fn = {obj_f, obj_df, obj_fdf, m->n_params, &ctx};
    kehu_fit *s = NULL;
    kehu_status rc = KEHU_EIDENT, last = KEHU_EIDENT;
    size_t k, n = m->n_params;
    int all_ident = 1;

    memset(out, 0, sizeof *out);
    out->n_params = n;
    out->customers = h->total;
    out->unique = h->n;
    out->status = KEHU_EIDENT;
    out->ll_edge = -INFINITY;
    if (o != NULL) {
        opt = *o;
    } else {
        kehu_fit_options_init(&opt);
    }
    if (opt.n_start == 1) {
        starts = (const double(*)[KEHU_MAX_PARAMS])opt.start;
        n_starts = 1;
    }
    /* n parameters need more than n distinct histories. */
    if (h->n <= n) {
        return KEHU_EIDENT;
    }
    if (m->prepare != NULL) {
        rc = m->prepare(h, &ctx.ws);
        if (rc != KEHU_OK) {
            out->status = rc;
            return rc;
        }
    }
    rc = kehu_fit_new(kehu_fit_bfgs, n, &s);
    for (k = 0; rc == KEHU_OK && k < n_starts; k++) {
        out->starts = k + 1;
        rc = run_start(m, h, s, &fn, starts[k], &opt, out);
        if (rc == KEHU_OK || rc == KEHU_EINVAL || rc == KEHU_ENOMEM) {
            break;
        }
        if (rc != KEHU_EIDENT) {
            all_ident = 0;
            last = rc;
        }
        rc = KEHU_OK; /* try the next start */
        if (k + 1 == n_starts) {
            rc = all_ident ? KEHU_EIDENT : last;
        }
    }
    if (n_starts == 0) {
        rc = KEHU_EINVAL;
    }
    kehu_fit_free(s);
    if (m->release != NULL) {
        m->release(ctx.ws);
    }
    out->status = rc;
    if (rc != KEHU_OK) {
        out->converged = 0;
    }
    return rc;
}

kehu_status kehu__mle_ll(const kehu__model *m, const double *p,
                         const kehu_hist *h, double *ll, double *grad)
{
    double lp[KEHU_MAX_PARAMS], f;
    void *ws = NULL;
    size_t i, n = m->n_params;
    kehu_status rc;

    for (i = 0; i < n; i++) {
        if (!(p[i] > 0) || !isfinite(p[i])) {
            return KEHU_ERANGE;
        }
        lp[i] = log(p[i]);
    }
    if (m->check != NULL && (rc = m->check(h)) != KEHU_OK) {
        return rc;
    }
    if (m->prepare != NULL && (rc = m->prepare(h, &ws)) != KEHU_OK) {
        return rc;
    }
    f = m->nll(lp, h, ws, grad);
    if (m->release != NULL) {
        m->release(ws);
    }
    if (!isfinite(f)) {
        return KEHU_ERANGE;
    }
    *ll = -f * h->total;
    if (grad != NULL) {
        for (i = 0; i < n; i++) { /* d LL / d log p_i */
            grad[i] *= -h->total;
        }
    }
    return KEHU_OK;
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
