/* SPDX-License-Identifier: MIT */
/* CSV number output: the printf-free formatting gives exactly what
 * "%lld" and "%.*f" give, including halfway and huge values. */
#include "check.h"
#include "kehu/io/table_out.h"
#include "kehu/rng.h"

#include <stdlib.h>

void test_table_out(void);

static const out_column cols[] = {
    {"i", NULL, OUT_INT, 0},
    {"n0", NULL, OUT_NUM, 0},
    {"n2", NULL, OUT_NUM, 2},
    {"n4", NULL, OUT_NUM, 4},
};

/* One CSV row of v in every column, and what printf makes of it. */
static void row_pair(double v, char *got, size_t cap, char *want)
{
    FILE *f = tmpfile();
    out_table *t;
    size_t n;
    long long iv = fabs(v) < 9e18 ? (long long)v : 0;

    got[0] = '\0';
    if (f == NULL) {
        return;
    }
    t = out_table_begin(f, OUT_CSV, OUT_EN, cols, 4);
    if (t != NULL) {
        out_int(t, iv);
        out_num(t, v);
        out_num(t, v);
        out_num(t, v);
        out_table_end(t);
    }
    rewind(f);
    n = fread(got, 1, cap - 1, f);
    got[n] = '\0';
    (void)fclose(f);
    (void)snprintf(want, cap, "i,n0,n2,n4\n%lld,%.0f,%.2f,%.4f\n", iv,
                   v == 0 ? 0.0 : v, v == 0 ? 0.0 : v, v == 0 ? 0.0 : v);
}

/* A memory table gathers rows without a header, past its first buffer;
 * put back into a file table they read as if written there. */
static void memory_table(void)
{
    static const out_column one[] = {{"s", NULL, OUT_STR, 0}};
    out_table *m = out_table_begin(NULL, OUT_CSV, OUT_EN, one, 1);
    FILE *f = tmpfile();
    out_table *t =
        f != NULL ? out_table_begin(f, OUT_CSV, OUT_EN, one, 1) : NULL;
    const char *text;
    char got[64];
    size_t len, k;

    CHECK(m != NULL && t != NULL);
    if (m == NULL || t == NULL) {
        if (f != NULL) {
            (void)fclose(f);
        }
        return;
    }
    for (k = 0; k < 100000; k++) {
        out_str(m, k == 0 ? "a,b" : "x");
    }
    text = out_table_text(m, &len);
    CHECK(len == 6 + 2 * 99999);
    CHECK(memcmp(text, "\"a,b\"\nx\n", 8) == 0);
    out_table_clear(m);
    out_str(m, "z");
    text = out_table_text(m, &len);
    out_table_put_text(t, text, len);
    CHECK(out_table_end(m) == 0);
    CHECK(out_table_end(t) == 0);
    rewind(f);
    len = fread(got, 1, sizeof got - 1, f);
    got[len] = '\0';
    CHECK_STR(got, "s\nz\n");
    (void)fclose(f);
}

/* JSON: a memory table's rows follow an earlier row; appended after the
 * file table's first row they make one array. Strings are escaped. */
static void memory_json(void)
{
    static const out_column two[] = {{"s", NULL, OUT_STR, 0},
                                     {"n", NULL, OUT_NUM, 1}};
    out_table *m = out_table_begin(NULL, OUT_JSON, OUT_EN, two, 2);
    FILE *f = tmpfile();
    out_table *t =
        f != NULL ? out_table_begin(f, OUT_JSON, OUT_EN, two, 2) : NULL;
    const char *text;
    char got[128];
    size_t len;

    CHECK(m != NULL && t != NULL);
    if (m == NULL || t == NULL) {
        if (f != NULL) {
            (void)fclose(f);
        }
        return;
    }
    out_str(t, "a");
    out_num(t, 1.5);
    out_str(m, "q\"\n");
    out_null(m);
    text = out_table_text(m, &len);
    out_table_put_text(t, text, len);
    CHECK(out_table_end(m) == 0);
    CHECK(out_table_end(t) == 0);
    rewind(f);
    len = fread(got, 1, sizeof got - 1, f);
    got[len] = '\0';
    CHECK_STR(
        got,
        "[\n{\"s\":\"a\",\"n\":1.5},\n{\"s\":\"q\\\"\\n\",\"n\":null}\n]\n");
    (void)fclose(f);
}

void test_table_out(void)
{
    memory_table();
    memory_json();
    static const double fixed[] = {0.0,
                                   -0.0,
                                   0.125,
                                   0.005,
                                   1.005,
                                   2.5,
                                   3.5,
                                   0.00005,
                                   1e14,
                                   123.455,
                                   -0.001,
                                   -2.5,
                                   1e20,
                                   9.995,
                                   0.045,
                                   1234567.125,
                                   4503599627370495.5};
    char got[256], want[256];
    kehu_rng r;
    size_t i;
    int same = 1;

    for (i = 0; i < sizeof fixed / sizeof fixed[0]; i++) {
        row_pair(fixed[i], got, sizeof got, want);
        CHECK_STR(got, want);
    }
    kehu_rng_seed(&r, 5);
    for (i = 0; i < 20000; i++) {
        /* Prices on a cent grid (many exact halves at 0 decimals) and
         * arbitrary magnitudes. */
        double v = i % 2 ? (double)kehu_rng_below(&r, 10000000) / 100.0
                         : kehu_rng_uniform(&r) *
                               pow(10, (double)kehu_rng_below(&r, 14));
        row_pair(i % 7 == 0 ? -v : v, got, sizeof got, want);
        same &= strcmp(got, want) == 0;
        if (strcmp(got, want) != 0) {
            (void)fprintf(stderr, "table_out: %.17g: %s vs %s", v, got, want);
        }
    }
    CHECK(same);
}
