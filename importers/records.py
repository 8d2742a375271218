"""What importers produce: normalised service records, and problems with items."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
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


# Bump when normalisation changes, so unchanged source items are cleaned again.
NORMALISER_VERSION = "1"
Cleaner = Callable[[dict[str, Any]], tuple[dict[str, Any], list[Problem]]]


class ServiceRecord:
    """One service, in the HSDS 3.0 service-package shape, with the source's ids.

    ``data`` holds the service's own fields and its nested organization,
    service_at_locations (with location, addresses, accessibility), schedules,
    cost_options, contacts (with phones), phones, service_areas, languages, funding
    and attributes (with taxonomy_term). Made from a raw item, it is cleaned only
    when first asked for, so an item whose raw ``digest`` is unchanged costs little.
    """

    def __init__(
        self,
        external_id: str,
        data: dict[str, Any] | None = None,
        warnings: list[Problem] | None = None,
        *,
        raw: dict[str, Any] | None = None,
        clean: Cleaner | None = None,
    ) -> None:
        self.external_id = external_id
        self._data, self._warnings = data, warnings or []
        self._raw, self._clean = raw, clean
        if data is None and (raw is None or clean is None):
            raise ValueError("a record needs its data, or a raw item and a cleaner")

    @property
    def data(self) -> dict[str, Any]:
        """The cleaned service package."""
        if self._data is None:
            assert self._raw is not None and self._clean is not None
            self._data, self._warnings = self._clean(self._raw)
        return self._data

    @property
    def warnings(self) -> list[Problem]:
        """Fields dropped or doubted while cleaning."""
        _ = self.data
        return self._warnings

    @property
    def digest(self) -> str:
        """A fingerprint of the item as the source gave it (and how we clean it)."""
        content = self._raw if self._raw is not None else self.data
        text = json.dumps(content, sort_keys=True, separators=(",", ":"), default=str)
        return hashlib.sha256(f"{NORMALISER_VERSION}:{text}".encode()).hexdigest()

    def __repr__(self) -> str:
        return f"ServiceRecord({self.external_id!r})"


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
