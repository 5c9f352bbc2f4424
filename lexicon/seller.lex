# seller.lex: seller language that undermines trust.  "@lint yes" makes
# "candor lint" report these in a draft, with @why and @better (or the
# phrase's own "| why | better").

[pressure]
@side seller
@lint yes
@negatable no
@why Pressure creates resistance: the buyer protects themselves instead of deciding well.
@better Give the buyer room and a real reason tied to their situation, e.g. "whenever it makes sense for you; here is what changes if you wait".
act now
act fast
limited time
limited time offer
only today
today only
this offer expires
offer ends
expires on friday
expires today
before it is gone
before the price goes up
prices go up
price goes up
only a few left
last chance
do not miss out
miss out
you do not want to miss
you can not afford to wait | Urgency the seller invents is heard as pressure. | Say what waiting would actually cost them, in their terms, and let them weigh it.
you need to decide
need a decision today
need an answer today
need your answer by
what is stopping you
what will it take
sign today
sign now
if you sign today
if you sign this week
everyone else is
everyone else in
already using us
all your competitors are
you would be crazy not to
no brainer
no-brainer
trust me
believe me
i promise you will love
to be completely honest with you
end of quarter
my manager will not let me hold
can only hold this price
special price just for you
hold your (spot|place|slot)
lose your (spot|place|slot)
(spots|slots|places) (are |)(filling up|going fast)

[pressure]
# The phrase families below are negatable (unlike the section above): a
# seller who says "you do not need to decide today" or "I am not asking
# for a signature this week" is taking pressure off, not putting it on.
@side seller
@lint yes
@why Pressure creates resistance: the buyer protects themselves instead of deciding well.
@better Give the buyer room and a real reason tied to their situation, e.g. "whenever it makes sense for you; here is what changes if you wait".
(offer|promotion|promo|discount|deal|price|pricing|special|incentive|bundle) (expires|ends|runs out|wraps up|finishes|is gone) (on|at|this|next|soon|in|friday)
(offer|promotion|promo|discount|deal|price|pricing|rate|special|incentive)( is| is only| only|) (valid|available|running|on the table) (until|till)
(only|just) (good|valid|available|on the table) (until|till)
can only (hold|keep|honour|honor|guarantee) (this|that|the|these|your) (price|pricing|rate|discount|offer|deal|quote)
(will not be able to|can not) (hold|honour|honor) (this|that|these|your) (price|pricing|rate|discount|offer|deal|quote)
(discount|offer|price|pricing|deal|promotion|promo|rate|special) (will not|would not|is not going to|may not|might not|can not) (be there|be around|last|be available|hold|stay|be on the table)
(promotion|promo) running (that|which|until|till)
(leaving|leave) money on the table (by|if you keep|if you are) (waiting|holding off|delaying)
you (need|have|must) to (get on|get started|get in|jump on|act|move|decide|commit|sign|lock|secure|grab) (before|now|today|quickly|fast|soon|this week|while)
!(if|do|would|will|did|when|why|whether) you (need|have|must) to
(slots are|spots are|places are|seats are|they are|those are|these are) (going|filling up|selling|booking up) (quickly|fast)
(only|just) (a few|two|three|one|a couple of|a handful of) (slots|spots|places|seats|licences|openings|units) (left|remaining|available)
(get|jump|sign) on (our|the) (platform|product|system|tool|software|plan) before (your|the|it|prices|this)
(the contract|the agreement|the order form|the order|the deal|the paperwork|it) signed (this week|today|tonight|by end of day|by the end of the week|by the end of the day|before the weekend|right now)
(a signature|signatures|a yes|your signature) (this week|today|tonight|by end of day|before the weekend|right now)

[closing]
@side seller
@lint yes
@why Closing language is about the seller's goal, not the buyer's decision.
@better Ask what they need to decide well, e.g. "what would you need to see to feel safe choosing this?".
close the deal
closing the deal
close this deal
close this out
close this week
ready to sign
ready to move forward
can we get this signed
get this signed
get the paperwork
send over the contract
send you the contract
sign the contract
sign on the dotted line
shall we get started
can i put you down
can i count on you
do we have a deal
are we ready to
let us get this done
lock this in
lock it in
seal the deal
get you (on board|started|signed up)
the paperwork
pencil you in
lock in (a|the) (date|start date|price|deal)
(a|the) great fit for you
we are a (great|perfect) fit
(get|have) (the|this|it|the agreement|the contract|the deal|the order) signed
signed by (monday|tuesday|wednesday|thursday|friday|the end)
get the ball rolling
pull the trigger
just need your signature
where do i send the contract
what would it take to earn your business
earn your business
is there any reason you would not
assuming everything looks good
if i could show you
which plan works better for you | An assumptive close: the buyer has not said they are buying. | Ask whether it fits at all before asking which version.
# phrase families: asking for the signature, assuming the sale
(are you|is everyone|are we|you sound|sounds like you are|are you all|is the team) (happy|ready|good|okay|comfortable|set|all set) to (move ahead|move forward|go ahead|proceed|sign|commit|press go|pull the trigger)
(shall|should|can) (i|we) (get|send|draw up|prepare|draft|email|issue) (the|you the|over the) (agreement|contract|paperwork|order form|sow|msa|docusign|signature page)
(agreement|contract|paperwork|order form|purchase order|sow|msa|docusign|signature page) (over|across|out) to you
(the |a |your |)signed (order|contract|agreement|order form|sow|po|paperwork|purchase order)
(get|have|got|had|getting) (the|this|it|your|an|our|that) (order form|order|agreement|contract|deal|paperwork|po|purchase order|sow|msa|proposal) signed
(get|have|receive|collect) (everyone's|your|their|all the) (signature|signatures|autograph)
(make|making) (it|this|things) official
(wrap|wrapping|tie|tying) (this|the deal) up (before|by|this|today|tomorrow|next)
(close|closing) (this|it) out
(get|getting) (this|it|you|things|the deal) over the line
across the line
(get|put|sign) you (down|up) for
(sign|signing) you up
(book|lock in|hold|reserve|secure|grab) (your|a|the) (kickoff|kick-off|onboarding|launch|start|implementation) (slot|date|spot|place|window)
have you (live|up and running|onboarded|signed up) (by|for|before|in)
(after|once|when) the (paperwork|contract|agreement|order form|signature) (is|are|has been) (done|signed|in|through|sorted|back)
(let us|shall we|can we) (make|get) (it|this) (official|final)
(move|moving) (ahead|forward) (today|this week|right now)

[seller_centric]
@side seller
@lint yes
@why Talk about the seller (product, company, quota) instead of the buyer's situation.
@better Start from their situation, e.g. "you mentioned ...; here is how that would change for you".
our product
our platform
our solution
our software
our company
our tool is
our features
our technology
we are the leading
we are the best
we are the market leader
the market leader
the best in the market
industry leading
industry-leading
world class
world-class
best in class
best-in-class
cutting edge
cutting-edge
state of the art
award winning
award-winning
our customers love
our clients love
we have won
we were named
my quota
my numbers
my target
my commission
my manager wants
i need this deal
i need to close
i need you to
we need you to
let me tell you about us
let me tell you about our
let me show you our
let me walk you through our
i want to show you
a quick demo of our
our roadmap
we just released
we just launched
we pride ourselves
# phrase families: the seller's rank, awards, customers' love, what "we" built
(we are|we have been|we have become|we were|we are now) the (number one|#1|no. 1|leading|top|largest|biggest|fastest-growing|fastest growing|best|market-leading|market leading|go-to|clear leader|only one)
(we are|we have been|we were|we are now) (number one|#1|no. 1|market-leading|market leading|the leader)
(our|my) (clients|customers|users|partners) (swear by|rave about|adore|love|are obsessed|can not live without)
(nobody|no one|no other|none of the others) (else |)(in the space |in the market |in the industry |)(comes close|can match|does what we|offers what we|matches us|touches us)
(comes|come|came) close to (us|what we)
(the quick |a quick |the |a |)(story|bit|background|overview|rundown) (on|about) (who we are|us|our company|what we do|our history)
who we are and what we do
(tell|give) you (a bit |the quick story |a little |a quick overview |)(about|on) (us|who we are|ourselves)
(we are|we were) (built|designed|made|purpose-built) for
our (software|app|system|technology) (handles|does|is|has|was|won|offers|gives|lets|covers|includes|outperforms|beats|leads)
!our (product|platform|solution|software|engineering|support|security|integration|implementation|customer success) (team|lead|manager|people|specialist|expert|folks|engineer|engineers|group)
!(check|ask|talk|speak|confirm) with our (product|platform|solution|software|engineering|support|security|integration)
second to none
(best|top|leading|first) in (the|our) (industry|market|space|business|field|class|category|world)
(unmatched|unbeatable|unrivalled|unrivaled|unparalleled|second to none|best of breed|best-of-breed)
(three|two|four|five|several|many) years running
