"""Text, HTML, URL and email clean-up for imported fields."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import nh3
from bs4 import BeautifulSoup

ALLOWED_TAGS = {"p", "br", "ul", "ol", "li", "strong", "em", "b", "i", "a"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
EMAIL_RE = re.compile(r"^[^@\s<>()\[\],;:\"]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$")
HOST_RE = re.compile(r"^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$")
_SPACE = re.compile(r"[ \t\r\f\v]+")


def clean_text(value: object) -> str | None:
    """Stripped text with runs of spaces folded; None for empty or non-text."""
    if value is None or isinstance(value, bool | dict | list):
        return None
    text = _SPACE.sub(" ", str(value)).strip()
    return text or None


def clean_html(value: object) -> str | None:
    """Markup safe to show: no script, no event handlers, links kept."""
    text = clean_text(value)
    if text is None:
        return None
    cleaned = nh3.clean(
        text,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel="nofollow noopener",
    ).strip()
    return cleaned or None


def html_to_text(value: str | None) -> str:
    """Plain text of a cleaned description, for search and snippets."""
    if not value:
        return ""
    if "<" not in value:
        return value
    return BeautifulSoup(value, "html.parser").get_text(" ", strip=True)


def normalise_url(value: object) -> str | None:
    """An http(s) URL with a real host name; a bare domain gets https://."""
    text = clean_text(value)
    if text is None or " " in text:
        return None
    if "://" not in text:
        text = "https://" + text
    parts = urlsplit(text)
    host = parts.hostname or ""
    if parts.scheme not in {"http", "https"} or not HOST_RE.match(host):
        return None
    return text


def normalise_email(value: object) -> str | None:
    """An email address with its domain lower-cased, or None when it is not one."""
    text = clean_text(value)
    if text is None:
        return None
    text = text.removeprefix("mailto:")
    if not EMAIL_RE.match(text):
        return None
    local, _, domain = text.rpartition("@")
    return f"{local}@{domain.lower()}"
