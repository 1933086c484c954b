"""Settings for giamngheo, read from the environment with safe production defaults."""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("GIAMNGHEO_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, *, default: bool) -> bool:
    """Read a yes/no environment variable."""
    raw = os.environ.get(name)
    if raw is None:
        return default
    return raw.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    """Read a comma-separated environment variable."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", default=False)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "django-insecure-development-only-key-do-not-use-in-production"  # noqa: S105

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
if "*" in ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must name the hosts; '*' is not accepted.")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "ninja",
    "axes",
    "django_tasks_db",
    "giamngheo.core",
    "giamngheo.geo",
    "giamngheo.accounts",
    "giamngheo.areas",
    "giamngheo.registry",
    "giamngheo.reviews",
    "giamngheo.api",
    "giamngheo.programs",
    "giamngheo.support",
    "giamngheo.jobs",
    "giamngheo.activities",
    "giamngheo.works",
    "giamngheo.monitoring",
    "giamngheo.workspace",
    "giamngheo.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "giamngheo.core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "giamngheo.core.middleware.RequestContextMiddleware",
    "giamngheo.core.middleware.AppErrorMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "giamngheo" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "giamngheo.accounts.context_processors.area",
            ],
        },
    },
]

# Database: DATABASE_URL, or SQLite under var/ by default.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'giamngheo.sqlite3'}"),
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;",
    }
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # No JIT: it spent 100+ ms compiling the plans of page queries that then ran in tens (docs/scale.md).
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# One cache shared by every server process (the personal-ID search limit counts in it, ADR 1505): Redis when
# REDIS_URL is given, else a table of the database (created by core migration 0006), never per process.
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": "giamngheo",
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "core_cache"}}

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# The province's annual run (docs/registry.md): connections writing assessments while the next chunk is
# classified (PostgreSQL only; 0 writes inline).
ANNUAL_RUN_WRITERS = int(os.environ.get("ANNUAL_RUN_WRITERS", "2"))

# Limits of household imports (docs/registry.md, «Giới hạn của tệp nhập»). A file above one is refused
# before it is read; the read itself runs in a child process with a memory limit and a timeout. The
# defaults let a province of 100,000 households (about 400,000 members, 40 MB, 500 MB unzipped) through.
IMPORT_LIMITS = {
    "upload_bytes": int(os.environ.get("IMPORT_MAX_UPLOAD_MB", "50")) * 1024 * 1024,
    "uncompressed_bytes": int(os.environ.get("IMPORT_MAX_UNCOMPRESSED_MB", "1024")) * 1024 * 1024,
    "compression_ratio": 100,  # an .xlsx sheet is typically 5-20 times smaller zipped; a zip bomb, thousands
    "rows": int(os.environ.get("IMPORT_MAX_ROWS", "500000")),  # data rows per sheet or CSV file
    "columns": 60,
    "read_memory_bytes": int(os.environ.get("IMPORT_READ_MEMORY_MB", "3072")) * 1024 * 1024,
    "read_seconds": int(os.environ.get("IMPORT_READ_SECONDS", "600")),
    "stale_seconds": int(os.environ.get("IMPORT_STALE_SECONDS", "1800")),  # no heartbeat → the job died
}

# Accounts and security.
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "giamngheo.accounts.hashers.OwaspArgon2PasswordHasher",
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "workspace:home"
LOGOUT_REDIRECT_URL = "accounts:login"

AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# A field session lasts a working day (10 hours, lunch included) and survives the browser closing, so a
# reviewer who closes her phone's browser between two households is still signed in; shared computers
# have «Đăng xuất» always in view, which also forgets drafts kept in the tab (docs/adr/0012).
SESSION_COOKIE_AGE = 10 * 60 * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = False
# What `manage.py prune_stale` deletes (run daily; docs/operations.md): survey drafts untouched this many
# days (an abandoned form, not a survey), and create-form tokens older than this (a late resubmit is new).
SURVEY_DRAFT_RETENTION_DAYS = int(os.environ.get("SURVEY_DRAFT_RETENTION_DAYS", "60"))
IDEMPOTENCY_KEY_RETENTION_DAYS = int(os.environ.get("IDEMPOTENCY_KEY_RETENTION_DAYS", "30"))
SECURE_HTTPS = env_bool("SECURE_HTTPS", default=not DEBUG)
SESSION_COOKIE_SECURE = SECURE_HTTPS
CSRF_COOKIE_SECURE = SECURE_HTTPS
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=False)
# Behind a reverse proxy that terminates HTTPS and sets X-Forwarded-Proto (docs/deployment.md); only then.
if env_bool("TRUST_X_FORWARDED_PROTO", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = 31536000 if SECURE_HTTPS else 0
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Content-Security-Policy: scripts, styles, fonts and requests only from this site (no inline code, no CDN;
# page behaviour lives in static/js/app.js). data: images only for the icons inside the Swagger UI's CSS.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

# The works map (giamngheo.works): a tile server URL template ("https://tiles.example/{z}/{x}/{y}.png") on the
# intranet, or empty for markers on a blank map (no request leaves the server). Its origin joins img-src.
WORKS_MAP_TILE_URL = os.environ.get("WORKS_MAP_TILE_URL", "")
WORKS_MAP_ATTRIBUTION = os.environ.get("WORKS_MAP_ATTRIBUTION", "")
if WORKS_MAP_TILE_URL:
    SECURE_CSP["img-src"] = [CSP.SELF, "data:", "/".join(WORKS_MAP_TILE_URL.split("/")[:3])]

# Language, time and numbers: Vietnamese first, English available.
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Tiếng Việt")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = True
FORMAT_MODULE_PATH = ["config.formats"]

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "giamngheo" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG
MEDIA_ROOT = VAR_DIR / "media"

# Logging to the console: LOG_FORMAT=json (one JSON object per line, for collectors) or plain; LOG_LEVEL.
LOG_FORMAT = os.environ.get("LOG_FORMAT", "plain").strip().lower()
if LOG_FORMAT not in {"json", "plain"}:
    raise ImproperlyConfigured("LOG_FORMAT must be 'json' or 'plain'.")
LOG_LEVEL = os.environ.get("LOG_LEVEL", "INFO").strip().upper()
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {"()": "giamngheo.core.log_format.JsonLinesFormatter"},
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    # Every 500 is logged by django.request (ERROR, with its traceback) and reaches the root handler.
    "loggers": {"giamngheo": {"level": LOG_LEVEL}},
}

# Until when the 2021–2025 program's area designations (poor districts, coastal communes of the former
# three-level tree) still qualify households of their successor communes for support: the program's
# unfinished tasks may run until 31/12/2026 (Resolution 257/2025/QH15, law.md §4.4 [C]). See ADR 0701.
SUPPORT_LEGACY_DESIGNATIONS_UNTIL = os.environ.get("SUPPORT_LEGACY_DESIGNATIONS_UNTIL", "2026-12-31")

# Service tokens for agencies and partner systems (docs/api.md): the longest validity a token may be given.
SERVICE_TOKEN_MAX_DAYS = int(os.environ.get("SERVICE_TOKEN_MAX_DAYS", "365"))

# Optional pull of survey submissions from an ODK Central server (docs/registry.md): the server, an account
# that may read the forms' submissions, and which commune (statistics code) reads which project and form,
# as `20056=3:giamngheo_2022_2025_20056,20044=3:giamngheo_2022_2025_20044`. Kept in the environment, never
# in the database.
ODK_CENTRAL_URL = os.environ.get("ODK_CENTRAL_URL", "").rstrip("/")
ODK_CENTRAL_EMAIL = os.environ.get("ODK_CENTRAL_EMAIL", "")
ODK_CENTRAL_PASSWORD = os.environ.get("ODK_CENTRAL_PASSWORD", "")
ODK_CENTRAL_FORMS = os.environ.get("ODK_CENTRAL_FORMS", "")
ODK_CENTRAL_TIMEOUT = int(os.environ.get("ODK_CENTRAL_TIMEOUT", "120"))
