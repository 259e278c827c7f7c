#!/usr/bin/env python
"""Webhook delivery benchmark: N timeline events (default 1,000) for a webhook whose receiver
answers after 200 ms, while a second webhook's receiver is dead (it takes the connection and
never answers), delivered by one Celery worker with its default settings; prints deliveries
per second to the live receiver and how many attempts the dead one cost.

Uses its own SQLite database and embedded broker under var/bench-webhooks/ (or Redis when
REDIS_URL is set, on a queue of its own; BENCH_DATABASE_URL for PostgreSQL), so it never
touches the development data. Usage: `make bench-webhooks` or
`python scripts/bench_webhooks.py [--events 1000] [--delay 0.2]`.
"""

import argparse
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent


def start_receiver(delay: float) -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802 - the name http.server calls
            self.rfile.read(int(self.headers.get("Content-Length") or 0))
            time.sleep(delay)
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    server.request_queue_size = 256
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def start_dead_receiver() -> tuple[socket.socket, list[socket.socket]]:
    """Accepts connections and never answers (kept open so the client waits its timeout)."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(256)
    held: list[socket.socket] = []

    def accept():
        while True:
            try:
                held.append(listener.accept()[0])
            except OSError:
                return

    threading.Thread(target=accept, daemon=True).start()
    return listener, held


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1000)
    parser.add_argument("--delay", type=float, default=0.2, help="receiver delay (s)")
    parser.add_argument("--timeout", type=float, default=600)
    args = parser.parse_args()

    var_dir = BASE_DIR / "var" / "bench-webhooks"
    shutil.rmtree(var_dir, ignore_errors=True)
    var_dir.mkdir(parents=True)
    live = start_receiver(args.delay)
    dead, held = start_dead_receiver()
    live_at = f"127.0.0.1:{live.server_address[1]}"
    dead_at = f"127.0.0.1:{dead.getsockname()[1]}"
    queue = f"bench-{uuid.uuid4().hex[:8]}"
    os.environ.update(
        {
            "VAR_DIR": str(var_dir),
            "DATABASE_URL": os.environ.get("BENCH_DATABASE_URL", f"sqlite:///{var_dir}/bench.db"),
            "FETCH_ALLOW_HOSTS": f"{live_at},{dead_at}",
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "DEBUG": "false",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "CELERY_TASK_DEFAULT_QUEUE": queue,
        }
    )
    sys.path.insert(0, str(BASE_DIR))
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import transaction

    from accounts.models import User
    from rumors.models import Rumor, TimelineEvent, Webhook, WebhookDelivery
    from rumors.services.timeline import timeline_append

    call_command("migrate", verbosity=0)
    owner = User.objects.create_user(username=f"bench-{uuid.uuid4().hex[:6]}", password=None)
    fast = Webhook.objects.create(
        owner=owner, url=f"http://{live_at}/hook", events=["*"], secret="a" * 64
    )
    Webhook.objects.create(owner=owner, url=f"http://{dead_at}/hook", events=["*"], secret="b" * 64)
    rumor = Rumor.objects.create(
        title="Bench clip", slug="bench", claim="Real?", submitted_by=owner
    )

    log_path = var_dir / "worker.log"
    log = open(log_path, "w")  # noqa: SIM115 - closed at the end
    worker = subprocess.Popen(  # noqa: S603 - a fixed command line
        [sys.executable, "-m", "celery", "-A", "config", "worker", "-Q", queue, "-n",
         "bench@%h", "--loglevel=WARNING", "--without-gossip", "--without-mingle",
         "--without-heartbeat"],
        cwd=BASE_DIR, env=os.environ, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    try:
        began = time.monotonic()
        with transaction.atomic():  # one commit: every delivery is queued at once after it
            for n in range(args.events):
                timeline_append(rumor=rumor, kind=TimelineEvent.Kind.EDITED, data={"n": n})
        queued = time.monotonic() - began
        started = time.monotonic()
        delivered = 0
        while delivered < args.events and time.monotonic() - started < args.timeout:
            time.sleep(0.25)
            delivered = WebhookDelivery.objects.filter(
                webhook=fast, status=WebhookDelivery.Status.DELIVERED
            ).count()
        elapsed = time.monotonic() - started
        dead_attempts = sum(
            WebhookDelivery.objects.exclude(webhook=fast).values_list("attempts", flat=True)
        )
    finally:
        worker.terminate()
        worker.wait(30)
        log.close()
        live.shutdown()
        dead.close()

    pool, threads = settings.CELERY_WORKER_POOL, settings.CELERY_WORKER_CONCURRENCY
    rate = delivered / elapsed if elapsed else 0.0
    print(f"broker: {settings.CELERY_BROKER_URL.split('://')[0]}://, database: "
          f"{settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]}")  # fmt: skip
    limit, timeout = settings.WEBHOOK_PER_HOST_CONCURRENCY, settings.WEBHOOK_TIMEOUT
    print(f"worker: 1 x (pool={pool} concurrency={threads}), per receiver host at most "
          f"{limit}, timeout {timeout:g} s")  # fmt: skip
    print(f"{args.events} events written and queued in {queued:.1f} s")
    print(f"live receiver (answers after {args.delay * 1000:.0f} ms): {delivered}/{args.events} "
          f"delivered in {elapsed:.1f} s = {rate:.1f} deliveries/s")  # fmt: skip
    print(f"dead receiver meanwhile: {dead_attempts} attempts timed out, "
          f"{len(held)} connections held")  # fmt: skip
    (BASE_DIR / "var" / "bench-webhooks.json").write_text(
        json.dumps({"events": args.events, "delivered": delivered, "seconds": round(elapsed, 2),
                    "deliveries_per_second": round(rate, 1), "dead_attempts": dead_attempts})
    )  # fmt: skip


if __name__ == "__main__":
    main()
