/*
 * fuzz-lexicon.c: a libFuzzer harness for the lexicon file reader
 * (text/lexicon.c, through candor_lexicon_from_string, which the folder
 * reader uses for each file).  A loaded lexicon's phrases are normalised,
 * belong to a section and have a why and a better framing (maybe "");
 * a refused one has a message.  The Hyperscan cache is off (no files).
 */
#include "fuzz.h"
#include "text/lexicon.h"

static void check(const struct candor_lexicon *lx)
{
	for (size_t i = 0; i < candor_lexicon_nphrases(lx); i++) {
		const struct candor_lex_phrase *p = candor_lexicon_phrase(lx, i);
		const struct candor_lex_section *s = candor_lexicon_section(lx, p->section);

		if (!p->norm || strlen(p->norm) != p->len || !p->source || !s || !s->category)
			abort();
		if (!candor_lexicon_why(lx, i) || !candor_lexicon_better(lx, i))
			abort();
	}
	if (!candor_analyser_id(lx))
		abort();
}

int LLVMFuzzerInitialize(int *argc, char ***argv);

/* No Hyperscan cache files for what the fuzzer makes up. */
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	setenv("CANDOR_NO_CACHE", "1", 1);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_str(data, size);
	struct candor_error err = CANDOR_ERROR_INIT;
	struct candor_lexicon *lx = NULL;

	if (!candor_lexicon_from_string(&lx, "fuzz.lex", s, &err))
		check(lx);
	else if (lx)
		abort();
	else
		fuzz_check_error(&err);
	candor_lexicon_free(lx);
	free(s);
	return 0;
}
