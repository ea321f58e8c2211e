"""Problems found by any stage, collected into one report: errors are data, not exceptions."""

from __future__ import annotations

import json
import os
import re
from dataclasses import asdict, dataclass, field

# Every code a stage may emit, with the one-line meaning shown in the docs. A test checks that
# each code has an invalid fixture asserting its exact message.
CODES: dict[str, str] = {
    # reading files
    "file-name": "the file name is not a valid record id",
    "file-type": "a file in a content folder has an extension the build does not read",
    "file-too-large": "the file is larger than the build accepts",
    "encoding": "the file is not UTF-8 text",
    "front-matter": "a Markdown record does not start with a YAML front matter block",
    "not-a-file": "a path under content/, data/ or templates/ is a symbolic link, a device, a pipe or a socket",
    "committed-cache": "the build's cache (.cache/) is tracked by git, so a build would publish what it holds unchecked",
    # YAML
    "yaml-syntax": "the YAML cannot be parsed",
    "yaml-duplicate-key": "the same key appears twice in one mapping",
    "yaml-alias": "YAML anchors and aliases (&name, *name) are not accepted",
    "yaml-tag": "explicit YAML tags (!!str, !custom) are not accepted",
    "yaml-complex-key": "a mapping key is not a plain text key",
    "yaml-too-deep": "the YAML is nested deeper than any record needs",
    "yaml-multiple-documents": "the file holds more than one YAML document",
    "not-a-mapping": "the record is not a mapping of field names to values",
    # record structure
    "required": "a required field is missing or empty",
    "unknown-field": "a field name is not part of the record format",
    "type": "a value has the wrong shape (text, list, mapping, number)",
    "too-long": "a text or list is longer than allowed",
    "too-short": "a list has fewer items than required",
    "duplicate-item": "a list names the same value twice",
    "vocabulary": "a value is not one of the codes of its vocabulary",
    "country": "a country code is not an ISO 3166-1 alpha-3 code known to the reference data",
    "language": "a language code is not an ISO 639-1 code",
    "date": "a date is not a real ISO 8601 date (YYYY, YYYY-MM or YYYY-MM-DD)",
    "date-order": "an end date is before its start date",
    "url": "a link is not an http(s) URL",
    "email": "an e-mail address is not valid",
    "number": "a number is not a whole number in the allowed range",
    "placeholder": "a value still holds the placeholder text of a new record",
    "control-character": "a text holds a control character (a line break or tab in a one-line text)",
    "invisible-character": "a title, name or id holds a bidirectional control or a zero-width character",
    "markdown-complex": "a Markdown text has so many unclosed '[', '](' or '<' that converting it would take too long",
    # references and rules
    "unknown-reference": "a record refers to another record that does not exist",
    "country-required": "a partner other than an international organization has no country",
    "not-southern": "a country that must be from the South was classed developed on the record's date",
    "south-south-partner": "a south-south initiative has a partner from a developed country",
    "triangular-southern": "a triangular initiative has fewer than two southern partners",
    "triangular-facilitator": "a triangular initiative has no developed-country or international facilitator",
    "modality": "the modality computed from the record's parties is not one its kind admits (an activity is "
                "South-South or triangular)",
    "modality-mismatch": "the modality a record declares differs from the one computed from its parties",
    "host-required": "an activity names no host or provider, country or organization",
    "beneficiary-party": "a beneficiary names both or neither of a country and a group",
    "match-party": "a recorded match names neither or both of an offer and a consultant",
    "expired": "an open need or offer is past its expiry date (a warning; --strict makes it an error)",
    "personal-contact": "a text of a record contains an e-mail address or phone number",
    "webmail-contact": "a contact address is at a personal webmail provider (a warning)",
    "reference-data": "a reference data file in data/ is inconsistent",
    "config": "site.toml has a setting the build does not know or cannot read",
}

SEVERITIES = ("error", "warning")

# Characters a message may quote from a file but must not print as they are: control characters
# (a terminal runs escape sequences), bidirectional controls and zero-width characters (they hide or
# reorder what the message says), line and paragraph separators. Shown as <U+202E>.
_UNPRINTABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]")


def shown(text: str) -> str:
    """Text safe to print in a report: what cannot be seen written as <U+XXXX>."""
    return _UNPRINTABLE.sub(lambda m: f"<U+{ord(m.group(0)):04X}>", text)


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong, with its place. Sorting orders by file, then line, then column."""

    path: str
    line: int
    column: int
    code: str
    message: str
    hint: str = ""
    field: str = ""
    severity: str = "error"

    def __post_init__(self) -> None:
        if self.code not in CODES:
            raise ValueError(f"unregistered problem code {self.code!r}")
        if self.severity not in SEVERITIES:
            raise ValueError(f"unknown severity {self.severity!r}")
        for name in ("path", "message", "hint"):  # they may quote anything a file holds
            text = getattr(self, name)
            if _UNPRINTABLE.search(text):
                object.__setattr__(self, name, shown(text))

    def location(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"

    def headline(self) -> str:
        return f"{self.location()}: {self.severity}[{self.code}]: {self.message}"


@dataclass
class Report:
    """The problems of one run, in the order found; `sorted()` gives the order they are shown in."""

    problems: list[Problem] = field(default_factory=list)

    def add(self, problem: Problem) -> None:
        self.problems.append(problem)

    def extend(self, problems) -> None:
        self.problems.extend(problems)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    def failed(self, strict: bool = False) -> bool:
        return bool(self.errors or (strict and self.warnings))

    def sorted(self) -> list[Problem]:
        return sorted(set(self.problems))



def plural(n: int, word: str, words: str | None = None) -> str:
    return f"{n} {word if n == 1 else (words or word + 's')}"


def summary_line(report: Report) -> str:
    errors, warnings = len(report.errors), len(report.warnings)
    files = len({p.path for p in report.problems})
    return f"{plural(errors, 'error')}, {plural(warnings, 'warning')} in {plural(files, 'file')}"


def format_text(report: Report) -> str:
    """The report as people read it: one headline per problem, its hint indented below."""
    lines = []
    for p in report.sorted():
        lines.append(p.headline())
        if p.hint:
            lines.append(f"    hint: {p.hint}")
    if report.problems:
        lines.append(summary_line(report))
    return "\n".join(lines)


def format_json(report: Report, counts: dict[str, int]) -> str:
    return json.dumps(
        {
            "ok": not report.failed(),
            "errors": len(report.errors),
            "warnings": len(report.warnings),
            "records": counts,
            "problems": [asdict(p) for p in report.sorted()],
        },
        ensure_ascii=False,
        indent=2,
    )


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def format_github_annotations(report: Report) -> str:
    """Workflow commands that GitHub Actions turns into annotations on the changed lines."""
    lines = []
    for p in report.sorted():
        props = ",".join(
            [
                f"file={_escape_property(p.path)}",
                f"line={p.line}",
                f"col={p.column}",
                f"title={_escape_property(p.code)}",
            ]
        )
        text = p.message + (f"\n{p.hint}" if p.hint else "")
        lines.append(f"::{p.severity} {props}::{_escape_data(text)}")
    return "\n".join(lines)


def format_markdown(report: Report, counts: dict[str, int]) -> str:
    """The complete report for the job summary: GitHub shows only the first few annotations."""
    out = ["## Content validation", ""]
    if not report.problems:
        total = sum(counts.values())
        out.append(f"All {plural(total, 'record')} are valid.")
    else:
        out.append(summary_line(report) + ".")
        out += ["", "| where | problem | how to fix |", "|---|---|---|"]
        for p in report.sorted():
            cell = lambda s: s.replace("|", "\\|").replace("\n", " ")  # noqa: E731
            out.append(
                f"| `{cell(p.location())}` | {p.severity} `{p.code}`: {cell(p.message)} | {cell(p.hint)} |"
            )
    out += ["", "| collection | records |", "|---|---|"]
    out += [f"| {name} | {n} |" for name, n in counts.items()]
    return "\n".join(out) + "\n"


def write_github_summary(markdown: str) -> bool:
    target = os.environ.get("GITHUB_STEP_SUMMARY")
    if not target:
        return False
    with open(target, "a", encoding="utf-8") as fh:
        fh.write(markdown)
    return True

