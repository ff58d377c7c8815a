/* util.h - small shared helpers: growable buffer, file reading with a size
 * limit, atomic file writing, UTF-8 validation, SHA-256, calendar dates. */
#ifndef AUDIT_UTIL_H
#define AUDIT_UTIL_H

#include <stddef.h>
#include <stdint.h>
#include "err.h"

/* ---- growable byte buffer, always NUL-terminated ---- */
typedef struct abuf {
	char *data;   /* owned; NULL until something was appended */
	size_t len;
	size_t cap;
} abuf;

#define ABUF_INIT { NULL, 0, 0 }

/* Append n bytes / a C string / printf output.  Return AUDIT_OK or
 * AUDIT_ENOMEM.  b->data stays NUL-terminated. */
int abuf_add(abuf *b, const void *p, size_t n);
int abuf_puts(abuf *b, const char *s);
int abuf_printf(abuf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Returns the string ("" when empty, never NULL); still owned by b. */
const char *abuf_str(const abuf *b);
/* Takes the buffer's string; the caller frees it; b is reset. */
char *abuf_take(abuf *b);
void abuf_reset(abuf *b);
void abuf_free(abuf *b);

/* Reads a whole regular file of at most max bytes.  On success *out is a
 * malloc'ed NUL-terminated copy (caller frees) and *len its length.  Refuses
 * directories, devices and files over max with AUDIT_EINPUT and a message. */
int util_read_file(char **out, size_t *len, const char *path, size_t max,
		   audit_err *e);

/* Writes len bytes to path atomically: a temporary file in the same folder,
 * created with mode 0600, fsync'ed, then renamed over path.  On any failure
 * the temporary file is removed and path is untouched. */
int util_write_file_atomic(const char *path, const void *data, size_t len,
			   audit_err *e);

/* A short hint in parentheses, with a leading space, for a write that
 * failed with errno err (disk full, file size limit, read-only file system,
 * permissions); "" when there is none to give. */
const char *util_errno_hint(int err);

/* Creates dir (and parents) with mode 0700 where missing. */
int util_mkdirs(const char *dir, audit_err *e);

/* Returns 1 when s[0..n) is valid UTF-8 (no overlongs, no surrogates, no
 * code points above U+10FFFF), else 0; *bad_at (may be NULL) gets the
 * offset of the first bad byte. */
int util_utf8_valid(const char *s, size_t n, size_t *bad_at);

/* SHA-256 of data as 64 lower-case hex digits plus NUL into hex[65]. */
void util_sha256_hex(const void *data, size_t len, char hex[65]);

/* ---- calendar dates (proleptic Gregorian), as day numbers ---- */
/* Parses "YYYY-MM-DD" (exactly) into days since 1970-01-01.  Returns 0 on
 * success, -1 when s is not a valid date. */
int util_date_parse(const char *s, long *days);
/* Formats days since 1970-01-01 as "YYYY-MM-DD" into out[11]. */
void util_date_format(long days, char out[11]);
/* y/m/d <-> days since 1970-01-01. */
long util_days_from_civil(int y, int m, int d);
void util_civil_from_days(long z, int *y, int *m, int *d);
/* Adds n months (may be negative), clamping the day to the month's length
 * (2025-01-31 + 1 month = 2025-02-28). */
long util_date_add_months(long days, int n);
/* Whole years completed between birth and on (age on a date). */
int util_age_on(long birth, long on);
/* Today's date from the system clock (UTC).  Only for an explicit "today";
 * the caller stores the value it used. */
long util_today(void);

/* Joins a and b with one '/' into a malloc'ed string (caller frees), or
 * NULL on out of memory. */
char *util_path_join(const char *a, const char *b);

/* Returns 1 when s is a "safe name" for use as one path component in an
 * output folder: 1..100 bytes of [A-Za-z0-9._-], not starting with '.'. */
int util_safe_component(const char *s);

/* A file name for id (a unit id, say) that is safe as one path component:
 * id itself when util_safe_component(id), else id with every byte outside
 * [A-Za-z0-9._-] (and a leading '.') replaced by '_', cut to 64 bytes, then
 * '-' and the first 16 hex digits of the SHA-256 of id, so that ids that
 * differ only in unsafe bytes get different names ("v:1" and "v_1", "a/b"
 * and "a_b").  A safe id crafted to equal another id's mapped name can
 * still collide: a caller writing one file per id should refuse a name it
 * has already used.  Writes at most n bytes (NUL included; 82 always
 * suffice) into out; returns out. */
char *util_safe_filename(const char *id, char *out, size_t n);

#endif
