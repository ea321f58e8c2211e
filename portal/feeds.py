"""Subscriptions: Atom feeds (new and updated initiatives, needs and offers, activities, and one per
country), and the sitemap and robots.txt when the site's public address is known."""

from __future__ import annotations

import re
from dataclasses import dataclass
from xml.sax import saxutils

# What XML 1.0 forbids in a document (section 2.2, Char): the C0 controls but tab, line feed and
# carriage return; lone surrogates; U+FFFE and U+FFFF. One such character makes the whole feed
# unreadable to every feed reader, so none is ever written, whatever the validator let through.
NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(text: str) -> str:
    """Text as the content of an XML element: escaped, without characters XML 1.0 forbids."""
    return saxutils.escape(NOT_XML.sub("", text))


def xml_attribute(text: str) -> str:
    """Text as a quoted XML attribute value: escaped, without characters XML 1.0 forbids."""
    return saxutils.quoteattr(NOT_XML.sub("", text))


ATOM = "http://www.w3.org/2005/Atom"
TAG = "tag:south-south-ip-portal,2026:"  # entry ids: stable, whatever the address the site moves to


@dataclass(frozen=True)
class Entry:
    path: str  # site path of the record page
    title: str
    updated: str  # ISO date: when the record was posted, reviewed or held
    summary: str
    kind: str
    modality: str = ""  # the computed modality's label, for kinds that have one
    title_lang: str = ""  # the language of the title when it is not the feed's (a record not yet translated)
    summary_lang: str = ""  # the same for the summary


@dataclass(frozen=True)
class Feed:
    path: str  # site path of the feed file, e.g. "feeds/initiatives.xml"
    title: str
    entries: tuple  # Entry, newest first


def absolute(base_url: str, path: str) -> str:
    return base_url.rstrip("/") + "/" + path if base_url else path


def render_atom(feed: Feed, site_title: str, base_url: str, built: str, lang: str) -> str:
    """Atom 1.0 (RFC 4287). Links are absolute when a base URL is configured, else relative to the
    feed's own address (which feed readers resolve against the feed URL). `lang`: the feed's
    language, as xml:lang; a record's text in another language carries its own."""
    depth = "../" * feed.path.count("/")

    def link(path: str) -> str:
        return absolute(base_url, path) if base_url else depth + path

    updated = max((e.updated for e in feed.entries), default=built)
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        f'<feed xmlns="{ATOM}" xml:lang={xml_attribute(lang)}>',
        f"  <id>{TAG}{xml_text(feed.path)}</id>",
        f"  <title>{xml_text(site_title)}: {xml_text(feed.title)}</title>",
        f"  <updated>{updated}T00:00:00Z</updated>",
        f"  <link rel=\"self\" href={xml_attribute(link(feed.path))}/>",
        f"  <link rel=\"alternate\" type=\"text/html\" href={xml_attribute(link('index.html'))}/>",
        f"  <author><name>{xml_text(site_title)}</name></author>",
    ]
    for e in feed.entries:
        lines += [
            "  <entry>",
            f"    <id>{TAG}{xml_text(e.path.removesuffix('/index.html'))}</id>",
            f"    <title{_lang(e.title_lang)}>{xml_text(e.title)}</title>",
            f"    <updated>{e.updated}T00:00:00Z</updated>",
            f"    <link rel=\"alternate\" type=\"text/html\" href={xml_attribute(link(e.path))}/>",
            f"    <category term={xml_attribute(e.kind)}/>",
            *([f"    <category term={xml_attribute(e.modality)}/>"] if e.modality else []),
            f"    <summary{_lang(e.summary_lang)}>{xml_text(e.summary)}</summary>",
            "  </entry>",
        ]
    lines.append("</feed>")
    return "\n".join(lines) + "\n"


def _lang(code: str) -> str:
    return f" xml:lang={xml_attribute(code)}" if code else ""


def render_sitemap(base_url: str, groups) -> str:
    """Every page, each group being one page in every language: [(language, path), ...]; each URL lists
    its translations as alternates, as search engines read them (the pages themselves do not: see
    templates/base.html), and the root's language chooser as the one for any other language."""
    lines = ['<?xml version="1.0" encoding="utf-8"?>',
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">']
    chooser = f'    <xhtml:link rel="alternate" hreflang="x-default" href={xml_attribute(absolute(base_url, "index.html"))}/>'
    for group in groups:
        alternates = [f'    <xhtml:link rel="alternate" hreflang="{lang}" href={xml_attribute(absolute(base_url, p))}/>'
                      for lang, p in group] + [chooser] if len(group) > 1 else []
        for _lang, path in group:
            lines += ["  <url>", f"    <loc>{xml_text(absolute(base_url, path))}</loc>", *alternates, "  </url>"]
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def render_robots(base_url: str) -> str:
    return f"User-agent: *\nAllow: /\n\nSitemap: {absolute(base_url, 'sitemap.xml')}\n"
