"""Free-text schedules read as HSDS rules: real phrasings read, unclear ones refused.

The first list holds every schedule phrase on the St George's Lupset fixture pages
(``/work/shared/fixtures/html/stgeorges-lupset-community-centre``), its page
sources, and common ways other groups write their times.
"""

from __future__ import annotations

import pytest

from directory_app.present import schedule_summary
from importers.normalise.package import normalise_service
from importers.normalise.schedule_text import parse_schedule_text
from importers.records import ServiceRecord

WEEKDAYS = "MO,TU,WE,TH,FR"
ALL_WEEK = "MO,TU,WE,TH,FR,SA,SU"

# (text, [(freq, interval, byday, opens_at, closes_at), ...])
READ = [
    # On the fixture's pages.
    ("Weekly Fridays 1.30pm-2.30pm ", [("WEEKLY", 1, "FR", "13:30", "14:30")]),
    (
        "Friday weekly (except third every third Friday) 1.00pm-3.00pm",
        [("WEEKLY", 1, "FR", "13:00", "15:00")],
    ),
    (
        "Third Friday of every month 1.30pm-2.30pm",
        [("MONTHLY", 1, "3FR", "13:30", "14:30")],
    ),
    (
        "Weekly Monday 5.30pm - 6.30pm (until 12th July)",
        [("WEEKLY", 1, "MO", "17:30", "18:30")],
    ),
    (
        "Mondays 4.00pm - 5.00pm (7th June - 12th July)",
        [("WEEKLY", 1, "MO", "16:00", "17:00")],
    ),
    (
        "Tuesdays, Wednesdays and Thursdays 10am",
        [("WEEKLY", 1, "TU,WE,TH", "10:00", None)],
    ),
    (
        "Our service operates from Monday to Friday",
        [("WEEKLY", 1, WEEKDAYS, None, None)],
    ),
    ("Thursday Weekly 1.00pm - 2.30pm", [("WEEKLY", 1, "TH", "13:00", "14:30")]),
    ("16:30-18:00", [(None, None, None, "16:30", "18:00")]),
    ("Thursdays 18:00-20:00", [("WEEKLY", 1, "TH", "18:00", "20:00")]),
    ("Tuesday's 17:30-19:30", [("WEEKLY", 1, "TU", "17:30", "19:30")]),
    # In the pages' sources only.
    ("Every Friday 1:30-3:30", [("WEEKLY", 1, "FR", "13:30", "15:30")]),
    ("Thursdays every week 10.30am-1130am", [("WEEKLY", 1, "TH", "10:30", "11:30")]),
    ("Tuesday 1.00pm - 3.00pm (fortnightly)", [("WEEKLY", 2, "TU", "13:00", "15:00")]),
    ("Friday 130pm-330pm Every week", [("WEEKLY", 1, "FR", "13:30", "15:30")]),
    # Other groups' ways of writing times.
    ("Tuesdays 10am-12pm", [("WEEKLY", 1, "TU", "10:00", "12:00")]),
    ("Every Tuesday 10.00am - 12.00pm", [("WEEKLY", 1, "TU", "10:00", "12:00")]),
    ("Monday 17:45", [("WEEKLY", 1, "MO", "17:45", None)]),
    ("Mon & Thu 1-3pm", [("WEEKLY", 1, "MO,TH", "13:00", "15:00")]),
    (
        "Friday weekly (except every third Friday) 1.00pm-3.00pm",
        [("WEEKLY", 1, "FR", "13:00", "15:00")],
    ),
    ("First Wednesday of the month 2-4pm", [("MONTHLY", 1, "1WE", "14:00", "16:00")]),
    (
        "first and third Wednesday of the month 10.30-12",
        [("MONTHLY", 1, "1WE,3WE", "10:30", "12:00")],
    ),
    (
        "2nd & 4th Tuesday of the month 10am-12pm",
        [("MONTHLY", 1, "2TU,4TU", "10:00", "12:00")],
    ),
    ("Last Friday of each month 7pm-9pm", [("MONTHLY", 1, "-1FR", "19:00", "21:00")]),
    ("fortnightly on Wednesdays", [("WEEKLY", 2, "WE", None, None)]),
    ("Every other Tuesday 2-4pm", [("WEEKLY", 2, "TU", "14:00", "16:00")]),
    ("Alternate Mondays 10-12", [("WEEKLY", 2, "MO", "10:00", "12:00")]),
    ("every 2 weeks on Thursday 6-8pm", [("WEEKLY", 2, "TH", "18:00", "20:00")]),
    ("every three weeks on Thursday 6-8pm", [("WEEKLY", 3, "TH", "18:00", "20:00")]),
    ("Weekdays 9am to 5pm", [("WEEKLY", 1, WEEKDAYS, "09:00", "17:00")]),
    ("Mon-Fri 9-5", [("WEEKLY", 1, WEEKDAYS, "09:00", "17:00")]),
    ("Monday to Friday, 9.30am - 4.30pm", [("WEEKLY", 1, WEEKDAYS, "09:30", "16:30")]),
    ("Weekends 10am-4pm", [("WEEKLY", 1, "SA,SU", "10:00", "16:00")]),
    ("Open 7 days a week 8am-8pm", [("WEEKLY", 1, ALL_WEEK, "08:00", "20:00")]),
    (
        "Every day except Sunday 9am-5pm",
        [("WEEKLY", 1, "MO,TU,WE,TH,FR,SA", "09:00", "17:00")],
    ),
    ("Saturdays 10am till 12 noon", [("WEEKLY", 1, "SA", "10:00", "12:00")]),
    ("Sundays midday - 2pm", [("WEEKLY", 1, "SU", "12:00", "14:00")]),
    ("10 till 12", [(None, None, None, "10:00", "12:00")]),
    ("Mondays 12.30-1.30", [("WEEKLY", 1, "MO", "12:30", "13:30")]),
    ("Mon, Wed & Fri 9.30-11.30am", [("WEEKLY", 1, "MO,WE,FR", "09:30", "11:30")]),
    ("Mondays 10 a.m. - 12 p.m.", [("WEEKLY", 1, "MO", "10:00", "12:00")]),
    ("Tues 2pm\u20133pm", [("WEEKLY", 1, "TU", "14:00", "15:00")]),
    ("Thurs 7pm", [("WEEKLY", 1, "TH", "19:00", None)]),
    ("between 10am and 12pm on Mondays", [("WEEKLY", 1, "MO", "10:00", "12:00")]),
    ("Times: Wednesdays 10:00 - 12:00", [("WEEKLY", 1, "WE", "10:00", "12:00")]),
    (
        "Tuesday 10am-12pm and Thursday 1-3pm",
        [("WEEKLY", 1, "TU", "10:00", "12:00"), ("WEEKLY", 1, "TH", "13:00", "15:00")],
    ),
    (
        "10am-12pm Mondays, 2pm-4pm Thursdays",
        [("WEEKLY", 1, "MO", "10:00", "12:00"), ("WEEKLY", 1, "TH", "14:00", "16:00")],
    ),
    (
        "Thursdays 10.30am-11.30am and 1.00pm-2.00pm",
        [("WEEKLY", 1, "TH", "10:30", "11:30"), ("WEEKLY", 1, "TH", "13:00", "14:00")],
    ),
]

REFUSED = [
    # On the fixture's pages: "11.30pm" makes the morning session run into the
    # afternoon one, so the phrase is kept as words, not guessed at.
    "Thursdays 10.30am -11.30pm and 1.00pm-2.00pm",
    "To be confirmed",
    "",
    "   ",
    # In the pages' sources.
    "Various contact us to find out more.",
    # Could mean more than one thing.
    "Every second Tuesday",
    "Every third Friday 1-3pm",
    "Bi-weekly on Mondays",
    "Fridays 7-9",
    "Monthly on Tuesdays",
    "Fortnightly 2-4pm",
    "Monday 10",
    "Tuesdays 1900",
    # Not a schedule, or not one this can say.
    "TBC",
    "By appointment",
    "Please call for times",
    "Closed on Mondays",
    "Times vary",
    "Wednesday mornings",
    "Term time only",
    "25th December 10am-2pm",
    "Mondays 10am-12pm until 12th July",
    "16:30-18:00 for 7-11 year olds",
    # Impossible times.
    "Mondays 3pm-1pm",
    "Mondays 13pm-2pm",
    "Fridays 10.75am",
]


def brief(rules: list[dict]) -> list[tuple]:
    return [
        (
            r["freq"],
            r["interval"],
            r["byday"],
            r["opens_at"] and r["opens_at"][:5],
            r["closes_at"] and r["closes_at"][:5],
        )
        for r in rules
    ]


@pytest.mark.parametrize(("text", "expected"), READ, ids=[t for t, _ in READ])
def test_a_written_schedule_is_read_as_rules(text: str, expected: list[tuple]) -> None:
    rules = parse_schedule_text(text)
    assert brief(rules) == expected
    assert all(r["description"] == " ".join(text.split()) for r in rules)


@pytest.mark.parametrize("text", REFUSED)
def test_a_schedule_that_is_not_clear_is_refused_not_guessed(text: str) -> None:
    assert parse_schedule_text(text) == []


def test_a_rule_has_every_hsds_field_with_times_in_full() -> None:
    assert parse_schedule_text("Tuesdays 10am-12pm") == [
        {
            "freq": "WEEKLY",
            "interval": 1,
            "byday": "TU",
            "opens_at": "10:00:00",
            "closes_at": "12:00:00",
            "description": "Tuesdays 10am-12pm",
            "notes": None,
        }
    ]


@pytest.mark.parametrize(
    ("text", "notes"),
    [
        (
            "Friday weekly (except every third Friday) 1.00pm-3.00pm",
            "except every third Friday",
        ),
        ("Mondays 4.00pm - 5.00pm (7th June - 12th July)", "7th June - 12th July"),
        ("Mondays 10am-12pm, except bank holidays", "except bank holidays"),
        ("Mondays 10am-12pm term time only", "term time only"),
        ("Fridays except the 3rd Friday 1-3pm", "except the 3rd Friday"),
    ],
)
def test_exceptions_are_kept_as_notes_in_the_words_used(text: str, notes: str) -> None:
    (rule,) = parse_schedule_text(text)
    assert rule["notes"] == notes
    assert rule["description"] == text


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Mon & Thu 1-3pm", "Mondays and Thursdays, 1pm to 3pm"),
        (
            "First Wednesday of the month 2-4pm",
            "First Wednesday of the month, 2pm to 4pm",
        ),
        ("fortnightly on Wednesdays", "Every other Wednesday"),
        ("Sundays midday - 2pm", "Sundays, 12pm to 2pm"),
    ],
)
def test_read_rules_load_and_read_back_as_the_same_times(text: str, words: str) -> None:
    raw = {"id": "x", "name": "Group", "schedules": parse_schedule_text(text)}
    record = normalise_service(raw)
    assert isinstance(record, ServiceRecord)
    assert record.warnings == []
    assert schedule_summary(record.data["schedules"]) == words
