"""Make every cached page and derived value stale at once, on every worker and server.

Publishing already does this; use it after changing something the content version can't see,
such as a template edited on a live server without a new release.
"""

from django.core.management.base import BaseCommand

from base import content_version


class Command(BaseCommand):
    help = "Invalidate every cached page (bumps the content version)."

    def handle(self, *args, **options):
        content_version.bump()
        self.stdout.write("Page cache invalidated.")
