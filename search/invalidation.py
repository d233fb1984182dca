"""Forgetting what search has cached when the content it reads changes.

Subscribed in `search/apps.py` to the publishing event (base/content.py), twice: at once,
inside the editor's transaction (the same request or test searches next), and again once it
has committed: a search on another connection in between still reads the old content, and
would otherwise cache it for the new generation.
"""

from search.result_cache import forget_results
from search.vocabulary import forget_vocabulary


def forget_everything() -> None:
    forget_vocabulary()
    forget_results()


def forget_everything_cached(change=None, **kwargs) -> None:
    """Subscriber of `content_changing` and `content_changed`: the vocabulary, the synonyms
    and every cached result go."""
    forget_everything()
