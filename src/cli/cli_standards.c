/* SPDX-License-Identifier: MIT */
/*
 * The standard in force for a command: defaults, standards file,
 * command-line overrides (see cli_standards.h). The file is read whole
 * (it is small: capped at STANDARDS_MAX bytes) and handed to the core
 * parser; each override becomes one `key = value` line for that parser.
 */
#include "cli_standards.h"

#include "kehu/date.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define STANDARDS_MAX     (1u << 20)
#define DEFAULT_STANDARDS "kehu.toml"

/* A command-line option and the standards key it sets. */
typedef struct override {
    const char *option;
    const char *key;
    int cuts; /* 1: "a,b,c,d" becomes [a,b,c,d] */
} override;

static const override overrides[] = {
    {"r-cuts", "r_cuts", 1},
    {"f-cuts", "f_cuts", 1},
    {"m-cuts", "m_cuts", 1},
    {"core-min-amount", "core_min_amount", 0},
    {"core-min-orders", "core_min_orders", 0},
    {"core-max-days", "core_max_days_since_last", 0},
    {"core-use-share", "core_use_share", 0},
    {"churn-days", "churn_days", 0},
    {"new-days", "new_days", 0},
    {"abcd-a-share", "abcd_a_share", 0},
    {"abcd-b-share", "abcd_b_share", 0},
};
#define N_OVERRIDES (sizeof overrides / sizeof overrides[0])

/* Reads path whole into a new buffer. 0, or an exit code after printing. */
static int read_file(cli_ctx *c, const char *path, char **text, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf;
    size_t n;

    *text = NULL;
    *len = 0;
    if (f == NULL) {
        return cli_error(c, 2, "cannot read standards file %s: %s", path,
                         strerror(errno));
    }
    buf = malloc(STANDARDS_MAX + 1);
    if (buf == NULL) {
        (void)fclose(f);
        return cli_error(c, 1, "out of memory");
    }
    n = fread(buf, 1, STANDARDS_MAX + 1, f);
    if (ferror(f) || n > STANDARDS_MAX) {
        (void)fclose(f);
        free(buf);
        return cli_error(c, 2, "standards file %s: %s", path,
                         n > STANDARDS_MAX ? "larger than 1 MiB"
                                           : "read error");
    }
    (void)fclose(f);
    *text = buf;
    *len = n;
    return 0;
}

static int load_file(cli_ctx *c, const char *path, kehu_standards *std)
{
    char *text;
    size_t len;
    kehu_error err;
    kehu_status rc;
    int code = read_file(c, path, &text, &len);

    if (code != 0) {
        return code;
    }
    memset(&err, 0, sizeof err);
    rc = kehu_standards_parse(text, len, std, &err);
    free(text);
    if (rc != KEHU_OK) {
        return cli_error(c, 2, "standards file %s: %s", path,
                         err.msg[0] ? err.msg : kehu_strerror(rc));
    }
    return 0;
}

/* Only characters a number, a list or true/false/auto can hold, so an
 * option value can never add a second line or a comment to the text. */
static int plain_value(const char *v)
{
    return v[0] != '\0' &&
           strspn(v, "0123456789.,+-eE_ abcdefghijklmnopqrstuvwxyz") ==
               strlen(v);
}

/* Appends the `key = value` line of option o with value v to text. */
static int add_override(cli_ctx *c, const override *o, const char *v,
                        char *text, size_t cap)
{
    size_t len = strlen(text);

    if (!plain_value(v) || strlen(v) > 200) {
        return cli_error(c, 2, "--%s %s: not a valid value for %s", o->option,
                         v, o->key);
    }
    if (o->cuts && (strcmp(v, "pct") == 0 || strcmp(v, "percentile") == 0)) {
        (void)snprintf(text + len, cap - len, "%s = []\n", o->key);
    } else if (o->cuts) {
        (void)snprintf(text + len, cap - len, "%s = [%s]\n", o->key, v);
    } else if (strcmp(v, "auto") == 0) {
        (void)snprintf(text + len, cap - len, "%s = \"auto\"\n", o->key);
    } else {
        (void)snprintf(text + len, cap - len, "%s = %s\n", o->key, v);
    }
    return 0;
}

/* All overrides are parsed as one text, so that the final consistency
 * check (e.g. a_share <= b_share) sees them together. */
static int apply_overrides(cli_ctx *c, kehu_standards *std)
{
    char text[N_OVERRIDES * 256];
    const override *on_line[N_OVERRIDES + 1];
    const char *value[N_OVERRIDES + 1];
    const char *msg;
    size_t i, n = 0;
    kehu_error err;
    kehu_status rc;
    int code;

    text[0] = '\0';
    for (i = 0; i < N_OVERRIDES; i++) {
        const char *v = cli_get(c, overrides[i].option);
        if (v == NULL) {
            continue;
        }
        code = add_override(c, &overrides[i], v, text, sizeof text);
        if (code != 0) {
            return code;
        }
        on_line[n] = &overrides[i];
        value[n] = v;
        n++;
    }
    if (n == 0) {
        return 0;
    }
    memset(&err, 0, sizeof err);
    rc = kehu_standards_parse(text, strlen(text), std, &err);
    if (rc == KEHU_OK) {
        return 0;
    }
    msg = err.msg[0] ? err.msg : kehu_strerror(rc);
    if (err.line >= 1 && (size_t)err.line <= n) {
        /* The parser says "line K: ..."; the option is the location. */
        const char *colon = strstr(msg, ": ");
        i = (size_t)err.line - 1;
        return cli_error(c, 2, "--%s %s: %s", on_line[i]->option, value[i],
                         colon != NULL ? colon + 2 : msg);
    }
    return cli_error(c, 2, "standards options: %s", msg);
}

int cli_standards_load(cli_ctx *c, kehu_standards *std, const char **source)
{
    const char *path = cli_get(c, "standards");

    kehu_standards_init(std);
    if (path == NULL && access(DEFAULT_STANDARDS, F_OK) == 0) {
        path = DEFAULT_STANDARDS;
    }
    if (source != NULL) {
        *source = path;
    }
    if (path != NULL) {
        int code = load_file(c, path, std);
        if (code != 0) {
            return code;
        }
    }
    return apply_overrides(c, std);
}

void cli_summary_known(const kehu_ledger *l, kehu_summary *s)
{
    size_t i, n = 0;

    for (i = 0; i < s->n; i++) {
        const kehu_summary_row *r = &s->rows[i];
        kehu_customer cu;
        int keep = r->purchase_days > 0;
        if (!keep) {
            kehu_ledger_customer(l, r->customer, &cu);
            keep = cu.in_master && (cu.signup_day == KEHU_DAY_NONE ||
                                    cu.signup_day < s->as_of_day);
        }
        if (keep) {
            s->rows[n++] = *r;
        }
    }
    s->n = n;
}

int cli_standards_overridden(const cli_ctx *c)
{
    size_t i;

    for (i = 0; i < N_OVERRIDES; i++) {
        if (cli_has(c, overrides[i].option)) {
            return 1;
        }
    }
    return 0;
}

void cli_standards_note(const cli_ctx *c, const char *source)
{
    int zh = c->lang == OUT_ZH;

    if (c->quiet) {
        return;
    }
    (void)fprintf(stderr,
                  zh ? "分类标准：%s%s；RFM 细分：R × FM 网格\n"
                     : "classification standard: %s%s; segments: R x FM "
                       "grid\n",
                  source != NULL ? source : (zh ? "默认" : "SPEC defaults"),
                  cli_standards_overridden(c)
                      ? (zh ? "（含命令行选项）" : " with options")
                      : "");
}

int cli_known_summary(cli_ctx *c, const kehu_ledger *l,
                      const kehu_summary_options *o, kehu_summary **out)
{
    kehu_summary_options idle = *o;
    int code;

    idle.include_idle = 1;
    code = cli_summary(c, l, &idle, out);
    if (code != 0) {
        return code;
    }
    cli_summary_known(l, *out);
    return 0;
}

int cli_classify_rows(cli_ctx *c, const kehu_summary *s,
                      const kehu_standards *std, const kehu_class_inputs *extra,
                      kehu_class_info *info, kehu_class **out)
{
    kehu_status rc = kehu_classify_info(s, std, extra, info, out);

    if (rc != KEHU_OK) {
        return cli_error(c, cli_exit_code(rc), "classification failed: %s",
                         kehu_strerror(rc));
    }
    return 0;
}

unsigned cli_class_value(const kehu_class *c, cli_class_dim d)
{
    switch (d) {
    case CLI_CLASS_RFM8:
        return c->rfm8;
    case CLI_CLASS_SEGMENT:
        return c->segment;
    case CLI_CLASS_VALUE_TIER:
        return c->value_tier;
    case CLI_CLASS_ABCD:
        return c->abcd;
    case CLI_CLASS_TIER:
        return c->tier;
    case CLI_CLASS_NEEDS:
        return c->needs;
    default:
        return c->stage;
    }
}

const char *cli_class_label(const cli_ctx *c, cli_class_dim d, unsigned v)
{
    int zh = c->fmt == OUT_TABLE && c->lang == OUT_ZH;
    int title = c->fmt == OUT_TABLE && c->lang == OUT_EN;

    if (d == CLI_CLASS_NEEDS) {
        return zh ? kehu_needs_zh((kehu_needs)v)
                  : kehu_needs_name((kehu_needs)v);
    }
    if (v == 0 && d != CLI_CLASS_STAGE) {
        return zh ? "无购买" : "none";
    }
    switch (d) {
    case CLI_CLASS_RFM8:
        return zh ? kehu_rfm8_zh((kehu_rfm8)v) : kehu_rfm8_name((kehu_rfm8)v);
    case CLI_CLASS_SEGMENT:
        return zh      ? kehu_segment_zh((kehu_segment)v)
               : title ? kehu_segment_title((kehu_segment)v)
                       : kehu_segment_name((kehu_segment)v);
    case CLI_CLASS_VALUE_TIER:
        return zh ? kehu_value_tier_zh((kehu_value_tier)v)
                  : kehu_value_tier_name((kehu_value_tier)v);
    case CLI_CLASS_ABCD:
        return zh ? kehu_abcd_zh((kehu_abcd)v) : kehu_abcd_name((kehu_abcd)v);
    case CLI_CLASS_TIER:
        return zh ? kehu_tier_zh((kehu_tier)v) : kehu_tier_name((kehu_tier)v);
    default:
        return zh ? kehu_stage_zh((kehu_stage)v)
                  : kehu_stage_name((kehu_stage)v);
    }
}
