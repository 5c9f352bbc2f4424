/*
 * app/words.h: what a salesperson reads where the store keeps a code.  A
 * promise is "kept late", not kept_late; a change in the audit trail is
 * "marked promise 'send the pricing' kept", not "add event #14".  The front
 * doors show these words; the codes stay what is typed and stored.
 */
#ifndef CANDOR_APP_WORDS_H
#define CANDOR_APP_WORDS_H

#include "app/app.h"
#include "store/audit.h"
#include "util/buf.h"

/* The words for a stored code ("kept_late": "kept late", "chose_another":
 * "chose another supplier"); code itself when it reads as it is. */
const char *candor_words_code(const char *code);

/* A day as people write it: "3 Dec", with the year when it is not now's
 * ("3 Dec 2025"); dst holds at least CANDOR_WORDS_DAY_MAX bytes. */
#define CANDOR_WORDS_DAY_MAX 24
void candor_words_day(char *dst, size_t n, int64_t t, int64_t now);

/*
 * What batch b did, in words, without who or when: "marked promise 'send
 * the pricing' kept", "changed promise 'send the case study': the due date
 * 18 Nov -> 19 Nov", "deleted the fact 'month-end takes nine days'",
 * "undid: learned 'month-end takes nine days'".  Read from its changes (and
 * the records they name, for a promise's words); a batch whose changes say
 * nothing known reads as its description.  Appended to out; 0 or an error
 * of the store.
 */
int candor_app_batch_words(struct candor_app *app, const struct candor_batch *b,
			   struct candor_buf *out);
/* One change in words: "changed the expectation 'a pilot plan': the state
 * open -> met; the date settled none -> 6 Nov", "added the fact '...'". */
int candor_app_change_words(struct candor_app *app, const struct candor_change *c,
			    struct candor_buf *out);

#endif
