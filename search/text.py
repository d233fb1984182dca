"""Turning what people type, and what pages say, into comparable search terms.

Everything here is plain Python so that matching behaves the same on SQLite, PostgreSQL
or a search server: case, accents, punctuation and hyphens are folded away ("Platelet-Rich"
== "platelet rich"), and words are reduced to their English stem ("sessions" == "session").
"""

import re
import unicodedata
from functools import lru_cache

import snowballstemmer

MAX_QUERY_LENGTH = 200

# Words that carry no meaning in a patient's question ("how many sessions do I need").
_STOP_WORDS_TEXT = """
    a about am an and any are as at be been before but by can could did do does doing
    for from get got had has have how i if in into is it its just me might my of on or our
    should so than that the their them then there these they this to too us was we were what
    when where which who why will with would you your yours much many
"""
STOP_WORDS = frozenset(_STOP_WORDS_TEXT.split())

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
