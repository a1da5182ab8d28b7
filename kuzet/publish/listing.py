"""Plain-text renderings of the desk's listings and dossiers, for the terminal."""

from __future__ import annotations


def _names(items: list[dict]) -> str:
    return ", ".join(i["name"] for i in items)


def article_label(a: dict) -> str:
    """CC 405-2: the code (CC Criminal Code, CAO Code of Administrative Offences), article, part."""
    code = {"criminal": "CC", "administrative": "CAO"}.get(a["code"], a["code"])
    return f"{code} {a['article']}" + (f"-{a['part']}" if a["part"] else "")


def event_line(e: dict) -> str:
    arts = ", ".join(article_label(a) for a in e["law_articles"])
    bits = [f"{e['date'] or 'undated':10}", f"#{e['id']}", e["kind"]]
    if e["victims"]:
        bits.append(_names(e["victims"]))
    extra = [x for x in (e["place"], arts, e["outcome"], e["status"] if e["status"] != "happened" else None) if x]
    if e["officials"]:
        extra.append("officials: " + _names(e["officials"]))
    if e["perpetrators"]:
        extra.append("by " + _names(e["perpetrators"]))
    # Machine-read and human-verified facts must never look alike.
    extra.append(f"verified by {e['verified_by']}" if e.get("verified_by") else "machine-read")
    return " ".join(bits) + f" ({'; '.join(extra)})"


def persons(rows: list[dict]) -> str:
    return "\n".join(f"{r['id']:>5}  {r['name']:<40} {r['events']:>3} events  {r['status'] or ''}"
                     + (f" (latest {r['latest']})" if r["latest"] else "") for r in rows)


def dossier(d: dict) -> str:
    lines = [f"{d['name']}  (person #{d['id']})"]
    lines.append("Names: " + "; ".join(f"{n['name']} [{n['script']}]" for n in d["names"]))
    if d["descriptors"]:
        lines.append("Described as: " + ", ".join(d["descriptors"]))
    if d["affiliations"]:
        lines.append("Affiliations: " + ", ".join(d["affiliations"]))
    for c in d["cases"]:
        lines.append(f"\nCase #{c['id']} ({c['code']}): {c['status']}" + (f", {', '.join(c['articles'])}" if c["articles"] else ""))
        for label in ("court", "judge", "prosecutor", "investigator", "measure", "verdict", "sentence", "appeal"):
            if c[label]:
                lines.append(f"  {label}: {c[label]}")
        lines.append(f"  opened {c['opened'] or '?'}, last event {c['updated'] or '?'}")
    lines.append("\nTimeline:")
    for e in d["timeline"]:
        lines.append("  " + event_line(e))
        for s in e["sources"]:
            lines.append(f"      source: {s['path'] or 'document ' + str(s['document'])} [{s['start']}:{s['end']}]")
    return "\n".join(lines)


def events(rows: list[dict]) -> str:
    return "\n".join(event_line(e) for e in rows) or "(no events)"


def hits(rows: list[dict]) -> str:
    out = []
    for h in rows:
        head = f"document #{h['id']} {h['path'] or ''}" if h["type"] == "document" else f"event #{h['id']} {h['kind']}"
        out.append(f"{h['date'] or 'undated':10} {head}\n    {h['snippet']}")
    return "\n".join(out) or "(nothing found)"


def review(rows: list[dict]) -> str:
    out = []
    for r in rows:
        if r["kind"] == "same_person":
            out.append(f"#{r['id']} same person? {r['score']:.2f}: {r['a']['name']} (#{r['a']['id']}) ~ "
                       f"{r['b']['name']} (#{r['b']['id']})  [{r['reason']}]")
        else:
            out.append(f"#{r['id']} low confidence {r['score']:.2f}: {event_line(r['event'])}\n    why: {r['reason']}")
    return "\n".join(out) or "(nothing to review)"


def organizations(rows: list[dict]) -> str:
    return "\n".join(f"{r['id']:>5}  {r['name']:<60} {r['kind']:<20} {r['events']:>3} events" for r in rows) or "(none)"


def _profile(d: dict, noun: str) -> str:
    lines = [f"{d['name']}  ({noun} #{d['id']}, {d['kind']})", "Names: " + "; ".join(d["names"])]
    if d["merged"]:
        lines.append("Merged from: " + ", ".join(f"#{i}" for i in d["merged"]))
    lines.append(f"\nEvents ({len(d['timeline'])}):")
    lines += ["  " + event_line(e) + (f" [{e['role']}]" if e.get("role") else "") for e in d["timeline"]]
    return "\n".join(lines)


def organization(d: dict) -> str:
    return _profile(d, "organization")


def place(d: dict) -> str:
    return _profile(d, "place")


def event(e: dict) -> str:
    lines = [event_line(e), f"  {e['summary']}"]
    for s in e["sources"]:
        lines.append(f"  source: {s['path'] or 'document ' + str(s['document'])} [{s['start']}:{s['end']}] read by {s['read_by']}")
    return "\n".join(lines)


def train_report(r: dict) -> str:
    """`kuzet train`: both models' figures on the held-back documents, and which was kept."""
    lines = [f"trained on {r['bundled_documents']} bundled and {r['reviewed_documents']} reviewed documents; "
             f"{r['held_back']} held back to compare",
             f"{'':14s}{'without':>10s}{'with':>8s}   (F1 on the held-back documents, trained without and with the reviews)"]
    for field in ("persons", "organizations", "places", "law_articles", "events"):
        lines.append(f"{field:14s}{r['before'][field]['f1']:10.3f}{r['after'][field]['f1']:8.3f}")
    lines.append(f"{'macro-F1':14s}{r['before']['macro_f1']:10.3f}{r['after']['macro_f1']:8.3f}")
    lines.append(f"worse in {r['p_worse']:.0%} of resamplings of the held-back documents")
    lines.append(f"kept: the retrained model (model {r['model']})" if r["kept"] == "new"
                 else "kept: the current model (with the reviews, the reader read the held-back documents worse)")
    return "\n".join(lines)


def _accuracy_rows(table: dict) -> list[str]:
    def pct(x: float | None) -> str:
        return f"{x:.2f}" if x is not None else "-"

    rows = [*table["fields"], {"field": "all", **table["total"]}]
    return [f"  {r['field'].replace('_', ' '):<14} {r['as_read']:>7} {r['corrected']:>9} {r['rejected']:>8} {r['missed']:>6}"
            f" {pct(r['precision']):>9} {pct(r['recall']):>6}" for r in rows]


def accuracy(d: dict) -> str:
    """The reader measured against reviewed facts (kuzet/resolve/accuracy.py), per field and language."""
    head = f"  {'field':<14} {'as read':>7} {'corrected':>9} {'rejected':>8} {'missed':>6} {'precision':>9} {'recall':>6}"

    def n(count: int) -> str:
        return f"{count} document{'s' if count != 1 else ''}"

    lines = [f"Reading against reviewed facts, {n(d['documents'])}", head, *_accuracy_rows(d)]
    if len(d["languages"]) > 1:
        for lang in d["languages"]:
            lines += ["", f"{lang['language']}, {n(lang['documents'])}", head, *_accuracy_rows(lang)]
    return "\n".join(lines)
