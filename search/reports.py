"""Admin report 'Search terms': what visitors searched for, and how often they found nothing."""

from django.db.models import Sum
from django_filters import BooleanFilter, DateFromToRangeFilter
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column, NumberColumn

from base.admin_reports import PermissionReportView, report_menu_item, report_urls
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


class SearchTermsReportView(PermissionReportView):
    permission = VIEW_PERMISSION
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


def search_terms_urls():
    return report_urls(SearchTermsReportView, "reports/search-terms/")


def search_terms_menu_item():
    return report_menu_item(
        SearchTermsReportView, "Search terms", name="clinic-search-terms", order=1300
    )
