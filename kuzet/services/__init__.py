"""Use cases over the case database: each a function taking `*, session` and the acting user."""
