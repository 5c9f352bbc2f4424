/*
 * formats/vcard.c: vCard 2.1, 3.0 and 4.0 in, vCard 3.0 out (vcard.h).
 *
 * Reading goes: the text decoded (csv.c's candor_text_decode: BOM, UTF-16,
 * LF line ends; 8-bit bytes left as they are), physical lines joined into
 * logical ones (folding; quoted-printable soft breaks), each logical line
 * split into group, name, parameters and value, the value decoded
 * (quoted-printable, then its CHARSET) and unescaped, and put in its
 * card's column.  A value that names no CHARSET is in the file's
 * encoding, told by formats/encoding.h's rule over all such values (a
 * first pass collects them, each on its own line so a refusal names the
 * line): an Outlook card saved in Windows-1252 reads right, and a CHARSET
 * on a property wins over the file's guess.
 */
#include "util/common.h"
#include <strings.h>
#include "util/error.h"
#include "util/utf8.h"
#include "formats/encoding.h"
#include "formats/vcard.h"

/* Properties never imported: binary or tool-specific. */
static const char *const ignored[] = {
	"PHOTO", "LOGO", "SOUND", "KEY", "VERSION", "PRODID", "REV", "BEGIN", "END", "UID",
	"LABEL", "CLIENTPIDMAP", "SOURCE", "KIND", "AGENT", "MAILER", "TZ", "GEO", NULL,
};

/* The columns every table starts with, in this order. */
enum { C_FN, C_GIVEN, C_ADDITIONAL, C_FAMILY, C_EMAIL, C_ORG, C_TITLE, C_FIXED };
static const char *const fixed[C_FIXED] = {
	"FN", "N:given", "N:additional", "N:family", "EMAIL", "ORG", "TITLE",
};

struct reader {
	struct candor_csv *out;
	const char *name;
	struct candor_error *err;
	size_t hcap, rcap;
	struct candor_csv_row *card;   /* the card being read, or NULL */
	size_t ccap;                   /* of card->f */
	const char *version;
	/* the first pass: the values naming no CHARSET, each at its line */
	bool sampling;
	struct candor_buf sample;
	size_t sample_lines;           /* the '\n's in it: its last line is sample_lines + 1 */
	const char *charset;           /* the second: the file's guess, or NULL (UTF-8) */
};

static int oom(struct candor_error *err)
{
	return candor_error_set(err, CANDOR_ERROR, NULL, "out of memory");
}

static int bad(struct reader *r, size_t line, const char *what)
{
	return candor_error_set(r->err, CANDOR_EINVALID, "file", "%s:%zu: %s", r->name, line, what);
}

bool candor_vcard_detect(const char *data, size_t len)
{
	size_t i = 0;

	if (len >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3))
		i = 3;
	while (i < len && (data[i] == '\r' || data[i] == '\n' || data[i] == ' ' || data[i] == '\t'))
		i++;
	return len - i >= 11 && !strncasecmp(data + i, "BEGIN:VCARD", 11);
}

/* ---- the table ---- */

/* The index of column name, added when new. */
static int column(struct reader *r, const char *name, size_t *out)
{
	struct candor_csv_row *h = &r->out->head;
	char *copy;

	for (size_t i = 0; i < h->n; i++)
		if (!strcmp(h->f[i], name)) {
			*out = i;
			return 0;
		}
	if (h->n == r->hcap) {
		size_t want = r->hcap ? 2 * r->hcap : 16;
		char **v = realloc(h->f, want * sizeof(*v));

		if (!v)
			return oom(r->err);
		h->f = v, r->hcap = want;
	}
	if (!(copy = strdup(name)))
		return oom(r->err);
	h->f[h->n] = copy;
	*out = h->n++;
	return 0;
}

/* Put value (consumed) in column col of the current card; an occupied
 * cell goes to "NAME 2", "NAME 3"... */
static int put(struct reader *r, const char *name, char *value)
{
	char numbered[128];
	size_t col = 0;
	int rc = 0;

	for (int k = 1; !rc; k++) {
		if (k == 1)
			snprintf(numbered, sizeof(numbered), "%s", name);
		else
			snprintf(numbered, sizeof(numbered), "%s %d", name, k);
		if ((rc = column(r, numbered, &col)))
			break;
		if (col >= r->card->n || !r->card->f[col] || !*r->card->f[col])
			break;
	}
	if (rc) {
		free(value);
		return rc;
	}
	if (col >= r->ccap) {
		size_t want = col + 16;
		char **v = realloc(r->card->f, want * sizeof(*v));

		if (!v) {
			free(value);
			return oom(r->err);
		}
		memset(v + r->ccap, 0, (want - r->ccap) * sizeof(*v));
		r->card->f = v, r->ccap = want;
	}
	if (col >= r->card->n)
		r->card->n = col + 1;
	free(r->card->f[col]);
	r->card->f[col] = value;
	return 0;
}

static int card_begin(struct reader *r, size_t line)
{
	struct candor_csv *out = r->out;

	if (r->card)
		return bad(r, line, "BEGIN:VCARD inside another vCard (an END:VCARD is missing "
			   "before it)");
	if (out->nrows == r->rcap) {
		size_t want = r->rcap ? 2 * r->rcap : 32;
		struct candor_csv_row *v = realloc(out->rows, want * sizeof(*v));

		if (!v)
			return oom(r->err);
		out->rows = v, r->rcap = want;
	}
	r->card = &out->rows[out->nrows++];
	memset(r->card, 0, sizeof(*r->card));
	r->card->line = line;
	r->ccap = 0;
	return 0;
}

/* Every row as wide as the header, empty cells "". */
static int pad_rows(struct reader *r)
{
	size_t n = r->out->head.n;

	for (size_t i = 0; i < r->out->nrows; i++) {
		struct candor_csv_row *row = &r->out->rows[i];
		char **v = realloc(row->f, (n ? n : 1) * sizeof(*v));

		if (!v)
			return oom(r->err);
		row->f = v;
		for (size_t k = 0; k < n; k++)
			if (k >= row->n || !row->f[k])
				if (!(row->f[k] = calloc(1, 1)))
					return oom(r->err);
		row->n = n;
	}
	return 0;
}

/* ---- one property ---- */

struct prop {
	char name[64];         /* upper case, group dropped */
	bool qp, binary;
	char charset[64];
	const char *value;     /* into the logical line */
};

static int hex(int c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'A' && c <= 'F' ? c - 'A' + 10
	       : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* Quoted-printable decoded into out. */
static int qp_decode(struct reader *r, struct candor_buf *out, const char *s, size_t line)
{
	for (; *s; s++) {
		if (*s != '=') {
			candor_buf_addch(out, *s);
		} else if (hex(s[1]) >= 0 && hex(s[2]) >= 0) {
			candor_buf_addch(out, hex(s[1]) * 16 + hex(s[2]));
			s += 2;
		} else {
			return bad(r, line, "a quoted-printable value with '=' not followed by two "
				   "hex digits");
		}
	}
	return candor_buf_error(out) ? oom(r->err) : 0;
}

/* b (in charset) made UTF-8. */
static int recode(struct reader *r, struct candor_buf *b, const char *charset, size_t line)
{
	struct candor_error e = CANDOR_ERROR_INIT;
	char *to = NULL;
	size_t tolen = 0;
	int rc;

	if (!*charset || !strcasecmp(charset, "UTF-8") || !strcasecmp(charset, "US-ASCII"))
		return 0;
	/* a name is letters, digits and "-_.:"; anything else is not echoed */
	if (charset[strspn(charset, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
			   "0123456789-_.:")])
		return bad(r, line, "a CHARSET that is not the name of a character set");
	rc = candor_encoding_transcode(&to, &tolen, charset, b->ptr, b->len, r->name, &e);
	if (rc == CANDOR_ENOTFOUND)
		rc = candor_error_set(r->err, CANDOR_EINVALID, "file", "%s:%zu: CHARSET=%s is not "
				      "a character set Candor knows", r->name, line, charset);
	else if (rc == CANDOR_EINVALID)
		rc = bad(r, line, "a value that is not valid in the CHARSET it names");
	else if (rc)
		rc = oom(r->err);
	else if (candor_buf_reset(b), candor_buf_add(b, to, tolen))
		rc = oom(r->err);
	free(to);
	return rc;
}

/* The first pass: s[0..n) (a value naming no CHARSET) goes into the sample at its line. */
static int sample(struct reader *r, const char *s, size_t n, size_t line)
{
	while (r->sample_lines + 1 < line && !candor_buf_error(&r->sample))
		candor_buf_addch(&r->sample, '\n'), r->sample_lines++;
	for (size_t i = 0; i < n; i++)  /* a quoted-printable =0A must not start a line */
		candor_buf_addch(&r->sample, s[i] == '\n' || s[i] == '\r' ? ' ' : s[i]);
	return candor_buf_error(&r->sample) ? oom(r->err) : 0;
}

/* Split the logical line s into p; false when it has no ':'. */
static bool split(char *s, struct prop *p)
{
	char *colon = NULL, *semi, *name_end;
	bool quoted = false;

	memset(p, 0, sizeof(*p));
	for (char *c = s; *c && !colon; c++) {
		if (*c == '"')
			quoted = !quoted;
		else if (*c == ':' && !quoted)
			colon = c;
	}
	if (!colon)
		return false;
	*colon = '\0';
	p->value = colon + 1;
	name_end = s + strcspn(s, ";");
	semi = *name_end ? name_end + 1 : name_end;
	*name_end = '\0';
	{
		const char *dot = strrchr(s, '.');  /* item1.EMAIL: the group goes */
		const char *n = dot ? dot + 1 : s;
		size_t i = 0;

		for (; n[i] && i + 1 < sizeof(p->name); i++)
			p->name[i] = (char)(n[i] >= 'a' && n[i] <= 'z' ? n[i] - 32 : n[i]);
		p->name[i] = '\0';
	}
	while (*semi) {
		char *param = semi, *end = semi + strcspn(semi, ";");

		semi = *end ? end + 1 : end;
		*end = '\0';
		if (!strcasecmp(param, "QUOTED-PRINTABLE") ||
		    !strcasecmp(param, "ENCODING=QUOTED-PRINTABLE"))
			p->qp = true;
		else if (!strcasecmp(param, "BASE64") || !strcasecmp(param, "ENCODING=B") ||
			 !strcasecmp(param, "ENCODING=BASE64"))
			p->binary = true;
		else if (!strncasecmp(param, "CHARSET=", 8))
			snprintf(p->charset, sizeof(p->charset), "%s", param + 8);
	}
	return true;
}

/* Unescape s[0..n) (\n \N \, \; \\ \:) into a malloc'd string. */
static char *unescape(const char *s, size_t n)
{
	struct candor_buf b = CANDOR_BUF_INIT;

	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\\' && i + 1 < n) {
			i++;
			candor_buf_addch(&b, s[i] == 'n' || s[i] == 'N' ? '\n' : s[i]);
		} else {
			candor_buf_addch(&b, s[i]);
		}
	}
	if (candor_buf_error(&b)) {
		candor_buf_release(&b);
		return NULL;
	}
	return b.len ? candor_buf_detach(&b, NULL) : calloc(1, 1);
}

/* The next component of a structured value (up to an unescaped ';'). */
static size_t component(const char *s)
{
	size_t i = 0;

	while (s[i] && s[i] != ';')
		i += s[i] == '\\' && s[i + 1] ? 2 : 1;
	return i;
}

/* N: family;given;additional;prefix;suffix */
static int put_n(struct reader *r, const char *v)
{
	static const int cols[] = { C_FAMILY, C_GIVEN, C_ADDITIONAL };
	int rc = 0;

	for (size_t k = 0; k < CANDOR_ARRAY_SIZE(cols) && !rc; k++) {
		size_t n = component(v);
		char *part = unescape(v, n);

		rc = part ? put(r, fixed[cols[k]], part) : oom(r->err);
		v += n + (v[n] == ';');
	}
	return rc;
}

/* ORG: name;unit;...  and ADR: its components, joined with ", ". */
static int put_structured(struct reader *r, const char *name, const char *v, bool first_only)
{
	struct candor_buf b = CANDOR_BUF_INIT;
	char *part;

	for (;;) {
		size_t n = component(v);

		if (!(part = unescape(v, n))) {
			candor_buf_release(&b);
			return oom(r->err);
		}
		if (*part)
			candor_buf_addf(&b, "%s%s", b.len ? ", " : "", part);
		free(part);
		if (first_only || !v[n])
			break;
		v += n + 1;
	}
	if (candor_buf_error(&b)) {
		candor_buf_release(&b);
		return oom(r->err);
	}
	return put(r, name, b.len ? candor_buf_detach(&b, NULL) : calloc(1, 1));
}

static bool is_ignored(const char *name)
{
	if (!strncmp(name, "X-", 2))
		return true;
	for (const char *const *i = ignored; *i; i++)
		if (!strcmp(*i, name))
			return true;
	return false;
}

static int property(struct reader *r, const struct prop *p, size_t line)
{
	struct candor_buf v = CANDOR_BUF_INIT;
	int rc = 0;

	if (p->binary || is_ignored(p->name))
		return 0;
	if (p->qp)
		rc = qp_decode(r, &v, p->value, line);
	else if (candor_buf_adds(&v, p->value))
		rc = oom(r->err);
	if (!rc && r->sampling) {
		rc = *p->charset ? 0 : sample(r, v.ptr, v.len, line);
		goto cleanup;
	}
	if (!rc)
		rc = recode(r, &v, *p->charset ? p->charset : r->charset ? r->charset : "", line);
	if (!rc && (!candor_utf8_valid(v.ptr, v.len) || memchr(v.ptr, '\0', v.len)))
		rc = bad(r, line, "a value that is not UTF-8 text (say its CHARSET)");
	if (rc)
		goto cleanup;
	if (!strcmp(p->name, "N")) {
		rc = put_n(r, v.ptr);
	} else if (!strcmp(p->name, "ORG")) {
		rc = put_structured(r, "ORG", v.ptr, true);
	} else if (!strcmp(p->name, "ADR")) {
		rc = put_structured(r, "ADR", v.ptr, false);
	} else {
		char *u = unescape(v.ptr, v.len);

		rc = u ? put(r, p->name, u) : oom(r->err);
	}
cleanup:
	candor_buf_release(&v);
	return rc;
}

static const char *version_of(const char *v)
{
	return !strcmp(v, "2.1") ? "2.1" : !strcmp(v, "3.0") ? "3.0" : !strcmp(v, "4.0") ? "4.0"
	       : "?";
}

/* One logical line (modified in place). */
static int logical(struct reader *r, char *s, size_t line)
{
	struct prop p;

	if (!*s)
		return 0;
	if (!split(s, &p))
		return bad(r, line, r->card ? "not a vCard line (NAME:VALUE)"
			   : "not a vCard: every card starts with BEGIN:VCARD");
	if (!strcmp(p.name, "BEGIN")) {
		if (strcasecmp(p.value, "VCARD"))
			return bad(r, line, "BEGIN of something other than VCARD");
		return card_begin(r, line);
	}
	if (!r->card)
		return bad(r, line, "a line outside BEGIN:VCARD ... END:VCARD");
	if (!strcmp(p.name, "END")) {
		if (strcasecmp(p.value, "VCARD"))
			return bad(r, line, "END of something other than VCARD");
		r->card = NULL;
		return 0;
	}
	if (!strcmp(p.name, "VERSION") && !r->version)
		r->version = version_of(p.value);
	return property(r, &p, line);
}

/* Whether the logical line so far is a quoted-printable property. */
static bool qp_line(const char *s, size_t n)
{
	const char *colon = memchr(s, ':', n);
	size_t upto = colon ? (size_t)(colon - s) : n;

	for (size_t i = 0; i + 16 <= upto; i++)
		if (!strncasecmp(s + i, "QUOTED-PRINTABLE", 16))
			return true;
	return false;
}

static int read_lines(struct reader *r, const char *s, size_t n)
{
	struct candor_buf cur = CANDOR_BUF_INIT;
	size_t no = 0, start = 1;
	int rc = 0;

	for (size_t i = 0; i < n && !rc; no++) {
		const char *nl = memchr(s + i, '\n', n - i);
		size_t len = nl ? (size_t)(nl - (s + i)) : n - i;
		const char *l = s + i;
		bool soft = cur.len && qp_line(cur.ptr, cur.len) && cur.ptr[cur.len - 1] == '=';

		i += len + (nl != NULL);
		if (soft) {                          /* 2.1: "=" at the end continues */
			candor_buf_truncate(&cur, cur.len - 1);
			candor_buf_add(&cur, l, len);
		} else if (len && (l[0] == ' ' || l[0] == '\t') && cur.len) {
			candor_buf_add(&cur, l + 1, len - 1);  /* folded */
		} else {
			if (cur.len)
				rc = logical(r, cur.ptr, start);
			candor_buf_reset(&cur);
			candor_buf_add(&cur, l, len);
			start = no + 1;
		}
		if (candor_buf_error(&cur))
			rc = oom(r->err);
	}
	if (!rc && cur.len)
		rc = logical(r, cur.ptr, start);
	candor_buf_release(&cur);
	return rc;
}

/* Read the cards of text into r->out (or, sampling, only collect r->sample). */
static int read_cards(struct reader *r, const struct candor_buf *text)
{
	size_t col;
	int rc = 0;

	for (int k = 0; k < C_FIXED && !rc; k++)
		rc = column(r, fixed[k], &col);
	if (!rc)
		rc = read_lines(r, text->ptr, text->len);
	if (!rc && r->card)
		rc = bad(r, r->card->line, "this vCard has no END:VCARD");
	if (!rc && !r->out->nrows)
		rc = bad(r, 1, "no vCard in the file (BEGIN:VCARD ... END:VCARD)");
	if (!rc)
		rc = pad_rows(r);
	if (rc)  /* rows may be ragged: make them safe to release */
		pad_rows(r);
	return rc;
}

/*
 * The encoding of the values that name no CHARSET (NULL: UTF-8): a first
 * pass over a scratch table collects them, and the rule tells.
 */
static int file_charset(const char **out, const struct candor_buf *text, const char *name,
			struct candor_error *err)
{
	struct candor_csv scratch = CANDOR_CSV_INIT;
	struct reader r = { .out = &scratch, .name = name, .err = err, .sampling = true };
	int rc;

	*out = NULL;
	if (!(rc = read_cards(&r, text)))
		rc = candor_encoding_guess(out, r.sample.ptr, r.sample.len, name, err);
	candor_buf_release(&r.sample);
	candor_csv_release(&scratch);
	return rc;
}

int candor_vcard_read(struct candor_csv *out, const char **version, const char *data,
		      size_t len, const char *name, struct candor_error *err)
{
	struct candor_buf text = CANDOR_BUF_INIT;
	struct reader r = { .out = out, .name = name, .err = err };
	int rc;

	*version = "?";
	out->sep = ',';
	if ((rc = candor_text_decode(&text, &out->encoding, data, len, name, CANDOR_TEXT_BYTES,
				     err)))
		goto cleanup;
	/* UTF-16 is Unicode already; else the values naming no CHARSET tell */
	if (!strcmp(out->encoding, "UTF-8") && (rc = file_charset(&r.charset, &text, name, err)))
		goto cleanup;
	if (r.charset)
		out->encoding = r.charset;
	rc = read_cards(&r, &text);
	*version = r.version ? r.version : "?";
cleanup:
	candor_buf_release(&text);
	return rc;
}

/* ---- writing ---- */

/* Append one content line, escaped, folded at 75 octets (never inside a character). */
static void line(struct candor_buf *out, const char *name, const char *value, bool escape)
{
	struct candor_buf l = CANDOR_BUF_INIT;
	size_t width = 0;

	candor_buf_adds(&l, name);
	candor_buf_addch(&l, ':');
	for (const char *c = value; *c; c++) {
		if (escape && (*c == ',' || *c == ';' || *c == '\\'))
			candor_buf_addch(&l, '\\');
		if (*c == '\n')
			candor_buf_adds(&l, "\\n");
		else if (*c != '\r')
			candor_buf_addch(&l, *c);
	}
	for (size_t i = 0; i < l.len; i++) {
		size_t n = candor_utf8_seq((const unsigned char *)l.ptr + i, l.len - i);

		n = n ? n : 1;
		if (width + n > 75) {
			candor_buf_adds(out, "\r\n ");
			width = 1;
		}
		candor_buf_add(out, l.ptr + i, n);
		width += n;
		i += n - 1;
	}
	candor_buf_adds(out, "\r\n");
	candor_buf_release(&l);
}

void candor_vcard_write(struct candor_buf *out, const struct candor_vcard_out *c)
{
	const char *space = strrchr(c->name, ' ');
	struct candor_buf n = CANDOR_BUF_INIT, part = CANDOR_BUF_INIT;
	char uid[64];

	candor_buf_adds(out, "BEGIN:VCARD\r\nVERSION:3.0\r\n");
	line(out, "FN", c->name, true);
	/* N: family;given -- the last word is taken as the family name */
	for (int k = 0; k < 2; k++) {
		const char *s = k == 0 ? (space ? space + 1 : c->name) : (space ? c->name : "");
		size_t len = k == 0 ? strlen(s) : space ? (size_t)(space - c->name) : 0;

		candor_buf_reset(&part);
		for (size_t i = 0; i < len; i++) {
			if (s[i] == ',' || s[i] == ';' || s[i] == '\\')
				candor_buf_addch(&part, '\\');
			candor_buf_addch(&part, s[i]);
		}
		candor_buf_addf(&n, "%s%s", k ? ";" : "", part.ptr);
	}
	candor_buf_adds(&n, ";;;");
	line(out, "N", n.ptr, false);
	if (*c->org)
		line(out, "ORG", c->org, true);
	if (*c->role)
		line(out, "TITLE", c->role, true);
	if (*c->email)
		line(out, "EMAIL;TYPE=INTERNET", c->email, true);
	snprintf(uid, sizeof(uid), "candor-contact-%" PRId64, c->id);
	line(out, "UID", uid, false);
	candor_buf_adds(out, "END:VCARD\r\n");
	candor_buf_release(&n);
	candor_buf_release(&part);
}
