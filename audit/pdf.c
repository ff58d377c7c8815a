/* pdf.c - PDF rendering with libharu: layout primitives and the reports.
 *
 * The layout primitives (page with header and footer, wrapped paragraph,
 * bullet, heading, key/value block, table with repeated header row, bar
 * chart with interval whiskers, grouped or not) know nothing about reports;
 * the report functions at the end of the file compose them.  The nämnd
 * delrapport and the action list are meant to be built from the same
 * primitives.
 *
 * Text is laid out by our own measuring (glyph widths from the embedded
 * font) and drawn line by line with HPDF_Page_TextOut, so flowing onto the
 * next page is in our hands.  Header and footer are drawn after all pages
 * exist, so "Sida X av Y" knows Y.
 *
 * libharu errors: the handler records the first error in the pdoc; every
 * primitive checks pdoc_ok() and the render stops at the first failure, so
 * no call runs after a failed one (which is why no HPDF_ResetError is needed
 * there; the expected STREAM_EOF while reading the finished file out is
 * ignored and reset).
 */
#define _POSIX_C_SOURCE 200809L
#include "pdf.h"
#include "util.h"

#include <errno.h>
#include <hpdf.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef AUDIT_VERSION
#define AUDIT_VERSION "0"
#endif

#define DEFAULT_FONT_DIR "/usr/share/fonts/truetype/dejavu"
#define FONT_REGULAR "DejaVuSans.ttf"
#define FONT_BOLD "DejaVuSans-Bold.ttf"

/* A4 portrait in points, 20 mm side margins. */
#define PAGE_W 595.276f
#define PAGE_H 841.89f
#define M_LEFT 56.69f
#define M_RIGHT 56.69f
#define CONTENT_W (PAGE_W - M_LEFT - M_RIGHT)
#define HEADER_BASE (PAGE_H - 38.0f)
#define HEADER_RULE (PAGE_H - 44.0f)
#define CONTENT_TOP (PAGE_H - 64.0f)
#define MARK_BASE (PAGE_H - 25.0f)
#define FOOTER_RULE 50.0f
#define FOOTER_BASE 38.0f
#define CONTENT_BOTTOM 66.0f

#define BODY_SIZE 10.0f
#define SMALL_SIZE 8.5f
#define LEADING 1.35f

/* ---- the document ---- */

typedef struct rgb {
	float r, g, b;
} rgb;

static const rgb C_TEXT = { 0.0f, 0.0f, 0.0f };
static const rgb C_MUTED = { 0.35f, 0.35f, 0.35f };
static const rgb C_HEAD = { 0.08f, 0.20f, 0.40f };
static const rgb C_RULE = { 0.70f, 0.70f, 0.70f };
static const rgb C_GRID = { 0.85f, 0.85f, 0.85f };
static const rgb C_TH = { 0.87f, 0.89f, 0.93f };
static const rgb C_ZEBRA = { 0.96f, 0.96f, 0.96f };
static const rgb C_BAR = { 0.22f, 0.43f, 0.69f };
static const rgb C_WHISKER = { 0.10f, 0.10f, 0.10f };
static const rgb C_MARK = { 0.70f, 0.05f, 0.05f };
static const rgb C_BAR2 = { 0.93f, 0.60f, 0.20f };
static const rgb C_GOOD = { 0.80f, 0.92f, 0.80f };
static const rgb C_MID = { 1.00f, 0.95f, 0.76f };
static const rgb C_BAD = { 0.98f, 0.80f, 0.78f };
static const rgb C_NONE = { 0.91f, 0.91f, 0.91f };

typedef struct pdoc {
	HPDF_Doc pdf;
	HPDF_Font font, bold;
	HPDF_Page *pages;
	size_t n_pages, cap_pages;
	HPDF_Page page;          /* current page */
	float y;                 /* top of the free space on the current page */
	int failed;              /* a libharu error was recorded */
	unsigned long hstatus, hdetail;
	int oom;
	int reading;             /* reading the saved stream: EOF is expected */
	char **arena;            /* strings owned by the document */
	size_t n_arena, cap_arena;
	abuf scratch;            /* NUL-terminated copy of one line to draw */
	const char *head_left, *head_right, *foot_left; /* clean, borrowed */
	const char *mark;        /* clean; drawn above the header on every page, or NULL */
	int header_on_first;
} pdoc;

static void on_hpdf_error(HPDF_STATUS status, HPDF_STATUS detail, void *user)
{
	pdoc *d = user;

	if (d->reading && status == HPDF_STREAM_EOF)
		return;
	if (!d->failed) {
		d->failed = 1;
		d->hstatus = (unsigned long)status;
		d->hdetail = (unsigned long)detail;
	}
}

static int pdoc_ok(const pdoc *d)
{
	return !d->failed && !d->oom;
}

static char *arena_keep(pdoc *d, char *s)
{
	char **grown;

	if (s == NULL) {
		d->oom = 1;
		return NULL;
	}
	if (d->n_arena == d->cap_arena) {
		size_t cap = d->cap_arena ? d->cap_arena * 2 : 64;
		grown = realloc(d->arena, cap * sizeof(*grown));
		if (grown == NULL) {
			free(s);
			d->oom = 1;
			return NULL;
		}
		d->arena = grown;
		d->cap_arena = cap;
	}
	d->arena[d->n_arena++] = s;
	return s;
}

/* printf into a string owned by the document ("" on out of memory). */
static const char *dfmt(pdoc *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static const char *dfmt(pdoc *d, const char *fmt, ...)
{
	va_list ap;
	int len;
	char *s;

	va_start(ap, fmt);
	len = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (len < 0 || (s = malloc((size_t)len + 1)) == NULL) {
		d->oom = 1;
		return "";
	}
	va_start(ap, fmt);
	vsnprintf(s, (size_t)len + 1, fmt, ap);
	va_end(ap);
	return arena_keep(d, s) ? s : "";
}

/* Returns s when it is valid UTF-8 within the Basic Multilingual Plane and
 * free of control characters (the common case, no copy), else a cleaned copy
 * owned by d: each invalid byte and each character beyond U+FFFF (which
 * libharu's UTF-8 encoder cannot draw) becomes "?", each control character a
 * space.  libharu would otherwise drop such bytes silently. */
static const char *clean(pdoc *d, const char *s)
{
	size_t n, pos = 0, bad = 0, i;
	int ok = 1;
	abuf b = ABUF_INIT;
	char *out;

	if (s == NULL)
		return "";
	n = strlen(s);
	if (util_utf8_valid(s, n, NULL)) {
		for (i = 0; i < n; i++) {
			unsigned char c = (unsigned char)s[i];
			if (c < 0x20 || c == 0x7f || c >= 0xf0) {
				ok = 0;
				break;
			}
		}
		if (ok)
			return s;
	}
	while (pos < n) {
		size_t valid_len;

		if (util_utf8_valid(s + pos, n - pos, &bad))
			valid_len = n - pos;
		else
			valid_len = bad;
		for (i = pos; i < pos + valid_len;) {
			unsigned char c = (unsigned char)s[i];
			if (c < 0x20 || c == 0x7f) {
				if (abuf_add(&b, " ", 1) < 0)
					goto oom;
				i++;
			} else if (c >= 0xf0) {
				if (abuf_add(&b, "?", 1) < 0)
					goto oom;
				i += 4;
			} else {
				size_t len = c < 0x80 ? 1 : c < 0xe0 ? 2 : 3;
				if (abuf_add(&b, s + i, len) < 0)
					goto oom;
				i += len;
			}
		}
		pos += valid_len;
		if (pos < n) {
			if (abuf_add(&b, "?", 1) < 0)
				goto oom;
			pos++;
		}
	}
	out = abuf_take(&b);
	if (out == NULL)
		out = strdup("");
	return arena_keep(d, out) ? out : "";
oom:
	abuf_free(&b);
	d->oom = 1;
	return "";
}

/* Decodes the code point at s[*i] of clean text and advances *i. */
static unsigned utf8_next(const char *s, size_t n, size_t *i)
{
	const unsigned char *u = (const unsigned char *)s;
	unsigned c = u[*i], cp;
	size_t len, k;

	if (c < 0x80) {
		(*i)++;
		return c;
	}
	len = c >= 0xe0 ? 3 : 2;
	cp = c & (len == 3 ? 0x0fu : 0x1fu);
	for (k = 1; k < len && *i + k < n; k++)
		cp = (cp << 6) | (u[*i + k] & 0x3fu);
	*i += k;
	return cp;
}

/* Width in points of s[0..n) (clean text) in font at size. */
static float text_w(HPDF_Font font, float size, const char *s, size_t n)
{
	size_t i = 0;
	long units = 0;

	while (i < n)
		units += HPDF_Font_GetUnicodeWidth(font, (HPDF_UNICODE)utf8_next(s, n, &i));
	return (float)units * size / 1000.0f;
}

typedef struct seg {
	size_t off, len;
} seg;

typedef struct lines {
	seg *v;
	size_t n, cap;
} lines;

static void lines_free(lines *l)
{
	free(l->v);
	l->v = NULL;
	l->n = l->cap = 0;
}

static int lines_push(pdoc *d, lines *l, size_t off, size_t len)
{
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 8;
		seg *g = realloc(l->v, cap * sizeof(*g));
		if (g == NULL) {
			d->oom = 1;
			return -1;
		}
		l->v = g;
		l->cap = cap;
	}
	l->v[l->n].off = off;
	l->v[l->n].len = len;
	l->n++;
	return 0;
}

/* May a line break replace the space at s[sp]?  Not before "%", "§",
 * "kap." or "(", and not after "kap.", so that "60 %", "4 kap. 1 §" and
 * "SoL (2001:453)" stay together. */
static int may_break_at(const char *s, size_t n, size_t sp)
{
	const char *next = s + sp + 1;
	size_t rest = n - sp - 1;

	if (rest == 0)
		return 1;
	if (next[0] == '%' || next[0] == '(' || (rest >= 2 && memcmp(next, "\xc2\xa7", 2) == 0) ||
	    (rest >= 4 && memcmp(next, "kap.", 4) == 0))
		return 0;
	if (sp >= 4 && memcmp(s + sp - 4, "kap.", 4) == 0)
		return 0;
	return 1;
}

/* Breaks clean text s into lines no wider than width: at spaces (never
 * before "%", so "60 %" stays together), or inside a word too long for a
 * line.  Empty text gives no lines. */
static int wrap(pdoc *d, HPDF_Font font, float size, const char *s, float width, lines *out)
{
	size_t n = strlen(s), pos = 0;

	out->n = 0;
	while (pos < n && s[pos] == ' ')
		pos++;
	while (pos < n) {
		size_t start = pos, i = pos, brk_end = 0, brk_next = 0, end, next;
		int have_brk = 0;
		long units = 0;
		float limit = width * 1000.0f / size;

		end = n;
		next = n;
		while (i < n) {
			size_t j = i;
			unsigned cp = utf8_next(s, n, &i);

			if (cp == ' ' && may_break_at(s, n, j)) {
				have_brk = 1;
				brk_end = j;
				brk_next = i;
			}
			units += HPDF_Font_GetUnicodeWidth(font, (HPDF_UNICODE)cp);
			if ((float)units > limit && j > start) {
				if (have_brk && brk_end > start) {
					end = brk_end;
					next = brk_next;
				} else {
					end = j;
					next = j;
				}
				break;
			}
		}
		while (end > start && s[end - 1] == ' ')
			end--;
		if (lines_push(d, out, start, end - start) < 0)
			return -1;
		pos = next;
		while (pos < n && s[pos] == ' ')
			pos++;
	}
	return 0;
}

static void set_fill(pdoc *d, rgb c)
{
	HPDF_Page_SetRGBFill(d->page, c.r, c.g, c.b);
}

static void set_stroke(pdoc *d, rgb c)
{
	HPDF_Page_SetRGBStroke(d->page, c.r, c.g, c.b);
}

/* Draws s[0..n) of clean text with its baseline at (x, y). */
static void put(pdoc *d, HPDF_Font font, float size, float x, float y, const char *s, size_t n)
{
	if (!pdoc_ok(d) || n == 0)
		return;
	abuf_reset(&d->scratch);
	if (abuf_add(&d->scratch, s, n) < 0) {
		d->oom = 1;
		return;
	}
	HPDF_Page_BeginText(d->page);
	HPDF_Page_SetFontAndSize(d->page, font, size);
	HPDF_Page_TextOut(d->page, x, y, abuf_str(&d->scratch));
	HPDF_Page_EndText(d->page);
}

static void put_str(pdoc *d, HPDF_Font font, float size, float x, float y, const char *s)
{
	put(d, font, size, x, y, s, strlen(s));
}

static void put_right(pdoc *d, HPDF_Font font, float size, float right, float y, const char *s)
{
	size_t n = strlen(s);

	put(d, font, size, right - text_w(font, size, s, n), y, s, n);
}

static void put_center(pdoc *d, HPDF_Font font, float size, float cx, float y, const char *s)
{
	size_t n = strlen(s);

	put(d, font, size, cx - text_w(font, size, s, n) / 2.0f, y, s, n);
}

/* Clean text cut to maxw with a trailing "…" when it does not fit. */
static const char *fit(pdoc *d, HPDF_Font font, float size, const char *raw, float maxw)
{
	const char *s = clean(d, raw);
	size_t n = strlen(s), i = 0, last_ok = 0;
	float ell = text_w(font, size, "\xe2\x80\xa6", 3);

	if (text_w(font, size, s, n) <= maxw)
		return s;
	while (i < n) {
		utf8_next(s, n, &i);
		if (text_w(font, size, s, i) + ell > maxw)
			break;
		last_ok = i;
	}
	return dfmt(d, "%.*s\xe2\x80\xa6", (int)last_ok, s);
}

static void hline(pdoc *d, float x0, float x1, float y, float width, rgb c)
{
	set_stroke(d, c);
	HPDF_Page_SetLineWidth(d->page, width);
	HPDF_Page_MoveTo(d->page, x0, y);
	HPDF_Page_LineTo(d->page, x1, y);
	HPDF_Page_Stroke(d->page);
}

static void fill_rect(pdoc *d, float x, float y, float w, float h, rgb c)
{
	set_fill(d, c);
	HPDF_Page_Rectangle(d->page, x, y, w, h);
	HPDF_Page_Fill(d->page);
}

/* ---- pages ---- */

static int doc_page(pdoc *d)
{
	HPDF_Page p;

	if (!pdoc_ok(d))
		return -1;
	if (d->n_pages == d->cap_pages) {
		size_t cap = d->cap_pages ? d->cap_pages * 2 : 16;
		HPDF_Page *g = realloc(d->pages, cap * sizeof(*g));
		if (g == NULL) {
			d->oom = 1;
			return -1;
		}
		d->pages = g;
		d->cap_pages = cap;
	}
	p = HPDF_AddPage(d->pdf);
	if (p == NULL)
		return -1;
	HPDF_Page_SetSize(p, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
	d->pages[d->n_pages++] = p;
	d->page = p;
	d->y = CONTENT_TOP;
	return pdoc_ok(d) ? 0 : -1;
}

/* Makes sure h points are free on the current page, else starts a new one. */
static int doc_need(pdoc *d, float h)
{
	if (d->page == NULL || d->y - h < CONTENT_BOTTOM)
		return doc_page(d);
	return pdoc_ok(d) ? 0 : -1;
}

static int at_page_top(const pdoc *d)
{
	return d->y >= CONTENT_TOP - 0.01f;
}

/* Header (report title left, unit right; not on page 1 unless asked) and
 * footer (checklist and reference date left, "Sida X av Y" right) on every
 * page; run once, after the last page exists. */
static int doc_decorate(pdoc *d)
{
	size_t i;
	const float hs = 8.0f;

	for (i = 0; i < d->n_pages && pdoc_ok(d); i++) {
		const char *num = dfmt(d, "Sida %zu av %zu", i + 1, d->n_pages);
		float num_w = text_w(d->font, hs, num, strlen(num));

		d->page = d->pages[i];
		if (i > 0 || d->header_on_first) {
			const char *left = fit(d, d->bold, hs, d->head_left, CONTENT_W * 0.58f);
			float left_w = text_w(d->bold, hs, left, strlen(left));
			const char *right = fit(d, d->font, hs, d->head_right,
						CONTENT_W - left_w - 16.0f);

			set_fill(d, C_MUTED);
			put_str(d, d->bold, hs, M_LEFT, HEADER_BASE, left);
			put_right(d, d->font, hs, M_LEFT + CONTENT_W, HEADER_BASE, right);
			hline(d, M_LEFT, M_LEFT + CONTENT_W, HEADER_RULE, 0.5f, C_RULE);
		}
		if (d->mark != NULL) {
			set_fill(d, C_MARK);
			put_center(d, d->bold, hs, M_LEFT + CONTENT_W / 2.0f, MARK_BASE,
				   fit(d, d->bold, hs, d->mark, CONTENT_W));
		}
		hline(d, M_LEFT, M_LEFT + CONTENT_W, FOOTER_RULE, 0.5f, C_RULE);
		set_fill(d, C_MUTED);
		put_str(d, d->font, hs, M_LEFT, FOOTER_BASE,
			fit(d, d->font, hs, d->foot_left, CONTENT_W - num_w - 16.0f));
		put_right(d, d->font, hs, M_LEFT + CONTENT_W, FOOTER_BASE, num);
	}
	return pdoc_ok(d) ? 0 : -1;
}

/* ---- flowing text ---- */

/* A paragraph of raw text, wrapped to the content width less indent,
 * flowing onto new pages as needed; after points of space follow it. */
static int doc_para(pdoc *d, HPDF_Font font, float size, rgb color, float indent,
		    const char *raw, float after)
{
	const char *s = clean(d, raw);
	float lead = size * LEADING;
	lines l = { NULL, 0, 0 };
	size_t i;

	if (wrap(d, font, size, s, CONTENT_W - indent, &l) < 0)
		return -1;
	for (i = 0; i < l.n && pdoc_ok(d); i++) {
		if (doc_need(d, lead) < 0)
			break;
		set_fill(d, color);
		put(d, font, size, M_LEFT + indent, d->y - size, s + l.v[i].off, l.v[i].len);
		d->y -= lead;
	}
	lines_free(&l);
	d->y -= after;
	return pdoc_ok(d) ? 0 : -1;
}

/* A bullet item with a hanging indent. */
static int doc_bullet(pdoc *d, float size, const char *raw)
{
	const char *s = clean(d, raw);
	float lead = size * LEADING, indent = 14.0f;
	lines l = { NULL, 0, 0 };
	size_t i;

	if (wrap(d, d->font, size, s, CONTENT_W - indent, &l) < 0)
		return -1;
	for (i = 0; i < l.n && pdoc_ok(d); i++) {
		if (doc_need(d, lead) < 0)
			break;
		set_fill(d, C_TEXT);
		if (i == 0)
			put_str(d, d->font, size, M_LEFT + 3.0f, d->y - size, "\xe2\x80\xa2");
		put(d, d->font, size, M_LEFT + indent, d->y - size, s + l.v[i].off, l.v[i].len);
		d->y -= lead;
	}
	lines_free(&l);
	d->y -= size * 0.3f;
	return pdoc_ok(d) ? 0 : -1;
}

/* A heading (level 1 or 2) kept together with about keep points of what
 * follows. */
static int doc_heading(pdoc *d, int level, const char *raw, float keep)
{
	float size = level == 1 ? 15.0f : 11.5f;
	float before = level == 1 ? 16.0f : 10.0f;
	float after = level == 1 ? 6.0f : 3.0f;
	const char *s = clean(d, raw);
	lines l = { NULL, 0, 0 };
	float lead = size * 1.25f;
	size_t i;

	if (wrap(d, d->bold, size, s, CONTENT_W, &l) < 0)
		return -1;
	if (doc_need(d, before + lead * (float)l.n + after + keep) < 0) {
		lines_free(&l);
		return -1;
	}
	if (!at_page_top(d))
		d->y -= before;
	for (i = 0; i < l.n; i++) {
		set_fill(d, level == 1 ? C_HEAD : C_TEXT);
		put(d, d->bold, size, M_LEFT, d->y - size, s + l.v[i].off, l.v[i].len);
		d->y -= lead;
	}
	lines_free(&l);
	d->y -= after;
	return pdoc_ok(d) ? 0 : -1;
}

/* One "key   value" row of a cover block; value wrapped beside the key. */
static int doc_keyval(pdoc *d, const char *key, const char *raw_value, float key_w)
{
	const float size = 10.0f, lead = size * LEADING;
	const char *v = clean(d, raw_value);
	lines l = { NULL, 0, 0 };
	size_t i;

	if (wrap(d, d->font, size, v, CONTENT_W - key_w, &l) < 0)
		return -1;
	if (doc_need(d, lead * (float)(l.n ? l.n : 1)) < 0) {
		lines_free(&l);
		return -1;
	}
	set_fill(d, C_MUTED);
	put_str(d, d->bold, size, M_LEFT, d->y - size, clean(d, key));
	set_fill(d, C_TEXT);
	for (i = 0; i < l.n; i++) {
		put(d, d->font, size, M_LEFT + key_w, d->y - size, v + l.v[i].off, l.v[i].len);
		d->y -= lead;
	}
	if (l.n == 0)
		d->y -= lead;
	lines_free(&l);
	d->y -= 1.5f;
	return pdoc_ok(d) ? 0 : -1;
}

/* ---- table ---- */

typedef struct tcol {
	const char *title;
	float width;     /* points; the widths should add up to CONTENT_W */
	int right;       /* 1: right-aligned (numbers) */
} tcol;

#define CELL_PAD_X 4.0f
#define CELL_PAD_Y 3.0f

/* Wraps every cell of one row; returns its height. */
static float table_row_wrap(pdoc *d, const tcol *cols, size_t nc, const char *const *cells,
			    HPDF_Font font, float size, lines *cl)
{
	size_t c, most = 1;

	for (c = 0; c < nc; c++) {
		if (wrap(d, font, size, cells[c], cols[c].width - 2 * CELL_PAD_X, &cl[c]) < 0)
			return 0.0f;
		if (cl[c].n > most)
			most = cl[c].n;
	}
	return (float)most * size * LEADING + 2 * CELL_PAD_Y;
}

/* Draws one wrapped row with its top at d->y, at most max_lines lines. */
static void table_row_draw(pdoc *d, const tcol *cols, size_t nc, const char *const *cells,
			   const lines *cl, HPDF_Font font, float size, float h,
			   size_t max_lines, const rgb *bg, const rgb *const *cell_bg)
{
	size_t c, i;
	float x = M_LEFT;

	if (bg != NULL)
		fill_rect(d, M_LEFT, d->y - h, CONTENT_W, h, *bg);
	if (cell_bg != NULL) {
		float cx = M_LEFT;
		for (c = 0; c < nc; c++) {
			if (cell_bg[c] != NULL)
				fill_rect(d, cx, d->y - h, cols[c].width, h, *cell_bg[c]);
			cx += cols[c].width;
		}
	}
	set_fill(d, C_TEXT);
	for (c = 0; c < nc; c++) {
		float base = d->y - CELL_PAD_Y - size;

		for (i = 0; i < cl[c].n && i < max_lines; i++) {
			const char *s = cells[c] + cl[c].v[i].off;
			size_t n = cl[c].v[i].len;

			if (cols[c].right)
				put(d, font, size, x + cols[c].width - CELL_PAD_X - text_w(font, size, s, n),
				    base, s, n);
			else
				put(d, font, size, x + CELL_PAD_X, base, s, n);
			base -= size * LEADING;
		}
		x += cols[c].width;
	}
	hline(d, M_LEFT, M_LEFT + CONTENT_W, d->y - h, 0.4f, C_RULE);
	d->y -= h;
}

/* A table of nr rows of nc raw cells (row-major).  The header row is drawn
 * bold on a tinted band and repeated at the top of every page the table
 * continues on; rows are never split, and the header is never left alone
 * at the foot of a page. */
static int doc_table_ex(pdoc *d, const tcol *cols, size_t nc, const char *const *raw_cells,
			size_t nr, float size, const rgb *const *cell_bg, size_t bold_from, int rot);

static int doc_table(pdoc *d, const tcol *cols, size_t nc, const char *const *raw_cells,
		     size_t nr, float size)
{
	return doc_table_ex(d, cols, nc, raw_cells, nr, size, NULL, (size_t)-1, 0);
}

/* A header row whose titles after the first run upwards (rot), for many
 * narrow columns; otherwise the ordinary header row. */
static void table_head_draw(pdoc *d, const tcol *cols, size_t nc, const char *const *head,
			    const lines *hl, float size, float h, int rot)
{
	size_t c;
	float x = M_LEFT + cols[0].width;

	if (!rot) {
		table_row_draw(d, cols, nc, head, hl, d->bold, size, h, (size_t)-1, &C_TH, NULL);
		return;
	}
	fill_rect(d, M_LEFT, d->y - h, CONTENT_W, h, C_TH);
	set_fill(d, C_TEXT);
	put_str(d, d->bold, size, M_LEFT + CELL_PAD_X, d->y - h + CELL_PAD_Y + 1.0f, head[0]);
	for (c = 1; c < nc && pdoc_ok(d); c++) {
		if (head[c][0] != '\0') {
			abuf_reset(&d->scratch);
			if (abuf_puts(&d->scratch, head[c]) < 0) {
				d->oom = 1;
				return;
			}
			HPDF_Page_BeginText(d->page);
			HPDF_Page_SetFontAndSize(d->page, d->bold, size);
			HPDF_Page_SetTextMatrix(d->page, 0.0f, 1.0f, -1.0f, 0.0f,
						x + cols[c].width / 2.0f + size * 0.35f,
						d->y - h + CELL_PAD_Y + 1.0f);
			HPDF_Page_ShowText(d->page, abuf_str(&d->scratch));
			HPDF_Page_EndText(d->page);
		}
		x += cols[c].width;
	}
	hline(d, M_LEFT, M_LEFT + CONTENT_W, d->y - h, 0.4f, C_RULE);
	d->y -= h;
}

/* As doc_table; cell_bg (NULL, or nr * nc entries, each NULL or a colour)
 * tints single cells instead of the zebra rows, and rows from bold_from on
 * are drawn bold (a totals row). */
static int doc_table_ex(pdoc *d, const tcol *cols, size_t nc, const char *const *raw_cells,
			size_t nr, float size, const rgb *const *cell_bg, size_t bold_from, int rot)
{
	const char **head = NULL, **cells = NULL;
	lines *hl = NULL, *cl = NULL;
	float head_h, row_h;
	size_t r, c;
	int rc = -1;

	head = calloc(nc, sizeof(*head));
	cells = calloc(nr * nc + 1, sizeof(*cells));
	hl = calloc(nc, sizeof(*hl));
	cl = calloc(nc, sizeof(*cl));
	if (head == NULL || cells == NULL || hl == NULL || cl == NULL) {
		d->oom = 1;
		goto done;
	}
	for (c = 0; c < nc; c++)
		head[c] = clean(d, cols[c].title);
	for (r = 0; r < nr * nc; r++)
		cells[r] = clean(d, raw_cells[r]);
	head_h = table_row_wrap(d, cols, nc, head, d->bold, size, hl);
	if (rot) {
		head_h = size * LEADING + 2 * CELL_PAD_Y;
		for (c = 1; c < nc; c++) {
			float w = text_w(d->bold, size, head[c], strlen(head[c])) + 2 * CELL_PAD_Y + 2.0f;
			if (w > head_h)
				head_h = w;
		}
	}
	row_h = nr > 0 ? table_row_wrap(d, cols, nc, cells, d->font, size, cl) : 0.0f;
	if (!pdoc_ok(d) || doc_need(d, head_h + row_h) < 0)
		goto done;
	hline(d, M_LEFT, M_LEFT + CONTENT_W, d->y, 0.6f, C_RULE);
	table_head_draw(d, cols, nc, head, hl, size, head_h, rot);
	for (r = 0; r < nr && pdoc_ok(d); r++) {
		size_t max_lines = (size_t)-1;
		HPDF_Font rf = r >= bold_from ? d->bold : d->font;

		row_h = table_row_wrap(d, cols, nc, cells + r * nc, rf, size, cl);
		if (d->y - row_h < CONTENT_BOTTOM) {
			if (doc_page(d) < 0)
				break;
			hline(d, M_LEFT, M_LEFT + CONTENT_W, d->y, 0.6f, C_RULE);
			table_head_draw(d, cols, nc, head, hl, size, head_h, rot);
			if (d->y - row_h < CONTENT_BOTTOM) {
				/* A row taller than a page: cut it to what fits. */
				max_lines = (size_t)((d->y - CONTENT_BOTTOM - 2 * CELL_PAD_Y) /
						     (size * LEADING));
				row_h = (float)max_lines * size * LEADING + 2 * CELL_PAD_Y;
			}
		}
		table_row_draw(d, cols, nc, cells + r * nc, cl, rf, size, row_h, max_lines,
			       cell_bg == NULL && r % 2 ? &C_ZEBRA : NULL,
			       cell_bg != NULL ? cell_bg + r * nc : NULL);
	}
	rc = pdoc_ok(d) ? 0 : -1;
done:
	if (hl)
		for (c = 0; c < nc; c++)
			lines_free(&hl[c]);
	if (cl)
		for (c = 0; c < nc; c++)
			lines_free(&cl[c]);
	free(hl);
	free(cl);
	free(head);
	free(cells);
	return rc;
}

/* ---- horizontal bar chart ---- */

typedef struct bar_series {
	const char *name;       /* legend text */
	const double *value;    /* ncat shares 0..1; < 0: no value: BAR_NA "ej
				   tillämpligt", BAR_SMALL the chart's small_text */
	const double *lo, *hi;  /* ncat interval limits, or NULL for no whiskers */
	rgb color;
} bar_series;

#define BAR_NA (-1.0)
#define BAR_SMALL (-2.0)
#define CHART_LEGEND_H 20.0f
#define CHART_AXIS_H 32.0f

static float chart_cat_h(size_t ns)
{
	float bar_h = ns == 1 ? 10.0f : (ns <= 3 ? 7.0f : 5.0f);

	return (float)ns * bar_h + 6.0f;
}

/* Height of a whole chart of ncat categories drawn in one piece. */
static float chart_height(size_t ncat, size_t ns)
{
	return CHART_LEGEND_H + (float)ncat * chart_cat_h(ns) + CHART_AXIS_H + 6.0f;
}

static void chart_legend(pdoc *d, const bar_series *ser, size_t ns, int whiskers)
{
	const float size = 8.0f;
	float x = M_LEFT, base = d->y - 12.0f;
	size_t s;

	for (s = 0; s < ns; s++) {
		const char *name = clean(d, ser[s].name);
		fill_rect(d, x, base - 1.0f, 14.0f, 8.0f, ser[s].color);
		set_fill(d, C_TEXT);
		put_str(d, d->font, size, x + 18.0f, base, name);
		x += 18.0f + text_w(d->font, size, name, strlen(name)) + 16.0f;
	}
	if (whiskers) {
		const char *t = "95 % konfidensintervall (Wilson)";
		float cy = base + 3.0f;

		set_stroke(d, C_WHISKER);
		HPDF_Page_SetLineWidth(d->page, 0.8f);
		HPDF_Page_MoveTo(d->page, x, cy);
		HPDF_Page_LineTo(d->page, x + 16.0f, cy);
		HPDF_Page_MoveTo(d->page, x, cy - 3.0f);
		HPDF_Page_LineTo(d->page, x, cy + 3.0f);
		HPDF_Page_MoveTo(d->page, x + 16.0f, cy - 3.0f);
		HPDF_Page_LineTo(d->page, x + 16.0f, cy + 3.0f);
		HPDF_Page_Stroke(d->page);
		set_fill(d, C_TEXT);
		put_str(d, d->font, size, x + 20.0f, base, t);
	}
	d->y -= CHART_LEGEND_H;
}

/* Horizontal bars, one group of ns bars per category, x axis 0–100 % with
 * ticks every 25 %, interval whiskers where given, category labels on the
 * left and (single series) the value on the right.  The chart continues on
 * the next page when it does not fit, with legend and axis repeated. */
static int doc_barchart(pdoc *d, const char *const *raw_labels, size_t ncat,
			const bar_series *ser, size_t ns, int show_values, const char *axis,
			const char *small_text)
{
	const float lsize = 8.0f;
	float label_w = 0.0f, value_w = show_values ? 44.0f : 0.0f;
	float bar_h = ns == 1 ? 10.0f : (ns <= 3 ? 7.0f : 5.0f);
	float cat_h = chart_cat_h(ns);
	float x0, x1, pw;
	size_t i = 0, k, s;
	int whiskers = 0;

	for (s = 0; s < ns; s++)
		if (ser[s].lo && ser[s].hi)
			whiskers = 1;
	for (k = 0; k < ncat; k++) {
		const char *l = clean(d, raw_labels[k]);
		float w = text_w(d->font, lsize, l, strlen(l));
		if (w > label_w)
			label_w = w;
	}
	label_w += 8.0f;
	if (label_w > 120.0f)
		label_w = 120.0f;
	x0 = M_LEFT + label_w;
	x1 = M_LEFT + CONTENT_W - value_w - 8.0f;
	pw = x1 - x0;

	while (i < ncat && pdoc_ok(d)) {
		size_t fits, chunk, want = ncat - i < 3 ? ncat - i : 3;
		float top, bottom, t;

		size_t fresh = (size_t)((CONTENT_TOP - CONTENT_BOTTOM - CHART_LEGEND_H - CHART_AXIS_H) /
					cat_h);

		fits = (size_t)((d->y - CONTENT_BOTTOM - CHART_LEGEND_H - CHART_AXIS_H) / cat_h);
		/* New page when too little fits here, or when the rest would fit
		 * whole on a fresh page but not here. */
		if (d->y - CONTENT_BOTTOM < CHART_LEGEND_H + CHART_AXIS_H || fits < want ||
		    (fits < ncat - i && ncat - i <= fresh && !at_page_top(d))) {
			if (doc_page(d) < 0)
				break;
			fits = (size_t)((d->y - CONTENT_BOTTOM - CHART_LEGEND_H - CHART_AXIS_H) / cat_h);
		}
		chunk = ncat - i < fits ? ncat - i : fits;
		chart_legend(d, ser, ns, whiskers);
		top = d->y;
		bottom = top - (float)chunk * cat_h;

		/* grid and ticks */
		for (t = 0.0f; t <= 1.0001f; t += 0.25f) {
			float x = x0 + t * pw;
			set_stroke(d, t < 0.001f ? C_MUTED : C_GRID);
			HPDF_Page_SetLineWidth(d->page, t < 0.001f ? 0.8f : 0.5f);
			HPDF_Page_MoveTo(d->page, x, top);
			HPDF_Page_LineTo(d->page, x, bottom - 3.0f);
			HPDF_Page_Stroke(d->page);
			set_fill(d, C_TEXT);
			put_center(d, d->font, lsize, x, bottom - 12.0f,
				   dfmt(d, "%d %%", (int)(t * 100.0f + 0.5f)));
		}
		hline(d, x0, x1, bottom, 0.8f, C_MUTED);
		set_fill(d, C_MUTED);
		put_center(d, d->font, lsize, x0 + pw / 2.0f, bottom - 25.0f,
			   axis ? clean(d, axis)
				: "Andel uppfyllt av de akter där kriteriet är tillämpligt");

		for (k = 0; k < chunk; k++) {
			size_t cat = i + k;
			float ctop = top - (float)k * cat_h - 3.0f;
			const char *label = fit(d, d->font, lsize, raw_labels[cat], label_w - 6.0f);

			set_fill(d, C_TEXT);
			put_right(d, d->font, lsize, x0 - 6.0f,
				  ctop - (float)ns * bar_h / 2.0f - lsize * 0.35f, label);
			for (s = 0; s < ns; s++) {
				float by = ctop - (float)(s + 1) * bar_h;
				double v = ser[s].value[cat];

				if (v < 0.0) {
					set_fill(d, C_MUTED);
					put_str(d, d->font, lsize - 1.0f, x0 + 4.0f,
						by + (bar_h - (lsize - 1.0f)) / 2.0f + 1.0f,
						v <= BAR_SMALL + 0.5 && small_text ? clean(d, small_text)
										  : "ej tillämpligt");
					continue;
				}
				if (v > 1.0)
					v = 1.0;
				if (v > 0.0)
					fill_rect(d, x0, by + 1.0f, (float)v * pw, bar_h - 2.0f,
						  ser[s].color);
				if (ser[s].lo && ser[s].hi) {
					float xl = x0 + (float)ser[s].lo[cat] * pw;
					float xh = x0 + (float)ser[s].hi[cat] * pw;
					float cy = by + bar_h / 2.0f, cap = bar_h / 2.0f - 1.0f;

					set_stroke(d, C_WHISKER);
					HPDF_Page_SetLineWidth(d->page, 0.8f);
					HPDF_Page_MoveTo(d->page, xl, cy);
					HPDF_Page_LineTo(d->page, xh, cy);
					HPDF_Page_MoveTo(d->page, xl, cy - cap);
					HPDF_Page_LineTo(d->page, xl, cy + cap);
					HPDF_Page_MoveTo(d->page, xh, cy - cap);
					HPDF_Page_LineTo(d->page, xh, cy + cap);
					HPDF_Page_Stroke(d->page);
				}
				if (show_values) {
					char pct[32];
					set_fill(d, C_TEXT);
					put_right(d, d->font, lsize, M_LEFT + CONTENT_W,
						  by + 2.0f, report_fmt_percent(v, pct, sizeof(pct)));
				}
			}
		}
		d->y = bottom - CHART_AXIS_H - 6.0f;
		i += chunk;
	}
	return pdoc_ok(d) ? 0 : -1;
}

/* ---- document set-up and output ---- */

static int load_font(pdoc *d, const char *dir, const char *file, HPDF_Font *out, audit_err *e)
{
	char *path = util_path_join(dir, file);
	const char *name;
	FILE *f;

	if (path == NULL)
		return audit_err_set(e, AUDIT_ENOMEM, NULL, 0, 0, "out of memory");
	f = fopen(path, "rb");
	if (f == NULL) {
		int saved = errno;
		if (saved == ENOENT || saved == ENOTDIR)
			audit_err_set(e, AUDIT_EIO, path, 0, 0,
				      "font file %s is missing; install the Debian package "
				      "fonts-dejavu-core (or set AUDIT_FONT_DIR to the folder "
				      "holding %s)", path, file);
		else
			audit_err_set(e, AUDIT_EIO, path, 0, 0,
				      "cannot open font file %s: %s; check the Debian package "
				      "fonts-dejavu-core", path, strerror(saved));
		free(path);
		return AUDIT_EIO;
	}
	fclose(f);
	name = HPDF_LoadTTFontFromFile(d->pdf, path, HPDF_TRUE);
	*out = name ? HPDF_GetFont(d->pdf, name, "UTF-8") : NULL;
	if (*out == NULL || !pdoc_ok(d)) {
		audit_err_set(e, AUDIT_EIO, path, 0, 0,
			      "cannot load font %s (libharu error 0x%04lX, detail %lu); reinstall "
			      "the Debian package fonts-dejavu-core", path, d->hstatus, d->hdetail);
		free(path);
		return AUDIT_EIO;
	}
	free(path);
	return AUDIT_OK;
}

static int pdoc_fail(pdoc *d, audit_err *e, const char *what)
{
	if (d->oom)
		return audit_err_set(e, AUDIT_ENOMEM, NULL, 0, 0, "out of memory while %s", what);
	return audit_err_set(e, AUDIT_EIO, NULL, 0, 0,
			     "PDF library error 0x%04lX (detail %lu) while %s", d->hstatus,
			     d->hdetail, what);
}

/* Creates the document: UTF-8 encoder (before any metadata), both fonts,
 * full compression, metadata title and subject. */
static int pdoc_init(pdoc *d, const pdf_opts *o, const char *title, const char *subject,
		     audit_err *e)
{
	const char *env = getenv("AUDIT_FONT_DIR");
	const char *dir = o && o->font_dir ? o->font_dir
			  : env && env[0] ? env : DEFAULT_FONT_DIR;
	int rc;

	memset(d, 0, sizeof(*d));
	d->pdf = HPDF_New(on_hpdf_error, d);
	if (d->pdf == NULL)
		return audit_err_set(e, AUDIT_ENOMEM, NULL, 0, 0, "cannot create a PDF document");
	HPDF_UseUTFEncodings(d->pdf);
	HPDF_SetCurrentEncoder(d->pdf, "UTF-8");
	HPDF_SetCompressionMode(d->pdf, HPDF_COMP_ALL);
	if (!pdoc_ok(d))
		return pdoc_fail(d, e, "setting up the PDF document");
	if ((rc = load_font(d, dir, FONT_REGULAR, &d->font, e)) < 0 ||
	    (rc = load_font(d, dir, FONT_BOLD, &d->bold, e)) < 0)
		return rc;
	HPDF_SetInfoAttr(d->pdf, HPDF_INFO_TITLE, clean(d, title));
	HPDF_SetInfoAttr(d->pdf, HPDF_INFO_SUBJECT, clean(d, subject));
	HPDF_SetInfoAttr(d->pdf, HPDF_INFO_CREATOR, "audit " AUDIT_VERSION);
	if (!pdoc_ok(d))
		return pdoc_fail(d, e, "writing the PDF metadata");
	return AUDIT_OK;
}

static void pdoc_free(pdoc *d)
{
	size_t i;

	if (d->pdf)
		HPDF_Free(d->pdf);
	for (i = 0; i < d->n_arena; i++)
		free(d->arena[i]);
	free(d->arena);
	free(d->pages);
	abuf_free(&d->scratch);
	memset(d, 0, sizeof(*d));
}

/* Decorates the pages and copies the finished PDF into a malloc'ed buffer. */
static int pdoc_finish(pdoc *d, unsigned char **out, size_t *len, audit_err *e)
{
	HPDF_UINT32 size, total = 0;
	unsigned char *buf;

	*out = NULL;
	*len = 0;
	if (d->n_pages == 0 && doc_page(d) < 0)
		return pdoc_fail(d, e, "laying out the report");
	if (!pdoc_ok(d) || doc_decorate(d) < 0)
		return pdoc_fail(d, e, "laying out the report");
	if (HPDF_SaveToStream(d->pdf) != HPDF_OK || !pdoc_ok(d))
		return pdoc_fail(d, e, "writing the PDF");
	size = HPDF_GetStreamSize(d->pdf);
	buf = malloc(size ? size : 1);
	if (buf == NULL)
		return audit_err_set(e, AUDIT_ENOMEM, NULL, 0, 0, "out of memory for the PDF");
	d->reading = 1;
	while (total < size) {
		HPDF_UINT32 n = size - total;
		HPDF_STATUS st = HPDF_ReadFromStream(d->pdf, buf + total, &n);

		total += n;
		if (st == HPDF_STREAM_EOF || n == 0)
			break;
		if (st != HPDF_OK)
			break;
	}
	d->reading = 0;
	HPDF_ResetError(d->pdf);
	if (!pdoc_ok(d) || total != size) {
		free(buf);
		return pdoc_fail(d, e, "reading the finished PDF");
	}
	*out = buf;
	*len = total;
	return AUDIT_OK;
}

/* ---- the unit inspection report ---- */

static int unit_cover(pdoc *d, const report_unit *r)
{
	const float key_w = 130.0f;
	const char *enhet = strcmp(r->unit_name, r->unit_id) == 0
				    ? r->unit_name
				    : dfmt(d, "%s (%s)", r->unit_name, r->unit_id);

	if (doc_page(d) < 0)
		return -1;
	d->y -= 10.0f;
	set_fill(d, C_MUTED);
	put_str(d, d->bold, 9.0f, M_LEFT, d->y - 9.0f, "INSPEKTIONSRAPPORT");
	d->y -= 20.0f;
	if (doc_para(d, d->bold, 20.0f, C_HEAD, 0.0f, r->title, 4.0f) < 0 ||
	    doc_para(d, d->font, 14.0f, C_TEXT, 0.0f, r->unit_name, 14.0f) < 0)
		return -1;
	hline(d, M_LEFT, M_LEFT + CONTENT_W, d->y, 0.8f, C_HEAD);
	d->y -= 10.0f;
	if (doc_keyval(d, "Enhet", enhet, key_w) < 0 ||
	    doc_keyval(d, "Referensdatum", r->ref_date, key_w) < 0 ||
	    doc_keyval(d, "Checklista",
		       dfmt(d, "%s, version %s", r->checklist_name, r->checklist_version),
		       key_w) < 0 ||
	    doc_keyval(d, "Rättslig grund", r->legal_basis[0] ? r->legal_basis : "–", key_w) < 0 ||
	    doc_keyval(d, "Granskade akter", dfmt(d, "%d", r->n_akter), key_w) < 0 ||
	    doc_keyval(d, "Framställd", r->produced_date, key_w) < 0)
		return -1;
	d->y -= 6.0f;
	hline(d, M_LEFT, M_LEFT + CONTENT_W, d->y, 0.8f, C_HEAD);
	d->y -= 4.0f;
	return pdoc_ok(d) ? 0 : -1;
}

static const char *crit_line(pdoc *d, const report_criterion *c)
{
	return dfmt(d, "%s \xe2\x80\x93 %s", c->id, c->sentence);
}

static int unit_summary(pdoc *d, const report_unit *r)
{
	size_t i;

	if (doc_heading(d, 1, "Sammanfattning", 40.0f) < 0)
		return -1;
	for (i = 0; i < r->n_summary; i++)
		if (doc_para(d, d->font, BODY_SIZE, C_TEXT, 0.0f, r->summary[i], 5.0f) < 0)
			return -1;
	if (doc_heading(d, 2, "Utvecklingsområden", 30.0f) < 0)
		return -1;
	if (doc_para(d, d->font, 9.0f, C_MUTED, 0.0f,
		     "Kriterier som uppfylls i mindre än 75 % av de tillämpliga akterna.", 3.0f) < 0)
		return -1;
	if (r->n_dev == 0 &&
	    doc_para(d, d->font, BODY_SIZE, C_TEXT, 0.0f, "Inga kriterier under 75 %.", 0.0f) < 0)
		return -1;
	for (i = 0; i < r->n_dev; i++)
		if (doc_bullet(d, BODY_SIZE, crit_line(d, &r->criteria[r->dev[i]])) < 0)
			return -1;
	if (doc_heading(d, 2, "Styrkor", 30.0f) < 0)
		return -1;
	if (doc_para(d, d->font, 9.0f, C_MUTED, 0.0f,
		     "Kriterier som uppfylls i minst 90 % av de tillämpliga akterna.", 3.0f) < 0)
		return -1;
	if (r->n_strengths == 0 &&
	    doc_para(d, d->font, BODY_SIZE, C_TEXT, 0.0f, "Inga kriterier når 90 %.", 0.0f) < 0)
		return -1;
	for (i = 0; i < r->n_strengths; i++)
		if (doc_bullet(d, BODY_SIZE, crit_line(d, &r->criteria[r->strengths[i]])) < 0)
			return -1;
	return 0;
}

static int unit_method(pdoc *d, const report_unit *r)
{
	size_t i;

	if (doc_heading(d, 1, "Metod", 40.0f) < 0)
		return -1;
	for (i = 0; i < r->n_method_text; i++)
		if (doc_para(d, d->font, BODY_SIZE, C_TEXT, 0.0f, r->method_text[i], 5.0f) < 0)
			return -1;
	return 0;
}

static int unit_results(pdoc *d, const report_unit *r)
{
	static const tcol cols[] = {
		{ "Kriterium", 152.0f, 0 },
		{ "Tillämpliga", 62.0f, 1 },
		{ "Uppfyllda", 55.0f, 1 },
		{ "Andel (95 % KI)", 88.0f, 1 },
		{ "Lagrum", CONTENT_W - 152.0f - 62.0f - 55.0f - 88.0f, 0 },
	};
	const size_t nc = sizeof(cols) / sizeof(cols[0]);
	size_t a, i;
	int any_reviewed = 0;

	for (i = 0; i < r->n_criteria; i++)
		any_reviewed |= r->criteria[i].n_reviewed > 0;
	if (doc_heading(d, 1, "Resultat per område", 40.0f) < 0 ||
	    doc_para(d, d->font, BODY_SIZE, C_TEXT, 0.0f,
		     "Tabellerna visar för varje kriterium antalet akter där kriteriet är "
		     "tillämpligt, antalet där det är uppfyllt och andelen uppfyllda med ett 95 % "
		     "konfidensintervall (KI). Delvis uppfyllt räknas inte som uppfyllt.", 2.0f) < 0)
		return -1;
	if (any_reviewed &&
	    doc_para(d, d->font, BODY_SIZE, C_TEXT, 0.0f,
		     "Inspektören har granskat en del av bedömningarna manuellt; där räknas "
		     "inspektörens bedömning i stället för den automatiska. Kriterier med "
		     "granskade bedömningar är markerade med * och antalet granskade akter.",
		     2.0f) < 0)
		return -1;
	for (a = 0; a < r->n_areas; a++) {
		const report_area *ar = &r->areas[a];
		const char **cells = calloc(ar->count * nc + 1, sizeof(*cells));
		int rc;

		if (cells == NULL) {
			d->oom = 1;
			return -1;
		}
		for (i = 0; i < ar->count; i++) {
			const report_criterion *c = &r->criteria[ar->first + i];
			const char **row = cells + i * nc;
			char pct[32], ci[48];

			if (c->n_reviewed > 0)
				row[0] = dfmt(d, "%s %s (* granskad i %d)", c->id, c->title,
					      c->n_reviewed);
			else
				row[0] = dfmt(d, "%s %s", c->id, c->title);
			row[1] = dfmt(d, "%d", c->n_applicable);
			row[2] = dfmt(d, "%d", c->n_uppfyllt);
			if (c->n_applicable > 0)
				row[3] = dfmt(d, "%s (%s)", report_fmt_percent(c->share, pct, sizeof(pct)),
					      report_fmt_interval(c->ci_lo, c->ci_hi, ci, sizeof(ci)));
			else
				row[3] = "ej tillämpligt";
			row[4] = c->legal_refs[0] ? c->legal_refs : "–";
		}
		rc = doc_heading(d, 2, ar->heading, 50.0f);
		if (rc == 0)
			rc = doc_table(d, cols, nc, cells, ar->count, SMALL_SIZE);
		free(cells);
		if (rc < 0)
			return -1;
		d->y -= 6.0f;
		for (i = 0; i < ar->count; i++)
			if (doc_bullet(d, 9.0f, r->criteria[ar->first + i].sentence) < 0)
				return -1;
	}
	return 0;
}

/* Poäng per avsnitt: only when the checklist gives sections weights. */
static int unit_sections(pdoc *d, const report_unit *r)
{
	static const tcol cols[] = {
		{ "Avsnitt", CONTENT_W - 60.0f - 70.0f - 80.0f, 0 },
		{ "Vikt", 60.0f, 1 },
		{ "Kriterier", 70.0f, 1 },
		{ "Poäng", 80.0f, 1 },
	};
	const size_t nc = sizeof(cols) / sizeof(cols[0]);
	const char **cells;
	size_t i;
	int rc;

	if (r->n_sections == 0)
		return 0;
	cells = calloc((r->n_sections + 1) * nc, sizeof(*cells));
	if (cells == NULL) {
		d->oom = 1;
		return -1;
	}
	for (i = 0; i < r->n_sections; i++) {
		const report_section_score *s = &r->sections[i];
		char pct[32];
		cells[i * nc] = s->title;
		cells[i * nc + 1] = dfmt(d, "%g", s->weight);
		cells[i * nc + 2] = dfmt(d, "%d", s->n_criteria);
		cells[i * nc + 3] = s->score >= 0 ? dfmt(d, "%s", report_fmt_percent(s->score, pct,
										   sizeof(pct)))
						  : "ej tillämpligt";
	}
	{
		char pct[32];
		cells[i * nc] = "Totalt (viktat)";
		cells[i * nc + 1] = "";
		cells[i * nc + 2] = "";
		cells[i * nc + 3] = r->total_score >= 0
					    ? dfmt(d, "%s", report_fmt_percent(r->total_score, pct,
									       sizeof(pct)))
					    : "–";
	}
	rc = doc_heading(d, 2, "Poäng per avsnitt", 60.0f);
	if (rc == 0)
		rc = doc_para(d, d->font, BODY_SIZE, C_TEXT, 0.0f,
			      "Avsnittets poäng är den viktade andelen uppfyllda bland dess kriterier "
			      "(kriterier utan tillämpliga akter räknas inte); totalen väger samman "
			      "avsnitten med de vikter checklistan anger. Avsnitt utan vikt, som "
			      "lokal praxis, ingår inte.", 2.0f);
	if (rc == 0)
		rc = doc_table_ex(d, cols, nc, cells, r->n_sections + 1, SMALL_SIZE, NULL,
				  r->n_sections, 0);
	free(cells);
	return rc < 0 ? -1 : 0;
}

static int unit_chart(pdoc *d, const report_unit *r)
{
	const char **labels;
	double *v, *lo, *hi;
	bar_series ser;
	size_t i;
	float keep;
	int rc;

	if (r->n_criteria == 0)
		return 0;
	labels = calloc(r->n_criteria, sizeof(*labels));
	v = calloc(r->n_criteria * 3, sizeof(*v));
	if (labels == NULL || v == NULL) {
		free(labels);
		free(v);
		d->oom = 1;
		return -1;
	}
	lo = v + r->n_criteria;
	hi = lo + r->n_criteria;
	for (i = 0; i < r->n_criteria; i++) {
		const report_criterion *c = &r->criteria[i];
		labels[i] = c->id;
		v[i] = c->n_applicable > 0 ? c->share : -1.0;
		lo[i] = c->ci_lo;
		hi[i] = c->ci_hi;
	}
	memset(&ser, 0, sizeof(ser));
	ser.name = "Andel uppfyllt";
	ser.value = v;
	ser.lo = lo;
	ser.hi = hi;
	ser.color = C_BAR;
	/* Keep heading, note and chart together when the chart fits a page. */
	keep = chart_height(r->n_criteria, 1) + 30.0f;
	if (keep > CONTENT_TOP - CONTENT_BOTTOM - 40.0f)
		keep = 160.0f;
	rc = doc_heading(d, 1, "Andel uppfyllt per kriterium", keep);
	if (rc == 0)
		rc = doc_para(d, d->font, 9.0f, C_MUTED, 0.0f,
			      "Stapeln visar andelen uppfyllda av de tillämpliga akterna, strecket "
			      "95 % konfidensintervallet. Ett långt streck betyder att få akter ligger "
			      "bakom siffran.", 4.0f);
	if (rc == 0)
		rc = doc_barchart(d, labels, r->n_criteria, &ser, 1, 1, NULL, NULL);
	free(labels);
	free(v);
	return rc;
}

/* Jämförelse: per criterion the previous share, the current share and the
 * change in percentage points, against the previous run of the unit. */
static int unit_comparison(pdoc *d, const report_unit *r)
{
	const float sw = 84.0f, chw = 76.0f;
	tcol cols[4];
	const size_t nc = 4;
	const char **cells;
	size_t i;
	int rc;

	if (doc_heading(d, 1, "Jämförelse", 60.0f) < 0)
		return -1;
	if (!r->has_previous)
		return doc_para(d, d->font, BODY_SIZE, C_TEXT, 0.0f,
				"Ingen tidigare granskning av enheten med denna checklista finns i "
				"databasen.", 4.0f);
	if (doc_para(d, d->font, BODY_SIZE, C_TEXT, 0.0f,
		     dfmt(d, "Jämförelse med föregående granskning av enheten med samma checklista "
			     "(körning %lld, referensdatum %s). Tabellen visar andelen uppfyllda av de "
			     "tillämpliga akterna då och nu och förändringen i procentenheter (p.e.). "
			     "Med få akter kan även stora förändringar bero på slumpen.",
			  r->previous_run_id, r->previous_ref_date), 4.0f) < 0)
		return -1;
	cols[0].title = "Kriterium";
	cols[0].width = CONTENT_W - 2 * sw - chw;
	cols[0].right = 0;
	cols[1].title = dfmt(d, "Andel %s", r->previous_ref_date);
	cols[1].width = sw;
	cols[1].right = 1;
	cols[2].title = dfmt(d, "Andel %s", r->ref_date);
	cols[2].width = sw;
	cols[2].right = 1;
	cols[3].title = "Förändring";
	cols[3].width = chw;
	cols[3].right = 1;
	if (r->n_criteria == 0)
		return pdoc_ok(d) ? 0 : -1;
	cells = calloc(r->n_criteria * nc, sizeof(*cells));
	if (cells == NULL) {
		d->oom = 1;
		return -1;
	}
	for (i = 0; i < r->n_criteria; i++) {
		const report_criterion *c = &r->criteria[i];
		const char **row = cells + i * nc;
		char pct[32], ch[32];

		row[0] = dfmt(d, "%s %s", c->id, c->title);
		if (!c->has_prev)
			row[1] = "ingick inte";
		else if (c->prev_applicable == 0)
			row[1] = "ej tillämpligt";
		else
			row[1] = dfmt(d, "%s", report_fmt_percent(c->prev_share, pct, sizeof(pct)));
		row[2] = c->n_applicable > 0
				 ? dfmt(d, "%s", report_fmt_percent(c->share, pct, sizeof(pct)))
				 : "ej tillämpligt";
		if (c->has_prev && c->prev_applicable > 0 && c->n_applicable > 0)
			row[3] = dfmt(d, "%s", report_fmt_change(c->prev_share, c->share, ch, sizeof(ch)));
		else
			row[3] = "\xe2\x80\x93";
	}
	rc = doc_table(d, cols, nc, cells, r->n_criteria, SMALL_SIZE);
	free(cells);
	return rc;
}

#define MATRIX_MAX_COLS 24   /* criteria per appendix table */
#define MATRIX_AKT_W 34.0f   /* least width of the akt column */
#define MATRIX_COL_W 20.0f   /* most width of a criterion column */

static const rgb *verdict_tint(verdict v)
{
	switch (v) {
	case VERDICT_UPPFYLLT:
		return &C_GOOD;
	case VERDICT_DELVIS:
		return &C_MID;
	case VERDICT_EJ_UPPFYLLT:
		return &C_BAD;
	case VERDICT_EJ_TILLAMPLIGT:
		return &C_NONE;
	default:
		return NULL;
	}
}

/* Bilaga: akter x kriterier.  Rows are the model's matrix rows, named A1..An
 * only; the model holds no akt ids.  More criteria than MATRIX_MAX_COLS are
 * split into tables of equal size with rotated column headers. */
static int unit_matrix(pdoc *d, const report_unit *r)
{
	size_t n_tables, per, t, k, row;

	if (doc_page(d) < 0 ||
	    doc_heading(d, 1, "Bilaga: akter \xc3\x97 kriterier", 40.0f) < 0 ||
	    doc_para(d, d->font, BODY_SIZE, C_TEXT, 0.0f,
		     "Bedömningen av varje kriterium i varje granskad akt. Akterna redovisas under "
		     "löpnummer (A1, A2, \xe2\x80\xa6) i ordning efter aktnummer; aktnummer, namn "
		     "och annat innehåll ur akterna redovisas inte.", 4.0f) < 0 ||
	    doc_para(d, d->bold, 9.0f, C_TEXT, 0.0f,
		     "Teckenförklaring: U = uppfyllt, D = delvis uppfyllt, E = ej uppfyllt, "
		     "\xe2\x80\x93 = ej tillämpligt.", 6.0f) < 0)
		return -1;
	if (r->n_criteria == 0 || r->n_matrix_rows == 0)
		return doc_para(d, d->font, BODY_SIZE, C_TEXT, 0.0f,
				"Inga bedömningar finns att redovisa.", 0.0f);
	n_tables = (r->n_criteria + MATRIX_MAX_COLS - 1) / MATRIX_MAX_COLS;
	per = (r->n_criteria + n_tables - 1) / n_tables;
	for (t = 0; t < n_tables && pdoc_ok(d); t++) {
		size_t first = t * per;
		size_t count = r->n_criteria - first < per ? r->n_criteria - first : per;
		size_t nc = count + 1;
		float cw = (CONTENT_W - MATRIX_AKT_W) / (float)per;
		tcol *cols = calloc(nc, sizeof(*cols));
		const char **cells = calloc(r->n_matrix_rows * nc, sizeof(*cells));
		const rgb **bg = calloc(r->n_matrix_rows * nc, sizeof(*bg));
		int rc = -1;

		if (cw > MATRIX_COL_W)
			cw = MATRIX_COL_W;
		if (cols == NULL || cells == NULL || bg == NULL) {
			d->oom = 1;
		} else {
			cols[0].title = "Akt";
			cols[0].width = CONTENT_W - cw * (float)count;
			for (k = 0; k < count; k++) {
				cols[k + 1].title = r->criteria[first + k].id;
				cols[k + 1].width = cw;
				cols[k + 1].right = 1;
			}
			for (row = 0; row < r->n_matrix_rows; row++) {
				cells[row * nc] = dfmt(d, "A%zu", row + 1);
				for (k = 0; k < count; k++) {
					verdict v = r->matrix[row * r->n_criteria + first + k];
					cells[row * nc + k + 1] = report_verdict_symbol(v);
					bg[row * nc + k + 1] = verdict_tint(v);
				}
			}
			rc = 0;
			if (n_tables > 1)
				rc = doc_heading(d, 2,
						 dfmt(d, "Kriterierna %s\xe2\x80\x93%s",
						      r->criteria[first].id,
						      r->criteria[first + count - 1].id), 80.0f);
			if (rc == 0)
				rc = doc_table_ex(d, cols, nc, cells, r->n_matrix_rows, SMALL_SIZE, bg,
						  (size_t)-1, 1);
			d->y -= 8.0f;
		}
		free(cols);
		free(cells);
		free(bg);
		if (rc < 0)
			return -1;
	}
	return pdoc_ok(d) ? 0 : -1;
}

int pdf_render_unit_report(unsigned char **out, size_t *len, const report_unit *r,
			   const pdf_opts *o, audit_err *e)
{
	pdoc d;
	int rc;
	const char *title, *subject;

	*out = NULL;
	*len = 0;
	if (r == NULL || !r->finished)
		return audit_err_set(e, AUDIT_EIO, NULL, 0, 0,
				     "pdf: the report model is not finished (report_unit_finish)");
	/* pdoc_init needs the strings before the document exists; build them
	 * with plain snprintf into a small arena-free buffer. */
	{
		size_t tn = strlen(r->title) + strlen(r->unit_name) + 8;
		size_t sn = strlen(r->unit_name) + strlen(r->checklist_name) +
			    strlen(r->checklist_version) + strlen(r->ref_date) + 96;
		char *t = malloc(tn), *s = malloc(sn);

		if (t == NULL || s == NULL) {
			free(t);
			free(s);
			return audit_err_set(e, AUDIT_ENOMEM, NULL, 0, 0, "out of memory");
		}
		snprintf(t, tn, "%s \xe2\x80\x93 %s", r->title, r->unit_name);
		snprintf(s, sn, "Granskning av %s mot checklistan %s version %s, referensdatum %s",
			 r->unit_name, r->checklist_name, r->checklist_version, r->ref_date);
		rc = pdoc_init(&d, o, t, s, e);
		free(t);
		free(s);
		if (rc < 0) {
			pdoc_free(&d);
			return rc;
		}
	}
	title = r->title;
	subject = r->unit_name;
	d.head_left = clean(&d, title);
	d.head_right = clean(&d, subject);
	d.foot_left = clean(&d, dfmt(&d, "Checklista %s %s \xc2\xb7 Referensdatum %s",
				     r->checklist_name, r->checklist_version, r->ref_date));
	if (unit_cover(&d, r) < 0 || unit_summary(&d, r) < 0 || unit_method(&d, r) < 0 ||
	    unit_results(&d, r) < 0 || unit_sections(&d, r) < 0 || unit_chart(&d, r) < 0 ||
	    unit_comparison(&d, r) < 0 ||
	    unit_matrix(&d, r) < 0) {
		rc = pdoc_fail(&d, e, "laying out the unit report");
		pdoc_free(&d);
		return rc;
	}
	rc = pdoc_finish(&d, out, len, e);
	pdoc_free(&d);
	return rc;
}

int pdf_write_unit_report(const report_unit *r, const char *out_path, const pdf_opts *o,
			  audit_err *e)
{
	unsigned char *buf = NULL;
	size_t len = 0;
	int rc;

	if ((rc = pdf_render_unit_report(&buf, &len, r, o, e)) < 0)
		return rc;
	rc = util_write_file_atomic(out_path, buf, len, e);
	free(buf);
	return rc;
}

/* ================================================================
 * Shared pieces of the nämnd report and the action list
 * ================================================================ */

/* Starts a document whose metadata title and subject are printf results. */
static int pdoc_begin(pdoc *d, const pdf_opts *o, audit_err *e, const char *title,
		      const char *subject_fmt, ...) __attribute__((format(printf, 5, 6)));

static int pdoc_begin(pdoc *d, const pdf_opts *o, audit_err *e, const char *title,
		      const char *subject_fmt, ...)
{
	va_list ap;
	int len, rc;
	char *subject;

	va_start(ap, subject_fmt);
	len = vsnprintf(NULL, 0, subject_fmt, ap);
	va_end(ap);
	if (len < 0 || (subject = malloc((size_t)len + 1)) == NULL) {
		memset(d, 0, sizeof(*d));
		return audit_err_set(e, AUDIT_ENOMEM, NULL, 0, 0, "out of memory");
	}
	va_start(ap, subject_fmt);
	vsnprintf(subject, (size_t)len + 1, subject_fmt, ap);
	va_end(ap);
	rc = pdoc_init(d, o, title, subject, e);
	free(subject);
	return rc;
}

/* Cover block: a kicker, the title, a subtitle and a rule. */
static int cover_top(pdoc *d, const char *kicker, const char *title, const char *subtitle)
{
	if (doc_page(d) < 0)
		return -1;
	d->y -= 10.0f;
	set_fill(d, C_MUTED);
	put_str(d, d->bold, 9.0f, M_LEFT, d->y - 9.0f, kicker);
	d->y -= 20.0f;
	if (doc_para(d, d->bold, 20.0f, C_HEAD, 0.0f, title, 4.0f) < 0 ||
	    doc_para(d, d->font, 14.0f, C_TEXT, 0.0f, subtitle, 14.0f) < 0)
		return -1;
	hline(d, M_LEFT, M_LEFT + CONTENT_W, d->y, 0.8f, C_HEAD);
	d->y -= 10.0f;
	return pdoc_ok(d) ? 0 : -1;
}

static int cover_end(pdoc *d)
{
	d->y -= 6.0f;
	hline(d, M_LEFT, M_LEFT + CONTENT_W, d->y, 0.8f, C_HEAD);
	d->y -= 4.0f;
	return pdoc_ok(d) ? 0 : -1;
}

/* ================================================================
 * The nämnd delrapport
 * ================================================================ */

#define NAMND_NAME_W 128.0f  /* unit column of the comparison tables */
#define NAMND_MAX_COLS 6     /* criteria per comparison table */
#define NAMND_DEV_SHOWN 5    /* development areas listed per unit */

static const rgb *heat(const report_namnd_cell *c)
{
	if (c->n_applicable <= 0 || c->suppressed)
		return &C_NONE;
	if (c->share >= REPORT_STRENGTH_AT)
		return &C_GOOD;
	if (c->share < REPORT_DEV_BELOW)
		return &C_BAD;
	return &C_MID;
}

static const rgb *heat_share(double v)
{
	if (v < 0.0)
		return &C_NONE;
	if (v >= REPORT_STRENGTH_AT)
		return &C_GOOD;
	if (v < REPORT_DEV_BELOW)
		return &C_BAD;
	return &C_MID;
}

static const char *namnd_cell(pdoc *d, const report_namnd *r, const report_namnd_cell *c)
{
	char buf[64];

	return dfmt(d, "%s", report_namnd_fmt_cell(r, c, buf, sizeof(buf)));
}

static const char *share_or_note(pdoc *d, const report_namnd *r, double v)
{
	char pct[32];

	if (v <= BAR_SMALL + 0.5)
		return dfmt(d, "färre än %d", r->threshold);
	if (v < 0.0)
		return "\xe2\x80\x93";
	return dfmt(d, "%s", report_fmt_percent(v, pct, sizeof(pct)));
}

/* The colour key of the comparison tables. */
static int heat_legend(pdoc *d, const report_namnd *r)
{
	const float size = 8.0f;
	const struct {
		const rgb *c;
		const char *t;
	} key[] = {
		{ &C_GOOD, "minst 90 %" },
		{ &C_MID, "75 till 90 %" },
		{ &C_BAD, "under 75 %" },
		{ &C_NONE, NULL },
	};
	float x = M_LEFT, base;
	size_t i;

	if (doc_need(d, 18.0f) < 0)
		return -1;
	base = d->y - 11.0f;
	for (i = 0; i < sizeof(key) / sizeof(key[0]); i++) {
		const char *t = key[i].t ? key[i].t
					 : dfmt(d, "färre än %d tillämpliga akter eller "
						   "ej tillämpligt (\xe2\x80\x93)", r->threshold);
		fill_rect(d, x, base - 2.0f, 14.0f, 9.0f, *key[i].c);
		set_fill(d, C_TEXT);
		put_str(d, d->font, size, x + 18.0f, base, t);
		x += 18.0f + text_w(d->font, size, t, strlen(t)) + 14.0f;
	}
	d->y -= 18.0f;
	return pdoc_ok(d) ? 0 : -1;
}

static int namnd_cover(pdoc *d, const report_namnd *r)
{
	const float key_w = 130.0f;
	char akt[64];

	if (cover_top(d, "DELRAPPORT TILL NÄMNDEN", r->title,
		      dfmt(d, "Jämförelse mellan %zu %s", r->n_units,
			   r->n_units == 1 ? "enhet" : "enheter")) < 0)
		return -1;
	if (r->n_akter > 0 && r->n_akter < r->threshold)
		snprintf(akt, sizeof(akt), "färre än %d", r->threshold);
	else
		snprintf(akt, sizeof(akt), "%d", r->n_akter);
	if (doc_keyval(d, "Enheter", dfmt(d, "%zu", r->n_units), key_w) < 0 ||
	    doc_keyval(d, "Granskade akter", akt, key_w) < 0 ||
	    doc_keyval(d, "Referensdatum", r->ref_date, key_w) < 0 ||
	    doc_keyval(d, "Checklista",
		       dfmt(d, "%s, version %s", r->checklist_name, r->checklist_version),
		       key_w) < 0 ||
	    doc_keyval(d, "Rättslig grund", r->legal_basis[0] ? r->legal_basis : "\xe2\x80\x93",
		       key_w) < 0 ||
	    doc_keyval(d, "Framställd", r->produced_date, key_w) < 0)
		return -1;
	return cover_end(d);
}

static const char *namnd_crit_line(pdoc *d, const report_namnd *r, const report_namnd_criterion *c)
{
	char ci[48];

	return dfmt(d, "%s %s: %s av de tillämpliga akterna (95 %% KI %s).", c->id, c->title,
		    namnd_cell(d, r, &c->total),
		    report_fmt_interval(c->total.ci_lo, c->total.ci_hi, ci, sizeof(ci)));
}

static int namnd_summary(pdoc *d, const report_namnd *r)
{
	size_t i;

	if (doc_heading(d, 1, "Sammanfattning", 40.0f) < 0)
		return -1;
	for (i = 0; i < r->n_summary; i++)
		if (doc_para(d, d->font, BODY_SIZE, C_TEXT, 0.0f, r->summary[i], 5.0f) < 0)
			return -1;
	if (doc_heading(d, 2, "Utvecklingsområden för samtliga enheter", 30.0f) < 0 ||
	    doc_para(d, d->font, 9.0f, C_MUTED, 0.0f,
		     "Kriterier som för alla enheter tillsammans uppfylls i mindre än 75 % av de "
		     "tillämpliga akterna.", 3.0f) < 0)
		return -1;
	if (r->n_dev == 0 &&
	    doc_para(d, d->font, BODY_SIZE, C_TEXT, 0.0f, "Inga kriterier under 75 %.", 0.0f) < 0)
		return -1;
	for (i = 0; i < r->n_dev; i++)
		if (doc_bullet(d, BODY_SIZE, namnd_crit_line(d, r, &r->criteria[r->dev[i]])) < 0)
			return -1;
	if (doc_heading(d, 1, "Metod", 40.0f) < 0)
		return -1;
	for (i = 0; i < r->n_method_text; i++)
		if (doc_para(d, d->font, BODY_SIZE, C_TEXT, 0.0f, r->method_text[i], 5.0f) < 0)
			return -1;
	return 0;
}

/* Mean share per unit, one bar each, in the order of the tables. */
static int namnd_mean_chart(pdoc *d, const report_namnd *r)
{
	const char **labels = calloc(r->n_units + 1, sizeof(*labels));
	double *v = calloc(r->n_units + 1, sizeof(*v));
	bar_series ser;
	size_t u;
	int rc;

	if (labels == NULL || v == NULL) {
		free(labels);
		free(v);
		d->oom = 1;
		return -1;
	}
	for (u = 0; u < r->n_units; u++) {
		labels[u] = r->units[u].unit_name;
		v[u] = r->units[u].mean_share < 0.0 ? BAR_SMALL : r->units[u].mean_share;
		if (r->units[u].mean_share <= BAR_NA + 0.5 && r->units[u].mean_share > BAR_SMALL + 0.5)
			v[u] = BAR_NA;
	}
	memset(&ser, 0, sizeof(ser));
	ser.name = "Genomsnittlig andel uppfyllt";
	ser.value = v;
	ser.color = C_BAR;
	rc = doc_heading(d, 2, "Genomsnittlig andel uppfyllt per enhet",
			 chart_height(r->n_units < 20 ? r->n_units : 20, 1) + 30.0f);
	if (rc == 0)
		rc = doc_para(d, d->font, 9.0f, C_MUTED, 0.0f,
			      "Medelvärdet av andelarna för de kriterier som redovisas för enheten. "
			      "Jämförelsetabellerna nedan visar varje kriterium.", 4.0f);
	if (rc == 0)
		rc = doc_barchart(d, labels, r->n_units, &ser, 1, 1,
				  "Genomsnittlig andel uppfyllt (medelvärde över kriterierna)",
				  dfmt(d, "färre än %d tillämpliga akter", r->threshold));
	free(labels);
	free(v);
	return rc;
}

/* Units x areas: the mean share of each area's criteria, tinted. */
static int namnd_area_table(pdoc *d, const report_namnd *r)
{
	size_t nc = r->n_areas + 1, nr = r->n_units + 1, u, a;
	tcol *cols = calloc(nc, sizeof(*cols));
	const char **cells = calloc(nr * nc, sizeof(*cells));
	const rgb **bg = calloc(nr * nc, sizeof(*bg));
	float cw;
	int rc = -1;

	if (cols == NULL || cells == NULL || bg == NULL) {
		d->oom = 1;
		goto done;
	}
	cw = (CONTENT_W - NAMND_NAME_W) / (float)r->n_areas;
	if (cw > 70.0f)
		cw = 70.0f;
	cols[0].title = "Enhet";
	cols[0].width = CONTENT_W - cw * (float)r->n_areas;
	for (a = 0; a < r->n_areas; a++) {
		cols[a + 1].title = r->areas[a].heading;
		cols[a + 1].width = cw;
		cols[a + 1].right = 1;
	}
	for (u = 0; u < nr; u++) {
		const double *share = u < r->n_units ? r->units[u].area_share : r->area_total;

		cells[u * nc] = u < r->n_units ? r->units[u].unit_name : "Samtliga enheter";
		for (a = 0; a < r->n_areas; a++) {
			cells[u * nc + a + 1] = share_or_note(d, r, share[a]);
			bg[u * nc + a + 1] = heat_share(share[a]);
		}
	}
	if (doc_heading(d, 2, "Andel uppfyllt per område och enhet", 120.0f) < 0 ||
	    doc_para(d, d->font, 9.0f, C_MUTED, 0.0f,
		     "Medelvärdet av andelarna för områdets kriterier. Raden Samtliga enheter avser "
		     "alla granskade akter tillsammans.", 4.0f) < 0 ||
	    heat_legend(d, r) < 0)
		goto done;
	rc = doc_table_ex(d, cols, nc, cells, nr, SMALL_SIZE, bg, r->n_units, 1);
done:
	free(cols);
	free(cells);
	free(bg);
	return rc;
}

/* One comparison table: units x criteria [first, first+count). */
static int namnd_crit_table(pdoc *d, const report_namnd *r, size_t first, size_t count,
			    const char *heading)
{
	size_t nc = count + 1, nr = r->n_units + 1, u, k;
	tcol *cols = calloc(nc, sizeof(*cols));
	const char **cells = calloc(nr * nc, sizeof(*cells));
	const rgb **bg = calloc(nr * nc, sizeof(*bg));
	float cw = (CONTENT_W - NAMND_NAME_W) / NAMND_MAX_COLS;
	int rc = -1;

	if (cols == NULL || cells == NULL || bg == NULL) {
		d->oom = 1;
		goto done;
	}
	cols[0].title = "Enhet";
	cols[0].width = CONTENT_W - cw * (float)count;
	for (k = 0; k < count; k++) {
		cols[k + 1].title = r->criteria[first + k].id;
		cols[k + 1].width = cw;
		cols[k + 1].right = 1;
	}
	for (u = 0; u < nr; u++) {
		cells[u * nc] = u < r->n_units ? r->units[u].unit_name : "Samtliga enheter";
		for (k = 0; k < count; k++) {
			const report_namnd_cell *c = u < r->n_units
							     ? &r->cells[u * r->n_criteria + first + k]
							     : &r->criteria[first + k].total;
			cells[u * nc + k + 1] = namnd_cell(d, r, c);
			bg[u * nc + k + 1] = heat(c);
		}
	}
	if (doc_heading(d, 2, heading, 140.0f) < 0)
		goto done;
	for (k = 0; k < count; k++) {
		const report_namnd_criterion *c = &r->criteria[first + k];
		if (doc_para(d, d->font, 8.0f, C_MUTED, 0.0f,
			     dfmt(d, "%s: %s (%s)", c->id, c->title,
				  c->legal_refs[0] ? c->legal_refs : "\xe2\x80\x93"),
			     1.0f) < 0)
			goto done;
	}
	d->y -= 3.0f;
	rc = doc_table_ex(d, cols, nc, cells, nr, SMALL_SIZE, bg, r->n_units, 0);
	d->y -= 8.0f;
done:
	free(cols);
	free(cells);
	free(bg);
	return rc;
}

/* The comparison tables: areas packed into tables of at most
 * NAMND_MAX_COLS criteria; an area larger than that is split. */
static int namnd_comparison(pdoc *d, const report_namnd *r)
{
	size_t a = 0;

	if (doc_heading(d, 1, "Jämförelse mellan enheterna", 200.0f) < 0 ||
	    doc_para(d, d->font, BODY_SIZE, C_TEXT, 0.0f,
		     dfmt(d, "Tabellerna visar för varje enhet och kriterium andelen uppfyllda av "
			     "de akter där kriteriet är tillämpligt. En andel som bygger på färre "
			     "än %d tillämpliga akter anges som \xe2\x80\x9d" "färre än %d\xe2\x80\x9d; "
			     "\xe2\x80\x93 betyder att kriteriet inte är tillämpligt i någon av "
			     "enhetens akter.", r->threshold, r->threshold), 4.0f) < 0)
		return -1;
	if (r->n_units > 0 && namnd_mean_chart(d, r) < 0)
		return -1;
	if (r->n_areas > 0 && r->n_units > 0 && namnd_area_table(d, r) < 0)
		return -1;
	if (r->n_units == 0 || r->n_criteria == 0)
		return 0;
	if (doc_heading(d, 1, "Andel uppfyllt per kriterium och enhet", 200.0f) < 0 ||
	    heat_legend(d, r) < 0)
		return -1;
	while (a < r->n_areas) {
		size_t first = r->areas[a].first, count = 0, b = a;
		abuf h = ABUF_INIT;
		int rc;

		if (r->areas[a].count > NAMND_MAX_COLS) {
			/* split one large area */
			size_t k;
			for (k = 0; k < r->areas[a].count; k += NAMND_MAX_COLS) {
				size_t n = r->areas[a].count - k < NAMND_MAX_COLS
						   ? r->areas[a].count - k : NAMND_MAX_COLS;
				if (namnd_crit_table(d, r, first + k, n,
						     k == 0 ? r->areas[a].heading
							    : dfmt(d, "%s (forts.)",
								   r->areas[a].heading)) < 0)
					return -1;
			}
			a++;
			continue;
		}
		while (b < r->n_areas && count + r->areas[b].count <= NAMND_MAX_COLS) {
			count += r->areas[b].count;
			b++;
		}
		for (size_t k = a; k < b; k++) {
			if (k > a && abuf_puts(&h, k + 1 == b ? " och " : ", ") < 0)
				d->oom = 1;
			if (abuf_puts(&h, k == a ? r->areas[k].heading
						 : report_area_heading(r->areas[k].key)) < 0)
				d->oom = 1;
		}
		/* lower-case the later headings: "Arbetsplan och uppföljning" */
		{
			char *t = abuf_take(&h);
			const char *shown;
			if (t == NULL) {
				d->oom = 1;
				return -1;
			}
			for (size_t k = a + 1; k < b; k++) {
				const char *hk = report_area_heading(r->areas[k].key);
				char *p = strstr(t, hk);
				if (p && p != t && (unsigned char)p[0] < 0x80)
					p[0] = (char)(p[0] >= 'A' && p[0] <= 'Z' ? p[0] - 'A' + 'a' : p[0]);
			}
			shown = arena_keep(d, t);
			rc = shown ? namnd_crit_table(d, r, first, count, shown) : -1;
		}
		if (rc < 0)
			return -1;
		a = b;
	}
	return pdoc_ok(d) ? 0 : -1;
}

/* One unit's section: text, areas against all units, development areas. */
static int namnd_unit_section(pdoc *d, const report_namnd *r, size_t ui)
{
	const report_namnd_unit *u = &r->units[ui];
	const char **labels = NULL;
	double *v = NULL;
	bar_series ser[2];
	size_t a, i;
	int rc = -1;

	if (doc_heading(d, 2, u->unit_name,
			50.0f + chart_height(r->n_areas, 2)) < 0)
		return -1;
	for (i = 0; i < u->n_text; i++)
		if (doc_para(d, d->font, 9.5f, C_TEXT, 0.0f, u->text[i], 2.0f) < 0)
			return -1;
	if (r->n_areas > 0) {
		labels = calloc(r->n_areas, sizeof(*labels));
		v = calloc(r->n_areas * 2, sizeof(*v));
		if (labels == NULL || v == NULL) {
			d->oom = 1;
			goto done;
		}
		for (a = 0; a < r->n_areas; a++) {
			labels[a] = r->areas[a].heading;
			v[a] = u->area_share[a];
			v[r->n_areas + a] = r->area_total[a];
		}
		memset(ser, 0, sizeof(ser));
		ser[0].name = u->unit_name;
		ser[0].value = v;
		ser[0].color = C_BAR;
		ser[1].name = "Samtliga enheter";
		ser[1].value = v + r->n_areas;
		ser[1].color = C_BAR2;
		d->y -= 2.0f;
		if (doc_barchart(d, labels, r->n_areas, ser, 2, 0,
				 "Andel uppfyllt per område (medelvärde över områdets kriterier)",
				 dfmt(d, "färre än %d", r->threshold)) < 0)
			goto done;
	}
	if (u->n_dev > 0) {
		size_t order[NAMND_DEV_SHOWN], n_order = 0, k, j;

		/* the lowest shares, in checklist order */
		for (k = 0; k < u->n_dev; k++) {
			double sh = r->cells[ui * r->n_criteria + u->dev[k]].share;
			for (j = 0; j < n_order; j++)
				if (sh < r->cells[ui * r->n_criteria + order[j]].share)
					break;
			if (j >= NAMND_DEV_SHOWN)
				continue;
			if (n_order < NAMND_DEV_SHOWN)
				n_order++;
			memmove(&order[j + 1], &order[j], (n_order - 1 - j) * sizeof(order[0]));
			order[j] = u->dev[k];
		}
		if (doc_para(d, d->bold, 9.5f, C_TEXT, 0.0f,
			     u->n_dev > n_order
				     ? dfmt(d, "Lägst andel uppfyllt (%zu av enhetens %zu kriterier under 75 %%)",
					    n_order, u->n_dev)
				     : "Utvecklingsområden (under 75 %)", 2.0f) < 0)
			goto done;
		for (i = 0; i < n_order; i++) {
			const report_namnd_criterion *c = &r->criteria[order[i]];
			const report_namnd_cell *cell = &r->cells[ui * r->n_criteria + order[i]];

			if (doc_bullet(d, 9.0f, dfmt(d, "%s %s: %s (samtliga enheter %s)", c->id, c->title,
						     namnd_cell(d, r, cell),
						     namnd_cell(d, r, &c->total))) < 0)
				goto done;
		}
	}
	d->y -= 8.0f;
	rc = pdoc_ok(d) ? 0 : -1;
done:
	free(labels);
	free(v);
	return rc;
}

int pdf_render_namnd_report(unsigned char **out, size_t *len, const report_namnd *r,
			    const pdf_opts *o, audit_err *e)
{
	pdoc d;
	size_t u;
	int rc;

	*out = NULL;
	*len = 0;
	if (r == NULL || !r->finished)
		return audit_err_set(e, AUDIT_EIO, NULL, 0, 0,
				     "pdf: the nämnd model is not finished (report_namnd_finish)");
	if ((rc = pdoc_begin(&d, o, e, r->title,
			     "Jämförelse av %zu enheter mot checklistan %s version %s, "
			     "referensdatum %s", r->n_units, r->checklist_name,
			     r->checklist_version, r->ref_date)) < 0) {
		pdoc_free(&d);
		return rc;
	}
	d.head_left = clean(&d, "Delrapport till nämnden");
	d.head_right = clean(&d, dfmt(&d, "%zu enheter \xc2\xb7 referensdatum %s", r->n_units,
				      r->ref_date));
	d.foot_left = clean(&d, dfmt(&d, "Checklista %s %s \xc2\xb7 Referensdatum %s",
				     r->checklist_name, r->checklist_version, r->ref_date));
	rc = namnd_cover(&d, r) < 0 || namnd_summary(&d, r) < 0 || namnd_comparison(&d, r) < 0;
	if (!rc && r->n_units > 0) {
		rc = doc_heading(&d, 1, "Enheterna", 200.0f) < 0 ||
		     doc_para(&d, d.font, BODY_SIZE, C_TEXT, 0.0f,
			      "För varje enhet: antal granskade akter, genomsnittlig andel uppfyllt, "
			      "andel uppfyllt per område jämfört med samtliga enheter och enhetens "
			      "utvecklingsområden. Den fullständiga redovisningen finns i enheternas "
			      "egna rapporter.", 4.0f) < 0;
		for (u = 0; !rc && u < r->n_units; u++)
			rc = namnd_unit_section(&d, r, u) < 0;
	}
	if (rc) {
		rc = pdoc_fail(&d, e, "laying out the nämnd report");
		pdoc_free(&d);
		return rc;
	}
	rc = pdoc_finish(&d, out, len, e);
	pdoc_free(&d);
	return rc;
}

/* ================================================================
 * The action list (internal)
 * ================================================================ */

#define OSL_MARK "Innehåller uppgifter som omfattas av sekretess enligt OSL 26 kap."

static const char *handlaggare_label(pdoc *d, const report_action_group *g)
{
	if (g->handlaggare_name[0] && g->handlaggare_id[0])
		return dfmt(d, "%s (%s)", g->handlaggare_name, g->handlaggare_id);
	if (g->handlaggare_name[0] || g->handlaggare_id[0])
		return g->handlaggare_name[0] ? g->handlaggare_name : g->handlaggare_id;
	return "Ingen handläggare angiven";
}

int pdf_render_actions(unsigned char **out, size_t *len, const report_actions *r,
		       const pdf_opts *o, audit_err *e)
{
	static const tcol ov_cols[] = {
		{ "Handläggare", CONTENT_W - 3 * 80.0f, 0 },
		{ "Akter med brister", 80.0f, 1 },
		{ "Ej uppfyllt", 80.0f, 1 },
		{ "Delvis uppfyllt", 80.0f, 1 },
	};
	static const tcol cols[] = {
		{ "Akt", 78.0f, 0 },
		{ "Kriterium", 128.0f, 0 },
		{ "Bedömning", 72.0f, 0 },
		{ "Vad saknas eller är försenat", CONTENT_W - 78.0f - 128.0f - 72.0f, 0 },
	};
	const float key_w = 130.0f;
	pdoc d;
	size_t g, i;
	int rc, bad = 0;

	*out = NULL;
	*len = 0;
	if (r == NULL || !r->finished)
		return audit_err_set(e, AUDIT_EIO, NULL, 0, 0,
				     "pdf: the action list is not finished (report_actions_finish)");
	if ((rc = pdoc_begin(&d, o, e, r->title,
			     "Åtgärdslista för %s, referensdatum %s. " OSL_MARK, r->unit_name,
			     r->ref_date)) < 0) {
		pdoc_free(&d);
		return rc;
	}
	d.mark = OSL_MARK;
	d.header_on_first = 1;
	d.head_left = clean(&d, "Åtgärdslista \xe2\x80\x93 internt");
	d.head_right = clean(&d, r->unit_name);
	d.foot_left = clean(&d, dfmt(&d, "Checklista %s %s \xc2\xb7 Referensdatum %s",
				     r->checklist_name, r->checklist_version, r->ref_date));
	if (cover_top(&d, "ÅTGÄRDSLISTA \xe2\x80\x93 INTERNT ARBETSMATERIAL", r->title,
		      r->unit_name) < 0 ||
	    doc_keyval(&d, "Enhet", strcmp(r->unit_name, r->unit_id) == 0
					    ? r->unit_name
					    : dfmt(&d, "%s (%s)", r->unit_name, r->unit_id),
		       key_w) < 0 ||
	    doc_keyval(&d, "Referensdatum", r->ref_date, key_w) < 0 ||
	    doc_keyval(&d, "Checklista",
		       dfmt(&d, "%s, version %s", r->checklist_name, r->checklist_version),
		       key_w) < 0 ||
	    doc_keyval(&d, "Akter", dfmt(&d, "%d, varav %d med brister", r->n_akter,
					 r->n_akter_with), key_w) < 0 ||
	    doc_keyval(&d, "Framställd", r->produced_date, key_w) < 0 || cover_end(&d) < 0)
		bad = 1;
	for (i = 0; !bad && i < r->n_summary; i++)
		bad = doc_para(&d, d.font, BODY_SIZE, C_TEXT, 0.0f, r->summary[i], 5.0f) < 0;
	if (!bad && r->n_groups == 0)
		bad = doc_para(&d, d.bold, BODY_SIZE, C_TEXT, 0.0f,
			       "Inga brister: alla tillämpliga kriterier är uppfyllda.", 0.0f) < 0;
	if (!bad && r->n_groups > 0) {
		const char **cells = calloc(r->n_groups * 4, sizeof(*cells));

		if (cells == NULL) {
			d.oom = 1;
			bad = 1;
		} else {
			for (g = 0; g < r->n_groups; g++) {
				const report_action_group *gr = &r->groups[g];
				cells[g * 4] = handlaggare_label(&d, gr);
				cells[g * 4 + 1] = dfmt(&d, "%d", gr->n_akter);
				cells[g * 4 + 2] = dfmt(&d, "%d", gr->n_ej);
				cells[g * 4 + 3] = dfmt(&d, "%d", gr->n_delvis);
			}
			bad = doc_heading(&d, 2, "Översikt per handläggare", 40.0f) < 0 ||
			      doc_table(&d, ov_cols, 4, cells, r->n_groups, SMALL_SIZE) < 0;
			free(cells);
		}
	}
	for (g = 0; !bad && g < r->n_groups; g++) {
		const report_action_group *gr = &r->groups[g];
		const char **cells = calloc(gr->n_items * 4 + 1, sizeof(*cells));

		if (cells == NULL) {
			d.oom = 1;
			bad = 1;
			break;
		}
		for (i = 0; i < gr->n_items; i++) {
			const report_action *a = &gr->items[i];
			cells[i * 4] = a->akt_id;
			cells[i * 4 + 1] = dfmt(&d, "%s %s", a->criterion_id, a->criterion_title);
			cells[i * 4 + 2] = verdict_label(a->value);
			cells[i * 4 + 3] = a->message[0] ? a->message : "\xe2\x80\x93";
		}
		bad = doc_heading(&d, 1, dfmt(&d, "Handläggare: %s", handlaggare_label(&d, gr)),
				  70.0f) < 0 ||
		      doc_para(&d, d.font, 9.0f, C_MUTED, 0.0f,
			       dfmt(&d, "%d %s, %d ej uppfyllda och %d delvis uppfyllda kriterier.",
				    gr->n_akter, gr->n_akter == 1 ? "akt" : "akter", gr->n_ej,
				    gr->n_delvis), 3.0f) < 0 ||
		      doc_table(&d, cols, 4, cells, gr->n_items, SMALL_SIZE) < 0;
		free(cells);
	}
	if (bad) {
		rc = pdoc_fail(&d, e, "laying out the action list");
		pdoc_free(&d);
		return rc;
	}
	rc = pdoc_finish(&d, out, len, e);
	pdoc_free(&d);
	return rc;
}
