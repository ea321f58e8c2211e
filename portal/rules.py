"""South-South and triangular rules, judged as of each record's own date from the dated country
classification in data/countries.yml, and the privacy rule for every record."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from . import messages as M
from .fields import Checker, Email, FieldType, ListOf, Obj, Text, dotted
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

# Organization types listed without a country: international organizations, and regional IP
# organizations, which stand for their member states (from the South).
INTERNATIONAL = ("igo", "regional-ip-organization")

SOUTH_HINT = ("South-South cooperation is between developing countries, least developed countries and "
              "economies in transition, judged on the record's date (classification: {source}).")


def reading(fields: tuple, rule):
    """`rule`, declaring the top-level fields it reads: it also runs on a record whose format found
    errors elsewhere, so that a contributor hears of every problem at once (portal/validate.py). A
    rule without this declaration runs on valid records only."""
    def run(kind, record, chk, ctx):
        return rule(kind, record, chk, ctx, reads=fields)

    run.reads = tuple(fields)
    run.__name__ = rule.__name__
    run.__doc__ = rule.__doc__
    return run


def _verdict(iso3: str, day, ref: Reference):
    country = ref.countries[iso3]
    return country, country.status_on(day)


def _describe(country, period, day) -> str:
    """'SWE (Sweden), a developed economy on 2019-05-14'"""
    return M.say(M.COUNTRY_ON_DAY, iso3=country.iso3, name=country.name, status=period.label, day=day.isoformat())


def _source(ref: Reference) -> str:
    return ref.classification.citation


def check_activity(kind, activity, chk: Checker, ctx: RuleContext) -> None:
    ref = ctx.reference
    day = activity.start.first_day
    if not activity.hosts and not activity.host_organizations:
        chk.problem(("hosts",), "host-required", "the activity names no host or provider",
                    "Add 'hosts:' with the ISO alpha-3 codes of the countries that hosted or provided it, or "
                    "'host_organizations:' for an organization such as WIPO (type igo) or ARIPO (type "
                    "regional-ip-organization).")
    for i, b in enumerate(activity.beneficiaries):
        if bool(b.country) == bool(b.group):
            chk.problem(("beneficiaries", i), "beneficiary-party",
                        "a beneficiary names " + ("both a country and a group" if b.country else
                                                  "neither a country nor a group"),
                        "Write 'country:' with an ISO alpha-3 code, or 'group:' for a region or group of offices "
                        "whose countries the source does not list, not both.")
    southern_host = (any(_verdict(code, day, ref)[1].southern for code in activity.hosts)
                     or any(o.type == "regional-ip-organization" or (o.country and _verdict(o.country, day, ref)[1].southern)
                            for o in activity.host_organizations))
    places = [] if southern_host else [(("hosts", i), code, "host or provider") for i, code in enumerate(activity.hosts)]
    places += [(("beneficiaries", i, "country"), b.country, "beneficiary") for i, b in enumerate(activity.beneficiaries)
               if b.country]
    for at, code, role in places:
        country, period = _verdict(code, day, ref)
        if not period.southern:
            chk.problem(at, "not-southern",
                        f"{_describe(country, period, day)}, cannot be a {role} of a South-South activity",
                        SOUTH_HINT.format(source=_source(ref)) + " A developed country that funded or supported the "
                        "activity belongs under 'organizers' or 'funding'.")


MODALITY_HINT = ("The modality is computed from the parties and their status on the record's date: South-South "
                 "between two or more southern countries; triangular when a developed country or an international "
                 "organization supports them (facilitator, funder or co-provider); North-South when only developed "
                 "countries provide; multilateral when only an international organization provides; national when one "
                 "country only takes part. An international organization that only organizes does not count. "
                 "Classification: {source}.")


def check_modality(kind, record, chk: Checker, ctx: RuleContext, reads: tuple | None = None) -> None:
    """The modality computed from the record's parties is one its kind admits, and the one it declares.
    Quiet when an error was already found in what it reads (every field, unless `reads` names them):
    that one is what to fix first, and the modality would be computed from a wrong party."""
    if chk.errors if reads is None else chk.error_fields & set(reads):
        return
    verdict = kind.modality(record, ctx, ctx.reference)
    declared = kind.declared_modality(record)
    field = next(f for f in ("cooperation", "kind") if f in kind.format.fields)
    hint = MODALITY_HINT.format(source=_source(ctx.reference))
    admitted = " or ".join(kind.modalities)
    fits = not kind.modalities or verdict.modality in kind.modalities
    if declared and declared != verdict.modality:
        mismatch = M.say(M.MODALITY_MISMATCH, field=field, declared=declared, modality=verdict.modality,
                         reason=verdict.reason)
        chk.problem((field,), "modality-mismatch",
                    mismatch if fits else M.say(M.NOT_ADMITTED, message=mismatch, a_kind=kind.a_label, admitted=admitted),
                    (f"Write '{field}: {verdict.modality}', or correct the parties or their roles. " if fits else
                     "Correct the parties or their roles. ") + hint)
    elif not fits:
        chk.problem((field,) if declared else ("hosts",) if "hosts" in kind.format.fields else (), "modality",
                    f"this {kind.label} is {verdict.modality} cooperation, not {admitted}: {verdict.reason}",
                    hint)


def check_consultant(kind, consultant, chk: Checker, ctx: RuleContext) -> None:
    ref = ctx.reference
    day = consultant.listed.first_day
    country, period = _verdict(consultant.nationality, day, ref)
    if not period.southern:
        chk.problem(("nationality",), "not-southern",
                    f"the nationality {_describe(country, period, day)} (the date listed), is not from the South; "
                    "the South-South roster lists experts from the South only",
                    SOUTH_HINT.format(source=_source(ref)))


def check_initiative(kind, initiative, chk: Checker, ctx: RuleContext, reads: tuple = ()) -> None:
    ref = ctx.reference
    day = initiative.start.first_day
    southern_countries, facilitators, southern_facilitators = set(), 0, []
    for i, partner in enumerate(initiative.partners):
        at = ("partners", i)
        if partner.country is None:
            if partner.type not in INTERNATIONAL:
                chk.problem(at, "country-required", M.say(M.COUNTRY_REQUIRED, name=partner.name),
                            "Add 'country:' with an ISO alpha-3 code; only international organizations "
                            "(type: igo or regional-ip-organization) are listed without one.")
                continue
            if partner.role == "facilitator":
                facilitators += 1
            elif partner.type == "regional-ip-organization" and partner.role != "facilitator":
                southern_countries.add(partner.name)  # it stands for its member states, from the South
            continue
        country, period = _verdict(partner.country, day, ref)
        if initiative.kind == "south-south" and not period.southern:
            chk.problem(at + ("country",), "south-south-partner",
                        M.say(M.SOUTH_SOUTH_PARTNER, name=partner.name, country=_describe(country, period, day)),
                        SOUTH_HINT.format(source=_source(ref)) + " If this partner supports the partnership, "
                        "set 'kind: triangular' and give it 'role: facilitator'.")
        elif initiative.kind == "triangular":
            if partner.role == "facilitator":
                if period.southern:
                    southern_facilitators.append(_describe(country, period, day))
                else:
                    facilitators += 1
            elif partner.role == "member" and not period.southern:
                facilitators += 1  # a developed member of a network supports it, as the modality counts it
            elif not period.southern:
                chk.problem(at + ("country",), "not-southern",
                            M.say(M.NOT_SOUTHERN_PARTNER, name=partner.name, country=_describe(country, period, day),
                                  role=partner.role),
                            "Give a developed-country partner 'role: facilitator'. " + SOUTH_HINT.format(source=_source(ref)))
        if period.southern and partner.role in ("beneficiary", "provider", "member"):
            southern_countries.add(partner.country)
    if initiative.kind != "triangular":
        return
    if len(southern_countries) < 2:
        chk.problem(("partners",), "triangular-southern",
                    M.say(M.TRIANGULAR_SOUTHERN, count=len(southern_countries)),
                    "List the southern partners with 'role: beneficiary' or 'role: provider' and their countries.")
    if facilitators == 0:
        chk.problem(("partners",), "triangular-facilitator",
                    M.say(M.TRIANGULAR_FACILITATOR_SOUTH, countries="; ".join(southern_facilitators))
                    if southern_facilitators else M.TRIANGULAR_FACILITATOR_NONE,
                    "Add the supporting partner with 'role: facilitator' (type 'igo' for an international "
                    "organization), or set 'kind: south-south' if there is none.")


def check_poster_country(kind, record, chk: Checker, ctx: RuleContext) -> None:
    """Needs and offers name their poster's country, so a match can be told South-South or triangular."""
    field_name = "seeker" if hasattr(record, "seeker") else "provider"
    org = getattr(record, field_name)
    if org.country is None and org.type not in INTERNATIONAL:
        chk.problem((field_name,), "country-required", f"{field_name} '{org.name}' has no country",
                    "Add 'country:' with an ISO alpha-3 code; only international organizations are listed without "
                    "one (type igo or regional-ip-organization). The country tells whether a match is South-South or "
                    "triangular.")


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


# The privacy rule: no record publishes a person's e-mail address or phone number, in any text of
# any kind or translation, nor in the body. Role addresses go in an initiative's 'contact.email'.
EMAIL_ANYWHERE = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
PHONE_ANYWHERE = re.compile(
    r"(?:tel:|\+|\b00)\s*\d(?:[\s().-]*\d){6,}"  # international form: +27 12 345 6789, 0027...
    r"|\(\d{2,4}\)\s*\d{2,4}(?:[\s.-]?\d{2,4}){1,3}\b"  # area code in brackets: (012) 345 6789
    r"|\b\d{2,4}[.-]\d{3,4}[.-]\d{3,4}\b"  # hyphens or dots: 012-345-6789 (spaces alone are how
)                                          # French and Russian group big numbers: '15 000 000')
DIGIT = re.compile(r"\d")  # what every phone pattern needs (any script's digits, as \d there)
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
    email = EMAIL_ANYWHERE.search(text) if "@" in text else None  # most texts have neither an "@"...
    if email:
        out.append((email.start(), "an e-mail address", email.group(0)))
    for phone in PHONE_ANYWHERE.finditer(text) if DIGIT.search(text) else ():  # ...nor a digit
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
