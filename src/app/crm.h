/*
 * app/crm.h: contacts and accounts from a CRM or an address book, planned
 * first and then applied (`candor import contacts|accounts`, --dry-run).
 *
 * The plan reads the store and writes nothing: for each row of the file
 * (formats/csv.h, mapped by formats/crm.h) it says create, update,
 * unchanged, skip or conflict, and why.  A contact is the same person as
 * one Candor has when the email matches (any case), else when the name
 * matches within the same account (names cleaned as candor_app_name_clean
 * does, compared without ASCII case).  A value the file has and Candor
 * lacks fills the gap (update); a value that differs from Candor's is a
 * conflict, never overwritten silently: prefer chooses (the file's, or
 * what Candor has), and without a choice applying a plan with conflicts is
 * refused.  A row repeating an earlier row's person is skipped.  Accounts
 * are created from the company column when Candor has none by that name.
 *
 * Every row is checked while planning, so a bad one (an empty name, an
 * email that is not one, an owner who is not a user) fails the plan with
 * "FILE:LINE: COLUMN: ..." and field set to the column, before anything
 * is written; the caller's transaction then rolls back whatever apply did.
 */
#ifndef CANDOR_APP_CRM_H
#define CANDOR_APP_CRM_H

#include "app/app.h"
#include "formats/csv.h"
#include "formats/crm.h"

enum candor_crm_action {
	CANDOR_CRM_CREATE, CANDOR_CRM_UPDATE, CANDOR_CRM_UNCHANGED, CANDOR_CRM_SKIP,
	CANDOR_CRM_CONFLICT, CANDOR_CRM_NACTIONS
};
/* "create", "update", ... */
const char *candor_crm_action_name(int action);

enum candor_crm_prefer { CANDOR_CRM_PREFER_NONE, CANDOR_CRM_PREFER_FILE,
			 CANDOR_CRM_PREFER_EXISTING };

/* One row's plan.  Strings are malloc'd, "" when absent; owned by the plan. */
struct candor_crm_step {
	int action;
	size_t line;          /* the row's line in the file */
	char *name, *email, *role, *account, *owner, *note;  /* the row's values, cleaned */
	char *extra;          /* the columns Candor has no field for: a JSON object */
	size_t nextra;
	char *why;            /* the reason, for people */
	int64_t id;           /* the record matched (0 for a create: set by apply) */
	int64_t account_id;   /* the contact's account; 0: one the import creates */
	bool new_account;     /* the account (by name) is created by this import */
	/* what the record will hold after apply (update/conflict with a choice) */
	char *set_name, *set_email, *set_role, *set_note, *set_owner;
	int64_t set_account_id;
};

struct candor_crm_plan {
	struct candor_crm_step *v;
	size_t n;
	size_t count[CANDOR_CRM_NACTIONS];
	size_t accounts_created;
	const char *vendor;   /* static */
	int64_t batch;        /* after apply: the import's batch (candor undo import BATCH), 0: none */
};

/* What to import.  Borrowed for the calls. */
struct candor_crm_import {
	int kind;                        /* enum candor_crm_kind */
	const struct candor_csv *csv;
	const struct candor_crm_map *map;
	const char *file;                /* the file's name, for messages and sources */
	int prefer;                      /* enum candor_crm_prefer */
	const char *account;             /* contacts: the account of rows without one (or NULL) */
	const char *by;                  /* who imports, for the batch (app/audit.h) */
	/* called now and then while applying (done of total rows), or NULL */
	void (*progress)(void *arg, size_t done, size_t total);
	void *arg;
};

/* Plan in (reads only); release *out with candor_crm_plan_release, also on failure. */
int candor_app_crm_plan(struct candor_app *app, const struct candor_crm_import *in,
			struct candor_crm_plan *out);
/*
 * Apply plan, made by candor_app_crm_plan for in in this transaction:
 * create and update what it says (step ids are set), as one batch of kind
 * "import" (app/audit.h; plan->batch), each record with its source
 * "FILE:LINE" and the row's extra fields (merged into a record's own:
 * what it has wins unless in->prefer is FILE).  CANDOR_ECONFLICT when it
 * has conflicts and in->prefer is NONE (nothing written).
 */
int candor_app_crm_apply(struct candor_app *app, const struct candor_crm_import *in,
			 struct candor_crm_plan *plan);
void candor_crm_plan_release(struct candor_crm_plan *p);

/* Whether s looks like an email address (one '@', a dot in the domain, no spaces). */
bool candor_app_email_ok(const char *s);

#endif
