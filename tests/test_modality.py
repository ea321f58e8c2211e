"""The modality of cooperation, computed in one place (portal/verdicts.py) from a record's parties and
their status on its date, and the validator's verdicts on the shapes that real records take."""

from __future__ import annotations

import datetime as dt

import pytest

from diagnostic_cases import files_for
from portal.pipeline import check
from portal.verdicts import BENEFICIARY, MEMBER, ORGANIZER, PROVIDER, SUPPORTER, Party, modality
from samples import ACTIVITY, INITIATIVE

DAY = dt.date(2021, 3, 1)
WIPO = Party("WIPO", SUPPORTER)
CASES = {
    # name: (parties, modality, reason)
    "two southern countries": ([Party("INPI", PROVIDER, "BRA"), Party("INIP", BENEFICIARY, "MOZ")], "south-south",
                               "southern countries cooperate with no developed country or international organization "
                               "in a supporting role"),
    "a developed facilitator": ([Party("KIPO", PROVIDER, "KOR"), Party("DIP", BENEFICIARY, "KHM"),
                                 Party("JPO", SUPPORTER, "JPN")], "triangular",
                                "southern countries cooperate with the support of JPO, JPN (Japan), a developed economy "
                                "on 2021-03-01"),
    "an international facilitator": ([Party("EGPO", PROVIDER, "EGY"), Party("Registry", BENEFICIARY, "SDN"), WIPO],
                                     "triangular", "southern countries cooperate with the support of WIPO, an "
                                     "international organization"),
    "an organizing IGO is neutral": ([Party("EGPO", PROVIDER, "EGY"), Party("Registry", BENEFICIARY, "SDN"),
                                      Party("WIPO", ORGANIZER)], "south-south",
                                     "southern countries cooperate with no developed country or international "
                                     "organization in a supporting role"),
    "a developed provider": ([Party("JPO", PROVIDER, "JPN"), Party("DIP", BENEFICIARY, "KHM")], "north-south",
                             "developed countries provide and no southern country does: JPO, JPN (Japan), a developed "
                             "economy on 2021-03-01"),
    "an international provider": ([Party("WIPO Academy", PROVIDER), Party("GHA", BENEFICIARY, "GHA")], "multilateral",
                                  "an international organization provides and no southern country does: WIPO Academy, "
                                  "an international organization"),
    "one country": ([Party("INPI", PROVIDER, "BRA"), Party("Embrapa", BENEFICIARY, "BRA")], "national",
                    "one country only: INPI, BRA (Brazil), a developing economy on 2021-03-01"),
    "a regional organization for its members": ([Party("ARIPO", PROVIDER, group=True),
                                                 Party("ARIPO member states", BENEFICIARY, group=True)], "south-south",
                                                "southern countries cooperate with no developed country or international "
                                                "organization in a supporting role"),
    "a network of peers": ([Party("a", MEMBER, "ARG"), Party("b", MEMBER, "CHL"), Party("c", MEMBER, "URY")],
                           "south-south", "southern countries cooperate with no developed country or international "
                           "organization in a supporting role"),
    "a southern donor's fund": ([Party("INPI", PROVIDER, "BRA"), Party("INIP", BENEFICIARY, "MOZ"),
                                 Party("Funds-in-Trust Brazil", SUPPORTER, "BRA")], "south-south",
                                "southern countries cooperate with no developed country or international organization "
                                "in a supporting role"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_each_modality_from_crafted_parties(name, reference):
    parties, expected, reason = CASES[name]
    verdict = modality(parties, DAY, reference)
    assert (verdict.modality, verdict.reason) == (expected, reason)


def test_status_is_taken_on_the_day(reference):
    """Croatia, an economy in transition, joined the EU (classed developed from then) on 1 July 2013: the
    same parties make South-South cooperation the day before and North-South on the day."""
    parties = [Party("SIPO", PROVIDER, "HRV"), Party("DIP", BENEFICIARY, "KHM")]
    assert modality(parties, dt.date(2013, 6, 30), reference).modality == "south-south"
    assert modality(parties, dt.date(2013, 7, 1), reference).modality == "north-south"


TWO_BRAZILIANS = INITIATIVE.replace(
    "  - {name: Mozambique Industrial Property Institute, type: ip-office, country: MOZ, role: beneficiary}",
    "  - {name: Brazilian Agricultural Research Corporation, type: government, country: BRA, role: beneficiary}")
WIPO_AND_GHANA = INITIATIVE.replace(
    "  - {name: National Institute of Industrial Property, type: ip-office, country: BRA, role: provider}\n"
    "  - {name: Mozambique Industrial Property Institute, type: ip-office, country: MOZ, role: beneficiary}",
    "  - {name: WIPO Academy, type: igo, role: provider}\n"
    "  - {name: Ghana Registrar-General's Department, type: ip-office, country: GHA, role: beneficiary}")
I = "content/initiatives/examination-twinning.md"
A = "content/activities/patent-workshop.yml"
VERDICTS = {
    "single-country south-south initiative": (I, TWO_BRAZILIANS, (
        "content/initiatives/examination-twinning.md:3:7: error[modality-mismatch]: 'kind' says south-south, but the "
        "parties make national cooperation: one country only: National Institute of Industrial Property, BRA (Brazil), "
        "a developing economy on 2021-03-01; an initiative is south-south or triangular")),
    "an IGO and one country": (I, WIPO_AND_GHANA, (
        "content/initiatives/examination-twinning.md:3:7: error[modality-mismatch]: 'kind' says south-south, but the "
        "parties make multilateral cooperation: an international organization provides and no southern country does: "
        "WIPO Academy, an international organization; an initiative is south-south or triangular")),
    "a national activity": (A, ACTIVITY.replace("  - country: UGA\n    participants: 12\n  - country: TZA\n",
                                                "  - country: KEN\n"), (
        "content/activities/patent-workshop.yml:9:8: error[modality]: this activity is national cooperation, not "
        "south-south or triangular: one country only: KEN (Kenya), a developing economy on 2019-05-14")),
    "an activity declared South-South that a developed donor funded": (A, ACTIVITY + (
        "cooperation: south-south\nfunding:\n  - {name: WIPO Funds-in-Trust Japan, donor: JPN}\n"), (
        "content/activities/patent-workshop.yml:16:14: error[modality-mismatch]: 'cooperation' says south-south, but "
        "the parties make triangular cooperation: southern countries cooperate with the support of WIPO Funds-in-Trust "
        "Japan, JPN (Japan), a developed economy on 2019-05-14")),
}


@pytest.mark.parametrize("name", sorted(VERDICTS))
def test_wrong_verdicts_are_errors_with_the_computed_answer(name, make_project):
    path, content, expected = VERDICTS[name]
    problems = check(make_project(files_for(path, content))).report.sorted()
    assert [p.headline() for p in problems] == [expected]
    assert "Classification: UN DESA WESP" in problems[0].hint


def test_real_shapes_validate(make_project):
    """An international organization as host with a regional group as beneficiary, a participant total
    without a split, a sector, a Funds-in-Trust, a phase of an initiative: all held, and South-South."""
    activity = ACTIVITY.replace("hosts: [KEN]\n", "host_organizations:\n  - {name: ARIPO, type: regional-ip-organization}\n"
                                ).replace("  - country: UGA\n    participants: 12\n  - country: TZA\n",
                                          "  - group: ARIPO member states\n") + (
        "participants: 35\nsector: Regional and National Development Sector\n"
        "funding:\n  - {name: WIPO Funds-in-Trust Korea, donor: KOR, amount: 50000, currency: USD}\n"
        "initiative: examination-twinning\nphase: Phase II\ncooperation: south-south\n"
        "sources:\n  - {title: Course announcement, url: 'https://www.example.org/course'}\n")
    result = check(make_project(files_for(A, activity)))
    assert [p.headline() for p in result.report.sorted()] == []
    record = result.catalog.get("activities", "patent-workshop")
    from portal.kinds import ACTIVITY as KIND

    assert KIND.modality(record, result.catalog, result.catalog.reference).modality == "south-south"


def test_pairs_of_matchmaking_are_labelled_by_the_same_rule(reference):
    """A Japan Patent Office offer meeting a Cambodian need is North-South; a WIPO offer (no country)
    meeting a Ghanaian need is multilateral; two southern parties are South-South."""
    from portal.verdicts import pair_cooperation

    day = dt.date(2026, 3, 1)
    assert pair_cooperation(("KHM", "JPN"), day, reference) == "north-south"
    assert pair_cooperation(("GHA", None), day, reference) == "multilateral"
    assert pair_cooperation(("MDG", "MAR"), day, reference) == "south-south"
    assert pair_cooperation(("KEN", "KEN"), day, reference) == "national"
