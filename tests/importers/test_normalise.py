"""Normalisation of real-world values: phones, URLs, emails, markup, times, ages."""

from __future__ import annotations

import pytest

from importers.normalise.package import normalise_service
from importers.normalise.phone import normalise_phone
from importers.normalise.text import clean_html, normalise_email, normalise_url
from importers.records import Problem, ServiceRecord


@pytest.mark.parametrize(
    ("given", "e164", "display"),
    [
        ("01632 960123", "+441632960123", "01632 960123"),
        ("+44 (0)113 496 0000", "+441134960000", "0113 496 0000"),
        ("07700900123", "+447700900123", "07700 900123"),
        ("0808 157 0000", "+448081570000", "0808 157 0000"),
        ("+1 415 555 2671", "+14155552671", "+1 415-555-2671"),
    ],
)
def test_phone_numbers_get_both_forms(given: str, e164: str, display: str) -> None:
    parsed = normalise_phone(given)
    assert parsed is not None
    assert (parsed.e164, parsed.display) == (e164, display)


@pytest.mark.parametrize(
    "given", ["12345", "call us", "", "0113 496", "0115876100", "01632 96012"]
)
def test_things_that_are_not_phone_numbers_are_refused(given: str) -> None:
    assert normalise_phone(given) is None


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("https://www.example.org.uk/walks", "https://www.example.org.uk/walks"),
        ("www.example.org.uk", "https://www.example.org.uk"),
        ("example/counselling", None),
        ("javascript:alert(1)", None),
        ("not a url", None),
    ],
)
def test_urls(given: str, expected: str | None) -> None:
    assert normalise_url(given) == expected


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("Info@Example.ORG.uk", "Info@example.org.uk"),
        ("mailto:hello@example.org.uk", "hello@example.org.uk"),
        ("email-example_com", None),
        ("two@@example.org", None),
    ],
)
def test_emails(given: str, expected: str | None) -> None:
    assert normalise_email(given) == expected


def test_descriptions_lose_scripts_and_handlers_but_keep_links() -> None:
    cleaned = clean_html(
        '<p onclick="steal()">Walks <script>alert(1)</script>every week. '
        '<a href="https://example.org.uk/walks">Routes</a> '
        '<a href="javascript:alert(1)">click</a><img src=x onerror=alert(1)></p>'
    )
    assert cleaned is not None
    assert "script" not in cleaned and "onclick" not in cleaned
    assert "onerror" not in cleaned and "javascript" not in cleaned
    assert '<a href="https://example.org.uk/walks" rel="nofollow noopener">' in cleaned


def test_times_days_and_ages_are_cleaned_or_dropped_with_a_warning() -> None:
    record = normalise_service(
        {
            "id": "s1",
            "name": "  Chair   Yoga ",
            "minimum_age": "60",
            "maximum_age": "very old",
            "status": "Temporarily_Closed",
            "schedules": [
                {
                    "freq": "weekly",
                    "byday": "mo, th",
                    "opens_at": "9:30",
                    "closes_at": "25:00",
                },
                {"freq": "MONTHLY", "byday": "1WE", "opens_at": "14:00:00"},
            ],
        }
    )
    assert isinstance(record, ServiceRecord)
    data = record.data
    assert data["name"] == "Chair Yoga"
    assert (data["minimum_age"], data["maximum_age"]) == (60, None)
    assert data["status"] == "temporarily closed"
    first, second = data["schedules"]
    assert (first["freq"], first["byday"], first["opens_at"]) == (
        "WEEKLY",
        "MO,TH",
        "09:30:00",
    )
    assert first["closes_at"] is None
    assert second["byday"] == "1WE"
    assert {w.field for w in record.warnings} == {"maximum_age", "schedule.closes_at"}


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ({"name": "No id"}, "has no id"),
        ({"id": "a", "name": "   "}, "has no name"),
        (["not", "an", "object"], "is not an object but list"),
    ],
)
def test_items_that_cannot_be_loaded_are_problems(raw: object, reason: str) -> None:
    problem = normalise_service(raw)
    assert isinstance(problem, Problem)
    assert problem.reason == reason
