"""A country's status as the portal shows it: the one in force on the build date on country pages
and the About page, the one in force on a record's date on the record's page, and a decision still
pending on it, with its source, wherever that status is shown and in every language."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter

import pytest
import yaml

from portal.pipeline import build, check
from site_helpers import ROOT

LANGUAGES = ["en", "fr", "es", "ar", "zh", "ru"]
BANGLADESH_SOURCE = "https://en.prothomalo.com/amp/story/bangladesh/9pm68gmz49"


def epoch(day: dt.date) -> str:
    return str(int(dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc).timestamp()))


def activity(countries: str, start: str) -> str:
    beneficiaries = "".join(f"  - country: {c}\n" for c in countries.split())
    return f"""\
title: Workshop on patent examination
description: Examiners compared search practice.
type: workshop
mode: online
topics: [patents]
start: {start}
hosts: [IND]
beneficiaries:
{beneficiaries}languages: [en]
"""


def built(make_project, tmp_path, monkeypatch, day: dt.date, countries: str, start: str, languages=("en",)):
    """A site built on `day` from one activity, held on `start` for `countries` (ISO codes, spaced)."""
    files = {"site.toml": f"[site]\nlanguages = {list(languages)!r}\n".replace("'", '"'),
             "content/activities/patent-workshop.yml": activity(countries, start)}
    project = make_project(files)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch(day))
    site = tmp_path / f"site-{day.isoformat()}"
    result = build(project, site_dir=site, use_cache=False)
    assert result.ok, [p.headline() for p in result.report.sorted()]
    return site


def fact(html: str, label: str) -> str:
    """The text of a fact's value (tags removed), by its label."""
    value = re.search(rf"<dt>{re.escape(label)}</dt>\s*<dd>(.*?)</dd>", html, re.S).group(1)
    return " ".join(re.sub(r"<[^>]+>", " ", value).split())


def current_row(html: str) -> str:
    row = re.search(r'<tr class="current">(.*?)</tr>', html, re.S).group(1)
    return " ".join(re.sub(r"<[^>]+>", " ", row).split())


def statuses_on(day: dt.date) -> Counter:
    """Countries by status on `day`, read from data/countries.yml without the portal's loader."""
    data = yaml.safe_load((ROOT / "data" / "countries.yml").read_text(encoding="utf-8"))
    counts = Counter()
    for spec in data["countries"].values():
        for period in spec["status"]:
            start, until = period.get("from"), period.get("until")
            if (start is None or start <= day.isoformat()) and (until is None or day.isoformat() < until):
                counts[period["status"]] += 1
    return counts


@pytest.mark.parametrize("day, today", [(dt.date(2023, 12, 12), "Least developed country"),
                                        (dt.date(2023, 12, 13), "Developing economy")])
def test_classification_today_is_the_one_in_force_on_the_build_date(make_project, tmp_path, monkeypatch, day,
                                                                       today):
    """Bhutan graduated on 13 December 2023: its page says so from that day on, not before."""
    site = built(make_project, tmp_path, monkeypatch, day, "BTN", "2019-05-14")
    html = (site / "en" / "countries" / "btn" / "index.html").read_text(encoding="utf-8")
    assert fact(html, "Classification today") == today
    assert current_row(html).startswith(f"{today} (current)")
    counts = statuses_on(day)
    about = (site / "en" / "about" / "index.html").read_text(encoding="utf-8")
    for status, name in (("least-developed", "Least developed country"), ("developing", "Developing economy")):
        assert f"<li>{name}: {counts[status]}</li>" in about


def test_about_counts_the_least_developed_countries_of_the_build_date(make_project, tmp_path, monkeypatch):
    day = dt.date(2026, 12, 6)  # after Bangladesh, the Lao PDR and Nepal graduate, before Solomon Islands
    site = built(make_project, tmp_path, monkeypatch, day, "KHM SEN SLB", "2019-05-14")
    about = (site / "en" / "about" / "index.html").read_text(encoding="utf-8")
    counts = statuses_on(day)
    assert counts["least-developed"] == statuses_on(dt.date(2026, 11, 23))["least-developed"] - 3
    assert f"<li>Least developed country: {counts['least-developed']}</li>" in about
    for iso3 in ("KHM", "SEN", "SLB"):  # they graduate later: least developed today
        html = (site / "en" / "countries" / iso3.lower() / "index.html").read_text(encoding="utf-8")
        assert fact(html, "Classification today").startswith("Least developed country (inclusion date")
        assert current_row(html).startswith("Least developed country (current)")


def test_a_pending_decision_applies_from_the_scheduled_date_to_the_proposed_one(reference):
    bangladesh = reference.countries["BGD"]
    for day, status, pending in ((dt.date(2026, 11, 23), "least-developed", False),
                                 (dt.date(2026, 11, 24), "developing", True),
                                 (dt.date(2029, 11, 23), "developing", True),
                                 (dt.date(2029, 11, 24), "developing", False)):
        period = bangladesh.status_on(day)
        assert (period.status, period.pending_on(day) is not None) == (status, pending), day
    assert bangladesh.status_on(dt.date(2026, 11, 24)).pending.proposed == dt.date(2029, 11, 24)
    # Decided dates carry no pending decision.
    assert all(p.pending is None for iso3 in ("LAO", "NPL", "KHM", "SEN", "SLB")
               for p in reference.countries[iso3].history)


# What each language says of Bangladesh's pending extension, on its country page and on the page of
# a record dated after 24 November 2026.
PENDING = {
    "en": ("Decision pending: extension of the preparatory period for graduation from the least developed country "
           "category to 24 November 2029, recommended by the UN Committee for Development Policy and made public on "
           "2 June 2026; the scheduled date applies until the General Assembly decides",
           "developing economy on that date — decision pending: extension of the preparatory period",
           "Source of the pending decision"),
    "fr": ("Décision en attente : prolongation jusqu’au 24 novembre 2029 de la période préparatoire",
           "économie en développement à cette date — décision en attente : prolongation",
           "Source de la décision en attente"),
    "es": ("Decisión pendiente: prórroga hasta el 24 de noviembre de 2029 del período preparatorio",
           "economía en desarrollo en esa fecha — decisión pendiente: prórroga",
           "Fuente de la decisión pendiente"),
    "ar": ("قرار معلّق: تمديد الفترة التحضيرية لرفع الاسم من فئة أقل البلدان نموا",
           "اقتصاد نامٍ في ذلك التاريخ — قرار معلّق: تمديد الفترة التحضيرية",
           "مصدر القرار المعلّق"),
    "zh": ("尚待决定：从最不发达国家类别中毕业的筹备期延长至2029年11月24日",
           "当时为发展中经济体——尚待决定：从最不发达国家类别中毕业的筹备期",
           "待决事项的来源"),
    "ru": ("Ожидается решение: продление подготовительного периода к исключению из категории наименее развитых "
           "стран до 24 ноября 2029",
           "развивающаяся экономика на тот момент — ожидается решение: продление",
           "Источник сведений об ожидаемом решении"),
}


def test_bangladesh_pending_extension_is_shown_with_its_source_in_every_language(make_project, tmp_path,
                                                                                   monkeypatch):
    site = built(make_project, tmp_path, monkeypatch, dt.date(2026, 12, 6), "BGD", "2026-12-01", LANGUAGES)
    link = f'<a href="{BANGLADESH_SOURCE}">'
    for code in LANGUAGES:
        country_page, record_note, sources_label = PENDING[code]
        hub = (site / code / "countries" / "bgd" / "index.html").read_text(encoding="utf-8")
        today, history = hub.split('id="classification"', 1)
        assert country_page in today and link in today, code  # classification today
        assert country_page in current_row(history) and link in history, code  # the history table
        record = (site / code / "activities" / "patent-workshop" / "index.html").read_text(encoding="utf-8")
        assert record_note in record, code
        sources = re.search(rf"<dt>{re.escape(sources_label)}</dt>\s*<dd>(.*?)</dd>", record, re.S)
        assert sources and link in sources.group(1), code
    english = (site / "en" / "activities" / "patent-workshop" / "index.html").read_text(encoding="utf-8")
    assert fact(english, "Source of the pending decision") == (
        "UN CDP supports 3-year delay to Bangladesh’s LDC graduation (Prothom Alo, 2 June 2026) (Bangladesh)")
    assert "amend" not in english


def test_no_pending_note_on_a_date_the_decision_cannot_change(make_project, tmp_path, monkeypatch):
    """Before the scheduled graduation, Bangladesh is least developed whatever is decided: the record
    and the classification today say so plainly; the history table still shows the pending decision."""
    site = built(make_project, tmp_path, monkeypatch, dt.date(2026, 11, 1), "BGD", "2026-10-01")
    record = (site / "en" / "activities" / "patent-workshop" / "index.html").read_text(encoding="utf-8")
    assert "Bangladesh</a> <span class=\"note\">(least developed country on that date)</span>" in record
    assert "pending" not in record
    hub = (site / "en" / "countries" / "bgd" / "index.html").read_text(encoding="utf-8")
    assert fact(hub, "Classification today") == "Least developed country"
    assert "Decision pending: extension" in hub.split('id="classification"', 1)[1]


@pytest.mark.parametrize("change, where, message", [
    ("decision: ldc-extension", "decision: ldc-deferral",
     "BGD: unknown pending decision 'ldc-deferral' (known: ldc-extension)"),
    ('proposed: "2029-11-24"', 'proposed: "2026-11-24"',
     "BGD: pending.proposed must come after the period's 'from' (the start the pending decision would give it)"),
    ("            url: ", "            address: ",
     "BGD: pending needs decision, announced, proposed and source (title and url), and nothing else"),
])
def test_a_malformed_pending_decision_is_a_reference_data_problem(make_project, change, where, message):
    project = make_project({})
    countries = project.data_dir / "countries.yml"
    text = countries.read_text(encoding="utf-8")
    assert text.count(change) == 1
    text = text.replace(change, where)
    countries.write_text(text, encoding="utf-8")
    lines = text.splitlines()
    if "needs" in message:  # the whole field is wrong: the problem points at its value
        line = next(i for i, t in enumerate(lines, 1) if t.strip() == "pending:") + 1
        column = 11
    else:
        line = next(i for i, t in enumerate(lines, 1) if where in t)
        column = lines[line - 1].index(where.split(": ")[1]) + 1
    result = check(project)
    assert [p.headline() for p in result.report.sorted()] == [
        f"data/countries.yml:{line}:{column}: error[reference-data]: {message}"]
    assert result.catalog is None
