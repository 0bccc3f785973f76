/* SPDX-License-Identifier: MIT */
/* The id hash: no collisions among short strings that differ only in
 * length or in NUL bytes, nor among typical ids (a collision of two order
 * ids or two rows would merge them). */
#include "../../src/lib/hash.h"
#include "check.h"

#include <stdio.h>
#include <stdlib.h>

void test_hash(void);

static int cmp_u64(const void *pa, const void *pb)
{
    uint64_t a = *(const uint64_t *)pa, b = *(const uint64_t *)pb;
    return (a > b) - (a < b);
}

void test_hash(void)
{
    static const char alphabet[4] = {'a', 'b', '0', '\0'};
    size_t cap = 1400000, n = 0, i, same = 0;
    uint64_t *h = malloc(cap * sizeof *h);
    char s[32];
    int len, k;

    CHECK(h != NULL);
    if (h == NULL) {
        return;
    }
    /* Every string of up to 8 bytes over alphabet: 87,381 of them. */
    for (len = 0; len <= 8; len++) {
        long count = 1L << (2 * len), c;
        for (c = 0; c < count; c++) {
            long x = c;
            for (k = 0; k < len; k++, x /= 4) {
                s[k] = alphabet[x % 4];
            }
            h[n++] = kehu__hash_bytes(s, (size_t)len, 7);
        }
    }
    for (k = 0; k < 600000; k++) {
        len = snprintf(s, sizeof s, "o%d", k);
        h[n++] = kehu__hash_bytes(s, (size_t)len, 7);
        len = snprintf(s, sizeof s, "customer-%020d", k);
        h[n++] = kehu__hash_bytes(s, (size_t)len, 7);
    }
    qsort(h, n, sizeof *h, cmp_u64);
    for (i = 1; i < n; i++) {
        same += h[i] == h[i - 1];
    }
    CHECK_EQ_I64(same, 0);
    /* The seed changes the hash. */
    CHECK(kehu__hash_bytes("abc", 3, 1) != kehu__hash_bytes("abc", 3, 2));
    free(h);
}
