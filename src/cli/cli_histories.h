/* SPDX-License-Identifier: MIT */
/*
 * For operations that fit on a published summary instead of transactions
 * (KEHU_NEEDS_HISTORIES with the "summary" parameter given, as kehu fit
 * --summary): reading the file into unique histories, with the columns
 * the operation's "model" parameter needs; and the step times of
 * --timing ("kehu fit: read  12.345 ms").
 */
#ifndef KEHU_CLI_HISTORIES_H
#define KEHU_CLI_HISTORIES_H

#include "cli.h"

#include "kehu/app/param.h"
#include "kehu/btyd.h"

#include <time.h>

/* 1 when the operation's FILE is a summary (its "summary" flag). */
int cli_histories_wanted(const kehu_params *p);

/* Step times on stderr when on. */
typedef struct cli_timer {
    const cli_ctx *c;
    int on;
    struct timespec start, last;
} cli_timer;

void cli_timer_start(cli_timer *t, const cli_ctx *c, int on);
/* "kehu CMD: STEP  N ms" since the last step. */
void cli_timer_step(cli_timer *t, const char *step);
/* "kehu CMD: total  N ms" since the start. */
void cli_timer_total(const cli_timer *t);

/*
 * Read the summary path into unique histories for the model named by the
 * "model" parameter of p: count models stream rows into the histories
 * (memory grows with distinct histories), a spend model's rows become
 * (x, mean repeat spend, 0). OUT: *out (kehu_hist_free). Returns 0, or an
 * exit code after printing the file, what is wrong and what to do.
 */
int cli_histories_read(cli_ctx *c, const char *path, const kehu_params *p,
                       cli_timer *timer, kehu_hist **out);

#endif
