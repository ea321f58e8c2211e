"""The YAML reader: strings stay as written, hazards are problems, and no input raises."""

import string

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from portal import yamlsafe
from portal.load import load_file
from portal.kinds import ACTIVITY


def test_plain_scalars_stay_the_strings_written():
    parsed = yamlsafe.parse("country: NO\nflag: on\ncode: 0123\nversion: 1.10\nday: 2024-01-01\nnone: ~\n")
    assert parsed.issues == []
    assert parsed.data == {"country": "NO", "flag": "on", "code": "0123", "version": "1.10",
                           "day": "2024-01-01", "none": None}


def test_positions_point_at_values_and_keys():
    parsed = yamlsafe.parse("a: 1\nb:\n  - x\n  - {c: NO}\n")
    assert parsed.positions[("b", 1, "c")] == (4, 9)
    assert parsed.key_positions[("b", 1, "c")] == (4, 6)
    assert parsed.where(("b", 0)) == (3, 5)
    assert parsed.where(("missing", "deeper")) == (1, 1)


def test_alias_bomb_is_refused_without_expanding():
    bomb = 'a: &a ["x","x","x","x","x","x","x","x","x"]\n' + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)}]\n" for i in range(8))
    parsed = yamlsafe.parse(bomb)
    assert parsed.data is None
    assert [i.code for i in parsed.issues] == ["yaml-alias"]


def test_deep_nesting_is_a_problem_not_a_recursion_error():
    parsed = yamlsafe.parse("[" * 5000)
    assert parsed.data is None
    assert parsed.issues[0].code == "yaml-too-deep"


def test_norway_on_0123_and_1_10_survive_the_whole_validator(make_project):
    from portal.pipeline import check

    need = """\
title: "1.10"
description: on
seeker: {name: 0123, type: ip-office, country: NO}
topics: [patents]
support_types: [technical]
languages: [no]
posted: 2026-01-01
status: open
"""
    result = check(make_project({"content/needs/norway.yml": need}))
    # 'NO' as a country is a problem that names Norway's code; every other value is kept as written
    assert [p.headline() for p in result.report.sorted()] == [
        "content/needs/norway.yml:3:48: error[country]: 'NO' is not a known country code"]
    fixed = check(make_project({"content/needs/norway.yml": need.replace("country: NO", "country: NOR")}))
    assert fixed.report.problems == []
    record = fixed.catalog.get("needs", "norway")
    assert (record.title, record.description, record.seeker.name) == ("1.10", "on", "0123")
    assert (record.seeker.country, record.languages) == ("NOR", ("no",))


@given(st.text(max_size=400))
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_any_text_gives_data_or_problems(text):
    parsed = yamlsafe.parse(text)
    assert parsed.issues or parsed.data is None or isinstance(parsed.data, (dict, list, str))
    if parsed.issues:
        assert parsed.data is None
        for issue in parsed.issues:
            assert issue.line >= 1 and issue.column >= 1


YAMLISH = st.text(alphabet=string.ascii_letters + string.digits + " :-[]{}&*!|>'\"#?,\n\t%@`", max_size=300)


@given(YAMLISH)
@settings(max_examples=500, deadline=None)
def test_yaml_like_text_gives_data_or_problems(text):
    parsed = yamlsafe.parse(text)
    assert not (parsed.issues and parsed.data is not None)


@given(st.binary(max_size=600))
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_any_bytes_in_a_record_file_give_a_record_or_problems(tmp_path_factory, data):
    root = tmp_path_factory.mktemp("bytes")
    path = root / "content" / "activities" / "x.yml"
    path.parent.mkdir(parents=True)
    path.write_bytes(data)
    record, problems = load_file(ACTIVITY, path, root)
    assert (record is None) == bool(problems)
    for problem in problems:
        assert problem.path == "content/activities/x.yml" and problem.line >= 1
