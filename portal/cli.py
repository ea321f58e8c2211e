"""The command line: parse arguments, call the package, print, and turn the result into an exit code."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from . import problems as fmt
from .index import IndexingFailed
from .load import suggest_id
from .pipeline import build, check
from .printing import PrintingFailed
from .project import Project
from .kinds import BY_NAME, KINDS
from .reference import ReferenceError_, load_reference
from .scaffold import template
from .schemas import stale_files, write_generated


def _counts_line(files: dict) -> str:
    """'120 record files: 45 activities, 1 consultant, …'"""
    labels = {k.collection: (k.label, k.label_plural) for k in KINDS}
    parts = ", ".join(fmt.plural(n, *labels[name]) for name, n in files.items())
    return f"{fmt.plural(sum(files.values()), 'record file')}: {parts}"


def cmd_validate(project: Project, args) -> int:
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


def run_build(project: Project, live_reload: bool = False, quiet: bool = False, keep=None):
    """Build and print the outcome; returns the BuildResult, or None when the build stopped."""
    try:
        result = build(project, live_reload=live_reload, keep=keep)
    except (PrintingFailed, IndexingFailed) as exc:  # a tool the build runs failed, not the content
        print(f"error: {exc}", file=sys.stderr)
        print("Build stopped: nothing was written; site/ is unchanged.")
        return None
    text = fmt.format_text(result.report)
    if text:
        print(text)
    if not result.ok:
        print("Build stopped: nothing was written; site/ is unchanged.")
        return None
    if not quiet:
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
    return 0 if run_build(project) else 1


def cmd_serve(project: Project, args) -> int:
    from .live import LiveSite
    from .serve import serve
    from .uptodate import inputs_digest
    from .pipeline import build_date

    live = LiveSite(project)
    options = {"live_reload": True}
    digest = inputs_digest(project, build_date(), options)  # what the first build reads
    started = run_build(project, live_reload=True, keep=live.keep)
    if not started:
        return 1
    watch = [project.content_dir, project.data_dir, project.templates_dir, project.config_file]

    def rebuild(reload) -> None:
        if run_build(project, live_reload=True, keep=live.keep):
            reload()

    def ready(reload) -> None:
        """Once edits are listened for: when site/ was already up to date no build ran, so read the
        content for the first edit; and rebuild if something changed since the first build read it."""
        if live.site is None:
            live.prepare()
        if inputs_digest(project, build_date(), options) != digest:
            print("Changed while starting; rebuilding…", flush=True)
            rebuild(reload)

    def names(paths) -> str:
        root = project.root.resolve()
        shown = [Path(p).resolve() for p in paths[:3]]
        shown = [p.relative_to(root).as_posix() if p.is_relative_to(root) else str(p) for p in shown]
        return ", ".join(shown) + (f" and {len(paths) - 3} more" if len(paths) > 3 else "")

    def on_change(paths, reload) -> None:
        edit = live.edited_pages(paths)
        if edit is not None:
            reload()
            print(f"Changed {names(edit.records)}: {fmt.plural(len(edit.written), 'page')} rewritten in "
                  f"{edit.seconds * 1000:.0f} ms; rebuilding the rest…", flush=True)
        else:
            print(f"Changed {names(paths)}; rebuilding…", flush=True)
        rebuild(reload)

    serve(project, on_change, args.port, watch, ready)
    return 0


def cmd_new(project: Project, args) -> int:
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
    print(f"Wrote {target.relative_to(project.root).as_posix()}: fill in each TODO, then run 'python build.py validate'.")
    return 0


def cmd_schemas(project: Project, args) -> int:
    try:
        reference = load_reference(project.data_dir)
    except ReferenceError_ as exc:
        from .problems import Report
        print(fmt.format_text(Report(exc.problems)))
        return 1
    if args.check:
        stale = stale_files(project.root, reference)
        for rel in stale:
            print(f"{rel} is out of date; run 'python build.py schemas'")
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


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="build.py", description="South-South IP cooperation portal: check and build the content.")
    p.add_argument("--root", type=Path, default=Path.cwd(),
                   help="project folder holding content/ and data/ (default: the current folder)")
    sub = p.add_subparsers(dest="command", metavar="command")

    b = sub.add_parser("build", help="validate, then build the site into site/ (the default command)")
    b.set_defaults(run=cmd_build)

    sv = sub.add_parser("serve", help="build, serve on 127.0.0.1, rebuild and reload on every change")
    sv.add_argument("--port", type=int, default=8000, help="port to listen on (default 8000; 0 picks a free one)")
    sv.set_defaults(run=cmd_serve)

    v = sub.add_parser("validate", help="check every record and report all problems, then stop")
    v.add_argument("--format", choices=("text", "github", "json"), default="text",
                   help="github adds Actions annotations and a job summary; json is for tools")
    v.add_argument("--strict", action="store_true", help="treat warnings as errors")
    v.set_defaults(run=cmd_validate)

    n = sub.add_parser("new", help="write a commented template record to fill in")
    n.add_argument("kind", choices=[k.name for k in KINDS])
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


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    run = getattr(args, "run", cmd_build)  # no command: build
    return run(Project(args.root.resolve()), args)
