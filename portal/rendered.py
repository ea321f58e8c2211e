"""Which pages a build must render again. A page's HTML is a function of its `Page` (its view
included: derived data only, strings, numbers and tuples) and of what every page shares: the
templates, the translations and reference data under data/, site.toml, the portal's code and
pinned requirements, the build date. The last build's record, in .cache/, holds for each page it
rendered the fingerprint of its `Page` (pickled, then hashed) and the size and modification time
of the file it wrote, under a basis: the digest of everything shared (`uptodate.inputs_digest`
without content/) and the site folder. A page whose fingerprint is the same, under the same basis,
and whose file is still as that build left it, is kept as it is; every other page is rendered.

So an edit renders the pages that show what changed (the record's page in each language, the lists,
hubs and pages that show its card or count it), not all of them.

A searchable page also gets the fingerprint of what Pagefind reads of it (`index_fingerprint`): the
page without the parts its template marks `data-pagefind-ignore` (the lists of other records on a hub
or a record page, the charts, a country's classification table). A hub that shows an edited record's
card is rendered again, but its fingerprint for the index is the same, so its Pagefind bundle is not
indexed again (portal/index.py). A fingerprint only ever causes
work to be skipped when the inputs are equal: a `Page` that pickles differently from one build to
the next (a set's order) is rendered again, never kept wrongly. The record is safe to delete: the
next build renders every page. JSON, not pickle, so that reading it runs no code."""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import io
import json
import pickle
from pathlib import Path

from . import uptodate
from .publish import write_atomically
from .views import Card

RECORD_FILE = "rendered-pages.json"


def fingerprint(page) -> str:
    return hashlib.blake2b(pickle.dumps(page, protocol=5), digest_size=16).hexdigest()


class Fingerprints:
    """`fingerprint` for the pages of one edition, with each card (`Card`, a record in a list) pickled
    once: a record's card is one object shared by every list, hub and page that shows it (about a
    dozen at 10,000 records), and pickling it again on each was 40% of the 118 MB pickled for one
    language's pages at 10,000 records (78 MB now, each card once included). A card stands in a page's pickle as its own digest, so a page's fingerprint
    still changes with any card it shows. Keeps the cards it has seen (and so their ids) while it
    lives: one per call of render_pages."""

    def __init__(self):
        self.cards: dict[int, tuple] = {}  # id -> (digest, the card)

    def __call__(self, page) -> str:
        out = io.BytesIO()
        _CardsOnce(out, self.cards).dump(page)
        return hashlib.blake2b(out.getbuffer(), digest_size=16).hexdigest()


class _CardsOnce(pickle.Pickler):
    def __init__(self, file, cards: dict):
        super().__init__(file, protocol=5)
        self.cards = cards

    def reducer_override(self, obj):  # not called for str, int, tuple, list, dict and the like
        if type(obj) is not Card:
            return NotImplemented
        known = self.cards.get(id(obj))
        if known is None:
            known = self.cards[id(obj)] = (hashlib.blake2b(pickle.dumps(obj, protocol=5), digest_size=16).digest(), obj)
        return Card, known[:1]  # never called: the pickle is hashed, not loaded


# What the templates show of a view only inside `data-pagefind-ignore` (templates/hub.html,
# templates/record.html, the chart macro), apart from whether it is empty: "No records yet." and the
# charts' heading are indexed. tests/test_index_fingerprint.py renders pages with these fields changed
# and checks that Pagefind reads the same text, tags, meta and filters.
UNINDEXED = ("sections", "suggestions", "charts", "history", "history_source")


def index_fingerprint(page, key: str | None = None, fingerprint=fingerprint) -> str:
    """The fingerprint of what Pagefind indexes of a searchable page; "" for one it does not index.
    A page that shows nothing Pagefind ignores (most record pages) is indexed whole: its own
    fingerprint (`key`, if already computed) serves. Two fingerprints of a page made in different
    ways never match, so a page that gains or loses such parts counts as changed (indexed again)."""
    if page.search is None:
        return ""
    view = page.view
    blanked = {f.name: bool(getattr(view, f.name)) for f in dataclasses.fields(view)
               if f.name in UNINDEXED} if dataclasses.is_dataclass(view) else {}
    if not any(blanked.values()):
        return key or fingerprint(page)
    return "i" + fingerprint(dataclasses.replace(page, view=dataclasses.replace(view, **blanked)))


def basis(project, site_dir: Path, today) -> str:
    return uptodate.inputs_digest(project, today, {"site": str(site_dir.resolve())}, content=False)


def _path(project) -> Path:
    return project.cache_dir / RECORD_FILE


def load(project, basis_: str) -> dict:
    """The last build's pages (site path -> [fingerprint, size, modification time in ns, index
    fingerprint]) if it was made under this basis; else none (every page is then rendered)."""
    try:
        record = json.loads(_path(project).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(record, dict) or record.get("basis") != basis_ or not isinstance(record.get("pages"), dict):
        return {}
    return {path: entry for path, entry in record["pages"].items()
            if isinstance(entry, list) and len(entry) == 4 and isinstance(entry[0], str)
            and isinstance(entry[3], str) and all(isinstance(n, int) for n in entry[1:3])}


def reindexed(last: dict | None, made: dict) -> set[str] | None:
    """The searchable pages (site paths) whose indexed text may differ from the last build's: those
    whose index fingerprint is new or changed. None without a record of the last build (then every
    page whose file changed counts)."""
    if last is None:
        return None
    return {path for path, entry in made.items() if entry[3] and (path not in last or last[path][3] != entry[3])}


def save(project, basis_: str, pages: dict) -> None:
    path = _path(project)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(path, json.dumps({"basis": basis_, "pages": pages}, separators=(",", ":")).encode("utf-8"))


def forget(project) -> None:
    with contextlib.suppress(FileNotFoundError):
        _path(project).unlink()
