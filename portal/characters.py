"""Characters a text may not hold, and Markdown that would take too long to convert: the checks
every text field of every record goes through (portal/fields.py's Text) and the bodies too."""

from __future__ import annotations

import re

from . import mdcost


# C0 and C1 control characters and DEL: nothing a reader can see or a printer print. YAML lets
# them in through escapes ("\x01", "\0", "\e"); they broke every feed that carried the record, and
# a carriage return split a line of the calendar. Tab and line feed are allowed in multi-line texts.
CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
CONTROLS_ONE_LINE = re.compile("[\x00-\x1f\x7f-\x9f]")
# Invisible characters that make a title, a name or an id read otherwise than it is: the
# bidirectional embeddings, overrides and isolates (a reversed 'fdp.exe'), and the zero-width
# characters (two names that look the same and differ). Refused in one-line texts; the marks
# U+200E and U+200F, which only place punctuation in mixed-direction text, are allowed.
INVISIBLE = re.compile("[\u202a-\u202e\u2066-\u2069\u200b-\u200d\u2060\ufeff]")
INVISIBLE_NAMES = {
    0x202A: "LEFT-TO-RIGHT EMBEDDING", 0x202B: "RIGHT-TO-LEFT EMBEDDING", 0x202C: "POP DIRECTIONAL FORMATTING",
    0x202D: "LEFT-TO-RIGHT OVERRIDE", 0x202E: "RIGHT-TO-LEFT OVERRIDE", 0x2066: "LEFT-TO-RIGHT ISOLATE",
    0x2067: "RIGHT-TO-LEFT ISOLATE", 0x2068: "FIRST STRONG ISOLATE", 0x2069: "POP DIRECTIONAL ISOLATE",
    0x200B: "ZERO WIDTH SPACE", 0x200C: "ZERO WIDTH NON-JOINER", 0x200D: "ZERO WIDTH JOINER",
    0x2060: "WORD JOINER", 0xFEFF: "ZERO WIDTH NO-BREAK SPACE",
}
CONTROL_HINT = ("Control characters cannot be seen or printed, and break feeds and calendars; they come from a "
                "YAML escape such as \"\\x01\" or \"\\0\", or from a copy and paste. Delete it.")
ONE_LINE_HINT = "This text is one line: write it without line breaks or tabs."
INVISIBLE_HINT = ("Bidirectional controls and zero-width characters are invisible and make a title, name or id "
                  "read otherwise than it is. Delete it: right-to-left text is shown in its direction without them.")


def position(text: str, index: int) -> str:
    """Where a character is in a text, as a contributor counts: 'column 7', or 'line 2, column 3'
    when the text has several lines."""
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    return f"column {column}" if "\n" not in text else f"line {line}, column {column}"


def character_problem(text: str, one_line: bool) -> tuple[str, str, str] | None:
    """(code, message tail, hint) for the first character a text may not hold, or None. `one_line`:
    a title, a name or an id, where line breaks, tabs and invisible characters are refused too."""
    found = (CONTROLS_ONE_LINE if one_line else CONTROLS).search(text)
    if found:
        i = found.start()
        code = ord(text[i])
        hint = ONE_LINE_HINT if code in (0x09, 0x0A) else CONTROL_HINT
        where = f"column {i + 1}" if one_line else position(text, i)
        return "control-character", f"the control character U+{code:04X} at {where}", hint
    found = INVISIBLE.search(text) if one_line else None
    if found:
        i = found.start()
        code = ord(text[i])
        return ("invisible-character", f"the invisible character U+{code:04X} ({INVISIBLE_NAMES[code]}) at "
                f"column {i + 1}", INVISIBLE_HINT)
    return None


def markdown_problems(text: str, name: str) -> list[tuple[str, str]]:
    """(message, hint) for each way a Markdown text (line breaks all '\\n') would take the converter
    too long (portal/mdcost.py); `name` says which text, as the message starts."""
    out = []
    for what, index, hint in mdcost.problems(text):
        first = f" (the first at {position(text, index)})" if index >= 0 else ""
        out.append((f"{name} has {what}{first}: Markdown would take too long to convert it", hint))
    return out
