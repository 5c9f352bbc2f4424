/*
 * test-web-oom.c: the web layer when memory runs out (oom.h).
 *
 * Walked, failing allocation 0, 1, 2 ... in turn: the urlencoded form
 * parser, the query string (query.h), the multipart parser, the board
 * and a buyer's page rendered into a request's buffer on a SQLite store
 * (as the server runs them: web_answer_whole() after the handler), the
 * status and pipeline API, a JSON API write (an interaction) and a
 * transcript upload (the form's multipart body, analysed and imported).
 * A parser's failure is an error with a message that leaves nothing held;
 * an answer is either whole (a page ending in </html>, JSON that reads
 * back, the upload's redirect) and the same every time, or an error answer
 * (500 with a message), never one cut short; a failed one leaves every row
 * as it was (oom-store.h).  A write that succeeds is rolled back, so each
 * run starts from the same store.  The sanitizer build catches leaks.
 */
#include "util/common.h"
#include <setjmp.h>
#include <unistd.h>
#include <cmocka.h>

#include "util/date.h"
#include "app/records.h"
#include "text/lexicon.h"
#include "web/web.h"
#include "web/html.h"
#include "web/multipart.h"
#include "web/query.h"
#include "util/json-text.h"
#include "oom.h"
#include "oom-store.h"

struct run {
	struct candor_error err;
	struct web_form form;
	const char *text;
	int (*page)(struct web_request *);
	const char *query;          /* the page's address */
	struct candor_store *s;
	struct web_request *req;
	char path[256];
	char *before;
	char *whole;                /* the page as it first came whole */
	int64_t contact_id;
	/* a write: POST in a write transaction, rolled back after each run */
	const char *json;           /* the JSON body (an API write) */
	const char *upload;         /* the multipart body (an upload) */
	int want;                   /* the status of a whole answer: 200 if 0 */
};

static struct web_server server = { .seller = "Sam", .local_user = "Sam" };

#define BOUNDARY "multipart/form-data; boundary=XyZ"


static void parse_failed(const struct run *r, int rc)
{
	assert_true(rc < 0);
	assert_true(r->err.msg[0] != '\0');
}

static int form_op(void *arg)
{
	struct run *r = arg;

	candor_error_clear(&r->err);
	return web_form_parse(&r->form, r->text, strlen(r->text), &r->err);
}

static int query_op(void *arg)
{
	struct run *r = arg;

	candor_error_clear(&r->err);
	return web_query_parse(&r->form, r->text, strlen(r->text), &r->err);
}

static void form_after(void *arg, int rc)
{
	struct run *r = arg;

	if (rc) {
		parse_failed(r, rc);
		assert_int_equal(rc, CANDOR_ERROR);
	} else {
		assert_int_equal(r->form.n, 4);
		assert_string_equal(web_form_get(&r->form, "text"), "let me think, about it");
	}
	web_form_release(&r->form);
}

static void test_oom_form(void **state)
{
	struct run r = { .err = CANDOR_ERROR_INIT };

	(void)state;
	r.text = "csrf=abc&text=let+me+think%2C+about+it&at=2026-11-24&kind=call";
	oom_walk("a urlencoded form", form_op, form_after, &r);
	r.text = "/api/v1/contacts?csrf=abc&text=let+me+think%2C+about+it&at=2026-11-24&kind=call#x";
	oom_walk("a query string", query_op, form_after, &r);
}

static int multipart_op(void *arg)
{
	struct run *r = arg;
	struct web_multipart m;

	candor_error_clear(&r->err);
	return web_multipart_parse(&m, r->text, strlen(r->text),
				   "multipart/form-data; boundary=XyZ", &r->err);
}

static void multipart_after(void *arg, int rc)
{
	assert_int_equal(rc, 0);  /* it allocates nothing: nothing can fail */
	(void)arg;
}

static void test_oom_multipart(void **state)
{
	struct run r = { .err = CANDOR_ERROR_INIT };

	(void)state;
	r.text = "--XyZ\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\nabc\r\n"
		 "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.vtt\"\r\n"
		 "Content-Type: text/vtt\r\n\r\nWEBVTT\r\n\r\n--XyZ--\r\n";
	oom_walk("a multipart upload", multipart_op, multipart_after, &r);
}

/* A store with two accounts, buyers and a promise each, committed. */
static void fill(struct run *r)
{
	struct candor_app app;
	int64_t now = 0, acc, id;

	snprintf(r->path, sizeof(r->path), "/tmp/candor-test-web-oom-%d.db", (int)getpid());
	unlink(r->path);
	assert_int_equal(candor_store_open(&r->s, r->path, true, &r->err), 0);
	assert_int_equal(candor_date_parse(&now, "2026-11-25T09:00", "now", NULL), 0);
	candor_app_init(&app, r->s, now);
	assert_int_equal(candor_store_begin(r->s), 0);
	for (int i = 0; i < 2; i++) {
		char name[64];
		struct candor_contact c;

		snprintf(name, sizeof(name), "Account %d", i);
		assert_int_equal(candor_app_account_add(&app, name, "Sam", "", &acc), 0);
		snprintf(name, sizeof(name), "Buyer %d", i);
		assert_int_equal(candor_app_contact_add(&app, acc, name, "CFO", "", &id), 0);
		r->contact_id = id;
		assert_int_equal(candor_app_contact_find(&app, name, &c), 0);
		assert_int_equal(candor_app_promise_make(&app, &c, "send the pricing sheet",
							 now - 86400 * 3, now - 86400, &id), 0);
		candor_contact_release(&c);
	}
	assert_int_equal(candor_store_commit(r->s), 0);
	r->before = oom_snapshot(r->s);
}

/* A signed-in local request for r->query, in a read transaction, as dispatch begins it. */
static struct web_request *request(struct run *r)
{
	struct web_request *req = calloc(1, sizeof(*req));

	assert_non_null(req);
	req->srv = &server;
	req->store = r->s;
	req->method = WEB_GET;
	req->signed_in = true;
	req->user.local = true;
	req->user.role = CANDOR_ROLE_ADMIN;
	snprintf(req->user.name, sizeof(req->user.name), "Sam");
	candor_buf_init(&req->out, 0);
	assert_int_equal(candor_date_parse(&req->now, "2026-11-25T09:00", "now", NULL), 0);
	assert_int_equal(web_query_parse(&req->query, r->query, strlen(r->query), &r->err), 0);
	req->path = r->query;
	req->ids[0] = r->contact_id;
	req->nids = 1;
	req->api = !strncmp(r->query, "/api/", 5);
	for (const struct web_route *rt = web_routes; rt->pattern; rt++)
		if (rt->fn == r->page)
			req->route = rt;
	if (r->json) {
		req->method = WEB_POST;
		assert_non_null(req->json = candor_json_read(r->json));
	}
	if (r->upload) {
		req->method = WEB_POST;
		assert_non_null(req->mp = calloc(1, sizeof(*req->mp)));
		assert_int_equal(web_multipart_parse(req->mp, r->upload, strlen(r->upload), BOUNDARY,
						     &r->err), 0);
	}
	return req;
}

static void request_free(struct web_request *req)
{
	candor_buf_release(&req->out);
	web_form_release(&req->query);
	json_decref(req->json);
	free(req->mp);
	free(req);
}

static int page_op(void *arg)
{
	struct run *r = arg;
	struct web_request *req = r->req;

	if (req->method == WEB_POST ? candor_store_begin(r->s) : candor_store_begin_read(r->s))
		return web_fail(req, req->err.code);
	return web_answer_whole(req, r->page(req)) == (r->want ? r->want : 200) ? 0 : -1;
}

static void page_after(void *arg, int rc)
{
	struct run *r = arg;
	struct web_request *req = r->req;

	if (rc) {
		if (req->status < 500)
			fprintf(stderr, "failing allocation %ld: %d %s %s\n", oom_at, req->status,
				req->err.msg, req->fail_msg);
		assert_true(req->status >= 500);
		/* a message: the page's, or the API's {"error": ...} */
		assert_true(req->err.msg[0] != '\0' || req->fail_msg[0] != '\0' ||
			    (req->api && req->out.ptr && strstr(req->out.ptr, "{\"error\":\"")));
		candor_store_rollback(r->s);
		oom_same_records(r->s, r->before);
	} else {
		/* whole: the page and its end, the JSON that reads back, the redirect */
		assert_int_equal(req->status, r->want ? r->want : 200);
		assert_int_equal(candor_buf_error(&req->out), 0);
		if (r->upload) {
			assert_non_null(strstr(req->location, "/interactions/"));
			candor_buf_adds(&req->out, req->location);
		} else if (req->api) {
			json_t *j = candor_json_read(req->out.ptr);

			if (!j)
				fprintf(stderr, "failing allocation %ld, not JSON: '%.200s'\n", oom_at,
					req->out.ptr);
			assert_non_null(j);
			assert_null(json_object_get(j, "error"));
			json_decref(j);
		} else {
			assert_non_null(strstr(req->out.ptr, "</html>"));
		}
		/* and the same page: nothing left out for want of memory */
		if (!r->whole)
			r->whole = strdup(req->out.ptr);
		else if (strcmp(req->out.ptr, r->whole)) {
			/* say where the pages part */
			size_t at = 0;

			while (req->out.ptr[at] == r->whole[at])
				at++;
			fprintf(stderr, "failing allocation %ld, the page differs at byte %zu: "
				"'%.80s' for '%.80s'\n", oom_at, at, req->out.ptr + (at > 40 ? at - 40 : 0),
				r->whole + (at > 40 ? at - 40 : 0));
			fail();
		}
		/* what it kept (recomputed answers) stays: the next run starts from
		 * it; a write is undone, so the next one makes the same answer */
		if (req->method == WEB_POST || candor_store_commit(r->s))
			candor_store_rollback(r->s);
		free(r->before);
		r->before = oom_snapshot(r->s);
	}
	request_free(req);
	r->req = request(r);
}

static void walk(const char *what, struct run *rp)
{
	struct run r = *rp;

	r.err = (struct candor_error)CANDOR_ERROR_INIT;
	fill(&r);
	r.req = request(&r);
	oom_walk(what, page_op, page_after, &r);
	request_free(r.req);
	free(r.before);
	free(r.whole);
	candor_store_close(r.s);
	unlink(r.path);
}

static void page_walk(const char *what, int (*page)(struct web_request *), const char *query)
{
	walk(what, &(struct run){ .page = page, .query = query });
}

static void test_oom_board(void **state)
{
	(void)state;
	page_walk("the board", web_page_board, "/?q=Buyer&sort=trust");
}

static void test_oom_buyer(void **state)
{
	(void)state;
	page_walk("a buyer's page", web_page_buyer, "/buyers/2?open=reliability");
}

static void test_oom_api_reads(void **state)
{
	(void)state;
	page_walk("the status API", web_api_status, "/api/v1/contacts/2/status");
	page_walk("the pipeline API", web_api_pipeline, "/api/v1/pipeline?limit=5");
}

static void test_oom_api_write(void **state)
{
	(void)state;
	walk("an interaction through the API", &(struct run){ .page = web_api_interaction_add,
	     .query = "/api/v1/interactions", .want = 201,
	     .json = "{\"contact\": 2, \"kind\": \"call\", \"at\": \"2026-11-24\", "
		     "\"text\": \"Let me think about it. To be honest, the last vendor burned us.\"}" });
}

static void test_oom_upload(void **state)
{
	(void)state;
	walk("a transcript upload", &(struct run){ .page = web_form_upload,
	     .query = "/buyers/2/upload", .want = 303,
	     .upload = "--XyZ\r\nContent-Disposition: form-data; name=\"seller\"\r\n\r\nSam\r\n"
		       "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"call.vtt\"\r\n"
		       "Content-Type: text/vtt\r\n\r\nWEBVTT\r\n\r\n00:00:01.000 --> 00:00:04.000\r\n"
		       "<v Sam>What would make this safe to choose?\r\n\r\n"
		       "00:00:05.000 --> 00:00:09.000\r\n<v Buyer 1>Let me think about it, "
		       "we got burned by the last vendor.\r\n\r\n--XyZ--\r\n" });
}

static int setup(void **state)
{
	struct candor_error err = CANDOR_ERROR_INIT;

	(void)state;
	if (candor_analyser_load(&server.lx, NULL, NULL, &err)) {
		fprintf(stderr, "%s\n", err.msg);
		return -1;
	}
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	candor_lexicon_free(server.lx);
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_oom_form),
		cmocka_unit_test(test_oom_multipart),
		cmocka_unit_test(test_oom_board),
		cmocka_unit_test(test_oom_buyer),
		cmocka_unit_test(test_oom_api_reads),
		cmocka_unit_test(test_oom_api_write),
		cmocka_unit_test(test_oom_upload),
	};

	oom_install();
	return cmocka_run_group_tests(tests, setup, teardown);
}
