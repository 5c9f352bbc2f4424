/*
 * store/readback.h: text read back from the database is checked before
 * anyone sees it (store.c calls these on every read it hands out).  Candor
 * writes only strict UTF-8 (util/utf8.h), so text that is not is a record
 * changed behind Candor's back; it is refused with CANDOR_EDB and a message
 * naming the record and the column, never passed on to be dropped by a
 * JSON writer or mangled on a page.  Internal to store/.
 */
#ifndef CANDOR_STORE_READBACK_H
#define CANDOR_STORE_READBACK_H

#include "store/store.h"

int store_readback_accounts(struct candor_store *s, const struct candor_account *v, size_t n);
int store_readback_contacts(struct candor_store *s, const struct candor_contact *v, size_t n);
int store_readback_evidence(struct candor_store *s, const struct candor_evidence_set *e);
int store_readback_utterances(struct candor_store *s, int64_t interaction_id,
			      const struct candor_utterance *u, size_t n);
int store_readback_proposals(struct candor_store *s, const struct candor_proposal_row *p,
			     size_t n);
int store_readback_corrections(struct candor_store *s, const struct candor_correction *c,
			       size_t n);
int store_readback_users(struct candor_store *s, const struct candor_user *v, size_t n);

#endif
