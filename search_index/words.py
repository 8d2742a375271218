"""The words of a query: UK synonyms and spellings, and "did you mean".

Synonyms come as groups of words or phrases that mean the same to a resident
(``loneliness, isolation, befriending``); a query word in a group also finds the
others. The lexicon is every word of the indexed names and descriptions with how
often it occurs; a query word it does not know is corrected to the closest common
word it does.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from rapidfuzz import fuzz, process

from search_index.schema import SEARCH_FIELDS

WORD = re.compile(r"[a-z][a-z'-]+")
TOKEN = re.compile(r'"[^"]+"|\S+')


def load_synonyms(path: Path) -> dict[str, list[str]]:
    """Each word or phrase to the others of its group (``#`` starts a comment)."""
    groups: dict[str, list[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        members = [m.strip().lower() for m in line.split(",") if m.strip()]
        for member in members:
            groups.setdefault(member, [])
            groups[member] += [m for m in members if m != member]
    return groups


SYNONYM_BOOST = 0.5  # a synonym counts for less than the word typed


def _as_term(words: str) -> str:
    term = f'"{words}"' if " " in words else words
    return f"{term}^{SYNONYM_BOOST}"


def expand(
    text: str, synonyms: dict[str, list[str]], fields: tuple[str, ...] = SEARCH_FIELDS
) -> str:
    """The query text with each known word or two-word phrase OR-ed with its group."""
    tokens = TOKEN.findall(text)
    out, i = [], 0
    while i < len(tokens):
        pair = " ".join(tokens[i : i + 2]).lower()
        if i + 1 < len(tokens) and pair in synonyms:
            # the phrase; its two words in one field (the user's own words, not
            # just the phrase); then the synonyms
            pair_words = f"{tokens[i]} {tokens[i + 1]}"
            words = "(" + " OR ".join(f"{f}:({pair_words})" for f in fields) + ")"
            group = [f'"{pair}"', words, *map(_as_term, synonyms[pair])]
            out.append("(" + " OR ".join(group) + ")")
            i += 2
            continue
        word = tokens[i].lower()
        if word in synonyms:
            group = [tokens[i], *map(_as_term, synonyms[word])]
            out.append("(" + " OR ".join(group) + ")")
        else:
            out.append(tokens[i])
        i += 1
    return " ".join(out)


def fold(text: str) -> str:
    """Lower case without accents: "Café" -> "cafe"."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def count_words(texts: Iterable[str]) -> Counter[str]:
    """How often each word occurs in the texts (accents folded)."""
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update(WORD.findall(fold(text)))
    return counts


class Speller:
    """Corrects words to the closest frequent word of the index's lexicon."""

    def __init__(self, counts: Counter[str], synonyms: dict[str, list[str]]) -> None:
        self.counts = counts
        self.known = set(counts) | {w for key in synonyms for w in key.split()}
        self.choices = [w for w, n in counts.items() if n >= 2 and len(w) > 2]

    def correct(self, word: str) -> str | None:
        """A better spelling of ``word``, or None when it is known or has none."""
        if word in self.known or len(word) < 4:
            return None
        found = process.extract(
            word, self.choices, scorer=fuzz.ratio, limit=5, score_cutoff=75
        )
        if not found:
            return None
        best = max(found, key=lambda f: (f[1], self.counts[f[0]]))
        return str(best[0])

    def suggest(self, text: str) -> str | None:
        """The query with its unknown words corrected, if any were."""
        words = TOKEN.findall(text)
        fixed = [
            self.correct(fold(w)) if WORD.fullmatch(fold(w)) else None for w in words
        ]
        if not any(fixed):
            return None
        return " ".join(f or w for f, w in zip(fixed, words, strict=True))
