"""What marketers control about search: synonyms in patients' words, and what people search for."""

from django.contrib.contenttypes.models import ContentType
from django.db import models
from wagtail.admin.panels import FieldPanel

from base.text import words


class SynonymGroup(models.Model):
    """Words and phrases that mean the same to a patient, e.g. 'hair loss, alopecia, balding'.

    A search for any one of them also finds pages that use another.
    """

    terms = models.TextField(
        help_text=(
            "Words or phrases that mean the same thing, separated by commas, e.g. "
            "'hair loss, alopecia, thinning hair, balding'. Changes apply to the next search."
        ),
    )
    note = models.CharField(
        max_length=200,
        blank=True,
        help_text="Optional: why these belong together, for the next person who edits them.",
    )

    panels = [FieldPanel("terms"), FieldPanel("note")]

    class Meta:
        ordering = ["pk"]
        verbose_name = "search synonym group"

    def __str__(self) -> str:
        return ", ".join(self.term_list()[:4]) + (" …" if len(self.term_list()) > 4 else "")

    def term_list(self) -> list[str]:
        """Each term as lower-case words joined by spaces: 'Platelet-rich' → 'platelet rich'."""
        terms = (" ".join(words(term)) for term in self.terms.replace("\n", ",").split(","))
        return list(dict.fromkeys(term for term in terms if term))


class DailySearchCount(models.Model):
    """How often a search was made on one day, and how often it found nothing.

    Deliberately only daily totals: no IP address, user, session or time of day is stored,
    so these figures can't be tied back to a person.
    """

    date = models.DateField(db_index=True)
    query = models.CharField(max_length=100)
    searches = models.PositiveIntegerField(default=0)
    searches_without_results = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["date", "query"], name="unique_search_count_per_day")
        ]
        verbose_name = "daily search count"

    def __str__(self) -> str:
        return f"{self.date}: {self.query} ({self.searches})"


class StoredDocument(models.Model):
    """The readable text of one indexed page or FAQ, stored when the search index is updated.

    Ranking and excerpts need each candidate's title, summary and body as text. Building that
    from a service page means loading the page, its steps and parsing every StreamField: most
    of a search's time at 10,000 pages. The database search backends store it here whenever
    they index an object (search/backends/stored.py), so a search reads it in one query.
    Not edited by anyone: `update_index` rebuilds it, and a missing row is rebuilt on demand.
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.CharField(max_length=50)
    title = models.TextField()
    summary = models.TextField(blank=True)
    body = models.TextField(blank=True)
    # Each part's words as stems, in order (base.text.stemmed_words), so ranking compares
    # stems without splitting and stemming a few thousand words per candidate. NULL (rows
    # stored before these columns existed): ranking works them out from the text.
    title_stems = models.TextField(null=True, blank=True)  # noqa: DJ001 (NULL: not stored yet)
    summary_stems = models.TextField(null=True, blank=True)  # noqa: DJ001
    body_stems = models.TextField(null=True, blank=True)  # noqa: DJ001

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"], name="unique_stored_document_per_object"
            )
        ]

    def __str__(self) -> str:
        return self.title
