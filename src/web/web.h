/*
 * web/web.h: what the server's files share (server.c, the pages, the API).
 * Not a public interface: `candor serve` (cli/cmd-serve.c) only calls
 * web_serve().
 *
 * A request runs as: route, sign in (session cookie, Bearer token, or the
 * local user when the store has no users), CSRF check on POST forms, the
 * handler, then commit (status < 400) or rollback.  Each request opens its
 * own store connection, so threads never share a SQLite connection.
 *
 * A handler returns the HTTP status of the response it wrote into
 * req->out (web_error() and web_fail() write error responses, as JSON for
 * /api/v1 and as a page otherwise).
 */
#ifndef CANDOR_WEB_WEB_H
#define CANDOR_WEB_WEB_H

#include "util/common.h"
#include <pthread.h>
#include <jansson.h>
#include <microhttpd.h>
#include "util/buf.h"
#include "util/date.h"
#include "util/error.h"
#include "core/model.h"
#include "store/store.h"
#include "app/assess.h"
#include "app/fates.h"
#include "web/chart.h"
#include "web/guard.h"
#include "web/html.h"
#include "web/multipart.h"
#include "web/router.h"
#include "web/throttle.h"

#define WEB_MAX_BODY ((size_t)20 << 20)  /* 20 MiB: more is 413 */
#define WEB_SESSION_SECONDS (12 * 3600)
#define WEB_TEXT_MAX 20000              /* bytes in one text field */
#define WEB_TALK_PAGE 500               /* utterances on one conversation page */
#define WEB_REQUEST_SECONDS 60          /* a request's deadline, from its first byte */
#define WEB_PER_ADDR 16                 /* connections (or proxied requests) per client */

struct candor_lexicon;

struct web_server {
	const char *db_path;
	char db_shown[4096];          /* db_path as the store's messages show it
	                                 (candor_store.location: no password) */
	const char *local_user;       /* the name of the local user (no users) */
	const char *seller;           /* CANDOR_SELLER ("" or NULL when not set): the
	                                 upload form's seller when nobody signs in */
	bool loopback;                /* listening on a loopback address only */
	bool no_users;                /* the store had no users at start */
	char csrf_local[65];          /* the CSRF token when nobody signs in */
	size_t max_body;
	bool secure_cookies;          /* mark cookies Secure always (--secure-cookies) */
	const char *trusted_proxy;    /* the reverse proxy's IPv4 address, or NULL */
	unsigned deadline;            /* seconds a request may take; 0: WEB_REQUEST_SECONDS */
	struct candor_lexicon *lx;    /* shared, read-only */
	struct web_guard guard;       /* deadlines, connections per address (guard.h) */
	struct web_throttle throttle; /* failed sign-ins (throttle.h) */
	/* open stores kept between requests (server.c): opening one costs
	 * more than most requests (schema, WAL files, statements, cache) */
	pthread_mutex_t pool_lock;
	struct candor_store *pool[16];
	size_t npool;
};

struct web_user {
	int64_t id;                   /* 0 for the local user */
	char name[128];
	int role;                     /* enum candor_role */
	bool local;
};

struct web_request {
	struct web_server *srv;
	struct MHD_Connection *conn;
	struct web_conn *slot;        /* the guard's record of the connection */
	char client[WEB_ADDR_MAX];    /* the client's address (X-Forwarded-For via the proxy) */
	bool client_counted;          /* counted against client (guard.h), to undo */
	bool https;                   /* cookies are marked Secure */
	bool close;                   /* close the connection after the answer */
	int64_t retry_after;          /* seconds, for a 429 or 503; 0 for none */
	int method;
	const char *path;
	const struct web_route *route;
	int64_t ids[WEB_MAX_IDS];
	size_t nids;
	bool api;
	struct candor_buf body;       /* capped at srv->max_body */
	bool too_big;
	struct web_form form;         /* urlencoded POST bodies */
	struct web_form query;        /* the address's query (query.h), read by web_query */
	int query_rc;                 /* its parse failed: the code, the message in query_msg */
	char query_msg[1024];
	bool begun;                   /* request_begin ran */
	struct web_multipart *mp;     /* multipart POST bodies (uploads) */
	bool decoded;                 /* form, mp or json hold the body */
	int attempt;                  /* 0, then 1.. when a busy store made it run again */
	json_t *json;                 /* API POST bodies */
	char argbuf[80];              /* a JSON number as text, for web_arg */
	struct candor_store *store;
	struct candor_error err;
	struct web_user user;
	bool signed_in;
	bool checked;                 /* credentials looked up when the headers came */
	bool bad_token;               /* an Authorization header that is not a valid token */
	char csrf[65];
	char session[33];             /* the session's selector, "" when none */
	int64_t now;
	/* the response */
	int status;
	struct candor_buf out;
	const char *ctype;
	char location[512];
	char cookie[256];
	/* the last refusal web_error() wrote (a form comes back with it) */
	char fail_field[64];
	char fail_msg[1024];
	/* an upload refused as a file imported before: the interaction it became */
	int64_t fail_duplicate;
	/* the form that comes back refused ("promise", "kept-12"), "" when none */
	char again[48];
};

/* Start serving on listen ("ADDR:PORT"); blocks until SIGINT or SIGTERM. */
int web_serve(struct web_server *srv, const char *listen, struct candor_error *err);

/* The route table (routes.c). */
extern const struct web_route web_routes[];

/* Responses. */
int web_error(struct web_request *req, int status, const char *field, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
int web_fail(struct web_request *req, int candor_code);
/*
 * What a handler answered (rc), unless writing its answer into req->out
 * ran out of memory: then the answer is dropped and becomes 500 "out of
 * memory" (web_fail), so a page is never sent cut short as a 200.
 */
int web_answer_whole(struct web_request *req, int rc);
/* A refused write, shown again: roll its transaction back, read afresh in
 * a new one, and empty the answer so far (0, or the failure answered). */
int web_restart_read(struct web_request *req);
/* The way out of an error page into req->out (server.c). */
void web_way_back(struct web_request *req, int status);
int web_json(struct web_request *req, int status, json_t *j);  /* consumes j */
int web_redirect(struct web_request *req, const char *path_fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Set the response's cookie: HttpOnly, SameSite=Strict, Path=/, Secure when
 * req->https; max_age 0 deletes it. */
void web_cookie_set(struct web_request *req, const char *name, const char *value, int max_age);

/* Request data: a query parameter, a body field (form or JSON), as text. */
const char *web_query(struct web_request *req, const char *name);
const char *web_arg(struct web_request *req, const char *name);

/* The use cases' context for this request (src/app/): its store, its error, its now. */
void web_app(struct web_request *req, struct candor_app *app);

/* Who may see and change what (app/access.h). */
bool web_may_see(const struct web_request *req, const char *owner);
bool web_may_change(const struct web_request *req, const char *owner);
/* 0 when the account may be seen (and changed, with change); else the error status. */
int web_account_access(struct web_request *req, int64_t account_id, bool change);
/* Whether the account may be changed, into *yes: 0, or the error answered
 * (the store failed: a page never leaves its edit links out for that). */
int web_account_changeable(struct web_request *req, int64_t account_id, bool *yes);
/* The same for the account a contact or record belongs to. */
int web_contact_access(struct web_request *req, int64_t contact_id, bool change,
		       struct candor_contact *out);
int web_record_access(struct web_request *req, enum candor_record what, int64_t id,
		      bool change, struct candor_scope *out);
/*
 * The same, by the application's rules (access.c, app/access.h): a record
 * the user may not see answers exactly as a missing one (404, same message
 * apart from the id, same field).  The handlers call these.
 */
/* An account by its #id or name (candor_app_account_ref); its id in *id. */
int web_see_account(struct web_request *req, const char *ref, bool change, int64_t *id);
/* ?account= of the request as the user may see it: *id 0 when absent; a
 * value that names no such account is answered (404), never ignored. */
int web_query_account(struct web_request *req, int64_t *id);
int web_see_contact(struct web_request *req, int64_t id, bool change,
		    struct candor_contact *out);
int web_see_record(struct web_request *req, enum candor_record what, int64_t id, bool change,
		   struct candor_scope *out);

/* Page layout (page.c). */
void web_page_begin(struct web_request *req, const char *title);
void web_page_end(struct web_request *req);
void web_csrf_field(struct web_request *req);
extern const char web_css[];
extern const char web_icon_svg[];

/* Pages and form handlers (page-*.c) and the API (api.c). */
int web_page_board(struct web_request *req);
int web_page_buyer(struct web_request *req);
int web_page_talk(struct web_request *req);
int web_page_login(struct web_request *req);
/* The admin's users and tokens (page-admin.c): a 404 to anyone else. */
int web_page_admin_users(struct web_request *req);
int web_form_user_role(struct web_request *req);
int web_form_user_sessions_end(struct web_request *req);
int web_form_user_remove(struct web_request *req);
int web_form_token_revoke(struct web_request *req);
int web_login(struct web_request *req);
int web_logout(struct web_request *req);
int web_style(struct web_request *req);
int web_icon(struct web_request *req);
int web_page_help(struct web_request *req);
int web_calendar(struct web_request *req);
/* The Calendar page: subscribing, a feed link made (shown once), a feed stopped (calendar.c). */
int web_page_calendar(struct web_request *req);
int web_form_feed_new(struct web_request *req);
int web_form_feed_stop(struct web_request *req);
int web_form_account(struct web_request *req);
int web_form_contact(struct web_request *req);
int web_form_log(struct web_request *req);
int web_form_promise(struct web_request *req);
int web_form_fact(struct web_request *req);
int web_form_expect(struct web_request *req);
int web_form_value(struct web_request *req);
int web_form_fit(struct web_request *req);
int web_form_decision(struct web_request *req);
int web_form_renegotiate(struct web_request *req);
int web_form_met(struct web_request *req);
int web_form_missed(struct web_request *req);
int web_form_upload(struct web_request *req);
int web_form_kept(struct web_request *req);
int web_form_broken(struct web_request *req);
int web_form_accept(struct web_request *req);
int web_form_dismiss(struct web_request *req);
/* Corrections of the analyser, from the conversation page (teach.c). */
int web_form_signal_wrong(struct web_request *req);
int web_form_signal_add(struct web_request *req);

int web_api_accounts(struct web_request *req);
int web_api_account_add(struct web_request *req);
int web_api_contacts(struct web_request *req);
int web_api_contact_add(struct web_request *req);
int web_api_contact(struct web_request *req);
int web_api_status(struct web_request *req);
int web_api_interactions(struct web_request *req);
int web_api_interaction_add(struct web_request *req);
int web_api_interaction(struct web_request *req);
int web_api_commitments(struct web_request *req);
int web_api_commitment_add(struct web_request *req);
int web_api_kept(struct web_request *req);
int web_api_broken(struct web_request *req);
int web_api_renegotiate(struct web_request *req);
int web_api_expectation_add(struct web_request *req);
int web_api_met(struct web_request *req);
int web_api_missed(struct web_request *req);
int web_api_fact_add(struct web_request *req);
int web_api_value_add(struct web_request *req);
int web_api_fit_add(struct web_request *req);
int web_api_decision_add(struct web_request *req);
int web_api_accept(struct web_request *req);
int web_api_dismiss(struct web_request *req);
int web_api_signal_wrong(struct web_request *req);
int web_api_signal_add(struct web_request *req);
int web_api_corrections(struct web_request *req);
int web_api_pipeline(struct web_request *req);
/* The audit trail (api-audit.c). */
int web_api_contact_changes(struct web_request *req);
/* A buyer's changes and the undo of the last (page-changes.c). */
int web_page_changes(struct web_request *req);
/* Correcting a record: /edit and /delete, a form and a confirmation (page-edit.c). */
int web_page_edit(struct web_request *req);
int web_form_edit(struct web_request *req);
int web_page_delete(struct web_request *req);
int web_form_delete(struct web_request *req);
int web_form_changes_undo(struct web_request *req);
/* Merging two contacts (page-merge.c): the pages, the merge, its undo, and
 * the line a buyer page shows after either (?merged=BATCH, ?unmerged=BATCH). */
int web_page_merge(struct web_request *req);
int web_form_merge(struct web_request *req);
int web_form_merge_undo(struct web_request *req);
void web_merge_note(struct web_request *req, int64_t contact, bool may_change);
int web_api_batch_undo(struct web_request *req);
/* PATCH and DELETE of a contact, a promise, an expectation (api-audit.c). */
int web_api_contact_edit(struct web_request *req);
int web_api_contact_delete(struct web_request *req);
int web_api_commitment_edit(struct web_request *req);
int web_api_commitment_delete(struct web_request *req);
int web_api_expectation_edit(struct web_request *req);
int web_api_expectation_delete(struct web_request *req);
int web_api_openapi(struct web_request *req);

/* What forms and the API both do (actions.c): read the fields, check access,
 * call one use case (src/app/); 0, or the error status written. */
int web_act_account(struct web_request *req, int64_t *id);
int web_act_contact(struct web_request *req, int64_t *id);
int web_act_log(struct web_request *req, int64_t contact_id, int64_t *id);
int web_act_promise(struct web_request *req, int64_t contact_id, int64_t *id);
int web_act_expect(struct web_request *req, int64_t contact_id, int64_t *id);
/* status: kept, broken or renegotiated (with "due"); *out released by the caller. */
int web_act_resolve(struct web_request *req, int64_t commitment_id, int status,
		    struct candor_app_fate *out);
/* status: met or missed; *out released by the caller. */
int web_act_expectation(struct web_request *req, int64_t expectation_id, int status,
			struct candor_app_fate *out);
int web_act_fact(struct web_request *req, int64_t contact_id, int64_t *id);
/* Value (direction, text), fit (verdict, text), decision (decision, note). */
enum web_judged { WEB_VALUE, WEB_FIT, WEB_DECISION };
int web_act_judged(struct web_request *req, int64_t contact_id, enum web_judged what,
		   int64_t *id);
int web_act_proposal(struct web_request *req, int64_t id, bool accept, int64_t *interaction_id);
int web_act_upload(struct web_request *req, int64_t contact_id, int64_t *id);

/*
 * The buyers the user may see, assessed at req->now (page-board.c), filtered
 * by ?seller= and ?account= (an id) when given, in pipeline order
 * (app/assess.h).  Release with candor_app_pipeline_release, also on failure.
 */
/* ?limit=N (1 to 1000) into *limit, left as it is when absent; else 400 (status returned). */
int web_query_limit(struct web_request *req, size_t *limit);
/* A page of the pipeline as the query string asks (page-board.c), by the
 * kept answers (app/assess.h), with each buyer's whole answer as text when
 * whole; release it. */
int web_buyers_page(struct web_request *req, size_t default_limit, bool whole,
		    struct candor_app_pipeline_page *out);
int web_buyers_load(struct web_request *req, struct candor_app_pipeline *out);

/* The buyer page's forms (page-buyer-forms.c): everything a seller records about c,
 * with the values, fits and decisions of ev recorded so far. */
void web_buyer_forms(struct web_request *req, const struct candor_contact *c,
		     const struct candor_evidence *ev);
/* What may be done to an open promise (kept, broken, a new date) and an open expectation. */
void web_promise_forms(struct web_request *req, const struct candor_commitment *c);
void web_expectation_forms(struct web_request *req, const struct candor_expectation *e);

/* The SVG chart of trust over time: web_chart() in chart.h. */

/* The embedded OpenAPI document (generated from src/web/openapi.json). */
extern const char web_openapi_json[];

#endif
