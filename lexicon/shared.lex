# shared.lex: categories either side may use.

[question]
# A sentence is a question when it ends with "?" or holds one of these
# (and no [rhetorical] phrase).  "^" phrases only count at the start of a
# sentence (after fillers such as "so", "okay,", "and").
@negatable no
^what is
^what are
^what do
^what does
^what did
^what would
^what will
^what was
^what were
^what kind
^what sort
^what type
^what happens
^what happened
^what made
^what led
^what else
^what about
^what if
^what has
^what have
^what should
^what can
^what could
^how do
^how does
^how did
^how many
^how much
^how long
^how often
^how soon
^how would
^how will
^how is
^how are
^how can
^how could
^how should
^how has
^how have
^who is
^who are
^who else
^who would
^who will
^who makes
^who decides
^who owns
^who has
^when is
^when do
^when does
^when did
^when would
^when will
^when are
^where do
^where does
^where are
^where is
^where would
^why is
^why did
^why do
^why does
^why would
^why are
^which
^do you
^does it
^does that
^does your
^does the
^did you
^did it
^did that
^are you
^are there
^are we
^is it
^is that
^is there
^is this
^is your
^can you
^can we
^can i ask
^could you
^could we
^would you
^would it
^would that
^will you
^will it
^will that
^have you
^has your
^has anyone
^should we
^shall we
^any thoughts
^any questions
^anything else
^tell me about
^tell me more
^walk me through
^help me understand
^talk me through
i am curious
i was curious
i was wondering
i wonder
curious what
curious how
curious whether
curious if
do you mind if i ask
can i ask you

[price]
@negatable no
price
prices
pricing
priced
cost
costs
costing
budget
budgets
expensive
cheap
cheaper
discount
discounts
fee
fees
licence
license
licensing
per (seat|user|site|location|head|licence|license|transaction|agent|rep)
price by
a month
per month
a year
per year
subscription
invoice
quote
a quote
proposal with numbers
total cost
roi
return on investment
dollars
thousand
million
$
€
£
euros
pounds
spend
spending
# phrase families
(a|one|two|three|four|five|six|seven|eight|nine|ten|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|a hundred|hundred|few|couple of) grand
budgeted
(the|a|our|your|annual|monthly|hourly|day|daily|higher|lower|better|discounted|special) rate (is|was|would be|goes|of|for)
paying (for|more|less|extra|upfront|up front|annually|monthly)
seats
seat count
per-seat
!(after|in|within|for|over|about|once|twice|nearly|almost|than|last|took|take|takes|every|half) a (month|year)
!a (month|year) (ago|later|from now|or two|or so|in|into|and a half|before|after|early|late)
!a month-to-month
!(cost|costs|costing) (us|me) (a|an|the|our|two|three|several|some) (client|clients|customer|customers|deal|deals|account|accounts|job|jobs|contract|contracts|sleep)

[competitor]
@negatable no
competitor
competitors
competition
another vendor
other vendors
another provider
other providers
another tool
other tools
also looking at
also talking to
also evaluating
we are evaluating
comparing you
compared to
versus
vs
salesforce
hubspot
pipedrive
gong
chorus
outreach
salesloft
zoho
dynamics
tableau
looker
qlik
power bi
should compare
comparing
looking at alternatives
other alternatives
a competitor
your competitor
their product
the other guys
the other vendor
shortlisted
(our |the |a |)shortlist
short list
(the |our |)incumbent
(current|existing) (provider|vendor|supplier|tool|platform|system|solution)
the tool we use now
what we use (now|today)
(larger|bigger|big|other|the) vendors
to compare
refer you to
# phrase families: others in the running, named or not
(is|are|were|have been|has been) (pitching|quoting|demoing|bidding|courting) (us|for)
(pitched|quoted|demoed|courted) us
(who else|anyone else|anybody else|which other vendors|what other vendors|which others|what else) (are you|you are|have you been|you have been|is on|are on|do you) (talking|speaking|looking|comparing|considering|evaluating|meeting|have)
(compare|comparing|compared|benchmark|benchmarking) (us|you|them|the options|vendors|providers|both|the two|the three)
(side by side|side-by-side|head to head|head-to-head) (comparison|evaluation|bake-off)
compare us
bake-off
bake off
(go|going|went|gone|stick|sticking|stay|staying|sign|signing) with (them|the other|another|someone else|a competitor|the competition|your current|our current|the incumbent|the other guys)
(player|players|vendor|vendors|provider|providers|outfit|outfits|competitor|competitors|company|companies|firm|firms|option|options) on (our|the|my) (list|shortlist|short list)
(the other|a rival|the rival|a competing|competing|rival) (platform|product|system|solution|software|tool|offering|provider|vendor|supplier|bid|quote|proposal|company|firm)
(current|existing|present) (provider|vendor|supplier|platform|system|tool|solution)
(provider|vendor|supplier) (wants|offered|is offering|has offered|quoted|pitched|is pitching|proposed|is proposing|can add|could add|wants to add)
(talking|speaking) to (others|other people|a few others|a couple of others|someone else|other companies|other firms|a few vendors|another company|a few companies|other suppliers)
(current|existing) (building systems|building|systems|software|it|telematics|crm|erp|phone|security|cloud|hosting|facilities|maintenance|payroll|hr) (provider|vendor|supplier)

[next_step]
next step
next steps
follow up
follow-up
following up
set up a call
set up a meeting
schedule a call
schedule a meeting
book a call
book a meeting
put something on the calendar
on the calendar
calendar invite
send an invite
send you an invite
a demo
a trial
a pilot
a workshop
a proposal
a working session
set up a (session|call|meeting|demo|workshop)
(thirty|fifteen|twenty|forty-five|forty five|sixty|30|15|20|45|60)( |-)minute (session|call|meeting|chat)
(the|an|a) (demo |calendar |meeting |)invite
meet again
let us talk again
talk again next
check in
a short call
a quick call
minute call
a call before
talk next week
meet next week
speak next week
call next week
reconvene
loop in
bring in
introduce you to
a call with
the next call
next meeting
action items
from here
# phrase families: the next meeting, trial or session
(set up|scope|run|do|start|kick off|book|arrange|get|spin up|schedule|plan) (a|the|an) (sandbox|trial|pilot|poc|proof of concept|test account|trial account|walkthrough|walk-through|deep dive|deep-dive|technical session|working session|review session|kickoff|kick-off)
(one|two|three|four|six|30|14|60|90|thirty|fourteen|sixty|ninety)( |-)(week|day|month) (trial|pilot|test|evaluation|proof of concept|poc)
(side-by-side|side by side|head-to-head|head to head) (trial|pilot|test|comparison|demo)
(pilot|trial|sandbox|poc) (scoped|plan|scope|set up|setup|kickoff|kick-off)
(the|a) pilot (in|at|on|with|for) 
(fifteen|twenty|thirty|forty-five|sixty|15|20|30|45|60|ten|10)( |-)minute (walkthrough|walk-through|demo|slot|session|call|meeting|chat|review)
(regroup|reconnect|sync up|catch up again)
a check-in
present to (the|your|our|their|my) (partners|board|team|leadership|execs|exec team|committee|owners|directors|steering group|steering committee)
(at|in) (the|their|your|our) (monday|tuesday|wednesday|thursday|friday|next|weekly|monthly|steering|leadership) meeting
walk (our|my|your) (team|engineers|developers|devs|it team|it people|admins|tech team|technical team) through
(join|joins|joining) the (next|follow-up|following) (call|meeting|session)
!check in with me

[commitment]
# A promise.  A hedge before it in the sentence ("maybe I'll send...")
# means it is not one.  Seller promises become proposed commitments; the
# buyer's are kept too, with their side.
i will send
i will email
i will forward
i will share
i will get you
i will get that
i will get it
i will get (them|those|this|these)
i will have
i will put together
i will draft
i will write up
i will set up
i will schedule
i will book
i will loop in
i will introduce
i will follow up
i will check
i will confirm
i will find out
i will look into
i will talk to
i will speak to
i will ask
i will review
i will read
i will call you
i will call
i will ping
i will reach out
i will make sure
i will take care of
i will handle
i will bring
i will run it by
i will circle back
i will update
i will fix
i will do that
i will also
i will pull
i will include
i will invite
i will take it
i will take that
i will put
i will get our
i will get the
i will do it
i will get back to you
i am going to send
i am going to get
i am going to put
i am going to follow
i am going to talk
i am going to set
we will send
we will get you
we will have
we will put together
we will set up
we will follow up
we will review
we will talk
we will make sure
we will check
we will confirm
we will get back to you
we will loop in
we are going to send
let me send you
let me get you
let me put together
let me follow up
let me check
let me find out
let me set up
let me loop in
you will have it
you will have the
you will get it
you will get the
i promise
i commit to
count on me
consider it done
you have my word
# phrase families
^will do
i will set (that|this|it|them|those|one|something|a time) up
i will write (that|this|it|them|those|something|you) (up|down|out)
i will (mention|pass|relay|raise|flag) (it|this|that|them|those) (to|with|on)
i will pencil (in|you|it|that|something)
!i will have to
!i will have a (very|really|tough|hard|difficult|awkward|long|problem|read|think)
