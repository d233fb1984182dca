from django.conf import settings
from django.templatetags.static import static
from django.urls import include, path, re_path
from django.views.generic import RedirectView
from django.views.static import serve
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.urls import serve_pattern

from api import urls as api_urls
from base.views import robots_txt
from mysite import errors, page_routing
from mysite.sign_in import SignInView
from search import views as search_views


class FaviconRedirect(RedirectView):
    """Browsers and crawlers ask for /favicon.ico whatever the page says: point them at ours."""

    permanent = True

    def get_redirect_url(self, *args, **kwargs):
        return static("favicon.svg")  # resolved per request: hashed names need the manifest


urlpatterns = [
    path("favicon.ico", FaviconRedirect.as_view()),
    # For search engines: what to crawl (base/views.py) and every public page with its date.
    path("robots.txt", robots_txt, name="robots_txt"),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    # Visitors sign in here for pages an editor made private (mysite/sign_in.py).
    path("sign-in/", SignInView.as_view(), name="sign_in"),
    path("search/", search_views.search, name="search"),
    path("search/suggest/", search_views.suggest, name="search_suggest"),
    # The headless JSON API (docs/api.md).
    path("api/v2/", include(api_urls)),
]

if settings.SERVE_MEDIA:
    # Uploaded images for a one-machine deployment; see DJANGO_SERVE_MEDIA in the README.
    media_prefix = settings.MEDIA_URL.lstrip("/")
    urlpatterns += [
        re_path(rf"^{media_prefix}(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}),
    ]

urlpatterns += [
    # Everything else is a Wagtail page; this must stay last. Pages are found from a table
    # kept per content version (mysite/page_routing.py), else by Wagtail's own routing.
    # Wagtail's own /_util/ views (the password form of a private page) stay Wagtail's.
    re_path(serve_pattern.replace("^", "^(?!_util/)", 1), page_routing.serve, name="page"),
    path("", include(wagtail_urls)),
]

handler500 = errors.server_error
