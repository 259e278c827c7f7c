"""Helpers shared by the tests: importable as a plain module (`from config.testsupport import
wait_for`), unlike conftest.py, which holds the fixtures and imports these helpers too.

Processes a test starts (Celery workers, gunicorn, Django commands) run from BASE_DIR on the
test database (`database_url()`), with `production_env()` where production settings matter.
"""

import http.client
import os
import re
import secrets
import socket
import subprocess
import time
from pathlib import Path
from urllib.parse import quote

import pytest
from django.db import connection

REQUIRE_SERVICES = os.environ.get("REQUIRE_SERVICES") == "1"
BASE_DIR = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


def missing_service(reason: str) -> None:
    """Skip the test, or fail it under REQUIRE_SERVICES=1 (CI, where every service runs)."""
    if REQUIRE_SERVICES:
        pytest.fail(f"REQUIRE_SERVICES=1 but {reason}")
    pytest.skip(reason)


def wait_for(predicate, *, timeout: float = 30, interval: float = 0.2, message: str = ""):
    """Poll until predicate() is truthy and return its value; fail with message after timeout
    seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    pytest.fail(message or f"condition not met within {timeout}s")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def database_url() -> str:
    """The URL of the test database, for processes started by a test."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    user = quote(db.get("USER") or "")
    password = f":{quote(db['PASSWORD'])}" if db.get("PASSWORD") else ""
    host = db.get("HOST") or "localhost"
    port = f":{db['PORT']}" if db.get("PORT") else ""
    return f"postgres://{user}{password}@{host}{port}/{db['NAME']}"


def production_env(**extra: str) -> dict[str, str]:
    """The environment of a production deployment, for processes started by a test."""
    env = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "SECRET_KEY_FILE")}
    env.update(
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="jinjja.example",
        USE_X_FORWARDED_PROTO="true",
        # Nothing listens there: the processes tests start with these settings send no mail.
        EMAIL_URL="smtp://127.0.0.1:9",
    )
    env.update(extra)
    return env


# How a Celery worker logs a task: "Task rumors.fetch_source[<id>] received", then one line
# with how it ended ("succeeded in 0.04s: None", "retry: ...", "raised unexpected: ...").
_TASK_LINE = re.compile(r"Task [\w.]+\[(?P<id>[\w-]+)\] (?P<what>\S+)")


def broker_queue_size(queue: str, broker_url: str | None = None) -> int:
    """Messages waiting on the broker (the settings' one, or broker_url) for `queue`."""
    from config.celery import app

    with app.connection_for_read(broker_url) as conn:
        return conn.default_channel.queue_declare(queue).message_count


class WorkerProcess:
    """A Celery worker started by the `start_celery_worker` fixture, with its log so far."""

    def __init__(self, proc: subprocess.Popen, log: list[str], queue: str):
        self.proc, self.log, self.queue = proc, log, queue

    def output(self) -> str:
        return "".join(self.log)

    def tasks(self) -> tuple[set[str], set[str]]:
        """The ids of the tasks this worker received, and of those it finished (any outcome)."""
        received, finished = set(), set()
        for match in _TASK_LINE.finditer(self.output()):
            (received if match["what"] == "received" else finished).add(match["id"])
        return received, finished

    def wait_until_idle(self, *, broker_url: str | None = None, timeout: float = 30) -> None:
        """Wait until the broker holds nothing for this worker's queue and the worker has
        finished every task it received. A duplicate message, or a retry it scheduled, would
        have been received by then, and would keep it busy until it ran."""

        def idle() -> bool:
            received, finished = self.tasks()
            return received <= finished and broker_queue_size(self.queue, broker_url) == 0

        deadline = time.monotonic() + timeout
        while not idle():
            if time.monotonic() > deadline:
                pytest.fail(f"the worker is still busy after {timeout}s:\n" + self.output())
            time.sleep(0.2)


class WebServer:
    """gunicorn started by the `start_web_server` fixture."""

    def __init__(self, proc: subprocess.Popen, port: int, log_path: Path):
        self.proc, self.port, self.log_path = proc, port, log_path

    def request(self, path: str, *, host: str = "jinjja.example", https: bool = True, **headers):
        """One real HTTP request; returns (status, headers, body)."""
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            headers = {"Host": host, **headers}
            if https:
                headers["X-Forwarded-Proto"] = "https"
            conn.request("GET", path, headers=headers)
            response = conn.getresponse()
            return response.status, response.headers, response.read().decode()
        finally:
            conn.close()

    def output(self) -> str:
        return self.log_path.read_text()


def http_request(
    port: int,
    path: str,
    *,
    method: str = "GET",
    body: bytes | None = None,
    host: str = "jinjja.example",
    **headers: str,
):
    """One real HTTP request to 127.0.0.1:port; returns (status, headers, body as text).
    Header names are given with underscores (X_Cache_Status becomes X-Cache-Status)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        sent = {"Host": host} | {name.replace("_", "-"): value for name, value in headers.items()}
        conn.request(method, path, body=body, headers=sent)
        response = conn.getresponse()
        return response.status, response.headers, response.read().decode(errors="replace")
    finally:
        conn.close()


class ProxiedSite:
    """The site under gunicorn behind the shipped nginx configuration (`start_proxy`)."""

    def __init__(self, nginx, web: "WebServer"):
        self.nginx, self.web = nginx, web

    def request(self, path: str, **kwargs):
        """A request through nginx: (status, headers, body)."""
        return http_request(self.nginx.port, path, **kwargs)

    def member_request(self, path: str, session_key: str, **kwargs):
        return self.request(path, Cookie=f"sessionid={session_key}", **kwargs)


class PostgresCluster:
    """A throwaway PostgreSQL server of a test's own, which the test may stop and start."""

    def __init__(self, data_dir: Path, port: int, as_postgres: list[str]):
        self.data_dir, self.port, self.as_postgres = data_dir, port, as_postgres
        self.url = f"postgres://postgres@127.0.0.1:{port}/jinjja"

    def _pg_ctl(self, *args: str) -> None:
        cmd = [*self.as_postgres, "pg_ctl", "-D", str(self.data_dir), "-w", "-t", "60", *args]
        subprocess.run(cmd, check=True, capture_output=True, timeout=90)

    def start(self) -> None:
        options = f"-p {self.port} -k {self.data_dir} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._pg_ctl("-o", options, "-l", str(self.data_dir / "server.log"), "start")

    def stop(self, mode: str = "fast") -> None:
        self._pg_ctl("-m", mode, "stop")


class SmtpServer:
    """A real SMTP server on 127.0.0.1 (aiosmtpd, in a thread of the test), started by the
    `smtp_server` fixture. It may be stopped and started again on the same port (an outage);
    `messages` keeps what it accepted, as parsed email messages, across restarts.

    `refuse` is a set of addresses answered 550 at RCPT TO; while `gate` is cleared, a message's
    DATA waits for it (to hold a sender mid-delivery), with `in_data` set meanwhile."""

    def __init__(self):
        import threading

        self.port = free_port()
        self.messages: list = []
        self.refuse: set[str] = set()
        self.gate = threading.Event()
        self.gate.set()
        self.in_data = threading.Event()
        self._controller = None

    @property
    def url(self) -> str:
        return f"smtp://127.0.0.1:{self.port}"

    def start(self) -> None:
        from aiosmtpd.controller import Controller

        self._controller = Controller(_SmtpHandler(self), hostname="127.0.0.1", port=self.port)
        self._controller.start()

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    def wait_for_messages(self, count: int, *, timeout: float = 30) -> list:
        wait_for(
            lambda: len(self.messages) >= count,
            timeout=timeout,
            message=f"{count} mail(s) expected, {len(self.messages)} arrived",
        )
        return self.messages


class _SmtpHandler:
    def __init__(self, server: SmtpServer):
        self.server = server

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.server.refuse:
            return "550 5.1.1 no such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        import asyncio
        from email import message_from_bytes, policy

        self.server.in_data.set()
        await asyncio.get_running_loop().run_in_executor(None, self.server.gate.wait)
        message = message_from_bytes(envelope.original_content, policy=policy.default)
        self.server.messages.append(message)
        return "250 OK"
