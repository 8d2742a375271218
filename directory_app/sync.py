"""The one path by which listings change: imports and people's edits alike.

``apply_packages`` stores service packages with field-level provenance, a new version
and a change-log row each. Precedence: a field last set by a person is never
overwritten by an import (the imported value becomes a suggested update), and a field
one source filled is not overwritten by another source (it only fills gaps).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import insert
from sqlmodel import Session, col, select

from directory_app.history import (
    EVERY_FIELD,
    Actor,
    Change,
    record_provenance,
    record_versions,
    update_reviews,
)
from directory_app.models import (
    ChangeLog,
    FieldProvenance,
    SuggestedUpdate,
    table_of,
    utcnow,
)
from directory_app.packages import canonical, load_packages, write_packages


def apply_package(session: Session, pkg: dict[str, Any], actor: Actor) -> str:
    """Store one rekeyed package; 'created', 'updated' or 'unchanged'."""
    return apply_packages(session, [pkg], actor)[0].outcome


def apply_packages(
    session: Session,
    pkgs: list[dict[str, Any]],
    actor: Actor,
    *,
    existing: set[str] | None = None,
) -> list[Change]:
    """Store rekeyed packages with provenance, versions and change-log rows.

    ``existing``, when the caller knows it, says which ids may already be stored,
    so a first import does not look for listings that cannot be there.
    """
    if not pkgs:
        return []
    ids = [pkg["id"] for pkg in pkgs]
    maybe = ids if existing is None else [i for i in ids if i in existing]
    olds = load_packages(session, maybe) if maybe else {}
    provenance = _provenance(session, maybe) if maybe else {}
    changes, to_write = [], []
    for pkg in pkgs:
        old = olds.get(pkg["id"])
        if old is None:
            fields = [f for f in pkg if f != "id" and pkg[f] not in (None, [], {})]
            changes.append(Change(pkg["id"], "created", fields, pkg))
            to_write.append(pkg)
            continue
        merged, fields = _merge(session, old, pkg, provenance.get(pkg["id"], {}), actor)
        if fields:
            changes.append(Change(pkg["id"], "updated", fields, merged))
            to_write.append(merged)
        else:
            changes.append(Change(pkg["id"], "unchanged", fields))
    if to_write:
        write_packages(session, to_write)
        done = [c for c in changes if c.outcome != "unchanged"]
        record_provenance(session, done, actor)
        record_versions(session, to_write, done, actor)
        update_reviews(session, to_write, actor)
        session.execute(
            insert(table_of(ChangeLog)),
            [
                {"service_id": c.service_id, "action": "upsert", "at": utcnow()}
                for c in done
            ],
        )
    return changes


def _provenance(
    session: Session, ids: list[str]
) -> dict[str, dict[str, FieldProvenance]]:
    found: dict[str, dict[str, FieldProvenance]] = {}
    rows = session.exec(
        select(FieldProvenance).where(col(FieldProvenance.service_id).in_(ids))
    )
    for row in rows:
        found.setdefault(row.service_id, {})[row.field] = row
    return found


def _merge(
    session: Session,
    old: dict[str, Any],
    new: dict[str, Any],
    provenance: dict[str, FieldProvenance],
    actor: Actor,
) -> tuple[dict[str, Any], list[str]]:
    merged, changed = dict(new), []
    for field in (key for key in new if key != "id"):
        if canonical(new[field]) == canonical(old.get(field)):
            continue
        held = provenance.get(field) or provenance.get(EVERY_FIELD)
        if actor.kind == "source" and held is not None and held.set_by_kind == "person":
            merged[field] = old.get(field)
            _suggest(session, old["id"], field, new[field], actor)
            continue
        if _held_by_another_source(held, actor, old.get(field)):
            merged[field] = old.get(field)  # the first source to fill a field keeps it
            continue
        changed.append(field)
    return merged, changed


def _held_by_another_source(
    held: FieldProvenance | None, actor: Actor, value: Any
) -> bool:
    return (
        actor.kind == "source"
        and held is not None
        and held.set_by_kind == "source"
        and held.set_by != actor.name
        and canonical(value) not in (None, [], {})
    )


def _suggest(session: Session, sid: str, field: str, value: Any, actor: Actor) -> None:
    assert actor.source_id is not None
    session.add(
        SuggestedUpdate(
            service_id=sid,
            field=field,
            value={"value": value},
            source_id=actor.source_id,
            run_id=actor.run_id,
        )
    )
