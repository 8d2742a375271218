"""A resident saves a service, prints and shares the list, and reports a problem.

In a real Chromium: the list lives in a cookie on this device, so sharing it is
tested by opening the link in a second browser context, as another phone would.
Every page on the way is checked with axe-core's WCAG 2.0 to 2.2 A and AA rules;
the list and report pages are also checked at 320 pixels wide against those rules
and axe's best practices.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

import pytest
from flask import Flask
from playwright.sync_api import Browser, Locator, Page, expect
from sqlmodel import Session, select

from directory_app.db import get_engine
from directory_app.models import ProblemReport
from tests.browser.accessibility import (
    BEST_PRACTICE,
    WCAG_AA,
    assert_accessible,
    assert_error_links_reach_their_fields,
)
from tests.browser.conftest import DESKTOP, PHONE
from tests.browser.test_resident_journey import (
    RESULTS,
    SERVICE,
    assert_service_page,
    first_result,
)

SHARED = re.compile(r"/saved/shared\?ids=[0-9a-f-]{36}$")


def saved_list_link(page: Page) -> Locator:
    """The header's link to the list saved on this device."""
    nav = page.get_by_role("navigation", name="Your account and list")
    return nav.get_by_role("link", name=re.compile(r"^Saved list"))


def listed_names(page: Page) -> list[str]:
    """The services a saved, printed or shared list shows, top to bottom."""
    return page.locator("ol.results .result-title").all_inner_texts()


def open_a_service(page: Page) -> str:
    """Search for walking near DN1 1AA from the home page, open the nearest result
    and give its name."""
    page.goto("/")
    page.get_by_label("What are you looking for?").fill("walking")
    page.get_by_label("Postcode or town (optional)").fill("DN1 1AA")
    page.get_by_role("button", name="Search", exact=True).click()
    name = first_result(page).inner_text()
    first_result(page).click()
    assert_service_page(page, name)
    return name


def assert_hidden_in_print(page: Page, name: str) -> None:
    """On paper: the list, without the site's header, footer, links back or forms."""
    page.emulate_media(media="print")
    try:
        expect(page.locator(".site-header")).to_be_hidden()
        expect(page.locator(".site-footer")).to_be_hidden()
        expect(page.locator(".no-print")).to_have_count(2)
        for hidden in page.locator(".no-print, form").all():
            expect(hidden).to_be_hidden()
        expect(page.get_by_role("heading", name=name)).to_be_visible()
    finally:
        page.emulate_media(media="screen")


def test_a_resident_saves_a_service_then_prints_and_shares_the_list(
    page: Page, browser: Browser, live_server: str
) -> None:
    name = open_a_service(page)
    assert_accessible(page)
    expect(saved_list_link(page)).to_have_text("Saved list")

    page.get_by_role("button", name="Save to my list").click()
    expect(page.locator(".saved-note")).to_have_text("Saved to your list.")
    assert SERVICE.search(page.url), page.url  # back on the service's page
    expect(saved_list_link(page)).to_have_text("Saved list (1)")
    assert_accessible(page)

    saved_list_link(page).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your saved list")
    assert listed_names(page) == [name]
    expect(
        page.get_by_role("button", name=f"Remove {name} from the list")
    ).to_be_visible()
    share = page.get_by_label("Link to this list")
    expect(share).not_to_be_editable()
    link = share.input_value()
    assert SHARED.search(link), link
    assert_accessible(page)

    page.get_by_role("link", name="Print this list").click()
    page.wait_for_url("**/saved/print")
    expect(page.get_by_role("heading", level=1)).to_have_text("Services I have saved")
    assert listed_names(page) == [name]
    assert_accessible(page)
    assert_hidden_in_print(page, name)

    other_device = browser.new_context(viewport=DESKTOP, base_url=live_server)
    try:
        other = other_device.new_page()
        other.goto(link)
        expect(other.get_by_role("heading", level=1)).to_have_text(
            "A list of services shared with you"
        )
        assert listed_names(other) == [name]
        expect(saved_list_link(other)).to_have_text("Saved list")  # nothing saved yet
        assert_accessible(other)

        other.get_by_role("button", name="Save these to my list").click()
        expect(other.get_by_role("heading", level=1)).to_have_text("Your saved list")
        assert listed_names(other) == [name]
        expect(saved_list_link(other)).to_have_text("Saved list (1)")
    finally:
        other_device.close()


def test_a_resident_removes_a_service_from_their_list(page: Page) -> None:
    name = open_a_service(page)
    page.get_by_role("button", name="Save to my list").click()
    saved_list_link(page).click()
    page.get_by_role("button", name=f"Remove {name} from the list").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your saved list")
    expect(page.get_by_text("You have not saved any services yet.")).to_be_visible()
    assert listed_names(page) == []
    expect(saved_list_link(page)).to_have_text("Saved list")
    assert_accessible(page)


def open_the_report_form(page: Page) -> None:
    """From a service's page, the form to report a problem with it."""
    page.get_by_role("link", name="Report a problem with this listing").click()
    expect(page.get_by_role("button", name="Send report")).to_be_visible()


def test_a_resident_reports_a_problem_with_a_listing(
    page: Page, live_app: Flask
) -> None:
    page.goto(RESULTS)
    name = first_result(page).inner_text()
    first_result(page).click()
    open_the_report_form(page)
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Report a problem with this listing"
    )
    expect(page.locator(".lead")).to_have_text(name)
    expect(page.locator(".error-summary")).to_have_count(0)
    assert_accessible(page)

    page.get_by_role("button", name="Send report").click()
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("There is a problem")
    expect(page).to_have_title(re.compile(r"^Error: "))
    assert_accessible(page)
    assert assert_error_links_reach_their_fields(page) == [
        "Select what is wrong with the listing",
        "Enter what is wrong, so staff can put it right",
    ]
    # Each field says what is wrong with it too, read out with its label.
    expect(
        page.get_by_role("group", name="What is wrong?")
    ).to_have_accessible_description(
        re.compile("Select what is wrong with the listing")
    )
    expect(page.get_by_label("Tell us more")).to_have_accessible_description(
        re.compile("Enter what is wrong, so staff can put it right")
    )

    page.get_by_role("radio", name="The day or time is wrong").check()
    page.get_by_label("Tell us more").fill("It meets on Thursdays now, not Tuesdays.")
    page.get_by_role("button", name="Send report").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Report sent")
    expect(page.get_by_role("status")).to_contain_text(name)
    assert_accessible(page)

    with Session(get_engine(live_app)) as session:
        reports = session.exec(
            select(ProblemReport).where(ProblemReport.kind == "when")
        ).all()
    assert [r.details for r in reports] == ["It meets on Thursdays now, not Tuesdays."]


@pytest.fixture(scope="module")
def phone_with_a_saved_service(browser: Browser, live_server: str) -> Iterator[Page]:
    """A 320-pixel phone that has saved the nearest walking group, shared by the
    checks below."""
    context = browser.new_context(viewport=PHONE, base_url=live_server)
    try:
        page = context.new_page()
        page.goto(RESULTS)
        first_result(page).click()
        page.get_by_role("button", name="Save to my list").click()
        expect(saved_list_link(page)).to_have_text("Saved list (1)")
        yield page
    finally:
        context.close()


def open_saved(page: Page) -> None:
    """The list saved on this device."""
    page.goto("/saved")


def open_print(page: Page) -> None:
    """The saved list, laid out to print."""
    page.goto("/saved/print")


def open_shared(page: Page) -> None:
    """The saved list as someone opening its share link sees it."""
    page.goto("/saved")
    page.goto(page.get_by_label("Link to this list").input_value())


def open_report(page: Page) -> None:
    """The form to report a problem with the saved service."""
    page.goto("/saved")
    page.locator("ol.results .result-title a").click()
    open_the_report_form(page)


def open_report_with_errors(page: Page) -> None:
    """That form, sent empty."""
    open_report(page)
    page.get_by_role("button", name="Send report").click()
    expect(page.get_by_role("alert")).to_be_visible()


PAGES: dict[str, Callable[[Page], None]] = {
    "saved list": open_saved,
    "print view": open_print,
    "shared list": open_shared,
    "report form": open_report,
    "report form with errors": open_report_with_errors,
}


@pytest.mark.parametrize("where", PAGES)
def test_list_and_report_pages_fit_a_320_pixel_phone(
    phone_with_a_saved_service: Page, where: str
) -> None:
    page = phone_with_a_saved_service
    PAGES[where](page)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 320, f"the {where} scrolls sideways on a phone: {width} px wide"
    assert_accessible(page, tags=WCAG_AA + BEST_PRACTICE)
