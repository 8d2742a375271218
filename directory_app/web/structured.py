"""What a service page says to machines and maps: schema.org JSON-LD, a map tile,
a directions link, and the next date each session runs."""

from __future__ import annotations

import math
from datetime import date
from typing import Any
from urllib.parse import quote

from directory_app.present import DAYS, is_free, terms_of
from directory_app.recurrence import next_date
from importers.normalise.text import html_to_text

TILE = 256
ZOOM = 16


def json_ld(pkg: dict[str, Any], url: str) -> dict[str, Any]:
    """The listing as a schema.org Service."""
    found: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Service",
        "name": pkg.get("name"),
        "url": url,
        "description": html_to_text(pkg.get("description") or "")[:1000],
        "serviceType": [t["name"] for t in terms_of(pkg, "directory-category")],
    }
    if pkg.get("organization"):
        found["provider"] = {
            "@type": "Organization",
            "name": pkg["organization"]["name"],
        }
    phones = [p["number"] for p in pkg.get("phones", []) if p.get("number")]
    if phones or pkg.get("url"):
        channel: dict[str, Any] = {"@type": "ServiceChannel"}
        if phones:
            channel["servicePhone"] = {"@type": "ContactPoint", "telephone": phones[0]}
        if pkg.get("url"):
            channel["serviceUrl"] = pkg["url"]
        found["availableChannel"] = channel
    places = [_place(sal["location"]) for sal in pkg.get("service_at_locations", [])]
    if places:
        found["location"] = places
    areas = [a.get("name") for a in pkg.get("service_areas", []) if a.get("name")]
    if areas:
        found["areaServed"] = areas
    hours = [_hours(s) for s in pkg.get("schedules", []) if s.get("byday")]
    if hours:
        found["hoursAvailable"] = hours
    if is_free(pkg):
        found["offers"] = {"@type": "Offer", "price": "0", "priceCurrency": "GBP"}
    return {k: v for k, v in found.items() if v not in (None, "", [])}


def _place(location: dict[str, Any]) -> dict[str, Any]:
    place: dict[str, Any] = {"@type": "Place", "name": location.get("name") or ""}
    addresses = location.get("addresses") or []
    if addresses:
        a = addresses[0]
        place["address"] = {
            "@type": "PostalAddress",
            "streetAddress": a.get("address_1") or "",
            "addressLocality": a.get("city") or "",
            "postalCode": a.get("postal_code") or "",
            "addressCountry": "GB",
        }
    if location.get("latitude") is not None and location.get("longitude") is not None:
        place["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": location["latitude"],
            "longitude": location["longitude"],
        }
    return place


def _hours(schedule: dict[str, Any]) -> dict[str, Any]:
    days = [DAYS[d[-2:]] for d in schedule["byday"].split(",") if d[-2:] in DAYS]
    found: dict[str, Any] = {"@type": "OpeningHoursSpecification", "dayOfWeek": days}
    if schedule.get("opens_at"):
        found["opens"] = str(schedule["opens_at"])[:5]
    if schedule.get("closes_at"):
        found["closes"] = str(schedule["closes_at"])[:5]
    return found


def map_tile(location: dict[str, Any], tiles: str | None) -> dict[str, Any] | None:
    """One map tile around a venue and where on it the venue is; None without
    a tile server configured or a place to show."""
    lat, lon = location.get("latitude"), location.get("longitude")
    if not tiles or lat is None or lon is None:
        return None
    scale = 2**ZOOM
    x = (lon + 180.0) / 360.0 * scale
    y = (1 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2 * scale
    url = tiles.replace("{s}", "a").replace("{z}", str(ZOOM))
    url = url.replace("{x}", str(int(x))).replace("{y}", str(int(y)))
    return {"url": url, "x": round((x % 1) * TILE), "y": round((y % 1) * TILE)}


def directions_url(location: dict[str, Any]) -> str | None:
    """A link to route-finding to the venue (OpenStreetMap)."""
    lat, lon = location.get("latitude"), location.get("longitude")
    if lat is None or lon is None:
        return None
    return "https://www.openstreetmap.org/directions?route=" + quote(f";{lat},{lon}")


def next_dates(schedules: list[dict[str, Any]], today: date) -> list[date | None]:
    """The next date each session runs."""
    return [next_date(s, today) for s in schedules]
