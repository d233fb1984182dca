"""Search results kept per query, forgotten as soon as anything search reads changes.

Patients repeat the same few searches ("prp", "does it hurt", "cost"), and the site changes
when an editor publishes, so most searches can skip the index and the ranking.

The key is what the query *means* after parsing (its concepts, with every synonym), so
"PRP" and "platelet-rich plasma" share one entry, and the words a patient typed are not
part of any cache key. Entries live in Django's cache (per process, or Redis with
REDIS_URL). Forgetting them all at once is done with a generation number in the key: a
publish sets a new generation, and the old entries are never read again (they expire).
"""

import hashlib
import uuid

from django.core.cache import cache

from search.query import ParsedQuery

GENERATION_KEY = "search:results:generation"
# Also bounds how stale results can get on other servers when a per-process cache misses a
# publish, as for the vocabulary (search/vocabulary.py).
CACHE_SECONDS = 10 * 60


def _generation() -> str:
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, uuid.uuid4().hex, timeout=None)
        generation = cache.get(GENERATION_KEY, "")
    return generation


def cache_key(parsed: ParsedQuery) -> str:
    meaning = repr([concept.alternatives for concept in parsed.concepts])
    digest = hashlib.sha256(meaning.encode()).hexdigest()
    return f"search:results:{_generation()}:{digest}"


def forget_results() -> None:
    """Every cached result becomes unreachable: the next search of each query runs again."""
    cache.set(GENERATION_KEY, uuid.uuid4().hex, timeout=None)


def remembered(name: str, compute):
    """A value every search needs and only a content change can change (e.g. the FAQ page's
    URL), kept like results: until the next publish."""
    key = f"search:{name}:{_generation()}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, CACHE_SECONDS)
    return value


def cached(parsed: ParsedQuery, compute):
    """The results for this query from the cache, or `compute()`'s, then kept."""
    key = cache_key(parsed)
    results = cache.get(key)
    if results is None:
        results = compute()
        cache.set(key, results, CACHE_SECONDS)
    return results
