/*
 * ledger.h: one person's (or account's) records as text for a reader.
 * Shared by `contact show`, `status` and `export`; the JSON form is
 * app/json.h.
 */
#ifndef CANDOR_CLI_LEDGER_H
#define CANDOR_CLI_LEDGER_H

#include "cli/cli.h"
#include "app/json.h"

/* Print the ledger for a reader: promises with their state at "now", etc. */
void cli_ledger_print(const struct candor_evidence *ev, int64_t now);

#endif
