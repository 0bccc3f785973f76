/* SPDX-License-Identifier: MIT */
/*
 * `kehu classify FILE`: every customer's classes of SPEC.md section 4 as
 * of --as-of over the window: RFM scores, RFM 8 class, named segment,
 * value tier, ABCD, core/potential/ordinary tier and lifecycle stage.
 * Customers of the --customers master without a purchase in the window
 * get a row too (ABCD D, stage prospect). The needs-based type comes from
 * the discount column and --category-map (cli_needs.h). --explain writes the
 * scheme and the thresholds in force to standard error, so the table on
 * standard output stays the same with or without it.
 */
#include "cli.h"
#include "cli_model.h"
#include "cli_needs.h"
#include "cli_standards.h"

#include "kehu/alloc.h"
#include "kehu/classify.h"
#include "kehu/standards.h"
#include "kehu/summary.h"

#include <stdlib.h>

static const cli_option options[] = {
    {"explain", NULL,
     "write the scheme and thresholds in force (with the computed cut "
     "points) to stderr"},
    {"stage-model", "M",
     "at_risk/churned stages from P(alive) of model M (bgnbd, pnbd, "
     "mbgnbd) fitted on the summary, in weeks unless --unit"},
    CLI_CATEGORY_MAP_OPTION,
    CLI_STANDARDS_OPTIONS,
    {NULL, NULL, NULL},
};

/* One column per line (clang-format would pack them into a grid). */
/* clang-format off */
static const out_column columns[] = {
    {"customer_id", "客户编号", OUT_STR, 0},
    {"r_score", "R分", OUT_INT, 0},
    {"f_score", "F分", OUT_INT, 0},
    {"m_score", "M分", OUT_INT, 0},
    {"rfm8", "RFM八类", OUT_STR, 0},
    {"segment", "RFM细分", OUT_STR, 0},
    {"value_tier", "价值层级", OUT_STR, 0},
    {"abcd", "ABCD", OUT_STR, 0},
    {"tier", "客户层级", OUT_STR, 0},
    {"stage", "生命周期", OUT_STR, 0},
    {"needs", "需求类型", OUT_STR, 0},
};
/* clang-format on */

#define NCOLS (sizeof columns / sizeof columns[0])

/* A class cell: empty (null) for customers without a purchase, except
 * ABCD (D), stage (prospect) and needs (a category tag, or unknown),
 * which are defined for them. */
static void class_cell(cli_ctx *c, out_table *t, const kehu_class *k,
                       cli_class_dim d, int buyer)
{
    if (!buyer && d != CLI_CLASS_ABCD && d != CLI_CLASS_STAGE &&
        d != CLI_CLASS_NEEDS) {
        out_null(t);
        return;
    }
    out_str(t, cli_class_label(c, d, cli_class_value(k, d)));
}

static int print(cli_ctx *c, const kehu_ledger *l, const kehu_summary *s,
                 const kehu_class *cls)
{
    out_table *t = out_table_begin(c->out, c->fmt, c->lang, columns, NCOLS);
    size_t i;
    int d;

    if (t == NULL) {
        return cli_error(c, 1, "out of memory");
    }
    for (i = 0; i < s->n; i++) {
        const kehu_class *k = &cls[i];
        int buyer = s->rows[i].purchase_days > 0;
        kehu_customer cu;

        kehu_ledger_customer(l, s->rows[i].customer, &cu);
        out_strn(t, cu.id.ptr, cu.id.len);
        if (buyer) {
            out_int(t, k->r);
            out_int(t, k->f);
            out_int(t, k->m);
        } else {
            out_null(t);
            out_null(t);
            out_null(t);
        }
        for (d = 0; d < CLI_CLASS_COUNT; d++) {
            class_cell(c, t, k, (cli_class_dim)d, buyer);
        }
        if ((i & 0xffff) == 0) {
            cli_progress(c, "writing", i, s->n);
        }
    }
    cli_progress(c, "writing", s->n, s->n);
    return out_table_end(t) == 0 ? 0 : cli_error(c, 1, "writing failed");
}

/* The scheme line (SPEC: the scheme used is always printed), and with
 * --explain every threshold, on stderr. */
static int explain(cli_ctx *c, const kehu_standards *std,
                   const kehu_class_info *info, const char *source)
{
    int zh = c->lang == OUT_ZH;
    size_t len = 0;
    char *buf;

    cli_standards_note(c, source);
    if (!cli_has(c, "explain")) {
        return 0;
    }
    (void)kehu_standards_explain(std, info, zh, NULL, 0, &len);
    buf = malloc(len + 1);
    if (buf == NULL) {
        return cli_error(c, 1, "out of memory");
    }
    (void)kehu_standards_explain(std, info, zh, buf, len + 1, NULL);
    (void)fputs(buf, stderr);
    free(buf);
    return 0;
}

static int run(cli_ctx *c)
{
    kehu_ledger *l;
    kehu_standards std;
    kehu_summary_options o;
    kehu_summary *s = NULL;
    kehu_class_info info;
    kehu_class_inputs extra = {NULL, NULL, NULL, 0};
    kehu_class *cls = NULL;
    const char *source;
    double *p_alive = NULL, *clv = NULL;
    uint8_t *tags = NULL;
    cli_model model;
    int code;

    if (c->nargs != 1) {
        return cli_error(c, 2,
                         "give one transaction file (see kehu classify "
                         "--help)");
    }
    if (cli_has(c, "stage-model") &&
        cli_model_parse(c, "stage-model", "bgnbd", &model) != 0) {
        return 2;
    }
    code = cli_standards_load(c, &std, &source);
    if (code != 0) {
        return code;
    }
    code = cli_load_ledger(c, c->args[0], &l);
    if (code != 0) {
        return code;
    }
    code = cli_summary_options(c, l, &o);
    if (code == 0) {
        code = cli_category_map(c, l, &extra, &tags);
    }
    if (code == 0) {
        code = cli_known_summary(c, l, &o, &s);
    }
    /* Model inputs: --stage-model sets extra.p_alive (one value per
     * s->rows entry, NaN where there is none). */
    if (code == 0 && cli_has(c, "stage-model")) {
        double unit_days =
            kehu_unit_days(cli_has(c, "unit") ? o.unit : KEHU_UNIT_WEEK);
        code = cli_model_values(c, s, unit_days, &model, &p_alive, &clv);
        extra.p_alive = p_alive;
        extra.clv = clv;
    }
    if (code == 0) {
        code = cli_classify_rows(c, s, &std, &extra, &info, &cls);
    }
    if (code == 0) {
        code = explain(c, &std, &info, source);
    }
    if (code == 0) {
        code = print(c, l, s, cls);
    }
    free(p_alive);
    free(clv);
    free(tags);
    kehu_free(cls);
    kehu_summary_free(s);
    kehu_ledger_free(l);
    return code;
}

const cli_command cli_cmd_classify = {
    "classify",
    "per-customer classes: RFM scores, RFM 8, segment, ABCD, tier, stage, "
    "needs "
    "(SPEC 4)",
    "FILE [options]",
    "One row per customer in id order, as of date A (--as-of, default the\n"
    "day after the last order) over the window (--since/--window, default\n"
    "all history). Customers of --customers without a purchase in the\n"
    "window get a row with ABCD D and stage prospect (scores empty).\n"
    "Thresholds come from --standards FILE (default ./kehu.toml when it\n"
    "exists; see kehu.toml.example), then the options below. The standard\n"
    "used is named on stderr; --explain adds every threshold in force and\n"
    "the computed percentile cut points, means and ABCD cut (stderr, so\n"
    "standard output is the table alone). csv and json carry machine names\n"
    "(important_value, champions, core, at_risk); a --lang zh table shows\n"
    "the Chinese labels. --stage-model M fits M (BG/NBD, Pareto/NBD or\n"
    "MBG/NBD; parameters on stderr) on the buyers' (repeat purchase days,\n"
    "t_x, T) in weeks (or --unit) and replaces the day rules of the stage:\n"
    "P(alive) < model_churned_below (0.2) is churned, < model_at_risk_below\n"
    "(0.5) at risk (standards keys [stage]). With the model fitted, the\n"
    "top potential_top_clv_share (0.2) of buyers by CLV (one year of the\n"
    "model's expected purchases at the customer's mean spend, 10% a year)\n"
    "are potential too (SPEC 4).\n"
    "needs (the needs-based type, first match): price_sensitive when the\n"
    "input has a discount column and the spend of rows carrying a discount\n"
    "is >= price_sensitive_share (0.5, standards key [needs]) of the\n"
    "customer's spend in the window; else emotional or functional when\n"
    "--category-map MAP.csv (columns category, need) tags the customer's\n"
    "dominant category (most frequent; ties: smallest); else unknown.\n"
    "Without those inputs it stays unknown: never guessed.",
    options,
    1,
    run,
    NULL,
};
