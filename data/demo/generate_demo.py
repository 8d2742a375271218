"""Generate a fictional demo directory of social-prescribing services in Doncaster.

Everything in the output is made up for demonstration and testing: the
organisations, people, charity and company numbers, e-mail addresses and web
sites (all on example.org.uk) and phone numbers (all from Ofcom's ranges
reserved for drama). Only the places are real: the towns and suburbs of the
City of Doncaster borough, and real postcodes with their real coordinates taken
from the NSPL extract in shared/fixtures/postcodes/odileeds-nspl-may2025/DN.csv.
Venue names and street numbers are invented.

The output, data/demo/doncaster-oruk3.json, is one Open Referral UK 3.0 page
of full service objects. It is deterministic: a seeded random.Random(2026),
uuid5 ids and fixed dates ("today" is 2026-11-23), so rerunning it gives the
same file byte for byte. Rerun from the repository root with:

    python data/demo/generate_demo.py [--postcodes PATH] [--out PATH]
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import math
import random
import re
import uuid
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
POSTCODES = REPO.parent / "shared/fixtures/postcodes/odileeds-nspl-may2025/DN.csv"
TAXONOMY = REPO / "data/taxonomy/directory.json"
OUT = HERE / "doncaster-oruk3.json"
TODAY = dt.date(2026, 11, 23)
BASE = "https://demo.sp-directory.uk"


# --------------------------------------------------------------------------
# Places: district, centre (lat, long), post town, streets and venue names.
# Venues are matched to a real postcode near the centre inside the district.
# --------------------------------------------------------------------------
def P(district, lat, lon, town, streets, hall, church, park, label=None, **other):
    return dict(
        district=district,
        lat=lat,
        lon=lon,
        town=town,
        label=label,
        streets=streets.split("|"),
        hall=hall,
        church=church,
        park=park,
        **other,
    )


PLACES = {
    "Town Centre": P(
        "DN1",
        53.5228,
        -1.1330,
        "Doncaster",
        "Waterdale|Priory Place|Cleveland Street|Silver Street|Hall Gate",
        "Priory Place Community Rooms",
        "St George's Minster",
        "Elmfield Park",
        label="Doncaster Town Centre",
        library="Doncaster Central Library",
        office="Waterdale Advice Centre",
        hub="Town Centre Family Hub",
        leisure="Waterdale Leisure Hub",
    ),
    "Balby": P(
        "DN4",
        53.4990,
        -1.1530,
        "Doncaster",
        "High Road|Warmsworth Road|Balby Road|Oswin Avenue",
        "Balby Community Centre",
        "St John's Church",
        "Potteric Carr Nature Reserve",
        library="Balby Library",
        hub="Balby Family Hub",
    ),
    "Hexthorpe": P(
        "DN4",
        53.5150,
        -1.1480,
        "Doncaster",
        "Urban Road|Abbott Street",
        "Hexthorpe Community Hall",
        "St Jude's Church",
        "Hexthorpe Flatts",
        hub="Hexthorpe Family Hub",
    ),
    "Cantley": P(
        "DN4",
        53.5080,
        -1.0800,
        "Doncaster",
        "Cantley Lane|Goodison Boulevard|Acacia Road",
        "Cantley Community Centre",
        "St Wilfrid's Church",
        "Cantley Park",
        library="Cantley Library",
    ),
    "Bessacarr": P(
        "DN4",
        53.4980,
        -1.0750,
        "Doncaster",
        "Bawtry Road|Leicester Avenue|Stoops Lane",
        "Bessacarr Community Hall",
        "St Francis' Church",
        "Bessacarr Recreation Ground",
    ),
    "Bentley": P(
        "DN5",
        53.5430,
        -1.1500,
        "Doncaster",
        "High Street|Askern Road|Cooke Street|Arksey Lane",
        "Bentley Pavilion Community Centre",
        "St Peter's Church",
        "Bentley Park",
        library="Bentley Library",
        hub="Bentley Family Hub",
    ),
    "Sprotbrough": P(
        "DN5",
        53.5180,
        -1.1930,
        "Doncaster",
        "Main Street|Melton Road",
        "Sprotbrough Village Hall",
        "St Mary's Church",
        "Sprotbrough Flash",
        library="Sprotbrough Library",
    ),
    "Cusworth": P(
        "DN5",
        53.5330,
        -1.1700,
        "Doncaster",
        "Cusworth Lane|Back Lane",
        "Cusworth Community House",
        "Cusworth Methodist Church",
        "Cusworth Park",
    ),
    "Conisbrough": P(
        "DN12",
        53.4830,
        -1.2270,
        "Conisbrough",
        "Church Street|Old Road|Sheffield Road",
        "Conisbrough Ivanhoe Centre",
        "St Peter's Church",
        "Coronation Park",
        library="Conisbrough Library",
        leisure="Conisbrough Leisure Centre",
    ),
    "Denaby": P(
        "DN12",
        53.4890,
        -1.2500,
        "Doncaster",
        "Doncaster Road|Tickhill Street",
        "Denaby Main Miners' Welfare",
        "All Saints' Church",
        "Denaby Ings",
        hub="Denaby Family Hub",
    ),
    "Edlington": P(
        "DN12",
        53.4790,
        -1.1880,
        "Doncaster",
        "Edlington Lane|Thomas Street|Alexandra Road",
        "Edlington Community Organisation Hall",
        "St John's Church",
        "Edlington Wood",
        library="Edlington Library",
        leisure="Edlington Leisure Centre",
        hub="Edlington Family Hub",
    ),
    "Thorne": P(
        "DN8",
        53.6110,
        -0.9600,
        "Thorne",
        "King Street|Fieldside|Southfield Road|Church Street",
        "Thorne Assembly Rooms",
        "St Nicholas' Church",
        "Thorne Memorial Park",
        library="Thorne Library",
        leisure="Thorne Leisure Centre",
        hub="Thorne Family Hub",
    ),
    "Moorends": P(
        "DN8",
        53.6310,
        -0.9500,
        "Doncaster",
        "Marshland Road|West Road",
        "Moorends Miners' Welfare",
        "St Wilfrith's Church",
        "Moorends Recreation Ground",
        library="Moorends Library",
    ),
    "Hatfield": P(
        "DN7",
        53.5800,
        -1.0000,
        "Doncaster",
        "Manor Road|High Street",
        "Hatfield Village Hall",
        "St Lawrence's Church",
        "Hatfield Water Park",
        library="Hatfield Library",
    ),
    "Stainforth": P(
        "DN7",
        53.5950,
        -1.0250,
        "Doncaster",
        "Church Road|Station Road",
        "Stainforth Community Centre",
        "St Mary's Church",
        "Stainforth Canal Basin",
        library="Stainforth Library",
        hub="Stainforth Family Hub",
    ),
    "Armthorpe": P(
        "DN3",
        53.5350,
        -1.0500,
        "Doncaster",
        "Church Street|Mere Lane|Hatfield Lane",
        "Armthorpe Community Centre",
        "St Leonard and St Mary's Church",
        "Sandall Beat Wood",
        library="Armthorpe Library",
        leisure="Armthorpe Leisure Centre",
    ),
    "Kirk Sandall": P(
        "DN3",
        53.5600,
        -1.0750,
        "Doncaster",
        "Fordstead Lane|Brecks Lane",
        "Kirk Sandall Village Hall",
        "St Oswald's Church",
        "Kirk Sandall Recreation Ground",
    ),
    "Rossington": P(
        "DN11",
        53.4780,
        -1.0600,
        "Doncaster",
        "Grantham Street|West End Lane|Station Road",
        "Rossington Miners' Welfare",
        "St Michael's Church",
        "Rossington Recreation Ground",
        library="Rossington Library",
        leisure="Rossington Leisure Centre",
        hub="Rossington Family Hub",
    ),
    "Tickhill": P(
        "DN11",
        53.4320,
        -1.1100,
        "Doncaster",
        "Sunderland Street|Northgate|Castlegate",
        "Tickhill Parish Rooms",
        "St Mary's Church",
        "Tickhill Mill Dam",
        library="Tickhill Library",
    ),
    "Bawtry": P(
        "DN10",
        53.4310,
        -1.0190,
        "Doncaster",
        "High Street|Church Street",
        "Bawtry Mayflower Hall",
        "St Nicholas' Church",
        "Bawtry Recreation Ground",
    ),
    "Askern": P(
        "DN6",
        53.6160,
        -1.1510,
        "Doncaster",
        "Station Road|High Street|Moss Road",
        "Askern Miners' Welfare",
        "St Peter's Church",
        "Askern Lake",
        library="Askern Library",
        leisure="Askern Leisure Centre",
        hub="Askern Family Hub",
    ),
    "Adwick le Street": P(
        "DN6",
        53.5700,
        -1.1850,
        "Doncaster",
        "Village Street|Church Lane",
        "Adwick Community Centre",
        "St Laurence's Church",
        "Adwick Park",
        leisure="Adwick Leisure Centre",
    ),
    "Carcroft": P(
        "DN6",
        53.5860,
        -1.1960,
        "Doncaster",
        "Skellow Road|Chestnut Avenue",
        "Carcroft Village Hall",
        "Carcroft Methodist Church",
        "Carcroft Park",
        library="Carcroft Library",
        hub="Carcroft Family Hub",
    ),
    "Woodlands": P(
        "DN6",
        53.5640,
        -1.1800,
        "Doncaster",
        "Great North Road|The Park",
        "Woodlands Community Centre",
        "All Saints' Church",
        "Woodlands Park",
        library="Woodlands Library",
    ),
    "Wheatley": P(
        "DN2",
        53.5320,
        -1.1120,
        "Doncaster",
        "Thorne Road|Avenue Road",
        "Wheatley Hills Community Hall",
        "St Paul's Church",
        "Town Fields",
        library="Wheatley Library",
    ),
    "Intake": P(
        "DN2",
        53.5220,
        -1.0950,
        "Doncaster",
        "Kings Road|Sandringham Road|Beckett Road",
        "Intake Community Centre",
        "St Mary's Church",
        "Sandall Park",
        library="Intake Library",
        hub="Intake Family Hub",
    ),
}
for _name, _place in PLACES.items():
    _place["label"] = _place["label"] or _name

# Accessibility details per code; "park" keys are used for outdoor venues.
ACCESS_DETAILS = {
    "wheelchair-access": [
        "Ramp at the side entrance on {street}.",
        "Level entrance with an automatic door at the front.",
        "Wide doors throughout the building.",
    ],
    "step-free": [
        "Step-free from the pavement to the main hall.",
        "Lift to the first-floor meeting room.",
    ],
    "hearing-loop": [
        "Induction loop in the main hall - switch your hearing aid to T.",
        "Portable hearing loop available; ask at the desk.",
    ],
    "accessible-toilet": [
        "Accessible toilet with grab rails next to the kitchen.",
        "Accessible toilet on the ground floor with an emergency pull cord.",
    ],
    "bsl": ["A BSL interpreter can be booked with two weeks' notice."],
    "large-print": ["Large print timetables and leaflets at the front desk."],
    "quiet-space": [
        "A small side room is kept free as a quiet space.",
        "Quiet corner with soft seating away from the main hall.",
    ],
    "parking": [
        "Free car park behind the building with two blue badge bays.",
        "On-street parking on {street}; the nearest bus stop is outside.",
    ],
    "park:wheelchair-access": [
        "Tarmac paths on the lower loop suit wheelchairs and mobility scooters."
    ],
    "park:parking": [
        "Car park at the main entrance on {street}; blue badge bays by the gate."
    ],
    "park:accessible-toilet": ["Accessible toilet in the café, open when the café is."],
}
VENUE_BLURB = {
    "hall": "Community building on {street} with a main hall, kitchen and side rooms.",
    "church": "Church hall next to the church on {street}, used by many local groups.",
    "park": "Green space in {place}; groups meet by the main entrance on {street}.",
    "library": "Public library on {street} with a community room and free computers.",
    "leisure": "Leisure centre on {street} with a pool, sports hall and studio.",
    "hub": "Council family hub on {street} with a play room, kitchen and side rooms.",
    "office": "Town centre advice centre on {street}, close to the bus interchange.",
}


# --------------------------------------------------------------------------
# Service types. Placeholders: {place} {venue} {park} {day} {time} {leader}
# {org} {street}. intro: one is used; detail: two are used; bring: one or none.
# freq letters: W weekly, T twice weekly, F fortnightly, M monthly, D weekdays;
# note: fixed text added to the schedule description; where: limit the places.
# cost entries: "free", "donation" or (amount, "per ...").
# --------------------------------------------------------------------------
def T(cats, access, attend, venues, names, intro, detail, bring=(), **kw):
    kw.setdefault("ages", [(None, None)])
    kw.setdefault("cost", ["free"])
    kw.setdefault("freq", "W")
    kw.setdefault("times", ["10:00-12:00"])
    return dict(
        cats=cats.split(),
        access=access.split(),
        attend=attend.split(),
        venues=venues.split(),
        names=names,
        intro=intro,
        detail=detail,
        bring=bring,
        **kw,
    )


A18, A60 = [(18, None)], [(60, None), (55, None), (65, None)]
TOTS, YOUTH = [(0, 5)], [(11, 18)]
HALLS = "hall church"
BRING_WALK = [
    "Wear comfortable shoes and bring a waterproof and a drink.",
    "Sturdy footwear is best as some paths get muddy after rain.",
]

TYPES = {
    "health-walk": T(
        "physical-activity social-connection",
        "drop-in",
        "in-person",
        "park",
        ["{place} Health Walk", "{park} Wellbeing Walk", "Walk and Talk {place}"],
        [
            "A gentle {mins}-minute health walk around {park}, led by trained volunteer "
            "walk leaders and finishing with a cuppa.",
            "Free, friendly walks at {park} for anyone who wants to get more active at "
            "their own pace.",
        ],
        [
            "Walks go at the pace of the slowest walker, with a back marker so nobody "
            "gets left behind.",
            "There is a shorter 30-minute loop for people starting out or coming back "
            "after illness.",
            "Many walkers come on their own, and the chat is as important as the walking.",
            "Meet by the main gate on {street} five minutes before the start.",
        ],
        BRING_WALK,
        times=["10:00-11:00", "10:30-11:30", "13:30-14:30"],
    ),
    "buggy-walk": T(
        "children-families physical-activity",
        "drop-in",
        "in-person",
        "park",
        ["{place} Buggy Walk", "Pram Walk at {park}"],
        [
            "A buggy-friendly walk around {park} for parents and carers with babies "
            "and toddlers.",
            "Get out of the house with your baby: a relaxed {mins}-minute pram walk on "
            "smooth paths at {park}.",
        ],
        [
            "The route avoids stiles and steps, and there is a stop for a drink halfway.",
            "A health visitor sometimes joins the walk to answer questions.",
            "Dads, grandparents and childminders are just as welcome.",
        ],
        ["Bring a drink, a snack for little ones and a rain cover."],
        times=["10:00-11:00", "13:00-14:00"],
    ),
    "nordic-walk": T(
        "physical-activity long-term-conditions",
        "self-referral",
        "in-person",
        "park",
        ["{place} Nordic Walking", "Nordic Walking at {park}"],
        [
            "Nordic walking uses poles to work the upper body as you walk, and these "
            "sessions at {park} are suitable for beginners.",
            "A brisk {mins}-minute Nordic walk at {park} with a qualified instructor.",
        ],
        [
            "Poles are provided for your first four sessions.",
            "Good for people with joint pain or back problems, as the poles take some "
            "of the load.",
            "The first session includes a short technique lesson.",
        ],
        BRING_WALK,
        cost=[(3.0, "per session"), (4.0, "per session")],
        times=["09:30-10:30", "18:00-19:00"],
    ),
    "chair-exercise": T(
        "older-people physical-activity",
        "drop-in",
        "in-person",
        "hall church leisure",
        [
            "Chair-Based Exercise at {venue}",
            "{place} Seated Exercise Class",
            "Move It or Lose It {place}",
        ],
        [
            "A seated exercise class at {venue} to keep joints moving, build strength and "
            "improve balance.",
            "Gentle chair-based exercise to music, designed for older people and anyone "
            "who finds standing exercise hard.",
        ],
        [
            "Each session ends with tea and a chat.",
            "The instructor adapts every move, so it suits people with arthritis or who "
            "use a walking aid.",
            "Regulars say it helps with getting up from a chair and climbing stairs.",
        ],
        ["Wear loose clothing and bring a bottle of water."],
        ages=A60,
        cost=[(2.5, "per session"), (2.0, "per session"), "free"],
        times=["10:00-11:00", "11:00-12:00", "14:00-15:00"],
    ),
    "chair-yoga": T(
        "physical-activity older-people",
        "self-referral",
        "in-person",
        "hall church leisure",
        ["Gentle Yoga for Over 60s - {place}", "Chair Yoga at {venue}"],
        [
            "A slow yoga class for people over 60, done seated or standing with a chair "
            "for support.",
            "Gentle yoga at {venue} focusing on breathing, posture and flexibility.",
        ],
        [
            "No experience needed; the teacher is trained to work with older adults.",
            "Classes are small, so please ring to book your first session.",
            "Finishes with ten minutes of relaxation.",
        ],
        ["Mats and blocks are provided; bring a blanket for the relaxation."],
        ages=A60,
        cost=[(4.0, "per class"), (3.5, "per class")],
        times=["10:30-11:30", "13:30-14:30"],
    ),
    "walking-football": T(
        "physical-activity social-connection",
        "drop-in",
        "in-person",
        "leisure park",
        ["{place} Walking Football", "Walking Football at {venue}"],
        [
            "Walking football for over 50s: no running, no slide tackles, lots of laughs.",
            "Friendly small-sided walking football at {venue} for men and women over 50.",
        ],
        [
            "Ideal for people returning to exercise after heart problems or joint "
            "surgery.",
            "Teams are mixed up every week so everyone plays with everyone.",
            "Bibs and balls are provided.",
        ],
        ["Bring trainers (no studs) and a drink."],
        ages=[(50, None)],
        cost=[(3.0, "per session")],
        times=["10:00-11:30", "18:30-19:30"],
    ),
    "exercise-referral": T(
        "physical-activity long-term-conditions",
        "professional-referral",
        "in-person",
        "leisure",
        ["Active Lives Exercise Referral - {venue}", "{place} Exercise on Referral"],
        [
            "A 12-week supported exercise programme at {venue} for adults with a long-"
            "term health condition.",
            "Exercise referral for people with conditions such as diabetes, high blood "
            "pressure, depression or after cardiac rehab.",
        ],
        [
            "You start with a one-to-one assessment and a plan made for you.",
            "Sessions are in the gym and pool with an exercise referral instructor.",
            "At the end you can carry on at a reduced membership rate.",
        ],
        ages=A18,
        cost=[(2.0, "per session")],
        freq="T",
        times=["09:00-12:00", "13:00-16:00"],
        wait=["Currently about 3 weeks for an assessment", "About 2 weeks"],
    ),
    "strength-balance": T(
        "older-people physical-activity",
        "professional-referral self-referral",
        "in-person",
        "hall leisure",
        [
            "Steady Steps Strength and Balance - {place}",
            "Falls Prevention Class at {venue}",
        ],
        [
            "A 24-week strength and balance programme at {venue} for older people who "
            "have had a fall or are worried about falling.",
            "Steady Steps classes build leg strength and balance to cut the risk of "
            "falls.",
        ],
        [
            "Each class is led by a postural stability instructor.",
            "You also get simple exercises to do at home between classes.",
            "Transport can sometimes be arranged for people who cannot get there.",
        ],
        ages=[(65, None)],
        freq="T",
        times=["10:00-11:00", "13:30-14:30"],
        wait=["Currently about 4 weeks", "Next course starts in January"],
    ),
    "swim-health": T(
        "physical-activity long-term-conditions",
        "drop-in",
        "in-person",
        "leisure",
        ["Aqua Fit for Health - {venue}", "{place} Gentle Swim and Aqua"],
        [
            "A quiet pool session at {venue} with an instructor-led aqua workout in the "
            "shallow end.",
            "Warm-water exercise that is kind to joints, for adults with arthritis, "
            "back pain or who are building up fitness.",
        ],
        [
            "Hoist access into the pool is available - tell staff when you arrive.",
            "Lanes are kept free for gentle swimming alongside the class.",
        ],
        ["Bring a towel and a padlock for the lockers."],
        ages=A18,
        cost=[(3.2, "per session"), (3.5, "per session")],
        times=["11:00-12:00", "14:00-15:00"],
    ),
    "lunch-club": T(
        "older-people food",
        "drop-in",
        "in-person",
        HALLS,
        [
            "{place} Friendship Lunch Club",
            "{day} Lunch Club at {venue}",
            "{place} Luncheon Club",
        ],
        [
            "A hot two-course lunch cooked on site at {venue}, served with a pot of tea "
            "and good company.",
            "A weekly lunch club for older people in {place}: home-cooked food, a quiz "
            "or a game of bingo, and a chance to catch up with friends.",
        ],
        [
            "Special diets can be catered for with a week's notice.",
            "There is usually a raffle, and local speakers visit now and then.",
            "Many members live alone and say it is the highlight of their week.",
        ],
        ages=A60,
        cost=[(4.5, "per meal"), (5.0, "per meal"), (4.0, "per meal")],
        times=["12:00-14:00", "11:30-13:30"],
        elig="Older people aged {min} and over living in or near {place}.",
    ),
    "coffee-morning": T(
        "social-connection",
        "drop-in",
        "in-person",
        "hall church library",
        [
            "{place} Coffee Morning",
            "Chatterbox Café {place}",
            "{day} Drop-in at {venue}",
        ],
        [
            "A relaxed coffee morning at {venue} where anyone can drop in for a brew and "
            "a chat.",
            "A friendly warm space in {place} to meet neighbours over tea, toast and "
            "homemade cake.",
        ],
        [
            "Newcomers are welcomed at the door and introduced around.",
            "There are board games, jigsaws and a book swap table.",
            "A community advice worker drops in on the first week of each month.",
        ],
        cost=["donation", "free"],
        times=["10:00-12:00", "09:30-11:30"],
    ),
    "friendship-club": T(
        "social-connection older-people",
        "drop-in",
        "in-person",
        HALLS,
        ["{place} Over 55s Friendship Club", "Golden Years Club {place}"],
        [
            "An afternoon social club at {venue} with bingo, quizzes, outings and "
            "plenty of tea.",
            "A long-running club for older people in {place} to make friends and try "
            "new things.",
        ],
        [
            "Trips to the seaside and garden centres run in the summer.",
            "Members plan the programme together each season.",
            "A minibus pick-up can be arranged for members who cannot walk far.",
        ],
        ages=[(55, None), (60, None)],
        cost=[(1.5, "per session"), (2.0, "per session")],
        times=["13:30-15:30", "14:00-16:00"],
    ),
    "tea-dance": T(
        "older-people arts-culture",
        "drop-in",
        "in-person",
        HALLS,
        ["{place} Tea Dance", "{venue} Afternoon Tea Dance"],
        [
            "A traditional tea dance at {venue} with ballroom and sequence dancing to "
            "recorded music.",
            "Dance, or just listen to the music, with tea and cake at this friendly "
            "afternoon in {place}.",
        ],
        [
            "No partner needed - there are always people to dance with.",
            "Chairs are set round the edge for anyone who prefers to watch.",
            "Beginners get a short lesson at the start.",
        ],
        ages=[(50, None), (60, None)],
        cost=[(3.0, "per session"), (3.5, "per session")],
        freq="WF",
        times=["13:30-16:00"],
    ),
    "mens-shed": T(
        "social-connection mental-wellbeing",
        "drop-in",
        "in-person",
        HALLS,
        ["{place} Men's Shed", "The {place} Shed"],
        [
            "A workshop space where people, mostly men, make and mend things together: "
            "woodwork, bike repairs, bird boxes and benches for the community.",
            "Share skills, learn new ones and have a brew in the workshop behind "
            "{venue}.",
        ],
        [
            "Tools and safety gear are provided and experienced members show newcomers "
            "the ropes.",
            "It is about the company as much as the woodwork; plenty come just for the "
            "tea.",
            "Women are welcome on the last session of the month.",
        ],
        ["Wear old clothes and sturdy shoes."],
        ages=A18,
        cost=[(2.0, "per session"), "donation"],
        freq="WT",
        times=["09:30-13:00", "10:00-15:00"],
    ),
    "warm-space": T(
        "social-connection food",
        "drop-in",
        "in-person",
        "church library hall",
        ["Warm Welcome at {venue}", "{place} Warm Space"],
        [
            "A warm, free place to spend the day at {venue} with hot drinks, soup and "
            "somebody to talk to.",
            "Come in from the cold: {venue} opens as a warm space with free Wi-Fi, "
            "phone charging and a hot lunch.",
        ],
        [
            "Staff can point you to help with energy bills and debt.",
            "No questions asked and you can stay as long as you like.",
            "Children are welcome with an adult in the school holidays.",
        ],
        cost=["free", "free", "donation"],
        freq="T",
        times=["10:00-15:00", "11:00-14:00"],
    ),
    "home-befriending": T(
        "social-connection older-people",
        "self-referral professional-referral",
        "home-visit",
        "",
        ["{org} Home Befriending", "Friendly Visitors {area}"],
        [
            "A trained volunteer visits you at home each week for a chat, a cup of tea "
            "or a short walk.",
            "Home befriending for older people who feel lonely or have lost confidence "
            "going out.",
        ],
        [
            "Volunteers are DBS checked and matched with you on shared interests.",
            "Many friendships last for years, and some volunteers help people get back "
            "to local groups.",
            "We phone you first so you can meet your volunteer before the first visit.",
        ],
        ages=A60,
        freq="D",
        times=["09:00-17:00"],
        wait=["Currently 4 to 6 weeks to be matched", "About 8 weeks"],
    ),
    "phone-befriending": T(
        "social-connection older-people",
        "self-referral professional-referral",
        "phone",
        "",
        [
            "Weekly Friendly Call",
            "Telephone Befriending Service",
            "Chat Line Befriending",
        ],
        [
            "A friendly weekly phone call from the same trained volunteer, at a time "
            "that suits you.",
            "Telephone befriending for people who are housebound or isolated.",
        ],
        [
            "Calls usually last 20 to 40 minutes.",
            "Group phone calls on shared topics such as gardening and old films are "
            "also available.",
            "No internet or smartphone needed - just a landline or mobile.",
        ],
        ages=A18,
        freq="D",
        times=["10:00-16:00"],
        wait=["Usually matched within 2 weeks", "No waiting list"],
    ),
    "tenants-assoc": T(
        "housing social-connection",
        "drop-in",
        "in-person",
        "hall",
        ["{place} Tenants' and Residents' Meeting", "{place} Residents' Forum"],
        [
            "A residents' meeting at {venue} where tenants and home owners raise "
            "repairs, parking and antisocial behaviour with the council and police.",
            "A monthly get-together for people living in {place} to improve the "
            "estate.",
        ],
        [
            "Ward councillors and the neighbourhood housing officer usually attend.",
            "The group also runs litter picks and a summer fun day.",
            "You do not need to be a council tenant to join.",
        ],
        freq="M",
        times=["18:00-19:30", "14:00-15:30"],
    ),
    "community-garden": T(
        "mental-wellbeing physical-activity",
        "drop-in",
        "in-person",
        "park",
        ["{place} Community Garden", "Growing Together at {park}"],
        [
            "Volunteer gardening sessions at {park}: planting, weeding, harvesting "
            "vegetables and looking after the wildlife area.",
            "A shared growing space where people of all abilities grow fruit, veg and "
            "flowers together.",
        ],
        [
            "Raised beds mean you can garden without bending.",
            "Produce is shared among volunteers and given to the local pantry.",
            "Gloves and tools are provided; no gardening experience needed.",
        ],
        ["Wear clothes you do not mind getting muddy."],
        cost=["free", "donation"],
        times=["10:00-13:00", "13:00-15:30"],
    ),
    "culture-group": T(
        "social-connection mental-wellbeing",
        "drop-in",
        "in-person",
        "hall library",
        [
            "{langname} Community Café {place}",
            "{langname} Speakers' Coffee Club {place}",
        ],
        [
            "A friendly social group at {venue} for {langname}-speaking residents, with "
            "tea, food from home and information in your own language.",
            "A welcoming group where {langname} speakers meet, share news and get "
            "support with everyday life in Doncaster.",
        ],
        [
            "Volunteers help with letters, school forms and GP appointments.",
            "Health workers visit some weeks to talk about screening and vaccinations.",
            "Children under school age can come along.",
        ],
        cost=["free", "donation"],
        freq="WF",
        times=["10:00-12:00", "13:00-15:00"],
    ),
    "deaf-club": T(
        "social-connection long-term-conditions",
        "drop-in",
        "in-person",
        "hall",
        ["Doncaster Deaf Social Club", "Deaf Café {place}"],
        [
            "A social club for Deaf and hard of hearing people and their families, "
            "run in British Sign Language.",
            "Meet other BSL users at {venue} for a chat, games and information.",
        ],
        [
            "Hearing people learning BSL are welcome to practise.",
            "An advice worker who signs is there once a month.",
        ],
        cost=[(2.0, "per session")],
        freq="F",
        times=["18:00-21:00", "13:00-16:00"],
        where="Town Centre",
    ),
    "counselling": T(
        "mental-wellbeing",
        "self-referral professional-referral",
        "in-person phone",
        "office hub hall",
        ["{place} Community Counselling", "Low-Cost Counselling at {venue}"],
        [
            "One-to-one counselling with qualified and trainee counsellors, for adults "
            "dealing with anxiety, low mood, relationship problems or life changes.",
            "Up to 12 confidential counselling sessions for adults, face to face at "
            "{venue} or by phone.",
        ],
        [
            "All counsellors are members of the BACP and receive regular supervision.",
            "You will have an assessment first to check counselling is right for you.",
            "Daytime and early evening appointments are available.",
        ],
        ages=A18,
        cost=["free", "donation", (10.0, "per session")],
        freq="D",
        times=["09:00-19:00", "09:30-17:00"],
        elig="Adults 18+ registered with a Doncaster GP. Not suitable for people in "
        "mental health crisis - refer to the crisis team.",
        wait=["Currently about 6 weeks", "Currently about 3 weeks", "8 to 10 weeks"],
    ),
    "talking-therapies": T(
        "mental-wellbeing",
        "self-referral professional-referral",
        "online phone",
        "",
        ["Doncaster Talking Therapies", "Talking Therapies by Phone and Video"],
        [
            "Free NHS talking therapies for adults with common mental health problems "
            "such as anxiety, depression, panic and stress.",
            "Cognitive behavioural therapy, guided self-help and counselling by phone "
            "or video call.",
        ],
        [
            "You can refer yourself online or by phone - you do not need to see your GP.",
            "Evening appointments are available for people who work.",
            "Interpreters can be arranged for any language.",
        ],
        ages=[(16, None), (18, None)],
        freq="D",
        times=["08:30-20:00"],
        elig="People aged 16+ registered with a Doncaster GP. Not a crisis service: "
        "call NHS 111 and choose the mental health option in a crisis.",
        wait=["About 4 weeks for a first assessment", "About 6 weeks"],
    ),
    "peer-support": T(
        "mental-wellbeing social-connection",
        "drop-in",
        "in-person",
        "hall library hub",
        ["{place} Wellbeing Peer Support Group", "Open Door Peer Support {place}"],
        [
            "A peer support group at {venue} for people living with anxiety, depression "
            "or other mental health problems.",
            "A safe, friendly space to talk, listen and share what helps, led by "
            "people with their own experience.",
        ],
        [
            "There is no pressure to speak - many people just listen at first.",
            "Each meeting has a theme such as sleep, worry or self-care.",
            "Facilitators are trained in mental health first aid.",
        ],
        cost=["free", "donation"],
        ages=A18,
        freq="WF",
        times=["13:00-15:00", "18:00-19:30"],
    ),
    "mens-talk": T(
        "mental-wellbeing social-connection",
        "drop-in",
        "in-person",
        "hall leisure",
        ["Men's Talk {place}", "Lads' Brew and Chat {place}"],
        [
            "A talking group for men aged 18 and over: a brew, a biscuit and an "
            "honest conversation about how life is going.",
            "Men's mental health peer support at {venue}, meeting on {day} evenings.",
        ],
        [
            "No need to talk unless you want to.",
            "It is confidential and run by blokes who have been through tough times "
            "themselves.",
            "Football and quiz nights are organised now and then.",
        ],
        ages=A18,
        times=["19:00-21:00"],
        elig="Men aged 18 and over. Not a crisis service - call NHS 111 option 2 if "
        "you need urgent help.",
    ),
    "wellbeing-course": T(
        "mental-wellbeing learning-digital",
        "self-referral",
        "in-person",
        "library hub hall",
        [
            "Recovery and Wellbeing College - {place}",
            "Managing Stress Course at {venue}",
        ],
        [
            "Free courses at {venue} on understanding anxiety, sleeping better, "
            "building confidence and managing stress.",
            "A six-week wellbeing course in {place}, co-produced and delivered by "
            "people with lived experience and NHS staff.",
        ],
        [
            "Courses are educational, not therapy, and you can bring a friend.",
            "You enrol once and can then book any course in the prospectus.",
            "Handouts are available in large print and easy read.",
        ],
        ages=A18,
        times=["10:00-12:00", "13:00-15:00"],
        wait=["No waiting list; courses fill up fast", "Next course starts soon"],
    ),
    "online-support": T(
        "mental-wellbeing social-connection",
        "self-referral",
        "online",
        "",
        ["{org} Online Support Group", "Wellbeing Circle Online"],
        [
            "A video-call support group for people in Doncaster who find it hard to "
            "get out, meeting weekly on Zoom.",
            "Online peer support where members share tips and encouragement with a "
            "trained facilitator.",
        ],
        [
            "Cameras can stay off.",
            "We can lend a tablet and data to people who are not online.",
            "A short welcome call before your first session helps you settle in.",
        ],
        ages=A18,
        times=["19:00-20:00", "11:00-12:00"],
    ),
    "bereavement-group": T(
        "mental-wellbeing social-connection",
        "self-referral professional-referral",
        "in-person",
        "church hall",
        ["{place} Bereavement Café", "Living with Loss - {place}"],
        [
            "A gentle drop-in at {venue} for anyone who has lost someone, however long "
            "ago.",
            "Bereavement support in {place}: talk to others who understand, with "
            "trained listeners on hand.",
        ],
        [
            "You can talk about the person who died, or just sit quietly with a cup of "
            "tea.",
            "One-to-one support can be arranged for people who need more time.",
            "Open to people of any faith or none.",
        ],
        ages=A18,
        freq="FM",
        times=["14:00-16:00", "10:00-12:00"],
        wait=["No waiting list"],
    ),
    "bereavement-phone": T(
        "mental-wellbeing",
        "self-referral professional-referral",
        "phone",
        "",
        ["{org} Bereavement Listening Line"],
        [
            "Telephone bereavement support from trained volunteers for adults in "
            "Doncaster.",
            "A listening service for people grieving a death, including after suicide.",
        ],
        [
            "You get the same volunteer for up to eight weekly calls.",
            "Calls can be arranged in the evening.",
        ],
        ages=A18,
        freq="D",
        times=["10:00-20:00"],
        wait=["Usually within 2 weeks"],
    ),
    "debt-advice": T(
        "money-debt-benefits",
        "self-referral professional-referral",
        "in-person phone",
        "office library hub",
        ["Debt Advice Clinic at {venue}", "{place} Money Advice Drop-in"],
        [
            "Free, confidential debt advice from accredited advisers at {venue}.",
            "Help with rent and council tax arrears, energy debts, payday loans and "
            "bailiffs.",
        ],
        [
            "Advisers can talk to creditors for you and help set up a plan you can "
            "afford.",
            "Appointments are recommended but there are some same-day slots.",
            "We also check you are getting all the benefits you are entitled to.",
        ],
        ["Bring any letters, bills and bank statements you have."],
        ages=A18,
        freq="WT",
        times=["09:30-12:30", "13:00-16:00"],
        wait=[
            "Usually within 1 week",
            "Currently about 2 weeks",
            "Same day for urgent cases",
        ],
    ),
    "money-helpline": T(
        "money-debt-benefits",
        "self-referral",
        "phone",
        "",
        ["{org} Money Helpline", "Freephone Debt and Benefits Line"],
        [
            "A freephone helpline for anyone in Doncaster worried about money, debt or "
            "benefits.",
            "Call for free, impartial advice on debts, budgeting and claiming what you "
            "are owed.",
        ],
        [
            "Advisers can arrange a face-to-face appointment if your case is complex.",
            "Calls are free from mobiles and landlines.",
        ],
        ages=A18,
        freq="D",
        times=["09:00-17:00"],
        wait=["No waiting list"],
    ),
    "benefits-help": T(
        "money-debt-benefits long-term-conditions",
        "self-referral professional-referral",
        "in-person",
        "office library hub",
        ["Benefits Form Help at {venue}", "{place} PIP and Universal Credit Help"],
        [
            "Help with benefit claims and forms including PIP, Attendance Allowance, "
            "Universal Credit and Pension Credit.",
            "Welfare rights advisers at {venue} help you claim, challenge decisions and "
            "prepare for assessments.",
        ],
        [
            "Advisers can come with you to a tribunal.",
            "We see a lot of people with long-term conditions and disabilities.",
            "Appointments last about an hour.",
        ],
        ["Bring your National Insurance number and any letters from the DWP."],
        ages=[(16, None), (18, None)],
        times=["09:30-12:30", "13:30-16:30"],
        wait=["Currently about 2 weeks", "About 10 days"],
    ),
    "energy-advice": T(
        "housing money-debt-benefits",
        "self-referral professional-referral",
        "in-person home-visit",
        "library hub",
        ["Warm Homes Advice at {venue}", "{place} Energy Advice Surgery"],
        [
            "Free advice on cutting fuel bills, dealing with energy debt and keeping "
            "your home warm.",
            "An energy adviser at {venue} helps with meter problems, switching tariffs, "
            "grants for insulation and damp.",
        ],
        [
            "Home visits are available for people who cannot get out.",
            "Low-cost items such as draught excluders and radiator foil are given out "
            "free.",
        ],
        ["Bring a recent energy bill or your meter readings."],
        freq="F",
        times=["10:00-13:00"],
        wait=["Home visits within 3 weeks"],
    ),
    "credit-union": T(
        "money-debt-benefits",
        "drop-in",
        "in-person",
        "library hall",
        ["Credit Union Collection Point - {place}", "{place} Savings Club"],
        [
            "Save small amounts each week and borrow at fair rates through the local "
            "credit union collection point at {venue}.",
            "A friendly savings club where you can pay in, check your balance and ask "
            "about affordable loans.",
        ],
        [
            "A safer alternative to doorstep lenders and payday loans.",
            "Volunteers can help you open an account on the spot.",
        ],
        ["Bring photo ID and proof of address to open an account."],
        times=["10:00-12:00", "14:00-16:00"],
    ),
    "housing-advice": T(
        "housing",
        "drop-in self-referral",
        "in-person phone",
        "office hub library",
        ["Housing Advice Drop-in at {venue}", "{place} Housing Help Point"],
        [
            "Free, independent housing advice for tenants, home owners and anyone at "
            "risk of losing their home.",
            "Help with eviction notices, repairs, deposits, disrepair and finding "
            "somewhere to live.",
        ],
        [
            "If you are homeless tonight, tell the receptionist when you arrive.",
            "Advisers can refer you to legal aid solicitors.",
            "Private renters and lodgers are welcome as well as social housing tenants.",
        ],
        ["Bring your tenancy agreement and any letters from your landlord."],
        freq="WT",
        times=["09:30-12:30", "13:00-16:00"],
        wait=["No waiting list for drop-in", "Appointments within 1 week"],
    ),
    "tenancy-support": T(
        "housing mental-wellbeing",
        "professional-referral",
        "home-visit",
        "",
        ["{org} Tenancy Sustainment Service", "Floating Housing Support"],
        [
            "Support workers visit people at home to help them keep their tenancy: "
            "budgeting, bills, repairs and dealing with the landlord.",
            "Home-based housing support for adults whose tenancy is at risk because of "
            "debt, mental health or a crisis.",
        ],
        [
            "Support usually lasts up to six months.",
            "Workers help people link in with local groups so support continues "
            "afterwards.",
        ],
        ages=A18,
        freq="D",
        times=["09:00-17:00"],
        wait=["Currently about 4 weeks", "About 3 weeks"],
    ),
    "homeless-dropin": T(
        "housing food",
        "drop-in",
        "in-person",
        "church office",
        ["Breakfast Drop-in at {venue}", "Open Door Drop-in {place}"],
        [
            "A drop-in for people who are homeless or vulnerably housed, with a hot "
            "breakfast, showers and clean clothes.",
            "Hot food, a warm room and practical help for rough sleepers and people in "
            "temporary accommodation.",
        ],
        [
            "Outreach workers, a nurse and housing officers attend.",
            "You can use the address for post if you have nowhere else.",
        ],
        ages=A18,
        freq="T",
        times=["08:00-11:00", "09:00-12:00"],
        where="Town Centre|Balby",
    ),
    "handyperson": T(
        "housing older-people",
        "self-referral professional-referral",
        "home-visit",
        "",
        ["{org} Handyperson Service"],
        [
            "Small repairs and safety jobs at home for older and disabled people: grab "
            "rails, key safes, smoke alarms and dripping taps.",
            "A trusted handyperson service to help older people stay safe and "
            "independent at home.",
        ],
        [
            "All handypeople are DBS checked and carry ID.",
            "Free home safety check included with every visit.",
        ],
        ages=A60,
        cost=[(15.0, "per hour labour, materials extra")],
        freq="D",
        times=["09:00-16:30"],
        wait=["About 2 weeks", "Urgent jobs within 48 hours"],
    ),
    "food-bank": T(
        "food money-debt-benefits",
        "professional-referral",
        "in-person",
        "church hall",
        ["{place} Food Bank", "{venue} Emergency Food Bank"],
        [
            "Emergency food parcels for people in crisis, with three days of "
            "nutritionally balanced food.",
            "The food bank at {venue} gives out emergency food and toiletries to "
            "people referred by local agencies.",
        ],
        [
            "Volunteers offer a hot drink and a listening ear while your parcel is "
            "packed.",
            "Advisers can help with the reason you needed a parcel, such as a benefit "
            "delay.",
            "Pet food and baby items are usually available.",
        ],
        ["Bring your food bank voucher or referral code."],
        freq="T",
        times=["10:00-12:00", "13:00-15:00"],
        apply="Referral with an e-voucher from a GP, social prescriber, advice "
        "agency, school or support worker. If you have no referrer, call us.",
        wait=["Same day"],
    ),
    "community-pantry": T(
        "food money-debt-benefits",
        "drop-in",
        "in-person",
        "hall church hub",
        ["{place} Community Pantry", "The {place} Larder"],
        [
            "A membership food pantry at {venue}: pay a small weekly fee and choose "
            "groceries worth much more, including fresh fruit and veg.",
            "Affordable food shopping for local households, reducing food waste from "
            "supermarkets.",
        ],
        [
            "Members choose their own food, so there is no parcel and no stigma.",
            "Recipe cards and slow cooker loans are available.",
            "Bring your own bags.",
        ],
        cost=[(3.5, "per weekly shop"), (4.0, "per weekly shop"), (5.0, "per shop")],
        freq="T",
        times=["10:00-13:00", "15:00-18:00"],
        elig="Households living in {place} and nearby; membership is free to join.",
    ),
    "cook-and-eat": T(
        "food learning-digital",
        "self-referral",
        "in-person",
        "hall hub",
        ["Cook and Eat {place}", "Cooking on a Budget at {venue}"],
        [
            "A six-week cookery course at {venue}: learn simple, cheap meals and then "
            "sit down to eat together.",
            "Hands-on cooking sessions that show how to make healthy meals for under "
            "£1 a portion.",
        ],
        [
            "Everyone takes home a bag of ingredients to cook the recipe again.",
            "Sessions cover food safety, using leftovers and cooking with one pan.",
            "Suitable for people who have never cooked before.",
        ],
        cost=["free", (1.0, "per session")],
        ages=A18,
        times=["10:00-12:30", "13:00-15:00"],
        wait=["Next course starts in the new year", "No waiting list"],
    ),
    "community-cafe": T(
        "food social-connection",
        "drop-in",
        "in-person",
        "hall church",
        ["Pay As You Feel Café {place}", "{place} Community Café"],
        [
            "A pay-as-you-feel café at {venue} serving hot meals made from surplus "
            "food.",
            "Home-cooked food and friendly faces at {venue}: pay what you can afford, "
            "or volunteer your time instead.",
        ],
        [
            "Volunteers of all ages cook and serve.",
            "Leftovers are given away at the end of the session.",
            "Families are very welcome.",
        ],
        cost=["donation"],
        freq="WT",
        times=["11:30-14:00", "12:00-14:00"],
    ),
    "carers-group": T(
        "carers social-connection",
        "drop-in",
        "in-person",
        "hall library church",
        ["{place} Carers' Group", "Carers' Coffee Morning at {venue}"],
        [
            "A group for unpaid carers in {place}: people looking after a family member "
            "or friend who is ill, disabled or older.",
            "Time out for carers at {venue}, with tea, information and people who "
            "understand.",
        ],
        [
            "Guest speakers cover carers' rights, benefits and respite.",
            "A carer support worker can help you with a carer's assessment.",
            "The person you care for can come along if you cannot leave them.",
        ],
        cost=["free", "donation"],
        ages=A18,
        freq="FM",
        times=["10:00-12:00", "13:30-15:00"],
    ),
    "carers-phone": T(
        "carers",
        "self-referral professional-referral",
        "phone",
        "",
        ["{org} Carers' Support Line"],
        [
            "Telephone advice and emotional support for unpaid carers across Doncaster.",
            "A support line for carers: information on breaks, benefits, carer's "
            "assessments and emergency planning.",
        ],
        [
            "We can send you a Carer's Emergency Card.",
            "Call-backs in the evening can be arranged.",
        ],
        ages=A18,
        freq="D",
        times=["09:00-17:00"],
        wait=["No waiting list"],
    ),
    "young-carers": T(
        "carers children-families",
        "self-referral professional-referral",
        "in-person",
        "hub hall",
        ["{place} Young Carers' Club", "Young Carers' Group at {venue}"],
        [
            "A club for young people who help look after someone at home, with games, "
            "trips and a break from caring.",
            "Young carers meet others in the same situation and get support from youth "
            "workers.",
        ],
        [
            "Workers can talk to your school about your caring role.",
            "Activities include cooking, sport and day trips in the holidays.",
        ],
        ages=[(8, 17), (8, 18)],
        freq="F",
        times=["16:00-18:00"],
        wait=["Assessment visit within 3 weeks"],
    ),
    "dementia-cafe": T(
        "long-term-conditions carers",
        "drop-in",
        "in-person",
        "church hall library",
        ["{place} Memory Café", "Dementia Café at {venue}"],
        [
            "A memory café for people living with dementia and the family and friends "
            "who support them.",
            "A relaxed afternoon at {venue} with music, reminiscence and a chance for "
            "carers to get advice.",
        ],
        [
            "A dementia adviser is on hand to answer questions in private.",
            "Activities include singing, memory boxes and chair exercise.",
            "Staff and volunteers are Dementia Friends trained.",
        ],
        cost=["free", "donation"],
        freq="WFM",
        times=["13:30-15:30", "10:00-12:00"],
    ),
    "dementia-carers": T(
        "carers long-term-conditions",
        "self-referral",
        "in-person",
        "hall library",
        [
            "Caring for Someone with Dementia - {place}",
            "Dementia Carers' Group {place}",
        ],
        [
            "A support group for people caring for someone with dementia.",
            "Carers share what works, learn about the stages of dementia and get advice "
            "on planning ahead.",
        ],
        [
            "Sitters can look after your relative in the next room.",
            "Runs a free five-week course for new carers twice a year.",
        ],
        ages=A18,
        freq="M",
        times=["10:00-12:00", "18:30-20:00"],
    ),
    "art-therapy": T(
        "arts-culture mental-wellbeing",
        "self-referral professional-referral",
        "in-person",
        "hall hub",
        ["Art Therapy Group {place}", "Creative Recovery at {venue}"],
        [
            "A small art therapy group led by an HCPC-registered art therapist, using "
            "paint, clay and collage to explore feelings.",
            "Art as therapy for adults experiencing low mood, trauma or anxiety, in a "
            "group of up to eight people.",
        ],
        [
            "No art skills are needed.",
            "Groups run for ten weeks and all materials are provided.",
            "You meet the therapist before the group starts.",
        ],
        ages=A18,
        times=["13:00-15:00", "10:00-12:00"],
        wait=["About 6 weeks for the next group", "Next group starts in January"],
    ),
    "art-group": T(
        "arts-culture social-connection",
        "drop-in",
        "in-person",
        "hall library church",
        ["{place} Art Club", "Paint and Natter {place}"],
        [
            "A friendly art group at {venue} for all abilities: painting, drawing and "
            "printmaking.",
            "Have a go at watercolours, sketching and mixed media with local artist "
            "{leader}.",
        ],
        [
            "Materials are provided, but bring your own if you have them.",
            "Members' work is shown at Doncaster's community art trail each summer.",
            "Complete beginners are very welcome.",
        ],
        cost=[(2.0, "per session"), (3.0, "per session"), "donation"],
        times=["10:00-12:00", "13:30-15:30", "18:30-20:30"],
    ),
    "choir": T(
        "arts-culture mental-wellbeing",
        "drop-in",
        "in-person",
        "church hall",
        ["{place} Community Choir", "Sing for Wellbeing {place}"],
        [
            "A no-audition community choir singing pop, folk and musicals at {venue}.",
            "Singing for fun and wellbeing, learning songs by ear - no need to read "
            "music.",
        ],
        [
            "The choir performs at local care homes and the Christmas market.",
            "Breathing exercises at the start help with confidence and lung health.",
            "Song sheets are available in large print.",
        ],
        cost=[(3.0, "per session"), "donation"],
        times=["19:00-20:30", "13:30-15:00"],
    ),
    "creative-writing": T(
        "arts-culture learning-digital",
        "drop-in",
        "in-person",
        "library",
        ["{place} Writers' Circle", "Write Here {place}"],
        [
            "A creative writing group at {venue}: poetry, short stories and life "
            "writing, with gentle prompts to get you started.",
            "Share your writing, or just listen, at this relaxed writers' circle.",
        ],
        [
            "Members have published an anthology of Doncaster stories.",
            "Writing for wellbeing sessions run once a month.",
        ],
        cost=["free", (2.0, "per session")],
        ages=[(16, None), (18, None)],
        freq="WF",
        times=["14:00-16:00", "18:00-20:00"],
    ),
    "knit-natter": T(
        "arts-culture social-connection",
        "drop-in",
        "in-person",
        "library church hall",
        ["Knit and Natter {place}", "{place} Craft and Chat"],
        [
            "Knitting, crochet and sewing at {venue}, with tea and plenty of chat.",
            "A craft circle that makes blankets for the neonatal unit and hats for "
            "the homeless.",
        ],
        [
            "Wool and needles are provided for beginners.",
            "Members teach each other new stitches.",
        ],
        cost=["free", "donation"],
        freq="WF",
        times=["13:30-15:30", "10:00-12:00"],
    ),
    "heritage-volunteers": T(
        "arts-culture social-connection",
        "self-referral",
        "in-person",
        "library",
        ["Heritage Volunteers - {venue}", "Doncaster Archives Volunteering"],
        [
            "Volunteer with local heritage: catalogue old photos, research family "
            "stories and help at exhibitions.",
            "Help record Doncaster's mining, railway and market history alongside "
            "curators and other volunteers.",
        ],
        [
            "Training is given and you choose how much time you give.",
            "A great way to meet people and learn new skills.",
        ],
        ages=[(16, None)],
        times=["10:00-13:00"],
        wait=["No waiting list"],
        where="Town Centre",
    ),
    "digital-dropin": T(
        "learning-digital older-people",
        "drop-in",
        "in-person",
        "library hall",
        ["Digital Drop-in at {venue}", "Get Online {place}", "Tech Help Café {place}"],
        [
            "Free help with phones, tablets and laptops from patient digital champions "
            "at {venue}.",
            "Learn to video call family, order repeat prescriptions online, use the NHS "
            "App or spot scams.",
        ],
        [
            "Bring your own device, or borrow one of ours.",
            "One-to-one help at your own pace; no question is too basic.",
            "Free SIM cards with data are available for people on low incomes.",
        ],
        ["Bring your device, charger and any passwords you use."],
        cost=["free", "free", "donation"],
        times=["10:00-12:00", "14:00-16:00"],
    ),
    "digital-online": T(
        "learning-digital",
        "self-referral",
        "online phone",
        "",
        ["{org} Online Digital Skills Course", "Tech Confidence by Phone"],
        [
            "A free course taught over video and phone to build basic digital skills: "
            "email, online forms, staying safe online.",
            "Step-by-step online lessons with a tutor who will also talk you through "
            "problems by phone.",
        ],
        [
            "Loan tablets with data are available.",
            "Courses run for six weeks with one session a week.",
        ],
        ages=[(19, None)],
        times=["10:00-11:30", "18:00-19:30"],
        wait=["Next course starts within a month"],
    ),
    "adult-learning": T(
        "learning-digital employment",
        "self-referral",
        "in-person",
        "library hub",
        ["English and Maths for Adults - {place}", "Confidence with Numbers {place}"],
        [
            "Free English and maths classes for adults at {venue}, from beginner level "
            "to functional skills qualifications.",
            "Brush up your reading, writing and maths for work, helping children with "
            "homework or everyday life.",
        ],
        [
            "Classes are small and friendly with a qualified tutor.",
            "A free crèche can be booked for some classes.",
        ],
        ages=[(19, None)],
        times=["09:30-12:00", "18:00-20:00"],
        wait=["Enrol any time; new groups each term"],
    ),
    "esol-cafe": T(
        "learning-digital social-connection",
        "drop-in",
        "in-person",
        "library hall",
        ["English Conversation Club {place}", "ESOL Conversation Café at {venue}"],
        [
            "Practise speaking English in a relaxed, friendly group at {venue}.",
            "A conversation club for people whose first language is not English, with "
            "volunteers to chat with.",
        ],
        [
            "All levels are welcome.",
            "Help with forms and finding formal English classes is available.",
        ],
        cost=["free", (1.0, "per session")],
        ages=[(16, None)],
        times=["10:00-12:00", "17:30-19:00"],
    ),
    "reading-group": T(
        "learning-digital social-connection",
        "drop-in",
        "in-person",
        "library",
        ["{place} Library Reading Group", "Shared Reading at {venue}"],
        [
            "A shared reading group at {venue}: stories and poems are read aloud and "
            "talked about together.",
            "A relaxed book group - no need to read anything in advance.",
        ],
        [
            "Large print and audio versions can be ordered.",
            "Tea and biscuits are provided.",
        ],
        cost=["free", "donation"],
        freq="WF",
        times=["14:00-15:30", "10:30-12:00"],
    ),
    "job-club": T(
        "employment",
        "drop-in",
        "in-person",
        "library hub office",
        ["{place} Job Club", "Work Club at {venue}"],
        [
            "Help with job searching, CVs, application forms and interview practice at "
            "{venue}.",
            "A weekly job club with free computers, printing and advice from an "
            "employment adviser.",
        ],
        [
            "Local employers visit to talk about vacancies.",
            "Support with Universal Credit work search commitments.",
            "Help to get a CSCS card or food hygiene certificate.",
        ],
        ["Bring your CV if you have one."],
        ages=[(16, None), (18, None)],
        times=["09:30-12:00", "13:00-15:30"],
    ),
    "employment-support": T(
        "employment mental-wellbeing",
        "self-referral professional-referral",
        "in-person phone",
        "office hub library",
        ["Working Well Doncaster - {place}", "Back to Work Support at {venue}"],
        [
            "One-to-one support for adults who want to get into work, including people "
            "with health conditions or who have been out of work a long time.",
            "A key worker helps you with confidence, skills, training and finding the "
            "right job, then supports you once you start.",
        ],
        [
            "Support is voluntary and will not affect your benefits.",
            "Meetings can be in a café, at home or by phone if that is easier.",
            "Funding for interview clothes and travel is available.",
        ],
        ages=A18,
        freq="D",
        times=["09:00-17:00"],
        wait=["About 2 weeks"],
    ),
    "youth-employment": T(
        "employment children-families",
        "self-referral professional-referral",
        "in-person",
        "office hub",
        ["Next Step 16-24 at {venue}", "Young People into Work - {place}"],
        [
            "Support for young people aged 16 to 24 who are not in education, "
            "employment or training.",
            "Mentoring, work tasters and short courses to help young people take the "
            "next step into a job or college.",
        ],
        [
            "Travel costs are covered.",
            "Sessions are informal and young people set their own goals.",
        ],
        ages=[(16, 24)],
        freq="T",
        times=["13:00-16:00"],
        wait=["About 1 week"],
    ),
    "volunteering": T(
        "employment social-connection",
        "self-referral",
        "in-person phone",
        "office library",
        ["Volunteering Advice at {venue}", "Find Your Volunteering - {place}"],
        [
            "Find a volunteering role that suits you, from gardening to befriending, "
            "with help from a volunteering adviser.",
            "A drop-in to explore hundreds of local volunteering opportunities in "
            "Doncaster.",
        ],
        [
            "Volunteering is a good route back to work after illness.",
            "Support workers can come with you on your first day.",
        ],
        ages=[(16, None)],
        times=["10:00-13:00"],
        wait=["No waiting list"],
    ),
    "diabetes-group": T(
        "long-term-conditions",
        "drop-in",
        "in-person",
        "hall library",
        ["{place} Diabetes Support Group", "Living Well with Diabetes {place}"],
        [
            "A support group for people with type 1 or type 2 diabetes and their "
            "families.",
            "Meet others living with diabetes at {venue}, with talks from dietitians, "
            "podiatrists and diabetes nurses.",
        ],
        [
            "Recipes and low-sugar snacks are shared each month.",
            "Newly diagnosed? The group runs a buddy scheme.",
        ],
        cost=["free", (2.0, "per meeting")],
        freq="M",
        times=["18:30-20:00", "14:00-15:30"],
    ),
    "breathing-group": T(
        "long-term-conditions physical-activity",
        "drop-in",
        "in-person",
        "church hall",
        ["Better Breathing Group {place}", "Singing for Lung Health {place}"],
        [
            "A support and exercise group for people with COPD, asthma and other lung "
            "conditions.",
            "Singing and breathing exercises at {venue} to help control "
            "breathlessness.",
        ],
        [
            "Run with advice from the community respiratory team.",
            "Bring your inhaler; oxygen users are welcome.",
        ],
        cost=[(2.0, "per session"), "free"],
        freq="WF",
        times=["13:30-15:00", "10:30-12:00"],
    ),
    "cancer-support": T(
        "long-term-conditions mental-wellbeing",
        "drop-in self-referral",
        "in-person",
        "hall library church",
        ["{place} Cancer Support Group", "Cancer Drop-in at {venue}"],
        [
            "A support group for people affected by cancer, whether you are having "
            "treatment, have finished or care for someone.",
            "Friendly cancer support at {venue}: talk to others, get information and "
            "try complementary therapies.",
        ],
        [
            "Information about help with costs such as travel to hospital is available.",
            "Hand massage and reflexology are offered some weeks.",
        ],
        cost=["free", "donation"],
        freq="FM",
        times=["10:00-12:00", "14:00-16:00"],
    ),
    "stroke-club": T(
        "long-term-conditions social-connection",
        "drop-in",
        "in-person",
        "hall",
        ["{place} Stroke Club", "Life After Stroke Group {place}"],
        [
            "A social club for stroke survivors and their families, with exercises, "
            "games and a guest speaker.",
            "Stroke survivors meet at {venue} to rebuild confidence and share tips.",
        ],
        [
            "Communication support is available for people with aphasia.",
            "Volunteer drivers can bring members who do not drive.",
        ],
        cost=[(2.5, "per session, including tea"), "free"],
        freq="F",
        times=["13:00-15:00"],
    ),
    "pain-group": T(
        "long-term-conditions mental-wellbeing",
        "self-referral professional-referral",
        "in-person",
        "library hall",
        ["Living Well with Pain - {place}", "Chronic Pain Support {place}"],
        [
            "A peer support group for people living with long-term pain, including "
            "fibromyalgia and back pain.",
            "Learn pacing, relaxation and gentle movement to manage everyday life with "
            "pain.",
        ],
        [
            "Sessions include a short relaxation practice.",
            "Run by people with lived experience, trained by the NHS pain service.",
        ],
        ages=A18,
        freq="F",
        times=["13:00-14:30", "18:00-19:30"],
        wait=["No waiting list"],
    ),
    "sight-loss": T(
        "long-term-conditions social-connection",
        "drop-in",
        "in-person",
        "library hall",
        ["{place} Sight Loss Social Group", "Low Vision Coffee Club {place}"],
        [
            "A social group for people with sight loss, with tea, chat and tips on "
            "living independently.",
            "Try out magnifiers and talking gadgets and meet others with sight loss.",
        ],
        [
            "An eye clinic liaison officer visits every few months.",
            "Guides can meet you at the bus stop.",
        ],
        cost=["free", "donation"],
        freq="M",
        times=["10:30-12:30"],
    ),
    "weight-management": T(
        "long-term-conditions physical-activity",
        "professional-referral self-referral",
        "in-person",
        "leisure hub",
        ["Healthy Weight Programme - {venue}", "Eat Well Move More {place}"],
        [
            "A 12-week healthy weight programme for adults, mixing healthy eating "
            "advice with a gentle activity session.",
            "Support from a dietitian and coach to lose weight and reduce the risk of "
            "type 2 diabetes.",
        ],
        [
            "Weigh-ins are private and there is no judgement.",
            "Free leisure centre passes are given to people who finish the course.",
        ],
        ages=A18,
        times=["17:30-19:00", "10:00-11:30"],
        wait=["Next course starts within 4 weeks"],
    ),
    "parent-toddler": T(
        "children-families",
        "drop-in",
        "in-person",
        "church hall",
        ["{place} Parent and Toddler Group", "Little Acorns {place}"],
        [
            "A parent and toddler group at {venue} with toys, crafts, songs and snack "
            "time.",
            "Play, messy play and singing for under 5s, and a cuppa for the grown-ups.",
        ],
        [
            "Children can bring a favourite toy to show at circle time.",
            "Parents, grandparents and childminders all welcome.",
            "Free fruit and milk for children.",
        ],
        ages=TOTS,
        cost=[(1.5, "per family"), (1.0, "per child"), "free"],
        note="Term time only.",
        times=["09:30-11:30", "13:30-15:00"],
    ),
    "stay-play": T(
        "children-families",
        "drop-in",
        "in-person",
        "hub library",
        ["Stay and Play at {venue}", "Baby Bounce and Rhyme {place}"],
        [
            "Free stay and play for babies and children under five at {venue}.",
            "Songs, rhymes and stories for babies and toddlers, helping early talking "
            "and listening.",
        ],
        [
            "Family hub staff and health visitors are on hand for advice.",
            "Breastfeeding friendly space.",
        ],
        ages=TOTS,
        times=["09:30-11:00", "13:30-14:30"],
    ),
    "dads-group": T(
        "children-families social-connection",
        "drop-in",
        "in-person",
        "hub hall",
        ["Dads' Saturday Club {place}", "Dads and Kids {place}"],
        [
            "A Saturday morning club for dads and male carers with their children, with "
            "games, sport and a bacon butty.",
            "Time for dads to play with their children and meet other dads.",
        ],
        ["Grandads and uncles welcome too.", "Free breakfast for everyone."],
        cost=["free", "donation"],
        ages=[(0, 11)],
        days="SA",
        times=["09:30-11:30"],
    ),
    "youth-club": T(
        "children-families social-connection",
        "drop-in",
        "in-person",
        "hall hub",
        ["{place} Youth Club", "{place} Young People's Drop-in"],
        [
            "An evening youth club for young people aged 11 to 18, with pool, games, "
            "sport, art and a safe space to hang out.",
            "Youth workers at {venue} run activities and are there for a chat about "
            "anything that is worrying you.",
        ],
        [
            "Free tuck and hot food.",
            "Young people help plan trips and activities.",
            "Mental health drop-in with a youth counsellor once a month.",
        ],
        cost=[(0.5, "per session"), "free"],
        ages=YOUTH,
        freq="WT",
        times=["18:00-20:30", "17:00-19:00"],
    ),
    "holiday-club": T(
        "children-families food",
        "self-referral professional-referral",
        "in-person",
        "hall hub leisure",
        ["{place} Holiday Club", "Healthy Holidays at {venue}"],
        [
            "A free holiday club with sport, crafts and a hot meal for children aged "
            "5 to 16 who get benefits-related free school meals.",
            "School holiday activities and a healthy lunch at {venue}.",
        ],
        [
            "Places must be booked.",
            "Children with special educational needs are supported.",
        ],
        ages=[(5, 16)],
        freq="T",
        times=["10:00-14:00"],
        note="School holidays only: Easter, summer and Christmas.",
        wait=["Places released three weeks before each holiday"],
    ),
    "parent-online": T(
        "children-families mental-wellbeing",
        "self-referral",
        "online",
        "",
        ["{org} Parents' Online Circle", "Parent Peer Support Online"],
        [
            "An online peer support group for parents and carers, meeting weekly by "
            "video call.",
            "Share the ups and downs of parenting with others and get tips from a "
            "family support worker.",
        ],
        [
            "Sessions cover sleep, behaviour and looking after yourself.",
            "You can join with your camera off.",
        ],
        ages=A18,
        times=["19:30-20:30", "13:00-14:00"],
    ),
    "older-advice": T(
        "older-people money-debt-benefits",
        "self-referral professional-referral",
        "home-visit phone",
        "",
        ["{org} Information and Advice", "Later Life Advice Visits"],
        [
            "Information and advice for people over 60 on benefits, care costs, "
            "housing options and staying independent.",
            "An adviser visits you at home to check your benefits and help you fill in "
            "forms such as Attendance Allowance.",
        ],
        [
            "On average, people we help gain over £3,000 a year.",
            "Phone advice is also available.",
        ],
        ages=A60,
        freq="D",
        times=["09:00-16:30"],
        wait=["About 2 weeks"],
    ),
}

# --------------------------------------------------------------------------
# Organisations. Local ones are built per place from templates; borough-wide
# ones are listed with the service types they run (type, number of services).
# --------------------------------------------------------------------------
LOCAL_ORGS = [  # name, kind, what it does, service types, (min, max) services
    (
        "{place} Community Partnership",
        "charity",
        "runs activities and advice for residents from {hall}",
        "lunch-club coffee-morning digital-dropin community-cafe job-club warm-space "
        "cook-and-eat credit-union carers-group",
        (2, 3),
    ),
    (
        "{place} Men's Shed",
        "community",
        "gives people a place to make, mend and chat",
        "mens-shed",
        (1, 1),
    ),
    (
        "{church}, {place}",
        "church",
        "opens its doors to the whole community",
        "lunch-club coffee-morning parent-toddler bereavement-group food-bank warm-space "
        "dementia-cafe knit-natter",
        (1, 3),
    ),
    (
        "Friends of {park}",
        "community",
        "looks after {park} and gets people outdoors",
        "health-walk community-garden nordic-walk buggy-walk",
        (1, 2),
    ),
    (
        "{place} Over 60s Club",
        "community",
        "has brought older people together for years",
        "friendship-club tea-dance chair-exercise",
        (1, 2),
    ),
    (
        "{place} Tenants' and Residents' Association",
        "community",
        "speaks up for residents and improves the neighbourhood",
        "tenants-assoc community-garden",
        (1, 1),
    ),
    (
        "{place} Community Pantry CIC",
        "cic",
        "tackles food poverty and food waste",
        "community-pantry cook-and-eat community-cafe",
        (1, 2),
    ),
    (
        "{place} Creative Arts CIC",
        "cic",
        "uses the arts to improve wellbeing",
        "art-group art-therapy choir creative-writing",
        (1, 2),
    ),
    (
        "{place} Good Neighbours",
        "charity",
        "helps older and isolated neighbours",
        "home-befriending friendship-club coffee-morning carers-group",
        (1, 2),
    ),
    (
        "{place} Little Steps Family Group",
        "charity",
        "supports local families",
        "parent-toddler dads-group buggy-walk holiday-club",
        (1, 2),
    ),
    (
        "{place} Youth Project",
        "charity",
        "works with young people in {place}",
        "youth-club holiday-club",
        (1, 2),
    ),
    (
        "{place} Health and Wellbeing Group",
        "community",
        "helps local people look after their health",
        "peer-support diabetes-group health-walk mens-talk chair-exercise",
        (1, 2),
    ),
]

BOROUGH_ORGS = [  # name, kind, languages, description, [(type, n)]
    (
        "Don Valley Carers' Network",
        "charity",
        "",
        "Supports unpaid carers of all ages across Doncaster.",
        [("carers-group", 5), ("carers-phone", 1), ("young-carers", 2)],
    ),
    (
        "Doncaster Money Advice Service",
        "charity",
        "",
        "Gives free, independent debt and money advice.",
        [("debt-advice", 5), ("money-helpline", 1)],
    ),
    (
        "Doncaster Welfare Rights Hub",
        "charity",
        "",
        "Helps people claim the benefits they are entitled to and challenge decisions.",
        [("benefits-help", 4), ("money-helpline", 1)],
    ),
    (
        "Doncaster Housing Advice Partnership",
        "charity",
        "",
        "Gives free housing advice and prevents homelessness.",
        [("housing-advice", 4), ("tenancy-support", 1)],
    ),
    (
        "Doncaster Warm Homes CIC",
        "cic",
        "",
        "Helps households keep warm and cut their energy bills.",
        [("energy-advice", 4)],
    ),
    (
        "Doncaster Open Door Trust",
        "charity",
        "",
        "Works with people who are homeless or vulnerably housed.",
        [("homeless-dropin", 2), ("tenancy-support", 1)],
    ),
    (
        "Doncaster Independent Living Services",
        "charity",
        "",
        "Helps older and disabled people stay safe and independent at home.",
        [("handyperson", 1), ("older-advice", 1)],
    ),
    (
        "Doncaster Leisure and Wellbeing Trust",
        "leisure",
        "",
        "The not-for-profit trust that runs Doncaster's leisure centres for the council.",
        [
            ("exercise-referral", 4),
            ("swim-health", 3),
            ("walking-football", 3),
            ("strength-balance", 2),
            ("chair-yoga", 2),
            ("health-walk", 3),
        ],
    ),
    (
        "Don Valley Healthy Lives (NHS)",
        "nhs",
        "",
        "NHS community health team providing lifestyle and long-term condition support.",
        [("weight-management", 3), ("breathing-group", 2), ("strength-balance", 2)],
    ),
    (
        "Doncaster Talking Therapies Partnership (NHS)",
        "nhs",
        "",
        "NHS talking therapies service for adults in Doncaster.",
        [("talking-therapies", 1)],
    ),
    (
        "Doncaster Recovery and Wellbeing College (NHS)",
        "nhs",
        "",
        "An NHS recovery college offering free mental wellbeing courses.",
        [("wellbeing-course", 4)],
    ),
    (
        "Doncaster Community Counselling",
        "charity",
        "",
        "Offers affordable counselling for adults.",
        [("counselling", 4)],
    ),
    (
        "Doncaster Mind Matters",
        "charity",
        "",
        "A local mental health charity run with people who have lived experience.",
        [("peer-support", 3), ("mens-talk", 3), ("online-support", 2)],
    ),
    (
        "Doncaster Bereavement Network",
        "charity",
        "",
        "Supports people who are grieving.",
        [("bereavement-group", 3), ("bereavement-phone", 1)],
    ),
    (
        "Doncaster Memory Support",
        "charity",
        "",
        "Supports people living with dementia and their families.",
        [("dementia-cafe", 4), ("dementia-carers", 3), ("carers-phone", 1)],
    ),
    (
        "Doncaster Diabetes Support Group",
        "community",
        "",
        "A volunteer-run group for people with diabetes.",
        [("diabetes-group", 3)],
    ),
    (
        "Don Valley Cancer Support",
        "charity",
        "",
        "Supports people affected by cancer.",
        [("cancer-support", 4)],
    ),
    (
        "Doncaster Stroke Survivors' Club",
        "community",
        "",
        "Run by stroke survivors for stroke survivors.",
        [("stroke-club", 2)],
    ),
    (
        "Living Well with Pain Doncaster",
        "community",
        "",
        "Peer support for people living with long-term pain.",
        [("pain-group", 2)],
    ),
    (
        "Doncaster Sight Support",
        "charity",
        "",
        "Helps people with sight loss live independently.",
        [("sight-loss", 3)],
    ),
    (
        "Doncaster Deaf Community Association",
        "charity",
        "bfi",
        "A user-led association for Deaf people in Doncaster.",
        [("deaf-club", 1)],
    ),
    (
        "Doncaster Polish Community Association",
        "community",
        "pl",
        "Brings together Polish-speaking people in Doncaster.",
        [("culture-group", 2)],
    ),
    (
        "Doncaster Asian Women's Forum",
        "community",
        "ur pa",
        "A support network for South Asian women and families.",
        [("culture-group", 2)],
    ),
    (
        "Doncaster Digital Champions CIC",
        "cic",
        "",
        "Helps people get online safely and confidently.",
        [("digital-dropin", 5), ("digital-online", 1)],
    ),
    (
        "Doncaster Adult Learning Service",
        "council",
        "",
        "The council's free and low-cost learning for adults.",
        [("adult-learning", 4), ("esol-cafe", 2)],
    ),
    (
        "Doncaster Libraries Reading Network",
        "council",
        "",
        "Reading and heritage activities in Doncaster's libraries.",
        [("reading-group", 3), ("heritage-volunteers", 1), ("creative-writing", 1)],
    ),
    (
        "Doncaster Skills and Work Hub",
        "council",
        "",
        "The council's employment support service.",
        [("job-club", 5), ("employment-support", 3)],
    ),
    (
        "Next Step Doncaster CIC",
        "cic",
        "",
        "Helps young people into work and training.",
        [("youth-employment", 3)],
    ),
    (
        "Doncaster Volunteer Centre",
        "charity",
        "",
        "Connects people with volunteering across the borough.",
        [("volunteering", 3)],
    ),
    (
        "Doncaster Food Network",
        "charity",
        "",
        "Coordinates food banks and food support across Doncaster.",
        [("food-bank", 4)],
    ),
    (
        "Doncaster Telephone Friends",
        "charity",
        "",
        "Telephone befriending for lonely and isolated people.",
        [("phone-befriending", 1), ("home-befriending", 1)],
    ),
    (
        "Age Well Doncaster",
        "charity",
        "",
        "Helps older people in Doncaster live well and independently.",
        [
            ("friendship-club", 2),
            ("tea-dance", 2),
            ("older-advice", 1),
            ("phone-befriending", 1),
            ("digital-dropin", 1),
            ("digital-online", 1),
        ],
    ),
    (
        "Doncaster Arts Exchange CIC",
        "cic",
        "",
        "An arts organisation running arts-on-prescription and community arts.",
        [("art-therapy", 3), ("art-group", 2), ("choir", 2), ("knit-natter", 1)],
    ),
    (
        "Doncaster Parent Network",
        "charity",
        "",
        "Peer support and activities for parents and carers of young children.",
        [("stay-play", 4), ("parent-online", 1), ("buggy-walk", 2), ("dads-group", 1)],
    ),
    (
        "Doncaster Youth Collective CIC",
        "cic",
        "",
        "Youth work and activities for young people across the borough.",
        [("youth-club", 2), ("holiday-club", 2)],
    ),
]

KIND_TEXT = {
    "community": "{name} is a volunteer-run community group in {place} that {does}.",
    "charity": "{name} is a registered charity in {place} that {does}.",
    "cic": "{name} is a community interest company in {place} that {does}.",
    "church": "{name} is a local church that {does}, whatever your faith.",
}
BOROUGH_KIND = {
    "charity": "A registered charity working across the City of Doncaster.",
    "cic": "A community interest company working across Doncaster.",
    "community": "A volunteer-led group open to people from across Doncaster.",
    "nhs": "Part of the local NHS.",
    "council": "Part of City of Doncaster Council.",
    "leisure": "A registered charity and company limited by guarantee.",
}
KIND_TITLES = {
    "community": ["Group organiser", "Chair", "Secretary", "Volunteer coordinator"],
    "charity": [
        "Volunteer coordinator",
        "Service manager",
        "Project worker",
        "Outreach worker",
    ],
    "cic": ["Director", "Project lead", "Sessions coordinator"],
    "church": ["Church administrator", "Vicar", "Lay minister", "Group leader"],
    "leisure": ["Active Communities Officer", "Health and Wellbeing Instructor"],
    "nhs": ["Team leader", "Clinical lead", "Referrals administrator"],
    "council": ["Community Engagement Officer", "Team manager", "Library officer"],
}
WHO = {
    "community": [
        "It is run entirely by volunteers; ask for {leader} when you arrive.",
        "{leader} and a small team of local volunteers set up every week.",
    ],
    "charity": [
        "Run by {org}, with {leader} as the named contact.",
        "Staff and trained volunteers from {org} run it; {leader} coordinates.",
    ],
    "cic": [
        "Delivered by {org}, a local social enterprise; {leader} leads most sessions."
    ],
    "church": [
        "Hosted by {org}; everyone is welcome whether or not they go to church.",
        "Volunteers from the church run it - {leader} will put the kettle on.",
    ],
    "leisure": ["Led by qualified instructors from {org}; {leader} is the lead."],
    "nhs": ["Provided by {org}, part of the local NHS; {leader} manages the service."],
    "council": ["Run by {org} at City of Doncaster Council; {leader} is the contact."],
}
FIRST = (
    "Margaret Janet Pauline Susan Karen Dawn Joanne Lisa Sarah Emma Aisha Priya "
    "Agnieszka Ioana Fatima Kirsty Gemma Hannah Beverley Shazia David Steve Gary "
    "Paul Mark Ian Graham Keith Tony Darren Lee Craig Imran Tomasz Mihai Jamal "
    "Ryan Liam Dean Colin"
).split()
LAST = (
    "Hollins Shaw Barker Wainwright Haigh Armitage Booth Crowther Sykes Holroyd "
    "Ackroyd Kaur Khan Nowak Popescu Patel Hussain Walker Wright Hartley Lockwood "
    "Firth Moss Naylor Senior Dyson Bramley Pickering Greenwood Fletcher Kowalski "
    "Mahmood Akhtar Stead Hepworth Marsden Rushworth Beever Cawthorne Hirst"
).split()
LANGS = {
    "en": "English",
    "pl": "Polish",
    "ur": "Urdu",
    "pa": "Punjabi",
    "ro": "Romanian",
    "ar": "Arabic",
    "bfi": "British Sign Language",
}
FUNDERS = [
    "National Lottery Community Fund",
    "City of Doncaster Council Communities Fund",
    "NHS South Yorkshire Integrated Care Board",
    "Doncaster Community Foundation",
    "Postcode Local Trust",
    "Sport England Together Fund",
    "Ward members' budget",
    "Arts Council England National Lottery Project Grant",
]
CLOSED_ALERTS = [
    "Closed while the hall roof is repaired; reopening {date}.",
    "Paused while a new heating system is fitted at {venue}; back on {date}.",
    "No sessions until {date} while we recruit new volunteer leaders.",
    "Taking a winter break - restarting {date}.",
    "Closed while the kitchen is refurbished; we expect to reopen {date}.",
    "Temporarily closed because of staff illness; sessions resume {date}.",
]
REOPEN = [
    "5 January 2027",
    "12 January 2027",
    "19 January 2027",
    "2 February 2027",
    "14 December 2026",
    "1 March 2027",
]
DAYS = {
    "MO": "Monday",
    "TU": "Tuesday",
    "WE": "Wednesday",
    "TH": "Thursday",
    "FR": "Friday",
    "SA": "Saturday",
    "SU": "Sunday",
}
NTH = {"1": "First", "2": "Second", "3": "Third", "4": "Fourth", "-1": "Last"}
PHONE_RANGES = {
    "local": "01632 960{:03d}",
    "city": "0113 496 0{:03d}",
    "free": "0808 157 0{:03d}",
    "mobile": "07700 900{:03d}",
}


# --------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------
def uid(kind: str, key: str) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"{BASE}/{kind}/{key}"))


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower().replace("'", "")).strip("-")


def load_postcodes(path: Path) -> dict[str, list[tuple[str, float, float]]]:
    """District -> [(postcode, lat, long)] for the Doncaster districts DN1-DN12."""
    wanted = {f"DN{n}" for n in range(1, 13)}
    out: dict[str, list] = {d: [] for d in sorted(wanted)}
    with open(path, newline="") as f:
        for row in csv.DictReader(f):
            pc = row["Postcode"].replace(" ", "")
            if row["lat"] and pc[:-3] in wanted:
                out[pc[:-3]].append(
                    (f"{pc[:-3]} {pc[-3:]}", float(row["lat"]), float(row["long"]))
                )
    return out


def km(lat1, lon1, lat2, lon2) -> float:
    return math.hypot(
        (lat1 - lat2) * 111.2, (lon1 - lon2) * 111.2 * math.cos(math.radians(lat1))
    )


class Phones:
    """Hands out unique fictional numbers from Ofcom's drama ranges."""

    def __init__(self, rng: random.Random):
        self.pools = {k: rng.sample(range(1000), 1000) for k in PHONE_RANGES}

    def take(self, kind: str) -> str:
        return PHONE_RANGES[kind].format(self.pools[kind].pop())


def term(vocab: dict, vocabulary: str, code: str) -> dict:
    label = vocab[vocabulary]["terms"][code]
    tid = uuid.uuid5(
        uuid.NAMESPACE_URL, f"https://sp-directory.uk/taxonomy/{vocabulary}/{code}"
    )
    return {
        "id": str(tid),
        "name": label,
        "description": label,
        "taxonomy": vocabulary,
        "term": code,
    }


def clock(t: str) -> str:
    h, m = map(int, t.split(":"))
    suffix = "am" if h < 12 else "pm"
    h = h - 12 if h > 12 else h
    return f"{h}{suffix}" if m == 0 else f"{h}.{m:02d}{suffix}"


def money(amount: float) -> str:
    return f"£{amount:.2f}".replace(".00", "")


# --------------------------------------------------------------------------
# Builders
# --------------------------------------------------------------------------
def build_venues(rng, postcodes, vocab) -> dict[str, dict[str, dict]]:
    """Place -> venue kind -> ORUK location, each on a real nearby postcode."""
    used: set[str] = set()
    venues: dict[str, dict[str, dict]] = {}
    for place, p in PLACES.items():
        near = [
            r
            for r in postcodes[p["district"]]
            if km(r[1], r[2], p["lat"], p["lon"]) < 0.7 and r[0] not in used
        ]
        names = {"hall": p["hall"], "church": p["church"] + " Hall", "park": p["park"]}
        names.update(
            {k: p[k] for k in ("library", "leisure", "hub", "office") if k in p}
        )
        venues[place] = {}
        for kind, name in names.items():
            pc, lat, lon = rng.choice(near)
            near.remove((pc, lat, lon))
            used.add(pc)
            street = rng.choice(p["streets"])
            key = slugify(f"{place}-{name}")
            address = street if kind == "park" else f"{rng.randint(1, 120)} {street}"
            if p["town"] == "Doncaster" and place != "Town Centre":
                address += f", {place}"
            codes = vocab["directory-accessibility"]["terms"]
            pool = (
                ["wheelchair-access", "parking", "accessible-toilet"]
                if kind == "park"
                else list(codes)
            )
            access = []
            for code in rng.sample(pool, rng.randint(0, min(5, len(pool)))):
                texts = ACCESS_DETAILS.get(f"{kind}:{code}", ACCESS_DETAILS[code])
                access.append(
                    {
                        "id": uid("accessibility", f"{key}/{code}"),
                        "description": codes[code],
                        "details": rng.choice(texts).format(street=street),
                        "accessibility": code,
                    }
                )
            venues[place][kind] = {
                "id": uid("location", key),
                "location_type": "physical",
                "name": name,
                "description": VENUE_BLURB[kind].format(street=street, place=place),
                "latitude": round(lat, 5),
                "longitude": round(lon, 5),
                "addresses": [
                    {
                        "id": uid("address", key),
                        "address_1": address,
                        "city": p["town"],
                        "state_province": "South Yorkshire",
                        "postal_code": pc,
                        "country": "GB",
                        "address_type": "physical",
                    }
                ],
                "accessibility": access,
            }
    return venues


def make_org(rng, name, kind, place, does, langs="") -> dict:
    slug = slugify(name)
    label = PLACES[place]["label"] if place else "Doncaster"
    text = KIND_TEXT.get(kind, "{name}: {does}").format(
        name=name, place=label, does=does
    )
    org = {
        "id": uid("organization", slug),
        "name": name,
        "description": text,
        "email": f"{slug if len(slug) <= 40 else slug[:41].rsplit('-', 1)[0]}"
        "@example.org.uk",
        "website": f"https://www.example.org.uk/{slug}",
        "organization_identifiers": [],
    }
    chc, coh = ("GB-CHC", "Charity number", 7), ("GB-COH", "Company number", 8)
    schemes = {
        "charity": [chc],
        "cic": [coh],
        "leisure": [chc, coh],
        "church": [chc] if rng.random() < 0.4 else [],
    }
    for scheme, label, digits in schemes.get(kind, []):
        number = str(
            rng.randint(1100000, 1209999)
            if digits == 7
            else rng.randint(10000000, 15999999)
        )
        org["organization_identifiers"].append(
            {
                "id": uid("organization-identifier", f"{slug}/{scheme}"),
                "identifier_scheme": scheme,
                "identifier_type": label,
                "identifier": number,
            }
        )
    return {
        "org": org,
        "kind": kind,
        "place": place,
        "slug": slug,
        "langs": langs.split(),
        "plan": [],
        "used": set(),
    }


def build_orgs(rng) -> list[dict]:
    orgs = []
    for place, p in PLACES.items():
        for pattern, kind, does, pool, (lo, hi) in rng.sample(LOCAL_ORGS, 5):
            fill = {
                "place": p["label"],
                "church": p["church"],
                "park": p["park"],
                "hall": p["hall"],
            }
            org = make_org(
                rng, pattern.format(**fill), kind, place, does.format(**fill)
            )
            org["plan"] = rng.sample(
                pool.split(), min(rng.randint(lo, hi), len(pool.split()))
            )
            orgs.append(org)
    for name, kind, langs, does, plan in BOROUGH_ORGS:
        org = make_org(rng, name, kind, None, does, langs)
        org["org"]["description"] = f"{does} {BOROUGH_KIND[kind]}"
        org["plan"] = [t for t, n in plan for _ in range(n)]
        orgs.append(org)
    return orgs


def pick_place(rng, st, venues, org, type_key) -> str:
    """A place for a borough-wide service, with a suitable venue, not yet used."""
    allowed = st["where"].split("|") if "where" in st else list(PLACES)
    fits = [
        p
        for p in allowed
        if not st["venues"] or any(k in venues[p] for k in st["venues"])
    ]
    fresh = [p for p in fits if (org["slug"], type_key, p) not in org["used"]]
    place = rng.choice(
        (fresh or fits)
        + (["Town Centre"] * 3 if "Town Centre" in (fresh or fits) else [])
    )
    org["used"].add((org["slug"], type_key, place))
    return place


def unique_name(rng, patterns, ctx, names_used) -> str:
    for pattern in rng.sample(patterns, len(patterns)):
        name = pattern.format(**ctx)
        if name not in names_used:
            break
    else:
        name = f"{name} ({ctx['day']}s)"
        n = 2
        while name in names_used:
            name, n = f"{pattern.format(**ctx)} {n}", n + 1
    names_used.add(name)
    return name


def month_day(year: int, month: int, weekday: int, nth: int) -> dt.date:
    """The nth (or last, nth=-1) given weekday of a month."""
    first = dt.date(year, month, 1)
    day = first + dt.timedelta(days=(weekday - first.weekday()) % 7)
    if nth > 0:
        return day + dt.timedelta(weeks=nth - 1)
    while (day + dt.timedelta(weeks=1)).month == month:
        day += dt.timedelta(weeks=1)
    return day


def schedule(rng, st, attend) -> dict:
    freq = rng.choice(st["freq"])
    opens, closes = rng.choice(st["times"]).split("-")
    days = st.get("days", "MO TU WE TH FR").split()
    when = f"{clock(opens)} to {clock(closes)}"
    sched = {"id": "", "freq": "WEEKLY", "interval": 1}
    if freq == "D":
        byday, text = "MO,TU,WE,TH,FR", f"Monday to Friday, {when}."
    elif freq == "T":
        two = sorted(rng.sample(days, 2), key=list(DAYS).index)
        byday = ",".join(two)
        text = f"Every {DAYS[two[0]]} and {DAYS[two[1]]}, {when}."
    elif freq == "M":
        nth, day = rng.choice(list(NTH)), rng.choice(days)
        byday, sched["freq"] = f"{nth}{day}", "MONTHLY"
        text = f"{NTH[nth]} {DAYS[day]} of the month, {when}."
    else:
        byday = rng.choice(days)
        sched["interval"] = 2 if freq == "F" else 1
        text = (
            f"Every other {DAYS[byday]}, {when}."
            if freq == "F"
            else f"Every {DAYS[byday]}, {when}."
        )
    if "note" in st:
        text += " " + st["note"]
    elif freq != "D" and rng.random() < 0.3:
        text += " " + rng.choice(
            [
                "No session in August.",
                "Not on bank holidays.",
                "Closed for two weeks over Christmas.",
                "Please check before the summer holidays.",
            ]
        )
    start = dt.date(2026, 1, 5) + dt.timedelta(weeks=rng.randint(0, 30))
    weekday = list(DAYS).index(byday.split(",")[0][-2:])
    if sched["freq"] == "MONTHLY":
        start = month_day(start.year, start.month, weekday, int(byday[:-2]))
    else:
        start += dt.timedelta(days=(weekday - start.weekday()) % 7)
    sched.update(
        byday=byday,
        dtstart=start.isoformat(),
        description=text,
        opens_at=f"{opens}:00",
        closes_at=f"{closes}:00",
        attending_type=attend.replace("-", " "),
    )
    return sched


def costs(rng, st, key) -> tuple[list[dict], str]:
    choice = rng.choice(st["cost"])
    if choice == "free":
        return (
            [{"id": uid("cost-option", key), "option": "Free", "amount": 0}],
            rng.choice(["Free.", "Free of charge.", "Free - no cost to attend."]),
        )
    if choice == "donation":
        return (
            [{"id": uid("cost-option", key), "option": "Donations welcome"}],
            "No set charge; donations welcome towards tea, coffee and hall hire.",
        )
    amount, per = choice
    extra = rng.choice(
        [
            "",
            " First session free.",
            " Concessions available.",
            " Pay on the day, cash or card.",
        ]
    )
    return (
        [
            {
                "id": uid("cost-option", key),
                "option": f"{money(amount)} {per}",
                "amount": amount,
                "amount_description": per,
            }
        ],
        f"{money(amount)} {per}.{extra}",
    )


def application(rng, st, ctx) -> str:
    if "apply" in st:
        return st["apply"]
    access = set(st["access"])
    if access == {"drop-in"}:
        return rng.choice(
            [
                "Drop in, no need to book.",
                "Just turn up - no booking or referral needed.",
                "Drop in any week; you will be made welcome at the door.",
            ]
        )
    if "professional-referral" in access:
        text = rng.choice(
            [
                "Referral by GP, nurse or social prescribing link worker using the online "
                "form at {url}",
                "Professionals can refer by email to {email} with the person's consent",
            ]
        )
        if "self-referral" in access:
            text += "; self-referral by phone on {phone}"
        return (text + ".").format(**ctx)
    if "drop-in" in access:
        return "Drop in during opening times, or call {phone} to book a time.".format(
            **ctx
        )
    return rng.choice(
        [
            "Call {phone} or email {email} to book a place.",
            "Self-referral: ring {leader} on {phone} for a chat before "
            "your first session.",
        ]
    ).format(**ctx)


def eligibility(rng, st, ages, ctx) -> str:
    lo, hi = ages
    if "elig" in st:
        return st["elig"].format(min=lo, **ctx)
    if lo is None:
        return rng.choice(
            [
                "Open to everyone; children must come with an adult.",
                "Anyone living in {place} or nearby is welcome.",
                "All ages and abilities welcome.",
            ]
        ).format(**ctx)
    if hi is not None:
        return f"People aged {lo} to {hi} and their families or carers."
    return f"Adults aged {lo} and over." if lo >= 18 else f"People aged {lo} and over."


def description(rng, st, org, ctx, used: set[str]) -> str:
    """Intro, two details, who runs it and what to bring; never a repeat."""
    for _ in range(20):
        text = compose(rng, st, org, ctx)
        if text not in used:
            break
    else:
        text += " Regular buses stop on {street}.".format(**ctx)
    used.add(text)
    return text


def compose(rng, st, org, ctx) -> str:
    parts = [
        rng.choice(st["intro"]),
        *rng.sample(st["detail"], 2),
        rng.choice(WHO[org["kind"]]),
    ]
    if st["bring"] and rng.random() < 0.7:
        parts.append(rng.choice(st["bring"]))
    text = " ".join(parts).format(**ctx)
    if rng.random() < 0.1:  # a few listings arrive as simple HTML paragraphs
        half = len(parts) // 2
        text = "".join(
            f"<p>{' '.join(x).format(**ctx)}</p>" for x in (parts[:half], parts[half:])
        )
    return text


def build_service(rng, vocab, venues, phones, org, type_key, used) -> dict:
    st = TYPES[type_key]
    place = org["place"] or pick_place(rng, st, venues, org, type_key)
    venue = None
    if st["venues"]:
        have = [k for k in st["venues"] if k in venues[place]]
        venue = venues[place][rng.choice(have) if have else "hall"]
    langname = " and ".join(LANGS[c] for c in org["langs"]) or "Romanian"
    area = PLACES[place]["label"] if org["place"] else "Doncaster"
    ctx = {
        "place": PLACES[place]["label"],
        "park": PLACES[place]["park"],
        "org": org["org"]["name"],
        "venue": venue["name"] if venue else "",
        "langname": langname,
        "area": area,
        "mins": rng.choice([45, 60, 90]),
        "street": rng.choice(PLACES[place]["streets"]),
    }
    attend = st["attend"]
    sched = schedule(rng, st, attend[0])
    ctx["day"] = DAYS[sched["byday"][-2:]]
    name = unique_name(rng, st["names"], ctx, used["names"])
    key = slugify(f"{org['slug']}-{name}")
    sched["id"] = uid("schedule", key)

    first, last = rng.choice(FIRST), rng.choice(LAST)
    ctx["leader"] = first
    local = org["kind"] in ("community", "church")
    main_phone = phones.take("mobile" if local else rng.choice(["local", "city"]))
    service_phone = phones.take("free") if attend[0] == "phone" else main_phone
    email = f"{first.lower()}.{last.lower()}@example.org.uk"
    url = f"{org['org']['website']}/{slugify(name)}"
    ctx.update(phone=service_phone, email=org["org"]["email"], url=url)
    ages = rng.choice(st["ages"])
    cost_list, fees = costs(rng, st, key)
    svc = {
        "id": uid("service", key),
        "name": name,
        "description": description(rng, st, org, ctx, used["texts"]),
        "url": url,
        "email": org["org"]["email"],
        "status": "active",
        "eligibility_description": eligibility(rng, st, ages, ctx),
        "application_process": application(rng, st, ctx),
    }
    if "professional-referral" in st["access"] or "self-referral" in st["access"]:
        svc["wait_time"] = rng.choice(
            st.get("wait", ["No waiting list", "Usually within 2 weeks"])
        )
    svc["fees_description"] = fees
    if ages[0] is not None:
        svc["minimum_age"] = ages[0]
    if ages[1] is not None:
        svc["maximum_age"] = ages[1]
    svc["phones"] = [
        {
            "id": uid("phone", key),
            "number": service_phone,
            "description": "Freephone line. " + sched["description"]
            if attend[0] == "phone"
            else "Main number",
        }
    ]
    svc["schedules"] = [sched]
    svc["service_areas"] = []
    svc["service_at_locations"] = []
    if venue:
        svc["service_at_locations"] = [
            {"id": uid("service-at-location", key), "location": venue}
        ]
    else:
        svc["service_areas"] = [
            {
                "id": uid("service-area", key),
                "name": area,
                "service_area": "Covers the whole City of Doncaster borough"
                if area == "Doncaster"
                else f"Covers {place} and the surrounding area",
                "extent_type": "text",
            }
        ]
    codes = ["en", *org["langs"]]
    if not org["langs"] and rng.random() < 0.1:
        codes.append(rng.choice(["pl", "ur", "pa", "ro", "ar", "bfi"]))
    svc["languages"] = [
        {"id": uid("language", f"{key}/{c}"), "name": LANGS[c], "code": c}
        for c in codes
    ]
    svc["organization"] = org["org"]
    svc["funding"] = (
        [{"id": uid("funding", key), "source": rng.choice(FUNDERS)}]
        if rng.random() < 0.4
        else []
    )
    svc["cost_options"] = cost_list
    title = rng.choice(KIND_TITLES[org["kind"]])
    svc["contacts"] = [
        {
            "id": uid("contact", key),
            "name": f"{first} {last}",
            "title": title,
            "email": email,
            "phones": [{"id": uid("contact-phone", key), "number": main_phone}],
        }
    ]
    links = (
        [("category", "directory-category", c) for c in st["cats"]]
        + [("access", "directory-access", c) for c in st["access"]]
        + [("attendance", "directory-attendance", c) for c in attend]
    )
    svc["attributes"] = [
        {
            "id": uid("attribute", f"{key}/{v}/{c}"),
            "link_type": lt,
            "taxonomy_term": term(vocab, v, c),
        }
        for lt, v, c in links
    ]
    svc["_venue"] = venue["name"] if venue else None
    return svc


def review_and_status(rng, services) -> None:
    """Spread assured dates (75% recent, 20% due, 5% overdue) and set statuses."""
    n = len(services)
    buckets = ["due"] * round(n * 0.2) + ["old"] * round(n * 0.05)
    buckets += ["recent"] * (n - len(buckets))
    rng.shuffle(buckets)
    ranges = {
        "recent": (dt.date(2026, 5, 24), dt.date(2026, 11, 20)),
        "due": (dt.date(2026, 2, 24), dt.date(2026, 5, 23)),
        "old": (dt.date(2025, 8, 1), dt.date(2026, 2, 20)),
    }
    for svc, bucket in zip(services, buckets, strict=True):
        lo, hi = ranges[bucket]
        day = lo + dt.timedelta(days=rng.randint(0, (hi - lo).days))
        stamp = dt.datetime.combine(
            day, dt.time(rng.randint(8, 17), rng.randint(0, 59), rng.randint(0, 59))
        )
        svc["assured_date"] = day.isoformat()
        svc["assurer_email"] = rng.choice(
            ["data@example.org.uk", "directory.team@example.org.uk"]
        )
        svc["last_modified"] = stamp.strftime("%Y-%m-%dT%H:%M:%S.000Z")
    located = [s for s in services if s["_venue"]]
    picked = rng.sample(located, 15)
    for svc in picked[:12]:
        svc["status"] = "temporarily closed"
        svc["alert"] = rng.choice(CLOSED_ALERTS).format(
            venue=svc["_venue"], date=rng.choice(REOPEN)
        )
    for svc in picked[12:]:
        svc["status"] = "inactive"
        svc["alert"] = (
            f"This group stopped meeting in September 2026. Please contact "
            f"{svc['organization']['name']} about alternatives nearby."
        )


def order(svc: dict) -> dict:
    """Key order following the ORUK full service example; drops helper keys."""
    keys = [
        "id",
        "name",
        "description",
        "url",
        "email",
        "status",
        "eligibility_description",
        "application_process",
        "wait_time",
        "fees_description",
        "minimum_age",
        "maximum_age",
        "assured_date",
        "assurer_email",
        "alert",
        "last_modified",
        "phones",
        "schedules",
        "service_areas",
        "service_at_locations",
        "languages",
        "organization",
        "funding",
        "cost_options",
        "contacts",
        "attributes",
    ]
    return {k: svc[k] for k in keys if k in svc}


def generate(postcodes_path: Path) -> dict:
    rng = random.Random(2026)
    vocab = json.loads(TAXONOMY.read_text())["vocabularies"]
    venues = build_venues(rng, load_postcodes(postcodes_path), vocab)
    phones = Phones(rng)
    used: dict[str, set[str]] = {"names": set(), "texts": set()}
    services = [
        build_service(rng, vocab, venues, phones, org, t, used)
        for org in build_orgs(rng)
        for t in org["plan"]
    ]
    review_and_status(rng, services)
    contents = [order(s) for s in services]
    return {
        "total_items": len(contents),
        "total_pages": 1,
        "page_number": 1,
        "size": len(contents),
        "first_page": True,
        "last_page": True,
        "empty": False,
        "contents": contents,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postcodes", type=Path, default=POSTCODES)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    page = generate(args.postcodes)
    args.out.write_text(json.dumps(page, indent=1, ensure_ascii=False) + "\n")
    print(f"wrote {page['total_items']} services to {args.out}")  # noqa: T201


if __name__ == "__main__":
    main()
