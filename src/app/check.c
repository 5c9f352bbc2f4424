/*
 * app/check.c: the checks every use case shares (app.h): one message per
 * rule, naming the field at fault, so the CLI and the web refuse the same
 * input in the same words.
 */
#include "util/common.h"
#include "util/date.h"
#include "util/utf8.h"
#include "core/model.h"
#include "app/app.h"

void candor_app_init(struct candor_app *app, struct candor_store *store, int64_t now)
{
	app->store = store;
	app->err = store->err;
	app->now = now;
	app->who = NULL;
	app->fresh = false;
	app->fresh_at = 0;
	app->fresh_touches = 0;
}

int candor_app_contact_find(struct candor_app *app, const char *ref, struct candor_contact *out)
{
	return candor_store_contact_find(app->store, ref, out);
}

static bool blank(const char *s)
{
	while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
		s++;
	return !*s;
}

int candor_app_check_optional(struct candor_app *app, const char *field, const char *text)
{
	size_t n = text ? strlen(text) : 0;

	if (n > CANDOR_APP_TEXT_MAX)
		return candor_error_set(app->err, CANDOR_EINVALID, field,
					"'%s' is too long (at most %d bytes)", field,
					CANDOR_APP_TEXT_MAX);
	if (n && !candor_utf8_text_ok(text, n))
		return candor_error_set(app->err, CANDOR_EINVALID, field,
					"'%s' is not text: write it in UTF-8", field);
	return 0;
}

int candor_app_check_text(struct candor_app *app, const char *field, const char *text)
{
	if (!text || blank(text))
		return candor_error_set(app->err, CANDOR_EINVALID, field,
					"'%s' must not be empty", field);
	return candor_app_check_optional(app, field, text);
}

int candor_app_check_past(struct candor_app *app, const char *field, int64_t at)
{
	char d[CANDOR_DATE_MAX], now[CANDOR_DATE_MAX];

	if (!at)
		return candor_error_set(app->err, CANDOR_EINVALID, field, "'%s' is required", field);
	if (at <= app->now + CANDOR_DAY)
		return 0;
	candor_date_format(d, sizeof(d), at);
	candor_date_format(now, sizeof(now), app->now);
	return candor_error_set(app->err, CANDOR_EINVALID, field, "'%s' %s is in the future "
				"(it is %s): record things when they have happened", field, d, now);
}

int candor_app_check_due(struct candor_app *app, const char *field, int64_t due, int64_t since,
			 const char *since_what)
{
	char a[CANDOR_DATE_MAX], b[CANDOR_DATE_MAX];

	if (!due)
		return candor_error_set(app->err, CANDOR_EINVALID, field,
					"'%s' is required: by when?", field);
	if (due >= since - since % CANDOR_DAY)
		return 0;
	candor_date_format(a, sizeof(a), due);
	candor_date_format(b, sizeof(b), since);
	return candor_error_set(app->err, CANDOR_EINVALID, field, "'%s' %s is before %s (%s)",
				field, a, since_what, b);
}

int candor_app_check_enum(struct candor_app *app, const char *field, const struct candor_name *t,
			  int v, const char *what)
{
	char list[256];

	if (v >= 0 && strcmp(candor_name_of(t, v), "?"))
		return 0;
	candor_name_list(list, sizeof(list), t);
	if (v == -1)
		return candor_error_set(app->err, CANDOR_EINVALID, field, "'%s' is required (%s: %s)",
					field, what, list);
	return candor_error_set(app->err, CANDOR_EINVALID, field, "'%s' must be one of %s",
				field, list);
}
