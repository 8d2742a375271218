"""The account forms, empty and with errors, in a real Chromium with axe-core.

Making an account, a wrong password, and signing in with an emailed link: each page
is checked with the WCAG 2.0 to 2.2 A and AA rules, and each error summary's links
must take the focus to their fields.
"""

from __future__ import annotations

import re

from flask import Flask
from playwright.sync_api import Page, expect

from directory_app.mail import outbox
from tests.browser.accessibility import (
    assert_accessible,
    assert_error_links_reach_their_fields,
)


def assert_form_has_errors(page: Page, title: str) -> None:
    """The page is the form again, saying so in its title and in an alert."""
    expect(page).to_have_title(re.compile(rf"^Error: {title} "))
    expect(page.get_by_role("alert")).to_contain_text("There is a problem")


def test_making_an_account_with_nothing_filled_in(page: Page) -> None:
    page.goto("/sign-up")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Make a professional account"
    )
    assert_accessible(page)

    page.get_by_role("button", name="Make account").click()
    assert_form_has_errors(page, "Make a professional account")
    assert_accessible(page)
    assert assert_error_links_reach_their_fields(page) == [
        "Enter your name",
        "Enter your work email address",
    ]


def test_making_an_account_at_an_untrusted_address(page: Page) -> None:
    page.goto("/sign-up")
    page.get_by_label("Your name").fill("Sam Jones")
    page.get_by_label("Your work email address").fill("sam@example.org")
    page.get_by_role("button", name="Make account").click()
    assert_form_has_errors(page, "Make a professional account")
    expect(page.get_by_label("Your name")).to_have_value("Sam Jones")
    assert_accessible(page)
    [message] = assert_error_links_reach_their_fields(page)
    assert message.startswith("Accounts can be made here only with an email address")


def test_signing_in_with_the_wrong_password(page: Page, professional: str) -> None:
    page.goto("/sign-in")
    page.get_by_label("Email address").fill(professional)
    page.get_by_label("Password").fill("not my password")
    page.get_by_role("button", name="Sign in", exact=True).click()
    assert_form_has_errors(page, "Sign in")
    expect(page.get_by_label("Email address")).to_have_value(professional)
    expect(page.get_by_label("Password")).to_have_accessible_description(
        re.compile("The email address or password is not right")
    )
    assert_accessible(page)
    assert assert_error_links_reach_their_fields(page) == [
        "The email address or password is not right"
    ]
    page.goto("/pro/search")
    expect(page).to_have_url(re.compile(r"/sign-in\?next="))  # still signed out


def test_signing_in_with_an_emailed_link(
    page: Page, professional: str, live_app: Flask
) -> None:
    page.goto("/sign-in")
    page.get_by_label("Email address").fill(professional)
    page.get_by_role("button", name="Email me a sign-in link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your email")
    assert_accessible(page)

    [mail] = [m for m in outbox(live_app) if m["To"] == professional]
    found = re.search(r"http://\S+(/sign-in/link/\S+)", mail.get_content())
    assert found, mail.get_content()
    page.goto(found.group(1))
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")
    assert_accessible(page)
    page.get_by_role("button", name="Continue to sign in").click()
    page.wait_for_url("**/pro/search")

    page.goto(found.group(1))  # a link works once
    page.get_by_role("button", name="Continue to sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "That link cannot be used"
    )
    expect(page.locator("#link-error")).to_contain_text("used already")
    assert_accessible(page)
