/* SPDX-License-Identifier: MIT */
/*
 * The buy-till-you-die order simulator described in include/kehu/gen.h.
 *
 * Design: every customer has its own PRNG stream (seed, customer index), so
 * a customer's draws do not depend on anyone else's, which makes the output
 * independent of scheduling details and lets kehu_gen_customer_info()
 * replay a customer's parameters. Orders are produced in date order by a
 * calendar queue: one bucket of scheduled customers per day of the span.
 * A customer occupies a slot only while its next purchase lies inside the
 * span; slots are recycled. Rows are formatted by hand (a precomputed date
 * table, integer-to-text), as printf per field would dominate the cost.
 *
 * Does not: write files (the caller gets buffers or rows), or model
 * returns, discounts or order lines.
 */
#include "kehu/gen.h"

#include "hash.h"
#include "kehu/alloc.h"
#include "kehu/date.h"
#include "kehu/rng.h"

#include <math.h>
#include <string.h>

/* ------------------------------------------------------------------ */
/* Value lists                                                         */

typedef struct weighted {
    const char *name;
    uint32_t weight;
    uint8_t parent; /* region of a branch */
} weighted;

static const weighted regions[] = {
    {"huadong", 32, 0},  /* 华东 East */
    {"huanan", 24, 0},   /* 华南 South */
    {"huabei", 20, 0},   /* 华北 North */
    {"huazhong", 14, 0}, /* 华中 Central */
    {"xibu", 10, 0},     /* 西部 West */
};

/* Branches grouped by region (parent), weights within the region. */
static const weighted branches[] = {
    {"shanghai", 30, 0},  {"hangzhou", 20, 0},     {"nanjing", 16, 0},
    {"suzhou", 14, 0},    {"hefei", 10, 0},        {"jinan", 10, 0},
    {"guangzhou", 32, 1}, {"shenzhen", 30, 1},     {"xiamen", 14, 1},
    {"nanning", 12, 1},   {"haikou", 12, 1},       {"beijing", 40, 2},
    {"tianjin", 22, 2},   {"shijiazhuang", 14, 2}, {"taiyuan", 12, 2},
    {"hohhot", 12, 2},    {"wuhan", 40, 3},        {"changsha", 32, 3},
    {"zhengzhou", 28, 3}, {"chengdu", 45, 4},      {"chongqing", 35, 4},
    {"xian", 20, 4},
};

static const weighted channels[] = {
    {"store", 45, 0},
    {"online", 35, 0},
    {"phone", 12, 0},
    {"partner", 8, 0},
};

#define NREGIONS       (sizeof regions / sizeof regions[0])
#define NBRANCHES      (sizeof branches / sizeof branches[0])
#define NCHANNELS      (sizeof channels / sizeof channels[0])
#define CHANNEL_SWITCH 0.1 /* share of orders off the main channel */
#define DAYS_PER_WEEK  7.0
#define YEAR_DAYS      365.25

size_t kehu_gen_dim_values(int d, size_t v, const char **name)
{
    const weighted *w = d == 0 ? regions : d == 1 ? branches : channels;
    size_t n = d == 0 ? NREGIONS : d == 1 ? NBRANCHES : NCHANNELS;

    if (d < 0 || d > 2) {
        return 0;
    }
    if (name != NULL && v < n) {
        *name = w[v].name;
    }
    return n;
}

/* Index drawn from w[lo..hi) in proportion to the weights. */
static uint8_t pick(kehu_rng *r, const weighted *w, size_t lo, size_t hi)
{
    uint32_t total = 0, x;
    size_t i;

    for (i = lo; i < hi; i++) {
        total += w[i].weight;
    }
    x = (uint32_t)kehu_rng_below(r, total);
    for (i = lo; i + 1 < hi && x >= w[i].weight; i++) {
        x -= w[i].weight;
    }
    return (uint8_t)i;
}

static uint8_t pick_branch(kehu_rng *r, uint8_t region)
{
    size_t lo = 0, hi;

    while (branches[lo].parent != region) {
        lo++;
    }
    for (hi = lo; hi < NBRANCHES && branches[hi].parent == region; hi++) {
    }
    return pick(r, branches, lo, hi);
}

/* ------------------------------------------------------------------ */
/* Parameters and customers                                            */

void kehu_gen_params_init(kehu_gen_params *par)
{
    memset(par, 0, sizeof *par);
    par->customers = 1000;
    par->seed = 1;
    par->start_day = kehu_date_from_ymd(2023, 1, 1);
    par->end_day = kehu_date_from_ymd(2025, 12, 31);
    par->birth_fraction = 0.5;
    /* CDNOW estimates, Fader, Hardie & Lee (2005) table 1 and (2005b). */
    par->r = 0.243;
    par->alpha = 4.414;
    par->a = 0.793;
    par->b = 2.426;
    par->p = 6.25;
    par->q = 3.74;
    par->gamma = 15.44;
    par->margin_a = 4.0;
    par->margin_b = 8.0;
    par->seasonality = 0.0;
}

kehu_status kehu_gen_params_check(const kehu_gen_params *par)
{
    const double pos[] = {par->r,     par->alpha,    par->a,
                          par->b,     par->p,        par->q,
                          par->gamma, par->margin_a, par->margin_b};
    size_t i;

    for (i = 0; i < sizeof pos / sizeof pos[0]; i++) {
        if (!(pos[i] > 0) || !isfinite(pos[i])) {
            return KEHU_ERANGE;
        }
    }
    if (par->customers < 1 || par->customers >= UINT32_MAX ||
        par->start_day > par->end_day ||
        par->end_day - par->start_day > 100 * 366 ||
        !(par->birth_fraction > 0 && par->birth_fraction <= 1) ||
        !(par->seasonality >= 0 && par->seasonality < 1)) {
        return KEHU_ERANGE;
    }
    return KEHU_OK;
}

/* A customer while scheduled: its stream and what its orders need. */
typedef struct gen_cust {
    kehu_rng rng;
    double t;      /* weeks from birth to the last purchase (candidate) */
    double lambda; /* per week */
    double p;      /* dropout after a repeat purchase */
    double nu;     /* spend rate */
    double keep;   /* 1 - margin: cost share of an amount */
    uint32_t id;   /* customer index */
    int32_t birth; /* day */
    uint8_t region, branch, channel;
} gen_cust;

static int32_t birth_day(const kehu_gen_params *par, uint64_t i)
{
    int64_t span = (int64_t)par->end_day - par->start_day + 1;
    int64_t births = (int64_t)llround(par->birth_fraction * (double)span);

    if (births < 1) {
        births = 1;
    }
    return par->start_day + (int32_t)((uint64_t)births * i / par->customers);
}

/* The customer's fixed draws, in a fixed order from its own stream. */
static void draw_customer(const kehu_gen_params *par, uint64_t i, gen_cust *c)
{
    kehu_rng_seed_stream(&c->rng, par->seed, i);
    c->t = 0;
    c->lambda = kehu_rng_gamma(&c->rng, par->r, 1.0 / par->alpha);
    c->p = kehu_rng_beta(&c->rng, par->a, par->b);
    c->nu = kehu_rng_gamma(&c->rng, par->q, 1.0 / par->gamma);
    c->keep = 1.0 - kehu_rng_beta(&c->rng, par->margin_a, par->margin_b);
    c->region = pick(&c->rng, regions, 0, NREGIONS);
    c->branch = pick_branch(&c->rng, c->region);
    c->channel = pick(&c->rng, channels, 0, NCHANNELS);
    c->id = (uint32_t)i;
    c->birth = birth_day(par, i);
}

kehu_status kehu_gen_customer_info(const kehu_gen_params *par, uint64_t i,
                                   kehu_gen_customer *out)
{
    gen_cust c;

    if (kehu_gen_params_check(par) != KEHU_OK || i >= par->customers) {
        return KEHU_ERANGE;
    }
    draw_customer(par, i, &c);
    out->lambda = c.lambda;
    out->p = c.p;
    out->nu = c.nu;
    out->margin = 1.0 - c.keep;
    out->birth_day = c.birth;
    out->region = c.region;
    out->branch = c.branch;
    out->channel = c.channel;
    return KEHU_OK;
}

/* ------------------------------------------------------------------ */
/* The calendar queue                                                  */

typedef struct bucket {
    uint32_t *v; /* slot numbers */
    size_t n, cap;
} bucket;

struct kehu_gen {
    kehu_gen_params par;
    int32_t nday;    /* days in the span */
    bucket *buckets; /* one per day */
    gen_cust *slots;
    size_t nslots, capslots;
    uint32_t *free_slots; /* recycled slot numbers */
    size_t nfree;         /* capacity is capslots */
    int32_t day;          /* offset of the day being produced */
    size_t pos;           /* next entry of buckets[day] */
    uint64_t next_birth;  /* next customer to join */
    char (*dates)[10];    /* "YYYY-MM-DD" of each day, no NUL */
    double season_phase0; /* day number of the seasonal peak */
    kehu_gen_stats stats;
};

static kehu_status push(bucket *b, uint32_t slot)
{
    if (b->n == b->cap) {
        size_t cap = b->cap ? 2 * b->cap : 16;
        uint32_t *v = kehu_reallocarray(b->v, cap, sizeof *v);

        if (v == NULL) {
            return KEHU_ENOMEM;
        }
        b->v = v;
        b->cap = cap;
    }
    b->v[b->n++] = slot;
    return KEHU_OK;
}

static kehu_status new_slot(kehu_gen *g, uint32_t *out)
{
    if (g->nfree > 0) {
        *out = g->free_slots[--g->nfree];
        return KEHU_OK;
    }
    if (g->nslots == g->capslots) {
        size_t cap = g->capslots ? 2 * g->capslots : 1024;
        gen_cust *s = kehu_reallocarray(g->slots, cap, sizeof *s);
        uint32_t *f;

        if (s == NULL) {
            return KEHU_ENOMEM;
        }
        g->slots = s;
        f = kehu_reallocarray(g->free_slots, cap, sizeof *f);
        if (f == NULL) {
            return KEHU_ENOMEM;
        }
        g->free_slots = f;
        g->capslots = cap;
    }
    *out = (uint32_t)g->nslots++;
    if (g->nslots - g->nfree > g->stats.peak_scheduled) {
        g->stats.peak_scheduled = g->nslots - g->nfree;
    }
    return KEHU_OK;
}

static void release(kehu_gen *g, uint32_t slot)
{
    g->free_slots[g->nfree++] = slot;
}

kehu_status kehu_gen_new(const kehu_gen_params *par, kehu_gen **out)
{
    kehu_gen *g;
    int32_t d;

    *out = NULL;
    if (kehu_gen_params_check(par) != KEHU_OK) {
        return KEHU_ERANGE;
    }
    g = kehu_calloc(1, sizeof *g);
    if (g == NULL) {
        return KEHU_ENOMEM;
    }
    g->par = *par;
    g->nday = par->end_day - par->start_day + 1;
    g->buckets = kehu_calloc((size_t)g->nday, sizeof *g->buckets);
    g->dates = kehu_calloc((size_t)g->nday, sizeof *g->dates);
    if (g->buckets == NULL || g->dates == NULL) {
        kehu_gen_free(g);
        return KEHU_ENOMEM;
    }
    for (d = 0; d < g->nday; d++) {
        char buf[16];

        kehu_date_format(par->start_day + d, buf);
        memcpy(g->dates[d], buf, 10);
    }
    g->season_phase0 = kehu_date_from_ymd(2000, 11, 25);
    *out = g;
    return KEHU_OK;
}

void kehu_gen_free(kehu_gen *g)
{
    if (g == NULL) {
        return;
    }
    if (g->buckets != NULL) {
        int32_t d;
        for (d = 0; d < g->nday; d++) {
            kehu_free(g->buckets[d].v);
        }
    }
    kehu_free(g->buckets);
    kehu_free(g->dates);
    kehu_free(g->slots);
    kehu_free(g->free_slots);
    kehu_free(g);
}

/* Thinning acceptance of a candidate purchase on day `day` when the rate
 * is seasonal; always 1 without seasonality. */
static int season_accept(const kehu_gen *g, gen_cust *c, int32_t day)
{
    double s = g->par.seasonality, phase, level;

    if (s == 0) {
        return 1;
    }
    phase = 2.0 * M_PI * ((double)day - g->season_phase0) / YEAR_DAYS;
    level = (1.0 + s * cos(phase)) / (1.0 + s);
    return kehu_rng_uniform(&c->rng) < level;
}

/*
 * After a purchase on day offset `today` (already counted), find the
 * customer's next purchase day: purchases that fall on `today` as well are
 * merged into today's order (each still risks the dropout); a later one
 * inside the span is queued; otherwise the slot is freed.
 */
static kehu_status schedule(kehu_gen *g, uint32_t slot, int32_t today)
{
    gen_cust *c = &g->slots[slot];
    double rate = c->lambda * (1.0 + g->par.seasonality);
    double horizon = (double)(g->par.end_day - c->birth + 1) / DAYS_PER_WEEK;

    for (;;) {
        int32_t day;

        if (!(rate > 0)) {
            break; /* a rate that underflowed to 0 never buys again */
        }
        c->t += kehu_rng_exponential(&c->rng, rate);
        if (!(c->t < horizon)) {
            break;
        }
        day = c->birth + (int32_t)floor(c->t * DAYS_PER_WEEK);
        if (!season_accept(g, c, day)) {
            continue;
        }
        if (day - g->par.start_day > today) {
            return push(&g->buckets[day - g->par.start_day], slot);
        }
        g->stats.repeat_events++; /* a second purchase the same day */
        if (kehu_rng_uniform(&c->rng) < c->p) {
            break;
        }
    }
    release(g, slot);
    return KEHU_OK;
}

/* --extras: product categories (pinyin, as the other dimensions). */
static const char *const categories[] = {"fuzhuang", "meizhuang", "shuma",
                                         "jiaju",    "tushu",     "shipin"};
#define NCATEGORIES (sizeof categories / sizeof categories[0])

/* A uniform in [0, 1) from the seed and two keys. The extras come from a
 * hash, not the customer's stream, so a file made with --extras has the
 * very orders, amounts and dimensions of one made without. */
static double extra_uniform(const kehu_gen *g, uint64_t a, uint64_t b)
{
    uint64_t h = kehu__hash_mix(g->par.seed ^ a, b * 0x9e3779b97f4a7c15ULL);

    return (double)(h >> 11) / 9007199254740992.0;
}

/* Category: the customer's favourite on 80% of orders, else any. Discount:
 * each customer takes one on a share u^2 of orders (most rarely, a few
 * nearly always), worth 10-30% of the amount. */
static void extras(const kehu_gen *g, const gen_cust *c, kehu_gen_row *row)
{
    const double ncat = (double)(size_t)NCATEGORIES;
    size_t fav = (size_t)(extra_uniform(g, 1, c->id) * ncat);
    double taste = extra_uniform(g, 2, c->id);

    row->category = (uint8_t)fav;
    if (extra_uniform(g, 3, row->order_id) >= 0.8) {
        row->category = (uint8_t)(extra_uniform(g, 4, row->order_id) * ncat);
    }
    if (extra_uniform(g, 5, row->order_id) < taste * taste) {
        double share = 0.1 + 0.2 * extra_uniform(g, 6, row->order_id);
        row->discount_cents =
            (int64_t)llround(share * (double)row->amount_cents);
    }
}

static void make_order(kehu_gen *g, gen_cust *c, int32_t day, kehu_gen_row *row)
{
    double amount = kehu_rng_gamma(&c->rng, g->par.p, 1.0 / c->nu);
    int64_t cents = (int64_t)llround(amount * 100.0);

    if (cents < 1) {
        cents = 1;
    }
    row->order_id = ++g->stats.rows;
    row->customer = c->id;
    row->day = g->par.start_day + day;
    row->amount_cents = cents;
    row->cost_cents = (int64_t)llround((double)cents * c->keep);
    row->region = c->region;
    row->branch = c->branch;
    row->channel = c->channel;
    if (kehu_rng_uniform(&c->rng) < CHANNEL_SWITCH) {
        row->channel = pick(&c->rng, channels, 0, NCHANNELS);
    }
    row->category = 0;
    row->discount_cents = 0;
    if (g->par.extras) {
        extras(g, c, row);
    }
}

static kehu_status birth(kehu_gen *g, kehu_gen_row *row)
{
    uint32_t slot;
    kehu_status rc = new_slot(g, &slot);

    if (rc != KEHU_OK) {
        return rc;
    }
    draw_customer(&g->par, g->next_birth++, &g->slots[slot]);
    g->stats.customers++;
    make_order(g, &g->slots[slot], g->day, row);
    return schedule(g, slot, g->day);
}

static kehu_status repeat(kehu_gen *g, uint32_t slot, kehu_gen_row *row)
{
    gen_cust *c = &g->slots[slot];

    g->stats.repeat_events++;
    make_order(g, c, g->day, row);
    if (kehu_rng_uniform(&c->rng) < c->p) {
        release(g, slot);
        return KEHU_OK;
    }
    return schedule(g, slot, g->day);
}

kehu_status kehu_gen_next(kehu_gen *g, kehu_gen_row *row)
{
    while (g->day < g->nday) {
        bucket *b = &g->buckets[g->day];

        if (g->pos < b->n) {
            return repeat(g, b->v[g->pos++], row);
        }
        if (g->next_birth < g->par.customers &&
            birth_day(&g->par, g->next_birth) == g->par.start_day + g->day) {
            return birth(g, row);
        }
        kehu_free(b->v);
        b->v = NULL;
        b->n = b->cap = 0;
        g->pos = 0;
        g->day++;
    }
    return KEHU_DONE;
}

void kehu_gen_get_stats(const kehu_gen *g, kehu_gen_stats *out)
{
    *out = g->stats;
    out->days_done = g->day;
    out->days = g->nday;
}

/* ------------------------------------------------------------------ */
/* Text                                                                */

const char *kehu_gen_header(const kehu_gen_params *par)
{
    return par->extras ? "order_id,customer_id,order_date,amount,cost,region,"
                         "branch,channel,category,discount\n"
                       : "order_id,customer_id,order_date,amount,cost,region,"
                         "branch,channel\n";
}

/* Decimal digits of v at p; returns the end. */
static char *put_u64(char *p, uint64_t v)
{
    char tmp[20];
    size_t n = 0;

    do {
        tmp[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v != 0);
    while (n > 0) {
        *p++ = tmp[--n];
    }
    return p;
}

/* Cents as "units.cc" (non-negative). */
static char *put_money(char *p, int64_t cents)
{
    uint64_t c = (uint64_t)cents;

    p = put_u64(p, c / 100);
    *p++ = '.';
    *p++ = (char)('0' + c % 100 / 10);
    *p++ = (char)('0' + c % 10);
    return p;
}

/* Append s without its terminator; returns the end. */
static char *put_str(char *p, const char *s)
{
    while (*s != '\0') {
        *p++ = *s++;
    }
    return p;
}

size_t kehu_gen_format(const kehu_gen *g, const kehu_gen_row *row, char *buf)
{
    char *p = buf;

    p = put_u64(p, row->order_id);
    *p++ = ',';
    p = put_u64(p, row->customer + 1);
    *p++ = ',';
    memcpy(p, g->dates[row->day - g->par.start_day], 10);
    p += 10;
    *p++ = ',';
    p = put_money(p, row->amount_cents);
    *p++ = ',';
    p = put_money(p, row->cost_cents);
    *p++ = ',';
    p = put_str(p, regions[row->region].name);
    *p++ = ',';
    p = put_str(p, branches[row->branch].name);
    *p++ = ',';
    p = put_str(p, channels[row->channel].name);
    if (g->par.extras) {
        *p++ = ',';
        p = put_str(p, categories[row->category]);
        *p++ = ',';
        p = put_money(p, row->discount_cents);
    }
    *p++ = '\n';
    return (size_t)(p - buf);
}

kehu_status kehu_gen_fill(kehu_gen *g, char *buf, size_t cap, size_t *len)
{
    size_t n = 0;
    kehu_gen_row row;
    kehu_status rc = KEHU_OK;

    *len = 0;
    if (cap < KEHU_GEN_ROW_MAX) {
        return KEHU_EINVAL;
    }
    while (cap - n >= KEHU_GEN_ROW_MAX) {
        rc = kehu_gen_next(g, &row);
        if (rc != KEHU_OK) {
            break;
        }
        n += kehu_gen_format(g, &row, buf + n);
    }
    *len = n;
    if (rc == KEHU_DONE) {
        return n > 0 ? KEHU_OK : KEHU_DONE;
    }
    return rc;
}

kehu_status kehu_gen_rows_per_customer(const kehu_gen_params *par,
                                       uint64_t sample, double *out)
{
    kehu_gen_params sp = *par;
    kehu_gen *g;
    kehu_gen_row row;
    kehu_status rc;

    sp.customers = sample;
    sp.seed = par->seed ^ 0x5a17e5a17e5a17e5u; /* a different draw */
    rc = kehu_gen_new(&sp, &g);
    if (rc != KEHU_OK) {
        return rc;
    }
    do {
        rc = kehu_gen_next(g, &row);
    } while (rc == KEHU_OK);
    if (rc == KEHU_DONE) {
        *out = (double)g->stats.rows / (double)sample;
        rc = KEHU_OK;
    }
    kehu_gen_free(g);
    return rc;
}
