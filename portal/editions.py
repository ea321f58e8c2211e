"""Stages 3 and 4 for every language: each language's pages derived, rendered, and indexed for
search from disk. Two ways, with the same files written:

- **One language after another, here** (`Editions.make`, the default): this process derives a
  language while forked workers render the one before (portal/render.py, `Rendering`) and another
  writes its offline index (portal/index.py, `OfflineIndexing`); at most two languages' pages are
  held at once.
- **Languages side by side** (a large site in several languages, on several cores): when one process
  derives every language, its deriving is a floor under the build that no number of cores lowers
  (52 to 58 s of an edit at 10,000 records in six languages). One forked process per core takes every
  workers-th language and, for each, derives its pages, renders them and starts its offline index
  (each process holds one language's pages). Their pages rendered, what they wrote and what the
  index needs of each page come back; what the processes spent on deriving, rendering and indexing
  shares out the time they took together in the build's stage timings. A language's open data page
  shows the sizes of the exports, which another process makes meanwhile: it is derived and
  rendered here once they are done (`Site.edition(data=False)`, `Site.data_page`)."""

from __future__ import annotations

import gc
import multiprocessing
import os
import time
from contextlib import contextmanager

from . import forking
from .index import OfflineIndexing, searchable
from .pages.opendata import byte_sizes
from .publish import Output
from .render import PARALLEL_MIN_PAGES, Rendering, render_pages, write_files

def side_by_side(workers: int | None, languages, records: int) -> int:
    """How many processes derive languages side by side: none (0) for one language, one core or a
    small site (`records` in all, each a page in every language), unless `workers` says how many."""
    if len(languages) < 2 or not forking.can_fork():
        return 0
    if workers is None:
        workers = min(os.cpu_count() or 1, 8) if records * len(languages) >= PARALLEL_MIN_PAGES else 1
    return min(workers, len(languages)) if workers > 1 else 0


class Editions:
    """Every language's pages, made by `make`; then `count` (pages rendered or kept), `paths` (the
    pages of an edition, the same in each), `not_found` (the default language's 404 page, which the
    root copies), `searchable` (portal/index.py), `made` (portal/rendered.py) and `offline_wait()`
    (the bytes of the offline indexes, once all are written)."""

    def __init__(self, site, languages, config, templates_dir, output: Output, workers: int | None = None,
                 last: dict | None = None, written=None, terms_dir=None):
        self.site, self.languages, self.config, self.templates_dir = site, languages, config, templates_dir
        self.output, self.workers, self.last, self.written = output, workers, last, written
        self.terms_dir = terms_dir  # where the offline indexes' terms are kept (portal/index.py, TermCounts)
        self.count, self.paths, self.not_found, self.searchable, self.made = 0, [], None, [], {}
        self.total = 0  # the pages of every language, once the first is derived
        self._offline_size = 0
        self._rendering: Rendering | None = None
        self._offline: OfflineIndexing | None = None
        self._running: forking.Running | None = None

    def make(self, compilation, stage, quiet, timings: dict) -> None:
        """`compilation`: the default language's printable page, already derived. `stage` and `quiet`:
        the build's clocks (portal/pipeline.py), the first telling the progress display."""
        records = sum(len(r) for r in self.site.catalog.records.values())
        processes = side_by_side(self.workers, self.languages, records)
        if processes:
            self._side_by_side(compilation, processes, stage, timings)
        else:
            self._in_turn(compilation, stage, quiet)

    def offline_wait(self) -> int:
        if self._offline is not None:
            self._offline_size += self._offline.wait()
            self._offline = None
        return self._offline_size

    def stop(self) -> None:
        """The processes still working stopped (a build that failed on the way)."""
        for running in (self._rendering, self._offline, self._running):
            if running is not None:
                running.stop()

    def _in_turn(self, compilation, stage, quiet) -> None:
        self._rendering = rendering = Rendering(
            self.languages, self.config, self.templates_dir, self.output, workers=self.workers,
            written=self.written and (lambda done: self.written(done, self.total)), last=self.last)
        self._offline = OfflineIndexing(self.output, self.terms_dir)
        for i, language in enumerate(self.languages):
            with (stage if i == 0 else quiet)("derive"):
                edition = self.site.edition(language, (compilation,) if i == 0 else ())
            if i == 0:
                self.paths = [p.path for p in edition.pages]  # every edition has the same pages
                self.not_found = next(p for p in edition.pages if p.path == "404.html")
                self.total = len(self.paths) * len(self.languages) + 2
            with (stage if i == 0 else quiet)("render"):
                rendering.add(edition)
            with quiet("index"):
                self._offline.add(edition)
                self.searchable += searchable(edition)
            del edition  # the workers have it; this process needs the memory for the next language
        with quiet("render"):
            self.count = rendering.wait()
        self.made = rendering.made

    def _side_by_side(self, compilation, processes: int, stage, timings: dict) -> None:
        # What each process has rendered so far, and the pages of an edition (for the progress display).
        progress = multiprocessing.RawArray("q", processes + 1)

        def tick() -> None:
            if self.written is not None and progress[processes]:
                self.total = (progress[processes] + 1) * len(self.languages) + 2
                self.written(sum(progress[:processes]), self.total)

        with stage("derive"):
            start = time.perf_counter()
            self._running = forking.Running((self, compilation, progress), _languages_share, range(processes),
                                            processes, collect=False)
            results = self._running.result(tick=tick)
            self._running = None
            wall = time.perf_counter() - start
        spent: dict = {}
        by_language: dict = {}
        for count, produced, changed, made, offline_size, took, languages in results:
            self.count += count
            self.output.merge(produced, changed)
            self.made.update(made)
            self._offline_size += offline_size
            for name, seconds in took.items():
                spent[name] = spent.get(name, 0.0) + seconds
            by_language.update(languages)
        # The open data pages, here, now that the exports are made; then what each language gave, in order.
        with stage("render"):
            default = self.languages[0].code
            for language in self.languages:
                paths, found, sizes, feeds = by_language[language.code]
                page = self.site.data_page(language, sizes, feeds)
                self.count += render_pages([page], language, self.languages, self.config, self.templates_dir,
                                           self.output, last=self.last, made=self.made if self.last is not None else None)
                self.searchable += found
                if language.code == default:
                    self.paths = paths + [page.path]
            self.not_found = self.site.not_found(self.languages[0])
        if self.written is not None:
            self.total = len(self.paths) * len(self.languages) + 2
            self.written(self.count, self.total)
        # The processes' wall time, shared out by what they spent on each stage (stage() counted it as deriving).
        busy = sum(spent.values())
        if busy:
            timings["derive"] -= wall
            for name, seconds in spent.items():
                timings[name] = timings.get(name, 0.0) + wall * seconds / busy


@contextmanager
def _timed(spent: dict, name: str):
    start = time.perf_counter()
    try:
        yield
    finally:
        spent[name] = spent.get(name, 0.0) + time.perf_counter() - start


def _languages_share(job: tuple, worker: int, workers: int) -> tuple:
    """In a forked process: every workers-th language from `worker` on, derived (but for its open
    data page), rendered and indexed for search from disk; what it wrote and what the build needs of
    each language."""
    editions, compilation, progress = job
    site, languages, last = editions.site, editions.languages, editions.last
    output = Output(editions.output.root)
    made = {} if last is not None else None
    offline = OfflineIndexing(output, editions.terms_dir)  # each language's in a process of its own, while the next is derived
    spent: dict = {}
    count, mine = 0, {}
    try:
        for language in languages[worker::workers]:
            first = language.code == languages[0].code
            with _timed(spent, "derive"):
                edition = site.edition(language, (compilation,) if first else (), data=False)
            progress[workers] = len(edition.pages)
            before = count

            def written(n: int, before: int = before) -> None:
                progress[worker] = before + n

            # The collector off while deriving, which makes objects that live on (as in the build's own
            # process, portal/forking.py); on while rendering, which makes and drops much, with what
            # was derived frozen so that it is not walked again and again.
            gc.freeze()
            gc.enable()
            try:
                with _timed(spent, "render"):
                    count += render_pages(edition.pages, language, languages, editions.config,
                                          editions.templates_dir, output, written=written, last=last, made=made)
                    write_files(edition.files, output, language.code + "/")
            finally:
                gc.disable()
            progress[worker] = count
            with _timed(spent, "index"):
                offline.add(edition)
            mine[language.code] = ([p.path for p in edition.pages] if first else [], searchable(edition),
                                   byte_sizes(edition.files), edition.feeds)
            del edition
        with _timed(spent, "index"):
            size = offline.wait()
    finally:
        offline.stop()
    return count, output.produced, output.changed, made or {}, size, spent, mine
