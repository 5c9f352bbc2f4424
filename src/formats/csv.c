/*
 * formats/csv.c: CSV as Excel and the CRMs write it (csv.h), over libcsv.
 *
 * The input is made UTF-8 with LF line ends first (the encoding told
 * and transcoded by formats/encoding.h, as for transcripts, then normalise: line numbers do not change, since CR LF and a lone CR each
 * end one line), the separator is chosen from the header line, and then
 * libcsv is fed one line at a time so every row knows the line it started
 * on and a parse error knows its column.
 */
#include "util/common.h"
#include <csv.h>
#include "util/buf.h"
#include "util/error.h"
#include "util/utf8.h"
#include "formats/csv.h"
#include "formats/encoding.h"

static int oom(struct candor_error *err)
{
	return candor_error_set(err, CANDOR_ERROR, NULL, "out of memory");
}

/* The number of characters in s[0..n) (UTF-8, already checked). */
static size_t chars(const char *s, size_t n)
{
	size_t k = 0;

	for (size_t i = 0; i < n; i++)
		k += ((unsigned char)s[i] & 0xC0) != 0x80;
	return k;
}

/* Where byte off of s is: 1-based line and column (in characters). */
static void place(const char *s, size_t off, size_t *line, size_t *col)
{
	size_t start = 0;

	*line = 1;
	for (size_t i = 0; i < off; i++)
		if (s[i] == '\n' || (s[i] == '\r' && s[i + 1] != '\n'))
			(*line)++, start = i + 1;
	*col = chars(s + start, off - start) + 1;
}

/* Check that s[0..n) has no NUL bytes and (unless bytes) is UTF-8. */
static int check_text(const char *s, size_t n, bool bytes, const char *name,
		      struct candor_error *err)
{
	size_t bad = bytes ? n : candor_utf8_check(s, n), nul, line, col;
	const char *z = memchr(s, '\0', n);

	nul = z ? (size_t)(z - s) : n;
	if (bad == n && nul == n)
		return 0;
	place(s, bad < nul ? bad : nul, &line, &col);
	if (nul < bad)
		return candor_error_set(err, CANDOR_EINVALID, "file", "%s:%zu:%zu: a NUL byte: "
					"this is not a text file", name, line, col);
	/* the encoding's rule found UTF-8 elsewhere in the file: this is damage */
	return candor_error_set(err, CANDOR_EINVALID, "file", "%s:%zu:%zu: byte 0x%02X is not "
				"UTF-8, and the rest of the file is (is it damaged? save it again "
				"as \"CSV UTF-8\")", name, line, col, (unsigned char)s[bad]);
}

int candor_text_decode(struct candor_buf *out, const char **encoding, const char *data,
		       size_t len, const char *name, unsigned flags, struct candor_error *err)
{
	const char *s = data, *guess = NULL;
	char *wide = NULL;
	size_t n = len;
	bool bytes = flags & CANDOR_TEXT_BYTES;
	int rc = 0;

	*encoding = "UTF-8";
	if (bytes)
		guess = candor_encoding_bom(data, len);
	else if ((rc = candor_encoding_guess(&guess, data, len, name, err)))
		goto cleanup;
	if (guess) {
		if ((rc = candor_encoding_transcode(&wide, &n, guess, data, len, name, err)))
			goto cleanup;
		s = wide, *encoding = guess;
	}
	if (n >= 3 && !memcmp(s, "\xEF\xBB\xBF", 3))
		s += 3, n -= 3;
	if ((rc = check_text(s, n, bytes, name, err)))
		goto cleanup;
	if (candor_buf_grow(out, n)) {
		rc = oom(err);
		goto cleanup;
	}
	for (size_t i = 0; i < n; i++) {
		if (s[i] != '\r')
			out->ptr[out->len++] = s[i];
		else if (i + 1 == n || s[i + 1] != '\n')
			out->ptr[out->len++] = '\n';
	}
	out->ptr[out->len] = '\0';
cleanup:
	free(wide);
	return rc;
}

/* The separator the header line (the first that is not blank) uses most, outside quotes. */
static char separator(const char *s, size_t n)
{
	size_t comma = 0, semi = 0, tab = 0, i = 0;
	bool quoted = false;

	while (i < n && s[i] == '\n')
		i++;
	for (; i < n && (quoted || s[i] != '\n'); i++) {
		if (s[i] == '"')
			quoted = !quoted;
		else if (!quoted)
			comma += s[i] == ',', semi += s[i] == ';', tab += s[i] == '\t';
	}
	if (tab > comma && tab >= semi)
		return '\t';
	return semi > comma ? ';' : ',';
}

/* What the callbacks build. */
struct reader {
	struct candor_csv *out;
	struct candor_csv_row cur;
	size_t alloc, cur_alloc;
	size_t start;        /* the line the row being read started on */
	bool ended;          /* a row ended in the line just fed */
	int rc;              /* the first failure */
	const char *name;
	struct candor_error *err;
};

static void on_field(void *s, size_t len, void *data)
{
	struct reader *r = data;
	char *f;

	if (r->rc)
		return;
	if (r->cur.n == r->cur_alloc) {
		size_t want = r->cur_alloc ? 2 * r->cur_alloc : 16;
		char **v = realloc(r->cur.f, want * sizeof(*v));

		if (!v) {
			r->rc = oom(r->err);
			return;
		}
		r->cur.f = v, r->cur_alloc = want;
	}
	if (!(f = malloc(len + 1))) {
		r->rc = oom(r->err);
		return;
	}
	if (len)
		memcpy(f, s, len);
	f[len] = '\0';
	r->cur.f[r->cur.n++] = f;
}

static void row_release(struct candor_csv_row *row)
{
	for (size_t i = 0; i < row->n; i++)
		free(row->f[i]);
	free(row->f);
	row->f = NULL;
	row->n = 0;
}

/* Pad the row to the header's width; refuse one wider. */
static int row_fit(struct reader *r)
{
	size_t want = r->out->head.n;
	char **v;

	if (r->cur.n > want)
		return candor_error_set(r->err, CANDOR_EINVALID, "file", "%s:%zu: this row has %zu "
					"fields and the header %zu (is a comma or a quote missing?)",
					r->name, r->cur.line, r->cur.n, want);
	if (r->cur.n == want)
		return 0;
	if (!(v = realloc(r->cur.f, want * sizeof(*v))))
		return oom(r->err);
	r->cur.f = v, r->cur_alloc = want;
	while (r->cur.n < want)
		if (!(r->cur.f[r->cur.n++] = calloc(1, 1)))
			return oom(r->err);
	return 0;
}

/* Whether every field of row is empty or spaces (Excel writes ",,,," for a formatted empty row). */
static bool row_blank(const struct candor_csv_row *row)
{
	for (size_t i = 0; i < row->n; i++)
		if (row->f[i][strspn(row->f[i], " \t")])
			return false;
	return true;
}

static void on_row(int c, void *data)
{
	struct reader *r = data;
	struct candor_csv *out = r->out;

	r->ended = true;
	r->cur.line = r->start;
	if (r->rc)
		return;
	if (row_blank(&r->cur)) {
		row_release(&r->cur);
		r->cur_alloc = 0;
		return;
	}
	if (!out->head.f) {
		out->head = r->cur;
	} else {
		if ((r->rc = row_fit(r)))
			return;
		if (out->nrows == r->alloc) {
			size_t want = r->alloc ? 2 * r->alloc : 64;
			struct candor_csv_row *v = realloc(out->rows, want * sizeof(*v));

			if (!v) {
				r->rc = oom(r->err);
				return;
			}
			out->rows = v, r->alloc = want;
		}
		out->rows[out->nrows++] = r->cur;
	}
	memset(&r->cur, 0, sizeof(r->cur));
	r->cur_alloc = 0;
}

static int no_space(unsigned char c)
{
	return 0;  /* spaces are part of a field (RFC 4180); names are trimmed later */
}

static int parse_error(struct reader *r, const char *line, size_t no, size_t at)
{
	return candor_error_set(r->err, CANDOR_EINVALID, "file", "%s:%zu:%zu: a quote where "
				"none can be (a field with a quote must be quoted whole, and its "
				"quotes doubled: \"say \"\"hi\"\"\")", r->name, no, chars(line, at) + 1);
}

/* Feed s (decoded) to libcsv one line at a time. */
static int parse(struct reader *r, struct csv_parser *p, const char *s, size_t n)
{
	bool between = true;
	size_t no = 1;

	for (size_t i = 0; i < n && !r->rc; no++) {
		const char *nl = memchr(s + i, '\n', n - i);
		size_t len = nl ? (size_t)(nl - (s + i)) + 1 : n - i, used;

		if (between)
			r->start = no;
		r->ended = false;
		used = csv_parse(p, s + i, len, on_field, on_row, r);
		if (r->rc)
			break;
		if (used < len) {
			if (csv_error(p) == CSV_EPARSE)
				return parse_error(r, s + i, no, used);
			return oom(r->err);
		}
		between = r->ended || (between && len <= 1);
		i += len;
	}
	if (!r->rc && csv_fini(p, on_field, on_row, r) && csv_error(p) == CSV_EPARSE)
		return candor_error_set(r->err, CANDOR_EINVALID, "file", "%s:%zu: a quoted field "
					"that starts on this line is never closed", r->name, r->start);
	return r->rc;
}

int candor_csv_read(struct candor_csv *out, const char *data, size_t len, const char *name,
		    struct candor_error *err)
{
	struct candor_buf text = CANDOR_BUF_INIT;
	struct reader r = { .out = out, .name = name, .err = err };
	struct csv_parser p;
	bool parser = false;
	int rc;

	if ((rc = candor_text_decode(&text, &out->encoding, data, len, name, 0, err)))
		goto cleanup;
	out->sep = separator(text.ptr, text.len);
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI)) {
		rc = oom(err);
		goto cleanup;
	}
	parser = true;
	csv_set_delim(&p, (unsigned char)out->sep);
	csv_set_space_func(&p, no_space);
	if ((rc = parse(&r, &p, text.ptr, text.len)))
		goto cleanup;
	if (!out->head.f)
		rc = candor_error_set(err, CANDOR_EINVALID, "file", "%s: the file is empty: a "
				      "CSV file starts with a line of column names", name);
cleanup:
	row_release(&r.cur);
	if (parser)
		csv_free(&p);
	candor_buf_release(&text);
	return rc;
}

void candor_csv_release(struct candor_csv *c)
{
	row_release(&c->head);
	for (size_t i = 0; i < c->nrows; i++)
		row_release(&c->rows[i]);
	free(c->rows);
	c->rows = NULL;
	c->nrows = 0;
}

long candor_csv_column(const struct candor_csv *c, const char *name)
{
	for (size_t i = 0; i < c->head.n; i++)
		if (!strcmp(c->head.f[i], name))
			return (long)i;
	return -1;
}
