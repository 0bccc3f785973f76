/* SPDX-License-Identifier: MIT */
/*
 * Classification (docs/classification.md) from a kehu_summary: RFM scores
 * (type-7 percentile or fixed business cut points), the RFM 8 classes, the
 * R x FM segment grid, value tiers, ABCD, core/potential/ordinary tiers and
 * lifecycle stages. Pure computation: no I/O, deterministic. Ties (ABCD
 * ranks, CLV ranks) are broken by row position, which is customer-id order
 * for summaries from kehu_summary_compute. The exact rules, boundaries and
 * the handling of returns are in docs/internals/classify.md.
 */
#include "kehu/classify.h"

#include "classify_packed.h"
#include "sort.h"

#include "kehu/alloc.h"
#include "kehu/date.h"
#include "kehu/txn.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void kehu_standards_init(kehu_standards *s)
{
    memset(s, 0, sizeof *s);
    s->value_high_min = 12;
    s->value_mid_min = 8;
    s->abcd_a_share = 0.80;
    s->abcd_b_share = 0.95;
    s->core_use_share = -1;
    s->core_min_amount = 0;
    s->core_min_purchase_days = 2;
    s->core_max_days_since_last = 180;
    s->potential_min_r = 4;
    s->potential_min_f_or_m = 3;
    s->potential_top_clv_share = 0.20;
    s->churn_days = 365;
    s->new_days = 90;
    s->at_risk_gap_factor = 2;
    s->loyal_min_days = 3;
    s->loyal_window_days = 365;
    s->model_churned_below = 0.2;
    s->model_at_risk_below = 0.5;
    s->price_sensitive_share = 0.5;
}

double kehu_quantile7(const double *sorted, size_t n, unsigned k, unsigned d)
{
    size_t num, lo;
    double frac;

    if (n == 0) {
        return NAN;
    }
    /* h = (n - 1) k / d, kept as an exact fraction. */
    num = (n - 1) * (size_t)k;
    lo = num / d;
    frac = (double)(num % d) / (double)d;
    if (lo + 1 >= n || frac == 0) {
        return sorted[lo];
    }
    return sorted[lo] + frac * (sorted[lo + 1] - sorted[lo]);
}

int kehu_rfm_score(double v, const double cuts[4])
{
    int score = 1, k;

    for (k = 0; k < 4; k++) {
        if (cuts[k] < v) {
            score++;
        }
    }
    return score;
}

kehu_segment kehu_segment_of(int r, int f, int m)
{
    /* Rows R = 5..1, columns FM = 1..5, exactly the segment grid of
     * docs/classification.md. */
    static const uint8_t grid[5][5] = {
        {KEHU_SEG_NEW, KEHU_SEG_POTENTIAL_LOYALISTS, KEHU_SEG_LOYAL,
         KEHU_SEG_CHAMPIONS, KEHU_SEG_CHAMPIONS},
        {KEHU_SEG_PROMISING, KEHU_SEG_POTENTIAL_LOYALISTS,
         KEHU_SEG_POTENTIAL_LOYALISTS, KEHU_SEG_LOYAL, KEHU_SEG_CHAMPIONS},
        {KEHU_SEG_PROMISING, KEHU_SEG_NEED_ATTENTION,
         KEHU_SEG_POTENTIAL_LOYALISTS, KEHU_SEG_LOYAL, KEHU_SEG_LOYAL},
        {KEHU_SEG_ABOUT_TO_SLEEP, KEHU_SEG_NEED_ATTENTION,
         KEHU_SEG_NEED_ATTENTION, KEHU_SEG_AT_RISK, KEHU_SEG_AT_RISK},
        {KEHU_SEG_LOST, KEHU_SEG_HIBERNATING, KEHU_SEG_AT_RISK,
         KEHU_SEG_CANT_LOSE, KEHU_SEG_CANT_LOSE},
    };
    int fm;

    if (r < 1 || r > 5 || f < 1 || f > 5 || m < 1 || m > 5) {
        return KEHU_SEG_NONE;
    }
    fm = (f + m + 1) / 2; /* (F + M) / 2 rounded half up */
    return (kehu_segment)grid[5 - r][fm - 1];
}

/* ------------------------------------------------------------------ */
/* Rankings: a key and its row, sorted by sort.h's radix sorts (the same
 * order as a comparison sort by key, ties by row position). */

typedef kehu__ranked ranked;

static int64_t money_units(double currency)
{
    return (int64_t)llround(currency * KEHU_MONEY_SCALE);
}

/* floor(a / b) and ceil(a / b) for b > 0. */
static int64_t floor_div(int64_t a, int64_t b)
{
    int64_t q = a / b;

    if ((a % b != 0) && (a < 0)) {
        q--;
    }
    return q;
}

static int64_t ceil_div(int64_t a, int64_t b)
{
    int64_t q = a / b;

    if ((a % b != 0) && (a > 0)) {
        q++;
    }
    return q;
}

static int cuts_ascending(int n, const double *c)
{
    int k;

    if (n == 0) {
        return 1;
    }
    if (n != 4) {
        return 0;
    }
    for (k = 0; k < 4; k++) {
        if (!isfinite(c[k]) || (k > 0 && c[k] < c[k - 1])) {
            return 0;
        }
    }
    return 1;
}

/* Percentile cut points c1..c4 of v over the n buying customers (work has
 * room for n doubles). */
#define HIST_MAX_RANGE ((size_t)1 << 20) /* counting beats sorting */

/* The order statistic at 0-based position pos of values whose counts
 * are hist[0..range) from value lo on. */
static double hist_at(const size_t *cum, size_t range, double lo, size_t pos)
{
    size_t a = 0, b = range - 1;

    /* First v with cum[v] > pos (cum[v] = values <= lo + v). */
    while (a < b) {
        size_t mid = a + (b - a) / 2;
        if (cum[mid] > pos) {
            b = mid;
        } else {
            a = mid + 1;
        }
    }
    return lo + (double)a;
}

/* kehu_quantile7 cuts of whole numbers in a small range without a sort:
 * a histogram gives the same order statistics. 0 when the values are
 * not such (or out of memory): the caller sorts. */
static int hist_cuts(const double *v, size_t n, double cuts[4])
{
    double lo = INFINITY, hi = -INFINITY;
    size_t i, range, *cum;
    unsigned k;

    for (i = 0; i < n; i++) {
        if (v[i] != floor(v[i]) || !(fabs(v[i]) < 1e15)) {
            return 0;
        }
        lo = v[i] < lo ? v[i] : lo;
        hi = v[i] > hi ? v[i] : hi;
    }
    if (n == 0 || hi - lo >= (double)HIST_MAX_RANGE) {
        return 0;
    }
    range = (size_t)(hi - lo) + 1;
    cum = kehu_calloc(range, sizeof *cum);
    if (cum == NULL) {
        return 0;
    }
    for (i = 0; i < n; i++) {
        cum[(size_t)(v[i] - lo)]++;
    }
    for (i = 1; i < range; i++) {
        cum[i] += cum[i - 1];
    }
    for (k = 0; k < 4; k++) {
        /* As kehu_quantile7: h = (n - 1)(k + 1) / 5 exactly. */
        size_t num = (n - 1) * (size_t)(k + 1), pos = num / 5;
        double frac = (double)(num % 5) / 5.0;
        double a = hist_at(cum, range, lo, pos);

        cuts[k] = a;
        if (pos + 1 < n && frac != 0) {
            cuts[k] = a + frac * (hist_at(cum, range, lo, pos + 1) - a);
        }
    }
    kehu_free(cum);
    return 1;
}

/* Values by the top bits of their sort key: higher buckets hold higher
 * values. Used to find order statistics and rank boundaries without
 * sorting every value. */
#define VALUE_BUCKET_BITS 16
#define VALUE_BUCKETS     (1u << VALUE_BUCKET_BITS)

static unsigned value_bucket(double x)
{
    return (unsigned)(kehu__sort_key(x) >> (64 - VALUE_BUCKET_BITS));
}

/* The index of b in set[0..n), or n when absent. */
static unsigned bucket_find(const unsigned *set, unsigned n, unsigned b)
{
    unsigned j = 0;

    while (j < n && set[j] != b) {
        j++;
    }
    return j;
}

/* The index of b in set[0..*n), added when absent (set has room). */
static unsigned bucket_index(unsigned *set, unsigned *n, unsigned b)
{
    unsigned j = bucket_find(set, *n, b);

    if (j == *n) {
        set[(*n)++] = b;
    }
    return j;
}

/* kehu_quantile7 cuts by selection: the values v[0..n) (overwritten) are
 * counted by bucket, and only the buckets holding the order statistics
 * the cuts need are sorted. 0 when out of memory. */
static int bucket_cuts(double *v, size_t n, double cuts[4])
{
    size_t *below = kehu_calloc(VALUE_BUCKETS + 1, sizeof *below);
    size_t rank[8], start[8], i, m = 0;
    unsigned bucket[8], at[8], nb = 0, k, j;

    if (below == NULL || n == 0) {
        kehu_free(below);
        return 0;
    }
    for (i = 0; i < n; i++) {
        below[value_bucket(v[i]) + 1]++;
    }
    for (k = 0; k < VALUE_BUCKETS; k++) {
        below[k + 1] += below[k]; /* below[b]: values in buckets < b */
    }
    /* As kehu_quantile7: h = (n - 1)(k + 1) / 5, so x[h] and x[h + 1]
     * (ranks 2k and 2k + 1), each in bucket[at[.]]. */
    for (k = 0; k < 8; k++) {
        size_t pos = (n - 1) * (size_t)(k / 2 + 1) / 5, lo = 0;
        size_t hi = VALUE_BUCKETS;
        rank[k] = pos + (k % 2 == 1 && pos + 1 < n);
        while (lo + 1 < hi) { /* the last b with below[b] <= rank */
            size_t mid = lo + (hi - lo) / 2;
            if (below[mid] <= rank[k]) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        at[k] = bucket_index(bucket, &nb, (unsigned)lo);
    }
    /* Gather those buckets' values and sort them: buckets are value
     * ranges, so bucket[j]'s values follow those of the lower ones. */
    for (i = 0; i < n; i++) {
        if (bucket_find(bucket, nb, value_bucket(v[i])) < nb) {
            v[m++] = v[i];
        }
    }
    kehu__sort_doubles(v, m);
    for (j = 0; j < nb; j++) {
        start[j] = 0;
        for (k = 0; k < nb; k++) {
            if (bucket[k] < bucket[j]) {
                start[j] += below[bucket[k] + 1] - below[bucket[k]];
            }
        }
    }
    for (k = 0; k < 4; k++) {
        size_t num = (n - 1) * (size_t)(k + 1);
        size_t k2 = 2 * (size_t)k;
        size_t r0 = rank[k2], r1 = rank[k2 + 1];
        double frac = (double)(num % 5) / 5.0;
        double x0 = v[start[at[k2]] + r0 - below[bucket[at[k2]]]];
        double x1 = v[start[at[k2 + 1]] + r1 - below[bucket[at[k2 + 1]]]];
        cuts[k] = frac != 0 ? x0 + frac * (x1 - x0) : x0;
    }
    kehu_free(below);
    return 1;
}

static void percentile_cuts(double *work, size_t n, double cuts[4])
{
    unsigned k;

    if (hist_cuts(work, n, cuts) || bucket_cuts(work, n, cuts)) {
        return;
    }
    kehu__sort_doubles(work, n);
    for (k = 0; k < 4; k++) {
        cuts[k] = kehu_quantile7(work, n, k + 1, 5);
    }
}

/* ------------------------------------------------------------------ */
/* The passes.                                                          */

typedef kehu__crow crow;

typedef struct abcd_buckets abcd_buckets; /* see score_abcd */

typedef struct pass {
    const kehu_summary *s;
    const crow *rows; /* s->rows packed */
    int base_only;    /* tiers and churned only (kehu__classify_packed) */
    const kehu_standards *std;
    const kehu_class_inputs *extra;
    kehu_class *c;
    kehu_class_info *info;
    double *work; /* n doubles */
    ranked *rank; /* n entries */
    abcd_buckets *buckets;
    size_t nb; /* buying customers */
} pass;

static int buying(const crow *r)
{
    return r->purchase_days > 0;
}

static void score_rfm(pass *p)
{
    const kehu_summary *s = p->s;
    const kehu_standards *std = p->std;
    double rc[4], fc[4], mc[4];
    size_t i, m;
    int k;

    /* R: v = -days_since_last. */
    if (std->n_r_cuts == 4) {
        for (k = 0; k < 4; k++) {
            rc[k] = -std->r_cuts[3 - k];
        }
    } else {
        for (i = 0, m = 0; i < s->n; i++) {
            if (buying(&p->rows[i])) {
                p->work[m++] = -(double)p->rows[i].days_since_last;
            }
        }
        percentile_cuts(p->work, m, rc);
    }
    if (std->n_f_cuts == 4) {
        memcpy(fc, std->f_cuts, sizeof fc);
    } else {
        for (i = 0, m = 0; i < s->n; i++) {
            if (buying(&p->rows[i])) {
                p->work[m++] = (double)p->rows[i].purchase_days;
            }
        }
        percentile_cuts(p->work, m, fc);
    }
    if (std->n_m_cuts == 4) {
        memcpy(mc, std->m_cuts, sizeof mc);
    } else {
        for (i = 0, m = 0; i < s->n; i++) {
            if (buying(&p->rows[i])) {
                p->work[m++] = p->rows[i].monetary_total;
            }
        }
        percentile_cuts(p->work, m, mc);
    }
    for (i = 0; i < s->n; i++) {
        const crow *r = &p->rows[i];
        kehu_class *c = &p->c[i];
        int sum;
        if (!buying(r)) {
            continue;
        }
        c->r = (uint8_t)kehu_rfm_score(-(double)r->days_since_last, rc);
        c->f = (uint8_t)kehu_rfm_score((double)r->purchase_days, fc);
        c->m = (uint8_t)kehu_rfm_score(r->monetary_total, mc);
        c->segment = (uint8_t)kehu_segment_of(c->r, c->f, c->m);
        sum = c->r + c->f + c->m;
        if (sum >= std->value_high_min) {
            c->value_tier = KEHU_VALUE_HIGH;
        } else if (sum >= std->value_mid_min) {
            c->value_tier = KEHU_VALUE_MID;
        } else {
            c->value_tier = KEHU_VALUE_LOW;
        }
    }
    if (p->info != NULL) {
        for (k = 0; k < 4; k++) {
            p->info->r_cuts[k] = -rc[k];
            p->info->f_cuts[k] = fc[k];
            p->info->m_cuts[k] = mc[k];
        }
        p->info->r_fixed = std->n_r_cuts == 4;
        p->info->f_fixed = std->n_f_cuts == 4;
        p->info->m_fixed = std->n_m_cuts == 4;
    }
}

/* RFM 8: each of R, F, M is high when strictly better than the mean over
 * buying customers. Compared exactly in integers: v > sum / n iff
 * v > floor(sum / n) for integer v (money in units of KEHU_MONEY_SCALE). */
static void score_rfm8(pass *p)
{
    const kehu_summary *s = p->s;
    int64_t sum_d = 0, sum_f = 0, sum_m = 0, n = (int64_t)p->nb;
    int64_t d_ceil, f_floor, m_floor;
    size_t i;

    if (n == 0) {
        return;
    }
    for (i = 0; i < s->n; i++) {
        const crow *r = &p->rows[i];
        if (buying(r)) {
            sum_d += r->days_since_last;
            sum_f += r->purchase_days;
            sum_m += money_units(r->monetary_total);
        }
    }
    d_ceil = ceil_div(sum_d, n);
    f_floor = floor_div(sum_f, n);
    m_floor = floor_div(sum_m, n);
    for (i = 0; i < s->n; i++) {
        const crow *r = &p->rows[i];
        int rh, fh, mh, k;
        if (!buying(r)) {
            continue;
        }
        rh = r->days_since_last < d_ceil;
        fh = r->purchase_days > f_floor;
        mh = money_units(r->monetary_total) > m_floor;
        /* important_value, _development, _retention, _winback order. */
        k = rh ? (fh ? 0 : 1) : (fh ? 2 : 3);
        p->c[i].rfm8 = (uint8_t)((mh ? KEHU_RFM8_IMPORTANT_VALUE
                                     : KEHU_RFM8_GENERAL_VALUE) +
                                 k);
    }
    if (p->info != NULL) {
        p->info->mean_days_since_last = (double)sum_d / (double)n;
        p->info->mean_purchase_days = (double)sum_f / (double)n;
        p->info->mean_monetary =
            (double)sum_m / (double)n / (double)KEHU_MONEY_SCALE;
    }
}

/* ABCD's walk over the revenue ranking goes by value buckets (the top
 * bits of a key in value order): a bucket wholly inside one class needs no
 * order within it, so only a bucket that a share boundary crosses is
 * sorted, not every customer. */
#define ABCD_BUCKETS VALUE_BUCKETS
#define ABCD_MIXED   0xff /* bucket crossed by a boundary */

struct abcd_buckets {
    int64_t units[ABCD_BUCKETS];  /* positive revenue in the bucket */
    int64_t before[ABCD_BUCKETS]; /* revenue of the buckets above it */
    uint8_t cls[ABCD_BUCKETS];    /* its class, or ABCD_MIXED */
};

/* Class of a customer with `before` revenue ranked above him. */
static uint8_t abcd_class(const kehu_standards *std, int64_t before,
                          int64_t total)
{
    double share_before = (double)before / (double)total;

    return share_before < std->abcd_a_share   ? KEHU_ABCD_A
           : share_before < std->abcd_b_share ? KEHU_ABCD_B
                                              : KEHU_ABCD_C;
}

/* ABCD over buying customers ranked by monetary total (ties by row);
 * revenue counts only positive totals (a customer whose returns exceed his
 * purchases contributes 0 and is class C). With no positive revenue every
 * buyer is C. */
static void score_abcd(pass *p)
{
    const kehu_summary *s = p->s;
    const kehu_standards *std = p->std;
    abcd_buckets *h = p->buckets;
    int64_t total = 0, before = 0;
    size_t i, m = 0;
    unsigned b;
    double amin = NAN, bmin = NAN;

    memset(h->units, 0, sizeof h->units);
    for (i = 0; i < s->n; i++) {
        int64_t u = money_units(p->rows[i].monetary_total);
        if (buying(&p->rows[i]) && u > 0) {
            h->units[value_bucket(p->rows[i].monetary_total)] += u;
            total += u;
        }
    }
    for (b = ABCD_BUCKETS; b-- > 0;) {
        h->before[b] = before;
        h->cls[b] = KEHU_ABCD_C;
        if (total > 0) {
            /* Every customer of b has between before and before + units
             * ranked above him. */
            h->cls[b] = abcd_class(std, before, total);
            if (abcd_class(std, before + h->units[b], total) != h->cls[b]) {
                h->cls[b] = ABCD_MIXED;
            }
        }
        before += h->units[b];
    }
    for (i = 0; i < s->n; i++) {
        const crow *r = &p->rows[i];
        uint8_t cls = KEHU_ABCD_C;
        if (!buying(r)) {
            p->c[i].abcd = KEHU_ABCD_D;
            continue;
        }
        if (total > 0 && money_units(r->monetary_total) > 0) {
            cls = h->cls[value_bucket(r->monetary_total)];
        }
        if (cls == ABCD_MIXED) {
            p->rank[m].key = r->monetary_total;
            p->rank[m].row = i;
            m++;
            continue;
        }
        p->c[i].abcd = cls;
        if (cls == KEHU_ABCD_A && !(r->monetary_total >= amin)) {
            amin = r->monetary_total;
        } else if (cls == KEHU_ABCD_B && !(r->monetary_total >= bmin)) {
            bmin = r->monetary_total;
        }
    }
    /* The crossed buckets, customer by customer in rank order. */
    kehu__sort_ranked_desc(p->rank, m);
    for (i = 0; i < m; i++) {
        const kehu__ranked *k = &p->rank[i];
        uint8_t cls;
        if (i == 0 || value_bucket(k->key) != value_bucket(k[-1].key)) {
            before = h->before[value_bucket(k->key)];
        }
        cls = abcd_class(std, before, total);
        before += money_units(k->key);
        p->c[k->row].abcd = cls;
        if (cls == KEHU_ABCD_A && !(k->key >= amin)) {
            amin = k->key;
        } else if (cls == KEHU_ABCD_B && !(k->key >= bmin)) {
            bmin = k->key;
        }
    }
    if (p->info != NULL) {
        p->info->revenue_total = (double)total / (double)KEHU_MONEY_SCALE;
        p->info->abcd_a_min = amin;
        p->info->abcd_b_min = bmin;
    }
}

/* Marks in top[] the buying customers in the top CLV share: ranked by CLV
 * descending (ties by row), a customer is in it when (customers ranked
 * above) / buying customers < the share. Returns the smallest CLV inside,
 * NaN without a CLV input. */
static double mark_top_clv(pass *p, uint8_t *top)
{
    const double *clv = p->extra ? p->extra->clv : NULL;
    size_t i, m = 0;
    double cut = NAN;

    memset(top, 0, p->s->n);
    if (clv == NULL) {
        return NAN;
    }
    for (i = 0; i < p->s->n; i++) {
        if (buying(&p->rows[i]) && isfinite(clv[i])) {
            p->rank[m].key = clv[i];
            p->rank[m].row = i;
            m++;
        }
    }
    kehu__sort_ranked_desc(p->rank, m);
    for (i = 0; i < m; i++) {
        if ((double)i / (double)p->nb >= p->std->potential_top_clv_share) {
            break;
        }
        top[p->rank[i].row] = 1;
        cut = p->rank[i].key;
    }
    return cut;
}

static void score_tiers(pass *p)
{
    const kehu_summary *s = p->s;
    const kehu_standards *std = p->std;
    int needs_a = std->core_use_share > 0 ||
                  (std->core_use_share < 0 && std->core_min_amount <= 0);
    /* p->work (n doubles) is free here; n bytes of it hold the marks. */
    uint8_t *top = (uint8_t *)p->work;
    double cut = mark_top_clv(p, top);
    size_t i;

    for (i = 0; i < s->n; i++) {
        const crow *r = &p->rows[i];
        kehu_class *c = &p->c[i];
        int core;
        if (!buying(r)) {
            c->tier = KEHU_TIER_NONE;
            continue;
        }
        core = r->purchase_days >= std->core_min_purchase_days &&
               r->days_since_last <= std->core_max_days_since_last;
        if (needs_a && c->abcd != KEHU_ABCD_A) {
            core = 0;
        }
        if (std->core_min_amount > 0 &&
            r->monetary_total < std->core_min_amount) {
            core = 0;
        }
        if (core) {
            c->tier = KEHU_TIER_CORE;
        } else if ((c->r >= std->potential_min_r &&
                    (c->f >= std->potential_min_f_or_m ||
                     c->m >= std->potential_min_f_or_m)) ||
                   top[i]) {
            c->tier = KEHU_TIER_POTENTIAL;
        } else {
            c->tier = KEHU_TIER_ORDINARY;
        }
    }
    if (p->info != NULL) {
        p->info->core_needs_a = needs_a;
        p->info->clv_cut = cut;
    }
}

/* Typical gap of a repeat buyer, in days. */
static double gap_days(const crow *r)
{
    return (double)(r->last_purchase - r->first_purchase) /
           (double)(r->purchase_days - 1);
}

static void score_stages(pass *p)
{
    const kehu_summary *s = p->s;
    const kehu_standards *std = p->std;
    const double *pa = p->extra ? p->extra->p_alive : NULL;
    double median = NAN;
    size_t i, m = 0;

    /* The median gap only tells at_risk from active: not needed for the
     * base (churned or not). */
    for (i = 0; i < s->n && !p->base_only; i++) {
        if (p->rows[i].purchase_days >= 2) {
            p->work[m++] = gap_days(&p->rows[i]);
        }
    }
    if (m > 0) {
        kehu__sort_doubles(p->work, m);
        median = kehu_quantile7(p->work, m, 1, 2);
    }
    for (i = 0; i < s->n; i++) {
        const crow *r = &p->rows[i];
        int use_model = pa != NULL && isfinite(pa[i]);
        double gap;
        uint8_t st;
        if (!buying(r)) {
            p->c[i].stage = KEHU_STAGE_PROSPECT;
            continue;
        }
        gap = r->purchase_days >= 2 ? gap_days(r) : median;
        if (use_model ? pa[i] < std->model_churned_below
                      : r->days_since_last > std->churn_days) {
            st = KEHU_STAGE_CHURNED;
        } else if (s->as_of_day - r->first_purchase <= std->new_days) {
            st = KEHU_STAGE_NEW;
        } else if (use_model
                       ? pa[i] < std->model_at_risk_below
                       : (isfinite(gap) && (double)r->days_since_last >
                                               std->at_risk_gap_factor * gap)) {
            st = KEHU_STAGE_AT_RISK;
        } else if (r->days_in_year >= std->loyal_min_days) {
            st = KEHU_STAGE_LOYAL;
        } else {
            st = KEHU_STAGE_ACTIVE;
        }
        p->c[i].stage = st;
    }
    if (p->info != NULL) {
        p->info->n_repeat = m;
        p->info->median_gap_days = median;
        p->info->used_p_alive = pa != NULL;
    }
}

static void count_info(const pass *p)
{
    kehu_class_info *info = p->info;
    size_t i;

    info->n_rows = p->s->n;
    info->n_buying = p->nb;
    for (i = 0; i < p->s->n; i++) {
        info->n_abcd[p->c[i].abcd]++;
        info->n_tier[p->c[i].tier]++;
        info->n_stage[p->c[i].stage]++;
    }
}

kehu_status kehu__classify_packed(const kehu_summary *s, const crow *rows,
                                  int base_only, const kehu_standards *std,
                                  const kehu_class_inputs *extra,
                                  kehu_class_info *info, kehu_class **out)
{
    pass p;
    size_t i, cap;

    *out = NULL;
    if (!cuts_ascending(std->n_r_cuts, std->r_cuts) ||
        !cuts_ascending(std->n_f_cuts, std->f_cuts) ||
        !cuts_ascending(std->n_m_cuts, std->m_cuts) ||
        std->loyal_window_days != 365) {
        return KEHU_EINVAL;
    }
    memset(&p, 0, sizeof p);
    p.s = s;
    p.rows = rows;
    p.base_only = base_only;
    p.std = std;
    p.extra = extra;
    p.info = info;
    if (info != NULL) {
        memset(info, 0, sizeof *info);
    }
    cap = s->n > 0 ? s->n : 1;
    p.c = kehu_calloc(cap, sizeof *p.c);
    p.work = kehu_calloc(cap, sizeof *p.work);
    p.rank = kehu_calloc(cap, sizeof *p.rank);
    p.buckets = kehu_malloc(sizeof *p.buckets);
    if (p.c == NULL || p.work == NULL || p.rank == NULL || p.buckets == NULL) {
        kehu_free(p.c);
        kehu_free(p.work);
        kehu_free(p.rank);
        kehu_free(p.buckets);
        return KEHU_ENOMEM;
    }
    for (i = 0; i < s->n; i++) {
        if (buying(&rows[i])) {
            p.nb++;
        }
    }
    score_rfm(&p);
    if (!base_only) {
        score_rfm8(&p);
    }
    score_abcd(&p);
    score_tiers(&p);
    score_stages(&p);
    if (info != NULL) {
        count_info(&p);
    }
    kehu_free(p.rank);
    kehu_free(p.work);
    kehu_free(p.buckets);
    *out = p.c;
    return KEHU_OK;
}

void kehu__crow_of(const kehu_summary_row *r, crow *out)
{
    out->monetary_total = r->monetary_total;
    out->first_purchase = r->first_purchase;
    out->last_purchase = r->last_purchase;
    out->purchase_days = r->purchase_days;
    out->days_since_last = r->days_since_last;
    out->days_in_year = r->days_in_year;
}

kehu_needs kehu_needs_of(const kehu_summary_row *r, int has_discount,
                         const kehu_standards *std,
                         const kehu_class_inputs *extra)
{
    uint32_t cat = r->dim[KEHU_DIM_CATEGORY];

    /* No spend: the share of spend is undefined, not 0. */
    if (has_discount && r->monetary_total > 0 &&
        r->discounted_share >= std->price_sensitive_share) {
        return KEHU_NEEDS_PRICE_SENSITIVE;
    }
    if (extra != NULL && extra->category_need != NULL && cat != 0 &&
        cat < extra->n_category) {
        uint8_t t = extra->category_need[cat];
        if (t == KEHU_NEEDS_EMOTIONAL || t == KEHU_NEEDS_FUNCTIONAL) {
            return (kehu_needs)t;
        }
    }
    return KEHU_NEEDS_UNKNOWN;
}

kehu_status kehu_classify_info(const kehu_summary *s, const kehu_standards *std,
                               const kehu_class_inputs *extra,
                               kehu_class_info *info, kehu_class **out)
{
    crow *rows = kehu_calloc(s->n > 0 ? s->n : 1, sizeof *rows);
    kehu_status rc;
    size_t i;

    *out = NULL;
    if (rows == NULL) {
        return KEHU_ENOMEM;
    }
    for (i = 0; i < s->n; i++) {
        kehu__crow_of(&s->rows[i], &rows[i]);
    }
    rc = kehu__classify_packed(s, rows, 0, std, extra, info, out);
    kehu_free(rows);
    /* The needs-based type reads fields the packed rows do not carry. */
    for (i = 0; rc == KEHU_OK && i < s->n; i++) {
        kehu_needs n = kehu_needs_of(&s->rows[i], s->has_discount, std, extra);
        (*out)[i].needs = (uint8_t)n;
        if (info != NULL) {
            info->n_needs[n]++;
        }
    }
    if (rc == KEHU_OK && info != NULL) {
        info->needs_discount = s->has_discount != 0;
        info->needs_map = extra != NULL && extra->category_need != NULL;
    }
    return rc;
}

kehu_status kehu_classify(const kehu_summary *s, const kehu_standards *std,
                          const kehu_class_inputs *extra, kehu_class **out)
{
    return kehu_classify_info(s, std, extra, NULL, out);
}

/* ------------------------------------------------------------------ */
/* Names.                                                               */

#define NAME_OF(table, v)                                                      \
    ((size_t)(v) < sizeof(table) / sizeof(table)[0] ? (table)[(v)] : "")

static const char *const rfm8_names[] = {
    "",
    "important_value",
    "important_development",
    "important_retention",
    "important_winback",
    "general_value",
    "general_development",
    "general_retention",
    "general_winback",
};
static const char *const rfm8_zh[] = {
    "",
    "重要价值客户",
    "重要发展客户",
    "重要保持客户",
    "重要挽留客户",
    "一般价值客户",
    "一般发展客户",
    "一般保持客户",
    "一般挽留客户",
};
static const char *const seg_names[] = {
    "",
    "champions",
    "loyal_customers",
    "potential_loyalists",
    "new_customers",
    "promising",
    "need_attention",
    "about_to_sleep",
    "at_risk",
    "cant_lose_them",
    "hibernating",
    "lost",
};
static const char *const seg_titles[] = {
    "",
    "Champions",
    "Loyal Customers",
    "Potential Loyalists",
    "New Customers",
    "Promising",
    "Need Attention",
    "About To Sleep",
    "At Risk",
    "Can't Lose Them",
    "Hibernating",
    "Lost",
};
static const char *const seg_zh[] = {
    "",
    "冠军客户",
    "忠诚客户",
    "潜在忠诚客户",
    "新客户",
    "有潜力客户",
    "需要关注客户",
    "即将沉睡客户",
    "有流失风险客户",
    "不能失去的客户",
    "休眠客户",
    "流失客户",
};
static const char *const value_names[] = {"", "high", "mid", "low"};
static const char *const value_zh[] = {"", "高价值", "中价值", "低价值"};
static const char *const abcd_names[] = {"", "A", "B", "C", "D"};
static const char *const abcd_zh[] = {"", "A类", "B类", "C类", "D类"};
static const char *const tier_names[] = {"", "core", "potential", "ordinary"};
static const char *const tier_zh[] = {"", "核心客户", "潜力客户", "普通客户"};
static const char *const stage_names[] = {"prospect", "churned", "new",
                                          "at_risk",  "loyal",   "active"};
static const char *const stage_zh[] = {"潜在客户", "流失客户", "新客户",
                                       "风险客户", "忠诚客户", "活跃客户"};

const char *kehu_rfm8_name(kehu_rfm8 c)
{
    return NAME_OF(rfm8_names, c);
}

const char *kehu_rfm8_zh(kehu_rfm8 c)
{
    return NAME_OF(rfm8_zh, c);
}

const char *kehu_segment_name(kehu_segment s)
{
    return NAME_OF(seg_names, s);
}

const char *kehu_segment_title(kehu_segment s)
{
    return NAME_OF(seg_titles, s);
}

const char *kehu_segment_zh(kehu_segment s)
{
    return NAME_OF(seg_zh, s);
}

const char *kehu_value_tier_name(kehu_value_tier v)
{
    return NAME_OF(value_names, v);
}

const char *kehu_value_tier_zh(kehu_value_tier v)
{
    return NAME_OF(value_zh, v);
}

const char *kehu_abcd_name(kehu_abcd a)
{
    return NAME_OF(abcd_names, a);
}

const char *kehu_abcd_zh(kehu_abcd a)
{
    return NAME_OF(abcd_zh, a);
}

const char *kehu_tier_name(kehu_tier t)
{
    return NAME_OF(tier_names, t);
}

const char *kehu_tier_zh(kehu_tier t)
{
    return NAME_OF(tier_zh, t);
}

const char *kehu_stage_name(kehu_stage s)
{
    return NAME_OF(stage_names, s);
}

const char *kehu_stage_zh(kehu_stage s)
{
    return NAME_OF(stage_zh, s);
}

static const char *const needs_names[] = {"unknown", "price_sensitive",
                                          "emotional", "functional"};
static const char *const needs_zh[] = {"未知", "价格敏感型", "情感型",
                                       "功能型"};

const char *kehu_needs_name(kehu_needs n)
{
    return NAME_OF(needs_names, n);
}

const char *kehu_needs_zh(kehu_needs n)
{
    return NAME_OF(needs_zh, n);
}
