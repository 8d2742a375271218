"""The results page: filters as a form, counts, corrections, listings apart."""

from __future__ import annotations

from flask import Flask

from tests.pages import parse_page


def get(app: Flask, url: str):
    response = app.test_client().get(url)
    return response.status_code, parse_page(response.data)


def count_of(soup) -> int:
    return int(soup.select_one("#result-count").get_text().split()[0])


def test_every_filter_is_a_labelled_option_with_its_count(demo_app: Flask) -> None:
    status, soup = get(demo_app, "/search?q=walk")
    assert status == 200
    form = soup.find("form", class_="filters")
    assert form["method"] == "get" and form["action"] == "/search"
    tuesday = soup.select_one('label[for="day-tu"]').get_text(" ", strip=True)
    assert tuesday.startswith("Tuesday (")
    promised = int(tuesday.split("(")[1].rstrip(")"))
    _, narrowed = get(demo_app, "/search?q=walk&day=tu")
    assert count_of(narrowed) == promised > 0
    assert narrowed.select_one("#day-tu").has_attr("checked")


def test_filters_combine_and_pages_keep_them(demo_app: Flask) -> None:
    _, soup = get(demo_app, "/search?q=&category=social-connection&free=yes")
    total = count_of(soup)
    _, all_social = get(demo_app, "/search?q=&category=social-connection")
    assert 0 < total < count_of(all_social)
    next_link = soup.select_one('a[rel="next"]')["href"]
    assert "category=social-connection" in next_link and "free=yes" in next_link


def test_hostile_filter_values_are_ignored(demo_app: Flask) -> None:
    status, soup = get(
        demo_app,
        "/search?q=walk&day=<script>&category=x'%20OR%201=1"
        "&radius=9999&accessibility=<b>",
    )
    _, plain = get(demo_app, "/search?q=walk")
    assert status == 200 and count_of(soup) == count_of(plain)
    assert "<script>" not in str(soup.find("main"))


def test_an_age_that_is_not_a_number_is_explained(demo_app: Flask) -> None:
    status, soup = get(demo_app, "/search?q=yoga&age=sixty")
    assert status == 200
    summary = soup.select_one(".error-summary")
    assert "Enter an age in years" in summary.get_text()
    assert summary.find("a", href="#age")
    assert soup.select_one("#age")["value"] == "sixty"


def test_a_misspelling_shows_results_for_the_correction(demo_app: Flask) -> None:
    _, soup = get(demo_app, "/search?q=walkng")
    notice = soup.select_one("#corrected").get_text(" ", strip=True)
    assert "Showing results for walking" in notice
    assert count_of(soup) > 0


def test_an_unknown_word_beside_known_ones_offers_a_suggestion(demo_app: Flask) -> None:
    _, soup = get(demo_app, "/search?q=dementia%20cafee")
    link = soup.select_one("#did-you-mean a")
    assert link is not None and link.get_text() == "dementia cafe"


def test_phone_and_online_services_are_listed_apart_near_a_postcode(
    demo_app: Flask,
) -> None:
    _, soup = get(demo_app, "/search?q=befriending&postcode=DN1%201AA")
    apart = soup.select_one("#elsewhere")
    assert apart is not None
    titles = [h.get_text(strip=True) for h in apart.select("h3")]
    assert titles and all("distance" not in t.lower() for t in titles)
    assert not apart.select(".distance")


def test_a_search_with_nothing_found_says_how_to_widen_it(demo_app: Flask) -> None:
    _, soup = get(demo_app, "/search?q=zzyzx%20qwv&postcode=DN1%201AA&free=yes")
    advice = soup.select_one("#no-results").get_text(" ", strip=True)
    assert "clear the filters" in advice and "search everywhere" in advice


def test_a_town_name_works_like_a_postcode(demo_app: Flask) -> None:
    _, soup = get(demo_app, "/search?q=walk&postcode=Thorne")
    assert (
        "nearest to the centre of Thorne" in soup.select_one("#result-count").get_text()
    )
    first = soup.select_one("div.results-main li.result .distance").get_text()
    assert float(first.split()[0]) < 3
