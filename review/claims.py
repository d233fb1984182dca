"""The claims check: medical pages may not promise what no treatment can.

Phrases such as "guaranteed" or "permanent results" are misleading in health advertising (and
PRP evidence is mixed). Clinicians keep the list in Settings → Claims check. A medical page
whose copy (title, summary, search description, every text and rich-text field, every
StreamField block, every inline row such as the procedure steps) uses one cannot be published
or submitted for clinical review until the phrase is gone, and a service page must keep its
disclaimer. The admin form shows the error on the field that holds the phrase
(review/forms.py); a draft still saves, with a warning (review/wagtail_hooks.py). Page types
add rules of their own with the `clinical_copy_problems` hook (a service page's disclaimer).

Matching is whole words, ignoring case and spacing: "cure" matches "Cure" and "cure." but not
"cured", "cures", "secure" or "curette"; list other forms as phrases of their own to ban them.
An honest denial is not a claim: "PRP is not a cure for hair loss" (the demo's own wording)
passes; see NEGATIONS below.
"""

import re
from dataclasses import dataclass
from html import unescape

from django.db import models
from django.utils.html import strip_tags
from django.utils.text import capfirst
from modelcluster.models import get_all_child_relations
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

# --- Finding banned phrases ----------------------------------------------------------------------

# An honest denial is not a claim: "PRP is not a cure", "results aren't guaranteed", "it is not
# always painless". A phrase is allowed when one of these words comes right before it, or with
# only a filler word between ("not a", "not always", "never completely"). Anything else between
# is a claim again: "no downtime and painless sessions", "don't miss our painless treatment",
# "no pain, guaranteed" and "not only painless" are all caught.
NEGATIONS = (
    "not|no|never|nor|cannot|can't|can’t|won't|won’t|isn't|isn’t|aren't|aren’t|doesn't|doesn’t"
    "|don't|don’t|didn't|didn’t|wasn't|wasn’t"
)
NEGATION_FILLERS = "a|an|the|always|entirely|completely|fully|be|been|truly|really"
NEGATED_BEFORE = re.compile(rf"\b(?:{NEGATIONS})(?:\s+(?:{NEGATION_FILLERS}))?\s+$", re.IGNORECASE)

# Page fields every page has: only these carry copy visitors read.
BASE_PAGE_TEXT_FIELDS = {"title", "seo_title", "search_description"}


@dataclass(frozen=True)
class ClaimProblem:
    """One problem found on a medical page: which field, and what to do about it."""

    field_name: str  # the model field or child relation; the form shows the message there
    message: str


def phrase_pattern(phrase: str) -> re.Pattern:
    """Whole words only, any case, any run of spaces between words: 'Cure' and 'cure.' match
    'cure'; 'cured', 'secure' and '1100%' don't match 'cure' or '100%'."""
    words = [re.escape(word) for word in phrase.split()]
    return re.compile(r"(?<![\w%])" + r"\s+".join(words) + r"(?![\w%])", re.IGNORECASE)


def find_banned_phrases(text: str, phrases: list[str]) -> list[str]:
    """The phrases `text` uses as claims (not in an honest denial), in the list's order."""
    found = []
    for phrase in phrases:
        for match in phrase_pattern(phrase).finditer(text):
            if not NEGATED_BEFORE.search(text[: match.start()]):
                found.append(phrase)
                break
    return found


def plain_text(value) -> str:
    # A space before every tag keeps "<li>Quick</li><li>Painless</li>" two words.
    return unescape(strip_tags(str(value).replace("<", " <"))) if value else ""


def _text_of(instance, field) -> str:
    value = field.value_from_object(instance)
    if isinstance(field, StreamField):
        return " \n".join(str(text) for text in field.stream_block.get_searchable_content(value))
    if isinstance(field, RichTextField):
        return plain_text(value)
    return str(value or "")


def _is_copy_field(field) -> bool:
    """Fields an editor writes visitors' copy in (not links, slugs, choices or numbers)."""
    if isinstance(field, (StreamField, RichTextField)):
        return True
    return (
        isinstance(field, (models.CharField, models.TextField))
        and not isinstance(field, (models.URLField, models.SlugField, models.EmailField))
        and not field.choices
        and field.editable
    )


def page_copy(page, child_rows: dict | None = None) -> list[tuple[str, str, str]]:
    """(field name, label, text) for every piece of copy on the page, child rows included.

    `child_rows` ({relation name: rows}) replaces the stored rows, e.g. with those an editor
    has just submitted.
    """
    pieces = []
    for field in page._meta.concrete_fields:
        inherited_from_page = field.model is Page
        if inherited_from_page and field.name not in BASE_PAGE_TEXT_FIELDS:
            continue
        if _is_copy_field(field):
            pieces.append((field.name, capfirst(field.verbose_name), _text_of(page, field)))
    for relation in get_all_child_relations(page):
        # Relations every page has (sources, editors' comments) aren't the page's own copy.
        if relation.field.remote_field.model is Page:
            continue
        name = relation.get_accessor_name()
        label = capfirst(relation.related_model._meta.verbose_name_plural)
        rows = child_rows[name] if child_rows and name in child_rows else getattr(page, name).all()
        for row in rows:
            for field in row._meta.concrete_fields:
                if _is_copy_field(field):
                    pieces.append((name, label, _text_of(row, field)))
    return pieces


def check_claims(page, phrases: list[str], child_rows: dict | None = None) -> list[ClaimProblem]:
    """Everything the claims check finds on a medical page; nothing on other pages."""
    if not getattr(page, "is_medical_content", False):
        return []
    problems = []
    for name, label, text in page_copy(page, child_rows):
        for phrase in find_banned_phrases(text, phrases):
            problems.append(
                ClaimProblem(
                    name,
                    f"“{label}” says “{phrase}”, a claim medical pages may not make "
                    "(Settings → Claims check). Reword it, e.g. say what the treatment "
                    "can and can't do and that results vary.",
                )
            )
    problems += [ClaimProblem(name, message) for name, message in page.clinical_copy_problems()]
    return problems
