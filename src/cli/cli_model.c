/* SPDX-License-Identifier: MIT */
/*
 * The model table and fitting helpers of cli_model.h.
 */
#include "cli_model.h"

#include "kehu/bgnbd.h"
#include "kehu/date.h"
#include "kehu/gg.h"
#include "kehu/mbgnbd.h"
#include "kehu/model.h"
#include "kehu/pnbd.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* P(X(t) = x) where the model has it in closed form (the fit table of
 * kehu holdout); the rest comes from kehu/model.h. */
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
    default:
        return NULL;
    }
}

const char *cli_model_names(void)
{
    return "bgnbd, pnbd, mbgnbd";
}

int cli_model_parse(cli_ctx *c, const char *opt, const char *dflt,
                    cli_model *out)
{
    const char *name = cli_get(c, opt);
    const kehu_model_def *d;

    if (name == NULL) {
        name = dflt;
    }
    memset(out, 0, sizeof *out);
    d = kehu_model_find(name);
    /* Continuous-time purchase models only: BG/BB counts opportunities
       and Gamma-Gamma is a spend model. */
    if (d == NULL || d->discrete || d->spend) {
        return cli_error(c, 2, "--%s %s: unknown purchase model (use %s)", opt,
                         name, cli_model_names());
    }
    out->def = d;
    out->m.name = d->name;
    out->m.p_alive = d->p_alive;
    out->m.conditional = d->conditional;
    out->m.pmf = pmf_of(d->kind);
    out->m.params = out->fit.params;
    return 0;
}

int cli_histories_build(cli_ctx *c, const kehu_summary *s, int32_t end_day,
                        double unit_days, cli_histories *out)
{
    size_t i, n = s->n ? s->n : 1;

    memset(out, 0, sizeof *out);
    out->x = malloc(n * sizeof *out->x);
    out->t_x = malloc(n * sizeof *out->t_x);
    out->T = malloc(n * sizeof *out->T);
    out->row = malloc(n * sizeof *out->row);
    if (out->x == NULL || out->t_x == NULL || out->T == NULL ||
        out->row == NULL) {
        cli_histories_free(out);
        return cli_error(c, 1, "out of memory");
    }
    for (i = 0; i < s->n; i++) {
        size_t k = out->n;
        if (kehu_clv_history(&s->rows[i], end_day, unit_days, &out->x[k],
                             &out->t_x[k], &out->T[k]) == KEHU_OK) {
            out->row[k] = i;
            out->n++;
        }
    }
    return 0;
}

void cli_histories_free(cli_histories *h)
{
    free(h->x);
    free(h->t_x);
    free(h->T);
    free(h->row);
    memset(h, 0, sizeof *h);
}

static void print_params(const cli_ctx *c, const char *name,
                         const char *const *names, const kehu_fit_result *r)
{
    size_t i;

    if (c->quiet) {
        return;
    }
    (void)fprintf(stderr, "%s:", name);
    for (i = 0; i < r->n_params; i++) {
        (void)fprintf(stderr, " %s=%.4f", names[i], r->params[i]);
    }
    (void)fprintf(stderr, " LL=%.2f customers=%.0f%s\n", r->ll, r->customers,
                  r->converged ? "" : " (not converged)");
}

static int fit_failed(cli_ctx *c, const char *name, kehu_status rc)
{
    if (rc == KEHU_EIDENT) {
        return cli_error(c, 2,
                         "%s: the data cannot identify the model (too few "
                         "repeat buyers or distinct histories)",
                         name);
    }
    /* The optimiser's failures on valid rows are a property of the data
       (too few customers or histories for the model): usage, not an
       internal error. */
    if (rc == KEHU_EMAXITER || rc == KEHU_ENOPROG || rc == KEHU_EBADFUNC) {
        return cli_error(c, 2,
                         "%s: the fit did not converge on these data (%s): "
                         "too few customers or distinct histories, or a "
                         "parameter runs away (the data do not identify "
                         "the model)",
                         name, kehu_strerror(rc));
    }
    return cli_error(c, cli_exit_code(rc), "%s fit failed: %s", name,
                     kehu_strerror(rc));
}

/* Parameters given with --OPT v1,v2,... instead of a fit: 1 when given
 * and valid (res filled), 0 when absent, -1 after a usage error. */
static int given_params(cli_ctx *c, const char *opt, const char *model,
                        size_t n, const char *const *names,
                        kehu_fit_result *res)
{
    const char *v = cli_get(c, opt);
    size_t k = 0;

    if (v == NULL) {
        return 0;
    }
    memset(res, 0, sizeof *res);
    while (k < n) {
        char *end;
        double x = strtod(v, &end);
        if (end == v || !(x > 0) || !isfinite(x) ||
            (*end != ',' && *end != '\0') || (*end == '\0' && k + 1 < n) ||
            (*end == ',' && k + 1 == n)) {
            (void)cli_error(c, 2,
                            "--%s %s: give the %zu positive parameters of "
                            "%s (%s, ...) separated by commas",
                            opt, cli_get(c, opt), n, model, names[0]);
            return -1;
        }
        res->params[k++] = x;
        v = end + 1;
    }
    res->n_params = n;
    res->converged = 1;
    res->ll = NAN;
    return 1;
}

static void print_given(const cli_ctx *c, const char *name,
                        const char *const *names, const kehu_fit_result *r)
{
    size_t i;

    if (c->quiet) {
        return;
    }
    (void)fprintf(stderr, "%s:", name);
    for (i = 0; i < r->n_params; i++) {
        (void)fprintf(stderr, " %s=%.4f", names[i], r->params[i]);
    }
    (void)fprintf(stderr, " (given, not fitted)\n");
}

int cli_model_fit(cli_ctx *c, const cli_histories *h, cli_model *m)
{
    kehu_hist *hist = NULL;
    kehu_status rc;
    int given = given_params(c, "params", m->def->name, m->def->n_params,
                             m->def->param_names, &m->fit);

    if (given != 0) {
        m->m.params = m->fit.params;
        if (given > 0) {
            print_given(c, m->def->name, m->def->param_names, &m->fit);
        }
        return given > 0 ? 0 : 2;
    }
    if (h->n == 0) {
        return cli_error(c, 2, "no customer with a purchase to fit %s on",
                         m->def->name);
    }
    rc = kehu_hist_new(h->x, h->t_x, h->T, NULL, h->n, &hist);
    if (rc == KEHU_OK) {
        rc = kehu_model_fit(m->def, hist, NULL, &m->fit);
    }
    kehu_hist_free(hist);
    if (rc != KEHU_OK) {
        return fit_failed(c, m->def->name, rc);
    }
    m->m.params = m->fit.params;
    print_params(c, m->def->name, m->def->param_names, &m->fit);
    return 0;
}

/* CLV for the potential rule into cv[row] (NaN where the model fails):
 * one year of expected purchases at the customer's mean spend, 10% a
 * year, margin 1. 0, or -1 when out of memory. */
static int ranking_clv(const cli_model *m, const cli_histories *h,
                       const kehu_summary *s, double unit_days, double *cv)
{
    kehu_clv_options o;
    kehu_clv_value *v = malloc((h->n ? h->n : 1) * sizeof *v);
    double *spend = malloc((h->n ? h->n : 1) * sizeof *spend);
    size_t i;
    int all;

    kehu_clv_options_init(&o);
    o.unit_days = unit_days;
    o.horizon = lround(365.25 / unit_days);
    if (o.horizon < 1) {
        o.horizon = 1;
    }
    if (v == NULL || spend == NULL) {
        free(v);
        free(spend);
        return -1;
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
    free(v);
    free(spend);
    return 0;
}

int cli_model_values(cli_ctx *c, const kehu_summary *s, double unit_days,
                     cli_model *m, double **p_alive, double **clv)
{
    cli_histories h;
    double *pa, *cv = NULL;
    size_t i;
    int code;

    *p_alive = NULL;
    if (clv != NULL) {
        *clv = NULL;
    }
    code = cli_histories_build(c, s, s->as_of_day, unit_days, &h);
    if (code != 0) {
        return code;
    }
    code = cli_model_fit(c, &h, m);
    if (code != 0) {
        cli_histories_free(&h);
        return code;
    }
    pa = malloc((s->n ? s->n : 1) * sizeof *pa);
    if (clv != NULL) {
        cv = malloc((s->n ? s->n : 1) * sizeof *cv);
    }
    if (pa == NULL || (clv != NULL && cv == NULL)) {
        free(pa);
        free(cv);
        cli_histories_free(&h);
        return cli_error(c, 1, "out of memory");
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
    if (cv != NULL && ranking_clv(m, &h, s, unit_days, cv) != 0) {
        free(pa);
        free(cv);
        cli_histories_free(&h);
        return cli_error(c, 1, "out of memory");
    }
    *p_alive = pa;
    if (clv != NULL) {
        *clv = cv;
    }
    cli_histories_free(&h);
    return 0;
}

int cli_model_p_alive(cli_ctx *c, const kehu_summary *s, double unit_days,
                      cli_model *m, double **out)
{
    return cli_model_values(c, s, unit_days, m, out, NULL);
}

int cli_gg_fit(cli_ctx *c, const kehu_summary *s, kehu_fit_result *res)
{
    double *x = malloc((s->n ? s->n : 1) * sizeof *x);
    double *z = malloc((s->n ? s->n : 1) * sizeof *z);
    double *zero = calloc(s->n ? s->n : 1, sizeof *zero);
    kehu_hist *h = NULL;
    kehu_status rc = KEHU_ENOMEM;
    int given = given_params(c, "gg-params", "gg", 3, kehu_gg_param_names, res);

    if (given != 0) {
        free(x);
        free(z);
        free(zero);
        if (given > 0 && !(res->params[1] > 1)) {
            return cli_error(c, 2,
                             "--gg-params: q must exceed 1 (the mean spend "
                             "p gamma / (q - 1) is finite only then)");
        }
        if (given > 0) {
            print_given(c, "gg", kehu_gg_param_names, res);
        }
        return given > 0 ? 0 : 2;
    }
    if (x != NULL && z != NULL && zero != NULL) {
        size_t i, n = 0;
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
    free(x);
    free(z);
    free(zero);
    if (rc != KEHU_OK) {
        if (rc == KEHU_EIDENT) {
            return cli_error(c, 2,
                             "gg: too few repeat buyers with a positive "
                             "spend to fit Gamma-Gamma (use --spend mean)");
        }
        return fit_failed(c, "gg", rc);
    }
    print_params(c, "gg", kehu_gg_param_names, res);
    return 0;
}

double cli_gg_spend(const double *gg, const kehu_summary_row *r)
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

int cli_model_unit(cli_ctx *c, kehu_summary_options *o)
{
    if (!cli_has(c, "unit")) {
        o->unit = KEHU_UNIT_WEEK;
    }
    return 0;
}
