"""One invalid fixture per problem code: (file, content) that produces exactly that problem.

Each case starts from a valid sample in samples.py and breaks one thing, so the expected message
in test_diagnostics.py is the only problem the validator may report for it."""

from samples import ACTIVITY, ALL, CONSULTANT, INITIATIVE, MATCH, NEED, TRIANGULAR

A = "content/activities/patent-workshop.yml"
C = "content/consultants/amina-diallo.yml"
I = "content/initiatives/examination-twinning.md"
T = "content/initiatives/tisc-support.md"

CASES: dict[str, tuple[str, str | bytes]] = {
    "file-name": ("content/activities/Patent_Workshop.yml", ACTIVITY.replace("consultants: [amina-diallo]\n", "")),
    "file-type": ("content/activities/patent-workshop.yaml", ACTIVITY),
    "file-too-large": (A, ACTIVITY + "# " + "x" * 300_000 + "\n"),
    "encoding": (A, ACTIVITY.encode() + b"requester: Minist\xe8re\n"),
    "front-matter": (I, INITIATIVE.removeprefix("---\n")),
    "yaml-syntax": (A, ACTIVITY.replace("mode: in-person", "mode: [in-person")),
    "yaml-duplicate-key": (A, ACTIVITY + "type: seminar\n"),
    "yaml-alias": (A, ACTIVITY.replace("hosts: [KEN]", "hosts: &h [KEN]")),
    "yaml-tag": (A, ACTIVITY.replace("start: 2019-05-14", "start: !!timestamp 2019-05-14")),
    "yaml-complex-key": (A, ACTIVITY + "? [a, b]\n: c\n"),
    "yaml-too-deep": (A, ACTIVITY + "requester: " + "[" * 40 + "]" * 40 + "\n"),
    "yaml-multiple-documents": (A, ACTIVITY + "---\ntitle: Another\n"),
    "not-a-mapping": (A, "- a list\n- not a record\n"),
    "required": (A, ACTIVITY.replace("mode: in-person\n", "")),
    "unknown-field": (A, ACTIVITY + "requestor: Ministry of Trade\n"),
    "type": (A, ACTIVITY.replace("title: Regional workshop on patent examination", "title: [Regional workshop]")),
    "too-long": (A, ACTIVITY.replace("title: Regional workshop on patent examination", "title: " + "Workshop " * 30)),
    "too-short": (I, INITIATIVE.replace(
        "  - {name: Mozambique Industrial Property Institute, type: ip-office, country: MOZ, role: beneficiary}\n", "")),
    "duplicate-item": (A, ACTIVITY.replace("topics: [patents]", "topics: [patents, trademarks, patents]")),
    "vocabulary": (A, ACTIVITY.replace("type: workshop", "type: workshops")),
    "country": (A, ACTIVITY.replace("hosts: [KEN]", "hosts: [KE]")),
    "language": (A, ACTIVITY.replace("languages: [en]", "languages: [english]")),
    "date": (A, ACTIVITY.replace("end: 2019-05-16", "end: 2019-02-30")),
    "date-order": (A, ACTIVITY.replace("end: 2019-05-16", "end: 2019-05-12")),
    "url": (A, ACTIVITY + "sources:\n  - {title: Report, url: 'javascript:alert(1)'}\n"),
    "email": (I, INITIATIVE.replace("submitted:", "contact: {name: Cooperation desk, email: cooperation.office}\nsubmitted:")),
    "number": (A, ACTIVITY.replace("participants: 12", "participants: twelve")),
    "placeholder": (A, ACTIVITY.replace("requester", "x").replace("type: workshop", 'type: "TODO: a code from activity-types"')),
    "unknown-reference": (A, ACTIVITY.replace("consultants: [amina-diallo]", "consultants: [amina-dialo]")),
    "country-required": (I, INITIATIVE.replace("type: ip-office, country: BRA, role: provider",
                                               "type: ip-office, role: provider")),
    "not-southern": (A, ACTIVITY.replace("hosts: [KEN]", "hosts: [SWE]")),
    "host-required": (A, ACTIVITY.replace("hosts: [KEN]\n", "")),
    "beneficiary-party": (A, ACTIVITY.replace("  - country: TZA\n", "  - country: TZA\n    group: East African Community\n")),
    "modality": (A, ACTIVITY.replace("  - country: UGA\n    participants: 12\n  - country: TZA\n",
                                     "  - country: KEN\n    participants: 12\n")),
    "modality-mismatch": (I, INITIATIVE.replace(
        "topics: [patents]",
        "  - {name: World Intellectual Property Organization (WIPO), type: igo, role: facilitator}\ntopics: [patents]")),
    "south-south-partner": (I, INITIATIVE.replace(
        "topics: [patents]",
        "  - {name: Japan Patent Office, type: ip-office, country: JPN, role: facilitator}\ntopics: [patents]"
    ).replace("  - {name: Japan", "  - {name: Japan")),
    "triangular-southern": (T, TRIANGULAR.replace(
        "  - {name: Cambodia Department of Industrial Property, type: ip-office, country: KHM, role: beneficiary}\n",
        "  - {name: Korea Invention Promotion Association, type: ngo, country: KOR, role: beneficiary}\n")),
    "triangular-facilitator": (T, TRIANGULAR.replace("country: JPN, role: facilitator", "country: THA, role: facilitator")),
    "personal-contact": (C, CONSULTANT.replace("West Africa.", "West Africa. Write to amina.diallo@mail.example.sn.")),
    "control-character": (A, ACTIVITY.replace("title: Regional workshop on patent examination",
                                              'title: "Regional workshop\\r\\nhosts: [SWE]"')),
    "invisible-character": (A, ACTIVITY.replace("title: Regional workshop on patent examination",
                                                "title: Regional workshop on \u202enoitanimaxe tnetap")),
    "markdown-complex": (A, ACTIVITY.replace("description: Examiners from three offices compared search practice.",
                                             'description: "Examiners compared ' + "[a " * 400 + '"')),
    "webmail-contact": (I, INITIATIVE.replace("submitted:", "contact: {name: TISC desk, email: maria.silva@gmail.com}\nsubmitted:")),
    "match-party": ("content/matches/gi-coaching.yml", MATCH.replace("offer: gi-training\n", "")),
    "expired": ("content/needs/gi-registry.yml", NEED.replace("posted: 2026-02-01", "posted: 2019-02-01")
                .replace("expires: 2027-02-01", "expires: 2020-01-31")),
    "reference-data": ("data/regions.yml", None),  # handled by its own test: breaks the reference data
    "not-a-file": ("content/activities/zero.yml", None),  # handled by its own test: a symbolic link
    "committed-cache": (".cache/markdown.sqlite3", None),  # handled by its own test (test_hostile.py): needs git
    "config": ("site.toml", '[site]\ntitle = "Portal"\npage_sise = 20\n'),
}


def files_for(path: str, content) -> dict:
    """All valid samples, with the case's file in place of the sample it breaks."""
    stem = path.rsplit("/", 1)[0] + "/"
    files = {k: v for k, v in ALL.items() if not (k.startswith(stem) and _same_record(k, path))}
    files[path] = content
    return files


def files_for_case(code: str) -> dict:
    return files_for(*CASES[code])


def _same_record(sample: str, case: str) -> bool:
    def stem(p):
        return p.rsplit("/", 1)[1].rsplit(".", 1)[0].lower().replace("_", "-")
    return stem(sample) == stem(case)
