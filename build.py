#!/usr/bin/env python3
"""Command line of the South-South IP cooperation portal. Run `python build.py --help`."""

import sys

from portal.cli import main

if __name__ == "__main__":
    sys.exit(main())
