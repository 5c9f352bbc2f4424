# modifiers.lex: words that change what other phrases mean.
# These three categories are never reported as signals themselves.

[negation]
# Cancels a signal with at most three words between them, in the same
# clause (no , ; : . ? ! or "but" in between).  Contractions are expanded
# before matching, so "not" covers don't, isn't, won't, can't...
not
no
never
nothing
nobody
none of
without
hardly
neither
nor
not really
no longer
# words that hold a negation but do not negate
!no-show
!no-shows
!no show
!no shows
!no-brainer
!no brainer
!no worries
!no problem
!not a problem

[hedge]
# Marks a later signal in the same sentence as hedged (confidence 0.5).
# A hedged commitment is not a promise and is dropped.
maybe
perhaps
probably
possibly
might
may
i guess
i suppose
kind of
sort of
i will try
we will try
i will try to
hopefully
i hope to
if i can
if i get a chance
if i have time
if we can
not sure if
could possibly
at some point
we will see

[rhetorical]
# A sentence holding one of these is not a question even with a "?".
^who does not
^who would not
^why would anyone
^why would you not
^what is not to like
^is not that great
^is not it great
^how cool is that
^how great is that
^how about that
^guess what
^you know what
^you know what i mean
^know what i mean
^right$
^okay$
^ok$
^you know$
^make sense$
^see what i mean$
how are you$
how are you doing$
how is it going$
how are things$
how are things on your side
how are things on your end
how have you been$
how was your weekend
how was your week$
how is your week$
how is your day$
how was your trip
how was the trip
how about you$
how about yours
^(and |)yours$
how (is|was|has) (your|the) (week|day|weekend|morning|afternoon|holiday|trip|summer|break)( been| going| treating you| so far|)$
how (is|was|has) (your|the) (week|day|weekend|morning|afternoon|holiday|trip|summer|break) (been|going|treating you) so far
how are you doing today
how are you today
how are you doing$
did you have a (good|nice|great|lovely|relaxing) (weekend|holiday|break|trip|vacation|time off)
hope you had a (good|nice|great|lovely) (weekend|holiday|break|trip)
^is not that amazing
^is not that awesome
^is not that cool
^is not it amazing
^how amazing is that
^and you$
^you$
^why do not you just
^why do not we just
^why not just
^who cares
^what can i say
^what do you know
^can you believe
^would not that be nice
^would not it be nice
^could not agree more
^tell me about it$
^go figure
how (is|was|has) (your|the) (season|conference|event|show|summit|quarter|vacation|holiday|holidays|time off|flight|drive|commute|morning|afternoon|weekend|week|day|trip|break|summer|winter|spring|autumn|fall|new year|christmas|offsite|launch)( been| going| treating you| so far| going so far|)$
how is (everything|everyone|life|business|things|work|the family|the team)( on your side| on your end| going| with you| over there| at your end|)$

[statement]
# A sentence holding one of these is a statement unless it ends with "?":
# "What I'd love is a faster close." is not a question.
^what i
^what we
^what is really
^what is bothering
^what bothers
^what worries
^what frustrates
^what keeps
^what is frustrating
^what i would love
^what would really help
^what we need
^what matters
^what is killing
^what scares
^what we tried
^what really
^what is important
^what is most important
^what happened was
^what happens is
^how we
^how i
^why we
^when we
^where we
^which is why
^which means
