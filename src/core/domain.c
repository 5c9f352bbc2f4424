/*
 * domain.c: the names of the domain's enums, as users type and read them.
 */
#include "util/common.h"
#include <strings.h>
#include "core/domain.h"

const struct candor_name candor_sides[] = {
	{ CANDOR_SIDE_SELLER, "seller" },
	{ CANDOR_SIDE_BUYER, "buyer" },
	{ CANDOR_SIDE_UNKNOWN, "unknown" },
	{ -1, NULL }
};

const struct candor_name candor_interaction_kinds[] = {
	{ CANDOR_INTERACTION_CALL, "call" },
	{ CANDOR_INTERACTION_MEETING, "meeting" },
	{ CANDOR_INTERACTION_EMAIL, "email" },
	{ CANDOR_INTERACTION_NOTE, "note" },
	{ CANDOR_INTERACTION_CHAT, "chat" },
	{ -1, NULL }
};

const struct candor_name candor_verdicts[] = {
	{ CANDOR_VERDICT_WRONG, "wrong" },
	{ CANDOR_VERDICT_MISSING, "missing" },
	{ -1, NULL }
};

const struct candor_name candor_commitment_statuses[] = {
	{ CANDOR_COMMITMENT_OPEN, "open" },
	{ CANDOR_COMMITMENT_KEPT, "kept" },
	{ CANDOR_COMMITMENT_KEPT_LATE, "kept_late" },
	{ CANDOR_COMMITMENT_BROKEN, "broken" },
	{ CANDOR_COMMITMENT_RENEGOTIATED, "renegotiated" },
	{ -1, NULL }
};

const struct candor_name candor_expectation_statuses[] = {
	{ CANDOR_EXPECTATION_OPEN, "open" },
	{ CANDOR_EXPECTATION_MET, "met" },
	{ CANDOR_EXPECTATION_MISSED, "missed" },
	{ -1, NULL }
};

const struct candor_name candor_fact_kinds[] = {
	{ CANDOR_FACT_BOTHERING, "bothering" },
	{ CANDOR_FACT_TRIED, "tried" },
	{ CANDOR_FACT_WORRIED, "worried" },
	{ CANDOR_FACT_HOPED, "hoped" },
	{ CANDOR_FACT_OBJECTION, "objection" },
	{ CANDOR_FACT_CRITERIA, "criteria" },
	{ CANDOR_FACT_CONCERN, "concern" },
	{ CANDOR_FACT_MOTIVATION, "motivation" },
	{ -1, NULL }
};

const struct candor_name candor_confidences[] = {
	{ CANDOR_CONF_LOW, "low" },
	{ CANDOR_CONF_MEDIUM, "medium" },
	{ CANDOR_CONF_HIGH, "high" },
	{ -1, NULL }
};

const struct candor_name candor_value_directions[] = {
	{ CANDOR_VALUE_GIVEN, "given" },
	{ CANDOR_VALUE_RECEIVED, "received" },
	{ -1, NULL }
};

const struct candor_name candor_fit_verdicts[] = {
	{ CANDOR_FIT_GOOD, "good" },
	{ CANDOR_FIT_PARTIAL, "partial" },
	{ CANDOR_FIT_POOR, "poor" },
	{ CANDOR_FIT_REFER, "refer" },
	{ -1, NULL }
};

const struct candor_name candor_decision_kinds[] = {
	{ CANDOR_DECISION_BOUGHT, "bought" },
	{ CANDOR_DECISION_CHOSE_ANOTHER, "chose_another" },
	{ CANDOR_DECISION_DECIDED_NOT_TO_BUY, "decided_not_to_buy" },
	{ CANDOR_DECISION_STILL_DECIDING, "still_deciding" },
	{ -1, NULL }
};

/* Compare ignoring case and treating '-' and '_' as the same. */
static bool same_name(const char *a, const char *b)
{
	for (; *a && *b; a++, b++) {
		char x = *a == '-' ? '_' : *a, y = *b == '-' ? '_' : *b;

		if (strncasecmp(&x, &y, 1))
			return false;
	}
	return !*a && !*b;
}

int candor_name_lookup(const struct candor_name *table, const char *name)
{
	if (!name)
		return -1;
	for (; table->name; table++)
		if (same_name(table->name, name))
			return table->value;
	return -1;
}

const char *candor_name_of(const struct candor_name *table, int value)
{
	for (; table->name; table++)
		if (table->value == value)
			return table->name;
	return "?";
}

void candor_name_list(char *dst, size_t n, const struct candor_name *table)
{
	size_t used = 0;

	dst[0] = '\0';
	for (const struct candor_name *t = table; t->name && used < n; t++) {
		const char *sep = t == table ? "" : (t[1].name ? ", " : " or ");
		int w = snprintf(dst + used, n - used, "%s%s", sep, t->name);

		if (w < 0)
			break;
		used += (size_t)w;
	}
}

const struct candor_name candor_proposal_kinds[] = {
	{ CANDOR_PROPOSAL_COMMITMENT, "commitment" },
	{ CANDOR_PROPOSAL_FACT, "fact" },
	{ -1, NULL }
};

const struct candor_name candor_proposal_statuses[] = {
	{ CANDOR_PROPOSAL_PROPOSED, "proposed" },
	{ CANDOR_PROPOSAL_ACCEPTED, "accepted" },
	{ CANDOR_PROPOSAL_DISMISSED, "dismissed" },
	{ -1, NULL }
};
