"""Typo correction fixes real misspellings without inventing words."""

import pytest

from search.query import Vocabulary, correct_typos

VOCABULARY = Vocabulary.from_words(
    ["alopecia", "sessions", "plasma", "most", "people", "platelet", "anesthetic"]
)


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("alopesha", "alopecia"),
        ("sesions", "sessions"),
        ("plazma", "plasma"),
        ("platlet", "platelet"),
    ],
)
def test_common_misspellings_are_corrected(typed, meant):
    assert correct_typos([typed], VOCABULARY) == {typed: meant}


@pytest.mark.parametrize("word", ["cost", "prp", "session", "chemo"])
def test_unknown_or_known_words_are_left_alone(word):
    assert correct_typos([word], VOCABULARY) == {}
