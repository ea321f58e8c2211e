"""The world map's geometry: the vendored Natural Earth TopoJSON in data/world/, decoded, projected
with Equal Earth and turned into SVG path data keyed by ISO 3166-1 alpha-3 code."""

from __future__ import annotations

import functools
import json
import math
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Mapping

from .reference import load_reference

WORLD_FILE = Path("world") / "countries-110m.json"
MAP_WIDTH = 640  # viewBox units; the charts' text sizes are chosen for this width
# M49 010 is Antarctica: no record can name it (data/countries.yml leaves it out) and drawn in
# Equal Earth it would take a fifth of the map's height.
LEFT_OUT = frozenset({"010"})

# Equal Earth: Šavrič, Patterson and Jenny (2018), "The Equal Earth map projection",
# International Journal of Geographical Information Science 33(3), 454-465,
# doi:10.1080/13658816.2018.1504949. With M = sqrt(3)/2 and sin(theta) = M sin(phi):
#   x = lambda cos(theta) / (M (A1 + 3 A2 theta^2 + theta^6 (7 A3 + 9 A4 theta^2)))
#   y = theta (A1 + A2 theta^2 + theta^6 (A3 + A4 theta^2))
A1, A2, A3, A4 = 1.340264, -0.081106, 0.000893, 0.003796
M = math.sqrt(3) / 2
X_EDGE = math.pi / (M * A1)  # |x| of the antimeridian on the equator, the widest point


@dataclass(frozen=True)
class CountryShape:
    iso3: str
    name: str
    path: str  # SVG path data in the map's viewBox


@dataclass(frozen=True)
class WorldMap:
    width: int
    height: float
    countries: Mapping[str, CountryShape]  # iso3 -> shape, sorted by iso3
    names: Mapping[str, str]  # iso3 -> name for every country in the data, drawn or too small to draw
    # Land with no entry in data/countries.yml (areas without an ISO code in the data, or left
    # out there on purpose); drawn so the coastline has no holes, never shaded or linked.
    unassigned: tuple[str, ...]


def equal_earth(lon: float, lat: float) -> tuple[float, float]:
    """Project degrees to Equal Earth plane coordinates (unit sphere, y growing north)."""
    lam, phi = math.radians(lon), math.radians(lat)
    theta = math.asin(M * math.sin(phi))
    t2 = theta * theta
    t6 = t2 * t2 * t2
    x = lam * math.cos(theta) / (M * (A1 + 3 * A2 * t2 + t6 * (7 * A3 + 9 * A4 * t2)))
    y = theta * (A1 + A2 * t2 + t6 * (A3 + A4 * t2))
    return x, y


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """Arcs of a quantized TopoJSON topology as longitude/latitude points.

    Quantized arcs store the first position as integers and every later one as a delta from the
    one before; the topology's transform scales and translates the integers back to degrees."""
    (kx, ky), (dx, dy) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for qx, qy in arc:
            x += qx
            y += qy
            points.append((x * kx + dx, y * ky + dy))
        arcs.append(points)
    return arcs


def ring_points(arcs: list[list[tuple[float, float]]], indexes: list[int]) -> list[tuple[float, float]]:
    """Join a ring's arcs; a negative index ~i means arc i reversed. Consecutive arcs share their
    joining point, so each arc after the first drops its first point."""
    points: list[tuple[float, float]] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc[1:] if points else arc)
    return points


def _unwrap(ring: list[tuple[float, float]]) -> list[tuple[float, float]]:
    # Rings that cross the antimeridian (Fiji, Chukotka) jump between +180 and -180; shifting the
    # later points by whole turns makes the ring continuous, so it can be cut at ±180 below.
    shift = 0.0
    out = [ring[0]]
    for (lon0, _), (lon, lat) in zip(ring, ring[1:]):
        if lon - lon0 > 180:
            shift -= 360
        elif lon - lon0 < -180:
            shift += 360
        out.append((lon + shift, lat))
    return out


def _clip(ring: list[tuple[float, float]], edge: float, keep_below: bool) -> list[tuple[float, float]]:
    # Sutherland-Hodgman against one meridian. A concave ring can come out with edges running
    # along the meridian itself; they enclose no area and lie on the map's border.
    out: list[tuple[float, float]] = []
    for a, b in zip(ring, ring[1:] + ring[:1]):
        a_in = a[0] <= edge if keep_below else a[0] >= edge
        b_in = b[0] <= edge if keep_below else b[0] >= edge
        if a_in:
            out.append(a)
        if a_in != b_in:
            t = (edge - a[0]) / (b[0] - a[0])
            out.append((edge, a[1] + t * (b[1] - a[1])))
    return out


def split_at_antimeridian(ring: list[tuple[float, float]]) -> list[list[tuple[float, float]]]:
    """The parts of a ring inside -180..180, after unwrapping a crossing of the antimeridian."""
    ring = _unwrap(ring)
    lons = [lon for lon, _ in ring]
    if -180 <= min(lons) and max(lons) <= 180:
        return [ring]
    parts = []
    for turn in (-360.0, 0.0, 360.0):
        shifted = [(lon + turn, lat) for lon, lat in ring]
        part = _clip(_clip(shifted, 180.0, True), -180.0, False)
        if len(part) >= 3:
            parts.append(part)
    return parts


def _format_tenths(n: int) -> str:
    # Compact SVG numbers: 12 -> "1.2", 5 -> ".5", -5 -> "-.5", 120 -> "12"
    sign, n = ("-", -n) if n < 0 else ("", n)
    whole, tenth = divmod(n, 10)
    if tenth == 0:
        return f"{sign}{whole}"
    return f"{sign}{whole if whole else ''}.{tenth}"


def _path_data(rings: list[list[tuple[int, int]]]) -> str:
    # Relative moves between points rounded to tenths: short and free of accumulated error,
    # since each delta is the difference of two already rounded integers.
    out = []
    for ring in rings:
        numbers: list[str] = []
        (x0, y0), rest = ring[0], ring[1:]
        px, py = x0, y0
        for x, y in rest:
            numbers += [_format_tenths(x - px), _format_tenths(y - py)]
            px, py = x, y
        text = "M" + _format_tenths(x0) + ("" if _format_tenths(y0).startswith("-") else " ") + _format_tenths(y0)
        text += "l" + _join_numbers(numbers) + "z"
        out.append(text)
    return "".join(out)


def _join_numbers(numbers: list[str]) -> str:
    # A minus sign separates numbers by itself in SVG path data.
    parts = []
    for i, number in enumerate(numbers):
        if i and not number.startswith("-"):
            parts.append(" ")
        parts.append(number)
    return "".join(parts)


def _rounded_ring(points: list[tuple[float, float]], scale: float, x0: float, y0: float) -> list[tuple[int, int]] | None:
    rounded: list[tuple[int, int]] = []
    for x, y in points:
        p = (round((x - x0) * scale * 10), round((y0 - y) * scale * 10))
        if not rounded or rounded[-1] != p:
            rounded.append(p)
    if len(rounded) > 1 and rounded[0] == rounded[-1]:
        rounded.pop()  # "z" closes the ring
    return rounded if len(rounded) >= 3 else None


@functools.lru_cache(maxsize=4)
def load_world(data_dir: Path) -> WorldMap:
    """The projected map for the countries in data_dir/countries.yml, built once per process."""
    topology = json.loads((data_dir / WORLD_FILE).read_text(encoding="utf-8"))
    reference = load_reference(data_dir)
    by_m49 = {country.m49: country for country in reference.countries.values() if country.m49}
    arcs = decode_arcs(topology)

    features = []  # (country or None, projected rings)
    for geometry in topology["objects"]["countries"]["geometries"]:
        code = geometry.get("id")
        if code in LEFT_OUT:
            continue
        polygons = {"Polygon": [geometry["arcs"]], "MultiPolygon": geometry["arcs"]}.get(geometry["type"], [])
        rings = []
        for polygon in polygons:
            for indexes in polygon:
                for part in split_at_antimeridian(ring_points(arcs, indexes)):
                    rings.append([equal_earth(lon, lat) for lon, lat in part])
        features.append((by_m49.get(code), rings))

    top = max(y for _, rings in features for ring in rings for _, y in ring)
    bottom = min(y for _, rings in features for ring in rings for _, y in ring)
    pad = 2  # viewBox units around the land, so outlines at the edges are not cut off
    scale = (MAP_WIDTH - 2 * pad) / (2 * X_EDGE)
    margin = pad / scale
    height = round((top - bottom + 2 * margin) * scale, 1)

    countries: dict[str, CountryShape] = {}
    unassigned: list[str] = []
    for country, rings in features:
        rounded = [r for r in (_rounded_ring(ring, scale, -X_EDGE - margin, top + margin) for ring in rings) if r]
        if not rounded:
            continue
        path = _path_data(rounded)
        if country is None:
            unassigned.append(path)
        else:
            countries[country.iso3] = CountryShape(country.iso3, country.name, path)
    ordered = {iso3: countries[iso3] for iso3 in sorted(countries)}
    names = {iso3: reference.countries[iso3].name for iso3 in sorted(reference.countries)}
    return WorldMap(MAP_WIDTH, height, MappingProxyType(ordered), MappingProxyType(names), tuple(unassigned))
