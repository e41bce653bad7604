"""Kolega settings: one module, driven by environment variables.

Nothing set gives the embedded mode (SQLite, in-memory channel layer, local-memory cache,
Celery tasks run eagerly in-process). ``DATABASE_URL`` and ``REDIS_URL`` switch to
PostgreSQL, Redis and a real Celery broker. Every variable is listed in ``.env.example``.
"""

from datetime import timedelta
from pathlib import Path

import environ
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)

SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "insecure-development-key-only-for-make-run"

ALLOWED_HOSTS = env.list(
    "ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"] if DEBUG else []
)
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "channels",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_htmx",
    "template_partials",
    "taggit",
    "axes",
    "core",
    "profiles",
    "communities",
    "tags",
    "feed",
    "forums",
    "blog",
    "wiki",
    "files",
    "search",
    "notifications",
    "moderation",
    "analytics",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "core.middleware.RejectNulMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "core.middleware.UserPreferencesMiddleware",
    "core.middleware.LoginRequiredMiddleware",
    "core.middleware.VisitMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Last, so that it sees the outcome of authentication (django-axes' rule).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "esn.urls"
WSGI_APPLICATION = "esn.wsgi.application"
ASGI_APPLICATION = "esn.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.tz",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "core.context_processors.site",
            ],
        },
    }
]

# --- data -----------------------------------------------------------------------------
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0)
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # No JIT: compiling a statement to machine code pays off on long analytical queries; on
    # a request's it costs more than it saves (a search statement planned at JIT cost spends
    # half a second compiling what runs in 20 ms).
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("options", "-c jit=off")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env.str("REDIS_URL", default="")

if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env.str("CACHE_KEY_PREFIX", default="kolega"),
        }
    }
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {
                "hosts": [
                    {
                        "address": REDIS_URL,
                        # Longer than channels_redis's 5 s blocking pop (redis-py's default is 5 s).
                        "socket_timeout": 10,
                        # redis-py caps a pool at 100 connections; a reconnect storm needs more.
                        "max_connections": env.int("REDIS_CHANNEL_MAX_CONNECTIONS", default=1000),
                    }
                ],
                "prefix": "kolega",
            },
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}

# --- Celery ---------------------------------------------------------------------------
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = REDIS_URL or "cache+memory://"
# Without a broker the tasks run in-process, so the embedded mode needs no worker.
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=300)
CELERY_TASK_SOFT_TIME_LIMIT = env.int("CELERY_TASK_SOFT_TIME_LIMIT", default=240)
CELERY_TIMEZONE = "Asia/Jakarta"
# Without Redis no beat process can run: the web process runs these entries itself, after
# answering a request, when they are due (core.schedule).
EMBEDDED_SCHEDULE = not REDIS_URL
CELERY_BEAT_SCHEDULE = {
    "clear-expired-sessions": {
        "task": "core.tasks.clear_expired_sessions",
        "schedule": crontab(hour=2, minute=0),
    },
    "prune-login-attempts": {
        "task": "core.tasks.prune_login_attempts",
        "schedule": crontab(hour=2, minute=30),
    },
    "send-notification-digests": {
        "task": "notifications.tasks.send_daily_digests",
        "schedule": crontab(hour=7, minute=0),  # CELERY_TIMEZONE: 07:00 in Jakarta.
    },
    "publish-due-articles": {
        "task": "blog.tasks.publish_due_articles",
        "schedule": crontab(),  # Every minute.
    },
    "purge-expired-file-trash": {
        "task": "files.tasks.purge_expired_trash",
        "schedule": crontab(hour=3, minute=0),
    },
    "analytics-rollup-today": {
        "task": "analytics.tasks.rollup_today",
        "schedule": crontab(minute=5),  # Hourly: today so far.
    },
    "analytics-close-day": {
        "task": "analytics.tasks.close_day",
        "schedule": crontab(hour=0, minute=20),  # Yesterday, once its last hour is logged.
    },
    "analytics-climate-alerts": {
        "task": "analytics.tasks.climate_alerts",
        "schedule": crontab(minute=15),  # Hourly; each jump alerts once (ClimateAlert key).
    },
}

# --- auth -----------------------------------------------------------------------------
AUTH_USER_MODEL = "profiles.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "profiles.backends.UsernameOrEmailBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
# Self sign-up is open only to these e-mail domains; empty means admins create accounts.
ALLOWED_SIGNUP_DOMAINS = [d.lower() for d in env.list("ALLOWED_SIGNUP_DOMAINS", default=[])]

AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "profiles.views.lockout"
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "profiles.backends.lockout_username"

# --- i18n -----------------------------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("id", _("Bahasa Indonesia"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True
LANGUAGE_COOKIE_AGE = 60 * 60 * 24 * 365

# --- static and media -----------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(BASE_DIR / "media")))
# Uploaded files live in MEDIA_ROOT, or in an S3-compatible bucket when MEDIA_S3_BUCKET is
# set. The bucket stays private: file-share files, post files and covers are streamed by
# views that check who may see them; avatars get signed addresses that expire.
MEDIA_S3_BUCKET = env.str("MEDIA_S3_BUCKET", default="")
if MEDIA_S3_BUCKET:
    DEFAULT_STORAGE = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": MEDIA_S3_BUCKET,
            # Empty: AWS itself; otherwise MinIO, Ceph, Wasabi, DigitalOcean Spaces...
            "endpoint_url": env.str("AWS_S3_ENDPOINT_URL", default="") or None,
            "region_name": env.str("AWS_S3_REGION_NAME", default="") or None,
            # Empty: boto3 finds credentials itself (an instance role, ~/.aws...).
            "access_key": env.str("AWS_ACCESS_KEY_ID", default="") or None,
            "secret_key": env.str("AWS_SECRET_ACCESS_KEY", default="") or None,
            "location": env.str("MEDIA_S3_PREFIX", default=""),
            "addressing_style": env.str("AWS_S3_ADDRESSING_STYLE", default="") or None,
            "default_acl": "private",
            "querystring_auth": True,
            # Avatars and community covers are linked with signed addresses that expire.
            "querystring_expire": env.int("AWS_QUERYSTRING_EXPIRE", default=3600),
            "file_overwrite": False,
        },
    }
else:
    DEFAULT_STORAGE = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
STORAGES = {
    "default": DEFAULT_STORAGE,
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG
AVATAR_MAX_BYTES = 5 * 1024 * 1024
AVATAR_SIZE = 512
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
POST_IMAGE_MAX_BYTES = env.int("POST_IMAGE_MAX_BYTES", default=10 * 1024 * 1024)
POST_ATTACHMENT_MAX_BYTES = env.int("POST_ATTACHMENT_MAX_BYTES", default=25 * 1024 * 1024)
# The file share: the largest file (and version) one may upload, and how many files one
# upload request may carry.
FILE_MAX_BYTES = env.int("FILE_MAX_BYTES", default=50 * 1024 * 1024)
FILE_UPLOAD_MAX_FILES = env.int("FILE_UPLOAD_MAX_FILES", default=20)
# Days a deleted file or folder stays in its library's trash before it is purged for good.
FILE_TRASH_DAYS = env.int("FILE_TRASH_DAYS", default=30)
# Posts and comments per person per minute (0: no limit).
POSTING_RATE_LIMIT = env.int("POSTING_RATE_LIMIT", default=20)
# Searches, and search-as-you-type suggestions, one person may run per minute (each).
SEARCH_RATE_LIMIT = env.int("SEARCH_RATE_LIMIT", default=120)
# Analytics: any figure or breakdown built from fewer distinct people is suppressed.
ANALYTICS_MIN_GROUP_SIZE = env.int("ANALYTICS_MIN_GROUP_SIZE", default=5)
# How long a dashboard's data is shared between leaders (per filters, language and time
# zone) before it is computed again; a rollup run starts afresh sooner. 0: no sharing.
ANALYTICS_CACHE_SECONDS = env.int("ANALYTICS_CACHE_SECONDS", default=300)
# Climate alerts (analytics.alerts): a department's or public topic's week against the weeks before.
CLIMATE_ALERT_BASELINE_WEEKS = env.int("CLIMATE_ALERT_BASELINE_WEEKS", default=4)
CLIMATE_ALERT_NEGATIVITY_JUMP = env.float("CLIMATE_ALERT_NEGATIVITY_JUMP", default=0.2)
CLIMATE_ALERT_VOLUME_FACTOR = env.float("CLIMATE_ALERT_VOLUME_FACTOR", default=2.0)
CLIMATE_ALERT_MIN_VOLUME = env.int("CLIMATE_ALERT_MIN_VOLUME", default=10)

TAGGIT_CASE_INSENSITIVE = True

# --- e-mail ---------------------------------------------------------------------------
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
# The address links in e-mails start with, e.g. https://kolega.example.com (empty: the first
# ALLOWED_HOSTS entry).
SITE_URL = env.str("SITE_URL", default="")
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Kolega <no-reply@kolega.local>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- security -------------------------------------------------------------------------
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
# Every request reads its session: from the cache (Redis when REDIS_URL is set), with the
# database behind it, instead of a query each time.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=not DEBUG)
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# --- API ------------------------------------------------------------------------------
REST_FRAMEWORK = {
    # Token first: its WWW-Authenticate header turns "not signed in" into a proper 401.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 25,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "core.api.exception_handler",
    "DEFAULT_THROTTLE_RATES": {"token": "10/min"},
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Kolega API",
    "DESCRIPTION": "The Kolega enterprise social network: people, contacts and more.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    # The schema and the docs are for signed-in employees, like every other page.
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    # Swagger UI from the installed sidecar package, not a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

# --- logging --------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"axes": {"level": "WARNING"}},
}

# --- Kolega ---------------------------------------------------------------------------
SITE_NAME = env.str("SITE_NAME", default="Kolega")
