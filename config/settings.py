"""Jinjja settings: one module, read from the environment.

Every variable is listed in README.md. Defaults suit a developer's machine (`make run`): DEBUG on,
SQLite under var/, and an embedded Celery broker under var/ that needs no server.
"""

from datetime import timedelta
from pathlib import Path

import environ
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from config.env import local_secret_key, parse_fraction, read_secret

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()

VAR_DIR = Path(env.str("VAR_DIR", default=str(BASE_DIR / "var")))

DEBUG = env.bool("DEBUG", default=True)

SECRET_KEY = read_secret(env, "SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY (or SECRET_KEY_FILE) must be set when DEBUG is off.")
    SECRET_KEY = local_secret_key(VAR_DIR)

ALLOWED_HOSTS = env.list(
    "ALLOWED_HOSTS",
    default=["127.0.0.1", "localhost", "[::1]", "testserver"] if DEBUG else [],
)
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "rest_framework",
    "axes",
    "csp",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "corsheaders",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "accounts",
    "rumors",
    "mail",
    "notifications",
]

# Order matters: the security headers (SecurityMiddleware, CSPMiddleware) come first so that
# they wrap every response the others produce, redirects and errors included; AxesMiddleware
# comes last, as django-axes requires, to turn a locked-out login into its 429 answer.
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Cache-Control for shared caches (config/shared_cache.py): above the middleware that set
    # cookies, and above WhiteNoise, whose static files keep their own lifetimes.
    "config.shared_cache.SharedCacheMiddleware",
    "csp.middleware.CSPMiddleware",
    # Before WhiteNoise, so that static files carry X-Frame-Options as every other response.
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Before CommonMiddleware, so that CORS preflight answers never pass through redirects.
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "config.request_guard.RefuseNullCharactersMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "axes.middleware.AxesMiddleware",
    # A held rumor's pages answer 451 with the notice.
    "rumors.middleware.HeldRumorMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "config.languages.page_languages",
                "accounts.context_processors.second_factor",
            ],
        },
    },
]

# --- Database ---------------------------------------------------------------------------------
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'jinjja.sqlite3'}"),
}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
# A connection that died with a database restart is replaced at the next request.
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        # The web process and the Celery worker write to the same file: WAL lets readers go
        # on while one writes, and IMMEDIATE transactions queue writers instead of failing.
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    # A file, not memory, so that a Celery worker started by a test sees the test database.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test.sqlite3")}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Redis, cache and Celery broker -----------------------------------------------------------
REDIS_URL = env.str("REDIS_URL", default="")

if REDIS_URL:
    CACHES = {
        "default": {
            # Django's Redis cache, except that an outage degrades to no cache (config/cache.py).
            "BACKEND": "config.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "jinjja",
        }
    }
    CELERY_BROKER_URL = REDIS_URL
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    # Embedded broker: kombu's filesystem transport keeps messages as files under var/, so
    # a separate worker process runs exactly as it would against Redis, with no server.
    CELERY_BROKER_URL = "filesystem://"
    _broker_dir = VAR_DIR / "broker"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_broker_dir / "queue"),
        "data_folder_out": str(_broker_dir / "queue"),
        "processed_folder": str(_broker_dir / "processed"),
        "control_folder": str(_broker_dir / "control"),
        "store_processed": False,
    }
    for _folder in ("queue", "processed", "control"):
        (_broker_dir / _folder).mkdir(parents=True, exist_ok=True)

CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_IGNORE_RESULT = True
CELERY_TIMEZONE = "UTC"
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A task is acknowledged after it ran, so a worker killed mid-task leaves it to be delivered
# again; prefetching one at a time keeps slow fetches from piling up behind each other.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_ALWAYS_EAGER = False
# The queue tasks are published to, by the site and by tasks themselves (retries): workers
# consume it (`-Q`). The tests give each run a queue of its own.
CELERY_TASK_DEFAULT_QUEUE = env.str("CELERY_TASK_DEFAULT_QUEUE", default="celery")
# Celery's Django fixup closes the database connection before and after every task unless
# this is set: one new PostgreSQL connection per fetch. It now closes them rarely, and
# config/celery.py treats each task like a request instead (CONN_MAX_AGE, health checks).
CELERY_DB_REUSE_MAX = 1000

# --- Source pipeline --------------------------------------------------------------------------
# Local host:port pairs that the fetcher may reach despite the address checks (tests, demos).
FETCH_ALLOW_HOSTS = env.list("FETCH_ALLOW_HOSTS", default=[])
FETCH_USER_AGENT = env.str(
    "FETCH_USER_AGENT", default=f"JinjjaBot/1.0 (+{SITE_URL}/about/; rumor fact-checking)"
)
FETCH_CONNECT_TIMEOUT = env.float("FETCH_CONNECT_TIMEOUT", default=5.0)
# Deadline for one download, redirects and the wait for a host slot included, so a server
# dripping a byte at a time is cut off.
FETCH_DEADLINE = env.float("FETCH_DEADLINE", default=20.0)
FETCH_MAX_REDIRECTS = 5
# Caps on decompressed bytes, so a gzip bomb stops early.
FETCH_MAX_HTML_BYTES = env.int("FETCH_MAX_HTML_BYTES", default=3 * 1024 * 1024)
FETCH_MAX_IMAGE_BYTES = env.int("FETCH_MAX_IMAGE_BYTES", default=8 * 1024 * 1024)
FETCH_MAX_IMAGE_PIXELS = env.int("FETCH_MAX_IMAGE_PIXELS", default=40_000_000)
# Politeness: concurrent fetches per host within one worker process.
FETCH_PER_HOST_CONCURRENCY = env.int("FETCH_PER_HOST_CONCURRENCY", default=4)
FETCH_HOST_WAIT = 10.0
# Transient failures (timeouts, 5xx, 429) are retried with exponential backoff and jitter.
FETCH_MAX_ATTEMPTS = env.int("FETCH_MAX_ATTEMPTS", default=5)
# A fetch that ends without recording anything (its worker killed, the hard time limit) is run
# again by the sweep; after this many such ends in a row the source is failed instead.
FETCH_MAX_UNFINISHED = env.int("FETCH_MAX_UNFINISHED", default=3)
FETCH_RETRY_BACKOFF = 30
FETCH_RETRY_BACKOFF_MAX = 600
# The chain that keeps a fetch from being lost or run twice (a test checks the order):
# a task is killed at its hard time limit, well before Redis hands an unacknowledged message
# to another worker (visibility timeout), which is well before the sweeper treats a fetch
# that started but never finished as stuck and queues it again.
FETCH_TASK_SOFT_TIME_LIMIT = 100
FETCH_TASK_TIME_LIMIT = 120
FETCH_VISIBILITY_TIMEOUT = 900
FETCH_STUCK_AFTER = env.int("FETCH_STUCK_AFTER", default=1800)
FETCH_SWEEP_INTERVAL = env.int("FETCH_SWEEP_INTERVAL", default=60)
FETCH_SWEEP_BATCH = 500
# Sources of open rumors are fetched again this often, to notice clips that went offline.
FETCH_RECHECK_INTERVAL = env.int("FETCH_RECHECK_INTERVAL", default=24 * 3600)
FETCH_RECHECK_BATCH = 200

# --- Webhooks ---------------------------------------------------------------------------------
# Each delivery is one POST through the fetcher's address checks, cut off after this long.
WEBHOOK_TIMEOUT = env.float("WEBHOOK_TIMEOUT", default=5.0)
# Timeouts, connection errors, 429 and 5xx are tried again, waiting twice as long each time
# (with jitter) from WEBHOOK_RETRY_BASE up to WEBHOOK_RETRY_MAX seconds, for up to
# WEBHOOK_RETRY_HOURS; a webhook whose deliveries have failed that long is disabled.
WEBHOOK_RETRY_BASE = env.float("WEBHOOK_RETRY_BASE", default=10.0)
WEBHOOK_RETRY_MAX = env.float("WEBHOOK_RETRY_MAX", default=3600.0)
WEBHOOK_RETRY_HOURS = env.float("WEBHOOK_RETRY_HOURS", default=24.0)
WEBHOOK_SWEEP_INTERVAL = env.int("WEBHOOK_SWEEP_INTERVAL", default=30)
# Deliveries in flight to one receiver host within one worker process: a slow or dead
# receiver holds at most this many of the worker's threads; the rest wait their turn.
WEBHOOK_PER_HOST_CONCURRENCY = env.int("WEBHOOK_PER_HOST_CONCURRENCY", default=8)

# Fetching waits on the network, not the CPU: one worker process runs many threads.
CELERY_WORKER_POOL = env.str("CELERY_WORKER_POOL", default="threads")
CELERY_WORKER_CONCURRENCY = env.int("CELERY_WORKER_CONCURRENCY", default=32)
CELERY_TASK_TIME_LIMIT = FETCH_TASK_TIME_LIMIT
CELERY_TASK_SOFT_TIME_LIMIT = FETCH_TASK_SOFT_TIME_LIMIT
# A broker that is down must not hang a submission: publishing gives up within seconds and
# the sweep queues the source later.
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_TASK_PUBLISH_RETRY = True
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 2,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.5,
}
_pipeline_transport = {"visibility_timeout": FETCH_VISIBILITY_TIMEOUT}
if REDIS_URL:
    _pipeline_transport |= {"socket_connect_timeout": 2, "socket_timeout": 10}
CELERY_BROKER_TRANSPORT_OPTIONS = {
    **globals().get("CELERY_BROKER_TRANSPORT_OPTIONS", {}),
    **_pipeline_transport,
}
CELERY_RESULT_BACKEND_TRANSPORT_OPTIONS = {"visibility_timeout": FETCH_VISIBILITY_TIMEOUT}
CELERY_BEAT_SCHEDULE = {
    "sweep-pending-sources": {
        "task": "rumors.sweep_sources",
        "schedule": FETCH_SWEEP_INTERVAL,
    },
    "recheck-sources": {
        "task": "rumors.recheck_sources",
        "schedule": 15 * 60,
    },
    # An expired hold is lifted by the date alone; this records its `released` event.
    "release-expired-holds": {
        "task": "rumors.release_expired_holds",
        "schedule": 5 * 60,
    },
    # Daily digests go out at each member's chosen hour in their time zone: every hour, look.
    "send-digests": {
        "task": "notifications.send_digests",
        "schedule": crontab(minute=0),
    },
    # Outbox rows whose delivery message was lost (mail/services.py outbox_sweep).
    "sweep-outbox": {
        "task": "mail.sweep_outbox",
        "schedule": env.int("MAIL_SWEEP_INTERVAL", default=60),
    },
    "purge-outbox": {
        "task": "mail.purge_outbox",
        "schedule": 24 * 60 * 60,
    },
    # Reporters' addresses past REPORT_RETENTION_DAYS (as `manage.py purge_reports`).
    "purge-reports": {
        "task": "rumors.purge_reports",
        "schedule": 24 * 60 * 60,
    },
    # Webhook deliveries that are due: retries, and any whose message the broker lost.
    "sweep-webhook-deliveries": {
        "task": "rumors.sweep_webhook_deliveries",
        "schedule": WEBHOOK_SWEEP_INTERVAL,
    },
}

# --- Moderation -------------------------------------------------------------------------------
VERDICT_QUORUM = env.int("VERDICT_QUORUM", default=3)
VERDICT_SUPERMAJORITY = parse_fraction(env.str("VERDICT_SUPERMAJORITY", default="2/3"))
VERDICT_DISPUTE_AFTER = env.int("VERDICT_DISPUTE_AFTER", default=5)
# Evidence images uploaded by members and moderators.
EVIDENCE_MAX_UPLOAD_BYTES = env.int("EVIDENCE_MAX_UPLOAD_BYTES", default=8 * 2**20)
# The first handler refuses a multipart request by its Content-Length and stops storing a file
# past EVIDENCE_MAX_UPLOAD_BYTES (Django's DATA_UPLOAD_MAX_MEMORY_SIZE does not count files).
FILE_UPLOAD_HANDLERS = [
    "rumors.uploads.SizeLimitedUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
EVIDENCE_MAX_IMAGE_PIXELS = env.int("EVIDENCE_MAX_IMAGE_PIXELS", default=40_000_000)

# Reports of sexual imagery or private information withhold the media at once; one address
# may do that this many times in 24 hours (later reports are kept, and wait for a moderator).
REPORT_HIDES_PER_ADDRESS_PER_DAY = env.int("REPORT_HIDES_PER_ADDRESS_PER_DAY", default=5)
# A moderator may hold a rumor (hidden, its pages answering 451) for at most this many days
# pending a decision: the temporary measure of Korean law lasts at most 30.
HOLD_MAX_DAYS = env.int("HOLD_MAX_DAYS", default=30)
# Reporters' email and IP addresses are blanked this many days after their report is decided
# (manage.py purge_reports); /about/ states the period.
REPORT_RETENTION_DAYS = env.int("REPORT_RETENTION_DAYS", default=180)

# Media matching (rumors/matching.py): PDQ hashes at most this many of 256 bits apart are the
# same picture, and at most this many a likely match (Meta's threshold), which the never-host
# bank blocks. Hashes of quality below 50 never match.
MEDIA_MATCH_SAME_BITS = env.int("MEDIA_MATCH_SAME_BITS", default=12)
MEDIA_MATCH_LIKELY_BITS = env.int("MEDIA_MATCH_LIKELY_BITS", default=31)

# --- API --------------------------------------------------------------------------------------
# DRF rate strings ("120/min", "5000/day"); throttle counters live in the cache (Redis when
# REDIS_URL is set, so every web process shares them).
API_THROTTLE_ANON = env.str("API_THROTTLE_ANON", default="120/min")
API_THROTTLE_USER = env.str("API_THROTTLE_USER", default="600/min")
# Reports through the API, per client address, members included.
API_THROTTLE_REPORTS = env.str("API_THROTTLE_REPORTS", default="20/hour")
API_PAGE_SIZE = env.int("API_PAGE_SIZE", default=20)
API_MAX_PAGE_SIZE = 100
# The site-wide timeline serves events this many seconds old or older: an event's time is set
# before its transaction commits, and the delay lets every such transaction finish, so that a
# poller never skips an event committed late.
API_TIMELINE_SETTLE_SECONDS = env.float("API_TIMELINE_SETTLE_SECONDS", default=2.0)

REST_FRAMEWORK = {
    # Token first: an anonymous write is then answered 401 with WWW-Authenticate, not 403.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "accounts.api.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    "DEFAULT_THROTTLE_CLASSES": [
        "rumors.api.throttling.AnonThrottle",
        "rumors.api.throttling.UserThrottle",
    ],
    # JSON only: people browse the API in /api/docs/, whose scripts are all our own static
    # files, where the browsable renderer would need inline scripts.
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    # JSON bodies only: one request shape per operation keeps generated clients simple. An
    # endpoint that takes files sets its own parsers.
    "DEFAULT_PARSER_CLASSES": ["rumors.api.parsers.JSONParser"],
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
    # django-filter, answering 400 for a query parameter a list does not know.
    "DEFAULT_FILTER_BACKENDS": ["rumors.api.filters.StrictFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "rumors.api.exceptions.api_exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Jinjja API",
    "DESCRIPTION": (
        "Rumors about K-drama actors and dramas, the evidence on them, moderators' verdicts, "
        "and the timeline of everything that happens. Reads are open to everyone; writes need "
        "a personal API token (`Authorization: Token <key>`) or a session."
    ),
    # 1.1.0: lists answer 400 for an unknown query parameter; 1.2.0: webhooks, media links,
    # translations, proposed people and works, reference media and suggested evidence;
    # moderators need a second factor, else 403 second_factor_required; 1.3.0: page links
    # under the language prefix, lookup of Jinjja's own rumor pages (README.md, "API changelog").
    "VERSION": "1.3.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # Operation ids and tags without the version: rumors_list, timeline_list, people_retrieve...
    "SCHEMA_PATH_PREFIX": r"/api/v[0-9]+",
    "COMPONENT_SPLIT_REQUEST": True,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "rumors.api.schema.add_error_responses",
    ],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {
        "VerdictEnum": "rumors.verdicts.Verdict",
        "RumorStatusEnum": "rumors.models.Rumor.Status",
        "SourceFetchStateEnum": "rumors.models.Source.State",
        "EventKindEnum": "rumors.models.TimelineEvent.Kind",
        "EvidenceKindEnum": "rumors.models.Evidence.Kind",
        "EvidenceProposableKindEnum": "rumors.api.serializers.PROPOSABLE_EVIDENCE_KINDS",
        "EvidenceStanceEnum": "rumors.models.Evidence.Stance",
        "ReportStatusEnum": "rumors.models.Report.Status",
        "CatalogStatusEnum": "rumors.models.CatalogStatus",
        "ReportCategoryEnum": "rumors.models.Report.Category",
        "EvidenceStatusEnum": "rumors.models.Evidence.Status",
        "WorkKindEnum": "rumors.models.Work.Kind",
    },
}
# Pages on other sites may read the API (any origin, without credentials) but not write to it:
# a JSON or token-carrying request needs a preflight, whose answer lists safe methods only; and a
# form post riding on a member's cookies fails session authentication's CSRF check.
# The lookup answers every site itself, POST included (rumors/api/views.py LookupView).
CORS_URLS_REGEX = r"^/api/(v1/(?!auth/|lookup/)|schema/)"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_CREDENTIALS = False
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_EXPOSE_HEADERS = ["ETag", "Last-Modified", "Retry-After"]

# --- Pages ------------------------------------------------------------------------------------
# How long anonymous readers may be served a cached page. Any rumor activity changes the cache
# keys at once, so this only bounds how long edits made outside the timeline (admin) take to
# show. 0 turns the page cache off.
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=300)
# What a shared cache in front (deploy/nginx/jinjja.conf, a CDN) may keep of an anonymous answer
# (config/shared_cache.py), in seconds: browsers keep it CACHE_MAX_AGE, shared caches
# CACHE_S_MAXAGE, then may serve it stale while they fetch it again (CACHE_STALE_WHILE_REVALIDATE)
# or while the site answers errors (CACHE_STALE_IF_ERROR). A verdict, a hide or a hold reaches
# every reader through the proxy within CACHE_S_MAXAGE plus a second. Shorter under `make run`.
CACHE_MAX_AGE = env.int("CACHE_MAX_AGE", default=0)
CACHE_S_MAXAGE = env.int("CACHE_S_MAXAGE", default=1 if DEBUG else 5)
CACHE_STALE_WHILE_REVALIDATE = env.int("CACHE_STALE_WHILE_REVALIDATE", default=1 if DEBUG else 10)
CACHE_STALE_IF_ERROR = env.int("CACHE_STALE_IF_ERROR", default=10 if DEBUG else 300)
# How often an open rumor page asks /rumors/<id>/status.json whether it changed.
LIVE_POLL_SECONDS = env.int("LIVE_POLL_SECONDS", default=5)

# --- Accounts ---------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "rumors:home"
LOGOUT_REDIRECT_URL = "rumors:home"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Mail -------------------------------------------------------------------------------------
# EMAIL_URL: smtp://user:pass@host:587, smtp+tls://... (STARTTLS) or smtp+ssl://... (implicit
# TLS); it carries a password, so it may come from EMAIL_URL_FILE. Without it mail is written
# to files under var/mail/, one per message, for `make run` (a deploy check warns).
# Everything is sent through the outbox (mail/services.py): a row saved with the change, sent
# by a Celery task after commit through this EMAIL_BACKEND.
_email_url = read_secret(env, "EMAIL_URL")
EMAIL_URL_SET = bool(_email_url)
if _email_url:
    _email = environ.Env.email_url_config(_email_url)
    EMAIL_BACKEND = _email["EMAIL_BACKEND"]
    EMAIL_HOST = _email.get("EMAIL_HOST", "localhost")
    EMAIL_PORT = _email.get("EMAIL_PORT", 25)
    EMAIL_HOST_USER = _email.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = _email.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = _email.get("EMAIL_USE_TLS", False)
    EMAIL_USE_SSL = _email.get("EMAIL_USE_SSL", False)
else:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = str(VAR_DIR / "mail")
# A mail server that hangs holds one outbox row locked at most this long.
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=10)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Jinjja <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Transient failures (the server down, a 4xx answer) retry after MAIL_RETRY_BACKOFF seconds,
# doubling up to MAIL_RETRY_BACKOFF_MAX, with jitter; after MAIL_TASK_RETRIES the task stops
# and the sweep queues the row again once it is overdue by MAIL_SWEEP_GRACE.
MAIL_RETRY_BACKOFF = env.float("MAIL_RETRY_BACKOFF", default=30.0)
MAIL_RETRY_BACKOFF_MAX = env.float("MAIL_RETRY_BACKOFF_MAX", default=3600.0)
MAIL_TASK_RETRIES = env.int("MAIL_TASK_RETRIES", default=8)
MAIL_SWEEP_GRACE = env.int("MAIL_SWEEP_GRACE", default=300)
MAIL_SWEEP_BATCH = 500
# Sent mail's addresses and texts are emptied after this many days (mail.purge_outbox).
MAIL_RETENTION_DAYS = env.int("MAIL_RETENTION_DAYS", default=30)

# django-allauth (email addresses, their confirmation and change, password reset by email).
# Sign-up, login and logout stay the site's own views (accounts/views.py: django-axes guards
# the login); allauth's views serve the rest under /accounts/. Members use the site before they
# confirm their address; notifications wait for a confirmed one.
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"username"}
ACCOUNT_SIGNUP_FIELDS = ["username*", "email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "optional"
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_EMAIL_CONFIRMATION_EXPIRE_DAYS = 3
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Jinjja] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http" if DEBUG else "https"
ACCOUNT_EMAIL_CONFIRMATION_AUTHENTICATED_REDIRECT_URL = "accounts:my_profile"
ACCOUNT_EMAIL_CONFIRMATION_ANONYMOUS_REDIRECT_URL = "accounts:login"
ACCOUNT_PASSWORD_RESET_BY_CODE_ENABLED = False
ACCOUNT_LOGOUT_REDIRECT_URL = LOGOUT_REDIRECT_URL
# A password reset does not reveal whether an address belongs to a member.
ACCOUNT_PREVENT_ENUMERATION = True
# Second factor (allauth.mfa): TOTP, with recovery codes. Moderators act as moderators only
# with a TOTP device set up (rumors/permissions.py is_moderator), and whoever has one gives a
# code at login (accounts/views.py LoginView).
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Jinjja"

# --- Language and time ------------------------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("ko", _("Korean"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Every page lives under /en/ and /ko/ (config/languages.py). The footer's language links remember
# the choice for a year: unprefixed addresses (links shared before) redirect to it.
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
LANGUAGE_COOKIE_SAMESITE = "Lax"
TIME_ZONE = env.str("TIME_ZONE", default="UTC")
USE_I18N = True
USE_TZ = True

# --- Static and media files -------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(VAR_DIR / "static")))
STATICFILES_DIRS = [BASE_DIR / "static"]
if DEBUG:
    # WhiteNoise serves from the finders while debugging but still expects the folder.
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(VAR_DIR / "media")))
# User media (thumbnails and evidence images only, never clips) is served through the app's
# check at every request (config/media_files.py). Behind nginx, MEDIA_X_ACCEL_REDIRECT names the
# internal location that sends the file once the app said yes (deploy/nginx/jinjja.conf:
# /_protected-media/); empty, the app sends the file itself.
SERVE_MEDIA = env.bool("SERVE_MEDIA", default=True)
MEDIA_X_ACCEL_REDIRECT = env.str("MEDIA_X_ACCEL_REDIRECT", default="")
# Where the files of media withheld after a report wait for a moderator's decision: outside
# MEDIA_ROOT, so that /media/ answers 404 for them whoever serves it (this app or a proxy).
MEDIA_HELD_ROOT = Path(env.str("MEDIA_HELD_ROOT", default=str(VAR_DIR / "held-media")))
if MEDIA_HELD_ROOT.resolve().is_relative_to(MEDIA_ROOT.resolve()):
    raise ImproperlyConfigured("MEDIA_HELD_ROOT must be outside MEDIA_ROOT.")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# --- Load benchmark ---------------------------------------------------------------------------
# Mounts /bench/ceiling, a static JSON answer with no database or broker call that `make bench`
# measures as the ceiling. Off by default, so production serves no URL it does not need.
BENCH_CEILING = env.bool("BENCH_CEILING", default=False)

# --- Security ---------------------------------------------------------------------------------
from csp.constants import NONE, SELF  # noqa: E402

# How many reverse proxies of ours stand in front of the app. Only their X-Forwarded-For
# entries are believed (config/client_ip.py); 0 means the socket address is the client's.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
# DRF reads the client address for anonymous throttling that many X-Forwarded-For hops back.
REST_FRAMEWORK["NUM_PROXIES"] = TRUSTED_PROXY_COUNT

# Content-Security-Policy through django-csp: the pages need nothing from other origins and no
# inline script or style. django-csp, rather than a hand-written header, for its per-view
# decorators (a page that must load something else loosens only itself) and report-only mode.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

# Login brute force: django-axes locks a username from one address out after
# LOGIN_FAILURE_LIMIT failures, for LOGIN_COOLOFF_MINUTES, answering 429.
AUTHENTICATION_BACKENDS = [
    "accounts.backends.LoginAttemptsBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("LOGIN_COOLOFF_MINUTES", default=15))
AXES_CLIENT_IP_CALLABLE = "config.client_ip.client_ip"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_HTTP_RESPONSE_CODE = 429
# Usernames are case-insensitive here: "KimDami" and "kimdami" share one failure count.
AXES_USERNAME_CALLABLE = "accounts.backends.login_username"

X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
if env.bool("USE_X_FORWARDED_PROTO", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
if not DEBUG:
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=True)
    CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=True)
    LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
    SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}
