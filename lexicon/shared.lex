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
