/*
 * cmd-user.c: `candor user add|list|token|remove|role|password|sessions`,
 * the people who sign in to `candor serve`.  Passwords are read without
 * echo from a terminal, or as one line of standard input otherwise; the use
 * cases (app/users.h) check and hash them.  API tokens are printed once and
 * stored hashed (`candor token` lists and revokes them).
 */
#include "util/common.h"
#include <termios.h>
#include <unistd.h>
#include "cli/cli.h"
#include "app/users.h"

struct user_opts {
	const char *role;
	const char *expires;
	const char *days;
	bool json;
	bool end;
	bool feed;
};

static int user_opt(struct candor_ctx *ctx, int code, const char *arg, void *data)
{
	struct user_opts *o = data;

	if (code == 'r')
		o->role = arg;
	else if (code == 'j')
		o->json = true;
	else if (code == 'e')
		o->expires = arg;
	else if (code == 'd')
		o->days = arg;
	else if (code == 'F')
		o->feed = true;
	else if (code == 'E')
		o->end = true;
	return CLI_OK;
}

static const struct option user_options[] = {
	{ "role", required_argument, NULL, 'r' },
	{ "json", no_argument, NULL, 'j' },
	{ "expires", required_argument, NULL, 'e' },
	{ "days", required_argument, NULL, 'd' },
	{ "feed", no_argument, NULL, 'F' },
	{ "end", no_argument, NULL, 'E' },
	{ 0 }
};

/* Read one line into buf without its newline; without echo on a terminal. */
static int read_password(struct candor_ctx *ctx, char *buf, size_t n)
{
	struct termios old, quiet;
	bool tty = isatty(STDIN_FILENO) && tcgetattr(STDIN_FILENO, &old) == 0;
	bool ok;

	if (tty) {
		fprintf(stderr, "password: ");
		quiet = old;
		quiet.c_lflag &= ~(tcflag_t)ECHO;
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
	}
	ok = fgets(buf, (int)n, stdin) != NULL;
	if (tty) {
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
		fprintf(stderr, "\n");
	}
	if (!ok)
		return cli_errorf(ctx, CLI_INVALID, "no password given (type it, or pipe it in)");
	if (strlen(buf) == n - 1 && buf[n - 2] != '\n')
		return cli_errorf(ctx, CLI_INVALID, "the password is too long (at most %d bytes)",
				  CANDOR_PASSWORD_MAX);
	buf[strcspn(buf, "\r\n")] = '\0';
	return CLI_OK;
}

static int user_add(struct candor_ctx *ctx, const char *name, const struct user_opts *o)
{
	char pw[CANDOR_PASSWORD_MAX + 2];
	struct candor_app app;
	int64_t id;
	int rc, role;

	if (!o->role)
		return cli_usage_error(ctx, "which role? add --role seller|manager|admin");
	if ((rc = cli_enum(ctx, candor_roles, o->role, "--role", &role)) ||
	    (rc = read_password(ctx, pw, sizeof(pw))) || (rc = cli_store(ctx, false)))
		goto cleanup;
	cli_app(ctx, &app);
	if ((rc = candor_app_user_add(&app, name, role, pw, &id)))
		rc = cli_fail(ctx, rc);
	else
		rc = cli_print_id(ctx, o->json, "user", id, name);
cleanup:
	memset(pw, 0, sizeof(pw));
	return rc;
}

static int user_list(struct candor_ctx *ctx, const struct user_opts *o)
{
	struct candor_user_list l = { 0 };
	json_t *arr = json_array();
	int rc;
	bool bad = false;

	if ((rc = cli_store(ctx, false)) || (rc = candor_store_users(ctx->store, 0, NULL, &l))) {
		json_decref(arr);
		return rc > 0 ? rc : cli_fail(ctx, rc);
	}
	for (size_t i = 0; i < l.n; i++) {
		if (o->json)
			candor_json_push(arr, json_pack("{s:I,s:s,s:s}", "id", (json_int_t)l.v[i].id,
				"name", l.v[i].name, "role", candor_name_of(candor_roles, l.v[i].role)), &bad);
		else
			printf("%-4" PRId64 " %-24s %s\n", l.v[i].id, l.v[i].name,
			       candor_name_of(candor_roles, l.v[i].role));
	}
	if (!o->json && !l.n)
		printf("no users: 'candor serve' serves you alone, on this machine\n");
	candor_user_list_release(&l);
	return o->json ? cli_print_json(ctx, candor_json_checked(arr, bad)) : (json_decref(arr), CLI_OK);
}

/* --expires DATE (the end of that day, or that moment) or --days N, into *out (0: never). */
static int token_expiry(struct candor_ctx *ctx, const struct user_opts *o, int64_t *out)
{
	char *end = NULL;
	long long days;

	*out = 0;
	if (o->expires && o->days)
		return cli_usage_error(ctx, "give --expires DATE or --days N, not both");
	if (o->expires)
		return cli_asof_date(ctx, out, o->expires, "--expires");
	if (!o->days)
		return CLI_OK;
	errno = 0;
	days = strtoll(o->days, &end, 10);
	if (errno || end == o->days || *end || days < 1 || days > 36500)
		return cli_errorf(ctx, CLI_INVALID, "--days '%s': give a whole number of days, "
				  "1 to 36500", o->days);
	*out = ctx->now + (int64_t)days * 86400;
	return CLI_OK;
}

static int user_token(struct candor_ctx *ctx, const char *name, const struct user_opts *o)
{
	struct candor_app app;
	char token[CANDOR_TOKEN_MAX];
	int64_t expires;
	int rc;

	if ((rc = token_expiry(ctx, o, &expires)) || (rc = cli_store(ctx, false)))
		return rc;
	cli_app(ctx, &app);
	if ((rc = o->feed ? candor_app_feed_token_new(&app, name, expires, token)
		       : candor_app_token_new(&app, name, expires, token)))
		return cli_fail(ctx, rc);
	printf("%s\n", token);
	if (o->feed)
		fprintf(stderr, "a new calendar feed token for '%s': subscribe to "
			"https://YOUR-SERVER/calendar.ics?token=TOKEN (it reads their promises, "
			"nothing else); it is shown only now\n", name);
	else
		fprintf(stderr, "a new API token for '%s': send it as 'Authorization: Bearer "
			"TOKEN'; it is shown only now\n", name);
	if (expires) {
		char day[32];

		candor_date_format(day, sizeof(day), expires);
		fprintf(stderr, "it stops working at %s\n", day);
	}
	return CLI_OK;
}

static int user_remove(struct candor_ctx *ctx, const char *name)
{
	struct candor_app app;
	int64_t owned;
	int rc;

	if ((rc = cli_store(ctx, false)))
		return rc;
	cli_app(ctx, &app);
	if ((rc = candor_app_user_remove(&app, name, &owned)))
		return cli_fail(ctx, rc);
	return cli_say(ctx, "removed user '%s', their sessions and API tokens; %" PRId64
		       " account%s still name%s them as owner", name, owned, owned == 1 ? "" : "s",
		       owned == 1 ? "s" : "");
}

static int user_role(struct candor_ctx *ctx, const char *name, const char *role_name)
{
	struct candor_app app;
	int rc, role;

	if ((rc = cli_enum(ctx, candor_roles, role_name, "ROLE", &role)) ||
	    (rc = cli_store(ctx, false)))
		return rc;
	cli_app(ctx, &app);
	if ((rc = candor_app_user_role(&app, name, role)))
		return cli_fail(ctx, rc);
	return cli_say(ctx, "'%s' is now %s, from their next request", name, role_name);
}

static int user_password(struct candor_ctx *ctx, const char *name)
{
	char pw[CANDOR_PASSWORD_MAX + 2];
	struct candor_app app;
	int64_t ended;
	int rc;

	if ((rc = read_password(ctx, pw, sizeof(pw))) || (rc = cli_store(ctx, false)))
		goto cleanup;
	cli_app(ctx, &app);
	if ((rc = candor_app_user_password(&app, name, pw, &ended)))
		rc = cli_fail(ctx, rc);
	else
		rc = cli_say(ctx, "a new password for '%s'; %" PRId64 " session%s ended", name,
			     ended, ended == 1 ? "" : "s");
cleanup:
	memset(pw, 0, sizeof(pw));
	return rc;
}

static int user_sessions(struct candor_ctx *ctx, const char *name, const struct user_opts *o)
{
	struct candor_app app;
	int64_t ended;
	int rc;

	if (!o->end)
		return cli_usage_error(ctx, "write 'candor user sessions NAME --end' to sign them "
				       "out everywhere");
	if ((rc = cli_store(ctx, false)))
		return rc;
	cli_app(ctx, &app);
	if ((rc = candor_app_sessions_end(&app, name, &ended)))
		return cli_fail(ctx, rc);
	return cli_say(ctx, "ended %" PRId64 " session%s of '%s'", ended, ended == 1 ? "" : "s",
		       name);
}

int cmd_user(int argc, char **argv, struct candor_ctx *ctx)
{
	struct user_opts o = { 0 };
	char **pos;
	int npos;

	CLI_PARSE(ctx, argc, argv, user_options, user_opt, &o, &pos, &npos);
	if (candor_secret_init())
		return cli_errorf(ctx, CLI_INTERNAL, "cannot initialise libsodium");
	if (npos == 2 && !strcmp(pos[0], "add"))
		return user_add(ctx, pos[1], &o);
	if (npos == 1 && !strcmp(pos[0], "list"))
		return user_list(ctx, &o);
	if (npos == 2 && !strcmp(pos[0], "token"))
		return user_token(ctx, pos[1], &o);
	if (npos == 2 && !strcmp(pos[0], "remove"))
		return user_remove(ctx, pos[1]);
	if (npos == 3 && !strcmp(pos[0], "role"))
		return user_role(ctx, pos[1], pos[2]);
	if (npos == 2 && !strcmp(pos[0], "password"))
		return user_password(ctx, pos[1]);
	if (npos == 2 && !strcmp(pos[0], "sessions"))
		return user_sessions(ctx, pos[1], &o);
	return cli_usage_error(ctx, "write 'candor user add NAME --role ROLE', 'candor user list', "
			       "'candor user token NAME', 'candor user remove NAME', "
			       "'candor user role NAME ROLE', 'candor user password NAME' "
			       "or 'candor user sessions NAME --end'");
}
