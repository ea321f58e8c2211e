"""Seed data/languages.yml with every ISO 639-1 language from pycountry.

The YAML file is the maintained source once written; this script records where it came from.
Run: python tools/seed_languages.py [--force]
"""

import argparse
import pathlib
import sys
from importlib.metadata import version

import pycountry

TARGET = pathlib.Path(__file__).resolve().parent.parent / "data" / "languages.yml"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--force", action="store_true", help="overwrite the existing file")
    args = parser.parse_args()
    if TARGET.exists() and not args.force:
        print(f"{TARGET.name} exists; it is maintained by hand now (use --force to overwrite)", file=sys.stderr)
        return 1
    languages = sorted((lang.alpha_2, lang.name) for lang in pycountry.languages if hasattr(lang, "alpha_2"))
    lines = [
        "# Languages records may name, as ISO 639-1 two-letter codes with English names.",
        "# Seeded by tools/seed_languages.py; maintained here from now on.",
        f'source: "ISO 639-1 via pycountry {version("pycountry")}"',
        f'edition: "ISO 639-1 as shipped in pycountry {version("pycountry")}"',
        "vocabularies:",
        "  languages:",
        "    title: languages",
        "    terms:",
    ]
    for code, name in languages:
        label = name.replace('"', "'")
        lines.append(f'      "{code}": {{label: "{label}"}}')
    TARGET.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {len(languages)} languages to {TARGET.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
