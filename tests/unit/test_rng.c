/* test_rng.c - PCG32 known answers, bounds and determinism. */
#include "test.h"
#include "rng.h"

#include <stdint.h>

int main(void)
{
	/* pcg32-demo (pcg_basic): pcg32_srandom_r(&rng, 42u, 54u) */
	static const uint32_t known[6] = {
		0xa15c02b7u, 0x7b47f409u, 0xba1d3330u, 0x83d2f293u, 0xbfa4784bu, 0xcbed606eu
	};
	rng r, s;
	int i, ok;

	rng_seed(&r, 42u, 54u);
	for (i = 0, ok = 1; i < 6; i++) {
		uint32_t x = rng_next(&r);
		if (x != known[i]) {
			printf("     output %d: got 0x%08x, expected 0x%08x\n", i, (unsigned)x, (unsigned)known[i]);
			ok = 0;
		}
	}
	TEST_COND("pcg32 seed 42 stream 54 gives the reference outputs", ok);

	/* determinism and streams */
	rng_seed(&r, 2026u, 7u);
	rng_seed(&s, 2026u, 7u);
	for (i = 0, ok = 1; i < 1000; i++)
		ok &= rng_next(&r) == rng_next(&s);
	TEST_COND("same seed and stream give the same sequence", ok);
	rng_seed(&r, 2026u, 7u);
	rng_seed(&s, 2026u, 8u);
	for (i = 0, ok = 0; i < 10; i++)
		ok += rng_next(&r) != rng_next(&s);
	TEST_COND("another stream gives another sequence", ok >= 9);
	rng_seed(&r, 2026u, 7u);
	rng_seed(&s, 2027u, 7u);
	TEST_COND("another seed gives another sequence", rng_next(&r) != rng_next(&s));

	/* rng_below: the specified rejection method, reproduced independently */
	rng_seed(&r, 42u, 54u);
	rng_seed(&s, 42u, 54u);
	for (i = 0, ok = 1; i < 2000; i++) {
		uint32_t bound = (uint32_t)(i % 97) + 1u, threshold, x, want;
		if (i % 5 == 0)
			bound = 0x80000001u;               /* rejects about half */
		threshold = (uint32_t)(0x100000000ULL % bound);
		do
			x = rng_next(&s);
		while (x < threshold);
		want = x % bound;
		ok &= rng_below(&r, bound) == want;
	}
	TEST_COND("rng_below follows pcg32_boundedrand_r exactly", ok);
	rng_seed(&r, 1u, 1u);
	for (i = 0, ok = 1; i < 100000; i++)
		ok &= rng_below(&r, 7u) < 7u;
	TEST_COND("rng_below(7) stays below 7", ok);
	for (i = 0, ok = 1; i < 1000; i++)
		ok &= rng_below(&r, 1u) == 0u;
	TEST_COND("rng_below(1) is always 0", ok);
	s = r;
	TEST_COND("rng_below(0) is 0 and consumes nothing",
		  rng_below(&r, 0u) == 0u && r.state == s.state);
	{
		long counts[10] = { 0 };
		rng_seed(&r, 99u, 3u);
		for (i = 0; i < 100000; i++)
			counts[rng_below(&r, 10u)]++;
		for (i = 0, ok = 1; i < 10; i++)
			ok &= counts[i] > 9500 && counts[i] < 10500;
		TEST_COND("rng_below(10) is roughly uniform", ok);
	}
	{
		double d, lo = 1.0, hi = 0.0;
		rng_seed(&r, 5u, 5u);
		for (i = 0, ok = 1; i < 100000; i++) {
			d = rng_unit(&r);
			ok &= d >= 0.0 && d < 1.0;
			if (d < lo) lo = d;
			if (d > hi) hi = d;
		}
		TEST_COND("rng_unit is in [0, 1)", ok);
		TEST_COND("rng_unit spreads over the interval", lo < 0.001 && hi > 0.999);
		rng_seed(&r, 42u, 54u);
		TEST_COND("rng_unit is the first output scaled by 2^-32",
			  rng_unit(&r) == (double)known[0] / 4294967296.0);
	}
	return TEST_REPORT();
}
