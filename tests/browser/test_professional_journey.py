"""A GP signs in, shortlists two walking groups near DN1 1AA, writes a note for the
patient and prints a one-page handout, in a real Chromium.

Every page on the way is checked with axe-core's WCAG 2.0 to 2.2 A and AA rules;
the same journey is then made by keyboard alone, and the pages are checked again at
320 pixels wide (signed in once for the module) against those rules and axe's best
practices.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from tests.browser.accessibility import (
    BEST_PRACTICE,
    WCAG_AA,
    assert_accessible,
    assert_error_links_reach_their_fields,
)
from tests.browser.conftest import PASSWORD, PHONE
from tests.browser.test_resident_journey import result_count, tab_to

PRO_RESULTS = "/pro/search?q=walking&postcode=DN1+1AA"
NOTE = "Ring Sue on Monday to book your first walk."
FRESHNESS = re.compile(
    r"^(Overdue for review )?(Verified (today|\d+ (days?|weeks|months|years) ago)"
    r"|Not yet verified)$"
)
CAPACITY = re.compile(
    r"^(Accepting referrals|Waiting list(: about \d+ weeks?)?|Not accepting referrals)$"
)


def results(page: Page) -> Locator:
    """The main list of results, one item per service."""
    return page.locator(".results-main > ol.results > li")


def name_of(result: Locator) -> str:
    """The name of the service a result is about."""
    return result.locator(".result-title").inner_text()


def nav(page: Page) -> Locator:
    """The header's links and buttons for the signed-in person."""
    return page.get_by_role("navigation", name="Your account and list")


def sign_in(page: Page, email: str) -> None:
    """Sign in on the page that is open, with the account's password."""
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in", exact=True).click()
    page.wait_for_url("**/pro/search")


def save_note(page: Page) -> None:
    """On the shortlist, write the note for the patient and save it."""
    page.get_by_label("A note for the patient (optional)").fill(NOTE)
    page.get_by_role("button", name="Save note").click()
    expect(page.get_by_role("status")).to_have_text("Note saved.")


def assert_handout(page: Page, names: list[str]) -> None:
    """The handout lists these services and the note, and prints without the site's
    header, its navigation or the link back."""
    page.wait_for_url("**/pro/shortlist/handout")
    expect(page.get_by_role("heading", level=1)).to_have_text("Services you could try")
    expect(page.locator(".handout-note")).to_have_text(NOTE)
    expect(page.locator(".handout .result-title")).to_have_text(names)
    page.emulate_media(media="print")
    try:
        expect(page.locator(".site-header")).to_be_hidden()
        expect(nav(page)).to_be_hidden()
        expect(page.locator(".no-print")).to_be_hidden()
        expect(page.locator(".handout-note")).to_be_visible()
        expect(page.locator(".handout .result-title")).to_have_text(names)
    finally:
        page.emulate_media(media="screen")


def assert_pro_facts(page: Page) -> None:
    """Each result says how fresh it is and, where known, whether it takes
    referrals and how to refer."""
    facts = page.locator(".results-main > ol.results .pro-facts")
    assert facts.count() == results(page).count() > 1
    for text in facts.locator(".freshness").all_inner_texts():
        assert FRESHNESS.match(text.strip()), text
    capacities = facts.locator(".capacity").all_inner_texts()
    assert capacities, "no result says whether it is taking referrals"
    for text in capacities:
        assert CAPACITY.match(text.strip()), text
    expect(facts.locator(".refer").first).to_contain_text("How to refer:")


def test_a_gp_shortlists_two_walking_groups_and_prints_a_handout(
    page: Page, professional: str
) -> None:
    page.goto("/sign-in")
    assert_accessible(page)
    sign_in(page, professional)
    expect(nav(page).get_by_role("link")).to_have_text(
        ["Professional search", "Shortlist"]
    )
    expect(nav(page).get_by_role("button", name="Sign out")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("What are you looking for?").fill("walking")
    page.get_by_label("Postcode or town (optional)").fill("DN1 1AA")
    page.get_by_role("button", name="Search", exact=True).click()
    expect(page.locator("#result-count")).to_contain_text("nearest to DN1 1AA")
    assert result_count(page) > 2
    assert_pro_facts(page)
    assert_accessible(page)

    first, second = results(page).nth(0), results(page).nth(1)
    names = [name_of(first), name_of(second)]
    assert names[0] != names[1], names
    first.get_by_role("button", name=f"Add {names[0]} to shortlist").click()
    expect(first.locator(".pro-facts")).to_contain_text("On the shortlist")
    expect(page.locator("#result-count")).to_contain_text("nearest to DN1 1AA")

    second.locator(".result-title a").click()
    page.wait_for_url(re.compile(r"/pro/services/[^/?#]+$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(names[1])
    panel = page.get_by_role("region", name="For professionals")
    expect(panel).to_contain_text("Capacity")
    assert_accessible(page)
    panel.get_by_role("button", name="Add to shortlist").click()
    expect(panel).to_contain_text("On the shortlist.")

    nav(page).get_by_role("link", name="Shortlist").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Shortlist for your patient"
    )
    expect(page.locator("ol.results .result-title")).to_have_text(names)
    save_note(page)
    expect(page.get_by_label("A note for the patient (optional)")).to_have_value(NOTE)
    assert_accessible(page)

    page.get_by_role("link", name="Print a one-page handout").click()
    assert_handout(page, names)
    assert_accessible(page)

    nav(page).get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("status")).to_have_text("You have signed out.")
    expect(nav(page).get_by_role("link", name="Sign in")).to_be_visible()
    page.goto("/pro/shortlist/view")
    expect(page).to_have_url(re.compile(r"/sign-in\?next="))


def test_the_same_journey_by_keyboard_alone(page: Page, professional: str) -> None:
    # Tab, Enter and typing only; the pages are those the journey above checks
    # with axe-core, so they are not checked again here.
    page.goto("/sign-in")
    tab_to(page, page.get_by_label("Email address"))
    page.keyboard.type(professional)
    page.keyboard.press("Tab")
    expect(page.get_by_label("Password")).to_be_focused()
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")  # the form's first button: "Sign in"
    page.wait_for_url("**/pro/search")

    tab_to(page, page.get_by_label("What are you looking for?"))
    page.keyboard.type("walking")
    page.keyboard.press("Tab")
    page.keyboard.type("DN1 1AA")
    page.keyboard.press("Enter")
    expect(page.locator("#result-count")).to_contain_text("nearest to DN1 1AA")

    names = [name_of(results(page).nth(0)), name_of(results(page).nth(1))]
    for number, name in enumerate(names):
        tab_to(page, page.get_by_role("button", name=f"Add {name} to shortlist"))
        page.keyboard.press("Enter")
        expect(results(page).nth(number)).to_contain_text("On the shortlist")

    tab_to(page, nav(page).get_by_role("link", name="Shortlist"))
    page.keyboard.press("Enter")
    note = page.get_by_label("A note for the patient (optional)")
    tab_to(page, note)
    page.keyboard.type(NOTE)
    tab_to(page, page.get_by_role("button", name="Save note"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_have_text("Note saved.")

    tab_to(page, page.get_by_role("link", name="Print a one-page handout"))
    page.keyboard.press("Enter")
    assert_handout(page, names)


@pytest.fixture(scope="module")
def gp_on_a_phone(
    browser: Browser, live_server: str, professional: str
) -> Iterator[Page]:
    """A GP signed in once on a 320-pixel phone, with the two nearest walking groups
    on the shortlist and a note, shared by the checks below."""
    context = browser.new_context(viewport=PHONE, base_url=live_server)
    try:
        page = context.new_page()
        page.goto("/sign-in")
        sign_in(page, professional)
        page.goto(PRO_RESULTS)
        for number in range(2):
            add = re.compile(r"^Add .+ to shortlist$")
            results(page).nth(number).get_by_role("button", name=add).click()
            expect(results(page).nth(number)).to_contain_text("On the shortlist")
        page.goto("/pro/shortlist/view")
        save_note(page)
        yield page
    finally:
        context.close()


def test_sending_the_list_with_nothing_chosen(gp_on_a_phone: Page) -> None:
    page = gp_on_a_phone
    page.goto("/pro/shortlist/view")
    page.get_by_role("button", name="Send the list").click()
    expect(page).to_have_title(re.compile(r"^Error: Shortlist for your patient "))
    expect(page.get_by_role("alert")).to_contain_text("There is a problem")
    assert_accessible(page)
    assert assert_error_links_reach_their_fields(page) == [
        "Select email or text message"
    ]
    expect(page.locator("ol.results > li")).to_have_count(2)  # nothing was lost
    expect(page.get_by_label("A note for the patient (optional)")).to_have_value(NOTE)


def open_pro_search(page: Page) -> None:
    """The professional search for walking near DN1 1AA."""
    page.goto(PRO_RESULTS)


def open_pro_service(page: Page) -> None:
    """The nearest walking group's professional page."""
    page.goto(PRO_RESULTS)
    results(page).first.locator(".result-title a").click()
    expect(page.get_by_role("region", name="For professionals")).to_be_visible()


def open_shortlist(page: Page) -> None:
    """The shortlist, with its note and the ways to send it."""
    page.goto("/pro/shortlist/view")


def open_handout(page: Page) -> None:
    """The one-page handout."""
    page.goto("/pro/shortlist/handout")


PAGES: dict[str, Callable[[Page], None]] = {
    "search": open_pro_search,
    "service": open_pro_service,
    "shortlist": open_shortlist,
    "handout": open_handout,
}


@pytest.mark.parametrize(
    "where",
    ["search", "service", "shortlist", "handout"],
)
def test_professional_pages_fit_a_320_pixel_phone(
    gp_on_a_phone: Page, where: str
) -> None:
    page = gp_on_a_phone
    PAGES[where](page)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 320, f"the {where} page scrolls sideways on a phone: {width} px"
    assert_accessible(page, tags=WCAG_AA + BEST_PRACTICE)
