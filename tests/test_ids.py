"""Record ids from titles in any script: `new`, the issue-form converter and the contribute page
make the same readable ASCII id (portal/ids.py; the page's side is in tests/test_contribute_checks.py)."""

import datetime as dt
import re

from portal.cli import main
from portal.ids import MAX_ID_LENGTH, suggest_id, transliteration_table
from portal.intake import convert
from portal.load import ID_RE

TITLES = {
    "ar": ("شراكة الملكية الفكرية بين مصر والمغرب", "shrk-lmlky-lfkry-byn-msr-wlmgrb"),
    "zh": ("中国与非洲知识产权合作", "zhong-guo-yu-fei-zhou-zhi-shi-chan-quan-he-zuo"),
    "ru": ("Партнёрство по патентной экспертизе", "partnerstvo-po-patentnoi-ekspertize"),
}


def test_new_initiative_titles_in_three_scripts_give_three_readable_distinct_ids(make_project, capsys):
    project = make_project({})
    made = []
    for language, (title, expected) in TITLES.items():
        assert main(["--root", str(project.root), "new", "initiative", "--title", title, "--date", "2026-01-05"]) == 0
        written = re.search(r"Wrote (\S+\.md)", capsys.readouterr().out).group(1)
        stem = written.rsplit("/", 1)[-1].removesuffix(".md")
        assert stem == expected, language
        assert ID_RE.fullmatch(stem) and stem.isascii()
        assert f'title: "{title}"' in (project.root / written).read_text(encoding="utf-8")
        made.append(stem)
    assert len(set(made)) == 3


def test_ids_are_whole_words_within_the_limit_and_never_empty():
    long_title = "Patent examination twinning between southern offices " * 3
    slug = suggest_id(long_title)
    assert len(slug) <= MAX_ID_LENGTH and long_title.lower().replace(" ", "-").startswith(slug + "-")
    assert suggest_id("L'Égypte et le Maroc: 1,000 brevets") == "l-egypte-et-le-maroc-1000-brevets"
    assert suggest_id("¡¿!?") == "record"


def test_the_issue_form_converter_names_the_file_the_same_way(make_project):
    title = TITLES["ru"][0]
    intake = convert(f"### Name of the partnership\n\n{title}\n", make_project({}), dt.date(2026, 1, 5))
    assert intake.path == f"content/initiatives/{TITLES['ru'][1]}.md"


def test_the_browser_table_is_the_librarys():
    table = transliteration_table()
    for char in "ж中ش":  # none decomposes under NFKD, which comes first
        block = table[format(ord(char) // 256, "x")]
        assert suggest_id(char) == block[ord(char) % 256].strip().lower()
