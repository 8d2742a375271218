"""axe-core in the page: fail a test with a readable list of what it found.

Journeys are held to WCAG 2.0, 2.1 and 2.2 at levels A and AA (what UK public sector
sites must meet); axe's best practices are checked page by page as well.
Forms are checked too: the links in an error summary must take the focus to the
field each is about.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

WCAG_AA = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa")
BEST_PRACTICE = ("best-practice",)

_axe = Axe()


def violations(page: Page, tags: Sequence[str] = WCAG_AA) -> list[dict[str, Any]]:
    """What axe-core's rules with these tags find wrong with the page as it is now."""
    options = {
        "runOnly": {"type": "tag", "values": list(tags)},
        "resultTypes": ["violations"],
    }
    return list(_axe.run(page, options=options).response["violations"])


def describe(found: list[dict[str, Any]]) -> str:
    """One line per rule broken (id, impact, help), then one per element."""
    lines = []
    for rule in found:
        lines.append(f"{rule['id']} ({rule['impact']}): {rule['help']}")
        lines.append(f"  {rule['helpUrl']}")
        for node in rule["nodes"]:
            target = " >> ".join(str(part) for part in node["target"])
            summary = " ".join(str(node.get("failureSummary", "")).split())
            lines.append(f"  - {target}: {summary}")
    return "\n".join(lines)


def assert_accessible(page: Page, tags: Sequence[str] = WCAG_AA) -> None:
    """Fail, listing each rule and the elements that break it, if axe finds any."""
    found = violations(page, tags)
    assert not found, f"axe-core found problems on {page.url}:\n{describe(found)}"


def assert_error_links_reach_their_fields(page: Page) -> list[str]:
    """Follow each link in a form's error summary: its target is on the page and
    takes the focus (as GOV.UK's pattern needs). Give the links' texts."""
    links = page.locator(".error-summary").get_by_role("link")
    texts = links.all_inner_texts()
    assert texts, f"no links in the error summary on {page.url}"
    for link in links.all():
        href = link.get_attribute("href") or ""
        assert href.startswith("#"), f"{href!r} is not a link within the page"
        field = page.locator(href)
        expect(field).to_have_count(1)
        link.click()
        expect(field).to_be_focused()
    return texts
