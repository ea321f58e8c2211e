"""How the tests start Debian's Chromium through Playwright (never a browser download)."""

import os
import shutil

LAUNCH_ARGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic",
    "--disable-features=Translate,MediaRouter,OptimizationHints",
]


def chromium_path() -> str | None:
    return os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
