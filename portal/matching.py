"""Suggested matches between open needs and the offers and consultants that could meet them, with
the reasons in plain words. One scoring function, with its weights named here and nowhere else.

How a pair is scored (0-100):

    score = 100 * (TOPICS * share of the need's topics the other side covers
                   + SUPPORT * 1 if the support asked for is offered (consultants offer technical support)
                   + LANGUAGE * 1 if they share a working language
                   + REGION * 1 if both are in the same WIPO regional grouping
                   + HISTORY * 1 if the provider's country hosted activities for the seeker's country before
                                 (for a consultant: worked on activities for it, or worked there)
                   + TEXT * cosine similarity of the two descriptions, TF-IDF weighted
                   - NO_COMMON_LANGUAGE if the need names working languages and the other side shares none)

A pair with no shared topic is never suggested. A shared working language is close to a requirement:
with the same topics and support, a speaker of one of the need's languages always ranks above one
who speaks none of them, whatever their region, history and text (LANGUAGE + NO_COMMON_LANGUAGE
outweighs REGION + HISTORY + TEXT). The structured parts are computed for every pair at once with
numpy (exact bitsets of 64-bit words, one block of needs at a time); the text part, the costliest,
only re-ranks each list's best SHORTLIST candidates. Ties break on ids, so the result is deterministic.
"""

from __future__ import annotations

import math
import re
import zlib
from collections import Counter, defaultdict
from dataclasses import dataclass

import numpy as np

from . import verdicts
from .kinds import CONSULTANT, NEED, OFFER

TOPICS, SUPPORT, LANGUAGE, REGION, HISTORY, TEXT = 0.40, 0.15, 0.10, 0.10, 0.10, 0.15
NO_COMMON_LANGUAGE = 0.30  # a candidate who cannot work in any of the need's languages is a poor match
MINIMUM = 35  # scores below this are not worth a reader's time
SHOWN = 5  # suggestions per list
SHORTLIST = 20  # candidates re-ranked with text similarity
BLOCK = 512  # needs scored at once: bounds memory at BLOCK x offers

STOPWORDS = frozenset("""a an and are as at be by for from has have in into is it its of on or our that the their
this to was were will with who which we can also more than such through other over under about after before""".split())
WORD = re.compile(r"[^\W\d_]{3,}")


@dataclass(frozen=True)
class Suggestion:
    kind: str  # what is suggested: "offer", "consultant" or "need"
    id: str
    score: int
    reasons: tuple  # (reason, codes): ("topics", ("patents",)), ("region", ("africa",)), ...
    cooperation: str  # "south-south" or "triangular"


@dataclass(frozen=True)
class Suggestions:
    for_need: dict  # need id -> (offers, consultants): tuples of Suggestion
    for_offer: dict  # offer id -> needs
    for_consultant: dict  # consultant id -> needs


@dataclass(frozen=True)
class Party:
    """One side of a possible match, reduced to what the scoring reads."""

    kind: str
    id: str
    topics: frozenset
    support: frozenset
    languages: frozenset
    country: str | None  # None: an international organization
    region: str | None
    history: frozenset  # countries it has served (see HISTORY above)
    text: str
    person: bool = False  # a consultant, who has worked for countries (an organization has hosted for them)


# ----------------------------------------------------------------------------- text similarity


def tokens(text: str) -> list[str]:
    return [w for w in WORD.findall(text.lower()) if w not in STOPWORDS]


class TfIdf:
    """A small TF-IDF with feature hashing: each text becomes a unit-length vector of DIMENSIONS
    floats (words hashed with CRC-32, stable across runs), so that many cosines are one numpy
    product. Hash collisions blur the similarity slightly; it weighs TEXT of the score."""

    DIMENSIONS = 1024

    def __init__(self, texts: list[str]):
        counts = [Counter(tokens(text)) for text in texts]
        df = Counter(word for c in counts for word in c)
        n = max(1, len(counts))
        idf = {word: math.log((1 + n) / (1 + d)) + 1 for word, d in df.items()}
        slot = {word: zlib.crc32(word.encode("utf-8")) % self.DIMENSIONS for word in df}
        self.matrix = np.zeros((len(texts), self.DIMENSIONS), dtype=np.float32)
        for row, c in enumerate(counts):
            for word, tf in c.items():
                self.matrix[row, slot[word]] += tf * idf[word]
        norms = np.linalg.norm(self.matrix, axis=1, keepdims=True)
        self.matrix /= np.where(norms == 0, 1, norms)

    def pairs(self, rows_a: np.ndarray, rows_b: np.ndarray) -> np.ndarray:
        """Cosines of rows_a[i, ...] with rows_b[i, ...], elementwise, any matching shapes."""
        return np.einsum("...d,...d->...", self.matrix[rows_a], self.matrix[rows_b])


# ----------------------------------------------------------------------------- parties from records


def parties(catalog, today, matched_needs: set) -> tuple[list, list, list]:
    """Open, unexpired, unmatched needs; open, unexpired offers; every consultant."""
    ref = catalog.reference
    hosted_for = defaultdict(set)  # provider country -> beneficiary countries
    consultant_served = defaultdict(set)
    for a in catalog.records["activities"]:
        beneficiaries = {b.country for b in a.beneficiaries if b.country}
        for host in a.hosts:
            hosted_for[host] |= beneficiaries
        for cid in a.consultants:
            consultant_served[cid] |= beneficiaries

    def region(iso3):
        return ref.countries[iso3].wipo if iso3 else None

    def is_open(r):
        return verdicts.is_open(r, today)

    needs = [Party(NEED.name, n.id, frozenset(n.topics), frozenset(n.support_types), frozenset(n.languages),
                   n.seeker.country, region(n.seeker.country), frozenset(), f"{n.title} {n.description}")
             for n in catalog.records["needs"] if is_open(n) and n.id not in matched_needs]
    offers = [Party(OFFER.name, o.id, frozenset(o.topics), frozenset(o.support_types), frozenset(o.languages),
                    o.provider.country, region(o.provider.country),
                    frozenset(hosted_for.get(o.provider.country, ())), f"{o.title} {o.description}")
              for o in catalog.records["offers"] if is_open(o)]
    consultants = [Party(CONSULTANT.name, c.id, frozenset(c.expertise), frozenset({"technical"}), frozenset(c.languages),
                         c.nationality, region(c.nationality),
                         frozenset(consultant_served.get(c.id, ())) | frozenset(c.regions), f"{c.name} {c.biography}",
                         person=True)
                   for c in catalog.records["consultants"]]
    return needs, offers, consultants


# ----------------------------------------------------------------------------- scoring


class _Codes:
    """One attribute's codes (topics, support or languages) as exact bitsets, so that a block of needs
    is scored against every candidate at once: bit i of a party's row is set when it has code i.
    Only codes that both sides use get a bit (any other can never be shared), and there are as many
    64-bit words per party as those codes need: no two codes ever share a bit."""

    def __init__(self, needs: list, others: list, attr: str):
        used = set().union(*(getattr(p, attr) for p in needs)) & set().union(*(getattr(p, attr) for p in others))
        self.index = {code: i for i, code in enumerate(sorted(used))}
        self.words = max(1, -(-len(self.index) // 64))
        self.needs, self.others = self._bitsets(needs, attr), self._bitsets(others, attr)

    def _bitsets(self, group: list, attr: str) -> np.ndarray:
        """(words, parties) array: word-major, so that each word is contiguous across parties."""
        out = np.zeros((self.words, len(group)), dtype=np.uint64)
        rows, bits = [], []
        for row, p in enumerate(group):
            for code in getattr(p, attr):
                if code in self.index:
                    rows.append(row)
                    bits.append(self.index[code])
        if bits:
            bits_ = np.array(bits, dtype=np.uint64)
            np.bitwise_or.at(out, (bits_ >> np.uint64(6), np.array(rows)), np.uint64(1) << (bits_ & np.uint64(63)))
        return out

    def shared(self, start: int, stop: int) -> np.ndarray:
        """How many codes needs[start:stop] share with each other party: (stop - start, others)."""
        a, b = self.needs[:, start:stop], self.others
        count = np.bitwise_count(a[0, :, None] & b[0, None, :])
        for w in range(1, self.words):
            count += np.bitwise_count(a[w, :, None] & b[w, None, :])
        return count  # uint8: a record names at most a dozen codes of each kind

    def common(self, start: int, stop: int) -> np.ndarray:
        """Whether needs[start:stop] share any code with each other party: (stop - start, others)."""
        a, b = self.needs[:, start:stop], self.others
        found = a[0, :, None] & b[0, None, :]
        for w in range(1, self.words):
            found |= a[w, :, None] & b[w, None, :]
        return found != 0


def _structured(needs, others, countries: dict):
    """Score blocks: yields (first need index, scores[block, others]) with -1 where no topic is shared."""
    topics, support, languages = (_Codes(needs, others, attr) for attr in ("topics", "support", "languages"))
    n_topics = np.array([max(1, len(p.topics)) for p in needs], dtype=np.float32)
    # no penalty when either side names no language (the formats require one; scoring does not rely on it)
    n_speaks, o_speaks = (np.array([bool(p.languages) for p in group]) for group in (needs, others))
    regions = {r: i for i, r in enumerate(sorted({p.region or "" for p in needs + others}))}
    nr = np.array([regions[p.region or ""] if p.region else -1 for p in needs], dtype=np.int32)
    or_ = np.array([regions[p.region or ""] if p.region else -2 for p in others], dtype=np.int32)
    # history[c, o]: other o has served country c
    served = np.zeros((len(countries) + 1, len(others)), dtype=bool)
    for j, p in enumerate(others):
        for iso3 in p.history:
            if iso3 in countries:
                served[countries[iso3], j] = True
    nc = np.array([countries.get(p.country, len(countries)) for p in needs], dtype=np.int32)
    for start in range(0, len(needs), BLOCK):
        stop = min(start + BLOCK, len(needs))
        shared = topics.shared(start, stop)
        common = languages.common(start, stop)
        score = TOPICS * shared.astype(np.float32) / n_topics[start:stop, None]
        score += SUPPORT * support.common(start, stop)
        score += LANGUAGE * common
        score -= NO_COMMON_LANGUAGE * (~common & n_speaks[start:stop, None] & o_speaks[None, :])
        score += REGION * (nr[start:stop, None] == or_[None, :])
        score += HISTORY * served[nc[start:stop]]
        score = np.where(shared > 0, np.maximum(score, 0) * 100, -1.0).astype(np.float32)
        yield start, score


def _top(scores: np.ndarray, k: int) -> np.ndarray:
    """Indexes of the k best scores of each row, best first, ties broken by index (deterministic)."""
    k = min(k, scores.shape[1])
    if k == 0:
        return np.zeros((scores.shape[0], 0), dtype=np.int64)
    part = np.argpartition(-scores, k - 1, axis=1)[:, :k]
    order = np.lexsort((part, -np.take_along_axis(scores, part, axis=1)), axis=1)
    return np.take_along_axis(part, order, axis=1)


def suggest(catalog, today, matched_needs: set) -> Suggestions:
    ref = catalog.reference
    needs, offers, consultants = parties(catalog, today, matched_needs)
    everyone = needs + offers + consultants
    countries = {iso3: i for i, iso3 in enumerate(sorted(ref.countries))}
    text = TfIdf([p.text for p in everyone])
    labels = {name: ref.vocabulary(name) for name in ("topics", "support-types", "languages")}
    topic_order = {code: i for i, code in enumerate(labels["topics"].terms)}
    support_order = {code: i for i, code in enumerate(labels["support-types"].terms)}

    def cooperation(a: Party, b: Party) -> str:
        return verdicts.pair_cooperation((a.country, b.country), today, ref)

    def reasons(need: Party, other: Party, similarity: float) -> tuple:
        """Why a pair fits, as (reason, codes) data; the site words them in each language."""
        out = [("topics", tuple(sorted(need.topics & other.topics, key=topic_order.__getitem__)))]
        support = tuple(sorted(need.support & other.support, key=support_order.__getitem__))
        if support:
            out.append(("support", support))
        common = tuple(sorted(need.languages & other.languages))
        if common:
            out.append(("languages", common))
        if need.region and need.region == other.region:
            out.append(("region", (need.region,)))
        if need.country and need.country in other.history:
            out.append(("worked-for", (need.country,)) if other.person
                       else ("hosted-for", (other.country, need.country)))
        if similarity >= 0.2:
            out.append(("text", ()))
        return tuple(out)

    def best(totals: np.ndarray, ids_rank: np.ndarray) -> list:
        """Positions of the SHOWN best totals that reach MINIMUM, ties broken by id."""
        order = np.lexsort((ids_rank, -totals))
        return [int(i) for i in order[:SHOWN] if totals[i] >= MINIMUM]

    def rank_of(group) -> np.ndarray:
        return np.argsort(np.argsort(np.array([p.id for p in group], dtype=object)))

    need_rows = np.arange(len(needs))
    need_rank = rank_of(needs)
    for_need: dict = {n.id: [(), ()] for n in needs}
    reverse: list[dict] = [{}, {}]
    offset = len(needs)
    for side, others in enumerate((offers, consultants)):
        other_rows = np.arange(offset, offset + len(others))
        offset += len(others)
        if not others or not needs:
            reverse[side] = {o.id: () for o in others}
            continue
        other_rank = rank_of(others)
        cand_scores, cand_needs = [], []  # per block: each other's best needs in the block
        for start, block in _structured(needs, others, countries):
            rows = need_rows[start:start + block.shape[0]]
            top = _top(block, SHORTLIST)  # (block, k): the best others of each need
            base = np.take_along_axis(block, top, axis=1)
            similarity = text.pairs(rows[:, None], other_rows[top])
            totals = np.rint(base + 100 * TEXT * similarity).astype(np.int32)
            totals[base < 0] = -1
            for r in range(block.shape[0]):
                chosen = best(totals[r], other_rank[top[r]])
                need = needs[rows[r]]
                for_need[need.id][side] = tuple(
                    Suggestion(others[top[r, c]].kind, others[top[r, c]].id, int(totals[r, c]),
                               reasons(need, others[top[r, c]], float(similarity[r, c])),
                               cooperation(need, others[top[r, c]])) for c in chosen)
            k = min(SHORTLIST, block.shape[0])
            part = np.argpartition(-block, k - 1, axis=0)[:k]  # (k, others)
            cand_needs.append(part + start)
            cand_scores.append(np.take_along_axis(block, part, axis=0))
        scores = np.concatenate(cand_scores)  # (candidates, others)
        candidates = np.concatenate(cand_needs)
        k = min(SHORTLIST, scores.shape[0])
        keep = np.argpartition(-scores, k - 1, axis=0)[:k]
        scores = np.take_along_axis(scores, keep, axis=0)
        candidates = np.take_along_axis(candidates, keep, axis=0)
        found = {}
        for lo in range(0, len(others), BLOCK):  # bounded memory: (k, BLOCK, DIMENSIONS) at a time
            hi = min(lo + BLOCK, len(others))
            sim = text.pairs(candidates[:, lo:hi], other_rows[None, lo:hi])
            totals = np.rint(scores[:, lo:hi] + 100 * TEXT * sim).astype(np.int32)
            totals[scores[:, lo:hi] < 0] = -1
            for j in range(hi - lo):
                other = others[lo + j]
                chosen = best(totals[:, j], need_rank[candidates[:, lo + j]])
                found[other.id] = tuple(
                    Suggestion(NEED.name, needs[candidates[c, lo + j]].id, int(totals[c, j]),
                               reasons(needs[candidates[c, lo + j]], other, float(sim[c, j])),
                               cooperation(needs[candidates[c, lo + j]], other)) for c in chosen)
        reverse[side] = found

    return Suggestions({k: tuple(v) for k, v in for_need.items()}, reverse[0], reverse[1])
