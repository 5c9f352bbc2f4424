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

void candor_app_pipeline_release(struct candor_app_pipeline *p)
{
	free(p->v);
	candor_evidence_set_release(&p->set);
	candor_contact_list_release(&p->contacts);
	candor_account_list_release(&p->accounts);
	memset(p, 0, sizeof(*p));
}
