/* SPDX-License-Identifier: MIT */
/*
 * The model table (kehu/model.h): one const entry per model pointing at
 * its functions, and thin wrappers that say KEHU_EINVAL when a model has
 * no such quantity. No state, no computation of its own.
 */
#include "kehu/model.h"

#include "kehu/bgbb.h"
#include "kehu/bgnbd.h"
#include "kehu/gg.h"
#include "kehu/mbgnbd.h"
#include "kehu/nbd.h"
#include "kehu/pnbd.h"

#include <math.h>
#include <string.h>

static const kehu_model_def models[KEHU_MODEL_COUNT] = {
    {KEHU_MODEL_BGNBD, "bgnbd", "BG/NBD", 4, kehu_bgnbd_param_names, 0, 0,
     kehu_bgnbd_fit, kehu_bgnbd_ll, kehu_bgnbd_p_alive, kehu_bgnbd_expected,
     kehu_bgnbd_conditional, NULL},
    {KEHU_MODEL_PNBD, "pnbd", "Pareto/NBD", 4, kehu_pnbd_param_names, 0, 0,
     kehu_pnbd_fit, kehu_pnbd_ll, kehu_pnbd_p_alive, kehu_pnbd_expected,
     kehu_pnbd_conditional, NULL},
    {KEHU_MODEL_MBGNBD, "mbgnbd", "MBG/NBD", 4, kehu_mbgnbd_param_names, 0, 0,
     kehu_mbgnbd_fit, kehu_mbgnbd_ll, kehu_mbgnbd_p_alive, kehu_mbgnbd_expected,
     kehu_mbgnbd_conditional, NULL},
    {KEHU_MODEL_BGBB, "bgbb", "BG/BB", 4, kehu_bgbb_param_names, 1, 0,
     kehu_bgbb_fit, kehu_bgbb_ll, kehu_bgbb_p_alive, kehu_bgbb_expected,
     kehu_bgbb_conditional, NULL},
    {KEHU_MODEL_GG, "gg", "Gamma-Gamma", 3, kehu_gg_param_names, 0, 1,
     kehu_gg_fit, kehu_gg_ll, NULL, NULL, NULL, kehu_gg_expected_spend},
    {KEHU_MODEL_NBD, "nbd", "NBD (no dropout)", 2, kehu_nbd_param_names, 0, 0,
     kehu_nbd_fit, kehu_nbd_ll, kehu_nbd_p_alive, kehu_nbd_expected,
     kehu_nbd_conditional, NULL},
};

const kehu_model_def *kehu_model_get(kehu_model_kind kind)
{
    if ((unsigned)kind >= KEHU_MODEL_COUNT) {
        return NULL;
    }
    return &models[kind];
}

const kehu_model_def *kehu_model_find(const char *name)
{
    size_t i;

    for (i = 0; i < KEHU_MODEL_COUNT; i++) {
        if (strcmp(models[i].name, name) == 0) {
            return &models[i];
        }
    }
    return NULL;
}

kehu_status kehu_model_fit(const kehu_model_def *m, const kehu_hist *h,
                           const kehu_fit_options *o, kehu_fit_result *out)
{
    return m->fit(h, o, out);
}

/* Largest shortfall of the limit's log-likelihood below the best edge
 * point of the full model for the limit to count as the maximum. */
#define LIMIT_LL_TOL 0.01

kehu_status kehu_model_fit_or_limit(const kehu_model_def *m, const kehu_hist *h,
                                    const kehu_fit_options *o,
                                    kehu_fit_result *out,
                                    const kehu_model_def **used)
{
    const kehu_model_def *nbd = &models[KEHU_MODEL_NBD];
    kehu_fit_result lim;
    kehu_status rc = m->fit(h, o, out);

    *used = m;
    if (rc != KEHU_EIDENT ||
        (m->kind != KEHU_MODEL_BGNBD && m->kind != KEHU_MODEL_PNBD &&
         m->kind != KEHU_MODEL_MBGNBD)) {
        return rc;
    }
    if (!(out->ll_edge > -INFINITY)) {
        return rc; /* no start ran to the edge: not a limit */
    }
    if (nbd->fit(h, NULL, &lim) != KEHU_OK ||
        !(lim.ll >= out->ll_edge - LIMIT_LL_TOL)) {
        return rc;
    }
    lim.boundary = 1;
    lim.ll_edge = out->ll_edge;
    *out = lim;
    *used = nbd;
    return KEHU_OK;
}

kehu_status kehu_model_p_alive(const kehu_model_def *m, const double *p,
                               double x, double t_x, double T, double *out)
{
    if (m->p_alive == NULL) {
        return KEHU_EINVAL;
    }
    *out = m->p_alive(p, x, t_x, T);
    return KEHU_OK;
}

kehu_status kehu_model_conditional(const kehu_model_def *m, const double *p,
                                   double x, double t_x, double T, double t,
                                   double *out)
{
    if (m->conditional == NULL) {
        return KEHU_EINVAL;
    }
    return m->conditional(p, x, t_x, T, t, out);
}

kehu_status kehu_model_expected(const kehu_model_def *m, const double *p,
                                double t, double *out)
{
    if (m->expected == NULL) {
        return KEHU_EINVAL;
    }
    return m->expected(p, t, out);
}

kehu_status kehu_model_expected_spend(const kehu_model_def *m, const double *p,
                                      double x, double zbar, double *out)
{
    if (m->expected_spend == NULL) {
        return KEHU_EINVAL;
    }
    return m->expected_spend(p, x, zbar, out);
}
