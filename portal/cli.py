"""The command line: parse arguments, call the package, print, and turn the result into an exit code."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from pathlib import Path

# Only what every command needs is imported here. The stages load much of the portal (a third of a
# second), which a build with nothing to do, the commonest run of all, never needs: each command
# imports what it uses.
from . import problems as fmt
from . import uptodate
from .project import Project


def _counts_line(files: dict) -> str:
    """'120 record files: 45 activities, 1 consultant, …'"""
    from .kinds import KINDS

    labels = {k.collection: (k.label, k.label_plural) for k in KINDS}
    parts = ", ".join(fmt.plural(n, *labels[name]) for name, n in files.items())
    return f"{fmt.plural(sum(files.values()), 'record file')}: {parts}"


def cmd_validate(project: Project, args) -> int:
    from .pipeline import check

    result = check(project)
    report, counts = result.report, result.files
    failed = report.failed(strict=args.strict)
    if args.format == "json":
        print(fmt.format_json(report, counts))
        return 1 if failed else 0
    text = fmt.format_text(report)
    if text:
        print(text)
    if args.format == "github":
        annotations = fmt.format_github_annotations(report)
        if annotations:
            print(annotations)
        fmt.write_github_summary(fmt.format_markdown(report, counts))
    if counts:
        if not report.problems:
            verdict = "all valid"
        else:
            verdict = f"{fmt.summary_line(report)}" + ("; warnings count as errors (--strict)" if args.strict and not report.errors else "")
        print(f"Checked {_counts_line(counts)} ({verdict}).")
    return 1 if failed else 0


class Progress:
    """A build's progress on a terminal: the stage, the pages written of all and the time elapsed, on
    one line rewritten in place (carriage return). Where standard output is not a terminal (a CI log,
    a pipe) it shows nothing; `verbose` also prints a plain line as each stage begins, anywhere."""

    def __init__(self, stream=None, verbose: bool = False, every: float = 0.1):
        self.stream = stream or sys.stdout
        self.live = bool(getattr(self.stream, "isatty", lambda: False)())
        self.verbose = verbose
        self.every = every  # seconds between two rewrites of the line
        self.start = time.perf_counter()
        self.shown = 0.0
        self.stage = None
        self.width = 0

    def __call__(self, stage: str, done: int | None = None, total: int | None = None) -> None:
        now = time.perf_counter()
        new_stage = stage != self.stage
        self.stage = stage
        if new_stage and self.verbose:
            self.clear()
            print(f"{stage}… ({now - self.start:.1f}s)", file=self.stream, flush=True)
        if not self.live or (not new_stage and done != total and now - self.shown < self.every):
            return
        self.shown = now
        line = f"Building: {stage}"
        if done is not None and total:
            line += f", {done:,} of {total:,} pages"
        line += f" ({now - self.start:.1f}s)"
        self.stream.write("\r" + line + " " * max(0, self.width - len(line)))
        self.stream.flush()
        self.width = len(line)

    def clear(self) -> None:
        """Rubs the line out, before anything else is printed."""
        if self.live and self.width:
            self.stream.write("\r" + " " * self.width + "\r")
            self.stream.flush()
            self.width = 0


def report_text(report, known: set | None = None) -> str:
    """The report as the terminal shows it. With `known` (the warnings already shown in this `serve`
    session), warnings shown before are counted instead of shown again, and the new ones are added."""
    if known is None:
        return fmt.format_text(report)
    again = [p for p in report.warnings if p in known]
    known.update(report.warnings)
    if not again:
        return fmt.format_text(report)
    shown = fmt.Report([p for p in report.problems if p not in again])
    lines = [fmt.format_text(shown)] if shown.problems else []
    lines.append(f"{fmt.plural(len(again), 'warning')} as before, see the first build.")
    return "\n".join(lines)


def run_build(project: Project, keep=None, verbosity: int = 0, known: set | None = None, told=None):
    """Build and print the outcome; returns the BuildResult, or None when the build stopped.
    `verbosity`: -1 prints only problems and failures, 0 adds the outcome and, on a terminal, the
    progress, 1 also a line per stage. `known`: see report_text. `told(result_or_report)`: given what
    the build ended with (`serve` shows it in the browser)."""
    progress = Progress(verbose=verbosity > 0) if verbosity >= 0 else None
    started = time.perf_counter()
    if progress:
        progress("check")
    digest, result = uptodate.unchanged(project, project.site_dir)  # the build's first step, asked here
    checked = time.perf_counter() - started                            # before the stages are loaded
    if result is not None:
        result.timings["check"] = checked
    else:
        from .index import IndexingFailed
        from .pipeline import build
        from .printing import PrintingFailed

        try:
            result = build(project, keep=keep, progress=progress, digest=digest)
        except (PrintingFailed, IndexingFailed) as exc:  # a tool the build runs failed, not the content
            if progress:
                progress.clear()
            print(f"error: {exc}", file=sys.stderr)
            print("Build stopped: nothing was written; site/ is unchanged.")
            if told:
                told(False, fmt.Report([]), str(exc))
            return None
        result.timings = {"check": checked, **result.timings}
    if progress:
        progress.clear()
    text = report_text(result.report, known)
    if text:
        print(text)
    if told:
        told(result.ok, result.report, "")
    if not result.ok:
        print("Build stopped: nothing was written; site/ is unchanged.")
        return None
    if verbosity >= 0:
        figures = ", ".join(f"{n} {name.replace('-', ' ')}" for name, n in result.figures.items())
        stages = ", ".join(f"{stage} {seconds:.2f}s" for stage, seconds in result.timings.items())
        where = result.output.relative_to(project.root).as_posix()
        if result.up_to_date:
            print(f"{where}/ is up to date: {result.pages} pages ({figures}); nothing changed since it was built "
                  f"({sum(result.timings.values()):.2f}s).")
        else:
            print(f"Built {result.pages} pages into {where}/ ({figures}); {result.changed} files changed.")
            print(f"Time by stage: {stages}; total {sum(result.timings.values()):.2f}s.")
    return result


def cmd_build(project: Project, args) -> int:
    return 0 if run_build(project, verbosity=args.verbosity) else 1


def cmd_serve(project: Project, args) -> int:
    from .i18n import load_language
    from .live import LiveSite
    from .serve import overlay_texts, problem_lines, serve
    from .uptodate import build_date, inputs_digest

    live = LiveSite(project)
    known: set = set()  # warnings shown in this session, shown once
    digest = inputs_digest(project, build_date())  # what the first build reads
    told_server = []  # serve's `tell`, once it runs; before, what the first build said waits here

    def told(ok: bool, report, failure: str) -> None:
        """A build ended: its state for the pages open in the browser."""
        problems = problem_lines(report)
        if failure:
            problems.append({"headline": f"error: {failure}", "hint": "", "severity": "error"})
        # in the languages of the last good build (or read now, if none succeeded yet)
        texts = overlay_texts(live.languages or _languages(project, load_language))
        message = {"failed": not ok, "problems": problems, "texts": texts}
        if told_server:
            told_server[0](message)
        else:
            first.update(message)

    first: dict = {}
    if args.verbosity >= 0:
        print("Building the site into site/ before serving it…", flush=True)
    started = run_build(project, keep=live.keep, verbosity=args.verbosity, known=known, told=told)
    if not started:
        if not (project.site_dir / "index.html").is_file():
            return 1
        print("Serving the site as it was last built; its pages show the problems above until a build succeeds.",
              flush=True)
    watch = [project.content_dir, project.data_dir, project.templates_dir, project.config_file]

    def rebuild() -> None:
        run_build(project, keep=live.keep, verbosity=args.verbosity, known=known, told=told)

    def ready(tell) -> None:
        """Once edits are listened for: when site/ was already up to date no build ran, so read the
        content for the first edit; and rebuild if something changed since the first build read it."""
        told_server.append(tell)
        if live.site is None:
            live.prepare()
        if inputs_digest(project, build_date()) != digest:
            print("Changed while starting; rebuilding…", flush=True)
            rebuild()

    def names(paths) -> str:
        root = project.root.resolve()
        shown = [Path(p).resolve() for p in paths[:3]]
        shown = [p.relative_to(root).as_posix() if p.is_relative_to(root) else str(p) for p in shown]
        return ", ".join(shown) + (f" and {len(paths) - 3} more" if len(paths) > 3 else "")

    def on_change(paths, tell) -> None:
        edit = live.edited_pages(paths)
        if edit is not None:
            tell({})  # pages were rewritten: those open reload
            print(f"Changed {names(edit.records)}: {fmt.plural(len(edit.written), 'page')} rewritten in "
                  f"{edit.seconds * 1000:.0f} ms; rebuilding the rest…", flush=True)
        else:
            print(f"Changed {names(paths)}; rebuilding…", flush=True)
        rebuild()

    serve(project, on_change, args.port, watch, ready, first)
    return 0


def _languages(project: Project, load_language) -> list:
    """The site's languages, read afresh (when no build has succeeded yet in this session)."""
    from .config import load_config

    try:
        config, _problems = load_config(project.config_file, project.root)
        return [load_language(code, project.locale_dir) for code in config.languages]
    except Exception:  # noqa: BLE001 - the overlay then speaks English; the build reports the problem
        return []


def cmd_new(project: Project, args) -> int:
    from .kinds import BY_NAME
    from .load import suggest_id
    from .scaffold import template

    kind = BY_NAME[args.kind]
    title = args.title
    record_id = args.id or (suggest_id(title) if title else f"new-{kind.name}")
    target = project.content_dir / kind.collection / f"{record_id}{kind.extension}"
    if target.exists() and not args.force:
        print(f"error: {target.relative_to(project.root)} already exists; choose another --title or --id", file=sys.stderr)
        return 1
    target.parent.mkdir(parents=True, exist_ok=True)
    today = dt.date.fromisoformat(args.date) if args.date else dt.date.today()
    target.write_text(template(kind, title, today), encoding="utf-8")
    print(f"Wrote {target.relative_to(project.root).as_posix()}: fill in each TODO, then run '.venv/bin/python build.py validate'.")
    return 0


def cmd_schemas(project: Project, args) -> int:
    from .reference import ReferenceError_, load_reference
    from .schemas import stale_files, write_generated

    try:
        reference = load_reference(project.data_dir)
    except ReferenceError_ as exc:
        from .problems import Report
        print(fmt.format_text(Report(exc.problems)))
        return 1
    if args.check:
        stale = stale_files(project.root, reference)
        for rel in stale:
            print(f"{rel} is out of date; run '.venv/bin/python build.py schemas'")
        return 1 if stale else 0
    written = write_generated(project.root, reference)
    for rel in written:
        print(f"wrote {rel}")
    if not written:
        print("the generated files (schemas/, docs/fields.md, portal/recordtypes.py, ...) are up to date")
    return 0


def cmd_from_issue(project: Project, args) -> int:
    """An initiative from the answers of the GitHub issue form: the problems in words to post back
    on the issue, and with --write the record file in content/initiatives/."""
    from .intake import convert, format_report
    from .reference import ReferenceError_, load_reference

    try:
        body = Path(args.body_file).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        print(f"error: cannot read {args.body_file}: {exc}", file=sys.stderr)
        return 1
    try:
        reference = load_reference(project.data_dir)
    except ReferenceError_ as exc:
        print(fmt.format_text(fmt.Report(exc.problems)))
        return 1
    today = dt.date.fromisoformat(args.date) if args.date else dt.date.today()
    intake = convert(body, project, today, reference)
    print(format_report(intake), end="")
    if not intake.ok:
        return 1
    target = project.root / intake.path
    if args.write:
        if target.exists():
            print(f"A record named `{intake.path}` already exists. If this issue corrects that initiative, a "
                  "maintainer edits the file instead; otherwise give the partnership a name of its own.")
            return 1
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(intake.text, encoding="utf-8")
        print(f"Wrote `{intake.path}`.")
    else:
        print(f"\nThe file, to save as `{intake.path}` (or run again with --write):\n\n````markdown\n{intake.text}````")
    return 0


def cmd_i18n_update(project: Project, args) -> int:
    from .catalogs import update
    from .config import load_config

    config, _problems = load_config(project.config_file, project.root)
    todo = update(project, config.languages, args.add)
    for code, n in todo.items():
        print(f"{code}: data/locale/{code}/LC_MESSAGES/messages.po, {fmt.plural(n, 'message')} to translate")
    return 0


def cmd_i18n_status(project: Project, args) -> int:
    from .catalogs import status
    from .pipeline import check

    result = check(project)
    if result.catalog is None:
        print(fmt.format_text(result.report))
        return 1
    incomplete = False
    for s in status(project, result.config.languages, result.catalog):
        done = s.messages - len(s.untranslated)
        print(f"{s.code}: interface {done}/{s.messages} messages translated; "
              f"records {s.records_total - s.records}/{s.records_total} readable in this language")
        print("    records not in this language: " + ", ".join(
            f"{collection} {missing_here}/{n}" for collection, missing_here, n in s.by_collection))
        for message in s.untranslated[: args.show]:
            print(f"    untranslated: {message if isinstance(message, str) else message[0]!r}")
        if len(s.untranslated) > args.show:
            print(f"    ... and {len(s.untranslated) - args.show} more")
        incomplete = incomplete or bool(s.untranslated)
    print("\nAdd a record's translation under `translations:` in its file (CONTRIBUTING.md, 'Translations').")
    return 1 if incomplete and args.strict else 0


class KindNames:
    """The record kinds' names, as `new`'s choices: read from the kinds when argparse checks or shows
    them, so that a command other than `new` does not load every kind to make its parser."""

    def _names(self) -> list[str]:
        from .kinds import KINDS

        return [k.name for k in KINDS]

    def __contains__(self, name) -> bool:
        return name in self._names()

    def __iter__(self):
        return iter(self._names())


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="build.py", description="South-South IP cooperation portal: check and build the content.")
    p.add_argument("--root", type=Path, default=Path.cwd(),
                   help="project folder holding content/ and data/ (default: the current folder)")
    _output_options(p)
    sub = p.add_subparsers(dest="command", metavar="command")

    b = sub.add_parser("build", help="validate, then build the site into site/ (the default command)")
    _output_options(b, argparse.SUPPRESS)
    b.set_defaults(run=cmd_build)

    sv = sub.add_parser("serve", help="build, serve on 127.0.0.1, rebuild and reload on every change")
    _output_options(sv, argparse.SUPPRESS)
    sv.add_argument("--port", type=int, default=8000, help="port to listen on (default 8000; 0 picks a free one)")
    sv.set_defaults(run=cmd_serve)

    v = sub.add_parser("validate", help="check every record and report all problems, then stop")
    v.add_argument("--format", choices=("text", "github", "json"), default="text",
                   help="github adds Actions annotations and a job summary; json is for tools")
    v.add_argument("--strict", action="store_true", help="treat warnings as errors")
    v.set_defaults(run=cmd_validate)

    n = sub.add_parser("new", help="write a commented template record to fill in")
    n.add_argument("kind", choices=KindNames(), metavar="KIND", help="the kind of record: %(choices)s")
    n.add_argument("--title", help="the record's title; the file name is derived from it")
    n.add_argument("--id", help="the file name without extension, if not derived from the title")
    n.add_argument("--date", help="today's date for dated fields (default: today)")
    n.add_argument("--force", action="store_true", help="overwrite an existing file")
    n.set_defaults(run=cmd_new)

    s = sub.add_parser("schemas", help="regenerate schemas/*.schema.json, docs/fields.md, portal/recordtypes.py "
                       "and the other files made from the record formats")
    s.add_argument("--check", action="store_true", help="only report generated files that are out of date")
    s.set_defaults(run=cmd_schemas)

    fi = sub.add_parser("from-issue", help="turn the answers of the GitHub initiative issue form into a record file")
    fi.add_argument("body_file", metavar="BODY_FILE", help="the issue's body (Markdown) as GitHub wrote it")
    fi.add_argument("--write", action="store_true", help="write content/initiatives/<id>.md when the answers are valid")
    fi.add_argument("--date", help="date submitted, when the answers leave it empty (default: today)")
    fi.set_defaults(run=cmd_from_issue)

    iu = sub.add_parser("i18n-update", help="extract the interface's messages and update data/locale/*/messages.po")
    iu.add_argument("--add", metavar="LANG", help="also create the catalog of a new language (e.g. pt)")
    iu.set_defaults(run=cmd_i18n_update)

    ist = sub.add_parser("i18n-status", help="per language: interface messages and records still untranslated")
    ist.add_argument("--show", type=int, default=10, help="untranslated messages to list per language (default 10)")
    ist.add_argument("--strict", action="store_true", help="exit 1 when any interface message is untranslated")
    ist.set_defaults(run=cmd_i18n_status)
    return p


def _output_options(p: argparse.ArgumentParser, default=False) -> None:
    """--quiet and --verbose, given before the command (for the default one) or after it."""
    said = p.add_mutually_exclusive_group()
    said.add_argument("-q", "--quiet", action="store_true", default=default,
                      help="print only problems and failures: no progress, no summary")
    said.add_argument("-v", "--verbose", action="store_true", default=default,
                      help="also print a line as each stage of the build begins")


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    args.verbosity = -1 if getattr(args, "quiet", False) else 1 if getattr(args, "verbose", False) else 0
    run = getattr(args, "run", cmd_build)  # no command: build
    return run(Project(args.root.resolve()), args)
