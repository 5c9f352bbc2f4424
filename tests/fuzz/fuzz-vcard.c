/*
 * fuzz-vcard.c: a libFuzzer harness for the vCard reader (formats/vcard.c).
 *
 * What is read must hold what vcard.h promises: the fixed columns first,
 * every row as wide as the header with every cell valid UTF-8 (json_string
 * checks), rows in file order; a failure leaves a message naming the file.
 * Each card is then written back (candor_vcard_write) and read again: it
 * must read, with the same name.
 */
#include "util/common.h"
#include <jansson.h>
#include "util/buf.h"
#include "util/error.h"
#include "formats/vcard.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_cell(const char *f)
{
	json_t *j = json_string(f);

	if (!j)
		abort();
	json_decref(j);
}

static void round_trip(const struct candor_csv *c, size_t r)
{
	struct candor_vcard_out v = { c->rows[r].f[0], c->rows[r].f[4], c->rows[r].f[6],
				      c->rows[r].f[5], 1 };
	struct candor_buf b = CANDOR_BUF_INIT;
	struct candor_csv back = CANDOR_CSV_INIT;
	struct candor_error err = CANDOR_ERROR_INIT;
	const char *version;

	candor_vcard_write(&b, &v);
	if (candor_buf_error(&b))
		abort();
	if (candor_vcard_read(&back, &version, b.ptr, b.len, "back", &err) || back.nrows != 1 ||
	    strcmp(version, "3.0"))
		abort();
	/* a value with a control character other than LF may not come back alike */
	if (!strpbrk(v.name, "\r\t\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f") &&
	    strcmp(back.rows[0].f[0], v.name))
		abort();
	candor_csv_release(&back);
	candor_buf_release(&b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct candor_csv c = CANDOR_CSV_INIT;
	struct candor_error err = CANDOR_ERROR_INIT;
	const char *version;
	int rc = candor_vcard_read(&c, &version, (const char *)data, size, "fuzz.vcf", &err);

	if (!rc) {
		size_t line = 0;

		if (c.head.n < 7 || strcmp(c.head.f[0], "FN") || !c.nrows)
			abort();
		for (size_t r = 0; r < c.nrows; r++) {
			if (c.rows[r].n != c.head.n || c.rows[r].line <= line)
				abort();
			line = c.rows[r].line;
			for (size_t i = 0; i < c.rows[r].n; i++)
				check_cell(c.rows[r].f[i]);
			if (r < 4)
				round_trip(&c, r);
		}
	} else {
		json_t *msg = json_string(err.msg);

		/* it names the file: "fuzz.vcf:LINE: ..." or "'fuzz.vcf' line N: ..." */
		if (!msg || (rc == CANDOR_EINVALID && !strstr(err.msg, "fuzz.vcf")))
			abort();
		json_decref(msg);
	}
	candor_csv_release(&c);
	return 0;
}
