"""A judged query set: what residents and GPs type, and what a person says is right.

Each judgement was made by reading the demo directory
(data/demo/doncaster-oruk3.json), not by looking at what the search returns: the
services that genuinely answer the need must be among the first five results, and
the clearly wrong ones must not be returned at all. No inactive (withdrawn,
defunct) listing may ever come back.

The demo has many near-identical services in different towns (nine food banks,
ten sheds), so an expectation is either one service by name or a group of equally
right services (a tuple), any one of which fills that place; a group named twice
needs two different members of it in the top five.

With a postcode the page shows the nearest matches first and, beside them, the
services with no venue that cover the area ("Also available by phone, online or
at home"); both count as the top five there. The postcode district is passed as
the page passes it.

A query the search gets wrong stays here as a strict xfail giving the reason, so
the gap is recorded and the test fails loudly once it is fixed.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from pathlib import Path

import pytest
from flask import Flask

from directory_app.indexing import get_index
from search_index import SearchQuery

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "data" / "demo" / "doncaster-oruk3.json"
POSTCODE_FILE = ROOT / "data" / "postcodes" / "doncaster-dn1-dn12.csv"
TOP = 5
EVERYTHING = 500  # more than the demo has: "not at all" means on no page

SERVICES = json.loads(DEMO.read_text(encoding="utf-8"))["contents"]
NAMES = {service["name"] for service in SERVICES}
# Never to be found, whatever is asked.
GONE = sorted(
    s["name"]
    for s in SERVICES
    if s["status"].lower() in {"inactive", "withdrawn", "defunct"}
)

# Points of real demo postcodes, as in the bundled postcode file.
POINTS = {
    "DN1 1AA": (53.52299, -1.13489),  # Doncaster town centre
    "DN3 3AZ": (53.53435, -1.05933),  # Armthorpe
    "DN4 0AG": (53.51841, -1.14171),  # Hexthorpe
    "DN4 6DL": (53.50319, -1.07380),  # Cantley
    "DN4 8XB": (53.50274, -1.15720),  # Balby
    "DN5 8NJ": (53.53604, -1.16837),  # Cusworth
    "DN7 6TR": (53.58213, -1.00957),  # Hatfield
    "DN11 9QJ": (53.43294, -1.10442),  # Tickhill
    "DN12 1DB": (53.48407, -1.18771),  # Edlington
    "DN12 4NA": (53.48586, -1.25733),  # Denaby
}

# Groups of services that answer the same need equally well (active ones only).
WALKS = (
    "Bawtry Recreation Ground Wellbeing Walk",
    "Bentley Park Wellbeing Walk",
    "Cantley Park Wellbeing Walk",
    "Cusworth Park Wellbeing Walk",
    "Kirk Sandall Recreation Ground Wellbeing Walk",
    "Sandall Beat Wood Wellbeing Walk",
    "Walk and Talk Adwick le Street",
    "Walk and Talk Cusworth",
    "Walk and Talk Edlington",
)
NORDIC_WALKS = ("Armthorpe Nordic Walking", "Nordic Walking at Cantley Park")
BUGGY_WALKS = (
    "Armthorpe Buggy Walk",
    "Bawtry Buggy Walk",
    "Denaby Buggy Walk",
    "Kirk Sandall Buggy Walk",
    "Moorends Buggy Walk",
    "Rossington Buggy Walk",
    "Wheatley Buggy Walk",
    "Pram Walk at Bessacarr Recreation Ground",
    "Pram Walk at Elmfield Park",
    "Pram Walk at Stainforth Canal Basin",
)
WALKING_FOOTBALL = (
    "Armthorpe Walking Football",
    "Walking Football at Elmfield Park",
    "Walking Football at Sprotbrough Flash",
)
BEFRIENDING = (
    "Telephone Befriending Service",
    "Weekly Friendly Call",
    "Friendly Visitors Bawtry",
    "Friendly Visitors Cantley",
    "Friendly Visitors Doncaster",
    "Friendly Visitors Rossington",
    "Denaby Good Neighbours Home Befriending",
)
MONEY_ADVICE = (
    "Conisbrough Money Advice Drop-in",
    "Hatfield Money Advice Drop-in",
    "Intake Money Advice Drop-in",
    "Rossington Money Advice Drop-in",
    "Debt Advice Clinic at Edlington Family Hub",
    "Freephone Debt and Benefits Line",
    "Doncaster Welfare Rights Hub Money Helpline",
)
PIP_HELP = (
    "Bentley PIP and Universal Credit Help",
    "Edlington PIP and Universal Credit Help",
    "Rossington PIP and Universal Credit Help",
    "Wheatley PIP and Universal Credit Help",
)
BENEFIT_LINES = (
    "Freephone Debt and Benefits Line",
    "Doncaster Welfare Rights Hub Money Helpline",
)
FOOD_BANKS = (
    "Adwick le Street Food Bank",
    "Bentley Food Bank",
    "Doncaster Town Centre Food Bank",
    "Hexthorpe Food Bank",
    "Intake Food Bank",
    "Kirk Sandall Food Bank",
    "St John's Church Hall Emergency Food Bank",
    "St Paul's Church Hall Emergency Food Bank",
    "St Peter's Church Hall Emergency Food Bank",
)
DEMENTIA_CAFES = (
    "Dementia Café at Cusworth Community House",
    "Dementia Café at Denaby Main Miners' Welfare",
    "Dementia Café at St Oswald's Church Hall",
    "Dementia Café at St Wilfrid's Church Hall",
    "Tickhill Memory Café",
)
GENTLE_YOGA = (
    "Gentle Yoga for Over 60s - Askern",
    "Gentle Yoga for Over 60s - Conisbrough",
)
CARERS_GROUPS = (
    "Bentley Carers' Group",
    "Carcroft Carers' Group",
    "Hatfield Carers' Group",
    "Intake Carers' Group",
    "Kirk Sandall Carers' Group",
    "Rossington Carers' Group",
    "Carers' Coffee Morning at Balby Community Centre",
    "Carers' Coffee Morning at Cusworth Community House",
    "Carers' Coffee Morning at Hatfield Library",
    "Carers' Coffee Morning at Sprotbrough Village Hall",
    "Carers' Coffee Morning at St Lawrence's Church Hall",
)
COUNSELLING = (
    "Bessacarr Community Counselling",
    "Tickhill Community Counselling",
    "Low-Cost Counselling at Conisbrough Ivanhoe Centre",
    "Low-Cost Counselling at Edlington Family Hub",
    "Talking Therapies by Phone and Video",
)
BEREAVEMENT = (
    "Cantley Bereavement Café",
    "Carcroft Bereavement Café",
    "Hexthorpe Bereavement Café",
    "Moorends Bereavement Café",
    "Living with Loss - Woodlands",
    "Doncaster Bereavement Network Bereavement Listening Line",
)
MENS_SHEDS = (
    "Armthorpe Men's Shed",
    "Bessacarr Men's Shed",
    "Conisbrough Men's Shed",
)
SHEDS = (
    *MENS_SHEDS,
    "The Askern Shed",
    "The Balby Shed",
    "The Doncaster Town Centre Shed",
    "The Kirk Sandall Shed",
    "The Sprotbrough Shed",
    "The Wheatley Shed",
    "The Woodlands Shed",
)
KNIT_AND_NATTER = (
    "Knit and Natter Bessacarr",
    "Knit and Natter Conisbrough",
    "Knit and Natter Hatfield",
)
# "Knitting, crochet and sewing ... wool and needles are provided"
CRAFT_AND_CHAT = (
    "Denaby Craft and Chat",
    "Doncaster Town Centre Craft and Chat",
    "Edlington Craft and Chat",
    "Moorends Craft and Chat",
)
ART_CLUBS = (
    "Armthorpe Art Club",
    "Cantley Art Club",
    "Tickhill Art Club",
    "Paint and Natter Doncaster Town Centre",
    "Paint and Natter Tickhill",
)
CHOIRS = (
    "Balby Community Choir",
    "Cusworth Community Choir",
    "Hatfield Community Choir",
    "Kirk Sandall Community Choir",
    "Stainforth Community Choir",
    "Sing for Wellbeing Thorne",
)
DIGITAL = (
    "Doncaster Digital Champions CIC Online Digital Skills Course",
    "Tech Confidence by Phone",
    "Digital Drop-in at Bessacarr Community Hall",
    "Digital Drop-in at Cusworth Community House",
    "Tech Help Café Balby",
    "Tech Help Café Cantley",
    "Tech Help Café Hatfield",
    "Get Online Sprotbrough",
)
JOB_CLUBS = (
    "Armthorpe Job Club",
    "Moorends Job Club",
    "Work Club at Askern Library",
    "Work Club at Bessacarr Community Hall",
    "Work Club at Carcroft Library",
    "Work Club at Woodlands Library",
)
TODDLER_GROUPS = (
    "Hexthorpe Parent and Toddler Group",
    "Intake Parent and Toddler Group",
    "Moorends Parent and Toddler Group",
    "Little Acorns Carcroft",
    "Little Acorns Edlington",
    "Little Acorns Moorends",
    "Stay and Play at Doncaster Central Library",
    "Stay and Play at Sprotbrough Library",
    "Stay and Play at Tickhill Library",
    "Baby Bounce and Rhyme Thorne",
)
DIABETES = (
    "Balby Diabetes Support Group",
    "Bawtry Diabetes Support Group",
    "Bentley Diabetes Support Group",
    "Cantley Diabetes Support Group",
    "Living Well with Diabetes Adwick le Street",
    "Living Well with Diabetes Rossington",
)
CHAIR_EXERCISE = (
    "Chair-Based Exercise at Priory Place Community Rooms",
    "Chair-Based Exercise at St Jude's Church Hall",
    "Bessacarr Seated Exercise Class",
    "Edlington Seated Exercise Class",
    "Hatfield Seated Exercise Class",
    "Move It or Lose It Armthorpe",
    "Move It or Lose It Stainforth",
    "Move It or Lose It Tickhill",
    "Move It or Lose It Woodlands",
)
LUNCH_CLUBS = (
    "Adwick le Street Friendship Lunch Club",
    "Denaby Luncheon Club",
    "Kirk Sandall Luncheon Club",
    "Thorne Friendship Lunch Club",
    "Tuesday Lunch Club at Carcroft Methodist Church Hall",
    "Wednesday Lunch Club at All Saints' Church Hall",
    "Woodlands Luncheon Club",
)
COFFEE_MORNINGS = (
    "Adwick le Street Coffee Morning",
    "Bessacarr Coffee Morning",
    "Carcroft Coffee Morning",
    "Cusworth Coffee Morning",
    "Denaby Coffee Morning",
    "Wheatley Coffee Morning",
    "Monday Drop-in at Balby Community Centre",
    "Tuesday Drop-in at Woodlands Library",
    "Wednesday Drop-in at St Peter's Church Hall",
)
TEA_DANCES = (
    "Bessacarr Community Hall Afternoon Tea Dance",
    "Carcroft Village Hall Afternoon Tea Dance",
    "Conisbrough Tea Dance",
    "Denaby Main Miners' Welfare Afternoon Tea Dance",
    "Doncaster Town Centre Tea Dance",
    "Kirk Sandall Tea Dance",
    "Sprotbrough Tea Dance",
    "St Peter's Church Hall Afternoon Tea Dance",
)
WEIGHT = (
    "Healthy Weight Programme - Adwick Leisure Centre",
    "Healthy Weight Programme - Thorne Leisure Centre",
    "Eat Well Move More Carcroft",
)
EXERCISE_REFERRAL = (
    "Armthorpe Exercise on Referral",
    "Doncaster Town Centre Exercise on Referral",
    "Active Lives Exercise Referral - Rossington Leisure Centre",
)
STEADY_STEPS = (
    "Steady Steps Strength and Balance - Armthorpe",
    "Steady Steps Strength and Balance - Bessacarr",
    "Steady Steps Strength and Balance - Doncaster Town Centre",
)
ESOL = (
    "ESOL Conversation Café at Adwick Community Centre",
    "ESOL Conversation Café at Bawtry Mayflower Hall",
)
STRESS_AND_MOOD = (
    "Managing Stress Course at Hatfield Library",
    "Managing Stress Course at Rossington Library",
    "Askern Wellbeing Peer Support Group",
    "Balby Wellbeing Peer Support Group",
    "Tickhill Wellbeing Peer Support Group",
    "Open Door Peer Support Balby",
    "Open Door Peer Support Hexthorpe",
    "Open Door Peer Support Thorne",
    *COUNSELLING,
)
SWIMMING = (
    "Rossington Gentle Swim and Aqua",
    "Aqua Fit for Health - Armthorpe Leisure Centre",
    "Aqua Fit for Health - Thorne Leisure Centre",
)
GARDENS = (
    "Bessacarr Community Garden",
    "Carcroft Community Garden",
    "Hexthorpe Community Garden",
    "Sprotbrough Community Garden",
    "Thorne Community Garden",
    "Growing Together at Coronation Park",
    "Growing Together at Moorends Recreation Ground",
    "Growing Together at Sandall Park",
)
SIGHT_LOSS = (
    "Carcroft Sight Loss Social Group",
    "Woodlands Sight Loss Social Group",
    "Low Vision Coffee Club Moorends",
)

DEBT_CLINIC = "Debt Advice Clinic at Edlington Family Hub"

Expected = str | tuple[str, ...]


@dataclass(frozen=True)
class Judged:
    """A query and its judged answer."""

    text: str
    top: tuple[Expected, ...]  # each must be in the top five
    never: tuple[str, ...] = ()  # clearly wrong: must not be returned at all
    age: int | None = None
    near: str | None = None  # a postcode in POINTS

    def query(self) -> SearchQuery:
        return SearchQuery(
            text=self.text,
            point=POINTS[self.near] if self.near else None,
            district=self.near.split()[0] if self.near else None,
            age=self.age,
            per_page=EVERYTHING,
        )

    @property
    def label(self) -> str:
        return (
            self.text
            + (f" [age {self.age}]" if self.age is not None else "")
            + (f" near {self.near}" if self.near else "")
        )


def judged(
    text: str,
    *top: Expected,
    never: tuple[str, ...] = (),
    age: int | None = None,
    near: str | None = None,
    xfail: str | None = None,
):
    case = Judged(text, top, never, age, near)
    marks = [pytest.mark.xfail(strict=True, reason=xfail)] if xfail else []
    return pytest.param(case, id=case.label, marks=marks)


JUDGEMENTS = [
    # Getting active
    judged("walk", WALKS, (*WALKS, *NORDIC_WALKS), never=(DEBT_CLINIC,)),
    judged("walking group", WALKS, WALKS, never=("Intake Money Advice Drop-in",)),
    judged("walkng", WALKS, (*WALKS, *NORDIC_WALKS), never=(DEBT_CLINIC,)),
    judged(
        "buggy walk",
        BUGGY_WALKS,
        BUGGY_WALKS,
        never=("Walking Football at Elmfield Park",),
    ),
    judged(
        '"walking football"',
        WALKING_FOOTBALL,
        WALKING_FOOTBALL,
        never=("Armthorpe Nordic Walking",),
    ),
    judged("yoga over 60s", *GENTLE_YOGA, never=(DEBT_CLINIC,)),
    judged("yoga", *GENTLE_YOGA, age=65, never=("Freephone Debt and Benefits Line",)),
    judged(
        "chair exercise",
        CHAIR_EXERCISE,
        CHAIR_EXERCISE,
        never=("Armthorpe Walking Football",),
    ),
    judged(
        "chair yoga",
        GENTLE_YOGA,  # "done seated or standing with a chair for support"
        never=(DEBT_CLINIC,),
        xfail=(
            "the chair-based and seated exercise classes (synonyms, with 'chair' in"
            " their names) outrank the Gentle Yoga classes, which match 'chair"
            " yoga' only by both words in their description; they come back"
            " further down"
        ),
    ),
    # No tai chi in the demo: nothing is clearly right, so the judgement is only
    # that nothing wrong is offered in its place.
    judged("tai chi", never=(DEBT_CLINIC, "Bentley Food Bank")),
    judged("swimming", SWIMMING, SWIMMING, never=("Bentley Food Bank",)),
    judged(
        "falls",
        "Falls Prevention Class at Bessacarr Community Hall",
        STEADY_STEPS,
        never=("Bentley Food Bank",),
    ),
    judged(
        "exercise program",  # US spelling of "programme"
        EXERCISE_REFERRAL,
        EXERCISE_REFERRAL,
        never=("Golden Years Club Askern",),  # "plan the programme together"
    ),
    judged(
        "weight loss",
        WEIGHT,
        WEIGHT,
        never=("Carcroft Sight Loss Social Group",),
    ),
    # Loneliness and company
    judged(
        "lonely",
        "Telephone Befriending Service",
        BEFRIENDING,
        never=(DEBT_CLINIC,),
    ),
    judged(
        "befriending",
        "Telephone Befriending Service",
        BEFRIENDING,
        never=("Bentley Food Bank",),
    ),
    judged(
        "lonely elderly",
        BEFRIENDING,
        BEFRIENDING,
        never=("Hexthorpe Parent and Toddler Group",),
    ),
    judged(
        "coffee morning",
        COFFEE_MORNINGS,
        COFFEE_MORNINGS,
        never=("Intake Money Advice Drop-in",),
    ),
    judged(
        "lunch club",
        LUNCH_CLUBS,
        LUNCH_CLUBS,
        never=("Adwick le Street Holiday Club",),  # children's, "healthy lunch"
    ),
    judged(
        '"tea dance"',
        TEA_DANCES,
        TEA_DANCES,
        never=("Golden Years Club Balby",),  # "plenty of tea", no dancing
    ),
    judged("men's shed", MENS_SHEDS, SHEDS, never=("Doncaster Town Centre Food Bank",)),
    judged("mens shed", MENS_SHEDS, SHEDS, never=("Doncaster Town Centre Food Bank",)),
    judged(
        '"men\'s shed"',
        *MENS_SHEDS,
        never=("Men's Talk Wheatley",),  # men's, but a talking group, no shed
    ),
    # Money, food, housing, work
    judged("debt help", DEBT_CLINIC, MONEY_ADVICE, never=("Armthorpe Art Club",)),
    judged("money advice", MONEY_ADVICE, MONEY_ADVICE, never=("Cantley Art Club",)),
    judged(
        "benefits",
        PIP_HELP,
        BENEFIT_LINES,
        never=("Baby Bounce and Rhyme Thorne",),
    ),
    judged("food bank", FOOD_BANKS, FOOD_BANKS, never=("Armthorpe Walking Football",)),
    judged("foodbank", FOOD_BANKS, FOOD_BANKS, never=("Armthorpe Walking Football",)),
    judged(
        "housing advice",
        "Housing Advice Drop-in at Wheatley Library",
        "Hexthorpe Housing Help Point",
        "Thorne Housing Help Point",
        never=("Balby Community Choir",),
    ),
    judged(
        "job club",
        "Armthorpe Job Club",
        "Moorends Job Club",
        JOB_CLUBS,
        never=("Hexthorpe Parent and Toddler Group",),
    ),
    judged(
        "digital skills",
        "Doncaster Digital Champions CIC Online Digital Skills Course",
        DIGITAL,
        # "online", but a mental health support group
        never=("Doncaster Mind Matters Online Support Group",),
    ),
    judged("esol", *ESOL, never=("Bentley Food Bank",)),
    # Health and long-term conditions
    judged(
        "dementia cafe", DEMENTIA_CAFES, DEMENTIA_CAFES, never=("Bentley Youth Club",)
    ),
    judged("dementa", DEMENTIA_CAFES, DEMENTIA_CAFES, never=("Bentley Youth Club",)),
    judged("alzheimers", DEMENTIA_CAFES, never=("Bentley Youth Club",)),
    judged(
        "memory",
        "Tickhill Memory Café",
        DEMENTIA_CAFES,
        never=("Hexthorpe Parent and Toddler Group",),
    ),
    judged("diabetes", DIABETES, DIABETES, never=("Bentley Food Bank",)),
    judged(
        "COPD",
        "Better Breathing Group Adwick le Street",
        "Singing for Lung Health Cantley",
        never=(DEBT_CLINIC,),
    ),
    judged(
        "stroke",
        "Adwick le Street Stroke Club",
        "Life After Stroke Group Doncaster Town Centre",
        never=("Rossington Gentle Swim and Aqua",),
    ),
    judged(
        "cancer support",
        "Bessacarr Cancer Support Group",
        "Woodlands Cancer Support Group",
        "Cancer Drop-in at St Wilfrid's Church Hall",
        never=("Bentley Food Bank",),
    ),
    judged("sight loss", *SIGHT_LOSS, never=("Living with Loss - Woodlands",)),
    # Mental wellbeing
    judged(
        "counselling",
        "Bessacarr Community Counselling",
        "Tickhill Community Counselling",
        COUNSELLING,
        never=("Doncaster Town Centre Food Bank",),
    ),
    judged(
        "counseling",  # US spelling
        "Bessacarr Community Counselling",
        "Tickhill Community Counselling",
        COUNSELLING,
        never=("Doncaster Town Centre Food Bank",),
    ),
    judged(
        "talking therapy",
        "Talking Therapies by Phone and Video",
        COUNSELLING,
        never=("Bentley Food Bank",),
    ),
    judged("anxiety", STRESS_AND_MOOD, STRESS_AND_MOOD, never=("Bentley Food Bank",)),
    judged(
        "bereavement",
        "Doncaster Bereavement Network Bereavement Listening Line",
        BEREAVEMENT,
        never=("Hexthorpe Parent and Toddler Group",),
    ),
    judged(
        "grief",
        "Doncaster Bereavement Network Bereavement Listening Line",
        BEREAVEMENT,
        never=("Carcroft Sight Loss Social Group",),
    ),
    # Carers and families
    judged(
        "carers support",
        "Don Valley Carers' Network Carers' Support Line",
        CARERS_GROUPS,
        never=("Golden Years Club Balby",),
    ),
    judged(
        "young carers",
        "Young Carers' Group at Askern Family Hub",
        "Doncaster Town Centre Young Carers' Club",
        never=("Golden Years Club Askern",),
    ),
    judged(
        "young carers",
        "Young Carers' Group at Askern Family Hub",
        "Doncaster Town Centre Young Carers' Club",
        age=12,
        never=("Bentley Carers' Group",),  # adults only
    ),
    judged(
        "toddler", TODDLER_GROUPS, TODDLER_GROUPS, never=("Golden Years Club Balby",)
    ),
    # Creative and social
    judged(
        "knit",
        KNIT_AND_NATTER,
        CRAFT_AND_CHAT,
        never=("Bentley Food Bank",),
    ),
    judged("art", ART_CLUBS, ART_CLUBS, never=("Bentley Food Bank",)),
    judged("choir", CHOIRS, CHOIRS, never=("Intake Money Advice Drop-in",)),
    judged("gardening", GARDENS, GARDENS, never=("Bentley Food Bank",)),
    # With a postcode: the nearest right service first
    judged(
        "walk",
        "Walk and Talk Cusworth",
        "Cusworth Park Wellbeing Walk",
        near="DN5 8NJ",
        never=(DEBT_CLINIC,),
    ),
    judged(
        "food bank",
        "Doncaster Town Centre Food Bank",
        near="DN1 1AA",
        never=("Armthorpe Art Club",),
    ),
    judged(
        "men's shed",
        "The Doncaster Town Centre Shed",
        near="DN1 1AA",
        never=("Doncaster Town Centre Food Bank",),
    ),
    judged(
        "counselling",
        "Tickhill Community Counselling",
        "Talking Therapies by Phone and Video",
        near="DN11 9QJ",
    ),
    judged("choir", "Balby Community Choir", near="DN4 8XB"),
    judged("diabetes", "Balby Diabetes Support Group", near="DN4 8XB"),
    judged("job club", "Armthorpe Job Club", near="DN3 3AZ"),
    # the Armthorpe Housing Help Point is inactive, so: the nearest active one
    judged(
        "housing advice", "Housing Advice Drop-in at Wheatley Library", near="DN3 3AZ"
    ),
    judged(
        "money advice",
        "Hatfield Money Advice Drop-in",
        "Freephone Debt and Benefits Line",
        near="DN7 6TR",
    ),
    judged("dementia", "Dementia Café at St Wilfrid's Church Hall", near="DN4 6DL"),
    judged("bereavement", "Hexthorpe Bereavement Café", near="DN4 0AG"),
    judged(
        "lunch club",
        "Denaby Luncheon Club",
        "Wednesday Lunch Club at All Saints' Church Hall",
        near="DN12 4NA",
    ),
    judged(
        "befriending",
        "Friendly Visitors Cantley",  # home visits, covers Cantley
        "Telephone Befriending Service",
        near="DN4 6DL",
        xfail=(
            "Friendly Visitors Cantley is not offered: it never says 'befriending'"
            " ('a trained volunteer visits you at home'), so it scores low, and the"
            " five 'also available' places go to borough-wide and online services"
            " ahead of the one that covers Cantley itself"
        ),
    ),
    judged(
        "toddler",
        "Little Acorns Edlington",  # under 5s, in Edlington
        near="DN12 1DB",
        xfail=(
            "Little Acorns Edlington, the nearest toddler group, is left out: it"
            " matches only through the half-weight synonym 'under 5s', below the"
            " 30% score floor applied before sorting by distance"
        ),
    ),
]


def satisfied(expected: tuple[Expected, ...], shown: list[str]) -> list[Expected]:
    """The expectations the shown names do not meet, each name used only once."""
    unused, unmet = list(shown), []
    for want in expected:
        choices = (want,) if isinstance(want, str) else want
        found = next((name for name in unused if name in choices), None)
        if found is None:
            unmet.append(want)
        else:
            unused.remove(found)
    return unmet


def short(want: Expected) -> str:
    return want if isinstance(want, str) else f"one of {want[0]!r}... ({len(want)})"


@pytest.mark.parametrize("case", JUDGEMENTS)
def test_judged_query(demo_app: Flask, case: Judged) -> None:
    with demo_app.app_context():
        results = get_index(demo_app).search(case.query())
    found = [hit.fields["name"] for hit in results.hits]
    beside = [hit.fields["name"] for hit in results.elsewhere]
    top = found[:TOP] + beside
    missing = [short(want) for want in satisfied(case.top, top)]
    wrong = [name for name in (*case.never, *GONE) if name in found + beside]
    assert not missing and not wrong, (
        f"{case.label!r}: missing from the top {TOP}: {missing}; wrongly returned:"
        f" {wrong}; the top {TOP} was {found[:TOP]}"
        + (f", also available: {beside}" if beside else "")
        + f" ({results.total} in all)"
    )


def test_every_judged_service_is_in_the_demo() -> None:
    """A misspelt name would make a judgement pass (never) or fail for no reason."""
    named: set[str] = set()
    for param in JUDGEMENTS:
        case = param.values[0]
        named.update(case.never)
        for want in case.top:
            named.update((want,) if isinstance(want, str) else want)
    assert named - NAMES == set()
    assert len(GONE) == 3, GONE  # the demo's inactive listings
    assert len(JUDGEMENTS) >= 40


def test_the_points_are_those_of_the_postcodes() -> None:
    with POSTCODE_FILE.open(encoding="utf-8") as handle:
        table = {row["Postcode"]: row for row in csv.DictReader(handle)}
    for postcode, (lat, lon) in POINTS.items():
        row = table[postcode]
        assert (float(row["lat"]), float(row["long"])) == (lat, lon), postcode
