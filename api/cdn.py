"""CDN purging beyond Wagtail's own: the listings, endpoints and pages that show a change.

Wagtail purges a published or unpublished page's own URLs (wagtail.contrib.frontend_cache) and,
with WAGTAILAPI_USE_FRONTENDCACHE, its /api/v2/pages/<id>/. Everything else that shows the
change is purged here:

- A page published or unpublished (deleting a live page unpublishes it): the pages and FAQs
  listings (FAQs name their services); its ancestors' pages and API details (section listings,
  the home page's featured services); its descendants' pages and API details (breadcrumbs and
  `meta.parent` name it).
  - The home page or one of its children (the menu): also navigation and settings (they link
    to these pages) and every page (the header's menu).
  - A service page: also the contact page (the form lists the services) and the details of
    its FAQs (they list their services).
- An FAQ published, unpublished or deleted: the FAQs listing and its detail, the pages listing,
  the FAQ page, and its service pages (those it was on before and after) with their details.
- An FAQ category saved or deleted: the FAQs listing, its FAQs' details, the FAQ page and the
  service pages showing its FAQs.
- A provider saved or deleted: the team page and the medical pages naming them as author or
  reviewer (HTML and API details).
- Clinic details saved: the settings endpoint and every page (header and footer).

Search answers are never stored by a CDN (api/http_cache.py), so there is nothing to purge.

Purges are sent once the database transaction has committed: a CDN that re-fetched before then
would store the old content again. Nothing is worked out when no CDN is configured
(WAGTAILFRONTENDCACHE empty), and a failure is logged, never raised: purging must not stop
anyone publishing.

Query strings: a CDN keeps `/api/v2/pages/?type=…` apart from `/api/v2/pages/`, and a purge by
URL reaches only the exact URL. CloudFront invalidations accept a trailing `*`, which covers every
query string, so the backends in FRONTEND_CACHE_WILDCARD_BACKENDS also get `<listing>*`. Other
CDNs keep those copies until API_CACHE_S_MAXAGE runs out.
"""

import logging

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.db.models.signals import post_delete, post_save, pre_delete, pre_save
from django.dispatch import receiver
from django.urls import reverse
from wagtail.api.utils import get_base_url
from wagtail.contrib.frontend_cache.utils import PurgeBatch, purge_urls_from_cache
from wagtail.models import Page, Site
from wagtail.signals import page_published, page_unpublished, published, unpublished

from clinic.models import ClinicSettings, Provider
from contact.models import ContactPage
from faqs.models import FAQ, FAQCategory, FAQIndexPage
from services.models import ServicePage
from team.models import TeamPage

logger = logging.getLogger(__name__)

PAGES_LISTING = "wagtailapi_v2:pages:listing"
PAGE_DETAIL = "wagtailapi_v2:pages:detail"
FAQS_LISTING = "wagtailapi_v2:faqs:listing"
FAQ_DETAIL = "wagtailapi_v2:faqs:detail"
SETTINGS = "api_settings"
NAVIGATION = "api_navigation"


def cdn_configured() -> bool:
    return bool(getattr(settings, "WAGTAILFRONTENDCACHE", None))


def api_url(name: str, *args) -> str:
    return get_base_url() + reverse(name, args=args)


class Purge:
    """The URLs one change makes stale, worked out now and purged after the commit."""

    def __init__(self):
        self.batch = PurgeBatch()
        self.listings: set[str] = set()

    def api(self, name: str, *args) -> None:
        self.batch.add_url(api_url(name, *args))

    def api_listing(self, name: str) -> None:
        url = api_url(name)
        self.batch.add_url(url)
        self.listings.add(url)

    def pages(self, pages) -> None:
        self.batch.add_pages(pages)

    def page_details(self, pages) -> None:
        for page in pages:
            self.api(PAGE_DETAIL, page.pk)

    def send_after_commit(self) -> None:
        transaction.on_commit(self.send)

    def send(self) -> None:
        try:
            self.batch.purge()
            wildcard_backends = list(getattr(settings, "FRONTEND_CACHE_WILDCARD_BACKENDS", []))
            if self.listings and wildcard_backends:
                wildcards = sorted(url + "*" for url in self.listings)
                purge_urls_from_cache(wildcards, backends=wildcard_backends)
        except Exception:
            logger.exception("Could not purge %d URLs from the CDN", len(self.batch.urls))


def purge_for(describe, instance) -> None:
    """Work out what `instance` changed with `describe(purge, instance)`, then purge it."""
    if not cdn_configured():
        return
    try:
        purge = Purge()
        describe(purge, instance)
    except Exception:
        logger.exception("Could not work out CDN purges for %s", type(instance).__name__)
        return
    purge.send_after_commit()


def every_public_page():
    return Page.objects.live().public()


def describe_page_change(purge: Purge, page) -> None:
    purge.api_listing(PAGES_LISTING)
    purge.api_listing(FAQS_LISTING)
    ancestors = list(page.get_ancestors().filter(depth__gt=1))
    purge.pages(ancestors)
    purge.page_details(ancestors)
    descendants = list(page.get_descendants().live())
    purge.pages(descendants)  # their breadcrumbs name it
    purge.page_details(descendants)  # their meta.parent names it
    site_roots = set(Site.objects.values_list("root_page_id", flat=True))
    if page.pk in site_roots or (ancestors and ancestors[-1].pk in site_roots):
        purge.api(NAVIGATION)
        purge.api(SETTINGS)
        purge.pages(every_public_page())
    if isinstance(page, ServicePage):
        purge.pages(ContactPage.objects.live())
        # FAQ details list the services they belong to.
        for faq_id in FAQ.objects.filter(related_services=page.pk).values_list("pk", flat=True):
            purge.api(FAQ_DETAIL, faq_id)


def describe_faq_change(purge: Purge, faq: FAQ) -> None:
    purge.api_listing(FAQS_LISTING)
    purge.api(FAQ_DETAIL, faq.pk)
    purge.api_listing(PAGES_LISTING)
    service_ids = {service.pk for service in faq.related_services.all()}
    service_ids |= getattr(faq, "_service_ids_before_save", set())
    services = list(ServicePage.objects.filter(pk__in=service_ids))
    purge.pages(services)
    purge.page_details(services)
    purge.pages(FAQIndexPage.objects.live())


def describe_faq_category_change(purge: Purge, category: FAQCategory) -> None:
    purge.api_listing(FAQS_LISTING)
    purge.pages(FAQIndexPage.objects.live())
    # Service pages show their FAQs with the category's name, and so do the FAQs' details.
    faq_ids = list(FAQ.objects.filter(category=category.pk).values_list("pk", flat=True))
    for faq_id in faq_ids:
        purge.api(FAQ_DETAIL, faq_id)
    services = list(ServicePage.objects.live().filter(faqs__in=faq_ids).distinct())
    purge.pages(services)
    purge.page_details(services)


def describe_provider_change(purge: Purge, provider: Provider) -> None:
    """The team page lists providers; medical pages name their author and reviewer."""
    pages = list(TeamPage.objects.live())
    pages += list(
        ServicePage.objects.live().filter(Q(author=provider.pk) | Q(medical_reviewer=provider.pk))
    )
    purge.pages(pages)
    purge.page_details(pages)
    purge.api_listing(PAGES_LISTING)


def describe_clinic_settings_change(purge: Purge, clinic_settings: ClinicSettings) -> None:
    purge.api(SETTINGS)
    purge.pages(every_public_page())


@receiver(page_published, dispatch_uid="cdn-page-published")
@receiver(page_unpublished, dispatch_uid="cdn-page-unpublished")
def page_changed(sender, instance, **kwargs):
    purge_for(describe_page_change, instance)


@receiver(pre_save, sender=FAQ, dispatch_uid="cdn-faq-before-save")
def remember_faq_services(sender, instance, raw=False, **kwargs):
    # Publishing may take an FAQ off a service page: that page must be purged too, but after
    # the save only the new list is left.
    if cdn_configured() and instance.pk and not raw:
        before = ServicePage.objects.filter(faqs=instance.pk).values_list("pk", flat=True)
        instance._service_ids_before_save = set(before)


@receiver(published, sender=FAQ, dispatch_uid="cdn-faq-published")
@receiver(unpublished, sender=FAQ, dispatch_uid="cdn-faq-unpublished")
@receiver(pre_delete, sender=FAQ, dispatch_uid="cdn-faq-deleted")
def faq_changed(sender, instance, **kwargs):
    purge_for(describe_faq_change, instance)


@receiver(post_save, sender=FAQCategory, dispatch_uid="cdn-faq-category-saved")
@receiver(post_delete, sender=FAQCategory, dispatch_uid="cdn-faq-category-deleted")
def faq_category_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        purge_for(describe_faq_category_change, instance)


@receiver(post_save, sender=Provider, dispatch_uid="cdn-provider-saved")
@receiver(pre_delete, sender=Provider, dispatch_uid="cdn-provider-deleted")
def provider_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        purge_for(describe_provider_change, instance)


@receiver(post_save, sender=ClinicSettings, dispatch_uid="cdn-clinic-settings-saved")
def clinic_settings_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        purge_for(describe_clinic_settings_change, instance)
