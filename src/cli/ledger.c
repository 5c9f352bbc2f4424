/*
 * ledger.c: the records of a relationship as JSON and text (see ledger.h).
 */
#include "util/common.h"
#include "cli/ledger.h"

json_t *cli_contact_json(const struct candor_contact *c)
{
	return json_pack("{s:I,s:s,s:I,s:s,s:s,s:s}", "id", (json_int_t)c->id, "name", c->name,
			 "account_id", (json_int_t)c->account_id,
			 "account", c->account_name ? c->account_name : "",
			 "role", c->role, "email", c->email);
}

json_t *cli_commitment_json(const struct candor_commitment *c, int64_t at)
{
	struct candor_commitment_state st;
	json_t *events = json_array();

	/* everything recorded counts; only "overdue" depends on the moment */
	candor_commitment_state_at(&st, c, INT64_MAX);
	st.overdue = st.status == CANDOR_COMMITMENT_OPEN && candor_due_end(st.due) <= at;
	for (size_t i = 0; i < c->nevents; i++)
		json_array_append_new(events, json_pack("{s:I,s:o,s:s,s:o,s:s}",
			"id", (json_int_t)c->events[i].id, "at", cli_json_date(c->events[i].at),
			"event", i == 0 ? "made" : candor_name_of(candor_commitment_statuses,
								  c->events[i].status),
			"due", cli_json_date(c->events[i].due), "note", c->events[i].note));
	return json_pack("{s:I,s:I,s:s,s:o,s:o,s:s,s:b,s:o}", "id", (json_int_t)c->id,
			 "contact_id", (json_int_t)c->contact_id, "text", c->text,
			 "made", cli_json_date(c->made), "due", cli_json_date(st.due),
			 "status", candor_name_of(candor_commitment_statuses, st.status),
			 "overdue", st.overdue, "history", events);
}

static json_t *interactions_json(const struct candor_evidence *ev)
{
	json_t *arr = json_array();

	for (size_t i = 0; i < ev->ninteractions; i++) {
		const struct candor_interaction *it = &ev->interactions[i];
		json_t *said = json_array();

		for (size_t k = 0; k < ev->nsignals; k++)
			if (ev->signals[k].interaction_id == it->id)
				json_array_append_new(said, json_pack("{s:I,s:s,s:s}", "id",
					(json_int_t)ev->signals[k].id, "category",
					ev->signals[k].category, "text", ev->signals[k].text));
		json_array_append_new(arr, json_pack("{s:I,s:I,s:s,s:b,s:o,s:s,s:s,s:o}",
			"id", (json_int_t)it->id, "contact_id", (json_int_t)it->contact_id,
			"kind", candor_name_of(candor_interaction_kinds, it->kind),
			"inbound", it->inbound, "at", cli_json_date(it->at), "seller", it->seller,
			"text", it->text, "said", said));
	}
	return arr;
}

static json_t *expectations_json(const struct candor_evidence *ev)
{
	json_t *arr = json_array();

	for (size_t i = 0; i < ev->nexpectations; i++) {
		const struct candor_expectation *e = &ev->expectations[i];

		json_array_append_new(arr, json_pack("{s:I,s:I,s:s,s:o,s:o,s:s,s:o}",
			"id", (json_int_t)e->id, "contact_id", (json_int_t)e->contact_id,
			"text", e->text, "set", cli_json_date(e->set_at), "by", cli_json_date(e->by),
			"status", candor_name_of(candor_expectation_statuses, e->status),
			"resolved", cli_json_date(e->resolved_at)));
	}
	return arr;
}

static json_t *facts_json(const struct candor_evidence *ev)
{
	json_t *arr = json_array();

	for (size_t i = 0; i < ev->nfacts; i++) {
		const struct candor_fact *f = &ev->facts[i];

		json_array_append_new(arr, json_pack("{s:I,s:I,s:s,s:s,s:s,s:s,s:o}",
			"id", (json_int_t)f->id, "contact_id", (json_int_t)f->contact_id,
			"kind", candor_name_of(candor_fact_kinds, f->kind), "text", f->text,
			"source", f->source, "confidence", candor_name_of(candor_confidences, f->confidence),
			"at", cli_json_date(f->at)));
	}
	return arr;
}

static json_t *small_json(int64_t id, int64_t contact, const char *kname, const char *kind,
			  const char *text, int64_t at)
{
	return json_pack("{s:I,s:I,s:s,s:s,s:o}", "id", (json_int_t)id, "contact_id",
			 (json_int_t)contact, kname, kind, "text", text, "at", cli_json_date(at));
}

json_t *cli_ledger_json(const struct candor_evidence *ev, int64_t at)
{
	json_t *commitments = json_array(), *values = json_array(), *fits = json_array();
	json_t *decisions = json_array();

	for (size_t i = 0; i < ev->ncommitments; i++)
		json_array_append_new(commitments, cli_commitment_json(&ev->commitments[i], at));
	for (size_t i = 0; i < ev->nvalues; i++)
		json_array_append_new(values, small_json(ev->values[i].id, ev->values[i].contact_id,
			"direction", candor_name_of(candor_value_directions, ev->values[i].direction),
			ev->values[i].text, ev->values[i].at));
	for (size_t i = 0; i < ev->nfits; i++)
		json_array_append_new(fits, small_json(ev->fits[i].id, ev->fits[i].contact_id,
			"verdict", candor_name_of(candor_fit_verdicts, ev->fits[i].verdict),
			ev->fits[i].text, ev->fits[i].at));
	for (size_t i = 0; i < ev->ndecisions; i++)
		json_array_append_new(decisions, small_json(ev->decisions[i].id,
			ev->decisions[i].contact_id, "decision",
			candor_name_of(candor_decision_kinds, ev->decisions[i].kind),
			ev->decisions[i].note, ev->decisions[i].at));
	return json_pack("{s:o,s:o,s:o,s:o,s:o,s:o,s:o}", "interactions", interactions_json(ev),
			 "commitments", commitments, "expectations", expectations_json(ev),
			 "facts", facts_json(ev), "values", values, "fits", fits,
			 "decisions", decisions);
}

static const char *day(char *buf, int64_t t)
{
	candor_date_format(buf, CANDOR_DATE_MAX, t);
	return buf;
}

static void print_interactions(const struct candor_evidence *ev)
{
	char d[CANDOR_DATE_MAX];

	printf("\ninteractions:%s\n", ev->ninteractions ? "" : " none yet");
	for (size_t i = 0; i < ev->ninteractions; i++) {
		const struct candor_interaction *it = &ev->interactions[i];

		printf("  #%-4" PRId64 " %-16s %-7s %s%s\n", it->id, day(d, it->at),
		       candor_name_of(candor_interaction_kinds, it->kind),
		       it->inbound ? "(from them) " : "", it->text);
		for (size_t k = 0; k < ev->nsignals; k++)
			if (ev->signals[k].interaction_id == it->id)
				printf("          %s said (%s): \"%s\"\n",
				       ev->signals[k].side == CANDOR_SIDE_SELLER ? "you" :
				       ev->signals[k].side == CANDOR_SIDE_BUYER ? "they" : "someone",
				       ev->signals[k].category, ev->signals[k].text);
	}
}

static void print_commitments(const struct candor_evidence *ev, int64_t now)
{
	char d[CANDOR_DATE_MAX], r[CANDOR_DATE_MAX];

	printf("\npromises:%s\n", ev->ncommitments ? "" : " none yet");
	for (size_t i = 0; i < ev->ncommitments; i++) {
		const struct candor_commitment *c = &ev->commitments[i];
		struct candor_commitment_state st;

		candor_commitment_state_at(&st, c, INT64_MAX);
		st.overdue = st.status == CANDOR_COMMITMENT_OPEN && candor_due_end(st.due) <= now;
		printf("  #%-4" PRId64 " %-10s due %-16s %s", c->id,
		       st.overdue ? "OVERDUE" : candor_name_of(candor_commitment_statuses, st.status),
		       day(d, st.due), c->text);
		if (st.resolved_at)
			printf("  (%s)", day(r, st.resolved_at));
		if (st.renegotiations)
			printf("  [renegotiated %d×]", st.renegotiations);
		putchar('\n');
	}
}

static void print_expectations(const struct candor_evidence *ev)
{
	char d[CANDOR_DATE_MAX];

	printf("\nexpectations set:%s\n", ev->nexpectations ? "" : " none yet");
	for (size_t i = 0; i < ev->nexpectations; i++)
		printf("  #%-4" PRId64 " %-10s by %-16s %s\n", ev->expectations[i].id,
		       candor_name_of(candor_expectation_statuses, ev->expectations[i].status),
		       day(d, ev->expectations[i].by), ev->expectations[i].text);
}

static void print_facts(const struct candor_evidence *ev)
{
	char d[CANDOR_DATE_MAX];

	printf("\nwhat you know about them:%s\n", ev->nfacts ? "" : " nothing yet");
	for (size_t i = 0; i < ev->nfacts; i++) {
		const struct candor_fact *f = &ev->facts[i];

		printf("  #%-4" PRId64 " %-10s %s", f->id, candor_name_of(candor_fact_kinds, f->kind),
		       f->text);
		printf("  (%s%s%s)\n", *f->source ? f->source : "", *f->source ? ", " : "",
		       day(d, f->at));
	}
}

static void print_rest(const struct candor_evidence *ev)
{
	char d[CANDOR_DATE_MAX];

	if (ev->nvalues)
		printf("\nvalue exchanged:\n");
	for (size_t i = 0; i < ev->nvalues; i++)
		printf("  #%-4" PRId64 " %-8s %-16s %s\n", ev->values[i].id,
		       candor_name_of(candor_value_directions, ev->values[i].direction),
		       day(d, ev->values[i].at), ev->values[i].text);
	if (ev->nfits)
		printf("\nfit explored together:\n");
	for (size_t i = 0; i < ev->nfits; i++)
		printf("  #%-4" PRId64 " %-8s %-16s %s\n", ev->fits[i].id,
		       candor_name_of(candor_fit_verdicts, ev->fits[i].verdict),
		       day(d, ev->fits[i].at), ev->fits[i].text);
	if (ev->ndecisions)
		printf("\ntheir decisions:\n");
	for (size_t i = 0; i < ev->ndecisions; i++)
		printf("  #%-4" PRId64 " %-18s %-16s %s\n", ev->decisions[i].id,
		       candor_name_of(candor_decision_kinds, ev->decisions[i].kind),
		       day(d, ev->decisions[i].at), ev->decisions[i].note);
}

void cli_ledger_print(const struct candor_evidence *ev, int64_t now)
{
	print_interactions(ev);
	print_commitments(ev, now);
	print_expectations(ev);
	print_facts(ev);
	print_rest(ev);
}
