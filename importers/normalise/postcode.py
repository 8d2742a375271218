"""Normalise UK postcodes and outward codes (postcode districts)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

# Outward code formats A9, A99, AA9, AA99, A9A, AA9A.  The first letter is never
# Q, V or X and the second never I, J or Z.  The trailing letter of A9A / AA9A is
# left open because retired districts (W1M, W1N, W1X ...) still occur in ONS data.
_OUTWARD = (
    r"(?:[A-PR-UWYZ][A-HK-Y]?[0-9][0-9]?"
    r"|[A-PR-UWYZ][A-HK-Y]?[0-9][A-Z])"
)
# Inward code 9AA: the letters C, I, K, M, O and V are never used.
_INWARD = r"[0-9][ABD-HJLNP-UW-Z]{2}"
_FULL_RE = re.compile(rf"(?:(?P<out>{_OUTWARD})(?P<in>{_INWARD})|(?P<gir>GIR0AA))")
_OUTCODE_RE = re.compile(_OUTWARD)
# Non-standard outward codes: Girobank's GIR 0AA and the retired Newport "NPT".
_SPECIAL_OUTCODES = frozenset({"GIR", "NPT"})
_WHITESPACE_RE = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class PostcodeQuery:
    """A search term recognised as a full postcode or a postcode district."""

    kind: Literal["full", "district"]
    value: str


def normalise_postcode(text: str) -> str | None:
    """Return ``text`` as a canonical "AA9A 9AA" postcode, or None if invalid."""
    compact = _WHITESPACE_RE.sub("", text).upper()
    match = _FULL_RE.fullmatch(compact)
    if match is None:
        return None
    if match["gir"]:
        return "GIR 0AA"
    return f"{match['out']} {match['in']}"


def normalise_outcode(text: str) -> str | None:
    """Return a bare outward code such as "dn1" uppercased, or None if invalid."""
    candidate = text.strip().upper()
    if candidate in _SPECIAL_OUTCODES or _OUTCODE_RE.fullmatch(candidate):
        return candidate
    return None


def outcode_of(postcode: str) -> str:
    """Return the outward code (district) of a canonical postcode."""
    return postcode.strip()[:-3].strip().upper()


def parse_postcode_query(text: str) -> PostcodeQuery | None:
    """Classify ``text`` as a full postcode, else a district, else None."""
    postcode = normalise_postcode(text)
    if postcode is not None:
        return PostcodeQuery(kind="full", value=postcode)
    outcode = normalise_outcode(text)
    if outcode is not None:
        return PostcodeQuery(kind="district", value=outcode)
    return None
