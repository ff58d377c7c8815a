/* sample.h - reproducible inspection samples (stickprov) and the sample
 * size needed to estimate a share.
 *
 * Pure: no database, no I/O, no clock.  The caller builds the frame (the
 * population of akter), stores the seed, method and members, and prints.
 *
 * ---- The drawing algorithm (specified; never change it for existing seeds)
 *
 * One PCG32 generator (rng.h) is seeded once with
 * rng_seed(&r, seed, SAMPLE_RNG_STREAM).  All draws are rng_below(), i.e.
 * integer only, so a (frame, n, method, seed) gives the same sample on every
 * machine and compiler.
 *
 * Selection sampling (Knuth, TAOCP vol. 2, 3.4.2, Algorithm S) in integer
 * form, over a list of N items in a given order, choosing k of them:
 *
 *     m = 0
 *     for t = 0, 1, ..., N-1 while m < k:
 *         u = rng_below(N - t)
 *         if u < k - m: select item t; m = m + 1
 *
 * Every k-subset is equally likely.  Exactly one rng_below() call is made
 * per item examined; none after the k-th selection (so k == 0 draws
 * nothing, and k == N draws once per item and selects all).
 *
 * SAMPLE_SIMPLE: Algorithm S over the whole frame in the given order with
 * k = n.
 *
 * SAMPLE_STRATIFIED: the strata are the distinct stratum strings (NULL is
 * the same as ""), ordered by strcmp() (bytewise).  Allocation:
 *   1. Hamilton / largest remainder: stratum h with N_h items gets
 *      floor(n*N_h/N) seats; the remaining seats go one each to the strata
 *      with the largest remainders (n*N_h mod N, integer arithmetic),
 *      ties to the stratum whose name sorts first.
 *   2. Minimum one: when n >= the number of strata, each stratum left with
 *      0 seats, taken in name order, gets one seat from the donor with at
 *      least 2 seats whose allocation exceeds its quota the most (largest
 *      a_h*N - n*N_h), ties to the name that sorts first.
 *   (a_h never exceeds N_h.)  When n < the number of strata some strata
 *   get 0.
 * Then, stratum by stratum in name order, with the same generator
 * continuing, Algorithm S with k = a_h over the stratum's items in their
 * frame order.
 *
 * The caller passes the frame sorted by akt id (strcmp order, as SQLite's
 * BINARY collation); sample_draw checks that the ids are strictly
 * ascending, so a frame in another order or with a duplicate id is refused
 * rather than silently giving another sample.
 */
#ifndef AUDIT_SAMPLE_H
#define AUDIT_SAMPLE_H

#include <stddef.h>
#include <stdint.h>
#include "err.h"
#include "util.h"

/* The PCG32 stream of sampling: ASCII "sample".  Part of the algorithm. */
#define SAMPLE_RNG_STREAM UINT64_C(0x73616d706c65)

/* One akt of the frame.  Both strings are borrowed from the caller. */
typedef struct sample_item {
	const char *akt_id;    /* not NULL; strictly ascending by strcmp */
	const char *stratum;   /* NULL or "" for no stratum; ignored by SIMPLE */
} sample_item;

typedef enum sample_method { SAMPLE_SIMPLE, SAMPLE_STRATIFIED } sample_method;

/* Allocation of one stratum (for printing and storing). */
typedef struct sample_stratum {
	const char *stratum;   /* borrowed from the items; "" for no stratum */
	size_t population;     /* N_h */
	size_t allocated;      /* a_h, the number drawn from it */
} sample_stratum;

/* Draws n of the n_items items of the frame without replacement, as
 * specified above.  selected[0..n_items) is set to 1 for chosen items and 0
 * otherwise (selected may be NULL only when n_items == 0).
 *
 * strata may be NULL.  Otherwise, for SAMPLE_STRATIFIED, *strata gets a
 * malloc'ed array of *n_strata entries in name order (the caller frees it
 * with free(); the names point into items), and for SAMPLE_SIMPLE *strata =
 * NULL and *n_strata = 0.  On error *strata is NULL and *n_strata 0.
 *
 * Returns AUDIT_OK; AUDIT_EUSAGE with a message when n > n_items, when an
 * akt id is NULL, out of order or repeated, or when the frame has more than
 * UINT32_MAX items; AUDIT_ENOMEM.  On error selected is all 0. */
int sample_draw(const sample_item *items, size_t n_items, size_t n,
		sample_method method, uint64_t seed, unsigned char *selected,
		sample_stratum **strata, size_t *n_strata, audit_err *e);

/* Population size meaning "infinite / unknown": no finite population
 * correction. */
#define SAMPLE_POP_INFINITE SIZE_MAX

/* The sample size needed to estimate a share p with margin of error margin
 * (half-width of the interval, as a fraction: 0.05 = ±5 procentenheter) at
 * confidence level confidence, in a population of population akter:
 *
 *     z  = sample_norm_inv((1 + confidence) / 2)
 *     n0 = z^2 p (1 - p) / margin^2
 *     n  = n0 / (1 + (n0 - 1) / N)        (finite population correction;
 *                                          n = n0 for SAMPLE_POP_INFINITE)
 *     *n = ceil(n - 1e-9), at least 1 and at most N.
 *
 * (Cochran, Sampling Techniques, 3rd ed., 1977, eq. 4.1-4.2.)  Use p = 0.5
 * when nothing is known about the share: it gives the largest n.
 *
 * Requires 0 < margin < 1, 0 < confidence < 1, 0 < p < 1 and
 * population >= 1, else AUDIT_EUSAGE with a message.  explain (may be NULL)
 * gets a one-line Swedish explanation of the computation appended, with
 * decimal commas, e.g.
 *   z = 1,960 (konfidensgrad 95 %); n0 = z²·p(1−p)/e² =
 *   1,960²·0,5·0,5/0,1² = 96,04; n = n0/(1 + (n0 − 1)/N) =
 *   96,04/(1 + 95,04/100) = 49,24 → 50
 * with " (hela populationen)" after the result when it is N, and
 * "n = n0 (ingen ändlighetskorrektion) → 385" for SAMPLE_POP_INFINITE
 * (one line, no trailing newline; the displayed values are rounded).
 * Returns AUDIT_OK, AUDIT_EUSAGE or AUDIT_ENOMEM (explain). */
int sample_size(double margin, double confidence, double p, size_t population,
		size_t *n, abuf *explain, audit_err *e);

/* The inverse of the standard normal distribution function: x with
 * Phi(x) = p.  Wichura's Algorithm AS 241 (PPND16, Applied Statistics 37,
 * 1988), relative accuracy about 1e-16.  p <= 0 gives -HUGE_VAL, p >= 1
 * HUGE_VAL, NaN gives NaN. */
double sample_norm_inv(double p);

#endif
