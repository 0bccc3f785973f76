/* SPDX-License-Identifier: MIT */
/*
 * gen_summary: simulate customers from the BG/NBD process (Fader, Hardie &
 * Lee 2005) with known parameters and write their summary CSV (x,t_x,T),
 * for bench/fit.sh.
 *   gen_summary N SEED UNIT OUT
 Both units follow CDNOW's design: customers join on a day spread evenly
 * over the first 12 weeks (84 days) and are observed to the end of day 273
 * (week 39), so T runs from 27 to 39 weeks; rates are per week at CDNOW's
 * published estimates r 0.243, alpha 4.414, a 0.793, b 2.426. x counts
 * the UNIT periods with a repeat purchase after the first purchase's
 * period, t_x is the last such period and T the periods observed (as
 * lifetimes' summary_data_from_transaction_data with freq 'W' or 'D').
 * UNIT week: whole weeks, the coarse summary of the lifetimes / CLVTools
 *   benchmarks (a few thousand distinct histories at 1M customers).
 * UNIT day: days (about 10^5 distinct histories at 1M customers).
 * The process: lambda ~ Gamma(r, rate alpha), p ~ Beta(a, b); while alive
 * purchases follow a Poisson process with rate lambda, and after each
 * repeat purchase the customer dies with probability p. Uses kehu's own
 * seeded generator (kehu/rng.h), one stream per customer.
 */
#include "kehu/rng.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define R_    0.243
#define ALPHA 4.414
#define A_    0.793
#define B_    2.426

int main(int argc, char **argv)
{
    unsigned long long n, seed, i;
    int daily, birth_days, end_day;
    FILE *f;

    if (argc != 5 ||
        (strcmp(argv[3], "week") != 0 && strcmp(argv[3], "day") != 0)) {
        fprintf(stderr, "usage: gen_summary N SEED week|day OUT\n");
        return 2;
    }
    n = strtoull(argv[1], NULL, 10);
    seed = strtoull(argv[2], NULL, 10);
    daily = strcmp(argv[3], "day") == 0;
    birth_days = 84;
    end_day = 273; /* observation ends after this day */
    f = fopen(argv[4], "w");
    if (f == NULL || n == 0) {
        perror(argv[4]);
        return 1;
    }
    fputs("x,t_x,T\n", f);
    for (i = 0; i < n; i++) {
        kehu_rng rng;
        double lambda, p, t = 0;
        int birth = (int)((unsigned long long)birth_days * i / n);
        int per = daily ? 1 : 7; /* days per period */
        int T = (end_day - birth) / per, last = 0, x = 0;

        kehu_rng_seed_stream(&rng, seed, i);
        lambda = kehu_rng_gamma(&rng, R_, 1.0 / ALPHA) / 7.0; /* per day */
        p = kehu_rng_beta(&rng, A_, B_);
        for (;;) {
            int period;
            t += kehu_rng_exponential(&rng, lambda);
            if (t >= (double)(end_day - birth) + 1.0) {
                break; /* after the last day observed */
            }
            period = (int)t / per;
            if (period != last) { /* purchases in one period are one */
                x++;
                last = period;
            }
            if (kehu_rng_uniform(&rng) < p) {
                break;
            }
        }
        fprintf(f, "%d,%d,%d\n", x, last, T);
    }
    if (fclose(f) != 0) {
        perror(argv[4]);
        return 1;
    }
    return 0;
}
