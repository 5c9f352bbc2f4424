/*
 * test-crm.c: the CRM readers (src/formats/csv.c, vcard.c, crmmap.c).
 *
 * CSV as Excel and the CRMs write it: BOM, CR LF, quoted newlines and
 * quotes, ';' and tab separators, UTF-16 "Unicode text"; each row's line;
 * and bad input refused with the file, line and column.
 */
#include "util/common.h"
#include <setjmp.h>
#include <cmocka.h>

#include "util/error.h"
#include "formats/csv.h"

static void csv_ok(struct candor_csv *c, const char *data, size_t len)
{
	struct candor_error err = CANDOR_ERROR_INIT;
	int rc = candor_csv_read(c, data, len, "t.csv", &err);

	if (rc)
		print_error("%s\n", err.msg);
	assert_int_equal(rc, 0);
}

static void csv_fails(const char *data, size_t len, const char *want)
{
	struct candor_csv c = CANDOR_CSV_INIT;
	struct candor_error err = CANDOR_ERROR_INIT;
	int rc = candor_csv_read(&c, data, len, "t.csv", &err);

	candor_csv_release(&c);
	if (!strstr(err.msg, want))
		print_error("message: %s\nwanted: %s\n", err.msg, want);
	assert_int_equal(rc, CANDOR_EINVALID);
	assert_non_null(strstr(err.msg, want));
}

#define S(lit) lit, sizeof(lit) - 1

static void test_csv_excel(void **state)
{
	struct candor_csv c = CANDOR_CSV_INIT;

	csv_ok(&c, S("\xEF\xBB\xBF" "First Name,Last Name,Notes\r\n"
		     "Dana,Reyes,\"two\r\nlines, and \"\"quotes\"\"\"\r\n"
		     "\r\n"
		     ",,\r\n"
		     "Ann,\"Lee\"\r\n"
		     "  Bo ,Ng,x"));
	assert_int_equal(c.sep, ',');
	assert_string_equal(c.encoding, "UTF-8");
	assert_int_equal(c.head.n, 3);
	assert_string_equal(c.head.f[0], "First Name");  /* the BOM is not in the name */
	assert_int_equal(c.nrows, 3);
	assert_int_equal(c.rows[0].line, 2);
	assert_string_equal(c.rows[0].f[2], "two\nlines, and \"quotes\"");
	assert_int_equal(c.rows[1].line, 6);  /* after a blank line and an empty row */
	assert_int_equal(c.rows[1].n, 3);
	assert_string_equal(c.rows[1].f[2], "");  /* padded */
	assert_int_equal(c.rows[2].line, 7);
	assert_string_equal(c.rows[2].f[0], "  Bo ");
	assert_int_equal(candor_csv_column(&c, "Notes"), 2);
	assert_int_equal(candor_csv_column(&c, "notes"), -1);
	candor_csv_release(&c);
}

static void test_csv_separators(void **state)
{
	struct candor_csv c = CANDOR_CSV_INIT;

	csv_ok(&c, S("Name;\"Firma, GmbH\";E-Mail\nJörg;Müller, AG;j@x.de\n"));
	assert_int_equal(c.sep, ';');
	assert_string_equal(c.head.f[1], "Firma, GmbH");
	assert_string_equal(c.rows[0].f[1], "Müller, AG");
	candor_csv_release(&c);
	csv_ok(&c, S("a\tb\tc\n1\t\t3\n"));
	assert_int_equal(c.sep, '\t');
	assert_string_equal(c.rows[0].f[1], "");
	assert_string_equal(c.rows[0].f[2], "3");
	candor_csv_release(&c);
	csv_ok(&c, S("Name\nAnn\nBo\n"));  /* one column: nothing to tell, a comma */
	assert_int_equal(c.sep, ',');
	assert_int_equal(c.nrows, 2);
	candor_csv_release(&c);
}

static void test_csv_utf16(void **state)
{
	/* "Name\tE-mail\r\nZoë\tz@x.io\r\n" in UTF-16LE with a BOM, as Excel's "Unicode text" */
	const char *text = "Name\tE-mail\r\nZo\xC3\xAB\tz@x.io\r\n";
	char le[128], be[128];
	size_t n = 2;
	struct candor_csv c = CANDOR_CSV_INIT;

	le[0] = '\xFF', le[1] = '\xFE', be[0] = '\xFE', be[1] = '\xFF';
	for (const char *p = text; *p; p++) {
		unsigned u = (unsigned char)*p;

		if (u == 0xC3)
			u = 0xC0 | ((unsigned char)p[1] & 0x3F), p++;
		le[n] = (char)u, le[n + 1] = 0;
		be[n] = 0, be[n + 1] = (char)u;
		n += 2;
	}
	csv_ok(&c, le, n);
	assert_string_equal(c.encoding, "UTF-16LE");
	assert_int_equal(c.sep, '\t');
	assert_string_equal(c.rows[0].f[0], "Zo\xC3\xAB");
	assert_string_equal(c.rows[0].f[1], "z@x.io");
	candor_csv_release(&c);
	csv_ok(&c, be, n);
	assert_string_equal(c.encoding, "UTF-16BE");
	assert_string_equal(c.rows[0].f[0], "Zo\xC3\xAB");
	candor_csv_release(&c);
	csv_fails(le, n - 1, "is not valid UTF-16LE");  /* cut in half a code unit */
}

static void test_csv_bad(void **state)
{
	csv_fails(S(""), "t.csv: the file is empty");
	csv_fails(S("\r\n\r\n"), "the file is empty");
	csv_fails(S("a,b\n1,2\n3,\"4\n"), "t.csv:3: a quoted field that starts on this line "
		  "is never closed");
	csv_fails(S("a,b\n1,2\nx,ab\"c\"\n"), "t.csv:3:5: a quote where none can be");
	csv_fails(S("a,b\n1,2,3\n"), "t.csv:2: this row has 3 fields and the header 2");
	csv_fails(S("a,b\nJ\xF6rg,2\n"), "t.csv:2:2: byte 0xF6 is not UTF-8");
	csv_fails(S("a,b\n\"x\ny\",\n1,\xC3\n"), "t.csv:4:3: byte 0xC3 is not UTF-8");
	csv_fails(S("a,b\n1,\0\n"), "t.csv:2:3: a NUL byte");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_csv_excel),
		cmocka_unit_test(test_csv_separators),
		cmocka_unit_test(test_csv_utf16),
		cmocka_unit_test(test_csv_bad),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
