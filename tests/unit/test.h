/* test.h - the whole unit-test framework (after redis' testhelp.h).
 *
 *   TEST_COND("what is checked", expr);
 *   TEST_STREQ("what", got, expected);
 *   return TEST_REPORT();
 */
#ifndef AUDIT_TEST_H
#define AUDIT_TEST_H

#include <stdio.h>
#include <string.h>

static int test_failed_ = 0, test_count_ = 0;

#define TEST_COND(descr, cond) do { \
	test_count_++; \
	if (cond) { \
		printf("ok   %d - %s\n", test_count_, descr); \
	} else { \
		printf("FAIL %d - %s (%s:%d)\n", test_count_, descr, __FILE__, __LINE__); \
		test_failed_++; \
	} \
} while (0)

#define TEST_STREQ(descr, got, expected) do { \
	const char *g_ = (got), *x_ = (expected); \
	int same_ = g_ != NULL && x_ != NULL && strcmp(g_, x_) == 0; \
	TEST_COND(descr, same_); \
	if (!same_) \
		printf("     got:      \"%s\"\n     expected: \"%s\"\n", g_ ? g_ : "(null)", x_ ? x_ : "(null)"); \
} while (0)

#define TEST_REPORT() ( \
	printf("%d passed, %d failed\n", test_count_ - test_failed_, test_failed_), \
	test_failed_ ? 1 : 0)

#endif
