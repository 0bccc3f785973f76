/* SPDX-License-Identifier: MIT */
/*
 * Gamma-Gamma spend model: Fader, Hardie & Lee (2005), "RFM and CLV: Using
 * Iso-Value Curves for Customer Base Analysis", JMR 42(4):415-430, and
 * Fader & Hardie (2013), "The Gamma-Gamma Model of Monetary Value".
 * Parameters p = {p, q, gamma}. Histories are (x, zbar) for customers with
 * x > 0 repeat transactions and mean repeat spend zbar > 0, given to
 * kehu_hist_new as (x, zbar, 0).
 */
#ifndef KEHU_GG_H
#define KEHU_GG_H

#include "kehu/btyd.h"

extern const char *const kehu_gg_param_names[3]; /* p q gamma */

/* Fit. KEHU_ERANGE when a row has x <= 0 or zbar <= 0 (leave those
 * customers out); KEHU_EIDENT when fewer than two distinct histories or
 * every customer has the same zbar (no spread to fit q and gamma). */
kehu_status kehu_gg_fit(const kehu_hist *h, const kehu_fit_options *o,
                        kehu_fit_result *out);

/* Log-likelihood (the density of zbar, Fader & Hardie 2013, summed with
 * weights); grad (may be NULL) gets dLL/d(log p_i). */
kehu_status kehu_gg_ll(const double *p, const kehu_hist *h, double *ll,
                       double *grad);

/* E[M | x, zbar] (Fader & Hardie 2013): the
 * posterior mean spend per transaction; the population mean
 * p gamma / (q - 1) when x = 0. KEHU_ERANGE when q <= 1 and x = 0. */
kehu_status kehu_gg_expected_spend(const double *p, double x, double zbar,
                                   double *out);

#endif
