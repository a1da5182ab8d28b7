"""Russian: bringing names in any grammatical case back to the nominative."""
