/* SPDX-License-Identifier: MIT */
/* The reader on in-memory buffers: parsed values handed to the callback,
 * order, duplicates, reasons and reconciliation. */
#include "../../src/io/csv_read.h"
#include "check.h"
#include "kehu/date.h"

void test_csv_read(void);

typedef struct seen {
    int n;
    char ids[8][16];
    int64_t amount[8];
    int64_t cost[8];
    int32_t day[8], second[8];
    double qty[8];
    char region[8][16];
} seen;

static kehu_status take(void *ctx, const kehu_txn *t)
{
    seen *s = ctx;

    if (s->n < 8) {
        (void)snprintf(s->ids[s->n], 16, "%.*s", (int)t->customer_id.len,
                       t->customer_id.ptr);
        (void)snprintf(s->region[s->n], 16, "%.*s", (int)t->region.len,
                       t->region.ptr);
        s->amount[s->n] = t->amount;
        s->cost[s->n] = t->has_cost ? t->cost : -1;
        s->day[s->n] = t->day;
        s->second[s->n] = t->second;
        s->qty[s->n] = t->quantity;
    }
    s->n++;
    return KEHU_OK;
}

static kehu_status stop(void *ctx, const kehu_txn *t)
{
    (void)ctx;
    (void)t;
    return KEHU_ENOMEM;
}

/* A master callback that refuses its second row. */
static kehu_status refuse_second(void *ctx, const kehu_master_row *r)
{
    int *n = ctx;

    (void)r;
    return ++*n == 2 ? KEHU_ETOOBIG : KEHU_OK;
}

static kehu_status count_master(void *ctx, const kehu_master_row *r)
{
    int *n = ctx;

    (void)r;
    ++*n;
    return KEHU_OK;
}

static kehu_status read_txn(const char *text, const kehu_read_opts *o, seen *s,
                            kehu_read_stats *st)
{
    kehu_row_fn fn;

    fn.txn = take;
    memset(s, 0, sizeof *s);
    return kehu_read_buffer(KEHU_INPUT_TRANSACTIONS, text, strlen(text), NULL,
                            o, fn, s, st);
}

/* Customer master: an exact repeat is a duplicate, another row for a
 * known id is rejected, the first row wins. */
static void master_duplicates(void)
{
    kehu_read_opts o;
    kehu_read_stats st;

    static const char m[] = "customer_id,region\nc1,n\nc1,n\nc1,s\n"
                            "c2,s\n\"c1\",n\n";
    int n = 0;
    kehu_row_fn mf;
    mf.master = count_master;
    kehu_read_opts_init(&o);
    o.max_reject_rate = -1;
    CHECK_EQ_I64(kehu_read_buffer(KEHU_INPUT_CUSTOMERS, m, sizeof m - 1, NULL,
                                  &o, mf, &n, &st),
                 KEHU_OK);
    CHECK_EQ_I64(n, 2);
    CHECK_EQ_I64(st.read, 5);
    CHECK_EQ_I64(st.accepted, 2);
    CHECK_EQ_I64(st.duplicates, 1);
    CHECK_EQ_I64(st.rejected, 2);
    CHECK_STR(st.reasons[0].name, "duplicate_customer_id");
    CHECK_EQ_I64(st.reasons[0].first[0], 4);
    CHECK_EQ_I64(st.reasons[0].first[1], 6);
    /* A buffer without a name has no default rejects file. */
    CHECK_EQ_I64(st.rejects_written, 0);
    CHECK_EQ_I64(st.rejects_path[0], '\0');
}

void test_csv_read(void)
{
    static const char retail[] =
        "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,"
        "CustomerID,Country\n"
        "536365,85123A,\"HOLDER, WHITE\",6,2010-12-01 08:26:00,2.55,17850.0,"
        "United Kingdom\n"
        "536365,85123A,\"HOLDER, WHITE\",6,2010-12-01 08:26:00,2.55,17850.0,"
        "United Kingdom\n"
        "C536379,D,Discount,-1,2010-12-01 09:41:00,27.50,14527.0,UK\n"
        "536414,22139,,56,2010-12-01 11:52:00,0.0,,UK\n"
        "536415,1,\"12\"\" RECORD\",3,2010-12-01 11:57:00,0.085,17850.0,UK\n";
    kehu_read_opts o;
    kehu_read_stats st;
    seen s;
    kehu_row_fn fn;

    kehu_read_opts_init(&o);
    o.max_reject_rate = 0.5;
    CHECK_EQ_I64(read_txn(retail, &o, &s, &st), KEHU_OK);
    CHECK_EQ_I64(st.read, 5);
    CHECK_EQ_I64(st.accepted, 3);
    CHECK_EQ_I64(st.rejected, 1);
    CHECK_EQ_I64(st.duplicates, 1);
    CHECK_EQ_I64(s.n, 3);
    CHECK_STR(s.ids[0], "17850.0");    /* ids as given */
    CHECK_EQ_I64(s.amount[0], 153000); /* 6 x 2.55 */
    CHECK_EQ_I64(s.cost[0], -1);
    CHECK_NEAR(s.qty[0], 6.0, 1e-12);
    CHECK_EQ_I64(s.day[0], kehu_date_from_ymd(2010, 12, 1));
    CHECK_EQ_I64(s.second[0], 8 * 3600 + 26 * 60);
    CHECK_STR(s.region[0], "United Kingdom");
    CHECK_STR(s.ids[1], "14527.0");
    CHECK_EQ_I64(s.amount[1], -275000); /* a cancellation */
    CHECK_EQ_I64(s.amount[2], 2550);    /* 3 x 0.085 = 0.255 */
    CHECK_EQ_I64(st.nreasons, 1);
    CHECK_STR(st.reasons[0].name, "missing_customer_id");
    CHECK_EQ_I64(st.reasons[0].first[0], 5);
    CHECK(st.has_header && st.delimiter == ',');

    /* Tabs, cost, thousands, a date format, a whitespace-padded id. */
    kehu_read_opts_init(&o);
    o.thousands = ',';
    o.date_format = "%d/%m/%Y";
    CHECK_EQ_I64(read_txn("cust\tdate\tsales\tcost\n"
                          " 7 \t31/12/2020\t\"1,234.5\"\t1,000\n"
                          "8\t1/1/2021\t-3\t\n",
                          &o, &s, &st),
                 KEHU_OK);
    CHECK_EQ_I64(st.accepted, 2);
    CHECK_STR(s.ids[0], "7");
    CHECK_EQ_I64(s.amount[0], 12345000);
    CHECK_EQ_I64(s.cost[0], 10000000);
    CHECK_EQ_I64(s.cost[1], 0); /* empty optional money is 0 */
    CHECK_EQ_I64(s.day[1], kehu_date_from_ymd(2021, 1, 1));
    CHECK_EQ_I64(s.second[1], -1);
    CHECK(st.delimiter == '\t');

    /* Reject rate: 1 of 2 rejected > 0.01. */
    kehu_read_opts_init(&o);
    CHECK_EQ_I64(read_txn("id,date,amount\n1,2024-01-01,5\n2,2024-01-01,x\n",
                          &o, &s, &st),
                 KEHU_EREJECT);
    CHECK_EQ_I64(st.accepted + st.rejected, st.read);
    CHECK(strstr(st.message, "bad_amount 1 (line 3)") != NULL);
    /* A negative rate never fails. */
    o.max_reject_rate = -1;
    CHECK_EQ_I64(read_txn("id,date,amount\n2,2024-01-01,x\n", &o, &s, &st),
                 KEHU_OK);

    /* Unusable inputs and bad options. */
    kehu_read_opts_init(&o);
    CHECK_EQ_I64(read_txn("", &o, &s, &st), KEHU_EPARSE);
    CHECK_EQ_I64(read_txn("\n\n", &o, &s, &st), KEHU_EPARSE);
    CHECK_EQ_I64(read_txn("id,date,amount\n", &o, &s, &st), KEHU_EPARSE);
    CHECK(strstr(st.message, "no data rows") != NULL);
    CHECK_EQ_I64(read_txn("id,when,amount\n1,2,3\n", &o, &s, &st), KEHU_EPARSE);
    CHECK(strstr(st.message, "order_date") != NULL &&
          strstr(st.message, "id, when, amount") != NULL);
    o.delimiter = "x";
    CHECK_EQ_I64(read_txn("id,date,amount\n1,2024-01-01,1\n", &o, &s, &st),
                 KEHU_EINVAL);
    kehu_read_opts_init(&o);
    o.date_format = "%Q";
    CHECK_EQ_I64(read_txn("id,date,amount\n1,2024-01-01,1\n", &o, &s, &st),
                 KEHU_EINVAL);

    /* A callback error stops reading and is returned. */
    kehu_read_opts_init(&o);
    fn.txn = stop;
    CHECK_EQ_I64(kehu_read_buffer(KEHU_INPUT_TRANSACTIONS,
                                  "id,date,amount\n1,2024-01-01,1\n", 30, NULL,
                                  &o, fn, NULL, &st),
                 KEHU_ENOMEM);

    /* Any other callback error: the message names the file and line. */
    {
        static const char m[] = "customer_id,region\nc1,n\nc2,s\nc3,e\n";
        int n = 0;
        kehu_row_fn mf;
        mf.master = refuse_second;
        CHECK_EQ_I64(kehu_read_buffer(KEHU_INPUT_CUSTOMERS, m, sizeof m - 1,
                                      "m.csv", &o, mf, &n, &st),
                     KEHU_ETOOBIG);
        CHECK(strstr(st.message, "m.csv: reading stopped at line 3") != NULL);
    }
    master_duplicates();
}
