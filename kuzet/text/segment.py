"""Segmentation of a bulletin into title, sections and sentences.

Bulletins are lists of items introduced by "— ", "✔#City:", "⚡#SURNAME Name",
"UPD:", numbers or bullets; items are sometimes glued on one line (".-") and
sentences sometimes lack the space after their full stop ("them.On 21 April").
A *section* is one story: it starts at a header line (⚡, ✔, #Hashtag) or after
a run of blank lines, and its header names the people and place the following
items speak of.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

UPPER = "A-ZА-ЯЁӘҒҚҢӨҰҮҺІ"
LOWER = "a-zа-яёәғқңөұүһі"
HEADER_MARK = "⚡✔☑✅❗❕🔴🟥📌👉▶►⚠"

_HEADER_LINE = re.compile(rf"^[ \t]*(?:[{HEADER_MARK}]\ufe0f?\s*)+|^[ \t]*#[{UPPER}{LOWER}]")
_HEADER_END = re.compile(r"\s[—–-]\s|:(?!\s*(?:UPD|#|[" + HEADER_MARK + r"]))\s")
_BULLET = re.compile(r"^[ \t]*(?:[—–•*·▪-]|\d{1,3}[.)])[ \t]+")
# An item glued to the one before: ".-#Aktau", ".— On 1 May", ".— 1 сентября".
_GLUED_ITEM = re.compile(r"(?<=[.!?»\"”)])\s*[-—–](?=\s*(?:[" + UPPER + r"«\"“#⚡]|\d{1,2}\s+[" + LOWER + r"]))")
_ABBREV = re.compile(
    r"(?:\b(?:No|no|Nr|St|Mr|Mrs|Ms|Dr|Art|art|Prof|Jr|vs|ст|ч|г|гг|п|пп|им|ул|д|кв|обл|р-на|р-н|см|тыс|млн|"
    r"руб|тг|т\.е|т\.к|т\.н|пр|просп|мкр|Corp|Inc|Ltd|approx)|(?<![\w])[" + UPPER + r"])\.$"
)
_SENT_BREAK = re.compile(
    rf"(?<=[.!?…])[»\"”)]*\s+(?=[«\"“(—–-]?\s*[{UPPER}0-9#⚡✔])|(?<=[{LOWER}]{{2}}[.!?])(?=[{UPPER}][{LOWER}])"
)


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence: offsets into the text, and the section and item it belongs to."""

    start: int
    end: int
    section: int
    item: int


@dataclass(frozen=True, slots=True)
class Section:
    """A story: its span and, when it opens with a header line, the header's span."""

    start: int
    end: int
    header: tuple[int, int] | None


@dataclass(frozen=True, slots=True)
class Layout:
    """The segmentation of one document."""

    title: tuple[int, int] | None
    sections: tuple[Section, ...]
    sentences: tuple[Sentence, ...]


# A story glued to the end of the one before on the same line: "... events. ⚡#KASSYMOVA Zhanar On 19 August ...".
_GLUED_STORY = re.compile(rf"(?<=[.!?…»\"”)])[ \t]+(?=[{HEADER_MARK}]\ufe0f?\s*#)")
# The name a header line opens with when no dash or colon ends it: "⚡#KASSYMOVA Zhanar On 19 August ...".
# A word that opens the item's text, not the name: "On 19 August", "In Almaty", «В Актау».
_OPENS_TEXT = r"(?:On|In|At|The|Today|Yesterday|Police|В|На|По|С|Сегодня|Вчера|Полиция|Суд)\b"
_HEADER_NAME = re.compile(rf"[ \t]*(?:[{HEADER_MARK}]\ufe0f?\s*)*#[\w-]+"
                          rf"(?:[ \t]+(?!{_OPENS_TEXT})[{UPPER}][{LOWER}]+\.?(?![ \t]+\d)){{0,2}}(?=[ \t]+\S)")


def _lines(text: str) -> list[tuple[int, int]]:
    """Lines of the text, a story glued to the end of another's line counted as a line of its own."""
    out, pos = [], 0
    for line in text.split("\n"):
        a = pos
        for m in _GLUED_STORY.finditer(line):
            out.append((a, pos + m.start()))
            a = pos + m.end()
        out.append((a, pos + len(line)))
        pos += len(line) + 1
    return out


def _split_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    chunk = text[start:end]
    cuts = [0]
    for m in _GLUED_ITEM.finditer(chunk):
        cuts.append(m.start())
        cuts.append(m.end())
    for m in _SENT_BREAK.finditer(chunk):
        if _ABBREV.search(chunk[max(0, m.start() - 8):m.start()].rstrip("»\"”) ")):
            continue
        cuts.append(m.start())
    cuts.append(len(chunk))
    cuts = sorted(set(cuts))
    out = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        seg = chunk[a:b]
        lead = len(seg) - len(seg.lstrip(" \t-—–•*·▪"))
        trail = len(seg.rstrip())
        if trail > lead:
            out.append((start + a + lead, start + a + trail))
    return out


def segment(text: str) -> Layout:
    """Split a document into its title, sections and sentences.

    text (str): the (folded) text; offsets are the same in the original.
    RETURNS (Layout): title span, sections with header spans, sentences in order.
    """
    lines = _lines(text)
    blank_runs = re.findall(r"\n[ \t]*\n(?:[ \t]*\n)*", text)
    # Where a bulletin separates items by one blank line and stories by several,
    # only the longer runs close a story.
    multi = any(run.count("\n") >= 3 for run in blank_runs)
    title = None
    first = next(((a, b) for a, b in lines if text[a:b].strip()), None)
    if first and len(lines) > 1 and not _BULLET.match(text[first[0]:first[1]]) and first[1] - first[0] < 200 \
            and not _HEADER_LINE.match(text[first[0]:first[1]]):
        title = first
    sections: list[Section] = []
    sentences: list[Sentence] = []
    sec_start, header, blank = 0, None, 0
    item = -1

    def close(end: int) -> None:
        if sections and sections[-1].start == sec_start:
            return
        sections.append(Section(sec_start, end, header))

    for a, b in lines:
        line = text[a:b]
        if not line.strip():
            blank += 1
            continue
        new_story = _HEADER_LINE.match(line) or (blank >= (2 if multi else 1) and sentences)
        blank = 0
        if new_story and (sentences or header):
            close(a)
            sec_start, header = a, None
        if _HEADER_LINE.match(line):
            m = _HEADER_END.search(line)
            name = None if m else _HEADER_NAME.match(line)
            if m:
                header, body_start = (a, a + m.start()), a + m.end()
            elif name:
                header, body_start = (a, a + name.end()), a + name.end()
            else:
                header, body_start = (a, a + len(line)), a + len(line)
        else:
            bullet = _BULLET.match(line)
            body_start = a + (bullet.end() if bullet else 0)
        if header is not None and header[0] == a:
            item += 1
            sentences.append(Sentence(a, header[1], len(sections), item))
        if body_start < b:
            item += 1
            for s, e in _split_sentences(text, body_start, b):
                sentences.append(Sentence(s, e, len(sections), item))
    close(len(text))
    return Layout(title, tuple(sections), tuple(sentences))
