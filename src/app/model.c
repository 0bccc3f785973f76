/* SPDX-License-Identifier: MIT */
/*
 * Purchase models for operations: see model.h.
 */
#include "model.h"

#include "kehu/alloc.h"
#include "kehu/bgnbd.h"
#include "kehu/gg.h"
#include "kehu/mbgnbd.h"
#include "kehu/nbd.h"
#include "kehu/pnbd.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const kehu__model_choices[] = {"bgnbd", "pnbd", "mbgnbd", NULL};

static const kehu_model_kind choice_kinds[] = {
    KEHU_MODEL_BGNBD, KEHU_MODEL_PNBD, KEHU_MODEL_MBGNBD};

/* P(X(t) = x) where the model has it in closed form (the fit table of
 * holdout); the rest comes from kehu/model.h. */
static kehu_status (*pmf_of(kehu_model_kind k))(const double *, double, double,
                                                double *)
{
    switch (k) {
    case KEHU_MODEL_BGNBD:
        return kehu_bgnbd_pmf;
    case KEHU_MODEL_MBGNBD:
        return kehu_mbgnbd_pmf;
    case KEHU_MODEL_PNBD:
        return kehu_pnbd_pmf;
    case KEHU_MODEL_NBD:
        return kehu_nbd_pmf;
    default:
        return NULL;
    }
}

/* m's model functions those of d (the model asked for, or the limit a
 * fit answered with). */
static void use_def(kehu__model *m, const kehu_model_def *d)
{
    m->def = d;
    m->m.name = d->name;
    m->m.p_alive = d->p_alive;
    m->m.conditional = d->conditional;
    m->m.pmf = pmf_of(d->kind);
    m->m.params = m->fit.params;
}

void kehu__model_init(kehu__model *m, int choice)
{
    memset(m, 0, sizeof *m);
    use_def(m, kehu_model_get(choice_kinds[choice]));
}

kehu_status kehu__histories_build(const kehu_summary *s, int32_t end_day,
                                  double unit_days, kehu__histories *out)
{
    size_t i, n = s->n ? s->n : 1;

    memset(out, 0, sizeof *out);
    out->x = kehu_malloc(n * sizeof *out->x);
    out->t_x = kehu_malloc(n * sizeof *out->t_x);
    out->T = kehu_malloc(n * sizeof *out->T);
    out->row = kehu_malloc(n * sizeof *out->row);
    if (out->x == NULL || out->t_x == NULL || out->T == NULL ||
        out->row == NULL) {
        kehu__histories_free(out);
        return KEHU_ENOMEM;
    }
    for (i = 0; i < s->n; i++) {
        size_t k = out->n;
        if (kehu_clv_history(&s->rows[i], end_day, unit_days, &out->x[k],
                             &out->t_x[k], &out->T[k]) == KEHU_OK) {
            out->row[k] = i;
            out->n++;
        }
    }
    return KEHU_OK;
}

void kehu__histories_free(kehu__histories *h)
{
    kehu_free(h->x);
    kehu_free(h->t_x);
    kehu_free(h->T);
    kehu_free(h->row);
    memset(h, 0, sizeof *h);
}

/* The failure of a fit of model `name`: what the data lack (exit 2), or
 * the core's status. */
static kehu_status fit_failed(kehu_error *err, const char *name, kehu_status rc)
{
    if (rc == KEHU_EIDENT) {
        return kehu_error_set(err, rc,
                              "%s: the data cannot identify the model (too "
                              "few repeat buyers or distinct histories)",
                              name);
    }
    /* The optimiser's failures on valid rows are a property of the data
       (too few customers or histories for the model): usage, not an
       internal error. */
    if (rc == KEHU_EMAXITER || rc == KEHU_ENOPROG || rc == KEHU_EBADFUNC) {
        return kehu_error_set(err, KEHU_EIDENT,
                              "%s: the fit did not converge on these data "
                              "(%s): too few customers or distinct "
                              "histories for the model",
                              name, kehu_strerror(rc));
    }
    return kehu_error_set(err, rc, "%s fit failed: %s", name,
                          kehu_strerror(rc));
}

/* The n positive parameters of `model` in text "v1,v2,..." (parameter
 * `param`) into res. KEHU_EINVAL with err when malformed. */
static kehu_status given_params(const char *param, const char *text,
                                const char *model, size_t n,
                                const char *const *names, kehu_fit_result *res,
                                kehu_error *err)
{
    const char *v = text;
    size_t k = 0;

    memset(res, 0, sizeof *res);
    while (k < n) {
        char *end;
        double x = strtod(v, &end);
        if (end == v || !(x > 0) || !isfinite(x) ||
            (*end != ',' && *end != '\0') || (*end == '\0' && k + 1 < n) ||
            (*end == ',' && k + 1 == n)) {
            return kehu_error_set(err, KEHU_EINVAL,
                                  "%s %s: give the %zu positive parameters "
                                  "of %s (%s, ...) separated by commas",
                                  param, text, n, model, names[0]);
        }
        res->params[k++] = x;
        v = end + 1;
    }
    res->n_params = n;
    res->converged = 1;
    res->ll = NAN;
    return KEHU_OK;
}

kehu_status kehu__model_fit(kehu__model *m, const kehu__histories *h,
                            const char *param, const char *given,
                            kehu_error *err)
{
    kehu_hist *hist = NULL;
    kehu_status rc;

    m->m.params = m->fit.params;
    if (given != NULL) {
        m->given = 1;
        return given_params(param, given, m->def->name, m->def->n_params,
                            m->def->param_names, &m->fit, err);
    }
    m->given = 0;
    if (h->n == 0) {
        return kehu_error_set(err, KEHU_EINVAL,
                              "no customer with a purchase to fit %s on",
                              m->def->name);
    }
    rc = kehu_hist_new(h->x, h->t_x, h->T, NULL, h->n, &hist);
    if (rc == KEHU_OK) {
        const kehu_model_def *used = m->def;
        /* A likelihood rising to the no-dropout limit is an answer, the
         * NBD, not a failure; the fit note says so. */
        rc = kehu_model_fit_or_limit(m->def, hist, NULL, &m->fit, &used);
        if (rc == KEHU_OK && used != m->def) {
            use_def(m, used);
        }
    }
    kehu_hist_free(hist);
    if (rc != KEHU_OK) {
        return fit_failed(err, m->def->name, rc);
    }
    return KEHU_OK;
}

/* "NAME: a=1.0000 b=2.0000" into buf (cap bytes; cut short when too
 * long). */
static void params_text(char *buf, size_t cap, const char *name,
                        const char *const *names, const kehu_fit_result *f)
{
    size_t i, len;
    int k = snprintf(buf, cap, "%s:", name);

    len = k < 0 ? 0 : (size_t)k;
    for (i = 0; len < cap && i < f->n_params; i++) {
        k = snprintf(buf + len, cap - len, " %s=%.4f", names[i], f->params[i]);
        len += k < 0 ? cap : (size_t)k;
    }
}

void kehu__fit_text(char *buf, size_t cap, const char *name,
                    const char *const *names, const kehu_fit_result *fit,
                    int given)
{
    char head[512];

    params_text(head, sizeof head, name, names, fit);
    if (given) {
        (void)snprintf(buf, cap, "%s (given, not fitted)", head);
    } else {
        (void)snprintf(buf, cap, "%s LL=%.2f customers=%.0f%s%s", head, fit->ll,
                       fit->customers, fit->converged ? "" : " (not converged)",
                       fit->boundary
                           ? " (the model asked for rises to this limit: no "
                             "dropout is visible in these histories, so "
                             "every customer counts as alive)"
                           : "");
    }
}

kehu_status kehu__note_fit(kehu_result *r, const char *name,
                           const char *const *names, const kehu_fit_result *fit,
                           int given, kehu_note **out)
{
    char text[600];
    kehu_note *n;
    kehu_status rc;
    size_t i;

    kehu__fit_text(text, sizeof text, name, names, fit, given);
    rc = kehu_result_note(r, KEHU_NOTE_MODEL, "model", &n, "%s", text);
    if (rc == KEHU_OK) {
        rc = kehu_note_text(r, n, "model", name);
    }
    for (i = 0; rc == KEHU_OK && i < fit->n_params; i++) {
        rc = kehu_note_num(r, n, names[i], fit->params[i]);
    }
    if (rc == KEHU_OK && !given) {
        rc = kehu_note_num(r, n, "ll", fit->ll);
    }
    if (rc == KEHU_OK && !given) {
        rc = kehu_note_num(r, n, "customers", fit->customers);
    }
    if (rc == KEHU_OK) {
        rc = kehu_note_num(r, n, "converged", fit->converged);
    }
    if (rc == KEHU_OK) {
        rc = kehu_note_num(r, n, "given", given);
    }
    if (out != NULL) {
        *out = rc == KEHU_OK ? n : NULL;
    }
    return rc;
}

kehu_status kehu__model_note(kehu_result *r, const kehu__model *m)
{
    return kehu__note_fit(r, m->def->name, m->def->param_names, &m->fit,
                          m->given, NULL);
}

/* CLV for the potential rule into cv[row] (NaN where the model fails):
 * one year of expected purchases at the customer's mean spend, 10% a
 * year, margin 1. KEHU_ENOMEM. */
static kehu_status ranking_clv(const kehu__model *m, const kehu__histories *h,
                               const kehu_summary *s, double unit_days,
                               double *cv)
{
    kehu_clv_options o;
    kehu_clv_value *v = kehu_malloc((h->n ? h->n : 1) * sizeof *v);
    double *spend = kehu_malloc((h->n ? h->n : 1) * sizeof *spend);
    size_t i;
    int all;

    kehu_clv_options_init(&o);
    o.unit_days = unit_days;
    o.horizon = lround(365.25 / unit_days);
    if (o.horizon < 1) {
        o.horizon = 1;
    }
    if (v == NULL || spend == NULL) {
        kehu_free(v);
        kehu_free(spend);
        return KEHU_ENOMEM;
    }
    for (i = 0; i < h->n; i++) {
        spend[i] = s->rows[h->row[i]].monetary_avg;
    }
    /* All at once (shared histories computed once), or one by one when a
     * customer fails, so that only his value is missing. */
    all = kehu_clv_customers(&m->m, &o, h->n, h->x, h->t_x, h->T, spend, v) ==
          KEHU_OK;
    for (i = 0; i < h->n; i++) {
        if (!all && kehu_clv_customer(&m->m, &o, h->x[i], h->t_x[i], h->T[i],
                                      spend[i], &v[i]) != KEHU_OK) {
            v[i].clv = NAN;
        }
        cv[h->row[i]] = v[i].clv;
    }
    kehu_free(v);
    kehu_free(spend);
    return KEHU_OK;
}

kehu_status kehu__model_values(const kehu_summary *s, double unit_days,
                               kehu__model *m, const char *given,
                               double **p_alive, double **clv, kehu_error *err)
{
    kehu__histories h;
    double *pa = NULL, *cv = NULL;
    size_t i, n = s->n ? s->n : 1;
    kehu_status rc;

    *p_alive = NULL;
    if (clv != NULL) {
        *clv = NULL;
    }
    rc = kehu__histories_build(s, s->as_of_day, unit_days, &h);
    if (rc != KEHU_OK) {
        return rc;
    }
    rc = kehu__model_fit(m, &h, "params", given, err);
    if (rc != KEHU_OK) {
        goto free_h;
    }
    rc = KEHU_ENOMEM;
    pa = kehu_malloc(n * sizeof *pa);
    cv = clv != NULL ? kehu_malloc(n * sizeof *cv) : NULL;
    if (pa == NULL || (clv != NULL && cv == NULL)) {
        goto free_values;
    }
    for (i = 0; i < s->n; i++) {
        pa[i] = NAN;
        if (cv != NULL) {
            cv[i] = NAN;
        }
    }
    for (i = 0; i < h.n; i++) {
        pa[h.row[i]] = m->m.p_alive(m->m.params, h.x[i], h.t_x[i], h.T[i]);
    }
    if (cv != NULL && ranking_clv(m, &h, s, unit_days, cv) != KEHU_OK) {
        goto free_values;
    }
    *p_alive = pa;
    if (clv != NULL) {
        *clv = cv;
    }
    kehu__histories_free(&h);
    return KEHU_OK;
free_values:
    kehu_free(pa);
    kehu_free(cv);
free_h:
    kehu__histories_free(&h);
    return rc;
}

/* Gamma-Gamma fitted on the repeat buyers of s. */
static kehu_status gg_fitted(const kehu_summary *s, kehu_fit_result *res,
                             kehu_error *err)
{
    size_t i, n = 0, cap = s->n ? s->n : 1;
    double *x = kehu_malloc(cap * sizeof *x);
    double *z = kehu_malloc(cap * sizeof *z);
    double *zero = kehu_calloc(cap, sizeof *zero);
    kehu_hist *h = NULL;
    kehu_status rc = KEHU_ENOMEM;

    if (x != NULL && z != NULL && zero != NULL) {
        for (i = 0; i < s->n; i++) {
            const kehu_summary_row *r = &s->rows[i];
            if (r->purchase_days >= 2 && r->repeat_monetary_avg > 0) {
                x[n] = (double)(r->purchase_days - 1);
                z[n] = r->repeat_monetary_avg;
                n++;
            }
        }
        rc = n == 0 ? KEHU_EIDENT : kehu_hist_new(x, z, zero, NULL, n, &h);
        if (rc == KEHU_OK) {
            rc = kehu_gg_fit(h, NULL, res);
        }
    }
    kehu_hist_free(h);
    kehu_free(x);
    kehu_free(z);
    kehu_free(zero);
    if (rc == KEHU_ENOMEM) {
        return rc;
    }
    if (rc == KEHU_EIDENT) {
        return kehu_error_set(err, rc,
                              "gg: too few repeat buyers with a positive "
                              "spend to fit Gamma-Gamma (use spend mean)");
    }
    return rc == KEHU_OK ? rc : fit_failed(err, "gg", rc);
}

kehu_status kehu__gg_fit(const kehu_summary *s, const char *given,
                         kehu_fit_result *res, int *was_given, kehu_error *err)
{
    kehu_status rc;

    *was_given = given != NULL;
    if (given == NULL) {
        return gg_fitted(s, res, err);
    }
    rc = given_params("gg-params", given, "gg", 3, kehu_gg_param_names, res,
                      err);
    if (rc == KEHU_OK && !(res->params[1] > 1)) {
        return kehu_error_set(err, KEHU_EINVAL,
                              "gg-params: q must exceed 1 (the mean spend "
                              "p gamma / (q - 1) is finite only then)");
    }
    return rc;
}

double kehu__gg_spend(const double *gg, const kehu_summary_row *r)
{
    double v, x = 0, zbar = 0;

    if (r->purchase_days >= 2 && r->repeat_monetary_avg > 0) {
        x = (double)(r->purchase_days - 1);
        zbar = r->repeat_monetary_avg;
    }
    if (kehu_gg_expected_spend(gg, x, zbar, &v) != KEHU_OK) {
        return NAN;
    }
    return v;
}
