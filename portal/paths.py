"""Where every page and file of the site lives: paths inside a language's folder (or, for files
every language shares, from the site's root). One place, so that links and pages agree."""

from __future__ import annotations

CALENDAR = "needs/expiry.ics"
COMPILATION = "case-studies/compilation/index.html"
PDF = "data/case-studies.pdf"  # shared by every language, at the root


def record_path(collection: str, record_id: str) -> str:
    return f"{collection}/{record_id}/index.html"


def country_path(iso3: str) -> str:
    return f"countries/{iso3.lower()}/index.html"


def topic_path(code: str) -> str:
    return f"topics/{code}/index.html"


def region_path(code: str) -> str:
    """WIPO groupings by their code; UN M49 regions by 'm49-' and their number."""
    return f"regions/{code}/index.html"


def m49_slug(code: str) -> str:
    return f"m49-{code}"


def listing_path(collection: str, facet: str | None = None, value: str | None = None, page: int = 1) -> str:
    base = collection if facet is None else f"{collection}/{facet}/{value}"
    return f"{base}/index.html" if page == 1 else f"{base}/page/{page}/index.html"
