/*
 * assessment.c: a model assessment as text for a reader (the JSON form
 * is app/json.h).
 * Shared by `status`, `pipeline` and `export`.
 */
#include "util/common.h"
#include "cli/cli.h"
#include "cli/assessment.h"

const char *cli_stage_label(int stage)
{
	static const char *const labels[] = { "NEW", "KNOW", "LIKE", "TRUST", "READY", "DECIDED" };

	return stage >= 0 && stage < (int)CANDOR_ARRAY_SIZE(labels) ? labels[stage] : "?";
}

/* A bar of width cells for v in [0, 1]. */
static void bar(char *dst, size_t n, double v, int width)
{
	int full = (int)(v * width + 0.5);
	size_t used = 0;

	dst[0] = '\0';
	for (int i = 0; i < width && used + 4 < n; i++)
		used += (size_t)snprintf(dst + used, n - used, "%s", i < full ? "█" : "·");
}

void cli_assessment_print(const struct candor_assessment *a)
{
	char b[128], d[CANDOR_DATE_MAX], step[512];
	int next = -1;

	for (int i = 0; i < CANDOR_GATES && next < 0; i++)
		if (!a->gates[i].open)
			next = i;
	candor_date_format(d, sizeof(d), a->at);
	printf("\nstage   %s", cli_stage_label(a->stage));
	if (a->stage != CANDOR_STAGE_DECIDED && next >= 0)
		printf(" — held at the %s gate%s", cli_stage_label(a->gates[next].stage),
		       a->stalled ? " (stalled)" : "");
	printf("     as of %s, model %s\n", d, a->model_version);
	if (a->decision >= 0) {
		candor_date_format(d, sizeof(d), a->decided_at);
		printf("decided %s on %s%s\n", candor_name_of(candor_decision_kinds, a->decision), d,
		       a->decision == CANDOR_DECISION_STILL_DECIDING ? "" :
		       ": their decision; the relationship goes on");
	}
	bar(b, sizeof(b), a->trust, 20);
	printf("trust   %.2f %s\n", a->trust, b);
	printf("        credibility %.2f · reliability %.2f (uncertainty %.2f) · intimacy %.2f"
	       " · self-orientation %.2f\n", a->credibility, a->reliability, a->uncertainty,
	       a->intimacy, a->self_orientation);
	printf("        promises: %zu kept, %zu kept late, %zu broken, %zu open (%zu overdue);"
	       " expectations: %zu met, %zu missed; discovery: %d of %d kinds known\n",
	       a->kept, a->kept_late, a->broken, a->open_commitments, a->overdue, a->met, a->missed,
	       __builtin_popcount(a->fact_kinds_known), CANDOR_FACT_KINDS);
	if (a->seller_talk >= 0)
		printf("        you talked %.0f%% of the time in calls (top sellers: about 43%%)\n",
		       a->seller_talk * 100);
	if (a->toward + a->away + a->options + a->procedures == 0)
		printf("profile not known yet: no toward/away or options/procedures language heard\n");
	else
		printf("profile moves %s · decides by %s (from what they said: toward %zu, away %zu,"
		       " options %zu, procedures %zu)\n", candor_profile_direction_of(a),
		       candor_profile_style_of(a), a->toward, a->away, a->options, a->procedures);
	candor_next_step(step, sizeof(step), a);
	printf("next    %s\n", step);
	printf("\ngates\n");
	for (int i = 0; i < CANDOR_GATES; i++) {
		const struct candor_gate *g = &a->gates[i];

		printf("  %-5s %s\n", cli_stage_label(g->stage),
		       g->open ? "open" : g->nreasons ? "shut" : "shut (an earlier gate is shut)");
		for (size_t k = 0; k < g->nreasons; k++) {
			const struct candor_reason *r = &g->reasons[k];

			printf("        - %s", r->text);
			if (r->ref_kind)
				printf("  [%s #%" PRId64 "]", r->ref_kind, r->ref_id);
			putchar('\n');
			if (*r->hint)
				printf("          next: %s\n", r->hint);
		}
	}
}

static int later_first(const void *x, const void *y)
{
	const struct candor_contribution *a = *(const struct candor_contribution *const *)x;
	const struct candor_contribution *b = *(const struct candor_contribution *const *)y;

	if (a->at != b->at)
		return a->at < b->at ? 1 : -1;
	return a < b ? -1 : a > b;
}

/* The records behind each component, latest first, then the open gates' grounds. */
int cli_explanation_print(const struct candor_assessment *a, const struct candor_explanation *why)
{
	const double v[] = { a->credibility, a->reliability, a->intimacy, a->self_orientation };
	const struct candor_contribution **order = calloc(why->n + 1, sizeof(*order));
	char d[CANDOR_DATE_MAX];

	if (!order)
		return -1;
	for (size_t i = 0; i < why->n; i++)
		order[i] = &why->v[i];
	qsort(order, why->n, sizeof(*order), later_first);

	printf("\nwhy these numbers (each record's weight, faded by age)\n");
	for (int k = 0; k < CANDOR_COMPONENTS; k++) {
		size_t n = 0;

		printf("  %s %.2f%s\n", candor_name_of(candor_components, k), v[k],
		       k == CANDOR_COMPONENT_SELF_ORIENTATION ? " (lower is better)" : "");
		for (size_t i = 0; i < why->n; i++) {
			const struct candor_contribution *c = order[i];

			if (c->component != k)
				continue;
			candor_date_format(d, sizeof(d), c->at);
			d[10] = '\0';
			printf("        %+.2f  %s  %s", c->weight, d, c->text);
			if (c->ref_kind)
				printf("  [%s #%" PRId64 "]", c->ref_kind, c->ref_id);
			putchar('\n');
			n++;
		}
		if (!n)
			printf("        nothing on record moved it\n");
	}
	for (int g = 0; g < CANDOR_GATES; g++) {
		if (!why->ngrounds[g])
			continue;
		printf("  %s open because\n", cli_stage_label(a->gates[g].stage));
		for (size_t k = 0; k < why->ngrounds[g]; k++) {
			const struct candor_reason *r = &why->grounds[g][k];

			printf("        - %s", r->text);
			if (r->ref_kind)
				printf("  [%s #%" PRId64 "]", r->ref_kind, r->ref_id);
			putchar('\n');
		}
	}
	free(order);
	return 0;
}
