/* SPDX-License-Identifier: MIT */
/* The CSV tokenizer: quoting, line ends, delimiters, errors and resume. */
#include "../../src/lib/csv.h"
#include "check.h"
#include "kehu/alloc.h"

#include <stdlib.h>
#include <string.h>

void test_csv(void);

/* Tokenize text and render records as "line:f1|f2;" (errors as
 * "line!reason[raw];"). */
static void render(const char *text, size_t len, char delim, size_t cap,
                   char *out, size_t outcap)
{
    kehu_csv s;
    kehu_csv_opts o = {delim, cap};
    kehu_csv_record r;
    size_t n = 0, i;

    out[0] = '\0';
    if (kehu__csv_init(&s, text, len, &o) != KEHU_OK) {
        (void)snprintf(out, outcap, "EINVAL");
        return;
    }
    while (kehu__csv_next(&s, &r) == KEHU_OK && n + 64 < outcap) {
        if (r.status != KEHU_OK) {
            n += (size_t)snprintf(out + n, outcap - n, "%lld!%s[%.*s];",
                                  (long long)r.line, r.reason, (int)r.raw.len,
                                  r.raw.ptr);
            continue;
        }
        n += (size_t)snprintf(out + n, outcap - n, "%lld:", (long long)r.line);
        for (i = 0; i < r.n; i++) {
            n += (size_t)snprintf(out + n, outcap - n, "%s%.*s", i ? "|" : "",
                                  (int)r.fields[i].len, r.fields[i].ptr);
        }
        n += (size_t)snprintf(out + n, outcap - n, ";");
    }
    kehu__csv_reset(&s);
}

/* Peek field col of the next record of text: "field@next", or "-" when
 * the record needs the full tokenizer. */
static void peek(const char *text, char delim, size_t col, char *out,
                 size_t outcap)
{
    kehu_csv s;
    kehu_csv_opts o = {delim, 0};
    kehu_slice f;
    size_t next;

    if (kehu__csv_init(&s, text, strlen(text), &o) != KEHU_OK) {
        (void)snprintf(out, outcap, "EINVAL");
    } else if (kehu__csv_peek(&s, col, &f, &next)) {
        (void)snprintf(out, outcap, "%.*s@%zu", (int)f.len, f.ptr, next);
    } else {
        (void)snprintf(out, outcap, "-");
    }
    kehu__csv_reset(&s);
}

static void check_peek(void)
{
    char got[64];
    kehu_csv s;
    kehu_csv_opts o = {',', 0};
    kehu_csv_record r;
    kehu_slice f;
    size_t next = 0;
    const char *two = "a,b\nc,d\n";

    peek("1,c7,x\n2,c8,y\n", ',', 1, got, sizeof got);
    CHECK_STR(got, "c7@7");
    peek("1,c7\r\n", ',', 1, got, sizeof got); /* CR is the line end */
    CHECK_STR(got, "c7@6");
    peek("1, c7 ,x", ',', 1, got, sizeof got); /* untrimmed, last line */
    CHECK_STR(got, " c7 @8");
    peek("1;c7;x\n", ';', 0, got, sizeof got);
    CHECK_STR(got, "1@7");
    peek("1,\"c,7\",x\n", ',', 1, got, sizeof got); /* quotes: tokenize */
    CHECK_STR(got, "-");
    peek("1\n", ',', 1, got, sizeof got); /* too few fields */
    CHECK_STR(got, "-");
    peek("\n1,c7\n", ',', 1, got, sizeof got); /* blank line */
    CHECK_STR(got, "-");
    peek("\r\n1,c7\n", ',', 1, got, sizeof got);
    CHECK_STR(got, "-");
    peek("1 c7\n", ' ', 1, got, sizeof got); /* whitespace runs */
    CHECK_STR(got, "-");
    peek("", ',', 0, got, sizeof got);
    CHECK_STR(got, "-");
    /* Skipping a peeked line moves to the next record and line. */
    CHECK(kehu__csv_init(&s, two, strlen(two), &o) == KEHU_OK);
    CHECK(kehu__csv_peek(&s, 0, &f, &next) == 1);
    kehu__csv_skip(&s, next);
    CHECK(kehu__csv_next(&s, &r) == KEHU_OK);
    CHECK(r.line == 2 && r.n == 2 && r.fields[0].len == 1 &&
          r.fields[0].ptr[0] == 'c');
    CHECK(kehu__csv_next(&s, &r) == KEHU_DONE);
    kehu__csv_reset(&s);
}

/* Binary sniffing: text passes, file signatures and control bytes
 * are named. */
static void sniff_binary(void)
{
    static const char csv[] = "customer_id,date\r\nc1,2025-01-01\f\n";
    static const char dos[] = "a,b\n1,2\n\x1A";
    static const char late[] = "a,b\n1,\x01\n";
    CHECK(kehu__csv_sniff_binary(csv, sizeof csv - 1) == NULL);
    CHECK(kehu__csv_sniff_binary(dos, sizeof dos - 1) == NULL);
    CHECK(kehu__csv_sniff_binary("", 0) == NULL);
    CHECK(kehu__csv_sniff_binary("\xE5\xAE\xA2,x\n", 6) == NULL);
    CHECK(strstr(kehu__csv_sniff_binary("PK\x03\x04zz", 6), "xlsx") != NULL);
    CHECK(strstr(kehu__csv_sniff_binary("\x1F\x8B\x08", 3), "gzip") != NULL);
    CHECK(strstr(kehu__csv_sniff_binary("%PDF-1.4", 8), "PDF") != NULL);
    CHECK(strstr(kehu__csv_sniff_binary("\xFF\xFE"
                                        "a\0",
                                        4),
                 "UTF-16") != NULL);
    CHECK(strstr(kehu__csv_sniff_binary("a,b\n\0", 5), "NUL") != NULL);
    CHECK(strstr(kehu__csv_sniff_binary("a\x02,b\n", 5), "first line") != NULL);
    /* One control byte in a short file is more than 1%. */
    CHECK(kehu__csv_sniff_binary(late, sizeof late - 1) != NULL);
}

void test_csv(void)
{
    check_peek();
    static const struct {
        const char *in;
        char delim;
        const char *want;
    } cases[] = {
        {"a,b,c\n1,2,3\n", ',', "1:a|b|c;2:1|2|3;"},
        {"a,b\r\n1,2\r\n", ',', "1:a|b;2:1|2;"},
        {"\xEF\xBB\xBF"
         "id,x\n1,2",
         ',', "1:id|x;2:1|2;"},
        {"a,,\n", ',', "1:a||;"},
        {"\"a,b\",\"c\"\"d\"\n", ',', "1:a,b|c\"d;"},
        {"\"multi\nline\",x\nnext,y\n", ',', "1:multi\nline|x;3:next|y;"},
        {"\"multi\r\nline\",x\r\nnext,y\r\n", ',',
         "1:multi\r\nline|x;3:next|y;"},
        {"1,\"open\n2,b\n", ',', "1!unterminated_quote[1,\"open];2:2|b;"},
        {"1,\"ab\"x,3\n4,5,6\n", ',',
         "1!text_after_quote[1,\"ab\"x,3];2:4|5|6;"},
        {"12\" vinyl,2\n", ',', "1:12\" vinyl|2;"},
        {"a;b;c\n", ';', "1:a|b|c;"},
        {"a\tb\n", '\t', "1:a|b;"},
        {" 00004 0001 19970101  2   29.33\r\n 00004 0001 19970118  2 29.73\r\n",
         ' ', "1:00004|0001|19970101|2|29.33;2:00004|0001|19970118|2|29.73;"},
        {"a b  \n\n   \n\"x y\" z\n", ' ', "1:a|b;4:x y|z;"},
        {"a,b\n\n\nc,d", ',', "1:a|b;4:c|d;"},
        {"\"\"\n", ',', "1:;"},
        {"x\n\"abc", ',', "1:x;2!unterminated_quote[\"abc];"},
    };
    char out[512];
    size_t i;
    kehu_csv s;
    kehu_csv_opts bad = {'x', 0};

    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        render(cases[i].in, strlen(cases[i].in), cases[i].delim, 0, out,
               sizeof out);
        CHECK_STR(out, cases[i].want);
    }
    CHECK_EQ_I64(kehu__csv_init(&s, "", 0, &bad), KEHU_EINVAL);
    /* The cap: a record longer than max_record is rejected, then resume. */
    render("aaaaaaaaaa,b\nc,d\n", 17, ',', 8, out, sizeof out);
    CHECK_STR(out, "1!record_too_long[aaaaaaaaaa,b];2:c|d;");
    render("\"aaaaaaaaaaaa\"\nc,d\n", 19, ',', 8, out, sizeof out);
    CHECK_STR(out, "1!record_too_long[\"aaaaaaaaaaaa\"];2:c|d;");
    /* A 10 MB line works under the default 16 MiB cap. */
    {
        size_t big = (size_t)10 << 20;
        char *buf = malloc(big + 8);
        kehu_csv_record r;
        CHECK(buf != NULL);
        if (buf != NULL) {
            memset(buf, 'x', big);
            static const char tail[7] = {',', 'y', '\n', 'z', ',', 'w', '\n'};
            memcpy(buf + big, tail, sizeof tail);
            CHECK_EQ_I64(kehu__csv_init(&s, buf, big + 7, NULL), KEHU_OK);
            CHECK_EQ_I64(kehu__csv_next(&s, &r), KEHU_OK);
            CHECK_EQ_I64(r.status, KEHU_OK);
            CHECK_EQ_I64(r.n, 2);
            CHECK_EQ_I64(r.fields[0].len, big);
            CHECK_EQ_I64(kehu__csv_next(&s, &r), KEHU_OK);
            CHECK_EQ_I64(r.line, 2);
            CHECK_EQ_I64(kehu__csv_next(&s, &r), KEHU_DONE);
            kehu__csv_reset(&s);
            free(buf);
        }
    }
    CHECK(kehu__utf8_valid("abc \xC2\xA3 \xE5\xAE\xA2 \xF0\x9F\x98\x80", 15));
    CHECK(!kehu__utf8_valid("\xA3", 1));
    CHECK(!kehu__utf8_valid("\xC0\xAF", 2));         /* overlong */
    CHECK(!kehu__utf8_valid("\xED\xA0\x80", 3));     /* surrogate */
    CHECK(!kehu__utf8_valid("ab\xE5\xAE", 4));       /* truncated */
    CHECK(!kehu__utf8_valid("\xF5\x80\x80\x80", 4)); /* > U+10FFFF */
    /* Delimiter detection and names. */
    {
        static const struct {
            const char *text;
            char want;
        } d[] = {{"a,b;c\n", ','},
                 {"a;b;c,d\n", ';'},
                 {"a\tb\tc\n1,2\n", '\t'},
                 {"a|b|c\n", '|'},
                 {"\"a;b\",c\n", ','},
                 {"a  b   c\n", ' '},
                 {"abc\n", ','},
                 {"\xEF\xBB\xBFx;y\r\n", ';'},
                 {"", ','}};
        size_t k;
        char c = 0;
        for (k = 0; k < sizeof d / sizeof d[0]; k++) {
            CHECK_EQ_I64(kehu__csv_detect_delim(d[k].text, strlen(d[k].text)),
                         d[k].want);
        }
        CHECK_EQ_I64(kehu__csv_parse_delim("tab", &c), KEHU_OK);
        CHECK_EQ_I64(c, '\t');
        CHECK_EQ_I64(kehu__csv_parse_delim("semicolon", &c), KEHU_OK);
        CHECK_EQ_I64(c, ';');
        CHECK_EQ_I64(kehu__csv_parse_delim("pipe", &c), KEHU_OK);
        CHECK_EQ_I64(c, '|');
        CHECK_EQ_I64(kehu__csv_parse_delim("x", &c), KEHU_EINVAL);
    }
    sniff_binary();
}
