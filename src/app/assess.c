/*
 * app/assess.c: one buyer's assessment and the pipeline (assess.h).  The
 * store's evidence is read once, ordered by contact, and each contact's
 * slice is assessed: one pass, no query per buyer.
 */
#include "util/common.h"
#include <strings.h>
#include "app/assess.h"

int candor_app_contact_assess(struct candor_app *app, const struct candor_contact *c, int64_t at,
			      struct candor_evidence_set *set, struct candor_evidence *ev,
			      struct candor_assessment *out)
{
	struct candor_scope sc = { c->account_id, c->id };
	struct candor_evidence view;
	int rc = candor_store_evidence(app->store, &sc, set);

	if (rc)
		return rc;
	candor_evidence_view(&view, set, c->id);
	candor_model_assess(out, &view, at, NULL);
	if (ev)
		*ev = view;
	return 0;
}

int candor_app_account_assess(struct candor_app *app, const struct candor_account *a, int64_t at,
			      struct candor_app_account_view *out)
{
	struct candor_scope sc = { a->id, 0 };
	struct candor_evidence ev;
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = candor_store_evidence(app->store, &sc, &out->set)) ||
	    (rc = candor_store_contact_list(app->store, a->id, &out->contacts)))
		return rc;
	if (!(out->each = calloc(out->contacts.n + 1, sizeof(*out->each))))
		return candor_error_set(app->err, CANDOR_ERROR, NULL, "out of memory");
	candor_evidence_view(&ev, &out->set, 0);
	candor_model_assess(&out->whole, &ev, at, NULL);
	for (size_t i = 0; i < out->contacts.n; i++) {
		candor_evidence_view(&ev, &out->set, out->contacts.v[i].id);
		candor_model_assess(&out->each[i], &ev, at, NULL);
	}
	return 0;
}

void candor_app_account_view_release(struct candor_app_account_view *v)
{
	free(v->each);
	candor_contact_list_release(&v->contacts);
	candor_evidence_set_release(&v->set);
	memset(v, 0, sizeof(*v));
}

static int buyer_cmp(const void *x, const void *y)
{
	const struct candor_app_buyer *a = x, *b = y;
	int order = candor_assessment_order(&a->a, &b->a);

	return order ? order : a->c->id < b->c->id ? -1 : a->c->id > b->c->id;
}

static const char *owner_of(const struct candor_app_pipeline *p, int64_t account_id)
{
	for (size_t i = 0; i < p->accounts.n; i++)
		if (p->accounts.v[i].id == account_id)
			return p->accounts.v[i].owner;
	return NULL;
}

static bool passes(const struct candor_app_pipeline_filter *f, const struct candor_contact *c,
		   const char *owner)
{
	return owner && (!f->account_id || c->account_id == f->account_id) &&
	       (!f->seller || !*f->seller || !strcasecmp(owner, f->seller)) &&
	       (!f->visible || f->visible(owner, f->data));
}

int candor_app_pipeline_load(struct candor_app *app, const struct candor_app_pipeline_filter *f,
			     int64_t at, struct candor_app_pipeline *out)
{
	static const struct candor_app_pipeline_filter any = { 0 };
	struct candor_scope sc = { f ? f->account_id : 0, 0 };
	int rc;

	memset(out, 0, sizeof(*out));
	f = f ? f : &any;
	if ((rc = candor_store_account_list(app->store, &out->accounts)) ||
	    (rc = candor_store_contact_list(app->store, f->account_id, &out->contacts)) ||
	    (rc = candor_store_evidence(app->store, &sc, &out->set)))
		return rc;
	if (!(out->v = calloc(out->contacts.n + 1, sizeof(*out->v))))
		return candor_error_set(app->err, CANDOR_ERROR, NULL, "out of memory");
	for (size_t i = 0; i < out->contacts.n; i++) {
		const struct candor_contact *c = &out->contacts.v[i];
		const char *owner = owner_of(out, c->account_id);
		struct candor_evidence ev;

		if (!passes(f, c, owner))
			continue;
		out->v[out->n].c = c;
		out->v[out->n].owner = owner;
		candor_evidence_view(&ev, &out->set, c->id);
		candor_model_assess(&out->v[out->n++].a, &ev, at, NULL);
	}
	qsort(out->v, out->n, sizeof(*out->v), buyer_cmp);
	return 0;
}

/* More stale buyers than this are refreshed from one load of all evidence. */
#define ONE_LOAD 64
/* candor_app_pipeline_each reads the pipeline this many buyers at a time. */
#define EACH_CHUNK 500

static void head_keep(struct candor_assessment_row *row, const struct candor_reason *r);

/* Assess contact (account, id) from its slice of set; fill its kept row. */
static void assess_row(const struct candor_evidence_set *set, int64_t id, int64_t at,
		       struct candor_assessment *a, struct candor_assessment_row *row)
{
	struct candor_evidence ev;

	candor_evidence_view(&ev, set, id);
	candor_model_assess(a, &ev, at, NULL);
	row->contact_id = id;
	row->model = CANDOR_MODEL_VERSION;
	row->at = at;
	row->valid_until = candor_model_valid_until(&ev, at, NULL);
	row->stage = a->stage;
	row->stalled = a->stalled;
	row->trust = a->trust;
	head_keep(row, candor_assessment_headline(a));
}

/* The record kinds a reason may point at, as the model names them. */
static const char *const ref_kinds[] = {
	"commitment", "fact", "interaction", "signal", "expectation", "fit", "decision",
};

static void head_keep(struct candor_assessment_row *row, const struct candor_reason *r)
{
	snprintf(row->headline, sizeof(row->headline), "%s", r ? r->text : "");
	snprintf(row->headline_kind, sizeof(row->headline_kind), "%s", r && r->ref_kind ? r->ref_kind : "");
	row->headline_ref = r ? r->ref_id : 0;
	row->headline_flags = r ? r->flags : 0;
}

/* The kept answer as an assessment: its numbers and its headline as the one reason. */
static void from_row(struct candor_assessment *a, const struct candor_assessment_row *row)
{
	struct candor_gate *g = &a->gates[0];

	a->at = row->at;
	a->model_version = CANDOR_MODEL_VERSION;
	a->stage = row->stage;
	a->stalled = row->stalled;
	a->trust = row->trust;
	a->decision = -1;
	if (!row->headline[0])
		return;
	g->nreasons = 1;
	snprintf(g->reasons[0].text, sizeof(g->reasons[0].text), "%s", row->headline);
	g->reasons[0].ref_id = row->headline_ref;
	g->reasons[0].flags = row->headline_flags;
	for (size_t i = 0; i < CANDOR_ARRAY_SIZE(ref_kinds); i++)
		if (!strcmp(row->headline_kind, ref_kinds[i]))
			g->reasons[0].ref_kind = ref_kinds[i];
}

/* Compute again and keep every stale answer (store.h, "kept answers"). */
static int refresh(struct candor_app *app, int64_t at)
{
	struct candor_stale *st = NULL;
	struct candor_evidence_set set = { 0 };
	struct candor_assessment *a = NULL;
	size_t n = 0;
	int rc;

	if ((rc = candor_store_assessments_stale(app->store, CANDOR_MODEL_VERSION, at, &st, &n)) || !n)
		goto cleanup;
	if (!(a = malloc(sizeof(*a)))) {
		rc = candor_error_set(app->err, CANDOR_ERROR, NULL, "out of memory");
		goto cleanup;
	}
	if (n > ONE_LOAD && (rc = candor_store_evidence(app->store, &(struct candor_scope){ 0, 0 }, &set)))
		goto cleanup;
	for (size_t i = 0; i < n && !rc; i++) {
		struct candor_assessment_row row = { .account_id = st[i].account_id,
						     .evidence = st[i].evidence };
		struct candor_scope sc = { st[i].account_id, st[i].contact_id };

		if (n <= ONE_LOAD && (rc = candor_store_evidence(app->store, &sc, &set)))
			break;
		assess_row(&set, st[i].contact_id, at, a, &row);
		rc = candor_store_assessment_put(app->store, &row);
		if (n <= ONE_LOAD)
			candor_evidence_set_release(&set);
	}
cleanup:
	candor_evidence_set_release(&set);
	free(a);
	free(st);
	return rc;
}

/*
 * Assess the page's buyers from their evidence, as of at; with kept set,
 * take stage, stalled, trust and the headline reason from their rows.
 */
static int assess_page(struct candor_app *app, struct candor_app_pipeline_page *p, int64_t at,
		       int64_t account_id, const struct candor_assessment_row *rows, bool kept,
		       bool all)
{
	struct candor_evidence_set set = { 0 };
	struct candor_assessment_row row;
	bool one = !kept && all && p->contacts.n > ONE_LOAD;
	int rc = 0;

	if (!(p->v = calloc(p->contacts.n + 1, sizeof(*p->v))))
		return candor_error_set(app->err, CANDOR_ERROR, NULL, "out of memory");
	if (one && (rc = candor_store_evidence(app->store, &(struct candor_scope){ account_id, 0 }, &set)))
		return rc;
	for (size_t i = 0; i < p->contacts.n && !rc; i++) {
		const struct candor_contact *c = &p->contacts.v[i];
		struct candor_scope sc = { c->account_id, c->id };
		struct candor_assessment *a = &p->v[p->n].a;

		p->v[p->n++].c = c;
		if (kept) {
			from_row(a, &rows[i]);
			continue;
		}
		if (!one && (rc = candor_store_evidence(app->store, &sc, &set)))
			break;
		assess_row(&set, c->id, at, a, &row);
		if (!one)
			candor_evidence_set_release(&set);
	}
	candor_evidence_set_release(&set);
	return rc;
}

static bool has_text(const char *s, const char *sub)
{
	return sub && *sub ? s && strcasestr(s, sub) != NULL : true;
}

/* As of another moment: all assessed in C (candor_app_pipeline_load), then cut. */
static int page_asof(struct candor_app *app, const struct candor_app_pipeline_query *q,
		     struct candor_app_pipeline_page *out)
{
	struct candor_app_pipeline_filter f = { .account_id = q->account_id, .seller = q->seller };
	struct candor_cursor cur;
	int rc;

	if ((rc = candor_cursor_decode(app->store, q->after, 'P', 3, &cur)) ||
	    (rc = candor_app_pipeline_load(app, &f, q->at, &out->all)))
		return rc;
	if (!(out->v = calloc(out->all.n + 1, sizeof(*out->v))))
		return candor_error_set(app->err, CANDOR_ERROR, NULL, "out of memory");
	for (size_t i = 0; i < out->all.n; i++) {
		const struct candor_app_buyer *b = &out->all.v[i];
		double key[3] = { b->a.stage, b->a.stalled ? 0 : 1, -b->a.trust };

		if (q->only_owner && strcasecmp(b->owner, q->only_owner))
			continue;
		if (!has_text(b->c->name, q->search) && !has_text(b->c->email, q->search))
			continue;
		if (cur.id && (key[0] < cur.num[0] || (key[0] == cur.num[0] && (key[1] < cur.num[1] ||
		    (key[1] == cur.num[1] && (key[2] < cur.num[2] || (key[2] == cur.num[2] &&
		    b->c->id <= cur.id)))))))
			continue;
		if (q->limit && out->n == q->limit) {
			const struct candor_app_buyer *last = &out->v[out->n - 1];
			double lk[3] = { last->a.stage, last->a.stalled ? 0 : 1, -last->a.trust };

			candor_cursor_encode(out->next, 'P', lk, 3, last->c->id);
			break;
		}
		out->v[out->n++] = *b;
	}
	return 0;
}

int candor_app_pipeline_page(struct candor_app *app, const struct candor_app_pipeline_query *q,
			     struct candor_app_pipeline_page *out)
{
	struct candor_list_query lq = { .owner = q->seller, .account_id = q->account_id,
					.search = q->search, .limit = q->limit, .after = q->after,
					.in_stage = q->in_stage };
	struct candor_assessment_row *rows = NULL;
	int rc;

	memset(out, 0, sizeof(*out));
	if (q->asof)
		return page_asof(app, q, out);
	if (q->only_owner && (!*q->only_owner ||
			      (q->seller && *q->seller && strcasecmp(q->seller, q->only_owner))))
		return 0;   /* a seller asking for another's accounts sees none */
	if (q->only_owner)
		lq.owner = q->only_owner;
	if ((rc = refresh(app, q->at)) ||
	    (rc = candor_store_pipeline_page(app->store, &lq, &out->contacts, &rows, out->next)))
		goto cleanup;
	rc = assess_page(app, out, q->at, q->account_id, rows, q->kept, q->limit == 0);
cleanup:
	free(rows);
	return rc;
}

int candor_app_pipeline_each(struct candor_app *app, const struct candor_app_pipeline_query *q,
			     int (*fn)(void *data, const struct candor_app_buyer *b), void *data)
{
	struct candor_app_pipeline_query chunk = *q;
	char after[CANDOR_CURSOR_MAX];
	int rc = 0;

	snprintf(after, sizeof(after), "%s", q->after ? q->after : "");
	chunk.limit = EACH_CHUNK;
	chunk.asof = false;
	do {
		struct candor_app_pipeline_page p;

		chunk.after = after;
		rc = candor_app_pipeline_page(app, &chunk, &p);
		for (size_t i = 0; !rc && i < p.n; i++)
			rc = fn(data, &p.v[i]);
		snprintf(after, sizeof(after), "%s", p.next);
		candor_app_pipeline_page_release(&p);
	} while (!rc && after[0]);
	return rc;
}

int candor_app_pipeline_counts(struct candor_app *app, const struct candor_app_pipeline_query *q,
			       int64_t counts[CANDOR_STAGE_DECIDED + 1])
{
	struct candor_list_query lq = { .owner = q->only_owner ? q->only_owner : q->seller,
					.account_id = q->account_id, .search = q->search };
	int rc;

	memset(counts, 0, sizeof(int64_t) * (CANDOR_STAGE_DECIDED + 1));
	if (q->only_owner && (!*q->only_owner ||
			      (q->seller && *q->seller && strcasecmp(q->seller, q->only_owner))))
		return 0;
	return (rc = refresh(app, q->at)) ? rc : candor_store_pipeline_counts(app->store, &lq, counts);
}

void candor_app_pipeline_page_release(struct candor_app_pipeline_page *p)
{
	free(p->v);
	candor_contact_list_release(&p->contacts);
	candor_app_pipeline_release(&p->all);
	memset(p, 0, sizeof(*p));
}

void candor_app_pipeline_release(struct candor_app_pipeline *p)
{
	free(p->v);
	candor_evidence_set_release(&p->set);
	candor_contact_list_release(&p->contacts);
	candor_account_list_release(&p->accounts);
	memset(p, 0, sizeof(*p));
}
