"""The shortlist as plain words, for an email or a text message to a patient."""

from __future__ import annotations

from typing import Any

from directory_app.present import address_line, cost_summary, describe_schedule


def handout_text(services: list[dict[str, Any]], note: str = "") -> str:
    """Each service in a few lines: what, when, where, cost, how to get in touch."""
    parts = ["Services you could try:"]
    if note:
        parts.append(note)
    for number, pkg in enumerate(services, 1):
        lines = [f"{number}. {pkg['name']}"]
        when = "; ".join(describe_schedule(s) for s in pkg.get("schedules", []))
        if when:
            lines.append(f"When: {when}")
        for sal in pkg.get("service_at_locations", [])[:1]:
            where = ", ".join(
                x
                for x in (sal["location"].get("name"), address_line(sal["location"]))
                if x
            )
            if where:
                lines.append(f"Where: {where}")
        lines.append(f"Cost: {cost_summary(pkg)}")
        phones = [p["number"] for p in pkg.get("phones", []) if p.get("number")]
        if phones:
            lines.append(f"Phone: {phones[0]}")
        elif pkg.get("email"):
            lines.append(f"Email: {pkg['email']}")
        if pkg.get("url"):
            lines.append(f"Website: {pkg['url']}")
        parts.append("\n".join(lines))
    parts.append("Please check with the group before you go.")
    return "\n\n".join(parts)
