"""The case database's tables, after the HURIDOCS Events Standard Formats ("who did what to whom").

Document -> (extraction record) -> Person / Organization / Place / LawArticle, and
Event with Involvements (person or organization, role) and EventSources (which
document says so, where). A Case is one legal proceeding against one person,
rebuilt from that person's events. Every fact keeps its provenance: the document,
the span, whether a machine read it or a human verified it, and who.

Persons and organizations are never deleted by a merge: the merged one points to the
one it was merged into (`merged_into_id`), so a merge is undone by clearing that link.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    JSON,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    func,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

# Who or what made a fact: the reading core, or a named person.
MACHINE = "machine"
CONFIDENTIALITY = ("public", "internal", "confidential")


class Base(DeclarativeBase):
    pass


class Document(Base):
    """One ingested document: its immutable original bytes, text and extraction record."""

    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    original: Mapped[bytes] = mapped_column(LargeBinary)
    media_type: Mapped[str] = mapped_column(String(80))
    path: Mapped[str | None] = mapped_column(Text)
    channel: Mapped[str | None] = mapped_column(String(200))
    message_id: Mapped[str | None] = mapped_column(String(40))
    hashtags: Mapped[list[str]] = mapped_column(JSON, default=list)
    title: Mapped[str | None] = mapped_column(Text)
    language: Mapped[str] = mapped_column(String(8))
    date: Mapped[date | None] = mapped_column(Date, index=True)
    text: Mapped[str] = mapped_column(Text)
    record: Mapped[dict] = mapped_column(JSON)
    confidentiality: Mapped[str] = mapped_column(String(12), default="internal")
    ingested_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.now())


class Person(Base):
    __tablename__ = "persons"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    gender: Mapped[str] = mapped_column(String(1), default="u")
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("persons.id"), index=True)
    confidentiality: Mapped[str] = mapped_column(String(12), default="internal")
    names: Mapped[list[PersonName]] = relationship(back_populates="person", cascade="all, delete-orphan")


class PersonName(Base):
    """A spelling of a person's name as a document gives it, with the keys resolution compares."""

    __tablename__ = "person_names"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id"), index=True)
    document_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id"), index=True)
    name: Mapped[str] = mapped_column(String(300))
    surname: Mapped[str | None] = mapped_column(String(200))
    given: Mapped[str | None] = mapped_column(String(200))
    patronymic: Mapped[str | None] = mapped_column(String(200))
    surname_key: Mapped[str] = mapped_column(String(120), index=True)
    consonant_key: Mapped[str] = mapped_column(String(120), index=True)
    given_key: Mapped[str | None] = mapped_column(String(120), index=True)
    script: Mapped[str] = mapped_column(String(8))
    mention_start: Mapped[int | None] = mapped_column(Integer)
    mention_end: Mapped[int | None] = mapped_column(Integer)
    person: Mapped[Person] = relationship(back_populates="names")


class PersonDescriptor(Base):
    __tablename__ = "person_descriptors"
    __table_args__ = (UniqueConstraint("person_id", "descriptor", "document_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id"), index=True)
    descriptor: Mapped[str] = mapped_column(String(120))
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"))


class Affiliation(Base):
    """A person's tie to an organization ("activist of the Oyan, Qazaqstan movement")."""

    __tablename__ = "affiliations"
    __table_args__ = (UniqueConstraint("person_id", "organization_id", "document_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id"), index=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"))
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"))


class Organization(Base):
    __tablename__ = "organizations"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    kind: Mapped[str] = mapped_column(String(40))
    key: Mapped[str] = mapped_column(String(300), index=True)
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("organizations.id"), index=True)


class OrganizationName(Base):
    __tablename__ = "organization_names"
    __table_args__ = (UniqueConstraint("organization_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"), index=True)
    name: Mapped[str] = mapped_column(String(300))


class Place(Base):
    __tablename__ = "places"
    __table_args__ = (UniqueConstraint("name", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(20))
    region: Mapped[str | None] = mapped_column(String(200))
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    names: Mapped[list[str]] = mapped_column(JSON, default=list)
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("places.id"), index=True)


class LawArticle(Base):
    __tablename__ = "law_articles"
    __table_args__ = (UniqueConstraint("code", "article", "part"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(20))
    article: Mapped[str] = mapped_column(String(10), index=True)
    part: Mapped[str | None] = mapped_column(String(10))
    title: Mapped[str | None] = mapped_column(Text)


class Event(Base):
    """One act against one or more victims at one date, reported by one or more documents."""

    __tablename__ = "events"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(40), index=True)
    date: Mapped[date | None] = mapped_column(Date, index=True)
    date_precision: Mapped[str] = mapped_column(String(8), default="day")
    time: Mapped[str | None] = mapped_column(String(5))
    status: Mapped[str] = mapped_column(String(12))
    outcome: Mapped[str | None] = mapped_column(Text)
    summary: Mapped[str] = mapped_column(Text, default="")
    place_id: Mapped[int | None] = mapped_column(ForeignKey("places.id"), index=True)
    case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id", ondelete="SET NULL"), index=True)
    confidence: Mapped[float] = mapped_column(Float, default=1.0)
    verified_by: Mapped[str | None] = mapped_column(String(120))
    verified_at: Mapped[datetime | None] = mapped_column(DateTime)
    confidentiality: Mapped[str] = mapped_column(String(12), default="internal")
    involvements: Mapped[list[Involvement]] = relationship(back_populates="event", cascade="all, delete-orphan")
    sources: Mapped[list[EventSource]] = relationship(back_populates="event", cascade="all, delete-orphan")

    # The desk's usual filter, "detentions in Almaty since January": the rows themselves, not every detention.
    __table_args__ = (Index("ix_events_kind_place_date", "kind", "place_id", "date"),)


class EventSource(Base):
    """Which document reports an event, and where (its evidence span)."""

    __tablename__ = "event_sources"
    __table_args__ = (UniqueConstraint("event_id", "document_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id"), index=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"), index=True)
    evidence_start: Mapped[int] = mapped_column(Integer)
    evidence_end: Mapped[int] = mapped_column(Integer)
    read_by: Mapped[str] = mapped_column(String(120), default=MACHINE)
    event: Mapped[Event] = relationship(back_populates="sources")


class Involvement(Base):
    """A person or an organization in an event, with a role (victim, perpetrator, official, ...)."""

    __tablename__ = "involvements"
    __table_args__ = (Index("ix_involvements_person_role", "person_id", "role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id"), index=True)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("persons.id"))
    organization_id: Mapped[int | None] = mapped_column(ForeignKey("organizations.id"), index=True)
    role: Mapped[str] = mapped_column(String(20))
    degree: Mapped[str | None] = mapped_column(String(40))
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"))
    read_by: Mapped[str] = mapped_column(String(120), default=MACHINE)
    event: Mapped[Event] = relationship(back_populates="involvements")


class EventArticle(Base):
    __tablename__ = "event_articles"
    __table_args__ = (UniqueConstraint("event_id", "article_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id"), index=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("law_articles.id"), index=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"))


class Case(Base):
    """A legal proceeding against one person, rebuilt from that person's events (see resolve/cases.py)."""

    __tablename__ = "cases"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id"), index=True)
    code: Mapped[str] = mapped_column(String(20))
    articles: Mapped[list[str]] = mapped_column(JSON, default=list)
    court: Mapped[str | None] = mapped_column(String(300))
    judge: Mapped[str | None] = mapped_column(String(300))
    prosecutor: Mapped[str | None] = mapped_column(String(300))
    investigator: Mapped[str | None] = mapped_column(String(300))
    measure: Mapped[str | None] = mapped_column(Text)
    verdict: Mapped[str | None] = mapped_column(Text)
    sentence: Mapped[str | None] = mapped_column(Text)
    appeal: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(30))
    opened: Mapped[date | None] = mapped_column(Date)
    updated: Mapped[date | None] = mapped_column(Date)


class ReviewItem(Base):
    """Something the machine was not sure of: a possible same-person pair, a low-confidence fact."""

    __tablename__ = "review_items"
    __table_args__ = (UniqueConstraint("kind", "a_id", "b_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(30))  # same_person | low_confidence
    a_id: Mapped[int] = mapped_column(Integer)
    b_id: Mapped[int | None] = mapped_column(Integer)
    score: Mapped[float] = mapped_column(Float)
    reason: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(20), default="open", index=True)  # open | merged | kept_apart | done
    decided_by: Mapped[str | None] = mapped_column(String(120))
    decided_at: Mapped[datetime | None] = mapped_column(DateTime)
    created_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.now())


class Change(Base):
    """The append-only record of every change a person made (merges, splits, corrections)."""

    __tablename__ = "changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime, server_default=func.now())
    actor: Mapped[str] = mapped_column(String(120))
    action: Mapped[str] = mapped_column(String(40))
    table: Mapped[str] = mapped_column(String(40))
    row_id: Mapped[int] = mapped_column(Integer)
    before: Mapped[dict | None] = mapped_column(JSON)
    after: Mapped[dict | None] = mapped_column(JSON)
    reverts: Mapped[int | None] = mapped_column(ForeignKey("changes.id"))


ROLES = ("viewer", "monitor", "editor", "admin")  # each may do everything the ones before it may


class User(Base):
    """A person who works at the desk. Passwords are stored only as Argon2id hashes."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    role: Mapped[str] = mapped_column(String(12))
    password_hash: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.now())


class WebSession(Base):
    """A signed-in browser. Only the sha256 of the cookie's token is stored."""

    __tablename__ = "web_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    csrf: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime)
    expires_at: Mapped[datetime] = mapped_column(DateTime)


class ApiToken(Base):
    """A personal token for scripts (`Authorization: Bearer ...`); only its sha256 is stored."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    label: Mapped[str] = mapped_column(String(120))
    created_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.now())
    revoked: Mapped[bool] = mapped_column(default=False)


class FactReview(Base):
    """A person's word on one fact of a document's machine reading: accepted, corrected, rejected,
    added (a fact the machine missed) or verified. The machine's record stays as it was in
    `Document.record`; the reading a person stands behind is that record with these applied,
    so the two can be compared to measure reading quality."""

    __tablename__ = "fact_reviews"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"), index=True)
    fact_id: Mapped[str] = mapped_column(String(20))  # the record's id: p1, o2, e3, ...
    action: Mapped[str] = mapped_column(String(12))  # accept | correct | reject | add | verify
    fields: Mapped[dict | None] = mapped_column(JSON)  # the corrected or added fact
    actor: Mapped[str] = mapped_column(String(120))
    at: Mapped[datetime] = mapped_column(DateTime, server_default=func.now())


class ReaderModelRow(Base):
    """An event-reader model trained at this desk (`kuzet train`): its weights as JSON and how it
    measured against the model it replaced. At most one is active; with none, the bundled model reads."""

    __tablename__ = "reader_models"

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.now())
    created_by: Mapped[str] = mapped_column(String(120))
    active: Mapped[bool] = mapped_column(default=False)
    model: Mapped[str] = mapped_column(Text)
    info: Mapped[dict | None] = mapped_column(JSON)
