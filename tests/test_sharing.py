"""What a page says when its address is pasted into a chat or a social network (Open Graph, Twitter
card) and which address is its own (canonical link): parsed from the built HTML of a record, a country
and a list page in each of the six languages and checked against the page's view."""

from __future__ import annotations

import struct

from portal.pages.records import DESCRIPTION
from portal.pipeline import build
from site_helpers import ROOT, elements

ACTIVITY = "biotechnology-patent-examination-workshop-buenos-aires-2009"
LANGUAGES = ["en", "fr", "es", "ar", "zh", "ru"]
# Open Graph locales are language_TERRITORY; each language's most likely territory (CLDR).
LOCALES = {"en": "en_US", "fr": "fr_FR", "es": "es_ES", "ar": "ar_EG", "zh": "zh_CN", "ru": "ru_RU"}
BASE = "https://portal.example.org/sub/"
PAGES = {"record": f"activities/{ACTIVITY}/index.html", "country": "countries/arg/index.html",
         "list": "activities/index.html"}


def built(make_project, tmp_path, settings: str):
    """The one activity built with `settings`; returns the site folder and every derived page by
    (language, path)."""
    project = make_project({
        f"content/activities/{ACTIVITY}.yml": (ROOT / "content" / "activities" / f"{ACTIVITY}.yml").read_text(),
        "site.toml": settings,
    })
    kept = {}
    result = build(project, site_dir=tmp_path / "site", use_cache=False,
                   keep=lambda checked, site, languages: kept.update(site=site, languages=languages))
    assert result.ok, [p.headline() for p in result.report.sorted()]
    views = {}
    for language in kept["languages"]:
        for page in kept["site"].edition(language).pages:
            views[(language.code, page.path)] = page
    return tmp_path / "site", views


def tags(html: str) -> dict:
    """The page's sharing tags: meta property/name -> list of contents, and 'canonical' -> hrefs."""
    found: dict[str, list] = {}
    for tag, attrs in elements(html.split("</head>")[0]):
        if tag == "meta" and (attrs.get("property", "").startswith("og:") or attrs.get("name", "").startswith("twitter:")):
            found.setdefault(attrs.get("property") or attrs["name"], []).append(attrs["content"])
        elif tag == "link" and attrs.get("rel") == "canonical":
            found.setdefault("canonical", []).append(attrs["href"])
        elif tag == "meta" and attrs.get("name") == "description":
            found.setdefault("description", []).append(attrs["content"])
    return found


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


def test_record_country_and_list_pages_share_their_own_title_address_and_language(make_project, tmp_path):
    settings = f'[site]\nbase_url = "{BASE}"\nlanguages = {LANGUAGES!r}\n'.replace("'", '"')
    site, views = built(make_project, tmp_path, settings)
    seen = {name: {} for name in PAGES}
    for lang in LANGUAGES:
        for name, path in PAGES.items():
            page = views[(lang, path)]
            found = tags((site / lang / path).read_text(encoding="utf-8"))
            one = {key: values[0] for key, values in found.items()}
            assert all(len(v) == 1 for v in found.values()), (lang, path, found)
            address = f"{BASE}{lang}/{path}"
            assert one["canonical"] == one["og:url"] == address == page.share.url
            assert one["og:title"] == page.title != ""
            assert one["og:description"] == one["description"] == page.description
            if name == "record":
                assert 0 < len(page.description) <= DESCRIPTION, page.description
            assert one["og:type"] == ("article" if name == "record" else "website") == page.share.type
            assert one["og:locale"] == LOCALES[lang] == page.share.locale
            assert "og:locale:alternate" not in found  # each language has its own address (base.html)
            assert one["og:image"] == f"{BASE}assets/share.png"
            image = site / "assets" / "share.png"
            assert png_size(image.read_bytes()) == (int(one["og:image:width"]), int(one["og:image:height"]))
            assert one["og:image:alt"] == page.share.image_alt != ""
            assert one["twitter:card"] == "summary_large_image"
            # X falls back to the Open Graph tags for the rest: they are not repeated
            assert not {"twitter:title", "twitter:description", "twitter:image", "twitter:image:alt"} & set(found)
            assert one["og:site_name"] == page.share.site_name
            seen[name][lang] = one
    # In each language its own words: the list's title and description, the country page's
    # description, the image's description and the site's name differ from one language to the next
    # (a record's summary is its own text, and "Argentina" is the same in English and Spanish).
    for key, names in (("og:title", ("list",)), ("og:description", ("list", "country")),
                       ("og:image:alt", ("list",)), ("og:site_name", ("list",))):
        for name in names:
            values = [seen[name][lang][key] for lang in LANGUAGES]
            assert len(set(values)) == len(LANGUAGES), (key, name, values)


def test_without_a_base_url_no_relative_address_is_offered_as_absolute(make_project, tmp_path):
    site, views = built(make_project, tmp_path, '[site]\nlanguages = ["en", "ar"]\n')
    for lang in ("en", "ar"):
        for path in PAGES.values():
            found = tags((site / lang / path).read_text(encoding="utf-8"))
            # Open Graph needs absolute addresses: without the site's address, none is made up.
            assert "og:url" not in found and "og:image" not in found and "twitter:image" not in found
            assert found["canonical"] == ["index.html"]  # the page's own file, resolved against its address
            assert found["twitter:card"] == ["summary"]
            assert found["og:title"] == [views[(lang, path)].title]
            assert found["og:locale"] == [LOCALES[lang]]
    # a not-found page is served at addresses that are not its own: it claims none
    found = tags((site / "en" / "404.html").read_text(encoding="utf-8"))
    assert "canonical" not in found and "og:url" not in found and found["og:title"]


def test_the_share_image_is_the_one_the_script_draws():
    import sys
    from PIL import Image  # pinned in requirements.txt: tools/share_image.py draws with it

    sys.path.insert(0, str(ROOT / "tools"))
    try:
        import share_image
    finally:
        sys.path.remove(str(ROOT / "tools"))
    committed = Image.open(ROOT / "templates" / "static" / "share.png").convert("RGB")
    assert committed.size == (1200, 630)
    drawn = share_image.draw().convert("RGB")
    assert committed.tobytes() == drawn.tobytes()


def test_a_long_summary_is_described_up_to_a_whole_word():
    from portal.wording import excerpt

    summary = "Coffee producers drew on Colombian experience to build a regional denomination of origin " * 5
    short = excerpt(summary.strip(), 300)
    assert len(short) <= 300 and short.endswith("\u2026")
    assert summary.startswith(short[:-1]) and summary[len(short) - 1] == " "  # the cut falls between words
    assert excerpt("A short summary.", 300) == "A short summary."
    chinese = "咖啡" * 200  # no spaces: cut at the limit
    assert excerpt(chinese, 300) == chinese[:299] + "\u2026"
