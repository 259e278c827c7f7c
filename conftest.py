"""Shared test fixtures; the helpers they use, which tests import too, are in
config/testsupport.py.

Tests that need PostgreSQL or Redis are marked `postgres` or `redis`. Without the service they
skip with a reason; with REQUIRE_SERVICES=1 (as .ci/run sets) they fail instead.
"""

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection, connections
from django.test import override_settings
from django.utils import translation

from config.testsupport import (
    BASE_DIR,
    CHROMIUM,
    PostgresCluster,
    ProxiedSite,
    SmtpServer,
    WebServer,
    WorkerProcess,
    database_url,
    free_port,
    missing_service,
    production_env,
    wait_for,
)


def _redis_answers() -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(settings.REDIS_URL, socket_timeout=2).ping())
    except redis.RedisError:
        return False


@pytest.fixture(autouse=True)
def _required_services(request):
    if request.node.get_closest_marker("postgres") and connection.vendor != "postgresql":
        missing_service("this test needs PostgreSQL: set DATABASE_URL=postgres://...")
    if request.node.get_closest_marker("redis"):
        if not settings.REDIS_URL:
            missing_service("this test needs Redis: set REDIS_URL=redis://...")
        elif not _redis_answers():
            missing_service(f"Redis at {settings.REDIS_URL} does not answer")
    if request.node.get_closest_marker("browser"):
        try:
            import playwright  # noqa: F401
        except ImportError:
            missing_service("this test needs Playwright: pip install -r requirements-dev.txt")
        if not os.access(CHROMIUM, os.X_OK):
            missing_service(f"this test needs Chromium at {CHROMIUM}: apt-get install chromium")


@pytest.fixture(scope="session", autouse=True)
def _fast_password_hasher():
    """Django's default hasher is slow on purpose (over half a second of CPU per hash here), and
    every factory-made member is hashed. The tests check that passwords work, not how strong
    the hash is; processes a test starts (gunicorn, Celery) keep the production hashers."""
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


@pytest.fixture(autouse=True)
def _language_reset():
    """LocaleMiddleware activates each request's language in the thread and leaves it active
    after the response. A test client's request in Korean would otherwise turn the messages of
    the tests after it, in the same thread, into Korean."""
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _page_cache_off(settings):
    """Anonymous pages are served from the cache in production; tests see fresh renders unless
    they ask for the `page_cache` fixture."""
    settings.PAGE_CACHE_SECONDS = 0


@pytest.fixture(autouse=True)
def _held_media_root(settings, tmp_path_factory):
    """Files withheld after a report move here, never into the worktree's var/."""
    settings.MEDIA_HELD_ROOT = tmp_path_factory.mktemp("held-media")


@pytest.fixture
def page_cache(settings):
    """The page cache on, in a cache of this test's own (Redis when REDIS_URL is set)."""
    from django.core.cache import caches

    settings.PAGE_CACHE_SECONDS = 300
    prefix = f"test-{uuid.uuid4().hex[:8]}"
    settings.CACHES = {
        "default": {**settings.CACHES["default"], "KEY_PREFIX": prefix},
    }
    yield caches["default"]


@pytest.fixture(scope="session")
def celery_test_queue():
    """A queue of this test run's own, so that a local `make run` worker never takes its tasks."""
    from config.celery import app

    queue = f"jinjja-test-{uuid.uuid4().hex[:8]}"
    app.conf.task_default_queue = queue
    yield queue


@pytest.fixture
def start_celery_worker(transactional_db, celery_test_queue):
    """Start a real Celery worker process on the test database and this run's queue.

    Returns a function taking extra environment variables (FETCH_ALLOW_HOSTS, say); every
    worker started is stopped at the end of the test.
    """
    started: list[WorkerProcess] = []

    def start(*, extra_args: tuple[str, ...] = (), **extra_env: str) -> WorkerProcess:
        env = {
            **os.environ,
            "DATABASE_URL": database_url(),
            # What the worker's own tasks publish (retries) stays on this run's queue too.
            "CELERY_TASK_DEFAULT_QUEUE": celery_test_queue,
            **extra_env,
        }
        cmd = [
            sys.executable, "-m", "celery", "-A", "config", "worker",
            "-Q", celery_test_queue, "--loglevel=INFO", "--pool=prefork", "--concurrency=2",
            "--without-gossip", "--without-mingle", "--without-heartbeat",
            "--hostname", f"test-{uuid.uuid4().hex[:6]}@%h", *extra_args,
        ]  # fmt: skip
        proc = subprocess.Popen(
            cmd, cwd=BASE_DIR, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
        )
        log: list[str] = []
        ready = threading.Event()

        def pump():
            for line in proc.stdout:
                log.append(line)
                if " ready." in line:
                    ready.set()

        threading.Thread(target=pump, daemon=True).start()
        worker = WorkerProcess(proc, log, celery_test_queue)
        started.append(worker)
        if not ready.wait(60):
            raise RuntimeError("Celery worker did not start:\n" + worker.output())
        return worker

    yield start
    for worker in started:
        if worker.proc.poll() is None:
            worker.proc.terminate()
            try:
                worker.proc.wait(20)
            except subprocess.TimeoutExpired:
                worker.proc.kill()


@pytest.fixture(scope="session")
def collected_static(tmp_path_factory) -> Path:
    """STATIC_ROOT with collectstatic's manifest, which production settings need to render."""
    root = tmp_path_factory.mktemp("static")
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=BASE_DIR, env=production_env(STATIC_ROOT=str(root)), check=True, timeout=120,
    )  # fmt: skip
    return root


@pytest.fixture
def start_web_server(transactional_db, collected_static, tmp_path):
    """Start the site under gunicorn with production settings on the test database.

    Returns a function taking extra environment variables (and, for drills that want every
    request of a burst in flight at once, a number of threads); servers are stopped at the end.
    """
    started: list[WebServer] = []

    def start(*, threads: int = 4, **extra_env: str) -> WebServer:
        port = free_port()
        defaults = {"DATABASE_URL": database_url(), "STATIC_ROOT": str(collected_static)}
        env = production_env(**(defaults | extra_env))
        log_path = tmp_path / f"gunicorn-{port}.log"
        cmd = [
            sys.executable, "-m", "gunicorn", "config.wsgi", "--bind", f"127.0.0.1:{port}",
            "--workers", "1", "--threads", str(threads), "--timeout", "30",
        ]  # fmt: skip
        with open(log_path, "w") as log:
            proc = subprocess.Popen(cmd, cwd=BASE_DIR, env=env, stdout=log, stderr=log)
        server = WebServer(proc, port, log_path)
        started.append(server)

        def answers():
            if proc.poll() is not None:
                pytest.fail("gunicorn exited:\n" + server.output())
            with socket.socket() as s:
                return s.connect_ex(("127.0.0.1", port)) == 0

        wait_for(answers, timeout=30, message="gunicorn did not start")
        return server

    yield start
    for server in started:
        server.proc.terminate()
        try:
            server.proc.wait(20)
        except subprocess.TimeoutExpired:
            server.proc.kill()


@pytest.fixture
def start_proxy(start_web_server, collected_static, settings, tmp_path):
    """The site under gunicorn (production settings) behind deploy/nginx/jinjja.conf, run in
    Debian's nginx on 127.0.0.1 (config/nginx.py). MEDIA_ROOT is this test's own, shared by the
    test, gunicorn and nginx. Returns a function taking gunicorn's extra environment variables
    (CACHE_S_MAXAGE=...) and returning a ProxiedSite; everything is stopped at the end."""
    from config.nginx import nginx_binary, start_nginx

    if nginx_binary() is None:
        missing_service("this test needs Debian's nginx: apt-get install nginx")
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDIA_ROOT.mkdir()
    started = []

    def start(**extra_env: str) -> ProxiedSite:
        env = {
            "MEDIA_ROOT": str(settings.MEDIA_ROOT),
            "MEDIA_HELD_ROOT": str(settings.MEDIA_HELD_ROOT),
            "MEDIA_X_ACCEL_REDIRECT": "/_protected-media/",
            "TRUSTED_PROXY_COUNT": "1",
            # Sessions the test logs in (Client.force_login) are signed with this key.
            "SECRET_KEY": settings.SECRET_KEY,
        }
        web = start_web_server(**(env | extra_env))
        nginx = start_nginx(
            tmp_path / f"nginx-{web.port}",
            port=free_port(),
            upstream=web.port,
            static_root=collected_static,
            media_root=settings.MEDIA_ROOT,
            forwarded_proto="https",
        )
        started.append(nginx)
        return ProxiedSite(nginx, web)

    yield start
    for nginx in started:
        nginx.stop()


@pytest.fixture
def smtp_server():
    """A real SMTP server of this test's own on 127.0.0.1, not yet started (so that a test can
    begin with the server down): call `.start()`. Stopped at the end of the test."""
    try:
        import aiosmtpd  # noqa: F401
    except ImportError:
        missing_service("this test needs aiosmtpd: pip install -r requirements-dev.txt")
    server = SmtpServer()
    yield server
    server.stop()


@pytest.fixture
def smtp_settings(settings, smtp_server):
    """This process sends mail to `smtp_server` (pytest-django otherwise keeps it in memory)."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", smtp_server.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = 10
    return smtp_server


@pytest.fixture
def start_postgres_cluster():
    """initdb + pg_ctl on a free port under a temporary folder (as the postgres user when root).

    Never the shared server: a test that stops PostgreSQL stops only this one.
    """
    if not (shutil.which("initdb") and shutil.which("pg_ctl")):
        missing_service("this test needs PostgreSQL's initdb and pg_ctl on PATH")
    as_postgres = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    base = Path(tempfile.mkdtemp(prefix="jinjja-pg-"))
    data_dir = base / "data"
    if as_postgres:
        shutil.chown(base, "postgres")
    clusters: list[PostgresCluster] = []

    def start() -> PostgresCluster:
        subprocess.run(
            [*as_postgres, "initdb", "-D", str(data_dir), "-A", "trust", "-U", "postgres"],
            check=True, capture_output=True, timeout=120,
        )  # fmt: skip
        cluster = PostgresCluster(data_dir, free_port(), as_postgres)
        cluster.start()
        clusters.append(cluster)
        subprocess.run(
            [*as_postgres, "createdb", "-h", "127.0.0.1", "-p", str(cluster.port), "-U",
             "postgres", "jinjja"],
            check=True, capture_output=True, timeout=60,
        )  # fmt: skip
        return cluster

    yield start
    for cluster in clusters:
        try:
            cluster.stop("immediate")
        except subprocess.CalledProcessError:
            pass  # already stopped by the test
    shutil.rmtree(base, ignore_errors=True)


# --- Browser tests: Debian's Chromium driven by Playwright against the live test server ---
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture
def browser(request, monkeypatch, transactional_db):
    """A headless Chromium for one test, closed afterwards.

    Playwright's sync API keeps an asyncio loop running in this thread, and Django refuses ORM
    calls while a loop runs. The test's own ORM calls (making data, checking rows) are plain
    synchronous calls between browser steps, so they are allowed for browser tests only; the
    live server answers the browser from its own thread, where no loop runs.
    """
    from playwright.sync_api import sync_playwright

    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
        try:
            yield chromium
        finally:
            chromium.close()
            # While the loop runs, Django keeps this thread's database connections in context
            # variables, apart from the usual thread-local ones: close those now, or their
            # session would outlive the test and keep the test database from being dropped.
            connections.close_all()


@pytest.fixture
def page(browser, live_server):
    """A phone-sized page (390 px wide) with the live server's address as its base URL."""
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 390, "height": 844}, locale="en-GB"
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()
