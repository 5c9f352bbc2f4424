/*
 * conversation.h: reading and analysing transcript files for the CLI
 * (`analyze`, `import`, `lint`), shared so every command reads a file the
 * same way: the transcript readers (formats/), who is who (--seller, --as),
 * and the analyser (text/) with the lexicon.
 */
#ifndef CANDOR_CLI_CONVERSATION_H
#define CANDOR_CLI_CONVERSATION_H

#include "cli/cli.h"
#include "formats/transcript.h"
#include "text/analyze.h"
#include "text/lexicon.h"

#define CLI_MAX_ALIASES 32

/* The options every transcript command shares. */
struct cli_talk_opts {
	const char *seller;          /* --seller NAME: the seller's name in the file */
	bool seller_given;           /* --seller or $CANDOR_SELLER was set */
	const char *lexicon;         /* --lexicon DIR */
	const char *aliases[CLI_MAX_ALIASES]; /* --as "Name in file=Real Name" */
	size_t naliases;
	bool strict_sides;           /* no seller found is an error (import) */
};

/* One file, read and analysed.  Release with cli_talk_release(). */
struct cli_talk {
	const char *path;
	struct candor_transcript t;
	struct candor_analysis a;
	bool analysed;
};

/* Handle --seller, --lexicon and --as (codes 'S', 'L', 'a'); CLI_OK or an exit code. */
int cli_talk_opt(struct candor_ctx *ctx, struct cli_talk_opts *o, int code, const char *arg);
#define CLI_TALK_OPTIONS                                         \
	{ "seller", required_argument, NULL, 'S' },              \
	{ "lexicon", required_argument, NULL, 'L' },             \
	{ "as", required_argument, NULL, 'a' }

/* Load the lexicon (--lexicon, $CANDOR_LEXICON, or the default). */
int cli_lexicon(struct candor_ctx *ctx, const struct cli_talk_opts *o,
		struct candor_lexicon **out);

/* Read path into t (cues, utterances), say who is who. */
int cli_talk_read(struct candor_ctx *ctx, const struct cli_talk_opts *o, struct cli_talk *t,
		  const char *path);

/* Analyse t's utterances; call_time resolves "by Friday". */
int cli_talk_analyse(struct candor_ctx *ctx, struct candor_analyzer *az, struct cli_talk *t,
		     int64_t call_time);

void cli_talk_release(struct cli_talk *t);

/* Whether to show progress (standard error is a terminal). */
bool cli_progress_wanted(void);

#endif
