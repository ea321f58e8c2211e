"""Words into search terms, the same way at build time (here, for the offline index) and in the
browser (templates/static/search-terms.js, for the query): tests/test_search_terms.py runs both on
every word of every language's index and requires the same terms.

- Words are runs of letters and digits, lower-cased (NFC); Arabic vowel marks and the tatweel are
  dropped first, so that a word is one run.
- English, French, Spanish and Russian words are stemmed by the Snowball algorithms, as Pagefind
  stems them online: here by `snowballstemmer`, in the browser by its JavaScript port
  (`snowball-stemmers`, vendored). Latin-script words on the Arabic and Chinese pages (untranslated
  records are shown in English) are stemmed as English.
- Arabic words are light-stemmed (`arabic_light_stem`): the article and its prefixed forms, the
  conjunction wa-, and the common plural, feminine and pronoun suffixes come off. No library on both
  sides does this: Snowball's Arabic algorithm (which Pagefind uses) takes a root letter bi- for the
  preposition, so براءات becomes راءا while البراءات becomes براء and the two never meet.
- Chinese (and Japanese kana) is written without spaces: each run of such characters is indexed as
  its single characters and every pair of neighbours (bigrams); a query's run is looked up by its
  bigrams (or its one character), so any word of two or more characters is found inside a longer
  run. A dictionary segmenter would cut the text differently in Python, in the browser
  (Intl.Segmenter) and in Pagefind; bigrams are the same on both sides by construction.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from importlib.metadata import version

import snowballstemmer

from .kept import recipe

SNOWBALL = {"en": "english", "fr": "french", "es": "spanish", "ru": "russian"}
# Arabic harakat, superscript alef and the tatweel: not letters of the word.
ARABIC_MARKS = re.compile("[\u064b-\u0652\u0670\u0640]")
WORD = re.compile(r"[^\W_]+")
CJK = re.compile("[\u3400-\u9fff\uf900-\ufaff\u3040-\u30ff]+")
ARABIC = re.compile("[\u0600-\u06ff]")
LATIN = re.compile("[a-z\u00c0-\u024f]")

# Light stemming after Larkey, Ballesteros and Connell's "light10": normalize alef forms and
# alef maqsura, take off one prefix (longest first) and then suffixes, each while two letters remain.
AR_PREFIXES = ("وال", "بال", "كال", "فال", "لل", "ال")
AR_SUFFIXES = ("ها", "ان", "ات", "ون", "ين", "يه", "ية", "ه", "ة", "ي")
AR_NORMAL = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ى": "ي"})


def arabic_light_stem(word: str) -> str:
    word = word.translate(AR_NORMAL)
    if len(word) > 3 and word.startswith("و"):
        word = word[1:]
    for prefix in AR_PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= 2:
            word = word[len(prefix):]
            break
    for suffix in AR_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 2:
            word = word[: -len(suffix)]
    return word


@functools.lru_cache(maxsize=None)
def _stemmer(algorithm: str):
    return snowballstemmer.stemmer(algorithm)


@functools.lru_cache(maxsize=200_000)  # a language has some thousands of words, each seen many times
def stem(word: str, language: str) -> str:
    """One word (lower case, no CJK) as a term of `language`'s index."""
    if language == "ar" and ARABIC.search(word):
        return arabic_light_stem(word)
    algorithm = SNOWBALL.get(language)
    if algorithm is None and LATIN.search(word):
        algorithm = "english"  # untranslated records on the Arabic and Chinese pages are in English
    return _stemmer(algorithm).stemWord(word) if algorithm else word


def _normal(text: str) -> str:
    if text.isascii():  # (a flag CPython keeps) nothing to compose, no Arabic marks
        return text.lower()
    return ARABIC_MARKS.sub("", unicodedata.normalize("NFC", text).lower())


def words(text: str) -> list[str]:
    return WORD.findall(_normal(text))


# Each language's words and their terms, looked up before stemming: a word is seen many times.
_TERMS: dict[str, dict[str, str]] = {}
TERMS_KEPT = 200_000  # words per language, then the table starts again


def index_terms(text: str, language: str) -> list[str]:
    """The terms of a text in the offline index, in order, repeated as often as they occur."""
    text = _normal(text)
    found = WORD.findall(text)
    if text.isascii() or CJK.search(text) is None:
        known = _TERMS.get(language)
        if known is None or len(known) > TERMS_KEPT:
            known = _TERMS[language] = {}
        for word in set(found).difference(known):  # no Chinese or kana: a word is one term
            known[word] = stem(word, language)
        return list(map(known.__getitem__, found))
    out = []
    for word in found:
        at = 0
        for run in CJK.finditer(word):
            _latin(word[at:run.start()], language, out)
            chars = run.group()
            for i, char in enumerate(chars):
                out.append(char)
                if i + 1 < len(chars):
                    out.append(chars[i:i + 2])
            at = run.end()
        _latin(word[at:], language, out)
    return out


def _latin(word: str, language: str, out: list[str]) -> None:
    if word:
        out.append(stem(word, language))


# Everything besides a text that decides its terms (portal/index.py keeps them under it): this
# module's code, the stemmers' version and the Unicode tables of this Python (which decide NFC, lower
# case and what a letter is).
RECIPE = recipe(__file__, version("snowballstemmer"), unicodedata.unidata_version)
