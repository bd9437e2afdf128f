"""Django settings for nhiemvu.

Configured from the environment so one build runs on a laptop (SQLite file in the
data directory) and on a server (PostgreSQL by URL):

- NHIEMVU_DATA_DIR       data directory (database file, stored documents, uploads); default ./data
- NHIEMVU_DATABASE_URL   e.g. postgresql://user:pass@host:5432/nhiemvu; default SQLite in the data dir
- NHIEMVU_SECRET_KEY     required when NHIEMVU_DEBUG is off
- NHIEMVU_DEBUG          "1" for development
- NHIEMVU_ALLOWED_HOSTS  comma-separated host names
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(os.environ.get("NHIEMVU_DATA_DIR", Path.cwd() / "data")).resolve()

DEBUG = os.environ.get("NHIEMVU_DEBUG", "0") == "1"
SECRET_KEY = os.environ.get("NHIEMVU_SECRET_KEY") or (
    # A fixed key is only acceptable for local development and tests.
    "nhiemvu-insecure-development-key-change-me"
)
ALLOWED_HOSTS = [h for h in os.environ.get("NHIEMVU_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "ninja",  # so /api/docs uses ninja's bundled swagger assets, not a CDN
    "nhiemvu.audit",
    "nhiemvu.directory",
    "nhiemvu.accounts",
    "nhiemvu.tracking",
    "nhiemvu.reports",
    "nhiemvu.jobs",
    "nhiemvu.web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",  # static files from the package, no web server needed
    "nhiemvu.web.middleware.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "nhiemvu.web.urls"
WSGI_APPLICATION = "nhiemvu.web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "nhiemvu.web.context.navigation",
            ],
        },
    },
]


def _database() -> dict:
    url = os.environ.get("NHIEMVU_DATABASE_URL")
    if url:
        return dj_database_url.parse(url, conn_max_age=60)
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(DATA_DIR / "nhiemvu.sqlite3"),
        # Keep each server thread's connection: opening one (PRAGMAs, functions) cost
        # 3–5 ms of every request in bench/web_load.py.
        "CONN_MAX_AGE": 600,
        "CONN_HEALTH_CHECKS": True,
        "OPTIONS": {
            # WAL for concurrent readers, a busy timeout instead of "database is locked",
            # IMMEDIATE so a write transaction takes the lock up front.
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": (
                "PRAGMA journal_mode=WAL;PRAGMA synchronous=NORMAL;PRAGMA foreign_keys=ON;"
                "PRAGMA busy_timeout=20000;"
            ),
        },
    }


DATABASES = {"default": _database()}
# Page parts and figures kept until the data changes (web/cache.py). `nhiemvu serve` runs one
# process per core: with NHIEMVU_CACHE=file (set by serve) they share one cache in the data
# directory, so each part is computed once, not once per process. Tests keep the per-process one.
if os.environ.get("NHIEMVU_CACHE") == "file":
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
                          "LOCATION": str(DATA_DIR / "cache"), "TIMEOUT": 120, "OPTIONS": {"MAX_ENTRIES": 5000}}}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "/dang-nhap/"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/dang-nhap/"

SESSION_COOKIE_AGE = 8 * 3600
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if os.environ.get("NHIEMVU_HTTPS") == "1":
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = True

LANGUAGE_CODE = "vi"
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
DATE_FORMAT = "d/m/Y"
SHORT_DATE_FORMAT = "d/m/Y"
DATETIME_FORMAT = "d/m/Y H:i"

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
# Serve app static files straight from the installed package (no collectstatic step on deploy).
WHITENOISE_USE_FINDERS = True
MEDIA_ROOT = DATA_DIR / "files"  # never served directly: files go through permission-checked views

# Upload and document limits (bytes); configurable for large appendices.
NHIEMVU_MAX_UPLOAD_BYTES = int(os.environ.get("NHIEMVU_MAX_UPLOAD_BYTES", 50 * 1024 * 1024))
# Imports run in a background thread of the server ("thread"), only in `nhiemvu worker`
# ("queue") or inside the request ("sync"); a running import silent this long is failed.
NHIEMVU_IMPORT_MODE = os.environ.get("NHIEMVU_IMPORT_MODE", "thread")
NHIEMVU_IMPORT_STALE_SECONDS = int(os.environ.get("NHIEMVU_IMPORT_STALE_SECONDS", 600))
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Follow-up rules (overridable per deployment).
NHIEMVU_DUE_SOON_DAYS = int(os.environ.get("NHIEMVU_DUE_SOON_DAYS", 7))
NHIEMVU_STALE_DAYS = int(os.environ.get("NHIEMVU_STALE_DAYS", 30))
NHIEMVU_IDLE_MONTHS = int(os.environ.get("NHIEMVU_IDLE_MONTHS", 3))
NHIEMVU_ESCALATE_AFTER_URGES = int(os.environ.get("NHIEMVU_ESCALATE_AFTER_URGES", 3))

EMAIL_HOST = os.environ.get("NHIEMVU_SMTP_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("NHIEMVU_SMTP_PORT", 25))
EMAIL_HOST_USER = os.environ.get("NHIEMVU_SMTP_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("NHIEMVU_SMTP_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("NHIEMVU_SMTP_TLS", "0") == "1"
DEFAULT_FROM_EMAIL = os.environ.get("NHIEMVU_MAIL_FROM", "nhiemvu@localhost")
# Public address of the site, for links in reminder e-mails (e.g. https://nhiemvu.example.gov.vn).
NHIEMVU_SITE_URL = os.environ.get("NHIEMVU_SITE_URL", "")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("NHIEMVU_LOG_LEVEL", "WARNING")},
}
