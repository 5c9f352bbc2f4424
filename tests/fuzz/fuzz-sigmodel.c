/*
 * fuzz-sigmodel.c: a libFuzzer harness for the signal model file reader
 * (text/sigmodel.c), fed through a memory file (it reads a path).  A
 * loaded model has every category with a threshold inside (0, 1) and a
 * finite bias, an id of 16 hex digits, and scores an utterance's words
 * without trouble; a refused file has a message.
 */
#include "fuzz.h"
#include <math.h>
#include "text/sigmodel.h"

static void check(const struct candor_signal_model *m)
{
	const char *id = candor_signal_model_id(m);

	if (strlen(id) != 16 || strspn(id, "0123456789abcdef") != 16 ||
	    !candor_signal_model_about(m))
		abort();
	for (int c = 0; c < CANDOR_NCATS; c++) {
		const struct candor_cat_params *p = candor_signal_model_params(m, c);

		if (!p || !isfinite(p->bias) || !(p->threshold > 0 && p->threshold < 1))
			abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct candor_error err = CANDOR_ERROR_INIT;
	struct candor_signal_model *m = NULL;
	char path[64];
	int fd = fuzz_file(path, sizeof(path), data, size);

	if (!candor_signal_model_load(&m, path, &err))
		check(m);
	else if (m)
		abort();
	else
		fuzz_check_error(&err);
	candor_signal_model_free(m);
	close(fd);
	return 0;
}
