"""What importers produce: normalised service records, and problems with items."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

Severity = Literal["rejected", "warning"]


@dataclass(frozen=True)
class Problem:
    """Something wrong with one item: rejected (not loaded) or a warning (field)."""

    item_id: str | None
    reason: str
    field: str | None = None
    severity: Severity = "rejected"

    def __str__(self) -> str:
        where = f"item {self.item_id or '(no id)'}"
        if self.field:
            where += f", field {self.field}"
        return f"{where}: {self.reason}"


@dataclass
class ServiceRecord:
    """One service, in the HSDS 3.0 service-package shape, with the source's ids.

    ``data`` holds the service's own fields and its nested organization,
    service_at_locations (with location, addresses, accessibility), schedules,
    cost_options, contacts (with phones), phones, service_areas, languages, funding
    and attributes (with taxonomy_term).
    """

    external_id: str
    data: dict[str, Any]
    warnings: list[Problem] = field(default_factory=list)


@dataclass(frozen=True)
class Deleted:
    """The source says this item is gone (an incremental feed's deletion)."""

    external_id: str


ReadItem = ServiceRecord | Problem | Deleted


class SourceError(Exception):
    """The source as a whole could not be read; nothing from it may be applied."""

    def __init__(
        self, message: str, where: str | None = None, status: int | None = None
    ) -> None:
        self.where, self.status = where, status
        super().__init__(f"{where}: {message}" if where else message)
