/*
 * test-web.c: the web server's pure parts: escaping and the HTML printf,
 * form decoding, the router, the multipart parser, and the secrets
 * (tokens, CSRF comparison, cookies, password hashes), and the trust
 * chart's events and sampling.
 */
#include "util/common.h"
#include <setjmp.h>
#include <cmocka.h>
#include "util/buf.h"
#include "util/error.h"
#include "app/secret.h"
#include "web/chart.h"
#include "web/cookie.h"
#include "web/html.h"
#include "web/query.h"
#include "web/multipart.h"
#include "web/router.h"

static void test_escape(void **state)
{
	struct candor_buf b = CANDOR_BUF_INIT;

	web_html(&b, "<p title=\"%s\">%s %d %D %R</p>", "\"'<>&", "<script>alert(1)</script>", 7,
		 (int64_t)-3, "<b>");
	assert_string_equal(b.ptr, "<p title=\"&quot;&#39;&lt;&gt;&amp;\">&lt;script&gt;alert(1)"
			    "&lt;/script&gt; 7 -3 <b></p>");
	candor_buf_reset(&b);
	web_html(&b, "%s|%U|%P%%|%T", NULL, "a b&c/é", 0.456, (int64_t)1795651200);
	assert_string_equal(b.ptr, "|a%20b%26c%2F%C3%A9|46%|2026-11-26");
	candor_buf_release(&b);
}

static void test_form(void **state)
{
	struct web_form f = { 0 };
	struct candor_error err = CANDOR_ERROR_INIT;
	const char body[] = "name=Dana+Reyes&note=%3Cb%3E&empty=&flag&x=%27%3B+DROP";

	assert_int_equal(web_form_parse(&f, body, strlen(body), &err), 0);
	assert_string_equal(web_form_get(&f, "name"), "Dana Reyes");
	assert_string_equal(web_form_get(&f, "note"), "<b>");
	assert_string_equal(web_form_get(&f, "empty"), "");
	assert_string_equal(web_form_get(&f, "flag"), "");
	assert_string_equal(web_form_get(&f, "x"), "'; DROP");
	assert_null(web_form_get(&f, "missing"));
	web_form_release(&f);
	assert_int_equal(web_form_parse(&f, "a=%zz", 5, &err), CANDOR_EINVALID);
	web_form_release(&f);
	assert_int_equal(web_form_parse(&f, "a=%00", 5, &err), CANDOR_EINVALID);
	web_form_release(&f);
	assert_int_equal(web_form_parse(&f, "a=%FF", 5, &err), CANDOR_EINVALID);
	web_form_release(&f);
}

/* The query of a raw address: read, checked, its numbers by one checker each. */
static void test_query(void **state)
{
	static const char uri[] = "/buyers?q=Dana+R%C3%A9yes&limit=20&account=12&id=x&from=0#top";
	struct web_form q = { 0 };
	struct candor_error err = CANDOR_ERROR_INIT;
	size_t limit = 50;
	int64_t id = -1;

	assert_int_equal(web_query_parse(&q, uri, strlen(uri), &err), 0);
	assert_string_equal(web_form_get(&q, "q"), "Dana R\xc3\xa9yes");
	assert_int_equal(web_query_count(&q, "limit", 1000, &limit, &err), 0);
	assert_int_equal(limit, 20);
	assert_int_equal(web_query_count(&q, "missing", 1000, &limit, &err), 0);
	assert_int_equal(limit, 20);
	assert_int_equal(web_query_count(&q, "limit", 10, &limit, &err), CANDOR_EINVALID);
	assert_string_equal(err.field, "limit");
	assert_int_equal(web_query_id(&q, "account", &id, &err), 0);
	assert_int_equal(id, 12);
	assert_int_equal(web_query_id(&q, "id", &id, &err), CANDOR_EINVALID);
	assert_string_equal(err.field, "id");
	assert_int_equal(id, 0);
	assert_int_equal(web_query_id(&q, "from", &id, &err), CANDOR_EINVALID);
	assert_null(web_form_get(&q, "top"));  /* the fragment is not the query */
	web_form_release(&q);
	/* no query at all; a bad one is refused whole, naming "query" */
	assert_int_equal(web_query_parse(&q, "/", 1, &err), 0);
	assert_int_equal(q.n, 0);
	assert_int_equal(web_query_parse(&q, "/?a=1&b=%ff", 11, &err), CANDOR_EINVALID);
	assert_string_equal(err.field, "query");
	assert_non_null(strstr(err.msg, "not valid"));
	web_form_release(&q);
	assert_int_equal(web_query_parse(&q, "/?a=%01", 7, &err), CANDOR_EINVALID);
	web_form_release(&q);
}

static void test_form_limit(void **state)
{
	struct web_form f = { 0 };
	struct candor_error err = CANDOR_ERROR_INIT;
	struct candor_buf b = CANDOR_BUF_INIT;

	for (int i = 0; i <= WEB_FORM_MAX; i++)
		candor_buf_addf(&b, "f%d=1&", i);
	assert_int_equal(web_form_parse(&f, b.ptr, b.len, &err), CANDOR_EINVALID);
	web_form_release(&f);
	candor_buf_release(&b);
}

static int h1(struct web_request *r) { return 1; }
static int h2(struct web_request *r) { return 2; }

static const struct web_route routes[] = {
	{ WEB_GET, "/", h1, 0 },
	{ WEB_GET, "/api/v1/contacts/{id}", h1, 0 },
	{ WEB_GET, "/api/v1/contacts/{id}/status", h2, 0 },
	{ WEB_POST, "/api/v1/commitments/{id}/kept", h2, 0 },
	{ 0, NULL, NULL, 0 },
};

static void test_router(void **state)
{
	const struct web_route *r;
	int64_t ids[WEB_MAX_IDS];
	size_t n;

	assert_int_equal(web_route_find(routes, WEB_GET, "/", &r, ids, &n), WEB_MATCH);
	assert_ptr_equal(r, &routes[0]);
	assert_int_equal(web_route_find(routes, WEB_GET, "/api/v1/contacts/42/status", &r, ids, &n),
			 WEB_MATCH);
	assert_ptr_equal(r->fn, h2);
	assert_int_equal(n, 1);
	assert_int_equal(ids[0], 42);
	assert_int_equal(web_route_find(routes, WEB_GET, "/api/v1/commitments/3/kept", &r, ids, &n),
			 WEB_BAD_METHOD);
	assert_int_equal(web_route_find(routes, WEB_POST, "/api/v1/commitments/3/kept", &r, ids, &n),
			 WEB_MATCH);
	static const char *const bad[] = { "/api/v1/contacts/0", "/api/v1/contacts/-1",
		"/api/v1/contacts/01", "/api/v1/contacts/1x", "/api/v1/contacts/", "/api/v1/contacts",
		"/api/v1/contacts/1/", "/api/v1/contacts/1234567890123456789", "//", "",
		"/api/v1/contacts/1/status/x", "/api/v1/contacts/%31" };
	for (size_t i = 0; i < CANDOR_ARRAY_SIZE(bad); i++)
		assert_int_equal(web_route_find(routes, WEB_GET, bad[i], &r, ids, &n), WEB_NO_ROUTE);
	assert_int_equal(web_method_parse("GET"), WEB_GET);
	assert_int_equal(web_method_parse("DELETE"), WEB_DELETE);
	assert_int_equal(web_method_parse("PATCH"), WEB_PATCH);
	assert_int_equal(web_method_parse("PUT"), WEB_OTHER);
	assert_int_equal(web_method_parse("delete"), WEB_OTHER);
	assert_string_equal(web_method_name(WEB_PATCH), "PATCH");
}

#define CT "multipart/form-data; boundary=XyZ"

static void test_multipart(void **state)
{
	struct web_multipart m;
	struct candor_error err = CANDOR_ERROR_INIT;
	const char body[] =
		"preamble\r\n--XyZ\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\nabc\r\n"
		"--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a \\\"b\\\".vtt\"\r\n"
		"Content-Type: text/vtt\r\n\r\nWEBVTT\r\n\r\n--Xy not yet\r\n--XyZ--\r\n";
	const struct web_part *p;

	assert_int_equal(web_multipart_parse(&m, body, sizeof(body) - 1, CT, &err), 0);
	assert_int_equal(m.n, 2);
	p = web_multipart_get(&m, "csrf");
	assert_non_null(p);
	assert_false(p->is_file);
	assert_int_equal(p->len, 3);
	assert_memory_equal(p->data, "abc", 3);
	p = web_multipart_get(&m, "file");
	assert_true(p->is_file);
	assert_string_equal(p->filename, "a \"b\".vtt");
	assert_string_equal(p->type, "text/vtt");
	assert_int_equal(p->len, strlen("WEBVTT\r\n\r\n--Xy not yet"));
	assert_int_equal(web_multipart_parse(&m, body, sizeof(body) - 1,
					     "multipart/form-data; boundary=\"XyZ\"", &err), 0);
}

static void test_multipart_bad(void **state)
{
	struct web_multipart m;
	struct candor_error err = CANDOR_ERROR_INIT;
	static const char *const bodies[] = {
		"",                                              /* nothing */
		"--XyZ\r\n\r\nno headers\r\n--XyZ--",            /* no disposition */
		"--XyZ\r\nContent-Disposition: form-data\r\n\r\nx\r\n--XyZ--", /* no name */
		/* an empty name (found by fuzz-multipart) */
		"--XyZ\r\nContent-Disposition: form-data; name=\"\"\r\n\r\nx\r\n--XyZ--",
		"--XyZ\r\nContent-Disposition: form-data; name= x\r\n\r\nx\r\n--XyZ--",
		/* two dispositions: a file name kept from the first, is_file from the second */
		"--XyZ\r\nContent-Disposition: form-data; name=f; filename=a.vtt\r\n"
		"Content-Disposition: form-data; name=g\r\n\r\nx\r\n--XyZ--",
		"--XyZ\r\nContent-Disposition: attachment; name=a\r\n\r\nx\r\n--XyZ--",
		"--XyZ\r\nContent-Disposition: form-data; name=a\r\n\r\nunterminated",
		"--XyZ\r\nContent-Disposition: form-data; name=\"a\r\n\r\nx\r\n--XyZ--",
		"--XyZ--",                                       /* no parts */
		"--XyZ junk\r\n",
	};
	static const char *const types[] = { "text/plain", "multipart/form-data",
		"multipart/form-data; boundary=", "multipart/form-data; boundary=a<b" };

	for (size_t i = 0; i < CANDOR_ARRAY_SIZE(bodies); i++)
		assert_int_equal(web_multipart_parse(&m, bodies[i], strlen(bodies[i]), CT, &err),
				 CANDOR_EINVALID);
	for (size_t i = 0; i < CANDOR_ARRAY_SIZE(types); i++)
		assert_int_equal(web_multipart_parse(&m, "--a\r\n", 5, types[i], &err), CANDOR_EINVALID);
}

static void test_multipart_limits(void **state)
{
	struct web_multipart m;
	struct candor_error err = CANDOR_ERROR_INIT;
	struct candor_buf b = CANDOR_BUF_INIT;

	for (int i = 0; i <= WEB_PARTS_MAX; i++)
		candor_buf_addf(&b, "--XyZ\r\nContent-Disposition: form-data; name=\"f%d\"\r\n\r\nv\r\n", i);
	candor_buf_adds(&b, "--XyZ--\r\n");
	assert_int_equal(web_multipart_parse(&m, b.ptr, b.len, CT, &err), CANDOR_EINVALID);
	candor_buf_reset(&b);
	candor_buf_adds(&b, "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\nX-Pad: ");
	for (int i = 0; i < WEB_PART_HEADERS_MAX; i++)
		candor_buf_addch(&b, 'x');
	candor_buf_adds(&b, "\r\n\r\nv\r\n--XyZ--\r\n");
	assert_int_equal(web_multipart_parse(&m, b.ptr, b.len, CT, &err), CANDOR_EINVALID);
	candor_buf_release(&b);
}

static void test_tokens(void **state)
{
	struct candor_secret sec = { 0 };
	char token[CANDOR_TOKEN_MAX], sel[33], other[CANDOR_TOKEN_MAX];
	const char *secret;

	assert_int_equal(candor_secret_init(), 0);
	candor_token_new(&sec, token);
	assert_int_equal(strlen(token), CANDOR_TOKEN_MAX - 1);
	assert_true(candor_token_split(token, sel, &secret));
	assert_string_equal(sel, sec.selector);
	assert_true(candor_token_check(&sec, secret));
	snprintf(other, sizeof(other), "%s", token);
	other[CANDOR_TOKEN_MAX - 2] = other[CANDOR_TOKEN_MAX - 2] == 'a' ? 'b' : 'a';
	assert_true(candor_token_split(other, sel, &secret));
	assert_false(candor_token_check(&sec, secret));
	assert_false(candor_token_split("abc.def", sel, &secret));
	assert_false(candor_token_split("", sel, &secret));
	assert_false(candor_token_split(NULL, sel, &secret));
	assert_true(candor_token_equal("abc", "abc"));
	assert_false(candor_token_equal("abc", "abd"));
	assert_false(candor_token_equal("abc", "ab"));
	assert_false(candor_token_equal("abc", NULL));
	assert_false(candor_token_equal("", ""));
}

static void test_cookie_and_password(void **state)
{
	char v[64], hash[256];

	assert_true(web_cookie_get("a=1; candor_session=xyz; b=2", "candor_session", v, sizeof(v)));
	assert_string_equal(v, "xyz");
	assert_false(web_cookie_get("xcandor_session=1", "candor_session", v, sizeof(v)));
	assert_false(web_cookie_get(NULL, "candor_session", v, sizeof(v)));
	assert_int_equal(candor_secret_init(), 0);
	assert_int_equal(candor_password_hash(hash, sizeof(hash), "correct horse"), 0);
	assert_true(!strncmp(hash, "$argon2id$", 10));
	assert_true(candor_password_check(hash, "correct horse"));
	assert_false(candor_password_check(hash, "correct horsE"));
}

static void test_content_type(void **state)
{
	(void)state;
	assert_true(web_content_type_is("application/json", "application/json"));
	assert_true(web_content_type_is("Application/JSON; charset=utf-8", "application/json"));
	assert_true(web_content_type_is("application/json ;charset=utf-8", "application/json"));
	assert_false(web_content_type_is("application/jsonfoo", "application/json"));
	assert_false(web_content_type_is("application/json-seq", "application/json"));
	assert_false(web_content_type_is("text/plain", "application/json"));
	assert_false(web_content_type_is(NULL, "application/json"));
}

static void test_text_ok(void **state)
{
	assert_true(web_text_ok("héllo\tthere\n", strlen("héllo\tthere\n")));
	assert_false(web_text_ok("a\x01", 2));
	assert_false(web_text_ok("\xc3", 1));
	assert_false(web_text_ok("\xc0\xaf", 2));
	assert_false(web_text_ok("a\0b", 3));
	assert_false(web_text_ok("\xed\xa0\x80", 3));      /* a surrogate */
	assert_false(web_text_ok("\xe0\x80\xaf", 3));      /* overlong */
	assert_false(web_text_ok("\xf4\x90\x80\x80", 4));  /* above U+10FFFF */
}

/* Where a browser may be sent after signing in: this site's paths only. */
static void test_local_path(void **state)
{
	assert_true(web_local_path("/"));
	assert_true(web_local_path("/buyers/3"));
	assert_true(web_local_path("/interactions/4?x=1#signal-2"));
	assert_false(web_local_path(NULL));
	assert_false(web_local_path(""));
	assert_false(web_local_path("//evil.example"));
	assert_false(web_local_path("//evil.example/buyers/3"));
	assert_false(web_local_path("/\\evil.example"));
	assert_false(web_local_path("/a\\b"));
	assert_false(web_local_path("https://evil.example/"));
	assert_false(web_local_path("http:/x"));
	assert_false(web_local_path("javascript:alert(1)"));
	assert_false(web_local_path("buyers/3"));
	assert_false(web_local_path("/a\r\nSet-Cookie: x=1"));
	assert_false(web_local_path("/a\tb"));
}

/* A message for the web, without the command line's advice. */
static void test_plain_message(void **state)
{
	struct candor_buf b = CANDOR_BUF_INIT;

	web_plain_message(&b, "no contact '9' (see 'candor contact list')");
	assert_string_equal(b.ptr, "no contact &#39;9&#39;");
	candor_buf_reset(&b);
	web_plain_message(&b, "'said': 'x' is not a category (see 'candor log --help'), sorry");
	assert_string_equal(b.ptr, "&#39;said&#39;: &#39;x&#39; is not a category, sorry");
	candor_buf_reset(&b);
	web_plain_message(&b, "'at' is not a date (use YYYY-MM-DD) <b>");
	assert_string_equal(b.ptr, "&#39;at&#39; is not a date (use YYYY-MM-DD) &lt;b&gt;");
	candor_buf_reset(&b);
	web_plain_message(&b, "an open ( without its end, candor ");
	assert_string_equal(b.ptr, "an open ( without its end, candor ");
	candor_buf_release(&b);
}

#define DAY 86400
#define NOV4 1793750400 /* 2026-11-04 */

/* The moments: the ends, an even grid, and each event and the second before it. */
static void test_chart_times(void **state)
{
	int64_t from = NOV4 - 60 * DAY, to = NOV4 + 20 * DAY;
	const int64_t ev[] = { NOV4, NOV4 - 30 * DAY, from, to + DAY, NOV4 };
	int64_t out[WEB_CHART_GRID + 2 + 2 * 5];
	size_t n = web_chart_times(out, ev, 5, from, to);
	bool before = false, at = false, month = false;

	assert_true(n >= WEB_CHART_GRID + 2 && n <= WEB_CHART_GRID + 2 + 4);
	assert_int_equal(out[0], from);
	assert_int_equal(out[n - 1], to);
	for (size_t i = 1; i < n; i++)
		assert_true(out[i - 1] < out[i]); /* sorted, each once */
	for (size_t i = 0; i < n; i++) {
		before |= out[i] == NOV4 - 1;
		at |= out[i] == NOV4;
		month |= out[i] == NOV4 - 30 * DAY - 1;
		assert_true(out[i] >= from && out[i] <= to); /* nothing outside */
	}
	assert_true(before && at && month);
	/* even steps: no two grid moments further apart than the span / grid */
	for (size_t i = 1; i < n; i++)
		assert_true(out[i] - out[i - 1] <= (to - from) / (WEB_CHART_GRID + 1) + 1);
}

/* A broken promise is an event on the day it broke, and overdue when its due day ended. */
static void test_chart_events(void **state)
{
	struct candor_commitment_event ce[] = {
		{ .at = NOV4 - 20 * DAY, .status = CANDOR_COMMITMENT_OPEN, .due = NOV4 - 4 * DAY, .note = "" },
		{ .at = NOV4, .status = CANDOR_COMMITMENT_BROKEN, .due = NOV4 - 4 * DAY, .note = "" },
	};
	struct candor_commitment c = { .id = 7, .text = "introduce a reference", .made = NOV4 - 20 * DAY,
				       .events = ce, .nevents = 2 };
	struct candor_interaction it = { .id = 3, .kind = CANDOR_INTERACTION_CALL, .at = NOV4 - 20 * DAY,
					 .seller = "s", .text = "intro", .source = "", .metrics = "",
					 .seller_share = -1, .analyser = "" };
	struct candor_evidence ev = { .interactions = &it, .ninteractions = 1, .commitments = &c,
				      .ncommitments = 1 };
	struct web_chart_event *e = NULL;
	struct candor_buf b = CANDOR_BUF_INIT;
	size_t n = 0;
	int nseries = 0;
	bool broken = false, overdue = false;

	assert_int_equal(web_chart_events(&e, &n, &ev, NOV4 - 30 * DAY, NOV4 + 50 * DAY), 0);
	for (size_t i = 0; i < n; i++) {
		broken |= e[i].at == NOV4 && !strcmp(e[i].kind, "commitment") && e[i].id == 7 &&
			  strstr(e[i].text, "promise broken");
		overdue |= e[i].at == NOV4 - 3 * DAY && strstr(e[i].text, "overdue");
		if (i)
			assert_true(e[i - 1].at <= e[i].at);
	}
	assert_true(broken && overdue);
	/* no contact for 30 days after the call: cooling, 30 days and a second after it */
	for (size_t i = 0, found = 0; i <= n; i++) {
		if (i == n) {
			assert_true(found);
			break;
		}
		found |= e[i].at == it.at + 30 * DAY + 1 && strstr(e[i].text, "cooling");
	}
	free(e);
	/* nothing recorded yet: no events, and a chart all the same */
	{
		struct candor_evidence none = { 0 };

		assert_int_equal(web_chart_events(&e, &n, &none, NOV4 - 30 * DAY, NOV4), 0);
		assert_int_equal(n, 0);
		free(e);
		assert_int_equal(web_chart(&b, &none, NOV4, NOV4), 0);
		assert_non_null(strstr(b.ptr, "nothing recorded yet"));
		candor_buf_reset(&b);
	}
	/* drawn: a mark on the day, listed under the chart */
	assert_int_equal(web_chart(&b, &ev, NOV4 - 20 * DAY, NOV4 + 50 * DAY), 0);
	assert_non_null(strstr(b.ptr, "<a class=\"mark\" href=\"#ev-"));
	assert_non_null(strstr(b.ptr, "data-at=\"2026-11-04\"><title>2026-11-04: promise broken"));
	assert_non_null(strstr(b.ptr, "<rect class=\"cooling\""));
	/* each line from the chart's left edge to its right, drawn from the ends
	 * of each flat run: credibility and intimacy, flat throughout (nothing
	 * said or given), are two points each; reliability and trust drop */
	for (const char *p = b.ptr; (p = strstr(p, "<polyline ")); p++) {
		const char *q = strstr(p, "points=\""), *end;
		char ys[3][16] = { "", "", "" }, first_x[16] = "", last_x[16] = "", name[32] = "";
		int npoints = 0;

		assert_non_null(q);
		q += 8;
		end = strchr(q, '"');
		assert_non_null(end);
		while (q < end && *q != ' ') {
			int xn = 0, yn = 0;

			assert_int_equal(sscanf(q, "%15[0-9.],%n%15[0-9.]%n", last_x, &xn, ys[npoints % 3], &yn), 2);
			if (!npoints)
				snprintf(first_x, sizeof(first_x), "%s", last_x);
			if (npoints >= 2)
				assert_false(!strcmp(ys[npoints % 3], ys[(npoints + 1) % 3]) &&
					     !strcmp(ys[npoints % 3], ys[(npoints + 2) % 3]));
			npoints++;
			q += yn + 1;
		}
		assert_string_equal(first_x, "62.0");
		assert_string_equal(last_x, "628.0");
		assert_int_equal(sscanf(p, "<polyline class=\"series\" data-series=\"%31[^\"]\"", name), 1);
		if (!strcmp(name, "intimacy") || !strcmp(name, "credibility"))
			assert_int_equal(npoints, 2);
		else if (!strcmp(name, "trust") || !strcmp(name, "reliability"))
			assert_true(npoints > 2);
		nseries++;
	}
	assert_int_equal(nseries, 5);
	candor_buf_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_escape),
		cmocka_unit_test(test_content_type),
		cmocka_unit_test(test_form),
		cmocka_unit_test(test_query),
		cmocka_unit_test(test_form_limit),
		cmocka_unit_test(test_router),
		cmocka_unit_test(test_multipart),
		cmocka_unit_test(test_multipart_bad),
		cmocka_unit_test(test_multipart_limits),
		cmocka_unit_test(test_tokens),
		cmocka_unit_test(test_cookie_and_password),
		cmocka_unit_test(test_text_ok),
		cmocka_unit_test(test_local_path),
		cmocka_unit_test(test_plain_message),
		cmocka_unit_test(test_chart_times),
		cmocka_unit_test(test_chart_events),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
