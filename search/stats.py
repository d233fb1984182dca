"""Daily search counts for marketers: what people look for, and what they don't find.

Only the words and a daily total are kept: no IP address, user, session or time.
Searches that look like they contain contact details (an email address, a long number)
are not recorded at all.
"""

import re
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from base.text import words
from search.models import DailySearchCount

# A search with this many digits in it may hold a phone, insurance or record number.
MAX_DIGITS = 5


def recordable_form(text: str) -> str:
    """The query as it is stored: lower-case words, at most 100 characters; '' to skip it."""
    if "@" in text or len(re.sub(r"\D", "", text)) >= MAX_DIGITS:
        return ""
    return " ".join(words(text))[:100].strip()


def record_search(text: str, found_anything: bool) -> None:
    query = recordable_form(text)
    if not query:
        return
    today = timezone.localdate()
    increments = {
        "searches": F("searches") + 1,
        "searches_without_results": F("searches_without_results") + (0 if found_anything else 1),
    }
    rows = DailySearchCount.objects.filter(date=today, query=query)
    if rows.update(**increments):
        return
    try:
        with transaction.atomic():
            DailySearchCount.objects.create(
                date=today,
                query=query,
                searches=1,
                searches_without_results=0 if found_anything else 1,
            )
    except IntegrityError:  # another request created today's row first
        rows.update(**increments)


def purge_old_counts(days: int | None = None) -> int:
    """Delete counts older than the retention period; returns how many rows went."""
    days = settings.SEARCH_STATS_RETENTION_DAYS if days is None else days
    cutoff = timezone.localdate() - timedelta(days=days)
    deleted, _ = DailySearchCount.objects.filter(date__lt=cutoff).delete()
    return deleted
