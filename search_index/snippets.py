"""Snippets: the passages of a description with the searched-for words marked.

A word of the text is marked when the index's analyzer turns it into one of the
query's terms ("walks" and "walking" both become "walk"). Each distinct word is
analysed once and remembered, which makes a page of ten snippets about a
millisecond rather than ten (Whoosh's highlighter runs the analyzer over every
word of every text).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Collection, Iterable
from html import escape
from typing import Any

WORD = re.compile(r"\w+(?:\.?\w+)*")  # Whoosh's default tokenizer pattern
WIDTH = 200  # characters of text around the marks in one passage, at most
SURROUND = 20  # characters shown before the first mark of a passage
AFTER = 60  # characters shown after the last mark of a passage, at most
PASSAGES = 3
KEPT = 200_000  # distinct words remembered


class Snippets:
    """Marks a text's words that analyse to given terms."""

    def __init__(self, analyzer: Callable[..., Iterable[Any]]) -> None:
        self.analyzer = analyzer
        self._terms: dict[str, str] = {}
        self._lock = threading.Lock()

    def term(self, word: str) -> str:
        """The term a word is indexed as ("" for a stop word)."""
        term = self._terms.get(word)
        if term is None:
            tokens = self.analyzer(word, mode="index")
            term = next((t.text for t in tokens), "")
            with self._lock:
                if len(self._terms) >= KEPT:
                    self._terms.clear()
                self._terms[word] = term
        return term

    def snippet(self, text: str, terms: Collection[str]) -> str:
        """Up to three passages of ``text`` with its words for ``terms`` in
        ``<mark>``, HTML-escaped; "" when none of the words are there."""
        if not terms:
            return ""
        marks = [m.span() for m in WORD.finditer(text) if self.term(m.group()) in terms]
        if not marks:
            return ""
        passages: list[list[tuple[int, int]]] = []
        for start, end in marks:
            if passages and end - max(0, passages[-1][0][0] - SURROUND) <= WIDTH:
                passages[-1].append((start, end))
            elif len(passages) < PASSAGES:
                passages.append([(start, end)])
        return "...".join(_passage(text, spans) for spans in passages)


def _passage(text: str, spans: list[tuple[int, int]]) -> str:
    """One passage, starting and ending between words where it can."""
    first, last = spans[0][0], spans[-1][1]
    begin = max(0, first - SURROUND)
    if begin > 0 and (space := text.find(" ", begin, first)) >= 0:
        begin = space + 1
    finish = min(len(text), last + AFTER)
    if finish < len(text) and (space := text.rfind(" ", last, finish)) >= 0:
        finish = space
    out, at = [], begin
    for start, end in spans:
        out += [escape(text[at:start]), "<mark>", escape(text[start:end]), "</mark>"]
        at = end
    out.append(escape(text[at:finish]))
    return "".join(out).strip()
