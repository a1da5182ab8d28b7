"""Training the event reader's decisions from annotated documents and from the desk's reviews."""
