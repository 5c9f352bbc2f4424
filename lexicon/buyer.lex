# buyer.lex: what the buying side says.
#
# social     : polite, guarded talk that conveys no information
# stall      : deferrals that mean trust has not stabilised
# candor     : invitations to real talk ("can I be honest")
# disclosure : the buyer telling you something real; @kind names the
#              discovery fact it proposes
# objection  : a real reservation about the offer (becomes a fact too)
# toward / away          : LAB profile direction
# options / procedures   : LAB profile decision style

[social]
@side buyer
@why Polite, surface-level talk: it keeps things moving and tells you nothing yet.
^fine
^fine, thanks
^good, thanks
^great, thanks
^good thanks
i am fine
i am good
i am well
i am doing well
doing fine
sounds good
i appreciate that
i appreciate it
i appreciate you
appreciate that
this has been helpful
this has been really helpful
this was helpful
really helpful
^doing well
^not bad
^can not complain
^no complaints
^all good
^pretty good
^busy as always
^great thanks
^good good
how are you$
how about you$
we are just looking
just looking
just browsing
we are happy with what we have
we are pretty happy with what we have
happy with our current
we do not really have a problem
we do not have a problem
everything is fine
things are fine
it is all fine
we are fine
we are good for now
nice to meet you
thanks for having me
good to see you
good to meet you
thanks for your time
nice weekend
the weather
looks interesting
sounds interesting
sounds great
that is interesting
that is great
that sounds nice
appreciate it
# greetings given back, and short polite answers
how about yours
^(and |)yours$
^(and |)you$
^you too
^same (here|to you)
hope yours
^not too bad
^(good|great|fine|well), thank you
^lovely
^i did, thanks
^busy, but good
^busy but good
^(busy|hectic|quiet|crazy) (week|day|month)
# phrase families: polite answers that say nothing yet
(can not|could not) (complain|grumble)
^(busy|crazy|hectic|mad|manic|full-on|long|quiet|slow|mental),? (busy|but good|as ever|as usual|as always)
^(busy|crazy|hectic|mad|manic|full-on|long|quiet|slow|mental|good|great) (morning|day|week|month|season|quarter|one)
(hanging in there|keeping busy|ticking along|chugging along|plodding along|getting by|surviving)
^(it |that |this |)(looks|sounds|seems) (really |very |quite |pretty |)(nice|impressive|great|interesting|good|cool|neat|promising|lovely|solid|fine)
(it|that|things|the trial|the demo) (went|was|were|seemed) (okay|ok|fine|alright|all right|not bad|pretty good)
(seemed|seem|seems) to like it
(we are|i am|things are) (doing |getting on |)(alright|all right|okay|ok|fine|good) (with|for now|as we are|as is|at the moment|thanks)
(it is|that is|things are|everything is|all is) (fine|okay|ok|alright|all right|good) (for the most part|for now|really|mostly|as it is|thanks)
^(it is|that is|all) (fine|okay|ok|alright|all right|good)$
^(perfect|great|lovely|brilliant|cheers|thanks|super|awesome|excellent|wonderful|fantastic|smashing)(,|) (cheers|thanks|thank you|much appreciated)
^cheers
thanks for (asking|checking in|the call|calling|reaching out|having me|the chat|your patience)
^(lovely|nice|great|good) (chatting|talking|speaking|catching up|to chat|to talk|to speak|to catch up|to hear from you|to put a voice|to finally meet)
^(no problem|no worries|not a problem|my pleasure|anytime|any time)
appreciate you

[stall]
@side buyer
@why A polite deferral: trust has not stabilised, so the buyer avoids deciding.
let me think about it
let me think it over
i need to think about it
we need to think about it
i will think about it
we will think about it
think it over
need some time to think
need to talk to my partner
need to talk to my boss
need to check with my boss
check with my manager
check with my boss
talk to my manager
need to run it by
need to run this by
have to run it by
have to check with
i will have to check with
need to discuss internally
discuss it internally
talk it over with the team
take it to the team
send me some information
send me some info
send me something
send over some information
send me a brochure
email me something
just email me
shoot me an email
put something in writing
get back to you
we will get back to you
i will get back to you
circle back
touch base later
not right now
not a good time
not a priority right now
not the right time
maybe next quarter
maybe next year
after the holidays
after the new year
call me next quarter
reach out next quarter
reach out in a few months
check back in
let us revisit
revisit this later
we will be in touch
i will let you know
we will let you know
not ready to decide
no budget right now
no budget this year
budget is frozen
timing is not right
why do not you just send
why do not you just email
why do not you send me
can you just send me
could you just send
just send me
put it in an email
not there yet
can not commit (to a date|to that|yet|right now)
too early to (say|commit|decide)
get ahead of ourselves
let us not rush
let us not get ahead
# phrase families: how buyers defer, whatever the exact words
# ... taking time to think
(think|mull|chew|talk) (it|this|that|things|the whole thing) over
(mull|chew|sleep|reflect|noodle) (on|over) (it|this|that|things)
(mull|mulling) over
give (it|this|that) (some|a bit of|a little) (thought|time)
(need|want|would like) (some|a bit of|a little|more) time (to|with|on|before)
# ... passing it to someone else first
(run|bounce) (it|this|that) (by|past|off) (my|our)
(run|bounce) (it|this|that) (by|past) the (board|team|cfo|ceo|partners|owners|committee|boss|lawyers|legal team|finance team)
(take|bring) (it|this|that|this one) back to (my|our|the)
(check with|talk to|speak to|speak with|talk with|consult|confer with|sound out|touch base with) (my|our|the) (boss|manager|partner|partners|other partners|owner|owners|board|cfo|ceo|coo|cto|md|director|regional director|finance director|managing director|directors|finance people|legal team|procurement|committee|leadership|execs|founders|family|wife|husband|head office)
(walk|take|talk) (my|our|the|the other) (boss|manager|partners|owners|board|cfo|ceo|directors|committee|leadership|execs|founders) through
(get|getting) (my|our|the|the other) (boss|partners|owners|board|cfo|ceo|directors|committee|leadership|execs|founders|team) (comfortable|on board|onside|aligned|bought in)
# ... asking for something to read instead of deciding
(send|email|shoot|drop|forward|ping) (me|us) (a|an|some|your) (note|line|email|deck|overview|summary|brochure|one-pager|one pager|pdf|info|information|details|material|materials|literature|leaflet|overview deck|case study)
(send|shoot|email) (me|us) over (a|an|some|your)
(send|email|shoot|drop|mail|forward|ping) (me|us) (something|anything|whatever you have|the details|an overview)
(put|pop|stick|drop|throw) (it|that|this|something|everything|them|those|the details|it all) in (an email|writing|a deck)
in an email and i will
i will (look at|have a look at|take a look at|read|review|go through|get to|dig into) (it|that|them|this|those) (when|once|if|whenever|later|at some point)
i will have a (read|look|think)( at it| at that| at them| through|)$
when (things|it|work|life) (calm|calms|quiet|quiets|settle|settles|slow|slows) down
(when|whenever) i (can|get a chance|get a minute|have a minute|have time|get time|find time)$
# ... not now, later
not (really |)(on my radar|on our radar|a priority|top of my list|top of our list|top of the list|high on my list|high on our list|something we are looking at|urgent for us)
not (the best|the right|a great|a good|an ideal|ideal) (time|moment|timing)
^not (so fast|yet)
^(let us|we will|i will) see how
see how (things|it all|the next quarter|the quarter|next quarter|the year|the budget) (shape|shapes|pan|pans|play|plays|turn|turns|go|goes|land|lands)
^(we will|let us|we shall) see$
(check in|circle back|come back|get back|reach out|touch base|follow up|try me|ping me|call me|pick it up|pick this up|reconnect|revisit it|revisit this|check in with me|talk again|come back to me|try again) (after|once|closer to|around) the
(check in|circle back|come back|get back|reach out|touch base|follow up|try me|ping me|call me|pick it up|pick this up|reconnect|revisit it|revisit this|check in with me|talk again|come back to me|try again) (next|in a few|in a couple of|in) (quarter|year|month|months|weeks|spring|summer|autumn|fall|january)
(maybe|perhaps|probably|let us talk|let us revisit|let us pick this up|let us reconnect) (next|after the|in the new|in a few|in a couple of) (quarter|year|month|months|weeks|holidays|summer|season)
(come|circle|get) back to you (after|once|when|later|in|next)
(then|and) i will come back to you
we will (be in touch|reach out|circle back|come back to you)
i will (be in touch|circle back|come back to you|revert)
(still|just) (evaluating|exploring|gathering information|doing research|doing our research|kicking tyres|kicking tires|at the early stages)
(we are|i am) not (ready|there yet|in a position) (to|yet)

[candor]
@side buyer
@why An invitation to real communication: the buyer is choosing to trust you.
can i be honest
can i be frank
can i be straight with you
to be honest
to be frank
honestly
frankly
truth be told
the truth is
between you and me
between us
off the record
i probably should not say this
i should not be telling you this
i will be honest
i will be straight with you
if i am being honest
if i am honest
just between us
the real reason
the real issue
i will level with you
i have to admit
i will admit
candidly
i will be candid
# phrase families
to be (blunt|brutally honest|totally honest|perfectly honest|completely honest|straight with you|upfront|up front|real with you|open with you|straight)
(i will|let me|i have to|i must|i need to|i am going to|i want to) be (blunt|straight|upfront|up front|open|honest|frank|candid|real) (with you|here|about this|about it|for a second|for a moment)
bluntly
between ourselves
in confidence
confidentially
if i am (being |)(blunt|frank|candid|straight|open|really honest)
(i will|let me) (tell you|be honest about) (what|how|where) (is really|it really|really)

[disclosure]
@side buyer
@kind bothering
@why The buyer is telling you what is really bothering them.
what is really bothering me
what bothers me
what really bothers me
the problem is
the real problem is
our problem is
the issue is
our biggest problem
our biggest issue
our biggest headache
biggest pain
pain point
drives me crazy
driving me crazy
drives us crazy
driving us crazy
it is killing us
more than i would like
it is on me
on my head
killing us
more than i would like
it is on me
on my head
we are struggling
we struggle with
struggling with
frustrated
frustrating
frustration
fed up
a nightmare
a mess
drowning in
we keep losing
we are losing
we lose
sick of
tired of
wastes so much time
waste so much time
takes forever
keeps breaking
keeps me up at night
not working for us
is broken
# plain statements of painful fact: what was lost, what failed, what it cost
we (lost|have lost|had to|missed|keep missing)
(support|service|it|the tool|the system|quality|adoption|onboarding) (has been|was|is) (poor|terrible|awful|slow|painful|a disaster|a struggle|rough|unreliable)
(has|have) been (poor|terrible|awful|a disaster|a struggle|a nightmare|painful)
took (two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|many|a few|months|weeks|forever|ages)( days| weeks| months|)
(weeks|months|days) instead of
(rollout|migration|implementation|project|launch|pilot|integration|upgrade|attempt|roll out) failed
(it|that|the project|the rollout) (failed|fell apart|fell over|went sideways)
went (badly|wrong)
(never|did not) (logged|log) in
stopped using
(sit|sits|sat|sitting) (there |)for (days|weeks|a week|a day|hours)
for (weeks|months) now
(an |)outage
we had an
(lost|losing|lose) (customers|clients|deals|reps|people|staff|revenue|money|sleep)
# phrase families: what it costs them, what slips, what breaks
(cost|costs|costing|nearly cost|almost cost) (us|me)
!(will|would|does|do|could|might|should|to|going to) (it |that |this |)(cost|costs) (us|me)
(ate|eats|ate up|eats up|ate into|eats into|wiped out|burned through|burnt through|chewed through|chewed up) (about|around|nearly|almost|close to|over|a|an|half|most|all|our|the|a hundred|hundreds|thousands|a fortune|a big chunk|a chunk)
we (scrapped|wasted|blew|burned|burnt|threw away|wrote off|had to scrap|had to redo|had to refund|had to rebuild|had to start over|had to rehire|had to cancel|had to pay)
we spent (close to|nearly|almost|about|around|over|more than|a fortune|months|weeks|a year|years|a lot|too much|half|two|three|six)
we let (three|two|a|some|several|our|the|a few|half|most|dozens of|four|five)
(slip|slips|slipped|slipping|fall|falls|fell|falling) through the cracks
(lapse|lapsed|lapsing)
(failed|broke|broke down|went down|crashed|died|blew up|fell over) (at|on|during|last|twice|again|mid|in the middle|three times|every)
(churning|burning) through
faster than we can (hire|replace|train|keep up|fix|handle|onboard)
(can not|could not) keep up
nobody (chased|followed up|used|bothered|filled|read|logged|touched|looked at|owned|noticed|checked|took ownership|picked up|answered)
no one (chased|followed up|used|bothered|filled|read|logged|touched|looked at|owned|noticed|checked|took ownership|picked up|answered)
(the managers|managers|they|people|staff|the team|reps|users|the reps|the staff) never (did|used|logged|filled|bothered|adopted|followed|read|opened|touched)
(everything|it all|all of it|most of it|the whole thing) (off|on|in|through|with|using|via) (spreadsheets|excel|email|paper|whiteboards|sticky notes|google sheets|a spreadsheet|post-its)
(run|running|runs|track|tracking|manage|managing) (it|things) (off|on|in|with|using) (spreadsheets|excel|paper|whiteboards|a spreadsheet)
(keeps|kept|keep) (nagging|bugging|bothering|eating at|gnawing at)
(nagging|bugging|eating|gnawing) at (me|us)
(got|gotten|getting|is getting|has got|has gotten|keeps getting) worse
(left|walked|moved|churned|switched|defected|went) (to|over to) (another|a competitor|a rival|the competition|someone else)
(a|the|one|two|three|every|each) missed (change order|deadline|shipment|delivery|renewal|payment|filing|invoice|order|handover|handoff|call|appointment)
missed (deadlines|deliveries|shipments|renewals|payments|orders|windows|delivery windows|slas|targets|appointments|calls)
(our|my) (biggest|largest|best|top|key|main) (account|client|customer) (left|walked|moved|churned|went)
(cost|costing|lost) (us|me) (a|our|two|three|several|some|many) (client|clients|customer|customers|deal|deals|account|accounts|contract|contracts)
another (winter|summer|year|quarter|month|season|round|cycle|audit|peak) of
(only|never|always) find out (about|when|after|too late|the next)
(find|found|finding) out too late
(thousand|thousands|million|millions|grand) in (repairs|damages|fines|penalties|overtime|lost revenue|lost sales|refunds|write-offs|legal fees|credits|rework)

[disclosure]
@side buyer
@kind tried
@why What the buyer has already tried, and why it did not work.
we tried
we have tried
i tried
we already tried
we tested
we piloted
we used to use
we used to have
we switched from
we switched to
we built our own
we built something
we brought in
we hired a consultant
it did not work
that did not work
did not stick
nobody used it
we gave up on
we moved away from
we ran a pilot
last time we
the last vendor
the last tool
we have also tried
we also tried
we have tested
we have also tested
we also tested
our last vendor
our previous vendor
(our|the) (last|previous|old) (rollout|implementation|migration|project|system|provider|attempt)
we (rolled out|implemented|deployed|introduced|bought|purchased|licensed|adopted|put in|set up|invested in|signed up for|trialled|trialed|experimented with|looked into)
(years|months) ago,? we

[disclosure]
@side buyer
@kind worried
@why What the buyer fears might happen if they choose wrong.
i am worried
i am really worried
we are worried
worried about
worried that
what worries me
my worry is
our worry is
i am afraid
afraid that
i am nervous
nervous about
i am scared
scared that
i am concerned
we are concerned
concerned about
concerned that
my fear is
the fear is
the risk is
what if it fails
if this goes wrong
if we get this wrong
i do not want to be the one
keeps me up at night
terrified
scares me
scares us
scary
can not afford another
(worries|worry|scares|frightens|bothers) (me|us)
i am (cautious|wary|careful)
we are (cautious|wary)
burned before
burnt before
(paranoid|anxious|uneasy|jittery|twitchy|touchy|gun-shy|gun shy|jumpy|skittish) (about|of|around|that|after|since)
(i am|we are|he is|she is|they are|everyone is) (wary|cautious|gun-shy|gun shy|skittish|paranoid|nervous|twitchy|jumpy|anxious|uneasy|worried|scared|afraid)
(got|get|been|was|were|have been|has been|getting) (burned|burnt|bitten|stung)
(i|we) (dread|am dreading|are dreading)
(get|getting|be|being) (told|asked|forced|made) to (cut|drop|cancel|stop|explain|justify|defend|reverse)
(will|would|are going to|is going to) (ask|raise|have) (questions|concerns|objections|issues|doubts)
(will|would|are going to|is going to) (push back|object|resist|balk|complain|kick up)

[disclosure]
@side buyer
@kind hoped
@why The outcome the buyer hopes for.
i hope
we hope
i am hoping
we are hoping
ideally
in an ideal world
what i would love
what we would love
i would love
we would love
i would love to
the dream is
my dream
dream scenario
what we really want
what i really want
what we really need
if we could just
it would be amazing if
it would be great if
it would be huge if
would be a game changer
i wish

[disclosure]
@side buyer
@kind criteria
@why How the buyer will decide: their decision criteria.
must have
must be able to
has to integrate
needs to integrate
has to work with
needs to work with
needs to be
has to be
it has to
it needs to
a requirement
our requirements
requirement is
deal breaker
dealbreaker
non negotiable
non-negotiable
the criteria
our criteria
decision criteria
we will decide based on
we decide based on
what matters most
most important thing
the most important
we need something that
we need a tool that
we need a solution that
we are looking for something that
security review
needs sign off
needs sign-off
sign off from
approval from
is a must
a must-have
need to see how
still need to see
(signs|sign) off
sign-off
(has|have|needs) to (sign|approve)
# phrase families: what they will decide on
(will|would|is going to|are going to) want to (know|see|understand|hear|check|be sure|make sure|be confident)
(payback|pay back|pays back|pays for itself|pay for itself) (period|within|inside|in under|in less than|in|by|before)
(has|have|needs|need|will have|would have) to (bless|approve|sign off on|okay|vet|clear|green-light|greenlight|sign)
(it|everything|it all|that) (comes|boils|will come|would come) down to
before (they|we|i|he|she|anyone|the board|the partners|the owners) (sign|signs|buy|buys|approve|approves|agree|agrees|could go ahead|can go ahead|go ahead|move forward|could move forward) (anything|off|on|up|to)
before we (could|can|would|will) (go ahead|sign|commit|move forward|proceed|buy|decide|roll|switch)
we need it (to|close to|in|within|by|before|under|working)
^(data |)(security|compliance|privacy|uptime|reliability|integration|price|cost|ease of use|support|speed) (first|comes first|is the priority|is key|is everything)$
(like|likes|expect|expects|prefer|prefers|will want|would want|will need|would need|insist|insists) to see (a|the|some|proper|real|actual|how|that|proof|numbers|references)

[disclosure]
@side buyer
@kind concern
@why A hidden concern the buyer has not said out loud before.
my concern is
my real concern
our concern is
the concern is
what concerns me
my hesitation
i hesitate
i am hesitant
i am not convinced
i have doubts
my doubt is
i am skeptical
i am sceptical
i am on the fence
hesitation
reservations
i have a reservation
the catch
what is the catch
what i am not sure about
not comfortable
not (quick|easy|fast|keen|great|good) (to|at) (cooperate|work with|deal with|integrate|respond)
(difficult|hard|slow|painful|a pain) to (work with|deal with|cooperate with|integrate with|get hold of)

[disclosure]
@side buyer
@kind motivation
@why What moves the buyer personally: their emotional motivation.
my boss is
my boss wants
my boss thinks
my boss will
my manager is
my manager wants
my vp
my role might
my role could
my role is changing
my job might
my job is on the line
my neck is on the line
my reputation
my credibility
look bad
look good
look foolish
look stupid
i personally
for me personally
personally
my team deserves
my team is exhausted
i want to prove
prove that
get promoted
my bonus
my career
i championed
i pushed for
i stuck my neck out
i would be the hero
sleep at night
peace of mind
my (director|ceo|cfo|coo|cto|head of|board|leadership|manager|boss) (has|wants|is|made|asked|said|will|expects)
my responsibility
on my desk
my name is on
# phrase families: who is watching them, what is on the line for them
my (md|managing director|gm|general manager|svp|evp|vp|president|owner|chair|chairman|founder|partners|board|ceo|cfo|coo|cto|director|boss|manager|leadership|execs|superiors|higher-ups|bosses|investors) (asked|wants|wanted|is asking|was asking|has asked|grilled|questioned|blamed|made|has made|said|told|expects|expected|will|would|is going to|needs|is watching|is breathing|keeps asking)
the (ceo|cfo|coo|cto|board|md|owner|owners|founders|president|investors|partners) (has made|made|wants|asked|is asking|expects|has asked|told|is breathing|is watching|will ask|will want|keeps asking)
(awkward|difficult|tough|hard|uncomfortable|painful|unpleasant) (board meeting|conversation|conversations|questions|review|quarter|meeting)
(on the hook|in the hot seat|under the gun|under the microscope|in the firing line|head on the block|carrying the can)
(i am|i will be|i would be) the one (who|that|on|in|holding|answering|left|responsible|accountable)

[objection]
@side buyer
@kind objection
@why A real reservation about the offer: explore the fit together, do not "handle" it.
too expensive
too pricey
too much money
costs too much
out of our budget
over our budget
beyond our budget
can not afford it
can not afford that
can not afford this
can not justify
hard to justify
not sure it is worth
not worth it
do not see the value
do not see how
not sure it fits
does not fit
would not fit
not a fit
too complicated
too complex
too much work
too much change
too long to implement
takes too long
not enough time
do not have the bandwidth
no bandwidth
do not have the resources
missing a feature
you do not have
does not integrate
does not support
does not do
your contract
the contract terms
lock in
locked in
long contract
we already have a tool
we already have something
already have a solution
already use
we are locked into
more than we can (stomach|handle|absorb|take on|manage|justify)
(does|will|would) not scale
(is|are) (going to be|gonna be) (hard|tough|difficult|a problem|an issue)
(is|are) (still |)(an issue|a problem|a sticking point|a blocker) for us
still an issue
sticking point
the contract length
contract length
# phrase families: price, fit, terms, gaps
more than (we|i) (budgeted|planned|expected|wanted to spend|had in mind|can spend|were planning|had planned|bargained for)
(over|above|outside|beyond|not in|out of) (our|the|my) (budget|price range|range|means)
(at|toward|towards|on) the (top|high end|upper end|higher end|expensive end) of (our|the|what)
(a bit|a little|way|far|too|quite|rather|pretty) (steep|pricey|rich|much for us|expensive|high for us|high for what)
(price|pricing|cost|fee|quote) (is|seems|feels) (a bit |a little |way |too |quite |pretty |)(high|steep|much|heavy|rich)
(does not|will not|would not|is not going to|did not|can not) work for (us|a team|teams|our|a company|a business|a firm|companies|a shop|smaller|a small)
(we would be|we are|we will be|we would end up|we end up|we would still be) paying for
paying for (seats|users|licences|licenses|features|things|stuff|people) (we|that we|nobody|no one)
not (sold|convinced|keen|comfortable|happy|thrilled|crazy) (on|with|about|by)
not a (fan|big fan) of
(your|the) (connector|integration|api|product|tool|platform|system|app|software|reporting|sync|solution|dashboard|mobile app|support|onboarding) (only|does not|can not|will not|is not|lacks|is missing|is too|falls short|has no)
(that is|it is|this is|that would be|it would be|that will be) (a|the) (sticking point|problem for us|hard sell|tough sell|big ask|non-starter|non starter|stretch)
(hard|tough) sell
big ask
(can not|could not|would not be able to) (get|sell|justify) (that|this|it) (past|to|internally|through|upstairs)
(year|years) (term|contract|commitment|lock-in) (is|feels|seems|sounds) (too|a lot|long|a stretch)
too long (a|of a) (term|commitment|contract)

[toward]
@side buyer
@negatable no
@why The buyer moves toward goals.
@mirror Name the outcome they are working toward and how it is reached: "so you can reach...", "this gets you...".
achieve
achieving
attain
accomplish
our goal
the goal is
my goal
we want to grow
growth
grow the
get ahead
!get ahead of ourselves
!get ahead of myself
(we|i) (want|would like|need) to (be|get|hit|double|triple|reach|win|expand|launch|grow|increase|become|build|beat|go from)
what we want to achieve
we want something
(hit|hitting|reach|reaching|beat|beating|exceed|exceeding|make|making) (quota|our quota|target|our target|the target|targets|our targets|our number|our numbers|the number|plan)
(gets|get|getting) us to
to our number
double (our|the|new|revenue|sales|pipeline)
market share
new markets
expand into
!not scale
gain
improve
improving
growing
improvement
opportunity
opportunities
get to
reach our
hit our target
hit our number
win more
the upside
benefit
benefits
results
make it happen
we are aiming for
we are aiming to
aim to
move faster
scale
# phrase families: the goal, the number, the win
!(want|would like|need|like|love) to be able to
(number|target|goal|metric|figure|outcome|prize) (i am|we are|i have been|we have been) (chasing|after|aiming for|going for|shooting for|targeting|working toward|working towards|pushing for)
(chasing|shooting for|going for|aiming for|targeting|working toward|working towards|pushing toward|driving toward|driving towards) (a|the|our|my|that|an)
(get|getting|bring|bringing|push|pushing|take|taking|drive|driving) (our |the |)(uptime|revenue|sales|margin|margins|conversion|conversions|retention|turnover|churn|attrition|costs|nps|output|throughput|utilisation|utilization|occupancy|bookings|pipeline|win rate|yield|productivity|response times|the number|our numbers)
(would be|will be|that is|that would be|it would be|it will be) (a huge|a big|a massive|a real|a great|huge|massive|a major|the big|the real) (win|prize|step forward|leap|breakthrough|achievement|success)
(i would like|we would like|i want|we want|i would love|we would love|i need|we need) (us|the team|our team|the business|the company|the plant|the site|this team) to (be|become|lead|win|grow|hit|reach|set|beat|get to|double|own)
(become|be) the (best|first|go-to|leader|model|benchmark|standard|example|one everyone)

[away]
@side buyer
@negatable no
@why The buyer moves away from problems.
@mirror Name the problem it removes and the risk it avoids: "so you will not have to...", "this prevents...".
avoid
avoiding
risky
a risk
too much risk
avoided
prevent
preventing
do not want to be
do not want another
i do not want to
we do not want to
get rid of
stop having to
so we do not have to
so we will not have to
never again
not have to deal with
fix the
fix our
reduce the risk
reduce risk
minimise
minimize
less risk
eliminate
protect
mistakes
errors
disruption
downtime
falling behind
fall behind
do not want to end up
what we do not want
steer clear
escape
# phrase families: the problem to be rid of, the thing that must not happen
what (i|we) (do not|really do not|definitely do not|never) want
(do not|never) want (a repeat|to repeat|to go through|to relive|the same|that again|a replay)
no more
(can not|could not) afford (to|another|any|a)
(make sure|ensure|so that) (it|that|this|nothing|nobody) (never|does not|will not|can not|do not) (happens|happen|happen again|breaks|stops|goes down|fails|slips)
(stop|stops|stopping|stem) the (bleeding|rot|leaks)
(the last thing|the one thing) (i|we) (want|need)
(keep|keeping|stay|staying) out of (trouble|the news|the headlines|court)

[options]
@side buyer
@negatable no
@why The buyer likes to decide among options.
@mirror Offer choices and keep the decision reversible: "there are a few ways to do this...", "you could also...".
options
alternatives
the choice
having the choice
what else we could
(different|other|several|multiple) (use cases|approaches|routes|paths|scenarios|configurations|setups|packages|tiers|plans)
switch (routes|approaches|plans|paths)
possibilities
flexible
flexibility
try it another way
other ways
another way
different ways
keep our options open
explore
we could also
or we could
mix and match
choices
an option to
option to
a choice
customize
customise
depends
open to
pick and choose
variety
# phrase families: several ways, keeping them open
(weighing|weigh|weighed) (up|our|the|a few|several|different)
(three|two|four|a few|several|a couple of|a number of|multiple|many|various|different) (routes|paths|ways|approaches|roads|directions|options|scenarios)
(a few|several|different|other|multiple|a couple of|two|three|many|various) ways (to|of)
we could (either|build|buy|outsource|hire|partner)
(build|buy|outsource|partner)( it|) or (buy|build|outsource|partner|hire)
off the shelf
off-the-shelf
(keep|keeping|leave|leaving) (things|it|our choices|my options|the door|doors|everything|it all) open
(like|love|prefer|want|need) (to have |having |)(choices|a choice|a menu|room to|wiggle room|the freedom|the option)
(switch|change|mix|shake) (things|it) up
(able to|free to|option to|chance to) (switch|change|swap|adjust|pivot|tweak|change course|back out|walk away|switch plans|try)
(and|then) (pick|choose)( one| the best| between them|)$
(pick|choose) (between|among|from)

[procedures]
@side buyer
@negatable no
@why The buyer wants a clear path.
@mirror Lay out the steps in order: "first..., then..., after that...", "the proven way is...".
the steps
step by step
step one
first step
first we
and then we
^after that
sequence
playbook
follow the (plan|steps|process|playbook|standard|checklist)
the standard (process|way|rollout)
the process
a process
our process
the right way
proven
the proper way
the procedure
a checklist
a proper plan
a clear plan
a written plan
a detailed plan
need the plan
need a plan
a roadmap
the sequence
in order
what happens next
what comes next
walk me through the
how does it work
implementation plan
timeline
by the book
# phrase families: the order of things, written down
(who does what|in which order|in what order|in the right order|in that order|in sequence|one step at a time|a step at a time|phase by phase|stage by stage|one thing at a time)
(writes|write|written|spelled|spell|spelt|lay|laid|set|map|mapped) (down|out) (exactly|clearly|step|the steps|who|what|in order|each)
exactly who
critical path
(gantt|go-live plan|cutover plan|runbook|run book|work plan|milestone plan|rollout schedule|implementation schedule|project plan)
(proper|clear|detailed|written|step-by-step|firm|solid|documented) (plan|schedule|rollout plan|rollout schedule|go-live plan|timeline|process|sequence|checklist|roadmap|runbook|path|order|method|methodology|framework|project plan)
first, then
!first, then i will (come back|get back|let you know|be in touch|circle back|call you|reach out)
first and then
first; then
(scoped|spelled out|spelt out|laid out|mapped out|written out|set out|written down|documented|defined) (in writing|clearly|up front|upfront|in detail|in advance|step by step|exactly|on paper)
