"""A resident looks for a walking group near DN1 1AA, in a real Chromium.

Every page on the way is checked with axe-core's WCAG 2.0 to 2.2 A and AA rules; the
three pages are also checked at 320 pixels wide and against axe's best practices.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.browser.accessibility import BEST_PRACTICE, assert_accessible

RESULTS = "/search?q=walking&postcode=DN1+1AA"
FILTERED = re.compile(r"/search\?.*\bfree=yes")
SERVICE = re.compile(r"/services/[^/?#]+$")
SECTIONS = ["What it is", "When", "Where", "Cost", "How to join", "Contact"]


def result_count(page: Page) -> int:
    """The number the page says it found: '39 results for “walking” ...'."""
    text = page.locator("#result-count").inner_text()
    found = re.match(r"\s*(\d+) results?\b", text)
    assert found, f"no count in {text!r}"
    return int(found.group(1))


def distances(page: Page) -> list[float]:
    """The miles shown on the main list of results, top to bottom."""
    texts = page.locator(".results-main > ol.results .distance").all_inner_texts()
    return [float(text.removesuffix(" miles")) for text in texts]


def costs(page: Page) -> list[str]:
    """The cost shown on each result in the main list."""
    return page.locator(".results-main > ol.results .result-facts").evaluate_all(
        """lists => lists.map(dl => [...dl.querySelectorAll('dt')]
             .find(dt => dt.textContent.trim() === 'Cost')
             .nextElementSibling.textContent.trim())"""
    )


def first_result(page: Page) -> Locator:
    """The link to the first (nearest) result."""
    return page.locator(".results-main > ol.results .result-title a").first


def free_only(page: Page) -> Locator:
    """The 'Free only' checkbox among the filters."""
    return page.get_by_role("checkbox", name=re.compile(r"^Free only"))


def offered_count(page: Page, box: Locator) -> int:
    """The count a filter's label promises, as in 'Free only (23)'."""
    label = page.locator(f"label[for={box.get_attribute('id')}]").inner_text()
    found = re.search(r"\((\d+)\)$", label.strip())
    assert found, f"no count in the label {label!r}"
    return int(found.group(1))


def assert_nearest_first(page: Page) -> None:
    """Every result on the page shows its distance, nearest first."""
    miles = distances(page)
    assert len(miles) == page.locator(".results-main > ol.results > li").count()
    assert miles and miles == sorted(miles), miles


def assert_service_page(page: Page, name: str) -> None:
    """The service's name is the page's one h1, and every section is there."""
    page.wait_for_url(SERVICE)
    expect(page.get_by_role("heading", level=1)).to_have_text(name)
    expect(page).to_have_title(re.compile(re.escape(name)))
    sections = page.get_by_role("heading", level=2).all_inner_texts()
    assert [s for s in SECTIONS if s not in sections] == [], sections


def tab_to(page: Page, target: Locator, limit: int = 150) -> None:
    """Press Tab until the target has focus; fail if it never gets it."""
    for _ in range(limit):
        if target.evaluate("el => el === document.activeElement"):
            return
        page.keyboard.press("Tab")
    pytest.fail(f"{limit} presses of Tab never reached {target}")


def test_a_resident_finds_a_free_walking_group_near_them(page: Page) -> None:
    page.goto("/")
    assert_accessible(page)
    page.get_by_label("What are you looking for?").fill("walking")
    page.get_by_label("Postcode or town (optional)").fill("DN1 1AA")
    page.get_by_role("button", name="Search", exact=True).click()

    expect(page.locator("#result-count")).to_contain_text("nearest to DN1 1AA")
    everything = result_count(page)
    assert everything > 10
    assert_nearest_first(page)
    assert_accessible(page)

    free_only(page).check()
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url(FILTERED)

    expect(free_only(page)).to_be_checked()
    expect(page.get_by_label("What are you looking for?")).to_have_value("walking")
    expect(page.get_by_label("Postcode or town (optional)")).to_have_value("DN1 1AA")
    assert 0 < result_count(page) < everything
    assert all("free" in cost.lower() for cost in costs(page)), costs(page)
    assert_nearest_first(page)
    assert_accessible(page)

    name = first_result(page).inner_text()
    first_result(page).click()
    assert_service_page(page, name)
    assert_accessible(page)


def test_the_same_search_by_keyboard_alone(page: Page) -> None:
    # Tab, Shift+Tab, Enter and Space only (and typing); the pages are those the
    # journey above checks with axe-core, so they are not checked again here.
    page.goto("/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()  # hidden off screen until it has focus
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    words = page.get_by_label("What are you looking for?")
    expect(words).to_be_focused()
    page.keyboard.type("walking")
    page.keyboard.press("Tab")
    page.keyboard.type("DN1 1AA")
    page.keyboard.press("Shift+Tab")
    expect(words).to_be_focused()
    expect(words).to_have_value("walking")
    page.keyboard.press("Enter")

    expect(page.locator("#result-count")).to_contain_text("nearest to DN1 1AA")
    everything = result_count(page)
    assert_nearest_first(page)

    tab_to(page, free_only(page))
    page.keyboard.press("Space")
    expect(free_only(page)).to_be_checked()
    tab_to(page, page.get_by_role("button", name="Apply filters"))
    page.keyboard.press("Enter")
    page.wait_for_url(FILTERED)

    expect(free_only(page)).to_be_checked()
    assert 0 < result_count(page) < everything
    assert all("free" in cost.lower() for cost in costs(page)), costs(page)

    name = first_result(page).inner_text()
    tab_to(page, first_result(page))
    page.keyboard.press("Enter")
    assert_service_page(page, name)


def test_a_filter_finds_as_many_as_its_label_says(page: Page) -> None:
    page.goto(RESULTS)
    offered = offered_count(page, free_only(page))
    free_only(page).check()
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url(FILTERED)
    expect(free_only(page)).to_be_checked()
    assert result_count(page) == offered


def open_home(page: Page) -> None:
    """The home page."""
    page.goto("/")


def open_results(page: Page) -> None:
    """Results for 'walking' near DN1 1AA."""
    page.goto(RESULTS)


def open_service(page: Page) -> None:
    """The nearest result for 'walking' near DN1 1AA."""
    page.goto(RESULTS)
    first_result(page).click()
    expect(page.get_by_role("heading", name="How to join")).to_be_visible()


PAGES: dict[str, Callable[[Page], None]] = {
    "home": open_home,
    "results": open_results,
    "service": open_service,
}


@pytest.mark.parametrize("where", PAGES)
def test_pages_fit_a_320_pixel_phone(phone_page: Page, where: str) -> None:
    PAGES[where](phone_page)
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 320, f"{where} scrolls sideways on a phone: {width} px wide"
    assert_accessible(phone_page)


@pytest.mark.parametrize(
    "where",
    [
        "home",
        "results",
        "service",
    ],
)
def test_pages_follow_axe_best_practice(page: Page, where: str) -> None:
    PAGES[where](page)
    assert_accessible(page, tags=BEST_PRACTICE)
