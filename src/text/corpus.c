/*
 * corpus.c: reading labelled calls (see corpus.h).
 */
#include "util/common.h"
#include "util/array.h"
#include "util/buf.h"
#include "util/date.h"
#include "util/error.h"
#include "util/utf8.h"
#include "text/corpus.h"
#include "text/features.h"
#include "text/sigmodel.h"

#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>
#include "text/lexicon-dir.h"

const char *candor_corpus_default_dir(void)
{
	const char *env = getenv("CANDOR_CORPUS");

	if (env && *env)
		return env;
	if (access(CANDOR_CORPUS_SRCDIR, R_OK) == 0)
		return CANDOR_CORPUS_SRCDIR;
	return CANDOR_CORPUS_DATADIR;
}

static void call_release(struct candor_labelled_call *c)
{
	for (size_t i = 0; i < c->n; i++) {
		free(c->u[i].speaker);
		free(c->u[i].text);
	}
	free(c->u);
	free(c->labels);
	free(c->ulabelled);
	free(c->path);
	memset(c, 0, sizeof(*c));
}

static int set_utterance(struct candor_utterance *u, const char *text, enum candor_side side)
{
	u->speaker = strdup("");
	u->text = strdup(text);
	u->side = side;
	u->start = u->end = -1;
	return u->speaker && u->text ? 0 : CANDOR_ERROR;
}

int candor_corpus_add_utterance(struct candor_corpus *c, const char *name, const char *text,
				enum candor_side side, uint32_t labels, uint32_t labelled,
				unsigned weight, const struct candor_utterance *before,
				const struct candor_utterance *after, struct candor_error *err)
{
	struct candor_labelled_call call = { 0 };
	size_t n = 1 + (before != NULL) + (after != NULL), at = before != NULL;
	int rc = 0;

	call.path = strdup(name);
	call.u = calloc(n, sizeof(*call.u));
	call.labels = calloc(n, sizeof(*call.labels));
	call.ulabelled = calloc(n, sizeof(*call.ulabelled));
	if (call.u && call.labels && call.ulabelled) {
		call.n = call.alloc = n;
		if (before)
			rc |= set_utterance(&call.u[0], before->text, before->side);
		rc |= set_utterance(&call.u[at], text, side);
		if (after)
			rc |= set_utterance(&call.u[at + 1], after->text, after->side);
		call.labels[at] = labels & labelled;
		call.ulabelled[at] = labelled;
	}
	if (rc || !call.path || !call.u || !call.labels || !call.ulabelled ||
	    candor_array_grow((void **)&c->calls, &c->alloc, c->n, sizeof(*c->calls))) {
		call_release(&call);
		return candor_error_set(err, CANDOR_ERROR, NULL, "out of memory");
	}
	call.labelled = labelled;
	call.weight = weight;
	c->calls[c->n++] = call;
	return 0;
}

void candor_corpus_release(struct candor_corpus *c)
{
	for (size_t i = 0; i < c->n; i++)
		call_release(&c->calls[i]);
	free(c->calls);
	memset(c, 0, sizeof(*c));
}

size_t candor_corpus_utterances(const struct candor_corpus *c)
{
	size_t n = 0;

	for (size_t i = 0; i < c->n; i++)
		n += c->calls[i].n;
	return n;
}

uint64_t candor_corpus_digest(const struct candor_corpus *c)
{
	uint64_t h = candor_feat_hash("candor-corpus 1", 15);

	for (size_t i = 0; i < c->n; i++) {
		const struct candor_labelled_call *k = &c->calls[i];
		uint64_t head[3] = { k->n, k->labelled, (uint64_t)k->when };

		if (k->weight > 1)
			continue;
		h = candor_feat_hash_add(h, head, sizeof(head));
		for (size_t j = 0; j < k->n; j++) {
			uint32_t v[2] = { k->labels[j], (uint32_t)k->u[j].side };

			h = candor_feat_hash_add(h, v, sizeof(v));
			h = candor_feat_hash_add(h, k->u[j].text, strlen(k->u[j].text) + 1);
		}
	}
	return h;
}

/* Parse "a,b,c" (or "-") into a category mask. */
static int parse_cats(const char *s, uint32_t *out, const char *path, size_t lno,
		      struct candor_error *err)
{
	char name[64];

	*out = 0;
	if (!strcmp(s, "-"))
		return 0;
	while (*s) {
		size_t n = strcspn(s, ",");
		int c;

		if (!n || n >= sizeof(name))
			return candor_error_set(err, CANDOR_EINVALID, "categories",
						"%s:%zu: an empty or overlong category", path, lno);
		memcpy(name, s, n);
		name[n] = '\0';
		if ((c = candor_signal_category(name)) < 0)
			return candor_error_set(err, CANDOR_EINVALID, "categories",
						"%s:%zu: unknown category '%s'", path, lno, name);
		*out |= 1u << c;
		s += n + (s[n] == ',');
	}
	return 0;
}

static int parse_side(const char *s, size_t n, enum candor_side *out)
{
	if (n == 5 && !strncmp(s, "buyer", 5))
		*out = CANDOR_SIDE_BUYER;
	else if (n == 6 && !strncmp(s, "seller", 6))
		*out = CANDOR_SIDE_SELLER;
	else if (n == 7 && !strncmp(s, "unknown", 7))
		*out = CANDOR_SIDE_UNKNOWN;
	else
		return -1;
	return 0;
}

static int check_sides(uint32_t cats, enum candor_side side, const char *path, size_t lno,
		       struct candor_error *err)
{
	for (int c = 0; c < CANDOR_NCATS; c++)
		if ((cats & (1u << c)) && !candor_signal_side_ok(c, side))
			return candor_error_set(err, CANDOR_EINVALID, "categories",
						"%s:%zu: '%s' is not said by the %s", path, lno,
						candor_signal_categories[c], candor_side_name(side));
	return 0;
}

static int add_line(struct candor_labelled_call *c, char *line, const char *path,
		    size_t lno, struct candor_error *err)
{
	char *p1 = strchr(line, '|'), *p2 = p1 ? strchr(p1 + 1, '|') : NULL;
	char *p3 = strrchr(line, '|');
	struct candor_utterance *u;
	enum candor_side side;
	uint32_t cats, *labels;
	int rc;

	if (!p2 || p3 == p2)
		return candor_error_set(err, CANDOR_EINVALID, "line",
					"%s:%zu: expected side|speaker|text|categories", path, lno);
	if (parse_side(line, (size_t)(p1 - line), &side))
		return candor_error_set(err, CANDOR_EINVALID, "side",
					"%s:%zu: side must be buyer, seller or unknown", path, lno);
	*p3 = '\0';
	if (p3 == p2 + 1)
		return candor_error_set(err, CANDOR_EINVALID, "text", "%s:%zu: empty text",
					path, lno);
	if ((rc = parse_cats(p3 + 1, &cats, path, lno, err)) ||
	    (rc = check_sides(cats, side, path, lno, err)))
		return rc;
	if (candor_array_grow((void **)&c->u, &c->alloc, c->n, sizeof(*c->u)))
		return CANDOR_ERROR;
	labels = realloc(c->labels, c->alloc * sizeof(*c->labels));
	if (!labels)  /* c->labels is still the caller's, to free */
		return CANDOR_ERROR;
	c->labels = labels;
	u = &c->u[c->n];
	memset(u, 0, sizeof(*u));
	u->index = c->n;
	u->side = side;
	u->start = u->end = -1;
	u->line = lno;
	u->speaker = strndup(p1 + 1, (size_t)(p2 - p1 - 1));
	u->text = strdup(p2 + 1);
	if (!u->speaker || !u->text) {
		free(u->speaker);
		free(u->text);
		return CANDOR_ERROR;
	}
	c->labels[c->n++] = cats;
	return 0;
}

static int header_line(struct candor_labelled_call *c, const char *line, const char *path,
		       size_t lno, struct candor_error *err)
{
	char msg[sizeof(err->msg)];
	int rc;

	if (!strncmp(line, "# call: ", 8)) {
		if ((rc = candor_date_parse(&c->when, line + 8, "call", err))) {
			snprintf(msg, sizeof(msg), "%s", err->msg);  /* not formatted into itself */
			return candor_error_set(err, rc, "call", "%s:%zu: %s", path, lno, msg);
		}
		return 0;
	}
	if (!strncmp(line, "# labels: ", 10))
		return parse_cats(line + 10, &c->labelled, path, lno, err);
	return 0;
}

static int parse_call(struct candor_labelled_call *c, char *text, const char *path,
		      struct candor_error *err)
{
	char *line = text, *next;
	size_t lno = 0;
	int rc = 0;

	c->labelled = (1u << CANDOR_NCATS) - 1;
	for (; *line && !rc; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		else
			next = line + strlen(line);
		lno++;
		if (next > line && next[-1] == '\r')
			next[-1] = '\0';
		if (*line == '#')
			rc = header_line(c, line, path, lno, err);
		else if (*line)
			rc = add_line(c, line, path, lno, err);
	}
	if (rc == CANDOR_ERROR)
		candor_error_set(err, rc, NULL, "out of memory");
	return rc;
}

/* The 1-based line of byte off in text. */
static size_t line_of(const char *text, size_t off)
{
	size_t line = 1;

	for (size_t i = 0; i < off; i++)
		line += text[i] == '\n';
	return line;
}

int candor_corpus_read_file(struct candor_corpus *c, const char *path,
			    struct candor_error *err)
{
	struct candor_buf b = CANDOR_BUF_INIT;
	struct candor_labelled_call call = { 0 };
	size_t bad;
	int rc;

	candor_buf_init(&b, 64u << 20);
	if ((rc = candor_buf_read_file(&b, path, err)))
		goto cleanup;
	if (memchr(b.ptr, '\0', b.len)) {
		rc = candor_error_set(err, CANDOR_EINVALID, NULL, "%s: holds a NUL byte", path);
		goto cleanup;
	}
	if ((bad = candor_utf8_check(b.ptr, b.len)) < b.len) {
		rc = candor_error_set(err, CANDOR_EINVALID, NULL, "%s:%zu: not UTF-8 text "
				      "(save the file as UTF-8)", path, line_of(b.ptr, bad));
		goto cleanup;
	}
	if ((rc = parse_call(&call, b.ptr, path, err)))
		goto cleanup;
	if (!(call.path = strdup(path)) ||
	    candor_array_grow((void **)&c->calls, &c->alloc, c->n, sizeof(*c->calls))) {
		rc = candor_error_set(err, CANDOR_ERROR, NULL, "out of memory");
		goto cleanup;
	}
	c->calls[c->n++] = call;
	memset(&call, 0, sizeof(call));
cleanup:
	call_release(&call);
	candor_buf_release(&b);
	return rc;
}

static int cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

int candor_corpus_read_dir(struct candor_corpus *c, const char *dir,
			   struct candor_error *err)
{
	char **names = NULL, path[4096];
	size_t n = 0, alloc = 0;
	struct dirent *de;
	DIR *d = opendir(dir);
	int rc = 0;

	if (!d)
		return candor_error_set(err, CANDOR_ENOTFOUND, "corpus", "cannot read '%s': %s",
					dir, strerror(errno));
	while ((de = readdir(d)) && !rc) {
		if (de->d_name[0] == '.')
			continue;
		if (candor_array_grow((void **)&names, &alloc, n, sizeof(*names)) ||
		    !(names[n] = strdup(de->d_name)))
			rc = candor_error_set(err, CANDOR_ERROR, NULL, "out of memory");
		else
			n++;
	}
	closedir(d);
	if (n)
		qsort(names, n, sizeof(*names), cmp_name);
	for (size_t i = 0; i < n && !rc; i++) {
		size_t len = strlen(names[i]);

		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		if (is_dir(path))
			rc = candor_corpus_read_dir(c, path, err);
		else if (len > 4 && !strcmp(names[i] + len - 4, ".txt"))
			rc = candor_corpus_read_file(c, path, err);
	}
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return rc;
}
