/* SPDX-License-Identifier: MIT */
/*
 * Behaviour clusters: blobs generated with the library's generator are
 * recovered exactly, with k given and chosen; the silhouette against
 * values worked out by hand; determinism; the edge cases and OOM.
 */
#include "check.h"
#include "oom.h"

#include "kehu/alloc.h"
#include "kehu/cluster.h"
#include "kehu/rng.h"

#include <math.h>
#include <stdlib.h>

void test_cluster(void);

#define NB 3
static const size_t blob_n[NB] = {40, 70, 110};
/* Centres: days_since_last, purchase_days, monetary_total. Blob 0 spends
 * most, so it is cluster 0. */
static const double blob_c[NB][3] = {{4, 40, 6000}, {90, 6, 400}, {900, 1, 25}};

/* Rows of the three blobs, shuffled, with multiplicative noise; plus
 * `idle` rows without a purchase that clustering must skip. label[i] is
 * the blob of row i (-1 idle). */
static kehu_summary *blobs(uint64_t seed, size_t idle, int *label)
{
    kehu_summary *s = calloc(1, sizeof *s);
    size_t n = idle, i, m = 0;
    int b;
    kehu_rng r;

    for (b = 0; b < NB; b++) {
        n += blob_n[b];
    }
    s->rows = calloc(n, sizeof *s->rows);
    s->n = n;
    kehu_rng_seed(&r, seed);
    for (b = 0; b < NB; b++) {
        for (i = 0; i < blob_n[b]; i++, m++) {
            kehu_summary_row *w = &s->rows[m];
            w->customer = m;
            w->days_since_last =
                (int32_t)lround(blob_c[b][0] * exp(0.2 * kehu_rng_normal(&r)));
            w->purchase_days =
                (int32_t)lround(blob_c[b][1] * exp(0.1 * kehu_rng_normal(&r)));
            if (w->purchase_days < 1) {
                w->purchase_days = 1;
            }
            w->monetary_total = blob_c[b][2] * exp(0.2 * kehu_rng_normal(&r));
            label[m] = b;
        }
    }
    for (; m < n; m++) {
        s->rows[m].customer = m;
        label[m] = -1;
    }
    for (i = n - 1; i > 0; i--) { /* shuffle rows and labels together */
        size_t j = (size_t)kehu_rng_below(&r, i + 1);
        kehu_summary_row t = s->rows[i];
        int tl = label[i];
        s->rows[i] = s->rows[j];
        s->rows[j] = t;
        label[i] = label[j];
        label[j] = tl;
    }
    return s;
}

static void free_summary(kehu_summary *s)
{
    free(s->rows);
    free(s);
}

/* Every clustered row's cluster is its blob, and idle rows are skipped. */
static int recovered(const kehu_summary *s, const int *label,
                     const kehu_clustering *c)
{
    size_t i, m = 0;

    for (i = 0; i < s->n; i++) {
        if (label[i] < 0) {
            continue;
        }
        if (m >= c->n || c->row[m] != i || c->cluster[m] != label[i]) {
            return 0;
        }
        m++;
    }
    return m == c->n;
}

static void test_blobs(void)
{
    int label[300];
    kehu_summary *s = blobs(7, 15, label);
    kehu_cluster_options o;
    kehu_clustering *c = NULL, *c2 = NULL;
    size_t total = 0;
    int h;

    kehu_cluster_options_init(&o);
    o.k = 3;
    CHECK_EQ_I64(kehu_cluster_compute(s, &o, &c), KEHU_OK);
    if (c == NULL) {
        free_summary(s);
        return;
    }
    CHECK_EQ_I64(c->n, 220);
    CHECK_EQ_I64(c->k, 3);
    CHECK(recovered(s, label, c));
    CHECK_EQ_I64(c->n_tried, 0);
    for (h = 0; h < 3; h++) {
        CHECK_EQ_I64(c->clusters[h].customers, blob_n[h]);
        CHECK_NEAR(c->clusters[h].share, (double)blob_n[h] / 220.0, 1e-12);
        total += c->clusters[h].customers;
        /* raw means near the centres (noise 10-20%) */
        CHECK(fabs(log(c->clusters[h].monetary_mean / blob_c[h][2])) < 0.15);
        CHECK(fabs(log(c->clusters[h].days_since_last_mean / blob_c[h][0])) <
              0.15);
    }
    CHECK_EQ_I64(total, 220);
    CHECK(c->clusters[0].monetary_mean > c->clusters[1].monetary_mean);
    CHECK(c->clusters[1].monetary_mean > c->clusters[2].monetary_mean);
    /* standardized means: monetary highest for cluster 0, recency lowest */
    CHECK(c->clusters[0].z_mean[2] > 0 && c->clusters[2].z_mean[2] < 0);
    CHECK(c->clusters[0].z_mean[0] < 0 && c->clusters[2].z_mean[0] > 0);
    CHECK(c->silhouette > 0.7 && c->silhouette <= 1);
    CHECK_EQ_I64(c->silhouette_n, 220);
    /* standardized: the share-weighted z means are 0; the log monetary
     * mean is the mean of log1p over the buyers */
    {
        double zs[3] = {0, 0, 0}, lm = 0;
        size_t i;
        int j;

        for (h = 0; h < 3; h++) {
            for (j = 0; j < 3; j++) {
                zs[j] += c->clusters[h].share * c->clusters[h].z_mean[j];
            }
        }
        for (j = 0; j < 3; j++) {
            CHECK_NEAR(zs[j], 0, 1e-12);
            CHECK(c->feature_sd[j] > 0.5);
        }
        for (i = 0; i < c->n; i++) {
            lm += log1p(s->rows[c->row[i]].monetary_total);
        }
        CHECK_NEAR(c->feature_mean[2], lm / 220, 1e-12);
    }

    /* Same seed, same result; another seed finds the same partition. */
    CHECK_EQ_I64(kehu_cluster_compute(s, &o, &c2), KEHU_OK);
    if (c2 != NULL) {
        CHECK(memcmp(c->cluster, c2->cluster, c->n * sizeof *c->cluster) == 0);
        CHECK(c->sse == c2->sse && c->silhouette == c2->silhouette);
        kehu_clustering_free(c2);
    }
    o.seed = 12345;
    CHECK_EQ_I64(kehu_cluster_compute(s, &o, &c2), KEHU_OK);
    if (c2 != NULL) {
        CHECK(recovered(s, label, c2));
        kehu_clustering_free(c2);
    }
    kehu_clustering_free(c);

    /* Auto: k = 3 has the best silhouette, the tried list is 2..8. */
    o.k = 0;
    CHECK_EQ_I64(kehu_cluster_compute(s, &o, &c), KEHU_OK);
    if (c != NULL) {
        CHECK_EQ_I64(c->k, 3);
        CHECK(recovered(s, label, c));
        CHECK_EQ_I64(c->n_tried, 7);
        for (h = 0; h < c->n_tried; h++) {
            CHECK_EQ_I64(c->k_tried[h], h + 2);
            CHECK(c->silhouette_tried[h] <= c->silhouette);
        }
        CHECK(c->silhouette == c->silhouette_tried[1]);
        kehu_clustering_free(c);
    }
    /* Auto with a silhouette sample of 60 of the 220. */
    o.silhouette_sample = 60;
    CHECK_EQ_I64(kehu_cluster_compute(s, &o, &c), KEHU_OK);
    if (c != NULL) {
        CHECK_EQ_I64(c->k, 3);
        CHECK_EQ_I64(c->silhouette_n, 60);
        CHECK(recovered(s, label, c));
        kehu_clustering_free(c);
    }
    free_summary(s);
}

static void test_silhouette(void)
{
    /* 1-D {0, 1, 4, 5} in two pairs: s = 7/9, 5/7, 5/7, 7/9, mean 47/63.
     * Adding 10 alone: s = 0 there, the others unchanged: 188/315. */
    const double x[5] = {0, 1, 4, 5, 10};
    const int a[5] = {0, 0, 1, 1, 2};
    const int one[4] = {1, 1, 1, 1};
    const double same[4] = {3, 3, 3, 3};
    int got[4];
    double m = NAN, sse = NAN;

    CHECK_EQ_I64(kehu_silhouette(x, 4, 1, a, 2, &m), KEHU_OK);
    CHECK_NEAR(m, 47.0 / 63, 1e-14);
    CHECK_EQ_I64(kehu_silhouette(x, 5, 1, a, 3, &m), KEHU_OK);
    CHECK_NEAR(m, 188.0 / 315, 1e-14);
    CHECK_EQ_I64(kehu_silhouette(x, 4, 1, one, 2, &m), KEHU_EINVAL);
    CHECK_EQ_I64(kehu_silhouette(x, 4, 1, a, 1, &m), KEHU_EINVAL);

    /* k-means of the same points: the two pairs, SSE 4 * 0.25 = 1. */
    CHECK_EQ_I64(kehu_kmeans(x, 4, 1, 2, 1, 5, 100, got, &sse), KEHU_OK);
    CHECK(got[0] == got[1] && got[2] == got[3] && got[0] != got[2]);
    CHECK_NEAR(sse, 1, 1e-14);
    CHECK_EQ_I64(kehu_kmeans(x, 4, 1, 5, 1, 5, 100, got, &sse), KEHU_EINVAL);
    CHECK_EQ_I64(kehu_kmeans(same, 4, 1, 2, 1, 5, 100, got, &sse), KEHU_EIDENT);
    CHECK_EQ_I64(kehu_kmeans(same, 4, 1, 1, 1, 5, 100, got, &sse), KEHU_OK);
    CHECK_NEAR(sse, 0, 1e-14);
}

/* On random points with overlapping groups, the result is a fixed point
 * of Lloyd's iteration: every point's nearest centre (the means of the
 * assignment, lowest index on ties) is its own, and sse is the sum of
 * squares to those means. Catches a bound that skips a point wrongly. */
static void test_fixed_point(void)
{
    enum { N = 600, D = 3, K = 7 };
    static double x[N * D];
    double c[K * D], sse = NAN, sum = 0;
    size_t cnt[K];
    int a[N], i, j, h, bad = 0;
    kehu_rng r;

    kehu_rng_seed(&r, 99);
    for (i = 0; i < N; i++) {
        double centre = (double)(i % 4);
        for (j = 0; j < D; j++) {
            x[i * D + j] = centre * (j + 1) * 0.7 + kehu_rng_normal(&r);
        }
    }
    CHECK_EQ_I64(kehu_kmeans(x, N, D, K, 5, 3, 10000, a, &sse), KEHU_OK);
    memset(c, 0, sizeof c);
    memset(cnt, 0, sizeof cnt);
    for (i = 0; i < N; i++) {
        cnt[a[i]]++;
        for (j = 0; j < D; j++) {
            c[a[i] * D + j] += x[i * D + j];
        }
    }
    for (h = 0; h < K; h++) {
        CHECK(cnt[h] > 0);
        for (j = 0; j < D && cnt[h] > 0; j++) {
            c[h * D + j] /= (double)cnt[h];
        }
    }
    for (i = 0; i < N; i++) {
        double best = INFINITY;
        int arg = -1;
        for (h = 0; h < K; h++) {
            double t = 0;
            for (j = 0; j < D; j++) {
                t += (x[i * D + j] - c[h * D + j]) *
                     (x[i * D + j] - c[h * D + j]);
            }
            if (t < best) {
                best = t;
                arg = h;
            }
        }
        bad += arg != a[i];
        sum += best;
    }
    CHECK_EQ_I64(bad, 0);
    CHECK_NEAR(sse, sum, 1e-9);
}

static void test_edges(void)
{
    kehu_summary_row rows[4] = {{0}};
    kehu_summary s;
    kehu_cluster_options o;
    kehu_clustering *c = (kehu_clustering *)&s;
    size_t i;

    memset(&s, 0, sizeof s);
    s.rows = rows;
    s.n = 4;
    s.unit = KEHU_UNIT_DAY;
    kehu_cluster_options_init(&o);
    for (i = 0; i < 4; i++) {
        rows[i].customer = i;
        rows[i].purchase_days = 2;
        rows[i].days_since_last = 30;
        rows[i].monetary_total = 100;
    }
    /* All identical: a clear status, never NaN. */
    CHECK_EQ_I64(kehu_cluster_compute(&s, &o, &c), KEHU_EIDENT);
    CHECK(c == NULL);
    o.k = 2;
    CHECK_EQ_I64(kehu_cluster_compute(&s, &o, &c), KEHU_EIDENT);
    /* Fewer customers than k. */
    o.k = 5;
    CHECK_EQ_I64(kehu_cluster_compute(&s, &o, &c), KEHU_EINVAL);
    o.k = 1;
    CHECK_EQ_I64(kehu_cluster_compute(&s, &o, &c), KEHU_EINVAL);
    /* Two distinct points, two constant features (sd 1, z 0): auto tries
     * k = 2 only. The return (-50) counts as 0 spend. */
    rows[1].monetary_total = -50;
    rows[3].monetary_total = 0;
    rows[2].purchase_days = 0; /* not a buyer: skipped */
    o.k = 0;
    CHECK_EQ_I64(kehu_cluster_compute(&s, &o, &c), KEHU_OK);
    if (c != NULL) {
        CHECK_EQ_I64(c->n, 3);
        CHECK_EQ_I64(c->k, 2);
        CHECK_EQ_I64(c->n_tried, 1);
        CHECK_EQ_I64(c->row[0], 0);
        CHECK_EQ_I64(c->row[2], 3);
        CHECK_EQ_I64(c->cluster[0], 0); /* spends 100 */
        CHECK_EQ_I64(c->cluster[1], 1);
        CHECK_EQ_I64(c->cluster[2], 1);
        CHECK_NEAR(c->clusters[1].monetary_mean, -25, 1e-12);
        CHECK_NEAR(c->feature_sd[0], 1, 0);
        CHECK_NEAR(c->clusters[0].z_mean[0], 0, 1e-12);
        CHECK_NEAR(c->silhouette, 2.0 / 3, 1e-12); /* 1, 1, 0 singleton */
        CHECK(isfinite(c->clusters[0].z_mean[2]));
        kehu_clustering_free(c);
    }
    /* Auto needs 3 buyers. */
    /* cppcheck-suppress unreadVariable ; s points at rows */
    rows[3].purchase_days = 0;
    CHECK_EQ_I64(kehu_cluster_compute(&s, &o, &c), KEHU_EINVAL);
    kehu_clustering_free(NULL);
}

static void test_oom(void)
{
    int label[300], k;
    kehu_summary *s = blobs(3, 0, label);
    kehu_cluster_options o;
    kehu_clustering *c;
    kehu_status rc = KEHU_ENOMEM;

    kehu_cluster_options_init(&o);
    for (k = 1; k < 200 && rc == KEHU_ENOMEM; k++) {
        oom_begin(k);
        rc = kehu_cluster_compute(s, &o, &c);
        oom_end();
        CHECK(rc == KEHU_OK || rc == KEHU_ENOMEM);
        CHECK((rc == KEHU_OK) == (c != NULL));
        kehu_clustering_free(c);
    }
    CHECK_EQ_I64(rc, KEHU_OK);
    free_summary(s);
}

/* 70,000 points: the restarts run on two threads. The assignment is
 * the one the SSE belongs to, no worse than the first restart alone, and
 * the same run after run. */
static void test_two_threads(void)
{
    enum { N = 70000, D = 2 };
    static double x[N * D];
    static int a1[N], a4[N], again[N];
    double sse1 = 0, sse4 = 0, sse_again = 0, c[3][D] = {{0}}, sum = 0;
    size_t i, n[3] = {0, 0, 0};
    kehu_rng r;
    int h, same = 1;

    kehu_rng_seed(&r, 3);
    for (i = 0; i < N; i++) {
        x[i * D] = (double)(i % 3) * 4 + kehu_rng_normal(&r) * 1.5;
        x[i * D + 1] = (double)(i % 3 == 1) * 3 + kehu_rng_normal(&r) * 1.5;
    }
    CHECK(kehu_kmeans(x, N, D, 3, 9, 1, 100, a1, &sse1) == KEHU_OK);
    CHECK(kehu_kmeans(x, N, D, 3, 9, 4, 100, a4, &sse4) == KEHU_OK);
    CHECK(kehu_kmeans(x, N, D, 3, 9, 4, 100, again, &sse_again) == KEHU_OK);
    CHECK(sse4 <= sse1);
    CHECK(sse_again == sse4);
    for (i = 0; i < N; i++) {
        same &= again[i] == a4[i];
        h = a4[i];
        c[h][0] += x[i * D];
        c[h][1] += x[i * D + 1];
        n[h]++;
    }
    CHECK(same);
    for (h = 0; h < 3; h++) {
        c[h][0] /= (double)n[h];
        c[h][1] /= (double)n[h];
    }
    for (i = 0; i < N; i++) {
        double dx = x[i * D] - c[a4[i]][0], dy = x[i * D + 1] - c[a4[i]][1];
        sum += dx * dx + dy * dy;
    }
    CHECK_NEAR(sum, sse4, 1e-6 * sse4);
}

void test_cluster(void)
{
    test_two_threads();
    test_blobs();
    test_silhouette();
    test_fixed_point();
    test_edges();
    test_oom();
}
