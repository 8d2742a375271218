"""UK phone numbers: E.164 for machines, the national form for people."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import phonenumbers


@dataclass(frozen=True)
class PhoneNumber:
    """A parsed number in its two forms."""

    e164: str
    display: str


@lru_cache(maxsize=65536)  # parsing is slow and the same numbers recur
def normalise_phone(value: str | None, region: str = "GB") -> PhoneNumber | None:
    """Parse a phone number written any usual way; None when it is not a number."""
    if not value or not value.strip():
        return None
    try:
        parsed = phonenumbers.parse(value, region)
    except phonenumbers.NumberParseException:
        return None
    if not _plausible(parsed):
        return None
    home = parsed.country_code == phonenumbers.country_code_for_region(region)
    fmt = (
        phonenumbers.PhoneNumberFormat.NATIONAL
        if home
        else phonenumbers.PhoneNumberFormat.INTERNATIONAL
    )
    return PhoneNumber(
        e164=phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164),
        display=phonenumbers.format_number(parsed, fmt),
    )


# Ofcom's ranges for drama and examples (01632 960xxx, 07700 900xxx...) look real but
# libphonenumber calls them invalid; fictional listings (the demo) use them.
DRAMA_PREFIXES = (
    "1134960",
    "1144960",
    "1154960",
    "1164960",
    "1174960",
    "1184960",
    "1214960",
    "1314960",
    "1414960",
    "1514960",
    "1614960",
    "1632960",
    "2079460",
    "2890180",
    "2920180",
    "3069990",
    "7700900",
    "8081570",
    "9098790",
)


def _plausible(parsed: phonenumbers.PhoneNumber) -> bool:
    if phonenumbers.is_valid_number(parsed):
        return True
    national = str(parsed.national_number)
    return (
        parsed.country_code == 44
        and len(national) == 10
        and national.startswith(DRAMA_PREFIXES)
    )
