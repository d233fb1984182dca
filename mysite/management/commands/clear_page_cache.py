"""Make every page in the page cache stale at once, on every server sharing the cache.

Publishing already does this; use it after changing something the cache can't see, such as
a template edited on a live server without a new release.
"""

from django.core.management.base import BaseCommand

from mysite.page_cache import bump_content_version


class Command(BaseCommand):
    help = "Invalidate every cached page (bumps the page cache's content version)."

    def handle(self, *args, **options):
        bump_content_version()
        self.stdout.write("Page cache invalidated.")
