/* util/json-text.c: see json-text.h. */
#include "util/common.h"
#include "util/buf.h"
#include "util/json-text.h"

/* an allocation of jansson's failed on this thread since the flag was cleared */
static _Thread_local bool json_short;

static void *json_alloc(size_t n)
{
	void *p = malloc(n);

	if (!p)
		json_short = true;
	return p;
}

/* before main: every allocation of jansson's is seen */
__attribute__((constructor)) static void json_alloc_install(void)
{
	json_set_alloc_funcs(json_alloc, free);
}

static int to_buf(const char *text, size_t n, void *data)
{
	struct candor_buf *b = data;

	candor_buf_add(b, text, n);
	return candor_buf_error(b) ? -1 : 0;
}

char *candor_json_text(const json_t *j, size_t flags)
{
	struct candor_buf b = CANDOR_BUF_INIT;

	if (!j || json_dump_callback(j, to_buf, &b, flags) || candor_buf_error(&b) || !b.len) {
		candor_buf_release(&b);
		return NULL;
	}
	return candor_buf_detach(&b, NULL);
}

json_t *candor_json_readb(const char *buf, size_t len, size_t flags, json_error_t *err, bool *oom)
{
	json_t *j;

	json_short = false;
	j = json_loadb(buf, len, flags, err);
	if (oom)
		*oom = json_short;
	if (json_short) {
		json_decref(j);
		j = NULL;
		if (err)
			snprintf(err->text, sizeof(err->text), "out of memory reading JSON");
	}
	return j;
}

json_t *candor_json_read(const char *text)
{
	return text ? candor_json_readb(text, strlen(text), 0, NULL, NULL) : NULL;
}
