"""South-South and triangular rules, judged as of each record's own date from the dated country
classification in data/countries.yml, and the privacy rule for every record."""

from __future__ import annotations

import re

from .fields import Checker, Email, FieldType, ListOf, Obj, Text, dotted
from .reference import Reference

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


def check_activity(activity, chk: Checker, ref: Reference) -> None:
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


def check_consultant(consultant, chk: Checker, ref: Reference) -> None:
    day = consultant.listed.first_day
    country, period = _verdict(consultant.nationality, day, ref)
    if not period.southern:
        chk.problem(("nationality",), "not-southern",
                    f"the nationality {_describe(country, period, day)} (the date listed), is not from the South; "
                    "the South-South roster lists experts from the South only",
                    SOUTH_HINT.format(source=_source(ref)))


def check_initiative(initiative, chk: Checker, ref: Reference) -> None:
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


def check_poster_country(record, chk: Checker, ref: Reference) -> None:
    """Needs and offers name their poster's country, so a match can be told South-South or triangular."""
    field_name = "seeker" if hasattr(record, "seeker") else "provider"
    org = getattr(record, field_name)
    if org.country is None and org.type != "igo":
        chk.problem((field_name,), "country-required", f"{field_name} '{org.name}' has no country",
                    "Add 'country:' with an ISO alpha-3 code; only international organizations (type: igo) are "
                    "listed without one. The country tells whether a match is South-South or triangular.")


def check_match(match, chk: Checker, need) -> None:
    """A match joins one need with exactly one offer or consultant, on or after the need was posted."""
    if bool(match.offer) == bool(match.consultant):
        which = "both an offer and a consultant" if match.offer else "neither an offer nor a consultant"
        chk.problem((), "match-party", f"the match names {which}",
                    "A recorded match joins the need with one party: write either 'offer:' or 'consultant:'; "
                    "record a second match for a second party.")
    if need is not None and match.date.last_day < need.posted.first_day:
        chk.problem(("date",), "date-order",
                    f"'date' ({match.date.iso}) is before the need was posted ({need.posted.iso})",
                    "A match is agreed after the need is posted; check both dates.")


def check_expiry(record, chk: Checker, today) -> None:
    """Open needs and offers past their expiry date are hidden from suggestions; maintainers are told."""
    if record.status == "open" and record.expires and record.expires.last_day < today:
        kind = "need" if hasattr(record, "seeker") else "offer"
        chk.problem(("expires",), "expired",
                    f"this open {kind} expired on {record.expires.iso}; it is shown as expired and left out of "
                    "suggested matches",
                    "Ask the poster to renew it (a later 'expires' date) or to close it ('status: closed' or "
                    "'status: matched').", severity="warning")


RULES = {"activity": check_activity, "consultant": check_consultant, "initiative": check_initiative,
         "need": check_poster_country, "offer": check_poster_country}

# The privacy rule: no record publishes a person's e-mail address or phone number, in any text of
# any kind or translation, nor in the body. Role addresses go in an initiative's 'contact.email'.
EMAIL_ANYWHERE = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
PHONE_ANYWHERE = re.compile(
    r"(?:tel:|\+|\b00)\s*\d(?:[\s().-]*\d){6,}"  # international form: +27 12 345 6789, 0027...
    r"|\(\d{2,4}\)\s*\d{2,4}(?:[\s.-]?\d{2,4}){1,3}\b"  # area code in brackets: (012) 345 6789
    r"|\b\d{2,4}[.-]\d{3,4}[.-]\d{3,4}\b"  # hyphens or dots: 012-345-6789 (spaces alone are how
)                                          # French and Russian group big numbers: '15 000 000')
THOUSANDS = re.compile(r"[1-9]\d{0,2}(?:\.\d{3})+")  # '15.000.000': how Spanish groups big numbers
PRIVACY_HINT = ("Remove it: the portal publishes no one's e-mail address or phone number. Readers reach "
                "consultants through their public 'profile' link, initiatives through the role address in "
                "'contact', and everyone else through the portal's team.")

# Personal mailboxes at public webmail providers: a contact address there is a person's own.
WEBMAIL = re.compile(
    r"(?:gmail\.com|googlemail\.com|ymail\.com|rocketmail\.com|msn\.com|aol\.com|icloud\.com|me\.com|mac\.com"
    r"|mail\.ru|bk\.ru|inbox\.ru|list\.ru|ya\.ru|qq\.com|163\.com|126\.com|yeah\.net|sina\.com|sina\.cn|sohu\.com"
    r"|protonmail\.com|proton\.me|pm\.me|tutanota\.com|web\.de|zoho\.com|rediffmail\.com|laposte\.net|orange\.fr"
    r"|wanadoo\.fr|free\.fr|libero\.it|mail\.com|gmx\.net"
    r"|(?:yahoo|hotmail|outlook|live|gmx|yandex)\.(?:com|[a-z]{2}|co\.[a-z]{2}|com\.[a-z]{2}))$")
WEBMAIL_HINT = ("Give the address of a role or team (cooperation@office.example): it stays valid when people move "
                "on, and publishes no one's private mailbox.")


def personal_contacts(text: str) -> list[tuple[int, str, str]]:
    """(index, 'an e-mail address' or 'a phone number', what was found) for the first of each in a text."""
    out = []
    email = EMAIL_ANYWHERE.search(text)
    if email:
        out.append((email.start(), "an e-mail address", email.group(0)))
    for phone in PHONE_ANYWHERE.finditer(text):
        if not THOUSANDS.fullmatch(phone.group(0)):
            out.append((phone.start(), "a phone number", phone.group(0).strip()))
            break
    return out


def is_webmail(address: str) -> bool:
    return bool(WEBMAIL.fullmatch(address.rsplit("@", 1)[-1].lower()))


def check_personal_contact(data, at: tuple, chk: Checker, ftype: FieldType) -> None:
    """Walk a record's raw data along its format: every text (titles, descriptions, names, every
    translation) publishes no e-mail address or phone number; a contact address at a webmail
    provider is a warning. Values of the wrong shape are left to the format's own checks."""
    if isinstance(ftype, Obj) and isinstance(data, dict):
        for name, f in ftype.fields.items():
            if data.get(name) is not None:
                check_personal_contact(data[name], at + (name,), chk, f.type)
    elif isinstance(ftype, ListOf) and isinstance(data, list):
        for i, value in enumerate(data):
            check_personal_contact(value, at + (i,), chk, ftype.item)
    elif isinstance(ftype, Text) and isinstance(data, str):
        for _index, what, found in personal_contacts(data):
            chk.problem(at, "personal-contact",
                        f"'{dotted(at)}' contains {what} ('{found}'); the portal publishes no personal contact details",
                        PRIVACY_HINT)
    elif isinstance(ftype, Email) and isinstance(data, str) and is_webmail(data.strip()):
        chk.problem(at, "webmail-contact",
                    f"'{dotted(at)}' is an address at a personal webmail provider ('{data.strip()}'); give a role "
                    "address of the team", WEBMAIL_HINT, severity="warning")
