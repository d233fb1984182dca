"""Admin report 'Search terms': what visitors searched for, and how often they found nothing."""

from django.db.models import Sum
from django.urls import path, reverse
from django_filters import BooleanFilter, DateFromToRangeFilter
from wagtail.admin.auth import permission_denied
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, NumberColumn
from wagtail.admin.views.reports import ReportView

from search.models import DailySearchCount

VIEW_PERMISSION = "search.view_dailysearchcount"


class SearchTermsFilterSet(WagtailFilterSet):
    date = DateFromToRangeFilter(label="Date", widget=DateRangePickerWidget)
    found_nothing = BooleanFilter(
        label="Only searches that found nothing", method="filter_found_nothing"
    )

    class Meta:
        model = DailySearchCount
        fields = []

    def filter_found_nothing(self, queryset, name, value):
        return queryset.filter(searches_without_results__gt=0) if value else queryset


class SearchTermsReportView(ReportView):
    page_title = "Search terms"
    header_icon = "search"
    filterset_class = SearchTermsFilterSet
    index_url_name = "search_terms_report"
    index_results_url_name = "search_terms_report_results"
    default_ordering = "-total_searches"
    columns = [
        Column("query", label="Search", sort_key="query"),
        NumberColumn("total_searches", label="Searches", sort_key="total_searches"),
        NumberColumn(
            "total_without_results",
            label="Searches that found nothing",
            sort_key="total_without_results",
        ),
    ]
    list_export = ["query", "total_searches", "total_without_results"]
    export_headings = {
        "query": "Search",
        "total_searches": "Searches",
        "total_without_results": "Searches that found nothing",
    }

    def get_filterset_kwargs(self):
        kwargs = super().get_filterset_kwargs()
        kwargs["queryset"] = DailySearchCount.objects.all()
        return kwargs

    def get_base_queryset(self):
        return DailySearchCount.objects.all()

    def get_queryset(self):
        # Filter the daily rows first (dates, found nothing), then add them up per search.
        rows = self.filter_queryset(self.get_base_queryset())
        totals = rows.values("query").annotate(
            total_searches=Sum("searches"), total_without_results=Sum("searches_without_results")
        )
        ordered = self.order_queryset(totals)
        return ordered.order_by(*ordered.query.order_by, "query")

    def get_filtered_queryset(self):
        return self.get_queryset()

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(VIEW_PERMISSION):
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)


class SearchTermsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(VIEW_PERMISSION)


def search_terms_urls():
    view = SearchTermsReportView
    return [
        path("reports/search-terms/", view.as_view(), name=view.index_url_name),
        path(
            "reports/search-terms/results/",
            view.as_view(results_only=True),
            name=view.index_results_url_name,
        ),
    ]


def search_terms_menu_item():
    return SearchTermsMenuItem(
        "Search terms",
        reverse(SearchTermsReportView.index_url_name),
        name="clinic-search-terms",
        icon_name="search",
        order=1300,
    )
