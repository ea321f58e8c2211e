"""What `serve` does after an edit, in two steps, so the page being edited reloads first:

1. `edited_pages`: when only record files changed, each is read and checked again on its own
   (against the catalog of the last build) and its own page is rendered in every language straight
   into site/, from what the last build derived (milliseconds, whatever the size of the site).
2. The full build (portal/pipeline.py) follows and brings everything else up to date: lists, hubs,
   country and topic pages, open data, the search index.

Between the two, the pages that list an edited record still show it as it was. Anything other than
an edited record file (a template, the reference data, site.toml, a deleted record) skips step 1."""

from __future__ import annotations

import dataclasses
import time
from dataclasses import dataclass, field
from pathlib import Path

from .i18n import load_language
from .load import load_file
from .pipeline import check
from .problems import Report
from .publish import Output
from .kinds import BY_COLLECTION
from .pages import Site
from .render import environment, render_pages
from .validate import replace_record, revalidate


@dataclass
class Edit:
    """What step 1 did: the records it read (paths from the project root), the files it wrote (paths
    from the site root) and how long it took."""

    records: list = field(default_factory=list)
    written: list = field(default_factory=list)
    seconds: float = 0.0


class LiveSite:
    def __init__(self, project):
        self.project = project
        self.checked = None  # the last build's ValidationResult
        self.site = None  # ... and what its pages were made from (indexes, matchmaking, converted Markdown)
        self.languages: list = []
        self.environments: dict = {}  # language code -> Jinja environment (templates compiled once)

    def keep(self, checked, site, languages) -> None:
        """Given by the full build: what it derived, for the next edit."""
        self.checked, self.site, self.languages = checked, site, languages
        self.environments = {}

    def prepare(self) -> bool:
        """Load, check and index the content without rendering (when the site on disk was already up
        to date, so no build ran): makes step 1 available for the first edit."""
        checked = check(self.project)
        if checked.report.failed() or checked.catalog is None:
            return False
        languages = [load_language(code, self.project.locale_dir) for code in checked.config.languages]
        self.keep(checked, Site(checked.catalog, checked.config, checked.today, languages, ahead=False), languages)
        return True

    def record_files(self, paths) -> list | None:
        """(kind, path) for each changed record file, or None unless every change is to an existing
        record file. Files that came and went meanwhile and were not records (an editor's temporary
        or backup files, saved and renamed over the record) are left out."""
        content = self.project.content_dir.resolve()
        found = []
        for path in paths:
            path = Path(path).resolve()
            try:
                parts = path.relative_to(content).parts
            except ValueError:
                return None
            kind = BY_COLLECTION.get(parts[0]) if len(parts) == 2 else None
            is_record = kind is not None and path.suffix == kind.extension and not path.name.startswith(".")
            if not path.exists() and not is_record:
                continue
            if not is_record or not path.is_file():
                return None
            found.append((kind, path))
        return found

    def edited_pages(self, paths) -> Edit | None:
        """Step 1. None when it does not apply (not only record files changed, or an edited record
        has a problem: the full build reports it with every other)."""
        start = time.perf_counter()
        files = self.record_files(paths)
        if not files or self.site is None:
            return None
        checked = self.checked
        catalog = checked.catalog
        edited = []
        for kind, path in files:
            raw, problems = load_file(kind, path, self.project.root.resolve())
            report = Report()
            report.extend(problems)
            if raw is None or report.failed():
                return None
            record = revalidate(raw, catalog, report, checked.today)
            if record is None:
                return None
            catalog = replace_record(catalog, kind.collection, record)
            edited.append((kind, record))
        self.site.catalog = catalog
        self.checked = dataclasses.replace(checked, catalog=catalog)
        output = Output(self.project.site_dir)
        for language in self.languages:
            for kind, record in edited:
                pages = self.site.record_pages(language, kind, [record])
                env = self.environments.get(language.code)
                if env is None:
                    env = self.environments[language.code] = environment(self.project.templates_dir, language)
                render_pages(pages, language, self.languages, checked.config, self.project.templates_dir, output,
                             env)
        return Edit([path for _kind, path in files], sorted(output.changed), time.perf_counter() - start)
