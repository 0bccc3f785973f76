/* SPDX-License-Identifier: MIT */
/* Fuzz the amount parser with each thousands separator, and money_mul. */
#include "kehu/parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char seps[4] = {0, ',', '.', ' '};
    int64_t a = 0, b = 0, m = 0;
    size_t k;

    for (k = 0; k < 4; k++) {
        if (kehu_parse_amount((const char *)data, size, seps[k], &a) ==
            KEHU_OK) {
            /* The same text never parses to two values under one rule. */
            if (kehu_parse_amount((const char *)data, size, seps[k], &b) !=
                    KEHU_OK ||
                a != b) {
                __builtin_trap();
            }
            (void)kehu_money_mul(a, b, &m);
        }
    }
    (void)m;
    return 0;
}
