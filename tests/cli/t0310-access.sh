#!/usr/bin/env bash
# Taking access away (issue 10): candor user remove|role|password|sessions
# --end, candor token list|revoke, tokens that expire, expired sessions and
# tokens purged; the admin's /admin/users page.  Each takes effect on the
# very next request.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/web-lib.sh"

candor init >/dev/null
echo password-Ann | candor user add Ann --role admin >/dev/null 2>&1
echo password-Bob | candor user add Bob --role seller >/dev/null 2>&1
echo password-Cy | candor user add Cy --role seller >/dev/null 2>&1
candor account add North --owner Bob >/dev/null
candor account add South --owner Bob >/dev/null
candor account add West --owner Cy >/dev/null

# the CSRF token on a page the jar's session sees
csrf_of() { curl -s -b "$1" "$B$2" | grep -o 'name="csrf" value="[0-9a-f]*"' | head -1 | cut -d\" -f4; }
# post JAR PATH [FIELD=VALUE...]: a form from the signed-in page, with its token
post() {
	local jar=$1 p=$2 t; shift 2
	t=$(csrf_of "$jar" /)
	http POST "$p" -b "$jar" -d "csrf=$t" "${@/#/-d}"
}

test_expect 'candor user --help and candor token --help teach each command' '
	candor user --help >out &&
	for w in "user remove NAME" "user role NAME seller|manager|admin" "user password NAME" \
		 "user sessions NAME --end" "--expires DATE" "--days N" "last admin"; do
		grep -qF -- "$w" out || { echo "no \"$w\"" >&2; exit 1; }; done &&
	candor token --help >out && test_grep "token list \[NAME\] \[--json\]" out &&
	test_grep "token revoke ID" out && test_grep "never the secret" out
'
test_expect 'user token --days/--expires store an expiry; a date already past or a bad count is refused' '
	candor user token Bob --days 30 >/dev/null 2>&1 &&
	test "$(db_sql "SELECT expires - created FROM api_tokens WHERE id = 1")" = 2592000 &&
	candor user token Bob --expires 2026-12-01 >/dev/null 2>&1 &&
	test "$(db_sql "SELECT expires FROM api_tokens WHERE id = 2")" = "$(date -u -d 2026-12-01T23:59:59 +%s)" &&
	fails 2 candor user token Bob --expires 2026-11-01 && test_grep "already past" err &&
	fails 2 candor user token Bob --days 0 && test_grep "whole number of days" err &&
	usage_fails candor user token Bob --days 3 --expires 2026-12-30
'
T=$(candor user token Cy 2>/dev/null)      # token 3
test_expect 'token list shows id, user, dates and the selector'"'"'s end, never the secret' '
	sel=${T%%.*} && secret=${T#*.} && test -n "$secret" &&
	candor token list --json >list.json &&
	test "$(jget list.json "#")" = 3 && test "$(jget list.json 2.user)" = Cy &&
	test "$(jget list.json 2.expires)" = null && test "$(jget list.json 0.expires)" = 2026-12-25T09:00 &&
	test "$(jget list.json 2.selector_end)" = "${sel: -8}" &&
	test_no_grep "$secret" list.json && test_no_grep "$sel" list.json &&
	candor token list Cy >out && test "$(wc -l <out)" = 1 && test_grep "^3 +Cy" out &&
	fails 3 candor token list Nobody
'

BOB=$(candor user token Bob 2>/dev/null)    # token 4
OLD=$(candor user token Cy 2>/dev/null)     # token 5
SOON=$(candor user token Cy --expires 2026-11-25T10:00 2>/dev/null)  # token 6
serve_start
test_expect 'a revoked token answers 401 at once; the user'"'"'s other tokens still work' '
	expect_status 200 "$(api "$OLD" GET /api/v1/accounts)" &&
	candor token revoke 5 >out && test_grep "revoked API token #5" out &&
	expect_status 401 "$(api "$OLD" GET /api/v1/accounts)" &&
	test "$(db_sql "SELECT count(*) FROM api_tokens WHERE id = 5")" = 0 &&
	expect_status 200 "$(api "$T" GET /api/v1/accounts)" &&
	fails 3 candor token revoke 5 && test_grep "no API token #5" err
'
test_expect 'a role change takes effect on the next request' '
	expect_status 200 "$(api "$BOB" GET /api/v1/accounts)" && test "$(jget "$TRASH/body" accounts.#)" = 2 &&
	candor user role Bob manager >out && test_grep "now manager" out &&
	expect_status 200 "$(api "$BOB" GET /api/v1/accounts)" && test "$(jget "$TRASH/body" accounts.#)" = 3 &&
	candor user role Bob seller >/dev/null &&
	expect_status 200 "$(api "$BOB" GET /api/v1/accounts)" && test "$(jget "$TRASH/body" accounts.#)" = 2 &&
	fails 2 candor user role Bob boss
'
test_expect 'the last admin cannot be removed or demoted (a clear error, nothing changed)' '
	fails 5 candor user role Ann seller && test_grep "last admin" err &&
	fails 5 candor user remove Ann && test_grep "last admin" err
'
test_expect 'user password ends the old sessions: the old cookie answers as signed out' '
	expect_status 303 "$(sign_in Cy password-Cy cy.jar)" &&
	expect_status 200 "$(http GET / -b cy.jar)" &&
	echo password-Cy-2 | candor user password Cy >out 2>/dev/null && test_grep "1 session ended" out &&
	test "$(curl -s -o /dev/null -w "%{redirect_url}" -b cy.jar "$B/")" = "$B/login" &&
	expect_status 401 "$(http GET /api/v1/accounts -b cy.jar)" &&
	expect_status 401 "$(sign_in Cy password-Cy cy.jar)" &&
	expect_status 303 "$(sign_in Cy password-Cy-2 cy.jar)" &&
	echo short | fails 2 candor user password Cy
'
test_expect 'user sessions --end signs them out everywhere, and only that' '
	expect_status 303 "$(sign_in Bob password-Bob bob.jar)" &&
	candor user sessions Bob --end >out && test_grep "ended 1 session" out &&
	expect_status 401 "$(http GET /api/v1/accounts -b bob.jar)" &&
	expect_status 200 "$(api "$BOB" GET /api/v1/accounts)" &&
	usage_fails candor user sessions Bob
'
test_expect 'the token about to expire works until it does' '
	expect_status 200 "$(api "$SOON" GET /api/v1/accounts)" &&
	expect_status 303 "$(sign_in Cy password-Cy-2 old.jar)"
'
serve_stop || echo "not ok - the server did not stop cleanly"
sessions_before=$(db_sql "SELECT count(*) FROM sessions")
soon_before=$(db_sql "SELECT count(*) FROM api_tokens WHERE id = 6 AND expires > 0")
CANDOR_NOW=2026-11-25T11:00 serve_start
test_expect 'an expired token answers 401, and a server start purges it' '
	test "$soon_before" = 1 && expect_status 401 "$(api "$SOON" GET /api/v1/accounts)" &&
	test "$(db_sql "SELECT count(*) FROM api_tokens WHERE id = 6")" = 0 &&
	expect_status 200 "$(api "$BOB" GET /api/v1/accounts)"
'
serve_stop || echo "not ok - the server did not stop cleanly"
CANDOR_NOW=2026-12-30T09:00 serve_start
test_expect 'an expired session answers as signed out; a sign-in purges the expired rows' '
	test "$sessions_before" -ge 1 && test "$(db_sql "SELECT count(*) FROM sessions")" = 0 &&
	expect_status 401 "$(http GET /api/v1/accounts -b old.jar)" &&
	expect_status 303 "$(sign_in Bob password-Bob new.jar)" &&
	db_sql "UPDATE sessions SET expires = 1" >/dev/null &&
	expect_status 303 "$(sign_in Bob password-Bob new2.jar)" &&
	test "$(db_sql "SELECT count(*) FROM sessions")" = 1
'
serve_stop || echo "not ok - the server did not stop cleanly"
serve_start
test_expect 'user remove leaves no session or token row; their accounts keep the owner name' '
	expect_status 303 "$(sign_in Bob password-Bob bob.jar)" &&
	bob=$(db_sql "SELECT id FROM users WHERE name = '"'"'Bob'"'"'") &&
	candor user remove Bob >out && test_grep "2 accounts still name them" out &&
	test "$(db_sql "SELECT count(*) FROM sessions WHERE user_id = $bob")" = 0 &&
	test "$(db_sql "SELECT count(*) FROM api_tokens WHERE user_id = $bob")" = 0 &&
	test "$(db_sql "SELECT count(*) FROM users WHERE id = $bob")" = 0 &&
	test "$(db_sql "SELECT count(*) FROM accounts WHERE owner = '"'"'Bob'"'"'")" = 2 &&
	expect_status 401 "$(api "$BOB" GET /api/v1/accounts)" &&
	expect_status 401 "$(http GET /api/v1/accounts -b bob.jar)" &&
	fails 3 candor user remove Bob
'
test_expect 'a seller gets the same 404 at /admin/users as at a missing page, and for its forms' '
	expect_status 303 "$(sign_in Cy password-Cy-2 cy.jar)" &&
	expect_status 404 "$(http GET /admin/users -b cy.jar)" && sed "s|/admin/users|X|" "$TRASH/body" >a &&
	expect_status 404 "$(http GET /admin/userz -b cy.jar)" && sed "s|/admin/userz|X|" "$TRASH/body" >b &&
	test_cmp a b &&
	cy=$(db_sql "SELECT id FROM users WHERE name = '"'"'Cy'"'"'") &&
	expect_status 404 "$(post cy.jar /admin/users/$cy/role role=admin)" &&
	test "$(db_sql "SELECT role FROM users WHERE id = $cy")" = seller
'
test_expect 'the admin page lists users and tokens (never a secret), CSRF-checked forms' '
	expect_status 303 "$(sign_in Ann password-Ann ann.jar)" &&
	expect_status 200 "$(http GET /admin/users -b ann.jar)" && cp "$TRASH/body" page &&
	test_grep "<td>Ann</td><td>admin</td>" page && test_grep "<td>Cy</td><td>seller</td>" page &&
	test_grep "token-3" page && test_no_grep "${T#*.}" page &&
	expect_status 200 "$(http GET / -b ann.jar)" && test_grep "href=\"/admin/users\"" "$TRASH/body" &&
	cy=$(db_sql "SELECT id FROM users WHERE name = '"'"'Cy'"'"'") &&
	expect_status 403 "$(http POST /admin/users/$cy/role -b ann.jar -d role=manager -d csrf=0000)" &&
	test "$(db_sql "SELECT role FROM users WHERE id = $cy")" = seller
'
test_expect 'the admin changes a role, ends sessions, revokes a token, removes a user' '
	cy=$(db_sql "SELECT id FROM users WHERE name = '"'"'Cy'"'"'") &&
	expect_status 303 "$(post ann.jar /admin/users/$cy/role role=manager)" &&
	test "$(db_sql "SELECT role FROM users WHERE id = $cy")" = manager &&
	expect_status 200 "$(http GET /api/v1/accounts -b cy.jar)" && test "$(jget "$TRASH/body" accounts.#)" = 3 &&
	expect_status 303 "$(post ann.jar /admin/users/$cy/sessions/end)" &&
	expect_status 401 "$(http GET /api/v1/accounts -b cy.jar)" &&
	expect_status 200 "$(api "$T" GET /api/v1/accounts)" &&
	expect_status 303 "$(post ann.jar /admin/tokens/3/revoke)" &&
	expect_status 401 "$(api "$T" GET /api/v1/accounts)" &&
	expect_status 404 "$(post ann.jar /admin/tokens/3/revoke)" &&
	expect_status 303 "$(post ann.jar /admin/users/$cy/remove)" &&
	test "$(db_sql "SELECT count(*) FROM users WHERE id = $cy")" = 0 &&
	test "$(db_sql "SELECT count(*) FROM api_tokens WHERE user_id = $cy")" = 0
'
test_expect 'on the web too the last admin stays, and nobody removes themselves' '
	ann=$(db_sql "SELECT id FROM users WHERE name = '"'"'Ann'"'"'") &&
	expect_status 409 "$(post ann.jar /admin/users/$ann/role role=seller)" && test_grep "last admin" "$TRASH/body" &&
	echo password-Dee | candor user add Dee --role admin >/dev/null 2>&1 &&
	expect_status 409 "$(post ann.jar /admin/users/$ann/remove)" && test_grep "signed in as" "$TRASH/body" &&
	test "$(db_sql "SELECT count(*) FROM users WHERE id = $ann")" = 1 &&
	expect_status 422 "$(post ann.jar /admin/users/$ann/role role=boss)"
'
serve_stop; stopped=$?
test_expect 'the server stopped cleanly (no sanitizer report)' '[ $stopped -eq 0 ]'
test_done
