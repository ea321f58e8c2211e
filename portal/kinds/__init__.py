"""The registry of record kinds: one declaration per kind (portal/kinds/kind.py says what a
declaration holds), in the order the site lists them. Every stage iterates over `KINDS` and looks
kinds up in `BY_NAME` and `BY_COLLECTION` when it runs, so a kind added here (or, in a test, with
`KINDS.adding(kind)`) is read by all of them. Adding a kind is a module here, one line below, its
templates and its translations."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from contextlib import contextmanager

from .activity import ACTIVITY
from .case_study import CASE_STUDY
from .consultant import CONSULTANT
from .initiative import INITIATIVE
from .kind import Facet, Kind
from .match import MATCH
from .matchmaking import NEED, OFFER


class Registry(Sequence):
    """The kinds, in order."""

    def __init__(self, *kinds: Kind):
        self._kinds = list(kinds)

    def __iter__(self):
        return iter(tuple(self._kinds))

    def __len__(self) -> int:
        return len(self._kinds)

    def __getitem__(self, i):
        return tuple(self._kinds)[i]

    @contextmanager
    def adding(self, kind: Kind):
        """The registry with one more kind for the duration of the block (tests)."""
        self._kinds.append(kind)
        try:
            yield kind
        finally:
            self._kinds.remove(kind)


class _Index(Mapping):
    """Kinds by one of their attributes, always in step with the registry."""

    def __init__(self, registry: Registry, attribute: str):
        self._registry, self._attribute = registry, attribute

    def __getitem__(self, key) -> Kind:
        for kind in self._registry:
            if getattr(kind, self._attribute) == key:
                return kind
        raise KeyError(key)

    def __iter__(self):
        return (getattr(k, self._attribute) for k in self._registry)

    def __len__(self) -> int:
        return len(self._registry)


KINDS = Registry(ACTIVITY, CONSULTANT, NEED, OFFER, CASE_STUDY, INITIATIVE, MATCH)
BY_NAME: Mapping[str, Kind] = _Index(KINDS, "name")
BY_COLLECTION: Mapping[str, Kind] = _Index(KINDS, "collection")

__all__ = ["ACTIVITY", "BY_COLLECTION", "BY_NAME", "CASE_STUDY", "CONSULTANT", "Facet", "INITIATIVE", "KINDS", "Kind",
           "MATCH", "NEED", "OFFER"]
