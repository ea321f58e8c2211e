#!/usr/bin/env python3
"""Command line of the South-South IP cooperation portal. Run `python build.py --help`.

This script belongs to the project folder it sits in and acts on that folder wherever it is run
from (`--root` chooses another); the installed `portal` command acts on the current folder."""

import sys
from pathlib import Path

from portal.cli import main

if __name__ == "__main__":
    sys.exit(main(["--root", str(Path(__file__).resolve().parent), *sys.argv[1:]]))
