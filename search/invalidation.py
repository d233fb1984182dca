"""Forgetting what search has cached when the content it reads changes.

Connected in `search/apps.py` to publishing and unpublishing (pages and snippets such as
FAQs), page moves, privacy changes, FAQ deletion and synonym edits: the next search sees the
change, with its vocabulary, its synonyms and its results.
"""

from django.db import transaction

from search.result_cache import forget_results
from search.vocabulary import forget_vocabulary


def forget_everything() -> None:
    forget_vocabulary()
    forget_results()


def content_changed(**kwargs) -> None:
    """Signal receiver. Forgets at once (the same request or test searches next), and again
    when the transaction commits: a search on another connection in between still reads the
    old content, and would otherwise cache it for the new generation."""
    forget_everything()
    transaction.on_commit(forget_everything)
