/* SPDX-License-Identifier: MIT */
/* `kehu version`: the version and the libraries linked in. */
#include "cli.h"

#include <gsl/gsl_version.h>
#include <sqlite3.h>

static int run(cli_ctx *c)
{
    fprintf(c->out, "kehu 0.1.0 (GSL %s, SQLite %s)\n", GSL_VERSION,
            sqlite3_libversion());
    return 0;
}

const cli_command cli_cmd_version = {
    "version", "print the version", "", NULL, NULL, 0, run,
};
