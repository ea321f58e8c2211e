"""The build, read top to bottom: load, validate, derive, render, index, publish. Each stage is a
call into its own module; every stage adds its problems to one report; any error stops the build
before anything is written to site/."""

from __future__ import annotations

import dataclasses
import datetime as dt
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from . import forking, publish, rendered, uptodate
from .uptodate import build_date
from .config import SiteConfig, load_config
from .contribute import no_route_problem
from .printing import Printing
from .editions import Editions
from .files import committed_cache
from .index import SHARD_CACHE, TERMS_CACHE, index_site
from .load import PARSED_CACHE, load_content
from .markup import MarkdownCache
from .outcome import BuildResult
from .problems import Report
from .project import Project
from .kinds import KINDS
from .pages import Site, figures, shared_files
from .paths import COMPILATION, PDF
from .reference import ReferenceError_, load_reference
from .i18n import catalog_path, load_language, SOURCE_LANGUAGE
from .problems import Problem
from .render import copy_assets, render_pages, render_root, write_files
from .validate import Catalog, validate


@dataclass(frozen=True)
class ValidationResult:
    report: Report
    catalog: Catalog | None
    config: SiteConfig = field(default_factory=SiteConfig)
    files: dict = field(default_factory=dict)  # collection -> record files read, valid or not
    today: dt.date = field(default_factory=dt.date.today)

    def counts(self) -> dict:
        """Valid records per collection."""
        return self.catalog.counts() if self.catalog else {}


def _clock(timings: dict, progress=None):
    """`with stage("render"): ...` adds the block's seconds to timings["render"], and tells
    `progress(name)` that the stage begins."""

    @contextmanager
    def stage(name: str):
        if progress is not None:
            progress(name)
        start = time.perf_counter()
        try:
            yield
        finally:
            timings[name] = timings.get(name, 0.0) + time.perf_counter() - start

    return stage


def language_problems(config: SiteConfig, project: Project) -> list[Problem]:
    """Every language the site is built in needs its catalog (English is the source language)."""
    out = []
    for code in config.languages:
        if code != SOURCE_LANGUAGE and not catalog_path(project.locale_dir, code).is_file():
            rel = catalog_path(project.locale_dir, code).relative_to(project.root).as_posix()
            out.append(Problem("site.toml", 1, 1, "config", f"language '{code}' has no translation catalog ({rel})",
                               f"Create it with `.venv/bin/python build.py i18n-update --add {code}`, or remove '{code}' "
                               "from 'languages'."))
    if not config.languages:
        out.append(Problem("site.toml", 1, 1, "config", "'languages' is empty",
                           'List at least one language, e.g. languages = ["en"].'))
    return out


@forking.collector_paused()
def check(project: Project, timings: dict | None = None, progress=None, use_cache: bool = False) -> ValidationResult:
    """Load and validate everything under content/ against data/; never raises on bad input.
    `use_cache`: the files' parsed YAML kept in .cache/ is read, and kept for the next (portal/load.py),
    as a build does; `validate` writes nothing."""
    stage = _clock(timings if timings is not None else {}, progress)
    report = Report()
    today = build_date()
    config, problems = load_config(project.config_file, project.root)
    report.extend(problems)
    report.extend(language_problems(config, project))
    committed = committed_cache(project.cache_dir, project.root)  # before anything reads the cache
    report.extend(committed)
    use_cache = use_cache and not committed  # nor does this check read it
    try:
        reference = load_reference(project.data_dir)
    except ReferenceError_ as exc:
        report.extend(exc.problems)
        return ValidationResult(report, None, config, today=today)
    with stage("load"):
        raws, problems = load_content(project.content_dir, project.root,
                                      cache_file=project.cache_dir / PARSED_CACHE if use_cache else None)
    report.extend(problems)
    with stage("validate"):
        catalog = validate(raws, reference, report, today)
    files = {kind.collection: 0 for kind in KINDS}
    for path in {p.path for p in report.problems} | {raw.path for raw in raws}:
        parts = path.split("/")
        if len(parts) == 3 and parts[0] == "content" and parts[1] in files:
            files[parts[1]] += 1
    return ValidationResult(report, catalog, config, files, today)


@forking.collector_paused()
def build(project: Project, site_dir: Path | None = None,
          use_cache: bool = True, workers: int | None = None, keep=None, progress=None,
          digest: str | None = None) -> BuildResult:
    """The whole build. Writes into a staging folder and swaps it into place only if all succeeded;
    files whose bytes did not change are kept as they were (portal/publish.py).
    `use_cache`: reuse work from earlier builds kept in .cache/: converted Markdown, the PDF, and the
    record of what site/ was built from, which makes a rebuild with nothing changed a no-op (it can
    only skip work). `workers`: processes that render the pages (default: one per core for a large site).
    `keep(checked, site, languages)`: told what a full build derived from (`serve` keeps it for the next edit).
    `progress(stage, done=None, total=None)`: told when each stage begins, and while rendering, the pages
    written of all (the command line shows it on a terminal). `digest`: the inputs' digest, from an
    `uptodate.unchanged` that found site/ out of date just before (the command line asks it before it
    loads the stages); without it, the build asks first."""
    timings: dict = {}
    stage = _clock(timings, progress)
    site_dir = site_dir or project.site_dir
    if use_cache and digest is None:
        with stage("check"):
            digest, done = uptodate.unchanged(project, site_dir)
        if done is not None:
            done.timings = timings
            return done
    checked = check(project, timings, progress, use_cache)
    settings = project.config_file.read_text(encoding="utf-8") if project.config_file.is_file() else ""
    no_route = no_route_problem(checked.config, settings)
    if no_route is not None:
        checked.report.add(no_route)
    result = BuildResult(checked.report, timings=timings)
    if checked.report.failed() or checked.catalog is None:
        return result
    config, templates = checked.config, project.templates_dir
    languages = [load_language(code, project.locale_dir) for code in config.languages]
    cache = MarkdownCache(project.cache_dir / "markdown.sqlite3") if use_cache else None
    printing = editions = None
    with publish.staging(site_dir) as staged:
        try:
            with stage("derive"):
                try:
                    site = Site(checked.catalog, config, checked.today, languages, cache)
                finally:
                    if cache:
                        cache.close()
                site.markdown.forget_cache()  # closed; what `serve` converts later is not kept on disk
                compilation = site.compilation(languages[0])
            # The case studies' page first, so the PDF prints in its own process while the rest is made.
            copy_assets(templates, staged)
            render_pages([compilation], languages[0], languages, config, templates, staged)
            printing = Printing(staged, f"{languages[0].code}/{COMPILATION}", PDF,
                                project.cache_dir / "pdf" if use_cache else None, config.base_url, checked.today)
            # Every language's pages, derived, rendered and indexed for search from disk (portal/editions.py).
            basis = rendered.basis(project, site_dir, checked.today) if use_cache else None
            editions = Editions(site, languages, config, templates, staged, workers=workers,
                                last=rendered.load(project, basis) if use_cache else None,
                                written=progress and (lambda done, total: progress("render", done, total)),
                                terms_dir=project.cache_dir / TERMS_CACHE if use_cache else None)
            quiet = _clock(timings)  # the same stages, told to `progress` once, not for every language
            editions.make(compilation, stage, quiet, timings)
            with quiet("render"):
                result.pages = editions.count + render_root(editions.not_found, languages, config, templates, staged)
                write_files(shared_files(site, [lang.code for lang in languages], editions.paths), staged)
                if progress:
                    progress("render", result.pages, editions.total)
            with stage("index"):
                result.search = index_site(editions.searchable, staged, site_dir, keep=(PDF,),
                                           cache_file=project.cache_dir / SHARD_CACHE if use_cache else None,
                                           offline=editions.offline_wait,
                                           reindexed=rendered.reindexed(editions.last, editions.made))
            with stage("print"):  # what is left of printing once everything else is done
                printing.finish()
        finally:
            if editions is not None:
                editions.stop()
            if printing is not None:
                printing.cancel()
        with stage("publish"):
            publish.swap_into_place(staged.root, site_dir, keep_spare=publish.worth_keeping(staged))
    result.changed = len(staged.changed)
    if keep is not None:
        keep(checked, site, languages)
    result.output = site_dir
    result.figures = figures(site)
    if use_cache:
        rendered.save(project, basis, editions.made)
    else:
        rendered.forget(project)
    if use_cache:
        uptodate.save(project, site_dir, digest, {
            "pages": result.pages, "figures": result.figures, "search": dataclasses.asdict(result.search),
            "problems": [dataclasses.asdict(p) for p in result.report.problems]})
    else:
        uptodate.forget(project)
    return result
