/* SPDX-License-Identifier: MIT */
/*
 * Unconstrained minimisation of a smooth function of a few variables, in the
 * manner of GSL's multimin: an objective {f, df, fdf, n, params}, an
 * optimiser type (a const vtable), and the INITIALIZE / ITERATE / TEST loop
 * kehu_fit_set, kehu_fit_iterate, kehu_fit_test_gradient.
 *
 * The one optimiser is BFGS on the inverse Hessian with a safeguarded
 * backtracking line search: no coordinate moves more than max_step in one
 * iteration and every coordinate stays within [-bound, bound]. The models
 * minimise over log-parameters, so max_step bounds the factor by which a
 * parameter may change per iteration and bound keeps parameters within
 * [exp(-bound), exp(bound)]: a run-away parameter stops at the box, where
 * the caller can see it and report that the data do not identify the model.
 *
 * Workspaces are allocated by kehu_fit_new only; set and iterate never
 * allocate. No I/O, no global state.
 */
#ifndef KEHU_OPTIM_H
#define KEHU_OPTIM_H

#include "kehu/status.h"

#include <stddef.h>

/* The function to minimise. f returns the value (non-finite when x is
 * outside the domain); df writes the gradient into g; fdf both. */
typedef struct kehu_objective {
    double (*f)(const double *x, void *params);
    void (*df)(const double *x, void *params, double *g);
    void (*fdf)(const double *x, void *params, double *f, double *g);
    size_t n;
    void *params;
} kehu_objective;

/* Options with their defaults (kehu_fit_options_init). */
typedef struct kehu_fit_options {
    double epsabs;   /* converged when max |g_i| <= epsabs (1e-8) */
    double max_step; /* largest change of one coordinate per iteration (2) */
    double bound;    /* |x_i| <= bound; log(1e8) = 18.42 by default */
    size_t max_iter; /* iterations per start (500) */
    size_t n_start;  /* 0: the model's own starts; else start[] is used */
    double start[4]; /* natural-scale start values when n_start = 1 */
} kehu_fit_options;

void kehu_fit_options_init(kehu_fit_options *o);

typedef struct kehu_fit kehu_fit;

/* An optimiser type: GSL-style vtable over an opaque state of `size`
 * bytes. iterate returns KEHU_CONTINUE after a step, KEHU_OK when it has
 * converged (max |g_i| <= epsabs), or an error. */
typedef struct kehu_fit_type {
    const char *name;
    size_t size;
    kehu_status (*alloc)(void *state, size_t n);
    kehu_status (*set)(void *state, const kehu_objective *fn, double *x,
                       double *f, double *g, const kehu_fit_options *o);
    kehu_status (*iterate)(void *state, const kehu_objective *fn, double *x,
                           double *f, double *g);
    void (*free)(void *state);
} kehu_fit_type;

/* BFGS with a safeguarded backtracking line search. */
extern const kehu_fit_type *const kehu_fit_bfgs;

/* A minimiser for n variables. KEHU_ENOMEM, KEHU_EINVAL (n == 0). */
kehu_status kehu_fit_new(const kehu_fit_type *type, size_t n, kehu_fit **out);
void kehu_fit_free(kehu_fit *s);

/* INITIALIZE at x0 (clamped into the box). Returns KEHU_EBADFUNC when f or
 * g is not finite at x0, KEHU_EINVAL when fn->n differs from the
 * minimiser's n. o may be NULL (defaults). */
kehu_status kehu_fit_set(kehu_fit *s, const kehu_objective *fn,
                         const double *x0, const kehu_fit_options *o);

/* One ITERATION: KEHU_CONTINUE, KEHU_OK (converged), KEHU_EMAXITER,
 * KEHU_ENOPROG (the line search found no decrease while the gradient is
 * not small) or KEHU_EBADFUNC. */
kehu_status kehu_fit_iterate(kehu_fit *s);

/* TEST: KEHU_OK when max |g_i| <= epsabs, else KEHU_CONTINUE. */
kehu_status kehu_fit_test_gradient(const kehu_fit *s, double epsabs);

/* The current point, value and gradient (n entries, owned by s). */
const double *kehu_fit_x(const kehu_fit *s);
double kehu_fit_f(const kehu_fit *s);
const double *kehu_fit_g(const kehu_fit *s);
size_t kehu_fit_iterations(const kehu_fit *s);
/* 1 when some coordinate sits on the box |x_i| = bound. */
int kehu_fit_at_bound(const kehu_fit *s);

/*
 * The inverse of a symmetric positive definite n x n matrix (row-major a,
 * n <= 8) into inv, by Cholesky. KEHU_ERANGE when a is not positive
 * definite. Used for standard errors from the observed information.
 */
kehu_status kehu_spd_inverse(const double *a, size_t n, double *inv);

#endif
