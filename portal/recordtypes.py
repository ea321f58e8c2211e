"""The record classes: a frozen dataclass for each mapping of the record formats, which `Obj`
(portal/fields.py) converts each mapping into.

Generated from the record kinds' declarations (portal/kinds/) by `.venv/bin/python build.py schemas`: do not edit
by hand. That command rewrites this file; tests/test_schemas.py fails while it is out of date."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .recordbase import RecordBase

if TYPE_CHECKING:  # annotations only: the schema language imports this module when it runs
    from .fields import PartialDate


@dataclass(frozen=True)
class Venue:
    #: City where it took place.
    city: str | None

    #: Country where it took place.
    country: str | None


@dataclass(frozen=True)
class Organization:
    #: Full name of the organization.
    name: str

    #: Kind of organization.
    type: str

    #: Country of the organization; leave out for international organizations.
    country: str | None


@dataclass(frozen=True)
class Beneficiary:
    #: Beneficiary country.
    country: str | None

    #: A region or group of offices named as beneficiary when its countries are not listed,
    #: e.g. 'ARIPO member states'; instead of 'country'.
    group: str | None

    #: Number of participants from this country, if known.
    participants: int | None


@dataclass(frozen=True)
class Funding:
    #: The fund or budget, e.g. 'WIPO Funds-in-Trust Japan'.
    name: str

    #: The country that provides the money, if any.
    donor: str | None

    #: Amount, where published (whole units of the currency).
    amount: int | None

    #: ISO 4217 code of the amount's currency, e.g. USD or CHF.
    currency: str | None


@dataclass(frozen=True)
class Source:
    #: What the source is, e.g. the report or web page title.
    title: str

    #: Where to read it.
    url: str | None


@dataclass(frozen=True)
class ActivityTranslation:
    #: Name of the activity as its organizers announced it. Translated.
    title: str | None

    #: What happened, for whom, and what it achieved (Markdown). Translated.
    description: str | None


@dataclass(frozen=True)
class ActivityTranslations:
    #: The texts in Arabic.
    ar: ActivityTranslation | None

    #: The texts in Chinese.
    zh: ActivityTranslation | None

    #: The texts in English.
    en: ActivityTranslation | None

    #: The texts in French.
    fr: ActivityTranslation | None

    #: The texts in Russian.
    ru: ActivityTranslation | None

    #: The texts in Spanish.
    es: ActivityTranslation | None


@dataclass(frozen=True)
class Activity(RecordBase):
    #: Name of the activity as its organizers announced it.
    title: str

    #: What happened, for whom, and what it achieved (Markdown).
    description: str

    #: Kind of activity.
    type: str

    #: How participants took part.
    mode: str

    #: IP subject areas covered.
    topics: tuple[str, ...]

    #: First day of the activity.
    start: PartialDate

    #: Last day of the activity, if it lasted more than one day.
    end: PartialDate | None

    #: Where it took place; leave out for online activities.
    venue: Venue | None

    #: Host or provider countries: those that organized or delivered the activity. Give at
    #: least one host country or host organization.
    hosts: tuple[str, ...]

    #: International or regional organizations that hosted or provided it (WIPO: type igo;
    #: ARIPO, OAPI: type regional-ip-organization), or a host institution with its country.
    host_organizations: tuple[Organization, ...]

    #: Countries (or a named group) whose officials or institutions benefited.
    beneficiaries: tuple[Beneficiary, ...]

    #: Total number of participants, when the source gives a total without a split by
    #: country.
    participants: int | None

    #: Languages the activity was held in (ISO 639-1), when the source says; many published
    #: pages do not.
    languages: tuple[str, ...]

    #: Organizations that organized or funded it.
    organizers: tuple[Organization, ...]

    #: Who asked for the activity, e.g. the beneficiary IP office.
    requester: str | None

    #: The WIPO sector or division responsible, as the source names it.
    sector: str | None

    #: Who paid for it. A developed donor country supports it (triangular cooperation).
    funding: tuple[Funding, ...]

    #: Id of the initiative (content/initiatives/) the activity is part of.
    initiative: str | None

    #: Phase of a multi-year programme, e.g. 'Phase II'.
    phase: str | None

    #: The modality, if the source states it: south-south or triangular. The portal computes
    #: it from the hosts, beneficiaries, organizers and funding on the start date; a value
    #: that disagrees is an error.
    cooperation: str | None

    #: Ids of roster consultants who worked on it.
    consultants: tuple[str, ...]

    #: Published sources for this record: reports, news items, official pages.
    sources: tuple[Source, ...]

    #: Language the record's texts are written in (ISO 639-1), when it is not English.
    language: str | None

    #: Translations of the record's texts, keyed by language code (ar, zh, en, fr, ru, es):
    #: title, description. Every text is optional; the original is shown, marked as such,
    #: where a translation is missing.
    translations: ActivityTranslations | None


@dataclass(frozen=True)
class ConsultantTranslation:
    #: Current position or affiliation, if the consultant wants it shown. Translated.
    position: str | None

    #: Professional biography (Markdown). No e-mail or phone. Translated.
    biography: str | None


@dataclass(frozen=True)
class ConsultantTranslations:
    #: The texts in Arabic.
    ar: ConsultantTranslation | None

    #: The texts in Chinese.
    zh: ConsultantTranslation | None

    #: The texts in English.
    en: ConsultantTranslation | None

    #: The texts in French.
    fr: ConsultantTranslation | None

    #: The texts in Russian.
    ru: ConsultantTranslation | None

    #: The texts in Spanish.
    es: ConsultantTranslation | None


@dataclass(frozen=True)
class Consultant(RecordBase):
    #: Name as the consultant wishes it published.
    name: str

    #: Country of nationality.
    nationality: str

    #: Current position or affiliation, if the consultant wants it shown.
    position: str | None

    #: Working languages (ISO 639-1).
    languages: tuple[str, ...]

    #: Areas of IP expertise.
    expertise: tuple[str, ...]

    #: Countries the consultant has worked in.
    regions: tuple[str, ...]

    #: Professional biography (Markdown). No e-mail or phone.
    biography: str

    #: A public profile page the consultant chose to share; the only contact route.
    profile: str | None

    #: Date the consultant joined the roster.
    listed: PartialDate

    #: Published sources for this record: reports, news items, official pages.
    sources: tuple[Source, ...]

    #: Language the record's texts are written in (ISO 639-1), when it is not English.
    language: str | None

    #: Translations of the record's texts, keyed by language code (ar, zh, en, fr, ru, es):
    #: position, biography. Every text is optional; the original is shown, marked as such,
    #: where a translation is missing.
    translations: ConsultantTranslations | None


@dataclass(frozen=True)
class NeedTranslation:
    #: Short statement of the need or offer. Translated.
    title: str | None

    #: What is needed or offered, and the context (Markdown). Translated.
    description: str | None


@dataclass(frozen=True)
class NeedTranslations:
    #: The texts in Arabic.
    ar: NeedTranslation | None

    #: The texts in Chinese.
    zh: NeedTranslation | None

    #: The texts in English.
    en: NeedTranslation | None

    #: The texts in French.
    fr: NeedTranslation | None

    #: The texts in Russian.
    ru: NeedTranslation | None

    #: The texts in Spanish.
    es: NeedTranslation | None


@dataclass(frozen=True)
class Need(RecordBase):
    #: Short statement of the need or offer.
    title: str

    #: What is needed or offered, and the context (Markdown).
    description: str

    #: The organization that posts the need.
    seeker: Organization

    #: IP subject areas concerned.
    topics: tuple[str, ...]

    #: Kinds of support sought or offered.
    support_types: tuple[str, ...]

    #: Languages the work can be done in (ISO 639-1).
    languages: tuple[str, ...]

    #: Date it was posted.
    posted: PartialDate

    #: Date after which it should no longer be listed as open.
    expires: PartialDate | None

    #: Open, matched or closed.
    status: str

    #: Published sources for this record: reports, news items, official pages.
    sources: tuple[Source, ...]

    #: Language the record's texts are written in (ISO 639-1), when it is not English.
    language: str | None

    #: Translations of the record's texts, keyed by language code (ar, zh, en, fr, ru, es):
    #: title, description. Every text is optional; the original is shown, marked as such,
    #: where a translation is missing.
    translations: NeedTranslations | None


@dataclass(frozen=True)
class OfferTranslation:
    #: Short statement of the need or offer. Translated.
    title: str | None

    #: What is needed or offered, and the context (Markdown). Translated.
    description: str | None


@dataclass(frozen=True)
class OfferTranslations:
    #: The texts in Arabic.
    ar: OfferTranslation | None

    #: The texts in Chinese.
    zh: OfferTranslation | None

    #: The texts in English.
    en: OfferTranslation | None

    #: The texts in French.
    fr: OfferTranslation | None

    #: The texts in Russian.
    ru: OfferTranslation | None

    #: The texts in Spanish.
    es: OfferTranslation | None


@dataclass(frozen=True)
class Offer(RecordBase):
    #: Short statement of the need or offer.
    title: str

    #: What is needed or offered, and the context (Markdown).
    description: str

    #: The organization that offers the resource.
    provider: Organization

    #: IP subject areas concerned.
    topics: tuple[str, ...]

    #: Kinds of support sought or offered.
    support_types: tuple[str, ...]

    #: Languages the work can be done in (ISO 639-1).
    languages: tuple[str, ...]

    #: Date it was posted.
    posted: PartialDate

    #: Date after which it should no longer be listed as open.
    expires: PartialDate | None

    #: Open, matched or closed.
    status: str

    #: Published sources for this record: reports, news items, official pages.
    sources: tuple[Source, ...]

    #: Language the record's texts are written in (ISO 639-1), when it is not English.
    language: str | None

    #: Translations of the record's texts, keyed by language code (ar, zh, en, fr, ru, es):
    #: title, description. Every text is optional; the original is shown, marked as such,
    #: where a translation is missing.
    translations: OfferTranslations | None


@dataclass(frozen=True)
class CaseStudyTranslation:
    #: Title of the case study. Translated.
    title: str | None

    #: Two or three sentences: what happened and why it matters. Translated.
    summary: str | None

    #: The Markdown body below the front matter, translated.
    body: str | None


@dataclass(frozen=True)
class CaseStudyTranslations:
    #: The texts in Arabic.
    ar: CaseStudyTranslation | None

    #: The texts in Chinese.
    zh: CaseStudyTranslation | None

    #: The texts in English.
    en: CaseStudyTranslation | None

    #: The texts in French.
    fr: CaseStudyTranslation | None

    #: The texts in Russian.
    ru: CaseStudyTranslation | None

    #: The texts in Spanish.
    es: CaseStudyTranslation | None


@dataclass(frozen=True)
class CaseStudy(RecordBase):
    #: Title of the case study.
    title: str

    #: Two or three sentences: what happened and why it matters.
    summary: str

    #: Countries the story is about.
    countries: tuple[str, ...]

    #: IP subject areas.
    topics: tuple[str, ...]

    #: Year (or date) the story is told as of.
    year: PartialDate

    #: Organizations involved.
    organizations: tuple[Organization, ...]

    #: Published sources for this record: reports, news items, official pages.
    sources: tuple[Source, ...]

    #: Language the record's texts are written in (ISO 639-1), when it is not English.
    language: str | None

    #: Translations of the record's texts, keyed by language code (ar, zh, en, fr, ru, es):
    #: title, summary, body. Every text is optional; the original is shown, marked as such,
    #: where a translation is missing.
    translations: CaseStudyTranslations | None


@dataclass(frozen=True)
class Partner:
    #: Organization name.
    name: str

    #: Kind of organization.
    type: str

    #: Country; required unless the partner is an international organization (igo).
    country: str | None

    #: beneficiary, provider (pivotal partner), facilitator, or member (of a network, both
    #: giving and receiving).
    role: str

    #: When the partner joined, for members of a network.
    joined: PartialDate | None


@dataclass(frozen=True)
class Contact:
    #: Team or office to contact, not a private person.
    name: str

    #: Role e-mail address of that team.
    email: str | None

    #: Contact page.
    url: str | None


@dataclass(frozen=True)
class InitiativeTranslation:
    #: Name of the partnership. Translated.
    title: str | None

    #: Two or three sentences on what the partnership does. Translated.
    summary: str | None

    #: The Markdown body below the front matter, translated.
    body: str | None


@dataclass(frozen=True)
class InitiativeTranslations:
    #: The texts in Arabic.
    ar: InitiativeTranslation | None

    #: The texts in Chinese.
    zh: InitiativeTranslation | None

    #: The texts in English.
    en: InitiativeTranslation | None

    #: The texts in French.
    fr: InitiativeTranslation | None

    #: The texts in Russian.
    ru: InitiativeTranslation | None

    #: The texts in Spanish.
    es: InitiativeTranslation | None


@dataclass(frozen=True)
class Initiative(RecordBase):
    #: Name of the partnership.
    title: str

    #: south-south: developing countries only; triangular: supported by a developed country
    #: or an international organization.
    kind: str

    #: Planned, ongoing or completed.
    status: str

    #: Two or three sentences on what the partnership does.
    summary: str

    #: When the partnership started.
    start: PartialDate

    #: When it ended or is planned to end.
    end: PartialDate | None

    #: Every partner with its role.
    partners: tuple[Partner, ...]

    #: IP subject areas.
    topics: tuple[str, ...]

    #: Web pages about the initiative.
    links: tuple[Source, ...]

    #: How to reach the partnership: a role address or contact page, never a personal one.
    contact: Contact | None

    #: Date the record was first submitted.
    submitted: PartialDate

    #: Date the record was last checked by its partners.
    reviewed: PartialDate | None

    #: Published sources for this record: reports, news items, official pages.
    sources: tuple[Source, ...]

    #: Language the record's texts are written in (ISO 639-1), when it is not English.
    language: str | None

    #: Translations of the record's texts, keyed by language code (ar, zh, en, fr, ru, es):
    #: title, summary, body. Every text is optional; the original is shown, marked as such,
    #: where a translation is missing.
    translations: InitiativeTranslations | None


@dataclass(frozen=True)
class MatchTranslation:
    #: One line on what was agreed, e.g. 'GI examiner training for Madagascar by OMPIC'.
    #: Translated.
    title: str | None

    #: What came of it so far (Markdown). Translated.
    outcome: str | None


@dataclass(frozen=True)
class MatchTranslations:
    #: The texts in Arabic.
    ar: MatchTranslation | None

    #: The texts in Chinese.
    zh: MatchTranslation | None

    #: The texts in English.
    en: MatchTranslation | None

    #: The texts in French.
    fr: MatchTranslation | None

    #: The texts in Russian.
    ru: MatchTranslation | None

    #: The texts in Spanish.
    es: MatchTranslation | None


@dataclass(frozen=True)
class Match(RecordBase):
    #: One line on what was agreed, e.g. 'GI examiner training for Madagascar by OMPIC'.
    title: str

    #: Id of the need (its file name in content/needs/ without '.yml').
    need: str

    #: Id of the offer that meets it, if an offer does (content/offers/); otherwise delete
    #: this line and give 'consultant'.
    offer: str | None

    #: Id of the roster consultant who meets it, if a consultant does.
    consultant: str | None

    #: Kind of match: financial support, technical support or a public-private partnership.
    type: str

    #: Date the parties agreed to work together.
    date: PartialDate

    #: What came of it so far (Markdown).
    outcome: str | None

    #: Published sources for this record: reports, news items, official pages.
    sources: tuple[Source, ...]

    #: Language the record's texts are written in (ISO 639-1), when it is not English.
    language: str | None

    #: Translations of the record's texts, keyed by language code (ar, zh, en, fr, ru, es):
    #: title, outcome. Every text is optional; the original is shown, marked as such, where
    #: a translation is missing.
    translations: MatchTranslations | None
