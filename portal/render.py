"""Stage 4, render: view models through Jinja templates into a staging folder. Autoescaping and
StrictUndefined are on; the only HTML that is not escaped is sanitized Markdown."""

from __future__ import annotations

import dataclasses
import os
import re
from pathlib import Path

import jinja2
from markupsafe import Markup

from . import forking
from .config import SiteConfig
from .escaping import script_json_filter
from .i18n import Language, N_, _, text_direction, using
from .kinds import KINDS
from .files import read_regular, walk
from .publish import Output
from .rendered import Fingerprints, index_fingerprint
from . import sharing
from .views import Page

def navigation() -> tuple:
    """The collections, as the site's navigation lists them: (section, label, path)."""
    return tuple((k.collection, k.heading, f"{k.collection}/index.html")
                 for k in sorted(KINDS, key=lambda k: k.nav_position))


BROWSE = (
    ("countries", N_("Countries"), "countries/index.html"),
    ("regions", N_("Regions"), "regions/index.html"),
    ("topics", N_("Topics"), "topics/index.html"),
    ("data", N_("Open data"), "data/index.html"),
    ("about", N_("About"), "about/index.html"),
    ("contribute", N_("Contribute"), "contribute/index.html"),
)
# The Content-Security-Policy every page carries in a <meta> element (a static host may send no
# headers): scripts, styles, images and connections from the site itself only, no inline script,
# handler or style attribute. Pagefind compiles WebAssembly ('wasm-unsafe-eval'); the charts are inline
# SVG; the reload script that `serve` adds to the pages it answers is a file of that server and asks it. frame-ancestors cannot be set from a <meta>: hosts that
# send headers add it (docs/search.md). From disk 'self' is the site's files.
# Written as short as it reads: styles, fonts, connections and workers fall back to default-src
# (workers through script-src, which adds only WebAssembly), so naming them 'self' again changed nothing;
# base-uri and form-action do not fall back, and are named. Markup: its quotes stay quotes in the
# attribute (escaped, each was five characters), on every page of the site.
CONTENT_SECURITY_POLICY = Markup(
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; img-src 'self' data:; object-src 'none'; "
    "base-uri 'none'; form-action 'self'")

# The site has one folder per language (en/, fr/, ...); these are shared by all, at the root.
SHARED = ("assets/", "pagefind/")


def shared(target: str) -> bool:
    """Files every language uses from the root: assets, the search bundle, the open data downloads."""
    return target.startswith(SHARED) or (target.startswith("data/") and not target.endswith(".html"))


def in_site(target: str) -> bool:
    """Whether a link's target is a path in the site (not empty, not another site, mail or a fragment)."""
    return bool(target) and "://" not in target and not target.startswith(("mailto:", "#"))


def relative(target: str, page_path: str) -> str:
    """A link from one page to another of the same language (paths inside the language's folder).
    Relative, so the site works from disk and under any base path."""
    if not in_site(target):
        return target
    return "../" * page_path.count("/") + target


def link(target: str, out_path: str, lang: str) -> str:
    """A link from the page written at `out_path` (from the site root) to `target`: a shared file,
    or a page of language `lang` (a path inside that language's folder)."""
    if not in_site(target):
        return target
    to_language, to_root = ways_up(out_path, lang)
    return (to_root if shared(target) else to_language) + target


def ways_up(out_path: str, lang: str) -> tuple[str, str]:
    """From the page written at `out_path`: the way to its language's folder, and to the site's root."""
    to_root = "../" * out_path.count("/")
    if out_path.startswith(lang + "/"):
        return to_root[3:], to_root
    return f"{to_root}{lang}/", to_root


@jinja2.pass_context
def _href(context, target: str | None) -> str:
    return link(target or "", context["out_path"], context["lang"].code)


@jinja2.pass_context
def _link_to(context, language: Language | None, path: str) -> str:
    """The same page in another language (the language switcher, hreflang); None: the root page."""
    up = "../" * context["out_path"].count("/")
    return f"{up}{language.code}/{path}" if language else f"{up}{path}"


def _place(context) -> tuple[int, bool, str]:
    """What a page's links depend on: its depth, whether it is inside its language's folder, and a
    path of the same depth and place ("en/x/x/index.html"), from which links come out the same."""
    out_path, lang = context["out_path"], context["lang"]
    depth, inside = out_path.count("/"), out_path.startswith(lang.code + "/")
    return depth, inside, (f"{lang.code}/" if inside else "") + "x/" * (depth - inside) + "index.html"


class _CardCache:
    """A card (a record in a list) is the same HTML on every page but for its links' way up to the
    language's folder ("../../"), and records appear on many lists of every depth (collection,
    facets, countries, regions, topics): render each card once, with a mark where the way up goes,
    and put in the way up of each page that shows it.

    The card template is rendered in an overlay of the environment whose `href` filter writes the
    marks. They start with "<", which autoescaping turns into "&lt;" in every value a card shows,
    so only the filter can have written them. Keyed by the card's identity (the page context makes one
    card per record and language, which the pages share); the cache holds the card, so no other
    object can take its id."""

    TO_LANGUAGE = "<up:language>"  # in front of a page of the same language ("activities/x/index.html")
    TO_ROOT = "<up:root>"  # in front of a file at the site's root ("assets/site.css")

    def __init__(self, env: jinja2.Environment):
        marking = env.overlay(bytecode_cache=MARKED)  # code compiled for this `href`, never shared with env's
        marking.filters = {**env.filters, "href": self._marked}
        self.template = marking.get_template("card.html")
        self.cache: dict = {}

    @classmethod
    def _marked(cls, target: str | None) -> str | Markup:
        target = target or ""
        if not in_site(target):
            return target
        return Markup(cls.TO_ROOT if shared(target) else cls.TO_LANGUAGE) + target  # the target escaped

    @jinja2.pass_context
    def __call__(self, context, card, level: int = 3):
        key = (id(card), level)
        hit = self.cache.get(key)
        if hit is None or hit[0] is not card:
            hit = self.cache[key] = (card, self.template.render(card=card, level=level, lang=context["lang"]))
        to_language, to_root = ways_up(context["out_path"], context["lang"].code)
        return Markup(hit[1].replace(self.TO_LANGUAGE, to_language).replace(self.TO_ROOT, to_root))


class _Shared:
    """A partial that the pages in a row show with the very same value (one object that their views
    share, as the pages of one list share its facets): rendered once per value and page depth, and
    reused. `shared("facets.html", view.facets, heading=...)`: the partial sees `value` and the named
    values. Keyed by the object's identity; the cache holds the object, so no other can take its id.
    A few entries suffice: each worker renders a list's pages one after another."""

    LIMIT = 16

    def __init__(self, env: jinja2.Environment):
        self.env = env
        self.cache: dict = {}

    @jinja2.pass_context
    def __call__(self, context, name: str, value, **named):
        depth, inside, canonical = _place(context)
        key = (name, id(value), tuple(sorted(named.items())), depth, inside)
        hit = self.cache.get(key)
        if hit is not None and hit[0] is value:
            return hit[1]
        if len(self.cache) >= self.LIMIT:
            self.cache.clear()
        html = Markup(self.env.get_template(name).render(value=value, out_path=canonical, lang=context["lang"],
                                                         **named))
        self.cache[key] = (value, html)
        return html


class _Chrome:
    """The page chrome (templates/chrome/: header, main navigation, footer) is the same on every page
    of one depth and navigation section, and rendering it on every page (its words through gettext
    each time) was about a sixth of all rendering at 10,000 records: render each variant once. The
    partial is given only what the variant depends on, so a partial that used the page would fail
    loudly rather than be reused wrongly."""

    def __init__(self, env: jinja2.Environment):
        self.env = env
        self.cache: dict = {}

    @jinja2.pass_context
    def __call__(self, context, name: str):
        depth, inside, canonical = _place(context)
        key = (name, depth, inside, context["page"].nav)
        html = self.cache.get(key)
        if html is None:
            html = Markup(self.env.get_template(f"chrome/{name}.html").render(
                site=context["site"], nav=context["nav"], browse=context["browse"], lang=context["lang"],
                languages=context["languages"], current=key[3], out_path=canonical))
            self.cache[key] = html
        return html


MAX_ASSET_BYTES = 64 * 1024 * 1024


INDENT = re.compile(r"^[ \t]+", re.M)


class _RegularFileLoader(jinja2.FileSystemLoader):
    """Templates from regular files only: a template that is, or is under, a symbolic link is not
    found (the check refuses links under templates/ by name before anything is rendered).

    The templates' indentation is for their readers, not the pages': it is left out as they are
    loaded (about 3% of a page's bytes; lstrip_blocks only strips it before a block tag). No
    template holds text whose leading spaces show (no <pre>, no filled <textarea>); messages that
    span lines are `{% trans trimmed %}`, which joins their lines whatever their indentation; what a
    page shows from records (Markdown, texts) comes through values, which this does not touch."""

    def get_source(self, environment, template):
        base = Path(self.searchpath[0])
        path = base.joinpath(*jinja2.loaders.split_template_path(template))
        for part in [base, *(base / p for p in reversed(path.relative_to(base).parents[:-1])), path]:
            if os.path.islink(part):
                raise jinja2.TemplateNotFound(template)
        if path.exists() and not path.is_file():
            raise jinja2.TemplateNotFound(template)
        source, filename, uptodate = super().get_source(environment, template)
        return INDENT.sub("", source), filename, uptodate


class _Compiled(jinja2.BytecodeCache):
    """Templates compiled once per process, not once per environment: a build makes an environment
    per language (and the card's overlay, and one in each worker), and each compiled every template
    it used again (about 5% of rendering at one language, a multiple of it at six). Jinja keys the
    code by template name and file, and checks it against a hash of the source, so an edited
    template is compiled again (`serve`). The compiled code depends on the environment's settings
    and on its filters (a filter that takes the context is called with it): environments that share
    one of these caches have the same; the card's overlay, whose `href` does not take the context,
    has its own (MARKED). Forked workers inherit what this process compiled (`warm`)."""

    LIMIT = 512  # templates kept; a long `serve` session that edits templates clears it now and then

    def __init__(self):
        self.store: dict = {}

    def load_bytecode(self, bucket) -> None:
        code = self.store.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket) -> None:
        if len(self.store) >= self.LIMIT:
            self.store.clear()
        self.store[bucket.key] = bucket.bytecode_to_string()


COMPILED = _Compiled()  # the environments of `environment`
MARKED = _Compiled()  # their card overlays (_CardCache), whose `href` is another function


def warm(env: jinja2.Environment) -> None:
    """Compile every page template now (before forking workers, which then inherit the code)."""
    for name in env.list_templates(extensions=("html",)):
        env.get_template(name)


def environment(templates_dir: Path, language: Language) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=_RegularFileLoader(templates_dir),
        bytecode_cache=COMPILED,
        auto_reload=False,  # an environment lives for one build (serve makes new ones for the next)
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        extensions=["jinja2.ext.i18n"],
    )
    env.install_gettext_translations(language.translations, newstyle=True)
    env.filters["href"] = _href
    env.globals["link_to"] = _link_to
    env.filters["text_dir"] = text_direction
    env.filters["script_json"] = script_json_filter
    env.globals["content_security_policy"] = CONTENT_SECURITY_POLICY
    env.globals["card_html"] = _CardCache(env)
    env.globals["chrome"] = _Chrome(env)
    env.globals["shared"] = _Shared(env)
    return env


def write_files(files: dict, output: Output, folder: str = "") -> None:
    """Outputs that are not pages (calendars, feeds, exports): path -> text (written as UTF-8) or bytes."""
    for rel, content in files.items():
        output.write(folder + rel, content)


# Pages per worker process below which rendering stays in this process (forking costs little, but
# a small site gains nothing).
PARALLEL_MIN_PAGES = 1500
PROGRESS_EVERY = 50  # pages rendered in this process between two reports of progress


def render_pages(pages, lang: Language, languages, config: SiteConfig, templates_dir: Path, output: Output,
                 env: jinja2.Environment | None = None, written=None, last: dict | None = None,
                 made: dict | None = None) -> int:
    """`written(n)`, if given, is told every so often how many of these pages are written. With `made`
    (a dict), each page's fingerprint and file go into it (portal/rendered.py), and a page whose
    fingerprint and file are those `last` has for it is kept as it is, not rendered."""
    env = env or environment(templates_dir, lang)
    common = {"site": config, "nav": navigation(), "browse": BROWSE, "lang": lang,
              "languages": languages}
    fingerprint = Fingerprints()
    with using(lang):
        for n, page in enumerate(pages, 1):
            out_path = f"{lang.code}/{page.path}"
            key = fingerprint(page) if made is not None else None
            before = (last or {}).get(out_path) if key else None
            if before is not None and before[0] == key and output.kept(out_path, before[1:3]):
                made[out_path] = before
            else:
                html = env.get_template(page.template).render(page=page, view=page.view, out_path=out_path, **common)
                output.write(out_path, html)
                if made is not None:
                    made[out_path] = [key, *output.stat(out_path), index_fingerprint(page, key, fingerprint)]
            if written is not None and n % PROGRESS_EVERY == 0:
                written(n)
    return len(pages)


def _render_share(job: tuple, worker: int, workers: int) -> tuple:
    """Every workers-th page, starting at `worker`, written into the folder; returns what it wrote."""
    edition, languages, config, templates_dir, root, last = job
    output = Output(root)
    made = {} if last is not None else None
    count = render_pages(edition.pages[worker::workers], edition.language, languages, config, templates_dir,
                         output, last=last, made=made)
    return count, output.produced, output.changed, made or {}


class Rendering:
    """Each language's pages written as soon as they are derived. A large edition is rendered by one
    forked process per core, each writing its share of the pages (each page by exactly one process, so
    the output is the same as from one process), started in the background (`add`), so that this
    process derives the next language meanwhile and holds at most two languages' pages at a time;
    `add` first waits for the workers of the edition before. A small edition is rendered here.
    `written(n)`: told the pages written so far (every few pages in this process, or when an edition's
    workers are done)."""

    def __init__(self, languages, config: SiteConfig, templates_dir: Path, output: Output,
                 workers: int | None = None, written=None, last: dict | None = None):
        """`last`: the pages the last build rendered (portal/rendered.py); with it, pages whose
        fingerprint and file are unchanged are kept, and `made` collects this build's."""
        self.languages, self.config, self.templates_dir, self.output = languages, config, templates_dir, output
        self.workers, self.written, self.last = workers, written, last
        self.made: dict = {}
        self.count = 0
        self._running: forking.Running | None = None

    def add(self, edition) -> None:
        self.wait()
        workers = self.workers
        if workers is None:
            workers = min(os.cpu_count() or 1, 8) if len(edition.pages) >= PARALLEL_MIN_PAGES else 1
        if workers <= 1 or not forking.can_fork():
            before = self.count
            self.count += render_pages(edition.pages, edition.language, self.languages, self.config,
                                       self.templates_dir, self.output,
                                       written=self.written and (lambda n: self.written(before + n)),
                                       last=self.last, made=self.made if self.last is not None else None)
            self._tell()
        else:
            warm(environment(self.templates_dir, edition.language))  # compiled here once, not in every worker
            job = (edition, self.languages, self.config, self.templates_dir, self.output.root, self.last)
            self._running = forking.Running(job, _render_share, range(workers), workers, collect=True)
        write_files(edition.files, self.output, edition.language.code + "/")

    def wait(self) -> int:
        """Waits for the workers of the last edition added; the pages written so far."""
        if self._running is not None:
            running, self._running = self._running, None
            for share, produced, changed, made in running.result():
                self.count += share
                self.output.merge(produced, changed)
                self.made.update(made)
            self._tell()
        return self.count

    def stop(self) -> None:
        """The workers of the last edition stopped (a build that failed on the way)."""
        if self._running is not None:
            self._running.stop()
            self._running = None

    def _tell(self) -> None:
        if self.written is not None:
            self.written(self.count)


def render_root(not_found: Page, languages, config: SiteConfig, templates_dir: Path, output: Output) -> int:
    """The pages at the root: the language chooser (index.html) and the not-found page that web hosts
    serve for any missing address (`not_found`, the default language's 404.html, linking into its
    folder)."""
    default = languages[0]
    env = environment(templates_dir, default)
    common = {"site": config, "nav": navigation(), "browse": BROWSE, "lang": default,
              "languages": languages}
    with using(default):
        chooser = Page("index.html", "languages.html", _(config.title), None, description=_(config.tagline))
        chooser = dataclasses.replace(chooser, share=sharing.share(config, default.code, chooser, chooser.path))
        for page in (chooser, not_found):
            html = env.get_template(page.template).render(page=page, view=page.view, out_path=page.path, **common)
            output.write(page.path, html)
    return 2


def copy_assets(templates_dir: Path, output: Output) -> None:
    """templates/static/ into assets/: regular files only, never what a link points to (the check
    refuses links and special files under templates/ by name; what is left here is skipped)."""
    static = templates_dir / "static"
    if os.path.islink(static):
        return
    for path, problem in walk(static, static):  # nothing when the folder is missing
        if problem is None and path.is_file():
            output.write("assets/" + path.relative_to(static).as_posix(), read_regular(path, MAX_ASSET_BYTES))
