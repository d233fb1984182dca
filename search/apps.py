from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = "Site search"

    def ready(self):
        from base.content import content_changed, content_changing
        from search.invalidation import forget_everything_cached

        # Typo correction learns new words, and cached results make way for fresh ones, with
        # every change visitors can see (the publishing event): at once, so the same request
        # already searches the new content, and again once it has committed.
        content_changing.connect(forget_everything_cached, dispatch_uid="search.forget-now")
        content_changed.connect(forget_everything_cached, dispatch_uid="search.forget-committed")
