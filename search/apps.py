from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = "Site search"

    def ready(self):
        from django.db.models.signals import post_delete, post_save
        from wagtail.signals import page_published, page_unpublished, published, unpublished

        from search.models import SynonymGroup
        from search.vocabulary import forget_vocabulary

        # Typo correction learns new words as soon as they are published.
        for signal in (page_published, page_unpublished, published, unpublished):
            signal.connect(forget_vocabulary, dispatch_uid=f"search-vocabulary-{id(signal)}")
        for signal in (post_save, post_delete):
            signal.connect(
                forget_vocabulary, sender=SynonymGroup, dispatch_uid=f"search-synonyms-{id(signal)}"
            )
