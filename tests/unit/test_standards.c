/* SPDX-License-Identifier: MIT */
/*
 * Standards files: every key kind, sections and flat keys, errors with
 * their line numbers, no half-applied standard on failure, and the
 * --explain text in both languages.
 */
#include "check.h"

#include "kehu/standards.h"

#include <math.h>
#include <string.h>

void test_standards(void);

static kehu_status parse(const char *text, kehu_standards *std, kehu_error *err)
{
    kehu_standards_init(std);
    memset(err, 0, sizeof *err);
    return kehu_standards_parse(text, strlen(text), std, err);
}

static void test_good(void)
{
    const char *text = "\xEF\xBB\xBF# company standard\n"
                       "\n"
                       "[rfm]\n"
                       "r_cuts = [30, 90, 180, 365]  # days\n"
                       "f_cuts = [1,2,5,10]\r\n"
                       "m_cuts = []\n"
                       "[abcd]\n"
                       "  a_share = 0.7\n"
                       "[core]\n"
                       "use_share = true\n"
                       "min_amount = 1_000.5\n"
                       "min_orders = 3\n"
                       "[stage]\n"
                       "churn_days = 540\n"
                       "at_risk_gap_factor = 2.5";
    kehu_standards std;
    kehu_error err;

    CHECK_EQ_I64(parse(text, &std, &err), KEHU_OK);
    CHECK_EQ_I64(std.n_r_cuts, 4);
    CHECK(std.r_cuts[0] == 30 && std.r_cuts[3] == 365);
    CHECK_EQ_I64(std.n_f_cuts, 4);
    CHECK(std.f_cuts[2] == 5);
    CHECK_EQ_I64(std.n_m_cuts, 0);
    CHECK(std.abcd_a_share == 0.7);
    CHECK(std.abcd_b_share == 0.95); /* untouched default */
    CHECK_EQ_I64(std.core_use_share, 1);
    CHECK(std.core_min_amount == 1000.5);
    CHECK_EQ_I64(std.core_min_purchase_days, 3);
    CHECK_EQ_I64(std.churn_days, 540);
    CHECK(std.at_risk_gap_factor == 2.5);

    /* Flat keys at the top level. */
    CHECK_EQ_I64(parse("core_use_share = false\nr_cuts = [1, 2, 3, 4]\n"
                       "core_use_share_x = 1\n",
                       &std, &err),
                 KEHU_EPARSE);
    CHECK_EQ_I64(err.line, 3);
    CHECK_EQ_I64(
        parse("core_use_share = \"auto\"\nnew_days = 60\n", &std, &err),
        KEHU_OK);
    CHECK_EQ_I64(std.core_use_share, -1);
    CHECK_EQ_I64(std.new_days, 60);
}

static void test_errors(void)
{
    static const struct {
        const char *text;
        kehu_status rc;
        int64_t line;
        const char *needle;
    } cases[] = {
        {"[rfm]\nr_cuts = [30, 90, 180]\n", KEHU_ERANGE, 2, "exactly 4"},
        {"[rfm]\n\nr_cuts = [30, 20, 180, 365]\n", KEHU_ERANGE, 3, "ascending"},
        {"[rfm]\nr_cuts = [30, 90, 180, 365\n", KEHU_EPARSE, 2, "not closed"},
        {"[rfm]\nr_cuts = 30\n", KEHU_EPARSE, 2, "array"},
        {"[rfm]\nf_cuts = [1, x, 3, 4]\n", KEHU_EPARSE, 2, "not a number"},
        {"# c\n[nope]\n", KEHU_EPARSE, 2, "unknown section"},
        {"[core\n", KEHU_EPARSE, 1, "expected ']'"},
        {"[core]\nmin_amont = 5\n", KEHU_EPARSE, 2, "unknown key"},
        {"[core]\nmin_amount 5\n", KEHU_EPARSE, 2, "expected '='"},
        {"[core]\nmin_amount = -5\n", KEHU_ERANGE, 2, "negative"},
        {"[core]\nmin_orders = 2.5\n", KEHU_ERANGE, 2, "whole number"},
        {"[core]\nuse_share = yes\n", KEHU_EPARSE, 2, "true, false"},
        {"[abcd]\na_share = 1.5\n", KEHU_ERANGE, 2, "share"},
        {"[abcd]\na_share = 0.8 0.9\n", KEHU_EPARSE, 2, "after value"},
        {"[stage]\nnew_days = 1\nnew_days = 2\n", KEHU_EPARSE, 3, "twice"},
        {"= 3\n", KEHU_EPARSE, 1, "key = value"},
        {"r_cuts = [30, 90, 180, 365]\n[rfm]\nm_cuts = [1,2,3,4,5]\n",
         KEHU_ERANGE, 3, "exactly 4"},
        {"[abcd]\na_share = 0.9\nb_share = 0.8\n", KEHU_ERANGE, 0,
         "a_share <= b_share"},
        {"[stage]\nloyal_window_days = 180\n", KEHU_ERANGE, 0, "365"},
    };
    size_t i;

    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        kehu_standards std, before;
        kehu_error err;
        kehu_status rc = parse(cases[i].text, &std, &err);
        kehu_standards_init(&before);
        CHECK_EQ_I64(rc, cases[i].rc);
        CHECK_EQ_I64(err.line, cases[i].line);
        CHECK_REPORT(strstr(err.msg, cases[i].needle) != NULL,
                     "case %zu: \"%s\" lacks \"%s\"", i, err.msg,
                     cases[i].needle);
        /* nothing half-applied */
        CHECK(memcmp((const void *)&std, (const void *)&before, sizeof std) ==
              0);
    }
    {
        kehu_standards std;
        kehu_standards_init(&std);
        CHECK_EQ_I64(kehu_standards_parse("[core]\nx=1\n", 11, &std, NULL),
                     KEHU_EPARSE);
    }
}

static void test_explain(void)
{
    kehu_standards std;
    kehu_class_info info;
    char buf[4096], tiny[16];
    size_t len = 0;

    kehu_standards_init(&std);
    memset(&info, 0, sizeof info);
    info.n_buying = 10;
    info.r_cuts[0] = 220;
    info.r_cuts[1] = 76;
    info.r_cuts[2] = 36;
    info.r_cuts[3] = 18;
    info.f_cuts[0] = 1.8;
    info.f_cuts[1] = 2.6;
    info.f_cuts[2] = 3.4;
    info.f_cuts[3] = 5.2;
    info.mean_days_since_last = 116.5;
    info.mean_purchase_days = 3.7;
    info.mean_monetary = 303;
    info.revenue_total = 3040;
    info.abcd_a_min = 260;
    info.abcd_b_min = 100;
    info.median_gap_days = 59;
    info.n_repeat = 8;
    info.clv_cut = NAN;
    CHECK_EQ_I64(kehu_standards_explain(&std, &info, 0, buf, sizeof buf, &len),
                 KEHU_OK);
    CHECK_EQ_I64(len, strlen(buf));
    CHECK(strstr(buf, "= 220, 76, 36, 18 days") != NULL);
    CHECK(strstr(buf, "= 1.80, 2.60, 3.40, 5.20") != NULL);
    CHECK(strstr(buf, "days since last < 116.50, purchase days > 3.70, "
                      "monetary total > 303.00") != NULL);
    CHECK(strstr(buf, "revenue 3040.00, class A down to 260, class B down "
                      "to 100") != NULL);
    CHECK(strstr(buf, "< 80%, C the rest") == NULL); /* B comes between */
    CHECK(strstr(buf, "< 80%, B while < 95%") != NULL);
    CHECK(strstr(buf, "median over repeat buyers = 59 days over 8 repeat "
                      "buyers") != NULL);
    CHECK(strstr(buf, "Core: class A and purchase days >= 2 and days since "
                      "last <= 180") != NULL);
    CHECK_EQ_I64(kehu_standards_explain(&std, &info, 1, buf, sizeof buf, NULL),
                 KEHU_OK);
    CHECK(
        strstr(buf, "核心客户：A 类，且购买天数 ≥ 2，且距上次购买 ≤ 180 天") !=
        NULL);
    CHECK(strstr(buf, "中位数 = 59 天，8 位复购客户") != NULL);
    /* fixed cuts and a min amount replacing the share rule */
    std.n_r_cuts = 4;
    std.r_cuts[0] = 30;
    std.r_cuts[1] = 90;
    std.r_cuts[2] = 180;
    std.r_cuts[3] = 365;
    std.core_min_amount = 1000;
    CHECK_EQ_I64(kehu_standards_explain(&std, NULL, 0, buf, sizeof buf, NULL),
                 KEHU_OK);
    CHECK(strstr(buf, "fixed cut points 30, 90, 180, 365 days") != NULL);
    CHECK(strstr(buf, "Core: monetary total >= 1000 and purchase") != NULL);
    CHECK_EQ_I64(kehu_standards_explain(&std, NULL, 0, tiny, sizeof tiny, &len),
                 KEHU_ETOOBIG);
    CHECK(len > sizeof tiny);
    CHECK_EQ_I64(strlen(tiny), sizeof tiny - 1);
}

void test_standards(void)
{
    test_good();
    test_errors();
    test_explain();
}
