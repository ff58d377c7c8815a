/* fuzz_akt.c - fuzz target for the akt importer: the hardened XML reader,
 * the format check and schema validation.  Any input must give AUDIT_OK or
 * an error, never a crash, a hang or a leak. */
#include <stddef.h>
#include <stdint.h>

#include "akt.h"
#include "xmlsafe.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int initialised;
	audit_err e;
	akt *a = NULL;

	if (!initialised) {
		if (xmlsafe_global_init(&e) != AUDIT_OK)
			return 0;
		initialised = 1;
	}
	if (akt_load_buffer(&a, (const char *)data, size, "fuzz.xml", NULL, &e) == AUDIT_OK)
		akt_free(a);
	return 0;
}
