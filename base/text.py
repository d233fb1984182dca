"""Turning what people type, and what pages say, into comparable words.

Used when pages are indexed (their search text, base/search_document.py) and when a query is
understood (search/query.py). Everything here is plain Python so that matching behaves the
same on SQLite, PostgreSQL or a search server: case, accents, punctuation and hyphens are
folded away ("Platelet-Rich" == "platelet rich"), and words are reduced to their English stem
("sessions" == "session").
"""

import re
import unicodedata
from functools import lru_cache

import snowballstemmer

# The longest query the site search and the API read: each word nests the search backend's
# query one level deeper, and ~450 words exhaust Python's recursion.
MAX_QUERY_LENGTH = 200

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_stemmer = snowballstemmer.stemmer("english")


def clean_query(raw: str) -> str:
    """What a visitor typed, made safe to process: printable, trimmed, not absurdly long."""
    text = unicodedata.normalize("NFKC", raw or "")[:MAX_QUERY_LENGTH]
    text = "".join(ch if ch.isprintable() else " " for ch in text)
    return " ".join(text.split())


def words(text: str) -> list[str]:
    """Lower-case words without accents; punctuation and hyphens separate words."""
    folded = unicodedata.normalize("NFKD", text.casefold())
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return _WORD.findall(folded)


@lru_cache(maxsize=20_000)
def stem(word: str) -> str:
    return _stemmer.stemWord(word)


def stemmed_words(text: str) -> str:
    """Every word of `text` as its stem, in order, space-separated: what ranking compares
    (search.ranking), stored with each search document so a search needn't redo it."""
    return " ".join(map(stem, _WORD.findall(text.casefold())))


def stem_text(*parts: str) -> str:
    """Every word of `parts` as its stem, space-separated: what the search index stores."""
    return " ".join(stem(word) for part in parts if part for word in words(part))
