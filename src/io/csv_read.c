/* SPDX-License-Identifier: MIT */
/*
 * Input file reader (see csv_read.h and docs/internals/csv.md). The file
 * is mapped (or, for a pipe, read whole), tokenized by src/lib/csv.c, and
 * each record is checked in this order: well formed (quoting, length),
 * valid UTF-8, the header's number of fields, the kind's field parsers,
 * then (transactions with order_id) the duplicate check. The first failing
 * check is the row's one reject reason.
 *
 * Duplicates are found with a set of 64-bit hashes of the raw record
 * bytes: memory is 8-16 bytes per distinct row while reading, freed after;
 * or, with callback_dedupes, by the callback from the hash passed in
 * kehu_txn.row_key (the ledger keeps it per customer-day).
 * A hash collision (about n^2 / 2^65) would drop one unique row; with 10M
 * rows that is a chance of about 3e-6 per file.
 */
#include "csv_read.h"

#include "kehu/io/outfile.h"
#include "mapped.h"

#include "../lib/csv.h"
#include "../lib/hash.h"
#include "kehu/alloc.h"
#include "kehu/date.h"
#include "kehu/parse.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#define PROGRESS_EVERY 65536 /* records between progress calls */
#define PENDING        16    /* rows in flight (duplicate check, prefetch) */
#define PF_STAGE1      5     /* rows after arrival: prefetch stage 1 */
#define PF_STAGE2      10    /* rows after arrival: prefetch stage 2 */
#define RELEASE_LAG    (1u << 20)  /* mapped bytes kept behind the reader */
#define RELEASE_STEP   (16u << 20) /* release in steps of this many bytes */

static const char R_UTF8[] = "invalid_utf8";
static const char R_FIELDS[] = "field_count";
static const char R_NO_ID[] = "missing_customer_id";
static const char R_NO_DATE[] = "missing_date";
static const char R_DATE[] = "bad_date";
static const char R_NO_AMOUNT[] = "missing_amount";
static const char R_AMOUNT[] = "bad_amount";
static const char R_QTY[] = "bad_quantity";
static const char R_PRICE[] = "bad_unit_price";
static const char R_COST[] = "bad_cost";
static const char R_DISCOUNT[] = "bad_discount";
static const char R_NO_SCORE[] = "missing_score";
static const char R_SCORE[] = "bad_score";
static const char R_SCALE[] = "bad_scale";
static const char R_NO_EVENT[] = "missing_event";
static const char R_DUP_ID[] = "duplicate_customer_id";

/* Set of 64-bit hashes (open addressing; 0 marks an empty slot). */
typedef struct hashset {
    uint64_t *slots;
    size_t cap, n;
} hashset;

typedef struct reader {
    kehu_input_kind kind;
    const char *name; /* NULL: a buffer without a default rejects file */
    const kehu_read_opts *o;
    kehu_read_stats *st;
    kehu_schema schema;
    kehu_date_pattern pattern;
    int use_pattern;
    int dedupe;
    hashset seen;
    hashset ids;               /* customer master: hashes of the ids read */
    kehu_txn pending[PENDING]; /* accepted rows awaiting their duplicate
                                  check, a ring from pending_head */
    uint64_t pending_hash[PENDING];
    const char *pending_raw[PENDING]; /* where each pending row starts */
    size_t pending_head, npending;
    int own_dedupe; /* the reader keeps the set of row hashes itself */
    FILE *rejects;  /* rejects_out.f once a row was rejected */
    kehu_outfile rejects_out;
    kehu_row_fn fn;
    void *ctx;
    int mapped;      /* buf is a read-only file mapping */
    size_t released; /* bytes of it handed back to the kernel */
    /* Split reads (kehu_read_transactions_split): this reader's share. */
    unsigned part, nparts;
    atomic_int *stop;        /* set by the first part to see a reject */
    _Atomic size_t *part_at; /* each part's oldest offset in flight */
} reader;

/* Append printf-style text to st->message (truncating). */
static void msg_add(kehu_read_stats *st, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

void kehu_read_opts_init(kehu_read_opts *o)
{
    memset(o, 0, sizeof *o);
    o->max_reject_rate = KEHU_READ_DEFAULT_MAX_REJECT_RATE;
}

/* ------------------------------------------------------------------ */
/* Small helpers                                                        */

static kehu_slice trimmed(kehu_slice s)
{
    while (s.len > 0 && (s.ptr[0] == ' ' || s.ptr[0] == '\t')) {
        s.ptr++;
        s.len--;
    }
    while (s.len > 0 && (s.ptr[s.len - 1] == ' ' || s.ptr[s.len - 1] == '\t')) {
        s.len--;
    }
    return s;
}

/* Column of field f in the record, trimmed; empty when absent. */
static kehu_slice col(const reader *r, const kehu_slice *f, kehu_field k)
{
    kehu_slice none = {"", 0};
    int c = r->schema.col[k];

    return c < 0 ? none : trimmed(f[c]);
}

static int has(const reader *r, kehu_field k)
{
    return r->schema.col[k] >= 0;
}

static kehu_status hashset_add(hashset *h, uint64_t key, int *added)
{
    size_t i;

    key = key == 0 ? 1 : key;
    if ((h->n + 1) * 10 > h->cap * 7) {
        size_t cap = h->cap ? h->cap * 2 : 1024, j;
        uint64_t *s = kehu_calloc(cap, sizeof *s);
        if (s == NULL) {
            return KEHU_ENOMEM;
        }
        for (j = 0; j < h->cap; j++) {
            uint64_t k = h->slots[j];
            if (k != 0) {
                size_t p = (size_t)k & (cap - 1);
                while (s[p] != 0) {
                    p = (p + 1) & (cap - 1);
                }
                s[p] = k;
            }
        }
        kehu_free(h->slots);
        h->slots = s;
        h->cap = cap;
    }
    i = (size_t)key & (h->cap - 1);
    while (h->slots[i] != 0) {
        if (h->slots[i] == key) {
            *added = 0;
            return KEHU_OK;
        }
        i = (i + 1) & (h->cap - 1);
    }
    h->slots[i] = key;
    h->n++;
    *added = 1;
    return KEHU_OK;
}

static int hashset_has(const hashset *h, uint64_t key)
{
    size_t i;

    key = key == 0 ? 1 : key;
    if (h->cap == 0) {
        return 0;
    }
    for (i = (size_t)key & (h->cap - 1); h->slots[i] != 0;
         i = (i + 1) & (h->cap - 1)) {
        if (h->slots[i] == key) {
            return 1;
        }
    }
    return 0;
}

/* Size the set once for the rows the file probably holds (its size over
 * the mean line length of its first 64 KB), instead of doubling through
 * rehashes of millions of entries. */
static kehu_status hashset_presize(hashset *h, const char *buf, size_t len,
                                   unsigned nparts)
{
    size_t head = len < 65536 ? len : 65536, lines = 0, want, cap = 1024;
    const char *p = buf, *end = buf + head;

    while (p < end && (p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
        lines++;
        p++;
    }
    /* A part of a split read keeps the rows of its share of customers. */
    want = lines > 0 ? len / (head / lines) / nparts + 1 : 1;
    while (cap < (size_t)1 << 40 && cap * 7 < want * 10) {
        cap *= 2;
    }
    h->slots = kehu_calloc(cap, sizeof *h->slots);
    if (h->slots == NULL) {
        return KEHU_ENOMEM;
    }
    h->cap = cap;
    return KEHU_OK;
}

static void count_reason(kehu_read_stats *st, const char *reason, int64_t line)
{
    size_t i;
    kehu_read_reason *r;

    for (i = 0; i < st->nreasons; i++) {
        if (st->reasons[i].name == reason ||
            strcmp(st->reasons[i].name, reason) == 0) {
            break;
        }
    }
    if (i == st->nreasons) {
        if (i == KEHU_READ_MAX_REASONS) {
            i--; /* cannot happen: there are fewer reasons than slots */
        } else {
            st->nreasons++;
            st->reasons[i].name = reason;
        }
    }
    r = &st->reasons[i];
    r->count++;
    if (r->nfirst < KEHU_READ_FIRST_LINES) {
        r->first[r->nfirst++] = line;
    }
}

static kehu_status write_reject(reader *r, const kehu_csv_record *rec,
                                const char *reason)
{
    size_t i, start = 0;
    const char *p = rec->raw.ptr;

    count_reason(r->st, reason, rec->line);
    r->st->rejected++;
    if (r->st->rejects_path[0] == '\0') {
        return KEHU_OK; /* in-memory read without a rejects file */
    }
    if (r->rejects == NULL) {
        kehu_error err;
        memset(&err, 0, sizeof err);
        if (kehu_outfile_open(&r->rejects_out, r->st->rejects_path, &err) !=
            KEHU_OK) {
            msg_add(r->st,
                    "cannot write the rejects file %s (%s); choose another "
                    "path with --rejects",
                    r->st->rejects_path, err.msg);
            return KEHU_EIO;
        }
        r->rejects = r->rejects_out.f;
        r->st->rejects_written = 1;
        (void)fputs("line,reason,row\n", r->rejects);
    }
    (void)fprintf(r->rejects, "%lld,%s,\"", (long long)rec->line, reason);
    /* The row verbatim as one quoted CSV field: runs between quotes are
     * written as they are, each quote doubled. */
    for (i = 0; i < rec->raw.len; i++) {
        if (p[i] == '"') {
            (void)fwrite(p + start, 1, i + 1 - start, r->rejects);
            (void)fputc('"', r->rejects);
            start = i + 1;
        }
    }
    (void)fwrite(p + start, 1, rec->raw.len - start, r->rejects);
    (void)fputs("\"\n", r->rejects);
    return KEHU_OK;
}

/* ------------------------------------------------------------------ */
/* Row parsers: each returns NULL (accepted) or a reject reason.        */

static const char *parse_day(const reader *r, kehu_slice s, int32_t *day,
                             int32_t *second)
{
    kehu_status rc;

    if (s.len == 0) {
        return R_NO_DATE;
    }
    if (r->use_pattern) {
        rc = kehu_parse_date_pattern(&r->pattern, s.ptr, s.len, day, second);
    } else {
        rc = kehu_parse_date(s.ptr, s.len, day, second);
    }
    return rc == KEHU_OK ? NULL : R_DATE;
}

/* Optional money column: empty is 0. */
static const char *parse_money(const reader *r, kehu_slice s, int64_t *out,
                               const char *reason)
{
    *out = 0;
    if (s.len == 0) {
        return NULL;
    }
    if (kehu_parse_amount(s.ptr, s.len, r->o->thousands, out) != KEHU_OK) {
        return reason;
    }
    return NULL;
}

static const char *parse_txn(const reader *r, const kehu_slice *f, kehu_txn *t)
{
    const char *bad;
    int64_t qty = KEHU_MONEY_SCALE, price;
    kehu_slice s;

    t->customer_id = col(r, f, KEHU_F_CUSTOMER_ID);
    if (t->customer_id.len == 0) {
        return R_NO_ID;
    }
    bad = parse_day(r, col(r, f, KEHU_F_ORDER_DATE), &t->day, &t->second);
    if (bad != NULL) {
        return bad;
    }
    if (has(r, KEHU_F_QUANTITY)) {
        s = col(r, f, KEHU_F_QUANTITY);
        if (s.len == 0 && !has(r, KEHU_F_AMOUNT)) {
            return R_QTY;
        }
        bad = parse_money(r, s, &qty, R_QTY);
        if (bad != NULL) {
            return bad;
        }
        qty = s.len == 0 ? KEHU_MONEY_SCALE : qty;
    }
    t->quantity = (double)qty / KEHU_MONEY_SCALE;
    if (has(r, KEHU_F_AMOUNT)) {
        s = col(r, f, KEHU_F_AMOUNT);
        if (s.len == 0) {
            return R_NO_AMOUNT;
        }
        if (kehu_parse_amount(s.ptr, s.len, r->o->thousands, &t->amount) !=
            KEHU_OK) {
            return R_AMOUNT;
        }
    } else {
        s = col(r, f, KEHU_F_UNIT_PRICE);
        if (s.len == 0 || kehu_parse_amount(s.ptr, s.len, r->o->thousands,
                                            &price) != KEHU_OK) {
            return R_PRICE;
        }
        if (kehu_money_mul(qty, price, &t->amount) != KEHU_OK) {
            return R_AMOUNT;
        }
    }
    t->has_cost = has(r, KEHU_F_COST);
    t->has_discount = has(r, KEHU_F_DISCOUNT);
    bad = parse_money(r, col(r, f, KEHU_F_COST), &t->cost, R_COST);
    if (bad == NULL) {
        bad = parse_money(r, col(r, f, KEHU_F_DISCOUNT), &t->discount,
                          R_DISCOUNT);
    }
    t->order_id = col(r, f, KEHU_F_ORDER_ID);
    t->region = col(r, f, KEHU_F_REGION);
    t->branch = col(r, f, KEHU_F_BRANCH);
    t->channel = col(r, f, KEHU_F_CHANNEL);
    t->category = col(r, f, KEHU_F_CATEGORY);
    return bad;
}

static const char *parse_master(const reader *r, const kehu_slice *f,
                                kehu_master_row *m)
{
    kehu_slice s;
    int32_t second;

    m->customer_id = col(r, f, KEHU_F_CUSTOMER_ID);
    if (m->customer_id.len == 0) {
        return R_NO_ID;
    }
    m->signup_day = KEHU_DAY_NONE;
    s = col(r, f, KEHU_F_SIGNUP_DATE);
    if (s.len > 0 && parse_day(r, s, &m->signup_day, &second) != NULL) {
        return R_DATE;
    }
    m->region = col(r, f, KEHU_F_REGION);
    m->branch = col(r, f, KEHU_F_BRANCH);
    m->channel = col(r, f, KEHU_F_CHANNEL);
    m->source = col(r, f, KEHU_F_SOURCE);
    m->name = col(r, f, KEHU_F_NAME);
    return NULL;
}

static const char *parse_feedback(const reader *r, const kehu_slice *f,
                                  kehu_feedback_row *b)
{
    const char *bad;
    kehu_slice s;
    int64_t v;
    double hi;

    b->customer_id = col(r, f, KEHU_F_CUSTOMER_ID);
    if (b->customer_id.len == 0) {
        return R_NO_ID;
    }
    bad = parse_day(r, col(r, f, KEHU_F_DATE), &b->day, &b->second);
    if (bad != NULL) {
        return bad;
    }
    b->scale = 0;
    s = col(r, f, KEHU_F_SCALE);
    if (s.len > 0) {
        if (kehu_parse_amount(s.ptr, s.len, 0, &v) != KEHU_OK ||
            (v != 5 * (int64_t)KEHU_MONEY_SCALE &&
             v != 10 * (int64_t)KEHU_MONEY_SCALE)) {
            return R_SCALE;
        }
        b->scale = (int)(v / KEHU_MONEY_SCALE);
    }
    s = col(r, f, KEHU_F_SCORE);
    if (s.len == 0) {
        return R_NO_SCORE;
    }
    hi = b->scale == 5 ? 5.0 : 10.0;
    if (kehu_parse_amount(s.ptr, s.len, 0, &v) != KEHU_OK || v < 0 ||
        (double)v / KEHU_MONEY_SCALE > hi) {
        return R_SCORE;
    }
    b->score = (double)v / KEHU_MONEY_SCALE;
    b->comment = col(r, f, KEHU_F_COMMENT);
    return NULL;
}

static const char *parse_service_cost(const reader *r, const kehu_slice *f,
                                      kehu_service_cost_row *c)
{
    const char *bad;
    int32_t second;
    kehu_slice s;

    c->customer_id = col(r, f, KEHU_F_CUSTOMER_ID);
    if (c->customer_id.len == 0) {
        return R_NO_ID;
    }
    bad = parse_day(r, col(r, f, KEHU_F_DATE), &c->day, &second);
    if (bad != NULL) {
        return bad;
    }
    s = col(r, f, KEHU_F_COST);
    if (s.len == 0 ||
        kehu_parse_amount(s.ptr, s.len, r->o->thousands, &c->cost) != KEHU_OK) {
        return R_COST;
    }
    c->type = col(r, f, KEHU_F_TYPE);
    return NULL;
}

static const char *parse_event(const reader *r, const kehu_slice *f,
                               kehu_event_row *e)
{
    const char *bad;

    e->customer_id = col(r, f, KEHU_F_CUSTOMER_ID);
    if (e->customer_id.len == 0) {
        return R_NO_ID;
    }
    bad = parse_day(r, col(r, f, KEHU_F_TIME), &e->day, &e->second);
    if (bad != NULL) {
        return bad;
    }
    e->event = col(r, f, KEHU_F_EVENT);
    if (e->event.len == 0) {
        return R_NO_EVENT;
    }
    e->item = col(r, f, KEHU_F_ITEM);
    e->category = col(r, f, KEHU_F_CATEGORY);
    return NULL;
}

/* Hand an accepted row to the callback; with callback_dedupes a KEHU_DONE
 * answer to a keyed row means "duplicate". */
static kehu_status deliver(reader *r, const kehu_txn *t)
{
    kehu_status rc = r->fn.txn(r->ctx, t);

    if (rc == KEHU_DONE && t->row_key != 0) {
        r->st->duplicates++;
        return KEHU_OK;
    }
    r->st->accepted += rc == KEHU_OK;
    return rc;
}

/* Decide the oldest pending row: a duplicate, or accepted and handed on. */
static kehu_status flush_one(reader *r)
{
    size_t k = r->pending_head;
    int added = 0;
    kehu_status rc;

    r->pending_head = (k + 1) % PENDING;
    r->npending--;
    if (!r->own_dedupe) {
        return deliver(r, &r->pending[k]);
    }
    rc = hashset_add(&r->seen, r->pending_hash[k], &added);
    if (rc != KEHU_OK) {
        return rc;
    }
    if (!added) {
        r->st->duplicates++;
        return KEHU_OK;
    }
    r->st->accepted++;
    return r->fn.txn(r->ctx, &r->pending[k]);
}

static kehu_status flush_pending(reader *r)
{
    kehu_status rc = KEHU_OK;

    while (r->npending > 0 && rc == KEHU_OK) {
        rc = flush_one(r);
    }
    return rc;
}

/* The pending row that arrived `age` rows before the newest one. */
static const kehu_txn *pending_at(const reader *r, size_t age)
{
    return &r->pending[(r->pending_head + r->npending - 1 - age) % PENDING];
}

/* Memory hints while rows wait: the set slot of the reader's own
 * duplicate check, or the callback's prefetch stages at fixed distances,
 * so the cache misses of many rows overlap. */
static void prefetch_pending(const reader *r, uint64_t h)
{
    if (r->own_dedupe) {
        __builtin_prefetch(&r->seen.slots[(size_t)h & (r->seen.cap - 1)]);
        return;
    }
    r->o->prefetch(r->ctx, pending_at(r, 0), 0);
    if (r->npending > PF_STAGE1) {
        r->o->prefetch(r->ctx, pending_at(r, PF_STAGE1), 1);
    }
    if (r->npending > PF_STAGE2) {
        r->o->prefetch(r->ctx, pending_at(r, PF_STAGE2), 2);
    }
}

/*
 * An accepted transaction row. With the reader's duplicate detection or a
 * prefetch hook, a row waits PENDING records before it is decided: the
 * lookups are cache misses in tables of millions of entries, and the
 * prefetches issued meanwhile let tokenizing the next records hide them.
 * Callbacks keep the file's order. Rows with unescaped fields (slices into
 * the tokenizer's scratch, which the next record overwrites) are decided
 * at once.
 */
static kehu_status accept_txn(reader *r, const kehu_csv_record *rec,
                              const kehu_txn *t)
{
    kehu_status rc = KEHU_OK;
    size_t k;
    uint64_t h = 0;

    if (r->dedupe) {
        h = kehu__hash_bytes(rec->raw.ptr, rec->raw.len, 0);
        h += h == 0;
    }
    if (!r->own_dedupe && r->o->prefetch == NULL) {
        kehu_txn keyed = *t;

        keyed.row_key = h;
        return deliver(r, &keyed);
    }
    if (r->npending == PENDING) {
        rc = flush_one(r);
    }
    if (rc != KEHU_OK) {
        return rc;
    }
    k = (r->pending_head + r->npending) % PENDING;
    r->pending[k] = *t;
    r->pending[k].row_key = r->own_dedupe ? 0 : h;
    r->pending_hash[k] = h;
    r->pending_raw[k] = rec->raw.ptr;
    r->npending++;
    if (rec->unescaped) {
        return flush_pending(r);
    }
    prefetch_pending(r, h);
    return KEHU_OK;
}

/*
 * Customer master: each id once. An exact repeat of an accepted row is
 * counted as a duplicate (*repeat = 1); another row for an id already
 * accepted is rejected, as it would contradict it (the first row wins).
 * `seen` holds the hashes of the accepted rows, `ids` of their ids.
 */
static kehu_status master_once(reader *r, const kehu_csv_record *rec,
                               kehu_slice id, int *repeat, const char **reason)
{
    uint64_t row = kehu__hash_bytes(rec->raw.ptr, rec->raw.len, 0);
    uint64_t key = kehu__hash_bytes(id.ptr, id.len, 1);
    int added = 0;
    kehu_status rc;

    if (hashset_has(&r->ids, key)) {
        if (hashset_has(&r->seen, row)) {
            *repeat = 1;
            r->st->duplicates++;
        } else {
            *reason = R_DUP_ID;
        }
        return KEHU_OK;
    }
    rc = hashset_add(&r->ids, key, &added);
    if (rc == KEHU_OK) {
        rc = hashset_add(&r->seen, row, &added);
    }
    return rc;
}

/* Parse one well-formed record of the schema's width; accepted rows go to
 * the callback (and are counted), *reason is set for a rejected one. */
static kehu_status handle_row(reader *r, const kehu_csv_record *rec,
                              const char **reason)
{
    const kehu_slice *f = rec->fields;
    kehu_status rc;

    *reason = NULL;
    switch (r->kind) {
    case KEHU_INPUT_TRANSACTIONS: {
        kehu_txn t;
        memset(&t, 0, sizeof t);
        *reason = parse_txn(r, f, &t);
        return *reason != NULL ? KEHU_OK : accept_txn(r, rec, &t);
    }
    case KEHU_INPUT_CUSTOMERS: {
        kehu_master_row m;
        int repeat = 0;
        memset(&m, 0, sizeof m);
        *reason = parse_master(r, f, &m);
        rc = *reason != NULL
                 ? KEHU_OK
                 : master_once(r, rec, m.customer_id, &repeat, reason);
        if (rc != KEHU_OK || *reason != NULL || repeat) {
            return rc;
        }
        rc = r->fn.master(r->ctx, &m);
        break;
    }
    case KEHU_INPUT_FEEDBACK: {
        kehu_feedback_row b;
        memset(&b, 0, sizeof b);
        *reason = parse_feedback(r, f, &b);
        rc = *reason != NULL ? KEHU_OK : r->fn.feedback(r->ctx, &b);
        break;
    }
    case KEHU_INPUT_SERVICE_COSTS: {
        kehu_service_cost_row c;
        memset(&c, 0, sizeof c);
        *reason = parse_service_cost(r, f, &c);
        rc = *reason != NULL ? KEHU_OK : r->fn.service_cost(r->ctx, &c);
        break;
    }
    default: {
        kehu_event_row e;
        memset(&e, 0, sizeof e);
        *reason = parse_event(r, f, &e);
        if (*reason != NULL) {
            return KEHU_OK;
        }
        rc = r->fn.event(r->ctx, &e);
        break;
    }
    }
    if (*reason == NULL && rc == KEHU_OK) {
        r->st->accepted++;
    }
    return rc;
}

/* ------------------------------------------------------------------ */
/* Header, delimiter and messages                                       */

static void msg_add(kehu_read_stats *st, const char *fmt, ...)
{
    size_t n = strlen(st->message);
    va_list ap;

    if (n + 1 >= sizeof st->message) {
        return;
    }
    va_start(ap, fmt);
    (void)vsnprintf(st->message + n, sizeof st->message - n, fmt, ap);
    va_end(ap);
}

static void msg_headers(kehu_read_stats *st, const kehu_slice *h, size_t n)
{
    size_t i;

    msg_add(st, "headers found (%zu):", n);
    for (i = 0; i < n; i++) {
        kehu_slice s = trimmed(h[i]);
        msg_add(st, "%s %.*s", i ? "," : "", (int)(s.len > 60 ? 60 : s.len),
                s.ptr);
    }
}

/* 1 when a header cell holds a letter (or non-ASCII text): a name, not a
 * number or a date, so the row is a header even if no name is known. */
static int looks_like_word(kehu_slice s)
{
    size_t i;

    for (i = 0; i < s.len; i++) {
        unsigned char c = (unsigned char)s.ptr[i];
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80) {
            return 1;
        }
    }
    return 0;
}

static kehu_status resolve_header(reader *r, const char *name,
                                  const kehu_csv_record *rec,
                                  const kehu_schema_map *maps, size_t nmaps)
{
    kehu_read_stats *st = r->st;
    kehu_error err;
    kehu_status rc;
    size_t i, known = 0, words = 0;

    memset(&err, 0, sizeof err);
    if (rec->status != KEHU_OK) {
        msg_add(st, "%s: the header line is broken (%s); fix line %lld", name,
                rec->reason, (long long)rec->line);
        return KEHU_EPARSE;
    }
    if (!kehu__utf8_valid(rec->raw.ptr, rec->raw.len)) {
        msg_add(st,
                "%s: the header line is not UTF-8 text; convert the "
                "file to UTF-8 (e.g. iconv -f GB18030 -t UTF-8)",
                name);
        return KEHU_EPARSE;
    }
    rc = kehu_schema_resolve(r->kind, rec->fields, rec->n, maps, nmaps,
                             &r->schema, &err);
    if (rc == KEHU_OK) {
        return KEHU_OK;
    }
    if (rc == KEHU_EINVAL) {
        msg_add(st, "%s: %s; ", name, err.msg);
        msg_headers(st, rec->fields, rec->n);
        return KEHU_EINVAL;
    }
    for (i = 0; i < rec->n; i++) {
        known += kehu_schema_guess(r->kind, rec->fields[i]) != KEHU_F_COUNT;
        words += (size_t)looks_like_word(rec->fields[i]);
    }
    if (known == 0 && words == 0 && nmaps == 0) {
        msg_add(st,
                "%s: no header row found (no column named like customer_id,"
                " order_date, amount ...): the first row is \"%.*s\" (%zu "
                "columns). If the file has no header, give column numbers, "
                "e.g. --map customer_id=1 --map %s=2 ...; ",
                name, (int)(rec->raw.len > 200 ? 200 : rec->raw.len),
                rec->raw.ptr, rec->n,
                r->kind == KEHU_INPUT_TRANSACTIONS ? "order_date" : "date");
    } else {
        int main = r->kind == r->o->map_kind;
        msg_add(st,
                "%s: missing required column %s (%s input); name it with "
                "--map %s%s%s=HEADER; ",
                name, err.field, kehu_input_kind_name(r->kind),
                main ? "" : kehu_input_kind_name(r->kind), main ? "" : ".",
                err.field);
    }
    msg_headers(st, rec->fields, rec->n);
    return KEHU_EPARSE;
}

static int cmp_reason(const void *a, const void *b)
{
    const kehu_read_reason *x = a, *y = b;

    if (x->count != y->count) {
        return x->count < y->count ? 1 : -1;
    }
    return strcmp(x->name, y->name);
}

static void reject_message(kehu_read_stats *st, const char *label,
                           double max_rate)
{
    size_t i, k;

    msg_add(st,
            "%s: %llu of %llu rows rejected (%.2f%%), more than "
            "--max-reject-rate %g:",
            label, (unsigned long long)st->rejected,
            (unsigned long long)st->read,
            100.0 * (double)st->rejected / (double)st->read, max_rate);
    for (i = 0; i < st->nreasons && i < 5; i++) {
        const kehu_read_reason *x = &st->reasons[i];
        msg_add(st, "%s %s %llu (line%s", i ? ";" : "", x->name,
                (unsigned long long)x->count, x->nfirst > 1 ? "s" : "");
        for (k = 0; k < x->nfirst; k++) {
            msg_add(st, "%s%lld", k ? ", " : " ", (long long)x->first[k]);
        }
        msg_add(st, "%s)", x->count > x->nfirst ? ", ..." : "");
    }
    msg_add(st,
            ". The rows are in %s; fix the input or raise "
            "--max-reject-rate",
            st->rejects_path[0] ? st->rejects_path : "(no rejects file)");
    if (st->nreasons > 0 && strcmp(st->reasons[0].name, R_UTF8) == 0) {
        msg_add(st, ". Most rows are not UTF-8: convert the file first "
                    "(e.g. iconv -f GB18030 -t UTF-8)");
    }
    if (st->nreasons > 0 && strcmp(st->reasons[0].name, R_FIELDS) == 0) {
        msg_add(st, ". Most rows do not have the header's number of fields: "
                    "check the delimiter (--delimiter) and the quoting");
    }
}

/* ------------------------------------------------------------------ */
/* The read loop                                                        */

/* A read stopped by an error of the row callback (or of the rejects file,
 * which says so itself): name the file and the line. line 0: near the
 * end; with rows pending (handed on a few records late) the failing row
 * is at most PENDING records before `line`. */
static void stopped_at(kehu_read_stats *st, const char *label, int64_t line,
                       int pending, kehu_status rc)
{
    if (st->message[0] != '\0' || rc == KEHU_CONTINUE || rc == KEHU_ENOMEM) {
        return;
    }
    const char *why =
        rc == KEHU_ERANGE
            ? "the amounts (or costs) add up past 922,337,203,685,477.5807 "
              "in absolute value, the largest total kept exact; split the "
              "file (by period or region) or give amounts in a larger unit"
            : kehu_strerror(rc);

    if (line > 0) {
        msg_add(st, "%s: reading stopped %s line %lld: %s", label,
                pending ? "near" : "at", (long long)line, why);
    } else {
        msg_add(st, "%s: reading stopped near the end: %s", label, why);
    }
}

/* The rejects path in force; never the input itself. Nothing is written
 * or removed until the read is over (finish_rejects). */
static kehu_status prepare_rejects(kehu_read_stats *st, const kehu_read_opts *o,
                                   const char *name)
{
    if (o->rejects_path != NULL) {
        (void)snprintf(st->rejects_path, sizeof st->rejects_path, "%s",
                       o->rejects_path);
    } else if (name != NULL) {
        (void)snprintf(st->rejects_path, sizeof st->rejects_path,
                       "%s.rejects.csv",
                       strcmp(name, "-") == 0 ? "stdin" : name);
    }
    if (name != NULL && strcmp(name, "-") != 0 &&
        kehu_same_target(st->rejects_path, name)) {
        msg_add(st, "--rejects %s is the input file; choose another path",
                name);
        return KEHU_EINVAL;
    }
    return KEHU_OK;
}

/* A read that rejected nothing leaves no rejects file: a stale one from an
 * earlier run is removed. Only a regular file: --rejects /dev/null must
 * stay a device. */
static kehu_status remove_stale_rejects(kehu_read_stats *st)
{
    struct stat sb;

    if (st->rejects_path[0] != '\0' && lstat(st->rejects_path, &sb) == 0 &&
        S_ISREG(sb.st_mode) && unlink(st->rejects_path) != 0) {
        msg_add(st, "cannot remove the old rejects file %s: %s",
                st->rejects_path, strerror(errno));
        return KEHU_EIO;
    }
    return KEHU_OK;
}

/* After a read: the rejects renamed into place when it completed, else
 * dropped so the file of the last complete read stays as it was. */
static kehu_status finish_rejects(reader *r, kehu_status rc)
{
    kehu_error err;

    if (r->rejects == NULL) {
        return rc == KEHU_OK && r->nparts <= 1 ? remove_stale_rejects(r->st)
                                               : rc;
    }
    r->rejects = NULL;
    if (rc != KEHU_OK) {
        kehu_outfile_abort(&r->rejects_out);
        return rc;
    }
    memset(&err, 0, sizeof err);
    if (kehu_outfile_commit(&r->rejects_out, &err) != KEHU_OK) {
        msg_add(r->st, "writing the rejects file %s failed: %s",
                r->st->rejects_path, err.msg);
        return KEHU_EIO;
    }
    return KEHU_OK;
}

static kehu_status setup(reader *r, const char *buf, size_t len,
                         const char *name, kehu_csv_opts *co)
{
    const kehu_read_opts *o = r->o;
    kehu_read_stats *st = r->st;
    kehu_error err;
    const char *what;

    memset(&err, 0, sizeof err);
    if (r->nparts <= 1) {
        kehu_status rc = prepare_rejects(st, o, r->name);

        if (rc != KEHU_OK) {
            return rc;
        }
    }
    what = kehu__csv_sniff_binary(buf, len);
    if (what != NULL) {
        msg_add(st,
                "%s is not a CSV text file: it looks like %s; export the "
                "data as CSV (UTF-8), e.g. in Excel with Save As > CSV "
                "UTF-8",
                name, what);
        return KEHU_EPARSE;
    }
    if (o->delimiter != NULL) {
        if (kehu__csv_parse_delim(o->delimiter, &co->delim) != KEHU_OK) {
            msg_add(st, "--delimiter %s: use ',', ';', 'tab', '|' or 'space'",
                    o->delimiter);
            return KEHU_EINVAL;
        }
    } else {
        co->delim = kehu__csv_detect_delim(buf, len);
    }
    st->delimiter = co->delim;
    co->max_record = o->max_record;
    if (o->date_format != NULL) {
        if (kehu_date_pattern_compile(o->date_format, &r->pattern, &err) !=
            KEHU_OK) {
            msg_add(st, "--date-format: %s", err.msg);
            return KEHU_EINVAL;
        }
        r->use_pattern = 1;
    }
    return KEHU_OK;
}

/* Split reads: 1 when this part handles the row's customer. The top bit
 * of the hash picks the part; the ledger's table uses the low bits. */
static int own_id(const reader *r, kehu_slice id)
{
    uint64_t h = kehu__hash_bytes(id.ptr, id.len, 0);

    return (unsigned)((h >> 32) % r->nparts) == r->part;
}

static int own_row(const reader *r, const kehu_slice *f)
{
    return own_id(r, col(r, f, KEHU_F_CUSTOMER_ID));
}

/* Split reads: 1 when the next record is a plain line of another part's
 * customer, now passed over without tokenizing it in full (its owner
 * checks it, and a reject there ends the split read). */
static int other_part(const reader *r, kehu_csv *tok)
{
    kehu_slice id;
    size_t next;

    if (!kehu__csv_peek(tok, (size_t)r->schema.col[KEHU_F_CUSTOMER_ID], &id,
                        &next) ||
        own_id(r, trimmed(id))) {
        return 0;
    }
    kehu__csv_skip(tok, next);
    return 1;
}

/* Split reads: a rejected row ends the split attempt (the caller reads
 * the file again in order, to write the rejects file as it should be). */
static kehu_status split_reject(reader *r)
{
    atomic_store(r->stop, 1);
    r->st->rejected++;
    return KEHU_CONTINUE;
}

static kehu_status split_record(reader *r, const kehu_csv_record *rec)
{
    const char *reason = NULL;
    kehu_status rc;

    r->st->read++;
    if (rec->status != KEHU_OK || rec->n != r->schema.ncols) {
        return split_reject(r);
    }
    if (!own_row(r, rec->fields)) {
        return KEHU_OK;
    }
    if (!kehu__utf8_valid(rec->raw.ptr, rec->raw.len)) {
        return split_reject(r);
    }
    rc = handle_row(r, rec, &reason);
    if (rc == KEHU_OK && reason != NULL) {
        return split_reject(r);
    }
    return rc;
}

/* Classify and dispatch one data record. */
static kehu_status one_record(reader *r, const kehu_csv_record *rec)
{
    const char *reason = NULL;
    kehu_status rc;

    if (r->nparts > 1) {
        return split_record(r, rec);
    }
    r->st->read++;
    if (rec->status != KEHU_OK) {
        reason = rec->reason;
    } else if (!kehu__utf8_valid(rec->raw.ptr, rec->raw.len)) {
        reason = R_UTF8;
    } else if (rec->n != r->schema.ncols) {
        reason = R_FIELDS;
    } else {
        rc = handle_row(r, rec, &reason);
        if (rc != KEHU_OK) {
            return rc;
        }
    }
    if (reason != NULL) {
        return write_reject(r, rec, reason);
    }
    return KEHU_OK;
}

/* Parse every --map (so a typo is caught whichever file is read) and
 * keep in maps[0..*n) those for this file's kind. */
static kehu_status parse_maps(reader *r, kehu_schema_map *maps, size_t *n)
{
    kehu_error err;
    size_t i;

    memset(&err, 0, sizeof err);
    *n = 0;
    for (i = 0; i < r->o->nmaps; i++) {
        if (kehu_schema_parse_map(r->o->maps[i], &maps[*n], &err) != KEHU_OK) {
            msg_add(r->st, "%s", err.msg);
            return KEHU_EINVAL;
        }
        *n +=
            (size_t)kehu_schema_map_applies(&maps[*n], r->kind, r->o->map_kind);
    }
    return KEHU_OK;
}

/* The required columns of kind, e.g. "customer_id, order_date, amount". */
static void required_columns(kehu_input_kind kind, char *buf, size_t cap)
{
    size_t n = 0;
    int f;

    buf[0] = '\0';
    for (f = 0; f < KEHU_F_COUNT; f++) {
        if (kehu_schema_role(kind, (kehu_field)f) == KEHU_ROLE_REQUIRED) {
            int w = snprintf(buf + n, cap - n, "%s%s", n ? ", " : "",
                             kehu_field_name((kehu_field)f));
            n += w > 0 && (size_t)w < cap - n ? (size_t)w : 0;
        }
    }
}

/*
 * Hand the mapped pages already read back to the kernel, so a big file
 * does not sit in the resident set as it is read (the pages stay in the
 * page cache; touching them again would fault them back in). `offset` is
 * where the oldest record still in flight starts; RELEASE_LAG more is
 * kept, and the first page (the header, whose text error messages may
 * quote).
 */
static void release_read(reader *r, const char *buf, size_t offset)
{
    size_t page = 4096, from = r->released, to;
    const char *from_ptr;
    void *start;

    if (r->nparts > 1) {
        unsigned k;
        /* Pages are shared: release only what every part has passed. */
        atomic_store(&r->part_at[r->part], offset);
        for (k = 0; k < r->nparts; k++) {
            size_t at = atomic_load(&r->part_at[k]);
            offset = at < offset ? at : offset;
        }
    }
    if (!r->mapped || offset < RELEASE_LAG + RELEASE_STEP) {
        return;
    }
    to = (offset - RELEASE_LAG) & ~(page - 1);
    if (from < page) {
        from = page;
    }
    if (to < from + RELEASE_STEP) {
        return;
    }
    /* A read-only private mapping: dropping pages loses nothing. */
    from_ptr = buf + from;
    memcpy(&start, &from_ptr, sizeof start); /* madvise takes a non-const */
    (void)madvise(start, to - from, MADV_DONTNEED);
    r->released = to;
}

/* The schema from the first record: the header's names, or the column
 * numbers of every --map when data_first (no header); then the order-id
 * dedupe set, sized from the input. */
static kehu_status start_schema(reader *r, const char *buf, size_t len,
                                const char *label, const kehu_csv_record *rec,
                                const kehu_schema_map *maps, size_t nmaps,
                                int data_first)
{
    kehu_read_stats *st = r->st;
    kehu_status rc;

    st->has_header = !data_first;
    if (data_first) {
        kehu_error err;
        memset(&err, 0, sizeof err);
        rc = kehu_schema_resolve(r->kind, NULL, rec->n, maps, nmaps, &r->schema,
                                 &err);
        if (rc != KEHU_OK) {
            msg_add(st,
                    "%s: %s (the file is read without a header, as every "
                    "--map gives a column number)",
                    label, err.msg);
            return rc;
        }
    } else {
        rc = resolve_header(r, label, rec, maps, nmaps);
        if (rc != KEHU_OK) {
            return rc;
        }
    }
    r->dedupe = r->kind == KEHU_INPUT_TRANSACTIONS &&
                r->schema.col[KEHU_F_ORDER_ID] >= 0;
    r->own_dedupe = r->dedupe && !r->o->callback_dedupes;
    if (r->own_dedupe) {
        return hashset_presize(&r->seen, buf, len,
                               r->nparts > 1 ? r->nparts : 1);
    }
    return KEHU_OK;
}

static kehu_status run(reader *r, const char *buf, size_t len,
                       const char *label)
{
    kehu_read_stats *st = r->st;
    kehu_csv_opts co;
    kehu_csv tok;
    kehu_csv_record rec;
    kehu_schema_map *maps = NULL;
    size_t nmaps = 0;
    char need[96];
    kehu_status rc;
    int data_first;

    memset(&co, 0, sizeof co);
    memset(&tok, 0, sizeof tok);
    rc = setup(r, buf, len, label, &co);
    if (rc != KEHU_OK) {
        goto out;
    }
    maps = kehu_calloc(r->o->nmaps + 1, sizeof *maps);
    if (maps == NULL) {
        rc = KEHU_ENOMEM;
        goto out;
    }
    rc = parse_maps(r, maps, &nmaps);
    if (rc != KEHU_OK) {
        goto free_maps;
    }
    rc = kehu__csv_init(&tok, buf, len, &co);
    if (rc != KEHU_OK) {
        goto free_maps;
    }
    rc = kehu__csv_next(&tok, &rec);
    if (rc == KEHU_DONE) {
        required_columns(r->kind, need, sizeof need);
        msg_add(st,
                "%s is empty: no header and no rows; export the %s again "
                "with a header row and the data (required columns: %s)",
                label, kehu_input_kind_name(r->kind), need);
        rc = KEHU_EPARSE;
        goto free_tok;
    }
    if (rc != KEHU_OK) {
        goto free_tok;
    }
    data_first = kehu_schema_maps_positional(maps, nmaps);
    rc = start_schema(r, buf, len, label, &rec, maps, nmaps, data_first);
    if (rc != KEHU_OK) {
        goto free_tok;
    }
    for (;;) {
        if (data_first) {
            data_first = 0;
            rc = one_record(r, &rec);
        } else if (r->nparts > 1 && other_part(r, &tok)) {
            st->read++;
            rc = KEHU_OK;
        } else {
            rc = kehu__csv_next(&tok, &rec);
            if (rc == KEHU_DONE) {
                break;
            }
            if (rc != KEHU_OK) {
                goto free_tok;
            }
            rc = one_record(r, &rec);
        }
        if (rc != KEHU_OK) {
            stopped_at(st, label, rec.line, r->npending > 0, rc);
            goto free_tok;
        }
        if (st->read % PROGRESS_EVERY == 0) {
            if (r->nparts > 1 && atomic_load(r->stop)) {
                rc = KEHU_CONTINUE;
                goto free_tok;
            }
            if (r->o->progress != NULL && r->part == 0) {
                r->o->progress(r->o->progress_ctx, kehu__csv_offset(&tok), len);
            }
            release_read(r, buf,
                         r->npending > 0
                             ? (size_t)(r->pending_raw[r->pending_head] - buf)
                             : kehu__csv_offset(&tok));
        }
    }
    rc = flush_pending(r);
    if (rc != KEHU_OK) {
        stopped_at(st, label, 0, 1, rc);
        goto free_tok;
    }
    if (r->o->progress != NULL && r->part == 0) {
        r->o->progress(r->o->progress_ctx, len, len);
    }
    if (st->read == 0) {
        msg_add(st,
                "%s has a header but no data rows; check that the export "
                "is complete (only the header line was found)",
                label);
        rc = KEHU_EPARSE;
    }
free_tok:
    kehu__csv_reset(&tok);
free_maps:
    kehu_free(maps);
out:
    return rc;
}

static const char changed_message[] =
    "%s changed while it was read (it was rewritten, truncated or "
    "appended to): the rows read are not a complete input; read it again "
    "when the export has finished";

static kehu_status read_buffer(kehu_input_kind kind, const char *buf,
                               size_t len, const char *name,
                               const kehu_read_opts *o, kehu_row_fn fn,
                               void *ctx, kehu_read_stats *st,
                               const kehu__mapping *map)
{
    kehu_read_opts defaults;
    reader r;
    kehu_status rc;

    if (o == NULL) {
        kehu_read_opts_init(&defaults);
        o = &defaults;
    }
    memset(st, 0, sizeof *st);
    memset(&r, 0, sizeof r);
    st->bytes = len;
    r.kind = kind;
    r.name = name;
    r.o = o;
    r.st = st;
    r.fn = fn;
    r.ctx = ctx;
    r.mapped = map != NULL;
    rc = run(&r, buf, len, name != NULL ? name : "input");
    if (map != NULL && kehu__map_changed(map) && rc != KEHU_ENOMEM) {
        st->message[0] = '\0';
        msg_add(st, changed_message, name != NULL ? name : "input");
        rc = KEHU_EIO;
    }
    rc = finish_rejects(&r, rc);
    kehu_free(r.seen.slots);
    kehu_free(r.ids.slots);
    qsort(st->reasons, st->nreasons, sizeof st->reasons[0], cmp_reason);
    if (rc == KEHU_OK && o->max_reject_rate >= 0 && st->read > 0 &&
        (double)st->rejected > o->max_reject_rate * (double)st->read) {
        reject_message(st, name != NULL ? name : "input", o->max_reject_rate);
        rc = KEHU_EREJECT;
    }
    return rc;
}

kehu_status kehu_read_buffer(kehu_input_kind kind, const char *buf, size_t len,
                             const char *name, const kehu_read_opts *o,
                             kehu_row_fn fn, void *ctx, kehu_read_stats *st)
{
    return read_buffer(kind, buf, len, name, o, fn, ctx, st, NULL);
}

/* ------------------------------------------------------------------ */
/* Files                                                                */

static kehu_status slurp(int fd, char **out, size_t *len)
{
    size_t cap = 1 << 16, n = 0;
    char *buf = kehu_malloc(cap);

    if (buf == NULL) {
        return KEHU_ENOMEM;
    }
    for (;;) {
        ssize_t got;
        if (n == cap) {
            char *nb = kehu_realloc(buf, cap * 2);
            if (nb == NULL) {
                kehu_free(buf);
                return KEHU_ENOMEM;
            }
            buf = nb;
            cap *= 2;
        }
        got = read(fd, buf + n, cap - n);
        if (got < 0 && errno == EINTR) {
            continue;
        }
        if (got < 0) {
            kehu_free(buf);
            return KEHU_EIO;
        }
        if (got == 0) {
            break;
        }
        n += (size_t)got;
    }
    *out = buf;
    *len = n;
    return KEHU_OK;
}

kehu_status kehu_read_file(kehu_input_kind kind, const char *path,
                           const kehu_read_opts *o, kehu_row_fn fn, void *ctx,
                           kehu_read_stats *st)
{
    int fd = strcmp(path, "-") == 0 ? 0 : open(path, O_RDONLY);
    struct stat sb;
    char *buf = NULL;
    kehu__mapping map;
    size_t len = 0;
    kehu_status rc;

    memset(&map, 0, sizeof map);
    if (fd < 0) {
        memset(st, 0, sizeof *st);
        (void)snprintf(st->message, sizeof st->message,
                       "cannot open %s: %s; check the path", path,
                       strerror(errno));
        return KEHU_EIO;
    }
    if (fstat(fd, &sb) == 0 && kehu__map_file(fd, &sb, &map) == KEHU_OK) {
        len = map.len;
        /* The mapping is read-only; buf is non-const only because a
         * slurped buffer is freed through it. */
        memcpy(&buf, &map.ptr, sizeof buf);
        (void)madvise(buf, len, MADV_SEQUENTIAL);
    } else {
        rc = slurp(fd, &buf, &len);
        if (rc != KEHU_OK) {
            memset(st, 0, sizeof *st);
            (void)snprintf(
                st->message, sizeof st->message, "cannot read %s: %s", path,
                rc == KEHU_ENOMEM ? "out of memory" : strerror(errno));
            goto close_fd;
        }
    }
    rc = read_buffer(kind, buf, len, path, o, fn, ctx, st,
                     map.ptr != NULL ? &map : NULL);
    if (map.ptr != NULL) {
        kehu__map_release(&map);
    } else {
        kehu_free(buf);
    }
close_fd:
    if (fd != 0) {
        (void)close(fd);
    }
    return rc;
}

kehu_status kehu_read_transactions(const char *path, const kehu_read_opts *o,
                                   kehu_txn_fn fn, void *ctx,
                                   kehu_read_stats *st)
{
    kehu_row_fn f;

    f.txn = fn;
    return kehu_read_file(KEHU_INPUT_TRANSACTIONS, path, o, f, ctx, st);
}

kehu_status kehu_read_customers(const char *path, const kehu_read_opts *o,
                                kehu_master_fn fn, void *ctx,
                                kehu_read_stats *st)
{
    kehu_row_fn f;

    f.master = fn;
    return kehu_read_file(KEHU_INPUT_CUSTOMERS, path, o, f, ctx, st);
}

kehu_status kehu_read_feedback(const char *path, const kehu_read_opts *o,
                               kehu_feedback_fn fn, void *ctx,
                               kehu_read_stats *st)
{
    kehu_row_fn f;

    f.feedback = fn;
    return kehu_read_file(KEHU_INPUT_FEEDBACK, path, o, f, ctx, st);
}

kehu_status kehu_read_service_costs(const char *path, const kehu_read_opts *o,
                                    kehu_service_cost_fn fn, void *ctx,
                                    kehu_read_stats *st)
{
    kehu_row_fn f;

    f.service_cost = fn;
    return kehu_read_file(KEHU_INPUT_SERVICE_COSTS, path, o, f, ctx, st);
}

kehu_status kehu_read_events(const char *path, const kehu_read_opts *o,
                             kehu_event_fn fn, void *ctx, kehu_read_stats *st)
{
    kehu_row_fn f;

    f.event = fn;
    return kehu_read_file(KEHU_INPUT_EVENTS, path, o, f, ctx, st);
}

/* ------------------------------------------------------------------ */
/* Split reads                                                          */

typedef struct split_job {
    reader r;
    kehu_read_stats st;
    const char *buf;
    size_t len;
    const char *label;
    kehu_status rc;
} split_job;

static void *split_main(void *arg)
{
    split_job *j = arg;

    j->rc = run(&j->r, j->buf, j->len, j->label);
    return NULL;
}

/* Run every part (part 0 on this thread); 1 when all finished cleanly. */
static int split_run(split_job *jobs, unsigned nparts, atomic_int *stop)
{
    pthread_t th[KEHU_READ_MAX_PARTS];
    unsigned k, started = 1;
    int clean = 1;

    for (k = 1; k < nparts; k++) {
        if (pthread_create(&th[k], NULL, split_main, &jobs[k]) != 0) {
            atomic_store(stop, 1);
            clean = 0;
            break;
        }
        started++;
    }
    split_main(&jobs[0]);
    for (k = 1; k < started; k++) {
        (void)pthread_join(th[k], NULL);
    }
    for (k = 0; k < nparts; k++) {
        clean &= jobs[k].rc == KEHU_OK && jobs[k].st.rejected == 0;
        kehu_free(jobs[k].r.seen.slots);
    }
    return clean;
}

static kehu_status split_buffer(const char *path, const char *buf, size_t len,
                                const kehu_read_opts *o, kehu_txn_fn fn,
                                void *const *ctxs, unsigned nparts,
                                kehu_read_stats *st)
{
    split_job *jobs = kehu_calloc(nparts, sizeof *jobs);
    _Atomic size_t *at = kehu_calloc(nparts, sizeof *at);
    atomic_int stop;
    kehu_status rc = KEHU_CONTINUE;
    unsigned k;

    atomic_init(&stop, 0);
    if (jobs == NULL || at == NULL) {
        goto out;
    }
    for (k = 0; k < nparts; k++) {
        reader *r = &jobs[k].r;

        r->kind = KEHU_INPUT_TRANSACTIONS;
        r->o = o;
        r->st = &jobs[k].st;
        r->fn.txn = fn;
        r->ctx = ctxs[k];
        r->mapped = 1;
        r->part = k;
        r->nparts = nparts;
        r->stop = &stop;
        r->part_at = at;
        jobs[k].buf = buf;
        jobs[k].len = len;
        jobs[k].label = path;
        jobs[k].st.bytes = len;
    }
    if (split_run(jobs, nparts, &stop)) {
        *st = jobs[0].st;
        st->accepted = st->duplicates = 0;
        for (k = 0; k < nparts; k++) {
            st->accepted += jobs[k].st.accepted;
            st->duplicates += jobs[k].st.duplicates;
        }
        rc = prepare_rejects(st, o, path) == KEHU_OK &&
                     remove_stale_rejects(st) == KEHU_OK
                 ? KEHU_OK
                 : KEHU_CONTINUE;
    }
out:
    kehu_free(at);
    kehu_free(jobs);
    return rc;
}

kehu_status kehu_read_transactions_split(const char *path,
                                         const kehu_read_opts *o,
                                         kehu_txn_fn fn, void *const *ctxs,
                                         unsigned nparts, kehu_read_stats *st)
{
    int fd;
    struct stat sb;
    kehu__mapping map;
    kehu_status rc;

    if (nparts < 2 || nparts > KEHU_READ_MAX_PARTS || o == NULL ||
        strcmp(path, "-") == 0) {
        return KEHU_CONTINUE;
    }
    fd = open(path, O_RDONLY);
    if (fd < 0) {
        return KEHU_CONTINUE;
    }
    if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode) || sb.st_size <= 0) {
        (void)close(fd);
        return KEHU_CONTINUE;
    }
    if (kehu__map_file(fd, &sb, &map) != KEHU_OK) {
        (void)close(fd);
        return KEHU_CONTINUE;
    }
    memset(st, 0, sizeof *st);
    rc = split_buffer(path, map.ptr, map.len, o, fn, ctxs, nparts, st);
    if (kehu__map_changed(&map)) {
        st->message[0] = '\0';
        msg_add(st, changed_message, path);
        rc = KEHU_EIO;
    }
    kehu__map_release(&map);
    (void)close(fd);
    return rc;
}
