"""Free-text schedules ("Tuesdays 10am-12pm") read as HSDS schedule rules.

Conservative on purpose: a phrase is read only when every word in it is understood,
and [] is the answer otherwise, so the caller keeps the text as the schedule's
description and no time is ever made up. Qualifiers in brackets, after "except" or
about term time narrow a rule without redefining it: they are kept in ``notes``.
Ambiguous phrasings ("every second Tuesday", "7-9" with no am or pm, a session
that overlaps the next) are refused rather than guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_SHORT = ("mon", "tue tues", "wed weds", "thu thur thurs", "fri", "sat", "sun")
DAY_WORDS: dict[str, tuple[str, ...]] = {
    **{
        w: (c,)
        for c, n, s in zip(DAYS, _NAMES, _SHORT, strict=True)
        for w in (n, n + "s", *s.split())
    },
    **dict.fromkeys(("weekday", "weekdays"), DAYS[:5]),
    **dict.fromkeys(("weekend", "weekends"), DAYS[5:]),
    "daily": DAYS,
}
ORDINALS = {"first": "1", "second": "2", "third": "3", "fourth": "4", "last": "-1"}
ORDINALS |= {"1st": "1", "2nd": "2", "3rd": "3", "4th": "4", "fifth": "5", "5th": "5"}
RANGE_WORDS = {"to", "till", "til", "until", "through", "thru"}
FILLER = set(
    "our service services session sessions class classes group club operates operate "
    "runs run running open opens meets meet held is are we from on at every each the "
    "only starting starts start also times when between".split()
)
FREQ_WORDS = {"weekly": 1, "fortnightly": 2, "other": 2, "alternate": 2}
PHRASES = (
    (r"\b(?:7|seven) days a week\b|\b(?:every|each) day\b", " daily "),
    (
        r"\b(?:every|each) (?:other|alternate|2nd|second|two|2) weeks?\b",
        " fortnightly ",
    ),
    (r"\bevery fortnight\b", " fortnightly "),
    (r"\bevery (?:3|three) weeks\b", " every3weeks "),
    (r"\bevery (?:4|four) weeks\b", " every4weeks "),
    (
        r"\b(?:of|in) (?:the|every|each) month\b|\b(?:every|each|per|a) month\b",
        " monthly ",
    ),
    (r"\b(?:every|each|per|a) week\b", " weekly "),
)
NOTE_PHRASES = re.compile(
    r"\b(?:(?:only )?(?:during|in) )?(?:school )?term[- ]?time(?: only)?\b"
    r"|\b(?:(?:only )?(?:during|in) )?(?:the )?school holidays(?: only)?\b",
    re.IGNORECASE,
)
EXCEPT_RE = re.compile(
    r"[,;]?\s*\b(?:except|excluding|apart from|but not)\b"
    r"(?P<rest>(?:[^\d]|\d+(?:st|nd|rd|th)\b)*)",
    re.IGNORECASE,
)
BRACKETS_RE = re.compile(r"\(([^()]*)\)")
RECURRENCE_RE = re.compile(r"^(?:weekly|fortnightly|monthly|every (?:other )?week)$")
TOKEN_RE = re.compile(
    r"(?P<noon>(?:12(?:[.:]00)?\s*)?(?:noon|midday))"
    r"|(?P<ordinal>\d{1,2}(?:st|nd|rd|th)\b)"
    r"|(?P<time>(?:\d{3,4}|\d{1,2}(?:[.:]\d{2})?)(?!\d)(?:\s*[ap]\.?m\b\.?)?)"
    r"|(?P<word>[a-z]+\d*[a-z]*)"
    r"|(?P<dash>[-\u2013\u2014])"
    r"|(?P<sep>[,&/;+])"
    r"|(?P<skip>[\s.:!'])"
    r"|(?P<other>.)"
)
CLOCK_RE = re.compile(r"(\d{1,2}?)[.:]?(\d{2})?(?:([ap])m)?")


@dataclass(frozen=True)
class _Clock:
    """A time as written: hour, minute, am/pm if given, and whether it is 24-hour."""

    hour: int
    minute: int
    suffix: str | None
    is_24: bool
    bare: bool


@dataclass
class _Group:
    """Days and the times that go with them ("Mon & Thu 1-3pm")."""

    days: list[str] = field(default_factory=list)
    times: list[list[_Clock]] = field(default_factory=list)
    time_first: bool = False


class _Refused(Exception):
    """The phrase is not understood; nothing is to be made of it."""


def parse_schedule_text(text: str) -> list[dict[str, Any]]:
    """HSDS schedule rules read from a free-text schedule; [] when not understood."""
    description = " ".join((text or "").split())
    if not description:
        return []
    try:
        body, notes, excluded = _qualifiers(description)
        parse = _Parser()
        for kind, value in _tokens(body):
            parse.take(kind, value)
        return parse.rules(description, "; ".join(notes) or None, excluded)
    except _Refused:
        return []


def _qualifiers(text: str) -> tuple[str, list[str], set[str]]:
    """The phrase without its qualifiers, the qualifiers as notes, excepted days."""
    notes: list[str] = []

    def bracket(match: re.Match[str]) -> str:
        inner = " ".join(match[1].split())
        if RECURRENCE_RE.match(inner.lower()):
            return f" {inner} "
        notes.append(inner)
        return " "

    text = BRACKETS_RE.sub(bracket, text)
    excluded: set[str] = set()
    if found := EXCEPT_RE.search(text):
        excluded = _plain_days(found["rest"].lower())
        notes.extend([] if excluded else [found[0].strip(" ,;")])
        text = f"{text[: found.start()]} {text[found.end() :]}"
    notes.extend(m[0] for m in NOTE_PHRASES.finditer(text))
    text = re.sub(r"(\w)['\u2019]s\b", r"\1s", NOTE_PHRASES.sub(" ", text).lower())
    for pattern, replacement in PHRASES:
        text = re.sub(pattern, replacement, text)
    return text, notes, excluded


def _plain_days(rest: str) -> set[str]:
    """Days named in an except clause made only of day names ("except Sundays")."""
    words = re.findall(r"[a-z]+", rest)
    days = [DAY_WORDS[w] for w in words if w in DAY_WORDS]
    if not days or any(w not in DAY_WORDS and w not in {"and", "or"} for w in words):
        return set()
    return {day for group in days for day in group}


def _tokens(text: str) -> list[tuple[str, str]]:
    """The phrase as (kind, text) tokens; anything unknown refuses the phrase."""
    tokens = []
    for match in TOKEN_RE.finditer(text):
        kind, value = match.lastgroup or "other", match[0].strip()
        if kind == "word":
            kind = _word_kind(value)
        if kind == "other":
            raise _Refused(value)
        if kind != "skip":
            tokens.append((kind, value))
    return tokens


def _word_kind(word: str) -> str:
    if word in DAY_WORDS:
        return "day"
    if word in ORDINALS:
        return "ordinal"
    if word in RANGE_WORDS:
        return "dash"
    if word == "and":
        return "sep"
    if word in FREQ_WORDS or word == "monthly" or re.fullmatch(r"every\dweeks", word):
        return "freq"
    return "filler" if word in FILLER else "other"


def _clock(text: str) -> _Clock:
    """A written time ("10.30am", "1130am", "17:45", "noon") as a _Clock."""
    if text.endswith(("noon", "midday")):
        return _Clock(12, 0, "p", False, False)
    compact = text.replace(" ", "").replace(".m", "m").rstrip(".")
    match = CLOCK_RE.fullmatch(compact)
    digits = re.match(r"\d+", compact)[0]  # type: ignore[index]
    if not match or (len(digits) > 2 and not match[3]):
        raise _Refused(text)
    hour, minute, suffix = int(match[1]), int(match[2] or 0), match[3]
    if minute > 59 or hour > 23 or (suffix and not 1 <= hour <= 12):
        raise _Refused(text)
    is_24 = not suffix and (hour >= 13 or hour == 0 or digits.startswith("0"))
    return _Clock(hour, minute, suffix, is_24, not suffix and match[2] is None)


def _minutes(clock: _Clock, suffix: str | None) -> int:
    """Minutes past midnight, reading the clock with the given am/pm (or 24-hour)."""
    hour = clock.hour
    if suffix == "a":
        hour = 0 if hour == 12 else hour
    elif suffix == "p":
        hour = hour if hour == 12 else hour + 12
    return hour * 60 + clock.minute


def _guess_start(clock: _Clock) -> int:
    """An unmarked start: 8-11 morning, 12-6 afternoon; 7 could be either: refused."""
    if clock.is_24:
        return _minutes(clock, None)
    if 8 <= clock.hour <= 11:
        return _minutes(clock, "a")
    if clock.hour == 12 or 1 <= clock.hour <= 6:
        return _minutes(clock, "p")
    raise _Refused(f"{clock.hour} could be morning or evening")


def _range(start: _Clock, end: _Clock) -> tuple[int, int]:
    """Opening and closing minutes of a written range, am/pm filled in sensibly."""
    if start.suffix:
        begin = _minutes(start, start.suffix)
    elif end.suffix and not start.is_24:
        same, other = _minutes(start, end.suffix), _minutes(start, "a")
        begin = same if same < _minutes(end, end.suffix) else other
    else:
        begin = _guess_start(start)
    if end.suffix or end.is_24:
        finish = _minutes(end, end.suffix)
    else:
        later = [m for m in (_minutes(end, "a"), _minutes(end, "p")) if m > begin]
        finish = min(later, default=begin)
    if finish <= begin:
        raise _Refused("closes before it opens")
    return begin, finish


def _single(clock: _Clock) -> int:
    """An opening time given alone ("Monday 17:45", "10am")."""
    if clock.suffix:
        return _minutes(clock, clock.suffix)
    if clock.bare:
        raise _Refused("a bare number is not a time")
    return _guess_start(clock)


def _hhmm(minutes: int | None) -> str | None:
    return None if minutes is None else f"{minutes // 60:02d}:{minutes % 60:02d}:00"


class _Parser:
    """Reads tokens into groups of days and times, then writes the rules."""

    def __init__(self) -> None:
        self.groups = [_Group()]
        self.ordinals: list[str] = []
        self.last = self.previous_word = ""
        self.pending_range = self.between = self.ambiguous = False
        self.interval, self.monthly = 1, False

    def take(self, kind: str, value: str) -> None:
        """Read one token."""
        if kind == "sep" and self.between and value == "and" and self.last == "time":
            kind, self.between = "dash", False
        getattr(self, f"_{kind}")(value)
        self.previous_word = value
        if kind in {"day", "time", "noon", "ordinal", "dash", "sep"}:
            self.last = kind if kind != "noon" else "time"

    def _day(self, value: str) -> None:
        group = self.groups[-1]
        if group.days and group.times and not group.time_first:
            group = self._new_group()
        days = list(DAY_WORDS[value])
        if self.pending_range:
            if self.last != "dash" or len(days) != 1 or not group.days:
                raise _Refused("a day range needs two days")
            days = self._span(group.days[-1][-2:], days[0])
            self.pending_range = False
        if self.ordinals:
            days = [f"{o}{d}" for o in self.ordinals for d in days]
            self.ordinals = []
        group.days.extend(days)

    @staticmethod
    def _span(first: str, last: str) -> list[str]:
        start, end = DAYS.index(first), DAYS.index(last)
        return [DAYS[(start + n) % 7] for n in range(1, (end - start) % 7 + 1)]

    def _ordinal(self, value: str) -> None:
        if value not in ORDINALS:
            raise _Refused(f"{value} is a date, not a day of the month")
        if self.previous_word == "every" and value != "last":
            self.ambiguous = True
        self.ordinals.append(ORDINALS[value])

    def _time(self, value: str) -> None:
        clock, group = _clock(value), self.groups[-1]
        if self.pending_range:
            if self.last != "dash" or len(group.times[-1]) != 1:
                raise _Refused("a range needs a start and an end")
            group.times[-1].append(clock)
            self.pending_range = False
            return
        if group.days and group.times and group.time_first:
            group = self._new_group()
        group.time_first = group.time_first or not group.days
        group.times.append([clock])

    _noon = _time

    def _dash(self, _value: str) -> None:
        if self.last not in {"day", "time"} or self.pending_range:
            raise _Refused("a range with nothing before it")
        self.pending_range = True

    def _sep(self, _value: str) -> None:
        if self.pending_range:
            raise _Refused("a range with nothing after it")

    def _freq(self, value: str) -> None:
        if value == "monthly":
            self.monthly = True
        elif value.startswith("every"):
            self.interval = int(value[5])
        else:
            self.interval = max(self.interval, FREQ_WORDS[value])

    def _filler(self, value: str) -> None:
        self.between = self.between or value == "between"

    def _new_group(self) -> _Group:
        self.groups.append(_Group())
        return self.groups[-1]

    def rules(
        self, description: str, notes: str | None, excluded: set[str]
    ) -> list[dict[str, Any]]:
        """The HSDS rules read, one per group and time range."""
        if self.pending_range or self.ordinals:
            raise _Refused("the phrase ends half-way")
        groups = [g for g in self.groups if g.days or g.times]
        if any(g.days for g in groups) and not all(g.days for g in groups):
            raise _Refused("times with no day beside times with days")
        freq = self._freq_of(groups)
        rules = []
        for group in groups:
            byday = self._byday(group, freq, excluded)
            for opens, closes in self._times(group):
                rules.append(
                    {
                        "freq": freq,
                        "interval": self.interval if freq else None,
                        "byday": byday,
                        "opens_at": _hhmm(opens),
                        "closes_at": _hhmm(closes),
                        "description": description,
                        "notes": notes,
                    }
                )
        return rules

    def _freq_of(self, groups: list[_Group]) -> str | None:
        days = [day for group in groups for day in group.days]
        monthly = self.monthly or any(len(day) > 2 for day in days)
        if not days:
            if monthly or self.interval != 1:
                raise _Refused("a recurrence with no day")
            return None
        if monthly and (self.interval != 1 or any(len(d) == 2 for d in days)):
            raise _Refused("monthly, but not which week of the month")
        if self.ambiguous and not self.monthly:
            raise _Refused("'every second Tuesday' could be fortnightly or monthly")
        return "MONTHLY" if monthly else "WEEKLY"

    @staticmethod
    def _byday(group: _Group, freq: str | None, excluded: set[str]) -> str | None:
        days = [d for d in dict.fromkeys(group.days) if d not in excluded]
        if freq == "WEEKLY":
            days.sort(key=DAYS.index)
        if group.days and not days:
            raise _Refused("every day named is excepted")
        return ",".join(days) or None

    @staticmethod
    def _times(group: _Group) -> list[tuple[int | None, int | None]]:
        spans: list[tuple[int | None, int | None]] = [
            _range(*pair) if len(pair) == 2 else (_single(pair[0]), None)
            for pair in group.times
        ]
        ordered = sorted(spans, key=lambda span: span[0] or 0)
        for (before, end), (start, _) in pairwise(ordered):
            if (start or 0) < (end if end is not None else (before or 0) + 1):
                raise _Refused("sessions on one day overlap")
        return ordered or [(None, None)]
