/*
 * fuzz-corpus.c: a libFuzzer harness for the labelled-corpus reader
 * (text/corpus.c), fed through a memory file (it reads a path).  A call
 * read has its utterances in order, each with text, a speaker, a known
 * side, valid UTF-8 (control characters pass: it is not typed text) and
 * labels among the 17 categories; a refused file leaves the
 * corpus as it was and has a message.
 */
#include "fuzz.h"
#include "text/corpus.h"
#include "text/sigmodel.h"

static void check(const struct candor_labelled_call *call)
{
	const uint32_t all = (1u << CANDOR_NCATS) - 1;

	if ((call->labelled & ~all) || !call->path)
		abort();
	for (size_t i = 0; i < call->n; i++) {
		const struct candor_utterance *u = &call->u[i];

		if (!u->text || !u->speaker || u->index != i || (call->labels[i] & ~all) ||
		    u->side > CANDOR_SIDE_BUYER || !candor_utf8_valid(u->text, strlen(u->text)) ||
		    !candor_utf8_valid(u->speaker, strlen(u->speaker)))
			abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct candor_error err = CANDOR_ERROR_INIT;
	struct candor_corpus c = CANDOR_CORPUS_INIT;
	char path[64];
	int fd = fuzz_file(path, sizeof(path), data, size);

	if (!candor_corpus_read_file(&c, path, &err)) {
		if (c.n != 1)
			abort();
		check(&c.calls[0]);
		if (candor_corpus_utterances(&c) != c.calls[0].n)
			abort();
	} else {
		if (c.n)
			abort();
		fuzz_check_error(&err);
	}
	candor_corpus_release(&c);
	close(fd);
	return 0;
}
