"""Delete daily search counts older than SEARCH_STATS_RETENTION_DAYS. Run it daily (cron)."""

from django.conf import settings
from django.core.management.base import BaseCommand

from search.stats import purge_old_counts


class Command(BaseCommand):
    help = "Delete daily search counts older than the retention period."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=settings.SEARCH_STATS_RETENTION_DAYS,
            help="Keep this many days (default: SEARCH_STATS_RETENTION_DAYS).",
        )

    def handle(self, *args, days, **options):
        deleted = purge_old_counts(days)
        self.stdout.write(f"Deleted {deleted} daily search counts older than {days} days.")
