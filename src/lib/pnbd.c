/* SPDX-License-Identifier: MIT */
/*
 * Pareto/NBD (Schmittlein, Morrison & Colombo 1987; equation numbers refer
 * to Fader & Hardie 2005, "A Note on Deriving the Pareto/NBD Model and
 * Related Expressions", "FH").
 *
 * The likelihood of a history (x, t_x, T) is (FH eq. 11 before the
 * integral is solved)
 *   L = G(r+x) alpha^r beta^s / G(r)
 *       * [ (alpha+T)^-(r+x) (beta+T)^-s + s I ],
 *   I = integral over tau in (t_x, T) of
 *       (alpha+tau)^-(r+x) (beta+tau)^-(s+1).
 * FH eq. (17)-(18) write s I as s/(r+s+x) A_0, with A_0 the difference of
 * two Gauss hypergeometric functions 2F1(r+s+x, s+1; r+s+x+1; z) (alpha >=
 * beta, z = (alpha-beta)/(alpha+tau)) or 2F1(r+s+x, r+x; r+s+x+1; z)
 * (alpha < beta, z = (beta-alpha)/(beta+tau)) at tau = t_x and tau = T.
 *
 * How I is computed. Expanding the integrand in z (A&S 15.1.1) and
 * integrating term by term gives one series of positive terms,
 *   I = u1^-m sum_k (e)_k / k! z^k (1 - rho^(m+k)) / (m+k),
 * m = r+s+x, u1 = max(alpha,beta)+t_x, rho = u1/u2, u2 = max(alpha,beta)+T,
 * e = s+1 (alpha >= beta) or r+x: the two 2F1 terms of A_0 are summed as
 * one, so t_x close to T loses no digits to cancellation, and the series is
 * differentiated term by term for the analytic gradient (d/dm, d/de, and
 * d/dz, whose sum is itself a series of the same family). When z > 0.5
 * (the series converges slowly as |z| nears 1) the defining integral is
 * instead integrated numerically with composite 16-point Gauss-Legendre in
 * v = log(min(alpha,beta) + tau), which removes the near-singularity at
 * tau = 0, doubling the panels until the value settles; the gradient
 * integrals use the same nodes. GSL's gsl_sf_hyperg_2F1 is used by the
 * tests to check both paths against FH's A_0.
 *
 * The fit (and kehu_pnbd_ll) take faster paths over all rows at once.
 * When t_x and T take few distinct values (whole weeks or days), the grid
 * path (grid_integrals) integrates once per distinct x over the intervals
 * between those values and reads each row's I off suffix sums; otherwise
 * rows grouped by (t_x, T) share quadrature nodes (group_integrals). In
 * both the (alpha+tau)^-x factor steps from one x to the next by
 * multiplication. The series and the adaptive rule above remain for
 * single histories (P(alive)) and for very steep rows.
 *
 * P(X(t) = x) follows Fader & Hardie (2006), "Deriving an Expression for
 * P(X(t) = x) Under the Pareto/NBD Model" (B1 and B2_j there).
 *
 * Does not: fit anything but (x, t_x, T) histories.
 */
#include "kehu/pnbd.h"

#include "mle.h"
#include "nbd.h"
#include "special.h"

#include "kehu/alloc.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

const char *const kehu_pnbd_param_names[4] = {"r", "alpha", "s", "beta"};

#define SERIES_EPS   1e-16
#define SERIES_ZMAX  0.5  /* above: quadrature */
#define SERIES_TERMS 2000 /* ample for z <= 0.5 and e < 1000 */
#define QUAD_EPS     1e-13
#define QUAD_PANELS  256 /* most panels tried */

/* 16-point Gauss-Legendre on [-1, 1]: the non-negative nodes, weights. */
static const double gl16[8][2] = {
    {0.095012509837637441, 0.18945061045506847},
    {0.28160355077925892, 0.18260341504492361},
    {0.45801677765722737, 0.16915651939500256},
    {0.61787624440264377, 0.14959598881657682},
    {0.755404408355003, 0.12462897125553395},
    {0.86563120238783176, 0.095158511682492897},
    {0.9445750230732326, 0.062253523938647776},
    {0.98940093499164994, 0.027152459411754058},
};

typedef struct pnbd_par {
    double r, al, s, be;
} pnbd_par;

/* log I and, when d is not NULL, d log I / d(r, alpha, s, beta). */
typedef struct logint {
    double v;
    double d[4];
} logint;

/* ------------------------------------------------------------------ */
/* I by the series                                                    */

static kehu_status integral_series(const pnbd_par *q, double x, double t_x,
                                   double T, int grad, logint *out)
{
    int a_big = q->al >= q->be;
    double big = a_big ? q->al : q->be;
    double dd = fabs(q->al - q->be);
    double e = a_big ? q->s + 1.0 : q->r + x;
    double m = q->r + q->s + x;
    double u1 = big + t_x, u2 = big + T, z = dd / u1;
    double lrho = -log1p((T - t_x) / u1);
    double rho = exp(lrho), omr = -expm1(lrho);
    double qk = exp(m * lrho);     /* rho^(m+k) */
    double omq = -expm1(m * lrho); /* 1 - rho^(m+k) */
    double pk = 1.0;               /* (e)_k / k! z^k */
    double ck = e;                 /* (e)_k / k! z^(k-1), k >= 1 */
    double hk = 0.0;               /* sum_{j<k} 1/(e+j) */
    double S = 0, Sm = 0, Se = 0, Sz = 0;
    int k;

    for (k = 0; k < SERIES_TERMS; k++) {
        double mk = 1.0 / (m + k);
        double tk = pk * omq * mk;
        double ratio = z * (e + k) / (k + 1.0);
        S += tk;
        if (grad) {
            Sm += tk * (-qk * lrho / omq - mk);
            Se += tk * hk;
            if (k > 0) {
                Sz += k * ck * omq * mk;
            }
        }
        if (ratio < 0.9 && tk * (k + 1.0) <= SERIES_EPS * S * (1 - ratio)) {
            break;
        }
        /* next term */
        if (k > 0) {
            ck *= ratio;
        }
        pk = ck * z;
        omq += qk * omr; /* 1 - rho^(m+k+1), without cancellation */
        qk *= rho;
        hk += 1.0 / (e + k);
    }
    if (k == SERIES_TERMS || !(S > 0)) {
        return KEHU_ERANGE;
    }
    out->v = -m * log(u1) + log(S);
    if (grad) {
        /* d log I / d(m, e, dd, u1, u2), then the chain rule to
           (r, alpha, s, beta) for the branch. At fixed m, e and dd,
           dI/du1 = -g(u1) and dI/du2 = g(u2) with g the integrand
           u^-(m+1) (1 - dd/u)^-e. */
        double dm = -log(u1) + Sm / S, de = Se / S;
        double dz = Sz / S; /* d log(sum) / dz */
        double lg1 = -(m + 1.0) * log(u1) - e * log1p(-z);
        double lg2 = -(m + 1.0) * log(u2) - e * log1p(-dd / u2);
        double du1 = -exp(lg1 - out->v), du2 = exp(lg2 - out->v);
        double ddd = dz / u1; /* d log I / d dd */
        if (a_big) {
            out->d[0] = dm;
            out->d[2] = dm + de;
            out->d[1] = ddd + du1 + du2;
            out->d[3] = -ddd;
        } else {
            out->d[0] = dm + de;
            out->d[2] = dm;
            out->d[1] = -ddd;
            out->d[3] = ddd + du1 + du2;
        }
    }
    return KEHU_OK;
}

/* ------------------------------------------------------------------ */
/* I by quadrature                                                    */

/* One composite Gauss-Legendre pass with `panels` panels over
 * v in [v1, v2], v = log(small + tau). Sums are scaled by exp(-ref). */
static void quad_pass(const pnbd_par *q, double x, double small, double v1,
                      double v2, int panels, double ref, double *sum)
{
    double h = (v2 - v1) / panels;
    int p, i, sgn;

    sum[0] = sum[1] = sum[2] = sum[3] = sum[4] = 0;
    for (p = 0; p < panels; p++) {
        double mid = v1 + (p + 0.5) * h;
        for (i = 0; i < 8; i++) {
            for (sgn = -1; sgn <= 1; sgn += 2) {
                double v = mid + sgn * gl16[i][0] * 0.5 * h;
                double tau = exp(v) - small;
                double la = log(q->al + tau), lb = log(q->be + tau);
                double f = gl16[i][1] * 0.5 * h *
                           exp(-(q->r + x) * la - (q->s + 1.0) * lb + v - ref);
                sum[0] += f;
                sum[1] += f * la;
                sum[2] += f / (q->al + tau);
                sum[3] += f * lb;
                sum[4] += f / (q->be + tau);
            }
        }
    }
}

static kehu_status integral_quad(const pnbd_par *q, double x, double t_x,
                                 double T, int grad, logint *out)
{
    double small = fmin(q->al, q->be);
    double v1 = log(small + t_x), v2 = log(small + T);
    /* Scale by the integrand's bound at the lower end (it decreases in
       tau, and the Jacobian e^v grows by at most e^(v2-v1)). */
    double ref =
        -(q->r + x) * log(q->al + t_x) - (q->s + 1.0) * log(q->be + t_x) + v2;
    double cur[5], prev = 0;
    int panels;

    for (panels = 2; panels <= QUAD_PANELS; panels *= 2) {
        quad_pass(q, x, small, v1, v2, panels, ref, cur);
        if (panels > 2 && fabs(cur[0] - prev) <= QUAD_EPS * cur[0]) {
            break;
        }
        prev = cur[0];
    }
    if (!(cur[0] > 0) || !isfinite(cur[0])) {
        return KEHU_ERANGE;
    }
    out->v = ref + log(cur[0]);
    if (grad) {
        out->d[0] = -cur[1] / cur[0];
        out->d[1] = -(q->r + x) * cur[2] / cur[0];
        out->d[2] = -cur[3] / cur[0];
        out->d[3] = -(q->s + 1.0) * cur[4] / cur[0];
    }
    return KEHU_OK;
}

/* log I for t_x < T, by the series when it converges fast, else by
 * quadrature. */
static kehu_status log_integral(const pnbd_par *q, double x, double t_x,
                                double T, int grad, logint *out)
{
    double dd = fabs(q->al - q->be), big = fmax(q->al, q->be);

    if (dd / (big + t_x) <= SERIES_ZMAX &&
        integral_series(q, x, t_x, T, grad, out) == KEHU_OK) {
        return KEHU_OK;
    }
    return integral_quad(q, x, t_x, T, grad, out);
}

/* ------------------------------------------------------------------ */
/* I for many rows at once                                              */

/*
 * The fit's fast path for the quadrature rows. Rows with the same (t_x, T)
 * share the nodes tau_j and the logs at them; only the power
 * (alpha+tau)^-x differs with x, and it steps from one x of the group to
 * the next by multiplying with rho_j^(x' - x), rho_j = (alpha+t_x) /
 * (alpha+tau_j) <= 1, so a row costs a few multiplications per node
 * instead of three transcendental functions. The number of Gauss-Legendre
 * panels is fixed in advance from the integrand's steepness: in v the log
 * of the integrand has slope at most m + 1 (m = r+s+x), so panels of width
 * PANEL_W / (m + 1) hold the 16-point rule's error far below 1e-14
 * (tests/unit/test_pnbd.c compares it with the adaptive integral_quad).
 */
#define PANEL_W    6.0
#define GROUP_MAXP 64 /* more panels: the row takes integral_quad */
#define NODES_MAX  (16 * GROUP_MAXP)
#define GRID_MAXP  4    /* panels per grid interval at most */
#define GRID_MAXB  4096 /* more breakpoints: no grid path */
#define GRID_RANGE 500  /* most log-range of a grid integrand */

typedef struct pnbd_ws {
    size_t ng;      /* groups of rows with t_x < T and one (t_x, T) */
    size_t *order;  /* row indices, by (t_x, T) then x */
    size_t *gstart; /* ng + 1 offsets into order */
    double *li;     /* log I of each row (n) */
    double *ld;     /* d log I / d(r, alpha, s, beta) of each row (4 n) */
    double *node;   /* 6 NODES_MAX: per node la, lb, 1/(alpha+tau),
                       1/(beta+tau), rho, running power */
    size_t nt;      /* distinct T values */
    double *tv;     /* the distinct T values (nt), then log(alpha+T),
                       log(beta+T) at the current parameters (2 nt) */
    size_t *ti;     /* index into tv of each row's T (n) */
    /* The grid path (grid_integrals): the breakpoints are the distinct
       t_x and T of rows with t_x < T; nb = 0 when it is not used. */
    size_t nb;           /* breakpoints */
    double *bp;          /* nb breakpoints, ascending */
    size_t *kt, *kT;     /* each row's t_x and T as breakpoint indices (n) */
    unsigned char *done; /* rows whose I the grid path has computed (n) */
    size_t *nstart;      /* nb: first node of each interval, then the end */
    double *gn;          /* 6 GRID_CAP: la, lb, 1/(alpha+tau), 1/(beta+tau),
                            rho, running power per node */
    double *S;           /* 5 nb suffix sums of the interval integrals, then
                            5 nb interval integrals */
} pnbd_ws;

typedef struct key3 {
    double t_x, T, x;
    size_t i;
} key3;

static int cmp_key3(const void *pa, const void *pb)
{
    const key3 *a = pa, *b = pb;

    if (a->t_x != b->t_x) {
        return a->t_x < b->t_x ? -1 : 1;
    }
    if (a->T != b->T) {
        return a->T < b->T ? -1 : 1;
    }
    return (a->x > b->x) - (a->x < b->x);
}

static void ws_release(void *vw)
{
    pnbd_ws *w = vw;

    if (w != NULL) {
        kehu_free(w->order);
        kehu_free(w->gstart);
        kehu_free(w->li);
        kehu_free(w->node);
        kehu_free(w->tv);
        kehu_free(w->ti);
        kehu_free(w->bp);
        kehu_free(w->kt);
        kehu_free(w->done);
        kehu_free(w->nstart);
        kehu_free(w->gn);
        kehu_free(w);
    }
}

static int cmp_double(const void *pa, const void *pb)
{
    double a = *(const double *)pa, b = *(const double *)pb;

    return (a > b) - (a < b);
}

/* Index of v in the ascending bp[0..nb) (v is one of them). */
static size_t bp_index(const double *bp, size_t nb, double v)
{
    size_t a = 0, b = nb;

    while (a + 1 < b) {
        size_t c = (a + b) / 2;
        if (bp[c] <= v) {
            a = c;
        } else {
            b = c;
        }
    }
    return a;
}

/* The breakpoints of the grid path: every t_x and T of the rows with
 * t_x < T. None (nb = 0) when there are too many. */
static kehu_status grid_prepare(pnbd_ws *w, const kehu_hist *h)
{
    double *v = kehu_calloc(2 * h->n + 1, sizeof *v);
    size_t i, m = 0, nb = 0;

    if (v == NULL) {
        return KEHU_ENOMEM;
    }
    for (i = 0; i < h->n; i++) {
        if (h->t_x[i] < h->T[i]) {
            v[m++] = h->t_x[i];
            v[m++] = h->T[i];
        }
    }
    qsort(v, m, sizeof *v, cmp_double);
    for (i = 0; i < m; i++) {
        if (i == 0 || v[i] != v[i - 1]) {
            v[nb++] = v[i];
        }
    }
    if (nb < 2 || nb > GRID_MAXB) {
        kehu_free(v);
        return KEHU_OK; /* no grid path */
    }
    w->bp = v;
    w->kt = kehu_calloc(2 * h->n, sizeof *w->kt);
    w->done = kehu_calloc(h->n, 1);
    w->nstart = kehu_calloc(nb + 1, sizeof *w->nstart);
    w->gn =
        kehu_calloc((size_t)6 * 16 * GRID_MAXP * nb + 10 * nb, sizeof *w->gn);
    if (w->kt == NULL || w->done == NULL || w->nstart == NULL ||
        w->gn == NULL) {
        return KEHU_ENOMEM; /* ws_release frees what there is */
    }
    w->nb = nb;
    w->kT = w->kt + h->n;
    w->S = w->gn + (size_t)6 * 16 * GRID_MAXP * nb;
    for (i = 0; i < h->n; i++) {
        if (h->t_x[i] < h->T[i]) {
            w->kt[i] = bp_index(w->bp, nb, h->t_x[i]);
            w->kT[i] = bp_index(w->bp, nb, h->T[i]);
        }
    }
    return KEHU_OK;
}

static kehu_status ws_prepare(const kehu_hist *h, void **out)
{
    pnbd_ws *w = kehu_calloc(1, sizeof *w);
    key3 *k = kehu_calloc(h->n ? h->n : 1, sizeof *k);
    size_t i, m = 0;

    *out = NULL;
    if (w == NULL || k == NULL) {
        goto nomem;
    }
    for (i = 0; i < h->n; i++) {
        if (h->t_x[i] < h->T[i]) {
            key3 e = {h->t_x[i], h->T[i], h->x[i], i};
            k[m++] = e;
        }
    }
    qsort(k, m, sizeof *k, cmp_key3);
    w->order = kehu_calloc(m ? m : 1, sizeof *w->order);
    w->gstart = kehu_calloc(m + 1, sizeof *w->gstart);
    w->li = kehu_calloc((size_t)5 * (h->n ? h->n : 1), sizeof *w->li);
    w->node = kehu_calloc(6 * (size_t)NODES_MAX, sizeof *w->node);
    if (w->order == NULL || w->gstart == NULL || w->li == NULL ||
        w->node == NULL) {
        goto nomem;
    }
    w->ld = w->li + h->n;
    for (i = 0; i < m; i++) {
        w->order[i] = k[i].i;
        if (i == 0 || k[i].t_x != k[i - 1].t_x || k[i].T != k[i - 1].T) {
            w->gstart[w->ng++] = i;
        }
    }
    w->gstart[w->ng] = m;
    /* distinct T values, so log(alpha+T) and log(beta+T) are taken once
       per value in each evaluation */
    for (i = 0; i < h->n; i++) {
        key3 e = {h->T[i], 0, 0, i};
        k[i] = e;
    }
    qsort(k, h->n, sizeof *k, cmp_key3);
    w->tv = kehu_calloc(3 * (h->n ? h->n : 1), sizeof *w->tv);
    w->ti = kehu_calloc(h->n ? h->n : 1, sizeof *w->ti);
    if (w->tv == NULL || w->ti == NULL) {
        goto nomem;
    }
    for (i = 0; i < h->n; i++) {
        if (i == 0 || k[i].t_x != k[i - 1].t_x) {
            w->tv[w->nt++] = k[i].t_x;
        }
        w->ti[k[i].i] = w->nt - 1;
    }
    if (grid_prepare(w, h) != KEHU_OK) {
        goto nomem;
    }
    kehu_free(k);
    *out = w;
    return KEHU_OK;
nomem:
    kehu_free(k);
    ws_release(w);
    return KEHU_ENOMEM;
}

/* The steepest slope, in v = log(small + tau), of the log integrand
 * -(r+x) log(alpha+tau) - (s+1) log(beta+tau) over tau up to tau_hi:
 * each term's slope (small+tau)/(.+tau) grows with tau to at most 1, so
 * a large beta (little dropout) makes the second term nearly flat and
 * the integrand as easy as the NBD's, where the bound r+s+x+1 would ask
 * for hundreds of panels. Its derivatives scale the same way, which is
 * what the panel width below relies on. */
static double log_slope(const pnbd_par *q, double x, double tau_hi)
{
    double small = fmin(q->al, q->be);

    return (q->r + x) * (small + tau_hi) / (q->al + tau_hi) +
           (q->s + 1.0) * (small + tau_hi) / (q->be + tau_hi);
}

/* Panels for a row whose log integrand has slope at most `slope` over
 * [v1, v2]: a power of 2, so rows of one group share node sets;
 * GROUP_MAXP + 1 when too many. */
static int row_panels(double slope, double v1, double v2)
{
    double need = slope * (v2 - v1) / PANEL_W;
    int p = 1;

    while (p < need && p <= GROUP_MAXP) {
        p *= 2;
    }
    return p;
}

/* Node tables: per node log(alpha+tau), log(beta+tau), their
 * reciprocals' arguments, rho = (alpha+t0)/(alpha+tau) and the running
 * scaled integrand pw. */
typedef struct nodes {
    double *la, *lb, *ia, *ib, *rho, *pw;
} nodes;

static nodes node_view(double *base, size_t cap)
{
    nodes nd = {base,           base + cap,     base + 2 * cap,
                base + 3 * cap, base + 4 * cap, base + 5 * cap};
    return nd;
}

/* Append the nodes of `panels` Gauss-Legendre panels over [va, vb] in v =
 * log(small + tau) from node nn on; rho against at = alpha + t0 (lat its
 * log), pw the integrand at x times e^v, scaled by exp(-ref0 + x lat).
 * Returns the new node count. */
static int fill_nodes(const nodes *nd, int nn, const pnbd_par *q, double small,
                      double va, double vb, int panels, double lat, double ref0,
                      double x)
{
    double hw = 0.5 * (vb - va) / panels, at = exp(lat);
    int p, k, j;

    for (p = 0; p < panels; p++) {
        double mid = va + (2 * p + 1) * hw;
        for (k = 0; k < 8; k++) {
            for (j = -1; j <= 1; j += 2) {
                double v = mid + j * gl16[k][0] * hw;
                double tau = exp(v) - small;
                double a = q->al + tau, b = q->be + tau;
                nd->la[nn] = log(a);
                nd->lb[nn] = log(b);
                nd->ia[nn] = 1.0 / a;
                nd->ib[nn] = 1.0 / b;
                nd->rho[nn] = at * nd->ia[nn];
                nd->pw[nn] = gl16[k][1] * hw *
                             exp(v - (q->r + x) * nd->la[nn] + x * lat -
                                 (q->s + 1.0) * nd->lb[nn] - ref0);
                nn++;
            }
        }
    }
    return nn;
}

/* Multiply pw[0..nn) by rho^dx, flushing negligible values to 0
 * (subnormals would be slow). */
static void step_powers(const nodes *nd, int nn, double dx)
{
    int n = dx == floor(dx) && dx <= 1e6 ? (int)dx : -1, j, k;

    for (j = 0; j < nn; j++) {
        double f = nd->pw[j];
        if (n < 0) {
            f *= exp(dx * log(nd->rho[j]));
        } else {
            double b = nd->rho[j];
            for (k = n; k > 0; k >>= 1) { /* rho^n by squaring */
                if (k & 1) {
                    f *= b;
                }
                b *= b;
            }
        }
        nd->pw[j] = f < 1e-250 ? 0 : f;
    }
}

/* s[0] = sum of pw over nodes [lo, hi); with grad also the sums of pw
 * times la, ia, lb, ib. */
static void node_sums(const nodes *nd, size_t lo, size_t hi, int grad,
                      double *s)
{
    double s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0;
    size_t j;

    for (j = lo; j < hi; j++) {
        double f = nd->pw[j];
        s0 += f;
        if (grad) {
            s1 += f * nd->la[j];
            s2 += f * nd->ia[j];
            s3 += f * nd->lb[j];
            s4 += f * nd->ib[j];
        }
    }
    s[0] = s0;
    s[1] = s1;
    s[2] = s2;
    s[3] = s3;
    s[4] = s4;
}

/* Row i's log I = lref + log s[0] and its gradient from the node sums.
 * -1 when the integral is not positive and finite. */
static int put_row(pnbd_ws *w, size_t i, const pnbd_par *q, double x,
                   double lref, const double *s, int grad)
{
    double *d = w->ld + 4 * i;

    if (!(s[0] > 0) || !isfinite(s[0])) {
        return -1;
    }
    w->li[i] = lref + log(s[0]);
    if (grad) {
        d[0] = -s[1] / s[0];
        d[1] = -(q->r + x) * s[2] / s[0];
        d[2] = -s[3] / s[0];
        d[3] = -(q->s + 1.0) * s[4] / s[0];
    }
    return 0;
}

/* log I and its gradient for the rows order[lo..hi) of one (t_x, T). */
static kehu_status group_integrals(pnbd_ws *w, const pnbd_par *q,
                                   const kehu_hist *h, size_t lo, size_t hi,
                                   int grad)
{
    size_t i0 = w->order[lo];
    double t_x = h->t_x[i0], T = h->T[i0];
    double small = fmin(q->al, q->be);
    double v1 = log(small + t_x), v2 = log(small + T);
    double lat = log(q->al + t_x);
    double ref0 = -q->r * lat - (q->s + 1.0) * log(q->be + t_x) + v2;
    nodes nd = node_view(w->node, (size_t)NODES_MAX);
    double prev_x = 0;
    int panels = 0, nn = 0;
    size_t r;

    for (r = lo; r < hi; r++) {
        size_t i = w->order[r];
        double x = h->x[i], dx = x - prev_x, s[5];
        int np;
        if (w->nb > 0 && w->done[i]) {
            continue; /* the grid path has it */
        }
        np = row_panels(log_slope(q, x, T), v1, v2);
        if (np > GROUP_MAXP) {
            /* too steep for the node tables: the adaptive rule */
            logint in;
            if (integral_quad(q, x, t_x, T, grad, &in) != KEHU_OK) {
                return KEHU_ERANGE;
            }
            w->li[i] = in.v;
            memcpy(w->ld + 4 * i, in.d, sizeof in.d);
            continue;
        }
        if (np != panels) {
            panels = np;
            nn = fill_nodes(&nd, 0, q, small, v1, v2, panels, lat, ref0, x);
            dx = 0;
        }
        /* pw_j = integrand at x scaled by exp(-ref_x), ref_x = ref0 -
           x log(alpha+t_x): multiply by rho_j^(x - prev_x) */
        step_powers(&nd, nn, dx);
        prev_x = x;
        node_sums(&nd, 0, (size_t)nn, grad, s);
        if (put_row(w, i, q, x, ref0 - x * lat, s, grad) != 0) {
            return KEHU_ERANGE;
        }
    }
    return KEHU_OK;
}

/*
 * The grid path, for data whose t_x and T take few distinct values (whole
 * weeks or days): the breakpoints bp (every t_x and T) cut the time axis
 * into intervals; the nodes of every interval are set once per
 * evaluation, and for each distinct x the integrals over every interval
 * are summed into suffix sums S(k) = integral from bp_k to the last
 * breakpoint, so a row's I is S(kt) - S(kT), or the direct sum over its
 * intervals when that difference would lose more than three digits. The
 * integrand is scaled by its value at bp_0, so rows whose x makes its
 * log-range (r+s+x+1) (v_end - v_0) exceed GRID_RANGE are left to
 * group_integrals, as are all rows when an interval needs more than
 * GRID_MAXP panels or the grid would cost more than the groups.
 * Returns 0 (rows marked in done) or -1 (a non-finite integral).
 */
static int grid_integrals(pnbd_ws *w, const pnbd_par *q, const kehu_hist *h,
                          int grad)
{
    size_t nb = w->nb, i, k, c, rows = 0, xs = 0;
    nodes nd = node_view(w->gn, (size_t)16 * GRID_MAXP * nb);
    double small = fmin(q->al, q->be), *S = w->S, *J = S + 5 * nb;
    double v0 = log(small + w->bp[0]), vend = log(small + w->bp[nb - 1]);
    double lat0 = log(q->al + w->bp[0]), prev_x = 0, cur = NAN, xlim;
    double ref0 = v0 - q->r * lat0 - (q->s + 1.0) * log(q->be + w->bp[0]);
    int nn = 0;

    memset(w->done, 0, h->n);
    /* the largest x the scaling allows, and the cost check */
    {
        double end = w->bp[nb - 1], small_end = small + end;
        double ca = small_end / (q->al + end), cb = small_end / (q->be + end);
        xlim = (GRID_RANGE / fmax(vend - v0, 1e-300) - (q->s + 1.0) * cb) / ca -
               q->r;
    }
    for (i = 0; i < h->n; i++) {
        if (h->t_x[i] < h->T[i] && h->x[i] <= xlim) {
            rows++;
            xs += h->x[i] != cur;
            cur = h->x[i];
        }
    }
    if (rows == 0) {
        return 0;
    }
    /* panels per interval for the steepest x used (kept in nstart for
       now), then the cost check */
    {
        double xmax = fmin(xlim, h->x[h->n - 1]);
        for (k = 0; k + 1 < nb; k++) {
            int p =
                row_panels(log_slope(q, xmax, w->bp[k + 1]),
                           log(small + w->bp[k]), log(small + w->bp[k + 1]));
            if (p > GRID_MAXP) {
                return 0;
            }
            w->nstart[k] = (size_t)p;
            nn += 16 * p;
        }
        if ((double)xs * nn > 64.0 * (double)rows) {
            return 0; /* the groups are cheaper */
        }
    }
    for (nn = 0, k = 0; k + 1 < nb; k++) {
        int p = (int)w->nstart[k];
        w->nstart[k] = (size_t)nn;
        nn = fill_nodes(&nd, nn, q, small, log(small + w->bp[k]),
                        log(small + w->bp[k + 1]), p, lat0, ref0, 0);
    }
    w->nstart[nb - 1] = (size_t)nn;
    cur = NAN;
    for (i = 0; i < h->n; i++) {
        double x = h->x[i], s[5];
        size_t a, b;
        if (!(h->t_x[i] < h->T[i]) || x > xlim) {
            continue;
        }
        if (x != cur) {
            /* interval integrals J and suffix sums S at this x */
            step_powers(&nd, nn, x - prev_x);
            prev_x = cur = x;
            for (c = 0; c < 5; c++) {
                S[c * nb + nb - 1] = 0;
            }
            for (k = nb - 1; k-- > 0;) {
                node_sums(&nd, w->nstart[k], w->nstart[k + 1], grad, s);
                for (c = 0; c < 5; c++) {
                    J[c * nb + k] = s[c];
                    S[c * nb + k] = S[c * nb + k + 1] + s[c];
                }
            }
        }
        a = w->kt[i];
        b = w->kT[i];
        for (c = 0; c < 5; c++) {
            s[c] = S[c * nb + a] - S[c * nb + b];
        }
        if (!(s[0] * 1e3 >= S[a])) {
            /* the difference would lose digits: sum the intervals */
            for (c = 0; c < 5; c++) {
                s[c] = 0;
                for (k = a; k < b; k++) {
                    s[c] += J[c * nb + k];
                }
            }
        }
        if (put_row(w, i, q, x, ref0 - x * lat0, s, grad) != 0) {
            return -1;
        }
        w->done[i] = 1;
    }
    return 0;
}

/* ------------------------------------------------------------------ */
/* Likelihood                                                         */

static double nll(const double *lp, const kehu_hist *h, void *vws, double *g)
{
    pnbd_par q = {exp(lp[0]), exp(lp[1]), exp(lp[2]), exp(lp[3])};
    double lgr = kehu__lgamma(q.r), psr = kehu__digamma(q.r);
    double ls = lp[2], cur = NAN, cx = 0, dcx = 0;
    double sum = 0, gs[4] = {0, 0, 0, 0};
    pnbd_ws *ws = vws;
    size_t i;

    if (ws != NULL && ws->nb > 0 && grid_integrals(ws, &q, h, g != NULL) != 0) {
        return NAN;
    }
    for (i = 0; ws != NULL && i < ws->ng; i++) {
        if (group_integrals(ws, &q, h, ws->gstart[i], ws->gstart[i + 1],
                            g != NULL) != KEHU_OK) {
            return NAN;
        }
    }
    for (i = 0; ws != NULL && i < ws->nt; i++) {
        ws->tv[ws->nt + 2 * i] = log(q.al + ws->tv[i]);
        ws->tv[ws->nt + 2 * i + 1] = log(q.be + ws->tv[i]);
    }
    for (i = 0; i < h->n; i++) {
        double x = h->x[i], t_x = h->t_x[i], T = h->T[i], w = h->w[i];
        const double *lt = ws != NULL ? ws->tv + ws->nt + 2 * ws->ti[i] : NULL;
        double laT = lt != NULL ? lt[0] : log(q.al + T);
        double lbT = lt != NULL ? lt[1] : log(q.be + T);
        double a1 = -(q.r + x) * laT - q.s * lbT, ll, w2 = 0;
        logint in = {0, {0, 0, 0, 0}};
        if (x != cur) {
            /* log G(r+x) - log G(r) + r log alpha + s log beta, eq. (11) */
            cx = kehu__lgamma(q.r + x) - lgr + q.r * lp[1] + q.s * lp[3];
            dcx = g != NULL ? kehu__digamma(q.r + x) - psr + lp[1] : 0;
            cur = x;
        }
        if (t_x < T) {
            double a2;
            if (ws != NULL) {
                in.v = ws->li[i];
                memcpy(in.d, ws->ld + 4 * i, sizeof in.d);
            } else if (log_integral(&q, x, t_x, T, g != NULL, &in) != KEHU_OK) {
                return NAN;
            }
            double e;
            a2 = ls + in.v; /* log(s I), the dying-in-(t_x, T) term */
            /* eq. (17): log(e^a1 + e^a2), and w2 = e^a2 / (e^a1 + e^a2),
               from one exp */
            e = exp(-fabs(a1 - a2));
            ll = cx + fmax(a1, a2) + log1p(e);
            w2 = a2 >= a1 ? 1.0 / (1.0 + e) : e / (1.0 + e);
        } else {
            ll = cx + a1;
        }
        sum += w * ll;
        if (g != NULL) {
            double w1 = 1.0 - w2;
            gs[0] += w * (dcx - w1 * laT + w2 * in.d[0]);
            gs[1] +=
                w * (q.r / q.al - w1 * (q.r + x) / (q.al + T) + w2 * in.d[1]);
            gs[2] += w * (lp[3] - w1 * lbT + w2 * (1.0 / q.s + in.d[2]));
            gs[3] += w * (q.s / q.be - w1 * q.s / (q.be + T) + w2 * in.d[3]);
        }
    }
    if (g != NULL) {
        g[0] = -gs[0] * q.r / h->total;
        g[1] = -gs[1] * q.al / h->total;
        g[2] = -gs[2] * q.s / h->total;
        g[3] = -gs[3] * q.be / h->total;
    }
    return -sum / h->total;
}

/* The fit and kehu_pnbd_ll use the grouped path (ws_prepare). */
static const kehu__model model = {"pnbd", 4, nll, NULL, ws_prepare, ws_release};

kehu_status kehu_pnbd_ll(const double *p, const kehu_hist *h, double *ll,
                         double *grad)
{
    return kehu__mle_ll(&model, p, h, ll, grad);
}

kehu_status kehu_pnbd_fit(const kehu_hist *h, const kehu_fit_options *o,
                          kehu_fit_result *out)
{
    double mean_T;
    kehu_status rc = kehu__mle_check_rfm(h, &mean_T);
    /* Starts: a point with the scale parameters on the scale of the data
       first (fewer iterations than all-ones on CDNOW-like data), then
       CLVTools' and BTYD's all-ones, then a high point. */
    const double starts[3][KEHU_MAX_PARAMS] = {
        {0.5, mean_T / 4.0, 0.5, mean_T / 4.0},
        {1.0, 1.0, 1.0, 1.0},
        {2.0, mean_T, 2.0, mean_T},
    };

    if (rc != KEHU_OK) {
        out->status = rc;
        out->n_params = 4;
        return rc;
    }
    return kehu__mle_fit(&model, h, starts, 3, o, out);
}

/* ------------------------------------------------------------------ */
/* Predictions                                                        */

static int valid_history(double x, double t_x, double T)
{
    return x >= 0 && t_x >= 0 && T >= t_x && isfinite(T);
}

double kehu_pnbd_p_alive(const double *p, double x, double t_x, double T)
{
    pnbd_par q = {p[0], p[1], p[2], p[3]};
    logint in;
    double a1, l;

    if (!valid_history(x, t_x, T) || !(q.r > 0) || !(q.al > 0) || !(q.s > 0) ||
        !(q.be > 0)) {
        return NAN;
    }
    if (t_x == T) {
        return 1.0; /* no time to have died unseen */
    }
    if (log_integral(&q, x, t_x, T, 0, &in) != KEHU_OK) {
        return NAN;
    }
    /* eq. (18): 1 / (1 + s I (alpha+T)^(r+x) (beta+T)^s), in logs */
    a1 = -(q.r + x) * log(q.al + T) - q.s * log(q.be + T);
    l = log(q.s) + in.v - a1;
    if (l > 700.0) {
        return 0.0;
    }
    return 1.0 / (1.0 + exp(l));
}

/* (1 - (1 + t/b)^-(s-1)) / (s-1), and its limit log(1 + t/b) at s = 1. */
static double growth(double s, double t, double b)
{
    double l = log1p(t / b);

    if (fabs(s - 1.0) < 1e-10) {
        return l;
    }
    return -expm1(-(s - 1.0) * l) / (s - 1.0);
}

kehu_status kehu_pnbd_expected(const double *p, double t, double *out)
{
    double v;

    if (!(t >= 0)) {
        return KEHU_ERANGE;
    }
    /* eq. (19): r beta / (alpha (s-1)) [1 - (beta/(beta+t))^(s-1)] */
    v = p[0] * p[3] / p[1] * growth(p[2], t, p[3]);
    if (!isfinite(v)) {
        return KEHU_ERANGE;
    }
    *out = v;
    return KEHU_OK;
}

kehu_status kehu_pnbd_conditional(const double *p, double x, double t_x,
                                  double T, double t, double *out)
{
    double pa, v;

    if (!(t >= 0) || !valid_history(x, t_x, T)) {
        return KEHU_ERANGE;
    }
    pa = kehu_pnbd_p_alive(p, x, t_x, T);
    if (isnan(pa)) {
        return KEHU_ERANGE;
    }
    /* eq. (21): (r+x)(beta+T) / ((alpha+T)(s-1))
                 [1 - ((beta+T)/(beta+T+t))^(s-1)] P(alive) */
    v = (p[0] + x) * (p[3] + T) / (p[1] + T) * growth(p[2], t, p[3] + T) * pa;
    if (!isfinite(v)) {
        return KEHU_ERANGE;
    }
    *out = v;
    return KEHU_OK;
}

/* log of B1 (j < 0) or B2_j of the P(X(t) = x) note: the 2F1 of the
 * larger of alpha, beta, divided by (max + u)^(r+s+j), u = 0 for B1 and
 * t for B2_j. */
static kehu_status log_pmf_b(const double *p, double x, double u, double j,
                             double *out)
{
    double r = p[0], al = p[1], s = p[2], be = p[3];
    double big = fmax(al, be), m = r + s + (j > 0 ? j : 0), lf;
    double e = al >= be ? s + 1.0 : r + x;
    kehu_status rc =
        kehu__log_hyp2f1(m, e, r + s + x + 1.0, fabs(al - be) / (big + u), &lf);

    *out = lf - m * log(big + u);
    return rc;
}

kehu_status kehu_pnbd_pmf(const double *p, double x, double t, double *out)
{
    double r = p[0], al = p[1], s = p[2], be = p[3];
    double nb, tail, lb1, acc = 0, v, lpre;
    kehu_status rc;
    long j, n;

    rc = kehu__nbd_point_tail(r, al, t, x, &nb, &tail);
    if (rc != KEHU_OK || !(s > 0) || !(be > 0)) {
        return KEHU_ERANGE;
    }
    if (t == 0) {
        *out = x == 0 ? 1.0 : 0.0;
        return KEHU_OK;
    }
    /* Alive throughout (0, t]: NB(x) (beta/(beta+t))^s. */
    v = nb * exp(-s * log1p(t / be));
    /* Died at some tau < t after exactly x purchases:
       alpha^r beta^s B(r+x, s+1)/B(r, s) (B1 - sum_j ... B2_j). */
    rc = log_pmf_b(p, x, 0, -1, &lb1);
    n = (long)x;
    for (j = 0; j <= n && rc == KEHU_OK; j++) {
        double lb2;
        rc = log_pmf_b(p, x, t, (double)j, &lb2);
        acc +=
            exp(kehu__lgamma(r + s + (double)j) - kehu__lgamma(r + s) -
                kehu__lgamma((double)j + 1.0) + (double)j * log(t) + lb2 - lb1);
    }
    if (rc != KEHU_OK) {
        return rc;
    }
    lpre = r * log(al) + s * log(be) +
           kehu__log_beta_ratio(r + x, s + 1.0, r, s) + lb1;
    v += exp(lpre) * fmax(0.0, 1.0 - acc);
    if (!isfinite(v)) {
        return KEHU_ERANGE;
    }
    *out = v;
    return KEHU_OK;
}
