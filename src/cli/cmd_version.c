/* SPDX-License-Identifier: MIT */
/*
 * `kehu version`: the version, the libraries linked in and how the binary
 * was built. A line of text by default; --format json gives one object,
 * --format csv one row under a header.
 */
#include "cli.h"

#include <gsl/gsl_version.h>
#include <sqlite3.h>
#include <string.h>

#define KEHU_VERSION "0.1.0"

#if defined(__clang__)
#define COMPILER "clang " __clang_version__
#elif defined(__GNUC__)
#define COMPILER "gcc " __VERSION__
#else
#define COMPILER "unknown"
#endif

#if defined(__SANITIZE_ADDRESS__)
#define BUILD "sanitizers (address, undefined)"
#elif defined(__OPTIMIZE__)
#define BUILD "optimised"
#else
#define BUILD "debug"
#endif

static void json_field(FILE *f, const char *key, const char *value, int last)
{
    fprintf(f, "\"%s\": ", key);
    out_json_string(f, value, strlen(value));
    fputs(last ? "" : ", ", f);
}

static int run(cli_ctx *c)
{
    const char *sqlite = sqlite3_libversion();

    if (c->nargs != 0) {
        return cli_error(c, 2, "takes no arguments");
    }
    if (c->fmt == OUT_JSON) {
        fputc('{', c->out);
        json_field(c->out, "name", "kehu", 0);
        json_field(c->out, "version", KEHU_VERSION, 0);
        json_field(c->out, "gsl", GSL_VERSION, 0);
        json_field(c->out, "sqlite", sqlite, 0);
        json_field(c->out, "compiler", COMPILER, 0);
        json_field(c->out, "build", BUILD, 1);
        fputs("}\n", c->out);
    } else if (c->fmt == OUT_CSV && cli_get(c, "format") != NULL) {
        fprintf(c->out,
                "name,version,gsl,sqlite,compiler,build\n"
                "kehu,%s,%s,%s,\"%s\",\"%s\"\n",
                KEHU_VERSION, GSL_VERSION, sqlite, COMPILER, BUILD);
    } else {
        fprintf(c->out, "kehu %s (GSL %s, SQLite %s)\n", KEHU_VERSION,
                GSL_VERSION, sqlite);
    }
    return 0;
}

const cli_command cli_cmd_version = {
    "version",
    "print the version",
    "[--format json|csv]",
    "Prints kehu's version, the GSL and SQLite versions linked in, the\n"
    "compiler and the build (optimised or sanitizers); --format json gives\n"
    "one object {name, version, gsl, sqlite, compiler, build}.",
    NULL,
    0,
    run,
    NULL,
};
