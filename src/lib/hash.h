/* SPDX-License-Identifier: MIT */
/*
 * Internal: a fast 64-bit hash of a byte string (8 bytes per step, a
 * multiply-xorshift mix in the manner of wyhash/rapidhash). Not
 * cryptographic; customer ids are hashed once per row, so speed matters.
 */
#ifndef KEHU_HASH_H
#define KEHU_HASH_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

static inline uint64_t kehu__hash_mix(uint64_t a, uint64_t b)
{
    __extension__ unsigned __int128 r = (unsigned __int128)a * b;
    return (uint64_t)r ^ (uint64_t)(r >> 64);
}

static inline uint64_t kehu__hash_bytes(const void *data, size_t len,
                                        uint64_t seed)
{
    const unsigned char *p = (const unsigned char *)data;
    const uint64_t k0 = 0xa0761d6478bd642fULL, k1 = 0xe7037ed1a0b428dbULL;
    uint64_t h = seed ^ k0;
    uint64_t a = 0, b = 0;
    size_t r = len;

    while (r >= 16) {
        memcpy(&a, p, 8);
        memcpy(&b, p + 8, 8);
        h = kehu__hash_mix(a ^ k1 ^ h, b ^ k0);
        p += 16;
        r -= 16;
    }
    /* The tail by overlapping whole-word loads, as wyhash does (copying it
     * byte by byte into a word stalls the load that reads the word back).
     * For a given length the words determine the bytes; the length itself
     * enters after a multiply, so it cannot cancel a difference in them. */
    a = 0;
    b = 0;
    if (r >= 8) {
        memcpy(&a, p, 8);
        /* cppcheck-suppress pointerOutOfBoundsCond ; r bytes remain at p */
        memcpy(&b, p + (r - 8), 8);
    } else if (r >= 4) {
        uint32_t x, y;
        memcpy(&x, p, 4);
        memcpy(&y, p + (r - 4), 4);
        a = (uint64_t)x << 32 | y;
    } else if (r > 0) {
        a = (uint64_t)p[0] << 16 | (uint64_t)p[r >> 1] << 8 | p[r - 1];
    }
    h = kehu__hash_mix(a ^ k1 ^ h, b ^ k0);
    return kehu__hash_mix(h ^ k0 ^ (uint64_t)len, k1);
}

#endif
