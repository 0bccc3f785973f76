/* SPDX-License-Identifier: MIT */
/* Fuzz the CSV tokenizer: byte 0 picks the delimiter, the rest is input. */
#include "../../src/lib/csv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char delims[4] = {',', ';', '\t', ' '};
    kehu_csv_opts o = {',', 64};
    kehu_csv s;
    kehu_csv_record r;
    size_t i, total = 0;

    if (size == 0) {
        return 0;
    }
    o.delim = delims[data[0] & 3];
    if (kehu__csv_init(&s, (const char *)data + 1, size - 1, &o) != KEHU_OK) {
        return 0;
    }
    while (kehu__csv_next(&s, &r) == KEHU_OK) {
        for (i = 0; i < r.n; i++) {
            total += r.fields[i].len;
        }
        total += (size_t)kehu__utf8_valid(r.raw.ptr, r.raw.len);
    }
    kehu__csv_reset(&s);
    return total == (size_t)-1;
}
