#!/usr/bin/env bash
# t0114: `candor export --format ics` puts every promise and expectation in
# a calendar (libical writes it): an all-day VEVENT on the due date with a
# reminder, UID commitment-ID@candor / expectation-ID@candor, SEQUENCE the
# number of renegotiations, CANCELLED once kept, broken, met or missed.
# Read back with two independent parsers, Python's icalendar and vobject
# (Debian's python3-icalendar, python3-vobject); libical reads it in the
# unit tests (test-crm).  --contact, --account and --seller choose.
. "$CANDOR_TOP/tests/cli/lib.sh"

debpy() { /usr/bin/python3 "$@"; }

test_expect 'setup: two sellers, promises kept, broken, renegotiated twice, expectations' '
	candor init >/dev/null &&
	candor account add Northwind --owner "Sam Seller" >/dev/null &&
	candor account add Contoso --owner "Ann Other" >/dev/null &&
	candor contact add "Dana Reyes" --account Northwind >/dev/null &&
	candor contact add "Lee Park" --account Contoso >/dev/null &&
	candor promise Dana --at 2026-11-20 --due 2026-11-27 "send the case study, with numbers; today" >/dev/null &&
	candor promise Dana --at 2026-11-21 --due 2026-12-03 "call back about the pilot" >/dev/null &&
	candor renegotiate 2 --at 2026-11-22 --due 2026-12-05 >/dev/null &&
	candor renegotiate 2 --at 2026-11-23 --due 2026-12-08 >/dev/null &&
	candor promise Lee --at 2026-11-21 --due 2026-11-24 "send pricing" >/dev/null &&
	candor broken 3 --at 2026-11-25 >/dev/null &&
	candor kept 1 --at 2026-11-24 >/dev/null &&
	candor expect Dana --at 2026-11-20 --by 2027-01-15 "implementation takes six weeks" >/dev/null &&
	candor expect Lee --at 2026-11-20 --by 2026-11-30 "a reply by Monday" >/dev/null &&
	candor met 2 --at 2026-11-24 >/dev/null
'

test_expect 'the calendar is RFC 5545 text: CRLF lines, folded at 75 octets' '
	candor export --format ics --out all.ics &&
	test "$(head -c 17 all.ics)" = "$(printf "BEGIN:VCALENDAR\r\n")" &&
	test "$(grep -c "$(printf "\r")\$" all.ics)" = "$(wc -l <all.ics)" &&
	awk "length(\$0) > 76 { bad = 1 } END { exit bad }" all.ics
'

check_py='
import datetime, sys
def check(events):
    e = {x["uid"]: x for x in events}
    assert sorted(e) == ["commitment-1@candor", "commitment-2@candor", "commitment-3@candor",
                         "expectation-1@candor", "expectation-2@candor"], sorted(e)
    c1, c2, c3 = e["commitment-1@candor"], e["commitment-2@candor"], e["commitment-3@candor"]
    x1, x2 = e["expectation-1@candor"], e["expectation-2@candor"]
    assert c1["start"] == datetime.date(2026, 11, 27) and c1["end"] == datetime.date(2026, 11, 28)
    assert c1["summary"] == "Promise to Dana Reyes: send the case study, with numbers; today", c1["summary"]
    assert "You promised Dana Reyes (Northwind) on 2026-11-20" in c1["description"], c1["description"]
    assert c1["status"] == "CANCELLED" and c1["sequence"] == 0 and not c1["alarms"]
    assert c2["start"] == datetime.date(2026, 12, 8), c2["start"]
    assert c2["status"] == "CONFIRMED" and c2["sequence"] == 2, (c2["status"], c2["sequence"])
    assert c2["alarms"] == [("DISPLAY", datetime.timedelta(hours=-15))], c2["alarms"]
    assert c2["created"] == datetime.datetime(2026, 11, 21, tzinfo=datetime.timezone.utc), c2["created"]
    assert c2["stamp"] == datetime.datetime(2026, 11, 25, 9, tzinfo=datetime.timezone.utc), c2["stamp"]
    assert c3["status"] == "CANCELLED" and "broken" in c3["description"]
    assert c3["summary"] == "Promise to Lee Park: send pricing"
    assert x1["start"] == datetime.date(2027, 1, 15) and x1["status"] == "CONFIRMED"
    assert x1["summary"] == "Expectation with Dana Reyes: implementation takes six weeks"
    assert x2["status"] == "CANCELLED" and "Met" in x2["description"]
'

test_expect 'Python icalendar reads every field' '
	debpy -c "$check_py
import icalendar
cal = icalendar.Calendar.from_ical(open(\"all.ics\", \"rb\").read())
assert str(cal[\"VERSION\"]) == \"2.0\" and str(cal[\"PRODID\"]) == \"-//Candor//Candor//EN\"
assert str(cal[\"METHOD\"]) == \"PUBLISH\"
events = []
for v in cal.walk(\"VEVENT\"):
    events.append(dict(uid=str(v[\"UID\"]), start=v.decoded(\"DTSTART\"), end=v.decoded(\"DTEND\"),
        summary=str(v[\"SUMMARY\"]), description=str(v[\"DESCRIPTION\"]), status=str(v[\"STATUS\"]),
        sequence=int(v[\"SEQUENCE\"]), created=v.decoded(\"CREATED\"), stamp=v.decoded(\"DTSTAMP\"),
        alarms=[(str(a[\"ACTION\"]), a.decoded(\"TRIGGER\")) for a in v.walk(\"VALARM\")]))
check(events)
"
'

test_expect 'vobject reads every field' '
	debpy -c "$check_py
import vobject
cal = vobject.readOne(open(\"all.ics\").read())
events = []
for v in cal.vevent_list:
    events.append(dict(uid=v.uid.value, start=v.dtstart.value, end=v.dtend.value,
        summary=v.summary.value, description=v.description.value, status=v.status.value,
        sequence=int(v.sequence.value), created=v.created.value, stamp=v.dtstamp.value,
        alarms=[(a.action.value, a.trigger.value) for a in getattr(v, \"valarm_list\", [])]))
for e in events:
    for k in (\"created\", \"stamp\"):
        e[k] = e[k].astimezone(datetime.timezone.utc)
check(events)
"
'

test_expect 'the same UIDs on every export: a subscribed calendar updates, never duplicates' '
	candor export --format ics >again.ics &&
	test "$(grep ^UID all.ics)" = "$(grep ^UID again.ics)"
'

test_expect '--contact, --account and --seller choose whose' '
	candor export --format ics --contact "Lee Park" >lee.ics &&
	test "$(grep -c "^UID" lee.ics)" = 2 && test_grep "^UID:commitment-3@candor" lee.ics &&
	candor export --format ics --account Northwind >nw.ics &&
	test "$(grep -c "^UID" nw.ics)" = 3 && test_no_grep "commitment-3@" nw.ics &&
	candor export --format ics --seller "Ann Other" >ann.ics &&
	test "$(grep -c "^UID" ann.ics)" = 2 && test_grep "X-WR-CALNAME:Ann Other" ann.ics &&
	candor export --format ics --seller nobody >none.ics &&
	test "$(grep -c "^BEGIN:VEVENT" none.ics)" = 0 && test_grep "^END:VCALENDAR" none.ics
'

test_expect 'wrong options are usage errors; an unknown contact exit 3' '
	usage_fails candor export --format ics --contact Dana --account Northwind &&
	usage_fails candor export --format csv --contact Dana &&
	usage_fails candor export --format ics --no-bom &&
	fails 3 candor export --format ics --contact Nobody
'

test_expect 'the feed: GET /calendar.ics with a feed token, a seller sees only their own buyers' '
	. "$CANDOR_TOP/tests/cli/web-lib.sh" &&
	echo "a long enough password" | candor user add "Sam Seller" --role seller >/dev/null &&
	echo "a long enough password" | candor user add "Ann Other" --role seller >/dev/null &&
	echo "a long enough password" | candor user add boss --role manager >/dev/null &&
	sam=$(candor user token "Sam Seller" --feed 2>err) && test_grep "calendar.ics\?token=" err &&
	boss=$(candor user token boss --feed 2>/dev/null) &&
	api=$(candor user token "Sam Seller" 2>/dev/null) &&
	candor token list >list && test "$(grep -c "(calendar feed)" list)" = 2 &&
	serve_start &&
	expect_status 200 "$(http GET "/calendar.ics?token=$sam" -D "$TRASH/headers")" &&
	test_grep "^[Cc]ontent-[Tt]ype: text/calendar; charset=utf-8" "$TRASH/headers" &&
	grep "^UID" "$TRASH/body" | tr -d "\r" | sort >sam.uids &&
	printf "UID:commitment-1@candor\nUID:commitment-2@candor\nUID:expectation-1@candor\n" >expect &&
	test_cmp expect sam.uids &&
	expect_status 200 "$(http GET "/calendar.ics?token=$boss")" &&
	test "$(grep -c "^UID" "$TRASH/body")" = 5 &&
	expect_status 401 "$(http GET "/calendar.ics?token=$api")" &&
	expect_status 401 "$(http GET "/calendar.ics?token=nonsense")" &&
	expect_status 401 "$(http GET "/calendar.ics")" &&
	expect_status 401 "$(api "$sam" GET /api/v1/contacts)" &&
	expect_status 200 "$(api "$api" GET /api/v1/contacts)" &&
	id=$(candor token list --json | python3 -c "import json,sys; print([t[\"id\"] for t in json.load(sys.stdin) if t[\"user\"] == \"Sam Seller\" and t[\"scope\"] == \"feed\"][0])") &&
	candor token revoke "$id" >/dev/null &&
	expect_status 401 "$(http GET "/calendar.ics?token=$sam")" &&
	serve_stop
'

test_done
