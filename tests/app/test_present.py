"""Listings in plain English: schedules, costs and ages as residents read them."""

from __future__ import annotations

import pytest

from directory_app.present import age_summary, cost_summary, describe_schedule


@pytest.mark.parametrize(
    ("schedule", "words"),
    [
        (
            {
                "freq": "WEEKLY",
                "byday": "TU",
                "opens_at": "10:00:00",
                "closes_at": "12:00:00",
            },
            "Tuesdays, 10am to 12pm",
        ),
        (
            {
                "freq": "WEEKLY",
                "byday": "MO,TH",
                "opens_at": "13:30:00",
                "closes_at": "15:00:00",
            },
            "Mondays and Thursdays, 1:30pm to 3pm",
        ),
        (
            {"freq": "WEEKLY", "interval": 2, "byday": "WE", "opens_at": "18:00:00"},
            "Every other Wednesday, 6pm",
        ),
        (
            {
                "freq": "MONTHLY",
                "byday": "1WE",
                "opens_at": "14:00:00",
                "closes_at": "16:00:00",
            },
            "First Wednesday of the month, 2pm to 4pm",
        ),
        ({"freq": "MONTHLY", "byday": "-1FR"}, "Last Friday of the month"),
        ({"description": "Ring to book a home visit"}, "Ring to book a home visit"),
        (
            {"dtstart": "2026-12-05", "opens_at": "10:00:00", "closes_at": "11:00:00"},
            "Saturday 5 December 2026, 10am to 11am",
        ),
    ],
)
def test_schedules_in_words(schedule: dict, words: str) -> None:
    assert describe_schedule(schedule) == words


@pytest.mark.parametrize(
    ("options", "fees", "words"),
    [
        ([{"amount": 0, "option": "Free"}], None, "Free"),
        (
            [{"amount": 3, "amount_description": "per session"}],
            None,
            "£3.00 per session",
        ),
        (
            [
                {"amount": 2.5, "amount_description": "per session"},
                {
                    "amount": 1.5,
                    "amount_description": "per session",
                    "option": "Concessions",
                },
            ],
            None,
            "£2.50 per session; £1.50 per session (concessions)",
        ),
        (
            [
                {"amount": 5, "amount_description": "a week"},
                {"amount": 0, "option": "First session"},
            ],
            None,
            "£5.00 a week; First session free",
        ),
        ([{"option": "Donations welcome"}], None, "Donations welcome"),
        ([], "Ask at reception", "Ask at reception"),
        ([], None, "Ask about cost"),
    ],
)
def test_costs_in_words(options: list, fees: str | None, words: str) -> None:
    assert cost_summary({"cost_options": options, "fees_description": fees}) == words


@pytest.mark.parametrize(
    ("low", "high", "words"),
    [
        (None, None, "All ages"),
        (18, None, "Aged 18 and over"),
        (0, 5, "Aged up to 5"),
        (11, 18, "Aged 11 to 18"),
    ],
)
def test_ages_in_words(low: int | None, high: int | None, words: str) -> None:
    assert age_summary({"minimum_age": low, "maximum_age": high}) == words
