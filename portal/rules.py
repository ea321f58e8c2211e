"""South-South and triangular rules, judged as of each record's own date from the dated country
classification in data/countries.yml, and the privacy rule for consultants."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .fields import Checker, dotted
from .reference import Reference
from .verdicts import expired


@dataclass(frozen=True)
class RuleContext:
    """What the rules of a kind's declaration may look at beyond the record: the reference data,
    the build's day, and the other records by collection and id."""

    reference: Reference
    today: dt.date
    records: dict  # collection -> {id: record}

    def get(self, collection: str, record_id: str):
        return self.records.get(collection, {}).get(record_id)

SOUTH_HINT = ("South-South cooperation is between developing countries, least developed countries and "
              "economies in transition, judged on the record's date (classification: {source}).")


def _verdict(iso3: str, day, ref: Reference):
    country = ref.countries[iso3]
    return country, country.status_on(day)


def _describe(country, period, day) -> str:
    """'SWE (Sweden), a developed economy on 2019-05-14'"""
    return f"{country.iso3} ({country.name}), {period.label} on {day.isoformat()}"


def _source(ref: Reference) -> str:
    return ref.classification.citation


def check_activity(kind, activity, chk: Checker, ctx: RuleContext) -> None:
    ref = ctx.reference
    day = activity.start.first_day
    places = [(("hosts", i), code, "host or provider") for i, code in enumerate(activity.hosts)]
    places += [(("beneficiaries", i, "country"), b.country, "beneficiary") for i, b in enumerate(activity.beneficiaries)]
    for at, code, role in places:
        country, period = _verdict(code, day, ref)
        if not period.southern:
            chk.problem(at, "not-southern",
                        f"{_describe(country, period, day)}, cannot be a {role} of a South-South activity",
                        SOUTH_HINT.format(source=_source(ref)) + " A developed country that funded or supported the "
                        "activity belongs under 'organizers'.")


def check_consultant(kind, consultant, chk: Checker, ctx: RuleContext) -> None:
    ref = ctx.reference
    day = consultant.listed.first_day
    country, period = _verdict(consultant.nationality, day, ref)
    if not period.southern:
        chk.problem(("nationality",), "not-southern",
                    f"the nationality {_describe(country, period, day)} (the date listed), is not from the South; "
                    "the South-South roster lists experts from the South only",
                    SOUTH_HINT.format(source=_source(ref)))


def check_initiative(kind, initiative, chk: Checker, ctx: RuleContext) -> None:
    ref = ctx.reference
    day = initiative.start.first_day
    southern_countries, facilitators, southern_facilitators = set(), 0, []
    for i, partner in enumerate(initiative.partners):
        at = ("partners", i)
        if partner.country is None:
            if partner.type != "igo":
                chk.problem(at, "country-required",
                            f"partner '{partner.name}' has no country",
                            "Add 'country:' with an ISO alpha-3 code; only international organizations "
                            "(type: igo) are listed without one.")
                continue
            if partner.role == "facilitator":
                facilitators += 1
            continue
        country, period = _verdict(partner.country, day, ref)
        if initiative.kind == "south-south" and not period.southern:
            chk.problem(at + ("country",), "south-south-partner",
                        f"partner '{partner.name}' is from {_describe(country, period, day)}; a south-south "
                        "initiative has partners from the South only",
                        SOUTH_HINT.format(source=_source(ref)) + " If this partner supports the partnership, "
                        "set 'kind: triangular' and give it 'role: facilitator'.")
        elif initiative.kind == "triangular":
            if partner.role == "facilitator":
                if period.southern:
                    southern_facilitators.append(_describe(country, period, day))
                else:
                    facilitators += 1
            elif not period.southern:
                chk.problem(at + ("country",), "not-southern",
                            f"partner '{partner.name}' is from {_describe(country, period, day)}, so it cannot be a "
                            f"{partner.role}; in triangular cooperation the beneficiary and pivotal partners are from "
                            "the South",
                            "Give a developed-country partner 'role: facilitator'. " + SOUTH_HINT.format(source=_source(ref)))
        if period.southern and partner.role in ("beneficiary", "provider"):
            southern_countries.add(partner.country)
    if initiative.kind != "triangular":
        return
    if len(southern_countries) < 2:
        chk.problem(("partners",), "triangular-southern",
                    f"a triangular initiative needs beneficiary or provider partners from at least two southern "
                    f"countries; it has {len(southern_countries)}",
                    "List the southern partners with 'role: beneficiary' or 'role: provider' and their countries.")
    if facilitators == 0:
        listed = (f"; its facilitator {'; '.join(southern_facilitators)}, is from the South"
                  if southern_facilitators else "; it has none")
        chk.problem(("partners",), "triangular-facilitator",
                    "a triangular initiative needs a facilitating partner that is a developed country or an "
                    f"international organization{listed}",
                    "Add the supporting partner with 'role: facilitator' (type 'igo' for an international "
                    "organization), or set 'kind: south-south' if there is none.")


def check_poster_country(kind, record, chk: Checker, ctx: RuleContext) -> None:
    """Needs and offers name their poster's country, so a match can be told South-South or triangular."""
    field_name = "seeker" if hasattr(record, "seeker") else "provider"
    org = getattr(record, field_name)
    if org.country is None and org.type != "igo":
        chk.problem((field_name,), "country-required", f"{field_name} '{org.name}' has no country",
                    "Add 'country:' with an ISO alpha-3 code; only international organizations (type: igo) are "
                    "listed without one. The country tells whether a match is South-South or triangular.")


def check_match(kind, match, chk: Checker, ctx: RuleContext) -> None:
    """A match joins one need with exactly one offer or consultant, on or after the need was posted."""
    need = ctx.get("needs", match.need)
    if bool(match.offer) == bool(match.consultant):
        which = "both an offer and a consultant" if match.offer else "neither an offer nor a consultant"
        chk.problem((), "match-party", f"the match names {which}",
                    "A recorded match joins the need with one party: write either 'offer:' or 'consultant:'; "
                    "record a second match for a second party.")
    if need is not None and match.date.last_day < need.posted.first_day:
        chk.problem(("date",), "date-order",
                    f"'date' ({match.date.iso}) is before the need was posted ({need.posted.iso})",
                    "A match is agreed after the need is posted; check both dates.")


def check_expiry(kind, record, chk: Checker, ctx: RuleContext) -> None:
    """Open needs and offers past their expiry date are hidden from suggestions; maintainers are told."""
    if expired(record, ctx.today):
        chk.problem(("expires",), "expired",
                    f"this open {kind.label} expired on {record.expires.iso}; it is shown as expired and left out of "
                    "suggested matches",
                    "Ask the poster to renew it (a later 'expires' date) or to close it ('status: closed' or "
                    "'status: matched').", severity="warning")


EMAIL_ANYWHERE = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
PHONE_ANYWHERE = re.compile(
    r"(?:tel:|\+|\b00)\s*\d(?:[\s().-]*\d){6,}"  # international form: +27 12 345 6789, 0027...
    r"|\(\d{2,4}\)\s*\d{2,4}(?:[\s.-]?\d{2,4}){1,3}\b"  # area code in brackets: (012) 345 6789
    r"|\b\d{2,4}[.-]\d{3,4}[.-]\d{3,4}\b"  # hyphens or dots: 012-345-6789 (spaces alone are how
)                                          # French and Russian group big numbers: '15 000 000')


def check_personal_contact(data, at: tuple, chk: Checker) -> None:
    """Walk a consultant's raw data: people's e-mail addresses and phone numbers are never published."""
    if isinstance(data, dict):
        for key, value in data.items():
            check_personal_contact(value, at + (key,), chk)
    elif isinstance(data, list):
        for i, value in enumerate(data):
            check_personal_contact(value, at + (i,), chk)
    elif isinstance(data, str):
        for pattern, what in ((EMAIL_ANYWHERE, "an e-mail address"), (PHONE_ANYWHERE, "a phone number")):
            match = pattern.search(data)
            if match:
                chk.problem(at, "personal-contact",
                            f"'{dotted(at)}' contains {what} ('{match.group(0).strip()}'); the portal publishes "
                            "no personal contact details",
                            "Remove it. Readers reach consultants through the roster's role address or their public "
                            "'profile' link, and posters of needs and offers through the portal's team.")
