"""Sets of character spans that a reader must not overlap, tested in time that does not grow with their number.

Readers accept a match only where nothing is read yet (a place is not read inside a person's name,
two organizations do not overlap). Testing a match against every span taken so far made a long
document read slower per megabyte than short ones; these keep the test to a bisect or a slice.
"""

from __future__ import annotations

import bisect


class Taken:
    """Non-overlapping spans accepted so far, kept sorted: an overlap test is a bisect, not a scan."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def free(self, start: int, end: int) -> bool:
        i = bisect.bisect_right(self.starts, start)
        if i and self.ends[i - 1] > start:
            return False
        return not (i < len(self.starts) and self.starts[i] < end)

    def add(self, start: int, end: int) -> None:
        i = bisect.bisect_right(self.starts, start)
        self.starts.insert(i, start)
        self.ends.insert(i, end)


class Mask:
    """Spans that may overlap each other, as a mark per character of the text."""

    def __init__(self, length: int, spans: list[tuple[int, int]] = ()) -> None:  # type: ignore[assignment]
        self.marks = bytearray(length + 1)
        for a, b in spans:
            self.mark(a, b)

    def mark(self, start: int, end: int) -> None:
        self.marks[max(0, start):max(0, end)] = b"\x01" * (max(0, end) - max(0, start))

    def free(self, start: int, end: int) -> bool:
        return 1 not in self.marks[start:end]
