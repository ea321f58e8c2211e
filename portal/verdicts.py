"""The rules that more than one stage asks about, each written once: whether a need or an offer is
still open on a day, and which modality of cooperation a record's parties make on a day. The
validator, the pages, the exports and matchmaking all call these.

The modalities (docs/fields.md, "Modalities of cooperation", gives the sources):

- national: one country only, not cooperation between countries;
- South-South: two or more southern countries (developing, least developed or in transition on
  the day), with no developed country or international organization in a supporting role;
- triangular: two or more southern countries, supported by a developed country or an
  international organization (as facilitating partner, funder or co-provider);
- North-South: a developed provider and southern beneficiaries, with no southern provider;
- multilateral: an international organization providing to southern countries, with no
  southern provider.

Roles: a *provider* gives (an activity's host, an initiative's pivotal partner, an offer's
poster, a consultant), a *beneficiary* receives, a *member* of a network does both, a
*supporter* facilitates or funds, an *organizer* only organizes. Following the convention of
WIPO's South-South IP-TAD, an international organization that only organizes an activity (WIPO
organizes most of those it records) does not make it triangular; a developed country that
organizes or funds one supports it. A beneficiary named as a region or group of offices counts
as southern countries other than the providers'."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from . import messages as M

NATIONAL = "national"
SOUTH_SOUTH = "south-south"
TRIANGULAR = "triangular"
NORTH_SOUTH = "north-south"
MULTILATERAL = "multilateral"
MODALITIES = (SOUTH_SOUTH, TRIANGULAR, NORTH_SOUTH, MULTILATERAL, NATIONAL)

PROVIDER, BENEFICIARY, MEMBER, SUPPORTER, ORGANIZER = "provider", "beneficiary", "member", "supporter", "organizer"


def expired(record, today: dt.date) -> bool:
    """An open need or offer whose closing date has passed: shown as expired, never suggested."""
    return record.status == "open" and record.expires is not None and record.expires.last_day < today


def is_open(record, today: dt.date) -> bool:
    """Open and not expired: what matchmaking suggests and the home page counts."""
    return record.status == "open" and not expired(record, today)


@dataclass(frozen=True)
class Party:
    """One party to a record's cooperation: a country, an organization with its country, an
    international organization (no country) or a group of countries (`group`)."""

    name: str
    role: str  # PROVIDER, BENEFICIARY, MEMBER, SUPPORTER or ORGANIZER
    country: str | None = None
    group: bool = False  # a region or group of offices, countries not named


@dataclass(frozen=True)
class Verdict:
    """A modality and why: `deciding` names the parties that decided it, with their status on the
    day (or 'international organization'), for messages; `parties` are those parties, for pages,
    which word the reason in their own language."""

    modality: str
    reason: str  # a sentence in English for the validator's messages
    deciding: tuple = ()  # (party name, what it is on the day)
    parties: tuple = ()  # Party: the same parties


def _what(party: Party, day: dt.date, reference) -> str:
    if party.group:
        return M.GROUP_OF_COUNTRIES
    if party.country is None:
        return M.INTERNATIONAL_ORGANIZATION
    country = reference.countries[party.country]
    return M.say(M.COUNTRY_ON_DAY, iso3=country.iso3, name=country.name, status=country.status_on(day).label,
                 day=day.isoformat())


def modality(parties, day: dt.date, reference) -> Verdict:
    """The modality that these parties make on `day`."""
    parties = list(parties)

    def southern(p: Party) -> bool:
        return p.group or (p.country is not None and reference.countries[p.country].status_on(day).southern)

    def developed(p: Party) -> bool:
        return p.country is not None and not southern(p)

    def igo(p: Party) -> bool:
        return p.country is None and not p.group

    def verdict(name: str, reason: str, found) -> Verdict:
        found = tuple(dict.fromkeys(found))
        return Verdict(name, reason, tuple((p.name, _what(p, day, reference)) for p in found), found)

    giving = [p for p in parties if p.role in (PROVIDER, MEMBER)]
    southern_givers = [p for p in giving if southern(p)]
    helpers = [p for p in giving if not southern(p)]  # developed or international co-providers
    helpers += [p for p in parties if p.role == SUPPORTER and not southern(p)]
    helpers += [p for p in parties if p.role == ORGANIZER and developed(p)]  # an organizing IGO is neutral
    southern_countries = {p.country for p in parties if p.role != ORGANIZER and p.country and southern(p)}
    groups = [p for p in parties if p.group and p.role != ORGANIZER]

    if giving and not southern_givers:
        north = [p for p in giving if developed(p)]
        if north:
            return verdict(NORTH_SOUTH, M.say(M.REASONS["north-south"], parties=_names(north, day, reference)), north)
        return verdict(MULTILATERAL, M.say(M.REASONS["multilateral"], parties=_names(giving, day, reference)), giving)
    if len(southern_countries) + len(groups) >= 2:
        if helpers:
            return verdict(TRIANGULAR, M.say(M.REASONS["triangular"], parties=_names(helpers, day, reference)), helpers)
        return verdict(SOUTH_SOUTH, M.REASONS["south-south"], southern_givers)
    north = [p for p in helpers if developed(p)]
    if north:
        return verdict(NORTH_SOUTH, M.say(M.REASONS["north-south-single"], parties=_names(north, day, reference)), north)
    organizations = [p for p in helpers if igo(p)]
    if organizations:
        return verdict(MULTILATERAL, M.say(M.REASONS["multilateral-single"], parties=_names(organizations, day, reference)),
                       organizations)
    countries = [p for p in parties if p.country and p.role != ORGANIZER]
    return verdict(NATIONAL, M.say(M.REASONS["national"], parties=_names(countries[:1], day, reference) or M.NO_COUNTRY_NAMED),
                   countries[:1])


def _names(parties, day, reference) -> str:
    out = []
    for p in dict.fromkeys(parties):
        what = _what(p, day, reference)
        out.append(what if p.country and p.name == p.country else M.say(M.PARTY, name=p.name, what=what))
    return "; ".join(out)


def pair_modality(seeker_country: str | None, provider_country: str | None, day: dt.date, reference,
                  seeker: str = "seeker", provider: str = "provider") -> Verdict:
    """The modality of a need met by an offer or a consultant: the seeker receives, the other provides."""
    return modality((Party(seeker, BENEFICIARY, seeker_country), Party(provider, PROVIDER, provider_country)),
                    day, reference)


def pair_cooperation(countries, day: dt.date, reference) -> str:
    """The modality of a need (its seeker's country first) met by an offer or a consultant."""
    seeker, provider = countries
    return pair_modality(seeker, provider, day, reference).modality
