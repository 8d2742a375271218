"""One OpenActive opportunity as a raw HSDS 3.0 service package.

``raw_service(key, data, occurrences)`` maps an opportunity (a SessionSeries,
FacilityUse, Event, CourseInstance... in the OpenActive 1.0 ``type`` or the 2.x
``@type`` shape) and the dated sessions or slots folded into it to the raw shape that
``importers.normalise.package.normalise_service`` cleans. Activities resolve through
the bundled OpenActive Activity List (``data/taxonomy/openactive-activities.csv``).
"""

from __future__ import annotations

import re
from typing import Any

from importers.normalise.categories import directory_attribute, map_terms
from importers.normalise.text import clean_text
from importers.openactive_activities import activities, activity_attribute
from importers.openactive_schedules import schedules
from importers.openactive_values import as_list, kind_of, label_of, ref_of, tail

# Fields a linked Course or series lends to an opportunity that lacks them.
IDENTITY_KEYS = frozenset({"@context", "@id", "id", "identifier", "@type", "type"})
POSTCODE = re.compile(r"[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}", re.IGNORECASE)
COORDINATES = re.compile(r"-?\d+(\.\d+)?\s*,\s*-?\d+(\.\d+)?")
COUNTRIES = {"england", "scotland", "wales", "northern ireland", "uk", "united kingdom"}
GENDERS = {"femaleonly": "Female only", "maleonly": "Male only"}
GENDERS |= {"female": "Female only", "male": "Male only"}
STATUSES = {"EventCancelled": "inactive", "EventPostponed": "temporarily closed"}


def raw_service(
    key: str, data: dict[str, Any], occurrences: list[dict[str, Any]]
) -> dict[str, Any]:
    """The raw HSDS service for one opportunity and its dated occurrences."""
    data = _with_details(data)
    organizer = _organizer(data)
    age = _mapping(data.get("ageRange"))
    place = _place_of(data)
    return {
        "id": key,
        "name": data.get("name"),
        "description": data.get("description") or data.get("beta:formattedDescription"),
        "url": _url(data, place),
        "email": data.get("email") or (organizer or {}).get("email"),
        "status": STATUSES.get(tail(data.get("eventStatus")), "active"),
        "minimum_age": age.get("minValue"),
        "maximum_age": age.get("maxValue"),
        "eligibility_description": _eligibility(data),
        "organization": _organization(organizer),
        "service_at_locations": [{"location": _location(place, data)}] if place else [],
        "schedules": schedules(data, occurrences),
        "cost_options": _costs(data),
        "phones": _phones(organizer, place),
        "service_areas": _areas(data),
        "attributes": _attributes(data),
    }


def _with_details(data: dict[str, Any]) -> dict[str, Any]:
    """Fields a CourseInstance's Course or a series' own series lend it."""
    for key in ("instanceOfCourse", "superEvent"):
        linked = data.get(key)
        if isinstance(linked, dict):
            lent = {k: v for k, v in linked.items() if k not in IDENTITY_KEYS}
            data = {**lent, **data}
    return data


def _url(data: dict[str, Any], place: dict[str, Any] | None) -> Any:
    """Its own page, else where to book, join online, or the venue's page."""
    offers = [o for o in as_list(data.get("offers")) if isinstance(o, dict)]
    for candidate in (data, *offers, data.get("beta:virtualLocation"), place):
        if isinstance(candidate, dict) and clean_text(candidate.get("url")):
            return candidate["url"]
    return None


def _mapping(value: object) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _organizer(data: dict[str, Any]) -> dict[str, Any] | None:
    for key in ("organizer", "provider"):
        found = data.get(key)
        if isinstance(found, dict) and kind_of(found) in ("", "Organization"):
            return found
    return None  # a Person organiser is not an organisation to list


def _organization(org: dict[str, Any] | None) -> dict[str, Any] | None:
    if org is None:
        return None
    logo = org.get("logo")
    return {
        "id": ref_of(org) or clean_text(org.get("identifier")) or org.get("url"),
        "name": org.get("name") or org.get("legalName"),
        "description": org.get("description"),
        "website": org.get("url"),
        "email": org.get("email"),
        "logo": logo.get("url") if isinstance(logo, dict) else logo,
    }


def _place_of(data: dict[str, Any]) -> dict[str, Any] | None:
    place = data.get("location")
    if not isinstance(place, dict) or kind_of(place) == "VirtualLocation":
        return None
    venue = place.get("containedInPlace")  # a court or studio inside a centre
    return venue if isinstance(venue, dict) else place


def _location(place: dict[str, Any], data: dict[str, Any]) -> dict[str, Any]:
    geo = _mapping(place.get("geo"))
    lat, lon = geo.get("latitude"), geo.get("longitude")
    name = clean_text(place.get("name"))
    if name and COORDINATES.fullmatch(name):
        name = None  # some publishers name a place by its coordinates
    point = f"geo:{lat},{lon}" if lat is not None and lon is not None else None
    return {
        "id": ref_of(place) or clean_text(place.get("identifier")) or point,
        "name": name,
        "description": place.get("description"),
        "latitude": lat,
        "longitude": lon,
        "addresses": _addresses(place.get("address"), name),
        "accessibility": _accessibility(data),
    }


def _addresses(address: object, place_name: str | None) -> list[dict[str, Any]]:
    """The venue's address, when it has what a UK address needs to be stored."""
    if isinstance(address, dict):
        country = clean_text(address.get("addressCountry")) or ""
        parts = {
            "address_1": (clean_text(address.get("streetAddress")) or "").strip(" ,"),
            "city": clean_text(address.get("addressLocality")),
            "region": clean_text(address.get("addressRegion")),
            "postal_code": clean_text(address.get("postalCode")),
            "country": country if len(country) == 2 else None,
        }
    elif clean_text(address):
        parts = _address_from_text(str(clean_text(address)), place_name)
    else:
        return []
    parts["address_1"] = parts["address_1"] or place_name
    parts["city"] = parts["city"] or parts.get("region")
    parts["state_province"] = parts.get("region") or parts["city"]
    needed = ("address_1", "city", "postal_code")
    return [parts] if all(parts[key] for key in needed) else []


def _address_from_text(text: str, place_name: str | None) -> dict[str, Any]:
    """'Centre, 281, Prince Regent Lane, London, E13 8SD, England' in its parts."""
    parts = [part.strip() for part in text.split(",") if part.strip()]
    postcode = next((p for p in parts if POSTCODE.fullmatch(p)), None)
    skip = {postcode, place_name}
    rest = [p for p in parts if p not in skip and p.lower() not in COUNTRIES]
    city = rest.pop() if len(rest) > 1 else None
    street = re.sub(r"^(\d+[A-Za-z]?), ", r"\1 ", ", ".join(rest))
    return {"address_1": street, "city": city, "postal_code": postcode}


def _accessibility(data: dict[str, Any]) -> list[dict[str, Any]]:
    found = []
    for concept in as_list(data.get("accessibilitySupport")):
        label = label_of(concept)
        if label:
            found.append({"description": f"Support for {label[0].lower()}{label[1:]}"})
    info = clean_text(data.get("accessibilityInformation"))
    return found + ([{"description": info}] if info else [])


def _phones(
    organizer: dict[str, Any] | None, place: dict[str, Any] | None
) -> list[dict[str, Any]]:
    phones: dict[str, dict[str, Any]] = {}
    for source in (place, organizer):
        number = clean_text((source or {}).get("telephone"))
        if source and number and number not in phones:
            phones[number] = {"number": number, "description": source.get("name")}
    return list(phones.values())


def _areas(data: dict[str, Any]) -> list[dict[str, Any]]:
    """Where an online activity's provider is based, as its service area."""
    area = data.get("beta:affiliatedLocation")
    if not isinstance(area, dict) or not clean_text(area.get("name")):
        return []
    return [{"name": area["name"], "description": f"Based in {area['name']}"}]


def _age_text(value: object) -> str | None:
    if not isinstance(value, dict):
        return None
    low, high = value.get("minValue"), value.get("maxValue")
    if low is not None and high is not None:
        return f"aged {low} to {high}"
    if low is not None:
        return f"aged {low} and over"
    return f"aged up to {high}" if high is not None else None


def _eligibility(data: dict[str, Any]) -> str | None:
    parts = [
        GENDERS.get(tail(g).lower()) for g in as_list(data.get("genderRestriction"))
    ]
    age = _age_text(data.get("ageRestriction"))
    parts.append(f"Only for people {age}" if age else None)
    levels = [label_of(level) for level in as_list(data.get("level"))]
    if any(levels):
        parts.append("Level: " + ", ".join(lv for lv in levels if lv))
    found = list(dict.fromkeys(p for p in parts if p))
    return ". ".join(found) + "." if found else None


def _costs(data: dict[str, Any]) -> list[dict[str, Any]]:
    offers = as_list(data.get("offers") or data.get("offer"))
    costs = [_cost(offer) for offer in offers if isinstance(offer, dict)]
    if not costs and data.get("isAccessibleForFree") is True:
        costs = [{"option": "Free", "amount": 0}]
    return costs


def _cost(offer: dict[str, Any]) -> dict[str, Any]:
    try:
        amount: float | None = float(str(offer.get("price")).replace("£", ""))
    except ValueError:
        amount = None
    notes = [
        clean_text(offer.get("description")),
        _age_text(offer.get("ageRestriction")),
    ]
    notes.append(_age_text(offer.get("ageRange")))
    return {
        "id": ref_of(offer) or clean_text(offer.get("identifier")),
        "option": "Free" if amount == 0 else offer.get("name"),
        "amount": amount,
        "currency": offer.get("priceCurrency"),
        "amount_description": "; ".join(n for n in notes if n) or None,
    }


def _attendance(data: dict[str, Any]) -> list[str]:
    """How people take part: online, in person, or both."""
    mode = tail(data.get("eventAttendanceMode")).lower()
    location = data.get("location")
    virtual = (
        kind_of(data) == "OnDemandEvent"
        or isinstance(data.get("beta:virtualLocation"), dict)
        or (isinstance(location, dict) and kind_of(location) == "VirtualLocation")
    )
    online = mode.startswith(("online", "mixed")) or (virtual and "offline" not in mode)
    in_person = mode.startswith(("offline", "mixed")) or not online
    return [code for code, yes in (("in-person", in_person), ("online", online)) if yes]


def _attributes(data: dict[str, Any]) -> list[dict[str, Any]]:
    found = activities(data)
    categories = [
        "physical-activity",
        *map_terms("openactive", [a.label for a in found]),
    ]
    return [
        *(activity_attribute(activity) for activity in found),
        *(
            directory_attribute("directory-category", c)
            for c in dict.fromkeys(categories)
        ),
        *(directory_attribute("directory-attendance", m) for m in _attendance(data)),
    ]
