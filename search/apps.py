from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = "Site search"

    def ready(self):
        from django.db.models.signals import post_delete, post_save
        from wagtail.models import PageViewRestriction
        from wagtail.signals import (
            page_published,
            page_unpublished,
            post_page_move,
            published,
            unpublished,
        )

        from faqs.models import FAQ
        from search.invalidation import content_changed
        from search.models import SynonymGroup

        # Typo correction learns new words, and cached results make way for fresh ones, as
        # soon as content is published, unpublished, moved (new URLs) or made private.
        for signal in (page_published, page_unpublished, published, unpublished, post_page_move):
            signal.connect(content_changed, dispatch_uid=f"search-content-{id(signal)}")
        for sender in (SynonymGroup, PageViewRestriction):
            for signal in (post_save, post_delete):
                signal.connect(
                    content_changed,
                    sender=sender,
                    dispatch_uid=f"search-{sender.__name__}-{id(signal)}",
                )
        # Deleting a published FAQ sends no `unpublished`.
        post_delete.connect(content_changed, sender=FAQ, dispatch_uid="search-faq-deleted")
