"""Understanding a search: typo correction, synonyms, stop words → concepts to look for.

A *concept* is one thing the visitor asked about, with every way of saying it: "hair loss"
becomes {hair loss, alopecia, thinning hair, balding, …} when marketers have said so in
the synonym list. Each alternative is a tuple of word stems.
"""

from dataclasses import dataclass, field
from difflib import get_close_matches

from base.text import stem, words

# Words that carry no meaning in a patient's question ("how many sessions do I need").
_STOP_WORDS_TEXT = """
    a about am an and any are as at be been before but by can could did do does doing
    for from get got had has have how i if in into is it its just me might my of on or our
    should so than that the their them then there these they this to too us was we were what
    when where which who why will with would you your yours much many
"""
STOP_WORDS = frozenset(_STOP_WORDS_TEXT.split())

# Words this short are left alone by typo correction: "prp" must not become "pre".
MIN_CORRECTABLE_LENGTH = 4
# How alike a typed word and a known word must be (0–1) to swap one for the other.
TYPO_SIMILARITY = 0.74


@dataclass(frozen=True)
class Concept:
    typed: str
    alternatives: tuple[tuple[str, ...], ...]


@dataclass
class ParsedQuery:
    text: str
    words: list[str]
    concepts: list[Concept] = field(default_factory=list)
    corrections: dict[str, str] = field(default_factory=dict)

    @property
    def corrected_text(self) -> str:
        return " ".join(self.corrections.get(word, word) for word in self.words)

    @property
    def index_terms(self) -> list[str]:
        """Every stem of every alternative, for the index lookup (any of them may match)."""
        terms = (stem_ for c in self.concepts for alt in c.alternatives for stem_ in alt)
        return list(dict.fromkeys(terms))

    @property
    def all_stems(self) -> set[str]:
        return set(self.index_terms)


@dataclass(frozen=True)
class Vocabulary:
    """The words the site uses, to correct typos against."""

    words: tuple[str, ...]
    stems: frozenset[str]

    @classmethod
    def from_words(cls, all_words) -> "Vocabulary":
        unique = sorted(set(all_words))
        return cls(tuple(unique), frozenset(stem(word) for word in unique))


def correct_typos(query_words: list[str], vocabulary: Vocabulary) -> dict[str, str]:
    """Map each unknown word to the closest known one, where one is close enough."""
    corrections = {}
    for word in query_words:
        if len(word) < MIN_CORRECTABLE_LENGTH or word.isdigit() or stem(word) in vocabulary.stems:
            continue
        # People rarely get the first letter wrong, and requiring it keeps short words honest:
        # "cost" must not become "most".
        candidates = [known for known in vocabulary.words if known[0] == word[0]]
        match = get_close_matches(word, candidates, n=1, cutoff=TYPO_SIMILARITY)
        if match:
            corrections[word] = match[0]
    return corrections


def synonym_phrases(groups: list[list[str]]) -> list[tuple[tuple[str, ...], int]]:
    """Every synonym as (its stems, its group's number), longest phrases first."""
    phrases = [
        (tuple(stem(word) for word in term.split()), number)
        for number, terms in enumerate(groups)
        for term in terms
    ]
    return sorted(phrases, key=lambda phrase: -len(phrase[0]))


def parse_query(text: str, synonym_groups: list[list[str]], vocabulary: Vocabulary) -> ParsedQuery:
    query_words = words(text)
    parsed = ParsedQuery(text=text, words=query_words)
    parsed.corrections = correct_typos(query_words, vocabulary)
    query_stems = [stem(parsed.corrections.get(word, word)) for word in query_words]
    phrases = synonym_phrases(synonym_groups)
    group_alternatives = [
        tuple(tuple(stem(word) for word in term.split()) for term in terms)
        for terms in synonym_groups
    ]

    position = 0
    while position < len(query_stems):
        for phrase, group in phrases:
            if tuple(query_stems[position : position + len(phrase)]) == phrase:
                typed = " ".join(query_words[position : position + len(phrase)])
                parsed.concepts.append(Concept(typed, group_alternatives[group]))
                position += len(phrase)
                break
        else:
            word = query_words[position]
            if word not in STOP_WORDS:
                parsed.concepts.append(Concept(word, ((query_stems[position],),)))
            position += 1

    if not parsed.concepts:
        # Only stop words ("how is it"): search for them rather than for nothing.
        parsed.concepts = [
            Concept(w, ((s,),)) for w, s in zip(query_words, query_stems, strict=True)
        ]
    return parsed
