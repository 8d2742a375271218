"""A group changes its session's times and staff publish them, in a real Chromium.

The browser twin of tests/app/test_provider_journey.py, with password sign-in: the
group edits its Tuesday session, sees it wait for review, staff approve it field by
field, the public page shows the new times, and the group says the listing is still
accurate. Every page is checked with axe-core's WCAG 2.0 to 2.2 A and AA rules; the
edit is made again by keyboard alone, a wrong end time is refused, and the group's
pages are checked at 320 pixels wide (signed in once) against axe's best practices.

Each test imports a listing of its own into the live store, named so that no search
the other journeys make can find it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from flask import Flask
from playwright.sync_api import Browser, Locator, Page, expect

from tests.app.providers import PASSWORD, STAFF, Group, add_person, make_group
from tests.browser.accessibility import (
    BEST_PRACTICE,
    WCAG_AA,
    assert_accessible,
    assert_error_links_reach_their_fields,
)
from tests.browser.conftest import DESKTOP, PHONE
from tests.browser.test_resident_journey import tab_to

OLD, NEW = "Tuesdays, 10am to 12pm", "Tuesdays, 1pm to 3pm"
WAITING = "Waiting for review."


def new_group(app: Flask, folder: Path, key: str, name: str) -> tuple[Group, str]:
    """A new listing (Tuesdays, 10am to 12pm), and its provider's email address."""
    group = make_group(
        app,
        folder,
        key=key,
        name=name,
        description="Knitting, crochet and a cup of tea at Bentley library.",
        category="arts-culture",
    )
    email = f"secretary@{key}.example"
    add_person(app, email, org_id=group.org_id)
    return group, email


def sign_in(page: Page, email: str, lands_on: str) -> None:
    """Sign in on the page that is open with the password, landing on ``lands_on``."""
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in", exact=True).click()
    page.wait_for_url(f"**{lands_on}")


def heading(page: Page) -> Locator:
    """The page's one h1."""
    return page.get_by_role("heading", level=1)


def flash(page: Page, text: str) -> Locator:
    """The status message that says ``text``."""
    return page.get_by_role("status").filter(has_text=text)


def assert_session_diff(page: Page, caption: str) -> None:
    """The table with this caption shows the session's old times beside the new."""
    table = page.get_by_role("table", name=caption)
    row = table.get_by_role("row").filter(
        has=page.get_by_role("rowheader", name="Sessions", exact=True)
    )
    expect(row.get_by_role("cell")).to_have_text([OLD, NEW])


def set_times(page: Page, starts: str, ends: str) -> None:
    """On the session form, enter the start and end times and save."""
    page.get_by_label("Starts at").fill(starts)
    page.get_by_label("Ends at").fill(ends)
    page.get_by_role("button", name="Save", exact=True).click()


@pytest.fixture(scope="module")
def staff(live_app: Flask) -> str:
    """The email address of a staff account on the live app (the test password)."""
    add_person(live_app, STAFF, role="staff")
    return STAFF


@pytest.fixture
def staff_page(browser: Browser, live_server: str) -> Iterator[Page]:
    """A second fresh tab, not signed in: the staff member's own computer."""
    context = browser.new_context(viewport=DESKTOP, base_url=live_server)
    try:
        yield context.new_page()
    finally:
        context.close()


def test_a_group_changes_a_session_and_staff_publish_it(
    page: Page, staff_page: Page, staff: str, live_app: Flask, tmp_path: Path
) -> None:
    name = "Bentley Knit and Natter"
    group, email = new_group(live_app, tmp_path, "knit-natter", name)
    public = f"/services/{group.sid}"

    page.goto("/sign-in")
    assert_accessible(page)
    sign_in(page, email, "/provider/")
    expect(heading(page)).to_have_text("Your listings")
    expect(page.get_by_role("row", name=re.compile(name))).to_contain_text("Nothing")
    assert_accessible(page)

    page.get_by_role("link", name=name, exact=True).click()
    expect(heading(page)).to_have_text(name)
    sessions = page.get_by_role("region", name="Sessions")
    expect(sessions).to_contain_text(OLD)
    assert_accessible(page)

    sessions.get_by_role("link", name=f"Change {OLD}").click()
    expect(heading(page)).to_have_text("A session")
    expect(page.get_by_label("Every week")).to_be_checked()
    expect(page.get_by_label("Starts at")).to_have_value("10:00")
    assert_accessible(page)
    set_times(page, "13:00", "15:00")

    page.wait_for_url(f"**/provider/services/{group.sid}")
    expect(flash(page, WAITING)).to_be_visible()
    expect(flash(page, "Staff will check your changes")).to_be_visible()
    assert_session_diff(page, "What will change")
    assert_accessible(page)
    page.get_by_role("link", name="Back to your listings").click()
    expect(page.get_by_role("row", name=re.compile(name))).to_contain_text(
        "Your changes are waiting for review."
    )

    staff_page.goto(public)  # not signed in yet: what anyone sees
    expect(staff_page.locator("main")).to_contain_text(OLD)
    staff_page.goto("/sign-in")
    sign_in(staff_page, staff, "/admin/")
    assert_accessible(staff_page)
    staff_page.get_by_role("link", name="Changes to review").click()
    expect(heading(staff_page)).to_have_text("Changes to review")
    assert_accessible(staff_page)

    staff_page.get_by_role("link", name=name, exact=True).click()
    expect(heading(staff_page)).to_have_text(f"Review: {name}")
    assert_session_diff(staff_page, "Field by field")
    assert_accessible(staff_page)
    staff_page.get_by_role("button", name="Approve and publish").click()
    expect(flash(staff_page, f"Published the changes to “{name}”.")).to_be_visible()
    expect(staff_page.get_by_role("link", name=name, exact=True)).to_have_count(0)

    staff_page.goto(public)
    expect(heading(staff_page)).to_have_text(name)
    expect(staff_page.locator("main")).to_contain_text(NEW)
    expect(staff_page.locator("main")).not_to_contain_text("10am to 12pm")
    assert_accessible(staff_page)

    page.reload()
    row = page.get_by_role("row", name=re.compile(name))
    expect(row).to_contain_text("Nothing")
    row.get_by_role("button", name="Still accurate").click()
    expect(heading(page)).to_have_text("Your listings")
    thanks = f"Thank you: “{name}” is marked as checked today."
    expect(flash(page, thanks)).to_be_visible()
    assert_accessible(page)


def test_the_same_edit_by_keyboard_alone(
    page: Page, live_app: Flask, tmp_path: Path
) -> None:
    # Tab, Enter and typing only (Control+A to replace a time); the pages are
    # those the journey above checks with axe-core, so they are not checked again.
    name = "Bentley Book Swap"
    group, email = new_group(live_app, tmp_path, "book-swap", name)
    page.goto("/sign-in")
    tab_to(page, page.get_by_label("Email address"))
    page.keyboard.type(email)
    page.keyboard.press("Tab")
    expect(page.get_by_label("Password")).to_be_focused()
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")  # the form's first button: "Sign in"
    page.wait_for_url("**/provider/")

    tab_to(page, page.get_by_role("link", name=name, exact=True))
    page.keyboard.press("Enter")
    expect(heading(page)).to_have_text(name)
    tab_to(page, page.get_by_role("link", name=f"Change {OLD}"))
    page.keyboard.press("Enter")
    expect(heading(page)).to_have_text("A session")

    for label, time in [("Starts at", "13:00"), ("Ends at", "15:00")]:
        tab_to(page, page.get_by_label(label))
        page.keyboard.press("Control+A")
        page.keyboard.type(time)
        expect(page.get_by_label(label)).to_have_value(time)
    tab_to(page, page.get_by_role("button", name="Save", exact=True))
    page.keyboard.press("Enter")

    page.wait_for_url(f"**/provider/services/{group.sid}")
    expect(flash(page, WAITING)).to_be_visible()
    assert_session_diff(page, "What will change")


PHONE_GROUP = "Bentley Craft Café"


@pytest.fixture(scope="module")
def group_on_a_phone(
    browser: Browser,
    live_server: str,
    live_app: Flask,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[Page, Group]]:
    """A provider signed in once on a 320-pixel phone, and their listing."""
    folder = tmp_path_factory.mktemp("phone-group")
    group, email = new_group(live_app, folder, "craft-cafe", PHONE_GROUP)
    context = browser.new_context(viewport=PHONE, base_url=live_server)
    try:
        page = context.new_page()
        page.goto("/sign-in")
        sign_in(page, email, "/provider/")
        yield page, group
    finally:
        context.close()


def assert_fits_a_phone(page: Page, where: str) -> None:
    """The page does not scroll sideways at 320 pixels."""
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 320, f"the {where} page scrolls sideways on a phone: {width} px"


def test_an_end_time_before_the_start_is_refused(
    group_on_a_phone: tuple[Page, Group],
) -> None:
    page, group = group_on_a_phone
    page.goto(f"/provider/services/{group.sid}/sessions/{group.schedule_id}")
    set_times(page, "15:00", "13:00")

    expect(page).to_have_title(re.compile(r"^Error: A session: "))
    expect(page.get_by_role("alert")).to_contain_text("There is a problem")
    message = "The end time must be after the start time"
    expect(page.locator("#closes_at-error")).to_have_text(f"Error: {message}")
    ends = page.get_by_label("Ends at")
    expect(ends).to_have_value("13:00")  # what was typed is kept, to correct
    expect(ends).to_have_accessible_description(re.compile(message))
    assert_accessible(page)
    assert assert_error_links_reach_their_fields(page) == [message]
    assert_fits_a_phone(page, "session form with an error")

    page.goto(f"/provider/services/{group.sid}")
    expect(page.get_by_role("region", name="Sessions")).to_contain_text(OLD)
    expect(flash(page, WAITING)).to_have_count(0)  # nothing was saved


def open_dashboard(page: Page, group: Group) -> None:
    """The group's listings."""
    page.goto("/provider/")
    expect(heading(page)).to_have_text("Your listings")


def open_listing(page: Page, group: Group) -> None:
    """The group's listing, each part with its Change link."""
    page.goto(f"/provider/services/{group.sid}")
    expect(heading(page)).to_have_text(PHONE_GROUP)


def open_session_form(page: Page, group: Group) -> None:
    """The form for changing the listing's session."""
    page.goto(f"/provider/services/{group.sid}/sessions/{group.schedule_id}")
    expect(page.get_by_label("Starts at")).to_have_value("10:00")


PAGES: dict[str, Callable[[Page, Group], None]] = {
    "dashboard": open_dashboard,
    "listing": open_listing,
    "session form": open_session_form,
}


@pytest.mark.parametrize("where", PAGES)
def test_provider_pages_fit_a_320_pixel_phone(
    group_on_a_phone: tuple[Page, Group], where: str
) -> None:
    page, group = group_on_a_phone
    PAGES[where](page, group)
    assert_fits_a_phone(page, where)
    assert_accessible(page, tags=WCAG_AA + BEST_PRACTICE)
