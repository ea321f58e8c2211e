"""The validator's words for what the contribute page's script also checks, written once.

The validator formats them in English (`say`); the contribute page carries them translated into its
language (portal/formchecks.py), so that a contributor reads in the form the very sentence
`build.py validate` would print for the file, in the page's language. Codes, field names and
vocabulary codes inside them stay as written in the file."""

from __future__ import annotations


def N_(message: str) -> str:
    """Marks a message for the translation catalogs (extracted like portal/i18n.py's N_)."""
    return message


def say(template: str, **values) -> str:
    """The message in English, as the validator prints it."""
    return template % values


# i18n: The validator's message, also shown in the contribute form. %(field)s is a field name of the file
# ('title', 'partners[0].name'), %(text)s the placeholder text written in it: keep both as they are.
PLACEHOLDER = N_("'%(field)s' still holds the placeholder '%(text)s'")
# i18n: The validator's message, also shown in the contribute form. %(field)s is a field name of the file.
REQUIRED = N_("required field '%(field)s' is missing")
# i18n: The validator's message, also shown in the contribute form. %(text)s is the value written, %(vocabulary)s
# the name of the list of allowed codes ('initiative statuses').
VOCABULARY = N_("'%(text)s' is not a code of the %(vocabulary)s vocabulary")
# i18n: The validator's message, also shown in the contribute form. %(field)s is a field name of the file
# ('topics'); %(count)s and %(limit)s are numbers.
TOO_MANY = N_("'%(field)s' has %(count)s items; the limit is %(limit)s")
# i18n: The validator's message, also shown in the contribute form. %(text)s is the date as written.
DATE = N_("'%(text)s' is not a valid date")
# i18n: The validator's message, also shown in the contribute form: an end date before its start.
# %(field)s and %(other)s are field names of the file ('end', 'start'), %(end)s and %(start)s dates as written.
DATE_ORDER = N_("'%(field)s' (%(end)s) is before '%(other)s' (%(start)s)")
# i18n: The validator's message, also shown in the contribute form. %(text)s is the value written.
COUNTRY = N_("'%(text)s' is not a known country code")
# i18n: The validator's message, also shown in the contribute form. %(name)s is the partner's name.
COUNTRY_REQUIRED = N_("partner '%(name)s' has no country")
# i18n: A country on a record's date, inside the validator's messages: 'SWE (Sweden), a developed economy
# on 2019-05-14'. %(status)s is one of the four statuses below; %(day)s a date written YYYY-MM-DD.
COUNTRY_ON_DAY = N_("%(iso3)s (%(name)s), %(status)s on %(day)s")
STATUS_LABELS = {
    "least-developed": N_("a least developed country"),
    "developing": N_("a developing economy"),
    "in-transition": N_("an economy in transition"),
    "developed": N_("a developed economy"),
}
# i18n: The validator's message, also shown in the contribute form. %(country)s is a country on the
# record's date, as in "%(iso3)s (%(name)s), %(status)s on %(day)s". 'south-south' is a code of the file.
SOUTH_SOUTH_PARTNER = N_("partner '%(name)s' is from %(country)s; a south-south initiative has partners "
                         "from the South only")
# i18n: The validator's message, also shown in the contribute form. %(role)s is a role code of the file
# ('beneficiary', 'provider').
NOT_SOUTHERN_PARTNER = N_("partner '%(name)s' is from %(country)s, so it cannot be a %(role)s; in triangular "
                          "cooperation the beneficiary and pivotal partners are from the South")
# i18n: The validator's message, also shown in the contribute form. %(count)s is a number.
TRIANGULAR_SOUTHERN = N_("a triangular initiative needs beneficiary or provider partners from at least two "
                         "southern countries; it has %(count)s")
# i18n: The validator's message, also shown in the contribute form.
TRIANGULAR_FACILITATOR_NONE = N_("a triangular initiative needs a facilitating partner that is a developed "
                                 "country or an international organization; it has none")
# i18n: The validator's message, also shown in the contribute form. %(countries)s: countries on the
# record's date, separated by '; '.
TRIANGULAR_FACILITATOR_SOUTH = N_("a triangular initiative needs a facilitating partner that is a developed "
                                  "country or an international organization; its facilitator %(countries)s, is "
                                  "from the South")
# i18n: The validator's message, also shown in the contribute form. %(field)s is 'kind'; %(declared)s and
# %(modality)s are codes ('south-south', 'national'); %(reason)s one of the reasons below.
MODALITY_MISMATCH = N_("'%(field)s' says %(declared)s, but the parties make %(modality)s cooperation: %(reason)s")
# i18n: Added to the message above when the computed modality is not one the record may have.
# %(a_kind)s is 'an initiative'; %(admitted)s is 'south-south or triangular' (codes of the file).
NOT_ADMITTED = N_("%(message)s; %(a_kind)s is %(admitted)s")
# The reasons for a modality (portal/verdicts.py). %(parties)s: parties separated by '; '.
REASONS = {
    # i18n: A reason in the validator's messages. %(parties)s: organizations or countries, separated by '; '.
    "north-south": N_("developed countries provide and no southern country does: %(parties)s"),
    # i18n: A reason in the validator's messages. %(parties)s: organizations, separated by '; '.
    "multilateral": N_("an international organization provides and no southern country does: %(parties)s"),
    # i18n: A reason in the validator's messages. %(parties)s: organizations or countries, separated by '; '.
    "triangular": N_("southern countries cooperate with the support of %(parties)s"),
    # i18n: A reason in the validator's messages.
    "south-south": N_("southern countries cooperate with no developed country or international organization in a "
                      "supporting role"),
    # i18n: A reason in the validator's messages. %(parties)s: organizations or countries, separated by '; '.
    "north-south-single": N_("a developed country supports a single southern country: %(parties)s"),
    # i18n: A reason in the validator's messages. %(parties)s: organizations, separated by '; '.
    "multilateral-single": N_("an international organization supports a single southern country: %(parties)s"),
    # i18n: A reason in the validator's messages. %(parties)s: one organization or country.
    "national": N_("one country only: %(parties)s"),
}
# i18n: In the reason for a modality, when no country is named at all.
NO_COUNTRY_NAMED = N_("no country is named")
# i18n: A party in the reason for a modality: its name, then what it is on the record's date.
PARTY = N_("%(name)s, %(what)s")
# i18n: What a party without a country is, in the reason for a modality.
INTERNATIONAL_ORGANIZATION = N_("an international organization")
# i18n: What a beneficiary named as a region or group of offices is, in the reason for a modality.
GROUP_OF_COUNTRIES = N_("a group of countries")
# i18n: A problem of the contribute form and of the issue form: a required part of the story is
# empty. %(question)s is the question's label ('The partnership').
STORY_EMPTY = N_("the answer to '%(question)s' is empty")
