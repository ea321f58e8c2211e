"""The case studies' PDF, printed from their printable compilation page in the staging folder, so
the PDF and the page never disagree. A content-hash cache skips the work when the page, its
stylesheets and the printer have not changed; it can only skip work, never change the result.

Two printers, one page:

- **Chromium** (headless, the engine most readers' browsers share), driven by Playwright, when one
  is found ($CHROMIUM, else `chromium`, `chromium-browser`, `google-chrome` on the PATH). Its PDF is
  tagged (screen readers read its structure) and has an outline made from the headings. For 500 case
  studies (about 1,000 A4 pages) it takes about 16 processor-seconds.
- **WeasyPrint** otherwise (Python on the system's Pango): the same pages and bookmarks, untagged,
  in about 65 processor-seconds for the same 1,000 pages, which made it the longest step of a cold
  build at 10,000 records.

PORTAL_PRINTER=chromium or =weasyprint chooses one; an unknown name or a Chromium that cannot be
found is an error that says what to do.

Printing needs only that page and the stylesheets, so it runs in a process of its own (`Printing`),
at idle priority, started as soon as the page is written, while the build goes on deriving and
indexing, and given no processor time while rendering takes every core; the build waits for it
before publishing. The kernel kills it when the build dies, however it dies, and the browser closes
with it. Nothing is fetched from the network: every address of the site is answered from
the staging folder, any other is refused."""

from __future__ import annotations

import datetime as dt
import hashlib
import mimetypes
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

from .publish import Output, write_atomically


# Where the PDF's links point when the site's public address is not configured: a reserved name,
# never the build machine's folders (which would also make every build's PDF different).
PLACEHOLDER_BASE = "https://portal.invalid/"

# How Chromium is started, for printing here and by the browser tests: headless, and quiet on the
# network (no component updates, translation or other background requests).
CHROMIUM_ARGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic",
    "--disable-features=Translate,MediaRouter,OptimizationHints",
]
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
PRINTERS = ("chromium", "weasyprint")

# Chromium dates its PDFs with the moment of printing; they carry the build's date instead, so the
# same page prints to the same bytes (the dates are rewritten in place: same length, same offsets).
PDF_DATE = re.compile(rb"(/(?:CreationDate|ModDate) ?\(D:)(\d{14})")


class PrintingFailed(Exception):
    """The PDF could not be printed; the build stops and site/ is left as it was."""


def chromium_path(environ=os.environ) -> str | None:
    """$CHROMIUM, else the first of CHROMIUM_NAMES on the PATH."""
    found = (shutil.which(name, path=environ.get("PATH", os.defpath)) for name in CHROMIUM_NAMES)
    return environ.get("CHROMIUM") or next(filter(None, found), None)


@dataclass(frozen=True)
class Printer:
    name: str  # one of PRINTERS
    executable: str = ""  # Chromium's

    def identity(self) -> bytes:
        """What the cache key needs to know of the printer: its name, and which Chromium (another
        version may lay the same page out otherwise)."""
        if not self.executable:
            return self.name.encode()
        stat = Path(self.executable).resolve().stat()
        return f"{self.name} {self.executable} {stat.st_size} {stat.st_mtime_ns}".encode()


def choose_printer(environ=os.environ) -> Printer:
    wanted = environ.get("PORTAL_PRINTER", "").strip().lower()
    if wanted and wanted not in PRINTERS:
        raise PrintingFailed(f"PORTAL_PRINTER={wanted!r} is not a printer; use one of: {', '.join(PRINTERS)} "
                             "(or leave it unset: Chromium when one is found, else WeasyPrint)")
    if wanted != "weasyprint":
        path = chromium_path(environ)
        if path:
            return Printer("chromium", path)
        if wanted == "chromium":
            raise PrintingFailed("PORTAL_PRINTER=chromium, but no Chromium was found: install it (Debian: "
                                 "apt install chromium) or set CHROMIUM to its executable")
    return Printer("weasyprint")


def _local_file(staged: Path, base: str, url: str) -> Path | None:
    """The staged file behind one of the site's addresses, or None for any other address (and for
    any path that would lead out of the staging folder)."""
    if not url.startswith(base):
        return None
    local = (staged / unquote(url[len(base):].split("#")[0].split("?")[0])).resolve()
    if not local.is_relative_to(staged.resolve()):
        return None
    if local.is_dir():
        local = local / "index.html"
    return local if local.is_file() else None


def _content_type(path: Path) -> str:
    kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return kind + ("; charset=utf-8" if kind.startswith("text/") else "")


def print_with_chromium(staged: Path, page: str, base: str, executable: str) -> bytes:
    from playwright.sync_api import sync_playwright

    def answer(route):
        local = _local_file(staged, base, route.request.url)
        if local is None:
            route.abort()  # not part of the site: the build works offline
        else:
            route.fulfill(body=local.read_bytes(), content_type=_content_type(local))

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS, env={**os.environ, "TZ": "UTC"})
        try:
            # The page is printed as it is written: no script runs (as in WeasyPrint).
            tab = browser.new_page(java_script_enabled=False)
            tab.route("**/*", answer)
            tab.goto(base + page, wait_until="load", timeout=0)  # no time limit: at idle priority it may wait long
            return tab.pdf(prefer_css_page_size=True, print_background=True, tagged=True, outline=True)
        finally:
            browser.close()


def print_with_weasyprint(staged: Path, page: str, base: str) -> bytes:
    import weasyprint  # imported here: only builds that print with it pay for loading it

    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StagedFiles(URLFetcher):
        def fetch(self, url, headers=None):
            local = _local_file(staged, base, url)
            if local is None:
                raise ValueError(f"not part of the site: {url}")
            return URLFetcherResponse(url, body=local.read_bytes(), headers={"Content-Type": _content_type(local)})

    document = weasyprint.HTML(string=(staged / page).read_text(encoding="utf-8"), base_url=base + page,
                               url_fetcher=StagedFiles(), media_type="print")
    return document.write_pdf()  # WeasyPrint writes no creation date unless the page has one


def print_pdf(printer: Printer, staged: Path, page: str, base: str) -> bytes:
    if printer.name == "chromium":
        return print_with_chromium(staged, page, base, printer.executable)
    return print_with_weasyprint(staged, page, base)


def _descendants(pid: int) -> list[int]:
    """The processes descended from `pid`, read from /proc (none where there is no /proc)."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            parent = int(stat.read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue  # ended meanwhile
        children.setdefault(parent, []).append(int(stat.parent.name))
    found, todo = [], list(children.get(pid, []))
    while todo:
        child = todo.pop()
        found.append(child)
        todo.extend(children.get(child, []))
    return found


def dated(data: bytes, day: dt.date) -> bytes:
    """The PDF with its creation and modification dates set to `day` (midnight, UTC)."""
    return PDF_DATE.sub(lambda m: m.group(1) + day.strftime("%Y%m%d000000").encode(), data)


def read_cached_pdf(path: Path) -> bytes | None:
    """The cached PDF at `path`, or None. One that cannot be read or is not a whole PDF (a build
    killed while writing it, a damaged disk) is removed with a warning, and the PDF printed again."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        data, why = None, exc.strerror
    else:
        why = "it is not a whole PDF"
    if data is not None and data.startswith(b"%PDF-") and b"%%EOF" in data[-1024:]:
        return data
    print(f"warning: the cached PDF {path.parent.name}/{path.name} cannot be used ({why}); it is removed and "
          "printed again", file=sys.stderr, flush=True)
    try:
        path.unlink()
    except OSError:
        pass
    return None


class Printing:
    """The PDF of `page` (in the staging folder) to `target`: taken from the cache, or printed by a
    process started here; `finish()` waits for it and writes it."""

    def __init__(self, output: Output, page: str, target: str, cache_dir: Path | None, base_url: str = "",
                 day: dt.date | None = None, printer: Printer | None = None):
        self.output, self.page, self.target = output, page, target
        self.day = day or dt.datetime.now(dt.timezone.utc).date()
        self.printer = printer or choose_printer()
        staged = output.root
        css = sorted((staged / "assets").glob("*.css"))
        self.base = (base_url.rstrip("/") + "/") if base_url else PLACEHOLDER_BASE
        digest = hashlib.sha256(self.printer.identity() + b"\0" + self.base.encode() + (staged / page).read_bytes()
                                + b"".join(p.read_bytes() for p in css)).hexdigest()
        self.cached = cache_dir / f"{digest}.pdf" if cache_dir else None
        self.process = None
        self.folder = None
        self.from_cache = read_cached_pdf(self.cached) if self.cached else None
        if self.from_cache is not None:
            return
        self.folder = Path(tempfile.mkdtemp(prefix="portal-print-"))  # outside staging: the build tidies that
        self.out = self.folder / "print.pdf"
        # A fresh interpreter rather than a fork: the build may run in a process that has threads
        # (serve) or a browser of its own (the tests), which a forked child would inherit.
        self.process = subprocess.Popen(
            [sys.executable, "-m", "portal.printing", self.printer.name, self.printer.executable,
             str(staged.resolve()), page, self.base, str(self.out), str(os.getpid())],
            cwd=Path(__file__).resolve().parent.parent, stdin=subprocess.DEVNULL, start_new_session=True)

    def _signal(self, which) -> None:
        """Signal the printer's process group (the printer, Playwright's driver) and every process
        descended from it: Playwright starts the browser in a process group of its own. Where there
        are no such signals (Windows) pausing does nothing; without /proc, only the group is signalled."""
        if which is None or not hasattr(os, "killpg") or self.process is None or self.process.poll() is not None:
            return
        family = _descendants(self.process.pid)  # before: a killed driver's children leave the family
        try:
            os.killpg(self.process.pid, which)
        except ProcessLookupError:
            pass
        for pid in family:
            try:
                os.kill(pid, which)
            except ProcessLookupError:
                pass

    def finish(self) -> int:
        if self.from_cache is not None:
            data = self.from_cache
        else:
            code = self.process.wait()
            if code != 0 or not self.out.is_file():
                raise PrintingFailed(f"printing {self.target} with {self.printer.name} failed (exit code {code}); "
                                     "its message is above")
            data = self.out.read_bytes()
            self.cancel()
            if self.cached:
                self.cached.parent.mkdir(parents=True, exist_ok=True)
                write_atomically(self.cached, data)  # never a half-written PDF under the final name
        if self.printer.name == "chromium":
            data = dated(data, self.day)
        self.output.write(self.target, data)
        return len(data)

    def cancel(self) -> None:
        """Stop printing (the build failed) and remove what it left."""
        if self.process is not None and self.process.poll() is None:
            self._signal(getattr(signal, "SIGKILL", None))  # the browser too
            self.process.kill()
            self.process.wait()
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)


def _die_with(parent: int) -> bool:
    """Ask the kernel to kill this process when the build that started it dies, however it dies (a
    SIGKILL leaves the build no time to clean up); Playwright's driver then sees its pipe close and
    closes the browser. Linux only; elsewhere the build's own `cancel` is all there is. False when
    the build is already gone."""
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass
    return os.getppid() == parent


def main(argv: list[str]) -> int:
    """python -m portal.printing PRINTER EXECUTABLE STAGED PAGE BASE OUT BUILD_PID (started by `Printing`)."""
    name, executable, staged, page, base, out, parent = argv
    if not _die_with(int(parent)):
        return 1
    # The pages come first: the printer (and the browser it starts, which inherits the policy) runs
    # only on processor time nothing else of the build wants: the core that one-core deriving leaves,
    # what Pagefind leaves; while every core renders, it gets none. It is never stopped with a signal:
    # a stopped process cannot die with the build that started it. The build waits for what remains
    # only at the end.
    if hasattr(os, "sched_setscheduler") and hasattr(os, "SCHED_IDLE"):
        os.sched_setscheduler(0, os.SCHED_IDLE, os.sched_param(0))
    elif hasattr(os, "nice"):
        os.nice(19)
    data = print_pdf(Printer(name, executable), Path(staged), page, base)
    write_atomically(Path(out), data)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
