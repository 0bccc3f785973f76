/* SPDX-License-Identifier: MIT */
/*
 * satisfaction: loyalty and satisfaction, one table per view:
 * - metrics (default): CSAT, NPS and mean scores, overall or per `by`
 *   group (segment, tier, stage, region, branch, channel, ...);
 * - churn-by-band: the churn rate of buyers by the band of their latest
 *   response (dissatisfied/satisfied, detractor/passive/promoter, and no
 *   response);
 * - churned-vs-retained: the metrics of churned and of retained buyers.
 * Customers and their classes are those of classify as of A (same
 * standard, same window); churned = lifecycle stage churned as of A. The
 * responses counted are those dated in the window [since, A) of customers
 * known at A; the others are ignored and counted in a note. The figures
 * come from src/lib/satisfaction.c.
 */
#include "classes.h"
#include "groups.h"
#include "standard.h"
#include "window.h"

#include "kehu/alloc.h"
#include "kehu/app/op.h"
#include "kehu/date.h"
#include "kehu/satisfaction.h"

#include <stddef.h>
#include <string.h>

#define MAX_RESPONSES ((size_t)1 << 30)

typedef enum view { VIEW_METRICS = 0, VIEW_BANDS, VIEW_CHURN } view;

typedef struct sat_options {
    kehu__window w;
    int view;
    const char *by;
} sat_options;

static const char *const view_choices[] = {"metrics", "churn-by-band",
                                           "churned-vs-retained", NULL};

static const kehu_param rows[] = {
    {"view", KEHU_PARAM_CHOICE, offsetof(sat_options, view), "metrics", 0, -1,
     view_choices, "VIEW",
     "metrics (default), churn-by-band or churned-vs-retained"},
    {"by", KEHU_PARAM_TEXT, offsetof(sat_options, by), NULL, 0, -1, NULL, "DIM",
     "metrics per segment, tier, stage, rfm8, abcd, value_tier, region, "
     "branch or channel"},
    {NULL, 0, 0, NULL, 0, 0, NULL, NULL, NULL},
};

static const kehu_param_group params[] = {
    {rows, 0},
    {kehu__window_params, offsetof(sat_options, w)},
    {NULL, 0},
};

/* The metric columns after the group column. */
static const kehu_column metric_columns[] = {
    {"customers", KEHU_COL_INT, 0, "customers"},
    {"respondents", KEHU_COL_INT, 0, "customers"},
    {"responses", KEHU_COL_INT, 0, NULL},
    {"responses_5", KEHU_COL_INT, 0, NULL},
    {"csat", KEHU_COL_NUM, 4, "share"},
    {"mean_5", KEHU_COL_NUM, 4, NULL},
    {"responses_10", KEHU_COL_INT, 0, NULL},
    {"promoters", KEHU_COL_INT, 0, NULL},
    {"passives", KEHU_COL_INT, 0, NULL},
    {"detractors", KEHU_COL_INT, 0, NULL},
    {"nps", KEHU_COL_NUM, 2, "points"},
    {"mean_10", KEHU_COL_NUM, 4, NULL},
};
static const kehu_column band_columns[] = {
    {"band", KEHU_COL_STR, 0, NULL},
    {"scale", KEHU_COL_INT, 0, NULL},
    {"customers", KEHU_COL_INT, 0, "customers"},
    {"churned", KEHU_COL_INT, 0, "customers"},
    {"churn_rate", KEHU_COL_NUM, 4, "share"},
};
#define N_METRIC_COLUMNS (sizeof metric_columns / sizeof metric_columns[0])
#define N_BAND_COLUMNS   (sizeof band_columns / sizeof band_columns[0])

/* The survey responses, with the customer as a summary row index. */
typedef struct survey {
    const kehu_ledger *l;
    size_t *row_of;       /* ledger index -> summary row or SIZE_MAX */
    int32_t since, as_of; /* the window */
    kehu_sat_response *r;
    size_t n, cap;
    uint64_t unknown; /* rows of customers not known as of A */
    uint64_t outside; /* rows dated outside the window */
} survey;

typedef struct table_data {
    kehu_summary *s;
    kehu_class *cls;
    kehu__group_dim dims[1];
    size_t nd;
    survey sv;
    kehu_sat_result *res;
} table_data;

static void table_data_free(void *p)
{
    table_data *d = p;

    kehu_sat_free(d->res);
    kehu_free(d->sv.r);
    kehu_free(d->sv.row_of);
    kehu__dims_reset(d->dims, d->nd);
    kehu_free(d->cls);
    kehu_summary_free(d->s);
    kehu_free(d);
}

static kehu_status add_response(void *ctx, const kehu_feedback_row *b)
{
    survey *sv = ctx;
    kehu_sat_response *x;
    size_t i;

    if (sv->n == sv->cap) {
        size_t cap = sv->cap ? 2 * sv->cap : 1024;
        if (cap > MAX_RESPONSES) {
            return KEHU_ETOOBIG;
        }
        x = kehu_reallocarray(sv->r, cap, sizeof *x);
        if (x == NULL) {
            return KEHU_ENOMEM;
        }
        sv->r = x;
        sv->cap = cap;
    }
    x = &sv->r[sv->n++];
    x->day = b->day;
    x->second = b->second;
    x->score = b->score;
    x->scale = b->scale;
    /* Every row is kept for the scale inference, counted or not. */
    x->customer = KEHU_SAT_NO_CUSTOMER;
    if (b->day >= sv->as_of ||
        (sv->since != KEHU_DAY_NONE && b->day < sv->since)) {
        sv->outside++;
    } else if (kehu_ledger_find(sv->l, b->customer_id, &i) != KEHU_OK ||
               sv->row_of[i] == SIZE_MAX) {
        sv->unknown++;
    } else {
        x->customer = sv->row_of[i];
    }
    return KEHU_OK;
}

/* The index of every known customer's summary row, then the survey. */
static kehu_status read_survey(const kehu_op_ctx *c, table_data *d)
{
    const kehu_ledger *l = c->data->ledger;
    size_t n = kehu_ledger_count(l), i;
    kehu_row_fn fn;

    d->sv.l = l;
    d->sv.since = d->s->since_day;
    d->sv.as_of = d->s->as_of_day;
    d->sv.row_of = kehu_malloc((n ? n : 1) * sizeof *d->sv.row_of);
    if (d->sv.row_of == NULL) {
        return KEHU_ENOMEM;
    }
    for (i = 0; i < n; i++) {
        d->sv.row_of[i] = SIZE_MAX;
    }
    for (i = 0; i < d->s->n; i++) {
        d->sv.row_of[d->s->rows[i].customer] = i;
    }
    fn.feedback = add_response;
    return kehu_dataset_each(c->data, KEHU_INPUT_FEEDBACK, fn, &d->sv, c->err);
}

/* Responses ignored, and the scale read for rows without one. */
static kehu_status note_survey(const kehu_op_ctx *c, const survey *sv,
                               int inferred, kehu_result *out)
{
    const char *name = kehu_dataset_side_name(c->data, KEHU_INPUT_FEEDBACK);
    kehu_note *n;
    kehu_status rc = KEHU_OK;

    if (sv->unknown > 0 || sv->outside > 0) {
        rc = kehu_result_note(
            out, KEHU_NOTE_RECONCILE, "ignored_responses", &n,
            "%s: ignored %llu responses of customers not known as of the "
            "analysis date and %llu dated outside the window",
            name, (unsigned long long)sv->unknown,
            (unsigned long long)sv->outside);
        if (rc == KEHU_OK) {
            rc = kehu_note_num(out, n, "unknown_customer", (double)sv->unknown);
        }
        if (rc == KEHU_OK) {
            rc = kehu_note_num(out, n, "outside_window", (double)sv->outside);
        }
    }
    if (rc == KEHU_OK && inferred != 0) {
        rc = kehu_result_note(out, KEHU_NOTE_INFO, "inferred_scale", &n,
                              "%s: rows without a scale read as %d-point (%s)",
                              name, inferred,
                              inferred == 5 ? "every such score is at most 5"
                                            : "some such score is above 5");
        if (rc == KEHU_OK) {
            rc = kehu_note_num(out, n, "scale", inferred);
        }
    }
    return rc;
}

/* ------------------------------------------------------------------ */
/* Rows.                                                                */

static void metric_cells(const kehu_cells *out, const kehu_sat_metrics *m)
{
    kehu_cell_int(out, (int64_t)m->customers);
    kehu_cell_int(out, (int64_t)m->respondents);
    kehu_cell_int(out, (int64_t)m->responses);
    kehu_cell_int(out, (int64_t)m->n5);
    kehu_cell_num(out, m->csat);
    kehu_cell_num(out, m->mean5);
    kehu_cell_int(out, (int64_t)m->n10);
    kehu_cell_int(out, (int64_t)m->promoters);
    kehu_cell_int(out, (int64_t)m->passives);
    kehu_cell_int(out, (int64_t)m->detractors);
    kehu_cell_num(out, m->nps);
    kehu_cell_num(out, m->mean10);
}

/* Groups with customers, in key order, then the total. */
static kehu_status emit_metrics(const void *data, const kehu_cells *out)
{
    const table_data *d = data;
    const kehu_sat_result *res = d->res;
    uint32_t g;

    for (g = 0; d->nd > 0 && g < res->n_groups; g++) {
        if (res->groups[g].customers > 0) {
            kehu__cell_dim_key(out, &d->dims[0], g);
            metric_cells(out, &res->groups[g]);
        }
    }
    if (d->nd > 0) {
        kehu_cell_label(out, "total", "total", "合计");
    }
    metric_cells(out, &res->total);
    return KEHU_OK;
}

static kehu_status emit_bands(const void *data, const kehu_cells *out)
{
    static const char *const zh[KEHU_SAT_BAND_COUNT] = {
        "不满意", "满意", "贬损者", "被动者", "推荐者", "未答卷"};
    static const int scale[KEHU_SAT_BAND_COUNT] = {5, 5, 10, 10, 10, 0};
    const kehu_sat_result *res = ((const table_data *)data)->res;
    uint64_t on5 = res->bands[KEHU_SAT_DISSATISFIED].customers +
                   res->bands[KEHU_SAT_SATISFIED].customers;
    uint64_t on10 = res->bands[KEHU_SAT_DETRACTOR].customers +
                    res->bands[KEHU_SAT_PASSIVE].customers +
                    res->bands[KEHU_SAT_PROMOTER].customers;
    int b;

    for (b = 0; b < KEHU_SAT_BAND_COUNT; b++) {
        const kehu_sat_band_row *x = &res->bands[b];
        const char *name = kehu_sat_band_name((kehu_sat_band)b);
        /* The bands of a scale show when anyone's latest answer is on it;
         * no_response always shows. */
        if ((scale[b] == 5 && on5 == 0) || (scale[b] == 10 && on10 == 0)) {
            continue;
        }
        kehu_cell_label(out, name, name, zh[b]);
        if (scale[b] == 0) {
            kehu_cell_null(out);
        } else {
            kehu_cell_int(out, scale[b]);
        }
        kehu_cell_int(out, (int64_t)x->customers);
        kehu_cell_int(out, (int64_t)x->churned);
        kehu_cell_num(out, x->churn_rate);
    }
    return KEHU_OK;
}

static kehu_status emit_churn(const void *data, const kehu_cells *out)
{
    const kehu_sat_result *res = ((const table_data *)data)->res;

    kehu_cell_label(out, "churned", "churned", "流失");
    metric_cells(out, &res->churned);
    kehu_cell_label(out, "retained", "retained", "留存");
    metric_cells(out, &res->retained);
    return KEHU_OK;
}

/* The table of view v: a label column named key (none when NULL), then
 * the columns of the view. */
static kehu_status add_table(kehu_result *out, const table_data *d, view v)
{
    kehu_column cols[1 + N_METRIC_COLUMNS];
    const char *key = v == VIEW_CHURN ? "status"
                      : d->nd > 0     ? d->dims[0].def->name
                                      : NULL;
    size_t nc = 0;

    if (v == VIEW_BANDS) {
        return kehu_result_table(out, "satisfaction", band_columns,
                                 N_BAND_COLUMNS, emit_bands, d, NULL);
    }
    if (key != NULL) {
        cols[nc].key = key;
        cols[nc].type = KEHU_COL_STR;
        cols[nc].decimals = 0;
        cols[nc++].unit = NULL;
    }
    memcpy(cols + nc, metric_columns, sizeof metric_columns);
    nc += N_METRIC_COLUMNS;
    return kehu_result_table(out, "satisfaction", cols, nc,
                             v == VIEW_CHURN ? emit_churn : emit_metrics, d,
                             NULL);
}

/* ------------------------------------------------------------------ */
/* The operation.                                                       */

/* Group and churn status of every summary row, then the figures. */
static kehu_status analyse(table_data *d)
{
    const kehu_summary *s = d->s;
    size_t n = s->n ? s->n : 1, i;
    uint32_t *group = kehu_calloc(n, sizeof *group);
    uint8_t *churn = kehu_calloc(n, sizeof *churn);
    const kehu__group_dim *dim = d->nd > 0 ? &d->dims[0] : NULL;
    kehu_sat_options o;
    kehu_status rc = KEHU_ENOMEM;

    if (group == NULL || churn == NULL) {
        goto done;
    }
    memset(&o, 0, sizeof o);
    o.n_customers = s->n;
    for (i = 0; i < s->n; i++) {
        const kehu_class *k = &d->cls[i];
        group[i] = dim != NULL ? kehu__dim_key(dim, &s->rows[i], k) : 0;
        if (group[i] >= o.n_groups) {
            o.n_groups = group[i] + 1;
        }
        churn[i] = s->rows[i].purchase_days == 0    ? KEHU_SAT_EXCLUDED
                   : k->stage == KEHU_STAGE_CHURNED ? KEHU_SAT_CHURNED
                                                    : KEHU_SAT_RETAINED;
    }
    o.group = dim != NULL ? group : NULL;
    o.churn = churn;
    rc = kehu_sat_compute(d->sv.r, d->sv.n, &o, &d->res);
done:
    kehu_free(churn);
    kehu_free(group);
    return rc;
}

/* Classify as of A, read the survey and resolve its scales. */
static kehu_status prepare(const kehu_op_ctx *c, table_data *d, int *inferred)
{
    const sat_options *o = c->opts;
    const kehu_ledger *l = c->data->ledger;
    kehu_summary_options so;
    kehu_status rc = KEHU_OK;

    if (o->by != NULL) {
        rc = kehu__dims_parse("by", o->by, 0, l, d->dims, 1, &d->nd, c->err);
    }
    if (rc == KEHU_OK) {
        rc = kehu__window_summary(&o->w, l, &so, c->err);
    }
    if (rc == KEHU_OK) {
        rc = kehu__known_summary(l, &so, &d->s, c->err);
    }
    if (rc == KEHU_OK) {
        rc = kehu__classify_rows(d->s, &c->data->standards, NULL, NULL, &d->cls,
                                 c->err);
    }
    if (rc == KEHU_OK) {
        rc = read_survey(c, d);
    }
    if (rc == KEHU_OK &&
        kehu_sat_resolve_scales(d->sv.r, d->sv.n, inferred) != KEHU_OK) {
        rc = kehu_error_set(
            c->err, KEHU_EINVAL, "%s: a score outside its scale",
            kehu_dataset_side_name(c->data, KEHU_INPUT_FEEDBACK));
    }
    return rc;
}

static kehu_status run(const kehu_op_ctx *c, kehu_result *out)
{
    const sat_options *o = c->opts;
    table_data *d = kehu_calloc(1, sizeof *d);
    int inferred = 0;
    kehu_status rc;

    if (d == NULL) {
        return kehu_error_set(c->err, KEHU_ENOMEM, "out of memory");
    }
    rc = kehu_result_keep(out, d, table_data_free);
    if (rc == KEHU_OK) {
        rc = prepare(c, d, &inferred);
    }
    if (rc == KEHU_OK) {
        rc = kehu__note_standard(out, c->data);
    }
    if (rc == KEHU_OK) {
        rc = note_survey(c, &d->sv, inferred, out);
    }
    if (rc == KEHU_OK) {
        rc = analyse(d);
    }
    if (rc == KEHU_OK) {
        rc = add_table(out, d, (view)o->view);
    }
    if (rc == KEHU_ENOMEM && c->err->msg[0] == '\0') {
        return kehu_error_set(c->err, rc, "out of memory");
    }
    return rc;
}

static void init(void *opts)
{
    sat_options *o = opts;

    kehu__window_init(&o->w);
}

static kehu_status check(const kehu_params *p, kehu_error *err)
{
    const sat_options *o = p->opts;

    if (o->view != VIEW_METRICS && o->by != NULL) {
        return kehu_error_set(err, KEHU_EINVAL, "by goes with view metrics");
    }
    return KEHU_OK;
}

const kehu_op kehu_op_satisfaction = {
    "satisfaction",
    "CSAT, NPS, churn by satisfaction band, churned vs retained",
    "FILE --feedback SURVEY [--view VIEW] [--by DIM] [options]",
    "Survey responses (--feedback: customer_id, date, score, optional\n"
    "scale 5 or 10) of the customers classify lists as of A, dated in the\n"
    "window (--since/--window .. A; default all history before A). Rows\n"
    "without a scale are 5-point when every such score is at most 5, else\n"
    "0-10 (stated on stderr). CSAT = share of 5-point scores >= 4 (4-5);\n"
    "NPS = % promoters (>= 9) - % detractors (< 7, i.e. 0-6) of 0-10\n"
    "scores, in points; means are per scale. --view:\n"
    "  metrics              per --by group (or overall) and a total row;\n"
    "                       customers, respondents, responses, then the\n"
    "                       5-point and 0-10 figures (empty without any)\n"
    "  churn-by-band        buyers by the band of their latest response:\n"
    "                       dissatisfied (< 4) / satisfied, detractor /\n"
    "                       passive / promoter, no_response; churned and\n"
    "                       churn rate\n"
    "  churned-vs-retained  the metrics of churned and retained buyers\n"
    "Churned = lifecycle stage churned as of A (no purchase within\n"
    "churn_days, 365 by default, of the standard in force). Responses of\n"
    "customers not known as of A, or outside the window, are ignored and\n"
    "counted on stderr.",
    params,
    sizeof(sat_options),
    init,
    KEHU_NEEDS_LEDGER | KEHU_NEEDS_STANDARDS | KEHU_NEEDS_FEEDBACK,
    check,
    run,
};
