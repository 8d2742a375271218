"""Parse a page and check what every page must have."""

from __future__ import annotations

from collections import Counter

from bs4 import BeautifulSoup


def parse_page(html: bytes | str) -> BeautifulSoup:
    """Parse a page, asserting its invariants: one h1, a title, a main landmark, a
    skip link, unique ids, labelled inputs, forms with actions, the data attribution.
    """
    soup = BeautifulSoup(html, "html.parser")
    assert len(soup.find_all("h1")) == 1, "a page has exactly one h1"
    assert soup.title and soup.title.get_text(strip=True), "a page has a title"
    assert soup.find("main", id="main"), "a page has its main landmark"
    assert soup.select_one('a.skip-link[href="#main"]'), "a page has a skip link"
    ids = Counter(tag["id"] for tag in soup.find_all(id=True))
    assert not [i for i, n in ids.items() if n > 1], f"duplicate ids: {ids}"
    for form in soup.find_all("form"):
        assert form.get("action"), "every form says where it goes"
    for field in soup.select("input:not([type=hidden]), select, textarea"):
        assert soup.find("label", attrs={"for": field.get("id")}), (
            f"input {field.get('name')} has a label"
        )
    text = " ".join(soup.get_text().split())
    assert "Open Government Licence v3.0" in text, "postcode data attribution"
    return soup
