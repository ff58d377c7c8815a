/* rng.h - a specified, portable pseudo-random number generator.
 *
 * PCG32 (O'Neill, "PCG: A Family of Simple Fast Space-Efficient Statistically
 * Good Algorithms for Random Number Generation", 2014): 64-bit LCG state with
 * the XSH RR output function, exactly as pcg32_random_r / pcg32_srandom_r /
 * pcg32_boundedrand_r in the reference pcg_basic.c.  Only integer arithmetic
 * on fixed-width types, so a given (seed, stream) yields the same sequence on
 * every machine and compiler.  Used for synthetic akter and for reproducible
 * inspection sampling: never replace it with rand() or anything platform
 * dependent, and never change its output for existing seeds.
 *
 * Not for cryptographic use.
 */
#ifndef AUDIT_RNG_H
#define AUDIT_RNG_H

#include <stdint.h>

typedef struct rng {
	uint64_t state;  /* LCG state */
	uint64_t inc;    /* stream selector, always odd */
} rng;

/* Seeds r like pcg32_srandom_r(r, seed, stream): state = 0,
 * inc = (stream << 1) | 1, one step, state += seed, one step.  Different
 * streams give different sequences for the same seed.  Total; r must not be
 * NULL. */
void rng_seed(rng *r, uint64_t seed, uint64_t stream);

/* Next uniformly distributed 32-bit value (pcg32_random_r).  Advances r. */
uint32_t rng_next(rng *r);

/* Uniform integer in [0, bound), without modulo bias: pcg_basic's rejection
 * method (threshold = 2^32 mod bound; draws below it are rejected), so the
 * number of draws consumed is also specified.  bound == 0 returns 0 and
 * consumes nothing.  No floating point is involved. */
uint32_t rng_below(rng *r, uint32_t bound);

/* Uniform double in [0, 1): one rng_next() scaled by 2^-32 (exact in IEEE
 * double, so identical everywhere).  Resolution 2^-32.  For decisions that
 * must be reproducible prefer rng_below. */
double rng_unit(rng *r);

#endif
