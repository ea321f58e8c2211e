"""Synthetic content at scale for benchmarks: N valid records across the five kinds, with realistic
sizes and cross-references, deterministic for a given N and seed.

    python bench/synthetic.py 10000 /tmp/bench-project    # writes content/ and copies data/, templates/
"""

from __future__ import annotations

import datetime as dt
import json
import random
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from portal.reference import load_reference  # noqa: E402

# Share of each collection in N records (roughly the proportions of the shipped sample).
SHARES = {"activities": 0.45, "consultants": 0.15, "needs": 0.1, "offers": 0.1, "case-studies": 0.05, "initiatives": 0.15}
WORDS = ("office examiners patent trademark design registration system training workshop regional national "
         "cooperation capacity innovation technology transfer licensing university centre producers cooperative "
         "origin quality market access policy strategy law reform enforcement customs judges awareness SMEs "
         "entrepreneurs women youth digital platform database search classification examination backlog quality "
         "management automation filing online service users fees statistics evaluation results lessons partners "
         "experts mentoring exchange visit guidelines manual curriculum teaching research commercialization "
         "collective management rights holders music authors performers licensing tariffs distribution "
         "traditional knowledge communities genetic resources documentation benefit sharing plant varieties "
         "breeders seeds testing agriculture coffee cocoa tea textiles crafts honey spices wine").split()


SYLLABLES = "ba be bi bo bu da de di do du ka ke ki ko ku la le li lo lu ma me mi mo mu na ne ni no nu ra re ri ro ru sa se si so su ta te ti to tu za zo".split()


def _lexicon(size: int = 6000) -> tuple[list[str], list[float]]:
    """Domain words plus pseudo-words, with Zipf weights: real text has many rare words, so a
    query matches a realistic share of pages instead of nearly all of them."""
    rng = random.Random(1)
    invented = set()
    while len(invented) < size:
        invented.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))))
    words = list(WORDS) + sorted(invented)
    rng.shuffle(words)
    return words, [1 / (rank + 1) for rank in range(len(words))]


LEXICON, WEIGHTS = _lexicon()


def sentence(rng: random.Random, n: int) -> str:
    words = rng.choices(LEXICON, WEIGHTS, k=n)
    if rng.random() < 0.06:  # a possessive now and then, as in the sample (about 3 per 1,000 words)
        i = rng.randrange(n)
        words[i] += "'s"
    return " ".join(words).capitalize() + "."


def paragraph(rng: random.Random, words: int) -> str:
    out, count = [], 0
    while count < words:
        n = rng.randint(8, 20)
        out.append(sentence(rng, n))
        count += n
    return " ".join(out)


def markdown(rng: random.Random, words: int) -> str:
    """A body shaped like the sample's: three sections, a list of what was done, and now and then a
    link or an emphasized phrase (real Markdown, so conversion costs what it would on real text)."""
    parts = []
    for heading in ("Background", "What was done", "Results and lessons"):
        text = paragraph(rng, words // 3)
        if heading == "What was done":
            text += "\n\n" + "\n".join(f"- {sentence(rng, rng.randint(6, 14))}" for _ in range(rng.randint(3, 5)))
        if rng.random() < 0.3:
            text += f" See [{sentence(rng, 3)[:-1].lower()}](https://example.org/{rng.randrange(10**6)})."
        if rng.random() < 0.2:
            text += f" The *{sentence(rng, 2)[:-1].lower()}* mattered most."
        parts.append(f"## {heading}\n\n{text}")
    return "\n\n".join(parts) + "\n"


def southern_pool(reference) -> list[str]:
    """Countries that were southern on every day from 2004 to 2030: safe for any synthetic date."""
    days = [dt.date(y, m, 1) for y in range(2004, 2031) for m in (1, 6, 12)]
    return sorted(c.iso3 for c in reference.countries.values() if all(c.status_on(d).southern for d in days))


def q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def generate(n: int, target: Path, seed: int = 7, all_open: bool = False) -> dict[str, int]:
    """`all_open`: every need and offer open and unexpired (the worst case for matchmaking)."""
    rng = random.Random(seed)
    reference = load_reference(ROOT / "data")
    pool = southern_pool(reference)
    topics = list(reference.vocabulary("topics").terms)
    types = list(reference.vocabulary("activity-types").terms)
    langs = ["en", "fr", "es", "ar", "pt", "ru", "zh"]
    counts = {c: max(1, int(n * share)) for c, share in SHARES.items()}
    counts["activities"] += n - sum(counts.values())

    if target.exists():
        shutil.rmtree(target)
    for folder in ("data", "templates"):
        shutil.copytree(ROOT / folder, target / folder)
    shutil.copy(ROOT / "site.toml", target / "site.toml")
    content = target / "content"

    def write(collection: str, name: str, text: str) -> None:
        path = content / collection / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")

    def date(lo=2005, hi=2026) -> dt.date:
        return dt.date(rng.randint(lo, hi), rng.randint(1, 12), rng.randint(1, 28))

    consultant_ids = []
    for i in range(counts["consultants"]):
        cid = f"consultant-{i:05d}"
        consultant_ids.append(cid)
        write("consultants", f"{cid}.yml", "\n".join([
            f"name: {q('Expert ' + str(i) + ' ' + rng.choice(WORDS).capitalize())}",
            f"nationality: {rng.choice(pool)}",
            f"languages: [{', '.join(rng.sample(langs, rng.randint(1, 3)))}]",
            f"expertise: [{', '.join(rng.sample(topics, rng.randint(1, 4)))}]",
            f"biography: {q(paragraph(rng, 80))}",
            f"listed: {date(2010, 2026).isoformat()}",
        ]) + "\n")

    for i in range(counts["activities"]):
        start = date()
        hosts = rng.sample(pool, rng.randint(1, 2))
        beneficiaries = rng.sample(pool, rng.randint(2, 8))
        lines = [
            f"title: {q(rng.choice(types).replace('-', ' ').capitalize() + ' on ' + ' '.join(rng.sample(WORDS, 4)) + f' {i}')}",
            f"description: {q(paragraph(rng, 250))}",
            f"type: {rng.choice(types)}",
            f"mode: {rng.choice(['in-person', 'online', 'hybrid'])}",
            f"topics: [{', '.join(rng.sample(topics, rng.randint(1, 3)))}]",
            f"start: {start.isoformat()}",
            f"end: {(start + dt.timedelta(days=rng.randint(0, 4))).isoformat()}",
            f"hosts: [{', '.join(hosts)}]",
            "beneficiaries:",
            *[f"  - {{country: {b}, participants: {rng.randint(1, 40)}}}" for b in beneficiaries],
            f"languages: [{', '.join(rng.sample(langs, rng.randint(1, 2)))}]",
            f"consultants: [{', '.join(rng.sample(consultant_ids, rng.randint(0, 3)))}]",
        ]
        write("activities", f"activity-{i:05d}.yml", "\n".join(lines) + "\n")

    for collection, poster in (("needs", "seeker"), ("offers", "provider")):
        for i in range(counts[collection]):
            posted = date(2020, 2026)
            write(collection, f"{collection[:-1]}-{i:05d}.yml", "\n".join([
                f"title: {q(' '.join(rng.sample(WORDS, 5)).capitalize() + f' {i}')}",
                f"description: {q(paragraph(rng, 120))}",
                f"{poster}: {{name: {q('Office ' + str(i))}, type: ip-office, country: {rng.choice(pool)}}}",
                f"topics: [{', '.join(rng.sample(topics, rng.randint(1, 3)))}]",
                f"support_types: [{rng.choice(['technical', 'financial', 'public-private-partnership'])}]",
                f"languages: [{', '.join(rng.sample(langs, rng.randint(1, 2)))}]",
                f"posted: {posted.isoformat()}",
                f"expires: {(dt.date(2031, 1, 1) if all_open else posted + dt.timedelta(days=rng.randint(200, 900))).isoformat()}",
                f"status: {'open' if all_open else rng.choice(['open', 'open', 'open', 'matched', 'closed'])}",
            ]) + "\n")

    for i in range(counts["case-studies"]):
        write("case-studies", f"case-{i:05d}.md", "---\n" + "\n".join([
            f"title: {q('How ' + ' '.join(rng.sample(WORDS, 4)) + f' worked {i}')}",
            f"summary: {q(paragraph(rng, 40))}",
            f"countries: [{', '.join(rng.sample(pool, rng.randint(1, 3)))}]",
            f"topics: [{', '.join(rng.sample(topics, rng.randint(1, 3)))}]",
            f"year: {rng.randint(2008, 2026)}",
        ]) + "\n---\n\n" + markdown(rng, 400))

    for i in range(counts["initiatives"]):
        start = date(2008, 2026)
        a, b = rng.sample(pool, 2)
        triangular = rng.random() < 0.35
        partners = [f"  - {{name: {q('Office of ' + a)}, type: ip-office, country: {a}, role: provider}}",
                    f"  - {{name: {q('Office of ' + b)}, type: ip-office, country: {b}, role: beneficiary}}"]
        if triangular:
            partners.append("  - {name: Japan Patent Office, type: ip-office, country: JPN, role: facilitator}")
        write("initiatives", f"initiative-{i:05d}.md", "---\n" + "\n".join([
            f"title: {q('Partnership on ' + ' '.join(rng.sample(WORDS, 3)) + f' {i}')}",
            f"kind: {'triangular' if triangular else 'south-south'}",
            f"status: {rng.choice(['planned', 'ongoing', 'completed'])}",
            f"summary: {q(paragraph(rng, 40))}",
            f"start: {start.isoformat()}",
            "partners:", *partners,
            f"topics: [{', '.join(rng.sample(topics, rng.randint(1, 3)))}]",
            f"submitted: {date(2024, 2026).isoformat()}",
        ]) + "\n---\n\n" + markdown(rng, 250))
    return counts


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    made = generate(int(sys.argv[1]), Path(sys.argv[2]))
    print(f"wrote {sum(made.values())} records: " + ", ".join(f"{n} {c}" for c, n in made.items()))
