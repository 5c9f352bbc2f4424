/*
 * features.h: what the signal model sees of an utterance (internal to
 * src/text).
 *
 * A featurizer turns every utterance of a conversation into a sparse vector
 * of named features, each a 64-bit hash of its name with a value (the
 * vector has unit length).  The same code serves training (train.c) and
 * inference (sigmodel.c), so what the model learned is what it is shown.
 *
 * Feature families (the prefix before ':' names the family; all text is
 * the normalised form of text/normalize.h: case folded, contractions
 * expanded, numbers folded to "<num>"):
 *   w:WORD           every word
 *   b:W1_W2          every pair of neighbouring words ("<s>" opens a sentence)
 *   t:W1_W2_W3       every run of three words
 *   g:WORD           a word within four words after "not", "no", "never"...
 *                    in its sentence (negation scope: "not worried")
 *   c:GRAM           character 4-grams inside words padded with '_' (the
 *                    part of a word the model never saw whole)
 *   f:W, f2:W1_W2    how a sentence starts (questions without a '?')
 *   l:W              the utterance's last word ("right", "you know")
 *   q?               a question mark is present
 *   n:K              length bucket (words)
 *   s:SIDE           buyer, seller or unknown
 *   x:CAT, xk:KIND, xh:CAT
 *                    the lexicon's signals, fact kinds and hedged signals
 *   p:..., px:CAT, pq, pf2:W1_W2, nx:CAT, nq, nf:W
 *                    the utterances before and after: whether the same
 *                    side spoke, their lexicon signals, question marks
 *                    and first words
 *   pw:WORD, nw:WORD their words of four letters or more (up to 30, at
 *                    half weight): what a turn answers ("They charge per
 *                    seat." after a vendor is named)
 *   k:<Name>, kb:, ka:  a capitalised word inside a sentence, its neighbours
 * Words are also kept with their position so a model can point at the
 * words that raised a signal (struct candor_feat.tok, .ntok).
 */
#ifndef CANDOR_TEXT_FEATURES_H
#define CANDOR_TEXT_FEATURES_H

#include "util/common.h"
#include "util/buf.h"
#include "core/conversation.h"

struct candor_lexicon;

struct candor_feat {
	uint64_t hash;
	float value;
	uint16_t tok, ntok;      /* words [tok, tok+ntok) of the utterance; ntok 0: none */
	bool fixed;              /* kept at its value, out of the unit-length scaling */
	uint32_t name;           /* offset of the name in the names buffer, when kept */
};

struct candor_feats {
	struct candor_feat *v;
	size_t n, alloc;
};

/* One word of an utterance: its place in the ORIGINAL text, in bytes. */
struct candor_word {
	uint32_t start, end;
};

/* What featurizing one utterance leaves behind for the model. */
struct candor_utt_feats {
	struct candor_feats f;          /* in order of first sight, duplicates merged */
	struct candor_word *words;      /* the utterance's words, original offsets */
	size_t nwords, awords;
	uint32_t lexmask;               /* bit per category index (sigmodel.h) */
	size_t w0, w1;                  /* the words featurized: all, or a sentence's */
};

struct candor_featurizer;

/* A featurizer scans with lx (borrowed, must outlive it). */
int candor_featurizer_new(struct candor_featurizer **out, const struct candor_lexicon *lx);
void candor_featurizer_free(struct candor_featurizer *fz);

/*
 * Featurize every utterance of u[0..n): out[i] receives utterance i (out
 * must hold n entries, zero-initialised or reused from an earlier call).
 * With names set, every feature's name is appended to *names (NUL
 * terminated) and .name points at it, for explanations.  0, CANDOR_ERROR
 * (out of memory) or CANDOR_EINVALID (an utterance of 4 GiB or more).
 */
int candor_featurize(struct candor_featurizer *fz, const struct candor_utterance *u,
		     size_t n, struct candor_utt_feats *out, struct candor_buf *names);

/*
 * The sentences of utterance i, each featurized on its own (its words,
 * the lexicon's signals in it, its question mark; the utterance's side
 * and neighbours): a long turn of talk holds several acts, and a stall
 * in one sentence should not be drowned by the others.  Call after
 * candor_featurize on the same u.  *out points at *nout results owned by
 * fz, valid until the next call; *nout is 0 for a single sentence (the
 * utterance's own features say it all).  Word indices count from the
 * utterance's first word.  Errors as candor_featurize.
 */
int candor_featurize_sentences(struct candor_featurizer *fz, const struct candor_utterance *u,
			       size_t n, size_t i, struct candor_utt_feats **out, size_t *nout,
			       struct candor_buf *names);

void candor_utt_feats_release(struct candor_utt_feats *f);

/* The 64-bit FNV-1a hash of s[0..n). */
uint64_t candor_feat_hash(const char *s, size_t n);
/* h, a hash so far, continued over the bytes p[0..n). */
uint64_t candor_feat_hash_add(uint64_t h, const void *p, size_t n);

#endif
