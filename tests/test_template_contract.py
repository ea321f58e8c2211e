"""The contract between the views and the templates: every template reads only what its view provides.

Templates run with StrictUndefined, so a template that reads a field its view lacks fails the build,
but only on the pages that reach that line (a branch taken by one record in a thousand). This reads
every template's syntax tree instead: each attribute read on `view`, `page` or `site`, on a loop
variable over one of their fields (`{% for s in view.sections %}` ... `s.title`), on a variable set
from one, or on a macro's parameter (checked with the values each call gives it, through
`card_html`'s card.html and `shared`'s partials too), must be a field or property of the dataclass
it is read from.

What each name holds comes from the real thing: the shipped content is derived (no rendering), each
page's template gets the type of its view, and what every dataclass field holds (which dataclasses
a tuple field carries) is observed on those views, since a field's annotation says only `tuple`."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import jinja2
import pytest
from jinja2 import nodes

from portal.render import environment
from portal.views import HubView, RecordView
from site_helpers import ROOT, derive_shipped_default_language

# Pages that render.py makes itself, not derive: the language chooser at the root (no view).
RENDERED_AT_THE_ROOT = {"languages.html": (None,)}

UNKNOWN: frozenset = frozenset()  # nothing known about a value: nothing is checked on it
OTHER = "other"  # a value that is neither a dataclass, a sequence nor a mapping (text, number, None)


def seq(elements: frozenset) -> tuple:
    return ("seq", elements)


def mapping(values: frozenset) -> tuple:
    return ("map", values)


def union(*shapes: frozenset) -> frozenset:
    """Shapes are sets of: a dataclass type, seq(shape), mapping(shape) or OTHER."""
    plain, seqs, maps = set(), [], []
    for shape in shapes:
        for atom in shape:
            if isinstance(atom, tuple) and atom[0] == "seq":
                seqs.append(atom[1])
            elif isinstance(atom, tuple) and atom[0] == "map":
                maps.append(atom[1])
            else:
                plain.add(atom)
    if seqs:
        plain.add(seq(union(*seqs)))
    if maps:
        plain.add(mapping(union(*maps)))
    return frozenset(plain)


class Observed:
    """What each field of each dataclass was seen to hold, on real views."""

    def __init__(self):
        self.fields: dict[tuple[type, str], frozenset] = {}
        self._seen: set[int] = set()
        self._keep: list = []  # the objects walked, alive, so that no other object takes an id seen

    def shape(self, value) -> frozenset:
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            cls = type(value)
            if id(value) not in self._seen:
                self._seen.add(id(value))
                self._keep.append(value)
                for f in dataclasses.fields(value):
                    key = (cls, f.name)
                    self.fields[key] = union(self.fields.get(key, UNKNOWN), self.shape(getattr(value, f.name)))
            return frozenset({cls})
        if isinstance(value, (tuple, list)):
            return frozenset({seq(union(*(self.shape(v) for v in value)))})
        if isinstance(value, dict):
            return frozenset({mapping(union(*(self.shape(v) for v in value.values())))})
        return frozenset({OTHER})


def elements(shape: frozenset) -> frozenset:
    """What iterating over a value of this shape gives (for a mapping: its keys, which are text)."""
    return union(*(atom[1] for atom in shape if isinstance(atom, tuple) and atom[0] == "seq"),
                 *(frozenset({OTHER}) for atom in shape if isinstance(atom, tuple) and atom[0] == "map"))


def provides(cls: type, attr: str) -> bool:
    return attr in {f.name for f in dataclasses.fields(cls)} or hasattr(cls, attr)


def dotted(node) -> str:
    if isinstance(node, nodes.Getattr):
        return f"{dotted(node.node)}.{node.attr}"
    if isinstance(node, nodes.Name):
        return node.name
    return "(…)"


class Checker:
    """Walks templates with what each name holds, and lists every attribute read that its value lacks."""

    def __init__(self, env: jinja2.Environment, observed: Observed, globals_: dict[str, frozenset]):
        self.env, self.observed, self.globals = env, observed, globals_
        self.problems: list[str] = []
        self.reads = 0  # attribute reads checked against a dataclass
        self.unresolved: set[str] = set()  # reads on a value of unknown shape, "template:line: chain"
        self.templates: set[str] = set()  # every template walked
        self._done: set = set()

    def check(self, name: str, scope: dict[str, frozenset]) -> None:
        key = (name, tuple(sorted(scope.items(), key=lambda item: item[0])))
        if key in self._done:
            return
        self._done.add(key)
        self.templates.add(name)
        source = self.env.loader.get_source(self.env, name)[0]
        tree = self.env.parse(source, name)
        macros = {m.name: (name, m) for m in tree.find_all(nodes.Macro)}
        for imported in tree.find_all(nodes.FromImport):
            other = self.env.parse(self.env.loader.get_source(self.env, imported.template.value)[0])
            self.templates.add(imported.template.value)
            found = {m.name: (imported.template.value, m) for m in other.find_all(nodes.Macro)}
            for entry in imported.names:
                original, alias = entry if isinstance(entry, tuple) else (entry, entry)
                macros[alias] = found[original]
        scope = {**self.globals, **scope}
        _Walk(self, name, macros, scope).stmts(tree.body, dict(scope))
        for parent in tree.find_all(nodes.Extends):
            self.check(parent.template.value, {k: v for k, v in scope.items() if k not in self.globals})


class _Walk:
    def __init__(self, checker: Checker, template: str, macros: dict, root: dict):
        self.c, self.template, self.macros, self.root = checker, template, macros, root
        self._called: set = set()

    # ---- statements

    def stmt(self, node, scope: dict) -> None:
        if isinstance(node, nodes.For):
            self.expr(node.iter, scope)
            inner = dict(scope)
            self.bind(node.target, elements(self.expr(node.iter, scope)), inner)
            inner["loop"] = UNKNOWN
            if node.test is not None:
                self.expr(node.test, inner)
            self.stmts(node.body, inner)
            self.stmts(node.else_, dict(scope))
        elif isinstance(node, nodes.Assign):
            self.bind(node.target, self.expr(node.node, scope), scope)
        elif isinstance(node, nodes.Macro):
            return  # walked where it is called, with what the call gives
        elif isinstance(node, nodes.With):
            inner = dict(scope)
            for target, value in zip(node.targets, node.values):
                self.bind(target, self.expr(value, scope), inner)
            self.stmts(node.body, inner)
        elif isinstance(node, (nodes.Extends, nodes.FromImport)):
            return  # the checker follows both
        elif isinstance(node, nodes.Expr) or not isinstance(node, nodes.Stmt):
            self.expr(node, scope)
        else:  # If, Output, Block, Scope, CallBlock, FilterBlock, …: the same names inside
            for child in node.iter_child_nodes():
                if isinstance(child, nodes.Stmt):
                    self.stmt(child, scope)
                else:
                    self.expr(child, scope)

    def stmts(self, body, scope: dict) -> None:
        for node in body:
            self.stmt(node, scope)

    def bind(self, target, shape: frozenset, scope: dict) -> None:
        if isinstance(target, nodes.Name):
            scope[target.name] = shape
        elif isinstance(target, nodes.Tuple):  # `for title, links in …`: each name, one of the items
            for item in target.items:
                self.bind(item, elements(shape), scope)

    # ---- expressions: the shape of the value, checking every attribute read on the way

    def expr(self, node, scope: dict) -> frozenset:
        if isinstance(node, nodes.Name):
            return scope.get(node.name, UNKNOWN)
        if isinstance(node, nodes.Getattr):
            return self.getattr(node, self.expr(node.node, scope))
        if isinstance(node, nodes.Getitem):
            base = self.expr(node.node, scope)
            self.expr(node.arg, scope)
            if isinstance(node.arg, nodes.Const) and isinstance(node.arg.value, str):
                return self.getattr(node, base, node.arg.value)
            return elements(base)
        if isinstance(node, nodes.CondExpr):
            self.expr(node.test, scope)
            return union(self.expr(node.expr1, scope),
                         self.expr(node.expr2, scope) if node.expr2 is not None else UNKNOWN)
        if isinstance(node, nodes.Call):
            return self.call(node, scope)
        for child in node.iter_child_nodes():
            if isinstance(child, nodes.Stmt):
                self.stmt(child, scope)
            else:
                self.expr(child, scope)
        return UNKNOWN

    def getattr(self, node, base: frozenset, attr: str | None = None) -> frozenset:
        attr = attr or node.attr
        if not base and isinstance(node, nodes.Getattr):
            self.c.unresolved.add(f"{self.template}:{node.lineno}: {dotted(node)}")
        out = []
        for atom in base:
            if isinstance(atom, type):
                self.c.reads += 1
                if not provides(atom, attr):
                    self.c.problems.append(f"{self.template}:{node.lineno}: {dotted(node)}: "
                                           f"{atom.__name__} has no field or property '{attr}'")
                elif (atom, attr) in self.c.observed.fields:
                    out.append(self.c.observed.fields[(atom, attr)])
            elif isinstance(atom, tuple) and atom[0] == "map" and not hasattr(dict, attr):
                out.append(atom[1])  # Jinja reads a mapping's key as an attribute
        return union(*out)

    def call(self, node: nodes.Call, scope: dict) -> frozenset:
        args = [self.expr(a, scope) for a in node.args]
        kwargs = {k.key: self.expr(k.value, scope) for k in node.kwargs}
        for extra in (node.dyn_args, node.dyn_kwargs):
            if extra is not None:
                self.expr(extra, scope)
        callee = node.node
        if not isinstance(callee, nodes.Name):
            self.expr(callee, scope)
            return UNKNOWN
        if callee.name in self.macros:
            self.macro(callee.name, args, kwargs)
        elif callee.name == "card_html" and args:  # render.py's _CardCache: card.html with `card`
            self.c.check("card.html", {"card": args[0], "level": UNKNOWN})
        elif callee.name == "shared" and len(args) >= 2 and isinstance(node.args[0], nodes.Const):
            self.c.check(node.args[0].value, {"value": args[1], **kwargs})  # render.py's _Shared
        elif callee.name == "chrome" and args and isinstance(node.args[0], nodes.Const):
            self.c.check(f"chrome/{node.args[0].value}.html", {})  # render.py's _Chrome: site, lang, nav, …
        return UNKNOWN

    def macro(self, name: str, args: list, kwargs: dict) -> None:
        where, macro = self.macros[name]
        params = [a.name for a in macro.args]
        bound = dict(zip(params, args))
        bound.update({k: v for k, v in kwargs.items() if k in params})
        key = (name, tuple(sorted(bound.items(), key=lambda item: item[0])))
        if key in self._called:
            return
        self._called.add(key)
        scope = dict(self.root)  # imported `with context`: a macro also sees the page's names
        for param in params:
            scope[param] = bound.get(param, UNKNOWN)
        walk = self if where == self.template else _Walk(self.c, where, self._macros_of(where), self.root)
        walk._called = self._called
        walk.stmts(macro.body, scope)

    def _macros_of(self, template: str) -> dict:
        tree = self.c.env.parse(self.c.env.loader.get_source(self.c.env, template)[0])
        return {m.name: (template, m) for m in tree.find_all(nodes.Macro)}


# ---------------------------------------------------------------------------- the real templates


@pytest.fixture(scope="module")
def derived():
    return derive_shipped_default_language()


@pytest.fixture(scope="module")
def contract(derived):
    """(observed shapes, template -> shape of its views, the names every template sees)."""
    project, checked, language, site = derived
    observed = Observed()
    views: dict[str, frozenset] = {}
    for page in site.pages:
        views[page.template] = union(views.get(page.template, UNKNOWN), observed.shape(page.view))
        observed.shape(page)
    for template, values in RENDERED_AT_THE_ROOT.items():
        views[template] = union(views.get(template, UNKNOWN), *(observed.shape(v) for v in values))
    globals_ = {"site": observed.shape(checked.config), "lang": observed.shape(language),
                "languages": observed.shape((language,))}
    return observed, views, globals_, project, language


def checker_for(contract, templates: dict[str, str] | None = None) -> Checker:
    observed, _views, globals_, project, language = contract
    env = environment(project.templates_dir, language)
    if templates:
        env.loader = jinja2.ChoiceLoader([jinja2.DictLoader(templates), env.loader])
    return Checker(env, observed, globals_)


def check_page_templates(checker: Checker, views: dict[str, frozenset]) -> None:
    from portal.views import Page

    for template, view in sorted(views.items()):
        checker.check(template, {"page": frozenset({Page}), "view": view})


def test_every_template_reads_only_what_its_view_provides(contract):
    observed, views, *_ = contract
    checker = checker_for(contract)
    check_page_templates(checker, views)
    assert checker.problems == []
    # the check saw every template and did read something: every page's view is a known type
    templates = Path(ROOT / "templates")
    on_disk = {p.relative_to(templates).as_posix() for p in templates.rglob("*.html") if "static" not in p.parts}
    assert on_disk <= checker.templates, on_disk - checker.templates
    assert checker.reads > 500
    # and left nothing unchecked but Jinja's `loop` and a macro's dict of HTML attributes: a read on a
    # field never seen filled in the shipped content would land here (fill it in a record, or extend
    # RENDERED_AT_THE_ROOT for a page that derive does not make)
    unchecked = {line for line in checker.unresolved if line.split(": ")[1].split(".")[0] not in ("loop", "attrs")}
    assert unchecked == set()
    for template, view in views.items():
        assert view, template
    assert views["record.html"] == frozenset({RecordView}) and views["hub.html"] == frozenset({HubView})


# ---------------------------------------------------------------------------- the check can fail


def problems_of(contract, source: str, view: frozenset, name: str = "synthetic.html") -> list[str]:
    from portal.views import Page

    checker = checker_for(contract, {name: source})
    checker.check(name, {"page": frozenset({Page}), "view": view})
    return checker.problems


def test_a_field_the_view_lacks_is_caught(contract):
    record = frozenset({RecordView})
    assert problems_of(contract, "<h1>{{ view.title }}</h1>", record) == []
    assert problems_of(contract, "<h1>{{ view.no_such_field }}</h1>\n", record) == [
        "synthetic.html:1: view.no_such_field: RecordView has no field or property 'no_such_field'"]
    assert problems_of(contract, "{{ page.title }} {{ page.no_title }}", record) == [
        "synthetic.html:1: page.no_title: Page has no field or property 'no_title'"]
    assert problems_of(contract, "{{ site.no_setting }}", record) == [
        "synthetic.html:1: site.no_setting: SiteConfig has no field or property 'no_setting'"]


def test_loop_variables_set_variables_and_macro_parameters_are_checked(contract):
    hub = frozenset({HubView})
    loop = "{% for s in view.sections %}\n{{ s.title }}{% for c in s.cards %}{{ c.titel }}{% endfor %}{% endfor %}"
    assert problems_of(contract, loop, hub) == ["synthetic.html:2: c.titel: Card has no field or property 'titel'"]
    assert problems_of(contract, "{% set more = view.sections[0].more %}{{ more.link }}", hub) == [
        "synthetic.html:1: more.link: Item has no field or property 'link'"]
    # facts() reads f.label and f.items: given sections instead of facts, it is caught in macros.html
    wrong = '{% from "macros.html" import facts with context %}{{ facts(view.sections) }}'
    found = problems_of(contract, wrong, hub)
    assert found and all(p.startswith("macros.html:") and "Section has no field" in p for p in found), found
    assert problems_of(contract, wrong.replace("view.sections", "view.facts"), hub) == []


def test_a_real_template_with_a_misspelt_field_is_caught(contract):
    _observed, views, *_ = contract
    source = (ROOT / "templates" / "hub.html").read_text(encoding="utf-8").replace("row.current", "row.curent", 1)
    found = problems_of(contract, source, views["hub.html"], "hub.html")
    assert len(found) == 1 and "row.curent: StatusRow has no field or property 'curent'" in found[0], found
