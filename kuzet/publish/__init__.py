"""Publishing: what Kuzet writes for people to read (summaries, bulletins, exports)."""
