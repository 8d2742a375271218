"""Who a service is for, as people write it ("over 18s", "5-11 years"), in years.

``parse_age_range`` gives ``(minimum, maximum)``, either end None when open, or None
when the text names no age. Choices made here, since sources rarely say:

- "over 18s" and "over 60s" include 18 and 60 (that is what listings mean);
  "under 5s" is 0 to 4; "up to 5" and "5 and under" include 5;
- "adults" are 18 and over; "older people" (seniors, elderly, pensioners, OAPs)
  60 and over; "young people" (youth) 11 to 25, the range youth services in
  England work to; "young adults" 18 to 25; "teenagers" 13 to 19; "children"
  0 to 17; "babies" 0 to 1; "toddlers" 1 to 3;
- school years count as ages: Year 7 to Year 11 is 11 to 16, Reception 4 to 5;
- ages in months count in whole years: "18 months to 4 years" is 1 to 4;
- several groups together give the range that covers them all.
"""

from __future__ import annotations

import re

AgeRange = tuple[int | None, int | None]

ALL_AGES_RE = re.compile(
    r"\b(?:all ages|any age|every age|no age (?:limit|restriction)s?"
    r"|open to (?:all|everyone)|everyone|all welcome)\b"
)
MONTHS_RE = re.compile(r"\b(\d{1,3})\s*(?:months?|mths?)\b(?:\s*old)?")
SCHOOL_RE = re.compile(
    r"(?<![\d\s])\s*\b(?:school\s+)?(?:years?|yrs?|y)\s?(\d{1,2})\b"
    r"(?:\s*(?:-|to)\s*(?:years?|yrs?|y)?\s?(\d{1,2})\b)?"
)
N = r"(\d{1,3})"
YEARS = r"(?:\s*(?:years?|yrs?)(?:\s*old)?)?"
NUMERIC: list[tuple[re.Pattern[str], str]] = [
    (re.compile(rf"\bbetween\s*{N}{YEARS}\s*and\s*{N}"), "range"),
    (re.compile(rf"(?<![\d.]){N}{YEARS}\s*(?:-|to)\s*{N}(?![\d.])"), "range"),
    (
        re.compile(
            rf"(?<![\d.]){N}{YEARS}\s*(?:\+|plus\b|and (?:over|above|older|up)\b"
            r"|or (?:over|above|older)\b)"
        ),
        "from",
    ),
    (re.compile(rf"\b(?:over|above|older than)[\s-]*(?:the age of\s*)?{N}"), "from"),
    (
        re.compile(rf"\b(?:under|below|younger than)[\s-]*(?:the age of\s*)?{N}"),
        "below",
    ),
    (re.compile(rf"\bup to\s*(?:(?:the )?age(?:d)?(?: of)?\s*)?{N}"), "upto"),
    (
        re.compile(rf"(?<![\d.]){N}{YEARS}\s*(?:and|or) (?:under|below|younger)\b"),
        "upto",
    ),
    (re.compile(rf"\baged?\s*{N}(?![\d.])|(?<![\d.]){N}\s*(?:years?|yrs?) old"), "one"),
]
GROUPS: list[tuple[re.Pattern[str], AgeRange]] = [
    (re.compile(r"\byoung adults?\b"), (18, 25)),
    (
        re.compile(
            r"\b(?:older (?:people|persons?|adults?|residents)|seniors?|elderly"
            r"|pensioners?|oaps?|retired)\b"
        ),
        (60, None),
    ),
    (re.compile(r"\b(?:young (?:people|persons?)|youths?)\b"), (11, 25)),
    (re.compile(r"\b(?:teenagers?|teens)\b"), (13, 19)),
    (re.compile(r"\b(?:adults?|grown[ -]ups)\b"), (18, None)),
    (re.compile(r"\b(?:children|child|kids)\b"), (0, 17)),
    (re.compile(r"\b(?:babies|baby|infants?)\b"), (0, 1)),
    (re.compile(r"\btoddlers?\b"), (1, 3)),
    (re.compile(r"\breception\b"), (4, 5)),
]
OLDEST = 120


def parse_age_range(text: str) -> AgeRange | None:
    """(minimum, maximum) age in years for a phrase; None when it names no age."""
    phrase = _prepare(text)
    if not phrase:
        return None
    if ALL_AGES_RE.search(phrase):
        return (None, None)
    ranges = _school_years(phrase)
    phrase = SCHOOL_RE.sub(" ", phrase)
    ranges += _numeric(phrase) or _groups(phrase)
    return _cover(ranges)


def _prepare(text: str) -> str:
    phrase = " ".join((text or "").lower().split())
    phrase = re.sub(r"[\u2010-\u2015]", "-", phrase)
    return MONTHS_RE.sub(lambda m: f"{int(m[1]) // 12} years", phrase)


def _school_years(phrase: str) -> list[AgeRange]:
    found: list[AgeRange] = []
    for match in SCHOOL_RE.finditer(phrase):
        first = int(match[1])
        last = int(match[2]) if match[2] else first
        found.append((first + 4, last + 5))
    return found


def _numeric(phrase: str) -> list[AgeRange]:
    """Every age the phrase gives in figures; each match is blanked once taken."""
    found: list[AgeRange] = []
    for pattern, kind in NUMERIC:
        for match in pattern.finditer(phrase):
            numbers = [int(n) for n in match.groups() if n is not None]
            found.append(_range(kind, numbers))
        phrase = pattern.sub(" ", phrase)
    return found


def _range(kind: str, numbers: list[int]) -> AgeRange:
    first = numbers[0]
    if kind == "range":
        return (first, numbers[1])
    if kind == "from":
        return (first, None)
    if kind == "below":
        return (0, max(first - 1, 0))
    if kind == "upto":
        return (0, first)
    return (first, first)


def _groups(phrase: str) -> list[AgeRange]:
    found: list[AgeRange] = []
    for pattern, ages in GROUPS:
        if pattern.search(phrase):
            found.append(ages)
            phrase = pattern.sub(" ", phrase)
    return found


def _cover(ranges: list[AgeRange]) -> AgeRange | None:
    """The one range covering them all; None when there are none or one is absurd."""
    if not ranges:
        return None
    lows = [low for low, _ in ranges]
    highs = [high for _, high in ranges]
    low = min(x for x in lows if x is not None)
    high = None if None in highs else max(x for x in highs if x is not None)
    if low > OLDEST or (high is not None and (high > OLDEST or high < low)):
        return None
    return (low, high)
