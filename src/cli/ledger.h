/*
 * ledger.h: one person's (or account's) records, as JSON and as text.
 * Shared by `contact show`, `status` and `export`.
 */
#ifndef CANDOR_CLI_LEDGER_H
#define CANDOR_CLI_LEDGER_H

#include "cli/cli.h"

json_t *cli_contact_json(const struct candor_contact *c);
/* The ledger of ev as a JSON object of arrays, promise states as of at. */
json_t *cli_ledger_json(const struct candor_evidence *ev, int64_t at);
/* Print the ledger for a reader: promises with their state at "now", etc. */
void cli_ledger_print(const struct candor_evidence *ev, int64_t now);

json_t *cli_commitment_json(const struct candor_commitment *c, int64_t at);

#endif
