/* embedded.h - files built into the binary (see embed.cmake):
 * the XML schemas of the akt, rule and checklist formats, NUL-terminated. */
#ifndef AUDIT_EMBEDDED_H
#define AUDIT_EMBEDDED_H

#include <stddef.h>

extern const unsigned char audit_xsd_akt[];
extern const size_t audit_xsd_akt_len;
extern const unsigned char audit_xsd_rules[];
extern const size_t audit_xsd_rules_len;
extern const unsigned char audit_xsd_checklist[];
extern const size_t audit_xsd_checklist_len;

#endif
