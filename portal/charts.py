"""Charts drawn at build time as inline SVG, each with a title, a description and its numbers as a
table; the world maps are portal/maps.py's."""

from __future__ import annotations

import math
import re
import unicodedata
import dataclasses
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Sequence

from markupsafe import Markup, escape

from .i18n import N_, _

FONT_SIZE = 13  # viewBox units, drawn one unit to a CSS pixel or larger (see Chart.layout), never smaller
CHAR_WIDTH = 0.6 * FONT_SIZE  # a generous average advance, for laying out without a font
WIDE_CHAR = FONT_SIZE  # a Chinese character (or any East Asian wide one) takes a full em
# Narrow charts (bars) are drawn this wide and shown at least this many CSS pixels wide: a phone of
# 360 pixels has about 328 for the page's content, so they fit it with their text at 13 px or more.
NARROW = 320
LABEL_WIDTH = 190  # a matrix's row labels wrap at this width
LINE = FONT_SIZE + 5
SERIES_CLASSES = 6  # series-1..series-6 in charts.css; more series reuse them in turn
SHADES = 5  # shade-1..shade-5 for values, shade-0 for zero or no data
_ID = re.compile(r"[A-Za-z][A-Za-z0-9_-]*\Z")


@dataclass(frozen=True)
class Table:
    """The chart's numbers, for the page to show as an HTML table."""

    caption: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    # Optional href for the first cell of each row (same length as rows, None where there is no
    # link): links inside an SVG with role="img" are hidden from screen readers, the table's are not.
    links: tuple[str | None, ...] = ()


@dataclass(frozen=True)
class Chart:
    """A drawn chart: `svg` is safe to insert as is; `table` holds the same numbers as text."""

    id: str
    title: str
    description: str
    svg: Markup
    table: Table
    # How the page shows it: "narrow" (drawn NARROW wide, scaled up a little on wider screens),
    # "wide" (drawn at its natural size, one unit a pixel, in a box that scrolls sideways when the
    # screen is narrower) or "fluid" (the map: scaled to its box, with no text inside, the legend
    # being the HTML list `legend`).
    layout: str = "narrow"
    width: float = 0  # the drawing's width in viewBox units (CSS pixels when "wide")
    legend: tuple = ()  # (swatch classes, label), printed below a "fluid" chart
    scroll_label: str = ""  # the accessible name of a wide chart's scroll box
    scroll_hint: str = ""  # the words that say it scrolls, shown on screens too narrow for it
    hint_below: int = 0  # the screen width (rem) below which the box scrolls, for charts.css


# -- drawing helpers ---------------------------------------------------------------------------

@lru_cache(maxsize=16_384)
def _num(value: float) -> str:
    """A coordinate with at most one decimal, the same text for the same value on every run.
    Remembered: a chart's coordinates repeat from page to page and language to language."""
    text = f"{round(value, 1):.1f}"
    text = text[:-2] if text.endswith(".0") else text
    return "0" if text == "-0" else text


def _text_width(text: str) -> float:
    return sum(WIDE_CHAR if unicodedata.east_asian_width(c) in "WF" else CHAR_WIDTH for c in text)


def _wrap(text: str, width: float) -> list[str]:
    """A label in lines of at most `width`: broken between words, or anywhere in a word longer than
    a line (and in Chinese, which writes no spaces). Never shortened: every character is drawn."""
    lines: list[str] = []
    line = ""
    for word in text.split(" "):
        candidate = f"{line} {word}" if line else word
        if _text_width(candidate) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
            line = ""
        for char in word:
            if line and _text_width(line + char) > width:
                lines.append(line)
                line = ""
            line += char
    if line or not lines:
        lines.append(line)
    return lines


def _lines(x: float, y: float, lines: list[str], cls: str, anchor: str | None = None, *,
           full: str | None = None) -> str:
    """Lines of one label, the first on baseline `y`, one text element each; the first carries the
    whole label as its tooltip when it took more than one line."""
    return "".join(_text(x, y + i * LINE, line, cls, anchor, full=full if i == 0 and len(lines) > 1 else None)
                   for i, line in enumerate(lines))


def _text(x: float, y: float, content: str, cls: str, anchor: str | None = None, *,
          rotate: float | None = None, full: str | None = None) -> str:
    """A text element; `full` is the unshortened label, kept as a tooltip when `content` was cut."""
    attrs = f' text-anchor="{anchor}"' if anchor else ""
    if rotate is not None:
        attrs += f' transform="rotate({_num(rotate)} {_num(x)} {_num(y)})"'
    tip = _tooltip(full) if full is not None and full != content else ""
    return f'<text class="{cls}" x="{_num(x)}" y="{_num(y)}"{attrs}>{escape(content)}{tip}</text>'


def _tooltip(content: str) -> str:
    return f"<title>{escape(content)}</title>"


def _link(href: str | None, inner: str) -> str:
    return f'<a href="{escape(href)}">{inner}</a>' if href else inner


def _svg(chart_id: str, kind: str, width: float, height: float, title: str, description: str, body: list[str],
         natural: bool = False) -> Markup:
    # An image may not contain links (they would be hidden from assistive technology); a chart
    # whose labels link to pages is a labelled group instead, and its links stay reachable.
    role = "group" if any("<a href=" in part for part in body) else "img"
    # Natural size: one unit a CSS pixel, so its text is FONT_SIZE pixels whatever the screen;
    # otherwise it scales with its box (charts.css bounds how far).
    size = f'width="{_num(width)}" height="{_num(height)}"' if natural else 'width="100%"'
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart chart-{kind}" role="{role}" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" viewBox="0 0 {_num(width)} {_num(height)}" '
        f'{size} font-size="{FONT_SIZE}">'
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>'
    )
    return Markup(head + "".join(body) + "</svg>")


# Screen widths (rem) from which charts.css hides a wide chart's scroll hint: the page's content is
# the screen less 2rem of margins, and at most 70rem (.wrap, at 72rem and wider). 0: never hidden.
HINT_STEPS = (*range(25, 75, 5), 72)


def _wide(chart: Chart, width: float) -> Chart:
    """A chart drawn at its natural size, which scrolls sideways in its box on a narrower screen."""
    below = next((step for step in HINT_STEPS if width + 32 <= step * 16), 0)
    return dataclasses.replace(
        chart, layout="wide", width=width, hint_below=below,
        scroll_label=_("%(chart)s (scrolls sideways)", chart=chart.title),
        scroll_hint=_("Scroll sideways to see the whole chart."))


def _check_id(chart_id: str) -> None:
    # Ids are chosen by the page code, not by contributors; a bad one is a programming error.
    if not _ID.match(chart_id):
        raise ValueError(f"chart id {chart_id!r} must be a letter followed by letters, digits, '-' or '_'")


def _counts(values: Iterable) -> list[int]:
    numbers = [int(v) for v in values]
    if any(n < 0 for n in numbers):
        raise ValueError("counts must not be negative")
    return numbers


def _nice_ticks(maximum: int) -> list[int]:
    """Round tick values from 0 to at least `maximum`, at most six of them."""
    if maximum <= 0:
        return [0, 1]
    magnitude = 10 ** max(int(math.floor(math.log10(maximum))) - 1, 0)
    for step in (m * magnitude for m in (1, 2, 5, 10, 20, 50, 100, 200, 500)):
        if math.ceil(maximum / step) <= 5:
            top = math.ceil(maximum / step) * step
            return list(range(0, top + 1, step))
    raise AssertionError("unreachable: steps grow past any maximum")  # pragma: no cover


def shade_bins(maximum: int) -> list[tuple[int, int, int]]:
    """(shade class number, lowest, highest) for values 1..maximum, in at most five bins that grow
    geometrically, because counts per country or topic are skewed: a few large, many small."""
    if maximum <= 0:
        return []
    uppers: list[int] = []
    for k in range(1, SHADES + 1):
        upper = max(1, round(maximum ** (k / SHADES)))
        if not uppers or upper > uppers[-1]:
            uppers.append(upper)
    uppers[-1] = maximum
    count = len(uppers)
    bins = []
    low = 1
    for i, upper in enumerate(uppers):
        # Spread fewer bins over the whole scale, so that two shades are far apart.
        shade = SHADES - 1 if count == 1 else round(1 + i * (SHADES - 1) / (count - 1))
        bins.append((shade, low, upper))
        low = upper + 1
    return bins


def _shade(value: int, bins: list[tuple[int, int, int]]) -> int:
    for shade, low, high in bins:
        if low <= value <= high:
            return shade
    return 0


def _range_label(low: int, high: int) -> str:
    return str(low) if low == high else f"{low}\u2013{high}"


def _legend_rows(entries: list[tuple[str, str]], x: float, y: float, width: float) -> tuple[list[str], float]:
    """Swatch-and-label legend entries (swatch class, label), wrapped to `width`; returns the
    elements and the height used."""
    body: list[str] = []
    cx, cy = x, y
    for cls, label in entries:
        item_width = 14 + 5 + _text_width(label) + 16
        if cx > x and cx + item_width > x + width:
            cx, cy = x, cy + LINE + 2
        body.append(f'<rect class="swatch {cls}" x="{_num(cx)}" y="{_num(cy)}" width="14" height="14"/>')
        body.append(_text(cx + 19, cy + 11.5, label, "legend-label"))
        cx += item_width
    height = (cy - y) + LINE + 2 if entries else 0
    return body, height


def _shade_legend(bins: list[tuple[int, int, int]], x: float, y: float, width: float,
                  extra: list[tuple[str, str]] = ()) -> tuple[list[str], float]:
    entries = [("shade-0", "0")] + [(f"shade-{s}", _range_label(lo, hi)) for s, lo, hi in bins]
    return _legend_rows(entries + list(extra), x, y, width)


# -- charts ------------------------------------------------------------------------------------

def stacked_bars(id: str, title: str, description: str, categories: list[str],
                 series: list[tuple[str, list[int]]], *, category_label: str | None = None) -> Chart:
    """Horizontal bars, one row per category (e.g. a year, top to bottom), stacked by series (e.g.
    the providers' region) from the start in the order given; the legend gives each series' total.
    Rows rather than columns: any number of years fits a phone's width, and each label has room.
    Give at most six series: more reuse the colours (group the rest as "Other")."""
    _check_id(id)
    names = [name for name, _ in series]
    values = [_counts(counts) for _, counts in series]
    if any(len(counts) != len(categories) for counts in values):
        raise ValueError("every series needs one count per category")
    totals = [sum(column) for column in zip(*values)] if values else [0] * len(categories)

    width, bar_height, row = NARROW, 16, 24
    legend, legend_height = _legend_rows(
        [(f"series-{i % SERIES_CLASSES + 1}", f"{name} ({sum(counts)})") for i, (name, counts) in enumerate(zip(names, values))],
        0, 4, width)
    label_room = max((_text_width(c) for c in categories), default=0) + 8
    ticks = _nice_ticks(max(totals, default=0))
    value_room = _text_width(str(ticks[-1])) / 2 + 4
    left, right = label_room, value_room
    plot_width = width - left - right
    per_unit = plot_width / ticks[-1]
    top = 4 + legend_height + 10
    bottom = top + len(categories) * row

    body = list(legend)
    for tick in ticks:
        x = left + tick * per_unit
        body.append(f'<line class="grid" x1="{_num(x)}" x2="{_num(x)}" y1="{_num(top)}" y2="{_num(bottom)}"/>')
        body.append(_text(x, bottom + LINE, str(tick), "tick", "middle"))
    for i, category in enumerate(categories):
        y = top + i * row + (row - bar_height) / 2
        x = left
        for s_, (name, counts) in enumerate(zip(names, values)):
            if counts[i] == 0:
                continue
            w = counts[i] * per_unit
            tip = _tooltip(_("%(label)s, %(series)s: %(count)s", label=category, series=name, count=counts[i]))
            body.append(
                f'<rect class="bar series-{s_ % SERIES_CLASSES + 1}" x="{_num(x)}" y="{_num(y)}" '
                f'width="{_num(w)}" height="{bar_height}">{tip}</rect>')
            x += w
        body.append(_text(left - 6, y + bar_height / 2 + 4.5, category, "tick", "end"))
        if totals[i]:
            # the row's total after its bar, or inside its end when the bar reaches the edge
            room = width - x
            text_w = _text_width(str(totals[i])) + 4
            if room >= text_w:
                body.append(_text(x + 4, y + bar_height / 2 + 4.5, str(totals[i]), "value"))
            else:
                body.append(_text(x - 4, y + bar_height / 2 + 4.5, str(totals[i]), "value on-bar", "end"))
    body.append(f'<line class="axis" x1="{_num(left)}" x2="{_num(left)}" y1="{_num(top)}" y2="{_num(bottom)}"/>')
    height = bottom + LINE + 8

    table = Table(
        caption=title,
        headers=(category_label or _("Category"), *names, _("Total")),
        rows=tuple((category, *(str(counts[i]) for counts in values), str(totals[i]))
                   for i, category in enumerate(categories)),
    )
    return Chart(id, title, description, _svg(id, "stacked-bars", width, height, title, description, body), table,
                 layout="narrow", width=width)


def ranked_bars(id: str, title: str, description: str, items: list[tuple[str, int, str | None]], *,
                item_label: str | None = None, value_label: str | None = None) -> Chart:
    """Horizontal bars in the order given (rank them before), each under its label, which wraps
    onto more lines rather than being cut; a label with an href (a site path, kept exactly as
    given) is a link."""
    _check_id(id)
    labels = [label for label, _, _ in items]
    counts = _counts(count for _, count, _ in items)
    hrefs = [href for _, _, href in items]

    width, bar_height = NARROW, 14
    value_room = _text_width(str(max(counts, default=0))) + 10
    per_unit = (width - value_room) / max(max(counts, default=0), 1)
    body: list[str] = []
    y = 4
    for label, count, href in zip(labels, counts, hrefs):
        lines = _wrap(label, width)
        body.append(_link(href, _lines(0, y + FONT_SIZE, lines, "label link" if href else "label", full=label)))
        bar_y = y + len(lines) * LINE
        length = count * per_unit
        body.append(f'<rect class="bar series-1" x="0" y="{_num(bar_y)}" width="{_num(length)}" height="{bar_height}"/>')
        body.append(_text(length + 5, bar_y + 11.5, str(count), "value"))
        y = bar_y + bar_height + 12
    if not items:
        body.append(_text(0, y + FONT_SIZE, _("No data"), "label"))
        y += LINE + 12
    height = y

    table = Table(caption=title, headers=(item_label or _("Name"), value_label or _("Count")),
                  rows=tuple((label, str(count)) for label, count in zip(labels, counts)),
                  links=tuple(hrefs))
    return Chart(id, title, description, _svg(id, "ranked-bars", width, height, title, description, body), table,
                 layout="narrow", width=width)


def _matrix(kind: str, id: str, title: str, description: str, rows: list[str], cols: list[str],
            counts: Sequence[Sequence[int]], row_label: str, col_label: str, dots: bool) -> Chart:
    _check_id(id)
    grid = [_counts(line) for line in counts]
    if len(grid) != len(rows) or any(len(line) != len(cols) for line in grid):
        raise ValueError("counts needs one line per row and one count per column")
    maximum = max((n for line in grid for n in line), default=0)
    bins = shade_bins(maximum)

    cell_w = 40 if dots else 34
    cell_h = 40 if dots else 28
    # A tooltip: flows go from row to column; a grid is just a crossing.
    between = N_("%(row)s \u2192 %(column)s: %(count)s") if dots else N_("%(row)s, %(column)s: %(count)s")
    row_lines = [_wrap(r, LABEL_WIDTH) for r in rows]
    row_heights = [max(cell_h, len(lines) * LINE + 8) for lines in row_lines]
    tops = [sum(row_heights[:i]) for i in range(len(rows))]
    # The arrows say which way the columns and the rows run; the drawing is left to right in every
    # language, so they point the same way on a right-to-left page.
    corner_text = [f"{col_label} \u2192", f"{row_label} \u2193"]
    left = max([_text_width(line) for lines in row_lines for line in lines]
               + [_text_width(t) for t in corner_text] + [0]) + 10
    widest_col = max((_text_width(c) for c in cols), default=0)
    upright = widest_col <= cell_w - 4
    header = LINE + 8 if upright else widest_col * 0.71 + 14  # full labels at 45 degrees
    header = max(header, 2 * LINE + 8)  # room for the two corner lines
    plot_w, plot_h = len(cols) * cell_w, sum(row_heights)
    right = 12 if upright else max(12, widest_col * 0.71 - cell_w / 2 + 8)
    width = max(left + plot_w + right, NARROW)

    body: list[str] = [
        _text(left - 8, header - LINE - 8, corner_text[0], "axis-label", "end"),
        _text(left - 8, header - 8, corner_text[1], "axis-label", "end"),
    ]
    for j, name in enumerate(cols):
        cx = left + j * cell_w + cell_w / 2
        if upright:
            body.append(_text(cx, header - 8, name, "tick", "middle"))
        else:
            body.append(_text(cx - 2, header - 8, name, "tick", rotate=-45))
    for i, (lines, full) in enumerate(zip(row_lines, rows)):
        y, h = header + tops[i], row_heights[i]
        first = y + h / 2 + 4.5 - (len(lines) - 1) * LINE / 2
        body.append(_lines(left - 8, first, lines, "tick", "end", full=full))
        for j, count in enumerate(grid[i]):
            x = left + j * cell_w
            shade = _shade(count, bins)
            tip = _tooltip(_(between, row=rows[i], column=cols[j], count=count))
            if dots:
                body.append(f'<rect class="cell-frame" x="{_num(x)}" y="{_num(y)}" width="{cell_w}" height="{_num(h)}"/>')
                if count:
                    # Area grows with the count, but never below what the number written on it needs.
                    fits_number = max(9.0, _text_width(str(count)) * 0.45 + 4)
                    radius = max(fits_number, (min(cell_w, cell_h) / 2 - 2) * math.sqrt(count / maximum))
                    body.append(f'<circle class="dot shade-{shade}" cx="{_num(x + cell_w / 2)}" '
                                f'cy="{_num(y + h / 2)}" r="{_num(radius)}">{tip}</circle>')
            else:
                body.append(f'<rect class="cell shade-{shade}" x="{_num(x)}" y="{_num(y)}" '
                            f'width="{cell_w}" height="{_num(h)}">{tip}</rect>')
            if count:
                body.append(_text(x + cell_w / 2, y + h / 2 + 4.5, str(count), f"cell-value in-shade-{shade}", "middle"))
    legend, legend_height = _shade_legend(bins, 0, header + plot_h + 12, width)
    body += legend
    height = header + plot_h + 12 + legend_height

    table = Table(
        caption=title,
        headers=(f"{row_label} / {col_label}", *cols),
        rows=tuple((name, *(str(n) for n in line)) for name, line in zip(rows, grid)),
    )
    chart = Chart(id, title, description, _svg(id, kind, width, height, title, description, body, natural=True), table)
    return _wide(chart, width)


def flow_matrix(id: str, title: str, description: str, rows: list[str], cols: list[str],
                counts: list[list[int]], *, row_label: str | None = None, col_label: str | None = None) -> Chart:
    """Who provided to whom: one row per provider, one column per beneficiary, a circle whose area
    and shade grow with the count, and the count written on it."""
    return _matrix("flow-matrix", id, title, description, rows, cols, counts, row_label or _("Provider"),
                   col_label or _("Beneficiary"), dots=True)


def heat_matrix(id: str, title: str, description: str, rows: list[str], cols: list[str],
                counts: Sequence[Sequence[int]], *, row_label: str | None = None, col_label: str | None = None) -> Chart:
    """A grid shaded by count with the count written in each cell, e.g. topics (rows) over years
    (columns)."""
    return _matrix("heat-matrix", id, title, description, rows, cols, counts, row_label or _("Topic"),
                   col_label or _("Year"), dots=False)
