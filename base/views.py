"""robots.txt: what crawlers may read, and where the sitemap is."""

from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from base.site_urls import absolute_url

# Kept out of search engines: the admin; search results (their URLs hold what patients
# searched for, and a results page is no answer of its own); the JSON API, which serves the
# same content as the pages for apps rather than people.
DISALLOWED_PREFIXES = ["/admin/", "/search/", "/api/"]


@require_GET
@cache_control(max_age=3600, public=True)
def robots_txt(request):
    lines = ["User-agent: *"]
    lines += [f"Disallow: {prefix}" for prefix in DISALLOWED_PREFIXES]
    lines += ["", f"Sitemap: {absolute_url(reverse('sitemap'))}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
