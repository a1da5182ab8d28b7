"""Scoring extraction records against hand-annotated gold files (precision, recall, F1 per field).

Gold files use the format of `spec/seed-gold.json`. Matching follows the
project's judge: names compare after script folding and token sorting, with a
similarity floor; events match on date, kind and at least one victim.
"""

from __future__ import annotations

import difflib
import unicodedata
from dataclasses import dataclass, field

FIELDS = ("persons", "organizations", "places", "law_articles", "events")
_CYR = dict(zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюяәғқңөұүһі",
                ["a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p", "r", "s", "t", "u",
                 "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya", "a", "g", "k", "n", "o", "u", "u", "h", "i"],
                strict=True))


def norm(s: str | None) -> str:
    """Fold a name to sorted lower-case Latin tokens."""
    s = unicodedata.normalize("NFKC", s or "").casefold()
    s = "".join(_CYR.get(c, c) for c in s)
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if c.isalnum() or c.isspace())
    return " ".join(sorted(s.split()))


def same(a: str | None, b: str | None) -> bool:
    """Whether two names denote the same entity for scoring."""
    a, b = norm(a), norm(b)
    if not a or not b:
        return False
    return a == b or difflib.SequenceMatcher(None, a, b).ratio() >= 0.86


@dataclass
class Tally:
    """True positives, false positives and false negatives of one field."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, tp: int, fp: int, fn: int) -> None:
        self.tp += tp
        self.fp += fp
        self.fn += fn

    @property
    def prf(self) -> tuple[float, float, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


@dataclass
class Score:
    """Tallies per field over a set of documents, and what went wrong where."""

    tallies: dict[str, Tally] = field(default_factory=lambda: {f: Tally() for f in FIELDS})
    problems: list[str] = field(default_factory=list)

    @property
    def macro_f1(self) -> float:
        return sum(t.prf[2] for t in self.tallies.values()) / len(self.tallies)

    def report(self) -> str:
        lines = [f"{f:14s} P={t.prf[0]:.3f} R={t.prf[1]:.3f} F1={t.prf[2]:.3f}  (tp={t.tp} fp={t.fp} fn={t.fn})"
                 for f, t in self.tallies.items()]
        lines.append(f"macro-F1={self.macro_f1:.3f}")
        return "\n".join(lines)


def _names(g: dict) -> list[str]:
    return [g["name"], *g.get("variants", [])]


def _surface_forms(x: dict) -> list[str]:
    """A predicted entity's name, then the text of each mention: the judge matches on any of them."""
    return [x.get("name") or ""] + [m.get("text") or "" for m in x.get("mentions") or []]


def _match_entities(gold: list[dict], pred: list[list[str]]) -> tuple[int, int, int, list[str]]:
    used: set[int] = set()
    tp = fn = 0
    missed = []
    for g in gold:
        names = [norm(n) for n in _names(g)]
        hit = next((i for i, ps in enumerate(pred) if i not in used and any(norm(p) in names for p in ps)), None)
        if hit is None:
            hit = next((i for i, ps in enumerate(pred) if i not in used
                        and any(same(p, n) for p in ps for n in _names(g))), None)
        if hit is not None:
            used.add(hit)
            tp += 0 if g.get("optional") else 1
        elif not g.get("optional"):
            fn += 1
            missed.append(g["name"])
    extra = [ps[0] for i, ps in enumerate(pred) if i not in used]
    return tp, len(extra), fn, missed + [f"+{e}" for e in extra]


def _law_key(a: dict) -> tuple[str, str, str | None]:
    code = (a.get("code") or "").lower()
    code = "administrative" if code.startswith("admin") else "criminal" if code.startswith("crim") else code
    part = str(a["part"]).strip() if a.get("part") not in (None, "") else None
    return code, str(a.get("article") or "").strip(), part


def _match_events(gold: list[dict], rec: dict) -> tuple[int, int, int, list[str]]:
    persons = {p["id"]: p["name"] for p in rec.get("persons") or []}
    recalled: set[int] = set()
    correct = 0
    wrong = []
    preds = rec.get("events") or []
    for e in preds:
        victims = [persons.get(v, "") for v in e.get("victims") or []]
        ok = False
        for gi, g in enumerate(gold):
            dates = [g.get("date"), *g.get("date_alternatives", [])]
            if e.get("date") in dates and e.get("kind") in g["kinds"] and any(
                    same(v, gv) for v in victims for gv in g["victims"]):
                ok = True
                recalled.add(gi)
        correct += ok
        if not ok:
            wrong.append(f"+{e.get('kind')} {e.get('date')} {victims}")
    need = [gi for gi, g in enumerate(gold) if not g.get("optional")]
    tp = len([gi for gi in need if gi in recalled])
    missed = [f"{gold[gi]['kinds']} {gold[gi]['date']} {gold[gi]['victims']}" for gi in need if gi not in recalled]
    return tp, len(preds) - correct, len(need) - tp, missed + wrong


def score(golds: list[dict], records: list[dict]) -> Score:
    """Score records against gold files, pairing them by document basename.

    golds (list[dict]): gold annotations. records (list[dict]): kuzet.extraction/1 records.
    RETURNS (Score): per-field tallies and a list of the misses and extras.
    """
    by_doc = {((r.get("source") or {}).get("path") or "").replace("\\", "/").rsplit("/", 1)[-1]: r for r in records}
    result = Score()
    for g in golds:
        rec = by_doc.get(g["document"], {})
        if not rec:
            result.problems.append(f"{g['document']}: no record")
        for fld in ("persons", "organizations", "places"):
            tp, fp, fn, issues = _match_entities(g.get(fld, []), [_surface_forms(x) for x in rec.get(fld) or []])
            result.tallies[fld].add(tp, fp, fn)
            result.problems += [f"{g['document']} {fld}: {i}" for i in issues]
        gl = {_law_key(a) for a in g.get("law_articles", [])}
        pl = {_law_key(a) for a in rec.get("law_articles") or []}
        result.tallies["law_articles"].add(len(gl & pl), len(pl - gl), len(gl - pl))
        result.problems += [f"{g['document']} law_articles: missed {k}" for k in gl - pl]
        result.problems += [f"{g['document']} law_articles: +{k}" for k in pl - gl]
        tp, fp, fn, issues = _match_events(g.get("events", []), rec)
        result.tallies["events"].add(tp, fp, fn)
        result.problems += [f"{g['document']} events: {i}" for i in issues]
    return result
