"""Settings shared by every environment.

Environment-specific modules (dev, test, production) import everything from here and
override only what differs. Values that change between deployments come from
environment variables, read through the small helpers below; the README's
configuration table lists them all.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url

from publishing.frontend_cache_config import frontend_cache_from_env, wildcard_backends
from search.server_config import search_backends_from_env

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent


def env_bool(name: str, default: bool) -> bool:
    """Read a yes/no environment variable ("1", "true", "yes", "on" mean yes)."""
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: list[str]) -> list[str]:
    """Read a comma-separated environment variable into a list, ignoring blanks."""
    value = os.environ.get(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


# Application definition

# Every app, in one literal list (the order matters to template and static lookups: our apps
# first, so their templates and files win over Wagtail's). See docs/architecture.md for the layers.
INSTALLED_APPS = [
    # The clinic's own apps, one per domain, in layers (docs/architecture.md): delivery on top,
    # then the content apps, clinical governance, the practice, and the page base at the bottom.
    "mysite",  # production serving: the page cache, publish-time renditions
    "publishing",  # the one publishing event; the CDN purge and webhooks
    "api",
    "search",
    "demo",
    "home",
    "services",
    "faqs",
    "contact",
    "team",
    "review",
    "clinic",
    "base",
    "users",
    # Wagtail
    "wagtail.contrib.settings",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.api.v2",
    "wagtail",
    "wagtail_headless_preview",
    "rest_framework",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks_db",
    # Security: Content-Security-Policy, admin login throttling, CORS for the API's frontends.
    "csp",
    "axes",
    "corsheaders",
    # Django
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

# The whole stack, outermost first. Each line says why it sits where it does.
MIDDLEWARE = [
    # /healthz for load balancers (mysite/health.py): before host checks and HTTPS redirects.
    "mysite.health.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    # CORS (django-cors-headers) for /api/ only: before whitenoise and CommonMiddleware, which
    # can answer on their own, so every API answer (a 304 too) carries CORS and `Vary: Origin`.
    "corsheaders.middleware.CorsMiddleware",
    # Collected static files (compressed, far-future cached) without a separate web server.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # gzip for pages and API answers (whitenoise has its own for static files). Cached pages
    # come compressed from the page cache; the rest, rendered per visitor (a CSRF token, a
    # session), is padded by a random length against BREACH (Django's "Heal the Breach").
    "django.middleware.gzip.GZipMiddleware",
    # The content version, read once per request (base/content_version.py): the page cache and
    # every per-process cache of derived data check it.
    "base.content_version.VersionMiddleware",
    # Whole-page cache for anonymous visitors (mysite/page_cache.py): a hit skips sessions,
    # CSRF and the view.
    "mysite.page_cache.PageCacheMiddleware",
    # ETag, Cache-Control and 304s for the API (api/http_cache.py): outside sessions, CSRF and
    # CommonMiddleware, so it sees the final body, Vary and cookies.
    "api.http_cache.ApiHttpCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # The admin's own (looser) framing and Content-Security-Policy: mysite/middleware.py.
    "mysite.middleware.AdminFramingMiddleware",
    "mysite.middleware.ClinicCSPMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Must stay last: it turns a locked-out login into a 429 answer.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "mysite.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        # Every template lives in the top-level templates/ folder (house style).
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "clinic.context_processors.site_chrome",
            ],
        },
    },
]

WSGI_APPLICATION = "mysite.wsgi.application"


# Database: DATABASE_URL (e.g. postgres://user:pass@host:5432/name); SQLite file by default.

DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL",
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DJANGO_DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        # Write-ahead logging: readers never wait for a writer (site search records each search,
        # a form stores each request), and a writer waits for another instead of failing.
        # Without it, searches under load waited in SQLite's busy handler, whose sleeps made
        # the slowest searches 4-10 times the median (bench/README.md, "Search under load").
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        # Take the write lock when a transaction starts, so two writers queue instead of one
        # failing with "database is locked" halfway through.
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Staff accounts use our own user model from the first migration, so it can grow later
# (e.g. a job title for the audit log) without the painful swap Django warns about.
AUTH_USER_MODEL = "users.User"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]


# Internationalisation

LANGUAGE_CODE = "en-us"
TIME_ZONE = os.environ.get("DJANGO_TIME_ZONE", "America/Los_Angeles")
USE_I18N = True
USE_TZ = True


# Static files and uploaded media

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles"))
STATIC_URL = "/static/"

MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"

# Serve uploaded media from Django itself. Fine for one machine and the demo; turn it off
# when a web server, object storage or a CDN serves /media/ instead.
SERVE_MEDIA = env_bool("DJANGO_SERVE_MEDIA", True)

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Complex page editors post many fields at once.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000


# Wagtail

WAGTAIL_SITE_NAME = "Clinic website"
WAGTAILIMAGES_IMAGE_MODEL = "clinic.ClinicImage"
# Pages an editor protects (Privacy) ask for a password or a sign-in in the site's own layout.
WAGTAIL_PASSWORD_REQUIRED_TEMPLATE = "pages/password_required.html"  # noqa: S105 (a file)
WAGTAIL_FRONTEND_LOGIN_URL = "/sign-in/"  # mysite/sign_in.py
WAGTAIL_FRONTEND_LOGIN_TEMPLATE = "pages/login.html"  # Wagtail's own /_util/login/, still routed

# Search runs in the database by default (SQLite FTS5, PostgreSQL full-text), through Wagtail's
# database backend subclassed in search/backends/ (it lets PostgreSQL use its GIN indexes and
# SQLite rank each match once: 7-50x faster at 10,000 pages, bench/README.md). Words are stemmed
# by the site itself (base/text.py), so PostgreSQL uses its "simple" configuration rather than
# stemming a second time. SEARCH_BACKEND_URL moves it to OpenSearch/Elasticsearch, with the
# database index kept as the fallback (search/server_config.py).
WAGTAILSEARCH_BACKENDS = search_backends_from_env(os.environ)


def task_backends(worker: bool) -> dict:
    """Background work (django-tasks), the one place its backends are chosen.

    Wagtail's own tasks (search index, references) always run at once. The site's own work
    outside a visitor's request has a backend per kind, so each can have its own worker:
    "notifications" (consultation request emails, contact/tasks.py), "webhooks" (publish
    webhooks, publishing/webhooks.py) and "renditions" (a published page's images,
    mysite/renditions.py). With a worker (DJANGO_TASKS_WORKER=1, production's default) they
    are queued in the database for `manage.py db_worker --backend <kind>`; without one they run
    straight after the change commits.
    """
    immediate = {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}
    queued = {"BACKEND": "django_tasks_db.DatabaseBackend"} if worker else immediate
    return {"default": immediate, "notifications": queued, "webhooks": queued, "renditions": queued}


TASKS = task_backends(worker=env_bool("DJANGO_TASKS_WORKER", False))

# Cache: per process by default. With several gunicorn workers or servers, set REDIS_URL so
# the form's rate limit and the search vocabulary are shared by all of them.
REDIS_URL = os.environ.get("REDIS_URL", "")
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

# Consultation requests: deleted after this many days by `manage.py purge_submissions`, and
# at most this many sent per visitor IP (django-ratelimit syntax, e.g. "5/m").
CONSULTATION_RETENTION_DAYS = int(os.environ.get("CONSULTATION_RETENTION_DAYS", "365"))
CONSULTATION_RATE_LIMIT = os.environ.get("CONSULTATION_RATE_LIMIT", "5/m")
# How many proxies of ours stand in front of the app (see mysite/client_ip.py): the rate limit
# and the login throttling then count the visitor's address, not the proxy's.
TRUSTED_PROXY_COUNT = int(os.environ.get("DJANGO_TRUSTED_PROXY_COUNT", "0"))
RATELIMIT_IP_META_KEY = "mysite.client_ip.client_ip"
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "website@localhost")

# Daily search counts older than this many days are deleted by `manage.py purge_search_stats`.
SEARCH_STATS_RETENTION_DAYS = int(os.environ.get("SEARCH_STATS_RETENTION_DAYS", "90"))

# Absolute base URL of the site, used in admin notification emails and the API's URLs.
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000").rstrip("/")

# Uploads: documents only of these types, at most 10 MB; images at most 10 MB.
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "key", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_EXTENSIONS = ["avif", "gif", "jpg", "jpeg", "png", "webp"]

# Editors in the admin: rich text in the clinic's pages only offers what the design supports
# (see clinic/blocks.py RICH_TEXT_FEATURES).


# Security: headers and login throttling for every environment. The HTTPS-only parts (redirect,
# HSTS, Secure cookies, the proxy header) are in production.py; see README "Security".

# Referrer: other sites learn only our origin, never a path (search terms are health data; the
# search page itself sends no referrer at all to other sites: search/views.py).
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Public pages can't be framed; the admin's preview iframes get SAMEORIGIN (mysite/middleware.py).
X_FRAME_OPTIONS = "DENY"
ADMIN_URL_PREFIX = "/admin/"

# Cookies: never readable from JavaScript (no script of ours reads them; the Wagtail admin takes
# its CSRF token from the page), and not sent on cross-site sub-requests or form posts.
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"

# Content-Security-Policy (django-csp 4). Public pages: our own files only, no inline script or
# style of any kind, no framing. Keep templates free of style="" and on*="" attributes.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    },
}
# The Wagtail admin renders inline scripts and styles, shows uploads as data:/blob: URLs and
# previews pages in same-origin iframes. Still nothing from other origins.
ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", "'unsafe-inline'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "frame-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    },
}
# The admin calls no other site either: no avatars from gravatar.com (it would learn staff
# emails), no "new Wagtail version" check against wagtail.org (upgrades come through
# requirements.txt).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False

# Permissions-Policy: the site needs none of these powerful browser features, nor ad tracking.
PERMISSIONS_POLICY = {
    feature: []
    for feature in [
        "accelerometer",
        "autoplay",
        "browsing-topics",
        "camera",
        "display-capture",
        "encrypted-media",
        "geolocation",
        "gyroscope",
        "hid",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "publickey-credentials-get",
        "serial",
        "usb",
        "xr-spatial-tracking",
    ]
}

# Admin login throttling (django-axes): after DJANGO_AXES_FAILURE_LIMIT wrong passwords for one
# username from one IP address, that pair is refused (HTTP 429) for DJANGO_AXES_COOLOFF_MINUTES.
# Attempts are kept in the database, so every gunicorn worker sees the same count.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: refuses a locked-out pair before anything else
    "django.contrib.auth.backends.ModelBackend",
]
AXES_ENABLED = env_bool("DJANGO_AXES_ENABLED", True)
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_FAILURE_LIMIT = int(os.environ.get("DJANGO_AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("DJANGO_AXES_COOLOFF_MINUTES", "60")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "mysite.client_ip.client_ip"
AXES_LOCKOUT_TEMPLATE = "pages/login_locked.html"


# Logging: everything to stdout/stderr, so gunicorn, systemd or a container collects it.

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
    # Django adds its own console handler to "django" in debug; one line per message is enough.
    "loggers": {"django": {"handlers": ["console"], "level": "INFO", "propagate": False}},
}


# Outgoing email (consultation notifications, admin password resets). The notification never
# carries what a visitor wrote, but use TLS anyway.
EMAIL_HOST = os.environ.get("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = int(
    os.environ.get("DJANGO_EMAIL_PORT", "587" if os.environ.get("DJANGO_EMAIL_HOST") else "25")
)
EMAIL_HOST_USER = os.environ.get("DJANGO_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("DJANGO_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS", bool(os.environ.get("DJANGO_EMAIL_HOST")))
EMAIL_TIMEOUT = 10


# Headless API (api/, docs/api.md): Wagtail API v2 at /api/v2/ plus the clinic's endpoints.
# URLs in API answers are absolute, built from this base.
WAGTAILAPI_BASE_URL = WAGTAILADMIN_BASE_URL
# A listing never returns more than this many items, whatever `limit` asks for.
WAGTAILAPI_LIMIT_MAX = 50
# Rich text comes back as display-ready HTML (internal links resolved), in StreamFields too.
WAGTAILAPI_RICH_TEXT_FORMAT = "html"

# --- API HTTP caching, CORS and CDN purge (api/http_cache.py) ---

# CORS (django-cors-headers): only /api/ URLs, only the frontends listed in
# DJANGO_CORS_ALLOWED_ORIGINS (none by default), without cookies: frontends read anonymously.
CORS_ALLOWED_ORIGINS = env_list("DJANGO_CORS_ALLOWED_ORIGINS", [])
CORS_URLS_REGEX = r"^/api/"
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS", "POST"]  # POST: the consultation form
CORS_ALLOW_HEADERS = ["accept", "content-type", "if-none-match"]
CORS_EXPOSE_HEADERS = ["ETag"]
CORS_ALLOW_CREDENTIALS = False

# ETag, Cache-Control and 304s for public API answers (api/http_cache.py).
# Seconds a browser (max-age) and a CDN or proxy (s-maxage) may reuse an answer, and how long
# after that a cache may still serve it while it fetches a fresh one in the background.
API_CACHE_MAX_AGE = int(os.environ.get("API_CACHE_MAX_AGE", "60"))
API_CACHE_S_MAXAGE = int(os.environ.get("API_CACHE_S_MAXAGE", "300"))
API_CACHE_STALE_WHILE_REVALIDATE = int(os.environ.get("API_CACHE_STALE_WHILE_REVALIDATE", "60"))

# CDN purging on publish (publishing/cdn.py, publishing/frontend_cache_config.py):
# FRONTEND_CACHE_BACKEND (cloudflare, cloudfront or http) and its variables; nothing is purged
# when it is unset. The publishing event purges pages and API answers alike, after the commit;
# Wagtail's own purge-on-publish app (wagtail.contrib.frontend_cache, which purges before the
# commit) is not installed, only its backends are used.
WAGTAILFRONTENDCACHE = frontend_cache_from_env(os.environ)
FRONTEND_CACHE_WILDCARD_BACKENDS = wildcard_backends(WAGTAILFRONTENDCACHE)

# --- Publish webhooks (publishing/webhooks.py) ---
# Publishing, unpublishing, moving or deleting a page, publishing, saving or deleting a snippet,
# or saving a setting POSTs a signed JSON event to each of these URLs (docs/webhooks.md). None
# set: no events at all.
WEBHOOK_URLS = env_list("DJANGO_WEBHOOK_URLS", [])
# The HMAC-SHA256 key receivers check X-Clinic-Signature with. Production refuses to start with
# URLs but no secret; elsewhere nothing is sent without one.
WEBHOOK_SECRET = os.environ.get("DJANGO_WEBHOOK_SECRET", "").strip()
# Seconds to wait for a receiver's answer; retries after a network error or a 5xx, the first
# after WEBHOOK_RETRY_DELAY seconds and each next one twice as late (30 s, 1, 2, 4, 8 min).
WEBHOOK_TIMEOUT = float(os.environ.get("DJANGO_WEBHOOK_TIMEOUT", "5"))
WEBHOOK_RETRIES = int(os.environ.get("DJANGO_WEBHOOK_RETRIES", "5"))
WEBHOOK_RETRY_DELAY = 30.0
# Delivered by the "webhooks" task backend (task_backends above).

# --- Headless preview (api/preview.py, base/preview.py) ---
# The frontend's preview URL, e.g. https://www.clinic.example/preview. Set: the admin's Preview
# opens it with ?content_type=…&token=…, and the frontend reads the draft from
# /api/v2/page_preview/ (its origin must be in DJANGO_CORS_ALLOWED_ORIGINS too). Empty: previews
# are rendered by this site's templates, as always.
HEADLESS_PREVIEW_URL = os.environ.get("DJANGO_HEADLESS_PREVIEW_URL", "").strip()
# Seconds a preview link works; pressing Preview again makes a fresh one.
HEADLESS_PREVIEW_TOKEN_MAX_AGE = int(
    os.environ.get("DJANGO_HEADLESS_PREVIEW_TOKEN_MAX_AGE", "3600")
)
WAGTAIL_HEADLESS_PREVIEW = {
    "CLIENT_URLS": {"default": HEADLESS_PREVIEW_URL} if HEADLESS_PREVIEW_URL else {},
    # A redirect, not the package's iframe (whose inline style the admin would have to allow):
    # Wagtail's preview panel frames the frontend itself.
    "REDIRECT_ON_PREVIEW": True,
    # The URL as configured: it may be a file (…/index.html) or carry a query (?api=…).
    "ENFORCE_TRAILING_SLASH": False,
}
if HEADLESS_PREVIEW_URL:
    from urllib.parse import urlsplit

    from django.core.exceptions import ImproperlyConfigured

    _preview_url = urlsplit(HEADLESS_PREVIEW_URL)
    if _preview_url.scheme not in ("http", "https") or not _preview_url.netloc:
        raise ImproperlyConfigured(
            "DJANGO_HEADLESS_PREVIEW_URL must be an http:// or https:// URL."
        )
    # The admin's preview panel frames the frontend.
    ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"]["frame-src"].append(
        f"{_preview_url.scheme}://{_preview_url.netloc}"
    )

# --- Production serving: page cache, health check, storage, error reports (docs/deploy.md) ---

# Whole-page cache for anonymous visitors (mysite/page_cache.py), on by default. Every stored
# page carries the content version (base/content_version.py), which lives in the database, so
# a publish shows on the next request to any worker or server. Pages are kept in Redis with
# REDIS_URL (shared by every worker), else in each worker's memory (PAGE_CACHE_MAX_PAGES pages
# per worker). DJANGO_PAGE_CACHE_SECONDS=0 turns it off.
PAGE_CACHE_ALIAS = "default" if REDIS_URL else "pages"
PAGE_CACHE_SECONDS = int(os.environ.get("DJANGO_PAGE_CACHE_SECONDS", "600"))
PAGE_CACHE_MAX_PAGES = int(os.environ.get("DJANGO_PAGE_CACHE_MAX_PAGES", "500"))
CACHES["pages"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "pages",
    "OPTIONS": {"MAX_ENTRIES": PAGE_CACHE_MAX_PAGES},
}

# Values derived from content (the menu, the clinic's details, rendered FAQ answers, the JSON-LD,
# routing) kept in each process until the content version changes (base/content_version.py).
CONTENT_CACHES = True

# Sessions (logged-in editors): read from the cache, written through to the database.
if REDIS_URL:
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# Uploaded media in S3-compatible object storage (django-storages) instead of DJANGO_MEDIA_ROOT.
# Credentials come from boto3's usual sources (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, an
# instance role). File names are never reused, so objects may be cached for a year.
MEDIA_S3_BUCKET = os.environ.get("DJANGO_MEDIA_S3_BUCKET", "")
if MEDIA_S3_BUCKET:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": MEDIA_S3_BUCKET,
            "endpoint_url": os.environ.get("DJANGO_MEDIA_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("DJANGO_MEDIA_S3_REGION") or None,
            "custom_domain": os.environ.get("DJANGO_MEDIA_S3_CUSTOM_DOMAIN") or None,
            "location": os.environ.get("DJANGO_MEDIA_S3_PREFIX", "media"),
            "querystring_auth": env_bool("DJANGO_MEDIA_S3_SIGNED_URLS", False),
            "file_overwrite": False,
            "default_acl": None,
            "object_parameters": {"CacheControl": "public, max-age=31536000"},
        },
    }
    SERVE_MEDIA = False

# Logs as one JSON object per line (DJANGO_LOG_FORMAT=json) for log collectors.
if os.environ.get("DJANGO_LOG_FORMAT", "plain").strip().lower() == "json":
    LOGGING["formatters"]["json"] = {"()": "mysite.log_format.JSONFormatter"}
    LOGGING["handlers"]["console"]["formatter"] = "json"

# Error reports to Sentry (or a compatible server) when SENTRY_DSN is set. Without personal
# data, request bodies, query strings, cookies or local variables: they can hold health data.
SENTRY_DSN = os.environ.get("SENTRY_DSN", "")
if SENTRY_DSN:
    from mysite.error_reports import init_sentry

    init_sentry(SENTRY_DSN)

# --- SEO and structured data ---
# Canonical URLs, the sitemap, robots.txt and the JSON-LD are absolute from WAGTAILADMIN_BASE_URL
# (base/seo.py). Renaming or moving a published page adds a redirect from its old address
# (Wagtail's default, stated here because marketers rely on it: README, "Editing the site").
WAGTAILREDIRECTS_AUTO_CREATE = True
