/*
 * formats/vcard.h: vCard address books in and out.
 *
 * Reading takes vCard 2.1, 3.0 and 4.0 as Google, Apple, Android and
 * Outlook export them: lines folded (RFC 6350 3.2) or soft-broken in
 * quoted-printable (2.1), ENCODING=QUOTED-PRINTABLE with a CHARSET (UTF-8,
 * Windows-1252, Latin-1...: transcoded with iconv), item groups
 * ("item1.EMAIL" is EMAIL), bare 2.1 parameters ("TEL;WORK;VOICE"),
 * escaped "\," "\;" "\\" "\n" in values, and photos, logos, sounds and
 * keys ignored whatever their encoding.  Debian has no well-kept vCard
 * library for C (libical's vCard support came with 3.1; libvformat is
 * unmaintained), hence this small reader; it is fuzzed (fuzz-vcard).
 *
 * The cards come out as a table (formats/csv.h), one row per card, at the
 * line of its BEGIN:VCARD, so they go through the same plan as a CSV
 * file: the columns "FN", "N:given", "N:additional", "N:family",
 * "EMAIL", "ORG", "TITLE" always, then one per other property the cards
 * have ("TEL", "TEL 2", "NOTE", "ADR"...), a second EMAIL as "EMAIL 2".
 */
#ifndef CANDOR_FORMATS_VCARD_H
#define CANDOR_FORMATS_VCARD_H

#include "util/common.h"
#include "util/buf.h"
#include "formats/csv.h"

struct candor_error;

/* Whether data starts (after a byte order mark and blank lines) with BEGIN:VCARD. */
bool candor_vcard_detect(const char *data, size_t len);

/*
 * Read the vCards in data[0..len) into *out (CANDOR_CSV_INIT; release with
 * candor_csv_release, also after a failure); *version gets the first
 * card's VERSION ("2.1", "3.0", "4.0"; static).  0, CANDOR_EINVALID with
 * "NAME:LINE: ..." (field "file"), or CANDOR_ERROR.
 */
int candor_vcard_read(struct candor_csv *out, const char **version, const char *data,
		      size_t len, const char *name, struct candor_error *err);

/* One contact to write.  Strings borrowed, "" when absent. */
struct candor_vcard_out {
	const char *name, *email, *role, *org;
	int64_t id;   /* for UID:candor-contact-ID */
};

/* Append c as a vCard 3.0 (RFC 2426): CRLF lines folded at 75 octets. */
void candor_vcard_write(struct candor_buf *out, const struct candor_vcard_out *c);

#endif
