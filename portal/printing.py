"""The case studies' PDF, built with WeasyPrint from their printable compilation page in the
staging folder, so the PDF and the page never disagree. A content-hash cache skips the work when
the page has not changed; it can only skip work, never change the result.

Printing is the slowest single step of a cold build and needs only that page and the stylesheets,
so it runs in a forked process of its own (`Printing`), started as soon as the page is written,
while the build goes on deriving, rendering and indexing; the build waits for it before publishing."""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import shutil
import sys
import tempfile
import traceback
from pathlib import Path

from .publish import Output


# Where the PDF's links point when the site's public address is not configured: a reserved name,
# never the build machine's folders (which would also make every build's PDF different).
PLACEHOLDER_BASE = "https://portal.invalid/"


class PrintingFailed(Exception):
    """WeasyPrint could not print the PDF; the build stops and site/ is left as it was."""


def print_pdf(staged: Path, page: str, base: str) -> bytes:
    import weasyprint  # imported here: only builds that print the PDF pay for loading it

    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StagedFiles(URLFetcher):
        """Stylesheets come from the staging folder, whatever the links' public address; nothing
        is fetched from anywhere else (the build works offline)."""

        def fetch(self, url, headers=None):
            if not url.startswith(base):
                raise ValueError(f"not part of the site: {url}")
            local = staged / url[len(base):].split("#")[0].split("?")[0]
            kind = {".css": "text/css", ".svg": "image/svg+xml"}.get(local.suffix, "application/octet-stream")
            return URLFetcherResponse(url, body=local.read_bytes(), headers={"Content-Type": kind})

    document = weasyprint.HTML(string=(staged / page).read_text(encoding="utf-8"), base_url=base + page,
                               url_fetcher=StagedFiles(), media_type="print")
    return document.write_pdf()  # WeasyPrint writes no creation date unless the page has one


def _print_in_child(staged: Path, page: str, base: str, out: Path) -> None:
    try:
        # The pages come first: the PDF takes the processor time that deriving (one core), rendering
        # and indexing leave over, and the build waits for what remains only at the end.
        os.nice(10)
        data = print_pdf(staged, page, base)
        tmp = out.with_suffix(".part")
        tmp.write_bytes(data)
        os.replace(tmp, out)
    except BaseException:
        traceback.print_exc()
        sys.stderr.flush()
        os._exit(1)
    os._exit(0)  # nothing of the parent's (atexit handlers, open caches) runs in the child


class Printing:
    """The PDF of `page` (in the staging folder) to `target`: taken from the cache, or printed in a
    forked process started here; `finish()` waits for it and writes it."""

    def __init__(self, output: Output, page: str, target: str, cache_dir: Path | None, base_url: str = "",
                 background: bool = True):
        self.output, self.page, self.target = output, page, target
        staged = output.root
        css = sorted((staged / "assets").glob("*.css"))
        self.base = (base_url.rstrip("/") + "/") if base_url else PLACEHOLDER_BASE
        digest = hashlib.sha256(self.base.encode() + (staged / page).read_bytes()
                                + b"".join(p.read_bytes() for p in css)).hexdigest()
        self.cached = cache_dir / f"{digest}.pdf" if cache_dir else None
        self.process = None
        self.folder = None
        if self.cached and self.cached.is_file():
            return
        if background and "fork" in multiprocessing.get_all_start_methods():
            self.folder = Path(tempfile.mkdtemp(prefix="portal-print-"))  # outside staging: the build tidies that
            self.out = self.folder / "print.pdf"
            self.process = multiprocessing.get_context("fork").Process(
                target=_print_in_child, args=(staged, page, self.base, self.out), daemon=True)
            self.process.start()

    def finish(self) -> int:
        if self.cached and self.cached.is_file():
            data = self.cached.read_bytes()
        elif self.process is None:
            data = print_pdf(self.output.root, self.page, self.base)
        else:
            self.process.join()
            if self.process.exitcode != 0 or not self.out.is_file():
                raise PrintingFailed(f"printing {self.target} failed (exit code {self.process.exitcode}); "
                                     "WeasyPrint's message is above")
            data = self.out.read_bytes()
            self.cancel()
        self.output.write(self.target, data)
        if self.cached and not self.cached.is_file():
            self.cached.parent.mkdir(parents=True, exist_ok=True)
            self.cached.write_bytes(data)
        return len(data)

    def cancel(self) -> None:
        """Stop printing (the build failed) and remove what it left."""
        if self.process is not None and self.process.is_alive():
            self.process.kill()
            self.process.join()
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)

