/* SPDX-License-Identifier: MIT */
/* Fuzz flat JSON objects into every operation's parameters; the first byte
 * sizes the unescape buffer (allocated exactly, so a byte past it shows). */
#include "kehu/alloc.h"
#include "kehu/app/op.h"
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    size_t i, cap = size > 0 ? data[0] : 0, skip = size > 0;
    char *buf = malloc(cap > 0 ? cap : 1);

    for (i = 0; buf != NULL && i < kehu_op_count(); i++) {
        kehu_params p;
        kehu_error err;
        void *opts;
        if (kehu_op_params(kehu_op_at(i), &p, &opts, &err) != KEHU_OK) {
            __builtin_trap(); /* a default that does not parse */
        }
        (void)kehu_params_from_json(&p, (const char *)data + skip, size - skip,
                                    buf, cap, &err);
        kehu_free(opts);
    }
    free(buf);
    return 0;
}
