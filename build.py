#!/usr/bin/env python3
"""Command line of the South-South IP cooperation portal. Run `.venv/bin/python build.py --help`
(after `make serve` or `make setup` has made .venv/, see README.md).

This script belongs to the project folder it sits in and acts on that folder wherever it is run
from (`--root` chooses another); the installed `portal` command acts on the current folder."""

import importlib.util
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
# The packages the portal imports, which requirements.txt pins (tests/test_cli.py holds this list to
# the imports in portal/). Looked up, not imported: the command line loads a command's modules only
# when it runs it, and a build with nothing to do loads almost none.
NEEDED = ("babel", "jinja2", "markdown", "markupsafe", "nh3", "numpy", "pagefind_bin_extended", "playwright",
          "slugify", "snowballstemmer", "text_unidecode", "watchfiles", "weasyprint", "yaml")


def without_environment(missing: str) -> int:
    """What to run instead, when this Python lacks the project's packages (or is too old)."""
    venv = HERE / ".venv" / "bin" / "python"
    arguments = " ".join(sys.argv[1:]) or "--help"
    print(f"build.py needs the project's packages, which this Python ({sys.executable or 'python'}, "
          f"{sys.version.split()[0]}) does not have: {missing}.", file=sys.stderr)
    if venv.is_file():
        print(f"Run it with the project's environment instead, from the project's folder:\n\n    .venv/bin/python build.py {arguments}\n",
              file=sys.stderr)
    else:
        print("Set up the project's environment once (Python 3.11 or later and make), then use it, from the "
              "project's folder:\n\n"
              "    make serve                       # sets up .venv/, builds the site and serves it\n"
              f"    .venv/bin/python build.py {arguments}\n", file=sys.stderr)
    print("README.md lists the commands.", file=sys.stderr)
    return 2


if __name__ == "__main__":
    if str(HERE) not in sys.path:  # an isolated Python (-I) does not add the script's folder
        sys.path.insert(0, str(HERE))
    if sys.version_info < (3, 11):
        sys.exit(without_environment("Python 3.11 or later"))
    missing = [name for name in NEEDED if importlib.util.find_spec(name) is None]
    if missing:
        sys.exit(without_environment(f"the package '{missing[0]}' is missing"))
    try:
        from portal.cli import main
    except ModuleNotFoundError as exc:
        if (exc.name or "").partition(".")[0] in ("portal", ""):
            raise  # the project's own code is broken: that is a bug to see whole
        sys.exit(without_environment(f"the package '{exc.name}' is missing"))
    sys.exit(main(["--root", str(HERE), *sys.argv[1:]]))
