"""What search knows about the site's words: the vocabulary for typo correction and the
synonym groups, both built from the database, cached, and forgotten on publish."""

from django.core.cache import cache
from wagtail.models import Page, get_page_models

from base.search_document import StemmedSearchMixin
from base.text import words
from search.candidates import searchable_snippet_models
from search.models import SynonymGroup
from search.query import Vocabulary

CACHE_KEY = "search:vocabulary:v1"
SYNONYMS_CACHE_KEY = "search:synonyms:v1"
# Also bounds how stale it can get on other servers when a local cache misses a publish.
CACHE_SECONDS = 10 * 60


def vocabulary_texts():
    """Every page's title and meta description, what each searchable model adds (its
    `search_vocabulary` hook: a service's summary, an FAQ's question and answer), and the
    synonyms marketers entered."""
    for title, description in (
        Page.objects.live().public().values_list("title", "search_description")
    ):
        yield title
        yield description
    for model in get_page_models() + searchable_snippet_models():
        if issubclass(model, StemmedSearchMixin) and not model._meta.abstract:
            yield from model.search_vocabulary()
    for group in SynonymGroup.objects.all():
        yield group.terms


def build_vocabulary() -> Vocabulary:
    return Vocabulary.from_words(word for text in vocabulary_texts() for word in words(text))


def get_vocabulary() -> Vocabulary:
    vocabulary = cache.get(CACHE_KEY)
    if vocabulary is None:
        vocabulary = build_vocabulary()
        cache.set(CACHE_KEY, vocabulary, CACHE_SECONDS)
    return vocabulary


def get_synonym_groups() -> list[list[str]]:
    """Each synonym group marketers entered, as its list of terms."""
    groups = cache.get(SYNONYMS_CACHE_KEY)
    if groups is None:
        groups = [group.term_list() for group in SynonymGroup.objects.all()]
        cache.set(SYNONYMS_CACHE_KEY, groups, CACHE_SECONDS)
    return groups


def forget_vocabulary() -> None:
    """Rebuild the vocabulary and re-read the synonyms on the next search."""
    cache.delete_many([CACHE_KEY, SYNONYMS_CACHE_KEY])
