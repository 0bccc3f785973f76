/* SPDX-License-Identifier: MIT */
/*
 * `kehu satisfaction FILE --feedback SURVEY.csv [--by DIM]`: CSAT, NPS and
 * mean scores by tier, stage, segment (and a dimension), satisfaction of
 * churned vs retained customers, and the churn rate by satisfaction band,
 * with the classification as of A (SPEC.md section 8).
 */
#include "cli_counts.h"
#include "cli_input.h"

#include "kehu/alloc.h"
#include "kehu/date.h"
#include "kehu/satisfaction.h"

#include <stdlib.h>
#include <string.h>

static const cli_option options[] = {
    CLI_STANDARDS_OPTIONS,
    {"feedback", "FILE", "survey CSV (customer_id, date, score[, scale])"},
    {"scale", "S",
     "5 or 10 for answers without a scale column (default: "
     "10 when any such score is 0 or above 5, else 5)"},
    {"by", "DIM", "also by region, branch, channel or category"},
    {NULL, NULL, NULL},
};

static const out_column columns[] = {
    {"view", "视角", OUT_STR, 0},
    {"group", "分组", OUT_STR, 0},
    {"customers", "客户数", OUT_INT, 0},
    {"respondents", "受访客户", OUT_INT, 0},
    {"answers", "答卷数", OUT_INT, 0},
    {"csat", "满意度CSAT", OUT_NUM, 4},
    {"nps", "净推荐值NPS", OUT_NUM, 1},
    {"mean_5", "平均分(5分制)", OUT_NUM, 2},
    {"mean_10", "平均分(10分制)", OUT_NUM, 2},
    {"churned", "流失客户", OUT_INT, 0},
    {"churn_rate", "流失率", OUT_NUM, 4},
};

#define NCOLS (sizeof columns / sizeof columns[0])

typedef struct answers {
    const kehu_ledger *l;
    kehu_sat_answer *a;
    size_t n, cap;
    uint64_t unknown, out_of_range;
} answers;

static kehu_status add_answer(void *ctx, const kehu_feedback_row *r)
{
    answers *k = ctx;
    size_t i;

    if (kehu_ledger_find(k->l, r->customer_id, &i) != KEHU_OK) {
        k->unknown++;
        return KEHU_OK;
    }
    if (k->n == k->cap) {
        size_t cap = k->cap ? 2 * k->cap : 1024;
        kehu_sat_answer *a = kehu_reallocarray(k->a, cap, sizeof *a);
        if (a == NULL) {
            return KEHU_ENOMEM;
        }
        k->a = a;
        k->cap = cap;
    }
    k->a[k->n].customer = i;
    k->a[k->n].day = r->day;
    k->a[k->n].score = r->score;
    k->a[k->n].scale = r->scale; /* 0 until resolved */
    k->n++;
    return KEHU_OK;
}

/* Give unscaled answers a scale and drop scores outside their scale. */
static void resolve_scales(answers *k, int scale)
{
    size_t i, m = 0;

    if (scale == 0) {
        scale = 5;
        for (i = 0; i < k->n; i++) {
            if (k->a[i].scale == 0 &&
                (k->a[i].score == 0 || k->a[i].score > 5)) {
                scale = 10;
            }
        }
    }
    for (i = 0; i < k->n; i++) {
        if (k->a[i].scale == 0) {
            k->a[i].scale = scale;
        }
        if (kehu_sat_band_of(k->a[i].score, k->a[i].scale) == KEHU_BAND_NONE) {
            k->out_of_range++;
            continue;
        }
        k->a[m++] = k->a[i];
    }
    k->n = m;
}

static int read_answers(cli_ctx *c, const char *path, answers *k)
{
    cli_input in;
    kehu_read_stats *st;
    kehu_status rc;
    int code = cli_input_init(c, &in);

    if (code != 0) {
        return code;
    }
    in.opts.rejects_path = NULL; /* its own rejects file, next to it */
    st = calloc(1, sizeof *st);
    if (st == NULL) {
        return cli_error(c, 1, "out of memory");
    }
    rc = kehu_read_feedback(path, &in.opts, add_answer, k, st);
    if (rc == KEHU_OK || rc == KEHU_EREJECT) {
        cli_input_report(c, path, st);
    }
    code = rc == KEHU_OK ? 0 : cli_input_fail(c, rc, st);
    free(st);
    return code;
}

static const char *group_name(const cli_ctx *c, const kehu_ledger *l, int by,
                              int view, size_t g)
{
    int zh = c->lang == OUT_ZH;

    switch (view) {
    case KEHU_SAT_TIER:
        return zh ? kehu_tier_zh((kehu_tier)g) : kehu_tier_name((kehu_tier)g);
    case KEHU_SAT_STAGE:
        return zh ? kehu_stage_zh((kehu_stage)g)
                  : kehu_stage_name((kehu_stage)g);
    case KEHU_SAT_SEGMENT:
        return zh ? kehu_segment_zh((kehu_segment)g)
                  : kehu_segment_name((kehu_segment)g);
    case KEHU_SAT_STATUS:
        return g ? cli_tr(c, "churned", "流失") : cli_tr(c, "retained", "留存");
    case KEHU_SAT_BAND:
        return kehu_sat_band_name((kehu_sat_band)g);
    case KEHU_SAT_DIM:
        return kehu_ledger_dim_value(l, (kehu_dim)by, (uint32_t)g);
    default:
        return cli_tr(c, "all", "全部");
    }
}

static void print_group(out_table *t, const char *view, const char *group,
                        const kehu_sat_stats *g)
{
    out_str(t, view);
    out_str(t, group);
    out_int(t, g->customers);
    out_int(t, g->respondents);
    out_int(t, g->answers);
    out_num(t, kehu_sat_csat(g));
    out_num(t, kehu_sat_nps(g));
    out_num(t, kehu_sat_mean5(g));
    out_num(t, kehu_sat_mean10(g));
    out_int(t, g->churned);
    out_num(t, kehu_sat_churn_rate(g));
}

static int print(cli_ctx *c, const kehu_ledger *l, const kehu_satisfaction *sat)
{
    static const char *const views[KEHU_SAT_VIEWS] = {
        "all", "tier", "stage", "segment", "status", "band", ""};
    out_table *t = out_table_begin(c->out, c->fmt, c->lang, columns, NCOLS);
    uint32_t *order = NULL, n_dim = 0;
    size_t g;
    int v;

    if (t == NULL) {
        return cli_error(c, 1, "out of memory");
    }
    if (sat->by >= 0 &&
        counts_dim_order(c, l, (kehu_dim)sat->by, &order, &n_dim) != 0) {
        (void)out_table_end(t);
        return 1;
    }
    for (v = 0; v < KEHU_SAT_VIEWS; v++) {
        const char *view =
            v == KEHU_SAT_DIM ? counts_dim_name(sat->by) : views[v];
        for (g = 0; g < sat->n_groups[v]; g++) {
            size_t gg = v == KEHU_SAT_DIM ? order[g] : g;
            const kehu_sat_stats *st = &sat->group[v][gg];
            if (st->customers > 0) {
                print_group(t, view, group_name(c, l, sat->by, v, gg), st);
            }
        }
    }
    kehu_free(order);
    return out_table_end(t) == 0 ? 0 : cli_error(c, 1, "writing failed");
}

static int analyse(cli_ctx *c, const kehu_ledger *l, answers *k, int by)
{
    kehu_summary_options so;
    kehu_standards std;
    kehu_summary *s = NULL;
    kehu_class *cls = NULL;
    kehu_satisfaction *sat = NULL;
    kehu_status rc;
    int code;

    if (cli_summary_options(c, l, &so) != 0 || counts_standards(c, &std) != 0) {
        return 2;
    }
    rc = kehu_summary_compute(l, &so, &s);
    if (rc == KEHU_OK) {
        rc = kehu_classify(s, &std, NULL, &cls);
    }
    if (rc == KEHU_OK) {
        rc = kehu_satisfaction_compute(l, s, cls, k->a, k->n, by, &sat);
    }
    if (rc == KEHU_OK) {
        if (!c->quiet) {
            fprintf(stderr,
                    "answers: %lld used, %lld on or after the as-of date, "
                    "%lld of non-buyers, %llu of unknown customers, %llu "
                    "outside their scale (all left out)\n",
                    (long long)sat->answers_used, (long long)sat->answers_late,
                    (long long)sat->answers_unknown,
                    (unsigned long long)k->unknown,
                    (unsigned long long)k->out_of_range);
        }
        code = print(c, l, sat);
    } else {
        code = cli_error(c, cli_exit_code(rc), "satisfaction failed: %s",
                         kehu_strerror(rc));
    }
    kehu_satisfaction_free(sat);
    kehu_free(cls);
    kehu_summary_free(s);
    return code;
}

static int run(cli_ctx *c)
{
    answers k;
    kehu_ledger *l;
    long scale = 0;
    int by, code;

    memset(&k, 0, sizeof k);
    if (c->nargs != 1) {
        return cli_error(c, 2,
                         "give one transaction file (see kehu "
                         "satisfaction --help)");
    }
    if (counts_opt_by(c, &by) != 0 || cli_opt_long(c, "scale", &scale) != 0) {
        return 2;
    }
    if (scale != 0 && scale != 5 && scale != 10) {
        return cli_error(c, 2, "--scale must be 5 or 10");
    }
    if (cli_get(c, "feedback") == NULL) {
        return cli_error(c, 2, "give --feedback FILE (survey answers)");
    }
    code = cli_load_ledger(c, c->args[0], &l);
    if (code != 0) {
        return code;
    }
    k.l = l;
    code = read_answers(c, cli_get(c, "feedback"), &k);
    if (code == 0) {
        resolve_scales(&k, (int)scale);
        code = analyse(c, l, &k, by);
    }
    kehu_free(k.a);
    kehu_ledger_free(l);
    return code;
}

const cli_command cli_cmd_satisfaction = {
    "satisfaction",
    "CSAT, NPS and churn by satisfaction band, tier, stage, segment",
    "FILE --feedback SURVEY.csv [--by DIM] [options]",
    "Survey answers before A (--as-of) of the customers who bought, grouped\n"
    "by view: all, tier, stage, segment, status (churned vs retained), band\n"
    "(the customer's latest answer: low 1-2 of 5 or 0-6 of 10, mid 3 or\n"
    "7-8, high 4-5 or 9-10, none) and --by DIM. csat = share of 5-point\n"
    "answers scoring 4-5; nps = % scoring 9-10 minus % scoring 0-6 of\n"
    "10-point answers; means per scale; churn_rate = churned customers /\n"
    "customers in the group (stage churned as of A).",
    options,
    1,
    run,
};
