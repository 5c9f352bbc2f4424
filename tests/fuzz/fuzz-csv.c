/*
 * fuzz-csv.c: a libFuzzer harness for the CSV reader (formats/csv.c).
 *
 * Whatever is read must hold what csv.h promises: every row as wide as the
 * header, rows in file order with lines that only go up, every field valid
 * UTF-8 (json_string checks) without a CR; a failure leaves a message
 * naming the file, and nothing kept past the release.
 */
#include "util/common.h"
#include <jansson.h>
#include "util/error.h"
#include "formats/csv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_field(const char *f)
{
	json_t *j = json_string(f);

	if (!j || strchr(f, '\r'))
		abort();
	json_decref(j);
}

static void check(const struct candor_csv *c)
{
	size_t line = c->head.line;

	if (!c->head.n || (c->sep != ',' && c->sep != ';' && c->sep != '\t'))
		abort();
	for (size_t i = 0; i < c->head.n; i++)
		check_field(c->head.f[i]);
	for (size_t r = 0; r < c->nrows; r++) {
		if (c->rows[r].n != c->head.n || c->rows[r].line <= line)
			abort();
		line = c->rows[r].line;
		for (size_t i = 0; i < c->rows[r].n; i++)
			check_field(c->rows[r].f[i]);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct candor_csv c = CANDOR_CSV_INIT;
	struct candor_error err = CANDOR_ERROR_INIT;
	int rc = candor_csv_read(&c, (const char *)data, size, "fuzz.csv", &err);

	if (!rc) {
		check(&c);
	} else {
		json_t *msg = json_string(err.msg);

		/* it names the file: "fuzz.csv:LINE:..." or, where the encoding
		 * cannot be told (formats/encoding.h), "'fuzz.csv' line N: ..." */
		if (!msg || !strstr(err.msg, "fuzz.csv"))
			abort();
		json_decref(msg);
	}
	candor_csv_release(&c);
	return 0;
}
