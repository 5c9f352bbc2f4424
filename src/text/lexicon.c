/*
 * lexicon.c: reading .lex files and compiling them (see lexicon.h and
 * lexicon/README.md for the format).
 *
 * Phrases are normalised with the same function as the text they are
 * matched against and handed to Hyperscan as literals, so the database
 * needs no case-insensitivity and no regex features; word boundaries,
 * sentence anchors, negation and hedges are checked after the scan
 * (src/text/scan.c).
 */
#include "util/common.h"
#include "util/array.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/utf8.h"
#include "text/lexicon-priv.h"
#include "text/sigmodel.h"
#include "text/lexicon-dir.h"
#include "text/normalize.h"

#include <ctype.h>
#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

struct lex_parser {
	struct candor_lexicon *lx;
	const char *file;
	size_t line;
	struct candor_norm norm;
	struct candor_error *err;
};

static const char *intern(struct candor_lexicon *lx, const char *name)
{
	char *copy;

	for (size_t i = 0; i < lx->nnames; i++)
		if (!strcmp(lx->names[i], name))
			return lx->names[i];
	if (candor_array_grow((void **)&lx->names, &lx->anames, lx->nnames, sizeof(char *)))
		return NULL;
	copy = strdup(name);
	if (!copy)
		return NULL;
	lx->names[lx->nnames++] = copy;
	return copy;
}

static int nomem(struct candor_error *err)
{
	return candor_error_set(err, CANDOR_ERROR, NULL, "out of memory");
}

static int bad_line(struct lex_parser *p, const char *what, const char *text)
{
	return candor_error_set(p->err, CANDOR_EINVALID, NULL, "%s:%zu: %s '%s'",
				p->file, p->line, what, text);
}

static char *trim(char *s)
{
	char *e;

	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1]))
		*--e = '\0';
	return s;
}

static enum candor_lex_role role_of(const char *name)
{
	if (!strcmp(name, "negation"))
		return CANDOR_LEX_NEGATION;
	if (!strcmp(name, "hedge"))
		return CANDOR_LEX_HEDGE;
	if (!strcmp(name, "rhetorical"))
		return CANDOR_LEX_RHETORICAL;
	if (!strcmp(name, "statement"))
		return CANDOR_LEX_STATEMENT;
	return CANDOR_LEX_SIGNAL;
}

/* "[name]": open a section. */
static int parse_section(struct lex_parser *p, char *s)
{
	struct candor_lexicon *lx = p->lx;
	struct candor_lex_section *sec;
	size_t n = strlen(s);
	char *name;

	if (n < 3 || s[n - 1] != ']')
		return bad_line(p, "expected '[category]', got", s);
	s[n - 1] = '\0';
	name = trim(s + 1);
	for (const char *c = name; *c; c++)
		if (!(islower((unsigned char)*c) || *c == '_'))
			return bad_line(p, "category names are lowercase letters and '_', not", name);
	if (!*name)
		return bad_line(p, "empty category name", "[]");
	if (candor_array_grow((void **)&lx->sections, &lx->asections, lx->nsections, sizeof(*sec)))
		return nomem(p->err);
	sec = &lx->sections[lx->nsections];
	memset(sec, 0, sizeof(*sec));
	sec->category = (char *)intern(lx, name);
	sec->file = strdup(p->file);
	if (!sec->category || !sec->file) {
		free(sec->file);
		return nomem(p->err);
	}
	sec->role = role_of(name);
	sec->negatable = true;
	sec->line = p->line;
	lx->nsections++;
	return 0;
}

static int set_text(struct lex_parser *p, char **slot, const char *v)
{
	free(*slot);
	*slot = strdup(v);
	return *slot ? 0 : nomem(p->err);
}

static int parse_bool(struct lex_parser *p, bool *out, const char *v)
{
	if (!strcmp(v, "yes") || !strcmp(v, "true"))
		*out = true;
	else if (!strcmp(v, "no") || !strcmp(v, "false"))
		*out = false;
	else
		return bad_line(p, "expected yes or no, got", v);
	return 0;
}

/* "@key value": set an attribute of the open section. */
static int parse_attr(struct lex_parser *p, char *s)
{
	struct candor_lex_section *sec;
	char *key = s + 1, *v = key;

	if (!p->lx->nsections)
		return bad_line(p, "attribute before any [category]", s);
	sec = &p->lx->sections[p->lx->nsections - 1];
	while (*v && !isspace((unsigned char)*v))
		v++;
	if (*v)
		*v++ = '\0';
	v = trim(v);
	if (!strcmp(key, "side")) {
		if (!strcmp(v, "buyer"))
			sec->side = CANDOR_LEX_BUYER;
		else if (!strcmp(v, "seller"))
			sec->side = CANDOR_LEX_SELLER;
		else if (!strcmp(v, "any"))
			sec->side = CANDOR_LEX_ANY;
		else
			return bad_line(p, "@side is buyer, seller or any, not", v);
		return 0;
	}
	if (!*v)
		return bad_line(p, "attribute without a value:", key);
	if (!strcmp(key, "kind"))
		return set_text(p, &sec->kind, v);
	if (!strcmp(key, "why"))
		return set_text(p, &sec->why, v);
	if (!strcmp(key, "better"))
		return set_text(p, &sec->better, v);
	if (!strcmp(key, "mirror"))
		return set_text(p, &sec->mirror, v);
	if (!strcmp(key, "lint"))
		return parse_bool(p, &sec->lint, v);
	if (!strcmp(key, "negatable"))
		return parse_bool(p, &sec->negatable, v);
	return bad_line(p, "unknown attribute", key);
}

static int phrase_fields(struct lex_parser *p, struct candor_lex_phrase *ph,
			 char *why, char *better)
{
	if (why && *trim(why) && set_text(p, &ph->why, trim(why)))
		return CANDOR_ERROR;
	if (better && *trim(better) && set_text(p, &ph->better, trim(better)))
		return CANDOR_ERROR;
	return 0;
}

/* Where the "| why | better" fields start: the first "|" outside
 * parentheses, or NULL. */
static char *field_bar(char *s)
{
	int depth = 0;

	for (; *s; s++) {
		if (*s == '(')
			depth++;
		else if (*s == ')' && depth)
			depth--;
		else if (*s == '|' && !depth)
			return s;
	}
	return NULL;
}

/* What every expansion of one phrase line shares. */
struct phrase_line {
	bool anchored, anchored_end, except;
	char *why, *better;
};

/* Add one concrete phrase (no parentheses left) to the open section. */
static int add_phrase(struct lex_parser *p, const char *s, const struct phrase_line *pl)
{
	struct candor_lexicon *lx = p->lx;
	struct candor_lex_phrase *ph;

	if (candor_norm_text(&p->norm, s, strlen(s)))
		return nomem(p->err);
	if (!p->norm.len)
		return bad_line(p, "empty phrase", s);
	if (candor_array_grow((void **)&lx->phrases, &lx->aphrases, lx->nphrases, sizeof(*ph)))
		return nomem(p->err);
	ph = &lx->phrases[lx->nphrases];
	memset(ph, 0, sizeof(*ph));
	ph->norm = strdup(p->norm.s);
	ph->source = strdup(s);
	ph->len = p->norm.len;
	ph->section = lx->nsections - 1;
	ph->anchored = pl->anchored;
	ph->anchored_end = pl->anchored_end;
	ph->except = pl->except;
	lx->nphrases++;
	if (!ph->norm || !ph->source)
		return nomem(p->err);
	return phrase_fields(p, ph, pl->why, pl->better);
}

#define MAX_EXPANSIONS 4096

/*
 * Expand the first "(a|b|c)" group of rest, appending each alternative to
 * done, and recurse; with no group left, add done + rest.  *count limits
 * the phrases one line may make.
 */
static int expand(struct lex_parser *p, struct candor_buf *done, const char *rest,
		  const struct phrase_line *pl, size_t *count)
{
	const char *open = strchr(rest, '('), *close, *alt;
	size_t keep = done->len;
	int rc = 0;

	if (!open) {
		if (++*count > MAX_EXPANSIONS)
			return bad_line(p, "too many alternatives in", rest);
		candor_buf_adds(done, rest);
		rc = candor_buf_error(done) ? nomem(p->err) : add_phrase(p, done->ptr, pl);
		candor_buf_truncate(done, keep);
		return rc;
	}
	close = strchr(open, ')');
	alt = strchr(open + 1, '(');
	if (!close || (alt && alt < close))
		return bad_line(p, "unbalanced or nested parentheses in", rest);
	for (alt = open + 1; !rc && alt <= close; ) {
		const char *bar = alt;

		while (bar < close && *bar != '|')
			bar++;
		candor_buf_add(done, rest, (size_t)(open - rest));
		candor_buf_add(done, alt, (size_t)(bar - alt));
		rc = expand(p, done, close + 1, pl, count);
		candor_buf_truncate(done, keep);
		alt = bar + 1;
	}
	return rc;
}

/* "[!][^]phrase[$] [| why [| better]]": add the phrase, or every phrase its
 * "(a|b)" groups spell, to the open section. */
static int parse_phrase(struct lex_parser *p, char *s)
{
	struct phrase_line pl = { 0 };
	struct candor_buf done = CANDOR_BUF_INIT;
	char *bar;
	size_t sl, count = 0;
	int rc;

	if (!p->lx->nsections)
		return bad_line(p, "phrase before any [category]", s);
	if ((bar = field_bar(s))) {
		*bar = '\0';
		pl.why = bar + 1;
		if ((bar = strchr(pl.why, '|'))) {
			*bar = '\0';
			pl.better = bar + 1;
		}
	}
	s = trim(s);
	if (*s == '!' && s[1]) {
		pl.except = true;
		s = trim(s + 1);
	}
	if (*s == '^') {
		pl.anchored = true;
		s = trim(s + 1);
	}
	sl = strlen(s);
	if (sl > 1 && s[sl - 1] == '$') {
		pl.anchored_end = true;
		s[sl - 1] = '\0';
		s = trim(s);
	}
	rc = expand(p, &done, s, &pl, &count);
	candor_buf_release(&done);
	return rc;
}

static int parse_line(struct lex_parser *p, char *s)
{
	s = trim(s);
	if (!*s || *s == '#')
		return 0;
	if (*s == '[')
		return parse_section(p, s);
	if (*s == '@')
		return parse_attr(p, s);
	return parse_phrase(p, s);
}

/* The 1-based line of byte off in text. */
static size_t line_of(const char *text, size_t off)
{
	size_t line = 1;

	for (size_t i = 0; i < off; i++)
		line += text[i] == '\n';
	return line;
}

static int parse_text(struct candor_lexicon *lx, const char *name, char *text,
		      struct candor_error *err)
{
	struct lex_parser p = { lx, name, 0, CANDOR_NORM_INIT, err };
	char *line = text, *nl;
	size_t n = strlen(text), bad = candor_utf8_check(text, n);
	int rc = 0;

	if (bad < n)  /* the line is not quoted: the message stays UTF-8 */
		return candor_error_set(err, CANDOR_EINVALID, NULL, "%s:%zu: not UTF-8 text "
					"(save the file as UTF-8)", name, line_of(text, bad));

	while (line && !rc) {
		nl = strchr(line, '\n');
		if (nl)
			*nl = '\0';
		p.line++;
		rc = parse_line(&p, line);
		line = nl ? nl + 1 : NULL;
	}
	candor_norm_release(&p.norm);
	return rc;
}

/*
 * The compiled database is cached between runs: Hyperscan takes most of a
 * second to compile a large lexicon, and every command would pay it.  The
 * cache file is named by a hash of the normalised phrases and Hyperscan's
 * version, under $XDG_CACHE_HOME/candor (else ~/.cache/candor); a missing,
 * unreadable or stale file just means compiling again.  CANDOR_NO_CACHE=1
 * turns it off.
 */
static int compile_fresh(struct candor_lexicon *lx, uint64_t hash, struct candor_error *err);

static uint64_t phrases_hash(const struct candor_lexicon *lx)
{
	uint64_t h = 1469598103934665603ULL;
	const char *v = hs_version();

	for (size_t i = 0; i <= lx->nphrases; i++) {
		const char *p = i < lx->nphrases ? lx->phrases[i].norm : v;
		size_t n = i < lx->nphrases ? lx->phrases[i].len : strlen(v);

		for (size_t k = 0; k <= n; k++) /* the NUL separates phrases */
			h = (h ^ (unsigned char)(k < n ? p[k] : 0)) * 1099511628211ULL;
	}
	return h;
}

static bool cache_path(char *dst, size_t n, uint64_t hash, bool make_dir)
{
	const char *xdg = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
	char dir[4096];

	if (getenv("CANDOR_NO_CACHE"))
		return false;
	if (xdg && *xdg == '/')
		snprintf(dir, sizeof(dir), "%s/candor", xdg);
	else if (home && *home == '/')
		snprintf(dir, sizeof(dir), "%s/.cache/candor", home);
	else
		return false;
	if (make_dir) {
		char parent[4096];
		char *slash;

		snprintf(parent, sizeof(parent), "%s", dir);
		slash = strrchr(parent, '/');
		if (slash && slash != parent) {
			*slash = '\0';
			mkdir(parent, 0700);
		}
		mkdir(dir, 0700);
	}
	return snprintf(dst, n, "%s/lexicon-%016" PRIx64 ".hsdb", dir, hash) < (int)n;
}

static bool cache_load(struct candor_lexicon *lx, uint64_t hash)
{
	char path[4200];
	struct candor_buf b = CANDOR_BUF_INIT;
	bool ok = false;

	if (!cache_path(path, sizeof(path), hash, false) || access(path, R_OK))
		return false;
	if (!candor_buf_read_file(&b, path, NULL) &&
	    hs_deserialize_database(b.ptr, b.len, &lx->db) == HS_SUCCESS)
		ok = true;
	candor_buf_release(&b);
	return ok;
}

static void cache_save(const struct candor_lexicon *lx, uint64_t hash)
{
	char path[4200], tmp[4300];
	char *bytes = NULL;
	size_t len = 0;
	FILE *f;

	if (!cache_path(path, sizeof(path), hash, true) ||
	    hs_serialize_database(lx->db, &bytes, &len) != HS_SUCCESS)
		return;
	snprintf(tmp, sizeof(tmp), "%s.%d.tmp", path, (int)getpid());
	if ((f = fopen(tmp, "wb"))) {
		bool written = fwrite(bytes, 1, len, f) == len;

		if (fclose(f) || !written || rename(tmp, path))
			remove(tmp);
	}
	free(bytes);
}

static int compile(struct candor_lexicon *lx, struct candor_error *err)
{
	uint64_t hash;

	if (!lx->nphrases)
		return candor_error_set(err, CANDOR_ENOTFOUND, NULL,
					"the lexicon has no phrases");
	hash = phrases_hash(lx);
	if (cache_load(lx, hash)) {
		if (hs_alloc_scratch(lx->db, &lx->scratch) == HS_SUCCESS)
			return 0;
		return nomem(err);
	}
	return compile_fresh(lx, hash, err);
}

static int compile_fresh(struct candor_lexicon *lx, uint64_t hash, struct candor_error *err)
{
	const char **exprs = NULL;
	unsigned *ids = NULL, *flags = NULL;
	size_t *lens = NULL;
	hs_compile_error_t *cerr = NULL;
	int rc = CANDOR_ERROR;

	exprs = calloc(lx->nphrases, sizeof(*exprs));
	ids = calloc(lx->nphrases, sizeof(*ids));
	flags = calloc(lx->nphrases, sizeof(*flags));
	lens = calloc(lx->nphrases, sizeof(*lens));
	if (!exprs || !ids || !flags || !lens) {
		nomem(err);
		goto cleanup;
	}
	for (size_t i = 0; i < lx->nphrases; i++) {
		exprs[i] = lx->phrases[i].norm;
		lens[i] = lx->phrases[i].len;
		ids[i] = (unsigned)i;
	}
	if (hs_compile_lit_multi(exprs, flags, ids, lens, (unsigned)lx->nphrases,
				 HS_MODE_BLOCK, NULL, &lx->db, &cerr) != HS_SUCCESS) {
		candor_error_set(err, CANDOR_ERROR, NULL, "cannot compile the lexicon: %s",
				 cerr && cerr->message ? cerr->message : "hyperscan error");
		goto cleanup;
	}
	if (hs_alloc_scratch(lx->db, &lx->scratch) != HS_SUCCESS) {
		nomem(err);
		goto cleanup;
	}
	cache_save(lx, hash);
	rc = 0;
cleanup:
	if (cerr)
		hs_free_compile_error(cerr);
	free(exprs);
	free(ids);
	free(flags);
	free(lens);
	return rc;
}

static struct candor_lexicon *lexicon_new(void)
{
	struct candor_lexicon *lx = calloc(1, sizeof(*lx));

	if (lx && !(lx->question = intern(lx, "question"))) {
		free(lx->names);  /* grown, but the copy failed */
		free(lx);
		lx = NULL;
	}
	return lx;
}

int candor_lexicon_from_string(struct candor_lexicon **out, const char *name,
			       const char *text, struct candor_error *err)
{
	struct candor_lexicon *lx = lexicon_new();
	char *copy = strdup(text);
	int rc = CANDOR_ERROR;

	*out = NULL;
	if (!lx || !copy) {
		rc = nomem(err);
		goto cleanup;
	}
	if ((rc = parse_text(lx, name, copy, err)) || (rc = compile(lx, err)))
		goto cleanup;
	*out = lx;
	lx = NULL;
cleanup:
	free(copy);
	candor_lexicon_free(lx);
	return rc;
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void free_names(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

/* The names of the .lex files in dir, sorted. */
static int list_lex(const char *dir, char ***out, size_t *n, struct candor_error *err)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	char **v = NULL;
	size_t alloc = 0;

	*n = 0;
	if (!d)
		return candor_error_set(err, CANDOR_ENOTFOUND, NULL,
					"cannot read lexicon folder '%s': %s (set CANDOR_LEXICON)",
					dir, strerror(errno));
	while ((de = readdir(d))) {
		size_t l = strlen(de->d_name);

		if (l < 5 || strcmp(de->d_name + l - 4, ".lex") || de->d_name[0] == '.')
			continue;
		if (candor_array_grow((void **)&v, &alloc, *n, sizeof(*v)) ||
		    !(v[*n] = strdup(de->d_name))) {
			closedir(d);
			free_names(v, *n);
			return nomem(err);
		}
		(*n)++;
	}
	closedir(d);
	if (*n)
		qsort(v, *n, sizeof(*v), cmp_names);
	*out = v;
	return 0;
}

static int load_file(struct candor_lexicon *lx, const char *dir, const char *name,
		     struct candor_error *err)
{
	struct candor_buf path = CANDOR_BUF_INIT, text = CANDOR_BUF_INIT;
	int rc;

	candor_buf_init(&text, 16u << 20);
	candor_buf_addf(&path, "%s/%s", dir, name);
	if ((rc = candor_buf_error(&path))) {
		nomem(err);
		goto cleanup;
	}
	if ((rc = candor_buf_read_file(&text, path.ptr, err)))
		goto cleanup;
	rc = parse_text(lx, path.ptr, text.ptr, err);
cleanup:
	candor_buf_release(&path);
	candor_buf_release(&text);
	return rc;
}

int candor_lexicon_load(struct candor_lexicon **out, const char *dir,
			struct candor_error *err)
{
	struct candor_lexicon *lx = NULL;
	char **names = NULL;
	size_t n = 0;
	int rc;

	*out = NULL;
	if ((rc = list_lex(dir, &names, &n, err)))
		return rc;
	rc = CANDOR_ENOTFOUND;
	if (!n) {
		candor_error_set(err, rc, NULL, "no .lex files in '%s'", dir);
		goto cleanup;
	}
	if (!(lx = lexicon_new())) {
		rc = nomem(err);
		goto cleanup;
	}
	for (size_t i = 0; i < n; i++)
		if ((rc = load_file(lx, dir, names[i], err)))
			goto cleanup;
	if ((rc = compile(lx, err)))
		goto cleanup;
	*out = lx;
	lx = NULL;
cleanup:
	free_names(names, n);
	candor_lexicon_free(lx);
	return rc;
}

const struct candor_signal_model *candor_lexicon_model(const struct candor_lexicon *lx)
{
	return lx->model;
}

void candor_lexicon_set_model(struct candor_lexicon *lx, struct candor_signal_model *m)
{
	candor_signal_model_free(lx->model);
	lx->model = m;
}

const char *candor_analyser_id(const struct candor_lexicon *lx)
{
	return lx->model ? candor_signal_model_id(lx->model) : "phrases";
}

int candor_analyser_load(struct candor_lexicon **out, const char *dir, const char *model_path,
			 struct candor_error *err)
{
	struct candor_signal_model *m = NULL;
	int rc;

	*out = NULL;
	if (!model_path)
		model_path = candor_signal_model_default_path();
	if ((rc = candor_lexicon_load(out, dir ? dir : candor_lexicon_default_dir(), err)))
		return rc;
	if (!strcmp(model_path, "none"))
		return 0;
	if ((rc = candor_signal_model_load(&m, model_path, err))) {
		candor_lexicon_free(*out);
		*out = NULL;
		return rc;
	}
	candor_lexicon_set_model(*out, m);
	return 0;
}

void candor_lexicon_free(struct candor_lexicon *lx)
{
	if (!lx)
		return;
	candor_signal_model_free(lx->model);
	for (size_t i = 0; i < lx->nsections; i++) {
		struct candor_lex_section *s = &lx->sections[i];

		free(s->kind);
		free(s->why);
		free(s->better);
		free(s->mirror);
		free(s->file);
	}
	for (size_t i = 0; i < lx->nphrases; i++) {
		free(lx->phrases[i].norm);
		free(lx->phrases[i].source);
		free(lx->phrases[i].why);
		free(lx->phrases[i].better);
	}
	free_names(lx->names, lx->nnames);
	free(lx->sections);
	free(lx->phrases);
	hs_free_scratch(lx->scratch);
	hs_free_database(lx->db);
	free(lx);
}

const char *candor_lexicon_default_dir(void)
{
	const char *env = getenv("CANDOR_LEXICON");
	struct stat st;

	if (env && *env)
		return env;
	if (!stat(CANDOR_LEXICON_SRCDIR, &st) && S_ISDIR(st.st_mode))
		return CANDOR_LEXICON_SRCDIR;
	return CANDOR_LEXICON_DATADIR;
}

size_t candor_lexicon_nphrases(const struct candor_lexicon *lx)
{
	return lx->nphrases;
}

const struct candor_lex_phrase *candor_lexicon_phrase(const struct candor_lexicon *lx,
						      size_t i)
{
	return i < lx->nphrases ? &lx->phrases[i] : NULL;
}

const struct candor_lex_section *candor_lexicon_section(const struct candor_lexicon *lx,
							size_t i)
{
	return i < lx->nsections ? &lx->sections[i] : NULL;
}

const char *candor_lexicon_why(const struct candor_lexicon *lx, size_t i)
{
	const struct candor_lex_phrase *ph = &lx->phrases[i];
	const char *s = ph->why ? ph->why : lx->sections[ph->section].why;

	return s ? s : "";
}

const char *candor_lexicon_better(const struct candor_lexicon *lx, size_t i)
{
	const struct candor_lex_phrase *ph = &lx->phrases[i];
	const char *s = ph->better ? ph->better : lx->sections[ph->section].better;

	return s ? s : "";
}
