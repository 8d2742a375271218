"""Synthetic ORUK 3.0 services with realistic, varied text, for benchmarks.

Names and the first sentence of each description come from what social prescribing
services are (activities, groups, places); the rest of the description is drawn from
real English words by their real frequencies (wordfreq), so the vocabulary runs to
tens of thousands of words with a natural long tail, as real listings do.
"""

from __future__ import annotations

import csv
import random
import uuid
from functools import cache
from pathlib import Path
from typing import Any

from wordfreq import top_n_list

ROOT = Path(__file__).resolve().parents[1]
NS = uuid.UUID("0b6f6b5e-5d1a-4d8e-9a8e-6c2f0f4d1b21")
BLOCKED = {
    "twat",
    "fuck",
    "shit",
    "cunt",
    "nigga",
    "nigger",
    "fucking",
    "bitch",
    "arsehole",
    "asshole",
    "dick",
    "pussy",
    "bastard",
    "wanker",
    "slut",
    "whore",
    "fucked",
    "fucker",
    "shitty",
    "bullshit",
    "motherfucker",
    "porn",
}
TOWNS = [
    "Balby",
    "Bentley",
    "Thorne",
    "Armthorpe",
    "Rossington",
    "Mexborough",
    "Conisbrough",
    "Askern",
    "Hatfield",
    "Tickhill",
    "Bawtry",
    "Edlington",
    "Rotherham",
    "Barnsley",
    "Wakefield",
    "Pontefract",
    "Castleford",
    "Goole",
    "Selby",
    "Worksop",
    "Retford",
    "Gainsborough",
    "Scunthorpe",
    "Grimsby",
    "Sheffield",
    "Chesterfield",
    "Huddersfield",
    "Halifax",
    "Dewsbury",
    "Batley",
    "Leeds",
    "Bradford",
    "Keighley",
    "Harrogate",
    "York",
    "Hull",
    "Beverley",
    "Bridlington",
    "Scarborough",
    "Whitby",
    "Malton",
    "Ripon",
    "Skipton",
    "Otley",
    "Ilkley",
    "Wetherby",
    "Tadcaster",
    "Mirfield",
    "Brighouse",
    "Elland",
    "Penistone",
    "Stocksbridge",
    "Maltby",
    "Dinnington",
    "Wath",
    "Hoyland",
    "Wombwell",
    "Cudworth",
    "Royston",
    "Hemsworth",
    "Knottingley",
]
ACTIVITIES = [
    "Health Walk",
    "Walking Group",
    "Nordic Walking",
    "Buggy Walk",
    "Chair Yoga",
    "Tai Chi",
    "Walking Football",
    "Dementia Cafe",
    "Memory Cafe",
    "Carers Group",
    "Befriending",
    "Telephone Befriending",
    "Lunch Club",
    "Men's Shed",
    "Knit and Natter",
    "Community Choir",
    "Art Group",
    "Art Therapy",
    "Debt Advice",
    "Benefits Advice",
    "Money Clinic",
    "Food Bank",
    "Community Pantry",
    "Digital Skills Drop-in",
    "Job Club",
    "Counselling",
    "Talking Therapy",
    "Bereavement Support",
    "Parent and Toddler Group",
    "Youth Club",
    "Diabetes Support Group",
    "COPD Breathe Easy",
    "Cancer Support",
    "Allotment Group",
    "Reading Group",
    "Coffee Morning",
    "Gardening Club",
    "Pilates",
    "Boccia",
    "Swimming for Health",
    "Housing Advice",
    "Stroke Club",
    "Singing for the Brain",
]
KINDS = [
    "Group",
    "Club",
    "Project",
    "Network",
    "Partnership",
    "Trust",
    "Friends",
    "Community Association",
    "Centre",
    "Forum",
]
CATEGORIES = [
    "physical-activity",
    "social-connection",
    "mental-wellbeing",
    "money-debt-benefits",
    "housing",
    "food",
    "carers",
    "arts-culture",
    "learning-digital",
    "employment",
    "long-term-conditions",
    "children-families",
    "older-people",
]
DAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]


@cache
def vocabulary() -> tuple[list[str], list[float]]:
    """Real English words, with cumulative weights by rank (Zipf)."""
    words = [
        w
        for w in top_n_list("en", 60000)
        if w.isalpha() and len(w) > 2 and w not in BLOCKED
    ]
    total, cumulative = 0.0, []
    for rank in range(1, len(words) + 1):
        total += 1 / rank
        cumulative.append(total)
    return words, cumulative


@cache
def places() -> list[tuple[str, float, float]]:
    """Postcodes with points: every bundled Doncaster postcode and GB district."""
    found = []
    for name in ("doncaster-dn1-dn12.csv", "district-centroids.csv"):
        with (ROOT / "data" / "postcodes" / name).open() as handle:
            rows = csv.reader(handle)
            next(rows)
            found += [(r[0], float(r[1]), float(r[2])) for r in rows if r[1]]
    return found


def sentence(rng: random.Random, length: int) -> str:
    """A sentence of real words drawn by frequency."""
    words, weights = vocabulary()
    picked = rng.choices(words, cum_weights=weights, k=length)
    return " ".join(picked).capitalize() + "."


def service(rng: random.Random, n: int) -> dict[str, Any]:
    """One full ORUK 3.0 service."""
    activity = rng.choice(ACTIVITIES)
    postcode, lat, lon = rng.choice(places())
    town = rng.choice(TOWNS)
    sid = str(uuid.uuid5(NS, f"service/{n}"))
    org_n = n // 3
    text = [
        f"A friendly {activity.lower()} in {town} for anyone who would like to "
        f"come along."
    ] + [sentence(rng, rng.randint(8, 20)) for _ in range(rng.randint(2, 5))]
    opens = rng.choice([9, 10, 11, 13, 14, 18])
    return {
        "id": sid,
        "name": f"{town} {activity}",
        "description": " ".join(text),
        "status": rng.choices(["active", "temporarily closed"], [0.97, 0.03])[0],
        "assured_date": f"2026-{rng.randint(1, 11):02d}-{rng.randint(1, 28):02d}",
        "minimum_age": rng.choice([None, None, 18, 55, 60, 0, 11]),
        "organization": {
            "id": str(uuid.uuid5(NS, f"org/{org_n}")),
            "name": f"{town} {rng.choice(KINDS)} {org_n}",
            "website": f"https://www.example.org.uk/org-{org_n}",
        },
        "service_at_locations": [
            {
                "id": str(uuid.uuid5(NS, f"sal/{n}")),
                "location": {
                    "id": str(uuid.uuid5(NS, f"loc/{n // 2}")),
                    "name": f"{town} Community Centre",
                    "location_type": "physical",
                    "latitude": lat,
                    "longitude": lon,
                    "addresses": [
                        {
                            "id": str(uuid.uuid5(NS, f"addr/{n // 2}")),
                            "address_1": f"{rng.randint(1, 200)} High Street",
                            "city": town,
                            "state_province": "England",
                            "postal_code": postcode,
                            "country": "GB",
                            "address_type": "physical",
                        }
                    ],
                },
            }
        ],
        "schedules": [
            {
                "id": str(uuid.uuid5(NS, f"sched/{n}")),
                "freq": "WEEKLY",
                "byday": rng.choice(DAYS),
                "opens_at": f"{opens:02d}:00:00",
                "closes_at": f"{opens + 2:02d}:00:00",
            }
        ],
        "cost_options": [
            {
                "id": str(uuid.uuid5(NS, f"cost/{n}")),
                "amount": rng.choice([0, 0, 0, 2, 3, 5]),
                "amount_description": "per session",
            }
        ],
        "phones": [
            {
                "id": str(uuid.uuid5(NS, f"phone/{n}")),
                "number": f"01632 960{n % 1000:03d}",
            }
        ],
        "attributes": [
            {
                "id": str(uuid.uuid5(NS, f"attr/{n}")),
                "taxonomy_term": {
                    "id": str(
                        uuid.uuid5(
                            uuid.NAMESPACE_URL,
                            f"https://sp-directory.uk/taxonomy/directory-category/{c}",
                        )
                    ),
                    "name": c.replace("-", " ").capitalize(),
                    "taxonomy": "directory-category",
                    "term": c,
                },
            }
            for c in rng.sample(CATEGORIES, 2)
        ],
    }


def services(count: int, seed: int = 2026) -> list[dict[str, Any]]:
    """``count`` services, the same every time for the same seed."""
    rng = random.Random(seed)
    return [service(rng, n) for n in range(count)]
