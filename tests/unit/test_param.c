/* SPDX-License-Identifier: MIT */
/*
 * The parameter parser (param.h) over a table that has a row of every
 * type, and a second group at a base offset: defaults, ranges, choices and
 * every error status from each source of text (argv-style names, URL query
 * strings, flat JSON objects), with err->field naming the parameter.
 */
#include "check.h"
#include "kehu/alloc.h"
#include "kehu/app/param.h"
#include "kehu/date.h"
#include "oom.h"

#include <stddef.h>
#include <stdlib.h>

void test_param(void);

typedef struct window_opts {
    long days;
} window_opts;

typedef struct topts {
    int explain;
    long horizon;
    double rate;
    int32_t as_of;
    int period;
    const char *name;
    long limit;
    long seed;
    window_opts win;
} topts;

static const char *const periods[] = {"day", "week", "month", NULL};

static const kehu_param rows[] = {
    {"explain", KEHU_PARAM_FLAG, offsetof(topts, explain), NULL, 0, -1, NULL,
     NULL, "explain"},
    {"horizon", KEHU_PARAM_INT, offsetof(topts, horizon), "6", 1, 120, NULL,
     "N", "periods ahead"},
    {"rate", KEHU_PARAM_NUM, offsetof(topts, rate), "0.1", 0, 1, NULL, "R",
     "a share"},
    {"as-of", KEHU_PARAM_DATE, offsetof(topts, as_of), "", 0, -1, NULL, "DATE",
     "the as-of date"},
    {"period", KEHU_PARAM_CHOICE, offsetof(topts, period), "month", 0, -1,
     periods, "P", "the period"},
    {"name", KEHU_PARAM_TEXT, offsetof(topts, name), NULL, 0, -1, NULL, NULL,
     "a name"},
    {"limit", KEHU_PARAM_INT, offsetof(topts, limit), NULL, 0, 1e18, NULL, "N",
     "at least zero"},
    {"seed", KEHU_PARAM_INT, offsetof(topts, seed), "7", 1, 0, NULL, "N",
     "any integer (no range)"},
    {NULL, 0, 0, NULL, 0, 0, NULL, NULL, NULL},
};

static const kehu_param window_rows[] = {
    {"window", KEHU_PARAM_INT, offsetof(window_opts, days), "30", 1, 365, NULL,
     "DAYS", "window length"},
    {NULL, 0, 0, NULL, 0, 0, NULL, NULL, NULL},
};

static const kehu_param_group groups[] = {
    {rows, 0},
    {window_rows, offsetof(topts, win)},
    {NULL, 0},
};

/* Fresh options at their defaults, and an empty error. */
static void start(kehu_params *p, topts *o, kehu_error *err)
{
    memset(o, 0, sizeof *o);
    memset(err, 0, sizeof *err);
    o->limit = -99;
    CHECK_EQ_I64(kehu_params_begin(p, groups, o, err), KEHU_OK);
}

static void defaults(void)
{
    kehu_params p;
    topts o;
    kehu_error err;

    start(&p, &o, &err);
    CHECK_EQ_I64(o.explain, 0);
    CHECK_EQ_I64(o.horizon, 6);
    CHECK_NEAR(o.rate, 0.1, 1e-15);
    CHECK_EQ_I64(o.as_of, KEHU_DAY_NONE);
    CHECK_EQ_I64(o.period, 2);
    CHECK(o.name == NULL);
    CHECK_EQ_I64(o.limit, -99); /* no default: kept */
    CHECK_EQ_I64(o.seed, 7);
    CHECK_EQ_I64(o.win.days, 30);
    CHECK_EQ_I64(p.given, 0);
    CHECK_EQ_I64(kehu_params_given(&p, "horizon"), 0);
    CHECK_EQ_I64(kehu_params_given(&p, "nope"), 0);
    CHECK(kehu_params_find(groups, "window", 6) == &window_rows[0]);
    CHECK(kehu_params_find(groups, "windows", 7) == NULL);
    CHECK(kehu_params_find(groups, "win", 3) == NULL);
    CHECK(kehu_params_find(NULL, "win", 3) == NULL);
}

/* A default that does not parse is a bug in a table: EINVAL naming it. */
static void bad_default(void)
{
    static const kehu_param bad[] = {
        {"ok", KEHU_PARAM_INT, 0, "1", 0, 9, NULL, NULL, ""},
        {"depth", KEHU_PARAM_INT, 0, "deep", 0, 9, NULL, NULL, ""},
        {NULL, 0, 0, NULL, 0, 0, NULL, NULL, NULL},
    };
    static const kehu_param far[] = {
        {"far", KEHU_PARAM_NUM, 0, "10", 0, 9, NULL, NULL, ""},
        {NULL, 0, 0, NULL, 0, 0, NULL, NULL, NULL},
    };
    const kehu_param_group g1[] = {{bad, 0}, {NULL, 0}};
    const kehu_param_group g2[] = {{far, 0}, {NULL, 0}};
    kehu_params p;
    double o[2];
    kehu_error err;

    memset(&err, 0, sizeof err);
    CHECK_EQ_I64(kehu_params_begin(&p, g1, o, &err), KEHU_EINVAL);
    CHECK_EQ_I64(err.status, KEHU_EINVAL);
    CHECK_STR(err.field, "depth");
    memset(&err, 0, sizeof err);
    CHECK_EQ_I64(kehu_params_begin(&p, g2, o, &err), KEHU_EINVAL);
    CHECK_EQ_I64(err.status, KEHU_EINVAL);
    CHECK_STR(err.field, "far");
    CHECK_EQ_I64(kehu_params_begin(&p, g2, o, NULL), KEHU_EINVAL);
    CHECK_EQ_I64(kehu_params_begin(&p, NULL, o, NULL), KEHU_OK);
}

typedef struct set_case {
    const char *name;
    const char *value;
    kehu_status rc;
    const char *msg; /* the error message, or NULL */
} set_case;

static const set_case set_cases[] = {
    {"explain", NULL, KEHU_OK, NULL},
    {"explain", "", KEHU_OK, NULL},
    {"explain", "true", KEHU_OK, NULL},
    {"explain", "1", KEHU_OK, NULL},
    {"explain", "false", KEHU_OK, NULL},
    {"explain", "0", KEHU_OK, NULL},
    {"explain", "yes", KEHU_EPARSE, "yes: use true or false"},
    {"explain", "TRUE", KEHU_EPARSE, NULL},
    {"horizon", "12", KEHU_OK, NULL},
    {"horizon", "1", KEHU_OK, NULL},
    {"horizon", "120", KEHU_OK, NULL},
    {"horizon", "+7", KEHU_OK, NULL},
    {"horizon", "0", KEHU_ERANGE, "0: must be between 1 and 120"},
    {"horizon", "121", KEHU_ERANGE, NULL},
    {"horizon", "-3", KEHU_ERANGE, NULL},
    {"horizon", "12x", KEHU_EPARSE, "12x: not an integer"},
    {"horizon", "1.5", KEHU_EPARSE, NULL},
    {"horizon", "", KEHU_EPARSE, NULL},
    {"horizon", " 5", KEHU_EPARSE, NULL},
    {"horizon", "5 ", KEHU_EPARSE, NULL},
    {"horizon", "0x10", KEHU_EPARSE, NULL},
    {"horizon", "99999999999999999999", KEHU_ERANGE, NULL},
    {"horizon", "-99999999999999999999", KEHU_ERANGE, NULL},
    {"horizon", NULL, KEHU_EINVAL, "needs a value (N)"},
    {"rate", "0.25", KEHU_OK, NULL},
    {"rate", "0", KEHU_OK, NULL},
    {"rate", "1", KEHU_OK, NULL},
    {"rate", "2.5e-1", KEHU_OK, NULL},
    {"rate", "1.5", KEHU_ERANGE, "1.5: must be between 0 and 1"},
    {"rate", "-0.01", KEHU_ERANGE, NULL},
    {"rate", "abc", KEHU_EPARSE, "abc: not a number"},
    {"rate", "nan", KEHU_EPARSE, NULL},
    {"rate", "inf", KEHU_EPARSE, NULL},
    {"rate", "1e400", KEHU_ERANGE, "1e400: out of range"},
    {"rate", "1e-400", KEHU_OK, NULL},
    {"rate", "0x0.8p0", KEHU_EPARSE, NULL},
    {"rate", " 0.5", KEHU_EPARSE, NULL},
    {"rate", NULL, KEHU_EINVAL, "needs a value (R)"},
    {"as-of", "2024-02-29", KEHU_OK, NULL},
    {"as-of", "", KEHU_OK, NULL},
    {"as-of", "2023-02-29", KEHU_EPARSE,
     "2023-02-29: not a date; use YYYY-MM-DD"},
    {"as-of", "2024-13-01", KEHU_EPARSE, NULL},
    {"as-of", "2024-01-01x", KEHU_EPARSE, NULL},
    {"as-of", "2024/01/05", KEHU_EPARSE, NULL},
    {"as-of", "tomorrow", KEHU_EPARSE, NULL},
    {"period", "week", KEHU_OK, NULL},
    {"period", "day", KEHU_OK, NULL},
    {"period", "year", KEHU_ERANGE, "year: use day, week or month"},
    {"period", "", KEHU_ERANGE, NULL},
    {"period", "Week", KEHU_ERANGE, NULL},
    {"period", NULL, KEHU_EINVAL, "needs a value (P)"},
    {"name", "x y", KEHU_OK, NULL},
    {"name", "", KEHU_OK, NULL},
    {"name", NULL, KEHU_EINVAL, "needs a value (text)"},
    {"limit", "0", KEHU_OK, NULL},
    {"limit", "123456789", KEHU_OK, NULL},
    {"limit", "-1", KEHU_ERANGE, "-1: must be at least 0"},
    {"seed", "-5", KEHU_OK, NULL},
    {"seed", "9223372036854775807", KEHU_OK, NULL},
    {"window", "60", KEHU_OK, NULL},
    {"window", "366", KEHU_ERANGE, NULL},
    {"nope", "1", KEHU_EINVAL, "unknown parameter"},
    {"", "1", KEHU_EINVAL, "unknown parameter"},
    {"--horizon", "1", KEHU_EINVAL, NULL},
};

static int same_opts(const topts *a, const topts *b)
{
    return a->explain == b->explain && a->horizon == b->horizon &&
           a->rate == b->rate && a->as_of == b->as_of &&
           a->period == b->period && a->name == b->name &&
           a->limit == b->limit && a->seed == b->seed &&
           a->win.days == b->win.days;
}

/* Each case from fresh defaults: the status, the message, err->field, and
 * that a failed value neither changes the option nor counts as given. */
static void set_table(void)
{
    size_t i;

    for (i = 0; i < sizeof set_cases / sizeof set_cases[0]; i++) {
        const set_case *c = &set_cases[i];
        kehu_params p;
        topts o, before;
        kehu_error err;
        kehu_status rc;

        start(&p, &o, &err);
        before = o;
        rc = kehu_params_set(&p, c->name, strlen(c->name), c->value, &err);
        CHECK_REPORT(rc == c->rc, "case %zu (%s=%s): rc %d, want %d", i,
                     c->name, c->value ? c->value : "(null)", (int)rc,
                     (int)c->rc);
        if (c->rc != KEHU_OK) {
            CHECK_EQ_I64(err.status, c->rc);
            CHECK_STR(err.field, c->name);
            CHECK(same_opts(&o, &before));
            CHECK_EQ_I64(kehu_params_given(&p, c->name), 0);
            if (c->msg != NULL) {
                CHECK_STR(err.msg, c->msg);
            }
            /* Without an error struct: the same status. */
            CHECK_EQ_I64(
                kehu_params_set(&p, c->name, strlen(c->name), c->value, NULL),
                c->rc);
        } else {
            CHECK_EQ_I64(kehu_params_given(&p, c->name), 1);
        }
    }
}

/* The values stored by good text. */
static void set_values(void)
{
    kehu_params p;
    topts o;
    kehu_error err;
    const char *text = "x y";

    start(&p, &o, &err);
    CHECK_EQ_I64(kehu_params_set(&p, "explain", 7, NULL, &err), KEHU_OK);
    CHECK_EQ_I64(o.explain, 1);
    CHECK_EQ_I64(kehu_params_set(&p, "explain", 7, "false", &err), KEHU_OK);
    CHECK_EQ_I64(o.explain, 0);
    /* The name is len bytes, not NUL-terminated. */
    CHECK_EQ_I64(kehu_params_set(&p, "horizon=12", 7, "12", &err), KEHU_OK);
    CHECK_EQ_I64(o.horizon, 12);
    CHECK_EQ_I64(kehu_params_set(&p, "rate", 4, "2.5e-1", &err), KEHU_OK);
    CHECK_NEAR(o.rate, 0.25, 1e-15);
    CHECK_EQ_I64(kehu_params_set(&p, "as-of", 5, "2024-02-29", &err), KEHU_OK);
    CHECK_EQ_I64(o.as_of, kehu_date_from_ymd(2024, 2, 29));
    CHECK_EQ_I64(kehu_params_set(&p, "period", 6, "week", &err), KEHU_OK);
    CHECK_EQ_I64(o.period, 1);
    CHECK_EQ_I64(kehu_params_set(&p, "name", 4, text, &err), KEHU_OK);
    CHECK(o.name == text); /* borrowed, not copied */
    CHECK_EQ_I64(kehu_params_set(&p, "seed", 4, "-5", &err), KEHU_OK);
    CHECK_EQ_I64(o.seed, -5);
    CHECK_EQ_I64(kehu_params_set(&p, "window", 6, "60", &err), KEHU_OK);
    CHECK_EQ_I64(o.win.days, 60);
    CHECK_EQ_I64(o.limit, -99);
    CHECK_EQ_I64(kehu_params_given(&p, "window"), 1);
    CHECK_EQ_I64(kehu_params_given(&p, "horizon"), 1);
    CHECK_EQ_I64(kehu_params_given(&p, "limit"), 0);
    /* A date given as "" is no date. */
    CHECK_EQ_I64(kehu_params_set(&p, "as-of", 5, "", &err), KEHU_OK);
    CHECK_EQ_I64(o.as_of, KEHU_DAY_NONE);
}

/* err->field holds at most 31 bytes of a long unknown name. */
static void long_name(void)
{
    kehu_params p;
    topts o;
    kehu_error err;
    char name[100];

    memset(name, 'a', sizeof name);
    start(&p, &o, &err);
    CHECK_EQ_I64(kehu_params_set(&p, name, sizeof name, "1", &err),
                 KEHU_EINVAL);
    CHECK_EQ_I64(strlen(err.field), sizeof err.field - 1);
    CHECK(memcmp(err.field, name, sizeof err.field - 1) == 0);
}

static void choices_text(void)
{
    static const char *const one[] = {"only", NULL};
    static const char *const two[] = {"a", "b", NULL};
    kehu_param row = rows[4];
    char buf[64], tiny[6];

    CHECK_STR(kehu_param_choices_text(&row, buf, sizeof buf),
              "day, week or month");
    row.choices = one;
    CHECK_STR(kehu_param_choices_text(&row, buf, sizeof buf), "only");
    row.choices = two;
    CHECK_STR(kehu_param_choices_text(&row, buf, sizeof buf), "a or b");
    row.choices = NULL;
    CHECK_STR(kehu_param_choices_text(&row, buf, sizeof buf), "");
    row.choices = periods;
    CHECK_STR(kehu_param_choices_text(&row, tiny, sizeof tiny), "day, ");
    CHECK(kehu_param_choices_text(&row, tiny, 0) == tiny);
}

/* ------------------------------------------------------------------------
 * Query strings
 */

typedef struct query_case {
    const char *query;
    size_t cap; /* 0: 256 */
    kehu_status rc;
    const char *field; /* err->field on failure, or NULL: not checked */
} query_case;

static const query_case query_cases[] = {
    {"", 0, KEHU_OK, NULL},
    {"&&", 0, KEHU_OK, NULL},
    {"horizon=12&period=week&explain", 0, KEHU_OK, NULL},
    {"&horizon=3&&", 0, KEHU_OK, NULL},
    {"explain=false", 0, KEHU_OK, NULL},
    {"explain=", 0, KEHU_OK, NULL},
    {"h%6Frizon=5", 0, KEHU_OK, NULL},
    {"name=a%20b+c%2Bd%26e%3D", 0, KEHU_OK, NULL},
    {"name=a=b", 0, KEHU_OK, NULL},
    {"name=%e4%b8%AD", 0, KEHU_OK, NULL},
    {"horizon=abc", 0, KEHU_EPARSE, "horizon"},
    {"horizon=+5", 0, KEHU_EPARSE, "horizon"}, /* '+' is a space */
    {"horizon=0", 0, KEHU_ERANGE, "horizon"},
    {"period=year", 0, KEHU_ERANGE, "period"},
    {"horizon", 0, KEHU_EINVAL, "horizon"}, /* a value is needed */
    {"nope=1", 0, KEHU_EINVAL, "nope"},
    {"=1", 0, KEHU_EINVAL, ""},
    {"name=%zz", 0, KEHU_EPARSE, "name"},
    {"name=%2", 0, KEHU_EPARSE, "name"},
    {"name=%", 0, KEHU_EPARSE, "name"},
    {"name=%00", 0, KEHU_EPARSE, "name"},
    {"name=ok%g1", 0, KEHU_EPARSE, "name"},
    {"na%me=1", 0, KEHU_EPARSE, NULL},
    {"horizon=12", 11, KEHU_OK, NULL},
    {"horizon=12", 10, KEHU_ETOOBIG, NULL},
    {"horizon=12&period=week", 16, KEHU_ETOOBIG, NULL},
    {"explain", 8, KEHU_OK, NULL},
    {"explain", 7, KEHU_ETOOBIG, NULL},
    {"explain&=x", 8, KEHU_ETOOBIG, NULL},
    {"explain&=", 8, KEHU_ETOOBIG, NULL},
    {"explain&explain=", 16, KEHU_ETOOBIG, NULL},
};

static kehu_status run_query(const char *query, size_t cap, kehu_params *p,
                             topts *o, kehu_error *err)
{
    /* Heap storage of exactly cap bytes, so a byte written past the end
     * is caught by the sanitizer. */
    char *buf = malloc(cap > 0 ? cap : 1);
    kehu_status rc;

    start(p, o, err);
    if (buf == NULL) {
        return KEHU_ENOMEM;
    }
    rc = kehu_params_from_query(p, query, strlen(query), buf, cap, err);
    free(buf);
    return rc;
}

static void query_table(void)
{
    size_t i;

    for (i = 0; i < sizeof query_cases / sizeof query_cases[0]; i++) {
        const query_case *c = &query_cases[i];
        size_t cap = c->cap != 0 ? c->cap : 256;
        kehu_params p;
        topts o;
        kehu_error err;
        kehu_status rc = run_query(c->query, cap, &p, &o, &err);
        char *buf = malloc(cap);

        CHECK_REPORT(rc == c->rc, "query case %zu (%s): rc %d, want %d", i,
                     c->query, (int)rc, (int)c->rc);
        if (c->rc != KEHU_OK) {
            CHECK_EQ_I64(err.status, c->rc);
            if (c->field != NULL) {
                CHECK_STR(err.field, c->field);
            }
        }
        /* Without an error struct: the same status. */
        if (buf != NULL) {
            start(&p, &o, &err);
            CHECK_EQ_I64(kehu_params_from_query(&p, c->query, strlen(c->query),
                                                buf, cap, NULL),
                         c->rc);
            free(buf);
        }
    }
}

static void query_values(void)
{
    kehu_params p;
    topts o;
    kehu_error err;
    char buf[128];
    const char *q = "horizon=12&period=week&explain&name=a%20b+c%2Bd%e4%b8%AD"
                    "&as-of=2024-01-31&h%6Frizon=13";

    start(&p, &o, &err);
    CHECK_EQ_I64(
        kehu_params_from_query(&p, q, strlen(q), buf, sizeof buf, &err),
        KEHU_OK);
    CHECK_EQ_I64(o.horizon, 13);
    CHECK_EQ_I64(o.period, 1);
    CHECK_EQ_I64(o.explain, 1);
    CHECK_STR(o.name, "a b c+d\xe4\xb8\xad");
    CHECK(o.name >= buf && o.name < buf + sizeof buf);
    CHECK_EQ_I64(o.as_of, kehu_date_from_ymd(2024, 1, 31));
    CHECK_EQ_I64(kehu_params_given(&p, "rate"), 0);
    /* The length bounds the query: the rest is not read. */
    start(&p, &o, &err);
    CHECK_EQ_I64(kehu_params_from_query(&p, "horizon=9&horizon=x", 9, buf,
                                        sizeof buf, &err),
                 KEHU_OK);
    CHECK_EQ_I64(o.horizon, 9);
    start(&p, &o, &err);
    CHECK_EQ_I64(kehu_params_from_query(&p, "horizon=9", 9, buf, 0, &err),
                 KEHU_ETOOBIG);
    CHECK_EQ_I64(kehu_params_from_query(&p, "", 0, buf, 0, NULL), KEHU_OK);
}

/* ------------------------------------------------------------------------
 * JSON objects
 */

typedef struct json_case {
    const char *json;
    size_t cap; /* 0: 256 */
    kehu_status rc;
    const char *field; /* err->field on failure, or NULL: not checked */
} json_case;

static const json_case json_cases[] = {
    {"{}", 0, KEHU_OK, NULL},
    {" \t\r\n{ }\n", 0, KEHU_OK, NULL},
    {"{\"horizon\": 12, \"period\": \"week\", \"explain\": true}", 0, KEHU_OK,
     NULL},
    {"{\"explain\":false}", 0, KEHU_OK, NULL},
    {"{\"horizon\":null}", 0, KEHU_OK, NULL},
    {"{\"horizon\":\"12\"}", 0, KEHU_OK, NULL},
    {"{\"rate\":1e-1}", 0, KEHU_OK, NULL},
    {"{\"rate\":-0.0}", 0, KEHU_OK, NULL},
    {"{\"rate\":0.5E+0}", 0, KEHU_OK, NULL},
    {"{\"name\":\"\"}", 0, KEHU_OK, NULL},
    {"{\"h\\u006frizon\":3}", 0, KEHU_OK, NULL},
    {"{\"horizon\":1.5}", 0, KEHU_EPARSE, "horizon"},
    {"{\"horizon\":0}", 0, KEHU_ERANGE, "horizon"},
    {"{\"horizon\":true}", 0, KEHU_EPARSE, "horizon"},
    {"{\"explain\":2}", 0, KEHU_EPARSE, "explain"},
    {"{\"period\":\"year\"}", 0, KEHU_ERANGE, "period"},
    {"{\"nope\":1}", 0, KEHU_EINVAL, "nope"},
    {"{\"nope\":null}", 0, KEHU_EINVAL, "nope"},
    /* Nested values are not parameters. */
    {"{\"horizon\":[1]}", 0, KEHU_EPARSE, "horizon"},
    {"{\"horizon\":{\"a\":1}}", 0, KEHU_EPARSE, "horizon"},
    /* Literals and numbers as JSON writes them, nothing else. */
    {"{\"explain\":tru}", 0, KEHU_EPARSE, "explain"},
    {"{\"explain\":truee}", 0, KEHU_EPARSE, "explain"},
    {"{\"name\":fals}", 0, KEHU_EPARSE, "name"},
    {"{\"name\":nul}", 0, KEHU_EPARSE, "name"},
    {"{\"name\":eee}", 0, KEHU_EPARSE, "name"},
    {"{\"horizon\":01}", 0, KEHU_EPARSE, "horizon"},
    {"{\"horizon\":+1}", 0, KEHU_EPARSE, "horizon"},
    {"{\"horizon\":-}", 0, KEHU_EPARSE, "horizon"},
    {"{\"rate\":.5}", 0, KEHU_EPARSE, "rate"},
    {"{\"rate\":1.}", 0, KEHU_EPARSE, "rate"},
    {"{\"rate\":1e}", 0, KEHU_EPARSE, "rate"},
    {"{\"rate\":1e+}", 0, KEHU_EPARSE, "rate"},
    {"{\"rate\":1-2}", 0, KEHU_EPARSE, "rate"},
    {"{\"horizon\":}", 0, KEHU_EPARSE, "horizon"},
    {"{\"horizon\":", 0, KEHU_EPARSE, "horizon"},
    /* Strings. */
    {"{\"name\":\"abc", 0, KEHU_EPARSE, "name"},
    {"{\"name\":\"a\\x\"}", 0, KEHU_EPARSE, "name"},
    {"{\"name\":\"a\\", 0, KEHU_EPARSE, "name"},
    {"{\"name\":\"\\ud83d\"}", 0, KEHU_EPARSE, "name"},
    {"{\"name\":\"\\ud83dx\"}", 0, KEHU_EPARSE, "name"},
    {"{\"name\":\"\\ude00\"}", 0, KEHU_EPARSE, "name"},
    {"{\"name\":\"\\ud83d\\u0041\"}", 0, KEHU_EPARSE, "name"},
    {"{\"name\":\"\\u0000\"}", 0, KEHU_EPARSE, "name"},
    {"{\"name\":\"\\u12\"}", 0, KEHU_EPARSE, "name"},
    {"{\"name\":\"\\u12g4\"}", 0, KEHU_EPARSE, "name"},
    {"{\"name\":\"a\nb\"}", 0, KEHU_EPARSE, "name"},
    /* Syntax. */
    {"", 0, KEHU_EPARSE, NULL},
    {"   ", 0, KEHU_EPARSE, NULL},
    {"[]", 0, KEHU_EPARSE, NULL},
    {"{", 0, KEHU_EPARSE, NULL},
    {"{\"horizon\" 12}", 0, KEHU_EPARSE, NULL},
    {"{\"horizon\": 12,}", 0, KEHU_EPARSE, NULL},
    {"{\"horizon\": 12", 0, KEHU_EPARSE, NULL},
    {"{\"horizon\": 12 \"rate\": 1}", 0, KEHU_EPARSE, NULL},
    {"{horizon: 12}", 0, KEHU_EPARSE, NULL},
    {"{,}", 0, KEHU_EPARSE, NULL},
    {"{\"horizon\": 1} x", 0, KEHU_EPARSE, NULL},
    {"{\"horizon\": 1}{}", 0, KEHU_EPARSE, NULL},
    {"{\"horizon\"", 0, KEHU_EPARSE, NULL},
    {"{\"abc", 0, KEHU_EPARSE, NULL},
    /* The buffer. */
    {"{\"horizon\":12}", 11, KEHU_OK, NULL},
    {"{\"horizon\":12}", 10, KEHU_ETOOBIG, NULL},
    {"{\"horizon\":12}", 8, KEHU_ETOOBIG, NULL},
    {"{\"horizon\":12}", 1, KEHU_ETOOBIG, NULL},
    {"{\"name\":\"\\u00e9\"}", 8, KEHU_OK, NULL},
    {"{\"name\":\"\\u00e9\"}", 7, KEHU_ETOOBIG, NULL},
    {"{\"name\":\"\\n\"}", 7, KEHU_OK, NULL},
    {"{\"name\":\"\\n\"}", 6, KEHU_ETOOBIG, NULL},
    {"{\"name\":\"\\ud83d\\ude00\"}", 10, KEHU_OK, NULL},
    {"{\"name\":\"\\ud83d\\ude00\"}", 9, KEHU_ETOOBIG, NULL},
};

static kehu_status run_json(const char *json, size_t cap, kehu_params *p,
                            topts *o, kehu_error *err, int with_err)
{
    char *buf = malloc(cap > 0 ? cap : 1);
    kehu_status rc;

    start(p, o, err);
    if (buf == NULL) {
        return KEHU_ENOMEM;
    }
    rc = kehu_params_from_json(p, json, strlen(json), buf, cap,
                               with_err ? err : NULL);
    free(buf);
    return rc;
}

static void json_table(void)
{
    size_t i;

    for (i = 0; i < sizeof json_cases / sizeof json_cases[0]; i++) {
        const json_case *c = &json_cases[i];
        size_t cap = c->cap != 0 ? c->cap : 256;
        kehu_params p;
        topts o;
        kehu_error err;
        kehu_status rc = run_json(c->json, cap, &p, &o, &err, 1);

        CHECK_REPORT(rc == c->rc, "json case %zu (%s): rc %d, want %d", i,
                     c->json, (int)rc, (int)c->rc);
        if (c->rc != KEHU_OK) {
            CHECK_EQ_I64(err.status, c->rc);
            CHECK(err.msg[0] != '\0');
            if (c->field != NULL) {
                CHECK_STR(err.field, c->field);
            }
        }
        CHECK_EQ_I64(run_json(c->json, cap, &p, &o, &err, 0), c->rc);
    }
}

static void json_values(void)
{
    kehu_params p;
    topts o;
    kehu_error err;
    char buf[128];
    const char *j = "{\"horizon\": 12, \"period\": \"week\", \"explain\": true,"
                    " \"rate\": 2.5e-1, \"seed\": -3, \"window\": 90,"
                    " \"as-of\": \"2024-01-31\", \"limit\": null,"
                    " \"name\": \"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t"
                    "\\u00e9\\u4E2D\\ud83d\\ude00\"}";

    start(&p, &o, &err);
    CHECK_EQ_I64(kehu_params_from_json(&p, j, strlen(j), buf, sizeof buf, &err),
                 KEHU_OK);
    CHECK_EQ_I64(o.horizon, 12);
    CHECK_EQ_I64(o.period, 1);
    CHECK_EQ_I64(o.explain, 1);
    CHECK_NEAR(o.rate, 0.25, 1e-15);
    CHECK_EQ_I64(o.seed, -3);
    CHECK_EQ_I64(o.win.days, 90);
    CHECK_EQ_I64(o.as_of, kehu_date_from_ymd(2024, 1, 31));
    CHECK_EQ_I64(o.limit, -99);
    CHECK_EQ_I64(kehu_params_given(&p, "limit"), 0);
    CHECK_STR(o.name, "a\"b\\c/d\b\f\n\r\t\xc3\xa9\xe4\xb8\xad"
                      "\xf0\x9f\x98\x80");
    CHECK(o.name >= buf && o.name < buf + sizeof buf);
    /* A syntax error says where. */
    start(&p, &o, &err);
    CHECK_EQ_I64(
        kehu_params_from_json(&p, "{\"horizon\" 1}", 13, buf, sizeof buf, &err),
        KEHU_EPARSE);
    CHECK_EQ_I64(err.column, 12);
    /* The length bounds the text. */
    start(&p, &o, &err);
    CHECK_EQ_I64(kehu_params_from_json(&p, "{\"horizon\":4}xyz", 13, buf,
                                       sizeof buf, &err),
                 KEHU_OK);
    CHECK_EQ_I64(o.horizon, 4);
    CHECK_EQ_I64(kehu_params_from_json(&p, "{}", 2, buf, 0, &err), KEHU_OK);
}

/* The parser allocates nothing: it runs under an allocator that fails
 * every call. */
static void no_allocation(void)
{
    kehu_params p;
    topts o;
    kehu_error err;
    char buf[64];

    oom_begin(1);
    start(&p, &o, &err);
    CHECK_EQ_I64(kehu_params_set(&p, "period", 6, "week", &err), KEHU_OK);
    CHECK_EQ_I64(
        kehu_params_from_query(&p, "horizon=3", 9, buf, sizeof buf, &err),
        KEHU_OK);
    CHECK_EQ_I64(
        kehu_params_from_json(&p, "{\"rate\":0.5}", 12, buf, sizeof buf, &err),
        KEHU_OK);
    CHECK_EQ_I64(oom_calls, 0);
    oom_end();
}

void test_param(void)
{
    defaults();
    bad_default();
    set_table();
    set_values();
    long_name();
    choices_text();
    query_table();
    query_values();
    json_table();
    json_values();
    no_allocation();
}
