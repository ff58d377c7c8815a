/* fuzz_erms.c - fuzz target for the archival importers (issue 6): format
 * detection, CITS ERMS v3 / 2.1 and FGS 1.0 import through the default
 * profile, the canonical akt builder, and the converter back to ERMS and to
 * akt-1 for every akt imported.  Any input must give akter or an error,
 * never a crash, a hang or a leak. */
#include <stddef.h>
#include <stdint.h>

#include "akt.h"
#include "convert.h"
#include "util.h"
#include "xmlsafe.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int each(void *ud, akt *a)
{
	abuf out = ABUF_INIT;
	audit_err e;

	(void)ud;
	/* what was imported can be written again and read back */
	if (convert_to_erms(a, NULL, 20000, &out, NULL, NULL, &e) == AUDIT_OK) {
		akt *b = NULL;
		if (akt_load_buffer(&b, out.data, out.len, "back.xml", NULL, &e) == AUDIT_OK)
			akt_free(b);
	}
	abuf_reset(&out);
	convert_to_akt(a, &out, &e);
	abuf_free(&out);
	akt_free(a);
	return AUDIT_OK;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int initialised;
	audit_err e;

	if (!initialised) {
		if (xmlsafe_global_init(&e) != AUDIT_OK)
			return 0;
		initialised = 1;
	}
	akt_load_buffer_each((const char *)data, size, "fuzz.xml", NULL, each, NULL, &e);
	return 0;
}
