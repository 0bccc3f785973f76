/* SPDX-License-Identifier: MIT */
/*
 * A seeded pseudo-random generator with explicit state: xoshiro256**
 * (Blackman & Vigna, "Scrambled linear pseudorandom number generators",
 * ACM TOMS 2021) seeded through splitmix64, plus the distributions the
 * simulator needs. Same seed, same stream, on every platform (the
 * generator is integer-only; the distributions use libm's exp/log/sqrt).
 * Not for cryptography.
 */
#ifndef KEHU_RNG_H
#define KEHU_RNG_H

#include <stdint.h>

typedef struct kehu_rng {
    uint64_t s[4]; /* never all zero */
} kehu_rng;

/* Seed the state from `seed` with splitmix64. */
void kehu_rng_seed(kehu_rng *r, uint64_t seed);
/* Seed stream number `stream` of `seed`: distinct (seed, stream) pairs give
 * unrelated states, so object i can have its own reproducible stream. */
void kehu_rng_seed_stream(kehu_rng *r, uint64_t seed, uint64_t stream);
/* Advance by 2^128 steps: calling it k times on copies of one state gives
 * k non-overlapping sequences. */
void kehu_rng_jump(kehu_rng *r);

/* Next 64 random bits. */
uint64_t kehu_rng_next(kehu_rng *r);
/* Uniform on [0, 1) with 53 random bits. */
double kehu_rng_uniform(kehu_rng *r);
/* Uniform on (0, 1): never 0, so log() of it is finite. */
double kehu_rng_uniform_pos(kehu_rng *r);
/* Uniform integer in [0, n), n > 0 (Lemire's multiply, unbiased). */
uint64_t kehu_rng_below(kehu_rng *r, uint64_t n);
/* Standard normal (Marsaglia's polar method). */
double kehu_rng_normal(kehu_rng *r);
/* Exponential with the given rate (> 0): mean 1/rate. */
double kehu_rng_exponential(kehu_rng *r, double rate);
/* Gamma with shape k > 0 and scale theta > 0 (mean k theta): Marsaglia &
 * Tsang (2000); shape < 1 via G(k) = G(k+1) U^(1/k). */
double kehu_rng_gamma(kehu_rng *r, double shape, double scale);
/* Beta(a, b), a, b > 0, as X / (X + Y) with X ~ G(a), Y ~ G(b). */
double kehu_rng_beta(kehu_rng *r, double a, double b);
/* Poisson with mean mu >= 0: multiplication method below 10, Hormann's
 * PTRS transformed rejection (1993) above. */
uint64_t kehu_rng_poisson(kehu_rng *r, double mu);

#endif
