/*
 * fuzz-date.c: a libFuzzer harness for the date parser (util/date.c).
 * A date read is written back and read again to the same second; a date
 * refused has a message that names the field.
 */
#include "fuzz.h"
#include "util/date.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_str(data, size);
	struct candor_error err = CANDOR_ERROR_INIT;
	char out[CANDOR_DATE_MAX];
	int64_t t, back;

	if (!candor_date_parse(&t, s, "when", &err)) {
		candor_date_format(out, sizeof(out), t);
		if (candor_date_parse(&back, out, "when", &err) || back != t)
			abort();
	} else {
		fuzz_check_error(&err);
		if (strcmp(err.field, "when"))
			abort();
	}
	free(s);
	return 0;
}
