"""Reading YAML as plain data with a position for every value, refusing what YAML can hide.

We drive libyaml's event parser ourselves instead of using a constructor: every plain scalar stays
the string that was written (so the Norway code `NO`, `on`, `0123` and `1.10` survive), duplicate
keys, anchors, aliases, tags and complex keys are problems, nesting depth is bounded, and the
builder is iterative, so no input can raise RecursionError. Whatever the text, `parse` returns
data or problems, never an exception.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import yaml

from .kept import recipe

try:  # the C parser is ~6x faster; the pure-Python one gives the same events
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_DEPTH = 24
NULLS = {"", "~", "null", "Null", "NULL"}

Path = tuple  # a path into the data: keys and list indexes, e.g. ("partners", 0, "country")


@dataclass(frozen=True)
class YamlIssue:
    """A problem found while parsing; the loader turns it into a Problem with the file's path."""

    code: str
    message: str
    hint: str
    line: int  # 1-based, relative to the YAML text
    column: int


@dataclass(eq=False)
class Parsed:
    data: object = None
    positions: dict = field(default_factory=dict)  # path -> (line, column) of the value
    key_positions: dict = field(default_factory=dict)  # path -> (line, column) of its key
    issues: list = field(default_factory=list)
    text: str | None = None  # data read back without its positions (portal/load.py, ParsedCache): its text

    def where(self, path: Path, key: bool = False) -> tuple[int, int]:
        """The closest known position for a path: the value, else its key, else a parent."""
        self._located()
        table = (self.key_positions, self.positions) if key else (self.positions, self.key_positions)
        path = tuple(path)
        while True:
            for t in table:
                if path in t:
                    return t[path]
            if not path:
                return (1, 1)
            path = path[:-1]

    def _located(self) -> None:
        if self.text is not None:  # found again in the text, the first time a position is asked for
            again = parse(self.text)
            self.positions, self.key_positions, self.text = again.positions, again.key_positions, None

    def __eq__(self, other) -> bool:
        """The same data, positions and issues (a parse read back from the cache finds its positions)."""
        if not isinstance(other, Parsed):
            return NotImplemented
        self._located()
        other._located()
        return ((self.data, self.positions, self.key_positions, self.issues)
                == (other.data, other.positions, other.key_positions, other.issues))


# Everything besides a text that decides what `parse` makes of it (portal/load.py keeps parsed records
# under it): this module's code and PyYAML's version and parser.
RECIPE = recipe(__file__, yaml.__version__, _Loader.__name__)


class _Frame:
    __slots__ = ("container", "path", "key", "key_mark")

    def __init__(self, container, path):
        self.container = container
        self.path = path
        self.key = None  # for mappings: the key waiting for its value
        self.key_mark = None


def _pos(mark) -> tuple[int, int]:
    return (mark.line + 1, mark.column + 1)


class _Stop(Exception):
    pass


def parse(text: str, max_depth: int = MAX_DEPTH) -> Parsed:
    result = Parsed()

    def stop(code, message, hint, mark):
        result.issues.append(YamlIssue(code, message, hint, *_pos(mark)))
        raise _Stop

    try:
        _build(text, result, stop, max_depth)
    except _Stop:
        result.data = None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = _pos(mark) if mark else (1, 1)
        problem = exc.problem or "invalid YAML"
        context = f" ({exc.context})" if exc.context else ""
        result.issues.append(
            YamlIssue(
                "yaml-syntax",
                f"YAML syntax error: {problem}{context}",
                "Check the indentation and the punctuation on this line and the one before; "
                "text containing ': ' or starting with a special character needs quotes.",
                line,
                column,
            )
        )
        result.data = None
    except yaml.YAMLError as exc:  # ReaderError: a character YAML does not allow
        line, column = _offset_to_pos(text, getattr(exc, "position", 0))
        reason = getattr(exc, "reason", "") or str(exc)
        result.issues.append(
            YamlIssue(
                "yaml-syntax",
                f"YAML syntax error: {reason}",
                "Remove control characters; the file must be plain UTF-8 text.",
                line,
                column,
            )
        )
        result.data = None
    if result.issues:
        result.data = None
    return result


def _shown_tag(tag: str) -> str:
    prefix = "tag:yaml.org,2002:"
    return "!!" + tag[len(prefix):] if tag.startswith(prefix) else tag


def _offset_to_pos(text: str, offset: int) -> tuple[int, int]:
    offset = max(0, min(offset or 0, len(text)))
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, column


def _build(text, result: Parsed, stop, max_depth) -> None:
    stack: list[_Frame] = []
    documents = 0
    root_set = False

    def attach(value, mark):
        nonlocal root_set
        if not stack:
            result.data = value
            root_set = True
            return ()
        top = stack[-1]
        if isinstance(top.container, list):
            path = top.path + (len(top.container),)
            top.container.append(value)
        else:
            path = top.path + (top.key,)
            top.container[top.key] = value
            result.key_positions[path] = top.key_mark
            top.key = None
        result.positions[path] = _pos(mark)
        return path

    def expecting_key() -> bool:
        return bool(stack) and isinstance(stack[-1].container, dict) and stack[-1].key is None

    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, (yaml.StreamStartEvent, yaml.StreamEndEvent, yaml.DocumentEndEvent)):
            continue
        if isinstance(event, yaml.DocumentStartEvent):
            documents += 1
            if documents > 1:
                stop(
                    "yaml-multiple-documents",
                    "the file holds more than one YAML document (a second '---' line)",
                    "Keep one record per file; remove the extra '---' line or move the second record to its own file.",
                    event.start_mark,
                )
            continue
        if isinstance(event, yaml.AliasEvent):
            stop(
                "yaml-alias",
                f"YAML alias '*{event.anchor}' is not accepted",
                "Write the value out in full instead of referring to an anchor.",
                event.start_mark,
            )
        if getattr(event, "anchor", None):
            stop(
                "yaml-alias",
                f"YAML anchor '&{event.anchor}' is not accepted",
                "Remove the '&name' anchor and write each value out in full.",
                event.start_mark,
            )
        if getattr(event, "tag", None) and event.tag != "!":
            stop(
                "yaml-tag",
                f"explicit YAML tag '{_shown_tag(event.tag)}' is not accepted",
                "Remove the tag; write the value as plain text (quote it if it contains special characters).",
                event.start_mark,
            )
        if isinstance(event, yaml.ScalarEvent):
            plain = event.style is None or event.style == ""
            value = None if (plain and event.value in NULLS) else event.value
            if expecting_key():
                top = stack[-1]
                if value is None:
                    stop(
                        "yaml-complex-key",
                        "a mapping key is empty",
                        "Each line of a mapping needs a field name before the colon.",
                        event.start_mark,
                    )
                if value in top.container:
                    first = result.key_positions.get(top.path + (value,), (0, 0))[0]
                    stop(
                        "yaml-duplicate-key",
                        f"field '{value}' appears twice in the same mapping (first on line {first})",
                        "Keep one of the two lines; YAML would silently use the last one.",
                        event.start_mark,
                    )
                top.key = value
                top.key_mark = _pos(event.start_mark)
            else:
                attach(value, event.start_mark)
            continue
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            if expecting_key():
                stop(
                    "yaml-complex-key",
                    "a mapping key is a list or mapping, not a field name",
                    "Field names are plain words followed by a colon; remove the '?' or brackets.",
                    event.start_mark,
                )
            if len(stack) >= max_depth:
                stop(
                    "yaml-too-deep",
                    f"the YAML is nested more than {max_depth} levels deep",
                    "Records need only a few levels of nesting; check for stray brackets or indentation.",
                    event.start_mark,
                )
            container = {} if isinstance(event, yaml.MappingStartEvent) else []
            path = attach(container, event.start_mark)
            stack.append(_Frame(container, path))
            continue
        if isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            stack.pop()
            continue
    if not root_set:
        result.data = None
