/* test_sample.c - sampling (fixed expected samples, allocation, uniformity)
 * and the sample size against worked examples. */
#include "test.h"
#include "sample.h"
#include "rng.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#define FRAME 40

static char ids[FRAME][8];
static sample_item frame[FRAME];

/* A-001 .. A-040, stratified by handläggare, interleaved so that no
 * stratum is contiguous in the frame: i % 5 == 4 gives 8 H3, i % 10 in
 * {1, 3, 7} 12 H2, the rest 20 H1. */
static void make_frame(void)
{
	int i;

	for (i = 0; i < FRAME; i++) {
		snprintf(ids[i], sizeof ids[i], "A-%03d", i + 1);
		frame[i].akt_id = ids[i];
		frame[i].stratum = i % 5 == 4 ? "H3" : i % 10 == 1 || i % 10 == 3 || i % 10 == 7 ? "H2" : "H1";
	}
}

/* The selected ids as "A-003 A-017 ..." into out. */
static const char *list(const unsigned char *sel, size_t n, char *out, size_t size)
{
	size_t i, len = 0;

	out[0] = '\0';
	for (i = 0; i < n; i++) {
		if (!sel[i])
			continue;
		len += (size_t)snprintf(out + len, size - len, "%s%s", len ? " " : "", frame[i].akt_id);
		if (len >= size)
			break;
	}
	return out;
}

static size_t count(const unsigned char *sel, size_t n)
{
	size_t i, c = 0;

	for (i = 0; i < n; i++)
		c += sel[i] != 0;
	return c;
}

/* Algorithm S written again from the text of sample.h. */
static void spec_simple(uint64_t seed, size_t N, size_t k, unsigned char *sel)
{
	rng r;
	size_t t, m = 0;

	memset(sel, 0, N);
	rng_seed(&r, seed, 0x73616d706c65u);
	for (t = 0; t < N && m < k; t++)
		if (rng_below(&r, (uint32_t)(N - t)) < k - m) {
			sel[t] = 1;
			m++;
		}
}

static int near(double got, double want, double rel)
{
	return fabs(got - want) <= rel * fmax(1.0, fabs(want));
}

static void test_norm_inv(void)
{
	static const struct { double p, z; } known[] = {
		{ 0.5, 0.0 },
		{ 0.975, 1.959963984540054 },
		{ 0.025, -1.959963984540054 },
		{ 0.95, 1.6448536269514722 },
		{ 0.995, 2.5758293035489004 },
		{ 0.9, 1.2815515655446004 },
		{ 0.8, 0.8416212335729143 },
		{ 0.999, 3.090232306167814 },
		{ 1e-6, -4.753424308822899 },
		{ 1e-10, -6.361340902404056 },
		{ 1e-20, -9.262340089798408 },
	};
	size_t i;
	int ok = 1;
	double p;

	for (i = 0; i < sizeof known / sizeof known[0]; i++) {
		double z = sample_norm_inv(known[i].p);
		if (!near(z, known[i].z, 1e-12)) {
			printf("     p = %g: got %.17g, expected %.17g\n", known[i].p, z, known[i].z);
			ok = 0;
		}
	}
	TEST_COND("inverse normal at known points (1e-12)", ok);
	TEST_COND("z(0.975) = 1.959963985 to 9 decimals",
		  fabs(sample_norm_inv(0.975) - 1.959963985) < 5e-10);
	/* Phi(z(p)) = p over the whole range, checked with erfc */
	for (ok = 1, p = 1e-15; p < 1.0; p = p < 0.5 ? p * 1.7 : 1.0 - (1.0 - p) / 1.7) {
		double z = sample_norm_inv(p), back = 0.5 * erfc(-z / sqrt(2.0));
		if (fabs(back - p) > 1e-13 * fmin(p, 1.0 - p) + 1e-16) {
			printf("     p = %.17g: Phi(z) = %.17g\n", p, back);
			ok = 0;
		}
		if (1.0 - p < 1e-15)
			break;
	}
	TEST_COND("Phi(inverse(p)) == p from 1e-15 to 1 - 1e-15", ok);
	for (ok = 1, p = 0.001; p < 0.999; p += 0.001)
		ok &= sample_norm_inv(p) == -sample_norm_inv(1.0 - p) ||
		      near(sample_norm_inv(p), -sample_norm_inv(1.0 - p), 1e-14);
	TEST_COND("inverse normal is antisymmetric", ok);
	TEST_COND("edges: 0 -> -inf, 1 -> +inf, NaN -> NaN",
		  isinf(sample_norm_inv(0.0)) && sample_norm_inv(0.0) < 0 &&
		  isinf(sample_norm_inv(1.0)) && sample_norm_inv(1.0) > 0 &&
		  isnan(sample_norm_inv(NAN)));
}

static size_t size_of(double m, double c, double p, size_t N)
{
	size_t n = 12345;
	audit_err e;

	if (sample_size(m, c, p, N, &n, NULL, &e) != AUDIT_OK)
		return 0;
	return n;
}

static void test_size(void)
{
	size_t n = 7;
	abuf b = ABUF_INIT;
	audit_err e;

	/* Cochran n0 = z^2 p q / e^2 with z = 1.959964:
	 *   n0 = 3.841459 * 0.25 / 0.0025 = 384.146 -> 385 */
	TEST_COND("Cochran: N infinite, e 5 %, 95 % -> 385", size_of(0.05, 0.95, 0.5, SAMPLE_POP_INFINITE) == 385);
	/* n0 = 96.036; 96.036 / (1 + 95.036/100) = 49.24 -> 50 */
	TEST_COND("N 100, e 10 %, 95 % -> 50", size_of(0.10, 0.95, 0.5, 100) == 50);
	/* 384.146 / (1 + 383.146/1000) = 277.74 -> 278 (Krejcie & Morgan
	 * 1970 table: 278) */
	TEST_COND("N 1000, e 5 %, 95 % -> 278", size_of(0.05, 0.95, 0.5, 1000) == 278);
	/* z = 2.575829, n0 = 6.634897 * 100 = 663.49;
	 * 663.49 / (1 + 662.49/500) = 285.38 -> 286 */
	TEST_COND("N 500, e 5 %, 99 % -> 286", size_of(0.05, 0.99, 0.5, 500) == 286);
	/* z = 1.644854, n0 = 2.705543 * 100 = 270.55 -> 271 */
	TEST_COND("N infinite, e 5 %, 90 % -> 271", size_of(0.05, 0.90, 0.5, SAMPLE_POP_INFINITE) == 271);
	/* 663.49 -> 664 */
	TEST_COND("N infinite, e 5 %, 99 % -> 664", size_of(0.05, 0.99, 0.5, SAMPLE_POP_INFINITE) == 664);
	/* Krejcie & Morgan table (same formula): N 100 -> 80 (79.51),
	 * N 10000 -> 370 (369.98) */
	TEST_COND("N 100, e 5 %, 95 % -> 80", size_of(0.05, 0.95, 0.5, 100) == 80);
	TEST_COND("N 10000, e 5 %, 95 % -> 370", size_of(0.05, 0.95, 0.5, 10000) == 370);
	/* p = 0.1: n0 = 3.841459 * 0.09 / 0.0025 = 138.29 -> 139 */
	TEST_COND("p 0.1, N infinite, e 5 %, 95 % -> 139", size_of(0.05, 0.95, 0.1, SAMPLE_POP_INFINITE) == 139);
	/* N 24 (one unit of the samples), e 10 %, 90 %: n0 = 67.64;
	 * 67.64 / (1 + 66.64/24) = 17.88 -> 18 */
	TEST_COND("N 24, e 10 %, 90 % -> 18", size_of(0.10, 0.90, 0.5, 24) == 18);
	/* 384.15 / (1 + 383.15/10) = 9.77 -> 10: never more than N */
	TEST_COND("N 10, e 5 %, 95 % -> 10 (all)", size_of(0.05, 0.95, 0.5, 10) == 10);
	TEST_COND("N 1 -> 1", size_of(0.05, 0.95, 0.5, 1) == 1);
	TEST_COND("a wide margin still gives at least 1", size_of(0.99, 0.5, 0.5, SAMPLE_POP_INFINITE) == 1);

	TEST_COND("explained", sample_size(0.10, 0.95, 0.5, 100, &n, &b, &e) == AUDIT_OK && n == 50);
	TEST_STREQ("explanation text", abuf_str(&b),
		   "z = 1,960 (konfidensgrad 95 %); n0 = z²·p(1−p)/e² = 1,960²·0,5·0,5/0,1² = 96,04; "
		   "n = n0/(1 + (n0 − 1)/N) = 96,04/(1 + 95,04/100) = 49,24 → 50");
	abuf_reset(&b);
	sample_size(0.05, 0.95, 0.5, 10, &n, &b, &e);
	TEST_COND("explanation says when the whole population is taken",
		  strstr(abuf_str(&b), "→ 10 (hela populationen)") != NULL);
	abuf_reset(&b);
	sample_size(0.05, 0.995, 0.5, SAMPLE_POP_INFINITE, &n, &b, &e);
	TEST_COND("explanation without finite population correction",
		  strstr(abuf_str(&b), "(konfidensgrad 99,5 %)") != NULL &&
		  strstr(abuf_str(&b), "ingen ändlighetskorrektion") != NULL &&
		  strstr(abuf_str(&b), "/N") == NULL);
	abuf_free(&b);

	TEST_COND("margin 0 refused", sample_size(0.0, 0.95, 0.5, 100, &n, NULL, &e) == AUDIT_EUSAGE &&
		  strstr(e.msg, "margin") != NULL && n == 0);
	TEST_COND("margin 1 refused", sample_size(1.0, 0.95, 0.5, 100, &n, NULL, &e) == AUDIT_EUSAGE);
	TEST_COND("margin NaN refused", sample_size(NAN, 0.95, 0.5, 100, &n, NULL, &e) == AUDIT_EUSAGE);
	TEST_COND("negative margin refused", sample_size(-0.05, 0.95, 0.5, 100, &n, NULL, &e) == AUDIT_EUSAGE);
	TEST_COND("confidence 0 refused", sample_size(0.05, 0.0, 0.5, 100, &n, NULL, &e) == AUDIT_EUSAGE &&
		  strstr(e.msg, "confidence") != NULL);
	TEST_COND("confidence 1 refused", sample_size(0.05, 1.0, 0.5, 100, &n, NULL, &e) == AUDIT_EUSAGE);
	TEST_COND("confidence 95 (percent) refused", sample_size(0.05, 95.0, 0.5, 100, &n, NULL, &e) == AUDIT_EUSAGE);
	TEST_COND("p 0 refused", sample_size(0.05, 0.95, 0.0, 100, &n, NULL, &e) == AUDIT_EUSAGE &&
		  strstr(e.msg, "share") != NULL);
	TEST_COND("p 1 refused", sample_size(0.05, 0.95, 1.0, 100, &n, NULL, &e) == AUDIT_EUSAGE);
	TEST_COND("population 0 refused", sample_size(0.05, 0.95, 0.5, 0, &n, NULL, &e) == AUDIT_EUSAGE);
}

static void test_draw(void)
{
	unsigned char sel[FRAME], sel2[FRAME];
	char buf[512];
	sample_stratum *st = NULL;
	size_t nst = 0, i;
	audit_err e;
	uint64_t seed;
	int ok;

	/* the fixed expected samples: any change to the algorithm, the
	 * stream or the generator fails here */
	TEST_COND("simple draw", sample_draw(frame, FRAME, 8, SAMPLE_SIMPLE, 20261031u, sel,
					     &st, &nst, &e) == AUDIT_OK && st == NULL && nst == 0);
	TEST_STREQ("fixed simple sample, seed 20261031, 8 of 40", list(sel, FRAME, buf, sizeof buf),
		   "A-009 A-020 A-021 A-026 A-030 A-033 A-037 A-038");
	TEST_COND("stratified draw", sample_draw(frame, FRAME, 10, SAMPLE_STRATIFIED, 20261031u, sel,
						 &st, &nst, &e) == AUDIT_OK);
	TEST_STREQ("fixed stratified sample, seed 20261031, 10 of 40", list(sel, FRAME, buf, sizeof buf),
		   "A-007 A-009 A-012 A-017 A-018 A-020 A-026 A-028 A-033 A-035");
	{
		/* the same again from the text of sample.h: strata H1, H2, H3
		 * in name order, 5/3/2, Algorithm S on each in frame order
		 * with one generator */
		static const char *const names[3] = { "H1", "H2", "H3" };
		static const size_t alloc[3] = { 5, 3, 2 };
		size_t h, t, pos[FRAME], cnt, m;
		rng r;
		memset(sel2, 0, FRAME);
		rng_seed(&r, 20261031u, 0x73616d706c65u);
		for (h = 0; h < 3; h++) {
			for (i = 0, cnt = 0; i < FRAME; i++)
				if (strcmp(frame[i].stratum, names[h]) == 0)
					pos[cnt++] = i;
			for (t = 0, m = 0; t < cnt && m < alloc[h]; t++)
				if (rng_below(&r, (uint32_t)(cnt - t)) < alloc[h] - m) {
					sel2[pos[t]] = 1;
					m++;
				}
		}
		TEST_COND("the stratified sample follows the specification", memcmp(sel, sel2, FRAME) == 0);
	}
	TEST_COND("strata 20/12/8 with n 10 -> 5/3/2",
		  st != NULL && nst == 3 &&
		  strcmp(st[0].stratum, "H1") == 0 && st[0].population == 20 && st[0].allocated == 5 &&
		  strcmp(st[1].stratum, "H2") == 0 && st[1].population == 12 && st[1].allocated == 3 &&
		  strcmp(st[2].stratum, "H3") == 0 && st[2].population == 8 && st[2].allocated == 2);
	{
		size_t c[3] = { 0, 0, 0 };
		for (i = 0; i < FRAME; i++)
			if (sel[i])
				c[frame[i].stratum[1] - '1']++;
		TEST_COND("the stratified sample has 5/3/2 per stratum", c[0] == 5 && c[1] == 3 && c[2] == 2);
	}
	free(st);
	st = NULL;
	for (seed = 0, ok = 1; seed < 200; seed++) {
		size_t k = (size_t)(seed % (FRAME + 1));
		ok &= sample_draw(frame, FRAME, k, SAMPLE_SIMPLE, seed * 7919u, sel, NULL, NULL, &e) == AUDIT_OK;
		spec_simple(seed * 7919u, FRAME, k, sel2);
		ok &= memcmp(sel, sel2, FRAME) == 0 && count(sel, FRAME) == k;
	}
	TEST_COND("simple sample follows the specified Algorithm S, exact count, 200 seeds", ok);

	/* determinism */
	sample_draw(frame, FRAME, 8, SAMPLE_SIMPLE, 99u, sel, NULL, NULL, &e);
	sample_draw(frame, FRAME, 8, SAMPLE_SIMPLE, 99u, sel2, NULL, NULL, &e);
	TEST_COND("same seed, same sample", memcmp(sel, sel2, FRAME) == 0);
	sample_draw(frame, FRAME, 8, SAMPLE_SIMPLE, 100u, sel2, NULL, NULL, &e);
	TEST_COND("another seed, another sample", memcmp(sel, sel2, FRAME) != 0);
	sample_draw(frame, FRAME, 10, SAMPLE_STRATIFIED, 99u, sel, NULL, NULL, &e);
	sample_draw(frame, FRAME, 10, SAMPLE_STRATIFIED, 99u, sel2, NULL, NULL, &e);
	TEST_COND("stratified: same seed, same sample", memcmp(sel, sel2, FRAME) == 0);
	sample_draw(frame, FRAME, 10, SAMPLE_STRATIFIED, 100u, sel2, NULL, NULL, &e);
	TEST_COND("stratified: another seed, another sample", memcmp(sel, sel2, FRAME) != 0);

	/* edges */
	TEST_COND("n == N selects all",
		  sample_draw(frame, FRAME, FRAME, SAMPLE_SIMPLE, 5u, sel, NULL, NULL, &e) == AUDIT_OK &&
		  count(sel, FRAME) == FRAME);
	TEST_COND("n == N stratified selects all",
		  sample_draw(frame, FRAME, FRAME, SAMPLE_STRATIFIED, 5u, sel, NULL, NULL, &e) == AUDIT_OK &&
		  count(sel, FRAME) == FRAME);
	memset(sel, 1, FRAME);
	TEST_COND("n == 0 selects none",
		  sample_draw(frame, FRAME, 0, SAMPLE_SIMPLE, 5u, sel, NULL, NULL, &e) == AUDIT_OK &&
		  count(sel, FRAME) == 0);
	memset(sel, 1, FRAME);
	TEST_COND("n == 0 stratified selects none, allocation all 0",
		  sample_draw(frame, FRAME, 0, SAMPLE_STRATIFIED, 5u, sel, &st, &nst, &e) == AUDIT_OK &&
		  count(sel, FRAME) == 0 && nst == 3 && st[0].allocated + st[1].allocated + st[2].allocated == 0);
	free(st);
	st = NULL;
	TEST_COND("empty frame, n 0",
		  sample_draw(NULL, 0, 0, SAMPLE_STRATIFIED, 5u, NULL, &st, &nst, &e) == AUDIT_OK &&
		  st == NULL && nst == 0);
	memset(sel, 1, FRAME);
	TEST_COND("n > N refused",
		  sample_draw(frame, FRAME, FRAME + 1, SAMPLE_SIMPLE, 5u, sel, &st, &nst, &e) == AUDIT_EUSAGE &&
		  strstr(e.msg, "41") != NULL && strstr(e.msg, "40") != NULL && count(sel, FRAME) == 0 &&
		  st == NULL);
	{
		sample_item bad[3] = { { "A-1", NULL }, { "A-3", NULL }, { "A-2", NULL } };
		unsigned char s3[3];
		TEST_COND("unsorted frame refused",
			  sample_draw(bad, 3, 1, SAMPLE_SIMPLE, 5u, s3, NULL, NULL, &e) == AUDIT_EUSAGE &&
			  strstr(e.msg, "not sorted") != NULL);
		bad[2].akt_id = "A-3";
		TEST_COND("duplicate akt id refused",
			  sample_draw(bad, 3, 1, SAMPLE_SIMPLE, 5u, s3, NULL, NULL, &e) == AUDIT_EUSAGE &&
			  strstr(e.msg, "twice") != NULL);
		bad[2].akt_id = NULL;
		TEST_COND("missing akt id refused",
			  sample_draw(bad, 3, 1, SAMPLE_SIMPLE, 5u, s3, NULL, NULL, &e) == AUDIT_EUSAGE);
	}

	/* allocation */
	{
		static char tid[100][8];
		sample_item t[100];
		unsigned char s[100];
		for (i = 0; i < 100; i++) {
			snprintf(tid[i], sizeof tid[i], "B%03zu", i);
			t[i].akt_id = tid[i];
			t[i].stratum = i < 97 ? "stor" : i < 99 ? "liten" : "minst";
		}
		/* Hamilton: 9.7/0.2/0.1 -> 10/0/0; minimum one -> 8/1/1 */
		TEST_COND("tiny strata get at least one",
			  sample_draw(t, 100, 10, SAMPLE_STRATIFIED, 3u, s, &st, &nst, &e) == AUDIT_OK &&
			  nst == 3 && strcmp(st[0].stratum, "liten") == 0 && st[0].allocated == 1 &&
			  strcmp(st[1].stratum, "minst") == 0 && st[1].allocated == 1 &&
			  strcmp(st[2].stratum, "stor") == 0 && st[2].allocated == 8 &&
			  count(s, 100) == 10 && s[97] + s[98] == 1 && s[99] == 1);
		free(st);
		/* fewer seats than strata: pure Hamilton, ties by name */
		for (i = 0; i < 100; i++)
			t[i].stratum = i < 25 ? "d" : i < 50 ? "c" : i < 75 ? "b" : "a";
		TEST_COND("n 2 over four equal strata: the first two names",
			  sample_draw(t, 100, 2, SAMPLE_STRATIFIED, 3u, s, &st, &nst, &e) == AUDIT_OK &&
			  nst == 4 && st[0].allocated == 1 && st[1].allocated == 1 &&
			  st[2].allocated == 0 && st[3].allocated == 0 && strcmp(st[0].stratum, "a") == 0 &&
			  count(s, 100) == 2);
		free(st);
		/* largest remainder: 60/25/15 with n 7: 4.2/1.75/1.05 -> 4/1/1 + 1 to the 0.75 */
		for (i = 0; i < 100; i++)
			t[i].stratum = i < 60 ? "x" : i < 85 ? "y" : "z";
		TEST_COND("largest remainder: 60/25/15, n 7 -> 4/2/1",
			  sample_draw(t, 100, 7, SAMPLE_STRATIFIED, 3u, s, &st, &nst, &e) == AUDIT_OK &&
			  nst == 3 && st[0].allocated == 4 && st[1].allocated == 2 && st[2].allocated == 1);
		free(st);
		/* NULL and "" are one stratum */
		for (i = 0; i < 100; i++)
			t[i].stratum = i % 2 ? NULL : "";
		TEST_COND("NULL and \"\" are the same stratum",
			  sample_draw(t, 100, 10, SAMPLE_STRATIFIED, 3u, s, &st, &nst, &e) == AUDIT_OK &&
			  nst == 1 && st[0].population == 100 && st[0].allocated == 10 &&
			  strcmp(st[0].stratum, "") == 0);
		free(st);
		st = NULL;
		/* a single stratum gives the same sample as simple */
		sample_draw(t, 100, 10, SAMPLE_STRATIFIED, 77u, s, NULL, NULL, &e);
		{
			unsigned char s2[100];
			sample_draw(t, 100, 10, SAMPLE_SIMPLE, 77u, s2, NULL, NULL, &e);
			TEST_COND("one stratum: stratified == simple", memcmp(s, s2, 100) == 0);
		}
		/* every stratum of one akt, n == number of strata */
		for (i = 0; i < 100; i++)
			t[i].stratum = tid[99 - i];
		TEST_COND("100 strata of one, n 100: all allocated 1",
			  sample_draw(t, 100, 100, SAMPLE_STRATIFIED, 3u, s, &st, &nst, &e) == AUDIT_OK &&
			  nst == 100 && count(s, 100) == 100 && st[0].allocated == 1 && st[99].allocated == 1);
		free(st);
		st = NULL;
	}

	/* uniformity: every 3-subset of 10 about equally often */
	{
		static unsigned counts[1024];
		sample_item t[10];
		unsigned char s[10];
		static char tid[10][4];
		unsigned lo = 100000, hi = 0, subsets = 0, mask;
		long inc[10] = { 0 };
		for (i = 0; i < 10; i++) {
			snprintf(tid[i], sizeof tid[i], "C%zu", i);
			t[i].akt_id = tid[i];
			t[i].stratum = NULL;
		}
		for (seed = 0; seed < 30000; seed++) {
			sample_draw(t, 10, 3, SAMPLE_SIMPLE, seed, s, NULL, NULL, &e);
			for (i = 0, mask = 0; i < 10; i++)
				if (s[i]) {
					mask |= 1u << i;
					inc[i]++;
				}
			counts[mask]++;
		}
		for (mask = 0; mask < 1024; mask++) {
			if (!counts[mask])
				continue;
			subsets++;
			if (counts[mask] < lo) lo = counts[mask];
			if (counts[mask] > hi) hi = counts[mask];
		}
		TEST_COND("all 120 subsets occur, each about 250 times of 30000",
			  subsets == 120 && lo > 170 && hi < 330);
		for (i = 0, ok = 1; i < 10; i++)
			ok &= inc[i] > 8600 && inc[i] < 9400;
		TEST_COND("each akt is included about 3/10 of the time", ok);
	}
}

int main(void)
{
	make_frame();
	test_norm_inv();
	test_size();
	test_draw();
	return TEST_REPORT();
}
