"""Search benchmark: builds N synthetic records and prints, for the HTTP path (Pagefind) and the
offline path (script-loaded index + MiniSearch): index time, index size and file count, bytes a
first query downloads, and time to first results in headless Chromium.

    python bench/search.py            # N = 1,000 and 10,000
    python bench/search.py 2000       # other sizes
"""

from __future__ import annotations

import functools
import gzip
import http.server
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import quote_plus

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from portal.printing import CHROMIUM_ARGS, chromium_path  # noqa: E402
sys.path.insert(0, str(ROOT / "bench"))
from synthetic import generate  # noqa: E402

from portal.pipeline import build  # noqa: E402
from portal.project import Project  # noqa: E402

# A common domain word, and a record's exact title (what a reader who knows what they want types).
QUERIES = {"common word": "patent"}


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def folder_size(folder: Path) -> tuple[int, int]:
    files = [p for p in folder.rglob("*") if p.is_file()]
    return len(files), sum(p.stat().st_size for p in files)


def first_query(browser, url: str, track: str) -> tuple[float, int, int]:
    """Seconds from opening the search page with a query to the results, and bytes fetched whose
    URL contains `track` (raw, and gzipped as a server would send them)."""
    context = browser.new_context()  # a fresh cache: what a first visit downloads
    page = context.new_page()
    fetched = []
    page.on("response", lambda r: fetched.append(r) if track in r.url else None)
    start = time.perf_counter()
    page.goto(url)
    page.wait_for_function("document.getElementById('search-status').textContent.includes('result')", timeout=120_000)
    seconds = time.perf_counter() - start
    bodies = []
    for response in fetched:
        try:
            bodies.append(response.body())
        except Exception:  # a body the browser did not keep
            pass
    context.close()
    return seconds, sum(len(b) for b in bodies), sum(len(gzip.compress(b, 6)) for b in bodies)


def run(n: int, browser) -> dict:
    work = Path(tempfile.mkdtemp(prefix=f"bench-search-{n}-"))
    try:
        generate(n, work / "project")
        result = build(Project(work / "project"))
        assert result.ok, result.report.sorted()[:5]
        site = work / "project" / "site"
        pf_files, pf_bytes = folder_size(site / "pagefind")
        offline = [site / "search" / "offline-index.js", site / "assets" / "vendor" / "minisearch.js"]
        off_bytes = sum(p.stat().st_size for p in offline)
        off_gz = sum(len(gzip.compress(p.read_bytes(), 6)) for p in offline)

        title = next(line for line in (work / "project" / "content" / "activities" / "activity-00042.yml")
                     .read_text(encoding="utf-8").splitlines() if line.startswith("title: "))[8:-1]
        queries = dict(QUERIES, **{"exact title": title})
        httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        measured = {}
        for label, query in queries.items():
            q = quote_plus(query)
            http_s, http_raw, http_gz = first_query(
                browser, f"http://127.0.0.1:{httpd.server_port}/search/index.html?q={q}", "/pagefind/")
            file_s, _, _ = first_query(browser, (site / "search" / "index.html").as_uri() + f"?q={q}", "offline-index")
            measured[label] = (http_s, http_raw, http_gz, file_s)
        httpd.shutdown()
        return {
            "n": n, "pages": result.pages, "build_s": sum(result.timings.values()), "index_s": result.timings["index"],
            "pf_files": pf_files, "pf_bytes": pf_bytes, "off_files": len(offline), "off_bytes": off_bytes,
            "off_gz": off_gz, "queries": measured,
        }
    finally:
        shutil.rmtree(work, ignore_errors=True)


def mb(n: int) -> str:
    return f"{n / 1_000_000:.2f} MB"


def main() -> int:
    sizes = [int(a) for a in sys.argv[1:]] or [1000, 10000]
    from playwright.sync_api import sync_playwright

    rows = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        for n in sizes:
            rows.append(run(n, browser))
            r = rows[-1]
            print(f"N={r['n']}: {r['pages']} pages, build {r['build_s']:.1f} s of which index {r['index_s']:.1f} s", flush=True)
        browser.close()
    print()
    print("Indexes")
    print()
    print("| records | pages | index stage | Pagefind (HTTP): files, size | offline: files, size raw / gzip |")
    print("|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['n']:,} | {r['pages']:,} | {r['index_s']:.1f} s | {r['pf_files']:,} files, {mb(r['pf_bytes'])} | "
              f"{r['off_files']} files, {mb(r['off_bytes'])} / {mb(r['off_gz'])} |")
    print()
    print("First query on a fresh visit (page load to results shown)")
    print()
    print("| records | query | HTTP: downloaded raw / gzip | HTTP: time | file://: time (loads the whole offline index) |")
    print("|---|---|---|---|---|")
    for r in rows:
        for label, (http_s, raw, gz, file_s) in r["queries"].items():
            print(f"| {r['n']:,} | {label} | {mb(raw)} / {mb(gz)} | {http_s:.2f} s | {file_s:.2f} s |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
