/* util.c - see util.h. */
#define _POSIX_C_SOURCE 200809L
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* ---------------------------------------------------------------- abuf */

static int abuf_grow(abuf *b, size_t need)
{
	size_t cap;
	char *p;

	if (need < b->cap)
		return AUDIT_OK;
	cap = b->cap ? b->cap : 256;
	while (cap <= need) {
		if (cap > SIZE_MAX / 2)
			return AUDIT_ENOMEM;
		cap *= 2;
	}
	p = realloc(b->data, cap);
	if (p == NULL)
		return AUDIT_ENOMEM;
	b->data = p;
	b->cap = cap;
	return AUDIT_OK;
}

int abuf_add(abuf *b, const void *p, size_t n)
{
	if (n > SIZE_MAX - b->len - 1 || abuf_grow(b, b->len + n + 1) != AUDIT_OK)
		return AUDIT_ENOMEM;
	if (n)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
	return AUDIT_OK;
}

int abuf_puts(abuf *b, const char *s)
{
	return abuf_add(b, s, strlen(s));
}

int abuf_printf(abuf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return AUDIT_EIO;
	if (abuf_grow(b, b->len + (size_t)n + 1) != AUDIT_OK)
		return AUDIT_ENOMEM;
	va_start(ap, fmt);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
	return AUDIT_OK;
}

const char *abuf_str(const abuf *b)
{
	return b->data ? b->data : "";
}

char *abuf_take(abuf *b)
{
	char *s = b->data;

	if (s == NULL)
		s = calloc(1, 1);
	b->data = NULL;
	b->len = b->cap = 0;
	return s;
}

void abuf_reset(abuf *b)
{
	b->len = 0;
	if (b->data)
		b->data[0] = '\0';
}

void abuf_free(abuf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

/* ---------------------------------------------------------------- files */

int util_read_file(char **out, size_t *len, const char *path, size_t max,
		   audit_err *e)
{
	struct stat st;
	char *buf = NULL;
	size_t got = 0;
	int fd;

	*out = NULL;
	*len = 0;
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	if (fd < 0)
		return audit_err_set(e, AUDIT_EINPUT, path, 0, 0,
				     "cannot open: %s", strerror(errno));
	if (fstat(fd, &st) != 0) {
		close(fd);
		return audit_err_set(e, AUDIT_EINPUT, path, 0, 0,
				     "cannot read: %s", strerror(errno));
	}
	if (S_ISDIR(st.st_mode)) {
		close(fd);
		return audit_err_set(e, AUDIT_EINPUT, path, 0, 0,
				     "is a directory, not a file");
	}
	if (!S_ISREG(st.st_mode)) {
		close(fd);
		return audit_err_set(e, AUDIT_EINPUT, path, 0, 0,
				     "is not a regular file");
	}
	if ((unsigned long long)st.st_size > (unsigned long long)max) {
		close(fd);
		return audit_err_set(e, AUDIT_EINPUT, path, 0, 0,
				     "file is %lld bytes, over the limit of %zu bytes",
				     (long long)st.st_size, max);
	}
	buf = malloc((size_t)st.st_size + 1);
	if (buf == NULL) {
		close(fd);
		return audit_err_set(e, AUDIT_ENOMEM, path, 0, 0, "out of memory");
	}
	for (;;) {
		ssize_t r;

		if (got == (size_t)st.st_size) {
			/* file may have grown: check that we are at EOF */
			char extra;
			r = read(fd, &extra, 1);
			if (r == 0)
				break;
			if (r > 0) {
				free(buf);
				close(fd);
				return audit_err_set(e, AUDIT_EINPUT, path, 0, 0,
						     "file changed while it was read");
			}
		} else {
			r = read(fd, buf + got, (size_t)st.st_size - got);
			if (r > 0) {
				got += (size_t)r;
				continue;
			}
			if (r == 0)
				break;
		}
		if (errno == EINTR)
			continue;
		free(buf);
		close(fd);
		return audit_err_set(e, AUDIT_EINPUT, path, 0, 0,
				     "read failed: %s", strerror(errno));
	}
	close(fd);
	buf[got] = '\0';
	*out = buf;
	*len = got;
	return AUDIT_OK;
}

const char *util_errno_hint(int err)
{
	if (err == ENOSPC)
		return " (the disk is full: free some disk space and try again)";
#ifdef EDQUOT
	if (err == EDQUOT)
		return " (the disk quota is used up: free some space and try again)";
#endif
	if (err == EFBIG)
		return " (the file would be larger than this process may write: check "
		       "the file size limit, ulimit -f, and the free disk space)";
	if (err == EROFS)
		return " (the folder is on a read-only file system: give another folder)";
	if (err == EACCES || err == EPERM)
		return " (check the permissions of the folder)";
	return "";
}

int util_write_file_atomic(const char *path, const void *data, size_t len,
			   audit_err *e)
{
	abuf tmp = ABUF_INIT;
	const char *p = data;
	int fd, saved;
	size_t off = 0;

	if (abuf_printf(&tmp, "%s.tmp.%ld", path, (long)getpid()) != AUDIT_OK)
		return audit_err_set(e, AUDIT_ENOMEM, path, 0, 0, "out of memory");
	fd = open(tmp.data, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0) {
		saved = errno;
		abuf_free(&tmp);
		return audit_err_set(e, AUDIT_EIO, path, 0, 0,
				     "cannot create the file: %s%s", strerror(saved),
				     util_errno_hint(saved));
	}
	while (off < len) {
		ssize_t w = write(fd, p + off, len - off);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			goto fail;
		}
		off += (size_t)w;
	}
	if (fsync(fd) != 0)
		goto fail;
	if (close(fd) != 0) {
		fd = -1;
		goto fail;
	}
	fd = -1;
	if (rename(tmp.data, path) != 0)
		goto fail;
	abuf_free(&tmp);
	/* make the rename itself durable (best effort) */
	{
		const char *slash = strrchr(path, '/');
		abuf dir = ABUF_INIT;
		int dfd;
		if (slash == NULL)
			abuf_puts(&dir, ".");
		else
			abuf_add(&dir, path, slash == path ? 1 : (size_t)(slash - path));
		dfd = dir.data ? open(dir.data, O_RDONLY | O_DIRECTORY | O_CLOEXEC) : -1;
		if (dfd >= 0) {
			(void)fsync(dfd);
			close(dfd);
		}
		abuf_free(&dir);
	}
	return AUDIT_OK;
fail:
	saved = errno;
	if (fd >= 0)
		close(fd);
	unlink(tmp.data);
	abuf_free(&tmp);
	return audit_err_set(e, AUDIT_EIO, path, 0, 0,
			     "cannot write the file: %s%s", strerror(saved), util_errno_hint(saved));
}

int util_mkdirs(const char *dir, audit_err *e)
{
	char *p, *s;
	int rc = AUDIT_OK;

	s = strdup(dir);
	if (s == NULL)
		return audit_err_set(e, AUDIT_ENOMEM, dir, 0, 0, "out of memory");
	for (p = s + 1; ; p++) {
		if (*p == '/' || *p == '\0') {
			char c = *p;
			*p = '\0';
			if (mkdir(s, 0700) != 0 && errno != EEXIST) {
				rc = audit_err_set(e, AUDIT_EIO, s, 0, 0,
						   "cannot create the folder: %s",
						   strerror(errno));
				break;
			}
			*p = c;
			if (c == '\0')
				break;
		}
	}
	free(s);
	return rc;
}

char *util_path_join(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	char *s = malloc(la + lb + 2);

	if (s == NULL)
		return NULL;
	memcpy(s, a, la);
	if (la && a[la - 1] != '/')
		s[la++] = '/';
	memcpy(s + la, b, lb + 1);
	return s;
}

int util_safe_component(const char *s)
{
	size_t n = 0;

	if (s == NULL || s[0] == '\0' || s[0] == '.')
		return 0;
	for (; s[n]; n++) {
		unsigned char c = (unsigned char)s[n];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-'))
			return 0;
	}
	return n <= 100;
}

char *util_safe_filename(const char *id, char *out, size_t n)
{
	char hex[65];
	size_t k = 0;

	if (n == 0)
		return out;
	if (id != NULL && util_safe_component(id) && strlen(id) < n) {
		memcpy(out, id, strlen(id) + 1);
		return out;
	}
	if (id == NULL)
		id = "";
	util_sha256_hex(id, strlen(id), hex);
	/* the readable part: at most 64 bytes, room for "-" and 16 digits */
	for (size_t i = 0; id[i] && k < 64 && k + 18 < n; i++) {
		unsigned char c = (unsigned char)id[i];
		int safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
			   (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
		out[k] = safe && !(k == 0 && c == '.') ? (char)c : '_';
		k++;
	}
	if (k == 0 && n > 1)
		out[k++] = '_';
	if (k + 18 <= n) {
		out[k++] = '-';
		memcpy(out + k, hex, 16);
		k += 16;
	}
	out[k < n ? k : n - 1] = '\0';
	return out;
}

/* ---------------------------------------------------------------- UTF-8 */

int util_utf8_valid(const char *str, size_t n, size_t *bad_at)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;

	while (i < n) {
		unsigned c = s[i];
		size_t k;
		unsigned cp;

		if (c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xC2 && c <= 0xDF) {
			k = 1;
			cp = c & 0x1F;
		} else if (c >= 0xE0 && c <= 0xEF) {
			k = 2;
			cp = c & 0x0F;
		} else if (c >= 0xF0 && c <= 0xF4) {
			k = 3;
			cp = c & 0x07;
		} else {
			goto bad;
		}
		for (size_t j = 1; j <= k; j++) {
			if (i + j >= n || (s[i + j] & 0xC0) != 0x80)
				goto bad;
			cp = (cp << 6) | (s[i + j] & 0x3F);
		}
		if ((k == 2 && cp < 0x800) || (k == 3 && cp < 0x10000) ||
		    cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			goto bad;
		i += k + 1;
	}
	return 1;
bad:
	if (bad_at)
		*bad_at = i;
	return 0;
}

/* ---------------------------------------------------------------- SHA-256 */

static const uint32_t sha_k[64] = {
	0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1,
	0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
	0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
	0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
	0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147,
	0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
	0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
	0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
	0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
	0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
	0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2
};

#define ROR(x, n) (((x) >> (n)) | ((x) << (32 - (n))))

static void sha_block(uint32_t h[8], const unsigned char *p)
{
	uint32_t w[64], a, b, c, d, e, f, g, hh;
	int i;

	for (i = 0; i < 16; i++)
		w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 |
		       (uint32_t)p[4 * i + 2] << 8 | (uint32_t)p[4 * i + 3];
	for (i = 16; i < 64; i++) {
		uint32_t s0 = ROR(w[i - 15], 7) ^ ROR(w[i - 15], 18) ^ (w[i - 15] >> 3);
		uint32_t s1 = ROR(w[i - 2], 17) ^ ROR(w[i - 2], 19) ^ (w[i - 2] >> 10);
		w[i] = w[i - 16] + s0 + w[i - 7] + s1;
	}
	a = h[0]; b = h[1]; c = h[2]; d = h[3];
	e = h[4]; f = h[5]; g = h[6]; hh = h[7];
	for (i = 0; i < 64; i++) {
		uint32_t S1 = ROR(e, 6) ^ ROR(e, 11) ^ ROR(e, 25);
		uint32_t ch = (e & f) ^ (~e & g);
		uint32_t t1 = hh + S1 + ch + sha_k[i] + w[i];
		uint32_t S0 = ROR(a, 2) ^ ROR(a, 13) ^ ROR(a, 22);
		uint32_t mj = (a & b) ^ (a & c) ^ (b & c);
		uint32_t t2 = S0 + mj;
		hh = g; g = f; f = e; e = d + t1;
		d = c; c = b; b = a; a = t1 + t2;
	}
	h[0] += a; h[1] += b; h[2] += c; h[3] += d;
	h[4] += e; h[5] += f; h[6] += g; h[7] += hh;
}

void util_sha256_hex(const void *data, size_t len, char hex[65])
{
	uint32_t h[8] = { 0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
			  0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19 };
	const unsigned char *p = data;
	unsigned char tail[128];
	size_t full = len / 64 * 64, rest = len - full, tl;
	uint64_t bits = (uint64_t)len * 8;
	static const char digits[] = "0123456789abcdef";
	int i;

	for (size_t off = 0; off < full; off += 64)
		sha_block(h, p + off);
	memset(tail, 0, sizeof(tail));
	if (rest)
		memcpy(tail, p + full, rest);
	tail[rest] = 0x80;
	tl = rest + 1 + 8 <= 64 ? 64 : 128;
	for (i = 0; i < 8; i++)
		tail[tl - 1 - (size_t)i] = (unsigned char)(bits >> (8 * i));
	sha_block(h, tail);
	if (tl == 128)
		sha_block(h, tail + 64);
	for (i = 0; i < 32; i++) {
		unsigned char byte = (unsigned char)(h[i / 4] >> (24 - 8 * (i % 4)));
		hex[2 * i] = digits[byte >> 4];
		hex[2 * i + 1] = digits[byte & 15];
	}
	hex[64] = '\0';
}

/* ---------------------------------------------------------------- dates */

/* Howard Hinnant's days_from_civil / civil_from_days. */
long util_days_from_civil(int y, int m, int d)
{
	long yy = (long)y - (m <= 2);
	long era = (yy >= 0 ? yy : yy - 399) / 400;
	long yoe = yy - era * 400;
	long mp = (m + 9) % 12;
	long doy = (153 * mp + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void util_civil_from_days(long z, int *y, int *m, int *d)
{
	long era, doe, yoe, doy, mp, yy;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	yy = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yy + (*m <= 2));
}

static int month_len(int y, int m)
{
	static const int ml[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return ml[m - 1];
}

int util_date_parse(const char *s, long *days)
{
	int y, m, d, i;

	if (s == NULL || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return -1;
	for (i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return -1;
	y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	m = (s[5] - '0') * 10 + (s[6] - '0');
	d = (s[8] - '0') * 10 + (s[9] - '0');
	if (y < 1 || m < 1 || m > 12 || d < 1 || d > month_len(y, m))
		return -1;
	*days = util_days_from_civil(y, m, d);
	return 0;
}

void util_date_format(long days, char out[11])
{
	int y, m, d;

	util_civil_from_days(days, &y, &m, &d);
	if (y < 0 || y > 9999) {
		snprintf(out, 11, "0000-00-00");
		return;
	}
	snprintf(out, 11, "%04d-%02d-%02d", y, m, d);
}

long util_date_add_months(long days, int n)
{
	int y, m, d;
	long mi;

	util_civil_from_days(days, &y, &m, &d);
	mi = (long)y * 12 + (m - 1) + n;
	y = (int)(mi >= 0 ? mi / 12 : (mi - 11) / 12);
	m = (int)(mi - (long)y * 12) + 1;
	if (d > month_len(y, m))
		d = month_len(y, m);
	return util_days_from_civil(y, m, d);
}

int util_age_on(long birth, long on)
{
	int by, bm, bd, y, m, d, age;

	util_civil_from_days(birth, &by, &bm, &bd);
	util_civil_from_days(on, &y, &m, &d);
	age = y - by;
	if (m < bm || (m == bm && d < bd))
		age--;
	return age;
}

long util_today(void)
{
	time_t t = time(NULL);
	struct tm tm;

	gmtime_r(&t, &tm);
	return util_days_from_civil(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}
