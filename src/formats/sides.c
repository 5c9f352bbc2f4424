/*
 * sides.c: saying who in a transcript is the seller and who are buyers.
 *
 * Meeting tools name people as they were signed in ("Sam S.", "Dana Buyer
 * (Acme)", "iPhone"), so the user can rename speakers with aliases, and the
 * seller's name is matched with some give: case, a "(Company)" suffix, and a
 * bare first name.  See candor_transcript_assign_sides() in transcript.h.
 */
#include "util/common.h"
#include "util/buf.h"
#include "util/error.h"
#include "formats/reader.h"

/* A span of a string. */
struct span {
	const char *s;
	size_t n;
};

static struct span trim(const char *s, size_t n)
{
	while (n && fmt_isblank(*s))
		s++, n--;
	while (n && fmt_isblank(s[n - 1]))
		n--;
	return (struct span){ s, n };
}

/* The name without a trailing "(Company)" part. */
static struct span name_core(const char *s)
{
	struct span v = trim(s, strlen(s));
	const char *open;

	if (v.n > 2 && v.s[v.n - 1] == ')' && (open = memchr(v.s, '(', v.n)) && open > v.s)
		v = trim(v.s, (size_t)(open - v.s));
	return v;
}

static bool same(struct span a, struct span b)
{
	if (a.n != b.n)
		return false;
	for (size_t i = 0; i < a.n; i++)
		if (fmt_tolower((unsigned char)a.s[i]) != fmt_tolower((unsigned char)b.s[i]))
			return false;
	return true;
}

static struct span first_word(struct span v)
{
	size_t i = 0;

	while (i < v.n && !fmt_isblank(v.s[i]))
		i++;
	return (struct span){ v.s, i };
}

/* 2: same name; 1: one is a first name of the other; 0: different. */
static int name_match(const char *speaker, const char *seller)
{
	struct span a = name_core(speaker), b = name_core(seller);
	struct span fa = first_word(a), fb = first_word(b);

	if (!a.n || !b.n)
		return 0;
	if (same(a, b))
		return 2;
	if ((fa.n == a.n || fb.n == b.n) && same(fa, fb))
		return 1;
	return 0;
}

/* Check every alias before applying any. */
static int check_aliases(const char *const *aliases, size_t n, struct candor_error *err)
{
	for (size_t i = 0; i < n; i++) {
		const char *eq = strchr(aliases[i], '=');

		if (!eq || !trim(aliases[i], (size_t)(eq - aliases[i])).n || !trim(eq + 1, strlen(eq + 1)).n)
			return candor_error_set(err, CANDOR_EINVALID, "alias",
						"alias '%.*s' is not 'File Name=Real Name'",
						fmt_excerpt(aliases[i], strlen(aliases[i])), aliases[i]);
	}
	return 0;
}

/* Rename the cue's speaker by the first alias naming it. */
static int alias_cue(struct candor_cue *c, const char *const *aliases, size_t n)
{
	struct span who = trim(c->speaker, strlen(c->speaker));

	for (size_t i = 0; i < n; i++) {
		const char *eq = strchr(aliases[i], '=');
		struct span from = trim(aliases[i], (size_t)(eq - aliases[i]));
		struct span to = trim(eq + 1, strlen(eq + 1));
		char *p;

		if (!same(who, from))
			continue;
		if (!(p = fmt_strndup(to.s, to.n)))
			return CANDOR_ERROR;
		free(c->speaker);
		c->speaker = p;
		break;
	}
	return 0;
}

/* The speakers (only those matching seller, when seller is set), quoted. */
static int list_speakers(const struct candor_transcript *t, const char *seller,
			 struct candor_buf *b)
{
	size_t shown = 0;

	for (size_t i = 0; i < t->nspeakers && shown < 6; i++) {
		if (seller && !name_match(t->speakers[i], seller))
			continue;
		candor_buf_addf(b, "%s'%.*s'", shown++ ? ", " : "",
				fmt_excerpt(t->speakers[i], strlen(t->speakers[i])), t->speakers[i]);
	}
	if (shown == 6)
		candor_buf_adds(b, ", ...");
	if (!shown)
		candor_buf_adds(b, "none named");
	return candor_buf_error(b);
}

static int seller_error(const struct candor_transcript *t, const char *seller,
			int code, struct candor_error *err)
{
	struct candor_buf who = CANDOR_BUF_INIT;
	int rc;

	if (list_speakers(t, code == CANDOR_EAMBIGUOUS ? seller : NULL, &who))
		rc = fmt_oom(err);
	else
		rc = candor_error_set(err, code, "seller",
				      code == CANDOR_EAMBIGUOUS
				      ? "the seller '%.*s' matches more than one speaker (%s); "
					"give the full name or an alias 'File Name=Real Name'"
				      : "no speaker matches the seller '%.*s' (speakers: %s); "
					"add an alias 'File Name=Real Name'",
				      fmt_excerpt(seller, strlen(seller)), seller, who.ptr);
	candor_buf_release(&who);
	return rc;
}

/*
 * Which speaker names are the seller: *level becomes 2 when some match
 * exactly (then only those count), else 1 when exactly one matches by first
 * name.  0, CANDOR_ENOTFOUND or CANDOR_EAMBIGUOUS.
 */
static int find_seller(const struct candor_transcript *t, const char *seller,
		       int *level, struct candor_error *err)
{
	size_t exact = 0, loose = 0;

	for (size_t i = 0; i < t->nspeakers; i++) {
		int m = name_match(t->speakers[i], seller);

		exact += m == 2;
		loose += m == 1;
	}
	*level = exact ? 2 : 1;
	if (!exact && !loose)
		return seller_error(t, seller, CANDOR_ENOTFOUND, err);
	if (!exact && loose > 1)
		return seller_error(t, seller, CANDOR_EAMBIGUOUS, err);
	return 0;
}

static void set_sides(struct candor_transcript *t, const char *seller, int level)
{
	for (size_t i = 0; i < t->nutts; i++) {
		struct candor_utterance *u = &t->utts[i];

		if (!u->speaker[0] || candor_speaker_unidentified(u->speaker))
			u->side = CANDOR_SIDE_UNKNOWN;  /* nobody, or nobody known */
		else if (name_match(u->speaker, seller) >= level)
			u->side = CANDOR_SIDE_SELLER;
		else
			u->side = CANDOR_SIDE_BUYER;
	}
}

int candor_transcript_assign_sides(struct candor_transcript *t, const char *seller,
				   const char *const *aliases, size_t naliases,
				   struct candor_error *err)
{
	int rc, level = 0;

	if ((rc = check_aliases(aliases, naliases, err)))
		goto cleanup;
	for (size_t i = 0; i < t->ncues && !rc; i++)
		if (alias_cue(&t->cues[i], aliases, naliases))
			rc = fmt_oom(err);
	/* rebuilt even after a failed rename, so utterances match the cues */
	if (fmt_build_utterances(t, err) && !rc)
		rc = CANDOR_ERROR;
	if (rc || !seller)
		goto cleanup;
	if (!(rc = find_seller(t, seller, &level, err)))
		set_sides(t, seller, level);
cleanup:
	return rc;
}
