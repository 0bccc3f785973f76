/* SPDX-License-Identifier: MIT */
/* Header aliases, --map, positional maps and missing columns. */
#include "check.h"
#include "kehu/schema.h"

#include <string.h>

void test_schema(void);

static void headers(const char *const *names, size_t n, kehu_slice *out)
{
    size_t i;

    for (i = 0; i < n; i++) {
        out[i].ptr = names[i];
        out[i].len = strlen(names[i]);
    }
}

/* Scoped maps: KIND.field=HEADER applies to that kind only; unscoped
 * maps to the command's main kind. */
static void scoped_maps(void)
{
    kehu_schema_map m[3];
    kehu_error err;

    memset(&err, 0, sizeof err);
    kehu_input_kind k = KEHU_INPUT_TRANSACTIONS;
    CHECK_EQ_I64(
        kehu_schema_parse_map("customers.customer_id=Kundennr", &m[0], &err),
        KEHU_OK);
    CHECK(m[0].scoped && m[0].kind == KEHU_INPUT_CUSTOMERS);
    CHECK_EQ_I64(m[0].field, KEHU_F_CUSTOMER_ID);
    CHECK_STR(m[0].header, "Kundennr");
    CHECK(kehu_schema_map_applies(&m[0], KEHU_INPUT_CUSTOMERS,
                                  KEHU_INPUT_TRANSACTIONS));
    CHECK(!kehu_schema_map_applies(&m[0], KEHU_INPUT_TRANSACTIONS,
                                   KEHU_INPUT_TRANSACTIONS));
    CHECK_EQ_I64(kehu_schema_parse_map("service-costs.cost=2", &m[1], &err),
                 KEHU_OK);
    CHECK(m[1].scoped && m[1].kind == KEHU_INPUT_SERVICE_COSTS &&
          m[1].position == 2);
    CHECK_EQ_I64(kehu_schema_parse_map("amount=a.b", &m[2], &err), KEHU_OK);
    CHECK(!m[2].scoped);
    CHECK_STR(m[2].header, "a.b");
    CHECK(kehu_schema_map_applies(&m[2], KEHU_INPUT_TRANSACTIONS,
                                  KEHU_INPUT_TRANSACTIONS));
    CHECK(!kehu_schema_map_applies(&m[2], KEHU_INPUT_CUSTOMERS,
                                   KEHU_INPUT_TRANSACTIONS));
    CHECK(kehu_schema_map_applies(&m[2], KEHU_INPUT_CUSTOMERS,
                                  KEHU_INPUT_CUSTOMERS));
    CHECK_EQ_I64(kehu_schema_parse_map("nope.customer_id=x", &m[0], &err),
                 KEHU_EINVAL);
    CHECK(strstr(err.msg, "unknown input kind nope") != NULL);
    CHECK_EQ_I64(kehu_schema_parse_map("customers.amount=x", &m[0], &err),
                 KEHU_EINVAL);
    CHECK(strstr(err.msg, "customers input has no field amount") != NULL);
    CHECK_EQ_I64(kehu_schema_parse_map("customers.=x", &m[0], &err),
                 KEHU_EINVAL);
    CHECK_EQ_I64(kehu_schema_parse_map(".customer_id=x", &m[0], &err),
                 KEHU_EINVAL);
    CHECK_EQ_I64(kehu_input_kind_lookup("events", 6, &k), KEHU_OK);
    CHECK_EQ_I64(k, KEHU_INPUT_EVENTS);
    CHECK_EQ_I64(kehu_input_kind_lookup("event", 5, &k), KEHU_EINVAL);
}

void test_schema(void)
{
    static const char *const retail[] = {
        "InvoiceNo",   "StockCode", "Description", "Quantity",
        "InvoiceDate", "UnitPrice", "CustomerID",  "Country"};
    static const char *const cdnow[] = {"Id", "Date", "CDs", "Price"};
    static const char *const zh[] = {"订单号", "客户ID", "下单时间",
                                     "金额",   "门店",   "渠道"};
    static const char *const both[] = {"id", "customer_id", "date", "amount"};
    static const char *const none[] = {"a", "b", "c"};
    kehu_slice h[8];
    kehu_schema s;
    kehu_schema_map m[3];
    kehu_error err;

    headers(retail, 8, h);
    CHECK_EQ_I64(
        kehu_schema_resolve(KEHU_INPUT_TRANSACTIONS, h, 8, NULL, 0, &s, &err),
        KEHU_OK);
    CHECK_EQ_I64(s.col[KEHU_F_CUSTOMER_ID], 6);
    CHECK_EQ_I64(s.col[KEHU_F_ORDER_DATE], 4);
    CHECK_EQ_I64(s.col[KEHU_F_AMOUNT], -1);
    CHECK_EQ_I64(s.col[KEHU_F_QUANTITY], 3);
    CHECK_EQ_I64(s.col[KEHU_F_UNIT_PRICE], 5);
    CHECK_EQ_I64(s.col[KEHU_F_ORDER_ID], 0);
    CHECK_EQ_I64(s.col[KEHU_F_REGION], 7);
    headers(cdnow, 4, h);
    CHECK_EQ_I64(
        kehu_schema_resolve(KEHU_INPUT_TRANSACTIONS, h, 4, NULL, 0, &s, &err),
        KEHU_OK);
    CHECK(s.col[KEHU_F_CUSTOMER_ID] == 0 && s.col[KEHU_F_ORDER_DATE] == 1 &&
          s.col[KEHU_F_QUANTITY] == 2 && s.col[KEHU_F_AMOUNT] == 3);
    headers(zh, 6, h);
    CHECK_EQ_I64(
        kehu_schema_resolve(KEHU_INPUT_TRANSACTIONS, h, 6, NULL, 0, &s, &err),
        KEHU_OK);
    CHECK(s.col[KEHU_F_ORDER_ID] == 0 && s.col[KEHU_F_CUSTOMER_ID] == 1 &&
          s.col[KEHU_F_ORDER_DATE] == 2 && s.col[KEHU_F_AMOUNT] == 3 &&
          s.col[KEHU_F_BRANCH] == 4 && s.col[KEHU_F_CHANNEL] == 5);
    /* The canonical name beats the weaker alias "id". */
    headers(both, 4, h);
    CHECK_EQ_I64(
        kehu_schema_resolve(KEHU_INPUT_TRANSACTIONS, h, 4, NULL, 0, &s, &err),
        KEHU_OK);
    CHECK_EQ_I64(s.col[KEHU_F_CUSTOMER_ID], 1);
    /* --map overrides by header name, case-insensitively. */
    CHECK_EQ_I64(kehu_schema_parse_map("customer_id=ID", &m[0], &err), KEHU_OK);
    CHECK_EQ_I64(
        kehu_schema_resolve(KEHU_INPUT_TRANSACTIONS, h, 4, m, 1, &s, &err),
        KEHU_OK);
    CHECK_EQ_I64(s.col[KEHU_F_CUSTOMER_ID], 0);
    CHECK_EQ_I64(kehu_schema_parse_map("amount=nope", &m[0], &err), KEHU_OK);
    CHECK_EQ_I64(
        kehu_schema_resolve(KEHU_INPUT_TRANSACTIONS, h, 4, m, 1, &s, &err),
        KEHU_EINVAL);
    CHECK_EQ_I64(kehu_schema_parse_map("bogus=x", &m[0], &err), KEHU_EINVAL);
    CHECK_EQ_I64(kehu_schema_parse_map("amount", &m[0], &err), KEHU_EINVAL);
    CHECK_EQ_I64(kehu_schema_parse_map("score=x", &m[0], &err), KEHU_OK);
    CHECK_EQ_I64(
        kehu_schema_resolve(KEHU_INPUT_TRANSACTIONS, h, 4, m, 1, &s, &err),
        KEHU_EINVAL);
    /* Missing required column: EPARSE naming it. */
    headers(none, 3, h);
    CHECK_EQ_I64(
        kehu_schema_resolve(KEHU_INPUT_TRANSACTIONS, h, 3, NULL, 0, &s, &err),
        KEHU_EPARSE);
    CHECK_STR(err.field, "customer_id");
    /* Positional maps: no header. */
    CHECK_EQ_I64(kehu_schema_parse_map("customer_id=1", &m[0], &err), KEHU_OK);
    CHECK_EQ_I64(kehu_schema_parse_map("order_date=3", &m[1], &err), KEHU_OK);
    CHECK_EQ_I64(kehu_schema_parse_map("amount=5", &m[2], &err), KEHU_OK);
    CHECK(kehu_schema_maps_positional(m, 3));
    CHECK_EQ_I64(
        kehu_schema_resolve(KEHU_INPUT_TRANSACTIONS, NULL, 5, m, 3, &s, &err),
        KEHU_OK);
    CHECK(s.positional && s.col[KEHU_F_AMOUNT] == 4 && s.ncols == 5);
    CHECK_EQ_I64(
        kehu_schema_resolve(KEHU_INPUT_TRANSACTIONS, NULL, 4, m, 3, &s, &err),
        KEHU_EINVAL);
    CHECK_EQ_I64(
        kehu_schema_resolve(KEHU_INPUT_TRANSACTIONS, NULL, 5, m, 2, &s, &err),
        KEHU_EPARSE);
    CHECK_STR(err.field, "amount");
    CHECK_EQ_I64(
        kehu_schema_guess(KEHU_INPUT_FEEDBACK, (kehu_slice){"Rating", 6}),
        KEHU_F_SCORE);
    CHECK_STR(kehu_field_name(KEHU_F_UNIT_PRICE), "unit_price");
    scoped_maps();
}
