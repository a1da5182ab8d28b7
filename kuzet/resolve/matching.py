"""Which stored person a document's person is: names first, then what the documents tell around them.

The name decides alone when it is plain: the same surname and the same given name (in
any script, or its Kazakh or Russian form: Болат/Булат, Гүлнар/Гульнара) links to the
one person stored so; nothing close makes a new person. Context is asked only where the
name leaves a doubt:

- a near name (an initial only, a surname alone, a variant spelling: "A. Zhaqypova"
  for "Aliya Zhakupova") scores under `LINK` and links only when the documents share
  enough of the same case (`context.support`): name + (1 - name) * support >= LINK;
- a name that fits two stored people who cannot be one ("A. Zhakupova" when Aliya and
  Alina are both stored) links to the one whose context is clearly closer, or to neither.

A surname that differs by a consonant (Nurgaliyev/Nurgaziyev) is another name, however
alike the cases: such pairs go to review and never link by context. Two persons of one
document are two people, so a stored person one of them took is offered to another only
under the same name in another form (the reader split "Токмырза" and "Токмырзу"); a name
without surname ("Алия Муратовна") is the person of its own document it fits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from sqlalchemy import select
from sqlalchemy.orm import Session

from kuzet.resolve.context import EMPTY, Context, person_context, support
from kuzet.resolve.identity import group_ids, root_id
from kuzet.resolve.name_index import NameIndex
from kuzet.resolve.names import LINK, REVIEW, VARIANT, NameKeys, conflict, keys, mention_gender, score, surname_similarity
from kuzet.store.models import Document, Person, PersonName

_PATRONYMIC = re.compile(r"(?:ович|евич|овн|евн|ичн|ovich|evich|ovna|evna|ichna)[а-яa-z]{0,3}$", re.I)
MARGIN = 0.2         # how much closer one context must be than a rival's to choose between two people
_CONTEXT_DOCS = 30   # a stored person's context is read from their latest documents
_MAX_ASKED = 6       # candidates whose context is read, best names first


@lru_cache(maxsize=65536)
def stored_keys(surname: str | None, given: str | None, patronymic: str | None) -> NameKeys:
    return keys(surname, given, patronymic)


@dataclass(slots=True)
class Candidate:
    root: int
    name: float               # best name score over the person's spellings
    keys: NameKeys            # the spelling that scored it
    variant: bool             # surnames are spellings of one name, so context may lift the score
    support: float = 0.0

    @property
    def total(self) -> float:
        return self.name + (1 - self.name) * self.support if self.variant else self.name


@dataclass(slots=True)
class Choice:
    keys: NameKeys
    person: int | None              # the stored person to link to, or None for a new one
    doubts: list[tuple[int, float]]  # other stored persons worth a review item, with scores
    absorb: list[int] = field(default_factory=list)  # stored persons that are `person` told with less of the name


class PersonMatcher:
    """Chooses stored persons for one batch's documents; `begin` before each document's persons."""

    def __init__(self, session: Session, names: NameIndex) -> None:
        self.session = session
        self.names = names
        self._contexts: dict[int, Context] = {}
        self._doc: tuple[dict, str] | None = None
        self._claimed: dict[int, list[NameKeys]] = {}

    def begin(self, record: dict | None, text: str = "") -> None:
        """A new document: its persons' contexts come from `record` and `text` (None: no context)."""
        self._doc = (record, text) if record is not None else None
        self._claimed = {}

    def forget(self) -> None:
        self._contexts.clear()

    def choose(self, entry: dict) -> Choice:
        k = keys(entry.get("surname"), entry.get("given"), entry.get("patronymic"), mention_gender(entry))
        if not k.surname:
            return Choice(k, self._named_here(k), [])
        if entry.get("given") and _PATRONYMIC.search(entry["surname"]):
            # "Алия Муратовна", "Нурлана Кайратовича": the reader took the patronymic for a surname.
            alone = keys(None, entry["given"], entry["surname"], k.gender)
            here = self._named_here(alone)
            if here is not None:
                return Choice(alone, here, [])
        # Another person of this document took a stored person: only the same name in another form
        # (the reader split "Токмырза" and "Токмырзу") may join them.
        found = [c for c in self._candidates(k) if c.root not in self._claimed or c.name >= LINK]
        if not found:
            return Choice(k, None, [])
        found.sort(key=lambda c: (-c.name, c.root))
        top = found[0]
        rivals = [c for c in found[1:] if conflict(c.keys, top.keys) or k.given is None]
        plain = top.name >= LINK
        if plain and not rivals:
            return Choice(k, top.root, [(c.root, c.name) for c in found[1:]], self._absorbable(entry, k, top, found))
        mine = self._here(entry)
        for c in found[:_MAX_ASKED]:
            c.support = support(mine, self._context(c.root)) if mine is not EMPTY else 0.0
        found.sort(key=lambda c: (-c.total, -c.name, c.root))
        best = found[0]
        rivals = [c for c in found[1:] if (conflict(c.keys, best.keys) or k.given is None) and c.name >= REVIEW]
        if best.total >= LINK and all(best.support - r.support >= MARGIN for r in rivals):
            return Choice(k, best.root, [(c.root, c.name) for c in found[1:] if c.name >= REVIEW],
                          self._absorbable(entry, k, best, found))
        return Choice(k, None, [(c.root, c.name) for c in found if c.name >= REVIEW])

    def _absorbable(self, entry: dict, k: NameKeys, chosen: Candidate, found: list[Candidate]) -> list[int]:
        """Stored persons named with less of this name ("B. Serikuly", "Serikuly") that are the chosen person.

        Which person a short form is must not depend on the order documents arrive in: had the
        short form come after the full name, it would have linked when the cases agree. So a
        stored person known only by a short form that fits this full name joins the chosen
        person when the rule `choose` applies to a short form holds in reverse: the name and
        the shared case reach `LINK`, and no other stored person the short form fits (one
        that cannot be this one) has a case nearly as close. Two persons of one document
        never join.
        """
        if not k.given or k.given.endswith("."):
            return []
        short = [c for c in found if c.root != chosen.root and c.variant and c.name < LINK
                 and (c.keys.given is None or c.keys.given.endswith(".")) and c.root not in self._claimed]
        if not short:
            return []
        ours = self._context(chosen.root) | self._here(entry)
        out = []
        for c in short:
            theirs = self._context(c.root)
            near = support(theirs, ours)
            if c.name + (1 - c.name) * near < LINK or self._share_a_document(chosen.root, c.root):
                continue
            rivals = [r for r in self._candidates(c.keys) if r.root not in (chosen.root, c.root) and conflict(r.keys, k)]
            if all(near - support(theirs, self._context(r.root)) >= MARGIN for r in rivals[:_MAX_ASKED]):
                out.append(c.root)
        return out

    def _share_a_document(self, a: int, b: int) -> bool:
        docs = [set(self.session.execute(select(PersonName.document_id).where(
            PersonName.person_id.in_(group_ids(self.session, Person, r)))).scalars()) for r in (a, b)]
        return bool(docs[0] & docs[1] - {None})

    def absorbed(self, into: int, others: list[int]) -> None:
        """Forget contexts that `into` taking `others` made stale."""
        for r in (into, *others):
            self._contexts.pop(r, None)

    def linked(self, entry: dict, person: int, k: NameKeys) -> None:
        """Note that `entry` of the current document, named `k`, is now `person` (new or found)."""
        self._claimed.setdefault(person, []).append(k)
        if person in self._contexts:
            self._contexts[person] = self._contexts[person] | self._here(entry)

    # -- names -----------------------------------------------------------------------------

    def _named_here(self, k: NameKeys) -> int | None:
        """A name without surname ("Алия Муратовна") is the one person of this document whose
        given name and patronymic, in full or as initials ("Тохтарова А.М."), it fits, or whose
        given name it is when their patronymic is not known."""
        if not (k.given and k.patronymic):
            return None
        fits = {pid for pid, names in self._claimed.items()
                if any((n.patronymic or n.given == k.given) and not conflict(k, n) for n in names)}
        return fits.pop() if len(fits) == 1 else None

    def _candidates(self, k: NameKeys) -> list[Candidate]:
        """Stored persons (as roots) this name could be: best spelling's score >= REVIEW, none conflicting."""
        best: dict[int, Candidate] = {}
        barred: set[int] = set()
        for person_id, surname, given, patronymic in self.names.candidates(k):
            other = stored_keys(surname, given, patronymic)
            s_sur = surname_similarity(k, other)
            if s_sur < VARIANT:
                s = score(k, other)
                if s < REVIEW:
                    continue
            r = root_id(self.session, Person, person_id)
            if conflict(k, other):
                barred.add(r)  # any spelling of another given name or gender rules the person out
                continue
            s = score(k, other)
            if s >= REVIEW and (r not in best or s > best[r].name):
                best[r] = Candidate(r, s, other, s_sur >= VARIANT)
        return [c for r, c in best.items() if r not in barred]

    # -- context ---------------------------------------------------------------------------

    def _here(self, entry: dict) -> Context:
        if self._doc is None:
            return EMPTY
        record, text = self._doc
        return person_context(record, text, entry)

    def _context(self, root: int) -> Context:
        """What the stored documents tell around a person (their latest `_CONTEXT_DOCS` documents)."""
        if root in self._contexts:
            return self._contexts[root]
        rows = self.session.execute(
            select(PersonName.document_id, PersonName.mention_start)
            .where(PersonName.person_id.in_(group_ids(self.session, Person, root)), PersonName.document_id.is_not(None))
            .distinct().order_by(PersonName.document_id.desc())).all()
        starts: dict[int, set[int | None]] = {}
        for doc_id, start in rows:
            if doc_id in starts or len(starts) < _CONTEXT_DOCS:
                starts.setdefault(doc_id, set()).add(start)
        ctx = EMPTY
        for doc_id, record, text in self.session.execute(
                select(Document.id, Document.record, Document.text).where(Document.id.in_(list(starts)))):
            for entry in record.get("persons") or []:
                first = entry["mentions"][0]["start"] if entry.get("mentions") else None
                if first in starts[doc_id]:
                    ctx = ctx | person_context(record, text, entry)
        self._contexts[root] = ctx
        return ctx
