"""State bodies read by pattern, in English, Russian and Kazakh: courts, police, prosecutors,
akimats and their departments, penitentiary institutions.

A body is named from its parts, in the nominative ("Сарыаркинского районного суда №2"
-> "Сарыаркинский районный суд №2"), so that every mention of one body gets one name.
Each pattern has named groups: `place` (a place name as written), `adj` (the stem of a
Russian place adjective, "Медеуск"), `unit` (the level: district, city, region...),
`n` (a number) and `code` (an institution code such as "ЛА-155/12").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

_W = r"[A-Z][\w'-]+"
_RW = r"[А-ЯЁӘҒҚҢӨҰҮҺІ][\w-]+"
# An English place name, with the compass word of "West Kazakhstan", "North Kazakhstan".
_PW = rf"(?:(?:West|East|North|South)\s+)?{_W}"
_N = r"(?:No\.?|№|N)\s?(?P<n>\d+)"
_RN = r"№\s?(?P<n>\d+)"
_ADJ = rf"(?P<adj>{_RW}?[сц]к)(?:ий|ого|ому|им|ом|ой|ая|ую|ое|ом|ие|их)"
_CITY = rf"(?:(?:г\.|города|городе|город)\s*(?P<place>{_RW}(?:-{_RW})?))"
_KK_PLACE = rf"(?P<place>(?:(?:Батыс|Шығыс|Солтүстік|Оңтүстік)\s+)?{_RW})\s+(?:(?P<unit>қаласы|облысы|ауданы)(?:ның|нің|ндағы|нда)?\s+)?"
_EN_LEVEL = r"(?P<unit>[Dd]istrict|[Cc]ity|[Rr]egional|[Rr]egion|[Ii]nter-?[Dd]istrict)"
_RU_LEVEL = {"районн": "районный", "район": "районный", "городск": "городской", "областн": "областной",
             "межрайонн": "межрайонный", "гарнизонн": "гарнизонный", "военн": "военный"}
_RU_LEVEL_F = {"районн": "районная", "городск": "городская", "областн": "областная", "район": "районная"}


@dataclass(frozen=True, slots=True)
class Pattern:
    """One way a kind of body is written, and how to name what it matched."""

    kind: str
    rx: re.Pattern[str]
    name: Callable[[dict], str | None]


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:]


def _adj(gd: dict, ending: str = "ий") -> str:
    return _cap(gd["adj"]) + ending


def _title(words: str) -> str:
    return " ".join(_cap(w.lower()) if w.lower() not in ("of", "the") else w.lower() for w in words.split())


def _en_unit(gd: dict) -> str:
    unit = (gd.get("unit") or "").lower().replace("-", "")
    return {"region": "Regional", "regional": "Regional", "city": "City", "district": "District",
            "interdistrict": "Inter-District"}.get(unit, "")


def _ru_level(word: str | None, female: bool = False) -> str:
    key = next((k for k in (_RU_LEVEL_F if female else _RU_LEVEL) if word and word.lower().startswith(k)), None)
    return (_RU_LEVEL_F if female else _RU_LEVEL)[key] if key else ""


def _en_court(gd: dict) -> str:
    mods = " ".join(_cap(w.lower()) for w in (gd.get("mods") or "").split())
    unit = _en_unit(gd)
    n = f" No.{gd['n']}" if gd.get("n") else ""
    of = f" of {gd['of']}" if gd.get("of") else ""
    return " ".join(x for x in (gd["place"], unit, mods, "Court") if x) + n + of


def _en_court_of(gd: dict) -> str:
    mods = " ".join(_cap(w.lower()) for w in (gd.get("mods") or "").split())
    n = f" No.{gd['n']}" if gd.get("n") else ""
    tail = f" {gd['tail'].lower()}" if gd.get("tail") else ""
    the = "the " if gd.get("tail") else ""
    return " ".join(x for x in (mods, "Court") if x) + n + f" of {the}{gd['place']}{tail}"


def _ru_court(gd: dict) -> str:
    mods = " ".join(m.group().lower() for m in re.finditer(r"(?:специализированн|межрайонн|административн|уголовн|военн)\w*", gd.get("mods") or ""))
    mods = " ".join(_nominative(w) for w in mods.split())
    n = f" №{gd['n']}" if gd.get("n") else ""
    if gd.get("adj"):
        level = _ru_level(gd.get("unit"))
        return " ".join(x for x in (_adj(gd), mods, level, "суд") if x) + n
    return _cap(" ".join(x for x in (mods, "суд") if x)) + n + (f" города {gd['place']}" if gd.get("place") else "")


def _nominative(adjective: str) -> str:
    """A Russian masculine adjective in the nominative: "административного" -> "административный"."""
    for end in ("ого", "ому", "ым", "ом", "ий", "ый", "ой", "ая", "ую"):
        if adjective.endswith(end):
            stem = adjective[: -len(end)]
            return stem + ("ий" if stem[-1:] in "кгхжшчщ" and not stem.endswith("нн") else "ый")
    return adjective


def _kk_court(gd: dict) -> str:
    where = gd["place"] + (f" {gd['unit']}" if gd.get("unit") else "")
    mods = " ".join((gd.get("mods") or "").split())
    return " ".join(x for x in (where, mods, "соты") if x)


def _ru_police(gd: dict) -> str:
    head = _cap((gd.get("head") or "Департамент полиции").lower())
    if gd.get("adj") and (gd.get("unit") or "").lower().startswith("район"):
        return f"{head} {gd['adj']}ого района"
    if gd.get("adj"):
        return f"{head} {gd['adj']}ой области"
    return f"{head} города {gd['place']}" if gd.get("place") else head


def _kk_police(gd: dict) -> str:
    where = gd["place"] + (f" {gd['unit']}" if gd.get("unit") else "")
    return f"{where} {' '.join(gd['head'].split())}"


def _institution(gd: dict) -> str:
    return f"{_cap(gd['head'].lower())} {gd['code'].upper()}" if gd.get("code") else f"{_cap(gd['head'].lower())} No. {gd['n']}"


def _ru_prosecutor(gd: dict) -> str:
    if gd.get("adj") and gd.get("unit"):
        return f"{_adj(gd, 'ая')} {_ru_level(gd['unit'], True)} прокуратура"
    if gd.get("adj"):
        return f"Прокуратура {gd['adj']}ой области"
    return f"Прокуратура города {gd['place']}"


def _en_akimat(gd: dict) -> str:
    unit = (gd.get("unit") or "").lower()
    return f"Akimat of {gd['place']}" + (" Region" if unit.startswith("region") else " District" if unit == "district" else "")


def _ru_akimat(gd: dict) -> str:
    if gd.get("adj") and (gd.get("unit") or "").lower().startswith("област"):
        return f"Акимат {gd['adj']}ой области"
    if gd.get("adj") and (gd.get("unit") or "").lower().startswith("район"):
        return f"Акимат {gd['adj']}ого района"
    return f"Акимат города {gd['place']}"


def _kk_akimat(gd: dict) -> str:
    unit = gd.get("unit") or ""
    return f"{gd['place']} {unit + ' ' if unit else ''}әкімдігі"


def _en_police(gd: dict) -> str:
    unit = _en_unit(gd)
    return f"{gd['place']} {unit + ' ' if unit else ''}Police Department"


_COURT_MODS_EN = r"(?P<mods>(?:(?:[Ss]peciali[sz]ed|[Ii]nter-?[Dd]istrict|[Aa]dministrative|[Cc]riminal|[Jj]uvenile|[Mm]ilitary|[Gg]arrison|[Ee]conomic|[Aa]ppeals?|[Aa]ppellate)\s+)*)"
_COURT_MODS_RU = r"(?P<mods>(?:(?:[Сс]пециализированн|[Мм]ежрайонн|[Аа]дминистративн|[Вв]оенн)\w*\s+)*)"
_COURT_MODS_KK = r"(?P<mods>(?:(?:мамандандырылған|ауданаралық|әкімшілік|қылмыстық|әскери)\s+)*)"

# Each kind's patterns need one of these word starts; they run only in windows around them, so the
# many place-word patterns do not try every capitalised word of a long document. Lower case; an
# acronym (upper case in the list) must be written in capitals.
CUES: dict[str, tuple[str, ...]] = {
    "court": ("court", "суд", "сот"),
    "police": ("police", "internal affairs", "полиц", "ДП", "УП", "ОП", "ДВД", "ГУВД", "УВД", "ОВД", "РОВД", "ПД", "ІІД", "ІІБ", "ПБ"),
    "penitentiary": ("institution", "colony", "prison", "detention", "SIZO", "учрежден", "колони", "исправительн", "СИЗО", "тюрьм",
                     "мекеме", "түзеу", "ИК-", "ЛИУ-", "ЕЦ-", "ЛА-", "УК-", "АК-", "IK-"),
    "prosecutor": ("prosecutor", "прокурат"),
    "local_government": ("akimat", "акимат", "әкімдіг", "maslikhat", "administration", "mayor", "политики", "развития", "юстиции",
                         "образования", "policy", "development", "justice", "саясат", "даму", "әділет"),
}

PATTERNS: list[Pattern] = [
    # --- courts
    Pattern("court", re.compile(rf"(?P<place>{_PW})\s+(?:{_EN_LEVEL}\s+)?{_COURT_MODS_EN}[Cc]ourt(?:\s+{_N})?(?:\s+of\s+(?:the\s+)?(?P<of>{_W})(?:\s+(?:city|region))?)?"), _en_court),
    Pattern("court", re.compile(rf"(?=[SsIiAaCcMmJjGgEe])(?P<mods>(?:(?:[Ss]peciali[sz]ed|[Ii]nter-?[Dd]istrict|[Aa]dministrative|[Cc]riminal|[Jj]uvenile|[Mm]ilitary|[Gg]arrison|[Ee]conomic|[Aa]ppeals?|[Cc]ity|[Dd]istrict)\s+)*)[Cc]ourt\s+(?:{_N}\s+)?of\s+(?:the\s+)?(?P<place>{_PW})(?:\s+(?P<tail>[Gg]arrison|[Dd]istrict|[Rr]egion|[Cc]ity))?"), _en_court_of),
    Pattern("court", re.compile(rf"(?=[CcSsIiAa])(?P<mods>(?:(?:[Ss]peciali[sz]ed|[Ii]nter-?[Dd]istrict|[Aa]dministrative|[Cc]riminal)\s+)*)[Cc]ourt\s+{_N}\s+of\s+(?:the\s+)?(?P<place>{_PW})(?:\s+(?P<tail>district|region|city))?"), _en_court_of),
    Pattern("court", re.compile(rf"{_ADJ}\s+(?:(?P<unit>районн|городск|областн|межрайонн|гарнизонн|военн)\w*\s+)?{_COURT_MODS_RU}суд\w*(?:\s+{_RN})?"), _ru_court),
    Pattern("court", re.compile(rf"(?=[СсВвАаМм])(?P<mods>(?:(?:[Сс]пециализированн|[Мм]ежрайонн|[Аа]дминистративн|[Вв]оенн)\w*\s+)+)суд\w*(?:\s+{_RN})?(?:\s+{_CITY})?"), _ru_court),
    Pattern("court", re.compile(rf"(?<![\w-])[Сс]уд\w*\s+{_RN}\s+(?:{_ADJ}\s+(?P<unit>район)\w*|{_CITY})"), _ru_court),
    Pattern("court", re.compile(rf"(?<![\w-])[Сс]уд(?:а|е|у|ом)?\s+(?:в\s+)?{_CITY}"), _ru_court),
    Pattern("court", re.compile(rf"(?<![\w-])[Сс]уд(?:а|е|у|ом)?\s+в\s+(?P<place>{_RW})"), lambda gd: f"Суд в {gd['place']}"),
    Pattern("court", re.compile(rf"(?<![\w-])(?P<unit>[Рр]айонн|[Гг]ородск|[Оо]бластн|[Мм]ежрайонн)\w*\s+суд\w*\s+{_RN}\s+(?P<place>{_RW})"),
            lambda gd: f"{_cap(_ru_level(gd['unit']))} суд №{gd['n']} {gd['place']}"),
    Pattern("court", re.compile(rf"(?P<place>{_RW})\s+(?P<unit>қалалық|аудандық|облыстық|ауданаралық)\s+{_COURT_MODS_KK}сот\w*"), _kk_court),
    Pattern("court", re.compile(rf"{_KK_PLACE}(?P<mods>(?:мамандандырылған\s+)?(?:ауданаралық\s+)?(?:әкімшілік|қылмыстық|әскери)(?:\s+істер\s+жөніндегі)?)\s+сот\w*"), _kk_court),
    Pattern("court", re.compile(rf"{_KK_PLACE}(?P<mods>мамандандырылған\s+ауданаралық)\s+сот\w*"), _kk_court),
    # --- police
    Pattern("police", re.compile(rf"(?P<place>{_PW})\s+(?:{_EN_LEVEL}\s+)?(?:[Pp]olice\s+[Dd]epartment|[Dd]epartment\s+of\s+[Pp]olice|[Ii]nternal\s+[Aa]ffairs\s+[Dd]epartment)"), _en_police),
    Pattern("police", re.compile(rf"(?:[Pp]olice\s+[Dd]epartment|[Dd]epartment\s+of\s+[Ii]nternal\s+[Aa]ffairs)\s+of\s+(?:the\s+)?(?P<place>{_PW})(?:\s+{_EN_LEVEL})?"), _en_police),
    Pattern("police", re.compile(rf"(?P<head>[Дд]епартамент\w*\s+полиции|[Уу]правлени\w+\s+полиции|[Оо]тдел\w*\s+полиции|ДП|УП|ОП|ДВД|ГУВД|УВД|ОВД|РОВД)\s+(?:{_ADJ}\s+(?P<unit>област|район)\w*|{_CITY}|(?P<place2>{_RW}(?=[\s,.)])))"),
            lambda gd: _ru_police(gd | {"head": _police_head(gd["head"]), "place": gd.get("place") or gd.get("place2")})),
    Pattern("police", re.compile(rf"{_ADJ}\s+(?P<unit>районн|городск|областн)\w*\s+(?P<head>отдел\w*|управлени\w*|департамент\w*)\s+полиции"),
            lambda gd: f"{_adj(gd, 'ий' if gd['head'].lower().startswith(('отдел', 'департамент')) else 'ое')} "
                       f"{_ru_level(gd['unit']) if gd['head'].lower().startswith(('отдел', 'департамент')) else _ru_level(gd['unit']).replace('ый', 'ое').replace('ой', 'ое')} "
                       f"{'отдел' if gd['head'].lower().startswith('отдел') else 'департамент' if gd['head'].lower().startswith('департамент') else 'управление'} полиции"),
    Pattern("police", re.compile(rf"{_KK_PLACE}(?P<head>(?:аудандық\s+|қалалық\s+|облыстық\s+)?(?:әкімшілік\s+)?полиция(?:сы|\s+департаменті\w*|\s+басқармасы\w*|\s+бөлімі\w*)|ПД|ІІД|ІІБ|ПБ)(?![\w])"), _kk_police),
    # --- penitentiary
    Pattern("penitentiary", re.compile(rf"(?P<head>[Ii]nstitution|[Pp]enal\s+colony|[Cc]orrectional\s+colony|[Cc]olony|[Pp]rison|[Dd]etention\s+(?:center|centre)|SIZO)\s+(?:{_N}|(?P<code>[A-ZА-Я]{{2,3}}-\d+(?:/\d+)?))"), _institution),
    Pattern("penitentiary", re.compile(rf"(?P<head>[Уу]чреждени\w*|[Кк]олони\w*|[Ии]справительн\w+\s+колони\w*|СИЗО|[Тт]юрьм\w*)\s+(?:{_RN}|(?P<code>[А-ЯA-Z]{{2,3}}-\d+(?:/\d+)?))"),
            lambda gd: _institution(gd | {"head": _nominative_noun(gd["head"])})),
    Pattern("penitentiary", re.compile(r"(?<![\w-])(?P<code>(?:ИК|ЛИУ|ЕЦ|ЛА|УК|АК|IK)-\d+(?:/\d+)?)(?![\w/-])"), lambda gd: gd["code"].upper()),
    Pattern("penitentiary", re.compile(rf"(?:(?P<code>[А-ЯA-Z]{{2,3}}-\d+(?:/\d+)?)|{_RN})\s+(?P<head>мекеме\w*|түзеу\s+колония\w*)"),
            lambda gd: (gd.get("code") or f"№{gd['n']}") + " мекемесі"),
    Pattern("penitentiary", re.compile(rf"(?P<place>{_PW})\s+(?P<head>prison|[Pp]enal\s+colony|[Pp]re-?trial\s+detention\s+cent(?:er|re)|SIZO)(?![\w-])"),
            lambda gd: f"{gd['place']} {' '.join(gd['head'].lower().split()) if gd['head'] != 'SIZO' else 'SIZO'}"),
    # --- prosecutors
    Pattern("prosecutor", re.compile(rf"(?P<place>{_PW})\s+(?:{_EN_LEVEL}\s+)?[Pp]rosecutor'?s'?\s+[Oo]ffice"),
            lambda gd: f"{gd['place']} {_en_unit(gd) + ' ' if _en_unit(gd) else ''}Prosecutor's Office"),
    Pattern("prosecutor", re.compile(rf"[Pp]rosecutor'?s'?\s+[Oo]ffice\s+of\s+(?:the\s+)?(?P<place>{_PW})(?:\s+{_EN_LEVEL})?"),
            lambda gd: f"{gd['place']} {_en_unit(gd) + ' ' if _en_unit(gd) else ''}Prosecutor's Office"),
    Pattern("prosecutor", re.compile(rf"{_ADJ}\s+(?P<unit>районн|городск|областн)\w*\s+прокуратур\w*"), _ru_prosecutor),
    Pattern("prosecutor", re.compile(rf"[Пп]рокуратур\w*\s+(?:{_CITY}|{_ADJ}\s+(?P<unit2>област|район)\w*)"),
            lambda gd: _ru_prosecutor(gd | {"unit": "районн" if (gd.get("unit2") or "").startswith("район") else None})
            if not (gd.get("adj") and (gd.get("unit2") or "").startswith("район")) else f"Прокуратура {gd['adj']}ого района"),
    Pattern("prosecutor", re.compile(rf"{_KK_PLACE}прокуратура\w*"), lambda gd: f"{gd['place']}{' ' + gd['unit'] if gd.get('unit') else ''} прокуратурасы"),
    # --- akimats and their departments
    Pattern("local_government", re.compile(rf"[Aa]kimats?\s+of\s+(?:the\s+)?(?:city\s+of\s+)?(?P<place>{_PW})(?:\s+(?P<unit>city|[Rr]egion|district))?"), _en_akimat),
    Pattern("local_government", re.compile(rf"(?P<place>{_PW})\s+(?:(?P<unit>[Cc]ity|[Rr]egional|[Rr]egion|[Dd]istrict)\s+)?(?:[Aa]kimat|[Cc]ity\s+[Aa]dministration|[Mm]ayor'?s\s+[Oo]ffice)"), _en_akimat),
    Pattern("local_government", re.compile(rf"[Аа]кимат\w*\s+(?:{_CITY}|{_ADJ}\s+(?P<unit>област|район)\w*|(?P<place2>{_RW}))"),
            lambda gd: _ru_akimat(gd | {"place": gd.get("place") or gd.get("place2")})),
    Pattern("local_government", re.compile(r"(?<![\w-])(?P<adj>[А-ЯЁа-яё][\w-]+?[сц]к)(?:ий|ого|ому|им|ом)\s+(?:(?P<unit>городск|областн|районн)\w*\s+)?акимат\w*"),
            lambda gd: f"{_adj(gd)} {_ru_level(gd['unit']) + ' ' if gd.get('unit') else ''}акимат"),
    Pattern("local_government", re.compile(rf"{_KK_PLACE}әкімдіг\w*"), _kk_akimat),
    Pattern("local_government", re.compile(rf"[Mm]aslikhat\s+of\s+(?:the\s+)?(?P<place>{_PW})(?:\s+(?P<unit>[Rr]egion|city))?|(?P<place2>{_PW})\s+(?:(?P<unit2>[Rr]egional|[Cc]ity)\s+)?[Mm]aslikhat"),
            lambda gd: f"Maslikhat of {gd.get('place') or gd.get('place2')}" + (" Region" if (gd.get("unit") or gd.get("unit2") or "").lower().startswith("region") else "")),
    Pattern("local_government", re.compile(rf"{_ADJ}\s+(?P<unit>городск|областн|районн)\w*\s+(?P<head>отдел\w*|управлени\w*|департамент\w*)\s+(?P<what>внутренней\s+политики|общественного\s+развития|юстиции|образования)"),
            lambda gd: f"{_adj(gd, 'ий' if not gd['head'].lower().startswith('управлени') else 'ое')} {_ru_level(gd['unit']) if not gd['head'].lower().startswith('управлени') else _ru_level(gd['unit'])[:-2] + 'ое'} {_nominative_noun(gd['head']).lower()} {gd['what']}"),
    Pattern("local_government", re.compile(rf"(?P<head>[Оо]тдел\w*|[Уу]правлени\w*|[Дд]епартамент\w*)\s+(?P<what>внутренней\s+политики|общественного\s+развития|юстиции)\s+(?:акимата\s+)?(?:{_CITY}|{_ADJ}\s+(?P<unit>област|район)\w*)"),
            lambda gd: f"{_nominative_noun(gd['head'])} {gd['what']} " + (f"{gd['adj']}ой области" if gd.get("adj") and gd["unit"].startswith("област") else f"{gd['adj']}ого района" if gd.get("adj") else f"города {gd['place']}")),
    Pattern("local_government", re.compile(rf"(?P<place>{_PW})\s+(?:(?P<unit>[Cc]ity|[Rr]egional|[Dd]istrict)\s+)?(?P<what>[Ii]nternal\s+[Pp]olicy|[Pp]ublic\s+[Dd]evelopment|[Jj]ustice)\s+[Dd]epartment"),
            lambda gd: f"{gd['place']} {_en_unit(gd) + ' ' if _en_unit(gd) else ''}{_title(gd['what'])} Department"),
    Pattern("local_government", re.compile(rf"(?P<what>[Ii]nternal\s+[Pp]olicy|[Pp]ublic\s+[Dd]evelopment|[Jj]ustice)\s+[Dd]epartment\s+of\s+(?:the\s+)?(?P<place>{_PW})(?:\s+(?P<unit>city|[Rr]egion|district|[Aa]kimat))?"),
            lambda gd: f"{gd['place']} {_en_unit(gd) + ' ' if _en_unit(gd) else ''}{_title(gd['what'])} Department"),
    Pattern("local_government", re.compile(rf"[Dd]epartment\s+of\s+(?P<what>[Ii]nternal\s+[Pp]olicy|[Pp]ublic\s+[Dd]evelopment|[Jj]ustice)\s+of\s+(?:the\s+)?(?P<place>{_PW})(?:\s+(?P<unit>city|[Rr]egion|district|[Aa]kimat))?"),
            lambda gd: f"{gd['place']} {_en_unit(gd) + ' ' if _en_unit(gd) else ''}{_title(gd['what'])} Department"),
    Pattern("local_government", re.compile(rf"{_KK_PLACE}(?P<what>ішкі\s+саясат|қоғамдық\s+даму|әділет)\s+(?P<head>бөлімі\w*|басқармасы\w*|департаменті\w*)"),
            lambda gd: f"{gd['place']}{' ' + gd['unit'] if gd.get('unit') else ''} {gd['what']} {_kk_nominative(gd['head'])}"),
]


def _kk_nominative(word: str) -> str:
    """A Kazakh possessive noun without the case ending after it: "бөліміне" -> "бөлімі"."""
    m = re.fullmatch(r"(\w+?(?:сы|сі|ы|і))(?:ның|нің|на|не|нда|нде|нан|нен|н)?", word)
    return m.group(1) if m else word


def _police_head(head: str) -> str:
    low = head.lower()
    if low in ("дп", "двд"):
        return "Департамент полиции"
    if low in ("уп", "увд", "гувд"):
        return "Управление полиции"
    if low in ("оп", "овд", "ровд"):
        return "Отдел полиции"
    return _nominative_noun(head.split()[0]) + " полиции"


def _nominative_noun(word: str) -> str:
    """The nominative of the few head nouns the patterns use: "учреждении" -> "учреждение"."""
    low = word.lower()
    for stem, nom in (("учреждени", "учреждение"), ("управлени", "управление"), ("отдел", "отдел"), ("департамент", "департамент"),
                      ("исправительн", "исправительная колония"), ("колони", "колония"), ("тюрьм", "тюрьма")):
        if low.startswith(stem):
            return _cap(nom) if word[:1].isupper() else nom
    return word


def _language(p: Pattern) -> str:
    src = p.rx.pattern
    return "kk" if re.search(r"[әғқңөұүһі]", src) else "ru" if re.search(r"[а-яё]", src) else "en"


# The patterns a document's language needs: Kazakh texts quote Russian names of bodies, the others do not.
BY_LANGUAGE: dict[str, list[Pattern]] = {
    lang: [p for p in PATTERNS if _language(p) in read]
    for lang, read in (("en", {"en"}), ("ru", {"ru"}), ("kk", {"kk", "ru"}))
}
