/* SPDX-License-Identifier: MIT */
/*
 * Activity in a future window under a fitted purchase model: the
 * probability that a customer with history (x, t_x, T) buys at least once
 * in (T + s, T + s + d] (model units), and from it the expected number of
 * active customers per future period, the model-based forecast of
 * `kehu forecast`.
 *
 * Derivation (all three models). Given the customer is alive at T, the
 * posterior of his rates is that of the papers' conditional expectations
 * (BG/NBD: Fader, Hardie & Lee 2005, the derivation of eq. (10): lambda ~
 * Gamma(r + x, alpha + T), p ~ Beta(a, b + x); MBG/NBD, Batislam et al.
 * 2007: p ~ Beta(a, b + x + 1), as a drop-out can follow the first
 * purchase too; Pareto/NBD, Schmittlein, Morrison & Colombo 1987 / Fader &
 * Hardie 2005 "A note on deriving the Pareto/NBD model and related
 * expressions": lambda ~
 * Gamma(r + x, alpha + T), mu ~ Gamma(s, beta + T)), and from T on the
 * process starts afresh. So
 *
 *   P(active in the window) = P(alive | x, t_x, T) * Q(s, d)
 *
 * with Q the probability of a purchase in (s, s + d] for a process alive
 * at 0 with the posterior rates:
 *
 *   BG/NBD, MBG/NBD. An individual (lambda, p) is still alive at s with
 *   probability sum_j Poisson(j; lambda s) (1 - p)^j = exp(-lambda p s)
 *   and then buys in the next d with probability 1 - exp(-lambda d), so
 *   Q = E[exp(-lambda p s)] - E[exp(-lambda (p s + d))]. Over lambda,
 *   E[exp(-lambda c)] = (alpha' / (alpha' + c))^r'; over p ~ Beta(a, b')
 *   the Euler integral and Pfaff's transformation give
 *     G(c) = E[exp(-lambda (p s + c))]
 *          = (alpha' / (alpha' + c + s))^r'
 *            2F1(r', b'; a + b'; s / (alpha' + c + s)),
 *   the same 2F1 form as eq. (9)-(10) of Fader, Hardie & Lee (2005), and
 *   Q = G(0) - G(d). At s = 0 it is 1 - (alpha' / (alpha' + d))^r', the
 *   conditional P(X(T, T + d) = 0) of an alive customer.
 *
 *   Pareto/NBD. An individual (lambda, mu) buys in (s, s + d] when alive
 *   at s + v at a purchase at v: Q = int_0^d E[lambda exp(-lambda v)]
 *   E[exp(-mu (s + v))] dv = int_0^d r' / (alpha' + v) (alpha' /
 *   (alpha' + v))^r' (beta' / (beta' + s + v))^s dv, integrated by
 *   Gauss-Legendre (8 panels of 8 points; the integrand is smooth and
 *   monotone).
 *
 * tests/unit/test_activity.c checks these against simulated customers.
 * The models do not describe acquisition: new customers come from
 * elsewhere (kehu forecast uses the time-series forecast of new
 * customers) and only their later returns are predicted here.
 */
#ifndef KEHU_ACTIVITY_H
#define KEHU_ACTIVITY_H

#include "kehu/model.h"

#include <stddef.h>

/* P(at least one purchase in (T + s, T + s + d] | x, t_x, T) under model
 * kind (KEHU_MODEL_BGNBD, _PNBD or _MBGNBD) with parameters p. OUT: *out.
 * KEHU_EINVAL for another model; KEHU_ERANGE for an invalid history
 * (x < 0, t_x < 0, t_x > T) or window (s < 0, d < 0), or when the
 * special functions fail. */
kehu_status kehu_p_active(kehu_model_kind kind, const double *p, double x,
                          double t_x, double T, double s, double d,
                          double *out);

/* What the model-based forecast of active customers needs, at one origin
 * (time 0, in model units): the histories of the customers known there,
 * the future periods as windows after it, and the new customers expected
 * in each period (from another forecast; NULL for none). */
typedef struct kehu_active_forecast {
    kehu_model_kind kind;
    const double *params;
    const double *x, *t_x, *T; /* n histories at the origin */
    size_t n;
    size_t periods;
    const double *start; /* period k is (start[k], start[k] + len[k]] */
    const double *len;
    const double *new_customers; /* per period, or NULL */
} kehu_active_forecast;

/* Expected active customers in each period: for every known customer
 * P(active in the period), summed, plus the period's new customers (all
 * active then), plus the returns in later periods of the new customers
 * of earlier ones (acquired, on average, in the middle of their period;
 * a new customer's history is x = t_x = T = 0). OUT: out[0..periods).
 * KEHU_EINVAL, KEHU_ERANGE as kehu_p_active, KEHU_ENOMEM. */
kehu_status kehu_forecast_active(const kehu_active_forecast *in, double *out);

#endif
