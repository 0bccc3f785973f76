/* SPDX-License-Identifier: MIT */
/* Fuzz the date parsers: automatic forms and a --date-format pattern. */
#include "kehu/parse.h"
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const fmts[4] = {"%m/%d/%Y %H:%M", "%d-%b-%y",
                                        "%Y%m%d %H%M%S", "%d.%m.%Y"};
    kehu_date_pattern p;
    int32_t day = 0, sec = 0;
    char fmt[64];

    if (kehu_parse_date((const char *)data, size, &day, &sec) == KEHU_OK &&
        (sec < -1 || sec > 86399)) {
        __builtin_trap();
    }
    (void)kehu_date_pattern_compile(fmts[size & 3], &p, NULL);
    (void)kehu_parse_date_pattern(&p, (const char *)data, size, &day, &sec);
    if (size > 0 && size < sizeof fmt) { /* the input as a pattern */
        memcpy(fmt, data, size);
        fmt[size] = '\0';
        if (kehu_date_pattern_compile(fmt, &p, NULL) == KEHU_OK) {
            (void)kehu_parse_date_pattern(&p, "2024-01-31", 10, &day, &sec);
        }
    }
    return 0;
}
