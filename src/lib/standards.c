/* SPDX-License-Identifier: MIT */
/*
 * Standards files and their explanation (kehu/standards.h). The parser
 * reads a line-oriented TOML subset into a copy of the caller's standard
 * and commits it only when the whole text is valid, so a bad file never
 * leaves a half-applied standard. It does not support multi-line values,
 * inline tables or dates: none of the keys needs them.
 */
#include "kehu/standards.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------ */
/* Key table.                                                           */

typedef enum vkind { V_CUTS, V_NUM, V_INT, V_SHARE, V_TRISTATE } vkind;

typedef struct key_def {
    const char *section;
    const char *key;
    const char *flat; /* accepted at the top level */
    vkind kind;
    size_t off;  /* offset of the field in kehu_standards */
    size_t noff; /* V_CUTS: offset of the count */
} key_def;

#define OFF(f) offsetof(kehu_standards, f)

static const key_def keys[] = {
    {"rfm", "r_cuts", "r_cuts", V_CUTS, OFF(r_cuts), OFF(n_r_cuts)},
    {"rfm", "f_cuts", "f_cuts", V_CUTS, OFF(f_cuts), OFF(n_f_cuts)},
    {"rfm", "m_cuts", "m_cuts", V_CUTS, OFF(m_cuts), OFF(n_m_cuts)},
    {"value", "high_min", "value_high_min", V_NUM, OFF(value_high_min), 0},
    {"value", "mid_min", "value_mid_min", V_NUM, OFF(value_mid_min), 0},
    {"abcd", "a_share", "abcd_a_share", V_SHARE, OFF(abcd_a_share), 0},
    {"abcd", "b_share", "abcd_b_share", V_SHARE, OFF(abcd_b_share), 0},
    {"core", "use_share", "core_use_share", V_TRISTATE, OFF(core_use_share), 0},
    {"core", "min_amount", "core_min_amount", V_NUM, OFF(core_min_amount), 0},
    {"core", "min_orders", "core_min_orders", V_INT,
     OFF(core_min_purchase_days), 0},
    {"core", "max_days_since_last", "core_max_days_since_last", V_INT,
     OFF(core_max_days_since_last), 0},
    {"potential", "min_r", "potential_min_r", V_INT, OFF(potential_min_r), 0},
    {"potential", "min_f_or_m", "potential_min_f_or_m", V_INT,
     OFF(potential_min_f_or_m), 0},
    {"potential", "top_clv_share", "potential_top_clv_share", V_SHARE,
     OFF(potential_top_clv_share), 0},
    {"stage", "churn_days", "churn_days", V_INT, OFF(churn_days), 0},
    {"stage", "new_days", "new_days", V_INT, OFF(new_days), 0},
    {"stage", "at_risk_gap_factor", "at_risk_gap_factor", V_NUM,
     OFF(at_risk_gap_factor), 0},
    {"stage", "loyal_min_days", "loyal_min_days", V_INT, OFF(loyal_min_days),
     0},
    {"stage", "loyal_window_days", "loyal_window_days", V_INT,
     OFF(loyal_window_days), 0},
    {"stage", "model_churned_below", "model_churned_below", V_SHARE,
     OFF(model_churned_below), 0},
    {"stage", "model_at_risk_below", "model_at_risk_below", V_SHARE,
     OFF(model_at_risk_below), 0},
    {"needs", "price_sensitive_share", "price_sensitive_share", V_SHARE,
     OFF(price_sensitive_share), 0},
};
#define N_KEYS (sizeof keys / sizeof keys[0])

/* ------------------------------------------------------------------ */
/* Parsing.                                                             */

typedef struct parser {
    const char *p, *end; /* the current line, without its newline */
    int64_t line;
    kehu_error *err;
} parser;

static kehu_status fail(const parser *ps, kehu_status rc, const char *field,
                        const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

static kehu_status fail(const parser *ps, kehu_status rc, const char *field,
                        const char *fmt, ...)
{
    va_list ap;
    char msg[160];

    if (ps->err == NULL) {
        return rc;
    }
    va_start(ap, fmt);
    (void)vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    kehu_error_set(ps->err, rc, "line %lld: %s", (long long)ps->line, msg);
    ps->err->line = ps->line;
    (void)snprintf(ps->err->field, sizeof ps->err->field, "%s", field);
    return rc;
}

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\r';
}

static void skip_space(parser *ps)
{
    while (ps->p < ps->end && is_space(*ps->p)) {
        ps->p++;
    }
}

static int is_name_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') || c == '_' || c == '-';
}

/* Reads a bare key into buf (lower case); 0 when there is none. */
static size_t read_name(parser *ps, char *buf, size_t cap)
{
    size_t n = 0;

    while (ps->p < ps->end && is_name_char(*ps->p)) {
        if (n + 1 < cap) {
            char c = *ps->p;
            if (c >= 'A' && c <= 'Z') {
                c = (char)(c - 'A' + 'a');
            }
            buf[n] = c;
        }
        n++;
        ps->p++;
    }
    buf[n < cap ? n : cap - 1] = '\0';
    return n;
}

/* After a value: only spaces and a comment may follow. */
static int at_line_end(parser *ps)
{
    skip_space(ps);
    return ps->p == ps->end || *ps->p == '#';
}

static int read_number(parser *ps, double *out)
{
    char buf[64];
    size_t n = 0;
    char *endp;

    while (ps->p < ps->end && n + 1 < sizeof buf &&
           (strchr("+-.eE_", *ps->p) != NULL ||
            (*ps->p >= '0' && *ps->p <= '9'))) {
        if (*ps->p != '_') { /* TOML digit separator */
            buf[n++] = *ps->p;
        }
        ps->p++;
    }
    buf[n] = '\0';
    if (n == 0) {
        return -1;
    }
    *out = strtod(buf, &endp);
    if (*endp != '\0' || !isfinite(*out)) {
        return -1;
    }
    return 0;
}

static kehu_status parse_cuts(parser *ps, const char *name, double *cuts,
                              int *ncuts)
{
    double v[4];
    int n = 0;

    if (ps->p >= ps->end || *ps->p != '[') {
        return fail(ps, KEHU_EPARSE, name,
                    "%s: expected an array like [30, 90, 180, 365]", name);
    }
    ps->p++;
    skip_space(ps);
    while (ps->p < ps->end && *ps->p != ']') {
        double x;
        if (n == 4) {
            return fail(ps, KEHU_ERANGE, name,
                        "%s: give exactly 4 cut points (or [] for "
                        "percentiles)",
                        name);
        }
        if (read_number(ps, &x) != 0) {
            return fail(ps, KEHU_EPARSE, name, "%s: not a number in the array",
                        name);
        }
        if (n > 0 && x < v[n - 1]) {
            return fail(ps, KEHU_ERANGE, name,
                        "%s: cut points must be ascending", name);
        }
        v[n++] = x;
        skip_space(ps);
        if (ps->p < ps->end && *ps->p == ',') {
            ps->p++;
            skip_space(ps);
        } else if (ps->p < ps->end && *ps->p != ']') {
            return fail(ps, KEHU_EPARSE, name, "%s: expected ',' or ']'", name);
        }
    }
    if (ps->p >= ps->end) {
        return fail(ps, KEHU_EPARSE, name, "%s: array not closed on its line",
                    name);
    }
    ps->p++;
    if (n != 0 && n != 4) {
        return fail(ps, KEHU_ERANGE, name,
                    "%s: give exactly 4 cut points (or [] for percentiles)",
                    name);
    }
    memcpy(cuts, v, sizeof(double) * (size_t)n);
    *ncuts = n;
    return KEHU_OK;
}

static int match_word(parser *ps, const char *w)
{
    size_t n = strlen(w);

    if ((size_t)(ps->end - ps->p) >= n && memcmp(ps->p, w, n) == 0 &&
        (ps->p + n == ps->end || !is_name_char(ps->p[n]))) {
        ps->p += n;
        return 1;
    }
    return 0;
}

static kehu_status parse_value(parser *ps, const key_def *k, const char *name,
                               kehu_standards *std)
{
    char *base = (char *)std;
    double x;

    if (k->kind == V_CUTS) {
        return parse_cuts(ps, name, (double *)(void *)(base + k->off),
                          (int *)(void *)(base + k->noff));
    }
    if (k->kind == V_TRISTATE) {
        int v;
        if (match_word(ps, "true")) {
            v = 1;
        } else if (match_word(ps, "false")) {
            v = 0;
        } else if (match_word(ps, "\"auto\"")) {
            v = -1;
        } else {
            return fail(ps, KEHU_EPARSE, name,
                        "%s: use true, false or \"auto\"", name);
        }
        *(int *)(void *)(base + k->off) = v;
        return KEHU_OK;
    }
    if (read_number(ps, &x) != 0) {
        return fail(ps, KEHU_EPARSE, name, "%s: expected a number", name);
    }
    if (x < 0) {
        return fail(ps, KEHU_ERANGE, name, "%s: must not be negative", name);
    }
    if (k->kind == V_SHARE && (x <= 0 || x > 1)) {
        return fail(ps, KEHU_ERANGE, name,
                    "%s: a share must be in (0, 1], e.g. 0.8", name);
    }
    if (k->kind == V_INT) {
        if (x != floor(x) || x > 1e6) {
            return fail(ps, KEHU_ERANGE, name,
                        "%s: expected a whole number up to 1000000", name);
        }
        *(int *)(void *)(base + k->off) = (int)x;
        return KEHU_OK;
    }
    *(double *)(void *)(base + k->off) = x;
    return KEHU_OK;
}

static const key_def *find_key(const char *section, const char *name)
{
    size_t i;

    for (i = 0; i < N_KEYS; i++) {
        if (section[0] == '\0' ? strcmp(keys[i].flat, name) == 0
                               : (strcmp(keys[i].section, section) == 0 &&
                                  strcmp(keys[i].key, name) == 0)) {
            return &keys[i];
        }
    }
    return NULL;
}

static int known_section(const char *s)
{
    size_t i;

    for (i = 0; i < N_KEYS; i++) {
        if (strcmp(keys[i].section, s) == 0) {
            return 1;
        }
    }
    return 0;
}

/* One line: blank, comment, [section] or key = value. */
static kehu_status parse_line(parser *ps, char *section, size_t section_cap,
                              uint32_t *seen, kehu_standards *std)
{
    char name[48];
    const key_def *k;
    kehu_status rc;

    skip_space(ps);
    if (ps->p == ps->end || *ps->p == '#') {
        return KEHU_OK;
    }
    if (*ps->p == '[') {
        ps->p++;
        skip_space(ps);
        if (read_name(ps, section, section_cap) == 0) {
            return fail(ps, KEHU_EPARSE, "", "expected a section name");
        }
        skip_space(ps);
        if (ps->p >= ps->end || *ps->p != ']') {
            return fail(ps, KEHU_EPARSE, "", "expected ']' after [%s", section);
        }
        ps->p++;
        if (!known_section(section)) {
            return fail(ps, KEHU_EPARSE, "",
                        "unknown section [%s]; sections are rfm, value, "
                        "abcd, core, potential, stage, needs",
                        section);
        }
        if (!at_line_end(ps)) {
            return fail(ps, KEHU_EPARSE, "", "text after [%s]", section);
        }
        return KEHU_OK;
    }
    if (read_name(ps, name, sizeof name) == 0) {
        return fail(ps, KEHU_EPARSE, "", "expected key = value");
    }
    k = find_key(section, name);
    if (k == NULL) {
        return fail(ps, KEHU_EPARSE, name,
                    "unknown key '%s'%s%s%s (see kehu.toml.example)", name,
                    section[0] ? " in [" : "", section, section[0] ? "]" : "");
    }
    if (*seen & (1u << (k - keys))) {
        return fail(ps, KEHU_EPARSE, name, "%s given twice", name);
    }
    *seen |= 1u << (k - keys);
    skip_space(ps);
    if (ps->p >= ps->end || *ps->p != '=') {
        return fail(ps, KEHU_EPARSE, name, "expected '=' after %s", name);
    }
    ps->p++;
    skip_space(ps);
    rc = parse_value(ps, k, name, std);
    if (rc != KEHU_OK) {
        return rc;
    }
    if (!at_line_end(ps)) {
        return fail(ps, KEHU_EPARSE, name, "%s: unexpected text after value",
                    name);
    }
    return KEHU_OK;
}

kehu_status kehu_standards_parse(const char *text, size_t len,
                                 kehu_standards *std, kehu_error *err)
{
    kehu_standards tmp = *std;
    char section[32] = "";
    uint32_t seen = 0;
    parser ps;
    const char *cur = text, *end = text + len;
    kehu_status rc;

    ps.err = err;
    ps.line = 0;
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
        cur += 3; /* UTF-8 BOM */
    }
    while (cur < end) {
        const char *nl = memchr(cur, '\n', (size_t)(end - cur));
        const char *eol = nl != NULL ? nl : end;
        ps.line++;
        ps.p = cur;
        ps.end = eol;
        if (memchr(cur, '\0', (size_t)(eol - cur)) != NULL) {
            return fail(&ps, KEHU_EPARSE, "", "NUL byte: not a text file");
        }
        rc = parse_line(&ps, section, sizeof section, &seen, &tmp);
        if (rc != KEHU_OK) {
            return rc;
        }
        cur = nl != NULL ? nl + 1 : end;
    }
    rc = kehu_standards_check(&tmp, err);
    if (rc != KEHU_OK) {
        return rc;
    }
    *std = tmp;
    return KEHU_OK;
}

static int cuts_ok(int n, const double *c)
{
    int k;

    if (n != 0 && n != 4) {
        return 0;
    }
    for (k = 1; k < n; k++) {
        if (!(c[k] >= c[k - 1])) {
            return 0;
        }
    }
    return 1;
}

kehu_status kehu_standards_check(const kehu_standards *std, kehu_error *err)
{
    if (!cuts_ok(std->n_r_cuts, std->r_cuts) ||
        !cuts_ok(std->n_f_cuts, std->f_cuts) ||
        !cuts_ok(std->n_m_cuts, std->m_cuts)) {
        return kehu_error_set(err, KEHU_ERANGE,
                              "cut points: give 4 ascending values");
    }
    if (!(std->abcd_a_share > 0 && std->abcd_a_share <= std->abcd_b_share &&
          std->abcd_b_share <= 1)) {
        return kehu_error_set(err, KEHU_ERANGE,
                              "abcd shares: need 0 < a_share <= b_share <= 1");
    }
    if (std->loyal_window_days != 365) {
        return kehu_error_set(err, KEHU_ERANGE,
                              "loyal_window_days: only 365 is supported");
    }
    return KEHU_OK;
}

/* ------------------------------------------------------------------ */
/* Explanation.                                                         */

typedef struct sbuf {
    char *buf;
    size_t cap, len;
} sbuf;

static void put(sbuf *b, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

static void put(sbuf *b, const char *fmt, ...)
{
    va_list ap;
    int n;
    size_t room = b->len < b->cap ? b->cap - b->len : 0;

    va_start(ap, fmt);
    n = vsnprintf(room > 0 ? b->buf + b->len : NULL, room, fmt, ap);
    va_end(ap);
    if (n > 0) {
        b->len += (size_t)n;
    }
}

/* A number as an integer when it is one, else with two decimals. */
static void put_num(sbuf *b, double x)
{
    if (!isfinite(x)) {
        put(b, "-");
    } else if (x == floor(x) && fabs(x) < 1e15) {
        put(b, "%.0f", x == 0 ? 0.0 : x);
    } else {
        put(b, "%.2f", x);
    }
}

static void put_cuts(sbuf *b, const double *c)
{
    int k;

    for (k = 0; k < 4; k++) {
        put(b, k ? ", " : "");
        put_num(b, c[k]);
    }
}

static void explain_rfm(sbuf *b, const kehu_standards *std,
                        const kehu_class_info *info, int zh)
{
    static const char *const what_en[3] = {
        "R (days since last purchase, fewer is better)", "F (purchase days)",
        "M (monetary total)"};
    static const char *const what_zh[3] = {"R（距上次购买天数，越少越好）",
                                           "F（购买天数）", "M（消费总额）"};
    const int nfix[3] = {std->n_r_cuts, std->n_f_cuts, std->n_m_cuts};
    const double *fixed[3] = {std->r_cuts, std->f_cuts, std->m_cuts};
    int j;

    if (zh) {
        put(b, "RFM 评分（1–5 分，仅计有购买的客户");
        if (info != NULL) {
            put(b, "，共 %zu 位", info->n_buying);
        }
        put(b, "）：分数 = 1 + 严格低于该值的切点个数（R 为 "
               "严格大于天数的切点个数）；值恰好等于切点时取较低分。\n");
    } else {
        put(b, "RFM scores (1-5, over buying customers");
        if (info != NULL) {
            put(b, ": %zu", info->n_buying);
        }
        put(b, "): score = 1 + number of cut points strictly below the "
               "value (for R: cut points strictly above the days); a value "
               "exactly at a cut takes the lower score.\n");
    }
    for (j = 0; j < 3; j++) {
        put(b, "  %s: ", zh ? what_zh[j] : what_en[j]);
        if (nfix[j] == 4) {
            put(b, zh ? "固定切点 " : "fixed cut points ");
            put_cuts(b, fixed[j]);
        } else {
            put(b, zh ? "百分位切点（第 20/40/60/80 百分位，type 7 线性插值）"
                      : "percentile cut points (20/40/60/80th, type 7 "
                        "linear interpolation)");
            if (info != NULL && info->n_buying > 0) {
                const double *c = j == 0   ? info->r_cuts
                                  : j == 1 ? info->f_cuts
                                           : info->m_cuts;
                put(b, " = ");
                put_cuts(b, c);
            }
        }
        if (j == 0) {
            put(b, zh ? " 天（R=5：天数低于最小切点）"
                      : " days (R=5 below the smallest cut)");
        }
        put(b, "\n");
    }
}

static void explain_classes(sbuf *b, const kehu_standards *std,
                            const kehu_class_info *info, int zh)
{
    if (zh) {
        put(b, "RFM 细分：R × FM 网格，FM = (F+M)/2 四舍五入。\n");
        put(b, "价值层级：R+F+M ≥ ");
        put_num(b, std->value_high_min);
        put(b, " 为高价值，≥ ");
        put_num(b, std->value_mid_min);
        put(b, " 为中价值，其余为低价值。\n");
        put(b, "RFM 八大类：严格优于有购买客户的均值为“高”");
    } else {
        put(b, "Segments: R x FM grid, FM = (F+M)/2 rounded half up.\n");
        put(b, "Value tiers: high when R+F+M >= ");
        put_num(b, std->value_high_min);
        put(b, ", mid when >= ");
        put_num(b, std->value_mid_min);
        put(b, ", low otherwise.\n");
        put(b, "RFM 8 classes: high = strictly better than the mean over "
               "buying customers");
    }
    if (info != NULL && info->n_buying > 0) {
        put(b,
            zh ? "：距上次购买 < %.2f 天，购买天数 > %.2f，消费总额 > "
               : ": days since last < %.2f, purchase days > %.2f, "
                 "monetary total > ",
            info->mean_days_since_last, info->mean_purchase_days);
        put(b, "%.2f", info->mean_monetary);
    }
    put(b, zh ? "。\n" : ".\n");
    put(b,
        zh ? "ABCD：按消费总额降序（并列按客户编号），排在前面的客户收入占比 "
             "< %.0f%% 为 A，< %.0f%% 为 B，其余为 C；D = 客户主数据中"
             "窗口内无购买的客户。收入只计正的消费总额（退货多于购买的客户计 "
             "0，为 C）"
           : "ABCD: by monetary total descending (ties by customer id); A "
             "while the revenue share of the customers ranked above is < "
             "%.0f%%, B while < %.0f%%, C the rest; D = master customers "
             "without a purchase in the window. Revenue counts positive "
             "totals only (a customer with more returns than purchases "
             "counts 0 and is C)",
        std->abcd_a_share * 100, std->abcd_b_share * 100);
    if (info != NULL && info->n_buying > 0) {
        put(b,
            zh ? "：总收入 %.2f，A 类最低 "
               : ": revenue %.2f, class A down "
                 "to ",
            info->revenue_total);
        put_num(b, info->abcd_a_min);
        put(b, zh ? "，B 类最低 " : ", class B down to ");
        put_num(b, info->abcd_b_min);
        put(b,
            zh ? "；A/B/C/D = %zu/%zu/%zu/%zu" : "; A/B/C/D = %zu/%zu/%zu/%zu",
            info->n_abcd[1], info->n_abcd[2], info->n_abcd[3], info->n_abcd[4]);
    }
    put(b, zh ? "。\n" : ".\n");
}

static void explain_tiers(sbuf *b, const kehu_standards *std,
                          const kehu_class_info *info, int zh)
{
    int needs_a = std->core_use_share > 0 ||
                  (std->core_use_share < 0 && std->core_min_amount <= 0);

    put(b, zh ? "核心客户：" : "Core: ");
    if (needs_a) {
        put(b, zh ? "A 类，且" : "class A and ");
    }
    if (std->core_min_amount > 0) {
        put(b, zh ? "消费总额 ≥ " : "monetary total >= ");
        put_num(b, std->core_min_amount);
        put(b, zh ? "，且" : " and ");
    }
    put(b,
        zh ? "购买天数 ≥ %d，且距上次购买 ≤ %d 天。\n"
           : "purchase days >= %d and days since last <= %d.\n",
        std->core_min_purchase_days, std->core_max_days_since_last);
    put(b,
        zh ? "潜力客户：非核心，R ≥ %d 且（F ≥ %d 或 M ≥ %d）"
           : "Potential: not core, R >= %d and (F >= %d or M >= %d)",
        std->potential_min_r, std->potential_min_f_or_m,
        std->potential_min_f_or_m);
    if (info != NULL && isfinite(info->clv_cut)) {
        put(b,
            zh ? "，或预测 CLV 前 %.0f%%（CLV ≥ %.2f）"
               : ", or top %.0f%% predicted CLV (CLV >= %.2f)",
            std->potential_top_clv_share * 100, info->clv_cut);
    }
    put(b, zh ? "；普通客户：其余有购买的客户。"
              : "; ordinary: the other "
                "buying customers.");
    if (info != NULL) {
        put(b,
            zh ? "核心/潜力/普通 = %zu/%zu/%zu"
               : " core/potential/ordinary = %zu/%zu/%zu",
            info->n_tier[1], info->n_tier[2], info->n_tier[3]);
    }
    put(b, "\n");
}

static void explain_stages(sbuf *b, const kehu_standards *std,
                           const kehu_class_info *info, int zh)
{
    int model = info != NULL && info->used_p_alive;

    put(b, zh ? "生命周期阶段（按顺序取第一个符合的）：潜在 = 无购买；"
              : "Lifecycle stage (first match): prospect = no purchase; ");
    if (model) {
        put(b, zh ? "流失 = P(存活) < %.2f；" : "churned = P(alive) < %.2f; ",
            std->model_churned_below);
    } else {
        put(b,
            zh ? "流失 = 距上次购买 > %d 天；"
               : "churned = days since last > %d; ",
            std->churn_days);
    }
    put(b,
        zh ? "新 = 首次购买距分析日 ≤ %d 天；"
           : "new = first purchase <= %d days before A; ",
        std->new_days);
    if (model) {
        put(b, zh ? "风险 = P(存活) < %.2f；" : "at_risk = P(alive) < %.2f; ",
            std->model_at_risk_below);
    } else {
        put(b, zh ? "风险 = 距上次购买 > " : "at_risk = days since last > ");
        put_num(b, std->at_risk_gap_factor);
        put(b, zh ? " × 典型间隔（复购客户：(末次−首次)/(购买天数−1)；"
                    "单次客户：复购客户典型间隔的中位数"
                  : " x typical gap (repeat buyers: (last - first) / "
                    "(purchase days - 1); one-time buyers: the median over "
                    "repeat buyers");
        if (info != NULL) {
            put(b, " = ");
            put_num(b, info->median_gap_days);
            put(b, zh ? " 天，%zu 位复购客户" : " days over %zu repeat buyers",
                info->n_repeat);
        }
        put(b, zh ? "）；" : "); ");
    }
    if (zh) {
        put(b, "忠诚 = 分析日前 %d 天内 ≥ %d 个购买日；活跃 = 其余。\n",
            std->loyal_window_days, std->loyal_min_days);
    } else {
        put(b,
            "loyal = >= %d purchase days in the %d days before A; active "
            "= the rest.\n",
            std->loyal_min_days, std->loyal_window_days);
    }
}

static void explain_needs(sbuf *b, const kehu_standards *std,
                          const kehu_class_info *info, int zh)
{
    put(b,
        zh ? "需求类型（按顺序取第一个符合的）：价格敏感型 = 带折扣的消费占"
             "消费额 ≥ %.0f%%（需有折扣列）；情感型/功能型 = 主要品类在品类"
             "映射表中的标记（需 --category-map）；未知 = 其余"
           : "Needs-based type (first match): price_sensitive = spend "
             "carrying a discount >= %.0f%% of spend (needs a discount "
             "column); emotional/functional = the dominant category's tag "
             "in the category map (needs --category-map); unknown = the "
             "rest",
        std->price_sensitive_share * 100);
    if (info != NULL) {
        if (!info->needs_discount) {
            put(b, zh ? "；无折扣列，不判定价格敏感"
                      : "; no discount column: price sensitivity not "
                        "decided");
        }
        if (!info->needs_map) {
            put(b, zh ? "；无品类映射表" : "; no category map");
        }
        put(b,
            zh ? "。价格敏感/情感/功能/未知 = %zu/%zu/%zu/%zu"
               : ". price_sensitive/emotional/functional/unknown = "
                 "%zu/%zu/%zu/%zu",
            info->n_needs[KEHU_NEEDS_PRICE_SENSITIVE],
            info->n_needs[KEHU_NEEDS_EMOTIONAL],
            info->n_needs[KEHU_NEEDS_FUNCTIONAL],
            info->n_needs[KEHU_NEEDS_UNKNOWN]);
    }
    put(b, zh ? "。\n" : ".\n");
}

kehu_status kehu_standards_explain(const kehu_standards *std,
                                   const kehu_class_info *info, int zh,
                                   char *buf, size_t cap, size_t *len)
{
    sbuf b;

    b.buf = buf;
    b.cap = cap;
    b.len = 0;
    if (cap > 0) {
        buf[0] = '\0';
    }
    explain_rfm(&b, std, info, zh);
    explain_classes(&b, std, info, zh);
    explain_tiers(&b, std, info, zh);
    explain_stages(&b, std, info, zh);
    explain_needs(&b, std, info, zh);
    if (len != NULL) {
        *len = b.len;
    }
    return b.len < cap ? KEHU_OK : KEHU_ETOOBIG;
}
