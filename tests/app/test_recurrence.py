"""The next date a session runs, as a resident reads it on the service page."""

from __future__ import annotations

from datetime import date

from directory_app.recurrence import next_date

MONDAY = date(2026, 11, 23)


def test_weekly_on_a_day() -> None:
    rule = {"freq": "WEEKLY", "byday": "TH", "dtstart": "2026-01-01"}
    assert next_date(rule, MONDAY) == date(2026, 11, 26)


def test_every_other_friday_keeps_its_fortnight() -> None:
    rule = {"freq": "WEEKLY", "interval": 2, "byday": "FR", "dtstart": "2026-05-08"}
    found = next_date(rule, MONDAY)
    assert found is not None and found.weekday() == 4
    assert (found - date(2026, 5, 8)).days % 14 == 0


def test_first_tuesday_of_the_month() -> None:
    rule = {"freq": "MONTHLY", "byday": "1TU", "dtstart": "2026-06-02"}
    assert next_date(rule, MONDAY) == date(2026, 12, 1)


def test_ended_rules_and_one_offs() -> None:
    ended = {
        "freq": "WEEKLY",
        "byday": "MO",
        "dtstart": "2026-01-05",
        "until": "2026-03-01",
    }
    assert next_date(ended, MONDAY) is None
    assert next_date({"dtstart": "2026-12-05"}, MONDAY) == date(2026, 12, 5)
    assert next_date({"dtstart": "2026-01-05"}, MONDAY) is None


def test_nonsense_gives_no_date_rather_than_an_error() -> None:
    assert (
        next_date({"freq": "WEEKLY", "byday": "XX", "dtstart": "junk"}, MONDAY) is None
    )
    assert next_date({"freq": "FORTNIGHTLY", "dtstart": "2026-01-01"}, MONDAY) is None
    assert next_date({}, MONDAY) is None
