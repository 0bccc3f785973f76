/* SPDX-License-Identifier: MIT */
/* Runs every unit suite, or the one named on the command line. */
#include "check.h"

#include <stdio.h>
#include <string.h>

long check_passed, check_failed;

#define KEHU_TEST(name) void test_##name(void);
#include "tests.h"
#undef KEHU_TEST

static const struct {
    const char *name;
    void (*fn)(void);
} suites[] = {
#define KEHU_TEST(name) {#name, test_##name},
#include "tests.h"
#undef KEHU_TEST
};

int main(int argc, char **argv)
{
    size_t i;
    int ran = 0;

    for (i = 0; i < sizeof suites / sizeof suites[0]; i++) {
        if (argc > 1 && strcmp(argv[1], suites[i].name) != 0) {
            continue;
        }
        long before = check_failed;
        suites[i].fn();
        ran++;
        printf("  %-24s %s\n", suites[i].name,
               check_failed == before ? "ok" : "FAILED");
    }
    if (ran == 0) {
        (void)fprintf(stderr, "no suite named %s\n", argc > 1 ? argv[1] : "");
        return 2;
    }
    printf("unit: %ld passed, %ld failed\n", check_passed, check_failed);
    return check_failed == 0 ? 0 : 1;
}
