/* SPDX-License-Identifier: MIT */
/*
 * Behaviour clusters: see kehu/cluster.h. k-means++ seeding (Arthur &
 * Vassilvitskii 2007) then Lloyd's iterations; restart r draws from
 * stream r of the seed, so results do not depend on how many restarts
 * came before. An emptied cluster is moved to the point farthest from its
 * centre. The silhouette (Rousseeuw 1987) is O(m^2) in the sample size m.
 */
#include "kehu/cluster.h"

#include "kehu/alloc.h"
#include "kehu/rng.h"

#include "job.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* The silhouette sample's stream, apart from the restarts' 0..restarts-1. */
#define SAMPLE_STREAM UINT64_C(0x51107e77e)

void kehu_cluster_options_init(kehu_cluster_options *o)
{
    o->k = 0;
    o->seed = 1;
    o->restarts = 5;
    o->max_iter = 100;
    o->silhouette_sample = 2000;
}

static double dist2(const double *a, const double *b, size_t d)
{
    double s = 0;
    size_t j;

    for (j = 0; j < d; j++) {
        double t = a[j] - b[j];
        s += t * t;
    }
    return s;
}

/* Count distinct points of x, stopping at `cap`. */
static size_t distinct_points(const double *x, size_t n, size_t d, size_t cap,
                              const double **seen)
{
    size_t m = 0, i, j;

    for (i = 0; i < n && m < cap; i++) {
        for (j = 0; j < m; j++) {
            if (memcmp(seen[j], x + i * d, d * sizeof *x) == 0) {
                break;
            }
        }
        if (j == m) {
            seen[m++] = x + i * d;
        }
    }
    return m;
}

/* k-means++ seeds into c (k x d); dmin is n scratch. Returns 0, or -1 when
 * the remaining squared distances are all 0 (fewer than k distinct). */
static int seed_pp(const double *x, size_t n, size_t d, int k, kehu_rng *r,
                   double *c, double *dmin)
{
    size_t i, pick = (size_t)kehu_rng_below(r, n);
    int h;

    memcpy(c, x + pick * d, d * sizeof *c);
    for (i = 0; i < n; i++) {
        dmin[i] = dist2(x + i * d, c, d);
    }
    for (h = 1; h < k; h++) {
        double total = 0, u, acc = 0;

        for (i = 0; i < n; i++) {
            total += dmin[i];
        }
        if (!(total > 0)) {
            return -1;
        }
        u = kehu_rng_uniform(r) * total;
        pick = n;
        for (i = 0; i < n; i++) {
            if (dmin[i] > 0) {
                pick = i; /* the last positive one absorbs rounding */
                acc += dmin[i];
                if (u < acc) {
                    break;
                }
            }
        }
        memcpy(c + (size_t)h * d, x + pick * d, d * sizeof *c);
        for (i = 0; i < n; i++) {
            double t = dist2(x + i * d, c + (size_t)h * d, d);
            if (t < dmin[i]) {
                dmin[i] = t;
            }
        }
    }
    return 0;
}

/* Scratch of one k-means run. */
typedef struct km_work {
    double *ub;    /* n: upper bound on the distance to the own centre */
    double *lb;    /* n: lower bound on the distance to any other centre */
    double *old;   /* k x d: centres before the update */
    double *move;  /* k: how far each centre moved */
    double *shalf; /* k: half the distance to the nearest other centre */
    size_t *count; /* k */
} km_work;

/* Relative slack on the bounds, far above the rounding of their updates,
 * so a point is skipped only when its own centre is clearly the nearest. */
#define BOUND_SLACK 1e-9

/* Nearest centre (lowest index on ties) of p; OUT: distances (not
 * squared) to it and to the second nearest. */
static int nearest2(const double *p, const double *c, size_t d, int k,
                    double *best, double *second)
{
    int h, arg = 0;
    double b = dist2(p, c, d), s2 = INFINITY;

    for (h = 1; h < k; h++) {
        double t = dist2(p, c + (size_t)h * d, d);
        if (t < b) {
            s2 = b;
            b = t;
            arg = h;
        } else if (t < s2) {
            s2 = t;
        }
    }
    *best = sqrt(b);
    *second = sqrt(s2);
    return arg;
}

/*
 * Lloyd's iterations from the centres in c: assign every point to its
 * nearest centre (lowest index on ties), stop when no point moves, else
 * move each centre to its points' mean. The assignment step skips points
 * whose own centre is provably nearest (Hamerly 2010: an upper bound on
 * the own distance against a lower bound on the others' and half the
 * distance to the nearest other centre), so each iteration gives the
 * assignment plain Lloyd gives. OUT: assign; returns the SSE.
 */
static double lloyd(const double *x, size_t n, size_t d, int k, int max_iter,
                    double *c, km_work *w, int *assign)
{
    size_t *count = w->count, i, j;
    int it, h, g;
    double sse = 0;

    for (i = 0; i < n; i++) {
        assign[i] = -1;
        w->ub[i] = INFINITY;
        w->lb[i] = 0;
    }
    for (h = 0; h < k; h++) {
        w->shalf[h] = 0;
    }
    for (it = 0; it < max_iter; it++) {
        int changed = 0;
        double m1 = 0, m2 = 0;
        int a1 = -1;

        for (i = 0; i < n; i++) {
            const double *p = x + i * d;
            int a = assign[i];
            double b, s2;

            if (a >= 0) {
                double z = fmax(w->lb[i], w->shalf[a]);
                if (w->ub[i] * (1 + BOUND_SLACK) < z) {
                    continue;
                }
                w->ub[i] = sqrt(dist2(p, c + (size_t)a * d, d));
                if (w->ub[i] * (1 + BOUND_SLACK) < z) {
                    continue;
                }
            }
            g = nearest2(p, c, d, k, &b, &s2);
            if (g != a) {
                assign[i] = g;
                changed = 1;
            }
            w->ub[i] = b;
            w->lb[i] = s2;
        }
        if (!changed) {
            break;
        }
        /* Update: centres as means; an empty cluster takes the point
         * farthest from its centre. */
        memcpy(w->old, c, (size_t)k * d * sizeof *c);
        memset(c, 0, (size_t)k * d * sizeof *c);
        memset(count, 0, (size_t)k * sizeof *count);
        for (i = 0; i < n; i++) {
            double *ch = c + (size_t)assign[i] * d;
            count[assign[i]]++;
            for (j = 0; j < d; j++) {
                ch[j] += x[i * d + j];
            }
        }
        for (h = 0; h < k; h++) {
            for (j = 0; j < d && count[h] > 0; j++) {
                c[(size_t)h * d + j] /= (double)count[h];
            }
        }
        for (h = 0; h < k; h++) {
            size_t far = 0;
            double fd = -1;

            if (count[h] > 0) {
                continue;
            }
            for (i = 0; i < n; i++) {
                double t = dist2(x + i * d, c + (size_t)assign[i] * d, d);
                if (t > fd && count[assign[i]] > 1) {
                    fd = t;
                    far = i;
                }
            }
            count[assign[far]]--;
            memcpy(c + (size_t)h * d, x + far * d, d * sizeof *c);
            assign[far] = h;
            count[h] = 1;
            w->ub[far] = INFINITY; /* recomputed in full next time */
        }
        /* Bounds follow the centres. */
        for (h = 0; h < k; h++) {
            double mv =
                sqrt(dist2(w->old + (size_t)h * d, c + (size_t)h * d, d));
            w->move[h] = mv;
            if (mv > m1) {
                m2 = m1;
                m1 = mv;
                a1 = h;
            } else if (mv > m2) {
                m2 = mv;
            }
        }
        for (h = 0; h < k; h++) {
            double nd = INFINITY;
            for (g = 0; g < k; g++) {
                if (g != h) {
                    double t = dist2(c + (size_t)h * d, c + (size_t)g * d, d);
                    nd = t < nd ? t : nd;
                }
            }
            w->shalf[h] = 0.5 * sqrt(nd);
        }
        for (i = 0; i < n; i++) {
            int a = assign[i];
            w->ub[i] += w->move[a];
            w->lb[i] -= a == a1 ? m2 : m1;
        }
    }
    /* The centres are the means of the final assignment unless max_iter
     * stopped the loop after an update that moved points. */
    sse = 0;
    for (i = 0; i < n; i++) {
        sse += dist2(x + i * d, c + (size_t)assign[i] * d, d);
    }
    return sse;
}

/* From this many points the restarts run on two threads. */
#define KM_THREAD_MIN 65536

/* One thread's share of the restarts: restarts first, first + step, ...
 * with buffers of its own; it keeps its best assignment. */
typedef struct km_worker {
    const double *x;
    size_t n, d;
    int k, first, step, restarts, max_iter;
    uint64_t seed;
    double *c, *dmin;
    int *cur, *assign; /* assign: the best so far */
    km_work w;
    double best; /* its SSE, INFINITY before any */
    int best_r;  /* its restart */
    kehu_status rc;
} km_worker;

static void km_worker_free(km_worker *v)
{
    kehu_free(v->w.count);
    kehu_free(v->w.shalf);
    kehu_free(v->w.move);
    kehu_free(v->w.old);
    kehu_free(v->w.lb);
    kehu_free(v->w.ub);
    kehu_free(v->cur);
    kehu_free(v->dmin);
    kehu_free(v->c);
}

/* Buffers for v; assign is the caller's array for the best assignment. */
static kehu_status km_worker_init(km_worker *v, int *assign)
{
    size_t n = v->n, k = (size_t)v->k, d = v->d;

    v->c = kehu_calloc(k * d, sizeof *v->c);
    v->dmin = kehu_calloc(n, sizeof *v->dmin);
    v->cur = kehu_calloc(n, sizeof *v->cur);
    v->w.ub = kehu_calloc(n, sizeof *v->w.ub);
    v->w.lb = kehu_calloc(n, sizeof *v->w.lb);
    v->w.old = kehu_calloc(k * d, sizeof *v->w.old);
    v->w.move = kehu_calloc(k, sizeof *v->w.move);
    v->w.shalf = kehu_calloc(k, sizeof *v->w.shalf);
    v->w.count = kehu_calloc(k, sizeof *v->w.count);
    v->assign = assign;
    v->best = INFINITY;
    v->best_r = -1;
    v->rc = KEHU_OK;
    if (v->c == NULL || v->dmin == NULL || v->cur == NULL || v->w.ub == NULL ||
        v->w.lb == NULL || v->w.old == NULL || v->w.move == NULL ||
        v->w.shalf == NULL || v->w.count == NULL || assign == NULL) {
        km_worker_free(v);
        return KEHU_ENOMEM;
    }
    return KEHU_OK;
}

static void *km_worker_run(void *arg)
{
    km_worker *v = arg;
    int r;

    for (r = v->first; r < v->restarts; r += v->step) {
        kehu_rng g;
        double s;

        kehu_rng_seed_stream(&g, v->seed, (uint64_t)r);
        if (seed_pp(v->x, v->n, v->d, v->k, &g, v->c, v->dmin) != 0) {
            v->rc = KEHU_EIDENT; /* cannot happen with k distinct points */
            return NULL;
        }
        s = lloyd(v->x, v->n, v->d, v->k, v->max_iter, v->c, &v->w, v->cur);
        if (s < v->best) {
            v->best = s;
            v->best_r = r;
            memcpy(v->assign, v->cur, v->n * sizeof *v->assign);
        }
    }
    return NULL;
}

kehu_status kehu_kmeans(const double *x, size_t n, size_t d, int k,
                        uint64_t seed, int restarts, int max_iter, int *assign,
                        double *sse)
{
    const double **seen = NULL;
    km_worker v[2];
    int *other = NULL, nw = 1, i, b;
    kehu__job job;
    kehu_status rc = KEHU_OK;

    if (k < 1 || n < (size_t)k || d == 0 || restarts < 1 || max_iter < 1) {
        return KEHU_EINVAL;
    }
    seen = kehu_calloc((size_t)k, sizeof *seen);
    if (seen == NULL) {
        return KEHU_ENOMEM;
    }
    if (distinct_points(x, n, d, (size_t)k, seen) < (size_t)k) {
        kehu_free(seen);
        return KEHU_EIDENT;
    }
    kehu_free(seen);
    if (restarts > 1 && n >= KM_THREAD_MIN) {
        nw = 2;
        other = kehu_calloc(n, sizeof *other);
    }
    /* Restart r draws from its own stream, so the split between threads
     * does not change any restart; the best is the lowest SSE, ties to
     * the lower restart, as one thread in order would pick. */
    for (i = 0; i < nw; i++) {
        memset(&v[i], 0, sizeof v[i]);
        v[i].x = x;
        v[i].n = n;
        v[i].d = d;
        v[i].k = k;
        v[i].first = i;
        v[i].step = nw;
        v[i].restarts = restarts;
        v[i].max_iter = max_iter;
        v[i].seed = seed;
        rc =
            rc != KEHU_OK ? rc : km_worker_init(&v[i], i == 0 ? assign : other);
        if (rc != KEHU_OK && i == 1) {
            km_worker_free(&v[0]);
        }
    }
    if (rc != KEHU_OK) {
        kehu_free(other);
        return rc;
    }
    if (nw == 2) {
        kehu__job_start(&job, km_worker_run, &v[1], 1);
    }
    km_worker_run(&v[0]);
    if (nw == 2) {
        kehu__job_wait(&job);
    }
    rc = v[0].rc != KEHU_OK ? v[0].rc : nw == 2 ? v[1].rc : KEHU_OK;
    b = nw == 2 && (v[1].best < v[0].best ||
                    (v[1].best == v[0].best && v[1].best_r < v[0].best_r));
    if (rc == KEHU_OK && b) {
        memcpy(assign, other, n * sizeof *assign);
    }
    *sse = v[b].best;
    for (i = 0; i < nw; i++) {
        km_worker_free(&v[i]);
    }
    kehu_free(other);
    return rc;
}

kehu_status kehu_silhouette(const double *x, size_t n, size_t d,
                            const int *assign, int k, double *mean)
{
    double *sum = NULL, total = 0;
    size_t *count = NULL, i, j;
    int h, nonempty = 0;

    if (k < 2 || n < 2) {
        return KEHU_EINVAL;
    }
    sum = kehu_calloc((size_t)k, sizeof *sum);
    count = kehu_calloc((size_t)k, sizeof *count);
    if (sum == NULL || count == NULL) {
        kehu_free(sum);
        kehu_free(count);
        return KEHU_ENOMEM;
    }
    for (i = 0; i < n; i++) {
        if (assign[i] < 0 || assign[i] >= k) {
            kehu_free(sum);
            kehu_free(count);
            return KEHU_EINVAL;
        }
        count[assign[i]]++;
    }
    for (h = 0; h < k; h++) {
        nonempty += count[h] > 0;
    }
    if (nonempty < 2) {
        kehu_free(sum);
        kehu_free(count);
        return KEHU_EINVAL;
    }
    for (i = 0; i < n; i++) {
        int own = assign[i];
        double a, b = INFINITY;

        if (count[own] < 2) {
            continue; /* s(i) = 0 */
        }
        memset(sum, 0, (size_t)k * sizeof *sum);
        for (j = 0; j < n; j++) {
            if (j != i) {
                sum[assign[j]] += sqrt(dist2(x + i * d, x + j * d, d));
            }
        }
        a = sum[own] / (double)(count[own] - 1);
        for (h = 0; h < k; h++) {
            if (h != own && count[h] > 0 && sum[h] / (double)count[h] < b) {
                b = sum[h] / (double)count[h];
            }
        }
        if (fmax(a, b) > 0) {
            total += (b - a) / fmax(a, b);
        }
    }
    *mean = total / (double)n;
    kehu_free(sum);
    kehu_free(count);
    return KEHU_OK;
}

static int cmp_size(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return (x > y) - (x < y);
}

/* Deterministic sample of m of n indices, ascending (partial
 * Fisher-Yates); m == n takes all. OUT: idx[m]. perm is n scratch. */
static void sample_indices(size_t n, size_t m, uint64_t seed, size_t *perm,
                           size_t *idx)
{
    kehu_rng g;
    size_t i;

    for (i = 0; i < n; i++) {
        perm[i] = i;
    }
    if (m < n) {
        kehu_rng_seed_stream(&g, seed, SAMPLE_STREAM);
        for (i = 0; i < m; i++) {
            size_t j = i + (size_t)kehu_rng_below(&g, n - i), t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        qsort(perm, m, sizeof *perm, cmp_size);
    }
    memcpy(idx, perm, m * sizeof *idx);
}

/* Silhouette of assign on the sample idx[m] (xs: the sampled points). */
static kehu_status sample_silhouette(const double *xs, const size_t *idx,
                                     size_t m, const int *assign, int k,
                                     int *sa, double *out)
{
    size_t i;

    for (i = 0; i < m; i++) {
        sa[i] = assign[idx[i]];
    }
    return kehu_silhouette(xs, m, KEHU_CLUSTER_DIM, sa, k, out);
}

typedef struct order_item {
    double monetary;
    int old;
} order_item;

static int cmp_order(const void *a, const void *b)
{
    const order_item *x = a, *y = b;

    if (x->monetary != y->monetary) {
        return x->monetary < y->monetary ? 1 : -1;
    }
    return (x->old > y->old) - (x->old < y->old);
}

/* Renumber clusters by descending mean monetary and fill the descriptions. */
static kehu_status describe(const kehu_summary *s, const double *x,
                            kehu_clustering *c)
{
    size_t n = c->n, i, j;
    int k = c->k, h;
    order_item *ord = kehu_calloc((size_t)k, sizeof *ord);
    int *map = kehu_calloc((size_t)k, sizeof *map);
    kehu_cluster *cl = c->clusters;

    if (ord == NULL || map == NULL) {
        kehu_free(ord);
        kehu_free(map);
        return KEHU_ENOMEM;
    }
    memset(cl, 0, (size_t)k * sizeof *cl);
    for (i = 0; i < n; i++) {
        const kehu_summary_row *r = &s->rows[c->row[i]];
        kehu_cluster *q = &cl[c->cluster[i]];

        q->customers++;
        q->days_since_last_mean += r->days_since_last;
        q->purchase_days_mean += r->purchase_days;
        q->monetary_mean += r->monetary_total;
        for (j = 0; j < KEHU_CLUSTER_DIM; j++) {
            q->z_mean[j] += x[i * KEHU_CLUSTER_DIM + j];
        }
    }
    for (h = 0; h < k; h++) {
        double cnt = (double)cl[h].customers;

        if (cl[h].customers > 0) {
            cl[h].days_since_last_mean /= cnt;
            cl[h].purchase_days_mean /= cnt;
            cl[h].monetary_mean /= cnt;
            for (j = 0; j < KEHU_CLUSTER_DIM; j++) {
                cl[h].z_mean[j] /= cnt;
            }
        }
        cl[h].share = cnt / (double)n;
        ord[h].monetary = cl[h].monetary_mean;
        ord[h].old = h;
    }
    qsort(ord, (size_t)k, sizeof *ord, cmp_order);
    for (h = 0; h < k; h++) {
        map[ord[h].old] = h;
    }
    {
        kehu_cluster tmp[KEHU_CLUSTER_K_MAX];
        memcpy(tmp, cl, (size_t)k * sizeof *cl);
        for (h = 0; h < k; h++) {
            cl[map[h]] = tmp[h];
        }
    }
    for (i = 0; i < n; i++) {
        c->cluster[i] = map[c->cluster[i]];
    }
    kehu_free(ord);
    kehu_free(map);
    return KEHU_OK;
}

/* Log features of the buyers into x, standardized; fills c->row. */
static void features(const kehu_summary *s, kehu_clustering *c, double *x)
{
    size_t n = c->n, i, j, m = 0;

    for (i = 0; i < s->n; i++) {
        const kehu_summary_row *r = &s->rows[i];
        double *p;

        if (r->purchase_days <= 0) {
            continue;
        }
        p = x + m * KEHU_CLUSTER_DIM;
        c->row[m++] = i;
        p[0] = log1p(r->days_since_last > 0 ? (double)r->days_since_last : 0);
        p[1] = log1p((double)r->purchase_days);
        p[2] = log1p(r->monetary_total > 0 ? r->monetary_total : 0);
    }
    for (j = 0; j < KEHU_CLUSTER_DIM; j++) {
        double mean = 0, var = 0, sd;

        for (i = 0; i < n; i++) {
            mean += x[i * KEHU_CLUSTER_DIM + j];
        }
        mean /= (double)n;
        for (i = 0; i < n; i++) {
            double t = x[i * KEHU_CLUSTER_DIM + j] - mean;
            var += t * t;
        }
        sd = sqrt(var / (double)n);
        if (!(sd > 1e-12 * fmax(1.0, fabs(mean)))) {
            sd = 1; /* constant feature */
        }
        for (i = 0; i < n; i++) {
            x[i * KEHU_CLUSTER_DIM + j] =
                (x[i * KEHU_CLUSTER_DIM + j] - mean) / sd;
        }
        c->feature_mean[j] = mean;
        c->feature_sd[j] = sd;
    }
}

void kehu_clustering_free(kehu_clustering *c)
{
    if (c != NULL) {
        kehu_free(c->row);
        kehu_free(c->cluster);
        kehu_free(c->clusters);
        kehu_free(c);
    }
}

kehu_status kehu_cluster_compute(const kehu_summary *s,
                                 const kehu_cluster_options *o,
                                 kehu_clustering **out)
{
    const size_t D = KEHU_CLUSTER_DIM;
    kehu_clustering *c = NULL;
    double *x = NULL, *xs = NULL;
    size_t *perm = NULL, *idx = NULL, n = 0, m, i;
    int *sa = NULL, *tmp = NULL, kmax = 0;
    const double *seen[KEHU_CLUSTER_AUTO_MAX];
    kehu_status rc = KEHU_OK;

    *out = NULL;
    if (o->k < 0 || o->k == 1 || o->k > KEHU_CLUSTER_K_MAX || o->restarts < 1 ||
        o->max_iter < 1 || o->silhouette_sample < 2) {
        return KEHU_EINVAL;
    }
    for (i = 0; i < s->n; i++) {
        n += s->rows[i].purchase_days > 0;
    }
    if (o->k == 0 ? n < 3 : n < (size_t)o->k) {
        return KEHU_EINVAL;
    }
    m = n < o->silhouette_sample ? n : o->silhouette_sample;
    c = kehu_calloc(1, sizeof *c);
    if (c == NULL) {
        return KEHU_ENOMEM;
    }
    c->n = n;
    c->row = kehu_calloc(n, sizeof *c->row);
    c->cluster = kehu_calloc(n, sizeof *c->cluster);
    x = kehu_calloc(n * D, sizeof *x);
    tmp = kehu_calloc(n, sizeof *tmp);
    perm = kehu_calloc(n, sizeof *perm);
    idx = kehu_calloc(m, sizeof *idx);
    xs = kehu_calloc(m * D, sizeof *xs);
    sa = kehu_calloc(m, sizeof *sa);
    if (c->row == NULL || c->cluster == NULL || x == NULL || tmp == NULL ||
        perm == NULL || idx == NULL || xs == NULL || sa == NULL) {
        rc = KEHU_ENOMEM;
        goto done;
    }
    features(s, c, x);
    sample_indices(n, m, o->seed, perm, idx);
    for (i = 0; i < m; i++) {
        memcpy(xs + i * D, x + idx[i] * D, D * sizeof *xs);
    }
    c->silhouette_n = m;
    if (o->k > 0) {
        c->k = o->k;
        rc = kehu_kmeans(x, n, D, c->k, o->seed, o->restarts, o->max_iter,
                         c->cluster, &c->sse);
        if (rc == KEHU_OK) {
            rc = sample_silhouette(xs, idx, m, c->cluster, c->k, sa,
                                   &c->silhouette);
            /* every sampled point in one cluster: no silhouette */
            if (rc == KEHU_EINVAL) {
                c->silhouette = 0;
                rc = KEHU_OK;
            }
        }
    } else {
        size_t nd = distinct_points(x, n, D, KEHU_CLUSTER_AUTO_MAX, seen);
        int k;

        kmax = (int)nd;
        if (n - 1 < (size_t)kmax) {
            kmax = (int)(n - 1);
        }
        if (nd < 2) {
            rc = KEHU_EIDENT;
            goto done;
        }
        c->silhouette = -INFINITY;
        for (k = KEHU_CLUSTER_AUTO_MIN; k <= kmax && rc == KEHU_OK; k++) {
            double sse, sil;

            rc = kehu_kmeans(x, n, D, k, o->seed, o->restarts, o->max_iter, tmp,
                             &sse);
            if (rc != KEHU_OK) {
                break;
            }
            rc = sample_silhouette(xs, idx, m, tmp, k, sa, &sil);
            if (rc == KEHU_EINVAL) {
                sil = 0, rc = KEHU_OK;
            }
            if (rc != KEHU_OK) {
                break;
            }
            c->k_tried[c->n_tried] = k;
            c->silhouette_tried[c->n_tried++] = sil;
            if (sil > c->silhouette) {
                c->silhouette = sil;
                c->sse = sse;
                c->k = k;
                memcpy(c->cluster, tmp, n * sizeof *tmp);
            }
        }
    }
    if (rc != KEHU_OK) {
        goto done;
    }
    c->clusters = kehu_calloc((size_t)c->k, sizeof *c->clusters);
    if (c->clusters == NULL) {
        rc = KEHU_ENOMEM;
        goto done;
    }
    rc = describe(s, x, c);
done:
    kehu_free(sa);
    kehu_free(xs);
    kehu_free(idx);
    kehu_free(perm);
    kehu_free(tmp);
    kehu_free(x);
    if (rc != KEHU_OK) {
        kehu_clustering_free(c);
        c = NULL;
    }
    *out = c;
    return rc;
}
