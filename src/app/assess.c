/*
 * app/assess.c: one buyer's assessment and the pipeline (assess.h).  The
 * store's evidence is read once, ordered by contact, and each contact's
 * slice is assessed: one pass, no query per buyer.
 */
#include "util/common.h"
#include <strings.h>
#include "app/assess.h"
#include "app/json.h"
#include "util/buf.h"
#include "util/date.h"
#include "util/fold.h"
#include "util/utf8.h"

/* The kept rows' version: the model's, and what a kept row holds (the
 * card's reason since "r1", the whole answer since "r2"), so rows kept by
 * an older build are made again. */
#define KEPT_VERSION CANDOR_MODEL_VERSION "+r2"

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

int candor_app_contact_whole(struct candor_app *app, const struct candor_contact *c, int64_t at,
			     bool asof, char **out)
{
	struct candor_evidence_set set = { 0 };
	struct candor_assessment *a;
	int rc;

	*out = NULL;
	if (!asof && ((rc = candor_store_assessment_doc(app->store, c->account_id, c->id,
							 KEPT_VERSION, at, out)) || *out))
		return rc;
	if (!(a = malloc(sizeof(*a))))
		return candor_error_set(app->err, CANDOR_ERROR, NULL, "out of memory");
	if (!(rc = candor_app_contact_assess(app, c, at, &set, NULL, a)) &&
	    !(*out = candor_json_assessment_text(a)))
		rc = candor_error_set(app->err, CANDOR_ERROR, NULL, "cannot write the answer of buyer "
				      "#%lld as JSON (out of memory, or text that is not UTF-8)",
				      (long long)c->id);
	candor_evidence_set_release(&set);
	free(a);
	return rc;
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
	       candor_app_seller_matches(owner, f->seller) &&
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
		candor_model_assess(&out->v[out->n].a, &ev, at, NULL);
		candor_app_buyer_reason(out->v[out->n].reason, sizeof(out->v[out->n].reason),
					&out->v[out->n].a, &ev);
		out->n++;
	}
	qsort(out->v, out->n, sizeof(*out->v), buyer_cmp);
	return 0;
}

/* More stale buyers than this are refreshed from one load of each
 * account's evidence, not one per buyer. */
#define ONE_LOAD 64
/* candor_app_pipeline_each reads the pipeline this many buyers at a time. */
#define EACH_CHUNK 500

static void head_keep(struct candor_assessment_row *row, const struct candor_reason *r);

/*
 * Assess contact (account, id) from its slice of set; fill its kept row,
 * whose headline is the card's reason (candor_app_buyer_reason), and
 * reason (when not NULL) with the same.
 */
static void assess_row(const struct candor_evidence_set *set, int64_t id, int64_t at,
		       struct candor_assessment *a, struct candor_assessment_row *row,
		       char *reason, size_t reason_size)
{
	struct candor_evidence ev;

	candor_evidence_view(&ev, set, id);
	candor_model_assess(a, &ev, at, NULL);
	row->contact_id = id;
	row->model = KEPT_VERSION;
	row->at = at;
	row->valid_until = candor_model_valid_until(&ev, at, NULL);
	row->stage = a->stage;
	row->stalled = a->stalled;
	row->trust = a->trust;
	head_keep(row, candor_assessment_headline(a));
	candor_app_buyer_reason(row->headline, sizeof(row->headline), a, &ev);
	if (reason)
		snprintf(reason, reason_size, "%s", row->headline);
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

static int stale_cmp(const void *x, const void *y)
{
	const struct candor_stale *a = x, *b = y;

	if (a->account_id != b->account_id)
		return a->account_id < b->account_id ? -1 : 1;
	return (a->contact_id > b->contact_id) - (a->contact_id < b->contact_id);
}

/*
 * Compute again and keep every stale answer (store.h, "kept answers").
 * Many stale buyers (a new model, a day gone by) are taken account by
 * account, each account's evidence loaded once and let go: the memory
 * is one account's, not the whole store's (883 MB at 100,000 buyers and
 * 10,000,000 utterances when it was all loaded at once).
 */
static int refresh(struct candor_app *app, int64_t at)
{
	struct candor_stale *st = NULL;
	struct candor_evidence_set set = { 0 };
	struct candor_assessment *a = NULL;
	char *doc = NULL;
	size_t n = 0;
	int rc;

	/* already done for this moment, and nothing written since through this
	 * store (another writer's changes wait for the next request anyway: the
	 * page reads one snapshot) */
	if (app->fresh && app->fresh_at == at && app->fresh_touches == app->store->touches)
		return 0;
	if ((rc = candor_store_assessments_stale(app->store, KEPT_VERSION, at, &st, &n)) || !n)
		goto cleanup;
	if (!(a = malloc(sizeof(*a)))) {
		rc = candor_error_set(app->err, CANDOR_ERROR, NULL, "out of memory");
		goto cleanup;
	}
	if (n > ONE_LOAD)
		qsort(st, n, sizeof(*st), stale_cmp);
	for (size_t i = 0; i < n && !rc; i++) {
		struct candor_assessment_row row = { .account_id = st[i].account_id,
						     .evidence = st[i].evidence };
		struct candor_scope sc = { st[i].account_id, n > ONE_LOAD ? 0 : st[i].contact_id };

		if ((n <= ONE_LOAD || !i || st[i - 1].account_id != st[i].account_id) &&
		    (rc = candor_store_evidence(app->store, &sc, &set)))
			break;
		assess_row(&set, st[i].contact_id, at, a, &row, NULL, 0);
		/* without its text (out of memory) the row keeps none: the
		 * whole answer is then made from the evidence when asked for */
		row.doc = doc = candor_json_assessment_text(a);
		rc = candor_store_assessment_put(app->store, &row);
		free(doc);
		doc = NULL;
		if (n <= ONE_LOAD || i + 1 == n || st[i + 1].account_id != st[i].account_id)
			candor_evidence_set_release(&set);
	}
cleanup:
	if (!rc) {
		app->fresh = true;
		app->fresh_at = at;
		app->fresh_touches = app->store->touches;
	}
	candor_evidence_set_release(&set);
	free(a);
	free(st);
	return rc;
}

/*
 * Assess the page's buyers from their evidence, as of at; with kept set,
 * take stage, stalled, trust and the headline reason from their rows.
 */
/*
 * Buyer b of contact c, the page's row i (rows may be NULL): its kept
 * answer (kept, or whole[i] when there is one), else assessed from the
 * evidence, set's when one (loaded for the whole page), else its own.
 */
static int page_buyer(struct candor_app *app, struct candor_evidence_set *set, bool one,
		      const struct candor_contact *c, const struct candor_assessment_row *rows,
		      size_t i, bool kept, char **whole, int64_t at, struct candor_app_buyer *b)
{
	struct candor_scope sc = { c->account_id, c->id };
	struct candor_assessment_row row;
	int rc;

	b->c = c;
	if (rows) {
		b->last_contact = rows[i].last_contact;
		b->due = rows[i].due;
	}
	if (kept || (whole && whole[i])) {
		from_row(&b->a, &rows[i]);
		snprintf(b->reason, sizeof(b->reason), "%s", rows[i].headline);
		b->whole = whole ? whole[i] : NULL;
		return 0;
	}
	if (!one && (rc = candor_store_evidence(app->store, &sc, set)))
		return rc;
	assess_row(set, c->id, at, &b->a, &row, b->reason, sizeof(b->reason));
	if (!one)
		candor_evidence_set_release(set);
	if (whole && !(b->whole = whole[i] = candor_json_assessment_text(&b->a)))
		return candor_error_set(app->err, CANDOR_ERROR, NULL, "cannot write the answer of "
					"buyer #%lld as JSON (out of memory, or text that is not UTF-8)",
					(long long)c->id);
	return 0;
}

static int assess_page(struct candor_app *app, struct candor_app_pipeline_page *p, int64_t at,
		       int64_t account_id, const struct candor_assessment_row *rows, bool kept,
		       bool all, char **whole)
{
	struct candor_evidence_set set = { 0 };
	bool one = !kept && all && p->contacts.n > ONE_LOAD;
	int rc = 0;

	if (!(p->v = calloc(p->contacts.n + 1, sizeof(*p->v))))
		return candor_error_set(app->err, CANDOR_ERROR, NULL, "out of memory");
	if (one && (rc = candor_store_evidence(app->store, &(struct candor_scope){ account_id, 0 }, &set)))
		return rc;
	for (size_t i = 0; i < p->contacts.n && !rc; i++)
		rc = page_buyer(app, &set, one, &p->contacts.v[i], rows, i, kept, whole, at,
				&p->v[p->n++]);
	candor_evidence_set_release(&set);
	return rc;
}

/* Whether folded sub is a part of s folded (util/fold.h). */
static bool has_folded(const char *s, const char *sub)
{
	struct candor_buf b = CANDOR_BUF_INIT;
	bool yes;

	if (!s)
		return false;
	candor_fold(&b, s, strlen(s));
	yes = strstr(b.ptr, sub) != NULL;
	candor_buf_release(&b);
	return yes;
}

static bool search_matches(const struct candor_app_buyer *b, const char *search)
{
	struct candor_buf f = CANDOR_BUF_INIT;
	bool yes;

	if (!search || !*search)
		return true;
	candor_fold(&f, search, strlen(search));
	yes = has_folded(b->c->name, f.ptr) || has_folded(b->c->email, f.ptr) ||
	      has_folded(b->c->account_name, f.ptr);
	candor_buf_release(&f);
	return yes;
}

/* Each comma-separated part of list, trimmed, in turn: fn(part, len, data) until it says stop. */
static bool each_part(const char *list, bool (*fn)(const char *part, size_t len, void *data),
		      void *data)
{
	for (const char *p = list; p && *p;) {
		const char *end = strchr(p, ',');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		const char *q = p;

		while (len && (*q == ' ' || *q == '\t'))
			q++, len--;
		while (len && (q[len - 1] == ' ' || q[len - 1] == '\t'))
			len--;
		if (len && fn(q, len, data))
			return true;
		p = end ? end + 1 : p + strlen(p);
	}
	return false;
}

static bool part_in_owner(const char *part, size_t len, void *data)
{
	struct candor_buf f = CANDOR_BUF_INIT;
	bool yes;

	candor_fold(&f, part, len);
	yes = has_folded(data, f.ptr);
	candor_buf_release(&f);
	return yes;
}

static bool any_part(const char *part, size_t len, void *data)
{
	(void)part, (void)len, (void)data;
	return true;
}

bool candor_app_seller_matches(const char *owner, const char *sellers)
{
	if (!sellers || !each_part(sellers, any_part, NULL))
		return true;
	return owner && each_part(sellers, part_in_owner, (void *)owner);
}

/* candor_app_pipeline_sellers: the accounts' owners, and the first part that names none. */
struct sellers {
	const struct candor_account_list *accounts;
	const char *only_owner;
	struct candor_buf *out;
	const char *missing;
	size_t missing_len;
};

static bool part_names_none(const char *part, size_t len, void *data)
{
	struct sellers *x = data;
	bool any = false;

	for (size_t i = 0; i < x->accounts->n; i++) {
		const char *owner = x->accounts->v[i].owner;
		char framed[512];

		if ((x->only_owner && strcasecmp(owner, x->only_owner)) || !part_in_owner(part, len, (void *)owner))
			continue;
		any = true;
		snprintf(framed, sizeof(framed), "\n%s\n", owner);
		if (!strstr(x->out->ptr, framed))
			candor_buf_adds(x->out, framed + (x->out->len ? 1 : 0));
	}
	if (!any) {
		x->missing = part;
		x->missing_len = len;
	}
	return !any;
}

int candor_app_pipeline_sellers(struct candor_app *app, const char *sellers,
				const char *only_owner, char **out)
{
	struct candor_account_list accounts = { 0 };
	struct candor_buf b = CANDOR_BUF_INIT;
	struct sellers x = { &accounts, only_owner, &b, NULL, 0 };
	int rc;

	*out = NULL;
	if ((rc = candor_store_account_list(app->store, &accounts)))
		goto cleanup;
	if (each_part(sellers, part_names_none, &x))
		rc = candor_error_set(app->err, CANDOR_ENOTFOUND, "seller",
				      "no buyer's seller matches '%.*s'", (int)x.missing_len, x.missing);
	else if (candor_buf_error(&b))
		rc = candor_error_set(app->err, CANDOR_ERROR, NULL, "out of memory");
	else
		*out = candor_buf_detach(&b, NULL);
cleanup:
	candor_buf_release(&b);
	candor_account_list_release(&accounts);
	return rc;
}

int candor_app_pipeline_sort(struct candor_app *app, const char *text, int *out)
{
	char names[128];

	*out = CANDOR_SORT_URGENCY;
	if (!text || !*text)
		return 0;
	if ((*out = candor_name_lookup(candor_pipeline_sorts, text)) >= 0)
		return 0;
	*out = CANDOR_SORT_URGENCY;
	candor_name_list(names, sizeof(names), candor_pipeline_sorts);
	return candor_error_set(app->err, CANDOR_EINVALID, "sort", "'%s' is not a sort: use %s",
				text, names);
}

bool candor_app_due_overdue(int64_t due, int64_t at)
{
	return candor_due_end(due) <= at;
}

/* The last contact and the nearest open due date in ev as of at (store.h's keys). */
static void buyer_keys(const struct candor_evidence *ev, int64_t at, struct candor_app_buyer *b)
{
	b->last_contact = 0;
	b->due = CANDOR_DUE_NONE;
	for (size_t i = 0; i < ev->ninteractions; i++)
		if (ev->interactions[i].at <= at && ev->interactions[i].at > b->last_contact)
			b->last_contact = ev->interactions[i].at;
	for (size_t i = 0; i < ev->ncommitments; i++) {
		struct candor_commitment_state st;

		if (ev->commitments[i].made > at)
			continue;
		candor_commitment_state_at(&st, &ev->commitments[i], at);
		if (st.status == CANDOR_COMMITMENT_OPEN && st.due < b->due)
			b->due = st.due;
	}
	for (size_t i = 0; i < ev->nexpectations; i++) {
		const struct candor_expectation *e = &ev->expectations[i];

		if (e->set_at <= at && (e->status == CANDOR_EXPECTATION_OPEN || e->resolved_at > at) &&
		    e->by < b->due)
			b->due = e->by;
	}
}

/* The sort key of b, as the store's cursor has it (store.c). */
static size_t key_of(const struct candor_app_buyer *b, int sort, double *key)
{
	switch (sort) {
	case CANDOR_SORT_TRUST:
		key[0] = -b->a.trust;
		return 1;
	case CANDOR_SORT_CONTACT:
		key[0] = (double)b->last_contact;
		return 1;
	case CANDOR_SORT_DUE:
		key[0] = (double)b->due;
		return 1;
	default:
		key[0] = b->a.stage;
		key[1] = b->a.stalled ? 0 : 1;
		key[2] = -b->a.trust;
		return 3;
	}
}

static int key_cmp(const struct candor_app_buyer *x, const struct candor_app_buyer *y, int sort)
{
	double kx[3], ky[3];
	size_t n = key_of(x, sort, kx);

	key_of(y, sort, ky);
	for (size_t i = 0; i < n; i++)
		if (kx[i] != ky[i])
			return kx[i] < ky[i] ? -1 : 1;
	return x->c->id < y->c->id ? -1 : x->c->id > y->c->id;
}

static int asof_cmp(const void *x, const void *y, void *sort)
{
	return key_cmp(x, y, *(const int *)sort);
}

static const char sort_tag_of[] = { 'P', 'T', 'L', 'D' };

/* As of another moment: all assessed in C (candor_app_pipeline_load), then cut. */
static int page_asof(struct candor_app *app, const struct candor_app_pipeline_query *q,
		     struct candor_app_pipeline_page *out)
{
	struct candor_app_pipeline_filter f = { .account_id = q->account_id, .seller = q->seller };
	int sort = q->sort >= 0 && q->sort <= CANDOR_SORT_DUE ? q->sort : CANDOR_SORT_URGENCY;
	struct candor_app_buyer last = { 0 };
	struct candor_contact last_c = { 0 };
	struct candor_cursor cur;
	int rc;

	if ((rc = candor_cursor_decode(app->store, q->after, sort_tag_of[sort],
				       sort == CANDOR_SORT_URGENCY ? 3 : 1, &cur)) ||
	    (rc = candor_app_pipeline_load(app, &f, q->at, &out->all)))
		return rc;
	if (!(out->v = calloc(out->all.n + 1, sizeof(*out->v))))
		return candor_error_set(app->err, CANDOR_ERROR, NULL, "out of memory");
	for (size_t i = 0; i < out->all.n; i++) {
		struct candor_evidence ev;

		candor_evidence_view(&ev, &out->all.set, out->all.v[i].c->id);
		buyer_keys(&ev, q->at, &out->all.v[i]);
	}
	qsort_r(out->all.v, out->all.n, sizeof(*out->all.v), asof_cmp, &sort);
	/* the cursor as a buyer: its key, its id */
	last_c.id = cur.id;
	last.c = &last_c;
	last.a.stage = (int)cur.num[0];
	last.a.stalled = cur.num[1] == 0;
	last.a.trust = sort == CANDOR_SORT_URGENCY ? -cur.num[2] : -cur.num[0];
	last.last_contact = last.due = (int64_t)cur.num[0];
	for (size_t i = 0; i < out->all.n; i++) {
		const struct candor_app_buyer *b = &out->all.v[i];

		if (q->only_owner && strcasecmp(b->owner, q->only_owner))
			continue;
		if (!search_matches(b, q->search) || (cur.id && key_cmp(b, &last, sort) <= 0))
			continue;
		if (q->limit && out->n == q->limit) {
			double key[3];
			size_t nkey = key_of(&out->v[out->n - 1], sort, key);

			candor_cursor_encode(out->next, sort_tag_of[sort], key, nkey, out->v[out->n - 1].c->id);
			break;
		}
		out->v[out->n++] = *b;
	}
	return 0;
}

static void decision_words(char *dst, size_t n, int kind)
{
	snprintf(dst, n, "%s", candor_name_of(candor_decision_kinds, kind));
	for (char *p = dst; *p; p++)
		if (*p == '_')
			*p = ' ';
}

/* When the buyer's last gate opened: the first moment since which the model
 * has said READY (a bisection: assumed to hold once it does; about 28
 * assessments, made when the answer is kept), up to ten years back. */
static int64_t ready_since(const struct candor_evidence *ev, int64_t at)
{
	struct candor_assessment *a = malloc(sizeof(*a));
	int64_t lo = at - 3650 * (int64_t)CANDOR_DAY_SECONDS, hi = at;

	if (!a)
		return 0;
	while (hi - lo > 1) {
		int64_t mid = lo + (hi - lo) / 2;

		candor_model_assess(a, ev, mid, NULL);
		if (a->stage == CANDOR_STAGE_READY)
			hi = mid;
		else
			lo = mid;
	}
	free(a);
	return hi;
}

void candor_app_buyer_reason(char *dst, size_t n, const struct candor_assessment *a,
			     const struct candor_evidence *ev)
{
	const struct candor_reason *head = candor_assessment_headline(a);
	char d[CANDOR_DATE_MAX], words[64];

	if (a->stage == CANDOR_STAGE_DECIDED && a->decision >= 0) {
		candor_date_format(d, sizeof(d), a->decided_at);
		decision_words(words, sizeof(words), a->decision);
		snprintf(dst, n, "%s on %s%s%s", words, d, head ? "; since then: " : "",
			 head ? head->text : "");
	} else if (head) {
		snprintf(dst, n, "%s", head->text);
	} else if (a->stage == CANDOR_STAGE_READY && ev) {
		candor_date_format(d, sizeof(d), ready_since(ev, a->at));
		snprintf(dst, n, "every gate open since %s: ask what would make it safe to choose now", d);
	} else if (a->stage == CANDOR_STAGE_READY) {
		snprintf(dst, n, "every gate open: ask what would make it safe to choose now");
	} else {
		snprintf(dst, n, "nothing logged yet: log a first conversation");
	}
	dst[candor_utf8_check(dst, strlen(dst))] = '\0';   /* a cut ends at a whole character */
}

/* The store's query for q: its filters, the seller resolved (*owners, freed by the caller). */
static int list_query(struct candor_app *app, const struct candor_app_pipeline_query *q,
		      struct candor_list_query *lq, char **owners)
{
	*owners = NULL;
	memset(lq, 0, sizeof(*lq));
	lq->owner = q->only_owner;
	lq->account_id = q->account_id;
	lq->search = q->search;
	lq->limit = q->limit;
	lq->after = q->after;
	lq->in_stage = q->in_stage;
	lq->sort = q->sort;
	lq->owners = q->owners;
	if (!q->owners && q->seller && *q->seller) {
		int rc = candor_app_pipeline_sellers(app, q->seller, q->only_owner, owners);

		if (rc)
			return rc;
		lq->owners = *owners;
	}
	return 0;
}

/* A page's buyers and their kept rows, and with q->whole their kept whole
 * answers, not yet assessed (out->v is NULL). */
static int page_rows(struct candor_app *app, const struct candor_app_pipeline_query *q,
		     struct candor_app_pipeline_page *out, struct candor_assessment_row **rows)
{
	struct candor_list_query lq;
	char *owners = NULL;
	int rc;

	if ((rc = list_query(app, q, &lq, &owners)) || (rc = refresh(app, q->at)) ||
	    (rc = candor_store_pipeline_page(app->store, &lq, &out->contacts, rows, out->next)))
		goto cleanup;
	/* the whole answers kept, where they are: the rest are made from the evidence */
	if (q->whole && !(out->whole = calloc(out->contacts.n + 1, sizeof(*out->whole)))) {
		rc = candor_error_set(app->err, CANDOR_ERROR, NULL, "out of memory");
		goto cleanup;
	}
	if (q->whole)
		rc = candor_store_assessment_docs(app->store, *rows, out->contacts.n, out->whole);
cleanup:
	free(owners);
	return rc;
}

int candor_app_pipeline_page(struct candor_app *app, const struct candor_app_pipeline_query *q,
			     struct candor_app_pipeline_page *out)
{
	struct candor_assessment_row *rows = NULL;
	int rc;

	memset(out, 0, sizeof(*out));
	if (q->asof)
		return page_asof(app, q, out);
	if (q->only_owner && !*q->only_owner)
		return 0;   /* a user who owns nothing sees nothing */
	if (!(rc = page_rows(app, q, out, &rows)))
		rc = assess_page(app, out, q->at, q->account_id, rows, q->kept && !q->whole,
				 q->limit == 0, out->whole);
	free(rows);
	return rc;
}

/* The walk of candor_app_pipeline_each over the store's stream. */
struct each {
	int (*fn)(void *data, const struct candor_app_buyer *b);
	void *data;
	struct candor_app_buyer *b;
};

static int each_row(void *data, const struct candor_contact *c,
		    const struct candor_assessment_row *row, const char *doc)
{
	struct each *e = data;
	struct candor_app_buyer *b = e->b;
	int rc;

	if (!doc)
		return CANDOR_STORE_STOP;   /* made from the evidence: by pages, from here */
	memset(b, 0, sizeof(*b));
	b->c = c;
	b->last_contact = row->last_contact;
	b->due = row->due;
	from_row(&b->a, row);
	snprintf(b->reason, sizeof(b->reason), "%s", row->headline);
	b->whole = doc;
	rc = e->fn(e->data, b);
	return rc == CANDOR_STORE_STOP ? CANDOR_ERROR : rc;
}

/*
 * Whole answers from the first buyer: one statement read as it comes
 * (candor_store_pipeline_stream), while every buyer has a kept answer;
 * at the first that has none, pages from there (after).  *done when the
 * stream gave every buyer.
 */
static int each_stream(struct candor_app *app, const struct candor_app_pipeline_query *q,
		       struct each *e, char *after, bool *done)
{
	struct candor_list_query lq;
	char *owners = NULL;
	int rc;

	*done = false;
	if ((rc = list_query(app, q, &lq, &owners)) || (rc = refresh(app, q->at)))
		goto cleanup;
	lq.limit = 0;
	lq.after = NULL;
	rc = candor_store_pipeline_stream(app->store, &lq, each_row, e, after);
	if (rc == CANDOR_STORE_STOP)
		rc = 0;
	else if (!rc)
		*done = true;
cleanup:
	free(owners);
	return rc;
}

/*
 * A chunk at a time, each buyer assessed into the one struct b in turn
 * (a buyer's assessment is some 18 KB: a chunk's array of them would be
 * zeroed and walked for every chunk).
 */
int candor_app_pipeline_each(struct candor_app *app, const struct candor_app_pipeline_query *q,
			     int (*fn)(void *data, const struct candor_app_buyer *b), void *data)
{
	struct candor_app_pipeline_query chunk = *q;
	struct candor_evidence_set set = { 0 };
	struct candor_app_buyer *b;
	char after[CANDOR_CURSOR_MAX];
	char *owners = NULL;
	int rc = 0;

	if (q->only_owner && !*q->only_owner)
		return 0;
	if (!(b = malloc(sizeof(*b))))
		return candor_error_set(app->err, CANDOR_ERROR, NULL, "out of memory");
	snprintf(after, sizeof(after), "%s", q->after ? q->after : "");
	chunk.limit = EACH_CHUNK;
	chunk.asof = false;
	if (!q->owners && q->seller && *q->seller &&
	    (rc = candor_app_pipeline_sellers(app, q->seller, q->only_owner, &owners)))
		goto cleanup;
	if (owners)
		chunk.owners = owners;
	if (chunk.whole && !after[0]) {
		struct each e = { fn, data, b };
		bool done;

		if ((rc = each_stream(app, &chunk, &e, after, &done)) || done)
			goto cleanup;
	}
	do {
		struct candor_app_pipeline_page p = { 0 };
		struct candor_assessment_row *rows = NULL;

		chunk.after = after;
		rc = page_rows(app, &chunk, &p, &rows);
		for (size_t i = 0; !rc && i < p.contacts.n; i++) {
			memset(b, 0, sizeof(*b));
			if (!(rc = page_buyer(app, &set, false, &p.contacts.v[i], rows, i,
					      chunk.kept && !chunk.whole, p.whole, chunk.at, b)))
				rc = fn(data, b);
		}
		snprintf(after, sizeof(after), "%s", p.next);
		free(rows);
		candor_app_pipeline_page_release(&p);
	} while (!rc && after[0]);
cleanup:
	free(owners);
	free(b);
	return rc;
}

int candor_app_pipeline_counts(struct candor_app *app, const struct candor_app_pipeline_query *q,
			       int64_t counts[CANDOR_STAGE_DECIDED + 1])
{
	struct candor_list_query lq;
	char *owners = NULL;
	int rc;

	memset(counts, 0, sizeof(int64_t) * (CANDOR_STAGE_DECIDED + 1));
	if (q->only_owner && !*q->only_owner)
		return 0;
	if (!(rc = list_query(app, q, &lq, &owners)) && !(rc = refresh(app, q->at)))
		rc = candor_store_pipeline_counts(app->store, &lq, counts);
	free(owners);
	return rc;
}

int candor_app_pipeline_due(struct candor_app *app, const struct candor_app_pipeline_query *q,
			    size_t limit, struct candor_due_list *out, bool *more)
{
	struct candor_list_query lq;
	char *owners = NULL;
	int rc;

	memset(out, 0, sizeof(*out));
	*more = false;
	if (q->only_owner && !*q->only_owner)
		return 0;
	if (!(rc = list_query(app, q, &lq, &owners)) && !(rc = refresh(app, q->at))) {
		lq.limit = limit;
		lq.after = NULL;
		rc = candor_store_due(app->store, &lq, candor_due_end(q->at), out, more);
	}
	free(owners);
	return rc;
}

void candor_app_pipeline_page_release(struct candor_app_pipeline_page *p)
{
	for (size_t i = 0; p->whole && i < p->contacts.n; i++)
		free(p->whole[i]);
	free(p->whole);
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
