# a small lexicon
[question]
@side any
@why a question invites the buyer to talk
what do you think | open question | better framing
^how would
[negation]
not
never
[hedge]
maybe
[price]
@side buyer
@kind budget
@lint yes
@negatable no
too expensive$
!cheap shot
