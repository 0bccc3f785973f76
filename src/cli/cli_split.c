/* SPDX-License-Identifier: MIT */
/* Two-thread loading of a ledger: see cli_split.h. */
#include "cli_split.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define SPLIT_MIN_BYTES (32u << 20) /* smaller files load fast enough */
#define SPLIT_PARTS     2

static kehu_status add_txn(void *ctx, const kehu_txn *t)
{
    return kehu_ledger_add(ctx, t);
}

int cli_want_thread(int worth_it)
{
    const char *env = getenv("KEHU_THREADS");

    if (env != NULL && strcmp(env, "1") == 0) {
        return 0;
    }
    return (env != NULL && strcmp(env, "2") == 0) ||
           (worth_it && sysconf(_SC_NPROCESSORS_ONLN) >= 2);
}

int cli_want_split(const char *path)
{
    struct stat sb;

    if (strcmp(path, "-") == 0 || stat(path, &sb) != 0 ||
        !S_ISREG(sb.st_mode)) {
        return 0;
    }
    return cli_want_thread((uint64_t)sb.st_size >= SPLIT_MIN_BYTES);
}

kehu_status cli_read_ledger(const char *path, const kehu_read_opts *o,
                            kehu_ledger **l, kehu_read_stats *st)
{
    kehu_ledger *part = NULL;
    void *ctxs[SPLIT_PARTS];
    kehu_status rc;

    if (cli_want_split(path) && kehu_ledger_new(&part) == KEHU_OK) {
        ctxs[0] = *l;
        ctxs[1] = part;
        rc = kehu_read_transactions_split(path, o, add_txn, ctxs, SPLIT_PARTS,
                                          st);
        if (rc == KEHU_OK) {
            return kehu_ledger_merge_take(*l, part);
        }
        kehu_ledger_free(part);
        if (rc != KEHU_CONTINUE) {
            return rc; /* the input changed while it was read */
        }
        /* Start again in order, from empty ledgers. */
        kehu_ledger_free(*l);
        *l = NULL;
        rc = kehu_ledger_new(l);
        if (rc != KEHU_OK) {
            return rc;
        }
    }
    return kehu_read_transactions(path, o, add_txn, *l, st);
}
