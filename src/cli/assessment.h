/*
 * assessment.h: printing a model assessment for a reader (see assessment.c);
 * the JSON form is cli_assessment_json() in cli.h.
 */
#ifndef CANDOR_CLI_ASSESSMENT_H
#define CANDOR_CLI_ASSESSMENT_H

#include "core/model.h"

void cli_assessment_print(const struct candor_assessment *a);

#endif
