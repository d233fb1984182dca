"""The words the site uses, for typo correction: built from the database, cached, refreshed
on publish."""

from django.core.cache import cache
from wagtail.models import Page

from search.documents import rich_text_as_plain_text
from search.query import Vocabulary
from search.text import words

CACHE_KEY = "search:vocabulary:v1"
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


def forget_vocabulary(**kwargs) -> None:
    """Signal receiver: content changed, so rebuild the vocabulary on the next search."""
    cache.delete(CACHE_KEY)
