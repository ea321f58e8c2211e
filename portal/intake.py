"""The GitHub issue form for a new initiative, both ways: the form itself (generated, like the
schemas, from the record format, the shared questions and the vocabularies) and the converter
that turns the Markdown GitHub writes from its answers into a record file, checked by the
project's own validator, with the problems told in the words of the form."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from . import messages as M
from .contribute import FOLDER, questions
from .load import suggest_id
from .pipeline import check
from .problems import Problem, plural
from .project import Project
from .kinds import INITIATIVE
from .reference import Reference, load_reference
from .scaffold import filled

FORM_FILE = ".github/ISSUE_TEMPLATE/initiative.yml"
LABEL = "initiative"  # put on every issue the form opens; the workflow also needs a maintainer's 'accepted'
NO_RESPONSE = "_No response_"  # what GitHub writes for a question left empty
SEPARATOR = "|"
NO_COUNTRY = {"", "-", "–", "—", "none", "n/a", "na"}
CONSENT = "Publication"  # the label of the form's closing checkbox, which the converter skips
BLOCKING_WARNINGS = ("webmail-contact",)  # warnings in the validator, reasons to correct the answers here


@dataclass(frozen=True)
class FormQuestion:
    """One question of the issue form: its id, the heading GitHub writes above the answer, and
    the record field it fills ('partners', 'contact.email', 'body.1')."""

    id: str
    path: str
    control: str  # input, textarea, dropdown, multiple, lines
    label: str
    description: str
    required: bool
    placeholder: str = ""
    vocabulary: str = ""  # dropdowns: the vocabulary whose terms are the options


def form_questions() -> tuple[FormQuestion, ...]:
    """The issue form's questions, in the order of the format, then the story, then the dates."""
    asked = questions()
    kinds = {"kind": ("dropdown", "initiative-kinds"), "status": ("dropdown", "initiative-statuses"),
             "topics": ("multiple", "topics"), "partners": ("lines", ""), "links": ("lines", ""),
             "summary": ("textarea", "")}
    examples = {
        "start": "YYYY-MM-DD, YYYY-MM or YYYY", "end": "YYYY-MM-DD, YYYY-MM or YYYY",
        "reviewed": "YYYY-MM-DD", "submitted": "YYYY-MM-DD",
        "partners": "National Institute of Industrial Property | ip-office | BRA | provider\n"
                    "Mozambique Industrial Property Institute | ip-office | MOZ | beneficiary\n"
                    "World Intellectual Property Organization | igo | | facilitator",
        "links": "Launch of the partnership | https://www.example.org/news/launch",
        "contact.email": "cooperation@office.example", "contact.url": "https://",
    }
    story = [path for path in asked if path.startswith("body.")]
    fields = [path for path in asked if not path.startswith("body.")]
    # The story is asked right after the topics, as on the contribute page.
    order = fields[: fields.index("links")] + story + fields[fields.index("links"):]
    out = []
    for path in order:
        q = asked[path]
        if "." in path and not path.startswith(("contact.", "body.")):
            continue  # the parts of a partner or a link are written on one line
        if path == "contact":
            continue  # asked as its three parts
        control, vocabulary = kinds.get(path, ("textarea" if path.startswith("body.") else "input", ""))
        description, required = q.help, q.required
        if path == "submitted":  # the date of the issue stands in for it
            description, required = "Leave it empty: the date of this issue is used.", False
        out.append(FormQuestion(path.replace(".", "-"), path, control, q.label, description, required,
                                examples.get(path, ""), vocabulary))
    return tuple(out)


def _option(code: str, label: str) -> str:
    # The code in brackets at the end: the converter reads it back, whatever the label says.
    return f"{label} ({code})"


def _describe_lines(path: str, reference: Reference) -> str:
    asked = questions()
    if path == "partners":
        types = ", ".join(f"`{code}` ({t.label})" for code, t in reference.vocabulary("organization-types").terms.items())
        roles = ", ".join(f"`{code}` ({t.label})" for code, t in reference.vocabulary("partner-roles").terms.items())
        return (f"{asked['partners'].help}\n\nOne partner per line: `name | type | country | role`.\n\n"
                f"- **type**: {types}\n"
                "- **country**: the ISO 3166-1 alpha-3 code, such as BRA, KEN or IND; leave it empty for an "
                "international organization\n"
                f"- **role**: {roles}")
    return f"{asked['links'].help}\n\nOne page per line: `title | https://address`."


def render_issue_form(reference: Reference, licence: str = "CC BY 4.0") -> str:
    """.github/ISSUE_TEMPLATE/initiative.yml, as exact text. Strings are written as JSON, which YAML reads as is."""
    s = json.dumps
    out = [
        "# Generated from portal/intake.py, portal/contribute.py and data/ by `.venv/bin/python build.py schemas`;",
        "# do not edit by hand. The converter (`.venv/bin/python build.py from-issue`) reads the answers by these labels.",
        "name: New initiative",
        f"description: {s('Propose a South-South or triangular partnership in intellectual property for the portal.')}",
        f"title: {s('Initiative: ')}",
        f"labels: [{s(LABEL)}]",
        "body:",
        "  - type: markdown",
        "    attributes:",
        "      value: " + s(
            "Answer these questions to add a partnership to the portal. When you submit or edit the issue, a "
            "check replies here with what to correct, or that the answers are ready. A maintainer then reviews "
            "them and applies the `accepted` label: a workflow turns them into a record file, opens a pull "
            "request, checks it and links it here. Everything you write will be public: give a team's "
            "address, never a private person's. The date of this issue is recorded as the date submitted."),
    ]
    for q in form_questions():
        if q.control in ("dropdown", "multiple"):
            terms = reference.vocabulary(q.vocabulary).terms
            out += ["  - type: dropdown", f"    id: {q.id}", "    attributes:", f"      label: {s(q.label)}",
                    f"      description: {s(q.description)}"]
            if q.control == "multiple":
                out.append("      multiple: true")
            out.append("      options:")
            out += [f"        - {s(_option(code, t.label))}" for code, t in terms.items()]
        else:
            kind = "input" if q.control == "input" else "textarea"
            description = _describe_lines(q.path, reference) if q.control == "lines" else q.description
            out += [f"  - type: {kind}", f"    id: {q.id}", "    attributes:", f"      label: {s(q.label)}",
                    f"      description: {s(description)}"]
            if q.placeholder:
                out.append(f"      placeholder: {s(q.placeholder)}")
        out += ["    validations:", f"      required: {'true' if q.required else 'false'}"]
    out += [
        "  - type: checkboxes",
        "    id: consent",
        "    attributes:",
        f"      label: {s(CONSENT)}",
        "      options:",
        "        - label: " + s(f"The partners agree that this record is published as open data under the {licence} "
                                "licence, and it names no private person's contact details."),
        "          required: true",
    ]
    return "\n".join(out) + "\n"


# --------------------------------------------------------------------------- reading the answers


def read_answers(body: str) -> dict[str, str]:
    """Question id -> answer, from the Markdown GitHub writes: '### <label>', a blank line, the answer.
    Only the form's own labels start an answer, each once, so a heading inside an answer stays in it."""
    by_heading = {f"### {q.label}": q.id for q in form_questions()}
    by_heading[f"### {CONSENT}"] = "consent"
    answers: dict[str, list[str]] = {}
    current = None
    for line in body.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        qid = by_heading.get(line.strip())
        if qid is not None and qid not in answers:
            current = qid
            answers[qid] = []
        elif current is not None:
            answers[current].append(line)
    out = {}
    for qid, lines in answers.items():
        text = "\n".join(lines).strip()
        out[qid] = "" if text == NO_RESPONSE else text
    return out


def _code(text: str, vocabulary: str, reference: Reference) -> str:
    """A vocabulary code from a dropdown option ('Triangular cooperation (triangular)'), a code or a
    label; anything else is kept as written, for the validator to explain."""
    terms = reference.vocabulary(vocabulary).terms
    bracketed = re.search(r"\(([a-z0-9-]+)\)\s*$", text)
    if bracketed and bracketed.group(1) in terms:
        return bracketed.group(1)
    lowered = text.strip().lower()
    for code, term in terms.items():
        if lowered in (code, term.label.lower()):
            return code
    return text.strip()


def _country(text: str, reference: Reference) -> str:
    """An alpha-3 code in any case, a country's name, or 'Name (ISO)'; anything else as written."""
    text = text.strip()
    bracketed = re.search(r"\(([A-Za-z]{3})\)\s*$", text)
    if bracketed and bracketed.group(1).upper() in reference.countries:
        return bracketed.group(1).upper()
    if text.upper() in reference.countries:
        return text.upper()
    by_name = {c.name.casefold(): c.iso3 for c in reference.countries.values()}
    return by_name.get(text.casefold(), text)


def _topics(text: str, reference: Reference) -> list[str]:
    terms = reference.vocabulary("topics").terms
    codes = [c for c in re.findall(r"\(([a-z0-9-]+)\)(?=,|\s*$)", text) if c in terms]
    if codes:
        return codes
    return [_code(part, "topics", reference) for part in text.split(",") if part.strip()]


@dataclass
class _Lines:
    """The items of a one-per-line answer, with where each came from."""

    items: list = field(default_factory=list)
    places: dict = field(default_factory=dict)  # 'partners[2]' -> 'line 3 (Japan Patent Office)'
    problems: list = field(default_factory=list)  # (line number, line, parts found)


def _split_lines(text: str, path: str, names: tuple[str, ...]) -> _Lines:
    found = _Lines()
    for number, line in enumerate(text.split("\n"), start=1):
        line = re.sub(r"^\s*(?:[-*+]|\d+[.)])\s+", "", line).strip()  # bullets people add out of habit
        if not line:
            continue
        parts = [part.strip() for part in line.split(SEPARATOR)]
        if len(parts) > len(names) and parts[0] == "":
            parts = parts[1:]  # a Markdown table row: '| a | b |'
        if len(parts) > len(names) and parts[-1] == "":
            parts = parts[:-1]
        if len(parts) != len(names):
            found.problems.append((number, line, len(parts)))
            continue
        found.places[f"{path}[{len(found.items)}]"] = f"line {number} ({parts[0] or line})"
        found.items.append(dict(zip(names, parts)))
    return found


@dataclass(frozen=True)
class Intake:
    """What the converter made of one issue: the record file and every problem, validator's included."""

    record_id: str
    path: str  # content/initiatives/<id>.md
    text: str
    problems: tuple  # Problem, sorted
    places: dict  # 'partners[2]' -> 'line 3 (Japan Patent Office)': where an item was in the answers

    @property
    def ok(self) -> bool:
        """No error, and no personal address: the form promises a team's address, never a person's,
        and what a stranger writes there goes straight into a pull request."""
        return not any(p.severity == "error" or p.code in BLOCKING_WARNINGS for p in self.problems)


def _line_of(text: str, name: str) -> int:
    for number, line in enumerate(text.split("\n"), start=1):
        if line.startswith((f"{name}:", f"# {name}:")):
            return number
    return 1


def convert(body: str, project: Project, today: dt.date, reference: Reference | None = None) -> Intake:
    """The record file the answers make, checked by `pipeline.check` in a scratch copy of the project's
    data/, so that exactly the validator's rules apply. Never raises on bad answers."""
    reference = reference or load_reference(project.data_dir)
    answers = read_answers(body)
    by_path = {q.path: q for q in form_questions()}
    get = lambda path: answers.get(by_path[path].id, "")  # noqa: E731

    values: dict = {}
    for path, q in by_path.items():
        if q.control in ("input", "textarea") and not path.startswith(("contact.", "body.")):
            values[path] = get(path)
    values["kind"] = _code(get("kind"), "initiative-kinds", reference) if get("kind") else ""
    values["status"] = _code(get("status"), "initiative-statuses", reference) if get("status") else ""
    values["topics"] = _topics(get("topics"), reference)
    values["contact"] = {name: get(f"contact.{name}") for name in ("name", "email", "url")}
    values["submitted"] = values.get("submitted") or today.isoformat()

    partners = _split_lines(get("partners"), "partners", ("name", "type", "country", "role"))
    for item in partners.items:
        item["type"] = _code(item["type"], "organization-types", reference) if item["type"] else ""
        item["role"] = _code(item["role"], "partner-roles", reference) if item["role"] else ""
        item["country"] = "" if item["country"].lower() in NO_COUNTRY else _country(item["country"], reference)
    values["partners"] = partners.items
    links = _split_lines(get("links"), "links", ("title", "url"))
    values["links"] = links.items

    story = {q.label: get(path) for path, q in by_path.items() if path.startswith("body.")}
    title = values.get("title") or ""
    record_id = suggest_id(title)
    rel = f"{FOLDER}/{record_id}{INITIATIVE.extension}"
    text = filled(INITIATIVE, values, story)

    problems: list[Problem] = []
    for path, found, example in (
        ("partners", partners, "National Institute of Industrial Property | ip-office | BRA | provider"),
        ("links", links, "Launch of the partnership | https://www.example.org/news/launch"),
    ):
        parts = "name | type | country | role" if path == "partners" else "title | address"
        for number, line, count in found.problems:
            problems.append(Problem(
                rel, _line_of(text, path), 1, "type",
                f"line {number} ('{_clip(line)}') has {plural(count, 'part')} separated by '{SEPARATOR}'; "
                f"it needs {len(parts.split(' | '))}: {parts}",
                f"Write one item per line, for example: {example}."
                + (" Leave the country empty for an international organization: World Intellectual Property "
                   "Organization | igo | | facilitator." if path == "partners" else ""),
                path))
    for path, q in by_path.items():
        if path.startswith("body.") and q.required and not get(path):
            problems.append(Problem(rel, text.count("\n") + 1, 1, "required",
                                    M.say(M.STORY_EMPTY, question=q.label), q.description, path))

    checked = _validate(project, rel, text)
    # With a line of a list left out, the checks on the list as a whole (how many partners, which
    # roles; a TODO when no line was readable) would judge a list the contributor did not write:
    # the line's own problem says enough.
    incomplete = {path for path, found in (("partners", partners), ("links", links)) if found.problems}
    problems += [p for p in checked if not (p.field in incomplete or (
        p.code == "placeholder" and p.field.split("[")[0] in incomplete))]
    return Intake(record_id, rel, text, tuple(sorted(set(problems))), {**partners.places, **links.places})


def _validate(project: Project, rel: str, text: str) -> list[Problem]:
    with tempfile.TemporaryDirectory(prefix="intake-") as scratch:
        root = Path(scratch)
        shutil.copytree(project.data_dir, root / "data")
        target = root / rel
        target.parent.mkdir(parents=True)
        target.write_text(text, encoding="utf-8")
        return list(check(Project(root)).report.problems)


def _clip(text: str, n: int = 60) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


# --------------------------------------------------------------------------- telling the contributor


def _question(problem: Problem) -> tuple[str, int | None]:
    """The question path a problem is about, and the item's index for a line of a list."""
    asked = questions()
    item = re.match(r"^(\w+)\[(\d+)\]", problem.field)
    if item:
        return item.group(1), int(item.group(2))
    top = re.split(r"[.\[]", problem.field)[0]
    if problem.field in asked:
        return problem.field, None
    if top == "body":
        return "body.1", None
    if top == "contact":
        return "contact.name", None
    return (top, None) if top in asked else ("", None)


def where(problem: Problem, intake: Intake) -> str:
    """The question a problem is about, as the contributor saw it: 'Partners, line 3 (Japan Patent Office)'."""
    path, index = _question(problem)
    if not path:
        return ""
    label = "The story" if problem.field == "body" else questions()[path].label
    place = intake.places.get(f"{path}[{index}]") if index is not None else None
    return f"{label}, {place}" if place else label


def _sentence(text: str) -> str:
    text = text.strip()
    if not text:
        return ""
    text = text[0].upper() + text[1:]
    return text if text.endswith((".", "?", "!")) else text + "."


def format_report(intake: Intake) -> str:
    """The problems in plain words, as Markdown to post on the issue; a short confirmation when there are none."""
    if intake.ok:
        return f"The answers make a valid initiative record: `{intake.path}`.\n"
    order = {q.path: i for i, q in enumerate(form_questions())}

    def in_form_order(p: Problem):
        path, index = _question(p)
        return order.get(path, -1), -1 if index is None else index, p

    lines, seen = [], set()
    for p in sorted(intake.problems, key=in_form_order):
        place = where(p, intake)
        if p.code == "required" or (p.code == "placeholder" and p.field != "body"):
            # An empty answer becomes a missing field or the template's TODO: say it as it happened.
            text = "This answer is required but is empty."
        else:
            text = " ".join(filter(None, (_sentence(p.message), _sentence(p.hint))))
        line = f"- **{place}**: {text}" if place else f"- {text}"
        if line not in seen:
            seen.add(line)
            lines.append(line)
    count = plural(len(lines), "thing", "things")
    return "\n".join([f"The answers cannot become a record yet: {count} to correct.", "", *lines, "",
                      "Edit the issue to correct them; a maintainer will then convert it again."]) + "\n"
