"""Take the docs' screenshots of the built site in headless Chromium: home, a country page, an
activity page and the open data page, at phone and desktop widths, and the home page's map and a country page's flow
chart, all in English; then the same activity page in Arabic and the home page in Chinese; and the
charts of the home, a country and the open data page at both widths; into docs/screenshots/.

Run after a build: python tools/screenshots.py [--site site] [--out docs/screenshots]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from portal.printing import CHROMIUM_ARGS, chromium_path  # noqa: E402

PAGES = {
    "home": "index.html",
    "country": "countries/ken/index.html",
    "activity": None,  # the first activity hosted by Kenya, found on the country page
    "data": "data/index.html",
}
SIZES = {"phone": (390, 844), "desktop": (1366, 900)}
OTHER_LANGUAGES = {  # (language, page) -> sizes
    ("ar", "activity"): ("desktop", "phone"),
    ("ar", "home"): ("desktop",),
    ("zh", "home"): ("desktop",),
    ("zh", "activity"): ("desktop",),
}
CHARTS = {  # the part of a page that holds its charts, at both widths: charts-<name>-<size>.png
    "home": ("index.html", "section[aria-labelledby=pictures-title]"),
    "country": ("countries/ken/index.html", ".charts"),
    "data": ("data/index.html", ".chart-figure"),
}
ELEMENTS = {  # one element of a page, at desktop width
    "home-map": ("index.html", "#activity-map"),
    "country-flows": ("countries/ken/index.html", "#country-flows"),
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--scheme", choices=("light", "dark"), default="light")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    site = args.site.resolve()

    def shoot(page, lang: str, name: str, target: Path):
        folder = site / lang
        if PAGES[name] is None:
            page.goto((folder / PAGES["country"]).as_uri())
            page.locator("#hosted a").first.click()
        else:
            page.goto((folder / PAGES[name]).as_uri())
        page.screenshot(path=str(target), full_page=False)
        print(f"wrote {target.relative_to(ROOT)}")

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        for size, (width, height) in SIZES.items():
            page = browser.new_page(viewport={"width": width, "height": height}, color_scheme=args.scheme)
            for name in PAGES:
                shoot(page, "en", name, args.out / f"{name}-{size}.png")
            for (lang, name), sizes in OTHER_LANGUAGES.items():
                if size in sizes:
                    shoot(page, lang, name, args.out / f"{name}-{size}-{lang}.png")
            for name, (rel, selector) in CHARTS.items():
                page.goto((site / "en" / rel).as_uri())
                target = args.out / f"charts-{name}-{size}.png"
                page.locator(selector).first.screenshot(path=str(target))
                print(f"wrote {target.relative_to(ROOT)}")
            page.close()
        page = browser.new_page(viewport={"width": SIZES["desktop"][0], "height": 900}, color_scheme=args.scheme)
        for name, (rel, selector) in ELEMENTS.items():
            page.goto((site / "en" / rel).as_uri())
            target = args.out / f"{name}.png"
            page.locator(selector).screenshot(path=str(target))
            print(f"wrote {target.relative_to(ROOT)}")
        page.close()
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
