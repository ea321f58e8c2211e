"""How every page presents itself when its address is shared: the Open Graph and Twitter card tags
that chat apps and social networks read, and the canonical link that search engines read, computed
from the page's view in the page's language (templates/base.html prints them).

Open Graph wants absolute addresses, so `og:url` and the image appear only when site.toml sets
`base_url`; without it a page still has its title, description, type and locales, and a canonical
link to its own file (relative, which readers of the link resolve against the page's address)."""

from __future__ import annotations

import dataclasses
from functools import cache

from babel.core import Locale, get_global

from .config import SiteConfig
from .i18n import _
from .views import Page, RecordView, Share

IMAGE = "assets/share.png"  # templates/static/share.png, drawn by tools/share_image.py
IMAGE_SIZE = (1200, 630)
# Pages served at any address the site does not have: no address of their own.
ANYWHERE = ("404.html",)


@cache
def og_locale(code: str) -> str:
    """A language's Open Graph locale, language_TERRITORY, from CLDR's likely subtags: en_US, fr_FR,
    es_ES, ar_EG, zh_CN, ru_RU."""
    locale = Locale.parse(get_global("likely_subtags").get(code, code))
    return f"{locale.language}_{locale.territory}" if locale.territory else locale.language


def absolute(config: SiteConfig, path: str) -> str:
    """A site path (from the site's root) as an absolute address, or "" without a base URL."""
    return f"{config.base_url.rstrip('/')}/{path}" if config.base_url else ""


def share(config: SiteConfig, language: str, page: Page, path: str) -> Share:
    """`path`: where the page is written, from the site's root ("fr/countries/ken/index.html")."""
    anywhere = page.path in ANYWHERE
    url = "" if anywhere else absolute(config, path)
    image = absolute(config, IMAGE)
    return Share(
        title=page.title,
        description=page.description or _(config.tagline),
        type="article" if isinstance(page.view, RecordView) else "website",
        site_name=_(config.title),
        locale=og_locale(language),
        canonical="" if anywhere else url or path.rsplit("/", 1)[-1],
        url=url,
        image=image,
        image_alt=_("The portal's emblem: two linked rings, gold and white, on green") if image else "",
        image_width=IMAGE_SIZE[0] if image else 0,
        image_height=IMAGE_SIZE[1] if image else 0,
        card="summary_large_image" if image else "summary",
    )


def shared(config: SiteConfig, language: str, page: Page) -> Page:
    """The page of a language's folder with its sharing tags (in the active language)."""
    if page.share is not None:
        return page
    return dataclasses.replace(page, share=share(config, language, page, f"{language}/{page.path}"))
