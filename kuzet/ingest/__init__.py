"""Getting documents in: files of every kind monitors receive, turned into text with their metadata."""
