"""UK phone numbers: E.164 for machines, the national form for people."""

from __future__ import annotations

from dataclasses import dataclass

import phonenumbers


@dataclass(frozen=True)
class PhoneNumber:
    """A parsed number in its two forms."""

    e164: str
    display: str


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


def _plausible(parsed: phonenumbers.PhoneNumber) -> bool:
    # Ofcom's drama ranges (01632 960xxx, 07700 900xxx) are real-shaped but not
    # "valid" to libphonenumber, so UK numbers are judged by length instead.
    if parsed.country_code == 44:
        return len(str(parsed.national_number)) in (9, 10)
    return phonenumbers.is_valid_number(parsed)
