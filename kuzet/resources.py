"""Language resources read once from `kuzet/data/` (gazetteers and tables are data, not code)."""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources
from typing import Any

from kuzet.lang.translit import fold_kazakh


def load(name: str) -> Any:
    """Parse one JSON data file shipped in the `kuzet.data` package."""
    return json.loads(resources.files("kuzet.data").joinpath(name).read_text(encoding="utf-8"))


@cache
def law_table() -> dict[tuple[str, str], dict]:
    """(code, article) -> the article's row with its titles."""
    return {(a["code"], a["article"]): a for a in load("law_articles.json")["articles"]}


@cache
def places() -> list[dict]:
    return list(load("places.json")["places"])


@cache
def place_index() -> dict[str, dict]:
    """Lower-cased, folded place name -> place; larger places win a shared name."""
    index: dict[str, dict] = {}
    order = {"country": 0, "region": 1, "city": 2, "district": 3}
    for p in sorted(places(), key=lambda p: (order[p["kind"]], -(p.get("population") or 0))):
        for n in p["names"]:
            index.setdefault(n.lower().replace("ё", "е"), p)
            # Kazakh spellings meet the Russian ones ("Жаңаөзен" -> "жанаозен").
            index.setdefault(fold_kazakh(n.lower().replace("ё", "е")), p)
    return index



@cache
def publish_terms() -> dict[str, Any]:
    return dict(load("publish_terms.json"))


@cache
def region_names() -> dict[str, dict[str, str]]:
    """English region name -> its names in en, ru, kk."""
    return {r["en"]: {"en": r["en"], "ru": r["ru"], "kk": r["kk"]} for r in load("regions.src.json")["regions"]}


@cache
def organizations() -> dict[str, Any]:
    return dict(load("organizations.json"))


@cache
def descriptors() -> list[dict]:
    return list(load("descriptors.json")["descriptors"])


@cache
def descriptor_pattern() -> tuple[re.Pattern[str], dict[str, dict]]:
    """One regex of every descriptor phrase, and phrase -> descriptor row."""
    phrases: dict[str, dict] = {}
    for d in descriptors():
        for p in [d["en"], *d.get("en_variants", []), *d["ru"], *d.get("kk", [])]:
            phrases[p.lower()] = d
    alts = sorted(phrases, key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(a) for a in alts) + r")(?!\w)", re.I), phrases


@cache
def stopwords() -> frozenset[str]:
    data = load("name_stopwords.json")
    return frozenset(w.lower() for group in data["words"].values() for w in group)


def _word_regex(patterns: list[str]) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)(?:" + "|".join(patterns) + r")(?!\w)", re.I)


@cache
def triggers(lang: str) -> tuple[re.Pattern[str], list[tuple[str, bool, re.Pattern[str]]]]:
    """Event triggers of one language (en|ru|kk): one regex over all kinds, and (kind, core, regex) per kind and tier.

    The regex over all kinds finds where a trigger starts in a single pass (a union
    with the word-boundary checks written once runs twice as fast as the kinds one by
    one); the per-kind ones then say which kinds match there. Core wordings are the
    precise ones; wide ones make paraphrases candidates too.
    """
    # Kazakh texts quote Russian terms ("уголовное дело"), so they are read with both lists.
    read = ("kk", "ru") if lang == "kk" else (lang,)
    data = load("event_triggers.json")
    per_kind = []
    every = []
    for tier, core in (("kinds", True), ("wide", False)):
        for kind, langs in data[tier].items():
            pats = [p for lg in read for p in langs.get(lg, [])]
            if pats:
                per_kind.append((kind, core, _word_regex(pats)))
                every += pats
    return _word_regex(every), per_kind
