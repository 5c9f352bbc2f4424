/*
 * domain.h: the things Candor keeps, as plain C structs.
 *
 * These are the records of a relationship as the seller knows it: accounts
 * (the buying organisation), contacts (the people in it), interactions,
 * the seller's commitments and the expectations the seller set, what was
 * learned about the buyer (discovery facts), value exchanged, fit explored
 * and the buyer's own decision.  The store fills them and the model reads
 * them.  Times are int64_t seconds since the epoch, UTC (util/date.h).
 *
 * Strings in these structs are owned by whoever filled the struct: the
 * store's list functions document how their results are released.
 */
#ifndef CANDOR_DOMAIN_H
#define CANDOR_DOMAIN_H

#include "util/common.h"
#include "core/conversation.h"

/* An enum <-> name table, for parsing flags and printing JSON. */
struct candor_name { int value; const char *name; };

/* Look a name up (case-insensitive, '-' and '_' alike).  -1 when unknown. */
int candor_name_lookup(const struct candor_name *table, const char *name);
/* The name of a value, "?" when unknown. */
const char *candor_name_of(const struct candor_name *table, int value);
/* "a, b or c": the names, for error messages. */
void candor_name_list(char *dst, size_t n, const struct candor_name *table);

extern const struct candor_name candor_sides[]; /* enum candor_side: seller, buyer, unknown */

struct candor_account {
	int64_t id;
	char *name;
	char *owner;   /* the seller who looks after it */
	char *note;
	int64_t created;
};

struct candor_contact {
	int64_t id;
	int64_t account_id;
	char *account_name; /* filled by lists, for display */
	char *name;
	char *role;    /* "CFO", "champion": free text */
	char *email;
	int64_t created;
	/* Adding only: the extra fields (a JSON object, schema 7) the new contact
	 * starts with, borrowed by candor_store_contact_add; NULL is "{}".  Reads
	 * never fill it (candor_store_record_get has the column). */
	const char *extra;
};

enum candor_interaction_kind {
	CANDOR_INTERACTION_CALL,
	CANDOR_INTERACTION_MEETING,
	CANDOR_INTERACTION_EMAIL,
	CANDOR_INTERACTION_NOTE,
	CANDOR_INTERACTION_CHAT,  /* a meeting's chat or a messaging thread: two-way, in writing */
};
extern const struct candor_name candor_interaction_kinds[];

struct candor_interaction {
	int64_t id;
	int64_t account_id;
	int64_t contact_id;
	int kind;        /* enum candor_interaction_kind */
	bool inbound;    /* the buyer reached out (an email they sent, a call they asked for) */
	int64_t at;
	char *seller;
	char *text;
	char *source;    /* the transcript file it was imported from; "" when logged */
	char *metrics;   /* the conversation metrics as JSON text; "" when none */
	double seller_share; /* the seller's share of the talk, 0..1; -1 when unknown */
	char *analyser;  /* what found its signals: a signal model's id, "phrases", or "" by hand */
	const char *sha256; /* adding only (borrowed; reads leave it NULL): the SHA-256 (hex)
			       of the file it was imported from, NULL or "" when none */
};

/*
 * Something a transcript's analysis proposed, for the seller to accept or
 * dismiss: a promise made in the call (by either side), or a discovery fact
 * the buyer disclosed.  Accepting turns it into a commitment or a fact.
 */
enum candor_proposal_kind { CANDOR_PROPOSAL_COMMITMENT, CANDOR_PROPOSAL_FACT };
extern const struct candor_name candor_proposal_kinds[];
enum candor_proposal_status { CANDOR_PROPOSAL_PROPOSED, CANDOR_PROPOSAL_ACCEPTED,
			      CANDOR_PROPOSAL_DISMISSED };
extern const struct candor_name candor_proposal_statuses[];

struct candor_proposal_row {
	int64_t id;
	int64_t account_id;
	int64_t contact_id;
	int64_t interaction_id;
	int kind;        /* enum candor_proposal_kind */
	int side;        /* enum candor_side: who promised or disclosed */
	int fact_kind;   /* enum candor_fact_kind; -1 for a commitment */
	char *text;      /* the sentence */
	int64_t due;     /* resolved due date of a promise; 0 when none */
	int64_t utterance;
	int status;      /* enum candor_proposal_status */
	int64_t record_id; /* the commitment or fact made when accepted; 0 */
};

/*
 * What a buyer said in an interaction, as a labelled quotation: logged by
 * hand (`candor log --said stall:"let me think about it"`) or found by the
 * transcript analyser.  category is one of the analyser's names ("stall",
 * "candor", "disclosure", ...).
 */
struct candor_signal {
	int64_t id;
	int64_t interaction_id;
	int64_t contact_id;  /* the interaction's contact */
	int64_t at;          /* the interaction's time */
	char *category;
	char *text;          /* the words, as said */
	char *quote;         /* the whole sentence they were said in; "" when logged by hand */
	int side;            /* enum candor_side (core/conversation.h): who said it */
	int64_t utterance;   /* index of the utterance in a transcript; -1 when logged by hand */
	int64_t start, end;  /* code-point offsets of text in the utterance; -1 by hand */
	double confidence;   /* the signal model's probability, 0..1; -1 when not a model's */
};

/*
 * A user's word on what the analyser said about one utterance of a stored
 * transcript: 'wrong' (it found category there and should not have) or
 * 'missing' (it should have found it).  It keeps the utterance's words and
 * side as they were, so a model can be trained on it (`candor model
 * train`), and it holds over every later analysis (`candor reanalyze`).
 */
enum candor_verdict { CANDOR_VERDICT_WRONG, CANDOR_VERDICT_MISSING };
extern const struct candor_name candor_verdicts[];

struct candor_correction {
	int64_t id;
	int64_t account_id;
	int64_t contact_id;
	int64_t interaction_id;
	int64_t utterance;   /* its index in the transcript */
	char *category;
	int verdict;         /* enum candor_verdict */
	int side;            /* enum candor_side: who said it */
	char *text;          /* the utterance's words */
	char *by;            /* who said so (a user's name; "" on the command line) */
	int64_t at;
};

enum candor_commitment_status {
	CANDOR_COMMITMENT_OPEN,
	CANDOR_COMMITMENT_KEPT,
	CANDOR_COMMITMENT_KEPT_LATE,
	CANDOR_COMMITMENT_BROKEN,
	CANDOR_COMMITMENT_RENEGOTIATED, /* only as an event; the promise stays open */
};
extern const struct candor_name candor_commitment_statuses[];

/* One change in a commitment's history. */
struct candor_commitment_event {
	int64_t id;
	int64_t at;
	int status;     /* what happened: enum candor_commitment_status */
	int64_t due;    /* the due date after this event */
	char *note;
};

/*
 * A promise the seller made.  events[0] is the making of it (status OPEN,
 * at == made, due == the first due date); later events keep, break or
 * renegotiate it, in time order.  Its state at any moment is derived from
 * the events up to that moment (model.h), never stored twice.
 */
struct candor_commitment {
	int64_t id;
	int64_t account_id;
	int64_t contact_id;
	char *text;
	int64_t made;
	struct candor_commitment_event *events;
	size_t nevents;
};

enum candor_expectation_status {
	CANDOR_EXPECTATION_OPEN,
	CANDOR_EXPECTATION_MET,
	CANDOR_EXPECTATION_MISSED,
};
extern const struct candor_name candor_expectation_statuses[];

struct candor_expectation {
	int64_t id;
	int64_t account_id;
	int64_t contact_id;
	char *text;
	int64_t set_at;
	int64_t by;          /* when it should be true */
	int status;          /* enum candor_expectation_status */
	int64_t resolved_at; /* 0 while open */
};

enum candor_fact_kind {
	CANDOR_FACT_BOTHERING,
	CANDOR_FACT_TRIED,
	CANDOR_FACT_WORRIED,
	CANDOR_FACT_HOPED,
	CANDOR_FACT_OBJECTION,
	CANDOR_FACT_CRITERIA,
	CANDOR_FACT_CONCERN,
	CANDOR_FACT_MOTIVATION,
	CANDOR_FACT_KINDS
};
extern const struct candor_name candor_fact_kinds[];

enum candor_confidence { CANDOR_CONF_LOW, CANDOR_CONF_MEDIUM, CANDOR_CONF_HIGH };
extern const struct candor_name candor_confidences[];

struct candor_fact {
	int64_t id;
	int64_t account_id;
	int64_t contact_id;
	int kind;        /* enum candor_fact_kind */
	char *text;
	char *source;    /* where it came from: "call 2026-11-20", a quoted line */
	int confidence;  /* enum candor_confidence */
	int64_t at;
};

enum candor_value_direction { CANDOR_VALUE_GIVEN, CANDOR_VALUE_RECEIVED };
extern const struct candor_name candor_value_directions[];

struct candor_value {
	int64_t id;
	int64_t account_id;
	int64_t contact_id;
	int direction;   /* enum candor_value_direction */
	char *text;
	int64_t at;
};

/*
 * Fit explored together with the buyer.  REFER is the acid test of
 * trust-based selling: "another vendor would serve you better".
 */
enum candor_fit_verdict { CANDOR_FIT_GOOD, CANDOR_FIT_PARTIAL, CANDOR_FIT_POOR, CANDOR_FIT_REFER };
extern const struct candor_name candor_fit_verdicts[];

struct candor_fit {
	int64_t id;
	int64_t account_id;
	int64_t contact_id;
	int verdict;     /* enum candor_fit_verdict */
	char *text;
	int64_t at;
};

/* The buyer's decision, never a seller's "close". */
enum candor_decision_kind {
	CANDOR_DECISION_BOUGHT,
	CANDOR_DECISION_CHOSE_ANOTHER,
	CANDOR_DECISION_DECIDED_NOT_TO_BUY,
	CANDOR_DECISION_STILL_DECIDING,
};
extern const struct candor_name candor_decision_kinds[];

struct candor_decision {
	int64_t id;
	int64_t account_id;
	int64_t contact_id;
	int kind;        /* enum candor_decision_kind */
	char *note;
	int64_t at;
};

#endif
