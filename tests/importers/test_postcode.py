"""Tests for UK postcode and outward-code normalisation."""

from __future__ import annotations

import dataclasses

import pytest

from importers.normalise.postcode import (
    PostcodeQuery,
    normalise_outcode,
    normalise_postcode,
    outcode_of,
    parse_postcode_query,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("SW1A 1AA", "SW1A 1AA"),  # AA9A 9AA
        ("ec1a1bb", "EC1A 1BB"),
        ("W1A 0AX", "W1A 0AX"),  # A9A 9AA
        ("M1 1AE", "M1 1AE"),  # A9 9AA
        ("B33 8TH", "B33 8TH"),  # A99 9AA
        ("CR2 6XH", "CR2 6XH"),  # AA9 9AA
        ("DN55 1PT", "DN55 1PT"),  # AA99 9AA
        ("GIR 0AA", "GIR 0AA"),
        ("gir0aa", "GIR 0AA"),
        ("dn11aa", "DN1 1AA"),
        (" DN1  1AA ", "DN1 1AA"),
        ("dn1 1aa", "DN1 1AA"),
        ("DN1\t1AA\n", "DN1 1AA"),
        ("M1  1AD", "M1 1AD"),  # ONS pcd8 padding
        ("AB101AA", "AB10 1AA"),  # ONS pcd7 / odileeds compact form
        ("SE1P 5ZZ", "SE1P 5ZZ"),
        ("JE2 4WD", "JE2 4WD"),
        ("W1M 1AA", "W1M 1AA"),  # retired Westminster district, still in ONS data
    ],
)
def test_normalise_postcode_valid(text: str, expected: str) -> None:
    assert normalise_postcode(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "DN1",
        "123 456",
        "",
        "   ",
        "Q1 1AA",  # Q never starts a postcode
        "V1 1AA",
        "X1 1AA",
        "AI1 1AA",  # I never second
        "DN1 1AAA",
        "DN1 1CA",  # C, I, K, M, O, V never in the inward code
        "DN1 1AV",
        "DN1 AAA",
        "DN123 1AA",
        "1DN 1AA",
        "DN1-1AA",
        "GIR 0AB",
        "SW1A 1AA extra",
    ],
)
def test_normalise_postcode_invalid(text: str) -> None:
    assert normalise_postcode(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("dn1", "DN1"),
        ("DN12", "DN12"),
        ("SW1A", "SW1A"),
        (" w1a ", "W1A"),
        ("M1", "M1"),
        ("B33", "B33"),
        ("ec1a", "EC1A"),
        ("gir", "GIR"),
        ("NPT", "NPT"),  # retired Newport district present in the NSPL
    ],
)
def test_normalise_outcode_valid(text: str, expected: str) -> None:
    assert normalise_outcode(text) == expected


@pytest.mark.parametrize(
    "text",
    ["", "DN1 1AA", "DN", "123", "Q1", "DN123", "D N1", "DN1 1", "SW1AA"],
)
def test_normalise_outcode_invalid(text: str) -> None:
    assert normalise_outcode(text) is None


@pytest.mark.parametrize(
    ("postcode", "outcode"),
    [
        ("DN1 1AA", "DN1"),
        ("SW1A 1AA", "SW1A"),
        ("M1 1AE", "M1"),
        ("DN55 1PT", "DN55"),
        ("GIR 0AA", "GIR"),
    ],
)
def test_outcode_of(postcode: str, outcode: str) -> None:
    assert outcode_of(postcode) == outcode
    assert normalise_outcode(outcode_of(postcode)) == outcode


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("dn11aa", PostcodeQuery(kind="full", value="DN1 1AA")),
        (" sw1a 1aa ", PostcodeQuery(kind="full", value="SW1A 1AA")),
        ("dn1", PostcodeQuery(kind="district", value="DN1")),
        ("SW1A", PostcodeQuery(kind="district", value="SW1A")),
        ("gir 0aa", PostcodeQuery(kind="full", value="GIR 0AA")),
        ("Doncaster", None),
        ("", None),
        ("DN1 1AAA", None),
    ],
)
def test_parse_postcode_query(text: str, expected: PostcodeQuery | None) -> None:
    assert parse_postcode_query(text) == expected


def test_postcode_query_is_frozen() -> None:
    query = PostcodeQuery(kind="full", value="DN1 1AA")
    with pytest.raises(dataclasses.FrozenInstanceError):
        query.value = "DN1 1AB"  # type: ignore[misc]
