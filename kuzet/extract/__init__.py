"""The reading core: text in, `kuzet.extraction/1` record out, no I/O.

Nothing in this package imports storage, web or CLI code (a test enforces it).
Entry points live in `kuzet.extract.pipeline`.
"""
