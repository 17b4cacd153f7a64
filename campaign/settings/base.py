"""Settings shared by every environment.

Configuration comes from the environment, read here and in the other modules of this package
with the env_* helpers below. docs/configuration.md lists every variable with its default and
meaning; tests/campaign/test_configuration_docs.py keeps that table and the code in step.
"""

import os
from pathlib import Path

from csp.constants import NONCE

from campaign.public_url import parse_public_url

from .environment import env_bool, env_int, env_list, env_rate, env_str
from .services import (
    box_cache_database,
    caches_config,
    database_config,
    frontend_cache_config,
    generation_file,
)

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent
VAR_DIR = Path(os.environ.get("CAMPAIGN_VAR_DIR", BASE_DIR / "var"))


SECRET_KEY = env_str("DJANGO_SECRET_KEY")
# After a rotation, what was signed with the old key (emailed confirmation links, open forms,
# sessions) keeps working until it expires; docs/deploy.md says when to drop the old key.
SECRET_KEY_FALLBACKS = env_list("DJANGO_SECRET_KEY_FALLBACKS")
DEBUG = env_bool("DJANGO_DEBUG", False)
# scheme://host[:port] with no trailing slash, exactly as the default Site's root_url reads
# once `manage.py set_site_url` has run (campaign/public_url.py).
PUBLIC_URL = parse_public_url(env_str("PUBLIC_URL") or "http://127.0.0.1:8000").url
ALLOWED_HOSTS = env_list(
    "ALLOWED_HOSTS",
    dict.fromkeys(["localhost", "127.0.0.1", "[::1]", parse_public_url(PUBLIC_URL).hostname]),
)
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "campaign.accounts",
    "home",
    "signatories",
    "wagtail_modeladmin",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "csp",
    "wagtail.contrib.frontend_cache",
    # Page translation segment by segment (docs/translators.md); its locales app replaces
    # wagtail.locales.
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Outside the policy headers' middlewares (as Django's cache middleware goes first), so a
    # page is stored with their headers; before sessions and CSRF: a hit costs a static file's.
    "campaign.caching.page_cache.PageCacheMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "campaign.middleware.ContentSecurityPolicyMiddleware",
    # Refuses forms not in UTF-8 and bodies over their limit, before anything reads them.
    "campaign.request_limits.RequestLimitsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # After sessions, before common: activates the language of the /es/ prefix (or English).
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    # After CSRF, which gives each visitor their own token for the stored blank join form.
    "campaign.caching.form_copy.FormCopyMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, so it turns a locked-out login into its lockout response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "campaign.urls"
WSGI_APPLICATION = "campaign.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "home.context_processors.organizer",
            ],
        },
    },
]


DATABASES = {"default": database_config(VAR_DIR), "cache": box_cache_database(VAR_DIR)}
# The "cache" database holds the cache table of campaign/cache_backends/box.py, nothing else.
DATABASE_ROUTERS = ["campaign.cache_backends.box.BoxCacheRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"


# What each cache holds and which processes share it: campaign/settings/services.py.
CACHES = caches_config(VAR_DIR)
CACHE_GENERATION_FILE = generation_file(VAR_DIR)
# Seconds a whole statement page is kept at most (0: never cached). Changes invalidate it at
# once; this bounds only what no signal reports (e.g. SQL run by hand).
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 3600)
# s-maxage for a CDN in front (0: none); it is purged on changes (WAGTAILFRONTENDCACHE).
PAGE_CACHE_CDN_SECONDS = env_int("PAGE_CACHE_CDN_SECONDS", 0)


WAGTAILFRONTENDCACHE = frontend_cache_config()
# Sessions (editors only: public pages set none) live in the database alone, so a logout ends
# the session in every process and on every server at once, even one whose cache was down
# at the time; a session costs one query per admin request.
SESSION_ENGINE = "django.contrib.sessions.backends.db"

# Axes checks every login attempt first: failures lock one client address out of one account
# name, so no one elsewhere locks the editor out; a ceiling on all clients' failures together
# (campaign/accounts/login_limits.py) stops guessing from many addresses.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # Django's ModelBackend, refusing well-known passwords whenever DEBUG is off.
    "campaign.accounts.backends.WellKnownPasswordRefusingBackend",
]
LOGIN_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
LOGIN_GLOBAL_FAILURE_LIMIT = env_rate("LOGIN_GLOBAL_FAILURE_LIMIT", "30/900")
AXES_FAILURE_LIMIT = "campaign.accounts.login_limits.failure_limit"
AXES_COOLOFF_TIME = env_int("LOGIN_COOLOFF_MINUTES", 15) / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["ip_address", "username"]]
# The same client address the join form's rate limit uses: trusted proxies only.
AXES_CLIENT_IP_CALLABLE = "campaign.rate_limits.client_ip"
AXES_RESET_ON_SUCCESS = True
# Failed logins are rows in the database, counted for every process and server alike.
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_VERBOSE = False
# Password reset emails go through the task worker, so many per window to one address and
# from one client at most (campaign/accounts/password_reset.py).
WAGTAILADMIN_USER_PASSWORD_RESET_FORM = "campaign.accounts.password_reset.QueuedPasswordResetForm"  # noqa: S105
PASSWORD_RESET_RATE_LIMIT = env_rate("PASSWORD_RESET_RATE_LIMIT", "3/3600")
PASSWORD_RESET_CLIENT_RATE_LIMIT = env_rate("PASSWORD_RESET_CLIENT_RATE_LIMIT", "10/3600")

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# English at /, Spanish at /es/ (campaign/urls.py); editors translate pages with
# wagtail-localize ("Translate this page", then segment by segment; "Sync translated pages"
# brings English changes over). Interface strings live in locale/.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("es", "Español")]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [PROJECT_DIR / "static"]
STATIC_ROOT = VAR_DIR / "static"
STATIC_URL = "/static/"
MEDIA_ROOT = VAR_DIR / "media"
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# The page editor posts one field per block; long statements exceed Django's 1000.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Email: SMTP settings from the environment; dev swaps in the console backend.
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = 10
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "campaign@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "signatories": {"level": env_str("CAMPAIGN_LOG_LEVEL", "INFO")},
        "home": {"level": env_str("CAMPAIGN_LOG_LEVEL", "INFO")},
        "campaign": {"level": env_str("CAMPAIGN_LOG_LEVEL", "INFO")},
    },
}

# Background work (emails, Wagtail's index updates) is queued in the database and run by
# `manage.py db_worker`, so a slow mail server never slows a request.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# After this long without a sign of the worker, the admin shows it in a warning style and
# `check --deploy` warns (home.worker_status): emails and other background work wait for it.
TASK_WORKER_STALE_MINUTES = env_int("TASK_WORKER_STALE_MINUTES", 10)

# Security headers. Public pages run no inline script (a nonce where one is needed); Wagtail's
# admin needs inline scripts and styles, so it gets its own, looser policy
# (campaign.middleware.ContentSecurityPolicyMiddleware picks by path).
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
PERMISSIONS_POLICY = {
    "camera": [],
    "microphone": [],
    "geolocation": [],
    "payment": [],
    "usb": [],
    "browsing-topics": [],
}
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", NONCE],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}
ADMIN_URL_PREFIX = "/admin/"
ADMIN_CONTENT_SECURITY_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'", "'unsafe-inline'", "'unsafe-eval'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:", "https:"],
    "font-src": ["'self'", "data:"],
    "connect-src": ["'self'"],
    "frame-src": ["'self'", "https:"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'self'"],
    "base-uri": ["'self'"],
    "object-src": ["'none'"],
}

# Wagtail
WAGTAIL_SITE_NAME = env_str("WAGTAIL_SITE_NAME", "Coalition Statement")
WAGTAILADMIN_BASE_URL = env_str("WAGTAILADMIN_BASE_URL") or PUBLIC_URL
# Editors' avatars are Wagtail's own: a Gravatar image would send a hash of each editor's
# address to a third party on every admin page (and shows broken where it is blocked).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Approving a review's last task publishes the page: Reviewers hold no publish permission
# (home/migrations/0005), so that they cannot publish, unpublish or delete outside a review.
WAGTAIL_FINISH_WORKFLOW_ACTION = "home.workflows.publish_approved"
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "txt", "xlsx"]
# No SVG: an uploaded SVG can carry script.
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
# Every image upload view builds its form on this one: a file Pillow will not decode (a PNG
# whose chunks inflate far beyond its size) is a form error there, not a 500.
WAGTAILIMAGES_IMAGE_FORM_BASE = "campaign.images.ImageForm"

# The public forms (their limits, the emails they cause, how long contact details stay) and
# request bodies (how large, and who may send files), each in a module of its own.
from .public_forms import *  # noqa: E402, F403
from .request_bodies import *  # noqa: E402, F403
