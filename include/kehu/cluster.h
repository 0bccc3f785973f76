/* SPDX-License-Identifier: MIT */
/*
 * Behaviour clusters (docs/classification.md): k-means over three standardized
 * log features of each buying customer, log1p(days_since_last),
 * log1p(purchase_days) and log1p(max(monetary_total, 0)), each scaled to
 * mean 0 and standard deviation 1 (a constant feature keeps sd 1).
 * Lloyd's algorithm from k-means++ seeds, several restarts from a fixed
 * seed keeping the lowest within-cluster sum of squares; with k = 0 (auto)
 * k runs over 2..8 and the highest mean silhouette wins, measured on a
 * deterministic sample of at most `silhouette_sample` customers.
 * Clusters are numbered by descending mean monetary_total. Deterministic:
 * the same input and seed give the same result on every platform.
 */
#ifndef KEHU_CLUSTER_H
#define KEHU_CLUSTER_H

#include "kehu/status.h"
#include "kehu/summary.h"

#include <stddef.h>
#include <stdint.h>

#define KEHU_CLUSTER_DIM      3  /* features per customer */
#define KEHU_CLUSTER_AUTO_MIN 2  /* k tried by auto: 2.. */
#define KEHU_CLUSTER_AUTO_MAX 8  /* ..8 */
#define KEHU_CLUSTER_K_MAX    64 /* largest k accepted */

typedef struct kehu_cluster_options {
    int k;                    /* 2..KEHU_CLUSTER_K_MAX, or 0 for auto */
    uint64_t seed;            /* seeds k-means++ and the silhouette sample */
    int restarts;             /* k-means runs per k, best SSE kept (>= 1) */
    int max_iter;             /* Lloyd iterations per run (>= 1) */
    size_t silhouette_sample; /* at most this many points (>= 2) */
} kehu_cluster_options;

/* Defaults: auto k, seed 1, 5 restarts, 100 iterations, sample 2000. */
void kehu_cluster_options_init(kehu_cluster_options *o);

typedef struct kehu_cluster {
    size_t customers;
    double share;                /* customers / clustered customers */
    double days_since_last_mean; /* raw feature means */
    double purchase_days_mean;
    double monetary_mean;            /* monetary_total, returns included */
    double z_mean[KEHU_CLUSTER_DIM]; /* standardized feature means */
} kehu_cluster;

typedef struct kehu_clustering {
    size_t n;     /* clustered customers: rows with a purchase */
    size_t *row;  /* n indices into the summary's rows, ascending */
    int *cluster; /* n cluster numbers 0..k-1 (0: highest mean
                     monetary) */
    int k;
    kehu_cluster *clusters; /* k */
    double silhouette;      /* mean silhouette of the result (sample) */
    size_t silhouette_n;    /* points in the silhouette sample */
    double sse;             /* within-cluster sum of squares (standardized) */
    int n_tried;            /* k values tried by auto (0 when k given) */
    int k_tried[KEHU_CLUSTER_AUTO_MAX];
    double silhouette_tried[KEHU_CLUSTER_AUTO_MAX];
    double feature_mean[KEHU_CLUSTER_DIM]; /* of the log features */
    double feature_sd[KEHU_CLUSTER_DIM];
} kehu_clustering;

/*
 * Cluster the buying customers (purchase_days > 0) of s. Returns
 * KEHU_EINVAL for bad options or fewer buying customers than k (auto: than
 * 3), KEHU_EIDENT when there are fewer distinct customers (in feature
 * space) than k (auto: than 2), KEHU_ENOMEM. OUT: *out, freed with
 * kehu_clustering_free.
 */
kehu_status kehu_cluster_compute(const kehu_summary *s,
                                 const kehu_cluster_options *o,
                                 kehu_clustering **out);
void kehu_clustering_free(kehu_clustering *c);

/*
 * Building blocks on n points of d coordinates (row-major x).
 *
 * kehu_kmeans: k-means of x into k clusters (restarts, max_iter, seed as
 * in the options), no standardization. OUT: assign[n] (0..k-1 in seeding
 * order), *sse. KEHU_EIDENT when x has fewer than k distinct points,
 * KEHU_EINVAL for k < 1 or n < k, KEHU_ENOMEM.
 */
kehu_status kehu_kmeans(const double *x, size_t n, size_t d, int k,
                        uint64_t seed, int restarts, int max_iter, int *assign,
                        double *sse);
/*
 * Mean silhouette of the assignment over all n points, Euclidean distance:
 * s(i) = (b - a) / max(a, b), a the mean distance to the other members of
 * i's cluster, b the smallest mean distance to another cluster's members;
 * s(i) = 0 for a point alone in its cluster or when a = b = 0. Needs at
 * least 2 nonempty clusters (else KEHU_EINVAL). OUT: *mean.
 */
kehu_status kehu_silhouette(const double *x, size_t n, size_t d,
                            const int *assign, int k, double *mean);

#endif
