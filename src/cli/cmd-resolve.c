/*
 * cmd-resolve.c: what happened to a promise or an expectation:
 * `kept`, `broken`, `renegotiate`, `met` and `missed`.
 *
 * The history of a promise is kept as events; these commands append one,
 * after checking that it can happen now: the promise is still open, and the
 * event is not dated before the promise's last change.
 */
#include "util/common.h"
#include "cli/cli.h"

struct resolve {
	const char *at, *due, *note;
	char **pos;
	int npos;
};

static int resolve_opt(struct candor_ctx *ctx, int code, const char *arg, void *data)
{
	struct resolve *r = data;

	if (code == 'A')
		r->at = arg;
	else if (code == 'd')
		r->due = arg;
	else if (code == 'n')
		r->note = arg;
	return CLI_OK;
}

static const struct option resolve_options[] = {
	{ "at", required_argument, NULL, 'A' },
	{ "note", required_argument, NULL, 'n' },
	{ "due", required_argument, NULL, 'd' },
	{ 0 }
};

static const char *day(char *buf, int64_t t)
{
	candor_date_format(buf, CANDOR_DATE_MAX, t);
	return buf;
}

/* Parse PROMISE-ID and the options; open the store. */
static int resolve_open(struct candor_ctx *ctx, struct resolve *r, int argc, char **argv,
			const char *what, int64_t *id, int64_t *when)
{
	int rc = cli_parse(ctx, argc, argv, resolve_options, resolve_opt, r, &r->pos, &r->npos);

	if (rc)
		return rc;
	if (r->npos != 1)
		return cli_usage_error(ctx, "give one %s id", what);
	if ((rc = cli_id(ctx, r->pos[0], what, id)) || (rc = cli_past_date(ctx, when, r->at, "--at")))
		return rc;
	return cli_store(ctx, false);
}

/*
 * The due date a keeping is judged against: the latest one agreed before
 * the promise fell due.  Renegotiating after the due date moves the date,
 * but keeping it then is still late.
 */
static int64_t honest_due(const struct candor_commitment *c)
{
	int64_t due = c->events[0].due;

	for (size_t i = 1; i < c->nevents; i++) {
		if (c->events[i].status != CANDOR_COMMITMENT_RENEGOTIATED)
			continue;
		if (c->events[i].at >= candor_due_end(due))
			break; /* renegotiated when already late */
		due = c->events[i].due;
	}
	return due;
}

/* Append status to promise id at --at, after checking it may happen. */
static int commitment_change(struct candor_ctx *ctx, int argc, char **argv, int status)
{
	struct resolve r = { 0 };
	struct candor_evidence_set set = { 0 };
	struct candor_commitment *c;
	struct candor_commitment_state st;
	struct candor_commitment_event e = { .status = status };
	char d1[CANDOR_DATE_MAX], d2[CANDOR_DATE_MAX];
	int64_t id, last;
	int rc;

	if ((rc = resolve_open(ctx, &r, argc, argv, "promise", &id, &e.at)))
		return rc == CLI_HELP_SHOWN ? CLI_OK : rc;
	if (status != CANDOR_COMMITMENT_RENEGOTIATED && r.due) {
		rc = cli_usage_error(ctx, "--due is only for 'renegotiate'");
		goto cleanup;
	}
	if ((rc = candor_store_commitment_load(ctx->store, id, &set, &c))) {
		rc = cli_fail(ctx, rc);
		goto cleanup;
	}
	candor_commitment_state_at(&st, c, INT64_MAX);
	last = c->events[c->nevents - 1].at;
	if (st.status != CANDOR_COMMITMENT_OPEN) {
		rc = cli_errorf(ctx, CLI_CONFLICT, "promise #%" PRId64 " is already %s (on %s)",
				id, candor_name_of(candor_commitment_statuses, st.status),
				day(d1, st.resolved_at));
		goto cleanup;
	}
	if (e.at < last) {
		rc = cli_errorf(ctx, CLI_INVALID, "--at %s is before the promise's last change (%s)",
				day(d1, e.at), day(d2, last));
		goto cleanup;
	}
	e.due = st.due;
	if (status == CANDOR_COMMITMENT_RENEGOTIATED) {
		rc = r.due ? cli_date(ctx, &e.due, r.due, "--due")
			   : cli_usage_error(ctx, "--due DATE (the new due date) is required");
		if (!rc && e.due < e.at - e.at % CANDOR_DAY)
			rc = cli_errorf(ctx, CLI_INVALID, "--due %s is before today's date (%s)",
					day(d1, e.due), day(d2, e.at));
		if (rc)
			goto cleanup;
	}
	/* a day's grace: due 2026-11-20 means by the end of that day; a promise
	 * renegotiated only after it was due was already late */
	if (status == CANDOR_COMMITMENT_KEPT && e.at >= candor_due_end(honest_due(c)))
		e.status = CANDOR_COMMITMENT_KEPT_LATE;
	e.note = (char *)(r.note ? r.note : "");
	if ((rc = candor_store_commitment_event_add(ctx->store, c, &e))) {
		rc = cli_fail(ctx, rc);
		goto cleanup;
	}
	printf("promise #%" PRId64 " \"%s\": %s%s%s\n", id, c->text,
	       e.status == CANDOR_COMMITMENT_RENEGOTIATED ? "now due " :
	       candor_name_of(candor_commitment_statuses, e.status),
	       e.status == CANDOR_COMMITMENT_RENEGOTIATED ? day(d1, e.due) : "",
	       e.status == CANDOR_COMMITMENT_KEPT_LATE ? " (it was due earlier)" : "");
cleanup:
	candor_evidence_set_release(&set);
	return rc;
}

int cmd_kept(int argc, char **argv, struct candor_ctx *ctx)
{
	return commitment_change(ctx, argc, argv, CANDOR_COMMITMENT_KEPT);
}

int cmd_broken(int argc, char **argv, struct candor_ctx *ctx)
{
	return commitment_change(ctx, argc, argv, CANDOR_COMMITMENT_BROKEN);
}

int cmd_renegotiate(int argc, char **argv, struct candor_ctx *ctx)
{
	return commitment_change(ctx, argc, argv, CANDOR_COMMITMENT_RENEGOTIATED);
}

static int expectation_change(struct candor_ctx *ctx, int argc, char **argv, int status)
{
	struct resolve r = { 0 };
	struct candor_evidence_set set = { 0 };
	struct candor_expectation *e;
	char d1[CANDOR_DATE_MAX], d2[CANDOR_DATE_MAX];
	int64_t id, when;
	int rc;

	if ((rc = resolve_open(ctx, &r, argc, argv, "expectation", &id, &when)))
		return rc == CLI_HELP_SHOWN ? CLI_OK : rc;
	if (r.due) {
		rc = cli_usage_error(ctx, "--due is only for 'renegotiate'");
		goto cleanup;
	}
	if ((rc = candor_store_expectation_load(ctx->store, id, &set, &e))) {
		rc = cli_fail(ctx, rc);
		goto cleanup;
	}
	if (e->status != CANDOR_EXPECTATION_OPEN) {
		rc = cli_errorf(ctx, CLI_CONFLICT, "expectation #%" PRId64 " is already %s (on %s)",
				id, candor_name_of(candor_expectation_statuses, e->status),
				day(d1, e->resolved_at));
		goto cleanup;
	}
	if (when < e->set_at) {
		rc = cli_errorf(ctx, CLI_INVALID, "--at %s is before the expectation was set (%s)",
				day(d1, when), day(d2, e->set_at));
		goto cleanup;
	}
	e->status = status;
	e->resolved_at = when;
	if ((rc = candor_store_expectation_resolve(ctx->store, e))) {
		rc = cli_fail(ctx, rc);
		goto cleanup;
	}
	printf("expectation #%" PRId64 " \"%s\": %s\n", id, e->text,
	       candor_name_of(candor_expectation_statuses, status));
cleanup:
	candor_evidence_set_release(&set);
	return rc;
}

int cmd_met(int argc, char **argv, struct candor_ctx *ctx)
{
	return expectation_change(ctx, argc, argv, CANDOR_EXPECTATION_MET);
}

int cmd_missed(int argc, char **argv, struct candor_ctx *ctx)
{
	return expectation_change(ctx, argc, argv, CANDOR_EXPECTATION_MISSED);
}
