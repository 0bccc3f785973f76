/* SPDX-License-Identifier: MIT */
/* Satisfaction measures by group (see kehu/satisfaction.h). */
#include "kehu/satisfaction.h"

#include "kehu/alloc.h"
#include "kehu/date.h"

#include <math.h>
#include <string.h>

kehu_sat_band kehu_sat_band_of(double score, int scale)
{
    if (scale == 5 && score >= 1 && score <= 5) {
        return score >= 4 ? KEHU_BAND_HIGH
                          : (score >= 3 ? KEHU_BAND_MID : KEHU_BAND_LOW);
    }
    if (scale == 10 && score >= 0 && score <= 10) {
        return score >= 9 ? KEHU_BAND_HIGH
                          : (score >= 7 ? KEHU_BAND_MID : KEHU_BAND_LOW);
    }
    return KEHU_BAND_NONE;
}

void kehu_sat_add_answer(kehu_sat_stats *st, double score, int scale)
{
    st->answers++;
    if (scale == 5) {
        st->n5++;
        st->sum5 += score;
        st->csat_hits += score >= 4;
    } else {
        st->n10++;
        st->sum10 += score;
        st->promoters += score >= 9;
        st->detractors += score <= 6;
    }
}

double kehu_sat_csat(const kehu_sat_stats *st)
{
    return st->n5 > 0 ? (double)st->csat_hits / (double)st->n5 : NAN;
}

double kehu_sat_nps(const kehu_sat_stats *st)
{
    return st->n10 > 0 ? 100.0 * (double)(st->promoters - st->detractors) /
                             (double)st->n10
                       : NAN;
}

double kehu_sat_mean5(const kehu_sat_stats *st)
{
    return st->n5 > 0 ? st->sum5 / (double)st->n5 : NAN;
}

double kehu_sat_mean10(const kehu_sat_stats *st)
{
    return st->n10 > 0 ? st->sum10 / (double)st->n10 : NAN;
}

double kehu_sat_churn_rate(const kehu_sat_stats *st)
{
    return st->customers > 0 ? (double)st->churned / (double)st->customers
                             : NAN;
}

const char *kehu_sat_band_name(kehu_sat_band b)
{
    static const char *const names[KEHU_BAND_COUNT] = {"none", "low", "mid",
                                                       "high"};

    return (unsigned)b < KEHU_BAND_COUNT ? names[b] : "unknown";
}

void kehu_satisfaction_free(kehu_satisfaction *sat)
{
    int v;

    if (sat == NULL) {
        return;
    }
    for (v = 0; v < KEHU_SAT_VIEWS; v++) {
        kehu_free(sat->group[v]);
    }
    kehu_free(sat);
}

/* Per ledger customer: summary row + 1 (0 = not a buyer) and the latest
 * answer before A (index + 1). */
typedef struct sat_work {
    size_t *row;
    size_t *latest;
} sat_work;

/* The group of summary row i in view v. */
static size_t group_of(const kehu_satisfaction *sat, const kehu_summary *s,
                       const kehu_class *cls, size_t i, kehu_sat_band band,
                       int v)
{
    switch (v) {
    case KEHU_SAT_TIER:
        return cls[i].tier;
    case KEHU_SAT_STAGE:
        return cls[i].stage;
    case KEHU_SAT_SEGMENT:
        return cls[i].segment;
    case KEHU_SAT_STATUS:
        return cls[i].stage == KEHU_STAGE_CHURNED;
    case KEHU_SAT_BAND:
        return band;
    case KEHU_SAT_DIM:
        return s->rows[i].dim[sat->by];
    default:
        return 0;
    }
}

static kehu_status alloc_groups(kehu_satisfaction *sat, const kehu_ledger *l)
{
    int v;

    sat->n_groups[KEHU_SAT_ALL] = 1;
    sat->n_groups[KEHU_SAT_TIER] = 4;
    sat->n_groups[KEHU_SAT_STAGE] = KEHU_STAGE_COUNT;
    sat->n_groups[KEHU_SAT_SEGMENT] = KEHU_SEG_COUNT;
    sat->n_groups[KEHU_SAT_STATUS] = 2;
    sat->n_groups[KEHU_SAT_BAND] = KEHU_BAND_COUNT;
    sat->n_groups[KEHU_SAT_DIM] =
        sat->by < 0 ? 0 : kehu_ledger_dim_count(l, (kehu_dim)sat->by);
    for (v = 0; v < KEHU_SAT_VIEWS; v++) {
        size_t n = sat->n_groups[v];
        sat->group[v] = kehu_calloc(n ? n : 1, sizeof *sat->group[v]);
        if (sat->group[v] == NULL) {
            return KEHU_ENOMEM;
        }
    }
    return KEHU_OK;
}

/* Index answers: the buyers' rows and each buyer's latest answer. */
static void index_answers(kehu_satisfaction *sat, const kehu_summary *s,
                          const kehu_sat_answer *a, size_t n, sat_work *w)
{
    size_t i;

    for (i = 0; i < s->n; i++) {
        if (s->rows[i].first_purchase != KEHU_DAY_NONE) {
            w->row[s->rows[i].customer] = i + 1;
        }
    }
    for (i = 0; i < n; i++) {
        size_t *latest;

        if (a[i].day >= s->as_of_day) {
            sat->answers_late++;
            continue;
        }
        if (w->row[a[i].customer] == 0) {
            sat->answers_unknown++;
            continue;
        }
        sat->answers_used++;
        latest = &w->latest[a[i].customer];
        if (*latest == 0 || a[i].day >= a[*latest - 1].day) {
            *latest = i + 1;
        }
    }
}

static void tally(kehu_satisfaction *sat, const kehu_summary *s,
                  const kehu_class *cls, const kehu_sat_answer *a, size_t n,
                  const sat_work *w)
{
    size_t i;
    int v;

    for (i = 0; i < s->n; i++) {
        size_t c = s->rows[i].customer, k = w->latest[c];
        kehu_sat_band band =
            k > 0 ? kehu_sat_band_of(a[k - 1].score, a[k - 1].scale)
                  : KEHU_BAND_NONE;

        if (w->row[c] == 0) {
            continue;
        }
        for (v = 0; v < KEHU_SAT_VIEWS; v++) {
            kehu_sat_stats *g;
            if (sat->n_groups[v] == 0) {
                continue;
            }
            g = &sat->group[v][group_of(sat, s, cls, i, band, v)];
            g->customers++;
            g->respondents += k > 0;
            g->churned += cls[i].stage == KEHU_STAGE_CHURNED;
        }
    }
    for (i = 0; i < n; i++) {
        size_t c = a[i].customer, r = w->row[c], k = w->latest[c];
        kehu_sat_band band;

        if (a[i].day >= s->as_of_day || r == 0) {
            continue;
        }
        band = kehu_sat_band_of(a[k - 1].score, a[k - 1].scale);
        for (v = 0; v < KEHU_SAT_VIEWS; v++) {
            if (sat->n_groups[v] > 0) {
                kehu_sat_add_answer(
                    &sat->group[v][group_of(sat, s, cls, r - 1, band, v)],
                    a[i].score, a[i].scale);
            }
        }
    }
}

kehu_status kehu_satisfaction_compute(const kehu_ledger *l,
                                      const kehu_summary *s,
                                      const kehu_class *cls,
                                      const kehu_sat_answer *answers, size_t n,
                                      int by, kehu_satisfaction **out)
{
    kehu_satisfaction *sat;
    sat_work w;
    size_t i, count = kehu_ledger_count(l);
    kehu_status rc;

    *out = NULL;
    if (by < -1 || by >= KEHU_DIM_COUNT) {
        return KEHU_EINVAL;
    }
    for (i = 0; i < n; i++) {
        if (kehu_sat_band_of(answers[i].score, answers[i].scale) ==
                KEHU_BAND_NONE ||
            answers[i].customer >= count) {
            return KEHU_EINVAL;
        }
    }
    sat = kehu_calloc(1, sizeof *sat);
    if (sat == NULL) {
        return KEHU_ENOMEM;
    }
    sat->by = by;
    w.row = kehu_calloc(count ? count : 1, sizeof *w.row);
    w.latest = kehu_calloc(count ? count : 1, sizeof *w.latest);
    rc = w.row != NULL && w.latest != NULL ? alloc_groups(sat, l) : KEHU_ENOMEM;
    if (rc == KEHU_OK) {
        index_answers(sat, s, answers, n, &w);
        tally(sat, s, cls, answers, n, &w);
    }
    kehu_free(w.row);
    kehu_free(w.latest);
    if (rc != KEHU_OK) {
        kehu_satisfaction_free(sat);
        return rc;
    }
    *out = sat;
    return KEHU_OK;
}
