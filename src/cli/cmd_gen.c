/* SPDX-License-Identifier: MIT */
/*
 * `kehu gen`: write a synthetic order log (include/kehu/gen.h) as CSV:
 * order_id,customer_id,order_date,amount,cost,region,branch,channel.
 * Deterministic for given options. --rows picks the customer count that
 * gives about that many rows.
 */
#include "cli.h"

#include "kehu/alloc.h"
#include "kehu/date.h"
#include "kehu/gen.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define WRITE_BUF   (1u << 20)
#define ROWS_SAMPLE 50000 /* customers simulated to estimate rows/customer */

static const cli_option options[] = {
    {"customers", "N", "number of customers (default 1000)"},
    {"rows", "N", "about N rows: choose the customer count for it"},
    {"rows-target", "N", "the same as --rows"},
    {"seed", "S", "random seed (default 1)"},
    {"start", "DATE", "first order date (default 2023-01-01)"},
    {"end", "DATE", "last order date (default 2025-12-31)"},
    {"birth-fraction", "F",
     "customers join over this share of the span "
     "(default 0.5)"},
    {"r", "X", "purchase rate lambda ~ Gamma(r, alpha) per week (0.243)"},
    {"alpha", "X", "(4.414)"},
    {"a", "X", "dropout p ~ Beta(a, b) after each repeat purchase (0.793)"},
    {"b", "X", "(2.426)"},
    {"p", "X", "order amount ~ Gamma(p, nu) (6.25)"},
    {"q", "X", "nu ~ Gamma(q, gamma) (3.74)"},
    {"gamma", "X", "(15.44)"},
    {"seasonality", "S",
     "yearly rate swing in [0, 1), peak late November "
     "(default 0)"},
    {"extras", NULL,
     "also write category and discount columns (for the needs-based "
     "type); the orders are the same as without"},
    {NULL, NULL, NULL},
};

static int opt_u64(const cli_ctx *c, const char *name, uint64_t *out)
{
    const char *v = cli_get(c, name);
    char *end;
    unsigned long long x;

    if (v == NULL) {
        return 0;
    }
    x = strtoull(v, &end, 10);
    if (end == v || *end != '\0' || v[0] == '-') {
        return cli_error(c, 2, "--%s %s: not a non-negative integer", name, v);
    }
    *out = (uint64_t)x;
    return 0;
}

static int read_params(cli_ctx *c, kehu_gen_params *par)
{
    int rc = 0;

    kehu_gen_params_init(par);
    rc |= opt_u64(c, "customers", &par->customers);
    rc |= opt_u64(c, "seed", &par->seed);
    rc |= cli_opt_day(c, "start", &par->start_day);
    rc |= cli_opt_day(c, "end", &par->end_day);
    rc |= cli_opt_double(c, "birth-fraction", &par->birth_fraction);
    rc |= cli_opt_double(c, "r", &par->r);
    rc |= cli_opt_double(c, "alpha", &par->alpha);
    rc |= cli_opt_double(c, "a", &par->a);
    rc |= cli_opt_double(c, "b", &par->b);
    rc |= cli_opt_double(c, "p", &par->p);
    rc |= cli_opt_double(c, "q", &par->q);
    rc |= cli_opt_double(c, "gamma", &par->gamma);
    rc |= cli_opt_double(c, "seasonality", &par->seasonality);
    par->extras = cli_has(c, "extras");
    if (rc != 0) {
        return 2;
    }
    if (kehu_gen_params_check(par) != KEHU_OK) {
        return cli_error(c, 2,
                         "parameters out of range: customers 1.., "
                         "positive r alpha a b p q gamma, start <= "
                         "end, birth-fraction in (0, 1], seasonality "
                         "in [0, 1)");
    }
    return 0;
}

/* --rows N: the customer count whose expected row count is N. */
static int customers_for_rows(cli_ctx *c, kehu_gen_params *par)
{
    uint64_t rows = 0;
    double per;
    kehu_status rc;
    const char *name = cli_has(c, "rows") ? "rows" : "rows-target";

    if (!cli_has(c, name)) {
        return 0;
    }
    if (cli_has(c, "customers")) {
        return cli_error(c, 2, "give --customers or --%s, not both", name);
    }
    if (opt_u64(c, name, &rows) != 0) {
        return 2;
    }
    rc = kehu_gen_rows_per_customer(par, ROWS_SAMPLE, &per);
    if (rc != KEHU_OK) {
        return cli_error(c, cli_exit_code(rc), "estimating rows: %s",
                         kehu_strerror(rc));
    }
    par->customers = (uint64_t)ceil((double)rows / per);
    if (par->customers < 1) {
        par->customers = 1;
    }
    if (kehu_gen_params_check(par) != KEHU_OK) {
        return cli_error(c, 2, "--%s %llu: too many rows", name,
                         (unsigned long long)rows);
    }
    return 0;
}

static int write_all(cli_ctx *c, const kehu_gen_params *par, kehu_gen *g,
                     char *buf)
{
    const char *h = kehu_gen_header(par);
    kehu_gen_stats st;
    size_t len;
    kehu_status rc;
    unsigned long n = 0;

    if (fwrite(h, 1, strlen(h), c->out) != strlen(h)) {
        return cli_error(c, 1, "writing failed");
    }
    while ((rc = kehu_gen_fill(g, buf, WRITE_BUF, &len)) == KEHU_OK) {
        if (fwrite(buf, 1, len, c->out) != len) {
            return cli_error(c, 1, "writing failed");
        }
        if ((++n & 15) == 0) {
            kehu_gen_get_stats(g, &st);
            cli_progress(c, "generating", (uint64_t)st.days_done,
                         (uint64_t)st.days);
        }
    }
    if (rc != KEHU_DONE) {
        return cli_error(c, cli_exit_code(rc), "generating failed: %s",
                         kehu_strerror(rc));
    }
    kehu_gen_get_stats(g, &st);
    cli_progress(c, "generating", 1, 1);
    if (!c->quiet) {
        fprintf(stderr, "kehu gen: %llu rows, %llu customers%s%s\n",
                (unsigned long long)st.rows, (unsigned long long)st.customers,
                c->out_path ? " -> " : "", c->out_path ? c->out_path : "");
    }
    return 0;
}

static int run(cli_ctx *c)
{
    kehu_gen_params par;
    kehu_gen *g = NULL;
    char *buf;
    int code;
    kehu_status rc;

    if (c->nargs != 0) {
        return cli_error(c, 2,
                         "no positional arguments; write to a file "
                         "with -o FILE");
    }
    if (cli_get(c, "format") != NULL && c->fmt != OUT_CSV) {
        return cli_error(c, 2,
                         "--format %s: gen writes an order log as CSV "
                         "only; use --format csv or leave it out",
                         cli_get(c, "format"));
    }
    code = read_params(c, &par);
    if (code == 0) {
        code = customers_for_rows(c, &par);
    }
    if (code != 0) {
        return code;
    }
    buf = kehu_malloc(WRITE_BUF);
    rc = buf == NULL ? KEHU_ENOMEM : kehu_gen_new(&par, &g);
    if (rc != KEHU_OK) {
        kehu_free(buf);
        return cli_error(c, cli_exit_code(rc), "%s", kehu_strerror(rc));
    }
    code = write_all(c, &par, g, buf);
    kehu_gen_free(g);
    kehu_free(buf);
    return code;
}

const cli_command cli_cmd_gen = {
    "gen",
    "write a synthetic order log (BG/NBD purchases, Gamma-Gamma spend)",
    "[-o FILE] [options]",
    "Customers join evenly over the first --birth-fraction of the span and\n"
    "buy first on their joining day. While alive a customer buys at rate\n"
    "lambda ~ Gamma(r, alpha) per week; after each repeat purchase it\n"
    "drops out with probability p ~ Beta(a, b) (the BG/NBD process).\n"
    "Purchases on one day make one order. Amounts ~ Gamma(p, nu) with\n"
    "nu ~ Gamma(q, gamma) per customer; cost = amount x (1 - margin),\n"
    "margin ~ Beta(4, 8) per customer. Region, branch and channel come from\n"
    "fixed skewed lists (ASCII pinyin codes). Rows are in date order; the\n"
    "output is the same for the same options. Defaults are CDNOW's\n"
    "published estimates. With --extras each order also has a category\n"
    "(the customer's favourite on 80% of orders) and a discount amount\n"
    "(10-30% of the amount, on a customer-specific share u^2 of orders,\n"
    "u uniform), drawn from a hash so the orders stay the same. The output\n"
    "is always CSV (--format json or table is refused).",
    options,
    0,
    run,
    NULL,
};
