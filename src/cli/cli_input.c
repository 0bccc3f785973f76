/* SPDX-License-Identifier: MIT */
/*
 * Reading input files from a command: option handling, the reconciliation
 * line, and cli_load_ledger (transactions into a ledger, then the optional
 * --customers master). The reading itself is src/io/csv_read.c.
 */
#include "cli_input.h"

#include "kehu/date.h"
#include "kehu/ledger.h"

#include <stdlib.h>
#include <string.h>

static void progress(void *ctx, uint64_t done, uint64_t total)
{
    const cli_input *in = ctx;

    cli_progress(in->c, "reading", done, total);
}

int cli_input_init(cli_ctx *c, cli_input *in)
{
    const char *t = cli_get(c, "thousands");
    size_t n;

    memset(in, 0, sizeof *in);
    in->c = c;
    kehu_read_opts_init(&in->opts);
    n = cli_get_all(c, "map", in->maps, CLI_MAX_MAPS);
    if (n > CLI_MAX_MAPS) {
        return cli_error(c, 2, "at most %d --map options", CLI_MAX_MAPS);
    }
    in->opts.maps = in->maps;
    in->opts.nmaps = n;
    in->opts.delimiter = cli_get(c, "delimiter");
    in->opts.date_format = cli_get(c, "date-format");
    in->opts.rejects_path = cli_get(c, "rejects");
    if (t != NULL) {
        if (strcmp(t, "space") == 0) {
            in->opts.thousands = ' ';
        } else if (strlen(t) == 1 && strchr(",.' _", t[0]) != NULL) {
            in->opts.thousands = t[0];
        } else {
            return cli_error(c, 2,
                             "--thousands %s: use ',', '.', \"'\", '_' or "
                             "space",
                             t);
        }
    }
    if (cli_opt_double(c, "max-reject-rate", &in->opts.max_reject_rate) != 0) {
        return 2;
    }
    if (!(in->opts.max_reject_rate >= 0 && in->opts.max_reject_rate <= 1)) {
        return cli_error(c, 2, "--max-reject-rate must be between 0 and 1");
    }
    in->opts.progress = progress;
    in->opts.progress_ctx = in;
    return 0;
}

void cli_input_report(const cli_ctx *c, const char *path,
                      const kehu_read_stats *st)
{
    if (c->quiet) {
        return;
    }
    fprintf(stderr,
            "%s: read %llu rows: %llu accepted, %llu rejected, %llu "
            "duplicates",
            path, (unsigned long long)st->read,
            (unsigned long long)st->accepted, (unsigned long long)st->rejected,
            (unsigned long long)st->duplicates);
    if (st->rejects_written) {
        fprintf(stderr, " (rejects: %s)", st->rejects_path);
    }
    fputc('\n', stderr);
}

int cli_input_fail(const cli_ctx *c, kehu_status rc, const kehu_read_stats *st)
{
    if (rc == KEHU_ENOMEM) {
        return cli_error(c, 1, "out of memory while reading");
    }
    if (st->message[0] != '\0') {
        return cli_error(c, cli_exit_code(rc), "%s", st->message);
    }
    return cli_error(c, cli_exit_code(rc), "reading failed: %s",
                     kehu_strerror(rc));
}
