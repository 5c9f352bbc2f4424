/*
 * app/import.c: a call analysed and stored as an interaction (import.h).
 */
#include "util/common.h"
#include "app/import.h"
#include "util/buf.h"
#include "app/teach.h"
#include "app/access.h"
#include "store/audit.h"
#include "app/audit.h"
#include "util/date.h"
#include <jansson.h>
#include "util/json-text.h"

static bool sentence_end(const char *text, size_t i)
{
	return strchr(".?!", text[i]) && (text[i + 1] == ' ' || text[i + 1] == '\0');
}

void candor_sentence_around(struct candor_buf *out, const char *text, size_t start, size_t end)
{
	size_t len = strlen(text), b = start < len ? start : len, e = end < len ? end : len;

	/* back to just after the previous sentence's ". " (or the start) */
	while (b > 0 && !(b >= 2 && sentence_end(text, b - 2)))
		b--;
	/* on to the end of this sentence's punctuation (or the end) */
	while (e < len && !(e > 0 && sentence_end(text, e - 1)))
		e++;
	candor_buf_add(out, text + b, e - b);
	candor_buf_rtrim(out);
}

static int store_proposals(struct candor_store *s, const struct candor_interaction *it,
			   const struct candor_analysis *a)
{
	int rc = 0;

	for (size_t i = 0; i < a->ncommitments && !rc; i++) {
		const struct candor_proposal *p = &a->commitments[i];
		struct candor_proposal_row row = {
			.account_id = it->account_id, .contact_id = it->contact_id,
			.interaction_id = it->id, .kind = CANDOR_PROPOSAL_COMMITMENT,
			.side = p->side, .fact_kind = -1, .text = p->text, .due = p->due,
			.utterance = (int64_t)p->utterance,
		};

		rc = candor_store_proposal_add(s, &row);
	}
	for (size_t i = 0; i < a->nfacts && !rc; i++) {
		const struct candor_fact_proposal *f = &a->facts[i];
		struct candor_proposal_row row = {
			.account_id = it->account_id, .contact_id = it->contact_id,
			.interaction_id = it->id, .kind = CANDOR_PROPOSAL_FACT,
			.side = CANDOR_SIDE_BUYER,
			.fact_kind = candor_name_lookup(candor_fact_kinds, f->kind),
			.text = f->text, .utterance = (int64_t)f->utterance,
		};

		rc = candor_store_proposal_add(s, &row);
	}
	return rc;
}

int candor_app_call_kind(const struct candor_app_call *c)
{
	if (c->kind != CANDOR_APP_KIND_FROM_FILE)
		return c->kind;
	return c->t->chat ? CANDOR_INTERACTION_CHAT : CANDOR_INTERACTION_CALL;
}

static int check_call(struct candor_app *app, const struct candor_app_call *c)
{
	int rc;

	if ((rc = candor_app_check_enum(app, "kind", candor_interaction_kinds,
					candor_app_call_kind(c), "call, meeting or chat")) ||
	    (rc = candor_app_check_past(app, "at", c->at)) ||
	    (rc = candor_app_check_optional(app, "seller", c->seller)) ||
	    (rc = candor_app_check_text(app, "file", c->source)))
		return rc;
	return 0;
}

/* The error of a file imported before, as the first interaction from it the
 * asker may see; 0 when there is none. */
static int imported_before(struct candor_app *app, const struct candor_app_call *c, int64_t *out)
{
	int64_t *ids = NULL;
	size_t n = 0;
	int rc;

	if (c->again || !c->t->sha256[0])
		return 0;
	rc = candor_store_record_ids_text(app->store, "interactions", "content_sha256", c->t->sha256,
					  &ids, &n);
	for (size_t i = 0; !rc && i < n; i++) {
		struct candor_scope sc;
		struct candor_contact who = { 0 };
		char ref[32], day[CANDOR_DATE_MAX], *json = NULL;
		json_t *row = NULL;

		if (app->who && candor_app_record_see(app, app->who, CANDOR_RECORD_INTERACTION, ids[i],
						      &sc, NULL))
			continue;
		snprintf(ref, sizeof(ref), "%" PRId64, ids[i]);
		if (!(rc = candor_store_record_get(app->store, "interactions", ids[i], &json)) &&
		    (row = candor_json_read(json))) {
			snprintf(ref, sizeof(ref), "%" PRId64,
				 (int64_t)json_integer_value(json_object_get(row, "contact_id")));
			candor_date_format(day, sizeof(day),
					   json_integer_value(json_object_get(row, "at")));
			day[strcspn(day, "T")] = '\0';   /* the day is enough to find it */
			if (!(rc = candor_store_contact_find(app->store, ref, &who)))
				rc = candor_error_set(app->err, CANDOR_ECONFLICT, "file",
						      "'%s' was already imported as interaction %" PRId64
						      " (%s, %s): to import it again anyway, say so "
						      "(--again)", c->source, ids[i], who.name, day);
			if (rc == CANDOR_ECONFLICT)
				*out = ids[i];
		}
		candor_contact_release(&who);
		json_decref(row);
		free(json);
		if (!rc)
			rc = candor_error_set(app->err, CANDOR_ERROR, NULL, "out of memory");
	}
	free(ids);
	return rc;
}

int candor_app_call_store(struct candor_app *app, const struct candor_app_call *c, int64_t *out)
{
	struct candor_store *s = app->store;
	struct candor_interaction it = {
		.account_id = c->contact->account_id, .contact_id = c->contact->id,
		.kind = candor_app_call_kind(c), .at = c->at, .seller = (char *)(c->seller ? c->seller : ""),
		.source = (char *)c->source, .seller_share = c->a->metrics.seller.word_share,
		.analyser = (char *)(c->a->analyser ? c->a->analyser : ""),
		.sha256 = c->t->sha256,
	};
	struct candor_buf text = CANDOR_BUF_INIT;
	json_t *metrics = candor_metrics_to_json(&c->a->metrics);
	int rc;

	/* an import, whichever door it came through: 'candor undo import BATCH' */
	if ((rc = check_call(app, c)) || (rc = imported_before(app, c, out)) ||
	    (rc = candor_audit_kind(s, "import")))
		goto cleanup;
	candor_app_batch_say(app, "import %s with %s", c->source, c->contact->name);
	if (c->t->chat)
		candor_buf_addf(&text, "chat %s: %zu messages", c->source, c->t->nutts);
	else
		candor_buf_addf(&text, "transcript %s: %zu utterances", c->source, c->t->nutts);
	it.text = text.ptr;
	it.metrics = metrics ? candor_json_text(metrics, JSON_COMPACT) : NULL;
	if (!it.metrics || candor_buf_error(&text)) {
		rc = candor_error_set(app->err, CANDOR_ERROR, NULL, "out of memory");
		goto cleanup;
	}
	if (!(rc = candor_store_interaction_add(s, &it)) &&
	    !(rc = candor_store_utterances_add(s, it.account_id, it.id, c->t->utts, c->t->nutts)) &&
	    !(rc = candor_app_signals_store(app, &it, c->t->utts, c->t->nutts, c->a, NULL, 0,
					    NULL)))
		rc = store_proposals(s, &it, c->a);
	if (!rc)
		*out = it.id;
cleanup:
	free(it.metrics);
	json_decref(metrics);
	candor_buf_release(&text);
	return rc;
}

int candor_app_call_import(struct candor_app *app, const struct candor_app_call *c,
			   struct candor_analyzer *az, int64_t *out)
{
	struct candor_analysis a = CANDOR_ANALYSIS_INIT;
	struct candor_app_call call = *c;
	int rc;

	if ((rc = check_call(app, c)) || (rc = imported_before(app, c, out)) ||
	    (rc = candor_analyzer_run(az, &a, c->t->utts, c->t->nutts, c->at, app->err)))
		goto cleanup;
	call.a = &a;
	rc = candor_app_call_store(app, &call, out);
cleanup:
	candor_analysis_release(&a);
	return rc;
}
