/*
 * schema.c: the schema, as migrations (see schema.h).
 *
 * Every table has account_id so that records can be co-located by account;
 * times are INTEGER seconds since the epoch, UTC; enums are lowercase TEXT
 * names checked by CHECK constraints, readable in any SQL client.
 */
#include "util/common.h"
#include "store/schema.h"
#include "store/store.h"

const char *const candor_migrations[] = {
	/* 0 -> 1: the ledger */
	"CREATE TABLE accounts ("
	"  id INTEGER PRIMARY KEY,"
	"  name TEXT NOT NULL CHECK (length(trim(name)) > 0),"
	"  owner TEXT NOT NULL DEFAULT '',"
	"  note TEXT NOT NULL DEFAULT '',"
	"  created INTEGER NOT NULL);"
	"CREATE TABLE contacts ("
	"  id INTEGER PRIMARY KEY,"
	"  account_id INTEGER NOT NULL REFERENCES accounts(id),"
	"  name TEXT NOT NULL CHECK (length(trim(name)) > 0),"
	"  role TEXT NOT NULL DEFAULT '',"
	"  email TEXT NOT NULL DEFAULT '',"
	"  created INTEGER NOT NULL);"
	"CREATE INDEX contacts_account ON contacts(account_id);"
	"CREATE TABLE interactions ("
	"  id INTEGER PRIMARY KEY,"
	"  account_id INTEGER NOT NULL REFERENCES accounts(id),"
	"  contact_id INTEGER NOT NULL REFERENCES contacts(id),"
	"  kind TEXT NOT NULL CHECK (kind IN ('call','meeting','email','note')),"
	"  inbound INTEGER NOT NULL DEFAULT 0 CHECK (inbound IN (0,1)),"
	"  at INTEGER NOT NULL,"
	"  seller TEXT NOT NULL DEFAULT '',"
	"  text TEXT NOT NULL DEFAULT '');"
	"CREATE INDEX interactions_contact ON interactions(account_id, contact_id, at);"
	"CREATE TABLE signals ("
	"  id INTEGER PRIMARY KEY,"
	"  account_id INTEGER NOT NULL REFERENCES accounts(id),"
	"  contact_id INTEGER NOT NULL REFERENCES contacts(id),"
	"  interaction_id INTEGER NOT NULL REFERENCES interactions(id),"
	"  category TEXT NOT NULL,"
	"  text TEXT NOT NULL);"
	"CREATE INDEX signals_contact ON signals(account_id, contact_id);"
	"CREATE TABLE commitments ("
	"  id INTEGER PRIMARY KEY,"
	"  account_id INTEGER NOT NULL REFERENCES accounts(id),"
	"  contact_id INTEGER NOT NULL REFERENCES contacts(id),"
	"  text TEXT NOT NULL CHECK (length(trim(text)) > 0),"
	"  made INTEGER NOT NULL);"
	"CREATE INDEX commitments_contact ON commitments(account_id, contact_id);"
	"CREATE TABLE commitment_events ("
	"  id INTEGER PRIMARY KEY,"
	"  account_id INTEGER NOT NULL REFERENCES accounts(id),"
	"  commitment_id INTEGER NOT NULL REFERENCES commitments(id),"
	"  at INTEGER NOT NULL,"
	"  status TEXT NOT NULL CHECK (status IN ('open','kept','kept_late','broken','renegotiated')),"
	"  due INTEGER NOT NULL,"
	"  note TEXT NOT NULL DEFAULT '');"
	"CREATE INDEX commitment_events_commitment ON commitment_events(account_id, commitment_id);"
	"CREATE TABLE expectations ("
	"  id INTEGER PRIMARY KEY,"
	"  account_id INTEGER NOT NULL REFERENCES accounts(id),"
	"  contact_id INTEGER NOT NULL REFERENCES contacts(id),"
	"  text TEXT NOT NULL CHECK (length(trim(text)) > 0),"
	"  set_at INTEGER NOT NULL,"
	"  by_at INTEGER NOT NULL,"
	"  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open','met','missed')),"
	"  resolved_at INTEGER NOT NULL DEFAULT 0);"
	"CREATE INDEX expectations_contact ON expectations(account_id, contact_id);"
	"CREATE TABLE facts ("
	"  id INTEGER PRIMARY KEY,"
	"  account_id INTEGER NOT NULL REFERENCES accounts(id),"
	"  contact_id INTEGER NOT NULL REFERENCES contacts(id),"
	"  kind TEXT NOT NULL CHECK (kind IN ('bothering','tried','worried','hoped',"
	"    'objection','criteria','concern','motivation')),"
	"  text TEXT NOT NULL CHECK (length(trim(text)) > 0),"
	"  source TEXT NOT NULL DEFAULT '',"
	"  confidence TEXT NOT NULL DEFAULT 'medium' CHECK (confidence IN ('low','medium','high')),"
	"  at INTEGER NOT NULL);"
	"CREATE INDEX facts_contact ON facts(account_id, contact_id);"
	"CREATE TABLE value_exchanged ("
	"  id INTEGER PRIMARY KEY,"
	"  account_id INTEGER NOT NULL REFERENCES accounts(id),"
	"  contact_id INTEGER NOT NULL REFERENCES contacts(id),"
	"  direction TEXT NOT NULL CHECK (direction IN ('given','received')),"
	"  text TEXT NOT NULL CHECK (length(trim(text)) > 0),"
	"  at INTEGER NOT NULL);"
	"CREATE INDEX value_contact ON value_exchanged(account_id, contact_id);"
	"CREATE TABLE fits ("
	"  id INTEGER PRIMARY KEY,"
	"  account_id INTEGER NOT NULL REFERENCES accounts(id),"
	"  contact_id INTEGER NOT NULL REFERENCES contacts(id),"
	"  verdict TEXT NOT NULL CHECK (verdict IN ('good','partial','poor','refer')),"
	"  text TEXT NOT NULL CHECK (length(trim(text)) > 0),"
	"  at INTEGER NOT NULL);"
	"CREATE INDEX fits_contact ON fits(account_id, contact_id);"
	"CREATE TABLE decisions ("
	"  id INTEGER PRIMARY KEY,"
	"  account_id INTEGER NOT NULL REFERENCES accounts(id),"
	"  contact_id INTEGER NOT NULL REFERENCES contacts(id),"
	"  kind TEXT NOT NULL CHECK (kind IN ('bought','chose_another','decided_not_to_buy','still_deciding')),"
	"  note TEXT NOT NULL DEFAULT '',"
	"  at INTEGER NOT NULL);"
	"CREATE INDEX decisions_contact ON decisions(account_id, contact_id);",
	/* 1 -> 2: conversations: transcripts, their utterances, signals with
	 * offsets and sides, and the analysis's proposals */
	"ALTER TABLE interactions ADD COLUMN source TEXT NOT NULL DEFAULT '';"
	"ALTER TABLE interactions ADD COLUMN metrics TEXT NOT NULL DEFAULT '';"
	"ALTER TABLE interactions ADD COLUMN seller_share REAL NOT NULL DEFAULT -1;"
	"ALTER TABLE signals ADD COLUMN side TEXT NOT NULL DEFAULT 'buyer'"
	"  CHECK (side IN ('seller','buyer','unknown'));"
	"ALTER TABLE signals ADD COLUMN utterance INTEGER NOT NULL DEFAULT -1;"
	"ALTER TABLE signals ADD COLUMN start_char INTEGER NOT NULL DEFAULT -1;"
	"ALTER TABLE signals ADD COLUMN end_char INTEGER NOT NULL DEFAULT -1;"
	"ALTER TABLE signals ADD COLUMN quote TEXT NOT NULL DEFAULT '';"
	"CREATE TABLE utterances ("
	"  id INTEGER PRIMARY KEY,"
	"  account_id INTEGER NOT NULL REFERENCES accounts(id),"
	"  interaction_id INTEGER NOT NULL REFERENCES interactions(id),"
	"  idx INTEGER NOT NULL,"
	"  speaker TEXT NOT NULL,"
	"  side TEXT NOT NULL CHECK (side IN ('seller','buyer','unknown')),"
	"  start_s REAL NOT NULL,"
	"  end_s REAL NOT NULL,"
	"  line INTEGER NOT NULL,"
	"  text TEXT NOT NULL,"
	"  UNIQUE (interaction_id, idx));"
	"CREATE INDEX utterances_interaction ON utterances(account_id, interaction_id, idx);"
	"CREATE TABLE proposals ("
	"  id INTEGER PRIMARY KEY,"
	"  account_id INTEGER NOT NULL REFERENCES accounts(id),"
	"  contact_id INTEGER NOT NULL REFERENCES contacts(id),"
	"  interaction_id INTEGER NOT NULL REFERENCES interactions(id),"
	"  kind TEXT NOT NULL CHECK (kind IN ('commitment','fact')),"
	"  side TEXT NOT NULL CHECK (side IN ('seller','buyer','unknown')),"
	"  fact_kind TEXT NOT NULL DEFAULT '',"
	"  text TEXT NOT NULL,"
	"  due INTEGER NOT NULL DEFAULT 0,"
	"  utterance INTEGER NOT NULL DEFAULT -1,"
	"  status TEXT NOT NULL DEFAULT 'proposed' CHECK (status IN ('proposed','accepted','dismissed')),"
	"  record_id INTEGER NOT NULL DEFAULT 0);"
	"CREATE INDEX proposals_contact ON proposals(account_id, contact_id);",
	/* 2 -> 3: team use: users with roles, web sessions, API tokens
	 * (the selling organisation's, so not keyed by account) */
	"CREATE TABLE users ("
	"  id INTEGER PRIMARY KEY,"
	"  name TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(trim(name)) > 0),"
	"  role TEXT NOT NULL CHECK (role IN ('seller','manager','admin')),"
	"  pwhash TEXT NOT NULL,"
	"  created INTEGER NOT NULL);"
	"CREATE TABLE sessions ("
	"  id INTEGER PRIMARY KEY,"
	"  user_id INTEGER NOT NULL REFERENCES users(id),"
	"  selector TEXT NOT NULL UNIQUE,"
	"  hash TEXT NOT NULL,"
	"  csrf TEXT NOT NULL,"
	"  created INTEGER NOT NULL,"
	"  expires INTEGER NOT NULL);"
	"CREATE TABLE api_tokens ("
	"  id INTEGER PRIMARY KEY,"
	"  user_id INTEGER NOT NULL REFERENCES users(id),"
	"  selector TEXT NOT NULL UNIQUE,"
	"  hash TEXT NOT NULL,"
	"  created INTEGER NOT NULL);",
	/* 3 -> 4: team scale: lists walk an index in name order, page by page;
	 * the model's answer per buyer is kept (assessments, one row per
	 * contact, id = the contact's id), keyed by the model version and the
	 * contact's evidence counter, which every write to that evidence bumps
	 * in its own transaction (and marks the row to be recomputed, valid_until
	 * 0).  The row holds the pipeline's sort key: stage, then stalled first
	 * (stalled_last 0), then higher trust first (neg_trust = -trust), and
	 * the one-line reason it sits (the headline reason, its record).  It is
	 * the answer for any moment in [at, valid_until). */
	"CREATE INDEX accounts_name ON accounts(name COLLATE NOCASE, id);"
	"CREATE INDEX contacts_name ON contacts(name COLLATE NOCASE, id);"
	"ALTER TABLE contacts ADD COLUMN evidence INTEGER NOT NULL DEFAULT 0;"
	"CREATE TABLE assessments ("
	"  id INTEGER PRIMARY KEY REFERENCES contacts(id),"
	"  account_id INTEGER NOT NULL REFERENCES accounts(id),"
	"  model TEXT NOT NULL DEFAULT '',"
	"  evidence INTEGER NOT NULL DEFAULT 0,"
	"  at INTEGER NOT NULL DEFAULT 0,"
	"  valid_until INTEGER NOT NULL DEFAULT 0,"
	"  stage INTEGER NOT NULL DEFAULT 0,"
	"  stalled_last INTEGER NOT NULL DEFAULT 1,"
	"  neg_trust REAL NOT NULL DEFAULT 0,"
	"  headline TEXT NOT NULL DEFAULT '',"
	"  headline_kind TEXT NOT NULL DEFAULT '',"
	"  headline_ref INTEGER NOT NULL DEFAULT 0,"
	"  headline_flags INTEGER NOT NULL DEFAULT 0);"
	"INSERT INTO assessments(id, account_id) SELECT id, account_id FROM contacts;"
	"CREATE INDEX assessments_order ON assessments(stage, stalled_last, neg_trust, id);"
	"CREATE INDEX assessments_until ON assessments(valid_until);"
	"CREATE INDEX assessments_at ON assessments(at);"
	"CREATE INDEX assessments_model ON assessments(model);",
	/* 4 -> 5: teaching the analyser.  Each interaction says which analyser
	 * made its signals (the signal model's id, "phrases" when the lexicon
	 * alone decided, "" when logged by hand); each signal keeps the model's
	 * probability (-1: not a model's, e.g. logged by hand).  A correction
	 * is a user's word on one utterance and one category: 'wrong' (the
	 * analyser found it and should not have) or 'missing' (it should have);
	 * it keeps the utterance's words and side as they were, so the model
	 * can learn from it, and it outlives any re-analysis.  A signal taken away
 * (a correction, a re-analysis) is marked withdrawn and a correction taken
 * back undone, never deleted: ids are never given out twice, so a stale
 * id (a browser tab, a script) cannot correct another signal.  A chat is an
	 * interaction of kind 'chat': SQLite cannot change a CHECK, so its
	 * backend rebuilds the interactions table after this (sqlite.c), and
	 * PostgreSQL replaces the constraint (postgres-schema.c). */
	"ALTER TABLE interactions ADD COLUMN analyser TEXT NOT NULL DEFAULT '';"
	"ALTER TABLE signals ADD COLUMN confidence REAL NOT NULL DEFAULT -1;"
	"ALTER TABLE signals ADD COLUMN withdrawn INTEGER NOT NULL DEFAULT 0;"
	"CREATE TABLE corrections ("
	"  id INTEGER PRIMARY KEY,"
	"  account_id INTEGER NOT NULL REFERENCES accounts(id),"
	"  contact_id INTEGER NOT NULL REFERENCES contacts(id),"
	"  interaction_id INTEGER NOT NULL REFERENCES interactions(id),"
	"  utterance INTEGER NOT NULL,"
	"  category TEXT NOT NULL,"
	"  verdict TEXT NOT NULL CHECK (verdict IN ('wrong','missing')),"
	"  side TEXT NOT NULL CHECK (side IN ('seller','buyer','unknown')),"
	"  text TEXT NOT NULL,"
	"  by_user TEXT NOT NULL DEFAULT '',"
	"  at INTEGER NOT NULL,"
	"  undone INTEGER NOT NULL DEFAULT 0);"
	"CREATE INDEX corrections_interaction ON corrections(account_id, interaction_id, utterance);",
	/* 5 -> 6: taking access away.  An API token may expire (0: never);
	 * a user's sessions and tokens are found by user, to end them all. */
	"ALTER TABLE api_tokens ADD COLUMN expires INTEGER NOT NULL DEFAULT 0;"
	"CREATE INDEX sessions_user ON sessions(user_id);"
	"CREATE INDEX api_tokens_user ON api_tokens(user_id);",
	/* 6 -> 7: the audit trail.  A batch is one command, web request,
	 * import, merge or undo that changed anything (kind, a human line
	 * saying what, who, when; undone_at and undone_by_batch once undone);
	 * a change is one row it added or changed (tbl, record_id, action add,
	 * edit or delete), with the row as JSON before and after ("" when
	 * none) and where it came from (source, "file:row" or "").  Nothing a
	 * user can delete is deleted: it is marked (deleted = the batch that
	 * deleted it, 0 while it stands), so ids are never given out twice and
	 * an undo brings the very row back.  Contacts and accounts keep the
	 * columns a CRM file had that Candor has no field for (extra, a JSON
	 * object); an imported interaction the SHA-256 of its file; an API
	 * token its scope ('api', or 'feed' for a calendar feed). */
	"CREATE TABLE batches ("
	"  id INTEGER PRIMARY KEY,"
	"  kind TEXT NOT NULL CHECK (kind IN ('command','web','api','import','merge','undo')),"
	"  what TEXT NOT NULL DEFAULT '',"
	"  by_user TEXT NOT NULL DEFAULT '',"
	"  at INTEGER NOT NULL,"
	"  undone_at INTEGER NOT NULL DEFAULT 0,"
	"  undone_by_batch INTEGER NOT NULL DEFAULT 0);"
	"CREATE TABLE changes ("
	"  id INTEGER PRIMARY KEY,"
	"  batch_id INTEGER NOT NULL REFERENCES batches(id),"
	"  account_id INTEGER NOT NULL DEFAULT 0,"
	"  contact_id INTEGER NOT NULL DEFAULT 0,"
	"  tbl TEXT NOT NULL,"
	"  record_id INTEGER NOT NULL,"
	"  action TEXT NOT NULL CHECK (action IN ('add','edit','delete')),"
	"  before TEXT NOT NULL DEFAULT '',"
	"  after TEXT NOT NULL DEFAULT '',"
	"  source TEXT NOT NULL DEFAULT '',"
	"  at INTEGER NOT NULL);"
	"CREATE INDEX changes_contact ON changes(contact_id, id);"
	"CREATE INDEX changes_account ON changes(account_id, id);"
	"CREATE INDEX changes_batch ON changes(batch_id, id);"
	"CREATE INDEX changes_record ON changes(record_id, tbl);"
	"ALTER TABLE accounts ADD COLUMN deleted INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE contacts ADD COLUMN deleted INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE interactions ADD COLUMN deleted INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE signals ADD COLUMN deleted INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE commitments ADD COLUMN deleted INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE commitment_events ADD COLUMN deleted INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE expectations ADD COLUMN deleted INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE facts ADD COLUMN deleted INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE value_exchanged ADD COLUMN deleted INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE fits ADD COLUMN deleted INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE decisions ADD COLUMN deleted INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE proposals ADD COLUMN deleted INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE corrections ADD COLUMN deleted INTEGER NOT NULL DEFAULT 0;"
	"CREATE INDEX contacts_deleted ON contacts(deleted) WHERE deleted <> 0;"
	"ALTER TABLE accounts ADD COLUMN extra TEXT NOT NULL DEFAULT '{}';"
	"ALTER TABLE contacts ADD COLUMN extra TEXT NOT NULL DEFAULT '{}';"
	"ALTER TABLE interactions ADD COLUMN content_sha256 TEXT NOT NULL DEFAULT '';"
	"CREATE INDEX interactions_sha256 ON interactions(content_sha256) WHERE content_sha256 <> '';"
	"ALTER TABLE api_tokens ADD COLUMN scope TEXT NOT NULL DEFAULT 'api'"
	"  CHECK (scope IN ('api','feed'));",
	/* 7 -> 8: spreading by account (docs/scaling.md).  PostgreSQL keys
	 * every ledger table by (account_id, id) and its foreign keys by the
	 * account too (postgres-distribute.c), as Citus and hash partitions
	 * require; SQLite, one file on one machine, has nothing to do. */
	"",
	/* 8 -> 9: the board's due strip walks what is open by its due date
	 * (partial indexes: a team's closed promises are most of them). */
	"CREATE INDEX commitment_events_open_due ON commitment_events(due, commitment_id)"
	"  WHERE deleted = 0 AND status IN ('open', 'renegotiated');"
	"CREATE INDEX expectations_open_by ON expectations(by_at, id)"
	"  WHERE deleted = 0 AND status = 'open';",
	/* 9 -> 10: the board's counts per stage, kept per account (stage_counts:
	 * the buyers not deleted whose kept answer is at that stage), so a count
	 * is a sum over accounts, not a walk over every buyer.  Triggers keep it
	 * (candor_stage_count_triggers: SQLite's here, PostgreSQL's in
	 * postgres-schema.c); it is derived, so never copied or audited. */
	"CREATE TABLE stage_counts ("
	"  account_id INTEGER NOT NULL,"
	"  stage INTEGER NOT NULL,"
	"  n INTEGER NOT NULL DEFAULT 0,"
	"  PRIMARY KEY (account_id, stage));"
	"CREATE INDEX stage_counts_stage ON stage_counts(stage, n);"
	"CREATE INDEX accounts_owner ON accounts(owner COLLATE NOCASE, id);"
	CANDOR_STAGE_COUNTS_FILL,
	/* 10 -> 11: the kept answer whole (the JSON `candor pipeline --json`
	 * writes for the buyer, contact and reason aside), so a listing of
	 * every buyer is read, not computed again from the evidence.  Rows of
	 * an older build have none and are made again (app/assess.c). */
	"ALTER TABLE assessments ADD COLUMN doc TEXT NOT NULL DEFAULT '';"
	/* and the counts per seller (owner_stage_counts: stage_counts summed
	 * over each owner's accounts not deleted), so the board of everyone,
	 * or of a seller, sums a row a seller and stage, not one an account;
	 * triggers keep it (candor_owner_count_triggers), derived like
	 * stage_counts */
	"CREATE TABLE owner_stage_counts ("
	"  owner TEXT NOT NULL,"
	"  stage INTEGER NOT NULL,"
	"  n INTEGER NOT NULL DEFAULT 0,"
	"  PRIMARY KEY (owner, stage));"
	CANDOR_OWNER_COUNTS_FILL,
	/* 11 -> 12: a search reads each name's and email's fold (util/fold.h)
	 * kept beside it.  SQLite folds as it reads (candor_fold() in C, fast
	 * enough); PostgreSQL keeps the folds in generated columns
	 * (postgres-schema.c), as translate() per row took 19 s at 100,000
	 * buyers.  Nothing on SQLite. */
	"-- the search fold: see postgres-schema.c\n",
	NULL
};

/* The interactions table of schema 5, for SQLite's rebuild (sqlite.c). */
const char candor_interactions_v5[] =
	"CREATE TABLE interactions_v5 ("
	"  id INTEGER PRIMARY KEY,"
	"  account_id INTEGER NOT NULL REFERENCES accounts(id),"
	"  contact_id INTEGER NOT NULL REFERENCES contacts(id),"
	"  kind TEXT NOT NULL CHECK (kind IN ('call','meeting','email','note','chat')),"
	"  inbound INTEGER NOT NULL DEFAULT 0 CHECK (inbound IN (0,1)),"
	"  at INTEGER NOT NULL,"
	"  seller TEXT NOT NULL DEFAULT '',"
	"  text TEXT NOT NULL DEFAULT '',"
	"  source TEXT NOT NULL DEFAULT '',"
	"  metrics TEXT NOT NULL DEFAULT '',"
	"  seller_share REAL NOT NULL DEFAULT -1,"
	"  analyser TEXT NOT NULL DEFAULT '');"
	"INSERT INTO interactions_v5 SELECT id, account_id, contact_id, kind, inbound, at, seller,"
	"  text, source, metrics, seller_share, analyser FROM interactions;"
	"DROP TABLE interactions;"
	"ALTER TABLE interactions_v5 RENAME TO interactions;"
	"CREATE INDEX interactions_contact ON interactions(account_id, contact_id, at);";

/*
 * SQLite's triggers of stage_counts (migration 9 -> 10).  A buyer counts
 * while their contact row is there and not deleted: a kept answer added,
 * removed, or moved to another stage or account moves its one; a contact
 * deleted or brought back takes its answer's one away or back.
 */
#define SC_ADD(acc, st) "INSERT INTO stage_counts(account_id, stage, n) VALUES (" acc ", " st ", 1)" \
	" ON CONFLICT (account_id, stage) DO UPDATE SET n = n + 1;"
#define SC_SUB(acc, st) "UPDATE stage_counts SET n = n - 1 WHERE account_id = " acc " AND stage = " st ";"
#define SC_LIVE(id) "EXISTS (SELECT 1 FROM contacts WHERE id = " id " AND deleted = 0)"
const char candor_stage_count_triggers[] =
	"CREATE TRIGGER stage_counts_add AFTER INSERT ON assessments WHEN " SC_LIVE("new.id")
	" BEGIN " SC_ADD("new.account_id", "new.stage") " END;"
	"CREATE TRIGGER stage_counts_remove AFTER DELETE ON assessments WHEN " SC_LIVE("old.id")
	" BEGIN " SC_SUB("old.account_id", "old.stage") " END;"
	"CREATE TRIGGER stage_counts_move AFTER UPDATE OF account_id, stage ON assessments"
	" WHEN (old.account_id <> new.account_id OR old.stage <> new.stage) AND " SC_LIVE("new.id")
	" BEGIN " SC_SUB("old.account_id", "old.stage") SC_ADD("new.account_id", "new.stage") " END;"
	"CREATE TRIGGER stage_counts_contact_gone AFTER UPDATE OF deleted ON contacts"
	" WHEN old.deleted = 0 AND new.deleted <> 0"
	" BEGIN UPDATE stage_counts SET n = n - 1 WHERE (account_id, stage) ="
	"  (SELECT account_id, stage FROM assessments WHERE id = new.id); END;"
	"CREATE TRIGGER stage_counts_contact_back AFTER UPDATE OF deleted ON contacts"
	" WHEN old.deleted <> 0 AND new.deleted = 0"
	" BEGIN INSERT INTO stage_counts(account_id, stage, n)"
	"  SELECT account_id, stage, 1 FROM assessments WHERE id = new.id AND true"
	"  ON CONFLICT (account_id, stage) DO UPDATE SET n = n + 1; END;"
	"CREATE TRIGGER stage_counts_contact_removed AFTER DELETE ON contacts WHEN old.deleted = 0"
	" BEGIN UPDATE stage_counts SET n = n - 1 WHERE (account_id, stage) ="
	"  (SELECT account_id, stage FROM assessments WHERE id = old.id); END;";
#undef SC_ADD
#undef SC_SUB
#undef SC_LIVE

/*
 * SQLite's triggers of owner_stage_counts (migration 10 -> 11): a change
 * to an account's count moves its owner's by as much while the account is
 * not deleted; an account given to another owner, deleted or brought back
 * moves all of its counts.
 */
#define OC_ADD(owner, st, d, from) "INSERT INTO owner_stage_counts(owner, stage, n) SELECT " owner ", " \
	st ", " d " " from " AND true ON CONFLICT (owner, stage) DO UPDATE SET n = n + excluded.n;"
#define OC_ACCOUNT(acc) "FROM accounts WHERE id = " acc " AND deleted = 0"
const char candor_owner_count_triggers[] =
	"CREATE TRIGGER owner_counts_add AFTER INSERT ON stage_counts"
	" BEGIN " OC_ADD("owner", "new.stage", "new.n", OC_ACCOUNT("new.account_id")) " END;"
	"CREATE TRIGGER owner_counts_change AFTER UPDATE ON stage_counts"
	" BEGIN " OC_ADD("owner", "old.stage", "-old.n", OC_ACCOUNT("old.account_id"))
	OC_ADD("owner", "new.stage", "new.n", OC_ACCOUNT("new.account_id")) " END;"
	"CREATE TRIGGER owner_counts_remove AFTER DELETE ON stage_counts"
	" BEGIN " OC_ADD("owner", "old.stage", "-old.n", OC_ACCOUNT("old.account_id")) " END;"
	"CREATE TRIGGER owner_counts_account AFTER UPDATE OF owner, deleted ON accounts"
	" WHEN old.owner IS NOT new.owner OR (old.deleted = 0) <> (new.deleted = 0) BEGIN "
	OC_ADD("old.owner", "stage", "-n", "FROM stage_counts WHERE account_id = old.id AND old.deleted = 0")
	OC_ADD("new.owner", "stage", "n", "FROM stage_counts WHERE account_id = new.id AND new.deleted = 0")
	" END;"
	"CREATE TRIGGER owner_counts_account_removed AFTER DELETE ON accounts WHEN old.deleted = 0 BEGIN "
	OC_ADD("old.owner", "stage", "-n", "FROM stage_counts WHERE account_id = old.id") " END;";
#undef OC_ADD
#undef OC_ACCOUNT

/* The tables and columns of schema 10 (schema.h): update with each migration. */
static const struct candor_column accounts_cols[] = {
	{ "id", 'i' }, { "name", 't' }, { "owner", 't' }, { "note", 't' }, { "created", 'i' }, { "deleted", 'i' }, { "extra", 't' },
};
static const struct candor_column contacts_cols[] = {
	{ "id", 'i' }, { "account_id", 'i' }, { "name", 't' }, { "role", 't' }, { "email", 't' }, { "created", 'i' }, { "evidence", 'i' }, { "deleted", 'i' }, { "extra", 't' },
};
static const struct candor_column assessments_cols[] = {
	{ "id", 'i' }, { "account_id", 'i' }, { "model", 't' }, { "evidence", 'i' }, { "at", 'i' }, { "valid_until", 'i' }, { "stage", 'i' }, { "stalled_last", 'i' }, { "neg_trust", 'd' }, { "headline", 't' }, { "headline_kind", 't' }, { "headline_ref", 'i' }, { "headline_flags", 'i' }, { "doc", 't' },
};
static const struct candor_column interactions_cols[] = {
	{ "id", 'i' }, { "account_id", 'i' }, { "contact_id", 'i' }, { "kind", 't' }, { "inbound", 'i' }, { "at", 'i' }, { "seller", 't' }, { "text", 't' }, { "source", 't' }, { "metrics", 't' }, { "seller_share", 'd' }, { "analyser", 't' }, { "deleted", 'i' }, { "content_sha256", 't' },
};
static const struct candor_column signals_cols[] = {
	{ "id", 'i' }, { "account_id", 'i' }, { "contact_id", 'i' }, { "interaction_id", 'i' }, { "category", 't' }, { "text", 't' }, { "side", 't' }, { "utterance", 'i' }, { "start_char", 'i' }, { "end_char", 'i' }, { "quote", 't' }, { "confidence", 'd' }, { "withdrawn", 'i' }, { "deleted", 'i' },
};
static const struct candor_column corrections_cols[] = {
	{ "id", 'i' }, { "account_id", 'i' }, { "contact_id", 'i' }, { "interaction_id", 'i' }, { "utterance", 'i' }, { "category", 't' }, { "verdict", 't' }, { "side", 't' }, { "text", 't' }, { "by_user", 't' }, { "at", 'i' }, { "undone", 'i' }, { "deleted", 'i' },
};
static const struct candor_column commitments_cols[] = {
	{ "id", 'i' }, { "account_id", 'i' }, { "contact_id", 'i' }, { "text", 't' }, { "made", 'i' }, { "deleted", 'i' },
};
static const struct candor_column commitment_events_cols[] = {
	{ "id", 'i' }, { "account_id", 'i' }, { "commitment_id", 'i' }, { "at", 'i' }, { "status", 't' }, { "due", 'i' }, { "note", 't' }, { "deleted", 'i' },
};
static const struct candor_column expectations_cols[] = {
	{ "id", 'i' }, { "account_id", 'i' }, { "contact_id", 'i' }, { "text", 't' }, { "set_at", 'i' }, { "by_at", 'i' }, { "status", 't' }, { "resolved_at", 'i' }, { "deleted", 'i' },
};
static const struct candor_column facts_cols[] = {
	{ "id", 'i' }, { "account_id", 'i' }, { "contact_id", 'i' }, { "kind", 't' }, { "text", 't' }, { "source", 't' }, { "confidence", 't' }, { "at", 'i' }, { "deleted", 'i' },
};
static const struct candor_column value_exchanged_cols[] = {
	{ "id", 'i' }, { "account_id", 'i' }, { "contact_id", 'i' }, { "direction", 't' }, { "text", 't' }, { "at", 'i' }, { "deleted", 'i' },
};
static const struct candor_column fits_cols[] = {
	{ "id", 'i' }, { "account_id", 'i' }, { "contact_id", 'i' }, { "verdict", 't' }, { "text", 't' }, { "at", 'i' }, { "deleted", 'i' },
};
static const struct candor_column decisions_cols[] = {
	{ "id", 'i' }, { "account_id", 'i' }, { "contact_id", 'i' }, { "kind", 't' }, { "note", 't' }, { "at", 'i' }, { "deleted", 'i' },
};
static const struct candor_column utterances_cols[] = {
	{ "id", 'i' }, { "account_id", 'i' }, { "interaction_id", 'i' }, { "idx", 'i' }, { "speaker", 't' }, { "side", 't' }, { "start_s", 'd' }, { "end_s", 'd' }, { "line", 'i' }, { "text", 't' },
};
static const struct candor_column proposals_cols[] = {
	{ "id", 'i' }, { "account_id", 'i' }, { "contact_id", 'i' }, { "interaction_id", 'i' }, { "kind", 't' }, { "side", 't' }, { "fact_kind", 't' }, { "text", 't' }, { "due", 'i' }, { "utterance", 'i' }, { "status", 't' }, { "record_id", 'i' }, { "deleted", 'i' },
};
static const struct candor_column users_cols[] = {
	{ "id", 'i' }, { "name", 't' }, { "role", 't' }, { "pwhash", 't' }, { "created", 'i' },
};
static const struct candor_column sessions_cols[] = {
	{ "id", 'i' }, { "user_id", 'i' }, { "selector", 't' }, { "hash", 't' }, { "csrf", 't' }, { "created", 'i' }, { "expires", 'i' },
};
static const struct candor_column api_tokens_cols[] = {
	{ "id", 'i' }, { "user_id", 'i' }, { "selector", 't' }, { "hash", 't' }, { "created", 'i' }, { "expires", 'i' }, { "scope", 't' },
};
static const struct candor_column batches_cols[] = {
	{ "id", 'i' }, { "kind", 't' }, { "what", 't' }, { "by_user", 't' }, { "at", 'i' }, { "undone_at", 'i' }, { "undone_by_batch", 'i' },
};
static const struct candor_column changes_cols[] = {
	{ "id", 'i' }, { "batch_id", 'i' }, { "account_id", 'i' }, { "contact_id", 'i' }, { "tbl", 't' }, { "record_id", 'i' }, { "action", 't' }, { "before", 't' }, { "after", 't' }, { "source", 't' }, { "at", 'i' },
};
#define TABLE(t) { #t, t##_cols, CANDOR_ARRAY_SIZE(t##_cols) }
const struct candor_table candor_tables[] = {
	TABLE(accounts),
	TABLE(contacts),
	TABLE(assessments),
	TABLE(interactions),
	TABLE(signals),
	TABLE(commitments),
	TABLE(commitment_events),
	TABLE(expectations),
	TABLE(facts),
	TABLE(value_exchanged),
	TABLE(fits),
	TABLE(decisions),
	TABLE(utterances),
	TABLE(proposals),
	TABLE(corrections),
	TABLE(users),
	TABLE(sessions),
	TABLE(api_tokens),
	TABLE(batches),
	TABLE(changes),
};
const size_t candor_ntables = CANDOR_ARRAY_SIZE(candor_tables);
