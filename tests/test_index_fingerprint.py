"""The index fingerprint (portal/rendered.py) leaves out the fields of a view that the templates show
only inside `data-pagefind-ignore`. That holds only as long as the templates keep them there: here the
shipped content's searchable pages are rendered as they are and with those fields swapped for another
page's, and what Pagefind reads of the two (the text of `data-pagefind-body` outside ignored
elements, every tag and attribute there, and the meta, filters and sort keys anywhere) must be the
same, while the pages themselves differ."""

from __future__ import annotations

import dataclasses
from html.parser import HTMLParser

import pytest

from portal.i18n import using
from portal.render import BROWSE, environment, navigation
from portal.rendered import UNINDEXED, index_fingerprint
from site_helpers import derive_shipped_default_language

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
MARKS = ("data-pagefind-meta", "data-pagefind-filter", "data-pagefind-sort")


class Indexed(HTMLParser):
    """What Pagefind reads of a page, as a list of events."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool, bool, bool]] = []  # tag, in body, ignored, marked
        self.read: list = []

    def _state(self) -> tuple[bool, bool, bool]:
        return self.stack[-1][1:] if self.stack else (False, False, False)

    def handle_starttag(self, tag, attrs):
        body, ignored, marked = self._state()
        names = {name for name, _ in attrs}
        body = body or "data-pagefind-body" in names
        ignored = ignored or "data-pagefind-ignore" in names
        mark = names & set(MARKS)
        if mark:
            self.read.append(("mark", sorted(attrs)))
        if body and not ignored:
            self.read.append(("tag", tag, sorted(attrs)))
        if tag not in VOID:
            self.stack.append((tag, body, ignored, marked or bool(mark)))

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        body, ignored, marked = self._state()
        words = " ".join(data.split())  # Pagefind splits text into words: how they are spaced is not read
        if words and ((body and not ignored) or marked):
            self.read.append(("text", words))


def indexed(html: str) -> list:
    parser = Indexed()
    parser.feed(html)
    parser.close()
    return parser.read


@pytest.fixture(scope="module")
def english():
    project, checked, language, site = derive_shipped_default_language()
    return project, checked.config, language, site


def swapped(page, donors: dict):
    """The page with every field the index fingerprint leaves out taken from another page of its kind
    (kept empty or not as it was, since that is indexed)."""
    view = page.view
    changes = {}
    for field in dataclasses.fields(view):
        value = getattr(view, field.name)
        if field.name not in UNINDEXED or not value:
            continue
        other = next((v for v in donors.get((type(view), field.name), ()) if v and v != value), None)
        if other is None and isinstance(value, str):  # the same on every page (a source's name)
            other = value + " (another)"
        if other is not None:
            changes[field.name] = other
    return dataclasses.replace(page, view=dataclasses.replace(view, **changes)) if changes else None


def test_what_the_index_fingerprint_leaves_out_pagefind_does_not_read(english):
    project, config, language, site = english
    env = environment(project.templates_dir, language)
    common = {"site": config, "nav": navigation(), "browse": BROWSE, "lang": language, "languages": [language]}
    searchable = [p for p in site.pages if p.search is not None and dataclasses.is_dataclass(p.view)]
    donors: dict = {}
    for page in searchable:
        for field in dataclasses.fields(page.view):
            if field.name in UNINDEXED:
                donors.setdefault((type(page.view), field.name), []).append(getattr(page.view, field.name))

    def html(page) -> str:
        out_path = f"{language.code}/{page.path}"
        return env.get_template(page.template).render(page=page, view=page.view, out_path=out_path, **common)

    compared = set()
    with using(language):
        for page in searchable:
            other = swapped(page, donors)
            if other is None:
                continue
            assert index_fingerprint(other) == index_fingerprint(page), page.path
            before, after = html(page), html(other)
            assert before != after, page.path  # the swap shows: the comparison below means something
            assert indexed(after) == indexed(before), page.path
            compared.add((type(page.view).__name__, *sorted(
                f.name for f in dataclasses.fields(page.view) if getattr(other.view, f.name) != getattr(page.view, f.name))))
    # Every field left out was swapped on some page: hubs' lists, charts and classification tables,
    # and records' lists and suggestions.
    swapped_fields = {name for _kind, *names in compared for name in names}
    assert swapped_fields == set(UNINDEXED), swapped_fields
    assert {kind for kind, *_ in compared} >= {"HubView", "RecordView"}


def test_what_pagefind_reads_changes_the_index_fingerprint(english):
    _project, _config, _language, site = english
    page = next(p for p in site.pages if p.search is not None and type(p.view).__name__ == "HubView"
                and p.view.sections)
    for changed in (dataclasses.replace(page, title=page.title + " x"),
                    dataclasses.replace(page, view=dataclasses.replace(page.view, facts=page.view.facts[:-1])),
                    dataclasses.replace(page, view=dataclasses.replace(page.view, sections=()))):  # "No records yet."
        assert index_fingerprint(changed) != index_fingerprint(page)
    assert index_fingerprint(dataclasses.replace(page, search=None)) == ""


def test_a_page_fingerprint_with_each_card_pickled_once_changes_with_any_card_it_shows():
    """render_pages fingerprints a language's pages with `Fingerprints`, which pickles each card once
    and puts its digest in every page that shows it. The fingerprints must still tell every page
    apart, come out the same in another build (another instance, other objects), and change when one
    card of a list changes, as the plain pickle's do."""
    from portal.rendered import Fingerprints, fingerprint
    from portal.views import Card

    _project, _checked, _language, derived = derive_shipped_default_language()
    pages = [p for p in derived.pages if p.view is not None]
    listed = next(p for p in pages if len(getattr(p.view, "cards", ())) > 2)
    assert all(type(c) is Card for c in listed.view.cards)
    once = Fingerprints()
    keys = [once(p) for p in pages]
    assert len(set(keys)) == len({fingerprint(p) for p in pages}) == len(pages)
    assert keys == [Fingerprints()(p) for p in pages]
    assert len(once.cards) >= len(listed.view.cards)

    cards = list(listed.view.cards)
    cards[1] = dataclasses.replace(cards[1], title=cards[1].title + " (edited)")
    edited = dataclasses.replace(listed, view=dataclasses.replace(listed.view, cards=tuple(cards)))
    assert once(edited) != once(listed) and Fingerprints()(edited) != once(listed)
    assert once(listed) == keys[pages.index(listed)]
