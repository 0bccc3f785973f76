/* SPDX-License-Identifier: MIT */
/*
 * Base states as of a date, the customer-count bridge and the migration
 * matrix (see kehu/bridge.h). Every state comes from the classification
 * (kehu_classify, or kehu__classify_packed on rows with the values
 * kehu_summary_compute would give), never from rules of its own, so the
 * counts here are the classification's counts. docs/internals/bridge.md
 * explains the incremental summaries.
 */
#include "kehu/bridge.h"

#include "classify_packed.h"
#include "job.h"

#include "kehu/alloc.h"
#include "kehu/date.h"

#include <string.h>

/* From this many customers a bridge classifies each date on a second
 * thread while this one makes the next date's summaries. */
#define PIPELINE_MIN_CUSTOMERS 65536

_Static_assert(KEHU_BASE_CORE == (int)KEHU_TIER_CORE &&
                   KEHU_BASE_POTENTIAL == (int)KEHU_TIER_POTENTIAL &&
                   KEHU_BASE_ORDINARY == (int)KEHU_TIER_ORDINARY,
               "base states 1..3 are the tiers");

void kehu_bridge_options_init(kehu_bridge_options *o)
{
    memset(o, 0, sizeof *o);
    o->kind = KEHU_PERIOD_MONTH;
    o->by = -1;
    o->unit = KEHU_UNIT_DAY;
    o->first_period = INT32_MIN;
    o->last_period = INT32_MIN;
}

/* First purchase day of a customer, KEHU_DAY_NONE without one. */
static int32_t first_purchase(const kehu_customer *c)
{
    size_t k;

    for (k = 0; k < c->n_days; k++) {
        if (c->days[k].purchases > 0) {
            return c->days[k].day;
        }
    }
    return KEHU_DAY_NONE;
}

static int in_base(uint8_t s)
{
    return s >= KEHU_BASE_CORE && s <= KEHU_BASE_ORDINARY;
}

/* What every as-of computation over one ledger shares: the output order
 * (sorted once) and each customer's first purchase day. */
typedef struct state_ctx {
    const kehu_ledger *l;
    const kehu_standards *std;
    const kehu_bridge_options *o;
    size_t *order;
    int32_t *first_day;
} state_ctx;

static void ctx_free(state_ctx *x)
{
    kehu_free(x->order);
    kehu_free(x->first_day);
}

static kehu_status ctx_init(state_ctx *x, const kehu_ledger *l,
                            const kehu_standards *std,
                            const kehu_bridge_options *o)
{
    size_t i, n = kehu_ledger_count(l);
    kehu_status rc;

    x->l = l;
    x->std = std;
    x->o = o;
    x->order = NULL;
    x->first_day = kehu_calloc(n ? n : 1, sizeof *x->first_day);
    if (x->first_day == NULL) {
        return KEHU_ENOMEM;
    }
    rc = kehu_ledger_sorted(l, &x->order);
    if (rc != KEHU_OK) {
        ctx_free(x);
        return rc;
    }
    for (i = 0; i < n; i++) {
        kehu_customer c;
        kehu_ledger_customer(l, i, &c);
        x->first_day[i] = first_purchase(&c);
    }
    return KEHU_OK;
}

/* Prospect or churned for everybody, by whether he bought before as_of;
 * the classification then overrides the customers it sees. */
static void default_states(const state_ctx *x, int32_t as_of, uint8_t *state)
{
    size_t i, n = kehu_ledger_count(x->l);

    for (i = 0; i < n; i++) {
        int32_t first = x->first_day[i];
        state[i] = first != KEHU_DAY_NONE && first < as_of ? KEHU_BASE_CHURNED
                                                           : KEHU_BASE_PROSPECT;
    }
}

/* The base state of a classified buyer. */
static uint8_t state_of(const kehu_class *k)
{
    if (k->stage == KEHU_STAGE_CHURNED || k->tier == KEHU_TIER_NONE) {
        return KEHU_BASE_CHURNED;
    }
    /* kehu_tier core/potential/ordinary are 1..3, as are ours. */
    return (uint8_t)k->tier;
}

/* States as of as_of_day from its summary s: classified with the standard,
 * the rows override the default prospect / churned states. */
static kehu_status states_from(const state_ctx *x, const kehu_summary *s,
                               int32_t as_of_day, uint8_t *state)
{
    kehu_class *cls = NULL;
    kehu_status rc;
    size_t r;

    rc = kehu_classify(s, x->std, NULL, &cls);
    if (rc != KEHU_OK) {
        return rc;
    }
    default_states(x, as_of_day, state);
    for (r = 0; r < s->n; r++) {
        const kehu_class *k = &cls[r];

        if (s->rows[r].first_purchase == KEHU_DAY_NONE) {
            continue;
        }
        state[s->rows[r].customer] = state_of(k);
    }
    kehu_free(cls);
    return KEHU_OK;
}

static void summary_options(const state_ctx *x, int32_t as_of_day,
                            kehu_summary_options *so)
{
    kehu_summary_options_init(so);
    so->as_of_day = as_of_day;
    so->unit = x->o->unit;
    if (x->o->window_days > 0) {
        so->since_day = as_of_day - x->o->window_days;
    }
}

static kehu_status states_as_of(const state_ctx *x, int32_t as_of_day,
                                uint8_t *state)
{
    kehu_summary_options so;
    kehu_summary *s = NULL;
    kehu_status rc;

    summary_options(x, as_of_day, &so);
    rc = kehu_summary_compute_ordered(x->l, &so, x->order, &s);
    if (rc == KEHU_OK) {
        rc = states_from(x, s, as_of_day, state);
    }
    kehu_summary_free(s);
    return rc;
}

/* ------------------------------------------------------------------ */
/* Incremental summaries for a rising sequence of as-of dates (the
 * bridge's period boundaries, all history): each customer keeps a cursor
 * into his activity days and running sums, so the activity is read once
 * over all the dates, not once per date, and a customer with nothing new
 * costs one compare. The rows are the packed rows the classification
 * reads (first and last purchase, purchase days, days since last,
 * monetary total, purchase days in the last 365 days), with the values
 * kehu_summary_compute gives them, in the same order. */

typedef struct inc_cust {
    int64_t amount; /* money units of the days before the as-of date */
    int32_t first;  /* first purchase day, KEHU_DAY_NONE before it */
    int32_t last;   /* last purchase day before the as-of date */
    int32_t next;   /* day of activity k, INT32_MAX when all read */
    int32_t ynext;  /* day of activity yk, INT32_MAX when yk = k */
    uint32_t k;     /* activity days read */
    uint32_t yk;    /* activity days before the 365-day window */
    int32_t pdays;  /* purchase days read */
    int32_t ypdays; /* purchase days before the 365-day window */
} inc_cust;

/* With a window (trailing W days, or from a fixed day), a third cursor
 * per customer: the activity before the window is subtracted. */
typedef struct inc_window {
    int64_t amount; /* money units of the days before the window */
    int32_t next;   /* day of activity k, INT32_MAX when k = inc_cust.k */
    int32_t first;  /* first purchase day in the window, or KEHU_DAY_NONE */
    uint32_t k;     /* activity days before the window */
    int32_t pdays;  /* purchase days before the window */
} inc_window;

/* Two slots of rows, so one date can be classified while the next is
 * made. */
typedef struct inc_ctx {
    inc_cust *c;          /* per ledger customer */
    inc_window *w;        /* per ledger customer; NULL for all history */
    int32_t window;       /* trailing W days, or 0 */
    int32_t since;        /* or a fixed first day, or KEHU_DAY_NONE */
    kehu__crow *rows[2];  /* packed rows of a date */
    size_t *customer[2];  /* ledger index of each row */
    kehu_summary head[2]; /* n and as_of_day of that date */
} inc_ctx;

static void inc_free(inc_ctx *x)
{
    int k;

    kehu_free(x->c);
    kehu_free(x->w);
    for (k = 0; k < 2; k++) {
        kehu_free(x->rows[k]);
        kehu_free(x->customer[k]);
    }
    /* Cleared, so a caller's cleanup after a failed inc_init (work_free)
     * does not free these again. */
    memset(x, 0, sizeof *x);
}

/* The first day of the window as of as_of, or KEHU_DAY_NONE. */
static int32_t inc_since(const inc_ctx *x, int32_t as_of)
{
    return x->window > 0 ? as_of - x->window : x->since;
}

static kehu_status inc_init(inc_ctx *x, const kehu_ledger *l, int32_t window,
                            int32_t since)
{
    size_t i, n = kehu_ledger_count(l), m = n ? n : 1;
    int k, ok;

    memset(x, 0, sizeof *x);
    x->c = kehu_calloc(m, sizeof *x->c);
    x->window = window;
    x->since = since;
    if (inc_since(x, 0) != KEHU_DAY_NONE) {
        x->w = kehu_calloc(m, sizeof *x->w);
    }
    ok = x->c != NULL && (inc_since(x, 0) == KEHU_DAY_NONE || x->w != NULL);
    for (k = 0; k < 2; k++) {
        x->rows[k] = kehu_calloc(m, sizeof *x->rows[k]);
        x->customer[k] = kehu_calloc(m, sizeof *x->customer[k]);
        ok = ok && x->rows[k] != NULL && x->customer[k] != NULL;
    }
    if (!ok) {
        inc_free(x);
        return KEHU_ENOMEM;
    }
    for (i = 0; i < n; i++) {
        kehu_customer c;

        kehu_ledger_customer(l, i, &c);
        x->c[i].first = KEHU_DAY_NONE;
        x->c[i].last = KEHU_DAY_NONE;
        x->c[i].next = c.n_days > 0 ? c.days[0].day : INT32_MAX;
        x->c[i].ynext = INT32_MAX;
        if (x->w != NULL) {
            x->w[i].next = INT32_MAX;
            x->w[i].first = KEHU_DAY_NONE;
        }
    }
    return KEHU_OK;
}

/* Move customer c's window cursor w past the days before since (among the
 * u->k read), and find his first purchase in the window. */
static void inc_window_read(inc_window *w, const inc_cust *u,
                            const kehu_customer *c, int32_t since)
{
    size_t k;

    for (k = w->k; k < u->k && c->days[k].day < since; k++) {
        w->amount += c->days[k].amount;
        w->pdays += c->days[k].purchases > 0;
    }
    w->k = (uint32_t)k;
    w->next = k < u->k ? c->days[k].day : INT32_MAX;
    w->first = KEHU_DAY_NONE;
    for (; k < u->k && w->first == KEHU_DAY_NONE; k++) {
        if (c->days[k].purchases > 0) {
            w->first = c->days[k].day;
        }
    }
}

/* Read customer i's activity up to as_of. */
static void inc_read(inc_ctx *x, const kehu_ledger *l, size_t i, int32_t as_of)
{
    inc_cust *u = &x->c[i];
    kehu_customer c;
    size_t k;

    kehu_ledger_customer(l, i, &c);
    for (k = u->k; k < c.n_days && c.days[k].day < as_of; k++) {
        const kehu_activity *a = &c.days[k];
        u->amount += a->amount;
        if (a->purchases > 0) {
            if (u->first == KEHU_DAY_NONE) {
                u->first = a->day;
            }
            u->last = a->day;
            u->pdays++;
        }
    }
    u->k = (uint32_t)k;
    u->next = k < c.n_days ? c.days[k].day : INT32_MAX;
    /* Purchase days d with as_of - d <= 365 are in the window. */
    for (k = u->yk; k < u->k && as_of - c.days[k].day > 365; k++) {
        u->ypdays += c.days[k].purchases > 0;
    }
    u->yk = (uint32_t)k;
    u->ynext = k < u->k ? c.days[k].day : INT32_MAX;
    if (x->w != NULL) {
        inc_window_read(&x->w[i], u, &c, inc_since(x, as_of));
    }
}

/* Advance every customer to as_of (not before the last date used). */
static void inc_advance(inc_ctx *x, const kehu_ledger *l, int32_t as_of)
{
    size_t i, n = kehu_ledger_count(l);
    int32_t since = inc_since(x, as_of);

    for (i = 0; i < n; i++) {
        const inc_cust *u = &x->c[i];
        const inc_window *w = x->w != NULL ? &x->w[i] : NULL;

        /* ynext < as_of - 365, written so that INT32_MAX cannot wrap. */
        if (u->next < as_of ||
            (u->ynext != INT32_MAX && as_of - u->ynext > 365) ||
            (w != NULL && w->next < since)) {
            inc_read(x, l, i, as_of);
        }
    }
}

/* The packed rows as of so->as_of_day (after inc_advance to it), in the
 * output order, into slot k. */
static void inc_rows(inc_ctx *x, const kehu_ledger *l,
                     const kehu_summary_options *so, const size_t *order, int k)
{
    kehu_summary *head = &x->head[k];
    size_t j, n = kehu_ledger_count(l);
    /* Purchase days within 365 days of as_of: a window starting inside
     * that year holds only such days; one starting before holds them all. */
    int year_in_window;

    kehu_summary_prepare(l, so, head);
    year_in_window =
        x->w != NULL && inc_since(x, head->as_of_day) >= head->as_of_day - 365;
    for (j = 0; j < n; j++) {
        const inc_cust *u = &x->c[order[j]];
        const inc_window *w = x->w != NULL ? &x->w[order[j]] : NULL;
        int32_t pdays = u->pdays - (w != NULL ? w->pdays : 0);
        kehu__crow *r;

        if (pdays == 0) {
            continue;
        }
        r = &x->rows[k][head->n];
        x->customer[k][head->n++] = order[j];
        r->first_purchase = w != NULL ? w->first : u->first;
        r->last_purchase = u->last;
        r->purchase_days = pdays;
        r->days_since_last = head->as_of_day - u->last;
        r->monetary_total = (double)(u->amount - (w != NULL ? w->amount : 0)) /
                            KEHU_MONEY_SCALE;
        r->days_in_year = year_in_window ? pdays : u->pdays - u->ypdays;
    }
}

kehu_status kehu_base_states(const kehu_ledger *l, const kehu_standards *std,
                             const kehu_bridge_options *o, int32_t as_of_day,
                             uint8_t *state)
{
    state_ctx x;
    kehu_status rc = ctx_init(&x, l, std, o);

    if (rc != KEHU_OK) {
        return rc;
    }
    rc = states_as_of(&x, as_of_day, state);
    ctx_free(&x);
    return rc;
}

/* The classification of one date's packed rows (slot), possibly on a
 * second thread while the next date's rows are made. */
typedef struct tiers_job {
    const inc_ctx *inc;
    const kehu_standards *std;
    int slot;
    kehu_class *cls;
    kehu_status rc;
    kehu__job job;
} tiers_job;

static void *tiers_run(void *arg)
{
    tiers_job *j = arg;

    j->rc = kehu__classify_packed(&j->inc->head[j->slot], j->inc->rows[j->slot],
                                  1, j->std, NULL, NULL, &j->cls);
    return NULL;
}

/* Wait for job j and hand its classes to fn (unless NULL) as date d's;
 * frees them. */
static kehu_status tiers_deliver(tiers_job *j, size_t d, kehu_tiers_fn fn,
                                 void *ctx)
{
    kehu_status rc;

    kehu__job_wait(&j->job);
    rc = j->rc;
    if (rc == KEHU_OK && fn != NULL) {
        rc = fn(ctx, d, &j->inc->head[j->slot], j->inc->customer[j->slot],
                j->cls);
    }
    kehu_free(j->cls);
    j->cls = NULL;
    return rc;
}

kehu_status kehu_tiers_over_dates(const kehu_ledger *l,
                                  const kehu_standards *std,
                                  const int32_t *as_of, size_t n_dates,
                                  int32_t window_days, int32_t since_day,
                                  kehu_tiers_fn fn, void *ctx)
{
    inc_ctx inc;
    tiers_job job[2];
    size_t *order = NULL, d;
    int threaded = kehu_ledger_count(l) >= PIPELINE_MIN_CUSTOMERS;
    kehu_status rc;

    for (d = 0; d < n_dates; d++) {
        if (d > 0 && as_of[d] < as_of[d - 1]) {
            return KEHU_EINVAL;
        }
    }
    if (window_days < 0 || (window_days > 0 && since_day != KEHU_DAY_NONE)) {
        return KEHU_EINVAL;
    }
    rc = kehu_ledger_sorted(l, &order);
    if (rc == KEHU_OK) {
        rc = inc_init(&inc, l, window_days, since_day);
    }
    if (rc != KEHU_OK) {
        kehu_free(order);
        return rc;
    }
    memset(job, 0, sizeof job);
    /* Date d's rows go to slot d % 2 and are classified (on a second
     * thread with many customers) while date d + 1's rows are made; the
     * classes reach fn in date order. */
    for (d = 0; d < n_dates && rc == KEHU_OK; d++) {
        tiers_job *j = &job[d % 2];
        kehu_summary_options so;

        kehu_summary_options_init(&so);
        so.as_of_day = as_of[d];
        so.since_day = inc_since(&inc, as_of[d]);
        inc_advance(&inc, l, as_of[d]);
        inc_rows(&inc, l, &so, order, (int)(d % 2));
        j->inc = &inc;
        j->std = std;
        j->slot = (int)(d % 2);
        kehu__job_start(&j->job, tiers_run, j, threaded);
        if (d > 0) {
            rc = tiers_deliver(&job[(d - 1) % 2], d - 1, fn, ctx);
        }
    }
    /* The last date's job, or one started before a failure (joined, not
     * handed on). */
    if (n_dates > 0) {
        kehu_status last = tiers_deliver(&job[(d - 1) % 2], d - 1,
                                         rc == KEHU_OK ? fn : NULL, ctx);
        rc = rc == KEHU_OK ? last : rc;
    }
    inc_free(&inc);
    kehu_free(order);
    return rc;
}

/* The periods of o, or those of the first and last purchase. */
static kehu_status period_range(const kehu_ledger *l,
                                const kehu_bridge_options *o, int32_t *first,
                                size_t *n)
{
    int32_t lo = INT32_MAX, hi = INT32_MIN, a, b;
    size_t i, k, count = kehu_ledger_count(l);

    for (i = 0; i < count; i++) {
        kehu_customer c;
        kehu_ledger_customer(l, i, &c);
        for (k = 0; k < c.n_days; k++) {
            if (c.days[k].purchases > 0) {
                lo = c.days[k].day < lo ? c.days[k].day : lo;
                hi = c.days[k].day > hi ? c.days[k].day : hi;
            }
        }
    }
    *n = 0;
    *first = 0;
    a = o->first_period;
    b = o->last_period;
    if (lo <= hi) {
        a = a == INT32_MIN ? kehu_period_of(o->kind, lo) : a;
        b = b == INT32_MIN ? kehu_period_of(o->kind, hi) : b;
    }
    if (a == INT32_MIN || b == INT32_MIN) {
        return KEHU_OK; /* no purchase and no explicit range */
    }
    if (b < a) {
        return KEHU_EINVAL;
    }
    *first = a;
    *n = (size_t)((int64_t)b - a) + 1;
    return KEHU_OK;
}

/* Book one customer's move from state s (at the period's start) to e (at
 * its end) into the cells of his group. */
static void book(kehu_bridge_cell *cells, uint8_t s, uint8_t e,
                 int first_in_period)
{
    if (in_base(s)) {
        cells[s - 1].start++;
        if (!in_base(e)) {
            cells[s - 1].churned++;
        } else if (e != s) {
            cells[s - 1].moved_out++;
            cells[e - 1].moved_in++;
        }
    } else if (in_base(e)) {
        if (first_in_period) {
            cells[e - 1].new_customers++;
        } else {
            cells[e - 1].resurrected++;
        }
    }
    if (in_base(e)) {
        cells[e - 1].end++;
    }
}

typedef struct bridge_work {
    state_ctx x;
    uint8_t *state[4]; /* states of four dates in turn */
    uint8_t *seen;     /* 1 once in the base */
    uint32_t *group;
    inc_ctx inc; /* summaries advanced period by period */
} bridge_work;

static void work_free(bridge_work *w)
{
    kehu_free(w->state[0]);
    kehu_free(w->state[1]);
    kehu_free(w->state[2]);
    kehu_free(w->state[3]);
    kehu_free(w->seen);
    kehu_free(w->group);
    inc_free(&w->inc);
    ctx_free(&w->x);
}

static kehu_status work_init(bridge_work *w, const kehu_ledger *l,
                             const kehu_standards *std,
                             const kehu_bridge_options *o)
{
    size_t i, n = kehu_ledger_count(l), m = n ? n : 1;
    kehu_status rc = ctx_init(&w->x, l, std, o);

    if (rc != KEHU_OK) {
        return rc;
    }
    memset(&w->inc, 0, sizeof w->inc);
    for (i = 0; i < 4; i++) {
        w->state[i] = kehu_calloc(m, 1);
    }
    w->seen = kehu_calloc(m, 1);
    w->group = kehu_calloc(m, sizeof *w->group);
    if (w->state[0] == NULL || w->state[1] == NULL || w->state[2] == NULL ||
        w->state[3] == NULL || w->seen == NULL || w->group == NULL) {
        work_free(w);
        return KEHU_ENOMEM;
    }
    rc = inc_init(&w->inc, l, o->window_days, KEHU_DAY_NONE);
    if (rc != KEHU_OK) {
        work_free(w);
        return rc;
    }
    for (i = 0; i < n && o->by >= 0; i++) {
        kehu_customer c;
        kehu_ledger_customer(l, i, &c);
        w->group[i] = c.dim[o->by];
    }
    return KEHU_OK;
}

/* A date's classification (tiers_job) turned into every customer's base
 * state, on the same thread. */
typedef struct classify_job {
    tiers_job t;
    const state_ctx *x;
    uint8_t *state;
} classify_job;

static void *classify_run(void *arg)
{
    classify_job *j = arg;
    const kehu_summary *head = &j->t.inc->head[j->t.slot];
    const size_t *customer = j->t.inc->customer[j->t.slot];
    tiers_run(&j->t);
    if (j->t.rc == KEHU_OK) {
        size_t r;
        default_states(j->x, head->as_of_day, j->state);
        for (r = 0; r < head->n; r++) {
            j->state[customer[r]] = state_of(&j->t.cls[r]);
        }
    }
    kehu_free(j->t.cls);
    j->t.cls = NULL;
    return NULL;
}

static kehu_status job_wait(classify_job *j)
{
    kehu__job_wait(&j->t.job);
    return j->t.rc;
}

/* States as of as_of_day, begun into state: the dates come in rising
 * order. The classification may still run when this returns (job_wait). */
static kehu_status work_states(bridge_work *w, int32_t as_of_day, int slot,
                               uint8_t *state, classify_job *job)
{
    kehu_summary_options so;

    memset(job, 0, sizeof *job);
    summary_options(&w->x, as_of_day, &so);
    inc_advance(&w->inc, w->x.l, as_of_day);
    inc_rows(&w->inc, w->x.l, &so, w->x.order, slot);
    job->t.inc = &w->inc;
    job->t.std = w->x.std;
    job->t.slot = slot;
    job->x = &w->x;
    job->state = state;
    kehu__job_start(&job->t.job, classify_run, job,
                    kehu_ledger_count(w->x.l) >= PIPELINE_MIN_CUSTOMERS);
    return KEHU_OK;
}

/* Book every customer for period p, [first day of p, of p + 1): its
 * states are those of dates p and p + 1. */
static void book_period(kehu_bridge *b, bridge_work *w, size_t n, size_t p)
{
    kehu_bridge_cell *row = b->cells + p * b->n_groups * KEHU_BRIDGE_TIERS;
    const uint8_t *start = w->state[p % 4], *end = w->state[(p + 1) % 4];
    int32_t from =
        kehu_period_first_day(w->x.o->kind, b->first_period + (int32_t)p);
    int32_t to =
        kehu_period_first_day(w->x.o->kind, b->first_period + (int32_t)p + 1);
    size_t i;

    for (i = 0; i < n; i++) {
        uint8_t s = start[i], e = end[i];
        int32_t f = w->x.first_day[i];

        if (s == e && !in_base(s)) {
            continue;
        }
        book(row + (size_t)w->group[i] * KEHU_BRIDGE_TIERS, s, e,
             f != KEHU_DAY_NONE && f >= from && f < to);
        if ((in_base(s) || in_base(e)) && !w->seen[i]) {
            w->seen[i] = 1;
            b->group_customers[w->group[i]]++;
        }
    }
}

static kehu_status bridge_alloc(kehu_bridge *b)
{
    size_t cells;

    if (b->n_periods > KEHU_PERIOD_MAX ||
        b->n_periods > KEHU_BRIDGE_MAX_CELLS / b->n_groups) {
        return KEHU_ETOOBIG;
    }
    cells = b->n_periods * b->n_groups * KEHU_BRIDGE_TIERS;
    b->cells = kehu_calloc(cells ? cells : 1, sizeof *b->cells);
    b->group_customers = kehu_calloc(b->n_groups, sizeof(int64_t));
    if (b->cells == NULL || b->group_customers == NULL) {
        return KEHU_ENOMEM;
    }
    return KEHU_OK;
}

kehu_status kehu_bridge_compute(const kehu_ledger *l, const kehu_standards *std,
                                const kehu_bridge_options *o, kehu_bridge **out)
{
    kehu_bridge *b;
    bridge_work w;
    classify_job job[2];
    size_t p, n = kehu_ledger_count(l);
    kehu_status rc;

    *out = NULL;
    if ((unsigned)o->kind >= KEHU_PERIOD_COUNT || o->by < -1 ||
        o->by >= KEHU_DIM_COUNT || o->window_days < 0) {
        return KEHU_EINVAL;
    }
    b = kehu_calloc(1, sizeof *b);
    if (b == NULL) {
        return KEHU_ENOMEM;
    }
    b->kind = o->kind;
    b->by = o->by;
    b->n_groups = o->by < 0 ? 1 : kehu_ledger_dim_count(l, (kehu_dim)o->by);
    rc = period_range(l, o, &b->first_period, &b->n_periods);
    if (rc == KEHU_OK) {
        rc = bridge_alloc(b);
    }
    if (rc != KEHU_OK) {
        goto fail_bridge;
    }
    rc = work_init(&w, l, std, o);
    if (rc != KEHU_OK) {
        goto fail_bridge;
    }
    /* Date j is the first day of period j (j = 0 .. n_periods). Its
     * states are begun at step j into state[j % 4] from rows in slot
     * j % 2, and classified on a thread beside the next date's, so two
     * classifications (the costly part) run at once. Step j first waits
     * for date j - 2 (freeing its slot and job) and books the period that
     * ends on it. */
    memset(job, 0, sizeof job);
    for (p = 0; p <= b->n_periods && rc == KEHU_OK; p++) {
        int32_t day =
            kehu_period_first_day(o->kind, b->first_period + (int32_t)p);

        if (p >= 2) {
            rc = job_wait(&job[p % 2]);
            if (rc == KEHU_OK && p >= 3) {
                book_period(b, &w, n, p - 3);
            }
        }
        if (rc == KEHU_OK) {
            rc =
                work_states(&w, day, (int)(p % 2), w.state[p % 4], &job[p % 2]);
        }
    }
    /* No thread outlives the call; then the periods ending on the last
     * two dates. */
    {
        kehu_status r0 = job_wait(&job[0]), r1 = job_wait(&job[1]);

        rc = rc != KEHU_OK ? rc : r0 != KEHU_OK ? r0 : r1;
    }
    for (p = b->n_periods >= 2 ? b->n_periods - 2 : 0;
         rc == KEHU_OK && p < b->n_periods; p++) {
        book_period(b, &w, n, p);
    }
    work_free(&w);
    if (rc != KEHU_OK) {
        goto fail_bridge;
    }
    *out = b;
    return KEHU_OK;

fail_bridge:
    kehu_bridge_free(b);
    return rc;
}

void kehu_bridge_free(kehu_bridge *b)
{
    if (b == NULL) {
        return;
    }
    kehu_free(b->cells);
    kehu_free(b->group_customers);
    kehu_free(b);
}

const kehu_bridge_cell *kehu_bridge_cell_at(const kehu_bridge *b, size_t p,
                                            size_t g, kehu_base_state tier)
{
    return &b->cells[(p * b->n_groups + g) * KEHU_BRIDGE_TIERS +
                     ((size_t)tier - 1)];
}

/* 1 when customer i exists as of day: listed in the master (signed up
 * before it, when the signup is known) or with activity before it. */
static int known_by(const kehu_ledger *l, size_t i, int32_t day)
{
    kehu_customer c;

    kehu_ledger_customer(l, i, &c);
    if (c.in_master && (c.signup_day == KEHU_DAY_NONE || c.signup_day < day)) {
        return 1;
    }
    return c.n_days > 0 && c.days[0].day < day;
}

kehu_status kehu_migration(const kehu_ledger *l, const kehu_standards *std,
                           const kehu_bridge_options *o, int32_t from_day,
                           int32_t to_day, int64_t *m)
{
    size_t i, n = kehu_ledger_count(l);
    uint8_t *a, *b;
    state_ctx x;
    kehu_status rc;

    memset(m, 0, sizeof *m * KEHU_BASE_COUNT * KEHU_BASE_COUNT);
    rc = ctx_init(&x, l, std, o);
    if (rc != KEHU_OK) {
        return rc;
    }
    a = kehu_calloc(n ? n : 1, 1);
    b = kehu_calloc(n ? n : 1, 1);
    rc = a != NULL && b != NULL ? states_as_of(&x, from_day, a) : KEHU_ENOMEM;
    if (rc == KEHU_OK) {
        rc = states_as_of(&x, to_day, b);
    }
    for (i = 0; i < n && rc == KEHU_OK; i++) {
        if (a[i] != KEHU_BASE_PROSPECT || b[i] != KEHU_BASE_PROSPECT ||
            known_by(l, i, to_day)) {
            m[a[i] * KEHU_BASE_COUNT + b[i]]++;
        }
    }
    kehu_free(a);
    kehu_free(b);
    ctx_free(&x);
    return rc;
}

const char *kehu_base_state_name(kehu_base_state s)
{
    static const char *const names[KEHU_BASE_COUNT] = {
        "prospect", "core", "potential", "ordinary", "churned"};

    return (unsigned)s < KEHU_BASE_COUNT ? names[s] : "unknown";
}

const char *kehu_base_state_zh(kehu_base_state s)
{
    static const char *const names[KEHU_BASE_COUNT] = {
        "潜在客户", "核心客户", "潜力客户", "普通客户", "流失客户"};

    return (unsigned)s < KEHU_BASE_COUNT ? names[s] : "未知";
}
