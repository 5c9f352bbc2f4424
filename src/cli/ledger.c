/*
 * ledger.c: the records of a relationship as text for a reader (see
 * ledger.h); the JSON form is app/json.h.
 */
#include "util/common.h"
#include "cli/ledger.h"

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
		/* the history after the promise itself, with the ids 'candor edit event' takes */
		for (size_t k = 1; k < c->nevents; k++) {
			const struct candor_commitment_event *e = &c->events[k];

			printf("        event #%-4" PRId64 " %-12s %s", e->id,
			       candor_name_of(candor_commitment_statuses, e->status), day(d, e->at));
			if (e->status == CANDOR_COMMITMENT_RENEGOTIATED)
				printf("  due %s", day(r, e->due));
			printf("%s%s\n", *e->note ? "  " : "", e->note);
		}
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
