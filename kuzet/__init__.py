"""Kuzet: an offline-first monitoring desk for human-rights defenders."""

__version__ = "0.1.0"
SCHEMA = "kuzet.extraction/1"
