"""What a surname or a patronymic looks like, in Cyrillic and in Latin, across the region.

Russian and Kazakh -ov/-ev/-in (any case form), Kazakh -uly/-kyzy, Kyrgyz -uulu/-kyzy,
Tajik -zoda/-zod, Uzbek -ov and the new -iy (Sattoriy), Ukrainian -enko/-chuk,
Belarusian -ich/-ka/-au (Kazlou, Paramonau), Polish -ski, Georgian -dze/-shvili,
Armenian -yan. A shape is evidence, not proof: the reader weighs it with its neighbours.
"""

from __future__ import annotations

import re

from kuzet.lang.ru.names import KAZ_INVARIANT, KAZ_SUFFIXED, PATRONYMIC_RE, SURNAME_RE

_LAT_SURNAME = re.compile(
    r"(?:ov|ova|ev|eva|yev|yeva|iev|ieva|in|ina|yn|yna|uly|uli|ulu|kyzy|qyzy|zoda|zade|zod|sky|skaya|skiy|skyi|ski|ska"
    r"|enko|chuk|yuk|iuk|dze|shvili|yan|ich)$", re.I)
# Endings that are rarely anything but a surname (-ov, -eva, -uly, -zoda, -enko, -shvili).
_LAT_STRONG = re.compile(r"(?:ov|ova|ev|eva|uly|kyzy|qyzy|uulu|zoda|zade|enko|shvili|dze|skaya|skiy|skyi)$", re.I)
_LAT_PATRONYMIC = re.compile(r"(?:ovich|evich|ovna|evna|ichna|ich)$", re.I)
# Kazakh patronymics of the new style, written as one word: Нұрланұлы, Ермекқызы, Nurlanuly.
_KAZ_PATRONYMIC = re.compile(r"(?:ұлы|улы|қызы|кызы|uly|uli|qyzy|kyzy)$", re.I)
# Uzbek surnames of the new style (Sattoriy, Yusufiy): -iy after a consonant, at least six letters.
_UZ_IY = re.compile(r"[^aeiouy]iy$", re.I)


# In Kazakh text a surname is nominative once its case ending is cut: Russian case forms
# (-ына, -ины) are Kazakh endings on other words there ("Ермекқызына", "Сейтқалины").
_KK_SURNAME = re.compile(r"(?:ов|ев|ёв|ин)а?$|(?:ұлы|улы|қызы|кызы|уулу|зода|енко)$", re.I)


def surname_shaped(word: str, cyr: bool, kazakh: bool = False) -> bool:
    """Whether the word has a surname's ending (in any Russian case form for Cyrillic outside Kazakh text)."""
    if cyr and kazakh:
        return len(word) >= 5 and bool(_KK_SURNAME.search(word))
    if cyr:
        low = word.lower()
        return len(low) >= 5 and bool(SURNAME_RE.match(low) or KAZ_INVARIANT.search(low)
                                      or KAZ_SUFFIXED.search(low)) and not PATRONYMIC_RE.match(low)
    if len(word) < 4 or _LAT_PATRONYMIC.search(word) and len(word) > 6:
        return False
    return bool(_LAT_SURNAME.search(word)) or (len(word) >= 6 and bool(_UZ_IY.search(word)))


def strong_surname(word: str, cyr: bool) -> bool:
    """A surname ending that is rarely anything else (-ov, -eva, -uly; any Cyrillic surname form)."""
    return cyr or bool(_LAT_STRONG.search(word))


def patronymic_shaped(word: str, cyr: bool) -> bool:
    """-ович/-овна and their case forms; -ovich/-ovna. Also the shape of Belarusian surnames (Barysevich)."""
    if cyr:
        return bool(PATRONYMIC_RE.match(word.lower())) and len(word) > 6
    return bool(_LAT_PATRONYMIC.search(word)) and len(word) > 6


def kazakh_patronymic(word: str) -> bool:
    """Нұрланұлы, Оразбайұлы, Ермекқызы: a patronymic between given name and surname, or a surname alone."""
    return len(word) >= 6 and bool(_KAZ_PATRONYMIC.search(word))
