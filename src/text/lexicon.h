/*
 * lexicon.h: the phrase lexicons, loaded from "*.lex" files in a folder and compiled
 * once into a Hyperscan database.
 *
 * The file format is documented in lexicon/README.md.  In short: a
 * "[category]" line opens a section, "@side", "@kind", "@why", "@better",
 * "@mirror", "@lint" and "@negatable" lines set its attributes, and every
 * other non-blank, non-comment line is a phrase, optionally followed by
 * "| why" and "| better" for that phrase alone.  A phrase that starts with
 * "^" only matches at the start of a sentence, one that ends with "$"
 * only at its end.
 *
 * Four category names are modifiers rather than signals: "negation"
 * (cancels a signal that follows it closely in the same clause), "hedge"
 * (marks a later signal in the same sentence as hedged) and "rhetorical"
 * (a sentence holding one is not a question) and "statement" (a sentence
 * holding one is a question only if it ends with "?").
 *
 * A loaded lexicon is read-only and may be shared between threads; each
 * analysis allocates its own Hyperscan scratch space.
 */
#ifndef CANDOR_TEXT_LEXICON_H
#define CANDOR_TEXT_LEXICON_H

#include "util/common.h"

struct candor_error;

/* Which utterances a section applies to. */
enum candor_lex_side {
	CANDOR_LEX_ANY = 0,
	CANDOR_LEX_BUYER,
	CANDOR_LEX_SELLER,
};

enum candor_lex_role {
	CANDOR_LEX_SIGNAL = 0,   /* an ordinary signal category */
	CANDOR_LEX_NEGATION,
	CANDOR_LEX_HEDGE,
	CANDOR_LEX_RHETORICAL,
	CANDOR_LEX_STATEMENT,
};

/* One "[category]" section.  All strings owned by the lexicon. */
struct candor_lex_section {
	char *category;          /* interned: equal names share one pointer */
	enum candor_lex_role role;
	enum candor_lex_side side;
	char *kind;              /* @kind, discovery fact kind; NULL when unset */
	char *why, *better;      /* @why / @better; NULL when unset */
	char *mirror;            /* @mirror: how to frame for this pattern */
	bool lint;               /* @lint yes: reported by candor_lint */
	bool negatable;          /* @negatable no turns negation off */
	char *file;              /* where it was declared, for messages */
	size_t line;
};

/* One phrase, normalised (see normalize.h).  Strings owned by the lexicon. */
struct candor_lex_phrase {
	char *norm;              /* normalised phrase, without the "^" */
	size_t len;              /* strlen(norm) */
	char *source;            /* the phrase as written */
	size_t section;          /* index into sections */
	bool anchored;           /* "^": only at the start of a sentence */
	bool anchored_end;       /* "$": only at the end of a sentence */
	bool except;             /* "!": an exception, never a signal; a hit
				  * of it cancels its category's hits that
				  * overlap it ("get ahead of ourselves") */
	char *why, *better;      /* per phrase; NULL: use the section's */
};

struct candor_lexicon;

/*
 * Load every "*.lex" file in dir (in name order) and compile the phrases.
 * On success *out owns a new lexicon (free it with candor_lexicon_free).
 * Fails with CANDOR_ENOTFOUND when dir cannot be read or holds no .lex
 * file, CANDOR_EINVALID for a bad line (the message names file:line), or
 * CANDOR_ERROR (out of memory, Hyperscan refused the database).
 */
int candor_lexicon_load(struct candor_lexicon **out, const char *dir,
			struct candor_error *err);

/*
 * Build a lexicon from text in the .lex format; name is used in messages.
 * The same errors as candor_lexicon_load.  Meant for tests and tools.
 */
int candor_lexicon_from_string(struct candor_lexicon **out, const char *name,
			       const char *text, struct candor_error *err);

void candor_lexicon_free(struct candor_lexicon *lx);

/*
 * The signal model that decides with this lexicon (text/sigmodel.h), or
 * NULL when the phrases alone decide (the analyser as it was before the
 * model; the quality test scores both).  set_model hands m over: the
 * lexicon frees it, and any model it held before.
 */
struct candor_signal_model;
const struct candor_signal_model *candor_lexicon_model(const struct candor_lexicon *lx);
void candor_lexicon_set_model(struct candor_lexicon *lx, struct candor_signal_model *m);

/*
 * What decides the signals, as stored with each analysed interaction: the
 * signal model's id ("signals/07bbce8b53fb4a53") or "phrases" when the
 * lexicon alone decides.  Valid while lx is.
 */
const char *candor_analyser_id(const struct candor_lexicon *lx);

/*
 * Load the lexicon in dir (NULL: the default) and the model at model_path
 * (NULL: candor_signal_model_default_path(); "none": no model, the
 * phrases decide), the model attached.  The errors of both loaders; on
 * failure *out is NULL.
 */
int candor_analyser_load(struct candor_lexicon **out, const char *dir, const char *model_path,
			 struct candor_error *err);

/*
 * The lexicon folder to use when the user names none: $CANDOR_LEXICON when
 * set, else the source tree's lexicon/ when this binary runs from its build
 * tree and it exists, else DATADIR/candor/lexicon.  Never NULL; the string
 * is static or from the environment.
 */
const char *candor_lexicon_default_dir(void);

/* Read-only views of what was loaded. */
size_t candor_lexicon_nphrases(const struct candor_lexicon *lx);
const struct candor_lex_phrase *candor_lexicon_phrase(const struct candor_lexicon *lx,
						      size_t i);
const struct candor_lex_section *candor_lexicon_section(const struct candor_lexicon *lx,
							size_t i);

/* The why and better-framing text for phrase i: the phrase's own, else its
 * section's, else "". */
const char *candor_lexicon_why(const struct candor_lexicon *lx, size_t i);
const char *candor_lexicon_better(const struct candor_lexicon *lx, size_t i);

#endif
