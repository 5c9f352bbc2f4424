/*
 * test-crm.c: the CRM readers (src/formats/csv.c, vcard.c, crmmap.c).
 *
 * CSV as Excel and the CRMs write it: BOM, CR LF, quoted newlines and
 * quotes, ';' and tab separators, UTF-16 "Unicode text", Windows-1252 and
 * Latin-1 (told by the transcripts' rule, formats/encoding.h); each row's
 * line; and bad input refused with the file, line and column.  vCards: a
 * property's CHARSET wins over the file's guess.
 */
#include "util/common.h"
#include <setjmp.h>
#include <cmocka.h>

#include <libical/ical.h>
#include "util/buf.h"
#include "util/error.h"
#include "formats/csv.h"
#include "formats/crm.h"
#include "formats/ics.h"
#include "formats/vcard.h"

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

/* Excel's "CSV (Comma delimited)" on Windows is Windows-1252; older tools write Latin-1. */
static void test_csv_legacy(void **state)
{
	struct candor_csv c = CANDOR_CSV_INIT;

	csv_ok(&c, S("Name,Note\r\nRen\xE9 M\xFCller,\x93pilot\x94 \x80" "5k \x96 \x91ok\x92\r\n"));
	assert_string_equal(c.encoding, "Windows-1252");
	assert_string_equal(c.rows[0].f[0], "Ren\xC3\xA9 M\xC3\xBCller");
	assert_string_equal(c.rows[0].f[1], "\xE2\x80\x9Cpilot\xE2\x80\x9D \xE2\x82\xAC" "5k "
			    "\xE2\x80\x93 \xE2\x80\x98ok\xE2\x80\x99");
	assert_int_equal(c.rows[0].line, 2);
	candor_csv_release(&c);
	csv_ok(&c, S("Name;Firma\nJ\xF6rg;S\xF6hne \xBD\n"));
	assert_string_equal(c.encoding, "Latin-1");
	assert_int_equal(c.sep, ';');
	assert_string_equal(c.rows[0].f[0], "J\xC3\xB6rg");
	assert_string_equal(c.rows[0].f[1], "S\xC3\xB6hne \xC2\xBD");
	candor_csv_release(&c);
	csv_ok(&c, S("Name\nJ\xC3\xB6rg\n"));
	assert_string_equal(c.encoding, "UTF-8");
	candor_csv_release(&c);
	/* where the bytes leave it open: refused, naming the file, line and byte */
	csv_fails(S("Name\nAna\nCaf\x81\n"), "'t.csv' line 3: cannot tell the file's encoding: "
		  "byte 0x81 is neither UTF-8 nor Windows-1252");
	csv_fails(S("Name\n\xCF\xF0\xE8\xE2\xE5\xF2\n"), "'t.csv' line 2: cannot tell the "
		  "file's encoding: byte 0xCF is not UTF-8, and too many");
}

static void test_csv_bad(void **state)
{
	csv_fails(S(""), "t.csv: the file is empty");
	csv_fails(S("\r\n\r\n"), "the file is empty");
	csv_fails(S("a,b\n1,2\n3,\"4\n"), "t.csv:3: a quoted field that starts on this line "
		  "is never closed");
	csv_fails(S("a,b\n1,2\nx,ab\"c\"\n"), "t.csv:3:5: a quote where none can be");
	csv_fails(S("a,b\n1,2,3\n"), "t.csv:2: this row has 3 fields and the header 2");
	/* UTF-8 with one byte that is not: damage, not an encoding */
	csv_fails(S("a,b\nJ\xC3\xB6rg,Caf\xE9\n"), "t.csv:2:9: byte 0xE9 is not UTF-8, and the "
		  "rest of the file is");
	csv_fails(S("a,b\n\"x\ny\",\xC3\xA9\n1,\xC3\n"), "t.csv:4:3: byte 0xC3 is not UTF-8");
	csv_fails(S("a,b\n1,\0\n"), "t.csv:2:3: a NUL byte");
}

static void test_crm_detect(void **state)
{
	static const struct { const char *header; int kind; const char *vendor; } cases[] = {
		{ "Record ID,First Name,Last Name,Email,Company Name,Contact owner\n",
		  CANDOR_CRM_CONTACTS, "HubSpot" },
		{ "First Name,Last Name,Title,Account Name,Email,Contact Owner\n",
		  CANDOR_CRM_CONTACTS, "Salesforce (report)" },
		{ "Id,AccountId,LastName,FirstName,Email\n", CANDOR_CRM_CONTACTS,
		  "Salesforce (Data Export)" },
		{ "Person - Name,Person - Organization\n", CANDOR_CRM_CONTACTS, "Pipedrive" },
		{ "Name,Given Name,Family Name,E-mail 1 - Value\n", CANDOR_CRM_CONTACTS,
		  "Google Contacts" },
		{ "First Name,Last Name,Company,Job Title,E-mail Address\n", CANDOR_CRM_CONTACTS,
		  "Outlook" },
		{ "first_name,last_name,company,email_work\n", CANDOR_CRM_CONTACTS, "Atomic CRM" },
		{ "Name,Email,Company\n", CANDOR_CRM_CONTACTS, "generic" },
		{ "Record ID,Company name,Company owner\n", CANDOR_CRM_ACCOUNTS, "HubSpot" },
		{ "Organization - Name,Organization - Owner\n", CANDOR_CRM_ACCOUNTS, "Pipedrive" },
		/* Outlook has no accounts file: the common names */
		{ "Company,E-mail Address\n", CANDOR_CRM_ACCOUNTS, "generic" },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct candor_csv c = CANDOR_CSV_INIT;
		struct candor_crm_map m = { 0 };
		struct candor_error err = CANDOR_ERROR_INIT;

		csv_ok(&c, cases[i].header, strlen(cases[i].header));
		assert_int_equal(candor_crm_map_detect(&m, &c, cases[i].kind, &err), 0);
		if (strcmp(m.vendor, cases[i].vendor))
			print_error("%s: %s, not %s\n", cases[i].header, m.vendor, cases[i].vendor);
		assert_string_equal(m.vendor, cases[i].vendor);
		candor_crm_map_release(&m);
		candor_csv_release(&c);
	}
}

static void test_crm_map(void **state)
{
	struct candor_csv c = CANDOR_CSV_INIT;
	struct candor_crm_map m = { 0 };
	struct candor_error err = CANDOR_ERROR_INIT;

	csv_ok(&c, S("Title,First Name,Last Name,Company,Job Title,E-mail Address,Pager\n"));
	assert_int_equal(candor_crm_map_detect(&m, &c, CANDOR_CRM_CONTACTS, &err), 0);
	assert_string_equal(m.vendor, "Outlook");
	assert_int_equal(m.field[0], CANDOR_CRM_EXTRA);  /* Outlook's Title is "Mr." */
	assert_int_equal(m.field[1], CANDOR_CRM_FIRST);
	assert_int_equal(m.field[3], CANDOR_CRM_ACCOUNT);
	assert_int_equal(m.field[4], CANDOR_CRM_ROLE);
	assert_int_equal(m.field[5], CANDOR_CRM_EMAIL);
	assert_int_equal(m.field[6], CANDOR_CRM_EXTRA);
	assert_int_equal(candor_crm_map_set(&m, &c, "Pager=skip", &err), 0);
	assert_int_equal(m.field[6], CANDOR_CRM_DROP);
	assert_int_equal(candor_crm_map_set(&m, &c, "Job Title=extra", &err), 0);
	assert_int_equal(m.field[4], CANDOR_CRM_EXTRA);
	assert_int_equal(candor_crm_map_set(&m, &c, "pager=skip", &err), CANDOR_EINVALID);
	assert_non_null(strstr(err.msg, "no column 'pager'"));
	assert_int_equal(candor_crm_map_set(&m, &c, "Pager", &err), CANDOR_EINVALID);
	assert_int_equal(candor_crm_map_set(&m, &c, "Pager=phone", &err), CANDOR_EINVALID);
	assert_non_null(strstr(err.msg, "'phone' is not a field"));
	candor_crm_map_release(&m);
	candor_csv_release(&c);
}

static void vcard_ok(struct candor_csv *c, const char *data, const char *version)
{
	struct candor_error err = CANDOR_ERROR_INIT;
	const char *v;
	int rc = candor_vcard_read(c, &v, data, strlen(data), "t.vcf", &err);

	if (rc)
		print_error("%s\n", err.msg);
	assert_int_equal(rc, 0);
	assert_string_equal(v, version);
}

static const char *cell(const struct candor_csv *c, size_t row, const char *col)
{
	long i = candor_csv_column(c, col);

	return i < 0 ? NULL : c->rows[row].f[i];
}

static void test_vcard_read(void **state)
{
	struct candor_csv c = CANDOR_CSV_INIT;

	vcard_ok(&c, "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann\r\n  Lee\r\nN:Lee;Ann;M;Dr.;\r\n"
		 "item1.EMAIL;type=INTERNET:ann@x.example\r\nEMAIL:ann@home.example\r\n"
		 "ORG:A\\, B;Unit\r\nNOTE:semi\\; comma\\, back\\\\ nl\\nend\r\n"
		 "PHOTO;ENCODING=b;TYPE=JPEG:AAAA\r\n BBBB\r\nX-ABLabel:Work\r\n"
		 "TEL:1\r\nTEL:2\r\nEND:VCARD\r\n\r\n"
		 "begin:vcard\nversion:2.1\nFN;ENCODING=QUOTED-PRINTABLE;CHARSET=UTF-8:J=C3=\n=B6rg\n"
		 "TITLE;CHARSET=ISO-8859-1;QUOTED-PRINTABLE:Caf=E9\nend:vcard\n", "3.0");
	assert_int_equal(c.nrows, 2);
	assert_int_equal(c.rows[0].line, 1);
	assert_string_equal(cell(&c, 0, "FN"), "Ann Lee");  /* folded: one space of "  Lee" goes */
	assert_string_equal(cell(&c, 0, "N:family"), "Lee");
	assert_string_equal(cell(&c, 0, "N:given"), "Ann");
	assert_string_equal(cell(&c, 0, "N:additional"), "M");
	assert_string_equal(cell(&c, 0, "EMAIL"), "ann@x.example");
	assert_string_equal(cell(&c, 0, "EMAIL 2"), "ann@home.example");
	assert_string_equal(cell(&c, 0, "ORG"), "A, B");
	assert_string_equal(cell(&c, 0, "NOTE"), "semi; comma, back\\ nl\nend");
	assert_string_equal(cell(&c, 0, "TEL 2"), "2");
	assert_null(cell(&c, 0, "PHOTO"));
	assert_null(cell(&c, 0, "X-ABLABEL"));
	assert_int_equal(c.rows[1].line, 17);
	assert_string_equal(cell(&c, 1, "FN"), "J\xC3\xB6rg");  /* a soft line break inside a character */
	assert_string_equal(cell(&c, 1, "TITLE"), "Caf\xC3\xA9");
	assert_string_equal(cell(&c, 1, "EMAIL"), "");
	candor_csv_release(&c);
}

/* A vCard saved in Windows-1252 reads right; a property's CHARSET wins over the file's guess. */
static void test_vcard_charset(void **state)
{
	struct candor_csv c = CANDOR_CSV_INIT;

	vcard_ok(&c, "BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Ren\xE9 \x96 Lef\xE8vre\r\n"
		 "NOTE;CHARSET=UTF-8:Z\xC3\xBCrich\r\nTITLE;CHARSET=ISO-8859-1:Caf\xE9\r\n"
		 "ORG;CHARSET=Windows-1252;ENCODING=QUOTED-PRINTABLE:=80=E9\r\nEND:VCARD\r\n", "2.1");
	assert_string_equal(c.encoding, "Windows-1252");
	assert_string_equal(cell(&c, 0, "FN"), "Ren\xC3\xA9 \xE2\x80\x93 Lef\xC3\xA8vre");
	assert_string_equal(cell(&c, 0, "NOTE"), "Z\xC3\xBCrich");
	assert_string_equal(cell(&c, 0, "TITLE"), "Caf\xC3\xA9");
	assert_string_equal(cell(&c, 0, "ORG"), "\xE2\x82\xAC\xC3\xA9");
	candor_csv_release(&c);
	/* a UTF-8 file with one property in Windows-1252 that says so */
	vcard_ok(&c, "BEGIN:VCARD\nVERSION:3.0\nFN:J\xC3\xB6rg\nORG;CHARSET=Windows-1252:Caf\xE9 "
		 "\x80\nEND:VCARD\n", "3.0");
	assert_string_equal(c.encoding, "UTF-8");
	assert_string_equal(cell(&c, 0, "FN"), "J\xC3\xB6rg");
	assert_string_equal(cell(&c, 0, "ORG"), "Caf\xC3\xA9 \xE2\x82\xAC");
	candor_csv_release(&c);
	/* Latin-1 throughout, no CHARSET anywhere */
	vcard_ok(&c, "BEGIN:VCARD\nVERSION:2.1\nFN:Bego\xF1" "a Mu\xF1oz\nEND:VCARD\n", "2.1");
	assert_string_equal(c.encoding, "Latin-1");
	assert_string_equal(cell(&c, 0, "FN"), "Bego\xC3\xB1" "a Mu\xC3\xB1oz");
	candor_csv_release(&c);
}

static void vcard_fails(const char *data, const char *want)
{
	struct candor_csv c = CANDOR_CSV_INIT;
	struct candor_error err = CANDOR_ERROR_INIT;
	const char *v;
	int rc = candor_vcard_read(&c, &v, data, strlen(data), "t.vcf", &err);

	candor_csv_release(&c);
	if (!strstr(err.msg, want))
		print_error("message: %s\nwanted: %s\n", err.msg, want);
	assert_int_equal(rc, CANDOR_EINVALID);
	assert_non_null(strstr(err.msg, want));
}

static void test_vcard_bad(void **state)
{
	vcard_fails("", "t.vcf:1: no vCard");
	vcard_fails("FN:Ann\n", "t.vcf:1: a line outside BEGIN:VCARD");
	vcard_fails("hello\n", "t.vcf:1: not a vCard");
	vcard_fails("BEGIN:VCARD\nFN:Ann\n", "t.vcf:1: this vCard has no END:VCARD");
	vcard_fails("BEGIN:VCARD\nBEGIN:VCARD\n", "t.vcf:2: BEGIN:VCARD inside another");
	vcard_fails("BEGIN:VCARD\nFN;QUOTED-PRINTABLE:=4\nEND:VCARD\n", "t.vcf:2: a quoted-printable");
	vcard_fails("BEGIN:VCARD\nFN;CHARSET=NOPE-1:x\nEND:VCARD\n", "t.vcf:2: CHARSET=NOPE-1");
	/* 8-bit bytes in a CHARSET name are not echoed into the message */
	vcard_fails("BEGIN:VCARD\nFN;CHARSET=UTF\x8A\x8A:x\nEND:VCARD\n", "t.vcf:2: a CHARSET that is "
		    "not the name of a character set");
	vcard_fails("BEGIN:VCARD\nFN;QUOTED-PRINTABLE:=00\nEND:VCARD\n", "t.vcf:2: a value that is not UTF-8");
	vcard_fails("BEGIN:VCARD\nFN:\xFF\nEND:VCARD\n", "'t.vcf' line 2: cannot tell the file's "
		    "encoding: byte 0xFF");
	vcard_fails("BEGIN:VCARD\nFN:Ana\nNOTE:Caf\x81 ok\nEND:VCARD\n", "'t.vcf' line 3: cannot "
		    "tell the file's encoding: byte 0x81");
	/* UTF-8 but for one value naming no CHARSET: that value is at fault */
	vcard_fails("BEGIN:VCARD\nFN:J\xC3\xB6rg\nORG:Caf\xE9\nEND:VCARD\n",
		    "t.vcf:3: a value that is not UTF-8 text (say its CHARSET)");
	vcard_fails("BEGIN:VCARD\nEND:VCALENDAR\n", "t.vcf:2: END of something other");
}

static void test_vcard_write(void **state)
{
	struct candor_buf b = CANDOR_BUF_INIT;
	struct candor_vcard_out v = { "Zo\xC3\xAB van Dijk", "z@x.example", "CFO; acting", "A, B", 7 };
	struct candor_csv c = CANDOR_CSV_INIT;

	candor_vcard_write(&b, &v);
	assert_non_null(strstr(b.ptr, "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Zo\xC3\xAB van Dijk\r\n"
			       "N:Dijk;Zo\xC3\xAB van;;;\r\nORG:A\\, B\r\nTITLE:CFO\\; acting\r\n"
			       "EMAIL;TYPE=INTERNET:z@x.example\r\nUID:candor-contact-7\r\nEND:VCARD\r\n"));
	vcard_ok(&c, b.ptr, "3.0");
	assert_string_equal(cell(&c, 0, "ORG"), "A, B");
	assert_string_equal(cell(&c, 0, "TITLE"), "CFO; acting");
	candor_csv_release(&c);
	/* a long value folds at 75 octets, never inside a character */
	candor_buf_reset(&b);
	v.role = "\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9"
		 "\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9"
		 "\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9"
		 "\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9"
		 "\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9";
	candor_vcard_write(&b, &v);
	for (char *l = b.ptr; *l;) {
		char *e = strstr(l, "\r\n");

		assert_non_null(e);
		assert_true(e - l <= 75);
		assert_true(((unsigned char)*l & 0xC0) != 0x80 || l[-1] != '\n');
		l = e + 2;
		if (*l == ' ')
			assert_true(((unsigned char)l[1] & 0xC0) != 0x80);
	}
	vcard_ok(&c, b.ptr, "3.0");
	assert_string_equal(cell(&c, 0, "TITLE"), v.role);
	candor_csv_release(&c);
	candor_buf_release(&b);
}

/* What candor_ics_write makes, read back by libical's own parser. */
static void test_ics_libical(void **state)
{
	const struct candor_ics_event ev[] = {
		{ "commitment-3@candor", 1795132800 /* 2026-11-20 */, "Promise to Dana: send it; now",
		  "a, b\nc", 2, false, 1794700800 },
		{ "expectation-1@candor", 1795219200, "Expectation", "kept", 0, true, 1794700800 },
	};
	struct candor_buf b = CANDOR_BUF_INIT;
	struct candor_error err = CANDOR_ERROR_INIT;
	icalcomponent *cal, *e, *alarm;
	struct icaltimetype t;
	struct icaltriggertype trig;

	assert_int_equal(candor_ics_write(&b, ev, 2, "Sam", 1795305600, &err), 0);
	assert_non_null(cal = icalparser_parse_string(b.ptr));
	assert_int_equal(icalcomponent_count_errors(cal), 0);
	assert_string_equal(icalcomponent_get_first_property(cal, ICAL_VERSION_PROPERTY) ?
			    icalproperty_get_version(icalcomponent_get_first_property(cal, ICAL_VERSION_PROPERTY)) : "", "2.0");
	assert_non_null(e = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT));
	assert_string_equal(icalcomponent_get_uid(e), "commitment-3@candor");
	assert_string_equal(icalcomponent_get_summary(e), "Promise to Dana: send it; now");
	assert_string_equal(icalcomponent_get_description(e), "a, b\nc");
	t = icalcomponent_get_dtstart(e);
	assert_true(t.is_date);
	assert_int_equal(t.year, 2026), assert_int_equal(t.month, 11), assert_int_equal(t.day, 20);
	t = icalcomponent_get_dtend(e);
	assert_int_equal(t.day, 21);
	assert_int_equal(icalcomponent_get_sequence(e), 2);
	assert_int_equal(icalcomponent_get_status(e), ICAL_STATUS_CONFIRMED);
	t = icalcomponent_get_dtstamp(e);
	assert_int_equal(t.day, 22), assert_true(icaltime_is_utc(t));
	assert_non_null(alarm = icalcomponent_get_first_component(e, ICAL_VALARM_COMPONENT));
	trig = icalproperty_get_trigger(icalcomponent_get_first_property(alarm, ICAL_TRIGGER_PROPERTY));
	assert_int_equal(icaldurationtype_as_int(trig.duration), -15 * 3600);
	assert_int_equal(icalproperty_get_action(icalcomponent_get_first_property(alarm, ICAL_ACTION_PROPERTY)),
			 ICAL_ACTION_DISPLAY);
	assert_non_null(e = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT));
	assert_string_equal(icalcomponent_get_uid(e), "expectation-1@candor");
	assert_int_equal(icalcomponent_get_status(e), ICAL_STATUS_CANCELLED);
	assert_null(icalcomponent_get_first_component(e, ICAL_VALARM_COMPONENT));
	assert_null(icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT));
	icalcomponent_free(cal);
	candor_buf_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_csv_excel),
		cmocka_unit_test(test_csv_separators),
		cmocka_unit_test(test_csv_utf16),
		cmocka_unit_test(test_csv_legacy),
		cmocka_unit_test(test_csv_bad),
		cmocka_unit_test(test_crm_detect),
		cmocka_unit_test(test_crm_map),
		cmocka_unit_test(test_vcard_read),
		cmocka_unit_test(test_vcard_charset),
		cmocka_unit_test(test_vcard_bad),
		cmocka_unit_test(test_vcard_write),
		cmocka_unit_test(test_ics_libical),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
