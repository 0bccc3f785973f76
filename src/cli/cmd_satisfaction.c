/* SPDX-License-Identifier: MIT */
/*
 * `kehu satisfaction FILE --feedback SURVEY`: loyalty and satisfaction
 * (SPEC.md section 8), one table per --view:
 * - metrics (default): CSAT, NPS and mean scores, overall or per --by
 *   group (segment, tier, stage, region, branch, channel, ...);
 * - churn-by-band: the churn rate of buyers by the band of their latest
 *   response (dissatisfied/satisfied, detractor/passive/promoter, and no
 *   response);
 * - churned-vs-retained: the metrics of churned and of retained buyers.
 * Customers and their classes are those of `kehu classify` as of A (same
 * standard, same window); churned = lifecycle stage churned as of A. The
 * responses counted are those dated in the window [--since, A) of
 * customers known at A; the others are ignored and counted on stderr.
 * The figures come from src/lib/satisfaction.c.
 */
#include "cli.h"
#include "cli_dims.h"
#include "cli_input.h"
#include "cli_standards.h"

#include "kehu/alloc.h"
#include "kehu/classify.h"
#include "kehu/date.h"
#include "kehu/satisfaction.h"

#include <stdlib.h>
#include <string.h>

#define MAX_RESPONSES ((size_t)1 << 30)

static const cli_option options[] = {
    {"feedback", "FILE",
     "survey CSV (customer_id, date, score[, scale]); required"},
    {"view", "VIEW", "metrics (default), churn-by-band or churned-vs-retained"},
    {"by", "DIM",
     "metrics per segment, tier, stage, rfm8, abcd, value_tier, region, "
     "branch or channel"},
    CLI_STANDARDS_OPTIONS,
    {NULL, NULL, NULL},
};

typedef enum view { VIEW_METRICS = 0, VIEW_BANDS, VIEW_CHURN } view;

/* The metric columns after the group column. */
/* clang-format off */
static const out_column metric_columns[] = {
    {"customers", "客户数", OUT_INT, 0},
    {"respondents", "答卷客户数", OUT_INT, 0},
    {"responses", "答卷数", OUT_INT, 0},
    {"responses_5", "五分制答卷", OUT_INT, 0},
    {"csat", "满意度CSAT", OUT_NUM, 4},
    {"mean_5", "五分制均分", OUT_NUM, 4},
    {"responses_10", "十分制答卷", OUT_INT, 0},
    {"promoters", "推荐者", OUT_INT, 0},
    {"passives", "被动者", OUT_INT, 0},
    {"detractors", "贬损者", OUT_INT, 0},
    {"nps", "净推荐值NPS", OUT_NUM, 2},
    {"mean_10", "十分制均分", OUT_NUM, 4},
};
static const out_column band_columns[] = {
    {"band", "满意度分组", OUT_STR, 0},
    {"scale", "量表", OUT_INT, 0},
    {"customers", "客户数", OUT_INT, 0},
    {"churned", "流失客户数", OUT_INT, 0},
    {"churn_rate", "流失率", OUT_NUM, 4},
};
/* clang-format on */
#define N_METRIC_COLUMNS (sizeof metric_columns / sizeof metric_columns[0])
#define N_BAND_COLUMNS   (sizeof band_columns / sizeof band_columns[0])

/* The survey responses, with the customer as a summary row index. */
typedef struct survey {
    const kehu_ledger *l;
    const size_t *row_of; /* ledger index -> summary row or SIZE_MAX */
    int32_t since, as_of; /* the window */
    kehu_sat_response *r;
    size_t n, cap;
    uint64_t unknown; /* rows of customers not known as of A */
    uint64_t outside; /* rows dated outside the window */
} survey;

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
        x = realloc(sv->r, cap * sizeof *x);
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

static void note_survey(const cli_ctx *c, const char *path, const survey *sv,
                        int inferred)
{
    if (c->quiet) {
        return;
    }
    if (sv->unknown > 0 || sv->outside > 0) {
        fprintf(stderr,
                "%s: ignored %llu responses of customers not known as of "
                "the analysis date and %llu dated outside the window\n",
                path, (unsigned long long)sv->unknown,
                (unsigned long long)sv->outside);
    }
    if (inferred != 0) {
        fprintf(stderr, "%s: rows without a scale read as %d-point (%s)\n",
                path, inferred,
                inferred == 5 ? "every such score is at most 5"
                              : "some such score is above 5");
    }
}

/* Read the survey and resolve the scales. Returns an exit code. */
static int read_survey(cli_ctx *c, const char *path, survey *sv)
{
    kehu_row_fn fn;
    int inferred = 0, code;

    fn.feedback = add_response;
    code = cli_read_side(c, KEHU_INPUT_FEEDBACK, path, fn, sv);
    if (code == 0 &&
        kehu_sat_resolve_scales(sv->r, sv->n, &inferred) != KEHU_OK) {
        code = cli_error(c, 2, "%s: a score outside its scale", path);
    }
    if (code == 0) {
        note_survey(c, path, sv, inferred);
    }
    return code;
}

/* ------------------------------------------------------------------ */
/* Output.                                                              */

static void metric_cells(out_table *t, const kehu_sat_metrics *m)
{
    out_int(t, (int64_t)m->customers);
    out_int(t, (int64_t)m->respondents);
    out_int(t, (int64_t)m->responses);
    out_int(t, (int64_t)m->n5);
    out_num(t, m->csat);
    out_num(t, m->mean5);
    out_int(t, (int64_t)m->n10);
    out_int(t, (int64_t)m->promoters);
    out_int(t, (int64_t)m->passives);
    out_int(t, (int64_t)m->detractors);
    out_num(t, m->nps);
    out_num(t, m->mean10);
}

static void label_cell(const cli_ctx *c, out_table *t, const char *en,
                       const char *zh)
{
    out_str(t, c->fmt == OUT_TABLE ? cli_tr(c, en, zh) : en);
}

/* A table: one label column named key/zh (none when key is NULL), then
 * the columns extra. */
static out_table *begin(cli_ctx *c, out_column *cols, const char *key,
                        const char *zh, const out_column *extra, size_t n)
{
    size_t nc = 0, j;

    if (key != NULL) {
        cols[nc].key = key;
        cols[nc].zh = zh;
        cols[nc].type = OUT_STR;
        cols[nc++].decimals = 0;
    }
    for (j = 0; j < n; j++) {
        cols[nc++] = extra[j];
    }
    return out_table_begin(c->out, c->fmt, c->lang, cols, nc);
}

static int end(cli_ctx *c, out_table *t)
{
    return out_table_end(t) == 0 ? 0 : cli_error(c, 1, "writing failed");
}

/* Groups with customers, in key order, then the total. */
static int print_metrics(cli_ctx *c, const cli_dim *dim,
                         const kehu_sat_result *res)
{
    out_column cols[1 + N_METRIC_COLUMNS];
    out_table *t = begin(c, cols, dim != NULL ? dim->def->name : NULL,
                         dim != NULL ? dim->def->zh : NULL, metric_columns,
                         N_METRIC_COLUMNS);
    uint32_t g;

    if (t == NULL) {
        return cli_error(c, 1, "out of memory");
    }
    for (g = 0; dim != NULL && g < res->n_groups; g++) {
        if (res->groups[g].customers > 0) {
            cli_dim_cell(c, t, dim, g);
            metric_cells(t, &res->groups[g]);
        }
    }
    if (dim != NULL) {
        label_cell(c, t, "total", "合计");
    }
    metric_cells(t, &res->total);
    return end(c, t);
}

static int print_bands(cli_ctx *c, const kehu_sat_result *res)
{
    static const char *const zh[KEHU_SAT_BAND_COUNT] = {
        "不满意", "满意", "贬损者", "被动者", "推荐者", "未答卷"};
    static const int scale[KEHU_SAT_BAND_COUNT] = {5, 5, 10, 10, 10, 0};
    out_column cols[N_BAND_COLUMNS];
    out_table *t = begin(c, cols, NULL, NULL, band_columns, N_BAND_COLUMNS);
    uint64_t on5 = res->bands[KEHU_SAT_DISSATISFIED].customers +
                   res->bands[KEHU_SAT_SATISFIED].customers;
    uint64_t on10 = res->bands[KEHU_SAT_DETRACTOR].customers +
                    res->bands[KEHU_SAT_PASSIVE].customers +
                    res->bands[KEHU_SAT_PROMOTER].customers;
    int b;

    if (t == NULL) {
        return cli_error(c, 1, "out of memory");
    }
    for (b = 0; b < KEHU_SAT_BAND_COUNT; b++) {
        const kehu_sat_band_row *x = &res->bands[b];
        /* The bands of a scale show when anyone's latest answer is on it;
         * no_response always shows. */
        if ((scale[b] == 5 && on5 == 0) || (scale[b] == 10 && on10 == 0)) {
            continue;
        }
        label_cell(c, t, kehu_sat_band_name((kehu_sat_band)b), zh[b]);
        if (scale[b] == 0) {
            out_null(t);
        } else {
            out_int(t, scale[b]);
        }
        out_int(t, (int64_t)x->customers);
        out_int(t, (int64_t)x->churned);
        out_num(t, x->churn_rate);
    }
    return end(c, t);
}

static int print_churn(cli_ctx *c, const kehu_sat_result *res)
{
    out_column cols[1 + N_METRIC_COLUMNS];
    out_table *t =
        begin(c, cols, "status", "状态", metric_columns, N_METRIC_COLUMNS);

    if (t == NULL) {
        return cli_error(c, 1, "out of memory");
    }
    label_cell(c, t, "churned", "流失");
    metric_cells(t, &res->churned);
    label_cell(c, t, "retained", "留存");
    metric_cells(t, &res->retained);
    return end(c, t);
}

/* ------------------------------------------------------------------ */
/* The command.                                                         */

/* Group and churn status of every summary row, then the figures. */
static int analyse(cli_ctx *c, const kehu_summary *s, const kehu_class *cls,
                   const cli_dim *dim, view v, const survey *sv)
{
    size_t n = s->n ? s->n : 1, i;
    uint32_t *group = calloc(n, sizeof *group);
    uint8_t *churn = calloc(n, sizeof *churn);
    kehu_sat_options o;
    kehu_sat_result *res = NULL;
    int code;

    if (group == NULL || churn == NULL) {
        code = cli_error(c, 1, "out of memory");
        goto done;
    }
    memset(&o, 0, sizeof o);
    o.n_customers = s->n;
    for (i = 0; i < s->n; i++) {
        group[i] = dim != NULL ? cli_dim_key(dim, &s->rows[i], &cls[i]) : 0;
        if (group[i] >= o.n_groups) {
            o.n_groups = group[i] + 1;
        }
        churn[i] = s->rows[i].purchase_days == 0        ? KEHU_SAT_EXCLUDED
                   : cls[i].stage == KEHU_STAGE_CHURNED ? KEHU_SAT_CHURNED
                                                        : KEHU_SAT_RETAINED;
    }
    o.group = dim != NULL ? group : NULL;
    o.churn = churn;
    if (kehu_sat_compute(sv->r, sv->n, &o, &res) != KEHU_OK) {
        code = cli_error(c, 1, "out of memory");
        goto done;
    }
    code = v == VIEW_METRICS ? print_metrics(c, dim, res)
           : v == VIEW_BANDS ? print_bands(c, res)
                             : print_churn(c, res);
done:
    kehu_sat_free(res);
    free(churn);
    free(group);
    return code;
}

/* Index of every known customer's summary row. */
static size_t *rows_of(const kehu_ledger *l, const kehu_summary *s)
{
    size_t n = kehu_ledger_count(l), i;
    size_t *row_of = malloc((n ? n : 1) * sizeof *row_of);

    if (row_of == NULL) {
        return NULL;
    }
    for (i = 0; i < n; i++) {
        row_of[i] = SIZE_MAX;
    }
    for (i = 0; i < s->n; i++) {
        row_of[s->rows[i].customer] = i;
    }
    return row_of;
}

static int survey_and_print(cli_ctx *c, const kehu_ledger *l,
                            const kehu_summary *s, const kehu_class *cls,
                            const cli_dim *dim, view v)
{
    size_t *row_of = rows_of(l, s);
    survey sv;
    int code;

    memset(&sv, 0, sizeof sv);
    sv.l = l;
    sv.since = s->since_day;
    sv.as_of = s->as_of_day;
    sv.row_of = row_of;
    if (row_of == NULL) {
        return cli_error(c, 1, "out of memory");
    }
    code = read_survey(c, cli_get(c, "feedback"), &sv);
    if (code == 0) {
        code = analyse(c, s, cls, dim, v, &sv);
    }
    free(sv.r);
    free(row_of);
    return code;
}

static int classify_and_print(cli_ctx *c, const kehu_ledger *l,
                              const kehu_standards *std, const char *source,
                              view v)
{
    const char *by = cli_get(c, "by");
    kehu_summary_options o;
    kehu_summary *s = NULL;
    kehu_class *cls = NULL;
    cli_dim dims[1];
    size_t nd = 0;
    int code = 0;

    if (by != NULL) {
        code = cli_dims_parse(c, "by", by, 0, l, dims, 1, &nd);
    }
    if (code == 0) {
        code = cli_summary_options(c, l, &o);
    }
    if (code == 0) {
        code = cli_known_summary(c, l, &o, &s);
    }
    if (code == 0) {
        code = cli_classify_rows(c, s, std, NULL, NULL, &cls);
    }
    if (code == 0) {
        cli_standards_note(c, source);
        code = survey_and_print(c, l, s, cls, nd > 0 ? &dims[0] : NULL, v);
    }
    cli_dims_reset(dims, nd);
    kehu_free(cls);
    kehu_summary_free(s);
    return code;
}

static int parse_options(cli_ctx *c, view *v)
{
    const char *name = cli_get(c, "view");

    if (c->nargs != 1) {
        return cli_error(c, 2,
                         "give one transaction file (see kehu satisfaction "
                         "--help)");
    }
    if (cli_get(c, "feedback") == NULL) {
        return cli_error(c, 2,
                         "give --feedback FILE, the survey (customer_id, "
                         "date, score[, scale])");
    }
    *v = VIEW_METRICS;
    if (name == NULL || strcmp(name, "metrics") == 0) {
        *v = VIEW_METRICS;
    } else if (strcmp(name, "churn-by-band") == 0) {
        *v = VIEW_BANDS;
    } else if (strcmp(name, "churned-vs-retained") == 0) {
        *v = VIEW_CHURN;
    } else {
        return cli_error(c, 2,
                         "--view %s: use metrics, churn-by-band or "
                         "churned-vs-retained",
                         name);
    }
    if (*v != VIEW_METRICS && cli_get(c, "by") != NULL) {
        return cli_error(c, 2, "--by goes with --view metrics");
    }
    return 0;
}

static int run(cli_ctx *c)
{
    kehu_ledger *l;
    kehu_standards std;
    const char *source;
    view v = VIEW_METRICS;
    int code = parse_options(c, &v);

    if (code != 0) {
        return code;
    }
    code = cli_standards_load(c, &std, &source);
    if (code != 0) {
        return code;
    }
    code = cli_load_ledger(c, c->args[0], &l);
    if (code != 0) {
        return code;
    }
    code = classify_and_print(c, l, &std, source, v);
    kehu_ledger_free(l);
    return code;
}

const cli_command cli_cmd_satisfaction = {
    "satisfaction",
    "CSAT, NPS, churn by satisfaction band, churned vs retained (SPEC 8)",
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
    options,
    1,
    run,
    NULL,
};
