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
