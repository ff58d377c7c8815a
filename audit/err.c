/* err.c - error record helpers. */
#include "err.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void audit_err_clear(audit_err *e)
{
	if (e == NULL)
		return;
	memset(e, 0, sizeof(*e));
}

int audit_err_set(audit_err *e, int code, const char *file, int line,
		  int column, const char *fmt, ...)
{
	va_list ap;

	if (e == NULL)
		return code;
	e->code = code;
	snprintf(e->file, sizeof(e->file), "%s", file ? file : "");
	e->line = line;
	e->column = column;
	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof(e->msg), fmt, ap);
	va_end(ap);
	/* ids and paths come from files: no control character (a newline or
	 * an escape sequence) may reach a terminal or a log through them */
	for (char *c = e->msg; *c; c++)
		if ((unsigned char)*c < 0x20 || *c == 0x7f)
			*c = '?';
	for (char *c = e->file; *c; c++)
		if ((unsigned char)*c < 0x20 || *c == 0x7f)
			*c = '?';
	return code;
}

const char *audit_err_str(const audit_err *e, char *buf, size_t n)
{
	if (n == 0)
		return buf;
	if (e->file[0] && e->line > 0 && e->column > 0)
		snprintf(buf, n, "%s:%d:%d: %s", e->file, e->line, e->column, e->msg);
	else if (e->file[0] && e->line > 0)
		snprintf(buf, n, "%s:%d: %s", e->file, e->line, e->msg);
	else if (e->file[0])
		snprintf(buf, n, "%s: %s", e->file, e->msg);
	else
		snprintf(buf, n, "%s", e->msg);
	return buf;
}

int audit_err_exit_status(int code)
{
	switch (code) {
	case AUDIT_OK: return 0;
	case AUDIT_EUSAGE: return 2;
	case AUDIT_EINPUT: return 3;
	case AUDIT_EINTR: return 130;
	default: return 4;
	}
}
