/*
 * app/json.c: the JSON both front doors write (see json.h): `--json` and
 * `export` in the CLI, the /api/v1 answers on the web.
 */
#include "util/common.h"
#include "util/date.h"
#include "store/store.h"
#include "app/json.h"
#include "util/json-text.h"

/*
 * Every value goes in through these: a failure (a NULL value from a pack
 * that refused its input, no memory) is remembered in *bad, and the
 * writer then drops the whole document and returns NULL, so no record is
 * ever left out of an answer that still looks whole.
 */
void candor_json_put(json_t *o, const char *key, json_t *v, bool *bad)
{
	/* json_object_set_new releases v when it fails, o NULL included */
	if (!v || json_object_set_new(o, key, v))
		*bad = true;
}

void candor_json_push(json_t *a, json_t *v, bool *bad)
{
	if (!v || json_array_append_new(a, v))
		*bad = true;
}

json_t *candor_json_checked(json_t *j, bool bad)
{
	if (bad || !j) {
		json_decref(j);
		return NULL;
	}
	return j;
}

json_t *candor_json_date(int64_t t)
{
	char buf[CANDOR_DATE_MAX];

	if (!t)
		return json_null();
	candor_date_format(buf, sizeof(buf), t);
	return json_string(buf);
}

json_t *candor_json_account(const struct candor_account *a)
{
	return json_pack("{s:I,s:s,s:s,s:s,s:o}", "id", (json_int_t)a->id, "name", a->name,
			 "owner", a->owner, "note", a->note, "created", candor_json_date(a->created));
}

json_t *candor_json_interaction(const struct candor_interaction *it)
{
	return json_pack("{s:I,s:I,s:I,s:s,s:b,s:o,s:s,s:s,s:s}", "id", (json_int_t)it->id,
			 "account_id", (json_int_t)it->account_id, "contact_id",
			 (json_int_t)it->contact_id, "kind",
			 candor_name_of(candor_interaction_kinds, it->kind), "inbound", it->inbound,
			 "at", candor_json_date(it->at), "seller", it->seller, "text", it->text,
			 "source", it->source);
}

json_t *candor_json_contact(const struct candor_contact *c)
{
	return json_pack("{s:I,s:s,s:I,s:s,s:s,s:s}", "id", (json_int_t)c->id, "name", c->name,
			 "account_id", (json_int_t)c->account_id,
			 "account", c->account_name ? c->account_name : "",
			 "role", c->role, "email", c->email);
}

json_t *candor_json_commitment(const struct candor_commitment *c, int64_t at)
{
	struct candor_commitment_state st;
	json_t *events = json_array();
	bool bad = false;

	/* everything recorded counts; only "overdue" depends on the moment */
	candor_commitment_state_at(&st, c, INT64_MAX);
	st.overdue = st.status == CANDOR_COMMITMENT_OPEN && candor_due_end(st.due) <= at;
	for (size_t i = 0; i < c->nevents; i++)
		candor_json_push(events, json_pack("{s:I,s:o,s:s,s:o,s:s}",
			"id", (json_int_t)c->events[i].id, "at", candor_json_date(c->events[i].at),
			"event", i == 0 ? "made" : candor_name_of(candor_commitment_statuses,
								  c->events[i].status),
			"due", candor_json_date(c->events[i].due), "note", c->events[i].note), &bad);
	/* a pack given NULL for an "o" fails too, and releases what it took */
	return json_pack("{s:I,s:I,s:s,s:o,s:o,s:s,s:b,s:o}", "id", (json_int_t)c->id,
			 "contact_id", (json_int_t)c->contact_id, "text", c->text,
			 "made", candor_json_date(c->made), "due", candor_json_date(st.due),
			 "status", candor_name_of(candor_commitment_statuses, st.status),
			 "overdue", st.overdue, "history", candor_json_checked(events, bad));
}

static json_t *interactions_json(const struct candor_evidence *ev, bool *bad)
{
	json_t *arr = json_array();

	for (size_t i = 0; i < ev->ninteractions; i++) {
		const struct candor_interaction *it = &ev->interactions[i];
		json_t *said = json_array();
		bool quiet = false;

		for (size_t k = 0; k < ev->nsignals; k++)
			if (ev->signals[k].interaction_id == it->id)
				candor_json_push(said, json_pack("{s:I,s:s,s:s}", "id",
					(json_int_t)ev->signals[k].id, "category",
					ev->signals[k].category, "text", ev->signals[k].text), &quiet);
		candor_json_push(arr, json_pack("{s:I,s:I,s:s,s:b,s:o,s:s,s:s,s:o}",
			"id", (json_int_t)it->id, "contact_id", (json_int_t)it->contact_id,
			"kind", candor_name_of(candor_interaction_kinds, it->kind),
			"inbound", it->inbound, "at", candor_json_date(it->at), "seller", it->seller,
			"text", it->text, "said", candor_json_checked(said, quiet)), bad);
	}
	return arr;
}

static json_t *expectations_json(const struct candor_evidence *ev, bool *bad)
{
	json_t *arr = json_array();

	for (size_t i = 0; i < ev->nexpectations; i++) {
		const struct candor_expectation *e = &ev->expectations[i];

		candor_json_push(arr, json_pack("{s:I,s:I,s:s,s:o,s:o,s:s,s:o}",
			"id", (json_int_t)e->id, "contact_id", (json_int_t)e->contact_id,
			"text", e->text, "set", candor_json_date(e->set_at), "by", candor_json_date(e->by),
			"status", candor_name_of(candor_expectation_statuses, e->status),
			"resolved", candor_json_date(e->resolved_at)), bad);
	}
	return arr;
}

static json_t *facts_json(const struct candor_evidence *ev, bool *bad)
{
	json_t *arr = json_array();

	for (size_t i = 0; i < ev->nfacts; i++) {
		const struct candor_fact *f = &ev->facts[i];

		candor_json_push(arr, json_pack("{s:I,s:I,s:s,s:s,s:s,s:s,s:o}",
			"id", (json_int_t)f->id, "contact_id", (json_int_t)f->contact_id,
			"kind", candor_name_of(candor_fact_kinds, f->kind), "text", f->text,
			"source", f->source, "confidence", candor_name_of(candor_confidences, f->confidence),
			"at", candor_json_date(f->at)), bad);
	}
	return arr;
}

static json_t *small_json(int64_t id, int64_t contact, const char *kname, const char *kind,
			  const char *text, int64_t at)
{
	return json_pack("{s:I,s:I,s:s,s:s,s:o}", "id", (json_int_t)id, "contact_id",
			 (json_int_t)contact, kname, kind, "text", text, "at", candor_json_date(at));
}

json_t *candor_json_ledger(const struct candor_evidence *ev, int64_t at)
{
	json_t *commitments = json_array(), *values = json_array(), *fits = json_array();
	json_t *decisions = json_array(), *j;
	bool bad = false;

	for (size_t i = 0; i < ev->ncommitments; i++)
		candor_json_push(commitments, candor_json_commitment(&ev->commitments[i], at), &bad);
	for (size_t i = 0; i < ev->nvalues; i++)
		candor_json_push(values, small_json(ev->values[i].id, ev->values[i].contact_id,
			"direction", candor_name_of(candor_value_directions, ev->values[i].direction),
			ev->values[i].text, ev->values[i].at), &bad);
	for (size_t i = 0; i < ev->nfits; i++)
		candor_json_push(fits, small_json(ev->fits[i].id, ev->fits[i].contact_id,
			"verdict", candor_name_of(candor_fit_verdicts, ev->fits[i].verdict),
			ev->fits[i].text, ev->fits[i].at), &bad);
	for (size_t i = 0; i < ev->ndecisions; i++)
		candor_json_push(decisions, small_json(ev->decisions[i].id,
			ev->decisions[i].contact_id, "decision",
			candor_name_of(candor_decision_kinds, ev->decisions[i].kind),
			ev->decisions[i].note, ev->decisions[i].at), &bad);
	j = json_pack("{s:o,s:o,s:o,s:o,s:o,s:o,s:o}", "interactions", interactions_json(ev, &bad),
		      "commitments", commitments, "expectations", expectations_json(ev, &bad),
		      "facts", facts_json(ev, &bad), "values", values, "fits", fits,
		      "decisions", decisions);
	return candor_json_checked(j, bad);
}

static json_t *reason_json(const struct candor_reason *r)
{
	json_t *j = json_pack("{s:s}", "text", r->text);
	bool bad = false;

	if (*r->hint)
		candor_json_put(j, "hint", json_string(r->hint), &bad);
	if (r->ref_kind)
		candor_json_put(j, "evidence", json_pack("{s:s,s:I}", "kind", r->ref_kind,
							     "id", (json_int_t)r->ref_id), &bad);
	candor_json_put(j, "stall", json_boolean(r->flags & CANDOR_REASON_STALL), &bad);
	return candor_json_checked(j, bad);
}

static json_t *round3(double v)
{
	return json_real((double)(int64_t)(v * 1000.0 + 0.5) / 1000.0);
}

json_t *candor_json_assessment(const struct candor_assessment *a)
{
	json_t *gates = json_array(), *j;
	const struct candor_reason *head = candor_assessment_headline(a);
	char next[512];
	bool bad = false;

	for (int i = 0; i < CANDOR_GATES; i++) {
		json_t *reasons = json_array();

		for (size_t k = 0; k < a->gates[i].nreasons; k++)
			candor_json_push(reasons, reason_json(&a->gates[i].reasons[k]), &bad);
		candor_json_push(gates, json_pack("{s:s,s:b,s:o}", "stage",
			candor_name_of(candor_stages, a->gates[i].stage), "open", a->gates[i].open,
			"reasons", reasons), &bad);
	}
	j = json_pack("{s:o,s:s,s:s,s:b,s:o,s:{s:o,s:o,s:o,s:o},s:o,s:o}",
		      "at", candor_json_date(a->at), "model_version", a->model_version,
		      "stage", candor_name_of(candor_stages, a->stage), "stalled", a->stalled,
		      "trust", round3(a->trust), "components",
		      "credibility", round3(a->credibility), "reliability", round3(a->reliability),
		      "intimacy", round3(a->intimacy), "self_orientation", round3(a->self_orientation),
		      "uncertainty", round3(a->uncertainty), "gates", gates);
	candor_json_put(j, "headline", head ? json_string(head->text) : json_null(), &bad);
	candor_next_step(next, sizeof(next), a);
	candor_json_put(j, "next_step", json_string(next), &bad);
	candor_json_put(j, "profile", json_pack("{s:s,s:s,s:I,s:I,s:I,s:I}",
		"direction", candor_profile_direction_of(a), "style", candor_profile_style_of(a),
		"toward", (json_int_t)a->toward, "away", (json_int_t)a->away,
		"options", (json_int_t)a->options, "procedures", (json_int_t)a->procedures), &bad);
	candor_json_put(j, "decision", a->decision < 0 ? json_null() :
		json_pack("{s:s,s:o}", "kind", candor_name_of(candor_decision_kinds, a->decision),
			  "at", candor_json_date(a->decided_at)), &bad);
	candor_json_put(j, "evidence", json_pack(
		"{s:o,s:o,s:I,s:I,s:I,s:I,s:I,s:I,s:I,s:I,s:I,s:o}",
		"r", round3(a->r), "s", round3(a->s),
		"kept", (json_int_t)a->kept, "kept_late", (json_int_t)a->kept_late,
		"broken", (json_int_t)a->broken, "overdue", (json_int_t)a->overdue,
		"open", (json_int_t)a->open_commitments, "expectations_met", (json_int_t)a->met,
		"expectations_missed", (json_int_t)a->missed,
		"discovery_kinds_known", (json_int_t)__builtin_popcount(a->fact_kinds_known),
		"two_way_contacts", (json_int_t)a->two_way_contacts,
		"last_two_way_contact", candor_json_date(a->last_two_way)), &bad);
	candor_json_put(json_object_get(j, "evidence"), "seller_talk_share",
			a->seller_talk < 0 ? json_null() : round3(a->seller_talk), &bad);
	return candor_json_checked(j, bad);
}

#define TEXT_FLAGS (JSON_INDENT(2) | JSON_REAL_PRECISION(12))

char *candor_json_assessment_text(const struct candor_assessment *a)
{
	json_t *j = candor_json_assessment(a);
	char *text = j ? candor_json_text(j, TEXT_FLAGS) : NULL;

	json_decref(j);
	return text;
}

/* text[0..n) with pad written after each newline in it */
static int add_padded(struct candor_buf *out, const char *text, size_t n, const char *pad)
{
	size_t w = strlen(pad);
	int rc = 0;

	for (const char *p = text, *end = text + n, *nl; p < end && !rc; p = nl + 1) {
		if (!(nl = memchr(p, '\n', (size_t)(end - p))))
			return candor_buf_add(out, p, (size_t)(end - p));
		rc = candor_buf_add(out, p, (size_t)(nl + 1 - p)) || candor_buf_add(out, pad, w);
	}
	return rc;
}

/* v's text as a member's value: its lines after the first pad further right */
static int add_nested(struct candor_buf *out, json_t *v, const char *pad)
{
	char *text = v ? candor_json_text(v, TEXT_FLAGS | JSON_ENCODE_ANY) : NULL;
	int rc;

	json_decref(v);
	if (!text)
		return CANDOR_ERROR;
	rc = add_padded(out, text, strlen(text), pad);
	free(text);
	return rc;
}

int candor_json_buyer_text(struct candor_buf *out, const char *doc, const struct candor_contact *c,
			   const char *reason, const char *indent)
{
	size_t was = out->len, n = strlen(doc);
	char pad[64];
	int rc;

	/* doc ends "\n}": the object goes on after its last member */
	if (n < 2 || strcmp(doc + n - 2, "\n}") || strlen(indent) + 3 > sizeof(pad))
		return CANDOR_ERROR;
	snprintf(pad, sizeof(pad), "%s  ", indent);
	rc = candor_buf_adds(out, indent) || add_padded(out, doc, n - 2, indent) ||
	     candor_buf_addf(out, ",\n%s  \"contact\": ", indent) ||
	     add_nested(out, candor_json_contact(c), pad) ||
	     (reason && (candor_buf_addf(out, ",\n%s  \"reason\": ", indent) ||
			 add_nested(out, json_string(reason), pad))) ||
	     candor_buf_addf(out, "\n%s}", indent) || candor_buf_error(out);
	if (rc) {
		candor_buf_truncate(out, was);
		return CANDOR_ERROR;
	}
	return 0;
}

int candor_json_buyers_begin(struct candor_buf *out, int64_t at)
{
	json_t *j = candor_json_date(at);
	char *at_text = candor_json_text(j, JSON_ENCODE_ANY);
	int rc;

	json_decref(j);
	rc = !at_text || candor_buf_addf(out, "{\n  \"at\": %s,\n  \"model_version\": \"%s\",\n"
					 "  \"buyers\": [", at_text, CANDOR_MODEL_VERSION);
	free(at_text);
	return rc || candor_buf_error(out) ? CANDOR_ERROR : 0;
}

int candor_json_buyers_add(struct candor_buf *out, size_t i, const char *doc,
			   const struct candor_contact *c, const char *reason)
{
	return candor_buf_adds(out, i ? ",\n" : "\n") ||
	       candor_json_buyer_text(out, doc, c, reason, "    ") ? CANDOR_ERROR : 0;
}

int candor_json_buyers_end(struct candor_buf *out, size_t n, bool paged, const char *next)
{
	bool has_next = paged && next && *next;   /* else "next": null */
	json_t *j = has_next ? json_string(next) : NULL;
	char *next_text = j ? candor_json_text(j, JSON_ENCODE_ANY) : NULL;
	int rc;

	json_decref(j);
	if (has_next && !next_text)
		return CANDOR_ERROR;
	rc = candor_buf_adds(out, n ? "\n  ]" : "]") ||
	     (paged && candor_buf_addf(out, ",\n  \"next\": %s", next_text ? next_text : "null")) ||
	     candor_buf_adds(out, "\n}\n") || candor_buf_error(out);
	free(next_text);
	return rc ? CANDOR_ERROR : 0;
}

json_t *candor_json_export(const struct candor_account_list *accts,
			  const struct candor_contact_list *l,
			  const struct candor_evidence_set *set, int64_t at)
{
	json_t *arr = json_array();
	bool bad = false;

	for (size_t i = 0; i < accts->n; i++) {
		const struct candor_account *a = &accts->v[i];
		json_t *people = json_array();

		for (size_t k = 0; k < l->n; k++) {
			struct candor_evidence ev;
			struct candor_assessment as;
			json_t *cj;

			if (l->v[k].account_id != a->id)
				continue;
			candor_evidence_view(&ev, set, l->v[k].id);
			candor_model_assess(&as, &ev, at, NULL);
			cj = candor_json_contact(&l->v[k]);
			candor_json_put(cj, "ledger", candor_json_ledger(&ev, at), &bad);
			candor_json_put(cj, "assessment", candor_json_assessment(&as), &bad);
			candor_json_push(people, cj, &bad);
		}
		candor_json_push(arr, json_pack("{s:I,s:s,s:s,s:s,s:o,s:o}", "id",
			(json_int_t)a->id, "name", a->name, "owner", a->owner, "note", a->note,
			"created", candor_json_date(a->created), "contacts", people), &bad);
	}
	return candor_json_checked(json_pack("{s:s,s:i,s:o,s:o}", "model_version",
			 CANDOR_MODEL_VERSION, "schema_version", CANDOR_SCHEMA_VERSION,
			 "exported_at", candor_json_date(at), "accounts", arr), bad);
}

json_t *candor_json_correction(const struct candor_correction *c)
{
	return json_pack("{s:I,s:I,s:I,s:s,s:s,s:s,s:s,s:s,s:o}", "id", (json_int_t)c->id,
			 "interaction", (json_int_t)c->interaction_id, "utterance",
			 (json_int_t)c->utterance, "category", c->category, "verdict",
			 candor_name_of(candor_verdicts, c->verdict), "side",
			 candor_side_name(c->side), "text", c->text, "by", c->by,
			 "at", candor_json_date(c->at));
}

json_t *candor_json_corrections(const struct candor_correction *c, size_t n)
{
	json_t *a = json_array();

	for (size_t i = 0; a && i < n; i++)
		if (json_array_append_new(a, candor_json_correction(&c[i]))) {
			json_decref(a);
			a = NULL;
		}
	return a;
}

json_t *candor_json_analysers(const struct candor_evidence_set *set, int64_t at)
{
	const char *name[16];
	json_int_t calls[16];
	size_t n = 0;
	json_t *a = json_array();
	bool bad = false;

	for (size_t i = 0; i < set->ninteractions; i++) {
		const struct candor_interaction *it = &set->interactions[i];
		size_t k;

		if (it->at > at || !it->analyser || !*it->analyser)
			continue;
		for (k = 0; k < n && strcmp(name[k], it->analyser); k++)
			;
		if (k == n && n < CANDOR_ARRAY_SIZE(name))
			name[n] = it->analyser, calls[n++] = 0;
		if (k < n)
			calls[k]++;
	}
	for (size_t done = 0; a && done < n; done++) {
		size_t best = 0;

		for (size_t k = 1; k < n; k++)
			if (calls[k] > calls[best])
				best = k;
		candor_json_push(a, json_pack("{s:s,s:I}", "analyser", name[best], "calls",
					      calls[best]), &bad);
		calls[best] = -1;
	}
	return candor_json_checked(a, bad);
}
