/*
 * store.h: where Candor keeps its records, behind one interface.
 *
 * A struct candor_store is a backend (a table of functions, struct
 * candor_store_be, one file per backend as in git's refs/) plus that
 * backend's private state.  The CLI, the server and the model only ever call
 * the candor_store_* functions below; SQLite (sqlite.c) is the default and a
 * PostgreSQL backend slots in beside it.  Every value reaches SQL as a bound
 * parameter, never pasted into the text.
 *
 * Transactions: a front door calls candor_store_begin() before its first
 * read or write and candor_store_commit() or candor_store_rollback() at the
 * end, so each command does all it says or nothing.  Write transactions run
 * one at a time on both backends (SQLite: BEGIN IMMEDIATE; PostgreSQL: an
 * advisory lock taken at begin), so what a command read before it writes
 * still holds when it writes.  One that only reads may call
 * candor_store_begin_read() instead: it sees one snapshot (SQLite: a
 * deferred transaction in WAL; PostgreSQL: REPEATABLE READ READ ONLY) and
 * does not hold other readers or the writer back.  A write inside a read
 * transaction turns it into a write transaction (SQLite upgrades it;
 * PostgreSQL ends the snapshot, which wrote nothing, and begins anew).
 * After a failed call the transaction may only be rolled back: on
 * PostgreSQL the server has aborted it, and a commit then fails, saving
 * nothing.
 *
 * Every table carries account_id, so the data can be distributed by
 * account (Citus-style co-location) and no hot path joins across accounts.
 *
 * Errors: functions return 0 or a negative candor_code and leave the
 * message in the error given to candor_store_open (s->err).
 */
#ifndef CANDOR_STORE_H
#define CANDOR_STORE_H

#include "core/domain.h"
#include "core/model.h"
#include "util/error.h"

struct candor_store;

/* Results of list calls: arrays owned by the list, freed by its _release. */
struct candor_account_list { struct candor_account *v; size_t n; };
struct candor_contact_list { struct candor_contact *v; size_t n; };

/*
 * A page of accounts or contacts (candor_store_account_page and
 * candor_store_contact_page): which rows, in which order, and where to
 * start.  Strings are borrowed; NULL or "" means "any".
 *   owner    the account's owner, whole, case-insensitive (ASCII)
 *   account  contacts of this account only (0: any; contacts only)
 *   search   a substring of the name (contacts: or of the email),
 *            case-insensitive (ASCII)
 *   order    CANDOR_ORDER_NAME (name without case, then id) or CANDOR_ORDER_ID
 *   limit    at most this many rows (0: all of them)
 *   after    the cursor a previous page gave as next: the page starts after
 *            the row it names.  Opaque to callers; a cursor that is not one
 *            of this order is CANDOR_EINVALID (field "after").
 * The next page's cursor is written to next ("" on the last page).
 */
enum candor_order { CANDOR_ORDER_NAME, CANDOR_ORDER_ID };
#define CANDOR_CURSOR_MAX 160
struct candor_list_query {
	const char *owner;
	int64_t account_id;
	const char *search;
	int order;
	size_t limit;
	const char *after;
	int in_stage;   /* pipeline pages and counts: 1 + the stage to take; 0: every stage */
	/*
	 * Pipeline pages, counts and due lists only:
	 *   owners  any of these owners, each exactly as stored and ended by a
	 *           newline, the list begun by one ("\nSam Seller\nAnn\n");
	 *           NULL or "": any (owner above still applies)
	 *   search  there (not as above): a part of the buyer's name, email or
	 *           account name, compared folded (util/fold.h)
	 *   sort    enum candor_pipeline_sort
	 */
	const char *owners;
	int sort;
};
/*
 * The pipeline's orders, each ending in the contact id:
 *   URGENCY  stage, stalled first, trust down (the board's columns)
 *   TRUST    trust, highest first
 *   CONTACT  the last interaction, longest ago first (never first of all)
 *   DUE      the nearest due date of an open promise or expectation,
 *            soonest first (none last)
 * A cursor carries its order's key, so a page of one order never
 * continues another's.
 */
enum candor_pipeline_sort {
	CANDOR_SORT_URGENCY, CANDOR_SORT_TRUST, CANDOR_SORT_CONTACT, CANDOR_SORT_DUE,
};
extern const struct candor_name candor_pipeline_sorts[];
/* The due key of a buyer with nothing open (DUE sorts it last). */
#define CANDOR_DUE_NONE INT64_C(9000000000000000)
/*
 * A decoded cursor (store.c makes it for the backends): the page starts
 * after row id; in name order after that row's name, found by its id; in
 * the pipeline's order after the sort key num.  id 0: from the start.
 */
struct candor_cursor { int64_t id; double num[3]; };

/* Everything known about one contact, an account, or the whole store. */
struct candor_evidence_set {
	struct candor_interaction *interactions; size_t ninteractions;
	struct candor_signal *signals; size_t nsignals;
	struct candor_commitment *commitments; size_t ncommitments;
	struct candor_expectation *expectations; size_t nexpectations;
	struct candor_fact *facts; size_t nfacts;
	struct candor_value *values; size_t nvalues;
	struct candor_fit *fits; size_t nfits;
	struct candor_decision *decisions; size_t ndecisions;
};

/* Which records an evidence load takes: 0 means "any". */
struct candor_scope { int64_t account_id; int64_t contact_id; };

/* Records that can be found by id alone. */
enum candor_record {
	CANDOR_RECORD_COMMITMENT,
	CANDOR_RECORD_EXPECTATION,
	CANDOR_RECORD_INTERACTION,
	CANDOR_RECORD_PROPOSAL,
	CANDOR_RECORD_SIGNAL,
	CANDOR_RECORD_CORRECTION,
};

/*
 * The kept answer of the model for one buyer (schema 4, table assessments):
 * computed by model from the contact's evidence as it stood at counter
 * evidence, as of at, and the same for any moment before valid_until.  The
 * pipeline sorts by (stage, stalled first, trust descending, id).
 */
struct candor_assessment_row {
	int64_t contact_id, account_id;
	const char *model;       /* borrowed: CANDOR_MODEL_VERSION */
	int64_t evidence;
	int64_t at, valid_until;
	int stage;
	bool stalled;
	double trust;
	/* the headline reason (candor_assessment_headline): text "" when none;
	 * kind is a record kind ("commitment", ...) or "" */
	char headline[320];
	char headline_kind[16];
	int64_t headline_ref;
	int headline_flags;
	/* written by candor_store_assessment_put only (never read back with
	 * the row: candor_store_assessment_docs reads it): the whole answer as
	 * app/json.h writes it (candor_json_assessment_text), or NULL */
	const char *doc;
	/* read by pipeline pages sorted by them only (the CONTACT and DUE
	 * orders; the others leave 0 and CANDOR_DUE_NONE): the last
	 * interaction's time (0: none) and the nearest due date of an open
	 * promise or expectation (CANDOR_DUE_NONE: none) */
	int64_t last_contact, due;
};
/*
 * An open promise or expectation that falls due (candor_store_due): whose,
 * which record (kind "commitment" or "expectation", id), its text and
 * when it is due.  Strings are owned; candor_due_list_release frees them.
 */
struct candor_due_item {
	int64_t contact_id, account_id;
	char *contact_name;
	const char *kind;
	int64_t id;
	char *text;
	int64_t due;
};
struct candor_due_list { struct candor_due_item *v; size_t n; };
/* A contact whose kept answer must be computed again. */
struct candor_stale { int64_t contact_id, account_id, evidence; };

struct candor_user;
struct candor_user_list;
struct candor_secret;

/*
 * One value of a row being copied (copy.h): i for an integer column, d for
 * a double, t for text (never NULL; borrowed, valid during the callback).
 */
struct candor_table;
struct candor_cell { int64_t i; double d; const char *t; };
/* Called with each row; a non-zero return stops the walk and is returned. */
typedef int (*candor_row_fn)(void *arg, const struct candor_cell *row);

struct candor_store_be {
	const char *name;
	/* Open location; create the store there when create is set. */
	int (*open)(struct candor_store *s, const char *location, bool create);
	void (*close)(struct candor_store *s);
	int (*begin)(struct candor_store *s);
	int (*begin_read)(struct candor_store *s);
	int (*commit)(struct candor_store *s);
	void (*rollback)(struct candor_store *s);
	int (*schema_version)(struct candor_store *s, int *out);

	int (*account_add)(struct candor_store *s, struct candor_account *a);
	/*
	 * List accounts (contacts): by id when id is set, by name when name is
	 * set (whole name, case-insensitive; with words set, any run of whole
	 * words in the name, so "Dana" finds "Dana Reyes"), else all.
	 */
	int (*accounts)(struct candor_store *s, int64_t id, const char *name, bool words,
			struct candor_account_list *out);
	/* A page of q (store.h, struct candor_list_query), limit + 1 rows at most
	 * (all when q->limit is 0), after the row cur names. */
	int (*account_page)(struct candor_store *s, const struct candor_list_query *q,
			    const struct candor_cursor *cur, struct candor_account_list *out);
	int (*contact_page)(struct candor_store *s, const struct candor_list_query *q,
			    const struct candor_cursor *cur, struct candor_contact_list *out);
	int (*contact_add)(struct candor_store *s, struct candor_contact *c);
	int (*contacts)(struct candor_store *s, int64_t id, const char *name, bool words,
			int64_t account_id, struct candor_contact_list *out);

	int (*interaction_add)(struct candor_store *s, struct candor_interaction *it);
	int (*signal_add)(struct candor_store *s, int64_t account_id, struct candor_signal *sg);
	int (*commitment_add)(struct candor_store *s, struct candor_commitment *c);
	int (*commitment_event_add)(struct candor_store *s, const struct candor_commitment *c,
				    struct candor_commitment_event *e);
	int (*expectation_add)(struct candor_store *s, struct candor_expectation *e);
	int (*expectation_resolve)(struct candor_store *s, const struct candor_expectation *e);
	int (*fact_add)(struct candor_store *s, struct candor_fact *f);
	int (*value_add)(struct candor_store *s, struct candor_value *v);
	int (*fit_add)(struct candor_store *s, struct candor_fit *f);
	int (*decision_add)(struct candor_store *s, struct candor_decision *d);

	/* The contact's evidence changed: bump its counter, mark its kept answer stale. */
	int (*evidence_touch)(struct candor_store *s, int64_t account_id, int64_t contact_id);
	/* Kept answers: the stale ones as of at for model; keep one; a page of them. */
	int (*assessments_stale)(struct candor_store *s, const char *model, int64_t at,
				 struct candor_stale **out, size_t *n);
	int (*assessment_put)(struct candor_store *s, const struct candor_assessment_row *row);
	int (*pipeline_page)(struct candor_store *s, const struct candor_list_query *q,
			     const struct candor_cursor *cur, struct candor_contact_list *out,
			     struct candor_assessment_row **rows);
	int (*pipeline_counts)(struct candor_store *s, const struct candor_list_query *q,
			       int64_t counts[CANDOR_STAGE_DECIDED + 1]);
	/* Every buyer of q in its order, its kept whole answer with it
	 * (candor_store_pipeline_stream): fn gets each contact and doc to own
	 * (release and free them), the row, doc unchecked (NULL: none kept or
	 * not current); fn's non-zero return stops the read and is returned. */
	int (*pipeline_stream)(struct candor_store *s, const struct candor_list_query *q,
			       int (*fn)(void *data, struct candor_contact *c,
					 struct candor_assessment_row *row, char *doc),
			       void *data);
	/* The kept whole answers of rows[0..n) as store.h's
	 * candor_store_assessment_docs says, unchecked. */
	int (*assessment_docs)(struct candor_store *s, const struct candor_assessment_row *rows,
			       size_t n, char **docs);
	/* The kept whole answer of one buyer when current as of at
	 * (candor_store_assessment_doc), unchecked; *doc NULL when not. */
	int (*assessment_doc)(struct candor_store *s, int64_t account_id, int64_t contact_id,
			      const char *model, int64_t at, char **doc);
	/* The open promises and expectations due before until (store.h,
	 * candor_store_due), limit + 1 at most (search already folded). */
	int (*due)(struct candor_store *s, const struct candor_list_query *q, int64_t until,
		   struct candor_due_list *out);

	/* Check the keys between records at commit for the rest of this write
	 * transaction: a move writes a contact's rows in turn (PostgreSQL, whose
	 * keys name the account; NULL where no key does). */
	int (*defer_keys)(struct candor_store *s);
	/* Hash partitions by account of an empty store (PostgreSQL; NULL elsewhere). */
	int (*partition)(struct candor_store *s, int parts);
	/* The scope (account, contact) of a record by id. */
	int (*locate)(struct candor_store *s, enum candor_record what, int64_t id,
		      struct candor_scope *out);
	/* A transcript's utterances, stored with its interaction. */
	int (*utterances_add)(struct candor_store *s, int64_t account_id, int64_t interaction_id,
			      const struct candor_utterance *u, size_t n);
	int (*utterances)(struct candor_store *s, int64_t account_id, int64_t interaction_id,
			  struct candor_utterance **out, size_t *n);
	int (*utterance_range)(struct candor_store *s, int64_t account_id, int64_t interaction_id,
			       int64_t from, int64_t limit, struct candor_utterance **out,
			       size_t *n, int64_t *total);
	/* Proposals from an analysis: add, list (by id or by interaction), resolve. */
	int (*proposal_add)(struct candor_store *s, struct candor_proposal_row *p);
	int (*proposals)(struct candor_store *s, int64_t account_id, int64_t id, int64_t interaction_id,
			 struct candor_proposal_row **out, size_t *n);
	int (*proposal_resolve)(struct candor_store *s, const struct candor_proposal_row *p);
	/* Teaching the analyser (schema 5): see "Corrections" below. */
	int (*signal_delete)(struct candor_store *s, int64_t account_id, int64_t id);
	int (*signals_clear)(struct candor_store *s, int64_t account_id, int64_t interaction_id);
	int (*interaction_analysed)(struct candor_store *s, const struct candor_interaction *it);
	int (*correction_add)(struct candor_store *s, struct candor_correction *c);
	int (*correction_delete)(struct candor_store *s, int64_t account_id, int64_t id);
	int (*corrections)(struct candor_store *s, int64_t account_id, int64_t id,
			   int64_t interaction_id,
			   struct candor_correction **out, size_t *n);
	/* Load the evidence in scope, ordered by contact, then time, then id. */
	int (*evidence)(struct candor_store *s, const struct candor_scope *scope,
			struct candor_evidence_set *out);

	/* Users, sessions and API tokens (schema 3): see "Users" below. */
	int (*user_add)(struct candor_store *s, struct candor_user *u);
	int (*users)(struct candor_store *s, int64_t id, const char *name,
		     struct candor_user_list *out);
	int (*secret_add)(struct candor_store *s, int kind, const struct candor_secret *sec);
	int (*secret_find)(struct candor_store *s, int kind, const char *selector,
			   struct candor_secret *out);
	int (*secret_delete)(struct candor_store *s, int kind, const char *selector);
	/* Taking access away (schema 6). */
	int (*user_update)(struct candor_store *s, const struct candor_user *u);
	int (*user_delete)(struct candor_store *s, int64_t id);
	int (*secrets)(struct candor_store *s, int kind, int64_t user_id,
		       struct candor_secret **out, size_t *n);
	int (*secrets_delete)(struct candor_store *s, int kind, int64_t id, int64_t user_id);
	int (*secrets_purge)(struct candor_store *s, int64_t now);

	/* Copying a whole store (copy.h): every row of table t in id order;
	 * adding one row as it is, id included. */
	int (*rows)(struct candor_store *s, const struct candor_table *t, candor_row_fn fn, void *arg);
	int (*row_add)(struct candor_store *s, const struct candor_table *t,
		       const struct candor_cell *row);
	/* The rows row_add took while s->bulk was set are all written (0), or
	 * the error of one the store refused (NULL: row_add writes at once). */
	int (*bulk_end)(struct candor_store *s);
	/* Every table is copied in (candor_store_copy, before its commit):
	 * what the backend makes of the whole (NULL: nothing). */
	int (*copied)(struct candor_store *s);
	/* The audit trail (audit.h, schema 7): the rows of t whose column col
	 * is v (and col2 is v2, when col2 is not NULL; col NULL: every row), in
	 * id order; every column of row row[0].i set to row's (but a contact's
	 * evidence counter), CANDOR_ENOTFOUND when there is no such row; the
	 * largest id in t (0 when empty).  Column names come from schema.h,
	 * never from input. */
	int (*rows_where)(struct candor_store *s, const struct candor_table *t, const char *col,
			  int64_t v, const char *col2, int64_t v2, candor_row_fn fn, void *arg);
	int (*row_put)(struct candor_store *s, const struct candor_table *t,
		       const struct candor_cell *row);
	int (*max_id)(struct candor_store *s, const struct candor_table *t, int64_t *out);
	/* The ids of the standing rows of t whose text column col is text, in id order
	 * (*out malloc'd): an interaction by the SHA-256 of its file. */
	int (*ids_text)(struct candor_store *s, const struct candor_table *t, const char *col,
			const char *text, int64_t **out, size_t *n);
};

struct candor_store {
	const struct candor_store_be *be;
	void *impl;                 /* the backend's own state */
	struct candor_error *err;   /* where messages go; borrowed */
	char location[4096];        /* the address, as messages show it (no password) */
	bool retry;                 /* the last failure was transient: see candor_store_retryable */
	struct candor_audit *audit; /* the batch being recorded (audit.h), or NULL */
	bool bulk;                  /* candor_store_copy is writing: row_add may stream, then bulk_end */
	uint64_t touches;           /* evidence writes made through this handle (each bumps it) */
};

extern const struct candor_store_be candor_store_sqlite;
extern const struct candor_store_be candor_store_postgres;

/* The newest schema this build knows. */
#define CANDOR_SCHEMA_VERSION 12

/*
 * Open the store at location, an address that chooses the backend:
 *   PATH or sqlite:PATH                 SQLite, a file (the default)
 *   postgresql://... or postgres://...  PostgreSQL, a libpq URI; Candor's
 *       tables live in the connection's current schema
 * Any other "SCHEME://" is CANDOR_EINVALID, naming the address.  When
 * create is false, a missing store is CANDOR_EDB with a hint to run
 * 'candor init'; with create set, a new store is made (on PostgreSQL the
 * database must exist: createdb).  A locked, corrupt or newer-schema store,
 * or another program's database, is CANDOR_EDB.  Messages show the address
 * with any password replaced by "***".  On success *out must be closed
 * with candor_store_close().
 */
int candor_store_open(struct candor_store **out, const char *location, bool create,
		      struct candor_error *err);

/*
 * Whether the last failure was transient: another writer held the store
 * (SQLite busy past its timeout; PostgreSQL a serialization failure, a
 * deadlock, or a lock time-out: SQLSTATE 40001, 40P01, 55P03).  The error
 * is CANDOR_EDB, the transaction is over (roll it back), and running the
 * whole transaction again may succeed.  Each begin clears it.  Backends
 * retry by themselves only where nothing was done yet: the PostgreSQL
 * backend tries taking the writers' lock at begin up to three times.
 */
bool candor_store_retryable(const struct candor_store *s);

/*
 * Make the ledger tables of a new, empty PostgreSQL store hash partitions
 * by account, parts (2-256) of each (docs/scaling.md): the rehearsal on one
 * server for a distributed PostgreSQL.  In the caller's write transaction.  CANDOR_EINVALID, with nothing
 * changed, for a store with records or partitioned already, and on SQLite.
 */
int candor_store_partition(struct candor_store *s, int parts);
/*
 * Bound the memory the embedded store's page caches keep, all connections
 * of this process together, to about bytes: past it each connection gives
 * pages back before it takes new ones (SQLite's soft heap limit; 0 for no
 * bound, the default).  Each SQLite connection keeps up to 16 MB of pages,
 * so a server with many would otherwise grow with its database.  Nothing
 * on PostgreSQL, whose caches are the server's.  Process-wide, and for
 * connections already open too (candor serve sets it as it starts).
 */
void candor_store_memory_limit(int64_t bytes);
/* Whether location names a PostgreSQL server (postgresql://, postgres://). */
bool candor_store_is_server(const char *location);
void candor_store_close(struct candor_store *s);

int candor_store_begin(struct candor_store *s);
int candor_store_begin_read(struct candor_store *s);
int candor_store_commit(struct candor_store *s);
void candor_store_rollback(struct candor_store *s);

/*
 * Find one account or contact by id (all digits, optionally "#12") or by
 * name (case-insensitive): the whole name, or when no whole name matches,
 * a unique run of whole words in it ("Dana" for "Dana Reyes").  CANDOR_ENOTFOUND, or CANDOR_EAMBIGUOUS with the
 * candidates listed in the message.  *out is filled and must be released
 * with candor_account_release / candor_contact_release.
 */
int candor_store_account_find(struct candor_store *s, const char *ref,
			      struct candor_account *out);
int candor_store_contact_find(struct candor_store *s, const char *ref,
			      struct candor_contact *out);
int candor_store_account_list(struct candor_store *s, struct candor_account_list *out);
int candor_store_contact_list(struct candor_store *s, int64_t account_id,
			      struct candor_contact_list *out);

/*
 * One page of accounts (contacts) as q asks, and in next (of
 * CANDOR_CURSOR_MAX bytes) the cursor of the page after it, "" when this is
 * the last.  Filters, order and the limit run in the backend (bound
 * parameters, indexed order), so a page costs its own size, not the
 * store's.  Release *out with its _list_release (also after a failure).
 */
int candor_store_account_page(struct candor_store *s, const struct candor_list_query *q,
			      struct candor_account_list *out, char *next);
int candor_store_contact_page(struct candor_store *s, const struct candor_list_query *q,
			      struct candor_contact_list *out, char *next);
/*
 * The kept answers (struct candor_assessment_row).  Every write of a
 * contact's evidence through this interface (interactions, signals,
 * promises and their events, expectations, facts, value, fit, decisions)
 * bumps the contact's evidence counter and marks its row stale in the
 * same transaction, and a new contact starts with a stale row, so a stale
 * row is never mistaken for a fresh one.
 *
 * candor_store_assessments_stale: the contacts whose row is not the answer
 * of model as of at (marked stale, another model, or at outside [row's
 * at, valid_until)); *out is malloc'd (free it), *n of them.  Index look-ups
 * alone: it costs the stale rows, not the store.
 * candor_store_assessment_put: keep row, unless the contact's evidence
 * counter has moved past row->evidence meanwhile (then the row stays stale).
 * candor_store_pipeline_page: a page of the buyers q asks for (owner,
 * account, search, limit and after as for lists; order is the pipeline's)
 * by their kept rows: contact out->v[i] with its row (*rows)[i], malloc'd,
 * out->n of them; next as for lists.  The caller refreshes the stale rows
 * first (app/assess.h does), in the same transaction.
 */
int candor_store_assessments_stale(struct candor_store *s, const char *model, int64_t at,
				   struct candor_stale **out, size_t *n);
int candor_store_assessment_put(struct candor_store *s, const struct candor_assessment_row *row);
/*
 * The whole kept answers (row->doc as put) of the buyers of rows[0..n), a
 * pipeline page's: docs[i] is malloc'd (free it) when buyer i's kept row is
 * still the one of rows[i] (the same evidence counter and moment, not
 * marked stale) and holds a whole answer that is byte for byte the one put
 * (the store keeps a checksum with it), else NULL: the caller computes that
 * answer from the evidence.  One statement a page on PostgreSQL.
 */
int candor_store_assessment_docs(struct candor_store *s, const struct candor_assessment_row *rows,
				 size_t n, char **docs);
/*
 * The kept whole answer of buyer (account_id, contact_id) when their kept
 * row is the answer of model as of at (not marked stale, made from the
 * evidence as it stands, at within [row's at, valid_until)) and its text
 * is byte for byte the one put: *doc malloc'd (free it), else NULL (the
 * caller computes the answer).  One statement.
 */
int candor_store_assessment_doc(struct candor_store *s, int64_t account_id, int64_t contact_id,
				const char *model, int64_t at, char **doc);
/* How many buyers pass q's filters in each stage, by their kept rows. */
int candor_store_pipeline_counts(struct candor_store *s, const struct candor_list_query *q,
				 int64_t counts[CANDOR_STAGE_DECIDED + 1]);
/* Release with candor_contact_list_release and free(*rows). */
int candor_store_pipeline_page(struct candor_store *s, const struct candor_list_query *q,
			       struct candor_contact_list *out, struct candor_assessment_row **rows,
			       char *next);
/*
 * Every buyer q asks for (its filters and order; no limit, from the
 * start), as pipeline pages would give them, in one statement read as it
 * comes: fn gets each contact, its kept row and its whole kept answer as
 * candor_store_assessment_docs would (NULL when not: damaged, or not
 * current), each valid during the call.  fn returns 0 to go on,
 * CANDOR_STORE_STOP to stop before this buyer (then next is the cursor of
 * a pipeline page that starts with it: "" for the first), or a failure,
 * which is returned.  No other call on s may be made from fn.  Returns 0
 * when every buyer was given (next ""), CANDOR_STORE_STOP when fn
 * stopped, or the failure.  The caller refreshes the stale rows first.
 */
#define CANDOR_STORE_STOP 1    /* not a failure: every failure is negative */
typedef int (*candor_pipeline_fn)(void *data, const struct candor_contact *c,
				  const struct candor_assessment_row *row, const char *doc);
int candor_store_pipeline_stream(struct candor_store *s, const struct candor_list_query *q,
				 candor_pipeline_fn fn, void *data, char *next);

/*
 * The open promises (their due date as last renegotiated) and open
 * expectations of the buyers that pass q's filters (owner, owners,
 * account, search), due before until, soonest first, at most q->limit of
 * them (0: all); *more is set when there were more.  Release *out with
 * candor_due_list_release (also after a failure).
 */
int candor_store_due(struct candor_store *s, const struct candor_list_query *q, int64_t until,
		     struct candor_due_list *out, bool *more);
void candor_due_list_release(struct candor_due_list *l);

/* Cursors (opaque strings): "" decodes to "from the start". */
void candor_cursor_encode(char *out, char tag, const double *num, size_t nnum, int64_t id);
int candor_cursor_decode(struct candor_store *s, const char *in, char tag, size_t nnum,
			 struct candor_cursor *out);

/*
 * Add a (a->id is set).  A name another account of the same owner has
 * (whatever the case) is CANDOR_ECONFLICT; which other names conflict is
 * the application's rule (app/records.h), asked with accounts_named.
 */
int candor_store_account_add(struct candor_store *s, struct candor_account *a);
/* Every account called name (whole name, any case); release the list. */
int candor_store_accounts_named(struct candor_store *s, const char *name,
				struct candor_account_list *out);
int candor_store_contact_add(struct candor_store *s, struct candor_contact *c);
/*
 * Change contact c->id to c's account, name, role and email (a CRM import
 * filling in what was missing), recorded in the open batch (audit.h).  A
 * name another contact of that account has is CANDOR_ECONFLICT; a missing
 * contact CANDOR_ENOTFOUND.  Marks the contact's kept answer stale.
 */
int candor_store_contact_update(struct candor_store *s, const struct candor_contact *c);
/* Change account a->id's owner and note (name is not changed). */
int candor_store_account_update(struct candor_store *s, const struct candor_account *a);
int candor_store_interaction_add(struct candor_store *s, struct candor_interaction *it);
int candor_store_signal_add(struct candor_store *s, int64_t account_id, struct candor_signal *sg);
int candor_store_commitment_add(struct candor_store *s, struct candor_commitment *c);
int candor_store_commitment_event_add(struct candor_store *s, const struct candor_commitment *c,
				      struct candor_commitment_event *e);
int candor_store_expectation_add(struct candor_store *s, struct candor_expectation *e);
int candor_store_expectation_resolve(struct candor_store *s, const struct candor_expectation *e);
int candor_store_fact_add(struct candor_store *s, struct candor_fact *f);
int candor_store_value_add(struct candor_store *s, struct candor_value *v);
int candor_store_fit_add(struct candor_store *s, struct candor_fit *f);
int candor_store_decision_add(struct candor_store *s, struct candor_decision *d);

int candor_store_evidence(struct candor_store *s, const struct candor_scope *scope,
			  struct candor_evidence_set *out);

/*
 * Load the evidence of the contact a commitment (or expectation) belongs to,
 * and point *out at it inside the set.  CANDOR_ENOTFOUND when there is none.
 */
int candor_store_commitment_load(struct candor_store *s, int64_t id,
				 struct candor_evidence_set *set, struct candor_commitment **out);
int candor_store_expectation_load(struct candor_store *s, int64_t id,
				  struct candor_evidence_set *set, struct candor_expectation **out);

/*
 * The CANDOR_ENOTFOUND error a missing account, contact or record with
 * this id gives: the one place its words are made, so a caller that hides
 * a record (app/access.h) answers exactly as if it did not exist.
 */
int candor_store_absent_account(struct candor_store *s, int64_t id);
int candor_store_absent_contact(struct candor_store *s, int64_t id);
int candor_store_absent_record(struct candor_store *s, enum candor_record what, int64_t id);

/* The account and contact a record belongs to; CANDOR_ENOTFOUND when none. */
int candor_store_locate(struct candor_store *s, enum candor_record what, int64_t id,
			struct candor_scope *out);

/* Find a commitment or expectation by id in a loaded evidence set, or NULL. */
struct candor_commitment *candor_evidence_commitment(struct candor_evidence_set *ev, int64_t id);
struct candor_expectation *candor_evidence_expectation(struct candor_evidence_set *ev, int64_t id);

/*
 * A borrowed view of set for the model: all of it when contact_id is 0, else
 * the records of that one contact (sets are ordered by contact, so each is a
 * contiguous slice).
 */
void candor_evidence_view(struct candor_evidence *out, const struct candor_evidence_set *set,
			  int64_t contact_id);

/* A stored transcript: utterances of interaction id, in order. */
int candor_store_utterances_add(struct candor_store *s, int64_t account_id, int64_t interaction_id,
				const struct candor_utterance *u, size_t n);
int candor_store_utterances(struct candor_store *s, int64_t account_id, int64_t interaction_id,
			    struct candor_utterance **out, size_t *n);
void candor_utterances_free(struct candor_utterance *u, size_t n);
/* A page of them: at most limit from index from on, and in *total how many
 * the transcript has (a conversation page of a huge call shows one page). */
int candor_store_utterance_range(struct candor_store *s, int64_t account_id,
				 int64_t interaction_id, int64_t from, int64_t limit,
				 struct candor_utterance **out, size_t *n, int64_t *total);

int candor_store_proposal_add(struct candor_store *s, struct candor_proposal_row *p);
/* Proposals by id (0: any) and interaction (0: any); free with candor_proposals_free. */
/* By id, by interaction (0: any), within account_id when it is known (0:
 * every account; a known one lets a store spread by account read one part). */
int candor_store_proposals(struct candor_store *s, int64_t account_id, int64_t id,
			   int64_t interaction_id, struct candor_proposal_row **out, size_t *n);
int candor_store_proposal_resolve(struct candor_store *s, const struct candor_proposal_row *p);
void candor_proposals_free(struct candor_proposal_row *p, size_t n);

/*
 * Corrections (schema 5).  candor_store_signal_delete removes one signal;
 * candor_store_signals_clear the signals an analysis found in interaction
 * interaction_id (those of an utterance; signals logged by hand stay);
 * candor_store_interaction_analysed keeps it->analyser, it->metrics and
 * it->seller_share of a re-analysed interaction.  Each touches the
 * contact's evidence.  candor_store_corrections lists corrections by id
 * (0: any) and interaction (0: any), within account_id (0: any), in id
 * order, all accounts' when all are 0 (a model is trained on them); free with candor_corrections_free.
 */
int candor_store_signal_delete(struct candor_store *s, const struct candor_signal *sg,
			       int64_t account_id);
int candor_store_signals_clear(struct candor_store *s, const struct candor_interaction *it);
int candor_store_interaction_analysed(struct candor_store *s, const struct candor_interaction *it);
int candor_store_correction_add(struct candor_store *s, struct candor_correction *c);
int candor_store_correction_delete(struct candor_store *s, const struct candor_correction *c);
int candor_store_corrections(struct candor_store *s, int64_t account_id, int64_t id,
			     int64_t interaction_id, struct candor_correction **out, size_t *n);
void candor_corrections_free(struct candor_correction *c, size_t n);

void candor_account_release(struct candor_account *a);
void candor_contact_release(struct candor_contact *c);
void candor_account_list_release(struct candor_account_list *l);
void candor_contact_list_release(struct candor_contact_list *l);
void candor_evidence_set_release(struct candor_evidence_set *ev);

/*
 * Users (schema 3): who may sign in to `candor serve`, with a role.
 *   seller   sees and changes the accounts they own (accounts.owner == name)
 *   manager  sees every account; changes their own
 *   admin    sees and changes everything, and manages users
 * pwhash is an argon2id string (libsodium crypto_pwhash_str).  Users are not
 * per account: they are the selling organisation, so they carry no account_id.
 */
enum candor_role { CANDOR_ROLE_SELLER, CANDOR_ROLE_MANAGER, CANDOR_ROLE_ADMIN };
extern const struct candor_name candor_roles[];

struct candor_user {
	int64_t id;
	char *name;      /* unique, case-insensitive */
	int role;        /* enum candor_role */
	char *pwhash;
	int64_t created;
};
struct candor_user_list { struct candor_user *v; size_t n; };

/*
 * A session or an API token, as a split token "SELECTOR.SECRET": the
 * selector (hex) finds the row, and only a hash of the secret is stored, to
 * be compared in constant time (app/secret.h).  csrf is the session's CSRF
 * token ("" for API tokens); expires is 0 for an API token that does not
 * expire (schema 6: tokens may expire too).
 */
enum candor_secret_kind { CANDOR_SECRET_SESSION, CANDOR_SECRET_TOKEN };
struct candor_secret {
	int64_t id;
	int64_t user_id;
	char selector[33];
	char hash[65];
	char csrf[65];
	int64_t created, expires;
	char scope[8];   /* API tokens (schema 7): "api", or "feed" for a calendar feed */
};

/* Add u (u->id is set); a name already taken is CANDOR_ECONFLICT. */
int candor_store_user_add(struct candor_store *s, struct candor_user *u);
/* Users by id (0: any) and name (NULL: any), by name; release the list. */
int candor_store_users(struct candor_store *s, int64_t id, const char *name,
		       struct candor_user_list *out);
/* One user by id or name; CANDOR_ENOTFOUND when none.  Release *out. */
int candor_store_user_find(struct candor_store *s, int64_t id, const char *name,
			   struct candor_user *out);
void candor_user_release(struct candor_user *u);
void candor_user_list_release(struct candor_user_list *l);

int candor_store_secret_add(struct candor_store *s, int kind, const struct candor_secret *sec);
/* The secret with selector; CANDOR_ENOTFOUND when none. */
int candor_store_secret_find(struct candor_store *s, int kind, const char *selector,
			     struct candor_secret *out);
int candor_store_secret_delete(struct candor_store *s, int kind, const char *selector);

/* Set user u->id's role and pwhash to u's; CANDOR_ENOTFOUND when no such user. */
int candor_store_user_update(struct candor_store *s, const struct candor_user *u);
/* Remove user id with every session and API token of theirs (schema 6). */
int candor_store_user_delete(struct candor_store *s, int64_t id);
/*
 * The secrets of kind of user_id (0: every user's), by id: *out (n of
 * them) is freed with free().  Hashes come too: never show them.
 */
int candor_store_secrets(struct candor_store *s, int kind, int64_t user_id,
			 struct candor_secret **out, size_t *n);
/* Delete the secret of kind with id (when id > 0), or every one of user_id's. */
int candor_store_secrets_delete(struct candor_store *s, int kind, int64_t id, int64_t user_id);
/* Delete every session and API token that expired before now (expires 0: never). */
int candor_store_secrets_purge(struct candor_store *s, int64_t now);

#endif
