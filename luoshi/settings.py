"""Django settings for Luoshi, read from the environment.

DATABASE_URL chooses the database (SQLite under var/ by default, PostgreSQL in production);
SECRET_KEY comes from the environment or is generated once into var/secret_key; DEBUG is off unless
DEBUG=1 is set (the demo command sets it).
"""
import os
import secrets
from datetime import timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import dj_database_url
from csp.constants import NONCE, NONE, SELF

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("LUOSHI_VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)


def _secret_key() -> str:
    """A key from the environment, or one generated once and kept in var/ (never committed)."""
    if os.environ.get("SECRET_KEY"):
        return os.environ["SECRET_KEY"]
    path = VAR_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()
# The key of secrets stored encrypted (channel webhooks and tokens, luoshi/core/crypto.py); comma-separated
# to rotate (the first encrypts). Unset: derived from SECRET_KEY, and the deployment check warns.
LUOSHI_FIELD_KEY = os.environ.get("LUOSHI_FIELD_KEY", "")
DEBUG = os.environ.get("DEBUG", "") in ("1", "true", "True", "yes")
ALLOWED_HOSTS = [h for h in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",") if h]
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "simple_history",
    "ninja",
    "axes",
    "csp",
    "django_tasks",
    "django_tasks_db",
    *(["django_rq"] if os.environ.get("LUOSHI_TASKS_BACKEND", "db") == "rq" else []),
    "luoshi.core",
    "luoshi.organisations",
    "luoshi.indicators",
    "luoshi.dashboard",
    "luoshi.accountability",
    "luoshi.investment",
    "luoshi.projects",
    "luoshi.notifications",
    "luoshi.appeals",
    "luoshi.inspections",
    "luoshi.ingestion",
    "luoshi.workplan",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "luoshi.core.sessions.AuthenticationMiddleware",  # Django's, the user read with the session
    "luoshi.core.middleware.RejectNullCharactersMiddleware",  # after locale and user: the 400 page in their words
    "django.contrib.messages.middleware.MessageMiddleware",
    "luoshi.core.idempotency.IdempotencyMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

# Login throttling (django-axes): after AXES_FAILURE_LIMIT failed logins for one user name from one
# address, that pair is locked out for AXES_COOLOFF_MINUTES; a successful login resets the count.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "luoshi.organisations.backends.ProfileBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
# The why of every change is kept whole (a reason may be a paragraph; the default column keeps 100 characters).
SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True
AXES_IPWARE_PROXY_COUNT = int(os.environ.get("AXES_PROXY_COUNT", "0")) or None

ROOT_URLCONF = "luoshi.urls"
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
                "luoshi.core.context_processors.luoshi",
                "luoshi.notifications.context_processors.notifications",
            ],
        },
    },
]
WSGI_APPLICATION = "luoshi.wsgi.application"

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'luoshi.sqlite3'}"),
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # Writers queue for the lock (up to 20 s) instead of failing, and take it when their transaction
    # begins (IMMEDIATE), so that a check-then-write in a service sees the latest committed row.
    DATABASES["default"].setdefault("OPTIONS", {}).update(timeout=20, transaction_mode="IMMEDIATE")
    # Tests run on a file too: an in-memory database shares one cache between connections and
    # fails at once where a real deployment would wait.
    # One file per test process, so that two test runs on one machine do not share it.
    DATABASES["default"].setdefault("TEST", {})["NAME"] = str(VAR_DIR / f"test-{os.getpid()}.sqlite3")
elif DATABASES["default"]["ENGINE"].endswith("postgresql"):
    # PostgreSQL's JIT compiler off for this site's queries: it starts when a plan's estimated cost passes
    # jit_above_cost, which the work plan's status read (a few index probes per task) does from about 3,000
    # tasks, and compiling took 200 ms–3 s of a query that runs in tens of milliseconds (docs/benchmarks.md).
    # A deployment that names its own "options" in DATABASE_URL keeps them.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("options", "-c jit=off")
    # Parameters sent apart from the SQL (server-side binding), so that psycopg prepares a statement once it
    # has run LUOSHI_PG_PREPARE_THRESHOLD times on a connection and PostgreSQL stops planning it each time:
    # planning was most of every request's session-and-user read (1.5 → 0.5 ms; docs/benchmarks.md). `off`
    # behind a pooler in transaction mode that cannot keep prepared statements (PgBouncer before 1.21).
    prepare = os.environ.get("LUOSHI_PG_PREPARE_THRESHOLD", "5")
    if prepare != "off" and not prepare.isdigit():
        raise ValueError(f"LUOSHI_PG_PREPARE_THRESHOLD must be a whole number or off, not {prepare!r}")
    DATABASES["default"]["OPTIONS"].setdefault("server_side_binding", True)
    DATABASES["default"]["OPTIONS"].setdefault("prepare_threshold", None if prepare == "off" else int(prepare))

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Chinese is the primary language; source strings are Chinese so that a missing translation falls
# back to Chinese, not English (docs/decisions.md).
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "luoshi" / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "luoshi" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
# WhiteNoise also serves straight from luoshi/static (finders), so runserver and the tests' live
# server work without collectstatic; under DEBUG it picks up edited files without a restart.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
MEDIA_ROOT = VAR_DIR / "media"
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# Database sessions (Django's table and rules), read by SQL compiled once (luoshi/core/sessions.py).
SESSION_ENGINE = "luoshi.core.sessions"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# Content-Security-Policy (django-csp): scripts and styles only from our own static files; the one
# inline <style>, the status palette (a setting), carries the request's nonce. No inline script, no
# style attribute, no eval (docs/decisions.md, "Content-Security-Policy").
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
# A refused form says why, in the user's language and Luoshi's layout (JSON under /api/).
CSRF_FAILURE_VIEW = "luoshi.core.errors.csrf_failure"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if not DEBUG and os.environ.get("LUOSHI_HTTPS", "") == "1":
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = True
    SECURE_HSTS_SECONDS = 31536000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
# A mail server that does not answer gives up after this many seconds (the worker then retries later).
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "20"))

# Background work (Django's Tasks API, the django-tasks backport): `db` keeps the queue in the database
# (no extra service; `python -m luoshi worker` runs it), `rq` in Redis for several machines, `immediate`
# runs each task at once in the process that queued it (after the commit; no worker, for trying things).
TASK_BACKENDS = {
    "db": "django_tasks_db.DatabaseBackend",
    "rq": "django_tasks_rq.RQBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}
LUOSHI_TASKS_BACKEND = os.environ.get("LUOSHI_TASKS_BACKEND", "db")
if LUOSHI_TASKS_BACKEND not in TASK_BACKENDS:
    raise ValueError(f"LUOSHI_TASKS_BACKEND must be one of {', '.join(TASK_BACKENDS)}, not {LUOSHI_TASKS_BACKEND!r}")
TASKS = {"default": {"BACKEND": TASK_BACKENDS[LUOSHI_TASKS_BACKEND], "QUEUES": ["default"]}}
REDIS_URL = os.environ.get("LUOSHI_REDIS_URL", "redis://127.0.0.1:6379/0")
RQ_QUEUES = {"default": {"URL": REDIS_URL, "DEFAULT_TIMEOUT": 900}}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# Rules of the indicator ledger that a district may tune (DOMAIN.md section 1).
LUOSHI: dict[str, Any] = {
    # 左右: the tolerance band around a growth target, in percentage points.
    "ABOUT_TOLERANCE_PP": Decimal(os.environ.get("LUOSHI_ABOUT_TOLERANCE_PP", "0.5")),
    # 与经济增长基本同步: how far (in percentage points) a growth may be from the linked indicator's.
    "RELATIVE_TOLERANCE_PP": Decimal(os.environ.get("LUOSHI_RELATIVE_TOLERANCE_PP", "0.5")),
    # A growth target missed by at most this many points is "close" (接近), beyond it "behind".
    "GROWTH_CLOSE_MARGIN_PP": Decimal(os.environ.get("LUOSHI_GROWTH_CLOSE_MARGIN_PP", "1.0")),
    # An absolute target lagging the share of the year elapsed by at most this many points is "close".
    "PROGRESS_CLOSE_MARGIN_PP": Decimal(os.environ.get("LUOSHI_PROGRESS_CLOSE_MARGIN_PP", "5.0")),
    # Status colours: "cn" (红 = good, as in 全年红) or "intl" (green = good).
    "STATUS_PALETTE": os.environ.get("LUOSHI_STATUS_PALETTE", "cn"),
    # Largest file a user may upload (Excel, .docx, scans), in MB; checked before the file is read.
    "MAX_UPLOAD_MB": int(os.environ.get("LUOSHI_MAX_UPLOAD_MB", "10")),
    # 先进单位 (DOMAIN.md section 6): at least this total score, no deduction, within this best share.
    "ADVANCED_MIN_SCORE": Decimal(os.environ.get("LUOSHI_ADVANCED_MIN_SCORE", "90")),
    "ADVANCED_MAX_SHARE": Decimal(os.environ.get("LUOSHI_ADVANCED_MAX_SHARE", "0.3")),
    # 产业链: a link with fewer enterprises than this and no 链主 is weak (强链); 链主 to be named (评选不少于50家).
    "WEAK_LINK_MIN_ENTERPRISES": int(os.environ.get("LUOSHI_WEAK_LINK_MIN_ENTERPRISES", "3")),
    "CHAIN_MASTER_TARGET": int(os.environ.get("LUOSHI_CHAIN_MASTER_TARGET", "50")),
    # 重点项目: monthly reports are due by this day of the next month; a completed project not in use
    # after this many days raises an alert.
    "PROJECT_REPORT_DEADLINE_DAY": int(os.environ.get("LUOSHI_PROJECT_REPORT_DEADLINE_DAY", "5")),
    "COMPLETED_IDLE_DAYS": int(os.environ.get("LUOSHI_COMPLETED_IDLE_DAYS", "90")),
    # A month not yet over is not reportable; from this day of the running month its figures may be entered
    # as 快报 (flash figures). Empty: only months that are over (core.periods.reportable reads it).
    "EARLY_REPORT_DAY": int(os.environ["LUOSHI_EARLY_REPORT_DAY"]) if os.environ.get("LUOSHI_EARLY_REPORT_DAY")
    else None,
    # Working days (luoshi/core/workdays.py): the district's own days off beyond the national holidays
    # (core.Holiday), as ISO dates, e.g. LUOSHI_LOCAL_DAYS_OFF=2025-05-30,2025-11-14.
    "LOCAL_DAYS_OFF": tuple(d.strip() for d in os.environ.get("LUOSHI_LOCAL_DAYS_OFF", "").split(",") if d.strip()),
    # 企业诉求 (DOMAIN.md sections 4 and 9): working days (工作日) a unit has to solve an appeal once
    # assigned, by urgency and category ("*": every category not named), as 12345 counts them.
    "APPEAL_DEADLINE_DAYS": {
        "normal": {"*": 10, "approval": 7, "utilities": 5, "land": 20, "infrastructure": 20},
        "urgent": {"*": 5, "utilities": 2, "land": 10, "infrastructure": 10},
        "critical": {"*": 2, "utilities": 1},
    },
    # 跟踪督办: remind the unit this many working days before the deadline; escalate to the district
    # leaders this many working days after it (on the day after the deadline the unit itself is escalated).
    "REMINDER_DAYS_BEFORE": int(os.environ.get("LUOSHI_REMINDER_DAYS_BEFORE", "2")),
    "ESCALATE_TO_DISTRICT_AFTER_DAYS": int(os.environ.get("LUOSHI_ESCALATE_TO_DISTRICT_AFTER_DAYS", "3")),
    # 企业家接待日: every two weeks a deputy leader, every month a principal leader (经开区's rule).
    # weekday: 0 = Monday; the principal receives on the n-th such weekday of the month.
    "RECEPTION_RULE": {"deputy_every_weeks": 2, "principal_every_months": 1, "weekday": 2,
                       "principal_nth_weekday": 1, "slots": 6, "start": "09:00", "slot_minutes": 30},
    # 重点工作: a period's progress report is due this many days after the week, month or quarter ends.
    "WORKPLAN_REPORT_DUE_DAYS": {"weekly": 1, "monthly": 5, "quarterly": 5},
    # 督办: working days a unit has to answer each kind of notice (the 督查室 may set another number).
    "WORKPLAN_REPLY_DAYS": {"reminder": 5, "urge": 3, "supervise": 3, "listed": 2},
    # 企业宁静日: days of the month (inclusive) without non-exempt visits; a district may override it.
    "QUIET_WINDOW": (1, 25),
    # An Excel upload with more rows than this is checked and saved by the worker, its progress on the
    # page (0: every upload); smaller ones are answered at once.
    "BACKGROUND_IMPORT_ROWS": int(os.environ.get("LUOSHI_BACKGROUND_IMPORT_ROWS", "500")),
    # 催报: on this day of the month (and after), units that have not yet reported last month's actuals
    # or project reports are reminded, once a day, through notify.
    "REPORT_REMINDER_DAY": int(os.environ.get("LUOSHI_REPORT_REMINDER_DAY", "3")),
    # Finished background jobs (and the files they made) are kept this many days.
    "JOB_KEEP_DAYS": int(os.environ.get("LUOSHI_JOB_KEEP_DAYS", "7")),
    # Outbox (通知发送): a failed delivery is tried again after 1, 2, 4 … minutes, at most this many times.
    "DELIVERY_MAX_ATTEMPTS": int(os.environ.get("LUOSHI_DELIVERY_MAX_ATTEMPTS", "6")),
    "DELIVERY_BACKOFF_SECONDS": int(os.environ.get("LUOSHI_DELIVERY_BACKOFF_SECONDS", "60")),
    # The address of this site as people open it (https://luoshi.example.gov.cn), for the links in
    # 企业微信, 钉钉 and SMS messages; empty: those messages carry the text only.
    "SITE_URL": os.environ.get("LUOSHI_SITE_URL", ""),
}
