/*
 * assessment.h: printing a model assessment for a reader (see assessment.c);
 * the JSON form is candor_json_assessment() in cli.h.
 */
#ifndef CANDOR_CLI_ASSESSMENT_H
#define CANDOR_CLI_ASSESSMENT_H

#include "core/model.h"

void cli_assessment_print(const struct candor_assessment *a);
/* `status --explain`: each component's records and what each open gate rests on;
 * 0, or -1 when out of memory. */
int cli_explanation_print(const struct candor_assessment *a, const struct candor_explanation *why);

#endif
