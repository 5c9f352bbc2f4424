[bad
phrase without a section
