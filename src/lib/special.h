/* SPDX-License-Identifier: MIT */
/*
 * Internal: special functions the models need, without global state and
 * without GSL's error handler being reached for ordinary inputs.
 */
#ifndef KEHU_SPECIAL_H
#define KEHU_SPECIAL_H

#include "kehu/status.h"

/* log Gamma(x) for x > 0 (reentrant: no signgam). */
double kehu__lgamma(double x);

/* Digamma psi(x) for x > 0. */
double kehu__digamma(double x);

/*
 * log 2F1(a, b; c; z) for a, b, c > 0 and 0 <= z < 1, where every term of
 * the series is positive. The series is summed in log space (rescaled, so
 * large parameters do not overflow) when it converges quickly; otherwise
 * GSL's gsl_sf_hyperg_2F1_e (which transforms z near 1); when GSL fails,
 * a long series. KEHU_ERANGE when no path gives a finite value.
 */
kehu_status kehu__log_hyp2f1(double a, double b, double c, double z,
                             double *out);

/* log(1 - exp(-d)) for d >= 0 (-inf at d = 0). */
double kehu__log1mexp(double d);

#endif
