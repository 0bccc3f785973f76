/* SPDX-License-Identifier: MIT */
/*
 * P(active in a future window) under BG/NBD, MBG/NBD and Pareto/NBD, and
 * the expected active customers per period (see kehu/activity.h for the
 * derivation).
 */
#include "kehu/activity.h"

#include "sort.h"
#include "special.h"

#include "kehu/alloc.h"
#include "kehu/bgnbd.h"
#include "kehu/mbgnbd.h"
#include "kehu/pnbd.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* log G(c) = log E[exp(-lambda (p s + c))], lambda ~ Gamma(r, alpha),
 * p ~ Beta(a, b). */
static kehu_status log_g(double r, double al, double a, double b, double s,
                         double c, double *out)
{
    double lf = 0;
    kehu_status rc = KEHU_OK;

    if (s > 0) {
        rc = kehu__log_hyp2f1(r, b, a + b, s / (al + c + s), &lf);
    }
    *out = r * (log(al) - log(al + c + s)) + lf;
    return rc;
}

/* Q(s, d) for the BG/NBD-type process with posterior (r, alpha, a, b). */
static kehu_status q_bg(double r, double al, double a, double b, double s,
                        double d, double *out)
{
    double g0, gd;
    kehu_status rc = log_g(r, al, a, b, s, 0, &g0);

    if (rc == KEHU_OK) {
        rc = log_g(r, al, a, b, s, d, &gd);
    }
    if (rc != KEHU_OK) {
        return KEHU_ERANGE;
    }
    /* exp(g0) - exp(gd) = exp(g0) (1 - exp(gd - g0)), gd <= g0. */
    *out = gd < g0 ? exp(g0 + kehu__log1mexp(g0 - gd)) : 0;
    return KEHU_OK;
}

/* Q(s, d) for Pareto/NBD with posterior (r, alpha, s_mu, beta). */
static double q_pnbd(double r, double al, double sm, double be, double s,
                     double d)
{
    /* 8-point Gauss-Legendre nodes and weights on [-1, 1]. */
    static const double xg[4] = {0.1834346424956498, 0.5255324099163290,
                                 0.7966664774136267, 0.9602898564975363};
    static const double wg[4] = {0.3626837833783620, 0.3137066458778873,
                                 0.2223810344533745, 0.1012285362903763};
    const int panels = 8;
    double sum = 0, h = d / panels;
    int i, k, sgn;

    for (i = 0; i < panels; i++) {
        double mid = (i + 0.5) * h;
        for (k = 0; k < 4; k++) {
            for (sgn = -1; sgn <= 1; sgn += 2) {
                double v = mid + sgn * xg[k] * h / 2;
                double f = r / (al + v) *
                           exp(r * (log(al) - log(al + v)) +
                               sm * (log(be) - log(be + s + v)));
                sum += wg[k] * f;
            }
        }
    }
    return sum * h / 2;
}

/* Q(s, d) of a customer alive at T with x repeat purchases. */
static kehu_status window_q(kehu_model_kind kind, const double *p, double x,
                            double T, double s, double d, double *out)
{
    if (d == 0) {
        *out = 0;
        return KEHU_OK;
    }
    switch (kind) {
    case KEHU_MODEL_BGNBD:
        return q_bg(p[0] + x, p[1] + T, p[2], p[3] + x, s, d, out);
    case KEHU_MODEL_MBGNBD:
        return q_bg(p[0] + x, p[1] + T, p[2], p[3] + x + 1, s, d, out);
    case KEHU_MODEL_PNBD:
        *out = q_pnbd(p[0] + x, p[1] + T, p[2], p[3] + T, s, d);
        return isfinite(*out) ? KEHU_OK : KEHU_ERANGE;
    default:
        return KEHU_EINVAL;
    }
}

static double p_alive(kehu_model_kind kind, const double *p, double x,
                      double t_x, double T)
{
    switch (kind) {
    case KEHU_MODEL_BGNBD:
        return kehu_bgnbd_p_alive(p, x, t_x, T);
    case KEHU_MODEL_MBGNBD:
        return kehu_mbgnbd_p_alive(p, x, t_x, T);
    default:
        return kehu_pnbd_p_alive(p, x, t_x, T);
    }
}

static int valid(double x, double t_x, double T, double s, double d)
{
    return x >= 0 && t_x >= 0 && T >= t_x && isfinite(T) && s >= 0 && d >= 0 &&
           isfinite(s) && isfinite(d);
}

kehu_status kehu_p_active(kehu_model_kind kind, const double *p, double x,
                          double t_x, double T, double s, double d, double *out)
{
    double q;
    kehu_status rc;

    if (kind != KEHU_MODEL_BGNBD && kind != KEHU_MODEL_MBGNBD &&
        kind != KEHU_MODEL_PNBD) {
        return KEHU_EINVAL;
    }
    if (!valid(x, t_x, T, s, d)) {
        return KEHU_ERANGE;
    }
    rc = window_q(kind, p, x, T, s, d, &q);
    if (rc != KEHU_OK) {
        return rc;
    }
    *out = p_alive(kind, p, x, t_x, T) * q;
    return KEHU_OK;
}

kehu_status kehu_forecast_active(const kehu_active_forecast *in, double *out)
{
    size_t i, j, k, h = in->periods, *perm;
    double *q, pa = 0;
    kehu_status rc = KEHU_OK;

    if (in->kind != KEHU_MODEL_BGNBD && in->kind != KEHU_MODEL_MBGNBD &&
        in->kind != KEHU_MODEL_PNBD) {
        return KEHU_EINVAL;
    }
    for (k = 0; k < h; k++) {
        if (!(in->start[k] >= 0) || !(in->len[k] >= 0) ||
            !isfinite(in->start[k] + in->len[k])) {
            return KEHU_ERANGE;
        }
        out[k] = 0;
    }
    for (i = 0; i < in->n; i++) {
        if (!valid(in->x[i], in->t_x[i], in->T[i], 0, 0)) {
            return KEHU_ERANGE;
        }
    }
    /* Customers ordered by (x, T, t_x): Q depends on (x, T) only, so it
     * is computed once per distinct pair, and P(alive) once per distinct
     * history. */
    perm = kehu_reallocarray(NULL, in->n ? in->n : 1, sizeof *perm);
    q = kehu_calloc(h ? h : 1, sizeof *q);
    if (perm == NULL || q == NULL ||
        kehu__sort_by3(in->x, in->T, in->t_x, 1, in->n, perm) != 0) {
        kehu_free(perm);
        kehu_free(q);
        return KEHU_ENOMEM;
    }
    for (i = 0; i < in->n && rc == KEHU_OK; i = j) {
        const size_t a = perm[i];
        for (k = 0; k < h && rc == KEHU_OK; k++) {
            rc = window_q(in->kind, in->params, in->x[a], in->T[a],
                          in->start[k], in->len[k], &q[k]);
        }
        for (j = i; j < in->n && in->x[perm[j]] == in->x[a] &&
                    in->T[perm[j]] == in->T[a];
             j++) {
            const size_t b = perm[j];
            if (j == i || in->t_x[b] != in->t_x[perm[j - 1]]) {
                pa = p_alive(in->kind, in->params, in->x[b], in->t_x[b],
                             in->T[b]);
            }
            for (k = 0; k < h; k++) {
                out[k] += pa * q[k];
            }
        }
    }
    /* New customers: active in their own period, and returning later
     * as fresh customers acquired in the middle of it. */
    for (j = 0; j < h && in->new_customers != NULL && rc == KEHU_OK; j++) {
        double nj = in->new_customers[j] > 0 ? in->new_customers[j] : 0;
        double mid = in->start[j] + in->len[j] / 2;

        out[j] += nj;
        for (k = j + 1; k < h && rc == KEHU_OK && nj > 0; k++) {
            double f = 0;
            rc = kehu_p_active(in->kind, in->params, 0, 0, 0,
                               in->start[k] - mid, in->len[k], &f);
            out[k] += nj * f;
        }
    }
    kehu_free(perm);
    kehu_free(q);
    return rc;
}
