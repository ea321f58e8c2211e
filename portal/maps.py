"""World maps drawn at build time (the geometry is portal/worldmap.py's): the base map every map
draws first, one file for the whole site; a page's map over it, which draws inline the countries it
says something about; and a map that is the same in every language (a country page's partners),
drawn once in a file of its own."""

from __future__ import annotations

from pathlib import Path

from markupsafe import escape

from .charts import (SHADES, Chart, Table, _check_id, _link, _num, _range_label, _shade, _svg, _tooltip,
                     shade_bins)
from .i18n import _
from .worldmap import load_world

WORLD_MAP_FILE = "assets/world-map.svg"  # the shared base map, at the site's root
# A country page's partner map, shaded, outlined and marked, at the site's root: the same drawing in
# every language, so one file instead of an inline copy in each language's page.
PARTNER_MAP_FILE = "assets/maps/{iso3}.svg"
# The base map and the overlays are images: the page's style sheet does not reach into them, so
# they carry their own colours, those of charts.css, light and dark (tests/test_charts.py checks
# that they are the same).
MAP_COLOURS = {
    "light": {"shade-0": "#eceeed", "shade-1": "#fde725", "shade-2": "#5ec962", "shade-3": "#1f9e89",
              "shade-4": "#3b528b", "shade-5": "#440154", "chart-border": "#a9b5b0",
              "chart-highlight": "#1b1f1d", "chart-focus": "#b45309", "chart-focus-fill": "#d55e00"},
    "dark": {"shade-0": "#252d2a", "shade-1": "#472d7b", "shade-2": "#3b528b", "shade-3": "#1f9e89",
             "shade-4": "#5ec962", "shade-5": "#fde725", "chart-border": "#4d5c56",
             "chart-highlight": "#f2f5f4", "chart-focus": "#fbbf24", "chart-focus-fill": "#d55e00"},
}


def _map_style(colours: dict) -> str:
    """charts.css's rules for a map's countries, with its colours written out."""
    shades = "".join(f".shade-{n}{{fill:{colours[f'shade-{n}']}}}" for n in range(SHADES + 1))
    return (f"path{{stroke:{colours['chart-border']};stroke-width:.5;stroke-linejoin:round}}{shades}"
            f".is-highlight{{stroke:{colours['chart-highlight']};stroke-width:1.5}}"
            f".is-focus{{fill:{colours['chart-focus-fill']};stroke:{colours['chart-focus']};stroke-width:2}}")


BASE_STYLE = (f"path{{fill:{MAP_COLOURS['light']['shade-0']};stroke:{MAP_COLOURS['light']['chart-border']};"
              "stroke-width:.5;stroke-linejoin:round}"
              f"@media (prefers-color-scheme:dark){{path{{fill:{MAP_COLOURS['dark']['shade-0']};"
              f"stroke:{MAP_COLOURS['dark']['chart-border']}}}}}")
OVERLAY_STYLE = f"{_map_style(MAP_COLOURS['light'])}@media (prefers-color-scheme:dark){{{_map_style(MAP_COLOURS['dark'])}}}"


def world_map_base(data_dir: Path) -> bytes:
    """Every country and the land without a code, unshaded, unlinked, untitled: the file every
    page's map draws first (WORLD_MAP_FILE), once for the whole site, in place of an inline copy
    of all the world's outlines in each page of each language. Pages draw over it, inline, only the
    countries their map says something about (a value, an outline, the focus)."""
    world = load_world(data_dir)
    paths = [*world.unassigned, *(shape.path for shape in world.countries.values())]
    return _file(world, BASE_STYLE, "".join(f'<path d="{d}"/>' for d in paths))


def _file(world, style: str, paths: str) -> bytes:
    """A map drawn as a file of its own, at the size of the page's map, with its own colours."""
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {world.width} {_num(world.height)}" '
            f'width="{world.width}" height="{_num(world.height)}"><style>{style}</style>'
            f'<g fill-rule="evenodd">{paths}</g></svg>\n').encode("utf-8")


def _numbers(values: dict) -> dict[str, int]:
    numbers = {iso3: int(value) for iso3, value in values.items()}
    if any(n < 0 for n in numbers.values()):
        raise ValueError("values must not be negative")
    return numbers


def _marked(world, numbers: dict, bins: list, highlight: set, focus: str | None, every: bool):
    """The countries a map draws, in the order it draws them (outlined ones last, so that no
    neighbour covers an outline, and the focus at the very end): (iso3, classes, path). `every`:
    all of them; otherwise only those with a value, an outline or the focus (over the base map)."""
    plain, raised = [], []
    for iso3, shape in world.countries.items():
        if not every and iso3 not in numbers and iso3 not in highlight and iso3 != focus:
            continue  # drawn, unshaded, by the base map
        classes = ["country", f"shade-{_shade(numbers.get(iso3, 0), bins)}"]
        if iso3 in highlight:
            classes.append("is-highlight")
        if iso3 == focus:
            classes.append("is-focus")
        (raised if len(classes) > 2 else plain).append((iso3, " ".join(classes), shape.path))
    return plain + sorted(raised, key=lambda drawn: drawn[0] == focus)


def world_map_overlay(values: dict[str, int], highlight: set[str], focus: str | None, data_dir: Path) -> bytes:
    """What a map says, without the base map under it, as a file of its own: the countries with a
    value shaded, those in `highlight` outlined, `focus` marked, exactly as `world_map` draws them
    inline (a country page's partners: PARTNER_MAP_FILE). Its links and names are the page's: the
    table under the map has both, in the page's language."""
    world = load_world(data_dir)
    numbers = _numbers(values)
    bins = shade_bins(max(numbers.values(), default=0))
    return _file(world, OVERLAY_STYLE, "".join(
        f'<path class="{classes}" d="{path}"/>'
        for _iso3, classes, path in _marked(world, numbers, bins, highlight, focus, every=False)))


def world_map(id: str, title: str, description: str, values: dict[str, int],
              links: dict[str, str] | None = None, highlight: set[str] | None = None,
              focus: str | None = None, *, value_label: str | None = None, data_dir: Path,
              name_of=None, base: str | None = None, overlay: str | None = None) -> Chart:
    """Countries (ISO 3166-1 alpha-3 keys) shaded by value, linked where `links` has a site path,
    outlined when in `highlight` (e.g. a country's partners) and marked when they are `focus`.
    Countries too small for the 1:110m map are still in the table. `data_dir`: the project's data/,
    which holds the map's geometry and the countries.

    `base`: the address of the shared base map (world_map_base, relative to the page). With it the
    SVG draws that file as an image (which a page opened from disk loads, as it loads any image)
    and, over it, only the countries with a value, an outline or the focus; without it, every
    country inline. `overlay` (with `base`): the address of the file `world_map_overlay` wrote for
    the same values, drawn as a second image in place of those countries: the map is then a
    picture, and its table the way to each country's page."""
    _check_id(id)
    world = load_world(data_dir)
    name = name_of or (lambda iso3: world.names.get(iso3, iso3))  # e.g. the name in the page's language
    links = links or {}
    highlight = highlight or set()
    numbers = _numbers(values)
    bins = shade_bins(max(numbers.values(), default=0))

    body = []
    size = f'x="0" y="0" width="{world.width}" height="{_num(world.height)}"'
    if base:
        body.append(f'<image href="{escape(base)}" {size}/>')
    if base and overlay:
        body.append(f'<image href="{escape(overlay)}" {size}/>')
    else:
        body.append('<g fill-rule="evenodd">')
        if not base:
            body += [f'<path class="land" d="{path}"/>' for path in world.unassigned]
        for iso3, classes, path in _marked(world, numbers, bins, highlight, focus, every=not base):
            tip = f"{name(iso3)}: {numbers[iso3]}" if iso3 in numbers else name(iso3)
            body.append(_link(links.get(iso3), f'<path class="{classes}" data-country="{iso3}" d="{path}">{_tooltip(tip)}</path>'))
        body.append("</g>")

    extra = []
    if highlight:
        extra.append(("shade-0 is-highlight", _("Partner")))
    if focus:
        extra.append(("is-focus", name(focus)))
    # The map scales with its box, down to a phone's width: a legend inside it would shrink with
    # it, so the page prints it as text below (Chart.legend).
    legend = (("shade-0", "0"), *((f"shade-{s_}", _range_label(lo, hi)) for s_, lo, hi in bins), *extra)
    height = world.height

    ranked = sorted(numbers.items(), key=lambda pair: (-pair[1], name(pair[0]), pair[0]))
    table = Table(caption=title, headers=(_("Country"), value_label or _("Count")),
                  rows=tuple((name(iso3), str(value)) for iso3, value in ranked),
                  links=tuple(links.get(iso3) for iso3, _value in ranked))
    return Chart(id, title, description, _svg(id, "world-map", world.width, height, title, description, body), table,
                 layout="fluid", width=world.width, legend=legend)
