/*
 * lexicon-priv.h: the inside of a loaded lexicon, shared by the files of
 * src/text/ only.
 */
#ifndef CANDOR_TEXT_LEXICON_PRIV_H
#define CANDOR_TEXT_LEXICON_PRIV_H

#include "util/common.h"
#include "text/lexicon.h"

#include <hs/hs.h>

struct candor_lexicon {
	struct candor_lex_section *sections;
	size_t nsections, asections;
	struct candor_lex_phrase *phrases;
	size_t nphrases, aphrases;
	char **names;            /* interned category names */
	size_t nnames, anames;
	const char *question;    /* the interned "question" name */
	hs_database_t *db;
	hs_scratch_t *scratch;   /* a prototype to clone, never used to scan */
	struct candor_signal_model *model; /* owned; NULL: the phrases decide */
};

#endif
