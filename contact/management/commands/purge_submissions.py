"""Delete consultation requests older than CONSULTATION_RETENTION_DAYS. Run it daily (cron)."""

from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from contact.models import ConsultationRequest


class Command(BaseCommand):
    help = "Delete consultation requests older than the retention period."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=settings.CONSULTATION_RETENTION_DAYS,
            help="Keep this many days of requests (default: CONSULTATION_RETENTION_DAYS).",
        )

    def handle(self, *args, days, **options):
        cutoff = timezone.now() - timedelta(days=days)
        deleted, _ = ConsultationRequest.objects.filter(submit_time__lt=cutoff).delete()
        self.stdout.write(f"Deleted {deleted} consultation requests older than {days} days.")
