[stall]
@side buyer
@mirror slow
let me get back to you
[rhetorical]
right?
[statement]
you know
