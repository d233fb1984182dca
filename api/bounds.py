"""Numbers in API requests that no database row can match: a 400 or 404, never a 500.

Wagtail's v2 endpoints turn `offset`, `child_of`, `ancestor_of`, `descendant_of`,
`translation_of` and the id in `/pages/<id>/` into Python ints of any size and pass them to
the database; SQLite can't even compare one past 2**63 ("Python int too large to convert to
SQLite INTEGER"), and PostgreSQL rejects one past 2**63 - 1 for a bigint. Found by the
schemathesis contract test (tests/browser/test_api_contract.py).
"""

from django.http import Http404
from wagtail.api.v2.utils import BadRequestError

# Larger than any id or offset this site will see, far below what a database can't handle.
LARGEST = 999_999_999
PAGE_ID_PARAMETERS = ("child_of", "ancestor_of", "descendant_of", "translation_of")


def as_int(raw) -> int | None:
    try:
        return int(raw)
    except (TypeError, ValueError):
        return None  # not a number: Wagtail's own check answers it with a 400


class BoundedNumbersMixin:
    """For a v2 viewset: refuse ids and offsets past LARGEST before they reach the database."""

    bounded_parameters = ("offset", *PAGE_ID_PARAMETERS)

    def check_query_parameters(self, queryset):
        for name in self.bounded_parameters:
            number = as_int(self.request.GET.get(name))
            if number is not None and abs(number) > LARGEST:
                raise BadRequestError(f"{name} cannot be higher than {LARGEST}")
        super().check_query_parameters(queryset)

    def find_view(self, request):
        number = as_int(request.GET.get("id"))
        if number is not None and abs(number) > LARGEST:
            raise Http404("not found")
        return super().find_view(request)

    def detail_view(self, request, pk):
        if abs(int(pk)) > LARGEST:
            raise Http404("not found")
        return super().detail_view(request, pk)
