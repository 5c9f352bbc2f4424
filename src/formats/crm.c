/*
 * formats/crm.c: the header maps of the CRMs and address books (crm.h).
 *
 * Each writer has a signature (columns only it writes) and a table of the
 * columns it writes that Candor has a field for, per kind of file.  The
 * shapes come from the vendors' documentation and public exports; see
 * tests/data/crm/README.md for where each came from.  Column names are
 * compared without regard to ASCII case: the vendors themselves vary it
 * between versions ("Company Name", "Company name").
 */
#include "util/common.h"
#include <strings.h>
#include "util/error.h"
#include "formats/crm.h"

struct column { const char *name; int field; };

struct vendor {
	const char *name;
	const char *const *signature;  /* any one of these columns tells the writer */
	const struct column *contacts, *accounts;
};

#define F(x) CANDOR_CRM_##x

static const char *const hubspot_sig[] = { "Record ID", "Contact owner", "Company owner",
					    "Lifecycle Stage", "Associated Company", NULL };
static const struct column hubspot_contacts[] = {
	{ "First Name", F(FIRST) }, { "Last Name", F(LAST) }, { "Email", F(EMAIL) },
	{ "Company Name", F(ACCOUNT) }, { "Associated Company", F(ACCOUNT) },
	{ "Job Title", F(ROLE) }, { "Contact owner", F(OWNER) }, { NULL, 0 } };
static const struct column hubspot_accounts[] = {
	{ "Company name", F(NAME) }, { "Name", F(NAME) }, { "Company owner", F(OWNER) },
	{ "Description", F(NOTE) }, { NULL, 0 } };

/* Salesforce's Data Export and the API (Data Loader, Workbench): field names */
static const char *const sfapi_sig[] = { "FirstName", "LastName", "AccountId", "OwnerId",
					  "Account.Name", "Owner.Name", NULL };
static const struct column sfapi_contacts[] = {
	{ "Name", F(NAME) }, { "FirstName", F(FIRST) }, { "MiddleName", F(MIDDLE) },
	{ "LastName", F(LAST) }, { "Email", F(EMAIL) }, { "Title", F(ROLE) },
	{ "Account.Name", F(ACCOUNT) }, { "Owner.Name", F(OWNER) }, { NULL, 0 } };
static const struct column sfapi_accounts[] = {
	{ "Name", F(NAME) }, { "Owner.Name", F(OWNER) }, { "Description", F(NOTE) },
	{ NULL, 0 } };

/* Salesforce reports exported as CSV: the screen labels */
static const char *const sfreport_sig[] = { "Account Name", "Contact Owner", "Account Owner",
					     "Contact ID", "Account ID", NULL };
static const struct column sfreport_contacts[] = {
	{ "Full Name", F(NAME) }, { "First Name", F(FIRST) }, { "Last Name", F(LAST) },
	{ "Email", F(EMAIL) }, { "Title", F(ROLE) }, { "Account Name", F(ACCOUNT) },
	{ "Contact Owner", F(OWNER) }, { NULL, 0 } };
static const struct column sfreport_accounts[] = {
	{ "Account Name", F(NAME) }, { "Account Owner", F(OWNER) }, { "Description", F(NOTE) },
	{ NULL, 0 } };

static const char *const pipedrive_sig[] = { "Person - Name", "Organization - Name",
					      "Person - Email", "Person - Organization", NULL };
static const struct column pipedrive_contacts[] = {
	{ "Person - Name", F(NAME) }, { "Person - First name", F(FIRST) },
	{ "Person - Last name", F(LAST) }, { "Person - Email", F(EMAIL) },
	{ "Person - Email - Work", F(EMAIL) }, { "Person - Email - Home", F(EMAIL) },
	{ "Person - Email - Other", F(EMAIL) }, { "Person - Job title", F(ROLE) },
	{ "Person - Organization", F(ACCOUNT) }, { "Organization - Name", F(ACCOUNT) },
	{ "Person - Owner", F(OWNER) }, { NULL, 0 } };
static const struct column pipedrive_accounts[] = {
	{ "Organization - Name", F(NAME) }, { "Organization - Owner", F(OWNER) }, { NULL, 0 } };

static const char *const google_sig[] = { "E-mail 1 - Value", "Given Name",
					   "Organization 1 - Name", "Organization Name", NULL };
static const struct column google_contacts[] = {
	{ "Name", F(NAME) }, { "Given Name", F(FIRST) }, { "Additional Name", F(MIDDLE) },
	{ "Family Name", F(LAST) }, { "First Name", F(FIRST) }, { "Middle Name", F(MIDDLE) },
	{ "Last Name", F(LAST) }, { "E-mail 1 - Value", F(EMAIL) },
	{ "E-mail 2 - Value", F(EMAIL) }, { "E-mail 3 - Value", F(EMAIL) },
	{ "Organization 1 - Name", F(ACCOUNT) }, { "Organization 1 - Title", F(ROLE) },
	{ "Organization Name", F(ACCOUNT) }, { "Organization Title", F(ROLE) }, { NULL, 0 } };

/* Outlook: "Title" is the salutation (Mr., Dr.): it stays an extra field */
static const char *const outlook_sig[] = { "E-mail Address", "E-mail Display Name",
					    "Business Phone", NULL };
static const struct column outlook_contacts[] = {
	{ "First Name", F(FIRST) }, { "Middle Name", F(MIDDLE) }, { "Last Name", F(LAST) },
	{ "Company", F(ACCOUNT) }, { "Job Title", F(ROLE) }, { "E-mail Address", F(EMAIL) },
	{ "E-mail 2 Address", F(EMAIL) }, { "E-mail 3 Address", F(EMAIL) }, { NULL, 0 } };

static const char *const atomic_sig[] = { "email_work", "first_name", "linkedin_url",
					   "sales_id", NULL };
static const struct column atomic_contacts[] = {
	{ "first_name", F(FIRST) }, { "last_name", F(LAST) }, { "title", F(ROLE) },
	{ "company", F(ACCOUNT) }, { "email_work", F(EMAIL) }, { "email_home", F(EMAIL) },
	{ "email_other", F(EMAIL) }, { NULL, 0 } };
static const struct column atomic_accounts[] = {
	{ "name", F(NAME) }, { "description", F(NOTE) }, { NULL, 0 } };

/* vCards, as formats/vcard.c tables them */
static const char *const vcard_sig[] = { "N:family", NULL };
static const struct column vcard_contacts[] = {
	{ "FN", F(NAME) }, { "N:given", F(FIRST) }, { "N:additional", F(MIDDLE) },
	{ "N:family", F(LAST) }, { "EMAIL", F(EMAIL) }, { "EMAIL 2", F(EMAIL) },
	{ "EMAIL 3", F(EMAIL) }, { "ORG", F(ACCOUNT) }, { "TITLE", F(ROLE) }, { NULL, 0 } };

/* a file none of them wrote: the common names */
static const struct column generic_contacts[] = {
	{ "Name", F(NAME) }, { "Full Name", F(NAME) }, { "First Name", F(FIRST) },
	{ "Last Name", F(LAST) }, { "Email", F(EMAIL) }, { "E-mail", F(EMAIL) },
	{ "Email Address", F(EMAIL) }, { "Company", F(ACCOUNT) }, { "Account", F(ACCOUNT) },
	{ "Organization", F(ACCOUNT) }, { "Organisation", F(ACCOUNT) },
	{ "Title", F(ROLE) }, { "Job Title", F(ROLE) }, { "Role", F(ROLE) },
	{ "Owner", F(OWNER) }, { NULL, 0 } };
static const struct column generic_accounts[] = {
	{ "Name", F(NAME) }, { "Company", F(NAME) }, { "Account", F(NAME) },
	{ "Organization", F(NAME) }, { "Organisation", F(NAME) }, { "Owner", F(OWNER) },
	{ "Note", F(NOTE) }, { "Notes", F(NOTE) }, { "Description", F(NOTE) }, { NULL, 0 } };

/* In the order they are tried: the most particular signatures first. */
static const struct vendor vendors[] = {
	{ "vCard", vcard_sig, vcard_contacts, NULL },
	{ "Pipedrive", pipedrive_sig, pipedrive_contacts, pipedrive_accounts },
	{ "Atomic CRM", atomic_sig, atomic_contacts, atomic_accounts },
	{ "Salesforce (Data Export)", sfapi_sig, sfapi_contacts, sfapi_accounts },
	{ "Google Contacts", google_sig, google_contacts, NULL },
	{ "Outlook", outlook_sig, outlook_contacts, NULL },
	{ "Salesforce (report)", sfreport_sig, sfreport_contacts, sfreport_accounts },
	{ "HubSpot", hubspot_sig, hubspot_contacts, hubspot_accounts },
};
static const struct vendor generic = { "generic", NULL, generic_contacts, generic_accounts };

#undef F

static const char *const field_names[CANDOR_CRM_NFIELDS] = {
	"extra", "name", "first", "middle", "last", "email", "role", "account", "owner", "note",
	"skip",
};

const char *candor_crm_field_name(int field)
{
	return field >= 0 && field < CANDOR_CRM_NFIELDS ? field_names[field] : "?";
}

/* Signatures are compared exactly: HubSpot writes "Contact owner", Salesforce "Contact Owner". */
static bool signed_by(const struct vendor *v, const struct candor_csv *c)
{
	for (const char *const *s = v->signature; *s; s++)
		if (candor_csv_column(c, *s) >= 0)
			return true;
	return false;
}

static int column_field(const struct column *t, const char *name)
{
	for (; t && t->name; t++)
		if (!strcasecmp(t->name, name))
			return t->field;
	return CANDOR_CRM_EXTRA;
}

int candor_crm_map_detect(struct candor_crm_map *out, const struct candor_csv *c, int kind,
			  struct candor_error *err)
{
	const struct vendor *v = &generic;
	const struct column *t;

	for (size_t i = 0; i < CANDOR_ARRAY_SIZE(vendors); i++)
		if (signed_by(&vendors[i], c) &&
		    (kind == CANDOR_CRM_CONTACTS ? vendors[i].contacts : vendors[i].accounts)) {
			v = &vendors[i];
			break;
		}
	t = kind == CANDOR_CRM_CONTACTS ? v->contacts : v->accounts;
	out->vendor = v->name;
	out->n = c->head.n;
	if (!(out->field = calloc(c->head.n ? c->head.n : 1, sizeof(*out->field))))
		return candor_error_set(err, CANDOR_ERROR, NULL, "out of memory");
	for (size_t i = 0; i < c->head.n; i++)
		out->field[i] = column_field(t, c->head.f[i]);
	return 0;
}

int candor_crm_map_set(struct candor_crm_map *m, const struct candor_csv *c, const char *spec,
		       struct candor_error *err)
{
	const char *eq = strrchr(spec, '=');
	size_t n = eq ? (size_t)(eq - spec) : 0;
	long col = -1;
	int field = -1;

	for (size_t i = 0; eq && i < c->head.n && col < 0; i++)
		if (strlen(c->head.f[i]) == n && !memcmp(c->head.f[i], spec, n))
			col = (long)i;
	for (int f = 0; eq && f < CANDOR_CRM_NFIELDS; f++)
		if (!strcmp(field_names[f], eq + 1))
			field = f;
	if (!eq)
		return candor_error_set(err, CANDOR_EINVALID, "map", "--map '%s': write "
					"COLUMN=FIELD, e.g. --map \"Work Email=email\"", spec);
	if (col < 0)
		return candor_error_set(err, CANDOR_EINVALID, "map", "--map '%s': the file has no "
					"column '%.*s' (column names are matched exactly)", spec,
					(int)n, spec);
	if (field < 0)
		return candor_error_set(err, CANDOR_EINVALID, "map", "--map '%s': '%s' is not a "
					"field: name, first, middle, last, email, role, account, "
					"owner, note, extra or skip", spec, eq + 1);
	m->field[col] = field;
	return 0;
}

bool candor_crm_map_has(const struct candor_crm_map *m, int field)
{
	for (size_t i = 0; i < m->n; i++)
		if (m->field[i] == field)
			return true;
	return false;
}

void candor_crm_map_release(struct candor_crm_map *m)
{
	free(m->field);
	m->field = NULL;
	m->n = 0;
}
