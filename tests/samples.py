"""Valid records of every kind, as inline text, for tests to start from and break one thing at a time."""

ACTIVITY = """\
title: Regional workshop on patent examination
description: Examiners from three offices compared search practice.
type: workshop
mode: in-person
topics: [patents]
start: 2019-05-14
end: 2019-05-16
venue: {city: Nairobi, country: KEN}
hosts: [KEN]
beneficiaries:
  - country: UGA
    participants: 12
  - country: TZA
languages: [en]
consultants: [amina-diallo]
"""

CONSULTANT = """\
name: Amina Diallo
nationality: SEN
languages: [fr, en]
expertise: [copyright, collective-management]
biography: Twenty years in collective management in West Africa.
listed: 2015-03-01
"""

NEED = """\
title: Support to set up a GI registry
description: The office needs advice on examining geographical indication applications.
seeker: {name: Office of Industrial Property, type: ip-office, country: MDG}
topics: [geographical-indications]
support_types: [technical]
languages: [fr]
posted: 2026-02-01
expires: 2027-02-01
status: open
"""

OFFER = """\
title: Training for GI examiners
description: Two-week training on GI examination, in French or English.
provider: {name: National IP Office, type: ip-office, country: MAR}
topics: [geographical-indications]
support_types: [technical]
languages: [fr, en]
posted: 2026-01-10
status: open
"""

CASE_STUDY = """\
---
title: A coffee GI in the highlands
summary: How a cooperative registered a geographical indication.
countries: [ETH]
topics: [geographical-indications]
year: 2018
---

## Background

Farmers sold their beans without a name.
"""

INITIATIVE = """\
---
title: Patent examination twinning
kind: south-south
status: ongoing
summary: Two offices exchange examiners every year.
start: 2021-03
partners:
  - {name: National Institute of Industrial Property, type: ip-office, country: BRA, role: provider}
  - {name: Mozambique Industrial Property Institute, type: ip-office, country: MOZ, role: beneficiary}
topics: [patents]
submitted: 2024-06-01
---

The two offices exchange examiners.
"""

TRIANGULAR = """\
---
title: TISC network support
kind: triangular
status: ongoing
summary: Two offices build TISCs with support from a donor.
start: 2022-01-01
partners:
  - {name: Korean Intellectual Property Office, type: ip-office, country: KOR, role: provider}
  - {name: Cambodia Department of Industrial Property, type: ip-office, country: KHM, role: beneficiary}
  - {name: Japan Patent Office, type: ip-office, country: JPN, role: facilitator}
topics: [tisc]
submitted: 2024-06-01
---

Body.
"""

MATCH = """\
title: Moroccan office trains Malagasy GI examiners
need: gi-registry
offer: gi-training
type: technical
date: 2026-03-01
"""

ALL = {
    "content/activities/patent-workshop.yml": ACTIVITY,
    "content/consultants/amina-diallo.yml": CONSULTANT,
    "content/needs/gi-registry.yml": NEED,
    "content/offers/gi-training.yml": OFFER,
    "content/case-studies/coffee-gi.md": CASE_STUDY,
    "content/initiatives/examination-twinning.md": INITIATIVE,
    "content/initiatives/tisc-support.md": TRIANGULAR,
}
