/* SPDX-License-Identifier: MIT */
/*
 * followup: the follow-up list, core customers not contacted within N
 * days. The core tier is the one classify gives as of A (same standard,
 * same window); a contact is an events row whose event is `contact` (the
 * event parameter changes the name, case-insensitive), dated before A. A
 * customer is listed when never contacted before A or when A - last
 * contact > N days; never-contacted customers come first, then the oldest
 * last contact, then the customer id. Contact rows of customers not in
 * the transactions (nor the master) are ignored and counted in a note, as
 * are contacts on or after A.
 */
#include "classes.h"
#include "standard.h"
#include "window.h"

#include "kehu/alloc.h"
#include "kehu/app/op.h"
#include "kehu/date.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

typedef struct followup_options {
    kehu__window w;
    long days;
    const char *event;
} followup_options;

static const kehu_param rows[] = {
    {"days", KEHU_PARAM_INT, offsetof(followup_options, days), "30", 0, 100000,
     NULL, "N", "list core customers not contacted within N days (30)"},
    {"event", KEHU_PARAM_TEXT, offsetof(followup_options, event), "contact", 0,
     -1, NULL, "NAME", "the event that counts as a contact (contact)"},
    {NULL, 0, 0, NULL, 0, 0, NULL, NULL, NULL},
};

static const kehu_param_group params[] = {
    {rows, 0},
    {kehu__window_params, offsetof(followup_options, w)},
    {NULL, 0},
};

static const kehu_column columns[] = {
    {"customer_id", KEHU_COL_STR, 0, NULL},
    {"last_contact", KEHU_COL_STR, 0, NULL},
    {"days_since_contact", KEHU_COL_INT, 0, "days"},
    {"contacts", KEHU_COL_INT, 0, NULL},
    {"last_purchase", KEHU_COL_STR, 0, NULL},
    {"days_since_last", KEHU_COL_INT, 0, "days"},
    {"monetary_total", KEHU_COL_NUM, 2, "money"},
    {"segment", KEHU_COL_STR, 0, NULL},
    {"stage", KEHU_COL_STR, 0, NULL},
    {"region", KEHU_COL_STR, 0, NULL},
    {"branch", KEHU_COL_STR, 0, NULL},
    {"channel", KEHU_COL_STR, 0, NULL},
};
#define NCOLS (sizeof columns / sizeof columns[0])

/* Contacts per ledger customer before A. */
typedef struct contacts {
    const kehu_ledger *l;
    const char *event; /* the contact event name */
    int32_t as_of;
    int32_t *last;    /* per ledger index; KEHU_DAY_NONE = never */
    uint32_t *count;  /* per ledger index */
    uint64_t unknown; /* contact rows of customers not in the ledger */
    uint64_t later;   /* contact rows dated on or after A */
} contacts;

/* One listed customer; sorted by last contact (never first), then id. */
typedef struct listed {
    int32_t last_contact;
    kehu_slice id;
    size_t row; /* summary row */
} listed;

typedef struct table_data {
    const kehu_ledger *l;
    kehu_summary *s;
    kehu_class *cls;
    contacts k;
    listed *x;
    size_t n;
} table_data;

static void table_data_free(void *p)
{
    table_data *d = p;

    kehu_free(d->x);
    kehu_free(d->k.count);
    kehu_free(d->k.last);
    kehu_free(d->cls);
    kehu_summary_free(d->s);
    kehu_free(d);
}

static int is_contact(const contacts *k, kehu_slice event)
{
    return event.len == strlen(k->event) &&
           strncasecmp(event.ptr, k->event, event.len) == 0;
}

static kehu_status add_event(void *ctx, const kehu_event_row *r)
{
    contacts *k = ctx;
    size_t i;

    if (!is_contact(k, r->event)) {
        return KEHU_OK;
    }
    if (kehu_ledger_find(k->l, r->customer_id, &i) != KEHU_OK) {
        k->unknown++;
        return KEHU_OK;
    }
    if (r->day >= k->as_of) {
        k->later++; /* not known yet as of A */
        return KEHU_OK;
    }
    k->count[i]++;
    if (r->day > k->last[i]) {
        k->last[i] = r->day;
    }
    return KEHU_OK;
}

/* Stream the events into d->k. */
static kehu_status read_contacts(const kehu_op_ctx *c, table_data *d)
{
    size_t n = kehu_ledger_count(d->l), i;
    kehu_row_fn fn;

    d->k.l = d->l;
    d->k.as_of = d->s->as_of_day;
    d->k.last = kehu_calloc(n ? n : 1, sizeof *d->k.last);
    d->k.count = kehu_calloc(n ? n : 1, sizeof *d->k.count);
    if (d->k.last == NULL || d->k.count == NULL) {
        return KEHU_ENOMEM;
    }
    for (i = 0; i < n; i++) {
        d->k.last[i] = KEHU_DAY_NONE;
    }
    fn.event = add_event;
    return kehu_dataset_each(c->data, KEHU_INPUT_EVENTS, fn, &d->k, c->err);
}

static int compare_listed(const void *a, const void *b)
{
    const listed *x = a, *y = b;

    if (x->last_contact != y->last_contact) {
        return x->last_contact < y->last_contact ? -1 : 1;
    }
    return kehu_id_compare(x->id, y->id);
}

/* The core customers due for a contact, sorted. */
static kehu_status select_listed(table_data *d, long days)
{
    const kehu_summary *s = d->s;
    size_t i;

    d->x = kehu_calloc(s->n ? s->n : 1, sizeof *d->x);
    if (d->x == NULL) {
        return KEHU_ENOMEM;
    }
    for (i = 0; i < s->n; i++) {
        int32_t last = d->k.last[s->rows[i].customer];
        kehu_customer cu;
        if (d->cls[i].tier != KEHU_TIER_CORE ||
            (last != KEHU_DAY_NONE && s->as_of_day - last <= days)) {
            continue;
        }
        kehu_ledger_customer(d->l, s->rows[i].customer, &cu);
        d->x[d->n].last_contact = last;
        d->x[d->n].id = cu.id;
        d->x[d->n++].row = i;
    }
    qsort(d->x, d->n, sizeof *d->x, compare_listed);
    return KEHU_OK;
}

static void dim_cell(const kehu_cells *out, const kehu_ledger *l, kehu_dim d,
                     uint32_t v)
{
    kehu_slice s = kehu_ledger_dim_slice(l, d, v);

    if (v == 0) {
        kehu_cell_null(out);
    } else {
        kehu_cell_strn(out, s.ptr, s.len);
    }
}

static kehu_status emit(const void *data, const kehu_cells *out)
{
    const table_data *d = data;
    size_t i;

    for (i = 0; i < d->n; i++) {
        const listed *x = &d->x[i];
        const kehu_summary_row *r = &d->s->rows[x->row];
        const kehu_class *k = &d->cls[x->row];
        kehu_cell_strn(out, x->id.ptr, x->id.len);
        kehu_cell_date(out, x->last_contact);
        if (x->last_contact == KEHU_DAY_NONE) {
            kehu_cell_null(out);
        } else {
            kehu_cell_int(out, (int64_t)d->s->as_of_day - x->last_contact);
        }
        kehu_cell_int(out, d->k.count[r->customer]);
        kehu_cell_date(out, r->last_purchase);
        kehu_cell_int(out, r->days_since_last);
        kehu_cell_num(out, r->monetary_total);
        kehu__cell_class(out, KEHU__CLASS_SEGMENT, k->segment);
        kehu__cell_class(out, KEHU__CLASS_STAGE, k->stage);
        dim_cell(out, d->l, KEHU_DIM_REGION, r->dim[KEHU_DIM_REGION]);
        dim_cell(out, d->l, KEHU_DIM_BRANCH, r->dim[KEHU_DIM_BRANCH]);
        dim_cell(out, d->l, KEHU_DIM_CHANNEL, r->dim[KEHU_DIM_CHANNEL]);
    }
    return KEHU_OK;
}

/* The contact rows not counted, when there are any. */
static kehu_status note_ignored(const kehu_op_ctx *c, const contacts *k,
                                kehu_result *out)
{
    kehu_note *n;
    kehu_status rc;

    if (k->unknown == 0 && k->later == 0) {
        return KEHU_OK;
    }
    rc = kehu_result_note(
        out, KEHU_NOTE_RECONCILE, "ignored_contacts", &n,
        "%s: ignored %llu contact rows of customers not in the "
        "transactions and %llu dated on or after the analysis date",
        kehu_dataset_side_name(c->data, KEHU_INPUT_EVENTS),
        (unsigned long long)k->unknown, (unsigned long long)k->later);
    if (rc == KEHU_OK) {
        rc = kehu_note_num(out, n, "unknown_customer", (double)k->unknown);
    }
    if (rc == KEHU_OK) {
        rc = kehu_note_num(out, n, "on_or_after_as_of", (double)k->later);
    }
    return rc;
}

static kehu_status run(const kehu_op_ctx *c, kehu_result *out)
{
    const followup_options *o = c->opts;
    table_data *d = kehu_calloc(1, sizeof *d);
    kehu_summary_options so;
    kehu_status rc;

    if (d == NULL) {
        return KEHU_ENOMEM;
    }
    rc = kehu_result_keep(out, d, table_data_free);
    if (rc != KEHU_OK) {
        return rc;
    }
    d->l = c->data->ledger;
    d->k.event = o->event;
    rc = kehu__window_summary(&o->w, d->l, &so, c->err);
    if (rc == KEHU_OK) {
        rc = kehu__known_summary(d->l, &so, &d->s, c->err);
    }
    if (rc == KEHU_OK) {
        rc = kehu__classify_rows(d->s, &c->data->standards, NULL, NULL, &d->cls,
                                 c->err);
    }
    if (rc == KEHU_OK) {
        rc = read_contacts(c, d);
    }
    if (rc == KEHU_OK) {
        rc = select_listed(d, o->days);
    }
    if (rc == KEHU_OK) {
        rc = note_ignored(c, &d->k, out);
    }
    if (rc == KEHU_OK) {
        rc = kehu__note_standard(out, c->data);
    }
    if (rc != KEHU_OK) {
        return rc;
    }
    return kehu_result_table(out, "followup", columns, NCOLS, emit, d, NULL);
}

static void init(void *opts)
{
    followup_options *o = opts;

    kehu__window_init(&o->w);
}

static kehu_status check(const kehu_params *p, kehu_error *err)
{
    const followup_options *o = p->opts;

    if (o->event == NULL || o->event[0] == '\0') {
        return kehu_error_set(err, KEHU_EINVAL, "event needs a name");
    }
    return KEHU_OK;
}

const kehu_op kehu_op_followup = {
    "followup",
    "core customers not contacted within N days",
    "FILE --events EVENTS [--days N] [options]",
    "Lists the core customers as of A (--as-of; the tier classify gives,\n"
    "by the standard in force and over the same window) whose last\n"
    "contact is more than N days (--days, default 30) before A, or who\n"
    "were never contacted. A contact is a row of the events file (columns\n"
    "customer_id, time, event) whose event is `contact` (--event NAME;\n"
    "case-insensitive) dated before A; later contacts are not known yet.\n"
    "Never-contacted customers come first, then the oldest last contact,\n"
    "then the customer id. days_since_contact = A - last_contact; contacts\n"
    "counts the contacts before A. Contact rows of customers not in the\n"
    "transactions or the master are ignored and counted on stderr. The\n"
    "events file gets its own rejects file (EVENTS.rejects.csv).",
    params,
    sizeof(followup_options),
    init,
    KEHU_NEEDS_LEDGER | KEHU_NEEDS_STANDARDS | KEHU_NEEDS_EVENTS,
    check,
    run,
};
