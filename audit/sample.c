/* sample.c - see sample.h. */
#include "sample.h"
#include "rng.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------ drawing */

/* Algorithm S (see sample.h) over the k-of-count choice; the items are
 * idx[0..count) when idx is not NULL, else 0..count-1. */
static void select_k(rng *r, const size_t *idx, size_t count, size_t k,
		     unsigned char *selected)
{
	size_t t, m = 0;

	for (t = 0; t < count && m < k; t++) {
		uint32_t u = rng_below(r, (uint32_t)(count - t));
		if ((size_t)u < k - m) {
			selected[idx != NULL ? idx[t] : t] = 1;
			m++;
		}
	}
}

typedef struct keyed {
	const char *stratum;
	size_t index;
} keyed;

static int keyed_cmp(const void *a, const void *b)
{
	const keyed *x = a, *y = b;
	int c = strcmp(x->stratum, y->stratum);

	if (c != 0)
		return c;
	return x->index < y->index ? -1 : x->index > y->index;
}

/* Compares the excess a*N - n*N_h of two strata without overflow:
 * returns >0 when (a1, p1) exceeds its quota more than (a2, p2). */
static int excess_cmp(uint64_t a1, uint64_t p1, uint64_t a2, uint64_t p2,
		      uint64_t N, uint64_t n)
{
	uint64_t s1 = a1 * N, q1 = n * p1, s2 = a2 * N, q2 = n * p2;
	int neg1 = s1 < q1, neg2 = s2 < q2;
	uint64_t m1 = neg1 ? q1 - s1 : s1 - q1, m2 = neg2 ? q2 - s2 : s2 - q2;

	if (neg1 != neg2)
		return neg1 ? -1 : 1;
	if (m1 == m2)
		return 0;
	if (neg1)
		return m1 < m2 ? 1 : -1;
	return m1 > m2 ? 1 : -1;
}

typedef struct rank {
	uint64_t rem;   /* n*N_h mod N */
	size_t h;       /* stratum index (name order) */
} rank;

static int rank_cmp(const void *a, const void *b)
{
	const rank *x = a, *y = b;

	if (x->rem != y->rem)
		return x->rem > y->rem ? -1 : 1;
	return x->h < y->h ? -1 : x->h > y->h;
}

/* Hamilton allocation plus the minimum-one rule (see sample.h); rk is
 * scratch space for h_count entries. */
static void allocate(sample_stratum *st, size_t h_count, size_t n, size_t total,
		     rank *rk)
{
	uint64_t N = total, nn = n;
	size_t h, given = 0, extra, i;

	for (h = 0; h < h_count; h++) {
		st[h].allocated = (size_t)(nn * st[h].population / N);
		given += st[h].allocated;
		rk[h].rem = nn * st[h].population % N;
		rk[h].h = h;
	}
	extra = n - given;   /* fewer than h_count */
	qsort(rk, h_count, sizeof *rk, rank_cmp);
	for (i = 0; i < extra && i < h_count; i++)
		st[rk[i].h].allocated++;
	if (n < h_count)
		return;
	for (h = 0; h < h_count; h++) {
		size_t d, donor = h_count;
		if (st[h].allocated > 0)
			continue;
		for (d = 0; d < h_count; d++) {
			if (st[d].allocated < 2)
				continue;
			if (donor == h_count ||
			    excess_cmp(st[d].allocated, st[d].population,
				       st[donor].allocated, st[donor].population,
				       N, nn) > 0)
				donor = d;
		}
		if (donor == h_count)
			break;   /* cannot happen when n >= h_count */
		st[donor].allocated--;
		st[h].allocated = 1;
	}
}

int sample_draw(const sample_item *items, size_t n_items, size_t n,
		sample_method method, uint64_t seed, unsigned char *selected,
		sample_stratum **strata, size_t *n_strata, audit_err *e)
{
	static const char none[] = "";
	keyed *k = NULL;
	size_t *idx = NULL, i, h, h_count, start;
	sample_stratum *st = NULL;
	rank *rk = NULL;
	rng r;

	if (strata != NULL)
		*strata = NULL;
	if (n_strata != NULL)
		*n_strata = 0;
	if (n_items > 0 && (items == NULL || selected == NULL))
		return audit_err_set(e, AUDIT_EUSAGE, NULL, 0, 0,
				     "sample_draw: no items or no result array");
	if (n_items > 0)
		memset(selected, 0, n_items);
	if ((uint64_t)n_items > UINT32_MAX)
		return audit_err_set(e, AUDIT_EUSAGE, NULL, 0, 0,
				     "the frame has %zu akter; at most %lu can be sampled from",
				     n_items, (unsigned long)UINT32_MAX);
	if (n > n_items)
		return audit_err_set(e, AUDIT_EUSAGE, NULL, 0, 0,
				     "the sample size %zu is larger than the frame, which has %zu akter",
				     n, n_items);
	for (i = 0; i < n_items; i++) {
		int c;
		if (items[i].akt_id == NULL)
			return audit_err_set(e, AUDIT_EUSAGE, NULL, 0, 0,
					     "akt %zu of the frame has no id", i + 1);
		if (i == 0)
			continue;
		c = strcmp(items[i - 1].akt_id, items[i].akt_id);
		if (c == 0)
			return audit_err_set(e, AUDIT_EUSAGE, NULL, 0, 0,
					     "akt id '%s' appears twice in the frame",
					     items[i].akt_id);
		if (c > 0)
			return audit_err_set(e, AUDIT_EUSAGE, NULL, 0, 0,
					     "the frame is not sorted by akt id: '%s' comes before '%s'",
					     items[i - 1].akt_id, items[i].akt_id);
	}

	rng_seed(&r, seed, SAMPLE_RNG_STREAM);
	if (method != SAMPLE_STRATIFIED) {
		select_k(&r, NULL, n_items, n, selected);
		return AUDIT_OK;
	}
	if (n_items == 0)
		return AUDIT_OK;

	k = malloc(n_items * sizeof *k);
	idx = malloc(n_items * sizeof *idx);
	if (k == NULL || idx == NULL)
		goto nomem;
	for (i = 0; i < n_items; i++) {
		k[i].stratum = items[i].stratum != NULL ? items[i].stratum : none;
		k[i].index = i;
	}
	qsort(k, n_items, sizeof *k, keyed_cmp);
	for (i = 0, h_count = 0; i < n_items; i++) {
		idx[i] = k[i].index;
		if (i == 0 || strcmp(k[i - 1].stratum, k[i].stratum) != 0)
			h_count++;
	}
	st = calloc(h_count, sizeof *st);
	if (st == NULL)
		goto nomem;
	for (i = 0, h = 0; i < n_items; i++) {
		if (i > 0 && strcmp(k[i - 1].stratum, k[i].stratum) != 0)
			h++;
		st[h].stratum = k[i].stratum;
		st[h].population++;
	}
	rk = malloc(h_count * sizeof *rk);
	if (rk == NULL)
		goto nomem;
	allocate(st, h_count, n, n_items, rk);
	free(rk);
	rk = NULL;
	for (h = 0, start = 0; h < h_count; h++) {
		select_k(&r, idx + start, st[h].population, st[h].allocated, selected);
		start += st[h].population;
	}
	free(k);
	free(idx);
	if (strata != NULL && n_strata != NULL) {
		*strata = st;
		*n_strata = h_count;
	} else {
		free(st);
	}
	return AUDIT_OK;

nomem:
	free(rk);
	free(k);
	free(idx);
	free(st);
	memset(selected, 0, n_items);
	return audit_err_set(e, AUDIT_ENOMEM, NULL, 0, 0, "out of memory while sampling");
}

/* -------------------------------------------------------- sample size */

double sample_norm_inv(double p)
{
	double q, r, num, den, x;

	if (isnan(p))
		return p;
	if (p <= 0.0)
		return -HUGE_VAL;
	if (p >= 1.0)
		return HUGE_VAL;
	q = p - 0.5;
	if (fabs(q) <= 0.425) {
		r = 0.180625 - q * q;
		num = (((((((2.5090809287301226727e+3 * r +
			     3.3430575583588128105e+4) * r +
			     6.7265770927008700853e+4) * r +
			     4.5921953931549871457e+4) * r +
			     1.3731693765509461125e+4) * r +
			     1.9715909503065514427e+3) * r +
			     1.3314166789178437745e+2) * r +
			     3.3871328727963666080e+0) * q;
		den = (((((((5.2264952788528545610e+3 * r +
			     2.8729085735721942674e+4) * r +
			     3.9307895800092710610e+4) * r +
			     2.1213794301586595867e+4) * r +
			     5.3941960214247511077e+3) * r +
			     6.8718700749205790830e+2) * r +
			     4.2313330701600911252e+1) * r +
			     1.0);
		return num / den;
	}
	r = q < 0.0 ? p : 1.0 - p;
	r = sqrt(-log(r));
	if (r <= 5.0) {
		r -= 1.6;
		num = (((((((7.7454501427834140764e-4 * r +
			     2.2723844989269184583e-2) * r +
			     2.4178072517745061177e-1) * r +
			     1.2704582524523683826e+0) * r +
			     3.6478483247632046050e+0) * r +
			     5.7694972214606914055e+0) * r +
			     4.6303378461565452959e+0) * r +
			     1.4234371107496835773e+0);
		den = (((((((1.0507500716444168432e-9 * r +
			     5.4759380849953449460e-4) * r +
			     1.5198666563616457197e-2) * r +
			     1.4810397642748007459e-1) * r +
			     6.8976733498510000455e-1) * r +
			     1.6763848301838038494e+0) * r +
			     2.0531916266377588219e+0) * r +
			     1.0);
	} else {
		r -= 5.0;
		num = (((((((2.0103343992922881327e-7 * r +
			     2.7115555687434875782e-5) * r +
			     1.2426609473880784386e-3) * r +
			     2.6532189526576123093e-2) * r +
			     2.9656057182850489123e-1) * r +
			     1.7848265399172913358e+0) * r +
			     5.4637849111641143699e+0) * r +
			     6.6579046435011037772e+0);
		den = (((((((2.0442631033899397856e-15 * r +
			     1.4215117583164458887e-7) * r +
			     1.8463183175100546818e-5) * r +
			     7.8686913114561325910e-4) * r +
			     1.4875361290850614853e-2) * r +
			     1.3692988092273580531e-1) * r +
			     5.9983220655588793769e-1) * r +
			     1.0);
	}
	x = num / den;
	return q < 0.0 ? -x : x;
}

/* Appends x with the given decimals and a decimal comma. */
static int put_num(abuf *b, double x, int decimals)
{
	char tmp[64], *dot;

	snprintf(tmp, sizeof tmp, "%.*f", decimals, x);
	if ((dot = strchr(tmp, '.')) != NULL)
		*dot = ',';
	return abuf_puts(b, tmp);
}

/* Appends x with up to 4 significant digits, no trailing zeros, and a
 * decimal comma (0,5; 0,05; 99,5). */
static int put_short(abuf *b, double x)
{
	char tmp[64], *dot;

	snprintf(tmp, sizeof tmp, "%.4g", x);
	if ((dot = strchr(tmp, '.')) != NULL)
		*dot = ',';
	return abuf_puts(b, tmp);
}

static int explain_size(abuf *b, double z, double confidence, double p, double margin,
			double n0, size_t population, double raw, size_t n)
{
	int rc = AUDIT_OK;

#define STEP(x) do { if (rc == AUDIT_OK) rc = (x); } while (0)
	STEP(abuf_puts(b, "z = "));
	STEP(put_num(b, z, 3));
	STEP(abuf_puts(b, " (konfidensgrad "));
	STEP(put_short(b, confidence * 100.0));
	STEP(abuf_puts(b, " %); n0 = z²·p(1−p)/e² = "));
	STEP(put_num(b, z, 3));
	STEP(abuf_puts(b, "²·"));
	STEP(put_short(b, p));
	STEP(abuf_puts(b, "·"));
	STEP(put_short(b, 1.0 - p));
	STEP(abuf_puts(b, "/"));
	STEP(put_short(b, margin));
	STEP(abuf_puts(b, "² = "));
	STEP(put_num(b, n0, 2));
	if (population == SAMPLE_POP_INFINITE) {
		STEP(abuf_puts(b, "; n = n0 (ingen ändlighetskorrektion) → "));
	} else {
		STEP(abuf_puts(b, "; n = n0/(1 + (n0 − 1)/N) = "));
		STEP(put_num(b, n0, 2));
		STEP(abuf_puts(b, "/(1 + "));
		STEP(put_num(b, n0 - 1.0, 2));
		STEP(abuf_printf(b, "/%zu) = ", population));
		STEP(put_num(b, raw, 2));
		STEP(abuf_puts(b, " → "));
	}
	STEP(abuf_printf(b, "%zu", n));
	if (population != SAMPLE_POP_INFINITE && n == population)
		STEP(abuf_puts(b, " (hela populationen)"));
#undef STEP
	return rc;
}

int sample_size(double margin, double confidence, double p, size_t population,
		size_t *n, abuf *explain, audit_err *e)
{
	double z, n0, raw, up;
	size_t k;

	if (n != NULL)
		*n = 0;
	if (!(margin > 0.0 && margin < 1.0))
		return audit_err_set(e, AUDIT_EUSAGE, NULL, 0, 0,
				     "the margin of error must be between 0 and 1 (e.g. 0.05 for ±5 procentenheter), not %g",
				     margin);
	if (!(confidence > 0.0 && confidence < 1.0))
		return audit_err_set(e, AUDIT_EUSAGE, NULL, 0, 0,
				     "the confidence level must be between 0 and 1 (e.g. 0.95), not %g",
				     confidence);
	if (!(p > 0.0 && p < 1.0))
		return audit_err_set(e, AUDIT_EUSAGE, NULL, 0, 0,
				     "the expected share must be between 0 and 1 (0.5 when unknown), not %g",
				     p);
	if (population < 1)
		return audit_err_set(e, AUDIT_EUSAGE, NULL, 0, 0,
				     "the population is empty: there is nothing to sample");
	z = sample_norm_inv((1.0 + confidence) / 2.0);
	n0 = z * z * p * (1.0 - p) / (margin * margin);
	if (population == SAMPLE_POP_INFINITE)
		raw = n0;
	else
		raw = n0 / (1.0 + (n0 - 1.0) / (double)population);
	up = ceil(raw - 1e-9);
	if (!(up >= 1.0))
		k = 1;
	else if (up >= (double)SIZE_MAX)
		k = SIZE_MAX;
	else
		k = (size_t)up;
	if (population != SAMPLE_POP_INFINITE && k > population)
		k = population;
	if (n != NULL)
		*n = k;
	if (explain != NULL &&
	    explain_size(explain, z, confidence, p, margin, n0, population, raw, k) < 0)
		return audit_err_set(e, AUDIT_ENOMEM, NULL, 0, 0, "out of memory");
	return AUDIT_OK;
}
