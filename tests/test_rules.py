"""Records are judged as of their own dates, from the dated classification in data/countries.yml."""

import datetime as dt

import pytest

from portal.pipeline import check
from portal.kinds import ACTIVITY, CONSULTANT, INITIATIVE
from samples import ACTIVITY as ACTIVITY_TEXT
from samples import CONSULTANT as CONSULTANT_TEXT
from samples import INITIATIVE as INITIATIVE_TEXT

LDCS_LATE_2024 = set(
    "AFG AGO BGD BEN BFA BDI KHM CAF TCD COM COD DJI ERI ETH GMB GIN GNB HTI KIR LAO LSO LBR MDG MWI MLI MRT MOZ "
    "MMR NPL NER RWA SEN SLE SLB SOM SSD SDN TZA TLS TGO TUV UGA YEM ZMB".split())
TRANSITION = set("ALB BIH MNE MKD SRB ARM AZE BLR GEO KAZ KGZ MDA RUS TJK TKM UKR UZB".split())


def with_status(reference, status, day):
    return {c.iso3 for c in reference.countries.values() if c.status_on(day).status == status}


def test_ldc_list_matches_the_un_list_and_scheduled_graduations(reference):
    assert with_status(reference, "least-developed", dt.date(2026, 11, 23)) == LDCS_LATE_2024
    assert with_status(reference, "least-developed", dt.date(2026, 11, 24)) == LDCS_LATE_2024 - {"BGD", "LAO", "NPL"}
    assert reference.countries["SLB"].status_on(dt.date(2027, 12, 12)).status == "least-developed"
    assert reference.countries["SLB"].status_on(dt.date(2027, 12, 13)).status == "developing"
    for iso3 in ("KHM", "SEN"):
        assert reference.countries[iso3].status_on(dt.date(2029, 12, 18)).status == "least-developed"
        assert reference.countries[iso3].status_on(dt.date(2029, 12, 19)).status == "developing"


@pytest.mark.parametrize("iso3, day", [
    ("BWA", "1994-12-20"), ("CPV", "2007-12-20"), ("MDV", "2011-01-01"), ("WSM", "2014-01-01"),
    ("GNQ", "2017-06-04"), ("VUT", "2020-12-04"), ("BTN", "2023-12-13"), ("STP", "2024-12-13")])
def test_past_graduations_on_their_dates(reference, iso3, day):
    day = dt.date.fromisoformat(day)
    country = reference.countries[iso3]
    assert country.status_on(day - dt.timedelta(days=1)).status == "least-developed"
    assert country.status_on(day).status == "developing"


def test_transition_economies(reference):
    # WESP's list, and Kosovo, which WESP does not classify, classed with it by override.
    assert with_status(reference, "in-transition", dt.date(2026, 11, 29)) == TRANSITION | {"XKX"}
    assert "POL" in with_status(reference, "in-transition", dt.date(2004, 4, 30))


def activity(start: str, host: str) -> str:
    return (ACTIVITY_TEXT.replace("start: 2019-05-14", f"start: {start}").replace("end: 2019-05-16\n", "")
            .replace("hosts: [KEN]", f"hosts: [{host}]").replace("consultants: [amina-diallo]\n", ""))


@pytest.mark.parametrize("start, status", [("2023-12-12", "least-developed"), ("2023-12-13", "developing")])
def test_status_shown_changes_across_an_ldc_graduation(make_project, start, status):
    result = check(make_project({"content/activities/bhutan.yml": activity(start, "BTN")}))
    assert result.report.problems == []
    record = result.catalog.get("activities", "bhutan")
    day = ACTIVITY.as_of(record)
    assert result.catalog.reference.countries["BTN"].status_on(day).status == status


def test_south_south_verdict_changes_when_a_country_leaves_the_south(make_project):
    before = check(make_project({"content/activities/poland.yml": activity("2004-04-30", "POL")}))
    assert before.report.problems == []
    after = check(make_project({"content/activities/poland.yml": activity("2004-05-01", "POL")}))
    assert [p.headline() for p in after.report.sorted()] == [
        "content/activities/poland.yml:8:9: error[not-southern]: POL (Poland), a developed economy on 2004-05-01, "
        "cannot be a host or provider of a South-South activity"]


def test_partial_dates_are_judged_on_their_first_day(make_project):
    assert check(make_project({"content/activities/p.yml": activity("2004-04", "POL")})).report.problems == []
    assert [p.code for p in check(make_project({"content/activities/p.yml": activity("2004-05", "POL")})).report.problems] == ["not-southern"]


@pytest.mark.parametrize("listed, ok", [("2003-06-01", True), ("2005-06-01", False)])
def test_consultant_nationality_judged_on_listing_date(make_project, listed, ok):
    text = CONSULTANT_TEXT.replace("nationality: SEN", "nationality: CZE").replace("listed: 2015-03-01", f"listed: {listed}")
    result = check(make_project({"content/consultants/expert.yml": text}))
    assert (result.report.problems == []) == ok
    if ok:
        record = result.catalog.get("consultants", "expert")
        assert result.catalog.reference.countries["CZE"].status_on(CONSULTANT.as_of(record)).status == "in-transition"
    else:
        assert "CZE (Czechia), a developed economy on 2005-06-01" in result.report.problems[0].message


@pytest.mark.parametrize("start, codes", [("2013-06-30", []), ("2013-07-01", ["south-south-partner"])])
def test_initiative_partners_judged_on_start(make_project, start, codes):
    text = INITIATIVE_TEXT.replace("start: 2021-03", f"start: {start}").replace("country: MOZ", "country: HRV")
    result = check(make_project({"content/initiatives/twinning.md": text}))
    assert [p.code for p in result.report.problems] == codes
    if not codes:
        assert INITIATIVE.as_of(result.catalog.get("initiatives", "twinning")) == dt.date.fromisoformat(start)


def test_triangular_with_igo_facilitator_is_valid(make_project):
    from samples import TRIANGULAR

    text = TRIANGULAR.replace("{name: Japan Patent Office, type: ip-office, country: JPN, role: facilitator}",
                              "{name: World Intellectual Property Organization, type: igo, role: facilitator}")
    assert check(make_project({"content/initiatives/t.md": text})).report.problems == []


def test_consultant_phone_numbers_are_refused(make_project):
    text = CONSULTANT_TEXT.replace("West Africa.", "West Africa. Call +221 33 123 45 67.")
    problems = check(make_project({"content/consultants/amina-diallo.yml": text})).report.problems
    assert [(p.code, p.field) for p in problems] == [("personal-contact", "biography")]
    assert "'+221 33 123 45 67'" in problems[0].message


def test_years_ranges_and_grouped_numbers_are_not_phone_numbers(make_project):
    text = CONSULTANT_TEXT.replace(
        "West Africa.", "West Africa (1998-2004, 2010-2015), 12 missions since 2001, a fund of 15 000 000 CFA francs.")
    assert check(make_project({"content/consultants/amina-diallo.yml": text})).report.problems == []


def test_needs_and_offers_publish_no_personal_contact(make_project):
    from samples import NEED

    text = NEED.replace("applications.", "applications. Contact Mr Rakoto at rakoto.j@gmail.example or (020) 22 123 45.")
    problems = check(make_project({"content/needs/gi-registry.yml": text})).report.sorted()
    assert [(p.code, p.field) for p in problems] == [("personal-contact", "description")] * 2
    assert "an e-mail address ('rakoto.j@gmail.example')" in problems[1].message
    assert "a phone number ('(020) 22 123 45')" in problems[0].message


def test_needs_name_the_posting_country(make_project):
    from samples import NEED

    text = NEED.replace("seeker: {name: Office of Industrial Property, type: ip-office, country: MDG}",
                        "seeker: {name: Office of Industrial Property, type: ip-office}")
    problems = check(make_project({"content/needs/gi-registry.yml": text})).report.sorted()
    assert [p.headline() for p in problems] == [
        "content/needs/gi-registry.yml:3:9: error[country-required]: seeker 'Office of Industrial Property' has no country"]
    igo = text.replace("type: ip-office}", "type: igo}")
    assert check(make_project({"content/needs/gi-registry.yml": igo})).report.problems == []
