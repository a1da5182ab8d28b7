"""What a document tells around a person, as evidence of who they are.

A near name alone does not make two mentions one person; the same case does: the
same article of law, the same court or police body, the same town, the same people
named beside them (a lawyer, a relative, a co-defendant), the same months, the same
occupation. `person_context` collects these for one person of one extraction record,
from the events they take part in and from the lines that name them (with the short
header lines above, "#Aktau", where bulletins put the town, and a news article's headline). `support` says how much
two contexts agree, from 0 (nothing shared) towards 1.

Only what both sides state counts, and a shared thing counts once whatever its
number: two activists of one city both tried under article 405 share two kinds of
evidence, not more, and stay apart unless their names agree.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from kuzet.lang.translit import skeleton
from kuzet.resolve.organizations import identity_key

_PLACE_KINDS = frozenset({"city", "district", "town", "village"})
# Bodies that name one court, police department, akimat, movement or outlet; a ministry or the KNB
# is the same body for half the country's cases.
_NATIONAL_KINDS = frozenset({"central_government", "security_service", "international", "ministry"})
_HEADER = 80           # a line this short above a person's line is a heading of their item
_PERIOD_DAYS = 92      # acts this close in time may be one case's

# How much one kind of shared evidence says (each counted once).
WEIGHTS = {"people": 0.5, "bodies": 0.35, "national": 0.15, "articles": 0.25, "places": 0.25,
           "roles": 0.1, "period": 0.15}


@dataclass(frozen=True, slots=True)
class Context:
    people: frozenset[str] = frozenset()    # surname skeletons of persons named beside them
    bodies: frozenset[str] = frozenset()    # organization identity keys
    articles: frozenset[str] = frozenset()  # "criminal 405"
    places: frozenset[str] = frozenset()    # towns and districts
    roles: frozenset[str] = frozenset()     # last word of a descriptor: activist, journalist
    dates: frozenset[date] = frozenset()    # dates of their acts (or of the document)

    def __or__(self, other: Context) -> Context:
        return Context(self.people | other.people, self.bodies | other.bodies, self.articles | other.articles,
                       self.places | other.places, self.roles | other.roles, self.dates | other.dates)


EMPTY = Context()


def _zone(text: str, starts: list[int]) -> list[tuple[int, int]]:
    """The lines holding these offsets, each with the short heading lines right above it, and the headline.

    A news article's headline names its story's town and case for every person in it
    ("Taraz activist jailed; his father fined again"); a bulletin's first line is its date.
    """
    first = text.find("\n")
    first = len(text) if first < 0 else first
    out = [(0, first)] if 0 < first <= _HEADER else []
    for s in starts:
        a = text.rfind("\n", 0, s) + 1
        b = text.find("\n", s)
        b = len(text) if b < 0 else b
        for _ in range(2):
            prev = text.rfind("\n", 0, max(a - 1, 0)) + 1 if a > 0 else a
            line = text[prev:a - 1] if a > 0 else ""
            if a == 0 or not line.strip() or len(line) > _HEADER:
                break
            a = prev
        out.append((a, b))
    return out


def _inside(entity: dict, zone: list[tuple[int, int]]) -> bool:
    return any(a <= m["start"] < b for m in entity.get("mentions") or [] for a, b in zone)


def _person_key(entry: dict) -> str:
    return skeleton(entry.get("surname") or entry.get("given") or "")


def _body(org: dict) -> str:
    kind = "national" if org["kind"] in _NATIONAL_KINDS else "body"
    return f"{kind}:{identity_key(org['name'], org['kind'])}"


def person_context(record: dict, text: str, entry: dict) -> Context:
    """The context of `entry` (one of `record`'s persons) in its document `text`."""
    own = _person_key(entry)
    persons = {p["id"]: p for p in record["persons"]}
    places = {p["id"]: p for p in record["places"]}
    orgs = {o["id"]: o for o in record["organizations"]}
    articles = {a["id"]: a for a in record["law_articles"]}
    if len(record["persons"]) == 1:
        zone = [(0, len(text))]
    else:
        zone = _zone(text, [m["start"] for m in entry.get("mentions") or []])
    near_people = {i for i, p in persons.items() if p is not entry and _inside(p, zone)}
    near_places = {i for i, p in places.items() if _inside(p, zone)}
    near_orgs = {i for i, o in orgs.items() if _inside(o, zone)}
    near_articles = {i for i, a in articles.items() if _inside(a, zone)}
    dates: set[date] = set()
    for ev in record["events"]:
        roles = ev["victims"] + ev["perpetrators"] + ev["officials"]
        if entry["id"] not in roles:
            continue
        near_people.update(r for r in roles if r in persons and r != entry["id"])
        near_orgs.update(r for r in ev["perpetrators"] + ev["organizations"] if r in orgs)
        near_articles.update(ev["law_articles"])
        if ev.get("place"):
            near_places.add(ev["place"])
        if ev["date"]:
            dates.add(date.fromisoformat(ev["date"]))
    if not dates and record["source"].get("date"):
        dates.add(date.fromisoformat(record["source"]["date"]))
    people = {_person_key(persons[i]) for i in near_people} - {own, ""}
    bodies = {_body(orgs[i]) for i in near_orgs}
    towns = {places[i]["name"] for i in near_places if places[i]["kind"] in _PLACE_KINDS}
    # A town or district court, police department or akimat names its town ("Павлодарский городской суд").
    towns |= {key.split("|")[1] for key in bodies if key.count("|") == 4 and key.split("|")[2] != "regional"}
    return Context(
        people=frozenset(people),
        bodies=frozenset(bodies),
        articles=frozenset(f"{articles[i]['code']} {articles[i]['article']}" for i in near_articles if i in articles),
        places=frozenset(towns),
        roles=frozenset(d.split()[-1].lower() for d in entry.get("descriptors") or [] if d.strip()),
        dates=frozenset(dates))


def shared(a: Context, b: Context) -> list[str]:
    """The kinds of evidence two contexts share (keys of `WEIGHTS`)."""
    out = [kind for kind in ("people", "articles", "places", "roles") if getattr(a, kind) & getattr(b, kind)]
    bodies = a.bodies & b.bodies
    if any(x.startswith("body:") for x in bodies):
        out.append("bodies")
    elif bodies:
        out.append("national")
    if any(abs((x - y).days) <= _PERIOD_DAYS for x in a.dates for y in b.dates):
        out.append("period")
    return out


def support(a: Context, b: Context) -> float:
    """How strongly two contexts say "the same person": 1 - the product of (1 - weight) over shared kinds."""
    rest = 1.0
    for kind in shared(a, b):
        rest *= 1 - WEIGHTS[kind]
    return round(1 - rest, 3)
