"""What people write about cost, as HSDS 3.0 cost options.

Each option has ``option`` (who or what the price is for), ``amount`` (pounds, a
float), ``amount_description`` (what the amount is per) and ``currency`` ("GBP").

Choices made here:

- a price with no condition has ``option`` None: "£3 per session";
- "Free", "no charge" and "£0" are one option "Free" at 0.0; a free clause with a
  condition keeps the condition: "first session free" is "First session" at 0.0;
- donations with no amount are "Donations welcome" with no amount; beside a free
  option they only describe it ("Free, donations welcome" is Free at 0.0);
- free extras ("free parking", "free tea") are not prices and are left out;
- anything else ("Ask for details") gives no options: the caller keeps the text.
"""

from __future__ import annotations

import re
from typing import Any

CostOption = dict[str, Any]

MONEY_RE = re.compile(
    r"(?:£|\bgbp)\s*(?P<pounds>\d+(?:\.\d{1,2})?)"
    r"|(?<![\w.£])(?P<pence>\d+)\s?(?:p|pence)\b"
    r"|(?<![\w.£])(?P<words>\d+(?:\.\d{1,2})?)\s*(?:pounds?|gbp)\b",
    re.IGNORECASE,
)
BARE_RE = re.compile(r"^\s*(\d+(?:\.\d{1,2})?)\s*(?=$|per\b|a\b|an\b|each\b|/)")
UNITS = (
    r"half[ -]day|half[ -]term|session|class|lesson|week|month|year|term|day|hour"
    r"|night|visit|meal|person|adult|child|family|course|game|swim|walk|event"
    r"|workshop|meeting|entry"
)
UNIT_RE = re.compile(
    rf"\b(?:per|a|an|each|every)\s+(?P<size>\d+[\s-]*(?:hour|hr|minute|min)s?\s+)?"
    rf"(?P<unit>{UNITS})(?:s|es)?\b"
    rf"|/\s*(?P<slash>{UNITS})\b"
    r"|\b(?P<adverb>weekly|monthly|daily|hourly|termly|annually|yearly|pw|ph)\b",
    re.IGNORECASE,
)
ADVERBS = {
    "weekly": "week",
    "monthly": "month",
    "daily": "day",
    "hourly": "hour",
    "termly": "term",
    "annually": "year",
    "yearly": "year",
    "pw": "week",
    "ph": "hour",
}
CLAUSE_SPLIT_RE = re.compile(r"[;,()\n]|/(?=\s*£)")
JOIN_SPLIT_RE = re.compile(r"\s+(?:and|or|&)\s+", re.IGNORECASE)
FREE_RE = re.compile(
    r"\b(?:free(?: of (?:charge|cost))?|no (?:charge|cost|fee)s?|costs? nothing"
    r"|nothing|nil)\b",
    re.IGNORECASE,
)
DONATION_RE = re.compile(
    r"\bdonat\w*|\bpay (?:what|as) you (?:can|feel)\b|\bcontributions?\b",
    re.IGNORECASE,
)
WORD_RE = re.compile(r"[\w'+/£.-]+")
EDGE_WORDS = frozenset(
    "for is are it it's its cost costs price prices charge fee fees only just at of "
    "and or with from to pay by otherwise the".split()
)
FREE_FILLER = EDGE_WORDS | frozenset(
    "all completely totally entirely always absolutely attend attendance entry "
    "admission everyone anyone open session sessions service activity activities "
    "event events class classes group welcome".split()
)
EXTRAS = frozenset(
    "parking refreshments refreshment tea coffee biscuits wifi drinks".split()
)


def parse_cost(text: str) -> list[CostOption]:
    """Cost options for what a source wrote about cost; [] when it says no price."""
    options: list[CostOption] = []
    donations = False
    for clause in _clauses(text or ""):
        if DONATION_RE.search(clause) and not MONEY_RE.search(clause):
            donations = True
        else:
            options.extend(_clause_options(clause))
    free = next((o for o in options if o["option"] == "Free"), None)
    if donations and free is not None:
        free["amount_description"] = free["amount_description"] or "donations welcome"
    elif donations:
        options.append(_option("Donations welcome", None, None))
    return options


def is_free_text(text: str) -> bool:
    """Whether the text says the service costs nothing."""
    options = parse_cost(text)
    return bool(options) and all(o["amount"] == 0.0 for o in options)


def _option(option: str | None, amount: float | None, per: str | None) -> CostOption:
    return {
        "option": option,
        "amount": amount,
        "amount_description": per,
        "currency": "GBP",
    }


def _clauses(text: str) -> list[str]:
    clauses = []
    for part in CLAUSE_SPLIT_RE.split(text):
        pieces = JOIN_SPLIT_RE.split(part)
        if len(pieces) > 1 and all(MONEY_RE.search(p) for p in pieces):
            clauses.extend(pieces)
        else:
            clauses.append(part)
    return [c.strip() for c in clauses if c.strip()]


def _clause_options(clause: str) -> list[CostOption]:
    amounts = _amounts(clause)
    if amounts:
        per = _per(clause)
        condition = _condition(clause)
        if DONATION_RE.search(clause):
            condition = "Suggested donation"
        if all(a == 0.0 for a in amounts) and condition is None:
            condition = "Free"
        return [_option(condition, amount, per) for amount in amounts]
    if FREE_RE.search(clause):
        return _free_option(clause)
    return []


def _amounts(clause: str) -> list[float]:
    found = []
    for match in MONEY_RE.finditer(clause):
        if match["pence"]:
            found.append(int(match["pence"]) / 100)
        else:
            found.append(float(match["pounds"] or match["words"]))
    bare = BARE_RE.match(clause)
    if not found and bare:
        found.append(float(bare[1]))
    return found


def _per(clause: str) -> str | None:
    phrases = []
    for match in UNIT_RE.finditer(clause):
        unit = match["unit"] or match["slash"] or ADVERBS[match["adverb"].lower()]
        size = (match["size"] or "").strip()
        phrases.append(" ".join(p for p in ("per", size, unit.lower()) if p))
    return " ".join(dict.fromkeys(phrases)) or None


def _condition(clause: str) -> str | None:
    """The words that are not the price or its unit: who or what the price is for."""
    rest = UNIT_RE.sub(" ", MONEY_RE.sub(" ", FREE_RE.sub(" ", clause)))
    words = WORD_RE.findall(BARE_RE.sub(" ", rest).replace(":", " "))
    while words and words[0].lower() in EDGE_WORDS:
        words.pop(0)
    while words and words[-1].lower() in EDGE_WORDS:
        words.pop()
    if not words or all(w.lower() in FREE_FILLER for w in words):
        return None
    text = " ".join(words).strip(" -.")
    return text[:1].upper() + text[1:] if text else None


def _free_option(clause: str) -> list[CostOption]:
    condition = _condition(clause)
    if condition and EXTRAS & {w.lower() for w in WORD_RE.findall(condition)}:
        return []
    return [_option(condition or "Free", 0.0, _per(clause))]
