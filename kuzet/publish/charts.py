"""Charts as SVG and PNG, drawn once by matplotlib for the dashboard, reports and `kuzet stats --chart`.

The figure is built without pyplot (no global state, safe in the desk's threads); SVG keeps its
text as text so that Cyrillic stays searchable and the file small, and carries no date so that
the same data give the same bytes.
"""

from __future__ import annotations

import io
from functools import lru_cache

PALETTE = ("#2f6690", "#c0504d", "#3a7d44", "#9c6ade", "#d98c26", "#4b8f8c", "#8c5a3c", "#6b6f80", "#b8336a",
           "#5a7d2a", "#2b4c7e", "#a6761d")
_RC = {"svg.fonttype": "none", "svg.hashsalt": "kuzet", "font.family": "DejaVu Sans", "font.size": 9}


def _figure(bars: tuple[tuple[str, str, int], ...], title: str):  # noqa: ANN202 - a matplotlib Figure
    from matplotlib.figure import Figure  # a heavy import, paid only by the commands that draw

    xs = list(dict.fromkeys(x for x, _, _ in bars))
    stacks = list(dict.fromkeys(s for _, s, _ in bars))
    fig = Figure(figsize=(max(4.0, 1.2 + 0.45 * len(xs)), 3.2), dpi=100)
    ax = fig.add_subplot()
    bottom = [0] * len(xs)
    for i, s in enumerate(stacks):
        heights = [0] * len(xs)
        for x, st, n in bars:
            if st == s:
                heights[xs.index(x)] += n
        drawn = ax.bar(range(len(xs)), heights, bottom=bottom, color=PALETTE[i % len(PALETTE)], label=s or None,
                       width=0.7)
        for j, patch in enumerate(drawn):  # ids the SVG keeps, so that a page or a test can find each bar
            patch.set_gid(f"bar-{i}-{j}")
        bottom = [b + h for b, h in zip(bottom, heights, strict=True)]
    ax.set_xticks(range(len(xs)), xs, rotation=45 if len(xs) > 6 else 0, ha="right" if len(xs) > 6 else "center")
    ax.set_title(title, loc="left")
    ax.spines[["top", "right"]].set_visible(False)
    ax.yaxis.get_major_locator().set_params(integer=True)
    if any(stacks):
        ax.legend(frameon=False, fontsize=8, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    fig.tight_layout()
    return fig


@lru_cache(maxsize=64)
def svg(bars: tuple[tuple[str, str, int], ...], title: str) -> str:
    """Stacked bars as an SVG document. bars: (x label, stack label or "", count), x in the order to draw."""
    from matplotlib import rc_context

    with rc_context(_RC):
        buf = io.StringIO()
        _figure(bars, title).savefig(buf, format="svg", metadata={"Date": None})
    return buf.getvalue()


def png(bars: tuple[tuple[str, str, int], ...], title: str) -> bytes:
    """The same chart as a PNG image."""
    from matplotlib import rc_context

    with rc_context(_RC):
        buf = io.BytesIO()
        _figure(bars, title).savefig(buf, format="png", dpi=150, metadata={"Software": None})
    return buf.getvalue()


def stats_bars(stats: dict) -> tuple[tuple[str, str, int], ...]:
    """The main table of `publish.stats.statistics` as bars: its first dimension (months first if counted
    by month) along the axis, the second stacked."""
    by = stats["by"]
    x = "month" if "month" in by else by[0]
    stack = next((d for d in by if d != x), None)
    rows = sorted(stats["table"], key=lambda r: (r[x] is None, r[x] or ""))
    return tuple((r[x] or "(unknown)", (r[stack] or "(unknown)") if stack else "", r["events"]) for r in rows)


def inline(svg_text: str) -> str:
    """The SVG without its XML prolog, to sit inside an HTML page."""
    return svg_text[svg_text.index("<svg"):]
