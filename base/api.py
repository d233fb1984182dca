"""What every API endpoint checks of its requests: a clear 400 or 404, never a 500.

- `BoundedNumbersMixin` for the v2 viewsets: ids, offsets and query text no database row can
  match.
- `unknown_parameters_response` for plain JSON views.

(Imported by views only: Wagtail's API utilities need the models loaded. The serializer fields
page models use are in base/serializers.py.)
"""

import re

from django.core.exceptions import ValidationError
from django.http import Http404, JsonResponse
from wagtail.api.v2.utils import BadRequestError

from base.text import MAX_QUERY_LENGTH


def unknown_parameters_response(request, allowed=frozenset()) -> JsonResponse | None:
    """A 400 naming the parameters this endpoint doesn't understand, or None if all are known."""
    unknown = sorted(set(request.GET) - set(allowed))
    if unknown:
        return JsonResponse(
            {"message": f"query parameter is not recognised: {', '.join(unknown)}"}, status=400
        )
    return None


# Numbers in API requests that no database row can match. Wagtail's v2 endpoints turn `offset`,
# `child_of`, `ancestor_of`, `descendant_of`, `translation_of` and the id in `/pages/<id>/` into
# Python ints of any size and pass them to the database; SQLite can't even compare one past
# 2**63 ("Python int too large to convert to SQLite INTEGER"), and PostgreSQL rejects one past
# 2**63 - 1 for a bigint. Found by the schemathesis contract test
# (tests/browser/test_api_contract.py).

# Larger than any id or offset this site will see, far below what a database can't handle.
LARGEST = 999_999_999
PAGE_ID_PARAMETERS = ("child_of", "ancestor_of", "descendant_of", "translation_of")


_PLAIN_ID = re.compile(r"[0-9]{1,9}")
SEARCH_OPERATORS = ("and", "or")


def as_int(raw) -> int | None:
    try:
        return int(raw)
    except (TypeError, ValueError):
        return None  # not a number: Wagtail's own check answers it with a 400


def is_plain_id(raw: str) -> bool:
    """ASCII digits only: `int()` also accepts '²', '٣' and ' 4 ', which no id is."""
    return bool(_PLAIN_ID.fullmatch(raw))


def has_control_characters(text: str) -> bool:
    return any(ord(character) < 32 for character in text)


class BoundedNumbersMixin:
    """For a v2 viewset: refuse ids and offsets past LARGEST before they reach the database,
    and query text no field can hold (PostgreSQL refuses a NUL byte in any text: a DataError)."""

    bounded_parameters = ("offset", *PAGE_ID_PARAMETERS)

    def initial(self, request, *args, **kwargs):
        # Before any view runs: listings build their queryset from ?type, ?site and ?locale
        # before check_query_parameters, and the find and detail views never call it.
        super().initial(request, *args, **kwargs)
        for name, values in request.GET.lists():
            if has_control_characters(name):
                raise BadRequestError("query parameter names may not contain control characters")
            if any(map(has_control_characters, values)):
                raise BadRequestError(f"{name} may not contain control characters")

    def check_query_parameters(self, queryset):
        for name in self.bounded_parameters:
            number = as_int(self.request.GET.get(name))
            if number is not None and abs(number) > LARGEST:
                raise BadRequestError(f"{name} cannot be higher than {LARGEST}")
        search = self.request.GET.get("search")
        # The database's full-text parser fails on a lone quote in some engines (a NUL byte or
        # other control character never gets here: initial() refuses it in any parameter).
        if search is not None and '"' in search:
            raise BadRequestError("search may not contain quotes or control characters")
        # Each word nests the search backend's query one level deeper: ~450 words exhaust
        # Python's recursion limit. (The site search reads no further either; it shortens a
        # longer query where the API, a contract for programs, says so.)
        if search is not None and len(search) > MAX_QUERY_LENGTH:
            raise BadRequestError(f"search may be at most {MAX_QUERY_LENGTH} characters long")
        operator = self.request.GET.get("search_operator")
        if operator is not None and operator not in SEARCH_OPERATORS:
            raise BadRequestError("search_operator must be 'and' or 'or'")
        super().check_query_parameters(queryset)

    def filter_queryset(self, queryset):
        # Wagtail turns ?<field>=<value> into a filter; a value of the wrong type for the field
        # (a date field given 'notadate') raises Django's ValidationError: a 400, not a 500.
        try:
            return super().filter_queryset(queryset)
        except (ValidationError, ValueError) as exc:
            raise BadRequestError("a filter value doesn't fit its field's type") from exc

    def find_view(self, request):
        raw = request.GET.get("id")
        if raw is not None and not is_plain_id(raw):
            raise Http404("not found")
        return super().find_view(request)

    def detail_view(self, request, pk):
        if abs(int(pk)) > LARGEST:
            raise Http404("not found")
        return super().detail_view(request, pk)
