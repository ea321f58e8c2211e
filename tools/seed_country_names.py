"""Seed data/country-names.yml, the UN names of the countries and areas in Arabic,
Chinese, French, Russian and Spanish.

This script wrote the first version of data/country-names.yml. From then on the
YAML file is the maintained source: when the UN changes a name, edit the entry
by hand and update source.reviewed. Re-running this script would discard those
edits, so it refuses to overwrite an existing file unless ``--force`` is given.
It is kept to document where each name came from:

* The names are the "Country or Area" column of the United Nations Statistics
  Division's "Standard country or area codes for statistical use" (M49),
  https://unstats.un.org/unsd/methodology/m49/overview/, downloaded from that
  page as one CSV file per official language (UNSD-ar.csv, UNSD-cn.csv,
  UNSD-en.csv, UNSD-es.csv, UNSD-fr.csv, UNSD-ru.csv). The copy used is the
  one committed unchanged to the public repository datasets/country-codes,
  folder tmp/, in commit 25c1991e72a75b8ce494822b50cc6154bdc61a25 of
  25 September 2024 (SOURCE_FILES lists the SHA-256 of each file). Do not use
  that repository's later versions of these files: a later commit adds a
  Taiwan row to every language and changes three English names, none of which
  comes from the UN.
* Rows are matched to data/countries.yml on the ISO alpha-3 code; the script
  checks that the M49 code and the ISO alpha-2 code agree, and that the English
  name is the `name` of data/countries.yml (English names stay there and are
  not written to the table).
* Unicode CLDR territory names, as shipped with Babel, only where the M49 list
  names no area (NOT_IN_M49) or where its text is visibly defective
  (DEFECTIVE: a garbled word order, a truncation, a repeated word, a
  placeholder, a name in the genitive case). Every such name is listed under
  the entry's `cldr` with a `note` saying why.

Usage::

    python tools/seed_country_names.py --source DIR [--output data/country-names.yml] [--force]

DIR holds the six CSV files. Requires Babel and PyYAML.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import re
import sys
from pathlib import Path

import babel
import yaml
from babel import Locale
from babel.core import get_cldr_version

ROOT = Path(__file__).resolve().parent.parent
COUNTRIES_FILE = ROOT / "data" / "countries.yml"
DEFAULT_OUTPUT = ROOT / "data" / "country-names.yml"

# The languages written to the table, in the UN's order; English is in countries.yml.
LANGUAGES = ("ar", "zh", "fr", "ru", "es")
# The UNSD download names its Chinese file "cn".
SOURCE_FILES = {
    "ar": ("UNSD-ar.csv", "467f81ffda8bd4842274ad459324b525bafbabe7c44aba793668c5d5485022e0"),
    "zh": ("UNSD-cn.csv", "9af7e800eb733716bcbc8c5c271f70c7e6ff8b02d105d359ad1d60e735dec688"),
    "en": ("UNSD-en.csv", "7f065ee4ee9ef7f1819f2e90bd58850eacd47615fc77f62eb71a6e01d0e7100a"),
    "es": ("UNSD-es.csv", "6c09cb46142c23829e4d4d78459ad86c0fec582c0a5f62a0185ae5e2e7d49dfd"),
    "fr": ("UNSD-fr.csv", "f47de892c0b025d01cc30f007e737cc6ea369d3b53dc4c85b27a8e7405b81752"),
    "ru": ("UNSD-ru.csv", "0d36bd619944f42b1925772f587b69f10f3aaa99549f17965d6d4ec38c58be69"),
}
CLDR_LOCALES = {"zh": "zh_Hans"}

# English names of countries.yml that differ from the M49 English text only in typography.
ENGLISH_TYPOGRAPHY = {"CIV": ("Côte d'Ivoire", "Côte d’Ivoire")}

# Areas of countries.yml that the M49 list does not name: CLDR in every language.
NOT_IN_M49 = {
    "XKX": "not in the M49 list; CLDR's names. The UN writes 'Kosovo' with the footnote "
           "'References to Kosovo shall be understood to be in the context of Security Council "
           "resolution 1244 (1999)' (see data/countries.yml)",
}

# M49 texts that cannot be shown as a name: CLDR's name instead.
DEFECTIVE = {
    ("ATF", "ar"): "a word is repeated",
    ("IOT", "ar"): "its words are out of order",
    ("NLD", "ar"): "it has a '_' placeholder",
    ("UMI", "ar"): "its first word is missing",
    ("ALA", "ru"): "it is in the genitive case",
    ("CCK", "ru"): "it is in the genitive case",
}

SOURCE = {
    "title": "Standard country or area codes for statistical use (M49): country or area names",
    "publisher": "United Nations Statistics Division (UNSD)",
    "address": "https://unstats.un.org/unsd/methodology/m49/overview/",
    "edition": "M49 overview page in the six official languages, downloaded September 2024",
    "copy": (
        "the six CSV downloads (UNSD-ar, -cn, -en, -es, -fr, -ru) as committed unchanged to the "
        "public repository datasets/country-codes, folder tmp/, commit "
        "25c1991e72a75b8ce494822b50cc6154bdc61a25 of 2024-09-25"
    ),
    "english": "English names are the `name` of data/countries.yml: the same M49 list's English names",
    "fallback": (
        f"Unicode CLDR {get_cldr_version()} territory names (Babel {babel.__version__}), only for an area "
        "the M49 list does not name or whose M49 text is defective; listed under the entry's `cldr`, "
        "with a `note`"
    ),
    "reviewed": "2026-12-06",
}

HEADER = """\
# The names of the countries and areas in Arabic, Chinese, French, Russian and
# Spanish, as the United Nations writes them: the names of the UN M49 standard
# ("Standard country or area codes for statistical use", UNSD), which for the
# Member States and observer States follow the UN terminology database
# (UNTERM) short names ("Türkiye", "État de Palestine", "République de Corée",
# "Îles Falkland (Malvinas)"). English names are the `name` of
# data/countries.yml. The site shows these names for every country, in place
# of the Unicode CLDR names Babel would give ("Turquie", "Territoires
# palestiniens", "Corée du Sud", "Îles Malouines").
#
# Keyed by ISO 3166-1 alpha-3 like data/countries.yml, in the same order; every
# country or area of data/countries.yml must have an entry, with a name in each
# of the five languages (the reference loader reports a missing or unknown entry).
#
#   iso2      ISO 3166-1 alpha-2 code, as in data/countries.yml (the key the
#             pages look names up by)
#   ar, zh, fr, ru, es
#             the name in Arabic, Chinese (simplified), French, Russian, Spanish
#   cldr      languages whose name is the Unicode CLDR name, not the UN's: for an
#             area the M49 list does not name (Kosovo), or where the M49 text
#             is defective. Listed only on such entries, with a `note` saying why.
#
# This file is the maintained source. It was seeded once by
# tools/seed_country_names.py (which documents the source files); edit this
# file, not the script. When the UN changes a name (as "Türkiye" in 2022 and
# "Netherlands (Kingdom of the)" in 2023), change it here in every language,
# and update source.reviewed. When a UN name replaces a CLDR one, remove the
# language from `cldr` (and the `note` with the last one).
"""

_PLAIN = re.compile(r"[^\W\d_][\w .,()'’-]*\Z")
_YAML_WORDS = {"y", "n", "yes", "no", "on", "off", "true", "false", "null"}


def scalar(value: str, quote: bool = False) -> str:
    """A YAML scalar: plain when unambiguous, else a double-quoted JSON string."""
    if (not quote and _PLAIN.match(value) and value.lower() not in _YAML_WORDS
            and not value.endswith((" ", ":"))):
        return value
    return json.dumps(value, ensure_ascii=False)


def read_source(folder: Path) -> dict[str, dict[str, dict[str, str]]]:
    """language -> ISO alpha-3 -> row, from the six files; their digests must be the ones above."""
    out = {}
    for language, (name, digest) in SOURCE_FILES.items():
        path = folder / name
        data = path.read_bytes()
        if hashlib.sha256(data).hexdigest() != digest:
            sys.exit(f"{path}: not the file this script documents (SHA-256 differs)")
        rows = csv.DictReader(data.decode("utf-8-sig").splitlines())
        out[language] = {row["ISO-alpha3 Code"]: row for row in rows if row["ISO-alpha3 Code"]}
    return out


def cldr_name(iso2: str, language: str) -> str:
    return Locale.parse(CLDR_LOCALES.get(language, language)).territories[iso2]


def build(source: dict, countries: dict) -> dict[str, dict]:
    table = {}
    for iso3, c in countries.items():
        entry = {"iso2": c["iso2"]}
        if iso3 in NOT_IN_M49:
            if any(iso3 in rows for rows in source.values()):
                raise ValueError(f"{iso3} is in the M49 list: remove it from NOT_IN_M49")
            for language in LANGUAGES:
                entry[language] = cldr_name(c["iso2"], language)
            entry["cldr"] = list(LANGUAGES)
            entry["note"] = NOT_IN_M49[iso3]
            table[iso3] = entry
            continue
        english = source["en"][iso3]
        if (english["M49 Code"], english["ISO-alpha2 Code"]) != (c["m49"], c["iso2"]):
            raise ValueError(f"{iso3}: M49 {english['M49 Code']} / {english['ISO-alpha2 Code']} "
                             f"!= countries.yml {c['m49']} / {c['iso2']}")
        if english["Country or Area"] != c["name"] and ENGLISH_TYPOGRAPHY.get(iso3) != (c["name"], english["Country or Area"]):
            raise ValueError(f"{iso3}: M49 English {english['Country or Area']!r} != countries.yml {c['name']!r}")
        notes, fallback = [], []
        for language in LANGUAGES:
            row = source[language][iso3]
            if row["M49 Code"] != c["m49"]:
                raise ValueError(f"{iso3}: {language} file has M49 {row['M49 Code']}")
            name = row["Country or Area"].strip()
            reason = DEFECTIVE.get((iso3, language))
            if reason:
                notes.append(f"M49 {language} text {name!r}: {reason}")
                name = cldr_name(c["iso2"], language)
                fallback.append(language)
            entry[language] = name
        if fallback:
            entry["cldr"] = fallback
            entry["note"] = "; ".join(notes) + "; CLDR's name used"
        table[iso3] = entry
    unused = {key for key in DEFECTIVE if key[0] not in table} | (set(NOT_IN_M49) - set(table))
    if unused:
        raise ValueError(f"corrections for unknown areas: {sorted(unused)}")
    return table


def render(table: dict[str, dict]) -> str:
    lines = [HEADER, "source:"]
    lines += [f"  {k}: {scalar(v, quote=True)}" for k, v in SOURCE.items()]
    lines += ["", "countries:"]
    for iso3, entry in table.items():
        lines.append(f"  {iso3}:")
        lines.append(f"    iso2: {scalar(entry['iso2'], quote=True)}")
        for language in LANGUAGES:
            lines.append(f"    {language}: {scalar(entry[language])}")
        if "cldr" in entry:
            lines.append(f"    cldr: [{', '.join(entry['cldr'])}]")
            lines.append(f"    note: {scalar(entry['note'], quote=True)}")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, required=True, help="folder with the six UNSD-*.csv files")
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT,
                        help=f"file to write (default: {DEFAULT_OUTPUT.relative_to(ROOT)})")
    parser.add_argument("--force", action="store_true",
                        help="overwrite the output file if it exists (discards hand edits)")
    args = parser.parse_args(argv)
    if args.output.exists() and not args.force:
        print(f"{args.output} exists and is maintained by hand; use --force to overwrite it", file=sys.stderr)
        return 1
    with COUNTRIES_FILE.open(encoding="utf-8") as f:
        countries = yaml.safe_load(f)["countries"]
    table = build(read_source(args.source), countries)
    text = render(table)
    if yaml.safe_load(text)["countries"] != table:
        raise AssertionError("rendered YAML does not round-trip")
    args.output.write_text(text, encoding="utf-8")
    print(f"wrote names of {len(table)} countries and areas to {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
