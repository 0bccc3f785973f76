/* SPDX-License-Identifier: MIT */
/*
 * classify: every customer's classes as of A over the window: RFM scores,
 * RFM 8 class, named segment, value tier, ABCD, core/potential/ordinary
 * tier, lifecycle stage and needs-based type. Customers of the master
 * without a purchase in the window get a row too (ABCD D, stage
 * prospect). The needs-based type comes from the discount column and the
 * category map. explain adds the scheme and the thresholds in force as a
 * note, so the table stays the same with or without it.
 */
#include "classes.h"
#include "model.h"
#include "needs.h"
#include "standard.h"
#include "window.h"

#include "kehu/alloc.h"
#include "kehu/app/op.h"

#include <stddef.h>
#include <string.h>

typedef struct classify_opts {
    int explain;
    const char *stage_model; /* a name of kehu__model_choices, or NULL */
    kehu__window win;
} classify_opts;

static const kehu_param rows[] = {
    {"explain", KEHU_PARAM_FLAG, offsetof(classify_opts, explain), NULL, 0, -1,
     NULL, NULL,
     "write the scheme and thresholds in force (with the computed cut "
     "points) to stderr"},
    {"stage-model", KEHU_PARAM_TEXT, offsetof(classify_opts, stage_model), NULL,
     0, -1, NULL, "M",
     "at_risk/churned stages from P(alive) of model M (bgnbd, pnbd, "
     "mbgnbd) fitted on the summary, in weeks unless --unit"},
    {NULL, 0, 0, NULL, 0, 0, NULL, NULL, NULL},
};

static const kehu_param_group params[] = {
    {rows, 0},
    {kehu__window_params, offsetof(classify_opts, win)},
    {NULL, 0},
};

static const kehu_column columns[] = {
    {"customer_id", KEHU_COL_STR, 0, NULL}, {"r_score", KEHU_COL_INT, 0, NULL},
    {"f_score", KEHU_COL_INT, 0, NULL},     {"m_score", KEHU_COL_INT, 0, NULL},
    {"rfm8", KEHU_COL_STR, 0, NULL},        {"segment", KEHU_COL_STR, 0, NULL},
    {"value_tier", KEHU_COL_STR, 0, NULL},  {"abcd", KEHU_COL_STR, 0, NULL},
    {"tier", KEHU_COL_STR, 0, NULL},        {"stage", KEHU_COL_STR, 0, NULL},
    {"needs", KEHU_COL_STR, 0, NULL},
};
#define NCOLS (sizeof columns / sizeof columns[0])

typedef struct table_data {
    const kehu_ledger *l;
    kehu_summary *s;
    kehu_class *cls;
} table_data;

static void table_data_free(void *p)
{
    table_data *d = p;

    kehu_free(d->cls);
    kehu_summary_free(d->s);
    kehu_free(d);
}

static kehu_status emit(const void *data, const kehu_cells *out)
{
    const table_data *d = data;
    size_t i;
    int dim;

    for (i = 0; i < d->s->n; i++) {
        const kehu_class *k = &d->cls[i];
        int buyer = d->s->rows[i].purchase_days > 0;
        kehu_customer cu;

        kehu_ledger_customer(d->l, d->s->rows[i].customer, &cu);
        kehu_cell_strn(out, cu.id.ptr, cu.id.len);
        if (buyer) {
            kehu_cell_int(out, k->r);
            kehu_cell_int(out, k->f);
            kehu_cell_int(out, k->m);
        } else {
            kehu_cell_null(out);
            kehu_cell_null(out);
            kehu_cell_null(out);
        }
        /* Empty for customers without a purchase, except ABCD (D), stage
         * (prospect) and needs, which are defined for them. */
        for (dim = 0; dim < KEHU__CLASS_COUNT; dim++) {
            if (!buyer && dim != KEHU__CLASS_ABCD && dim != KEHU__CLASS_STAGE &&
                dim != KEHU__CLASS_NEEDS) {
                kehu_cell_null(out);
            } else {
                kehu__cell_class(out, (kehu__class_dim)dim,
                                 kehu__class_value(k, (kehu__class_dim)dim));
            }
        }
    }
    return KEHU_OK;
}

/* The explanation of zh (0, 1) without its last line feed. OUT: *out
 * (kehu_free). */
static kehu_status explain_text(const kehu_standards *std,
                                const kehu_class_info *info, int zh, char **out)
{
    size_t len = 0;
    char *buf;

    *out = NULL;
    (void)kehu_standards_explain(std, info, zh, NULL, 0, &len);
    buf = kehu_malloc(len + 1);
    if (buf == NULL) {
        return KEHU_ENOMEM;
    }
    (void)kehu_standards_explain(std, info, zh, buf, len + 1, NULL);
    if (len > 0 && buf[len - 1] == '\n') {
        buf[len - 1] = '\0';
    }
    *out = buf;
    return KEHU_OK;
}

/* Every threshold in force, as one note (en and zh). */
static kehu_status note_explain(kehu_result *out, const kehu_standards *std,
                                const kehu_class_info *info)
{
    char *en = NULL, *zh = NULL;
    kehu_note *n;
    kehu_status rc = explain_text(std, info, 0, &en);

    if (rc == KEHU_OK) {
        rc = explain_text(std, info, 1, &zh);
    }
    if (rc == KEHU_OK) {
        rc = kehu_result_note(out, KEHU_NOTE_EXPLAIN, "explain", &n, "%s", en);
    }
    if (rc == KEHU_OK) {
        rc = kehu_note_zh(out, n, "%s", zh);
    }
    kehu_free(en);
    kehu_free(zh);
    return rc;
}

/* The index of name in kehu__model_choices, or -1. */
static int model_choice(const char *name)
{
    int i;

    for (i = 0; kehu__model_choices[i] != NULL; i++) {
        if (strcmp(kehu__model_choices[i], name) == 0) {
            return i;
        }
    }
    return -1;
}

/* P(alive) and the ranking CLV of the stage model into extra. OUT:
 * *p_alive, *clv (kehu_free). */
static kehu_status stage_model(const kehu_op_ctx *c, kehu_result *out,
                               const kehu_summary *s, double **p_alive,
                               double **clv, kehu_class_inputs *extra)
{
    const classify_opts *o = c->opts;
    int unit = o->win.unit >= 0 ? o->win.unit : KEHU__MODEL_UNIT;
    kehu__model m;
    kehu_status rc;

    kehu__model_init(&m, model_choice(o->stage_model));
    rc = kehu__model_values(s, kehu_unit_days((kehu_unit)unit), &m, NULL,
                            p_alive, clv, c->err);
    if (rc == KEHU_OK) {
        rc = kehu__model_note(out, &m);
    }
    extra->p_alive = *p_alive;
    extra->clv = *clv;
    return rc;
}

/* The classified summary of c into d, with the notes. */
static kehu_status classify(const kehu_op_ctx *c, table_data *d,
                            kehu_result *out)
{
    const classify_opts *o = c->opts;
    kehu_summary_options so;
    kehu_class_info info;
    kehu_class_inputs extra = {NULL, NULL, NULL, 0};
    double *p_alive = NULL, *clv = NULL;
    uint8_t *tags = NULL;
    kehu_status rc = kehu__window_summary(&o->win, d->l, &so, c->err);

    if (rc == KEHU_OK) {
        rc = kehu__category_map(c->data, d->l, &extra, &tags, c->err);
    }
    if (rc == KEHU_OK) {
        rc = kehu__known_summary(d->l, &so, &d->s, c->err);
    }
    if (rc == KEHU_OK && o->stage_model != NULL) {
        rc = stage_model(c, out, d->s, &p_alive, &clv, &extra);
    }
    if (rc == KEHU_OK) {
        rc = kehu__classify_rows(d->s, &c->data->standards, &extra, &info,
                                 &d->cls, c->err);
    }
    if (rc == KEHU_OK) {
        rc = kehu__note_standard(out, c->data);
    }
    if (rc == KEHU_OK && o->explain) {
        rc = note_explain(out, &c->data->standards, &info);
    }
    kehu_free(p_alive);
    kehu_free(clv);
    kehu_free(tags);
    return rc;
}

static kehu_status run(const kehu_op_ctx *c, kehu_result *out)
{
    table_data *d = kehu_calloc(1, sizeof *d);
    kehu_status rc;

    if (d == NULL) {
        return KEHU_ENOMEM;
    }
    rc = kehu_result_keep(out, d, table_data_free);
    if (rc != KEHU_OK) {
        return rc;
    }
    d->l = c->data->ledger;
    rc = classify(c, d, out);
    if (rc != KEHU_OK) {
        return rc;
    }
    return kehu_result_table(out, "classify", columns, NCOLS, emit, d, NULL);
}

static void init(void *opts)
{
    kehu__window_init(&((classify_opts *)opts)->win);
}

/* The stage model's message lists the models comma-separated, as scripts
 * grep it. */
static kehu_status check(const kehu_params *p, kehu_error *err)
{
    const classify_opts *o = p->opts;

    if (o->stage_model != NULL && model_choice(o->stage_model) < 0) {
        return kehu_error_set(err, KEHU_EINVAL,
                              "--stage-model %s: unknown purchase model (use "
                              "bgnbd, pnbd, mbgnbd)",
                              o->stage_model);
    }
    return KEHU_OK;
}

const kehu_op kehu_op_classify = {
    "classify",
    "per-customer classes: RFM scores, RFM 8, segment, ABCD, tier, stage, "
    "needs",
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
    "are potential too (docs/classification.md).\n"
    "needs (the needs-based type, first match): price_sensitive when the\n"
    "input has a discount column and the spend of rows carrying a discount\n"
    "is >= price_sensitive_share (0.5, standards key [needs]) of the\n"
    "customer's spend in the window; else emotional or functional when\n"
    "--category-map MAP.csv (columns category, need) tags the customer's\n"
    "dominant category (most frequent; ties: smallest); else unknown.\n"
    "Without those inputs it stays unknown: never guessed.",
    params,
    sizeof(classify_opts),
    init,
    KEHU_NEEDS_LEDGER | KEHU_NEEDS_STANDARDS | KEHU_NEEDS_CATEGORY_MAP,
    check,
    run,
};
