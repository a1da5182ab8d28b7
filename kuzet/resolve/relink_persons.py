"""Re-reading a document: which person rows its new reading names, and the persons nobody names any more.

A person the document names is the same row as before when the new reading names them on
the same words: merges, splits, corrections and confidentiality live on that row and stay.
Their spellings from this document are replaced by the new reading's, and a person this
document's earlier reading alone named takes the new reading of the name (unless people
changed the person). A name the new reading has lost goes, unless a person stood behind it
or marked it by hand; a person then named by nothing, in nothing, and untouched by people
goes too (`sweep`, once their cases are rebuilt).
"""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import bindparam, delete, or_, select

from kuzet.resolve.carry import Carried, pair, spans
from kuzet.resolve.linker import Linker, _unique
from kuzet.resolve.names import keys
from kuzet.store.models import (
    Affiliation,
    Case,
    Change,
    Involvement,
    Person,
    PersonDescriptor,
    PersonName,
    ReviewItem,
)

_NAMES = select(PersonName).where(PersonName.document_id == bindparam("doc")).order_by(PersonName.id)
_DESCRIBED = select(PersonDescriptor.person_id, PersonDescriptor.descriptor).where(
    PersonDescriptor.document_id == bindparam("doc"))


class PersonRelinker(Linker):
    """The person half of `kuzet.resolve.relink.Relinker`."""

    def _persons(self, doc_id: int, record: dict, carried: Carried, label: str, gone: set[int]) -> dict[str, int]:
        """The person id of each person of the new reading (people rejected there have none)."""
        s = self.session
        rows = s.execute(_NAMES, {"doc": doc_id}).scalars().all()
        groups: dict[tuple[int, int | None, int | None], list[PersonName]] = defaultdict(list)
        for n in rows:
            groups[(n.person_id, n.mention_start, n.mention_end)].append(n)
        entries = [p for p in record["persons"] if p["id"] not in carried.rejected]
        keyed = {f"{pid}:{a}:{b}": ((a, b), g) for (pid, a, b), g in groups.items() if a is not None and b is not None}
        paired = pair([(k, [span], set()) for k, (span, _) in keyed.items()],
                      [(p["id"], spans(p, "persons"), "") for p in entries])
        by_entry = {v: keyed[k][1] for k, v in paired.items()}
        fresh: dict[type, list[dict]] = defaultdict(list)
        dropped: list[PersonName] = []
        out: dict[str, int] = {}
        for entry in entries:
            names = by_entry.get(entry["id"])
            if names is None:
                out[entry["id"]] = self._person(entry, doc_id, label, fresh)
                continue
            pid = names[0].person_id
            out[entry["id"]] = pid
            if names[0].mention_start in carried.added_person_starts:
                # Marked by hand: the person's name as they wrote it stays; the reading adds its descriptors.
                fresh[PersonDescriptor] += [{"person_id": pid, "descriptor": d, "document_id": doc_id}
                                            for d in dict.fromkeys(entry.get("descriptors") or [])]
                continue
            mine: dict[type, list[dict]] = defaultdict(list)
            self._name_rows(entry, pid, doc_id, keys(entry.get("surname"), entry.get("given"), entry.get("patronymic")), mine)
            fresh[PersonDescriptor] += mine[PersonDescriptor]
            if {_spelling(r) for r in mine[PersonName]} != {_spelling(vars(n)) for n in names}:
                dropped += names
                fresh[PersonName] += mine[PersonName]
                self._rename(pid, entry["name"], {n.name for n in names}, doc_id)
        matched = {id(n) for g in by_entry.values() for n in g}
        kept_people = set()
        for (pid, start, _), names in groups.items():
            if id(names[0]) in matched:
                continue
            if start is None or start in carried.added_person_starts or start in carried.vouched_persons:
                kept_people.add(pid)  # marked by hand, stood behind, or not traceable to a reading: kept
                continue
            dropped += names
            gone.add(pid)
        if dropped:
            s.execute(delete(PersonName).where(PersonName.id.in_([n.id for n in dropped])))
        self._insert_many(PersonName, fresh[PersonName])
        for n in dropped:
            self._forget_spelling(n)
        # Descriptors: what the new reading says, and those of people kept from the earlier one.
        have = set(s.execute(_DESCRIBED, {"doc": doc_id}).all())
        want = {(r["person_id"], r["descriptor"]) for r in fresh[PersonDescriptor]} | {
            (pid, d) for pid, d in have if pid in kept_people}
        for pid, d in have - want:
            s.execute(delete(PersonDescriptor).where(PersonDescriptor.person_id == pid, PersonDescriptor.descriptor == d,
                                                     PersonDescriptor.document_id == doc_id))
            gone.add(pid)
        self._insert_many(PersonDescriptor, _unique([{"person_id": p, "descriptor": d, "document_id": doc_id}
                                                     for p, d in sorted(want - have)], ("person_id", "descriptor")))
        return out

    def _rename(self, pid: int, name: str, earlier: set[str], doc_id: int) -> None:
        """A person known by this document's earlier reading of their name alone takes the new reading of it
        (never a name people set: that is a change on the person)."""
        s = self.session
        person = s.get(Person, pid)
        if person is None or person.name == name or person.name not in earlier:
            return
        elsewhere = s.execute(select(PersonName.id).where(PersonName.person_id == pid, PersonName.name == person.name,
                                                          PersonName.document_id != doc_id).limit(1)).first()
        changed = s.execute(select(Change.id).where(Change.table == "persons", Change.row_id == pid).limit(1)).first()
        if elsewhere is None and changed is None:
            person.name = name

    def _forget_spelling(self, n: PersonName) -> None:
        left = self.session.execute(select(PersonName.id).where(
            PersonName.person_id == n.person_id, PersonName.surname.is_not_distinct_from(n.surname),
            PersonName.given.is_not_distinct_from(n.given),
            PersonName.patronymic.is_not_distinct_from(n.patronymic)).limit(1)).first()
        if left is None:
            self.names.discard((n.person_id, n.surname, n.given, n.patronymic), n.surname_key, n.consonant_key)


    def sweep(self, candidates: set[int]) -> int:
        """Delete those of `candidates` (person ids) nothing names or involves and nobody touched; call after
        their cases are rebuilt. RETURNS how many went."""
        s = self.session
        people = sorted(p for p in candidates if p is not None and self._unused_person(p))
        if people:
            s.execute(delete(ReviewItem).where(ReviewItem.kind == "same_person",
                                               or_(ReviewItem.a_id.in_(people), ReviewItem.b_id.in_(people))))
            s.execute(delete(Person).where(Person.id.in_(people)))
            self._pairs = None
        return len(people)

    def _unused_person(self, pid: int) -> bool:
        s = self.session
        for col in (PersonName.person_id, Involvement.person_id, PersonDescriptor.person_id, Affiliation.person_id,
                    Case.person_id, Person.merged_into_id):
            if s.execute(select(col).where(col == pid).limit(1)).first():
                return False
        if s.execute(select(Person.merged_into_id).where(Person.id == pid)).scalar() is not None:
            return False
        decided = s.execute(select(ReviewItem.id).where(
            ReviewItem.kind == "same_person", ReviewItem.status != "open",
            or_(ReviewItem.a_id == pid, ReviewItem.b_id == pid)).limit(1)).first()
        changed = s.execute(select(Change.id).where(Change.table == "persons", Change.row_id == pid).limit(1)).first()
        return decided is None and changed is None


def _spelling(row: dict) -> tuple:
    return tuple(row.get(k) for k in ("name", "surname", "given", "patronymic", "mention_start", "mention_end"))
