/*
 * cmd-serve.c: `candor serve`, the web page and the JSON API (src/web/).
 *
 * The database is opened once here, to bring its schema up to date and to
 * see whether it has users; then each request opens its own connection.
 * With no users, the server serves the local user without signing in, and
 * only on a loopback address.  --trusted-proxy, --secure-cookies and
 * --request-timeout are handed to the server (web.h).
 */
#include "util/common.h"
#include <arpa/inet.h>
#include "cli/cli.h"
#include "cli/transcript-file.h"
#include "app/secret.h"
#include "app/users.h"
#include "web/web.h"

struct serve_opts {
	const char *listen;
	const char *trusted_proxy;
	bool secure_cookies;
	unsigned timeout;
	struct cli_talk_opts talk;
};

static int serve_opt(struct candor_ctx *ctx, int code, const char *arg, void *data)
{
	struct serve_opts *o = data;
	struct in_addr a;
	long n = 0;

	if (code == 'l') {
		o->listen = arg;
	} else if (code == 'P') {
		if (inet_pton(AF_INET, arg, &a) != 1)
			return cli_usage_error(ctx, "--trusted-proxy '%s' is not an IPv4 address "
					       "(e.g. 127.0.0.1)", arg);
		o->trusted_proxy = arg;
	} else if (code == 'S') {
		o->secure_cookies = true;
	} else if (code == 'T') {
		int rc = cli_whole(ctx, "--request-timeout (seconds)", arg, 1, 86400, &n);

		if (rc)
			return rc;
		o->timeout = (unsigned)n;
	} else
		return cli_talk_opt(ctx, &o->talk, code, arg);
	return CLI_OK;
}

static const struct option serve_options[] = {
	{ "listen", required_argument, NULL, 'l' },
	{ "lexicon", required_argument, NULL, 'L' },
	{ "trusted-proxy", required_argument, NULL, 'P' },
	{ "secure-cookies", no_argument, NULL, 'S' },
	{ "request-timeout", required_argument, NULL, 'T' },
	{ 0 }
};

/*
 * Open the store (migrating it), count its users, keep the store's own name
 * for it (a password in the address shows as ***), delete the expired
 * sessions and tokens, and close it again.
 */
static int serve_check(struct candor_ctx *ctx, struct web_server *srv)
{
	struct candor_user_list users = { 0 };
	struct candor_app app;
	int rc;

	if ((rc = cli_store(ctx, false)))
		return rc;
	snprintf(srv->db_shown, sizeof(srv->db_shown), "%s", ctx->store->location);
	cli_app(ctx, &app);
	if (!(rc = candor_app_secrets_purge(&app)))
		rc = candor_store_users(ctx->store, 0, NULL, &users);
	srv->no_users = users.n == 0;
	candor_user_list_release(&users);
	if (!rc)
		rc = candor_store_commit(ctx->store);
	candor_store_close(ctx->store);
	ctx->store = NULL;
	return rc ? cli_fail(ctx, rc) : CLI_OK;
}

int cmd_serve(int argc, char **argv, struct candor_ctx *ctx)
{
	struct serve_opts o = { .listen = "127.0.0.1:8080" };
	struct web_server srv = { .db_path = ctx->db_path, .local_user = ctx->seller,
				  .seller = getenv("CANDOR_SELLER"), .max_body = WEB_MAX_BODY };
	char **pos;
	int npos, rc;

	CLI_PARSE(ctx, argc, argv, serve_options, serve_opt, &o, &pos, &npos);
	if (npos)
		return cli_usage_error(ctx, "serve takes no arguments (the address is --listen ADDR:PORT)");
	if (candor_secret_init())
		return cli_errorf(ctx, CLI_INTERNAL, "cannot initialise libsodium");
	if ((rc = serve_check(ctx, &srv)) || (rc = cli_lexicon(ctx, &o.talk, &srv.lx)))
		return rc;
	if (!*srv.local_user)
		srv.local_user = "me";
	candor_random_hex(srv.csrf_local, 32);
	srv.trusted_proxy = o.trusted_proxy;
	srv.secure_cookies = o.secure_cookies;
	srv.deadline = o.timeout;
	rc = web_serve(&srv, o.listen, &ctx->err);
	candor_lexicon_free(srv.lx);
	return rc ? cli_fail(ctx, rc) : CLI_OK;
}
