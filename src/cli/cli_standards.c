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
