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

INSTALLED_APPS = [
    # The clinic's own apps, one per domain (see README "Where things live").
    "users",
    "clinic",
    "home",
    "services",
    "faqs",
    "contact",
    "search",
    "api",
    # Wagtail
    "wagtail.contrib.settings",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
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
    "rest_framework",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks_db",
    # Security: Content-Security-Policy, admin login throttling (see "Security" below).
    "csp",
    "axes",
    # Django
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    # Serves collected static files (compressed, far-future cached) without a separate web server.
    "whitenoise.middleware.WhiteNoiseMiddleware",
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

# Search runs in the database by default (SQLite FTS5, PostgreSQL full-text). Words are stemmed
# by the site itself (search/text.py), so PostgreSQL uses its "simple" configuration rather
# than stemming a second time. Set SEARCH_BACKEND_URL to use OpenSearch/Elasticsearch instead.
SEARCH_BACKEND_URL = os.environ.get("SEARCH_BACKEND_URL", "")
if SEARCH_BACKEND_URL:
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": os.environ.get("SEARCH_BACKEND", "wagtail.search.backends.elasticsearch9"),
            "URLS": [SEARCH_BACKEND_URL],
            "INDEX": os.environ.get("SEARCH_INDEX", "clinic"),
        }
    }
else:
    WAGTAILSEARCH_BACKENDS = {
        "default": {"BACKEND": "wagtail.search.backends.database", "SEARCH_CONFIG": "simple"},
    }

# Background work (django-tasks). Wagtail's own tasks (search index, references) run at once.
# Consultation notifications use their own backend: with DJANGO_TASKS_WORKER=1 they are queued
# in the database and sent by a separate `manage.py db_worker` process, outside any request;
# otherwise they are sent straight after the request is stored.
IMMEDIATE_TASKS = {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}
TASKS = {
    "default": IMMEDIATE_TASKS,
    "notifications": (
        {"BACKEND": "django_tasks_db.DatabaseBackend"}
        if env_bool("DJANGO_TASKS_WORKER", False)
        else IMMEDIATE_TASKS
    ),
}

# Cache: per process by default. With several gunicorn workers or servers, set REDIS_URL so
# the form's rate limit and the search vocabulary are shared by all of them.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
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

# --- API HTTP caching, CORS and CDN purge (api/http_cache.py) ---

# --- Publish webhooks (api/webhooks.py) ---

# --- Production serving: page cache, health check, storage, error reports (docs/deploy.md) ---

# --- SEO and structured data ---

# --- Clinical review ---
