/*
 * web/routes.c: every page, form and API call the server answers.
 * tests/cli/t0201-web-api.sh checks that each /api/v1 route here is in
 * src/web/openapi.json and that each path there answers.
 */
#include "util/common.h"
#include "web/web.h"

#define API WEB_ROUTE_API
#define PUBLIC WEB_ROUTE_PUBLIC

const struct web_route web_routes[] = {
	{ WEB_GET, "/", web_page_board, 0 },
	{ WEB_GET, "/style.css", web_style, PUBLIC },
	{ WEB_GET, "/favicon.svg", web_icon, PUBLIC },
	{ WEB_GET, "/favicon.ico", web_icon, PUBLIC },
	{ WEB_GET, "/help", web_page_help, PUBLIC },
	{ WEB_GET, "/calendar.ics", web_calendar, PUBLIC },  /* a feed token, or signed in */
	{ WEB_GET, "/login", web_page_login, PUBLIC },
	{ WEB_POST, "/login", web_login, PUBLIC },
	{ WEB_POST, "/logout", web_logout, 0 },
	{ WEB_GET, "/buyers/{id}", web_page_buyer, 0 },
	{ WEB_GET, "/buyers/{id}/changes", web_page_changes, 0 },
	{ WEB_POST, "/buyers/{id}/changes/{id}/undo", web_form_changes_undo, 0 },
	{ WEB_GET, "/interactions/{id}", web_page_talk, 0 },
	{ WEB_POST, "/accounts", web_form_account, 0 },
	{ WEB_POST, "/contacts", web_form_contact, 0 },
	{ WEB_POST, "/buyers/{id}/log", web_form_log, 0 },
	{ WEB_POST, "/buyers/{id}/promise", web_form_promise, 0 },
	{ WEB_POST, "/buyers/{id}/fact", web_form_fact, 0 },
	{ WEB_POST, "/buyers/{id}/expect", web_form_expect, 0 },
	{ WEB_POST, "/buyers/{id}/value", web_form_value, 0 },
	{ WEB_POST, "/buyers/{id}/fit", web_form_fit, 0 },
	{ WEB_POST, "/buyers/{id}/decision", web_form_decision, 0 },
	{ WEB_POST, "/buyers/{id}/upload", web_form_upload, 0 },
	{ WEB_POST, "/commitments/{id}/kept", web_form_kept, 0 },
	{ WEB_POST, "/commitments/{id}/broken", web_form_broken, 0 },
	{ WEB_POST, "/commitments/{id}/renegotiate", web_form_renegotiate, 0 },
	{ WEB_POST, "/expectations/{id}/met", web_form_met, 0 },
	{ WEB_POST, "/expectations/{id}/missed", web_form_missed, 0 },
	{ WEB_POST, "/proposals/{id}/accept", web_form_accept, 0 },
	{ WEB_POST, "/proposals/{id}/dismiss", web_form_dismiss, 0 },
	{ WEB_POST, "/signals/{id}/wrong", web_form_signal_wrong, 0 },
	{ WEB_POST, "/interactions/{id}/signal", web_form_signal_add, 0 },
	{ WEB_GET, "/admin/users", web_page_admin_users, 0 },
	{ WEB_POST, "/admin/users/{id}/role", web_form_user_role, 0 },
	{ WEB_POST, "/admin/users/{id}/sessions/end", web_form_user_sessions_end, 0 },
	{ WEB_POST, "/admin/users/{id}/remove", web_form_user_remove, 0 },
	{ WEB_POST, "/admin/tokens/{id}/revoke", web_form_token_revoke, 0 },

	{ WEB_GET, "/api/v1/openapi.json", web_api_openapi, API | PUBLIC },
	{ WEB_GET, "/api/v1/accounts", web_api_accounts, API },
	{ WEB_POST, "/api/v1/accounts", web_api_account_add, API },
	{ WEB_GET, "/api/v1/contacts", web_api_contacts, API },
	{ WEB_POST, "/api/v1/contacts", web_api_contact_add, API },
	{ WEB_GET, "/api/v1/contacts/{id}", web_api_contact, API },
	{ WEB_GET, "/api/v1/contacts/{id}/status", web_api_status, API },
	{ WEB_GET, "/api/v1/contacts/{id}/changes", web_api_contact_changes, API },
	{ WEB_POST, "/api/v1/batches/{id}/undo", web_api_batch_undo, API },
	{ WEB_GET, "/api/v1/interactions", web_api_interactions, API },
	{ WEB_POST, "/api/v1/interactions", web_api_interaction_add, API },
	{ WEB_GET, "/api/v1/interactions/{id}", web_api_interaction, API },
	{ WEB_GET, "/api/v1/commitments", web_api_commitments, API },
	{ WEB_POST, "/api/v1/commitments", web_api_commitment_add, API },
	{ WEB_POST, "/api/v1/commitments/{id}/kept", web_api_kept, API },
	{ WEB_POST, "/api/v1/commitments/{id}/broken", web_api_broken, API },
	{ WEB_POST, "/api/v1/commitments/{id}/renegotiate", web_api_renegotiate, API },
	{ WEB_POST, "/api/v1/expectations", web_api_expectation_add, API },
	{ WEB_POST, "/api/v1/expectations/{id}/met", web_api_met, API },
	{ WEB_POST, "/api/v1/expectations/{id}/missed", web_api_missed, API },
	{ WEB_POST, "/api/v1/facts", web_api_fact_add, API },
	{ WEB_POST, "/api/v1/values", web_api_value_add, API },
	{ WEB_POST, "/api/v1/fits", web_api_fit_add, API },
	{ WEB_POST, "/api/v1/decisions", web_api_decision_add, API },
	{ WEB_POST, "/api/v1/proposals/{id}/accept", web_api_accept, API },
	{ WEB_POST, "/api/v1/proposals/{id}/dismiss", web_api_dismiss, API },
	{ WEB_POST, "/api/v1/signals/{id}/wrong", web_api_signal_wrong, API },
	{ WEB_POST, "/api/v1/interactions/{id}/signals", web_api_signal_add, API },
	{ WEB_GET, "/api/v1/interactions/{id}/corrections", web_api_corrections, API },
	{ WEB_GET, "/api/v1/pipeline", web_api_pipeline, API },
	{ 0, NULL, NULL, 0 }
};
