/* rng.c - PCG32 (XSH RR), bit-for-bit the reference pcg_basic.c. */
#include "rng.h"

#define PCG32_MULT 6364136223846793005ULL

uint32_t rng_next(rng *r)
{
	uint64_t old = r->state;
	uint32_t xorshifted, rot;

	r->state = old * PCG32_MULT + r->inc;
	xorshifted = (uint32_t)(((old >> 18u) ^ old) >> 27u);
	rot = (uint32_t)(old >> 59u);
	return (xorshifted >> rot) | (xorshifted << ((0u - rot) & 31u));
}

void rng_seed(rng *r, uint64_t seed, uint64_t stream)
{
	r->state = 0u;
	r->inc = (stream << 1u) | 1u;
	(void)rng_next(r);
	r->state += seed;
	(void)rng_next(r);
}

uint32_t rng_below(rng *r, uint32_t bound)
{
	uint32_t threshold, x;

	if (bound == 0)
		return 0;
	/* 2^32 mod bound, computed in 32-bit unsigned arithmetic. */
	threshold = (0u - bound) % bound;
	for (;;) {
		x = rng_next(r);
		if (x >= threshold)
			return x % bound;
	}
}

double rng_unit(rng *r)
{
	/* 2^-32 = 1 / 4294967296, exactly representable. */
	return (double)rng_next(r) * (1.0 / 4294967296.0);
}
