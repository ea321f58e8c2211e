"""Site settings from site.toml, with documented defaults; problems are reported, not raised."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, fields
from pathlib import Path

from .problems import Problem


@dataclass(frozen=True)
class SiteConfig:
    title: str = "South-South IP Cooperation Portal"
    tagline: str = "Developing countries sharing what works in intellectual property"
    publisher: str = "South-South IP Cooperation Network"
    publisher_url: str = ""
    repository: str = ""
    base_url: str = ""
    languages: tuple = ("en", "fr", "es", "ar", "zh", "ru")  # the first is the default
    roster_contact: str = ""
    page_size: int = 50  # records per page of a collection's lists and facet lists
    hub_size: int = 20  # the newest records of each kind a country, region or topic page shows
    # Where contributions go besides the repository: a team's address, to which the contribute page
    # sends the record file by e-mail.
    contributions_email: str = ""
    # The licence of the records (the code has its own, in LICENSE): on the open data page, in every
    # download and in what contributors agree to.
    data_licence: str = "CC BY 4.0"
    data_licence_url: str = "https://creativecommons.org/licenses/by/4.0/"


def load_config(path: Path, root: Path) -> tuple[SiteConfig, list[Problem]]:
    rel = path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
    if not path.is_file():
        return SiteConfig(), []
    try:
        text = path.read_text(encoding="utf-8")
        data = tomllib.loads(text)
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        where = re.search(r"at line (\d+), column (\d+)", str(exc))
        line, column = (int(where.group(1)), int(where.group(2))) if where else (1, 1)
        message = re.sub(r" \(at line \d+, column \d+\)", "", str(exc))
        return SiteConfig(), [Problem(rel, line, column, "config", f"the settings file cannot be read: {message}",
                                      "Check the TOML syntax: text values need double quotes, lists need brackets.")]
    site = data.get("site", {})
    known = {f.name: f for f in fields(SiteConfig)}
    problems, values = [], {}
    def line_of(key: str) -> int:
        match = re.search(rf"^\s*{re.escape(key)}\s*=", text, flags=re.M)
        return text.count("\n", 0, match.start()) + 1 if match else 1

    for key, value in site.items():
        if key not in known:
            problems.append(Problem(rel, line_of(key), 1, "config", f"unknown setting '{key}'",
                                    f"Known settings: {', '.join(known)}."))
            continue
        default = getattr(SiteConfig(), key)
        expected = type(default)
        if expected is tuple and isinstance(value, list):
            value = tuple(value)
        if not isinstance(value, expected):
            problems.append(Problem(rel, line_of(key), 1, "config", f"setting '{key}' should be {expected.__name__}",
                                    f"The default is {default!r}."))
            continue
        values[key] = value
    return SiteConfig(**values), problems
