"""Snippets mark the words a resident searched for, in any form, and nothing else."""

from __future__ import annotations

from search_index.schema import make_schema
from search_index.snippets import Snippets


def snippets() -> Snippets:
    return Snippets(make_schema()["description"].analyzer)


def test_marks_every_form_of_the_searched_word() -> None:
    text = "Gentle walks in the park. Walking is good for you; we walked 3 miles."
    got = snippets().snippet(text, {"walk"})
    assert got.count("<mark>") == 3
    assert "<mark>walks</mark>" in got
    assert "<mark>Walking</mark>" in got
    assert "<mark>walked</mark>" in got
    assert "<mark>park" not in got


def test_accents_and_html_in_the_text() -> None:
    got = snippets().snippet("Our <b>Café</b> & memory club", {"cafe"})
    assert got == "Our &lt;b&gt;<mark>Café</mark>&lt;/b&gt; &amp; memory club"


def test_nothing_matched_gives_no_snippet() -> None:
    assert snippets().snippet("A lunch club for older people", {"walk"}) == ""
    assert snippets().snippet("A lunch club", set()) == ""


def test_long_text_gives_at_most_three_short_passages() -> None:
    filler = " ".join(["lorem ipsum dolor"] * 30)
    text = " ".join(f"{filler} walk{n}" for n in range(5)).replace("walk0", "walk")
    text += " " + filler + " walking " + filler
    got = snippets().snippet(text, {"walk"})
    assert got.count("<mark>") == 2  # "walk" and "walking"; walk1..4 are other words
    passages = got.split("...")
    assert len(passages) == 2
    assert all(len(p) < 120 for p in passages)
    assert not passages[0].startswith("rem")  # starts between words
