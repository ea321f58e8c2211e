"""Seed data/countries.yml, the portal's country reference data.

This script wrote the first version of data/countries.yml. From now on the YAML
file is the maintained source: amend it by hand (for example when an LDC
graduation is postponed, edit the ``until``/``from`` dates and the note).
Re-running this script would discard those edits, so it refuses to overwrite
an existing file unless ``--force`` is given. It is kept to document where each
value came from:

* ISO 3166-1 alpha-2, alpha-3 and numeric codes: pycountry. The M49 code of a
  country or area equals its ISO 3166-1 numeric code (checked below against
  the UNcode column of the country_converter table).
* English short names and M49 sub-region names: ``country_data.tsv`` shipped
  with the country_converter package (columns name_short, ISO3, UNcode,
  UNregion, UNmember), read with the csv module. Names are then replaced by
  the UN (M49) English names where they differ (UN_NAMES), and three areas are
  corrected (M49_AREA_FIXES).
* M49 region codes: data/regions.yml (names mapped to codes, parents followed
  up to the region).
* Development status, LDC dates and WIPO groupings: the hand tables below,
  from UN DESA WESP 2025 and the UN LDC list of December 2024 (see SOURCE).

Usage::

    python tools/seed_countries.py [--output data/countries.yml] [--force]

Requires pycountry and PyYAML (to read data/regions.yml); country_converter
must be installed for its data file, but is not imported.
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import json
import re
import sys
from pathlib import Path

import pycountry
import yaml

ROOT = Path(__file__).resolve().parent.parent
REGIONS_FILE = ROOT / "data" / "regions.yml"
DEFAULT_OUTPUT = ROOT / "data" / "countries.yml"

SOURCE = {
    "identity": "ISO 3166-1 via pycountry 26.2.16; UN M49 codes and regions",
    "classification": (
        "UN DESA, World Economic Situation and Prospects (WESP) 2025, "
        "country classification (statistical annex)"
    ),
    "ldc": (
        "UN Committee for Development Policy / UN-OHRLLS, List of Least "
        "Developed Countries, December 2024, with graduation dates"
    ),
    "edition": "2025",
    "citation": "UN DESA WESP 2025 and the UN list of LDCs of December 2024",
    "reviewed": "2026-11-29",
    "overrides": (
        "WESP 2025 classifies UN Member States and a few other economies "
        "only. European micro-states and dependent territories of developed "
        "countries in Europe, Northern America (M49 021) and "
        "Australia and New Zealand (M49 053) are classed developed; dependent "
        "territories and other areas in the South (Africa, Latin America and "
        "the Caribbean, Asia, Oceania outside 053) are classed developing. "
        "Each such interval carries a note. Republic of Korea, Singapore, "
        "Israel and the Gulf states stay developing, as in WESP. Former "
        "economies in transition that joined the EU are classed developed "
        "from their accession date. Taiwan (ISO TWN) is not listed separately "
        "in M49 and is omitted; Antarctica (ATA) has no M49 region, no WIPO "
        "grouping and no development status, and is omitted."
    ),
}

HEADER = """\
# Country reference data for the portal: every country or area of UN M49 that has
# an ISO 3166-1 code, keyed on the ISO 3166-1 alpha-3 code and sorted by it.
# Antarctica (ATA) is left out, and so is Taiwan (TWN), which M49 does not list
# separately: see source.overrides.
#
# This file is the maintained source. It was seeded once by tools/seed_countries.py
# (which documents where each value came from); edit this file, not the script.
#
#   iso2, m49     ISO 3166-1 alpha-2 code and UN M49 numeric code (quoted string)
#   name          UN English short name
#   region        M49 region code; subregion: M49 sub-region code; intermediate:
#                 M49 intermediate region (only Sub-Saharan Africa, Latin America
#                 and the Caribbean, Channel Islands). All codes are in regions.yml.
#   wipo          WIPO regional grouping, a key of wipo_regions in regions.yml
#   status        dated development status, one of least-developed, developing,
#                 in-transition, developed. An interval applies when
#                 from <= date < until. No `from`: since the beginning of the data;
#                 no `until`: still in force. Intervals are contiguous: each
#                 `until` equals the next interval's `from`. Dates are quoted
#                 "YYYY-MM-DD" strings. `note` marks a scheduled, contested or
#                 overridden interval.
#
# To amend: when a graduation is postponed or brought forward, change the `until`
# of the least-developed interval and the `from` of the following interval to the
# new date (both together), update the note, and update source.reviewed.
# When WESP reclassifies a country, close the current interval with `until` and
# add a new one with the same date as `from`.
"""

# Areas with an ISO 3166-1 code that are left out, with the reason.
EXCLUDED = {
    "ATA": "Antarctica: M49 010 has no region; no WIPO grouping or status",
    "TWN": "Taiwan: not listed separately in UN M49",
}

# Lowest-level M49 area where country_converter's UNregion column is wrong or
# stops above the intermediate region.
M49_AREA_FIXES = {
    "NRU": "Micronesia",       # the tsv says Polynesia
    "GGY": "Channel Islands",  # the tsv says Northern Europe
    "JEY": "Channel Islands",  # the tsv says Northern Europe
}

# UN (M49) English names where country_converter's name_short differs.
UN_NAMES = {
    "BES": "Bonaire, Sint Eustatius and Saba",
    "BLM": "Saint Barthélemy",
    "BOL": "Bolivia (Plurinational State of)",
    "COD": "Democratic Republic of the Congo",
    "COG": "Congo",
    "FLK": "Falkland Islands (Malvinas)",
    "FSM": "Micronesia (Federated States of)",
    "GBR": "United Kingdom of Great Britain and Northern Ireland",
    "HKG": "China, Hong Kong Special Administrative Region",
    "HMD": "Heard Island and McDonald Islands",
    "IRN": "Iran (Islamic Republic of)",
    "KNA": "Saint Kitts and Nevis",
    "KOR": "Republic of Korea",
    "LAO": "Lao People's Democratic Republic",
    "LCA": "Saint Lucia",
    "MAC": "China, Macao Special Administrative Region",
    "MAF": "Saint Martin (French Part)",
    "MDA": "Republic of Moldova",
    "NLD": "Netherlands (Kingdom of the)",
    "PRK": "Democratic People's Republic of Korea",
    "PSE": "State of Palestine",
    "RUS": "Russian Federation",
    "SGS": "South Georgia and the South Sandwich Islands",
    "SHN": "Saint Helena",
    "SPM": "Saint Pierre and Miquelon",
    "SXM": "Sint Maarten (Dutch part)",
    "SYR": "Syrian Arab Republic",
    "TZA": "United Republic of Tanzania",
    "USA": "United States of America",
    "VAT": "Holy See",
    "VCT": "Saint Vincent and the Grenadines",
    "VEN": "Venezuela (Bolivarian Republic of)",
    "VNM": "Viet Nam",
}

# --- Development status -------------------------------------------------------

# WESP 2025 "developed economies": the 27 EU members and nine others.
EU27 = {
    "AUT", "BEL", "BGR", "HRV", "CYP", "CZE", "DNK", "EST", "FIN",
    "FRA", "DEU", "GRC", "HUN", "IRL", "ITA", "LVA", "LTU", "LUX",
    "MLT", "NLD", "POL", "PRT", "ROU", "SVK", "SVN", "ESP", "SWE",
}
WESP_DEVELOPED = EU27 | {"ISL", "NOR", "CHE", "GBR", "AUS", "CAN", "JPN", "NZL", "USA"}

# WESP 2025 "economies in transition".
IN_TRANSITION = {
    "ALB", "BIH", "MNE", "MKD", "SRB",
    "ARM", "AZE", "BLR", "GEO", "KAZ", "KGZ", "MDA", "RUS", "TJK", "TKM", "UKR", "UZB",
}

# Economies in transition until EU accession, developed from it.
EU_ACCESSION = {
    **dict.fromkeys(("CZE", "EST", "HUN", "LVA", "LTU", "POL", "SVK", "SVN"), "2004-05-01"),
    **dict.fromkeys(("BGR", "ROU"), "2007-01-01"),
    "HRV": "2013-07-01",
}
EU_ACCESSION_NOTE = "classed with developed economies from EU accession"

# Override: not classified by WESP, classed developed (European micro-states
# and dependent territories of developed countries outside the South).
DEVELOPED_BY_OVERRIDE = {
    "AND", "MCO", "SMR", "LIE", "VAT",              # European micro-states
    "ALA", "FRO", "GGY", "GIB", "IMN", "JEY", "SJM",  # territories in Europe
    "BMU", "GRL", "SPM",                            # territories in Northern America
    "CXR", "CCK", "HMD", "NFK",                     # Australian external territories
}
DEVELOPED_OVERRIDE_NOTE = (
    "override: not classified in WESP 2025; European micro-state or dependent "
    "territory of a developed country, classed developed"
)
# Areas without a UN seat that WESP's developing group covers (or that belong to a
# developing Member State) get no override note.
DEVELOPING_WITHOUT_NOTE = {"HKG", "MAC", "PSE"}
DEVELOPING_OVERRIDE_NOTE = (
    "override: not classified in WESP 2025; dependent territory or area in the "
    "South, classed developing"
)

ORIGINAL_LIST = "1971-11-18"  # General Assembly resolution 2768 (XXVI)
APPROXIMATE = "inclusion date approximate to the year"

# Inclusion in the UN LDC list: (date, note). Dates given only to the year are
# written YYYY-01-01 with the APPROXIMATE note.
LDC_INCLUSION = {
    # the original list of 18 November 1971
    **{c: (ORIGINAL_LIST, None) for c in (
        "AFG", "BDI", "BEN", "BFA", "BTN", "BWA", "ETH", "GIN", "HTI",
        "LAO", "LSO", "MDV", "MLI", "MWI", "NER", "NPL", "RWA", "SDN",
        "SOM", "TCD", "TZA", "UGA", "WSM",
    )},
    "YEM": (ORIGINAL_LIST, "Yemen Arab Republic listed 1971; unified Yemen listed from 1990"),
    # General Assembly resolution 3487 (XXX) of 12 December 1975
    **{c: ("1975-12-12", None) for c in ("BGD", "CAF", "GMB")},
    # General Assembly resolutions 32/92 and 32/99 of 13 December 1977
    **{c: ("1977-12-13", None) for c in ("COM", "CPV")},
    "GNB": ("1981-01-01", APPROXIMATE),
    **{c: ("1982-01-01", APPROXIMATE) for c in ("DJI", "GNQ", "SLE", "STP", "TGO")},
    "VUT": ("1985-01-01", APPROXIMATE),
    **{c: ("1986-01-01", APPROXIMATE) for c in ("KIR", "MRT", "TUV")},
    "MMR": ("1987-01-01", APPROXIMATE),
    "MOZ": ("1988-01-01", APPROXIMATE),
    "LBR": ("1990-01-01", APPROXIMATE),
    **{c: ("1991-01-01", APPROXIMATE) for c in ("COD", "KHM", "MDG", "SLB", "ZMB")},
    **{c: ("1994-01-01", APPROXIMATE) for c in ("AGO", "ERI")},
    "SEN": ("2001-01-01", APPROXIMATE + " (General Assembly decision of April 2001)"),
    "TLS": ("2003-01-01", APPROXIMATE),
    "SSD": ("2012-01-01", APPROXIMATE + " (added December 2012)"),
}

# End of the LDC interval: (date, note on the developing interval that follows).
LDC_GRADUATION = {
    "BWA": ("1994-12-20", None),
    "CPV": ("2007-12-20", None),
    "MDV": ("2011-01-01", None),
    "WSM": ("2014-01-01", None),
    "GNQ": ("2017-06-04", None),
    "VUT": ("2020-12-04", None),
    "BTN": ("2023-12-13", None),
    "STP": ("2024-12-13", None),
    # scheduled
    "BGD": ("2026-11-24",
            "graduation scheduled for 24 November 2026; Bangladesh requested an "
            "extension to 2029: outcome not confirmed, amend if deferred"),
    "NPL": ("2026-11-24",
            "graduation scheduled for 24 November 2026; Nepal prepared a request "
            "for an extension: outcome not confirmed, amend if deferred"),
    "LAO": ("2026-11-24",
            "graduation scheduled for 24 November 2026: amend if deferred"),
    "SLB": ("2027-12-13",
            "graduation scheduled for 13 December 2027 (extended to 2027): "
            "amend if deferred"),
    "KHM": ("2029-12-19",
            "graduation scheduled for 19 December 2029 (General Assembly "
            "resolution 79/230 of 19 December 2024): amend if deferred"),
    "SEN": ("2029-12-19",
            "graduation scheduled for 19 December 2029 (General Assembly "
            "resolution 79/230 of 19 December 2024): amend if deferred"),
}

# Still LDCs, with graduation deferred or pending: note on the open LDC interval.
LDC_PENDING_NOTE = {
    "AGO": "remains an LDC, graduation deferred and no date set: amend when one is decided",
    "COM": "graduation pending, no date set: amend when one is decided",
    "DJI": "graduation pending, no date set: amend when one is decided",
    "KIR": "graduation deferred, no date set: amend when one is decided",
    "MMR": "graduation deferred, no date set: amend when one is decided",
    "TUV": "graduation deferred, no date set: amend when one is decided",
}

# --- WIPO groupings -----------------------------------------------------------

# The 22 members of the League of Arab States.
ARAB_LEAGUE = {
    "DZA", "BHR", "COM", "DJI", "EGY", "IRQ", "JOR", "KWT", "LBN", "LBY", "MRT",
    "MAR", "OMN", "PSE", "QAT", "SAU", "SOM", "SDN", "SYR", "TUN", "ARE", "YEM",
}
# Certain countries in Europe and Asia: economies in transition, the Central
# European and Baltic states, and Türkiye.
CENTRAL_EUROPE_BALTIC = {
    "BGR", "CZE", "EST", "HRV", "HUN", "LTU", "LVA", "POL", "ROU", "SVK", "SVN",
}
EUROPE_ASIA = IN_TRANSITION | CENTRAL_EUROPE_BALTIC | {"TUR"}
# Developed countries in Asia (M49 region 142), grouped with "developed".
DEVELOPED_IN_ASIA = {"CYP", "ISR", "JPN"}

# M49 sub-regions outside the South, besides Europe.
NORTH_SUBREGIONS = {"021", "053"}

LDC_COUNT_NOW = 44  # as of December 2024, per the DOMAIN notes


def tsv_path() -> Path:
    """Locate country_converter's data file without importing the package."""
    spec = importlib.util.find_spec("country_converter")
    if spec is None or not spec.submodule_search_locations:
        sys.exit("country_converter is not installed (needed for country_data.tsv)")
    path = Path(next(iter(spec.submodule_search_locations))) / "country_data.tsv"
    if not path.is_file():
        sys.exit(f"not found: {path}")
    return path


def read_tsv() -> dict[str, dict[str, str]]:
    with tsv_path().open(encoding="utf-8", newline="") as f:
        return {row["ISO3"]: row for row in csv.DictReader(f, delimiter="\t")}


def read_regions() -> dict[str, dict]:
    with REGIONS_FILE.open(encoding="utf-8") as f:
        return yaml.safe_load(f)["regions"]


def m49_chain(name: str, regions: dict[str, dict]) -> dict[str, str]:
    """Map a lowest-level M49 region name to region/subregion/intermediate codes."""
    codes = [code for code, r in regions.items() if r["name"] == name]
    if len(codes) != 1:
        raise ValueError(f"M49 region name {name!r} matches {codes}")
    out = {}
    code = codes[0]
    while code is not None:
        level = regions[code]["level"]
        out[{"region": "region", "sub-region": "subregion",
             "intermediate-region": "intermediate"}[level]] = code
        code = regions[code].get("parent")
    if set(out) < {"region", "subregion"}:
        raise ValueError(f"{name!r} is not below a sub-region")
    return out


def status_intervals(iso3: str, un_member: bool) -> list[dict]:
    if iso3 in IN_TRANSITION:
        return [{"status": "in-transition"}]
    if iso3 in EU_ACCESSION:
        day = EU_ACCESSION[iso3]
        return [
            {"status": "in-transition", "until": day},
            {"status": "developed", "from": day, "note": EU_ACCESSION_NOTE},
        ]
    if iso3 in WESP_DEVELOPED:
        return [{"status": "developed"}]
    if iso3 in DEVELOPED_BY_OVERRIDE:
        return [{"status": "developed", "note": DEVELOPED_OVERRIDE_NOTE}]
    if iso3 in LDC_INCLUSION:
        start, start_note = LDC_INCLUSION[iso3]
        ldc = {"status": "least-developed", "from": start}
        intervals = [{"status": "developing", "until": start}, ldc]
        notes = [start_note]
        if iso3 in LDC_GRADUATION:
            end, after_note = LDC_GRADUATION[iso3]
            ldc["until"] = end
            after = {"status": "developing", "from": end}
            if after_note:
                after["note"] = after_note
            intervals.append(after)
        else:
            notes.append(LDC_PENDING_NOTE.get(iso3))
        note = "; ".join(n for n in notes if n)
        if note:
            ldc["note"] = note
        return intervals
    if not un_member and iso3 not in DEVELOPING_WITHOUT_NOTE:
        return [{"status": "developing", "note": DEVELOPING_OVERRIDE_NOTE}]
    return [{"status": "developing"}]


def wipo_group(iso3: str, geo: dict[str, str]) -> str:
    if iso3 in ARAB_LEAGUE:
        return "arab"
    if iso3 in EUROPE_ASIA:
        return "europe-asia"
    if geo["region"] == "002":
        return "africa"
    if geo["subregion"] == "419":
        return "latin-america-caribbean"
    if geo["region"] == "150" or geo["subregion"] in NORTH_SUBREGIONS or iso3 in DEVELOPED_IN_ASIA:
        return "developed"
    return "asia-pacific"  # the rest of Asia, and Oceania outside 053


def build() -> dict[str, dict]:
    rows = read_tsv()
    regions = read_regions()
    countries = {}
    for c in pycountry.countries:
        iso3 = c.alpha_3
        if iso3 in EXCLUDED:
            continue
        row = rows[iso3]
        m49 = c.numeric  # zero-padded, three digits
        if int(row["UNcode"]) != int(m49):
            raise ValueError(f"{iso3}: ISO numeric {m49} != UN code {row['UNcode']}")
        geo = m49_chain(M49_AREA_FIXES.get(iso3, row["UNregion"]), regions)
        entry = {
            "iso2": c.alpha_2,
            "m49": m49,
            "name": UN_NAMES.get(iso3, row["name_short"]),
            "region": geo["region"],
            "subregion": geo["subregion"],
        }
        if "intermediate" in geo:
            entry["intermediate"] = geo["intermediate"]
        entry["wipo"] = wipo_group(iso3, geo)
        entry["status"] = status_intervals(iso3, un_member=bool(row["UNmember"]))
        countries[iso3] = entry
    check(countries)
    return dict(sorted(countries.items()))


def check(countries: dict[str, dict]) -> None:
    """Cross-check the hand tables against each other and against the codes."""
    known = set(countries)
    tables = {
        "WESP_DEVELOPED": WESP_DEVELOPED, "IN_TRANSITION": IN_TRANSITION,
        "EU_ACCESSION": set(EU_ACCESSION), "DEVELOPED_BY_OVERRIDE": DEVELOPED_BY_OVERRIDE,
        "LDC_INCLUSION": set(LDC_INCLUSION), "LDC_GRADUATION": set(LDC_GRADUATION),
        "LDC_PENDING_NOTE": set(LDC_PENDING_NOTE), "ARAB_LEAGUE": ARAB_LEAGUE,
        "EUROPE_ASIA": EUROPE_ASIA, "UN_NAMES": set(UN_NAMES),
    }
    for name, table in tables.items():
        unknown = table - known
        if unknown:
            raise ValueError(f"{name}: unknown codes {sorted(unknown)}")
    assert len(EU27) == 27 and len(WESP_DEVELOPED) == 36 and len(IN_TRANSITION) == 17
    assert len(ARAB_LEAGUE) == 22
    assert set(EU_ACCESSION) <= EU27 and not IN_TRANSITION & WESP_DEVELOPED
    assert not DEVELOPED_BY_OVERRIDE & (WESP_DEVELOPED | IN_TRANSITION | set(LDC_INCLUSION))
    assert set(LDC_GRADUATION) <= set(LDC_INCLUSION)
    assert not set(LDC_PENDING_NOTE) & set(LDC_GRADUATION)
    graduated = {c for c, (end, _) in LDC_GRADUATION.items() if end <= "2024-12-31"}
    assert len(set(LDC_INCLUSION) - graduated) == LDC_COUNT_NOW


# --- YAML output --------------------------------------------------------------

_PLAIN = re.compile(r"[^\W\d_][\w .,()'’-]*\Z")
_YAML_WORDS = {"y", "n", "yes", "no", "on", "off", "true", "false", "null"}


def scalar(value: str, quote: bool = False) -> str:
    """A YAML scalar: plain when unambiguous, else a double-quoted JSON string."""
    if (not quote and _PLAIN.match(value) and value.lower() not in _YAML_WORDS
            and not value.endswith((" ", ":"))):
        return value
    return json.dumps(value, ensure_ascii=False)


def interval_lines(interval: dict[str, str]) -> list[str]:
    parts = [f"status: {interval['status']}"]
    parts += [f"{k}: {scalar(interval[k], quote=True)}" for k in ("from", "until") if k in interval]
    if "note" not in interval:
        return ["      - {" + ", ".join(parts) + "}"]
    lines = ["      - " + parts[0]] + ["        " + p for p in parts[1:]]
    lines.append("        note: " + scalar(interval["note"], quote=True))
    return lines


def render(countries: dict[str, dict]) -> str:
    lines = [HEADER, "source:"]
    lines += [f"  {k}: {scalar(v, quote=True)}" for k, v in SOURCE.items()]
    lines += ["", "countries:"]
    for iso3, c in countries.items():
        lines.append(f"  {scalar(iso3)}:")
        lines.append(f"    iso2: {scalar(c['iso2'], quote=True)}")
        lines.append(f"    m49: {scalar(c['m49'], quote=True)}")
        lines.append(f"    name: {scalar(c['name'])}")
        for key in ("region", "subregion", "intermediate"):
            if key in c:
                lines.append(f"    {key}: {scalar(c[key], quote=True)}")
        lines.append(f"    wipo: {c['wipo']}")
        lines.append("    status:")
        for interval in c["status"]:
            lines += interval_lines(interval)
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT,
                        help=f"file to write (default: {DEFAULT_OUTPUT.relative_to(ROOT)})")
    parser.add_argument("--force", action="store_true",
                        help="overwrite the output file if it exists (discards hand edits)")
    args = parser.parse_args(argv)
    if args.output.exists() and not args.force:
        print(f"{args.output} exists and is maintained by hand; "
              "use --force to overwrite it", file=sys.stderr)
        return 1
    countries = build()
    text = render(countries)
    if yaml.safe_load(text)["countries"] != countries:
        raise AssertionError("rendered YAML does not round-trip")
    args.output.write_text(text, encoding="utf-8")
    print(f"wrote {len(countries)} countries to {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
