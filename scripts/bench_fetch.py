#!/usr/bin/env python
"""Fetch benchmark: queue N sources (default 1,000) against local servers that answer each page
after 200 ms, run Celery workers with their default settings (one process per CPU core, as
deployed: a threads pool runs one core's worth of Python), and print sources fetched per second
and each worker's peak memory.

The pages are spread over ten loopback addresses (127.0.0.2-11), as real links are spread over
many sites: the per-host politeness limit applies to each. Uses its own SQLite database and
embedded broker under var/bench/ (or Redis when REDIS_URL is set, on a queue of its own), so it
never touches the development data. Usage: `make bench-fetch` or
`python scripts/bench_fetch.py [--sources 1000] [--delay 0.2] [--hosts 10] [--workers N]`.
"""

import argparse
import os
import secrets
import shutil
import subprocess
import sys
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
PAGE = (
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Clip {n}</title>'
    '<meta property="og:title" content="Viral clip {n}">'
    '<meta property="og:description" content="A clip that is spreading.">'
    '<meta property="og:site_name" content="Bench News">'
    '<meta property="article:published_time" content="2024-03-02T18:30:00+09:00">'
    "</head><body>" + "<p>Text of the article.</p>" * 200 + "</body></html>"
)


def start_servers(hosts: int, delay: float) -> list[ThreadingHTTPServer]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - the name http.server calls
            time.sleep(delay)
            body = PAGE.format(n=self.path).encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    servers, port = [], 0
    for n in range(hosts):
        server = ThreadingHTTPServer((f"127.0.0.{n + 2}", port), Handler)
        server.daemon_threads = True
        server.request_queue_size = 256
        port = server.server_address[1]
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
    return servers


def peak_rss_mib(pid: int) -> float:
    """Peak resident memory (VmHWM) of a process and its children, in MiB."""
    total = 0
    pids = [pid]
    children = Path(f"/proc/{pid}/task/{pid}/children")
    if children.exists():
        pids += [int(p) for p in children.read_text().split()]
    for p in pids:
        for line in Path(f"/proc/{p}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                total += int(line.split()[1])
    return total / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sources", type=int, default=1000)
    parser.add_argument("--delay", type=float, default=0.2, help="server delay per page (s)")
    parser.add_argument("--hosts", type=int, default=10, help="loopback hosts to spread over")
    parser.add_argument("--timeout", type=float, default=600)
    parser.add_argument(
        "--workers", type=int, default=os.cpu_count() or 1, help="worker processes (one per core)"
    )
    args = parser.parse_args()

    var_dir = BASE_DIR / "var" / "bench"
    shutil.rmtree(var_dir, ignore_errors=True)
    var_dir.mkdir(parents=True)
    servers = start_servers(args.hosts, args.delay)
    netlocs = [f"{s.server_address[0]}:{s.server_address[1]}" for s in servers]
    queue = f"bench-{uuid.uuid4().hex[:8]}"
    env = {
        **os.environ,
        "VAR_DIR": str(var_dir),
        "DATABASE_URL": os.environ.get("BENCH_DATABASE_URL", f"sqlite:///{var_dir}/bench.db"),
        "FETCH_ALLOW_HOSTS": ",".join(netlocs),
        "MEDIA_ROOT": str(var_dir / "media"),
        "DJANGO_SETTINGS_MODULE": "config.settings",
        # Production settings: with DEBUG on, Django records every query of every fetch.
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
    }
    os.environ.update(env)
    sys.path.insert(0, str(BASE_DIR))
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    from accounts.models import User
    from config.celery import app
    from rumors.models import Rumor, Source
    from rumors.services.sources import source_enqueue_fetch

    call_command("migrate", verbosity=0)
    Source.objects.all().delete()
    user = User.objects.create_user(username=f"bench-{uuid.uuid4().hex[:6]}", password=None)
    urls = [f"http://{netlocs[n % len(netlocs)]}/clip/{n}" for n in range(args.sources)]
    sources = Source.objects.bulk_create(Source(url=u, normalized_url=u) for u in urls)
    rumors = Rumor.objects.bulk_create(
        Rumor(title=f"Clip {n}", slug=f"clip-{n}", claim="Real?", submitted_by=user)
        for n in range(args.sources)
    )
    Rumor.sources.through.objects.bulk_create(
        Rumor.sources.through(rumor_id=r.pk, source_id=s.pk)
        for r, s in zip(rumors, sources, strict=True)
    )

    # Everything is queued first, so the figure measures the worker, not the publishing loop.
    app.conf.task_default_queue = queue
    started = time.monotonic()
    for source in sources:
        source_enqueue_fetch(source_id=source.pk)
    queued = time.monotonic() - started

    workers, logs = [], []
    for n in range(args.workers):
        log_path = var_dir / f"worker{n}.log"
        logs.append(open(log_path, "w"))  # noqa: SIM115 - closed at the end
        workers.append(
            subprocess.Popen(  # noqa: S603 - a fixed command line
                [
                    sys.executable,
                    "-m",
                    "celery",
                    "-A",
                    "config",
                    "worker",
                    "-Q",
                    queue,
                    "-n",
                    f"bench{n}@%h",
                    "--loglevel=INFO",
                    "--without-gossip",
                    "--without-mingle",
                    "--without-heartbeat",
                ],
                cwd=BASE_DIR,
                env=env,
                stdout=logs[-1],
                stderr=subprocess.STDOUT,
            )  # fmt: skip
        )
    try:
        deadline = time.monotonic() + 60
        for n, worker in enumerate(workers):
            while " ready." not in (var_dir / f"worker{n}.log").read_text():
                if time.monotonic() > deadline or worker.poll() is not None:
                    sys.exit(f"a worker did not start; see var/bench/worker{n}.log")
                time.sleep(0.05)
        started = time.monotonic()
        pending = args.sources
        while pending and time.monotonic() - started < args.timeout:
            time.sleep(0.25)
            pending = Source.objects.exclude(fetch_state=Source.State.FETCHED).count()
        elapsed = time.monotonic() - started
        fetched = args.sources - pending
        peaks = [peak_rss_mib(worker.pid) for worker in workers]
    finally:
        for worker in workers:
            worker.terminate()
        for worker, log in zip(workers, logs, strict=True):
            worker.wait(30)
            log.close()
        for server in servers:
            server.shutdown()

    failed = Source.objects.exclude(fetch_state__in=[Source.State.FETCHED, Source.State.PENDING])
    print(f"broker: {settings.CELERY_BROKER_URL.split('://')[0]}://, database: "
          f"{settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]}")  # fmt: skip
    pool, threads = settings.CELERY_WORKER_POOL, settings.CELERY_WORKER_CONCURRENCY
    print(
        f"workers: {args.workers} x (pool={pool} concurrency={threads})"
        f" per-host limit={settings.FETCH_PER_HOST_CONCURRENCY} over {args.hosts} hosts"
    )
    print(f"server delay per page: {args.delay * 1000:.0f} ms; queued in {queued:.1f} s")
    print(f"fetched {fetched}/{args.sources} sources in {elapsed:.1f} s from worker ready "
          f"({failed.count()} failed)")  # fmt: skip
    print(f"throughput: {fetched / elapsed:.1f} sources/s")
    print("peak memory per worker (VmHWM): " + ", ".join(f"{p:.0f} MiB" for p in peaks))
    if pending:
        sys.exit(1)


if __name__ == "__main__":
    main()
