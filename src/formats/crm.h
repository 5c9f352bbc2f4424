/*
 * formats/crm.h: which CRM or address book wrote a CSV file, and what its
 * columns mean to Candor.
 *
 * The header line tells the writer: HubSpot (contacts and companies
 * exports), Salesforce (reports, with screen labels, and Data Export / the
 * API, with field names such as FirstName or Account.Name), Pipedrive
 * ("Person - Name", "Organization - Name"), Google Contacts, Outlook and
 * Atomic CRM; a file none of them wrote is read by common names ("Name",
 * "Email", "Company"...).  Each column then maps to one Candor field, or
 * to none: those are kept as the record's extra fields, never dropped.
 * --map COLUMN=FIELD (candor_crm_map_set) overrides a column.
 */
#ifndef CANDOR_FORMATS_CRM_H
#define CANDOR_FORMATS_CRM_H

#include "util/common.h"
#include "formats/csv.h"

struct candor_error;

/* What is imported: people or organisations. */
enum candor_crm_kind { CANDOR_CRM_CONTACTS, CANDOR_CRM_ACCOUNTS };

/* The Candor field a column fills. */
enum candor_crm_field {
	CANDOR_CRM_EXTRA = 0,  /* none: kept as an extra field */
	CANDOR_CRM_NAME,       /* the whole name */
	CANDOR_CRM_FIRST,      /* parts of it, joined with spaces when NAME is empty */
	CANDOR_CRM_MIDDLE,
	CANDOR_CRM_LAST,
	CANDOR_CRM_EMAIL,      /* the first column with a value is the email, the rest extra */
	CANDOR_CRM_ROLE,       /* job title */
	CANDOR_CRM_ACCOUNT,    /* the company (contacts) */
	CANDOR_CRM_OWNER,      /* the seller who owns the record (its account) */
	CANDOR_CRM_NOTE,       /* an account's note */
	CANDOR_CRM_DROP,       /* not imported at all (--map COLUMN=skip) */
	CANDOR_CRM_NFIELDS
};

/* The field's name, as --map takes it ("name", "first", "email"...). */
const char *candor_crm_field_name(int field);

struct candor_crm_map {
	const char *vendor;    /* "HubSpot", "Salesforce", ... or "generic" (static) */
	int *field;            /* per column of the header: enum candor_crm_field */
	size_t n;
};

/*
 * Tell the writer of c from its header and map every column for kind.
 * *out is the caller's (zeroed); release it with candor_crm_map_release.
 * 0 or CANDOR_ERROR (out of memory).
 */
int candor_crm_map_detect(struct candor_crm_map *out, const struct candor_csv *c, int kind,
			  struct candor_error *err);

/*
 * Apply one --map COLUMN=FIELD: the column named COLUMN (exactly, as in the
 * header) fills FIELD (a name from candor_crm_field_name, or "extra" or
 * "skip").  CANDOR_EINVALID naming "map" when COLUMN is not in the header
 * or FIELD is not a field; the message lists the choices.
 */
int candor_crm_map_set(struct candor_crm_map *m, const struct candor_csv *c, const char *spec,
		       struct candor_error *err);

/* Whether a column maps to field (a contacts file without a name column cannot import). */
bool candor_crm_map_has(const struct candor_crm_map *m, int field);

void candor_crm_map_release(struct candor_crm_map *m);

#endif
