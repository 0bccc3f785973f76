/* SPDX-License-Identifier: MIT */
/*
 * BFGS minimisation (Nocedal & Wright, Numerical Optimization, 2nd ed.,
 * algorithm 6.1, with the inverse-Hessian update of eq. (6.17) and the
 * initial scaling of eq. (6.20)) behind the GSL-multimin-style interface of
 * kehu/optim.h. The line search is backtracking with a safeguarded
 * quadratic interpolation and the Armijo condition (c1 = 1e-4) plus a
 * strict decrease (so a flat ridge ends in KEHU_ENOPROG, not an endless
 * loop), evaluating value and gradient together at each trial; a step that
 * would leave the box |x_i| <= bound is projected onto it, and the first
 * trial step is shortened so no coordinate moves more than max_step. A
 * non-finite value at a trial point counts as "too far" and shrinks the
 * step. The update is skipped when the curvature s'y is not positive,
 * which keeps the inverse Hessian positive definite.
 *
 * Does not: handle general constraints, or allocate after kehu_fit_new.
 */
#include "kehu/optim.h"

#include "kehu/alloc.h"

#include <math.h>
#include <string.h>

#define ARMIJO_C1   1e-4
#define MAX_BACKTRK 60

struct kehu_fit {
    const kehu_fit_type *type;
    void *state;
    kehu_objective fn;
    kehu_fit_options o;
    size_t n;
    size_t iter;
    double *x, *g; /* n each */
    double f;
};

void kehu_fit_options_init(kehu_fit_options *o)
{
    memset(o, 0, sizeof *o);
    o->epsabs = 1e-8;
    o->max_step = 2.0;
    o->bound = 18.420680743952367; /* log(1e8) */
    o->max_iter = 500;
    o->n_start = 0;
}

/* ------------------------------------------------------------------ */
/* BFGS state                                                           */

typedef struct bfgs_state {
    size_t n;
    double *h;                        /* inverse Hessian approximation, n x n */
    double *p, *xt, *gt, *s, *y, *hy; /* n each */
    double max_step, bound, epsabs;
    int fresh; /* 1 until the first update (scale H first) */
} bfgs_state;

static kehu_status bfgs_alloc(void *vs, size_t n)
{
    bfgs_state *s = vs;

    s->n = n;
    s->h = kehu_calloc(n * n + 6 * n, sizeof(double));
    if (s->h == NULL) {
        return KEHU_ENOMEM;
    }
    s->p = s->h + n * n;
    s->xt = s->p + n;
    s->gt = s->xt + n;
    s->s = s->gt + n;
    s->y = s->s + n;
    s->hy = s->y + n;
    return KEHU_OK;
}

static void bfgs_free(void *vs)
{
    bfgs_state *s = vs;

    kehu_free(s->h);
    s->h = NULL;
}

static void reset_h(bfgs_state *s)
{
    size_t i;

    memset(s->h, 0, s->n * s->n * sizeof(double));
    for (i = 0; i < s->n; i++) {
        s->h[i * s->n + i] = 1.0;
    }
    s->fresh = 1;
}

static int all_finite(const double *v, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++) {
        if (!isfinite(v[i])) {
            return 0;
        }
    }
    return 1;
}

static double max_abs(const double *v, size_t n)
{
    double m = 0.0;
    size_t i;

    for (i = 0; i < n; i++) {
        m = fmax(m, fabs(v[i]));
    }
    return m;
}

static double clamp(double v, double b)
{
    return v > b ? b : (v < -b ? -b : v);
}

static kehu_status bfgs_set(void *vs, const kehu_objective *fn, double *x,
                            double *f, double *g, const kehu_fit_options *o)
{
    bfgs_state *s = vs;
    size_t i;

    s->max_step = o->max_step;
    s->bound = o->bound;
    s->epsabs = o->epsabs;
    for (i = 0; i < s->n; i++) {
        x[i] = clamp(x[i], s->bound);
    }
    fn->fdf(x, fn->params, f, g);
    if (!isfinite(*f) || !all_finite(g, s->n)) {
        return KEHU_EBADFUNC;
    }
    reset_h(s);
    return KEHU_OK;
}

/* p = -H g; returns the directional derivative g'p. */
static double direction(bfgs_state *s, const double *g)
{
    size_t i, j, n = s->n;
    double d = 0.0;

    for (i = 0; i < n; i++) {
        double v = 0.0;
        for (j = 0; j < n; j++) {
            v -= s->h[i * n + j] * g[j];
        }
        s->p[i] = v;
        d += v * g[i];
    }
    return d;
}

/* Backtracking from step t along p; on success xt, gt, *ft hold the
 * accepted point. Returns 1 on success, 0 when no decrease was found. */
static int line_search(bfgs_state *s, const kehu_objective *fn, const double *x,
                       double f, double slope, double *ft)
{
    size_t i, k, n = s->n;
    double pmax = max_abs(s->p, n);
    double t = 1.0;

    if (pmax * t > s->max_step) {
        t = s->max_step / pmax;
    }
    for (k = 0; k < MAX_BACKTRK; k++) {
        double fv, tn;
        int moved = 0;
        for (i = 0; i < n; i++) {
            s->xt[i] = clamp(x[i] + t * s->p[i], s->bound);
            moved |= fabs(s->xt[i] - x[i]) > 1e-13 * fmax(1.0, fabs(x[i]));
        }
        if (!moved) {
            return 0; /* the step vanished: at the noise floor */
        }
        /* Value and gradient in one call: the models share most of the
           work between them, and an accepted step needs both. */
        fn->fdf(s->xt, fn->params, &fv, s->gt);
        /* Armijo, and a real decrease: at the noise floor f + c1 t slope
           rounds to f, and accepting fv == f would loop forever on a
           flat ridge. */
        if (isfinite(fv) && fv <= f + ARMIJO_C1 * t * slope && fv < f) {
            if (all_finite(s->gt, n)) {
                *ft = fv;
                return 1;
            }
            tn = 0.1 * t;
        } else if (isfinite(fv)) {
            /* Minimiser of the quadratic through f, slope and fv,
               safeguarded to [0.1 t, 0.5 t]. */
            double den = 2.0 * (fv - f - slope * t);
            tn = den > 0 ? -slope * t * t / den : 0.5 * t;
            tn = fmin(fmax(tn, 0.1 * t), 0.5 * t);
        } else {
            tn = 0.1 * t;
        }
        t = tn;
    }
    return 0;
}

static void bfgs_update(bfgs_state *s)
{
    size_t i, j, n = s->n;
    double sy = 0.0, yy = 0.0, yhy = 0.0;

    for (i = 0; i < n; i++) {
        sy += s->s[i] * s->y[i];
        yy += s->y[i] * s->y[i];
    }
    if (!(sy > 1e-12 * sqrt(yy) * max_abs(s->s, n)) || !(yy > 0)) {
        return; /* no positive curvature: keep H */
    }
    if (s->fresh) {
        /* eq. (6.20): H0 = (s'y / y'y) I */
        for (i = 0; i < n * n; i++) {
            s->h[i] *= sy / yy;
        }
        s->fresh = 0;
    }
    for (i = 0; i < n; i++) {
        double v = 0.0;
        for (j = 0; j < n; j++) {
            v += s->h[i * n + j] * s->y[j];
        }
        s->hy[i] = v;
        yhy += v * s->y[i];
    }
    /* eq. (6.17) expanded: H += ((sy + yHy) ss' )/sy^2 - (Hy s' + s y'H)/sy */
    for (i = 0; i < n; i++) {
        for (j = 0; j < n; j++) {
            s->h[i * n + j] += (sy + yhy) * s->s[i] * s->s[j] / (sy * sy) -
                               (s->hy[i] * s->s[j] + s->s[i] * s->hy[j]) / sy;
        }
    }
}

static kehu_status bfgs_iterate(void *vs, const kehu_objective *fn, double *x,
                                double *f, double *g)
{
    bfgs_state *s = vs;
    size_t i, n = s->n;
    double ft;
    int attempt;

    if (max_abs(g, n) <= s->epsabs) {
        return KEHU_OK;
    }
    for (attempt = 0; attempt < 2; attempt++) {
        double slope = direction(s, g);
        if (!(slope < 0)) {
            reset_h(s);
            slope = direction(s, g);
        }
        if (line_search(s, fn, x, *f, slope, &ft)) {
            break;
        }
        if (attempt == 1 || s->fresh) {
            /* Steepest descent failed too: at the noise floor or stuck. */
            return max_abs(g, n) <= 1e3 * s->epsabs ? KEHU_OK : KEHU_ENOPROG;
        }
        reset_h(s);
    }
    for (i = 0; i < n; i++) {
        s->s[i] = s->xt[i] - x[i];
        s->y[i] = s->gt[i] - g[i];
        x[i] = s->xt[i];
        g[i] = s->gt[i];
    }
    *f = ft;
    bfgs_update(s);
    return max_abs(g, n) <= s->epsabs ? KEHU_OK : KEHU_CONTINUE;
}

static const kehu_fit_type bfgs_type = {
    "bfgs", sizeof(bfgs_state), bfgs_alloc, bfgs_set, bfgs_iterate, bfgs_free,
};
const kehu_fit_type *const kehu_fit_bfgs = &bfgs_type;

/* ------------------------------------------------------------------ */
/* The minimiser                                                        */

kehu_status kehu_fit_new(const kehu_fit_type *type, size_t n, kehu_fit **out)
{
    kehu_fit *s;
    kehu_status rc;

    *out = NULL;
    if (n == 0 || type == NULL) {
        return KEHU_EINVAL;
    }
    s = kehu_calloc(1, sizeof *s);
    if (s == NULL) {
        return KEHU_ENOMEM;
    }
    s->type = type;
    s->n = n;
    s->x = kehu_calloc(2 * n, sizeof(double));
    if (s->x == NULL) {
        rc = KEHU_ENOMEM;
        goto fail_s;
    }
    s->g = s->x + n;
    s->state = kehu_calloc(1, type->size);
    if (s->state == NULL) {
        rc = KEHU_ENOMEM;
        goto fail_x;
    }
    rc = type->alloc(s->state, n);
    if (rc != KEHU_OK) {
        goto fail_state;
    }
    kehu_fit_options_init(&s->o);
    *out = s;
    return KEHU_OK;

fail_state:
    kehu_free(s->state);
fail_x:
    kehu_free(s->x);
fail_s:
    kehu_free(s);
    return rc;
}

void kehu_fit_free(kehu_fit *s)
{
    if (s == NULL) {
        return;
    }
    s->type->free(s->state);
    kehu_free(s->state);
    kehu_free(s->x);
    kehu_free(s);
}

kehu_status kehu_fit_set(kehu_fit *s, const kehu_objective *fn,
                         const double *x0, const kehu_fit_options *o)
{
    if (fn->n != s->n || fn->f == NULL || fn->fdf == NULL) {
        return KEHU_EINVAL;
    }
    s->fn = *fn;
    if (o != NULL) {
        s->o = *o;
    } else {
        kehu_fit_options_init(&s->o);
    }
    s->iter = 0;
    memcpy(s->x, x0, s->n * sizeof(double));
    return s->type->set(s->state, &s->fn, s->x, &s->f, s->g, &s->o);
}

kehu_status kehu_fit_iterate(kehu_fit *s)
{
    kehu_status rc;

    if (s->iter >= s->o.max_iter) {
        return KEHU_EMAXITER;
    }
    s->iter++;
    rc = s->type->iterate(s->state, &s->fn, s->x, &s->f, s->g);
    if (rc == KEHU_CONTINUE && s->iter >= s->o.max_iter) {
        return KEHU_EMAXITER;
    }
    return rc;
}

kehu_status kehu_fit_test_gradient(const kehu_fit *s, double epsabs)
{
    return max_abs(s->g, s->n) <= epsabs ? KEHU_OK : KEHU_CONTINUE;
}

const double *kehu_fit_x(const kehu_fit *s)
{
    return s->x;
}

double kehu_fit_f(const kehu_fit *s)
{
    return s->f;
}

const double *kehu_fit_g(const kehu_fit *s)
{
    return s->g;
}

size_t kehu_fit_iterations(const kehu_fit *s)
{
    return s->iter;
}

int kehu_fit_at_bound(const kehu_fit *s)
{
    size_t i;

    for (i = 0; i < s->n; i++) {
        if (fabs(s->x[i]) >= s->o.bound * (1 - 1e-9)) {
            return 1;
        }
    }
    return 0;
}

kehu_status kehu_spd_inverse(const double *a, size_t n, double *inv)
{
    double l[64] = {0}, col[8] = {0}; /* zeroed for cppcheck, which
                                       * does not follow the Cholesky */
    size_t i, j, k;

    if (n == 0 || n > 8) {
        return KEHU_EINVAL;
    }
    /* Cholesky a = L L'. */
    for (i = 0; i < n; i++) {
        for (j = 0; j <= i; j++) {
            double v = a[i * n + j];
            for (k = 0; k < j; k++) {
                v -= l[i * n + k] * l[j * n + k];
            }
            if (i == j) {
                if (!(v > 0) || !isfinite(v)) {
                    return KEHU_ERANGE;
                }
                l[i * n + i] = sqrt(v);
            } else {
                l[i * n + j] = v / l[j * n + j];
            }
        }
    }
    /* Solve L L' col = e_c for every column c. */
    for (size_t c = 0; c < n; c++) {
        for (i = 0; i < n; i++) {
            double v = i == c ? 1.0 : 0.0;
            for (k = 0; k < i; k++) {
                v -= l[i * n + k] * col[k];
            }
            col[i] = v / l[i * n + i];
        }
        for (i = n; i-- > 0;) {
            double v = col[i];
            for (k = i + 1; k < n; k++) {
                v -= l[k * n + i] * col[k];
            }
            col[i] = v / l[i * n + i];
        }
        for (i = 0; i < n; i++) {
            inv[i * n + c] = col[i];
        }
    }
    return KEHU_OK;
}
