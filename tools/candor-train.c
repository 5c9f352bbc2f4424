/*
 * candor-train: rebuild the shipped signal model from the labelled corpus.
 *
 *   candor-train [--folds K] [--folds-by-folder] [--threads N] [--cost C] [--first-stage]
 *                [--stack|--stack-features|--stack-neighbours] [--stack-cost C] --out FILE DIR...
 *
 * Reads every labelled call under each DIR (text/corpus.h), trains the
 * model (text/train.h), prints the cross-validated scores per category and
 * how long it took, and writes FILE.  'make train' runs it on the corpus
 * of the source tree; the same corpus always gives the same bytes.  With
 * --stack (and its kinds, CANDOR_STACK_* in text/train.h) it also scores
 * a second stage in a nested cross-validation, the honest estimate of the
 * second stages the model ships (text/stack.h); --first-stage writes a
 * model without them.
 */
#include "util/common.h"
#include "util/error.h"
#include "text/corpus.h"
#include "text/lexicon.h"
#include "text/sigmodel.h"
#include "text/train.h"

/* A whole number in [lo, hi], or -1. */
static long number(const char *s, long lo, long hi)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	return errno || end == s || *end || v < lo || v > hi ? -1 : v;
}

static int usage(void)
{
	fprintf(stderr, "usage: candor-train [--folds K] [--folds-by-folder] [--threads N] [--cost C] "
			"[--first-stage] [--stack|--stack-features|--stack-neighbours] [--stack-cost C] "
			"--out FILE DIR...\n");
	return 2;
}

static void print_report(const struct candor_train_report *r)
{
	printf("cross-validated by call: %zu calls, %zu utterances, %zu features\n",
	       r->calls, r->utterances, r->features);
	printf("%-15s %6s %6s %6s %6s\n", "category", "lines", "P", "R", "F1");
	for (int c = 0; c < CANDOR_NCATS; c++)
		printf("%-15s %6zu %6.2f %6.2f %6.2f\n", candor_signal_categories[c],
		       r->positives[c], r->precision[c], r->recall[c], r->f1[c]);
	printf("macro-F1 %.3f; trained in %.1f s\n", r->macro_f1, r->seconds);
	if (r->second_macro_f1 >= 0) {
		printf("the second stages shipped, cross-validated on the first stage's "
		       "out-of-fold scores\n");
		printf("%-15s %6s %6s %s\n", "category", "F1 (1)", "F1 (2)", "decides");
		for (int c = 0; c < CANDOR_NCATS; c++)
			printf("%-15s %6.3f %6.3f %s\n", candor_signal_categories[c], r->f1[c],
			       r->second_f1[c], r->second_used & (1u << c) ? "second" : "first");
		printf("macro-F1 %.3f of the stage that decides (first stages alone %.3f); "
		       "second stages %.1f s\n", r->second_macro_f1, r->macro_f1, r->second_seconds);
	}
	if (r->stack_macro_f1 < 0)
		return;
	printf("second stage, cross-validated by call (the first stage's scores from inner folds)\n");
	printf("%-15s %6s %6s %6s %6s\n", "category", "F1 (1)", "P", "R", "F1");
	for (int c = 0; c < CANDOR_NCATS; c++)
		printf("%-15s %6.3f %6.2f %6.2f %6.3f\n", candor_signal_categories[c], r->f1[c],
		       r->stack_precision[c], r->stack_recall[c], r->stack_f1[c]);
	printf("macro-F1 %.3f (first stage %.3f); second stage %.1f s\n", r->stack_macro_f1,
	       r->macro_f1, r->stack_seconds);
}

int main(int argc, char **argv)
{
	struct candor_train_opts o = { 0 };
	struct candor_train_report rep;
	struct candor_corpus corpus = CANDOR_CORPUS_INIT;
	struct candor_error err = CANDOR_ERROR_INIT;
	struct candor_lexicon *lx = NULL;
	struct candor_signal_model *m = NULL;
	const char *out = NULL;
	int i, rc = 1;

	for (i = 1; i < argc && argv[i][0] == '-'; i++) {
		if (!strcmp(argv[i], "--out") && i + 1 < argc)
			out = argv[++i];
		else if (!strcmp(argv[i], "--folds") && i + 1 < argc)
			o.folds = (int)number(argv[++i], 1, 20);
		else if (!strcmp(argv[i], "--threads") && i + 1 < argc)
			o.threads = (int)number(argv[++i], 1, 16);
		else if (!strcmp(argv[i], "--errors") && i + 1 < argc) {
			if (!(o.errors = fopen(argv[++i], "w")))
				return usage();
		} else if (!strcmp(argv[i], "--min-count") && i + 1 < argc)
			o.min_count = (int)number(argv[++i], 1, 100);
		else if (!strcmp(argv[i], "--folds-by-folder"))
			o.by_folder = true;
		else if (!strcmp(argv[i], "--cost") && i + 1 < argc)
			o.C = strtod(argv[++i], NULL);
		else if (!strcmp(argv[i], "--first-stage"))
			o.first_only = true;
		else if (!strcmp(argv[i], "--stack"))
			o.stack = CANDOR_STACK_DENSE;
		else if (!strcmp(argv[i], "--stack-features"))
			o.stack = CANDOR_STACK_FEATURES;
		else if (!strcmp(argv[i], "--stack-neighbours"))
			o.stack = CANDOR_STACK_NEIGHBOURS;
		else if (!strcmp(argv[i], "--stack-cost") && i + 1 < argc)
			o.stack_C = strtod(argv[++i], NULL);
		else
			return usage();
	}
	if (!out || i == argc || o.folds < 0 || o.threads < 0 || !(o.C >= 0) || !(o.stack_C >= 0))
		return usage();
	o.progress = stderr;
	for (; i < argc; i++)
		if (candor_corpus_read_dir(&corpus, argv[i], &err))
			goto cleanup;
	if (candor_lexicon_load(&lx, candor_lexicon_default_dir(), &err) ||
	    candor_signal_train(&m, &corpus, lx, &o, &rep, &err))
		goto cleanup;
	print_report(&rep);
	if (candor_signal_model_set_about(m, "from the labelled corpus") ||
	    candor_signal_model_write(m, out, &err))
		goto cleanup;
	printf("wrote %s (signals/%s)\n", out, candor_signal_model_id(m));
	rc = 0;
cleanup:
	if (rc)
		fprintf(stderr, "candor-train: %s\n", err.msg);
	candor_signal_model_free(m);
	candor_lexicon_free(lx);
	candor_corpus_release(&corpus);
	if (o.errors)
		fclose(o.errors);
	return rc;
}
