"""The stored spellings of person names, held in memory for one ingest run.

Linking a mention compares it with every stored spelling that shares its surname's
first three letters or its consonant skeleton. Asking the database that for every
mention made ingest slow down as the archive grew (a prefix match cannot use an
index on either engine); this index answers from memory and is topped up from the
database at each batch with the rows stored since (ids only grow), so documents
ingested by another process in the meantime are seen too.
"""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import select
from sqlalchemy.orm import Session

from kuzet.resolve.names import NameKeys
from kuzet.store.models import PersonName

Spelling = tuple[int, str | None, str | None, str | None]  # person id, surname, given, patronymic


class NameIndex:
    def __init__(self) -> None:
        self.forget()

    def forget(self) -> None:
        """Drop everything; the next `refresh` reloads (after a rollback, or a merge/split)."""
        self._by_prefix: dict[str, set[Spelling]] = defaultdict(set)
        self._by_consonants: dict[str, set[Spelling]] = defaultdict(set)
        self._last_id = 0

    def refresh(self, session: Session) -> None:
        rows = session.execute(select(PersonName.id, PersonName.person_id, PersonName.surname, PersonName.given,
                                      PersonName.patronymic, PersonName.surname_key, PersonName.consonant_key)
                               .where(PersonName.id > self._last_id)).all()
        for row_id, person_id, surname, given, patronymic, surname_key, consonant_key in rows:
            self.add((person_id, surname, given, patronymic), surname_key, consonant_key)
            self._last_id = max(self._last_id, row_id)

    def add(self, spelling: Spelling, surname_key: str, consonant_key: str) -> None:
        if surname_key:
            self._by_prefix[surname_key[:3]].add(spelling)
            self._by_consonants[consonant_key].add(spelling)

    def discard(self, spelling: Spelling, surname_key: str, consonant_key: str) -> None:
        """Forget a spelling whose last stored row went (a re-read replaced it, or its person was deleted)."""
        if surname_key:
            self._by_prefix.get(surname_key[:3], set()).discard(spelling)
            self._by_consonants.get(consonant_key, set()).discard(spelling)

    def candidates(self, k: NameKeys) -> set[Spelling]:
        """Spellings that could be the same surname as `k`: same first three letters or same consonants."""
        if not k.surname:
            return set()
        return self._by_prefix.get(k.surname[:3], set()) | self._by_consonants.get(k.consonants, set())
