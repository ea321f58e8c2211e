"""Search benchmark: builds N synthetic records (bench/synthetic.py) and prints, per language, the
offline index's size (the documents' file, the term shards and the texts of excerpts) and, in headless Chromium, how soon
the first results arrive:

- typed: the search page is opened, a query is typed at 10 keys a second as soon as the page is
  there, and the time is taken from the last keystroke to the first results shown (both stamped
  inside the page), and after the page's pause (PAUSE_FROM_DISK: the search starts that long after
  the last keystroke); from disk (the offline index) and over HTTP (Pagefind beside the offline
  index, or the offline index alone where Pagefind cannot answer: Arabic, Chinese);
- cold: a fresh page opened with the query in its address, from navigation to the first results.

    python bench/search.py                          # N = 10,000, in the six languages
    python bench/search.py 1000 --languages en,fr   # other sizes and languages
    python bench/search.py --project DIR            # keep the project in DIR, and reuse it next time

Queries per language (queries()): a common word and a country's name in that language, English
words (the synthetic records are English on every language's pages) and a record's title. Each
run builds the site once (a few minutes at 10,000 records per language).
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from portal.printing import CHROMIUM_ARGS, chromium_path  # noqa: E402
sys.path.insert(0, str(ROOT / "bench"))
from synthetic import generate  # noqa: E402

from portal.pipeline import build  # noqa: E402
from portal.project import Project  # noqa: E402

# The synthetic records are in English and every language's pages show them so (untranslated); the
# facts (topics, regions) and country names are in the page's language. Per language: the topic
# "Patents" in it (on a third of the records), a misspelling of an English word, two rare English
# words, a country's name in the language, and a record's title (set per run).
ENGLISH = {"misspelt": "patnet", "rare words": "licensing tariffs"}


def queries(code: str, title: str) -> dict[str, str]:
    from portal.i18n import load_language
    from portal.reference import country_names_in

    language = load_language(code, ROOT / "data" / "locale")
    kenya = country_names_in(ROOT / "data", code).get("KE", "Kenya")  # English names are in countries.yml
    return {"common word": language.gettext("Patents"), **ENGLISH, "country": kenya, "exact title": title}
ROUNDS = 3  # fresh pages per figure (--rounds sets it)
PAUSE_FROM_DISK = 120  # ms: search.js waits that long after a keystroke before it searches from disk

# Stamps, inside the page, the last keystroke and the first time results for the whole query are
# shown (results of a query typed half, shown after the last keystroke, do not count): the status
# line names the query then, and the list has results. A keystroke is the input event it makes:
# letters that are not on the keyboard's layout (Arabic, Chinese) are typed without keydown events.
STAMPS = """
window.__stamps = {keys: 0, results: 0};
document.addEventListener('input', () => { window.__stamps.keys = performance.now(); window.__stamps.results = 0; }, true);
new MutationObserver(() => {
  const list = document.getElementById('search-results');
  const status = document.getElementById('search-status');
  const input = document.getElementById('search-input');
  if (!list || !status || !input || window.__stamps.results || !list.children.length) { return; }
  const q = input.value.trim() || new URLSearchParams(location.search).get('q');
  if (q && status.textContent.includes(q)) { window.__stamps.results = performance.now(); }
}).observe(document, {subtree: true, childList: true, characterData: true});
"""


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def typed(browser, url: str, query: str) -> float:
    """Milliseconds from the last keystroke of `query`, typed into a freshly opened page, to results."""
    context = browser.new_context(bypass_csp=True)  # the stamps are a script the page's policy would refuse
    context.add_init_script(STAMPS)
    page = context.new_page()
    page.goto(url, wait_until="domcontentloaded")
    page.locator("#search-input").type(query, delay=100)
    page.wait_for_function("window.__stamps.results > 0", timeout=30_000)  # a query that finds nothing ends here
    ms = page.evaluate("window.__stamps.results - window.__stamps.keys")
    context.close()
    return ms


def cold(browser, url: str) -> float:
    """Milliseconds from navigation to the first results of a page opened with its query."""
    context = browser.new_context(bypass_csp=True)
    context.add_init_script(STAMPS)
    page = context.new_page()
    page.goto(url)
    page.wait_for_function("window.__stamps.results > 0", timeout=30_000)  # a query that finds nothing ends here
    ms = page.evaluate("window.__stamps.results")
    context.close()
    return ms


def sizes(folder: Path) -> dict:
    main = folder / "offline-index.js"
    shards = sorted(folder.glob("offline-index-*.js"))
    texts = sorted(folder.glob("offline-text-*.js"))
    shard_bytes = [p.stat().st_size for p in shards]
    everything = [main, *shards, *texts]
    return {"main": main.stat().st_size, "shards": len(shards), "shard_median": statistics.median(shard_bytes),
            "shard_max": max(shard_bytes), "texts": len(texts),
            "text_median": statistics.median([p.stat().st_size for p in texts]),
            "total": sum(p.stat().st_size for p in everything),
            "gzip": sum(len(gzip.compress(p.read_bytes(), 6)) for p in everything)}


def run(n: int, languages: list[str], browser, project: Path | None = None) -> dict:
    work = project.parent if project else Path(tempfile.mkdtemp(prefix=f"bench-search-{n}-"))
    try:
        if not (project and (project / "site.toml").is_file()):
            generate(n, work / "project")
        else:  # the content kept; the templates and data as they are now
            for folder in ("data", "templates"):
                shutil.rmtree(project / folder)
                shutil.copytree(ROOT / folder, project / folder)
        toml = (work / "project" / "site.toml").read_text(encoding="utf-8")
        lines = [line for line in toml.splitlines() if not line.startswith("languages")]
        lines.insert(lines.index("[site]") + 1, "languages = [" + ", ".join(f'"{c}"' for c in languages) + "]")
        (work / "project" / "site.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")
        started = time.perf_counter()
        result = build(Project(work / "project"))
        assert result.ok, result.report.sorted()[:5]
        site = work / "project" / "site"
        title = next(line for line in (work / "project" / "content" / "activities" / "activity-00042.yml")
                     .read_text(encoding="utf-8").splitlines() if line.startswith("title: "))[8:-1]
        httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        rows = []
        for code in languages:
            file_page = (site / code / "search" / "index.html").as_uri()
            http_page = f"http://127.0.0.1:{httpd.server_port}/{code}/search/index.html"
            for label, query in queries(code, title).items():
                disk = [typed(browser, file_page, query) for _ in range(ROUNDS)]
                web = [typed(browser, http_page, query) for _ in range(ROUNDS)]
                first = [cold(browser, file_page + "?q=" + quote(query)) for _ in range(ROUNDS)]
                rows.append((code, label, statistics.median(disk), max(disk), statistics.median(web),
                             statistics.median(first)))
                print(f"  {code} {label}: disk {statistics.median(disk):.0f} ms (max {max(disk):.0f}), "
                      f"http {statistics.median(web):.0f} ms, cold from disk {statistics.median(first):.0f} ms", flush=True)
        httpd.shutdown()
        return {"n": n, "pages": result.pages, "build_s": time.perf_counter() - started,
                "index_s": result.timings.get("index", 0.0), "sizes": {c: sizes(site / c / "search") for c in languages},
                "rows": rows}
    finally:
        if not project:
            shutil.rmtree(work, ignore_errors=True)


def mb(n: float) -> str:
    return f"{n / 1_000_000:.2f} MB"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sizes", nargs="*", type=int, default=[10000])
    parser.add_argument("--languages", default="en,fr,es,ar,zh,ru")
    parser.add_argument("--project", type=Path, help="a folder for the synthetic project, kept afterwards and "
                        "reused when it holds one (one size only); the build then reuses its caches")
    parser.add_argument("--rounds", type=int, default=3, help="fresh pages per figure (default 3)")
    args = parser.parse_args()
    global ROUNDS
    ROUNDS = args.rounds
    languages = args.languages.split(",")
    from playwright.sync_api import sync_playwright

    runs = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        for n in args.sizes:
            print(f"N={n}: building in {', '.join(languages)}", flush=True)
            runs.append(run(n, languages, browser, args.project / "project" if args.project else None))
            r = runs[-1]
            print(f"N={n}: {r['pages']} pages, build {r['build_s']:.0f} s of which index {r['index_s']:.1f} s", flush=True)
        browser.close()
    print()
    print("| records | language | documents' file | term shards: count, median, largest | texts' files: count, median "
          "| all, raw / gzip |")
    print("|---|---|---|---|---|---|")
    for r in runs:
        for code, s in r["sizes"].items():
            print(f"| {r['n']:,} | {code} | {mb(s['main'])} | {s['shards']}, {mb(s['shard_median'])}, {mb(s['shard_max'])} | "
                  f"{s['texts']}, {mb(s['text_median'])} | {mb(s['total'])} / {mb(s['gzip'])} |")
    print()
    print(f"First results, median of {ROUNDS} (ms)")
    print()
    print("| records | language | query | typed, from disk: after the last keystroke (max) | after the pause (max) "
          "| typed, over HTTP | opened with the query, from disk: after navigation |")
    print("|---|---|---|---|---|---|---|")
    for r in runs:
        for code, label, disk, worst, web, first in r["rows"]:
            print(f"| {r['n']:,} | {code} | {label} | {disk:.0f} ({worst:.0f}) | {disk - PAUSE_FROM_DISK:.0f} "
                  f"({worst - PAUSE_FROM_DISK:.0f}) | {web:.0f} | {first:.0f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
