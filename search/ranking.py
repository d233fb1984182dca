"""Ranking and excerpts, in Python, on the few candidates the index returned.

The same on SQLite, PostgreSQL or OpenSearch: a concept found in a title counts most, then
in a summary, then in the body. Each part of a document comes with its words as stems,
stored with the document (or worked out once, `StemmedText`), and that one result serves the
score, the choice of excerpt and the highlighting.
"""

import re
from collections import deque
from dataclasses import dataclass
from functools import cached_property
from html import escape

from django.utils.safestring import SafeString, mark_safe

from base.text import stem, stemmed_words
from search.documents import SearchDocument
from search.query import ParsedQuery

# What a concept found in each part of a document is worth.
TITLE_WEIGHT, SUMMARY_WEIGHT, BODY_WEIGHT = 3.0, 2.0, 1.0
# Bonus when one part (usually the title) holds every concept of the query.
ALL_CONCEPTS_BONUS = 2.0
EXCERPT_WORDS = 36
# Words before the first match that an excerpt keeps, for context.
EXCERPT_LEAD_WORDS = 8

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
# A word or the run of other characters between two words, for highlighting.
_TOKEN = re.compile(r"(?P<word>[^\W_]+)|[\W_]+", re.UNICODE)


class StemmedText:
    """A text and the stems of its words.

    A service page's body is a few thousand words and every candidate is scored on it.
    The stems are stored with each search document (search.documents), so ranking only
    splits a string; without them they are worked out here, once per text.
    """

    def __init__(self, text: str, stems: str | None = None):
        self.text = text
        self._stems = stems

    @cached_property
    def padded(self) -> str:
        """' stem stem stem ': a phrase of stems is found with `in`."""
        stems = self._stems if self._stems is not None else stemmed_words(self.text)
        return f" {stems} "

    @cached_property
    def stem_set(self) -> frozenset[str]:
        if self._stems is None:  # each distinct word once; `padded` only if a phrase needs it
            return frozenset(map(stem, set(_WORD.findall(self.text.casefold()))))
        return frozenset(self.padded.split())

    def contains(self, phrase: tuple[str, ...]) -> bool:
        if len(phrase) == 1:
            return phrase[0] in self.stem_set
        return f" {' '.join(phrase)} " in self.padded


@dataclass
class StemmedDocument:
    title: StemmedText
    summary: StemmedText
    body: StemmedText

    @classmethod
    def of(cls, document: SearchDocument) -> "StemmedDocument":
        parts = zip(document.all_text(), document.stems, strict=True)
        return cls(*(StemmedText(text, stems) for text, stems in parts))

    def weighted_parts(self) -> list[tuple[float, StemmedText]]:
        return [
            (TITLE_WEIGHT, self.title),
            (SUMMARY_WEIGHT, self.summary),
            (BODY_WEIGHT, self.body),
        ]


def score(document: StemmedDocument, parsed: ParsedQuery) -> float:
    parts = document.weighted_parts()
    total = 0.0
    for weight, part in parts:
        if parsed.concepts and all(
            any(part.contains(alternative) for alternative in concept.alternatives)
            for concept in parsed.concepts
        ):
            total += ALL_CONCEPTS_BONUS * weight / TITLE_WEIGHT
    for concept in parsed.concepts:
        total += max(
            (
                weight
                for weight, part in parts
                if any(part.contains(alternative) for alternative in concept.alternatives)
            ),
            default=0.0,
        )
    return total


def highlight(text: str, stems: frozenset[str] | set[str]) -> SafeString:
    """An excerpt of the text around the first match, matched words wrapped in <mark>.

    Reads the text only up to the end of the excerpt. Everything is escaped: nothing a
    visitor or an editor typed becomes markup.
    """

    def matches(word: str) -> bool:
        return stem(word.casefold()) in stems

    # Where the excerpt starts: a few words before the first match, else at the first word.
    first_word, lead = None, deque(maxlen=EXCERPT_LEAD_WORDS + 1)
    for word in _WORD.finditer(text):
        first_word = word.start() if first_word is None else first_word
        lead.append(word.start())
        if matches(word.group()):
            first_word = lead[0]
            break
    if first_word is None:
        return mark_safe("")  # noqa: S308 (empty string)
    start = first_word

    pieces, between, words, end = [], "", 0, start
    for token in _TOKEN.finditer(text, start):
        if not token.group("word"):
            between = escape(token.group())  # kept only if another word follows
            continue
        if words == EXCERPT_WORDS:
            break
        piece = escape(token.group())
        pieces += [between, f"<mark>{piece}</mark>" if matches(token.group()) else piece]
        between, words, end = "", words + 1, token.end()
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(text) else ""
    return mark_safe(prefix + "".join(pieces) + suffix)  # noqa: S308 (every piece escaped)


def excerpt_source(document: StemmedDocument, parsed: ParsedQuery) -> str:
    """What to cut the excerpt from: the summary if it mentions the query, else the body if
    it does, else the summary (or the body when there is no summary)."""
    stems = parsed.all_stems
    for part in (document.summary, document.body):
        if part.text and not stems.isdisjoint(part.stem_set):
            return part.text
    return document.summary.text or document.body.text
