"""Resolution: which stored person, organization, place or event a new record's entry is."""
