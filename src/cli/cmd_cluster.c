/* SPDX-License-Identifier: MIT */
/*
 * `kehu cluster FILE [--k N|auto]`: behaviour clusters of the buying
 * customers (SPEC.md section 4), one row per customer or one per cluster.
 */
#include "cli.h"

#include "kehu/cluster.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static const cli_option options[] = {
    {"k", "N|auto",
     "number of clusters, 2..64, or auto: 2..8 by silhouette (default)"},
    {"seed", "S", "random seed of the seeding and the sample (default 1)"},
    {"view", "V", "customers (default): one row per customer; clusters"},
    {NULL, NULL, NULL},
};

/* clang-format off */
static const out_column customer_cols[] = {
    {"customer_id", "客户编号", OUT_STR, 0},
    {"cluster", "聚类", OUT_INT, 0},
};
static const out_column cluster_cols[] = {
    {"cluster", "聚类", OUT_INT, 0},
    {"customers", "客户数", OUT_INT, 0},
    {"share", "客户占比", OUT_NUM, 4},
    {"days_since_last_mean", "距上次购买天数均值", OUT_NUM, 2},
    {"purchase_days_mean", "购买天数均值", OUT_NUM, 2},
    {"monetary_mean", "消费金额均值", OUT_NUM, 2},
    {"z_recency_mean", "标准化近度均值", OUT_NUM, 4},
    {"z_frequency_mean", "标准化频度均值", OUT_NUM, 4},
    {"z_monetary_mean", "标准化金额均值", OUT_NUM, 4},
    {"silhouette", "轮廓系数", OUT_NUM, 4},
};
/* clang-format on */
#define N_CUSTOMER (sizeof customer_cols / sizeof customer_cols[0])
#define N_CLUSTER  (sizeof cluster_cols / sizeof cluster_cols[0])

static int print_customers(cli_ctx *c, const kehu_ledger *l,
                           const kehu_summary *s, const kehu_clustering *k)
{
    out_table *t =
        out_table_begin(c->out, c->fmt, c->lang, customer_cols, N_CUSTOMER);
    size_t i;

    if (t == NULL) {
        return cli_error(c, 1, "out of memory");
    }
    for (i = 0; i < k->n; i++) {
        kehu_customer cu;

        kehu_ledger_customer(l, s->rows[k->row[i]].customer, &cu);
        out_strn(t, cu.id.ptr, cu.id.len);
        out_int(t, (int64_t)k->cluster[i] + 1);
    }
    return out_table_end(t) == 0 ? 0 : cli_error(c, 1, "writing failed");
}

static int print_clusters(cli_ctx *c, const kehu_clustering *k)
{
    out_table *t =
        out_table_begin(c->out, c->fmt, c->lang, cluster_cols, N_CLUSTER);
    int h, j;

    if (t == NULL) {
        return cli_error(c, 1, "out of memory");
    }
    for (h = 0; h < k->k; h++) {
        const kehu_cluster *q = &k->clusters[h];

        out_int(t, (int64_t)h + 1);
        out_int(t, (int64_t)q->customers);
        out_num(t, q->share);
        out_num(t, q->days_since_last_mean);
        out_num(t, q->purchase_days_mean);
        out_num(t, q->monetary_mean);
        for (j = 0; j < KEHU_CLUSTER_DIM; j++) {
            out_num(t, q->z_mean[j]);
        }
        out_num(t, k->silhouette);
    }
    return out_table_end(t) == 0 ? 0 : cli_error(c, 1, "writing failed");
}

static int parse_options(cli_ctx *c, kehu_cluster_options *o, int *by_cluster)
{
    const char *k = cli_get(c, "k"), *seed = cli_get(c, "seed");
    const char *view = cli_get(c, "view");
    char *end;

    kehu_cluster_options_init(o);
    if (k != NULL && strcmp(k, "auto") != 0) {
        long v;

        errno = 0;
        v = strtol(k, &end, 10);
        if (end == k || *end != '\0' || errno != 0 || v < 2 ||
            v > KEHU_CLUSTER_K_MAX) {
            return cli_error(c, 2, "--k %s: give a whole number 2..%d or auto",
                             k, KEHU_CLUSTER_K_MAX);
        }
        o->k = (int)v;
    }
    if (seed != NULL) {
        unsigned long long v;

        errno = 0;
        v = strtoull(seed, &end, 10);
        if (end == seed || *end != '\0' || errno != 0 || seed[0] == '-') {
            return cli_error(c, 2, "--seed %s: not a non-negative integer",
                             seed);
        }
        o->seed = (uint64_t)v;
    }
    *by_cluster = 0;
    if (view != NULL) {
        if (strcmp(view, "clusters") == 0) {
            *by_cluster = 1;
        } else if (strcmp(view, "customers") != 0) {
            return cli_error(c, 2, "--view %s: use customers or clusters",
                             view);
        }
    }
    return 0;
}

static int cluster_error(cli_ctx *c, kehu_status rc, size_t buyers, int k)
{
    if (rc == KEHU_EINVAL && k == 0) {
        return cli_error(c, 2,
                         "%zu buying customers: too few for --k auto "
                         "(needs at least 3)",
                         buyers);
    }
    if (rc == KEHU_EINVAL) {
        return cli_error(c, 2, "%zu buying customers: too few for %d clusters",
                         buyers, k);
    }
    if (rc == KEHU_EIDENT) {
        return cli_error(c, 2,
                         "the customers are too alike: fewer distinct "
                         "customers than %s clusters",
                         k > 0 ? "the" : "2");
    }
    return cli_error(c, cli_exit_code(rc), "clustering failed: %s",
                     kehu_strerror(rc));
}

static int run(cli_ctx *c)
{
    kehu_cluster_options co;
    kehu_ledger *l;
    kehu_summary_options o;
    kehu_summary *s = NULL;
    kehu_clustering *k = NULL;
    kehu_status rc;
    int code, by_cluster;

    if (c->nargs != 1) {
        return cli_error(c, 2,
                         "give one transaction file (see kehu cluster "
                         "--help)");
    }
    code = parse_options(c, &co, &by_cluster);
    if (code != 0) {
        return code;
    }
    code = cli_load_ledger(c, c->args[0], &l);
    if (code != 0) {
        return code;
    }
    code = cli_summary_options(c, l, &o);
    if (code == 0) {
        o.include_idle = 0;
        code = cli_summary(c, l, &o, &s);
    }
    if (code == 0) {
        /* Without idle rows every summary row is a buyer. */
        rc = kehu_cluster_compute(s, &co, &k);
        if (rc != KEHU_OK) {
            code = cluster_error(c, rc, s->n, co.k);
        }
    }
    if (code == 0 && !c->quiet) {
        int j;

        for (j = 0; j < k->n_tried; j++) {
            fprintf(stderr, "kehu cluster: k=%d silhouette %.4f%s\n",
                    k->k_tried[j], k->silhouette_tried[j],
                    k->k_tried[j] == k->k ? " (chosen)" : "");
        }
        fprintf(stderr,
                "kehu cluster: %zu customers in %d clusters, silhouette "
                "%.4f on %zu customers\n",
                k->n, k->k, k->silhouette, k->silhouette_n);
    }
    if (code == 0) {
        code = by_cluster ? print_clusters(c, k) : print_customers(c, l, s, k);
    }
    kehu_clustering_free(k);
    kehu_summary_free(s);
    kehu_ledger_free(l);
    return code;
}

const cli_command cli_cmd_cluster = {
    "cluster",
    "behaviour clusters: k-means of recency, frequency, monetary (SPEC 4)",
    "FILE [--k N|auto] [--seed S] [--view customers|clusters] [options]",
    "Clusters the customers with a purchase in the window (as of --as-of,\n"
    "over --since/--window) by three features: log1p(days_since_last),\n"
    "log1p(purchase_days) and log1p(monetary_total, negative taken as 0),\n"
    "each standardized to mean 0 and standard deviation 1 (a constant\n"
    "feature is left unscaled). k-means: k-means++ seeding from --seed,\n"
    "5 restarts keeping the lowest within-cluster sum of squares, Lloyd's\n"
    "iterations until no customer moves (at most 100). --k auto tries k =\n"
    "2..8 and keeps the highest mean silhouette, computed on a\n"
    "deterministic sample of at most 2,000 customers (silhouette is\n"
    "quadratic); each k's silhouette is printed on stderr unless --quiet.\n"
    "Clusters are numbered 1.. by descending mean monetary_total. The\n"
    "customers view gives each customer's cluster in id order; the clusters\n"
    "view gives size, share, means of the raw features\n"
    "(days_since_last, purchase_days, monetary_total), means of the\n"
    "standardized features (z_*) and the silhouette of the result. Same\n"
    "file and seed, same clusters. Too few customers, or fewer distinct\n"
    "customers than k, is an error (exit 2).",
    options,
    1,
    run,
    NULL,
};
