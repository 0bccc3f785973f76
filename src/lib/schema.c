/* SPDX-License-Identifier: MIT */
/*
 * Input schemas and header aliases (see kehu/schema.h). Headers are
 * compared after normalising: ASCII lower case, with blanks, '_', '-' and
 * '.' removed, so "Customer ID", "customer_id" and "CustomerID" are one
 * name. Each field has an ordered alias list; when several headers could
 * be one field, the best-ranked alias wins (the canonical name first),
 * then the leftmost column; a column is given to one field only.
 *
 * Deliberate choices: `price`/`sales`/`total` mean the order's value
 * (CLVTools' cdnow.csv has `Price` as the order value), while
 * `unitprice`/`单价` mean the unit price (UCI Online Retail).
 */
#include "kehu/schema.h"

#include <stdio.h>
#include <string.h>

#define NONE KEHU_ROLE_NONE
#define OPT  KEHU_ROLE_OPTIONAL
#define REQ  KEHU_ROLE_REQUIRED

static const char *const field_names[KEHU_F_COUNT] = {
    "customer_id", "order_date", "amount", "order_id", "quantity", "unit_price",
    "cost",        "discount",   "region", "branch",   "channel",  "category",
    "signup_date", "source",     "name",   "date",     "score",    "scale",
    "comment",     "type",       "time",   "event",    "item",
};

static const char *const kind_names[KEHU_INPUT_COUNT] = {
    "transactions", "customers", "feedback", "service_costs", "events",
};

/* roles[kind][field] */
static const unsigned char roles[KEHU_INPUT_COUNT][KEHU_F_COUNT] = {
    /* transactions */
    {REQ,  REQ,  REQ,  OPT,  OPT,  OPT,  OPT,  OPT,  OPT,  OPT,  OPT, OPT,
     NONE, NONE, NONE, NONE, NONE, NONE, NONE, NONE, NONE, NONE, NONE},
    /* customers */
    {REQ, NONE, NONE, NONE, NONE, NONE, NONE, NONE, OPT,  OPT,  OPT, NONE,
     OPT, OPT,  OPT,  NONE, NONE, NONE, NONE, NONE, NONE, NONE, NONE},
    /* feedback */
    {REQ,  NONE, NONE, NONE, NONE, NONE, NONE, NONE, NONE, NONE, NONE, NONE,
     NONE, NONE, NONE, REQ,  REQ,  OPT,  OPT,  NONE, NONE, NONE, NONE},
    /* service_costs */
    {REQ,  NONE, NONE, NONE, NONE, NONE, REQ,  NONE, NONE, NONE, NONE, NONE,
     NONE, NONE, NONE, REQ,  NONE, NONE, NONE, OPT,  NONE, NONE, NONE},
    /* events */
    {REQ,  NONE, NONE, NONE, NONE, NONE, NONE, NONE, NONE, NONE, NONE, OPT,
     NONE, NONE, NONE, NONE, NONE, NONE, NONE, NONE, REQ,  REQ,  OPT},
};

/* Normalised aliases per field, best first; NULL ends each list. */
static const char *const a_customer_id[] = {
    "customerid", "customer", "custid",   "cust",     "clientid",
    "client",     "id",       "userid",   "memberid", "buyerid",
    "客户编号",   "客户id",   "会员编号", "会员id",   "用户id",
    "客户号",     "顾客编号", "客户",     NULL};
static const char *const a_order_date[] = {
    "orderdate",       "date",         "invoicedate",
    "ordertime",       "purchasedate", "orderdatetime",
    "transactiondate", "datetime",     "日期",
    "下单时间",        "订单日期",     "交易日期",
    "购买日期",        "下单日期",     NULL};
static const char *const a_amount[] = {
    "amount",      "price",      "sales",       "revenue",     "total",
    "dollarvalue", "ordervalue", "orderamount", "totalamount", "value",
    "金额",        "销售额",     "订单金额",    "实付金额",    "消费金额",
    "交易金额",    NULL};
static const char *const a_order_id[] = {
    "orderid", "invoiceno",   "invoice",   "order",
    "orderno", "ordernumber", "invoiceid", "transactionid",
    "订单号",  "订单编号",    "单号",      NULL};
static const char *const a_quantity[] = {
    "quantity", "qty", "cds", "numberofcds", "units", "数量", "件数", NULL};
static const char *const a_unit_price[] = {"unitprice", "priceeach",
                                           "itemprice", "单价", NULL};
static const char *const a_cost[] = {"cost", "cogs", "成本", NULL};
static const char *const a_discount[] = {"discount", "折扣", "优惠", "优惠金额",
                                         NULL};
static const char *const a_region[] = {"region",   "country", "area",
                                       "province", "地区",    "区域",
                                       "省份",     "国家",    NULL};
static const char *const a_branch[] = {"branch", "store", "shop",
                                       "outlet", "门店",  "分公司",
                                       "分店",   "网点",  NULL};
static const char *const a_channel[] = {"channel", "渠道", NULL};
static const char *const a_category[] = {
    "category", "productcategory", "品类", "类别", "类目", NULL};
static const char *const a_signup_date[] = {
    "signupdate", "registrationdate", "registerdate", "joindate", "createdat",
    "注册日期",   "注册时间",         "入会日期",     NULL};
static const char *const a_source[] = {"source", "acquisitionsource", "来源",
                                       NULL};
static const char *const a_name[] = {"name",     "customername", "姓名",
                                     "客户名称", "名称",         NULL};
static const char *const a_date[] = {
    "date", "surveydate", "responsedate", "servicedate", "日期", "时间", NULL};
static const char *const a_score[] = {"score", "rating", "nps",  "csat",
                                      "评分",  "得分",   "分数", NULL};
static const char *const a_scale[] = {"scale", "量表", NULL};
static const char *const a_comment[] = {
    "comment", "comments", "feedback", "text", "评论", "意见", "备注", NULL};
static const char *const a_type[] = {"type", "servicetype", "类型", NULL};
static const char *const a_time[] = {
    "time", "timestamp", "eventtime", "datetime", "date", "时间", NULL};
static const char *const a_event[] = {"event", "eventtype", "action",
                                      "事件",  "行为",      NULL};
static const char *const a_item[] = {"item", "itemid", "product",  "productid",
                                     "sku",  "商品",   "商品编号", NULL};

static const char *const *const aliases[KEHU_F_COUNT] = {
    a_customer_id, a_order_date, a_amount, a_order_id, a_quantity, a_unit_price,
    a_cost,        a_discount,   a_region, a_branch,   a_channel,  a_category,
    a_signup_date, a_source,     a_name,   a_date,     a_score,    a_scale,
    a_comment,     a_type,       a_time,   a_event,    a_item,
};

const char *kehu_input_kind_name(kehu_input_kind k)
{
    return (unsigned)k < KEHU_INPUT_COUNT ? kind_names[k] : "unknown";
}

const char *kehu_field_name(kehu_field f)
{
    return (unsigned)f < KEHU_F_COUNT ? field_names[f] : "unknown";
}

int kehu_schema_role(kehu_input_kind k, kehu_field f)
{
    if ((unsigned)k >= KEHU_INPUT_COUNT || (unsigned)f >= KEHU_F_COUNT) {
        return NONE;
    }
    return roles[k][f];
}

kehu_status kehu_field_lookup(const char *name, size_t len, kehu_field *out)
{
    int f;

    for (f = 0; f < KEHU_F_COUNT; f++) {
        if (strlen(field_names[f]) == len &&
            memcmp(field_names[f], name, len) == 0) {
            *out = (kehu_field)f;
            return KEHU_OK;
        }
    }
    return KEHU_EINVAL;
}

kehu_status kehu_input_kind_lookup(const char *name, size_t len,
                                   kehu_input_kind *out)
{
    int k;
    size_t i;

    for (k = 0; k < KEHU_INPUT_COUNT; k++) {
        const char *kn = kind_names[k];
        if (strlen(kn) != len) {
            continue;
        }
        for (i = 0; i < len; i++) {
            char c = name[i];
            if (c == '-') {
                c = '_';
            }
            if (c != kn[i]) {
                break;
            }
        }
        if (i == len) {
            *out = (kehu_input_kind)k;
            return KEHU_OK;
        }
    }
    return KEHU_EINVAL;
}

int kehu_schema_map_applies(const kehu_schema_map *m, kehu_input_kind kind,
                            kehu_input_kind main_kind)
{
    return m->scoped ? m->kind == kind : kind == main_kind;
}

/* Normalise a header into buf (cap bytes); returns its length, or cap
 * when it does not fit (then it matches nothing). */
static size_t normalise(kehu_slice h, char *buf, size_t cap)
{
    size_t i, n = 0;

    for (i = 0; i < h.len; i++) {
        char c = h.ptr[i];
        if (c == ' ' || c == '\t' || c == '_' || c == '-' || c == '.') {
            continue;
        }
        if (c >= 'A' && c <= 'Z') {
            c = (char)(c - 'A' + 'a');
        }
        if (n + 1 >= cap) {
            return cap;
        }
        buf[n++] = c;
    }
    buf[n] = '\0';
    return n;
}

/* Rank of header (normalised) among field f's aliases; -1 when none. */
static int alias_rank(kehu_field f, const char *norm, size_t n)
{
    const char *const *a = aliases[f];
    int r;

    for (r = 0; a[r] != NULL; r++) {
        if (strlen(a[r]) == n && memcmp(a[r], norm, n) == 0) {
            return r;
        }
    }
    return -1;
}

kehu_field kehu_schema_guess(kehu_input_kind kind, kehu_slice header)
{
    char norm[128];
    size_t n = normalise(header, norm, sizeof norm);
    int f, best = KEHU_F_COUNT, best_rank = 1 << 30;

    if (n == sizeof norm) {
        return KEHU_F_COUNT;
    }
    for (f = 0; f < KEHU_F_COUNT; f++) {
        int r;
        if (kehu_schema_role(kind, (kehu_field)f) == NONE) {
            continue;
        }
        r = alias_rank((kehu_field)f, norm, n);
        if (r >= 0 && r < best_rank) {
            best = f;
            best_rank = r;
        }
    }
    return (kehu_field)best;
}

kehu_status kehu_schema_parse_map(const char *spec, kehu_schema_map *out,
                                  kehu_error *err)
{
    const char *eq = strchr(spec, '=');
    const char *name = spec, *dot, *h;
    kehu_field f;
    int pos = 0;

    memset(out, 0, sizeof *out);
    if (eq == NULL) {
        return kehu_error_set(err, KEHU_EINVAL,
                              "--map %.60s: use FIELD=HEADER, FIELD=N or "
                              "KIND.FIELD=HEADER",
                              spec);
    }
    dot = memchr(spec, '.', (size_t)(eq - spec));
    if (dot != NULL) {
        if (kehu_input_kind_lookup(spec, (size_t)(dot - spec), &out->kind) !=
            KEHU_OK) {
            return kehu_error_set(err, KEHU_EINVAL,
                                  "--map %.60s: unknown input kind %.*s (use "
                                  "transactions, customers, feedback, "
                                  "service_costs or events)",
                                  spec, (int)(dot - spec), spec);
        }
        out->scoped = 1;
        name = dot + 1;
    }
    if (kehu_field_lookup(name, (size_t)(eq - name), &f) != KEHU_OK) {
        return kehu_error_set(err, KEHU_EINVAL,
                              "--map %.60s: unknown field %.*s (fields: "
                              "customer_id, order_date, amount, order_id, "
                              "quantity, unit_price, cost, region ...)",
                              spec, (int)(eq - name), name);
    }
    if (out->scoped && kehu_schema_role(out->kind, f) == NONE) {
        return kehu_error_set(
            err, KEHU_EINVAL, "--map %.60s: %s input has no field %s", spec,
            kehu_input_kind_name(out->kind), kehu_field_name(f));
    }
    h = eq + 1;
    if (*h == '\0') {
        return kehu_error_set(err, KEHU_EINVAL, "--map %.60s: empty header",
                              spec);
    }
    for (; *h >= '0' && *h <= '9' && pos < 100000; h++) {
        pos = pos * 10 + (*h - '0');
    }
    out->field = f;
    if (*h == '\0' && pos > 0) {
        out->position = pos;
    } else {
        out->header = eq + 1;
    }
    return KEHU_OK;
}

int kehu_schema_maps_positional(const kehu_schema_map *maps, size_t nmaps)
{
    size_t i;

    for (i = 0; i < nmaps; i++) {
        if (maps[i].position == 0) {
            return 0;
        }
    }
    return nmaps > 0;
}

/* Case-insensitive comparison of a header with a --map name, ignoring
 * blanks around the header. */
static int same_header(kehu_slice h, const char *name)
{
    size_t n = strlen(name), i;

    while (h.len > 0 && (h.ptr[0] == ' ' || h.ptr[0] == '\t')) {
        h.ptr++;
        h.len--;
    }
    while (h.len > 0 && (h.ptr[h.len - 1] == ' ' || h.ptr[h.len - 1] == '\t')) {
        h.len--;
    }
    if (h.len != n) {
        return 0;
    }
    for (i = 0; i < n; i++) {
        char a = h.ptr[i], b = name[i];
        if (a >= 'A' && a <= 'Z') {
            a = (char)(a - 'A' + 'a');
        }
        if (b >= 'A' && b <= 'Z') {
            b = (char)(b - 'A' + 'a');
        }
        if (a != b) {
            return 0;
        }
    }
    return 1;
}

static kehu_status apply_maps(kehu_input_kind kind, const kehu_slice *headers,
                              size_t n, const kehu_schema_map *maps,
                              size_t nmaps, kehu_schema *out, kehu_error *err)
{
    size_t i, j;

    for (i = 0; i < nmaps; i++) {
        const kehu_schema_map *m = &maps[i];
        if (kehu_schema_role(kind, m->field) == NONE) {
            return kehu_error_set(
                err, KEHU_EINVAL, "--map %s: %s input has no field %s",
                kehu_field_name(m->field), kehu_input_kind_name(kind),
                kehu_field_name(m->field));
        }
        if (m->position > 0) {
            if (!out->positional) {
                return kehu_error_set(
                    err, KEHU_EINVAL,
                    "--map %s=%d: give every --map as a column number "
                    "(headerless file) or every one as a header name",
                    kehu_field_name(m->field), m->position);
            }
            if ((size_t)m->position > n) {
                return kehu_error_set(err, KEHU_EINVAL,
                                      "--map %s=%d: the first row has only "
                                      "%zu columns",
                                      kehu_field_name(m->field), m->position,
                                      n);
            }
            out->col[m->field] = m->position - 1;
            continue;
        }
        for (j = 0; j < n; j++) {
            if (same_header(headers[j], m->header)) {
                break;
            }
        }
        if (j == n) {
            if (err != NULL) {
                (void)snprintf(err->field, sizeof err->field, "%s",
                               kehu_field_name(m->field));
            }
            return kehu_error_set(err, KEHU_EINVAL,
                                  "--map %s=%s: no such header",
                                  kehu_field_name(m->field), m->header);
        }
        out->col[m->field] = (int)j;
    }
    return KEHU_OK;
}

static int column_taken(const kehu_schema *s, int col)
{
    int f;

    for (f = 0; f < KEHU_F_COUNT; f++) {
        if (s->col[f] == col) {
            return 1;
        }
    }
    return 0;
}

/* Fill unmapped fields from the headers by alias rank. */
static void guess_columns(kehu_input_kind kind, const kehu_slice *headers,
                          size_t n, kehu_schema *out)
{
    int f, role;

    /* Required fields first, so an optional field never steals a column. */
    for (role = REQ; role >= OPT; role--) {
        for (f = 0; f < KEHU_F_COUNT; f++) {
            int best_rank = 1 << 30, best_col = -1;
            size_t j;
            if (kehu_schema_role(kind, (kehu_field)f) != role ||
                out->col[f] >= 0) {
                continue;
            }
            for (j = 0; j < n; j++) {
                char norm[128];
                size_t len = normalise(headers[j], norm, sizeof norm);
                int r;
                if (len == sizeof norm || column_taken(out, (int)j)) {
                    continue;
                }
                r = alias_rank((kehu_field)f, norm, len);
                if (r >= 0 && r < best_rank) {
                    best_rank = r;
                    best_col = (int)j;
                }
            }
            out->col[f] = best_col;
        }
    }
}

kehu_status kehu_schema_resolve(kehu_input_kind kind, const kehu_slice *headers,
                                size_t n, const kehu_schema_map *maps,
                                size_t nmaps, kehu_schema *out, kehu_error *err)
{
    int f;
    kehu_status rc;

    memset(out, 0, sizeof *out);
    out->kind = kind;
    out->ncols = n;
    out->positional = kehu_schema_maps_positional(maps, nmaps);
    for (f = 0; f < KEHU_F_COUNT; f++) {
        out->col[f] = -1;
    }
    if ((unsigned)kind >= KEHU_INPUT_COUNT) {
        return kehu_error_set(err, KEHU_EINVAL, "unknown input kind");
    }
    rc = apply_maps(kind, headers, n, maps, nmaps, out, err);
    if (rc != KEHU_OK) {
        return rc;
    }
    if (!out->positional) {
        guess_columns(kind, headers, n, out);
    }
    if (kind == KEHU_INPUT_TRANSACTIONS && out->col[KEHU_F_AMOUNT] < 0 &&
        out->col[KEHU_F_QUANTITY] >= 0 && out->col[KEHU_F_UNIT_PRICE] >= 0) {
        return KEHU_OK; /* amount = quantity x unit_price */
    }
    for (f = 0; f < KEHU_F_COUNT; f++) {
        if (kehu_schema_role(kind, (kehu_field)f) == REQ && out->col[f] < 0) {
            if (err != NULL) {
                (void)snprintf(err->field, sizeof err->field, "%s",
                               kehu_field_name((kehu_field)f));
            }
            return kehu_error_set(err, KEHU_EPARSE,
                                  "missing required column %s",
                                  kehu_field_name((kehu_field)f));
        }
    }
    return KEHU_OK;
}
