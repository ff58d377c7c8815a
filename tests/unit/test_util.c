#include "test.h"
#include "util.h"

#include <stdlib.h>

int main(void)
{
	char hex[65], d[11];
	long days;
	size_t bad = 0;
	abuf b = ABUF_INIT;

	util_sha256_hex("", 0, hex);
	TEST_STREQ("sha256 of empty", hex,
		   "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	util_sha256_hex("abc", 3, hex);
	TEST_STREQ("sha256 of abc", hex,
		   "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	{
		const char *m = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
		util_sha256_hex(m, strlen(m), hex);
		TEST_STREQ("sha256 of 56-byte message (two-block padding)", hex,
			   "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
	}

	TEST_COND("valid date parses", util_date_parse("2025-02-28", &days) == 0);
	util_date_format(days, d);
	TEST_STREQ("date round trip", d, "2025-02-28");
	TEST_COND("1970-01-01 is day 0", util_date_parse("1970-01-01", &days) == 0 && days == 0);
	TEST_COND("Feb 29 in non-leap year refused", util_date_parse("2025-02-29", &days) != 0);
	TEST_COND("Feb 29 in leap year accepted", util_date_parse("2024-02-29", &days) == 0);
	TEST_COND("garbage refused", util_date_parse("2025-2-01", &days) != 0);
	util_date_parse("2025-01-31", &days);
	util_date_format(util_date_add_months(days, 1), d);
	TEST_STREQ("add one month clamps to month end", d, "2025-02-28");
	util_date_format(util_date_add_months(days, -13), d);
	TEST_STREQ("subtract 13 months", d, "2023-12-31");
	{
		long b1, on;
		util_date_parse("2007-07-01", &b1);
		util_date_parse("2025-06-30", &on);
		TEST_COND("age is 17 the day before the 18th birthday", util_age_on(b1, on) == 17);
		util_date_parse("2025-07-01", &on);
		TEST_COND("age is 18 on the birthday", util_age_on(b1, on) == 18);
	}

	TEST_COND("ascii is utf-8", util_utf8_valid("abc", 3, NULL));
	TEST_COND("åäö is utf-8", util_utf8_valid("\xc3\xa5\xc3\xa4\xc3\xb6", 6, NULL));
	TEST_COND("lone continuation byte refused", !util_utf8_valid("a\x80", 2, &bad) && bad == 1);
	TEST_COND("overlong refused", !util_utf8_valid("\xc0\xaf", 2, NULL));
	TEST_COND("surrogate refused", !util_utf8_valid("\xed\xa0\x80", 3, NULL));
	TEST_COND("truncated sequence refused", !util_utf8_valid("\xc3", 1, NULL));
	TEST_COND("4-byte sequence accepted", util_utf8_valid("\xf0\x9f\x98\x80", 4, NULL));

	abuf_puts(&b, "Sida ");
	abuf_printf(&b, "%d av %d", 1, 2);
	TEST_STREQ("abuf printf appends", abuf_str(&b), "Sida 1 av 2");
	abuf_free(&b);

	TEST_COND("safe component", util_safe_component("HL-01_a.pdf"));
	TEST_COND("dotdot not safe", !util_safe_component(".."));
	TEST_COND("slash not safe", !util_safe_component("a/b"));
	return TEST_REPORT();
}
