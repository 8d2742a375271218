"""What a page says about its services, in the raw HSDS shape.

From schema.org data (JSON-LD and microdata): events, event series, courses and
services become services; their organizer or provider becomes the organisation,
their Place (address, postcode, geo) the location, their offers the costs. A
recurring ``eventSchedule`` becomes a schedule rule; a one-off event keeps its dates
(dtstart, valid_to), so one wholly in the past can be seen to be over; a cancelled
event is inactive.

From a recipe's field values (``fields_to_raw``): free-text schedules are read by
``parse_schedule_text`` (kept as the description when not understood), a cost is
kept as written and also as an amount when it is just "Free" or one price, phone
numbers and emails are found in the text, and a location named like one of the
recipe's venues takes that venue's address.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import datetime
from typing import Any

from bs4 import BeautifulSoup, Tag
from phonenumbers import Leniency, PhoneNumberMatcher

from importers.normalise.schedule_text import DAYS, parse_schedule_text
from importers.webpage_recipe import Recipe, venue_key

SERVICE_TYPES = set(
    "Event EventSeries SocialEvent SportsEvent EducationEvent ChildrensEvent "
    "CourseInstance Course Service GovernmentService".split()
)
DAY_NAMES = dict(
    zip(
        "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split(),
        DAYS,
        strict=True,
    )
)
URL_TAGS = {
    "a": "href",
    "link": "href",
    "img": "src",
    "meta": "content",
    "time": "datetime",
}
UPDATED_META = ("article:modified_time", "og:updated_time", "article:published_time")
UNITS = {"D": "DAILY", "W": "WEEKLY", "M": "MONTHLY", "Y": "YEARLY"}
WORDS = {"daily": "P1D", "weekly": "P1W", "fortnightly": "P2W", "monthly": "P1M"}
EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
POSTCODE_RE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b", re.IGNORECASE)
FREE_RE = re.compile(r"(?:free|free of charge|no charge|£0(?:\.00)?)[.!]?", re.I)
PRICE_RE = re.compile(
    r"(?:£\s?(?P<pounds>\d+(?:\.\d{1,2})?)|(?P<pence>\d+)p)"
    r"(?:\s+(?P<per>(?:per|a|an|each)\s+[a-z]+|each))?[.!]?",
    re.IGNORECASE,
)


def schema_nodes(soup: BeautifulSoup) -> tuple[list[dict[str, Any]], list[str]]:
    """Every schema.org node in the page, and why any JSON-LD block was left out."""
    nodes: list[dict[str, Any]] = []
    problems = []
    for script in soup.find_all("script", type="application/ld+json"):
        try:
            nodes.extend(_flatten(json.loads(script.string or "")))
        except ValueError as exc:
            problems.append(f"has a JSON-LD block that is not valid JSON ({exc})")
    nodes.extend(
        _microdata(item) for item in soup.select("[itemscope]:not([itemprop])")
    )
    return nodes, problems


def types_of(node: dict[str, Any]) -> set[str]:
    """A node's types without their schema.org prefix."""
    return {
        str(t).rsplit("/", 1)[-1].rsplit(":", 1)[-1] for t in _list(node.get("@type"))
    }


def services_in(nodes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The nodes that describe a service, an event or a course."""
    return [node for node in nodes if types_of(node) & SERVICE_TYPES]


def page_updated(nodes: list[dict[str, Any]], soup: BeautifulSoup) -> str | None:
    """When the page says it last changed: dateModified, datePublished, or meta."""
    for key in ("dateModified", "datePublished"):
        for node in nodes:
            if _text(node.get(key)):
                return _text(node.get(key))
    metas = [soup.find("meta", property=name) for name in UPDATED_META]
    return next((str(m["content"]) for m in metas if m and m.get("content")), None)


def _flatten(data: Any) -> Iterator[dict[str, Any]]:
    if isinstance(data, list):
        for entry in data:
            yield from _flatten(entry)
    elif isinstance(data, dict):
        yield from _flatten(data.get("@graph"))
        if "@type" in data:
            yield data


def _microdata(item: Tag) -> dict[str, Any]:
    """A microdata item (itemscope) as a JSON-LD-like node."""
    node: dict[str, Any] = {"@type": str(item.get("itemtype") or "").split()}
    for prop in item.select("[itemprop]"):
        if prop.find_parent(attrs={"itemscope": True}) is not item:
            continue  # it belongs to an item nested inside this one
        value = _microdata(prop) if prop.has_attr("itemscope") else _value(prop)
        for name in str(prop["itemprop"]).split():
            node.setdefault(name, []).append(value)
    return {k: v[0] if k != "@type" and len(v) == 1 else v for k, v in node.items()}


def _value(prop: Tag) -> str:
    attribute = URL_TAGS.get(prop.name)
    if attribute and prop.has_attr(attribute):
        return str(prop[attribute])
    return " ".join(prop.get_text(" ", strip=True).split())


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [] if value is None else [value]


def _text(value: Any) -> str | None:
    """A plain value: the first of a list, a node's name, a number as text."""
    value = next(iter(_list(value)), None)
    if isinstance(value, dict):
        value = value.get("name")
    return None if value is None or isinstance(value, dict | list) else str(value)


def _get(node: Any, key: str) -> Any:
    return node.get(key) if isinstance(node, dict) else None


def node_to_raw(node: dict[str, Any]) -> dict[str, Any]:
    """One schema.org service, event or course in the raw HSDS shape (no id)."""
    organiser = node.get("organizer") or node.get("provider")
    cancelled = (_text(node.get("eventStatus")) or "").endswith("EventCancelled")
    phones = [_text(node.get("telephone")), _text(_get(organiser, "telephone"))]
    return {
        "name": _text(node.get("name")),
        "description": _text(node.get("description")),
        "url": _text(node.get("url")),
        "email": _text(node.get("email")) or _text(_get(organiser, "email")),
        "status": "inactive" if cancelled else None,
        "alert": "The organiser says this event is cancelled." if cancelled else None,
        "organization": _organisation(organiser),
        "phones": [{"number": number} for number in phones if number],
        "service_at_locations": [
            {"location": _place(place)} for place in _list(node.get("location"))
        ],
        "schedules": _schedules(node),
        "cost_options": _offers(node),
    }


def _organisation(node: Any) -> dict[str, Any] | None:
    name = _text(node)
    if not name:
        return None
    website, email = _text(_get(node, "url")), _text(_get(node, "email"))
    return {"name": name, "website": website, "email": email}


def _place(place: Any) -> dict[str, Any]:
    address, geo = _get(place, "address"), _get(place, "geo")
    if not isinstance(address, dict):
        address = {"streetAddress": address if isinstance(place, dict) else place}
    return {
        "name": _text(place),
        "latitude": _text(_get(geo, "latitude")),
        "longitude": _text(_get(geo, "longitude")),
        "addresses": [
            {
                "address_1": _text(address.get("streetAddress")),
                "city": _text(address.get("addressLocality")),
                "region": _text(address.get("addressRegion")),
                "postal_code": _text(address.get("postalCode")),
                "country": _text(address.get("addressCountry")),
            }
        ],
    }


def _offers(node: dict[str, Any]) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = [
        {
            "amount": _text(offer.get("price")),
            "currency": _text(offer.get("priceCurrency")) or "GBP",
            "option": _text(offer.get("name")) or _text(offer.get("description")),
        }
        for offer in _list(node.get("offers"))
        if isinstance(offer, dict) and _text(offer.get("price")) is not None
    ]
    if not found and str(node.get("isAccessibleForFree")).lower() == "true":
        found = [{"amount": 0, "currency": "GBP", "option": "Free"}]
    return found


def _schedules(node: dict[str, Any]) -> list[dict[str, Any]]:
    rules = []
    for entry in _list(node.get("eventSchedule") or node.get("courseSchedule")):
        if isinstance(entry, dict):
            rules.append(_rule(entry))
        elif text := _text(entry):
            rules.extend(parse_schedule_text(text) or [{"description": text}])
    if not rules and _text(node.get("startDate")):
        rules.append(_one_off(node))
    return rules


def _rule(entry: dict[str, Any]) -> dict[str, Any]:
    """A schema.org Schedule as an HSDS rule."""
    days = [
        DAY_NAMES.get((_text(d) or "").rsplit("/", 1)[-1])
        for d in _list(entry.get("byDay"))
    ]
    freq, interval = _frequency(_text(entry.get("repeatFrequency")), bool(days))
    weeks = _list(entry.get("byMonthWeek")) if freq == "MONTHLY" else [""]
    return {
        "freq": freq,
        "interval": interval,
        "byday": ",".join(f"{w}{d}" for w in weeks for d in days if d) or None,
        "opens_at": _text(entry.get("startTime")),
        "closes_at": _text(entry.get("endTime")),
        "valid_from": _text(entry.get("startDate")),
        "valid_to": _text(entry.get("endDate")),
        "description": _text(entry.get("description")),
    }


def _frequency(text: str | None, has_days: bool) -> tuple[str | None, int | None]:
    """repeatFrequency ("P1W", "P2W", "P1M", "weekly") as (freq, interval)."""
    code = WORDS.get((text or "").lower(), (text or "").upper())
    match = re.fullmatch(r"P(\d+)([DWMY])", code)
    if not match:
        return ("WEEKLY", 1) if has_days else (None, None)
    count, unit = int(match[1]), match[2]
    if unit == "D" and count % 7 == 0:
        return "WEEKLY", count // 7
    return UNITS[unit], count


def _one_off(node: dict[str, Any]) -> dict[str, Any]:
    """An event on one date (or a run of dates), with its times if given."""
    start, end = _moment(node.get("startDate")), _moment(node.get("endDate"))
    first, last = start and start.date().isoformat(), end or start
    return {
        "dtstart": first,
        "valid_from": first,
        "valid_to": last.date().isoformat() if last else None,
        "opens_at": _clock(start, node.get("startDate")),
        "closes_at": _clock(end, node.get("endDate")),
        "description": f"On {start.day} {start:%B %Y}" if start else None,
    }


def _moment(value: Any) -> datetime | None:
    try:
        return datetime.fromisoformat((_text(value) or "").replace("Z", "+00:00"))
    except ValueError:
        return None


def _clock(moment: datetime | None, written: Any) -> str | None:
    return moment.strftime("%H:%M") if moment and "T" in str(written) else None


def fields_to_raw(values: dict[str, list[str]], recipe: Recipe) -> dict[str, Any]:
    """One item's field values, with the recipe's defaults, in the raw HSDS shape."""

    def every(key: str) -> list[str]:
        return values.get(key) or (
            [recipe.defaults[key]] if key in recipe.defaults else []
        )

    def one(key: str) -> str | None:
        return next(iter(every(key)), None)

    phones = [
        found.raw_string
        for text in every("phone")
        for found in PhoneNumberMatcher(
            text.replace("tel:", " "), "GB", Leniency.POSSIBLE
        )
    ]
    return {
        "name": one("name"),
        "description": "\n\n".join(every("description")) or None,
        "url": one("url"),
        "email": next(iter(EMAIL_RE.findall(" ".join(every("email")))), None),
        "fees_description": one("cost"),
        "cost_options": cost_options(one("cost")),
        "eligibility_description": "; ".join(every("eligibility")) or None,
        "alert": " ".join(every("alert")) or None,
        "last_modified": one("updated"),
        "organization": {"name": one("organisation")} if one("organisation") else None,
        "phones": [{"number": number} for number in dict.fromkeys(phones)],
        "schedules": [
            rule
            for text in every("schedule")
            for rule in parse_schedule_text(text) or [{"description": text}]
        ],
        "service_at_locations": _locations(
            one("location"), one("address"), one("postcode"), recipe
        ),
    }


def cost_options(text: str | None) -> list[dict[str, Any]]:
    """A cost option when the text is just "Free" or one price ("£3 per session")."""
    text = " ".join((text or "").split())
    if FREE_RE.fullmatch(text):
        return [{"amount": 0, "currency": "GBP", "option": "Free"}]
    match = PRICE_RE.fullmatch(text)
    if not match:
        return []
    amount = float(match["pounds"]) if match["pounds"] else int(match["pence"]) / 100
    return [{"amount": amount, "currency": "GBP", "amount_description": match["per"]}]


def _locations(
    place: str | None, street: str | None, postcode: str | None, recipe: Recipe
) -> list[dict[str, Any]]:
    """The item's location: a venue the recipe knows by name, else the page's text."""
    venue = recipe.venue_for(place) if place else None
    name, details = venue or (place, {})
    found = POSTCODE_RE.search(" ".join(t for t in (street, place) if t))
    postcode = postcode or details.get("postcode") or (found[0] if found else None)
    street = street or details.get("address")
    if not (name or street or postcode):
        return []
    location = {
        "name": name,
        "description": place
        if venue_key(place or "") != venue_key(name or "")
        else None,
        "location_type": details.get("location_type", "physical"),
        "latitude": details.get("latitude"),
        "longitude": details.get("longitude"),
        "addresses": [
            {"address_1": street, "city": details.get("city"), "postal_code": postcode}
        ],
    }
    return [{"location": location}]
