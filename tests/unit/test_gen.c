/* SPDX-License-Identifier: MIT */
/* Order simulator: determinism, row invariants, and the simulated process
 * against the BG/NBD and Gamma-Gamma means it is built from. */
#include "check.h"
#include "kehu/alloc.h"
#include "kehu/bgnbd.h"
#include "kehu/date.h"
#include "kehu/gen.h"

#include <stdlib.h>

void test_gen(void);

/* FNV-1a of the whole CSV body, and the row count. */
static uint64_t body_hash(const kehu_gen_params *par, uint64_t *rows)
{
    kehu_gen *g = NULL;
    char buf[4096];
    size_t len, i;
    uint64_t h = 1469598103934665603u;

    *rows = 0;
    if (kehu_gen_new(par, &g) != KEHU_OK) {
        return 0;
    }
    while (kehu_gen_fill(g, buf, sizeof buf, &len) == KEHU_OK) {
        for (i = 0; i < len; i++) {
            h = (h ^ (unsigned char)buf[i]) * 1099511628211u;
            *rows += buf[i] == '\n';
        }
    }
    kehu_gen_free(g);
    return h;
}

static void check_determinism(void)
{
    kehu_gen_params par;
    uint64_t n1, n2, n3, h1, h2, h3;

    kehu_gen_params_init(&par);
    par.customers = 3000;
    par.seed = 17;
    h1 = body_hash(&par, &n1);
    h2 = body_hash(&par, &n2);
    par.seed = 18;
    h3 = body_hash(&par, &n3);
    CHECK(h1 == h2);
    CHECK_EQ_I64(n1, n2);
    CHECK(h1 != h3);
    CHECK(n1 > 3000);
}

/* Every row, checked against the customer's true draws. */
static void check_rows(void)
{
    kehu_gen_params par;
    kehu_gen *g = NULL;
    kehu_gen_row row;
    kehu_gen_stats st;
    const uint64_t n = 2000;
    int32_t *last = calloc(n, sizeof *last);
    uint64_t expect_id = 1, ok = 1, first_ok = 1;
    int32_t prev_day = INT32_MIN;
    kehu_status rc;

    kehu_gen_params_init(&par);
    par.customers = n;
    CHECK(kehu_gen_new(&par, &g) == KEHU_OK);
    if (g == NULL || last == NULL) {
        free(last);
        return;
    }
    while ((rc = kehu_gen_next(g, &row)) == KEHU_OK) {
        kehu_gen_customer cu;
        const char *rname = NULL;

        ok &= row.order_id == expect_id++;
        ok &= row.day >= prev_day && row.day >= par.start_day &&
              row.day <= par.end_day;
        prev_day = row.day;
        ok &= row.customer < n && row.amount_cents > 0 && row.cost_cents >= 0 &&
              row.cost_cents <= row.amount_cents;
        if (row.customer >= n) {
            break;
        }
        ok &= kehu_gen_customer_info(&par, row.customer, &cu) == KEHU_OK;
        ok &= row.region == cu.region && row.branch == cu.branch;
        ok &= row.channel < kehu_gen_dim_values(2, 0, NULL);
        kehu_gen_dim_values(0, row.region, &rname);
        ok &= rname != NULL;
        /* First order on the birth day, then one order per later day. */
        if (last[row.customer] == 0) {
            first_ok &= row.day == cu.birth_day;
        } else {
            ok &= row.day > last[row.customer];
        }
        last[row.customer] = row.day;
    }
    CHECK(rc == KEHU_DONE);
    CHECK(ok);
    CHECK(first_ok);
    kehu_gen_get_stats(g, &st);
    CHECK_EQ_I64(st.customers, n);
    CHECK_EQ_I64(st.rows, expect_id - 1);
    CHECK(st.rows <= st.customers + st.repeat_events);
    CHECK(st.peak_scheduled > 0 && st.peak_scheduled <= n);
    CHECK(kehu_gen_next(g, &row) == KEHU_DONE);
    kehu_gen_free(g);
    free(last);
}

/* Repeat purchases per customer match eq. (7) of BG/NBD averaged over the
 * customers' observation lengths; true parameters and spend match their
 * mixing distributions. */
static void check_process_means(void)
{
    kehu_gen_params par;
    kehu_gen *g = NULL;
    kehu_gen_row row;
    kehu_gen_stats st;
    const uint64_t n = 40000;
    double p4[4], ex = 0, lam = 0, drop = 0, spend = 0, rpc = 0, x;
    uint64_t i;
    int ok = 1;

    kehu_gen_params_init(&par);
    par.customers = n;
    par.seed = 99;
    p4[0] = par.r;
    p4[1] = par.alpha;
    p4[2] = par.a;
    p4[3] = par.b;
    for (i = 0; i < n; i++) {
        kehu_gen_customer cu;

        ok &= kehu_gen_customer_info(&par, i, &cu) == KEHU_OK;
        ok &= kehu_bgnbd_expected(
                  p4, (double)(par.end_day + 1 - cu.birth_day) / 7.0, &x) ==
              KEHU_OK;
        ex += x;
        lam += cu.lambda;
        drop += cu.p;
    }
    CHECK(ok);
    CHECK(kehu_gen_new(&par, &g) == KEHU_OK);
    if (g == NULL) {
        return;
    }
    while (kehu_gen_next(g, &row) == KEHU_OK) {
        spend += (double)row.amount_cents / 100.0;
    }
    kehu_gen_get_stats(g, &st);
    kehu_gen_free(g);
    /* Standard error of the mean count is about 1.3%; 4% is three. */
    CHECK_NEAR((double)st.repeat_events / (double)n, ex / (double)n, 0.04);
    CHECK_NEAR(lam / (double)n, par.r / par.alpha, 0.03);
    CHECK_NEAR(drop / (double)n, par.a / (par.a + par.b), 0.01);
    /* E[amount] = p gamma / (q - 1). */
    CHECK_NEAR(spend / (double)st.rows, par.p * par.gamma / (par.q - 1.0),
               0.04);
    CHECK(kehu_gen_rows_per_customer(&par, 20000, &rpc) == KEHU_OK);
    CHECK_NEAR(rpc, (double)st.rows / (double)n, 0.05);
}

/* With seasonality, the peak month outsells the trough month. */
static void check_seasonality(void)
{
    kehu_gen_params par;
    kehu_gen *g = NULL;
    kehu_gen_row row;
    long nov = 0, may = 0;

    kehu_gen_params_init(&par);
    par.customers = 20000;
    par.birth_fraction = 0.01; /* all join in the first days */
    par.seasonality = 0.8;
    CHECK(kehu_gen_new(&par, &g) == KEHU_OK);
    if (g == NULL) {
        return;
    }
    while (kehu_gen_next(g, &row) == KEHU_OK) {
        int m;

        kehu_date_to_ymd(row.day, NULL, &m, NULL);
        nov += m == 11;
        may += m == 5;
    }
    kehu_gen_free(g);
    CHECK(nov > 3 * may);
}

static void check_errors(void)
{
    kehu_gen_params par, bad;
    kehu_gen *g = NULL;
    kehu_gen_customer cu;
    size_t len;

    kehu_gen_params_init(&par);
    CHECK(kehu_gen_params_check(&par) == KEHU_OK);
    bad = par;
    bad.r = 0;
    CHECK(kehu_gen_params_check(&bad) == KEHU_ERANGE);
    CHECK(kehu_gen_new(&bad, &g) == KEHU_ERANGE && g == NULL);
    bad = par;
    bad.customers = 0;
    CHECK(kehu_gen_params_check(&bad) == KEHU_ERANGE);
    bad = par;
    bad.end_day = par.start_day - 1;
    CHECK(kehu_gen_params_check(&bad) == KEHU_ERANGE);
    bad = par;
    bad.seasonality = 1.0;
    CHECK(kehu_gen_params_check(&bad) == KEHU_ERANGE);
    bad = par;
    bad.birth_fraction = 0;
    CHECK(kehu_gen_params_check(&bad) == KEHU_ERANGE);
    CHECK(kehu_gen_customer_info(&par, par.customers, &cu) == KEHU_ERANGE);
    CHECK(kehu_gen_new(&par, &g) == KEHU_OK);
    if (g != NULL) {
        char small[8];
        CHECK(kehu_gen_fill(g, small, sizeof small, &len) == KEHU_EINVAL);
    }
    kehu_gen_free(g);
    kehu_gen_free(NULL);
    CHECK_STR(kehu_gen_header(&par), "order_id,customer_id,order_date,amount,"
                                     "cost,region,branch,channel\n");
}

/* A hand-checked line. */
static void check_format(void)
{
    kehu_gen_params par;
    kehu_gen *g = NULL;
    kehu_gen_row row = {12345, 41, 0, 100005, 7, 1, 7, 3, 2, 15001};
    char buf[KEHU_GEN_ROW_MAX + 1];
    size_t n;

    kehu_gen_params_init(&par);
    CHECK(kehu_gen_new(&par, &g) == KEHU_OK);
    if (g == NULL) {
        return;
    }
    row.day = kehu_date_from_ymd(2024, 2, 29);
    n = kehu_gen_format(g, &row, buf);
    buf[n] = '\0';
    CHECK_STR(buf, "12345,42,2024-02-29,1000.05,0.07,huanan,shenzhen,"
                   "partner\n");
    kehu_gen_free(g);
    /* --extras adds the category and the discount. */
    par.extras = 1;
    CHECK(kehu_gen_new(&par, &g) == KEHU_OK);
    if (g == NULL) {
        return;
    }
    n = kehu_gen_format(g, &row, buf);
    buf[n] = '\0';
    CHECK_STR(buf, "12345,42,2024-02-29,1000.05,0.07,huanan,shenzhen,"
                   "partner,shuma,150.01\n");
    CHECK_STR(kehu_gen_header(&par), "order_id,customer_id,order_date,amount,"
                                     "cost,region,branch,channel,category,"
                                     "discount\n");
    kehu_gen_free(g);
}

static int fail_at, calls;

static void *failing_malloc(size_t n, void *ctx)
{
    (void)ctx;
    return ++calls == fail_at ? NULL : malloc(n);
}

static void *failing_realloc(void *p, size_t n, void *ctx)
{
    (void)ctx;
    return ++calls == fail_at ? NULL : realloc(p, n);
}

static void plain_free(void *p, void *ctx)
{
    (void)ctx;
    free(p);
}

static void oom_sweep(void)
{
    kehu_allocator al = {failing_malloc, failing_realloc, plain_free, NULL};
    kehu_gen_params par;
    int k, ok = 0, all_ok = 1;

    kehu_gen_params_init(&par);
    par.customers = 300;
    for (k = 1; k < 2000 && !ok; k++) {
        kehu_gen *g = NULL;
        kehu_gen_row row;
        kehu_status rc;

        fail_at = k;
        calls = 0;
        kehu_set_allocator(&al);
        rc = kehu_gen_new(&par, &g);
        while (rc == KEHU_OK) {
            rc = kehu_gen_next(g, &row);
        }
        kehu_gen_free(g);
        kehu_set_allocator(NULL);
        all_ok &= rc == KEHU_DONE || rc == KEHU_ENOMEM;
        ok = rc == KEHU_DONE;
    }
    CHECK(all_ok);
    CHECK(ok);
}

void test_gen(void)
{
    check_determinism();
    check_rows();
    check_process_means();
    check_seasonality();
    check_errors();
    check_format();
    oom_sweep();
}
