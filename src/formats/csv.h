/*
 * formats/csv.h: CSV files as CRMs, address books and spreadsheets write
 * them, read into rows of fields that remember their line.
 *
 * The parsing is libcsv's (RFC 4180: quoted fields, "" inside quotes,
 * quoted newlines).  Around it, what Excel and the CRMs add:
 *   - encoding: UTF-8 with or without a byte order mark, UTF-16 (LE or
 *     BE) with one (Excel's "Unicode text"), Windows-1252 (Excel's "CSV
 *     (Comma delimited)" on Windows) or Latin-1, told from the bytes by
 *     the rule transcripts use (formats/encoding.h) and transcoded with
 *     iconv; bytes that leave it open are refused with the line and the
 *     byte (nothing is guessed);
 *   - line ends: CR LF, LF or CR, inside quoted fields too (a cell's
 *     newlines come out as LF);
 *   - the separator: ',', ';' (Excel in locales with a decimal comma) or a
 *     tab (UTF-16 "Unicode text"), whichever the header line has most of,
 *     outside quotes; ',' when it has none.
 * Blank lines are skipped.  A row with more fields than the header is an
 * error (its data would have no column); one with fewer has the rest empty
 * (a spreadsheet drops trailing empty cells).  No row cap: the whole file
 * is held in memory, about twice its size.
 */
#ifndef CANDOR_FORMATS_CSV_H
#define CANDOR_FORMATS_CSV_H

#include "util/common.h"

struct candor_error;

struct candor_csv_row {
	char **f;      /* n fields, each malloc'd and NUL-terminated */
	size_t n;      /* the header's field count, after padding */
	size_t line;   /* 1-based line the row starts on, in the file as given */
};

struct candor_csv {
	struct candor_csv_row head;   /* the header: column names */
	struct candor_csv_row *rows;  /* the data rows, in file order */
	size_t nrows;
	char sep;                     /* ',', ';' or '\t' */
	const char *encoding;         /* what it was read as: "UTF-8", "UTF-16LE", "UTF-16BE",
				       * "Windows-1252" or "Latin-1" (static; vCard: of the
				       * values naming no CHARSET) */
};

#define CANDOR_CSV_INIT { { NULL, 0, 0 }, NULL, 0, ',', "UTF-8" }

/*
 * Read the CSV in data[0..len) (name: the file's, for messages) into *out,
 * which the caller has set to CANDOR_CSV_INIT and releases with
 * candor_csv_release, also after a failure.  0, CANDOR_EINVALID with a
 * message "NAME:LINE:COLUMN: ..." (field "file"), or CANDOR_ERROR (out of
 * memory).  A file without a header line is CANDOR_EINVALID.
 */
int candor_csv_read(struct candor_csv *out, const char *data, size_t len, const char *name,
		    struct candor_error *err);
void candor_csv_release(struct candor_csv *c);

/*
 * The text of a file as csv.c takes it (and vcard.c): its encoding told
 * and transcoded to UTF-8 (formats/encoding.h), a UTF-8 BOM dropped,
 * checked to be UTF-8 without NUL, CR LF and CR made LF, into out (which
 * must be empty); *encoding as for struct candor_csv.  With
 * CANDOR_TEXT_BYTES only UTF-16 is transcoded and other 8-bit bytes are
 * left as they are, unchecked (vCard decodes each value by its CHARSET or
 * the file's guess); *encoding is then "UTF-8" unless UTF-16.  0,
 * CANDOR_EINVALID ("NAME:LINE:COLUMN: ..." or the encoding's message) or
 * CANDOR_ERROR.
 */
#define CANDOR_TEXT_BYTES 1u
struct candor_buf;
int candor_text_decode(struct candor_buf *out, const char **encoding, const char *data,
		       size_t len, const char *name, unsigned flags, struct candor_error *err);

/* The index of the header column named name (exactly), or -1. */
long candor_csv_column(const struct candor_csv *c, const char *name);

#endif
