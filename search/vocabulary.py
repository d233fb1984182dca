"""What search knows about the site's words: the vocabulary for typo correction and the
synonym groups, both built from the database, cached, and forgotten on publish."""

from django.core.cache import cache
from wagtail.models import Page

from search.documents import rich_text_as_plain_text
from search.query import Vocabulary
from search.text import words

CACHE_KEY = "search:vocabulary:v1"
SYNONYMS_CACHE_KEY = "search:synonyms:v1"
# Also bounds how stale it can get on other servers when a local cache misses a publish.
CACHE_SECONDS = 10 * 60


def build_vocabulary() -> Vocabulary:
    from faqs.models import FAQ
    from search.models import SynonymGroup
    from services.models import ServicePage

    texts = list(Page.objects.live().public().values_list("title", "search_description"))
    texts += ServicePage.objects.live().public().values_list("summary", "downtime")
    texts += [
        (question, rich_text_as_plain_text(answer))
        for question, answer in FAQ.objects.filter(live=True).values_list("question", "answer")
    ]
    texts += [(group.terms,) for group in SynonymGroup.objects.all()]
    return Vocabulary.from_words(word for row in texts for text in row for word in words(text))


def get_vocabulary() -> Vocabulary:
    vocabulary = cache.get(CACHE_KEY)
    if vocabulary is None:
        vocabulary = build_vocabulary()
        cache.set(CACHE_KEY, vocabulary, CACHE_SECONDS)
    return vocabulary


def get_synonym_groups() -> list[list[str]]:
    """Each synonym group marketers entered, as its list of terms."""
    from search.models import SynonymGroup

    groups = cache.get(SYNONYMS_CACHE_KEY)
    if groups is None:
        groups = [group.term_list() for group in SynonymGroup.objects.all()]
        cache.set(SYNONYMS_CACHE_KEY, groups, CACHE_SECONDS)
    return groups


def forget_vocabulary() -> None:
    """Rebuild the vocabulary and re-read the synonyms on the next search."""
    cache.delete_many([CACHE_KEY, SYNONYMS_CACHE_KEY])
