/* SPDX-License-Identifier: MIT */
/*
 * The ledger (see kehu/ledger.h): customers in an open-addressing hash
 * table keyed by a 64-bit hash of the id, each with a sorted array of
 * customer-day activity and small per-dimension value counts.
 *
 * Invariants: customer ids live in a chunked arena that never moves, so
 * slices handed out stay valid for the ledger's life; a customer's days are
 * sorted and unique; the table's load factor stays at or below one half.
 * Rows are never stored: memory grows with customers and active days.
 */
#include "kehu/ledger.h"

#include "hash.h"
#include "kehu/alloc.h"
#include "kehu/date.h"
#include "sort.h"

#include <stdlib.h>
#include <string.h>

#define ARENA_CHUNK (1u << 20) /* bytes per id-arena chunk */
#define BIG_DAYS                                                               \
    16                       /* beyond this many days a customer's             \
                                orders all go to the order set */
#define DIM_VALUE_BITS    28 /* dimension value ids below 2^28 */
#define MAX_CUSTOMERS     0x7fffffffu
/* Day arrays up to this long are prefetched whole before they grow. */
#define DAY_COPY_PREFETCH 9

/* One (dimension, value) count of a customer: key = dim << 28 | value. */
typedef struct dim_count {
    uint32_t key;
    uint32_t count;
} dim_count;

#define INLINE_DIMS  4       /* (dim, value) counts kept in the record */
#define INLINE_COUNT 0xffffu /* largest count kept inline */
#define CUST_ALIGN   64      /* a record is one cache line */

/* Flags of a customer record. */
#define CUST_BIG     1u /* every order of this customer is in xorders */
#define CUST_SPILLED 2u /* its dimension counts are in dims.more */
#define CUST_XORDERS 4u /* it has orders in xorders */
#define CUST_XROWS   8u /* it has rows in xrows */

/* One customer: 64 bytes, one cache line (the array is aligned), with the
 * usual few dimension counts inline, so adding a row touches one line of
 * it and no separate allocation for them. */
typedef struct cust {
    uint64_t hash;
    union {
        const char *ptr;            /* in the arena, when longer than 8 */
        char bytes[sizeof(char *)]; /* ids of up to 8 bytes: no miss */
    } id;
    kehu_activity *days;
    union {
        struct {
            uint32_t key[INLINE_DIMS];
            uint16_t count[INLINE_DIMS];
        } in;
        struct {
            dim_count *ptr;
            uint32_t cap;
        } more;
    } dims;
    uint32_t id_len;
    uint32_t n_days, cap_days;
    uint16_t n_dims;
    uint8_t flags; /* CUST_* */
    uint8_t unused;
} cust;

_Static_assert(sizeof(cust) == CUST_ALIGN, "a customer is one cache line");

/* Customer c's id bytes (id_len of them). */
static const char *cust_id(const cust *c)
{
    return c->id_len <= sizeof c->id.bytes ? c->id.bytes : c->id.ptr;
}

/* Customer-master facts, in an array beside the customers that exists only
 * once a master has been added. */
typedef struct master_info {
    uint32_t dim[KEHU_DIM_COUNT];
    int32_t signup_day; /* valid when has_signup */
    uint8_t in_master, has_signup;
} master_info;

/* Set of non-zero 64-bit keys (open addressing, load at most 3/4). */
typedef struct keyset {
    uint64_t *slots;
    size_t n, mask;
} keyset;

typedef struct arena_chunk {
    struct arena_chunk *next;
    size_t used, cap;
    char data[];
} arena_chunk;

/* Customer-day arrays of up to SLAB_MAX_DAYS entries come from a slab:
 * one free list per capacity of the growth sequence (see day_entry),
 * carved from big chunks. Millions of small arrays through malloc cost a
 * header each, allocator work on every growth and, at the end, a long
 * free of each one; here freeing the ledger frees a few chunks. Larger
 * arrays (rare) use kehu_realloc, which can grow them in place. */
#define DAY_CLASSES   12
#define SLAB_MAX_DAYS 94
#define SLAB_FIRST    (16u << 10) /* first chunk: small ledgers stay small */
#define SLAB_CHUNK    (2u << 20)  /* chunks double up to this */

static const uint32_t day_class_cap[DAY_CLASSES] = {1,  2,  3,  4,  6,  9,
                                                    13, 19, 28, 42, 63, 94};

/* A free array; its first bytes link the free list. */
typedef struct free_block {
    struct free_block *next;
} free_block;

typedef struct day_slab {
    arena_chunk *chunks; /* the head is the one being carved */
    free_block *head[DAY_CLASSES], *tail[DAY_CLASSES];
} day_slab;

/* Interned strings of one dimension: value 0 is "". */
typedef struct intern {
    const char **text;
    uint32_t *len;
    uint64_t *hash;
    uint32_t n, cap;
    uint32_t *slots; /* value ids, 0 = empty; size mask + 1 */
    uint32_t mask;
} intern;

/* A customer table slot: the customer's index + 1 in the low 32 bits (0 =
 * empty) and the high 32 bits of its hash above them, so probing compares
 * hashes without reading the records of other customers. */
typedef uint64_t slot_t;

static slot_t slot_make(uint64_t hash, size_t i)
{
    return (hash & 0xffffffff00000000ULL) | (uint64_t)(i + 1);
}

static size_t slot_index(slot_t v)
{
    return (size_t)(uint32_t)v - 1;
}

static int slot_tag_is(slot_t v, uint64_t hash)
{
    return (v >> 32) == (hash >> 32);
}

struct kehu_ledger {
    cust *c;     /* CUST_ALIGN-aligned, inside c_mem */
    char *c_mem; /* the allocation */
    size_t n, cap;
    slot_t *slots;
    size_t mask;
    /* Distinct orders and duplicate rows: each customer-day keeps its
     * first order and first row (kehu_activity order_key, row_key); the
     * further ones are keyed (customer, key) in these sets. */
    keyset xorders;
    keyset xrows;
    master_info *m; /* NULL until a master row; mcap entries */
    size_t mcap;
    arena_chunk *arena;
    day_slab slab;
    intern dims[KEHU_DIM_COUNT];
    int32_t first_day, last_day;
    int has_cost;
    int has_discount;
    /* AND and OR of every customer's hash: see kehu_ledger_merge_take. */
    uint64_t hash_and, hash_or;
    /* Sums of |amount| and |cost| over every row: kept at most INT64_MAX,
     * so no sum of any rows (a day, a customer, a cohort, the whole
     * ledger) can wrap around int64 anywhere downstream. */
    uint64_t abs_amount, abs_cost;
};

/* ------------------------------------------------------------------ */
/* Arena                                                              */

/* A new empty chunk of cap bytes at the head of *head, or NULL. */
static arena_chunk *chunk_push(arena_chunk **head, size_t cap)
{
    arena_chunk *a = kehu_malloc(sizeof *a + cap);

    if (a != NULL) {
        a->next = *head;
        a->used = 0;
        a->cap = cap;
        *head = a;
    }
    return a;
}

/* Copy len bytes and a NUL into the arena (ids and values are C strings
 * too, so their text can be handed out directly). */
static const char *arena_copy(kehu_ledger *l, const char *s, size_t len)
{
    arena_chunk *a = l->arena;
    char *p;

    len++;
    if (a == NULL || a->cap - a->used < len) {
        a = chunk_push(&l->arena, len > ARENA_CHUNK ? len : ARENA_CHUNK);
        if (a == NULL) {
            return NULL;
        }
    }
    p = a->data + a->used;
    if (len > 1) {
        memcpy(p, s, len - 1);
    }
    p[len - 1] = '\0';
    a->used += len;
    return p;
}

/* ------------------------------------------------------------------ */
/* Slab of customer-day arrays                                        */

/* Size class of a slab array of cap entries (cap is on the sequence). */
static int day_class(uint32_t cap)
{
    int k = 0;

    while (day_class_cap[k] < cap) {
        k++;
    }
    return k;
}

static kehu_activity *slab_alloc(day_slab *s, int k)
{
    size_t size = day_class_cap[k] * sizeof(kehu_activity);
    arena_chunk *a = s->chunks;
    char *p;

    if (s->head[k] != NULL) {
        free_block *b = s->head[k];
        s->head[k] = b->next;
        return (kehu_activity *)(void *)b;
    }
    if (a == NULL || a->cap - a->used < size) {
        /* The old chunk's tail (less than one array) is left unused. */
        a = chunk_push(&s->chunks, a == NULL             ? SLAB_FIRST
                                   : a->cap < SLAB_CHUNK ? a->cap * 2
                                                         : SLAB_CHUNK);
        if (a == NULL) {
            return NULL;
        }
    }
    p = a->data + a->used;
    a->used += size;
    return (kehu_activity *)(void *)p;
}

static void slab_release(day_slab *s, kehu_activity *days, int k)
{
    free_block *b = (free_block *)(void *)days;

    b->next = s->head[k];
    if (s->head[k] == NULL) {
        s->tail[k] = b;
    }
    s->head[k] = b;
}

/* Append the chunk list *from to *into (O(chunks)); *into's head stays
 * the chunk being carved. */
static void chunks_take(arena_chunk **into, arena_chunk **from)
{
    arena_chunk *last = *from;

    if (last == NULL) {
        return;
    }
    while (last->next != NULL) {
        last = last->next;
    }
    if (*into == NULL) {
        *into = *from;
    } else {
        last->next = (*into)->next;
        (*into)->next = *from;
    }
    *from = NULL;
}

/* Give every chunk and free array of `from` to `into`, so arrays carved
 * from `from` can change ledger without being copied. */
static void slab_take(day_slab *into, day_slab *from)
{
    int k;

    chunks_take(&into->chunks, &from->chunks);
    for (k = 0; k < DAY_CLASSES; k++) {
        if (from->head[k] != NULL) {
            from->tail[k]->next = into->head[k];
            if (into->head[k] == NULL) {
                into->tail[k] = from->tail[k];
            }
            into->head[k] = from->head[k];
        }
    }
    memset(from, 0, sizeof *from);
}

static void slab_free(day_slab *s)
{
    while (s->chunks != NULL) {
        arena_chunk *next = s->chunks->next;
        kehu_free(s->chunks);
        s->chunks = next;
    }
}

/* Give back customer c's day array (to the slab, or to the allocator when
 * it is a large one). */
static void release_days(day_slab *s, cust *c)
{
    if (c->cap_days > SLAB_MAX_DAYS) {
        kehu_free(c->days);
    } else if (c->cap_days > 0) {
        slab_release(s, c->days, day_class(c->cap_days));
    }
    c->days = NULL;
    c->n_days = c->cap_days = 0;
}

/* Move customer c's days to an array of cap entries (the next capacity of
 * the growth sequence). */
static kehu_status regrow_days(day_slab *s, cust *c, uint32_t cap)
{
    kehu_activity *d;

    if (cap > SLAB_MAX_DAYS && c->cap_days > SLAB_MAX_DAYS) {
        d = kehu_reallocarray(c->days, cap, sizeof *d);
        if (d == NULL) {
            return KEHU_ENOMEM;
        }
        c->days = d;
        c->cap_days = cap;
        return KEHU_OK;
    }
    d = cap > SLAB_MAX_DAYS ? kehu_reallocarray(NULL, cap, sizeof *d)
                            : slab_alloc(s, day_class(cap));
    if (d == NULL) {
        return KEHU_ENOMEM;
    }
    if (c->n_days > 0) {
        memcpy(d, c->days, (size_t)c->n_days * sizeof *d);
    }
    if (c->cap_days > 0) {
        slab_release(s, c->days, day_class(c->cap_days));
    }
    c->days = d;
    c->cap_days = cap;
    return KEHU_OK;
}

/* ------------------------------------------------------------------ */
/* Interned dimension values                                          */

static kehu_status intern_grow(intern *t)
{
    uint32_t cap = t->cap ? t->cap * 2 : 16, i;
    uint32_t mask = cap * 2 - 1;
    const char **text = kehu_reallocarray(t->text, cap, sizeof *text);
    uint32_t *len, *slots;
    uint64_t *hash;

    if (text == NULL) {
        return KEHU_ENOMEM;
    }
    t->text = text;
    len = kehu_reallocarray(t->len, cap, sizeof *len);
    if (len == NULL) {
        return KEHU_ENOMEM;
    }
    t->len = len;
    hash = kehu_reallocarray(t->hash, cap, sizeof *hash);
    if (hash == NULL) {
        return KEHU_ENOMEM;
    }
    t->hash = hash;
    slots = kehu_calloc((size_t)mask + 1, sizeof *slots);
    if (slots == NULL) {
        return KEHU_ENOMEM;
    }
    for (i = 1; i < t->n; i++) {
        uint32_t s = (uint32_t)t->hash[i] & mask;
        while (slots[s] != 0) {
            s = (s + 1) & mask;
        }
        slots[s] = i;
    }
    kehu_free(t->slots);
    t->slots = slots;
    t->mask = mask;
    t->cap = cap;
    return KEHU_OK;
}

static kehu_status intern_value(kehu_ledger *l, kehu_dim d, kehu_slice v,
                                uint32_t *out)
{
    intern *t = &l->dims[d];
    uint64_t h;
    uint32_t s;
    *out = 0;
    if (v.len == 0) {
        return KEHU_OK;
    }
    if (t->n == 0 || t->n + 1 > t->cap) {
        kehu_status rc = intern_grow(t);
        if (rc != KEHU_OK) {
            return rc;
        }
        if (t->n == 0) {
            t->text[0] = "";
            t->len[0] = 0;
            t->hash[0] = 0;
            t->n = 1;
        }
    }
    h = kehu__hash_bytes(v.ptr, v.len, (uint64_t)d);
    s = (uint32_t)h & t->mask;
    while (t->slots[s] != 0) {
        uint32_t i = t->slots[s];
        if (t->hash[i] == h && t->len[i] == v.len &&
            memcmp(t->text[i], v.ptr, v.len) == 0) {
            *out = i;
            return KEHU_OK;
        }
        s = (s + 1) & t->mask;
    }
    if (t->n >= (1u << DIM_VALUE_BITS) - 1 || v.len > UINT32_MAX) {
        return KEHU_ETOOBIG;
    }
    t->text[t->n] = arena_copy(l, v.ptr, v.len);
    if (t->text[t->n] == NULL) {
        return KEHU_ENOMEM;
    }
    t->len[t->n] = (uint32_t)v.len;
    t->hash[t->n] = h;
    t->slots[s] = t->n;
    *out = t->n++;
    return KEHU_OK;
}

/* ------------------------------------------------------------------ */
/* Customers                                                          */

kehu_status kehu_ledger_new(kehu_ledger **out)
{
    kehu_ledger *l = kehu_calloc(1, sizeof *l);

    *out = NULL;
    if (l == NULL) {
        return KEHU_ENOMEM;
    }
    l->first_day = KEHU_DAY_NONE;
    l->last_day = KEHU_DAY_NONE;
    l->hash_and = UINT64_MAX;
    *out = l;
    return KEHU_OK;
}

void kehu_ledger_free(kehu_ledger *l)
{
    size_t i;
    int d;

    if (l == NULL) {
        return;
    }
    for (i = 0; i < l->n; i++) {
        if (l->c[i].cap_days > SLAB_MAX_DAYS) {
            kehu_free(l->c[i].days);
        }
        if (l->c[i].flags & CUST_SPILLED) {
            kehu_free(l->c[i].dims.more.ptr);
        }
    }
    slab_free(&l->slab);
    kehu_free(l->c_mem);
    kehu_free(l->m);
    kehu_free(l->slots);
    kehu_free(l->xorders.slots);
    kehu_free(l->xrows.slots);
    while (l->arena != NULL) {
        arena_chunk *next = l->arena->next;
        kehu_free(l->arena);
        l->arena = next;
    }
    for (d = 0; d < KEHU_DIM_COUNT; d++) {
        kehu_free(l->dims[d].text);
        kehu_free(l->dims[d].len);
        kehu_free(l->dims[d].hash);
        kehu_free(l->dims[d].slots);
    }
    kehu_free(l);
}

/* Make room for cap customers (cap >= l->n), keeping the array aligned:
 * the allocator's alignment may differ after a move, so the records are
 * shifted to the aligned start when it does. */
static kehu_status cust_resize(kehu_ledger *l, size_t cap)
{
    size_t old = l->c != NULL ? (size_t)((char *)l->c - l->c_mem) : 0, at;
    char *mem;

    if (cap > (SIZE_MAX - CUST_ALIGN) / sizeof(cust)) {
        return KEHU_ENOMEM;
    }
    mem = kehu_realloc(l->c_mem, cap * sizeof(cust) + CUST_ALIGN);
    if (mem == NULL) {
        return KEHU_ENOMEM;
    }
    at = (size_t)(-(uintptr_t)mem & (CUST_ALIGN - 1));
    if (at != old) {
        memmove(mem + at, mem + old, l->n * sizeof(cust));
    }
    l->c_mem = mem;
    l->c = (cust *)(void *)(mem + at);
    l->cap = cap;
    return KEHU_OK;
}

/* Rebuild the customer table with size (a power of two) slots. */
static kehu_status resize_table(kehu_ledger *l, size_t size)
{
    size_t i;
    slot_t *slots = kehu_calloc(size, sizeof *slots);

    if (slots == NULL) {
        return KEHU_ENOMEM;
    }
    for (i = 0; i < l->n; i++) {
        size_t s = (size_t)l->c[i].hash & (size - 1);
        while (slots[s] != 0) {
            s = (s + 1) & (size - 1);
        }
        slots[s] = slot_make(l->c[i].hash, i);
    }
    kehu_free(l->slots);
    l->slots = slots;
    l->mask = size - 1;
    return KEHU_OK;
}

static kehu_status grow_table(kehu_ledger *l)
{
    return resize_table(l, l->mask ? (l->mask + 1) * 2 : 1024);
}

/* Room for n customers in all: the array sized exactly (not by half
 * again) and the table large enough that adding them never rebuilds it. */
static kehu_status reserve(kehu_ledger *l, size_t n)
{
    size_t size = l->mask ? l->mask + 1 : 1024;

    if (n > MAX_CUSTOMERS) {
        return KEHU_ETOOBIG;
    }
    if (n > l->cap && cust_resize(l, n) != KEHU_OK) {
        return KEHU_ENOMEM;
    }
    while ((n + 1) * 2 > size) {
        size *= 2;
    }
    return size > l->mask + 1 || l->mask == 0 ? resize_table(l, size) : KEHU_OK;
}

/* Slot of the customer with hash h and this id, or of the empty slot
 * where it would go (*found = 0). */
static size_t lookup(const kehu_ledger *l, uint64_t h, const char *id,
                     size_t len, int *found)
{
    size_t s = (size_t)h & l->mask;

    for (; l->slots[s] != 0; s = (s + 1) & l->mask) {
        const cust *c;
        if (!slot_tag_is(l->slots[s], h)) {
            continue;
        }
        c = &l->c[slot_index(l->slots[s])];
        if (c->hash == h && c->id_len == len &&
            memcmp(cust_id(c), id, len) == 0) {
            *found = 1;
            return s;
        }
    }
    *found = 0;
    return s;
}

/* lookup for a customer record of another ledger (its stored hash: no id
 * is hashed again). */
static size_t probe(const kehu_ledger *l, const cust *k, int *found)
{
    return lookup(l, k->hash, cust_id(k), k->id_len, found);
}

/* The first empty slot for hash h, for a customer known to be absent. */
static size_t empty_slot(const kehu_ledger *l, uint64_t h)
{
    size_t s = (size_t)h & l->mask;

    while (l->slots[s] != 0) {
        s = (s + 1) & l->mask;
    }
    return s;
}

/* Index of the customer with id (inserting it when absent). */
static kehu_status find_or_add(kehu_ledger *l, kehu_slice id, size_t *out)
{
    uint64_t h = kehu__hash_bytes(id.ptr, id.len, 0);
    size_t s;
    cust *c;
    int found;
    if (l->mask == 0 || (l->n + 1) * 2 > l->mask + 1) {
        kehu_status rc = grow_table(l);
        if (rc != KEHU_OK) {
            return rc;
        }
    }
    s = lookup(l, h, id.ptr, id.len, &found);
    if (found) {
        *out = slot_index(l->slots[s]);
        return KEHU_OK;
    }
    if (l->n >= MAX_CUSTOMERS || id.len > UINT32_MAX) {
        return KEHU_ETOOBIG;
    }
    /* Grow by half: the slack of doubling is a third of a large ledger. */
    if (l->n == l->cap &&
        cust_resize(l, l->cap ? l->cap + l->cap / 2 : 1024) != KEHU_OK) {
        return KEHU_ENOMEM;
    }
    c = &l->c[l->n];
    memset(c, 0, sizeof *c);
    if (id.len <= sizeof c->id.bytes) {
        memcpy(c->id.bytes, id.ptr, id.len);
    } else if ((c->id.ptr = arena_copy(l, id.ptr, id.len)) == NULL) {
        return KEHU_ENOMEM;
    }
    c->hash = h;
    l->hash_and &= h;
    l->hash_or |= h;
    c->id_len = (uint32_t)id.len;
    l->slots[s] = slot_make(h, l->n);
    *out = l->n++;
    return KEHU_OK;
}

void kehu_ledger_prefetch_customer(const kehu_ledger *l, size_t i, int stage)
{
    const cust *c = &l->c[i];

    if (stage == 1) {
        __builtin_prefetch(c);
    } else if (c->n_days > 0) {
        __builtin_prefetch(cust_id(c));
        __builtin_prefetch(c->days);
        __builtin_prefetch(&c->days[c->n_days - 1].row_key);
    }
}

/* The activity entry of customer c for day (created when absent). */
static kehu_status day_entry(day_slab *s, cust *c, int32_t day,
                             kehu_activity **out)
{
    uint32_t lo = 0, hi = c->n_days;

    if (c->n_days > 0 && c->days[c->n_days - 1].day == day) {
        *out = &c->days[c->n_days - 1];
        return KEHU_OK;
    }
    if (c->n_days == 0 || c->days[c->n_days - 1].day < day) {
        lo = c->n_days; /* rows mostly arrive in date order: append */
    } else {
        while (lo < hi) {
            uint32_t mid = (lo + hi) / 2;
            if (c->days[mid].day < day) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        if (c->days[lo].day == day) {
            *out = &c->days[lo];
            return KEHU_OK;
        }
    }
    if (c->n_days == c->cap_days) {
        /* Most customers buy on one day only: start with one entry, and
         * grow by one up to 4, then by half: the slack of doubling is a
         * fifth of a large ledger. */
        uint32_t cap =
            c->cap_days < 4 ? c->cap_days + 1 : c->cap_days + c->cap_days / 2;
        kehu_status rc;
        if (c->cap_days >= UINT32_MAX / 2) {
            return KEHU_ETOOBIG;
        }
        rc = regrow_days(s, c, cap);
        if (rc != KEHU_OK) {
            return rc;
        }
    }
    memmove(&c->days[lo + 1], &c->days[lo],
            (size_t)(c->n_days - lo) * sizeof *c->days);
    memset(&c->days[lo], 0, sizeof *c->days);
    c->days[lo].day = day;
    c->n_days++;
    *out = &c->days[lo];
    return KEHU_OK;
}

/* Count k of customer c: its (dim, value) key and count. */
static dim_count dim_at(const cust *c, uint32_t k)
{
    dim_count d;

    if (c->flags & CUST_SPILLED) {
        return c->dims.more.ptr[k];
    }
    d.key = c->dims.in.key[k];
    d.count = c->dims.in.count[k];
    return d;
}

static void set_dim_key(cust *c, uint32_t k, uint32_t key)
{
    if (c->flags & CUST_SPILLED) {
        c->dims.more.ptr[k].key = key;
    } else {
        c->dims.in.key[k] = key;
    }
}

/* Move customer c's counts out of the record, with room for cap. */
static kehu_status spill_dims(cust *c, uint32_t cap)
{
    dim_count *d = kehu_reallocarray(NULL, cap, sizeof *d);
    uint32_t k;

    if (d == NULL) {
        return KEHU_ENOMEM;
    }
    for (k = 0; k < c->n_dims; k++) {
        d[k] = dim_at(c, k);
    }
    c->dims.more.ptr = d;
    c->dims.more.cap = cap;
    c->flags |= CUST_SPILLED;
    return KEHU_OK;
}

static kehu_status count_dim(cust *c, uint32_t key, uint32_t n)
{
    uint32_t k;
    if (!(c->flags & CUST_SPILLED)) {
        kehu_status rc;
        for (k = 0; k < c->n_dims; k++) {
            if (c->dims.in.key[k] == key) {
                break;
            }
        }
        if (k < c->n_dims && n <= INLINE_COUNT - c->dims.in.count[k]) {
            c->dims.in.count[k] = (uint16_t)(c->dims.in.count[k] + n);
            return KEHU_OK;
        }
        if (k == c->n_dims && k < INLINE_DIMS && n <= INLINE_COUNT) {
            c->dims.in.key[k] = key;
            c->dims.in.count[k] = (uint16_t)n;
            c->n_dims++;
            return KEHU_OK;
        }
        rc = spill_dims(c, 2 * INLINE_DIMS);
        if (rc != KEHU_OK) {
            return rc;
        }
    }
    for (k = 0; k < c->n_dims; k++) {
        if (c->dims.more.ptr[k].key == key) {
            c->dims.more.ptr[k].count += n;
            return KEHU_OK;
        }
    }
    if (c->n_dims == UINT16_MAX) {
        return KEHU_ETOOBIG;
    }
    if (c->n_dims == c->dims.more.cap) {
        uint32_t cap = c->dims.more.cap * 2;
        dim_count *d = kehu_reallocarray(c->dims.more.ptr, cap, sizeof *d);
        if (d == NULL) {
            return KEHU_ENOMEM;
        }
        c->dims.more.ptr = d;
        c->dims.more.cap = cap;
    }
    c->dims.more.ptr[c->n_dims].key = key;
    c->dims.more.ptr[c->n_dims].count = n;
    c->n_dims++;
    return KEHU_OK;
}

/* The master facts of customer i, allocating the array on first use. */
static kehu_status master_slot(kehu_ledger *l, size_t i, master_info **out)
{
    if (i >= l->mcap) {
        size_t cap = l->cap, k;
        master_info *m = kehu_reallocarray(l->m, cap, sizeof *m);

        if (m == NULL) {
            return KEHU_ENOMEM;
        }
        for (k = l->mcap; k < cap; k++) {
            memset(&m[k], 0, sizeof m[k]);
        }
        l->m = m;
        l->mcap = cap;
    }
    *out = &l->m[i];
    return KEHU_OK;
}

static const master_info *master_of(const kehu_ledger *l, size_t i)
{
    return i < l->mcap && l->m[i].in_master ? &l->m[i] : NULL;
}

/* ------------------------------------------------------------------ */
/* Orders and duplicate rows                                           */

static kehu_status keyset_grow(keyset *k)
{
    size_t size = k->mask ? (k->mask + 1) * 2 : 1024, i;
    uint64_t *set = kehu_calloc(size, sizeof *set);

    if (set == NULL) {
        return KEHU_ENOMEM;
    }
    for (i = 0; k->mask && i <= k->mask; i++) {
        if (k->slots[i] != 0) {
            size_t t = (size_t)k->slots[i] & (size - 1);
            while (set[t] != 0) {
                t = (t + 1) & (size - 1);
            }
            set[t] = k->slots[i];
        }
    }
    kehu_free(k->slots);
    k->slots = set;
    k->mask = size - 1;
    return KEHU_OK;
}

static int keyset_has(const keyset *k, uint64_t key)
{
    size_t s;

    if (k->mask == 0) {
        return 0;
    }
    for (s = (size_t)key & k->mask; k->slots[s] != 0; s = (s + 1) & k->mask) {
        if (k->slots[s] == key) {
            return 1;
        }
    }
    return 0;
}

/* Insert key (non-zero) unless present. */
static kehu_status keyset_add(keyset *k, uint64_t key)
{
    size_t s;
    if (k->mask == 0 || (k->n + 1) * 4 > (k->mask + 1) * 3) {
        kehu_status rc = keyset_grow(k);
        if (rc != KEHU_OK) {
            return rc;
        }
    }
    for (s = (size_t)key & k->mask; k->slots[s] != 0; s = (s + 1) & k->mask) {
        if (k->slots[s] == key) {
            return KEHU_OK;
        }
    }
    k->slots[s] = key;
    k->n++;
    return KEHU_OK;
}

/* Key of (customer, key) in a keyset; never 0. Built from the hash of
 * the customer's id, not its index, so keys mean the same in any ledger
 * (kehu_ledger_merge_take moves them as they are). */
static uint64_t cust_key(const kehu_ledger *l, size_t ci, uint64_t key)
{
    uint64_t h = kehu__hash_mix(l->c[ci].hash ^ key, 0xe7037ed1a0b428dbULL);
    return h + (h == 0);
}

/* Hash of an order id, never 0 (0 marks "no order" in a day entry). */
static uint64_t order_key(kehu_slice order)
{
    uint64_t key = kehu__hash_bytes(order.ptr, order.len, 0x6f72646572ULL);

    return key + (key == 0);
}

/* The entry of customer c for day, or NULL. */
static kehu_activity *day_find(const cust *c, int32_t day)
{
    uint32_t lo = 0, hi = c->n_days;

    if (c->n_days == 0 || c->days[c->n_days - 1].day < day) {
        return NULL; /* rows mostly arrive in date order: a new last day */
    }
    if (c->days[c->n_days - 1].day == day) {
        return &c->days[c->n_days - 1];
    }
    while (lo < hi) {
        uint32_t mid = (lo + hi) / 2;
        if (c->days[mid].day < day) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return lo < c->n_days && c->days[lo].day == day ? &c->days[lo] : NULL;
}

/* 1 when customer ci already has the row with this key (on `day`, as
 * identical rows have identical dates). */
static int row_seen(const kehu_ledger *l, size_t ci, int32_t day,
                    uint64_t row_key)
{
    const cust *c = &l->c[ci];
    const kehu_activity *a = day_find(c, day);

    if (a == NULL || a->row_key == 0) {
        return 0;
    }
    if (a->row_key == row_key) {
        return 1;
    }
    return (c->flags & CUST_XROWS) &&
           keyset_has(&l->xrows, cust_key(l, ci, row_key));
}

/* Remember a new row of customer ci on day entry a. */
static kehu_status note_row(kehu_ledger *l, size_t ci, kehu_activity *a,
                            uint64_t row_key)
{
    if (a->row_key == 0) {
        a->row_key = row_key;
        return KEHU_OK;
    }
    l->c[ci].flags |= CUST_XROWS;
    return keyset_add(&l->xrows, cust_key(l, ci, row_key));
}

/* 1 when customer ci had order `key` before (any day). */
static int order_seen(const kehu_ledger *l, size_t ci, uint64_t key)
{
    const cust *c = &l->c[ci];
    if (!(c->flags & CUST_BIG)) {
        uint32_t k;
        for (k = 0; k < c->n_days; k++) {
            if (c->days[k].order_key == key) {
                return 1;
            }
        }
        if (!(c->flags & CUST_XORDERS)) {
            return 0;
        }
    }
    return keyset_has(&l->xorders, cust_key(l, ci, key));
}

/* Whether the row's order is new for customer ci; records it. The first
 * order of a day stays in the day entry; a big customer (many days) has
 * all its orders in the set too, so no day scan is needed. */
static kehu_status order_is_new(kehu_ledger *l, size_t ci, kehu_activity *a,
                                kehu_slice order, int *is_new)
{
    uint64_t key = order_key(order);

    *is_new = 0;
    if (a->order_key == key || order_seen(l, ci, key)) {
        return KEHU_OK;
    }
    *is_new = 1;
    if (a->order_key == 0) {
        a->order_key = key;
        if (!(l->c[ci].flags & CUST_BIG)) {
            return KEHU_OK;
        }
    }
    l->c[ci].flags |= CUST_XORDERS;
    return keyset_add(&l->xorders, cust_key(l, ci, key));
}

/* Move customer ci to the set-only order lookup. */
static kehu_status make_big(kehu_ledger *l, size_t ci)
{
    cust *c = &l->c[ci];
    uint32_t k;
    kehu_status rc;

    for (k = 0; k < c->n_days; k++) {
        if (c->days[k].order_key != 0) {
            rc = keyset_add(&l->xorders, cust_key(l, ci, c->days[k].order_key));
            if (rc != KEHU_OK) {
                return rc;
            }
            c->flags |= CUST_XORDERS;
        }
    }
    c->flags |= CUST_BIG;
    return KEHU_OK;
}

static void widen_span(kehu_ledger *l, int32_t day)
{
    if (l->first_day == KEHU_DAY_NONE || day < l->first_day) {
        l->first_day = day;
    }
    if (l->last_day == KEHU_DAY_NONE || day > l->last_day) {
        l->last_day = day;
    }
}

void kehu_ledger_prefetch(const kehu_ledger *l, const kehu_txn *t, int stage)
{
    uint64_t h;
    size_t s;
    const cust *c;

    if (l->mask == 0 || t->customer_id.len == 0) {
        return;
    }
    h = kehu__hash_bytes(t->customer_id.ptr, t->customer_id.len, 0);
    s = (size_t)h & l->mask;
    if (stage == 0) {
        __builtin_prefetch(&l->slots[s]);
        return;
    }
    while (l->slots[s] != 0 && !slot_tag_is(l->slots[s], h)) {
        s = (s + 1) & l->mask;
    }
    if (l->slots[s] == 0) {
        return; /* a new customer */
    }
    c = &l->c[slot_index(l->slots[s])];
    if (stage == 1) {
        __builtin_prefetch(c);
        return;
    }
    if (c->hash != h || c->n_days == 0) {
        return;
    }
    __builtin_prefetch(cust_id(c));
    if (c->n_days == c->cap_days && c->n_days <= DAY_COPY_PREFETCH) {
        /* A new day copies the array to a larger one: all of it. */
        const char *p = (const char *)c->days;
        const char *end = (const char *)&c->days[c->n_days];
        for (; p < end; p += 64) {
            __builtin_prefetch(p);
        }
        __builtin_prefetch(end - 1);
    } else {
        __builtin_prefetch(&c->days[c->n_days - 1]);
        __builtin_prefetch(&c->days[c->n_days - 1].row_key);
    }
    if ((c->flags & CUST_BIG) && t->order_id.len > 0 && l->xorders.mask != 0) {
        /* Big customers look every order up in the order set. */
        const keyset *k = &l->xorders;
        uint64_t key = cust_key(l, (size_t)(c - l->c), order_key(t->order_id));
        __builtin_prefetch(&k->slots[(size_t)key & k->mask]);
    }
}

static uint64_t magnitude(int64_t v)
{
    return v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
}

/* 1 when a + b stays within INT64_MAX (both at most INT64_MAX). */
static int total_fits(uint64_t a, uint64_t b)
{
    return b <= (uint64_t)INT64_MAX - a;
}

kehu_status kehu_ledger_add(kehu_ledger *l, const kehu_txn *t)
{
    const kehu_slice *dim_text[KEHU_DIM_COUNT] = {&t->region, &t->branch,
                                                  &t->channel, &t->category};
    kehu_activity *a;
    size_t ci;
    int is_new = 1, d;
    kehu_status rc;

    if (t->customer_id.len == 0 || t->day == KEHU_DAY_NONE) {
        return KEHU_EINVAL;
    }
    rc = find_or_add(l, t->customer_id, &ci);
    if (rc != KEHU_OK) {
        return rc;
    }
    if (t->row_key != 0 && row_seen(l, ci, t->day, t->row_key)) {
        return KEHU_DONE;
    }
    if (!total_fits(l->abs_amount, magnitude(t->amount)) ||
        !total_fits(l->abs_cost, magnitude(t->cost))) {
        return KEHU_ERANGE; /* the totals would pass what int64 holds */
    }
    l->abs_amount += magnitude(t->amount);
    l->abs_cost += magnitude(t->cost);
    rc = day_entry(&l->slab, &l->c[ci], t->day, &a);
    if (rc == KEHU_OK && t->row_key != 0) {
        rc = note_row(l, ci, a, t->row_key);
    }
    if (rc == KEHU_OK && t->order_id.len > 0) {
        rc = order_is_new(l, ci, a, t->order_id, &is_new);
    }
    if (rc == KEHU_OK && !(l->c[ci].flags & CUST_BIG) &&
        l->c[ci].n_days > BIG_DAYS) {
        rc = make_big(l, ci);
    }
    if (rc != KEHU_OK) {
        return rc;
    }
    if (t->amount >= 0) {
        a->purchases++;
    } else {
        a->returns++;
    }
    a->orders += (uint32_t)is_new;
    a->amount += t->amount;
    a->cost += t->cost;
    if (t->discount != 0) {
        a->discounted += t->amount;
    }
    l->has_cost |= t->has_cost;
    l->has_discount |= t->has_discount;
    widen_span(l, t->day);
    for (d = 0; d < KEHU_DIM_COUNT; d++) {
        uint32_t v;
        if (dim_text[d]->len == 0) {
            continue;
        }
        rc = intern_value(l, (kehu_dim)d, *dim_text[d], &v);
        if (rc == KEHU_OK) {
            rc = count_dim(&l->c[ci], (uint32_t)d << DIM_VALUE_BITS | v, 1);
        }
        if (rc != KEHU_OK) {
            return rc;
        }
    }
    return KEHU_OK;
}

kehu_status kehu_ledger_add_master(kehu_ledger *l, kehu_slice id,
                                   int32_t signup_day, kehu_slice region,
                                   kehu_slice branch, kehu_slice channel)
{
    const kehu_slice *text[3] = {&region, &branch, &channel};
    size_t ci;
    int d;
    kehu_status rc;

    if (id.len == 0) {
        return KEHU_EINVAL;
    }
    master_info *m;

    rc = find_or_add(l, id, &ci);
    if (rc == KEHU_OK) {
        rc = master_slot(l, ci, &m);
    }
    if (rc != KEHU_OK) {
        return rc;
    }
    for (d = 0; d < 3; d++) {
        uint32_t v;
        if (text[d]->len == 0) {
            continue;
        }
        rc = intern_value(l, (kehu_dim)d, *text[d], &v);
        if (rc != KEHU_OK) {
            return rc;
        }
        m->dim[d] = v;
    }
    m->in_master = 1;
    if (signup_day != KEHU_DAY_NONE) {
        m->signup_day = signup_day;
        m->has_signup = 1;
    }
    return KEHU_OK;
}

static kehu_status merge_day(day_slab *s, cust *c, const kehu_activity *src)
{
    kehu_activity *a;
    kehu_status rc = day_entry(s, c, src->day, &a);

    if (rc != KEHU_OK) {
        return rc;
    }
    a->purchases += src->purchases;
    a->orders += src->orders;
    a->returns += src->returns;
    a->amount += src->amount;
    a->cost += src->cost;
    a->discounted += src->discounted;
    if (a->order_key == 0) {
        a->order_key = src->order_key;
    }
    if (a->row_key == 0) {
        a->row_key = src->row_key;
    }
    return KEHU_OK;
}

/* Fold customer i of `from` into `into` day by day. */
static kehu_status merge_customer(kehu_ledger *into, const kehu_ledger *from,
                                  size_t i)
{
    const cust *s = &from->c[i];
    const master_info *sm = master_of(from, i);
    master_info *m = NULL;
    kehu_slice id = {cust_id(s), s->id_len};
    size_t ci;
    uint32_t k;
    kehu_status rc = find_or_add(into, id, &ci);

    if (rc == KEHU_OK && sm != NULL) {
        rc = master_slot(into, ci, &m);
    }
    for (k = 0; rc == KEHU_OK && k < s->n_days; k++) {
        rc = merge_day(&into->slab, &into->c[ci], &s->days[k]);
        widen_span(into, s->days[k].day);
    }
    for (k = 0; rc == KEHU_OK && k < s->n_dims; k++) {
        dim_count sd = dim_at(s, k);
        uint32_t d = sd.key >> DIM_VALUE_BITS;
        uint32_t v = sd.key & ((1u << DIM_VALUE_BITS) - 1);
        const intern *t = &from->dims[d];
        kehu_slice text = {t->text[v], t->len[v]};
        rc = intern_value(into, (kehu_dim)d, text, &v);
        if (rc == KEHU_OK) {
            rc = count_dim(&into->c[ci], d << DIM_VALUE_BITS | v, sd.count);
        }
    }
    if (rc == KEHU_OK) {
        /* merge_take moves from's order and row keys to into's sets. */
        into->c[ci].flags |= s->flags & (CUST_XORDERS | CUST_XROWS);
    }
    for (k = 0; rc == KEHU_OK && m != NULL && k < KEHU_DIM_COUNT; k++) {
        uint32_t v = sm->dim[k];
        kehu_slice text = {from->dims[k].text ? from->dims[k].text[v] : "",
                           from->dims[k].len ? from->dims[k].len[v] : 0};
        rc = intern_value(into, (kehu_dim)k, text, &v);
        m->dim[k] = v;
    }
    if (rc == KEHU_OK && m != NULL) {
        m->in_master = 1;
        m->signup_day = sm->signup_day;
        m->has_signup = sm->has_signup;
    }
    return rc;
}

kehu_status kehu_ledger_merge(kehu_ledger *into, const kehu_ledger *from)
{
    size_t i;

    if (!total_fits(into->abs_amount, from->abs_amount) ||
        !total_fits(into->abs_cost, from->abs_cost)) {
        return KEHU_ERANGE;
    }
    into->abs_amount += from->abs_amount;
    into->abs_cost += from->abs_cost;
    for (i = 0; i < from->n; i++) {
        kehu_status rc = merge_customer(into, from, i);
        if (rc != KEHU_OK) {
            return rc;
        }
    }
    into->has_cost |= from->has_cost;
    into->has_discount |= from->has_discount;
    return KEHU_OK;
}

/* Move customer i of `from`, absent from `into`, to into's index `at`
 * and empty slot `slot` (room reserved), with its arrays and id as they are:
 * from's slab and arena are into's by now. map[d][v] is into's id of from's
 * value v of d. */
static void move_customer(kehu_ledger *into, kehu_ledger *from, size_t i,
                          size_t slot, size_t at, uint32_t *const *map)
{
    cust *s = &from->c[i];
    uint32_t k;

    for (k = 0; k < s->n_dims; k++) {
        uint32_t key = dim_at(s, k).key;
        uint32_t dd = key >> DIM_VALUE_BITS;
        uint32_t v = key & ((1u << DIM_VALUE_BITS) - 1);
        set_dim_key(s, k, dd << DIM_VALUE_BITS | map[dd][v]);
    }
    into->c[at] = *s;
    into->hash_and &= s->hash;
    into->hash_or |= s->hash;
    into->slots[slot] = slot_make(s->hash, at);
    s->days = NULL;
    s->flags = 0;
    s->n_days = s->cap_days = s->n_dims = 0;
}

#define SHRINK_STEP                                                            \
    65536 /* customers moved between shrinks of from's array                   \
           */

/* Move every customer of `from` (none in `into`, none with master facts)
 * to into's index n0 + i, where the loop in order would put it, starting
 * from the last: from's array shrinks as it empties, so merging the two
 * halves of a split read never holds both arrays whole (it was the peak
 * of memory). Room is reserved. */
static void move_all(kehu_ledger *into, kehu_ledger *from, uint32_t *const *map)
{
    size_t n0 = into->n, i = from->n;

    into->n = n0 + from->n;
    while (i > 0) {
        i--;
        if (i >= 16) {
            __builtin_prefetch(
                &into->slots[(size_t)from->c[i - 16].hash & into->mask]);
        }
        move_customer(into, from, i, empty_slot(into, from->c[i].hash), n0 + i,
                      map);
        if (i % SHRINK_STEP == 0 && i > 0) {
            from->n = i;
            /* Failing to shrink only keeps the memory a while longer. */
            (void)cust_resize(from, i);
        }
    }
    from->n = 0;
}

/* into's ids of from's dimension values (map[d][v]). */
static kehu_status value_map(kehu_ledger *into, const kehu_ledger *from,
                             uint32_t **map)
{
    int d;
    uint32_t v;
    kehu_status rc;

    for (d = 0; d < KEHU_DIM_COUNT; d++) {
        const intern *t = &from->dims[d];

        map[d] = kehu_calloc(t->n ? t->n : 1, sizeof *map[d]);
        if (map[d] == NULL) {
            return KEHU_ENOMEM;
        }
        for (v = 1; v < t->n; v++) {
            kehu_slice text = {t->text[v], t->len[v]};
            rc = intern_value(into, (kehu_dim)d, text, &map[d][v]);
            if (rc != KEHU_OK) {
                return rc;
            }
        }
    }
    return KEHU_OK;
}

/* Insert every key of `from` into `into`. Walking `from` in slot order
 * would hand `into` keys sorted by their low bits, which piles them into
 * long probe runs; the table is sized first and walked in a scattered
 * order (an odd stride visits every slot once). */
static kehu_status move_keys(keyset *into, const keyset *from)
{
    size_t j, size = from->mask + 1;
    kehu_status rc;

    if (from->mask == 0) {
        return KEHU_OK;
    }
    while (into->mask == 0 || (into->n + from->n) * 4 > (into->mask + 1) * 3) {
        rc = keyset_grow(into);
        if (rc != KEHU_OK) {
            return rc;
        }
    }
    for (j = 0; j < size; j++) {
        /* Both tables are read at random: fetch ahead. */
        if (j + 16 < size) {
            __builtin_prefetch(
                &from->slots[((j + 16) * 0x9E3779B97F4A7C15ULL) & from->mask]);
        }
        if (j + 8 < size) {
            uint64_t k =
                from->slots[((j + 8) * 0x9E3779B97F4A7C15ULL) & from->mask];
            __builtin_prefetch(&into->slots[(size_t)k & into->mask]);
        }
        size_t i = (j * 0x9E3779B97F4A7C15ULL) & from->mask;
        if (from->slots[i] != 0) {
            rc = keyset_add(into, from->slots[i]);
            if (rc != KEHU_OK) {
                return rc;
            }
        }
    }
    return KEHU_OK;
}

kehu_status kehu_ledger_merge_take(kehu_ledger *into, kehu_ledger *from)
{
    uint32_t *map[KEHU_DIM_COUNT] = {NULL};
    size_t i, n = from->n, slot;
    int d, found = 0;
    kehu_status rc;
    /* A bit of the hash that is the same for all of into's customers and
     * the other way for all of from's (the split reader parts customers
     * by one such bit) proves that no customer is in both: then no id is
     * compared, and into's customers are not read at all. */
    int disjoint = ((into->hash_and & ~from->hash_or) |
                    (~into->hash_or & from->hash_and)) != 0;

    if (!total_fits(into->abs_amount, from->abs_amount) ||
        !total_fits(into->abs_cost, from->abs_cost)) {
        return KEHU_ERANGE;
    }
    into->abs_amount += from->abs_amount;
    into->abs_cost += from->abs_cost;

    slab_take(&into->slab, &from->slab);
    chunks_take(&into->arena, &from->arena);
    rc = value_map(into, from, map);
    if (rc == KEHU_OK) {
        rc = reserve(into, into->n + n);
    }
    if (rc == KEHU_OK && disjoint && from->m == NULL) {
        move_all(into, from, map);
        n = 0; /* nothing left for the loop below */
    }
    for (i = 0; rc == KEHU_OK && i < n; i++) {
        /* into's table is random access: fetch slots, then customers,
         * ahead (from's customers are read in order). */
        if (i + 16 < n) {
            __builtin_prefetch(
                &into->slots[(size_t)from->c[i + 16].hash & into->mask]);
        }
        if (i + 8 < n && !disjoint) {
            slot_t v = into->slots[(size_t)from->c[i + 8].hash & into->mask];
            if (v != 0) {
                __builtin_prefetch(&into->c[slot_index(v)]);
            }
        }
        if (disjoint) {
            slot = empty_slot(into, from->c[i].hash);
        } else {
            slot = probe(into, &from->c[i], &found);
        }
        if (found || master_of(from, i) != NULL) {
            rc = merge_customer(into, from, i);
            /* Its days were copied: their array is into's to reuse. */
            release_days(&into->slab, &from->c[i]);
        } else {
            move_customer(into, from, i, slot, into->n, map);
            into->n++;
        }
    }
    if (rc == KEHU_OK) {
        rc = move_keys(&into->xorders, &from->xorders);
    }
    if (rc == KEHU_OK) {
        rc = move_keys(&into->xrows, &from->xrows);
    }
    if (rc == KEHU_OK && from->first_day != KEHU_DAY_NONE) {
        widen_span(into, from->first_day);
        widen_span(into, from->last_day);
    }
    into->has_cost |= from->has_cost;
    into->has_discount |= from->has_discount;
    for (d = 0; d < KEHU_DIM_COUNT; d++) {
        kehu_free(map[d]);
    }
    kehu_ledger_free(from);
    return rc;
}

size_t kehu_ledger_count(const kehu_ledger *l)
{
    return l->n;
}

int kehu_ledger_has_cost(const kehu_ledger *l)
{
    return l->has_cost;
}

int kehu_ledger_has_discount(const kehu_ledger *l)
{
    return l->has_discount;
}

void kehu_ledger_span(const kehu_ledger *l, int32_t *first, int32_t *last)
{
    if (first != NULL) {
        *first = l->first_day;
    }
    if (last != NULL) {
        *last = l->last_day;
    }
}

/* Compare two interned values of dimension d by their text. */
static int value_text_cmp(const kehu_ledger *l, uint32_t d, uint32_t a,
                          uint32_t b)
{
    const intern *t = &l->dims[d];
    uint32_t n = t->len[a] < t->len[b] ? t->len[a] : t->len[b];
    int c = memcmp(t->text[a], t->text[b], n);

    if (c != 0) {
        return c;
    }
    return (t->len[a] > t->len[b]) - (t->len[a] < t->len[b]);
}

void kehu_ledger_customer(const kehu_ledger *l, size_t i, kehu_customer *out)
{
    const cust *c = &l->c[i];
    const master_info *m = master_of(l, i);
    uint32_t best_count[KEHU_DIM_COUNT] = {0}, k;
    int d;

    out->id.ptr = cust_id(c);
    out->id.len = c->id_len;
    out->days = c->days;
    out->n_days = c->n_days;
    out->in_master = m != NULL;
    out->signup_day =
        m != NULL && m->has_signup ? m->signup_day : KEHU_DAY_NONE;
    for (d = 0; d < KEHU_DIM_COUNT; d++) {
        out->dim[d] = 0;
    }
    for (k = 0; k < c->n_dims; k++) {
        dim_count dc = dim_at(c, k);
        uint32_t dd = dc.key >> DIM_VALUE_BITS;
        uint32_t v = dc.key & ((1u << DIM_VALUE_BITS) - 1);
        if (dc.count > best_count[dd] ||
            (dc.count == best_count[dd] &&
             value_text_cmp(l, dd, v, out->dim[dd]) < 0)) {
            best_count[dd] = dc.count;
            out->dim[dd] = v;
        }
    }
    for (d = 0; m != NULL && d < KEHU_DIM_COUNT; d++) {
        if (m->dim[d] != 0) {
            out->dim[d] = m->dim[d];
        }
    }
}

kehu_status kehu_ledger_find(const kehu_ledger *l, kehu_slice id, size_t *out)
{
    uint64_t h = kehu__hash_bytes(id.ptr, id.len, 0);
    size_t s;
    int found;

    if (l->mask == 0) {
        return KEHU_DONE;
    }
    s = lookup(l, h, id.ptr, id.len, &found);
    if (found) {
        *out = slot_index(l->slots[s]);
        return KEHU_OK;
    }
    return KEHU_DONE;
}

const char *kehu_ledger_dim_value(const kehu_ledger *l, kehu_dim d,
                                  uint32_t value)
{
    if (value == 0 || value >= l->dims[d].n) {
        return "";
    }
    return l->dims[d].text[value];
}

kehu_slice kehu_ledger_dim_slice(const kehu_ledger *l, kehu_dim d,
                                 uint32_t value)
{
    kehu_slice s = {"", 0};

    if (value != 0 && value < l->dims[d].n) {
        s.ptr = l->dims[d].text[value];
        s.len = l->dims[d].len[value];
    }
    return s;
}

uint32_t kehu_ledger_dim_count(const kehu_ledger *l, kehu_dim d)
{
    return l->dims[d].n == 0 ? 1 : l->dims[d].n;
}

static int all_digits(kehu_slice s)
{
    size_t i;

    for (i = 0; i < s.len; i++) {
        if (s.ptr[i] < '0' || s.ptr[i] > '9') {
            return 0;
        }
    }
    return s.len > 0;
}

int kehu_id_compare(kehu_slice a, kehu_slice b)
{
    int na = all_digits(a), nb = all_digits(b), c;
    size_t n;

    if (na && nb) {
        while (a.len > 1 && a.ptr[0] == '0') {
            a.ptr++;
            a.len--;
        }
        while (b.len > 1 && b.ptr[0] == '0') {
            b.ptr++;
            b.len--;
        }
        if (a.len != b.len) {
            return a.len < b.len ? -1 : 1;
        }
    } else if (na != nb) {
        return na ? -1 : 1; /* numeric ids first */
    }
    n = a.len < b.len ? a.len : b.len;
    c = n ? memcmp(a.ptr, b.ptr, n) : 0;
    if (c != 0) {
        return c < 0 ? -1 : 1;
    }
    return (a.len > b.len) - (a.len < b.len);
}

typedef struct sort_item {
    kehu_slice id;
    size_t index;
} sort_item;

static int sort_item_cmp(const void *pa, const void *pb)
{
    const sort_item *a = pa, *b = pb;
    int c = kehu_id_compare(a->id, b->id);

    if (c != 0) {
        return c;
    }
    return (a->index > b->index) - (a->index < b->index);
}

/* The value of a numeric id (leading zeros aside) when it fits 19 digits,
 * else -1: such ids order as their values, and before all other ids. */
static int small_number(kehu_slice id, uint64_t *value)
{
    size_t i = 0;
    uint64_t v = 0;

    while (i + 1 < id.len && id.ptr[i] == '0') {
        i++;
    }
    if (id.len == 0 || id.len - i > 19) {
        return -1;
    }
    for (; i < id.len; i++) {
        if (id.ptr[i] < '0' || id.ptr[i] > '9') {
            return -1;
        }
        v = v * 10 + (uint64_t)(id.ptr[i] - '0');
    }
    *value = v;
    return 0;
}

/* Ids that are numbers of up to 19 digits come first, in order of value,
 * ties by index (kehu_id_compare finds "007" and "7" equal): a stable
 * radix sort by value, without the digit scans of each comparison. The
 * rest follow by comparison; a failed radix scratch falls back to
 * comparing everything. */
kehu_status kehu_ledger_sorted(const kehu_ledger *l, size_t **out)
{
    kehu__keyed *nums;
    sort_item *items = NULL;
    size_t *idx, i, nn = 0, no = 0;
    int all = 0; /* 1: every id by comparison */

    *out = NULL;
    idx = kehu_calloc(l->n ? l->n : 1, sizeof *idx);
    nums = kehu_calloc(l->n ? l->n : 1, sizeof *nums);
    if (idx == NULL || nums == NULL) {
        kehu_free(idx);
        kehu_free(nums);
        return KEHU_ENOMEM;
    }
    /* Small numbers into nums; the other indices, in order, into idx
     * for now (idx is filled for good below). */
    for (i = 0; i < l->n; i++) {
        kehu_slice id = {cust_id(&l->c[i]), l->c[i].id_len};

        if (small_number(id, &nums[nn].key) == 0) {
            nums[nn++].pos = i;
        } else {
            idx[no++] = i;
        }
    }
    if (kehu__sort_keyed(nums, nn) != 0) {
        all = 1;
        nn = 0;
        no = l->n;
    }
    items = kehu_calloc(no ? no : 1, sizeof *items);
    if (items == NULL) {
        kehu_free(idx);
        kehu_free(nums);
        return KEHU_ENOMEM;
    }
    for (i = 0; i < no; i++) {
        size_t c = all ? i : idx[i];

        items[i].id.ptr = cust_id(&l->c[c]);
        items[i].id.len = l->c[c].id_len;
        items[i].index = c;
    }
    qsort(items, no, sizeof *items, sort_item_cmp);
    for (i = 0; i < nn; i++) {
        idx[i] = nums[i].pos;
    }
    for (i = 0; i < no; i++) {
        idx[nn + i] = items[i].index;
    }
    kehu_free(nums);
    kehu_free(items);
    *out = idx;
    return KEHU_OK;
}
