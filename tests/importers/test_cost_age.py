"""Costs and ages as people write them, turned into what search and listings use."""

from __future__ import annotations

import pytest

from importers.normalise.age import parse_age_range
from importers.normalise.cost import is_free_text, parse_cost

Option = tuple[str | None, float | None, str | None]


def options(text: str) -> list[Option]:
    found = parse_cost(text)
    assert all(o["currency"] == "GBP" for o in found)
    return [(o["option"], o["amount"], o["amount_description"]) for o in found]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Free", [("Free", 0.0, None)]),
        ("free of charge", [("Free", 0.0, None)]),
        ("FREE!", [("Free", 0.0, None)]),
        ("No charge", [("Free", 0.0, None)]),
        ("It is free to attend", [("Free", 0.0, None)]),
        ("Free sessions", [("Free", 0.0, None)]),
        ("£0", [("Free", 0.0, None)]),
        ("0", [("Free", 0.0, None)]),
        ("£3 per session", [(None, 3.0, "per session")]),
        ("£3/session", [(None, 3.0, "per session")]),
        ("£4.50 pw", [(None, 4.5, "per week")]),
        ("£40 per term", [(None, 40.0, "per term")]),
        ("£2 weekly", [(None, 2.0, "per week")]),
        ("50p", [(None, 0.5, None)]),
        ("2.5", [(None, 2.5, None)]),
        ("3 pounds a class", [(None, 3.0, "per class")]),
        (
            "£2.50 (concessions £1.50)",
            [(None, 2.5, None), ("Concessions", 1.5, None)],
        ),
        (
            "£2.50/£1.50 concessions",
            [(None, 2.5, None), ("Concessions", 1.5, None)],
        ),
        (
            "£5 a week, first session free",
            [(None, 5.0, "per week"), ("First session", 0.0, None)],
        ),
        (
            "Adults £4, children £2",
            [("Adults", 4.0, None), ("Children", 2.0, None)],
        ),
        (
            "Adults £3 and children £1",
            [("Adults", 3.0, None), ("Children", 1.0, None)],
        ),
        (
            "Members £2, non-members £3",
            [("Members", 2.0, None), ("Non-members", 3.0, None)],
        ),
        (
            "Under 18s and Over 60s £35 per 1 hour session",
            [("Under 18s and Over 60s", 35.0, "per 1 hour session")],
        ),
        ("Free for carers", [("Carers", 0.0, None)]),
        ("Donations welcome", [("Donations welcome", None, None)]),
        ("small donation", [("Donations welcome", None, None)]),
        ("Pay as you feel", [("Donations welcome", None, None)]),
        ("£2 suggested donation", [("Suggested donation", 2.0, None)]),
        ("Free, donations welcome", [("Free", 0.0, "donations welcome")]),
        ("£3, free parking", [(None, 3.0, None)]),
        ("Ask for details", []),
        ("Costs vary", []),
        ("", []),
    ],
)
def test_costs_as_written_become_cost_options(
    text: str, expected: list[Option]
) -> None:
    assert options(text) == expected


@pytest.mark.parametrize(
    ("text", "free"),
    [
        ("Free", True),
        ("No cost", True),
        ("Free, donations welcome", True),
        ("£0.00", True),
        ("£3 per session", False),
        ("£5 a week, first session free", False),
        ("Donations welcome", False),
        ("Ask for details", False),
        ("free parking", False),
    ],
)
def test_only_text_that_says_nothing_to_pay_counts_as_free(
    text: str, free: bool
) -> None:
    assert is_free_text(text) is free


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Adults and older people.
        ("over 18s", (18, None)),
        ("Over 18\u2019s only", (18, None)),
        ("18+", (18, None)),
        ("18 years+", (18, None)),
        ("18 or over", (18, None)),
        ("16 plus", (16, None)),
        ("For ages 16 and up", (16, None)),
        ("Age 4+", (4, None)),
        ("adults", (18, None)),
        ("Adults only", (18, None)),
        ("Adults (18+)", (18, None)),
        ("older people", (60, None)),
        ("Older People", (60, None)),
        ("seniors", (60, None)),
        ("elderly residents", (60, None)),
        ("over 60s", (60, None)),
        ("Over-60s", (60, None)),
        ("Over 50s", (50, None)),
        ("55 and over", (55, None)),
        ("55 years and over", (55, None)),
        ("Men aged 40 and over", (40, None)),
        # Ranges.
        ("5-11 years", (5, 11)),
        ("ages 5 to 11", (5, 11)),
        ("Aged 5 \u2013 11", (5, 11)),
        ("between 5 and 11", (5, 11)),
        ("11 - 18yrs", (11, 18)),
        ("16-25 year olds", (16, 25)),
        ("0-19", (0, 19)),
        ("Children aged 8-13", (8, 13)),
        ("Young people aged 16-25", (16, 25)),
        ("18 months - 4 years", (1, 4)),
        ("babies 0-12 months", (0, 1)),
        # Upper limits.
        ("under 5s", (0, 4)),
        ("Under-5s and their parents", (0, 4)),
        ("up to 5 years", (0, 5)),
        ("5 and under", (0, 5)),
        # School years.
        ("Years 7-11", (11, 16)),
        ("Year 7 to Year 11", (11, 16)),
        ("Reception to Year 6", (4, 11)),
        # Groups named in words.
        ("young people", (11, 25)),
        ("young adults", (18, 25)),
        ("teenagers", (13, 19)),
        ("parents and toddlers", (1, 3)),
        ("Children and young people", (0, 25)),
        ("Adults and children over 5", (5, None)),
        # Everyone.
        ("all ages", (None, None)),
        ("All ages welcome", (None, None)),
        ("Suitable for everyone", (None, None)),
    ],
)
def test_ages_as_written_become_a_range(
    text: str, expected: tuple[int | None, int | None]
) -> None:
    assert parse_age_range(text) == expected


@pytest.mark.parametrize(
    "text", ["", "families", "not sure", "Dementia", "KS2", "999+", "11-5"]
)
def test_text_that_names_no_sensible_age_gives_none(text: str) -> None:
    assert parse_age_range(text) is None
