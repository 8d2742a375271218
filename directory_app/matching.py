"""Finding the listing a new item is the same real service as.

Evidence: the same charity or company number, the same website, the same phone
number, the same postcode; each weighed with how alike the names are (rapidfuzz).
A strong match merges by itself; an uncertain one goes to staff with its evidence.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from rapidfuzz import fuzz
from sqlmodel import Session, col, select

from directory_app.models import (
    Address,
    Contact,
    Organization,
    OrganizationIdentifier,
    Phone,
    ReviewState,
    Service,
    ServiceAtLocation,
    SourceRecord,
)
from importers.normalise.phone import normalise_phone

AUTO_MERGE = 0.85
REVIEW = 0.6
# How much each kind of shared evidence adds; at most MAX_EVIDENCE in all.
WEIGHTS = {"identifier": 0.15, "website": 0.15, "phone": 0.15, "postcode": 0.1}
MAX_EVIDENCE = 0.25
# Hosts many organisations share: there the first path segment is the organisation.
SHARED_HOSTS = {
    "facebook.com",
    "sites.google.com",
    "example.org.uk",
    "example.org",
    "example.com",
    "wordpress.com",
    "wixsite.com",
    "linktr.ee",
    "eventbrite.co.uk",
}
GENERIC_NAMES = {"drop in", "drop-in", "advice", "support group", "coffee morning"}


@dataclass
class Fingerprint:
    """What one listing can be recognised by."""

    service_id: str
    name: str
    keys: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))


@dataclass(frozen=True)
class Match:
    """An existing listing that a new item may be, with how sure and why."""

    service_id: str
    score: float
    evidence: dict[str, Any]


def site_key(url: str | None) -> str | None:
    """A website reduced to what identifies its owner: the host, or host + path."""
    if not url:
        return None
    parts = urlsplit(url if "://" in url else f"https://{url}")
    host = (parts.hostname or "").lower().removeprefix("www.")
    if not host:
        return None
    if host in SHARED_HOSTS or any(host.endswith("." + h) for h in SHARED_HOSTS):
        first = parts.path.strip("/").split("/")[0].lower()
        return f"{host}/{first}" if first else None
    return host


def phone_key(number: str | None) -> str | None:
    """A phone number in E.164, so different spacings match."""
    parsed = normalise_phone(number)
    return parsed.e164 if parsed else None


def fingerprint(pkg: dict[str, Any]) -> Fingerprint:
    """The fingerprint of a service package."""
    found = Fingerprint(pkg["id"], pkg.get("name") or "")
    org = pkg.get("organization") or {}
    for ident in org.get("organization_identifiers", []):
        found.keys["identifier"].add(ident["identifier"].replace(" ", "").upper())
    for url in (pkg.get("url"), org.get("website")):
        _add(found, "website", site_key(url))
    numbers = [p["number"] for p in pkg.get("phones", [])]
    numbers += [p["number"] for c in pkg.get("contacts", []) for p in c["phones"]]
    for number in numbers:
        _add(found, "phone", phone_key(number))
    for sal in pkg.get("service_at_locations", []):
        for addr in sal["location"].get("addresses", []):
            _add(found, "postcode", addr.get("postal_code"))
    return found


def _add(found: Fingerprint, kind: str, value: str | None) -> None:
    if value:
        found.keys[kind].add(value)


def similarity(a: str, b: str) -> float:
    """How alike two names are, 0 to 1, ignoring order and case."""
    if a.strip().lower() in GENERIC_NAMES or b.strip().lower() in GENERIC_NAMES:
        return fuzz.ratio(a.lower(), b.lower()) / 100
    # token_set alone calls a name identical to any name containing its words
    # ("Health Walk" ~ "Health Walk for Carers"); token_sort tempers that.
    a, b = a.lower(), b.lower()
    return (fuzz.token_set_ratio(a, b) + fuzz.token_sort_ratio(a, b)) / 200


def score(new: Fingerprint, old: Fingerprint) -> Match:
    """How sure we are that ``new`` is ``old``, with the evidence."""
    shared = {
        kind: sorted(values & old.keys.get(kind, set()))
        for kind, values in new.keys.items()
        if values & old.keys.get(kind, set())
    }
    names = similarity(new.name, old.name)
    weight = min(MAX_EVIDENCE, sum(WEIGHTS[kind] for kind in shared))
    value = names * (0.75 + weight) if shared else 0.0
    evidence: dict[str, Any] = {"name_similarity": round(names, 2), **shared}
    return Match(old.service_id, round(value, 3), evidence)


class MatchIndex:
    """Listings by each kind of evidence, to find candidates without comparing all."""

    def __init__(self, fingerprints: Iterable[Fingerprint]) -> None:
        self.prints: dict[str, Fingerprint] = {}
        self.blocks: dict[tuple[str, str], set[str]] = defaultdict(set)
        for fp in fingerprints:
            self.add(fp)

    def add(self, fp: Fingerprint) -> None:
        """Make a listing findable."""
        self.prints[fp.service_id] = fp
        for kind, values in fp.keys.items():
            for value in values:
                self.blocks[(kind, value)].add(fp.service_id)

    def remove(self, service_id: str) -> None:
        """Stop offering a listing (it has been claimed in this run)."""
        fp = self.prints.pop(service_id, None)
        if fp is not None:
            for kind, values in fp.keys.items():
                for value in values:
                    self.blocks[(kind, value)].discard(service_id)

    def best(self, new: Fingerprint) -> Match | None:
        """The most likely existing listing for ``new``, if any is likely enough."""
        ids = set().union(
            *(
                self.blocks.get((k, v), set())
                for k, values in new.keys.items()
                for v in values
            )
        )
        matches = [score(new, self.prints[sid]) for sid in ids - {new.service_id}]
        good = [m for m in matches if m.score >= REVIEW]
        return max(good, key=lambda m: m.score, default=None)


def build_index(session: Session, source_id: str) -> MatchIndex:
    """Every listed service that ``source_id`` does not already provide."""
    own = select(SourceRecord.service_id).where(
        col(SourceRecord.source_id) == source_id
    )
    hidden = select(ReviewState.service_id).where(
        col(ReviewState.withdrawn_at).is_not(None)
    )
    prints: dict[str, Fingerprint] = {}
    rows = session.exec(
        select(Service.id, Service.name, Service.url, Organization.website)
        .join(Organization, isouter=True)
        .where(col(Service.id).not_in(own), col(Service.id).not_in(hidden))
    )
    for sid, name, url, website in rows:
        fp = prints[sid] = Fingerprint(sid, name)
        _add(fp, "website", site_key(url))
        _add(fp, "website", site_key(website))
    _add_keys(session, prints)
    return MatchIndex(prints.values())


def _add_keys(session: Session, prints: dict[str, Fingerprint]) -> None:
    idents = session.exec(
        select(Service.id, OrganizationIdentifier.identifier).join(
            OrganizationIdentifier,
            col(OrganizationIdentifier.organization_id) == col(Service.organization_id),
        )
    )
    for sid, ident in idents:
        if sid in prints:
            _add(prints[sid], "identifier", ident.replace(" ", "").upper())
    phones = session.exec(select(Phone.service_id, Phone.number))
    contact_phones = session.exec(
        select(Contact.service_id, Phone.number).join(
            Phone, col(Phone.contact_id) == col(Contact.id)
        )
    )
    for sid, number in [*phones, *contact_phones]:
        if sid in prints:
            _add(prints[sid], "phone", phone_key(number))
    postcodes = session.exec(
        select(ServiceAtLocation.service_id, Address.postal_code).join(
            Address, col(Address.location_id) == col(ServiceAtLocation.location_id)
        )
    )
    for sid, postcode in postcodes:
        if sid in prints:
            _add(prints[sid], "postcode", postcode)
