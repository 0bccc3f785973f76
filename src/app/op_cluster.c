/* SPDX-License-Identifier: MIT */
/*
 * cluster: behaviour clusters of the buying customers (k-means of
 * recency, frequency and monetary), one row per customer or one per
 * cluster. The silhouette of each k tried and the result are notes.
 */
#include "window.h"

#include "kehu/alloc.h"
#include "kehu/app/op.h"
#include "kehu/cluster.h"

#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

typedef struct cluster_opts {
    const char *k;    /* "N" or "auto"; NULL: auto */
    const char *seed; /* NULL: the default */
    int view;         /* index into view_choices */
    kehu__window win;
} cluster_opts;

static const char *const view_choices[] = {"customers", "clusters", NULL};

static const kehu_param rows[] = {
    {"k", KEHU_PARAM_TEXT, offsetof(cluster_opts, k), NULL, 0, -1, NULL,
     "N|auto",
     "number of clusters, 2..64, or auto: 2..8 by silhouette (default)"},
    {"seed", KEHU_PARAM_TEXT, offsetof(cluster_opts, seed), NULL, 0, -1, NULL,
     "S", "random seed of the seeding and the sample (default 1)"},
    {"view", KEHU_PARAM_CHOICE, offsetof(cluster_opts, view), "customers", 0,
     -1, view_choices, "V",
     "customers (default): one row per customer; clusters"},
    {NULL, 0, 0, NULL, 0, 0, NULL, NULL, NULL},
};

static const kehu_param_group params[] = {
    {rows, 0},
    {kehu__window_params, offsetof(cluster_opts, win)},
    {NULL, 0},
};

static const kehu_column customer_cols[] = {
    {"customer_id", KEHU_COL_STR, 0, NULL},
    {"cluster", KEHU_COL_INT, 0, NULL},
};

static const kehu_column cluster_cols[] = {
    {"cluster", KEHU_COL_INT, 0, NULL},
    {"customers", KEHU_COL_INT, 0, "customers"},
    {"share", KEHU_COL_NUM, 4, "share"},
    {"days_since_last_mean", KEHU_COL_NUM, 2, "days"},
    {"purchase_days_mean", KEHU_COL_NUM, 2, NULL},
    {"monetary_mean", KEHU_COL_NUM, 2, "money"},
    {"z_recency_mean", KEHU_COL_NUM, 4, NULL},
    {"z_frequency_mean", KEHU_COL_NUM, 4, NULL},
    {"z_monetary_mean", KEHU_COL_NUM, 4, NULL},
    {"silhouette", KEHU_COL_NUM, 4, NULL},
};
#define N_CUSTOMER (sizeof customer_cols / sizeof customer_cols[0])
#define N_CLUSTER  (sizeof cluster_cols / sizeof cluster_cols[0])

typedef struct table_data {
    const kehu_ledger *l;
    kehu_summary *s;
    kehu_clustering *k;
} table_data;

static void table_data_free(void *p)
{
    table_data *d = p;

    kehu_clustering_free(d->k);
    kehu_summary_free(d->s);
    kehu_free(d);
}

static kehu_status emit_customers(const void *data, const kehu_cells *out)
{
    const table_data *d = data;
    const kehu_clustering *k = d->k;
    size_t i;

    for (i = 0; i < k->n; i++) {
        kehu_customer cu;
        kehu_ledger_customer(d->l, d->s->rows[k->row[i]].customer, &cu);
        kehu_cell_strn(out, cu.id.ptr, cu.id.len);
        kehu_cell_int(out, (int64_t)k->cluster[i] + 1);
    }
    return KEHU_OK;
}

static kehu_status emit_clusters(const void *data, const kehu_cells *out)
{
    const kehu_clustering *k = ((const table_data *)data)->k;
    int h, j;

    for (h = 0; h < k->k; h++) {
        const kehu_cluster *q = &k->clusters[h];
        kehu_cell_int(out, (int64_t)h + 1);
        kehu_cell_int(out, (int64_t)q->customers);
        kehu_cell_num(out, q->share);
        kehu_cell_num(out, q->days_since_last_mean);
        kehu_cell_num(out, q->purchase_days_mean);
        kehu_cell_num(out, q->monetary_mean);
        for (j = 0; j < KEHU_CLUSTER_DIM; j++) {
            kehu_cell_num(out, q->z_mean[j]);
        }
        kehu_cell_num(out, k->silhouette);
    }
    return KEHU_OK;
}

/* k and seed of o into co. KEHU_EINVAL with err for a bad value. */
static kehu_status parse_options(const cluster_opts *o,
                                 kehu_cluster_options *co, kehu_error *err)
{
    char *end;

    kehu_cluster_options_init(co);
    if (o->k != NULL && strcmp(o->k, "auto") != 0) {
        long v;
        errno = 0;
        v = strtol(o->k, &end, 10);
        if (end == o->k || *end != '\0' || errno != 0 || v < 2 ||
            v > KEHU_CLUSTER_K_MAX) {
            return kehu_error_set(err, KEHU_EINVAL,
                                  "--k %s: give a whole number 2..%d or auto",
                                  o->k, KEHU_CLUSTER_K_MAX);
        }
        co->k = (int)v;
    }
    if (o->seed != NULL) {
        unsigned long long v;
        errno = 0;
        v = strtoull(o->seed, &end, 10);
        if (end == o->seed || *end != '\0' || errno != 0 || o->seed[0] == '-') {
            return kehu_error_set(err, KEHU_EINVAL,
                                  "--seed %s: not a non-negative integer",
                                  o->seed);
        }
        co->seed = (uint64_t)v;
    }
    return KEHU_OK;
}

static kehu_status cluster_error(kehu_status rc, size_t buyers, int k,
                                 kehu_error *err)
{
    if (rc == KEHU_EINVAL && k == 0) {
        return kehu_error_set(err, rc,
                              "%zu buying customers: too few for --k auto "
                              "(needs at least 3)",
                              buyers);
    }
    if (rc == KEHU_EINVAL) {
        return kehu_error_set(err, rc,
                              "%zu buying customers: too few for %d clusters",
                              buyers, k);
    }
    if (rc == KEHU_EIDENT) {
        return kehu_error_set(err, rc,
                              "the customers are too alike: fewer distinct "
                              "customers than %s clusters",
                              k > 0 ? "the" : "2");
    }
    return kehu_error_set(err, rc, "clustering failed: %s", kehu_strerror(rc));
}

/* The silhouette of each k tried, then the result. */
static kehu_status notes(kehu_result *out, const kehu_clustering *k)
{
    kehu_note *n;
    kehu_status rc = KEHU_OK;
    int j;

    for (j = 0; j < k->n_tried && rc == KEHU_OK; j++) {
        rc = kehu_result_note(out, KEHU_NOTE_INFO, "silhouette", &n,
                              "kehu cluster: k=%d silhouette %.4f%s",
                              k->k_tried[j], k->silhouette_tried[j],
                              k->k_tried[j] == k->k ? " (chosen)" : "");
        if (rc == KEHU_OK) {
            rc = kehu_note_num(out, n, "k", k->k_tried[j]);
        }
        if (rc == KEHU_OK) {
            rc = kehu_note_num(out, n, "silhouette", k->silhouette_tried[j]);
        }
    }
    if (rc == KEHU_OK) {
        rc = kehu_result_note(out, KEHU_NOTE_INFO, "cluster", &n,
                              "kehu cluster: %zu customers in %d clusters, "
                              "silhouette %.4f on %zu customers",
                              k->n, k->k, k->silhouette, k->silhouette_n);
    }
    if (rc == KEHU_OK) {
        rc = kehu_note_num(out, n, "customers", (double)k->n);
    }
    if (rc == KEHU_OK) {
        rc = kehu_note_num(out, n, "k", k->k);
    }
    if (rc == KEHU_OK) {
        rc = kehu_note_num(out, n, "silhouette", k->silhouette);
    }
    return rc;
}

static kehu_status run(const kehu_op_ctx *c, kehu_result *out)
{
    const cluster_opts *o = c->opts;
    kehu_cluster_options co;
    kehu_summary_options so;
    table_data *d = kehu_calloc(1, sizeof *d);
    kehu_status rc;

    if (d == NULL) {
        return KEHU_ENOMEM;
    }
    d->l = c->data->ledger;
    rc = kehu_result_keep(out, d, table_data_free);
    if (rc == KEHU_OK) {
        rc = parse_options(o, &co, c->err);
    }
    if (rc == KEHU_OK) {
        rc = kehu__window_summary(&o->win, d->l, &so, c->err);
    }
    if (rc == KEHU_OK) {
        so.include_idle = 0;
        rc = kehu_summary_compute(d->l, &so, &d->s);
        if (rc != KEHU_OK) {
            return kehu_error_set(c->err, rc, "summary failed: %s",
                                  kehu_strerror(rc));
        }
        /* Without idle rows every summary row is a buyer. */
        rc = kehu_cluster_compute(d->s, &co, &d->k);
        if (rc != KEHU_OK) {
            return cluster_error(rc, d->s->n, co.k, c->err);
        }
        rc = notes(out, d->k);
    }
    if (rc != KEHU_OK) {
        return rc;
    }
    if (o->view == 1) {
        return kehu_result_table(out, "clusters", cluster_cols, N_CLUSTER,
                                 emit_clusters, d, NULL);
    }
    return kehu_result_table(out, "cluster", customer_cols, N_CUSTOMER,
                             emit_customers, d, NULL);
}

static kehu_status check(const kehu_params *p, kehu_error *err)
{
    kehu_cluster_options co;

    return parse_options(p->opts, &co, err);
}

static void init(void *opts)
{
    kehu__window_init(&((cluster_opts *)opts)->win);
}

const kehu_op kehu_op_cluster = {
    "cluster",
    "behaviour clusters: k-means of recency, frequency, monetary",
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
    params,
    sizeof(cluster_opts),
    init,
    KEHU_NEEDS_LEDGER,
    check,
    run,
};
