/* SPDX-License-Identifier: MIT */
/*
 * `kehu followup FILE --events EVENTS`: the follow-up list of SPEC.md
 * section 6, core customers not contacted within N days. The core tier is
 * the one `kehu classify` gives as of A (same standard, same window); a
 * contact is an events row whose event is `contact` (--event changes the
 * name), dated before A. A customer is listed when never contacted before
 * A or when A - last contact > N days; never-contacted customers come
 * first, then the oldest last contact, then the customer id. Contact rows
 * of customers not in the transactions (nor the master) are ignored and
 * counted on stderr, as are contacts on or after A.
 */
#include "cli.h"
#include "cli_input.h"
#include "cli_standards.h"

#include "kehu/alloc.h"
#include "kehu/classify.h"
#include "kehu/date.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define DEFAULT_DAYS 30

static const cli_option options[] = {
    {"events", "FILE", "events CSV (customer_id, time, event); required"},
    {"days", "N", "list core customers not contacted within N days (30)"},
    {"event", "NAME", "the event that counts as a contact (contact)"},
    CLI_STANDARDS_OPTIONS,
    {NULL, NULL, NULL},
};

/* clang-format off */
static const out_column columns[] = {
    {"customer_id", "客户编号", OUT_STR, 0},
    {"last_contact", "最近联系", OUT_STR, 0},
    {"days_since_contact", "距联系天数", OUT_INT, 0},
    {"contacts", "联系次数", OUT_INT, 0},
    {"last_purchase", "最近购买", OUT_STR, 0},
    {"days_since_last", "距购买天数", OUT_INT, 0},
    {"monetary_total", "消费总额", OUT_NUM, 2},
    {"segment", "RFM细分", OUT_STR, 0},
    {"stage", "生命周期", OUT_STR, 0},
    {"region", "区域", OUT_STR, 0},
    {"branch", "分支", OUT_STR, 0},
    {"channel", "渠道", OUT_STR, 0},
};
/* clang-format on */
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
    uint64_t other;   /* rows of other events */
} contacts;

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
        k->other++;
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

/* Read the events file into k. Returns an exit code. */
static int read_contacts(cli_ctx *c, const char *path, contacts *k)
{
    kehu_row_fn fn;
    int code;

    fn.event = add_event;
    code = cli_read_side(c, KEHU_INPUT_EVENTS, path, fn, k);
    if (code == 0 && !c->quiet && (k->unknown > 0 || k->later > 0)) {
        fprintf(stderr,
                "%s: ignored %llu contact rows of customers not in the "
                "transactions and %llu dated on or after the analysis "
                "date\n",
                path, (unsigned long long)k->unknown,
                (unsigned long long)k->later);
    }
    return code;
}

/* One listed customer; sorted by last contact (never first), then id. */
typedef struct listed {
    int32_t last_contact;
    kehu_slice id;
    size_t row; /* summary row */
} listed;

static int compare_listed(const void *a, const void *b)
{
    const listed *x = a, *y = b;

    if (x->last_contact != y->last_contact) {
        return x->last_contact < y->last_contact ? -1 : 1;
    }
    return kehu_id_compare(x->id, y->id);
}

static void dim_cell(out_table *t, const kehu_ledger *l, kehu_dim d, uint32_t v)
{
    kehu_slice s = kehu_ledger_dim_slice(l, d, v);

    if (v == 0) {
        out_null(t);
    } else {
        out_strn(t, s.ptr, s.len);
    }
}

static void print_row(cli_ctx *c, out_table *t, const kehu_ledger *l,
                      const kehu_summary *s, const kehu_class *cls,
                      const contacts *k, const listed *x)
{
    const kehu_summary_row *r = &s->rows[x->row];

    out_strn(t, x->id.ptr, x->id.len);
    out_date(t, x->last_contact);
    if (x->last_contact == KEHU_DAY_NONE) {
        out_null(t);
    } else {
        out_int(t, (int64_t)s->as_of_day - x->last_contact);
    }
    out_int(t, k->count[r->customer]);
    out_date(t, r->last_purchase);
    out_int(t, r->days_since_last);
    out_num(t, r->monetary_total);
    out_str(t, cli_class_label(c, CLI_CLASS_SEGMENT, cls[x->row].segment));
    out_str(t, cli_class_label(c, CLI_CLASS_STAGE, cls[x->row].stage));
    dim_cell(t, l, KEHU_DIM_REGION, r->dim[KEHU_DIM_REGION]);
    dim_cell(t, l, KEHU_DIM_BRANCH, r->dim[KEHU_DIM_BRANCH]);
    dim_cell(t, l, KEHU_DIM_CHANNEL, r->dim[KEHU_DIM_CHANNEL]);
}

/* The core customers due for a contact, sorted, then printed. */
static int print_list(cli_ctx *c, const kehu_ledger *l, const kehu_summary *s,
                      const kehu_class *cls, const contacts *k, long days)
{
    listed *x = calloc(s->n ? s->n : 1, sizeof *x);
    size_t n = 0, i;
    out_table *t;
    int code;

    if (x == NULL) {
        return cli_error(c, 1, "out of memory");
    }
    for (i = 0; i < s->n; i++) {
        int32_t last = k->last[s->rows[i].customer];
        kehu_customer cu;
        if (cls[i].tier != KEHU_TIER_CORE ||
            (last != KEHU_DAY_NONE && s->as_of_day - last <= days)) {
            continue;
        }
        kehu_ledger_customer(l, s->rows[i].customer, &cu);
        x[n].last_contact = last;
        x[n].id = cu.id;
        x[n++].row = i;
    }
    qsort(x, n, sizeof *x, compare_listed);
    t = out_table_begin(c->out, c->fmt, c->lang, columns, NCOLS);
    if (t == NULL) {
        free(x);
        return cli_error(c, 1, "out of memory");
    }
    for (i = 0; i < n; i++) {
        print_row(c, t, l, s, cls, k, &x[i]);
    }
    code = out_table_end(t) == 0 ? 0 : cli_error(c, 1, "writing failed");
    free(x);
    return code;
}

static int parse_options(cli_ctx *c, long *days)
{
    const char *event = cli_get(c, "event");

    if (c->nargs != 1) {
        return cli_error(c, 2,
                         "give one transaction file (see kehu followup "
                         "--help)");
    }
    if (cli_get(c, "events") == NULL) {
        return cli_error(c, 2,
                         "give --events FILE, the contacts (customer_id, "
                         "time, event)");
    }
    if (event != NULL && event[0] == '\0') {
        return cli_error(c, 2, "--event needs a name");
    }
    *days = DEFAULT_DAYS;
    if (cli_opt_long(c, "days", days) != 0) {
        return 2;
    }
    if (*days < 0 || *days > 100000) {
        return cli_error(c, 2, "--days must be a number of days, 0..100000");
    }
    return 0;
}

/* Classify as of A, read the contacts, print the list. */
static int follow_up(cli_ctx *c, const kehu_ledger *l,
                     const kehu_standards *std, long days, const char *source)
{
    kehu_summary_options o;
    kehu_summary *s = NULL;
    kehu_class *cls = NULL;
    size_t n = kehu_ledger_count(l), i;
    contacts k;
    int code;

    memset(&k, 0, sizeof k);
    k.l = l;
    k.event = cli_get(c, "event") != NULL ? cli_get(c, "event") : "contact";
    k.last = calloc(n ? n : 1, sizeof *k.last);
    k.count = calloc(n ? n : 1, sizeof *k.count);
    if (k.last == NULL || k.count == NULL) {
        code = cli_error(c, 1, "out of memory");
        goto done;
    }
    for (i = 0; i < n; i++) {
        k.last[i] = KEHU_DAY_NONE;
    }
    code = cli_summary_options(c, l, &o);
    if (code == 0) {
        code = cli_known_summary(c, l, &o, &s);
    }
    if (code == 0) {
        code = cli_classify_rows(c, s, std, NULL, NULL, &cls);
    }
    if (code == 0) {
        k.as_of = s->as_of_day;
        code = read_contacts(c, cli_get(c, "events"), &k);
    }
    if (code == 0) {
        cli_standards_note(c, source);
        code = print_list(c, l, s, cls, &k, days);
    }
done:
    kehu_free(cls);
    kehu_summary_free(s);
    free(k.count);
    free(k.last);
    return code;
}

static int run(cli_ctx *c)
{
    kehu_ledger *l;
    kehu_standards std;
    const char *source;
    long days = DEFAULT_DAYS;
    int code = parse_options(c, &days);

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
    code = follow_up(c, l, &std, days, source);
    kehu_ledger_free(l);
    return code;
}

const cli_command cli_cmd_followup = {
    "followup",
    "core customers not contacted within N days (SPEC 6)",
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
    options,
    1,
    run,
    NULL,
};
