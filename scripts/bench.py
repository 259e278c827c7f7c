#!/usr/bin/env python
"""Load benchmark: `make bench` (RUMORS=N, default 100000) and `make bench-smoke` (2,000 rumors).

1. Makes sure a PostgreSQL database of its own (`<DATABASE_URL's name>_bench_<N>`, or
   BENCH_DATABASE_URL) holds exactly N bulk rumors: creates, migrates and seeds it (seed_bulk)
   when needed, and reuses it otherwise.
2. Starts the site under gunicorn with production settings (DEBUG off, Redis cache) on
   127.0.0.1, with the ceiling view /bench/ceiling mounted (BENCH_CEILING=true).
3. Drives each endpoint from a second process with wrk (installed from Debian packages when
   missing) and prints requests per second, p50/p95/p99 latency and the ratio of each
   endpoint's throughput to the ceiling's, measured in the same run; writes var/bench.json.

   Then the same endpoints through Debian's nginx running the shipped configuration
   (deploy/nginx/jinjja.conf, adapted to local ports by config/nginx.py; installed when
   missing), as further rows `<name>@nginx` with "via": "nginx"; a `spike` row of
   --spike-connections concurrent connections on the hot rumor page through nginx; and the
   time from the vote that reaches a verdict to the verdict showing through nginx.

4. Times search itself, in this process (the pages cache what wrk asks again and again): the
   `search` selector behind the search page and the API's `q`, on one- and two-word Korean
   queries (names with particles, words of the Korean claims), over --search-queries distinct
   queries each; prints p50/p95/p99 and the memory and time the Korean analyser took to load.

Endpoints that the site does not serve (404 when probed) are reported and skipped, so the
script works on any branch; add others with --endpoint name=/path.
"""

import argparse
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))

DEFAULT_ENDPOINTS = [
    "ceiling",
    "home",
    "hot_rumor",
    "actor",
    "api_rumors",
    "api_timeline",
    "api_timeline_deep",
]

# wrk's Lua hooks. Each request comes from another client address, as forwarded by our proxy
# (the server runs with TRUSTED_PROXY_COUNT=1), so that per-client API throttling costs what it
# costs with many readers. `done` prints the figures wrk's own report rounds away as JSON.
WRK_REPORT = """
request = function()
  wrk.headers["X-Forwarded-For"] = string.format(
    "10.%d.%d.%d", math.random(0, 255), math.random(0, 255), math.random(1, 254))
  return wrk.format()
end

done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'BENCH {"requests": %d, "duration_us": %d, "socket_errors": %d, "non2xx": %d, '
    .. '"p50_us": %d, "p95_us": %d, "p99_us": %d}\\n',
    summary.requests, summary.duration, e.connect + e.read + e.write + e.timeout, e.status,
    latency:percentile(50), latency:percentile(95), latency:percentile(99)))
end
"""

# Set as a TLS-terminating proxy would, so that production settings (HTTPS redirect on) apply.
PROXY_HEADERS = {"X-Forwarded-Proto": "https"}


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rumors", type=int, default=int(os.environ.get("RUMORS", 100_000)))
    parser.add_argument("--duration", type=int, default=15, help="seconds per endpoint")
    parser.add_argument("--warmup", type=int, default=3, help="seconds of warm-up per endpoint")
    parser.add_argument("--connections", type=int, default=8, help="wrk's concurrency")
    parser.add_argument("--threads", type=int, default=2, help="wrk's threads")
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1) + 1)
    parser.add_argument("--deep-pages", type=int, default=200, help="how deep the deep page is")
    parser.add_argument(
        "--only", default=",".join(DEFAULT_ENDPOINTS), help="comma-separated endpoint names"
    )
    parser.add_argument(
        "--endpoint", action="append", default=[], metavar="NAME=/PATH", help="add an endpoint"
    )
    parser.add_argument(
        "--search-queries", type=int, default=300, help="distinct queries per search row"
    )
    parser.add_argument(
        "--spike-connections", type=int, default=1000, help="concurrency of the spike row"
    )
    parser.add_argument(
        "--no-proxy", action="store_true", help="measure the site directly only, without nginx"
    )
    parser.add_argument("--output", default=str(BASE_DIR / "var" / "bench.json"))
    return parser.parse_args()


def bench_database_url(suffix: int | str) -> str:
    """The benchmark's own PostgreSQL database: BENCH_DATABASE_URL, or DATABASE_URL's name with
    `_bench_<suffix>` (the rumor count, or another benchmark's name)."""
    if os.environ.get("BENCH_DATABASE_URL"):
        return os.environ["BENCH_DATABASE_URL"]
    base = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/jinjja")
    parts = urlsplit(base)
    if not parts.scheme.startswith("postgres"):
        sys.exit("The benchmark runs on PostgreSQL: set DATABASE_URL or BENCH_DATABASE_URL.")
    name = parts.path.lstrip("/") or "jinjja"
    return urlunsplit(parts._replace(path=f"/{name}_bench_{suffix}"))


def ensure_database(url: str) -> None:
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = urlunsplit(parts._replace(path="/postgres", scheme="postgresql"))
    with psycopg.connect(admin, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            print(f"Creating database {name}")
            conn.execute(f'CREATE DATABASE "{name}"')


def drop_database(url: str) -> None:
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = urlunsplit(parts._replace(path="/postgres", scheme="postgresql"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def prepare_data(rumors: int) -> None:
    """Migrate, and seed unless the database already holds exactly `rumors` rumors."""
    from django.core.management import call_command

    from rumors.models import Rumor

    call_command("migrate", verbosity=0)
    have = Rumor.objects.count()
    if have == rumors:
        print(f"Reusing the {have} rumors already seeded")
        return
    if have:
        sys.exit(f"The bench database holds {have} rumors, not {rumors}: drop it and re-run.")
    began = time.monotonic()
    call_command("seed_bulk", rumors=rumors)
    print(f"Seeded {rumors} rumors in {time.monotonic() - began:.0f}s")


def known_paths() -> dict[str, str]:
    """Paths of the data-dependent endpoints: the busiest rumor and the most-mentioned actor."""
    from django.db.models import Count

    from rumors.models import Person, Rumor, TimelineEvent

    hot = (
        TimelineEvent.objects.values("rumor_id")
        .annotate(n=Count("id"))
        .order_by("-n")
        .values_list("rumor_id", flat=True)
        .first()
    )
    actor = Person.objects.annotate(n=Count("rumors")).order_by("-n").first()
    from django.urls import reverse
    from django.utils import translation

    # Pages under their English address: an unprefixed one is a redirect to the reader's language.
    with translation.override("en"):
        pages = {
            "home": reverse("rumors:home"),
            "hot_rumor": Rumor.objects.get(pk=hot).get_absolute_url(),
            "actor": actor.get_absolute_url(),
        }
    return {
        "ceiling": "/bench/ceiling",
        **pages,
        "api_rumors": "/api/v1/rumors/",
        "api_timeline": "/api/v1/timeline/",
    }


def rss_mib() -> float:
    """This process's resident memory now, from /proc (Linux)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def search_queries(count: int) -> dict[str, list[str]]:
    """One- and two-word Korean queries as fans type them, from the seeded names and claims."""
    import random

    from rumors.models import Person
    from rumors.synthetic import KO_CLAIMS

    rng = random.Random(18)  # noqa: S311 - reproducible queries, not secrets
    names = list(Person.objects.exclude(name_hangul="").values_list("name_hangul", flat=True))
    words = sorted({w for claim in KO_CLAIMS for w in claim.split()})
    particles = ["", "가", "이", "의", "는", "랑"]
    one = [
        rng.choice(names) + rng.choice(particles) if i % 2 else rng.choice(words)
        for i in range(count)
    ]
    two = [
        f"{rng.choice(names)}{rng.choice(particles)} "
        + (rng.choice(names) if i % 2 else rng.choice(words))
        for i in range(count)
    ]
    return {"search_ko_1word": one, "search_ko_2word": two}


ANALYSER_COST = """
import json, time, django
django.setup()
from scripts.bench import rss_mib
from rumors import textsearch
from rumors.selectors.search import search
search(q="kiss")  # a web worker that has served a Latin-script search
before, began = rss_mib(), time.monotonic()
textsearch.text_terms("김다미가 이태원에서")
print(json.dumps({"load_s": round(time.monotonic() - began, 2),
                  "rss_before_mib": round(before), "rss_after_mib": round(rss_mib())}))
"""


def analyser_cost() -> dict:
    """What loading Kiwi does to a fresh Django process, as in a web worker."""
    out = subprocess.run(
        [sys.executable, "-c", ANALYSER_COST],
        cwd=BASE_DIR,
        env={**os.environ, "PYTHONPATH": str(BASE_DIR)},
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def bench_search(count: int) -> tuple[dict, dict]:
    """p50/p95/p99 of the search selector per row, and what loading the analyser cost."""
    from rumors import textsearch
    from rumors.selectors.search import search

    analyser = analyser_cost()
    textsearch.text_terms("김다미가 이태원에서")  # loaded here too before the timings
    rows = {}
    for name, queries in search_queries(count).items():
        search(q=queries[0])  # warm the connection and the planner's caches
        times = []
        for q in queries:
            began = time.perf_counter()
            search(q=q)
            times.append((time.perf_counter() - began) * 1000)
        times.sort()

        def at(share, times=times):
            return round(times[min(len(times) - 1, int(share * len(times)))], 2)

        rows[name] = {"queries": len(times), "p50_ms": at(0.5), "p95_ms": at(0.95),
                      "p99_ms": at(0.99)}  # fmt: skip
    return rows, analyser


def ensure_wrk() -> str:
    wrk = shutil.which("wrk")
    if wrk:
        return wrk
    if os.geteuid() == 0 and shutil.which("apt-get"):
        print("Installing wrk (apt-get install -y wrk)")
        subprocess.run(["apt-get", "install", "-y", "-q", "wrk"], check=True)
        return shutil.which("wrk") or sys.exit("wrk did not install")
    sys.exit("The benchmark needs wrk: sudo apt-get install -y wrk")


def ensure_nginx() -> None:
    from config.nginx import nginx_binary

    if nginx_binary():
        return
    if os.geteuid() == 0 and shutil.which("apt-get"):
        print("Installing nginx (apt-get install -y nginx)")
        subprocess.run(["apt-get", "install", "-y", "-q", "nginx"], check=True)
        if nginx_binary():
            return
    sys.exit("The benchmark runs the site behind nginx too: sudo apt-get install -y nginx")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(db_url: str, port: int, workers: int, static_root: Path, log) -> subprocess.Popen:
    env = {
        **os.environ,
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "USE_X_FORWARDED_PROTO": "true",
        "DATABASE_URL": db_url,
        "STATIC_ROOT": str(static_root),
        "BENCH_CEILING": "true",
        "LOG_LEVEL": "WARNING",
        # wrk's requests carry many client addresses (WRK_REPORT); the script's own probes and
        # the walk to the deep timeline page all come from 127.0.0.1, which must not be throttled.
        "TRUSTED_PROXY_COUNT": "1",
        "API_THROTTLE_ANON": "100000/min",
    }
    env.setdefault("REDIS_URL", "redis://127.0.0.1:6379/0")
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=BASE_DIR,
        env=env,
        check=True,
    )
    cmd = [sys.executable, "-m", "gunicorn", "config.wsgi", "--bind", f"127.0.0.1:{port}",
           "--workers", str(workers), "--access-logfile", "-"]  # fmt: skip
    proc = subprocess.Popen(cmd, cwd=BASE_DIR, env=env, stdout=subprocess.DEVNULL, stderr=log)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            sys.exit("gunicorn exited; see var/bench-gunicorn.log")
        try:
            fetch(port, "/bench/ceiling")
            return proc
        except OSError:
            time.sleep(0.3)
    proc.kill()
    sys.exit("gunicorn did not answer within 60 s")


def fetch(port: int, path: str, timeout: float = 60) -> tuple[int, bytes]:
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers=PROXY_HEADERS)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 - local server
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, b""


def probe(port: int, path: str | None) -> str:
    """Why the endpoint cannot be measured, or "" when it answers 200."""
    if not path:
        return "no path (not served by this branch)"
    try:
        status = fetch(port, path)[0]
    except OSError as exc:
        return f"{path} did not answer: {exc}"
    return "" if status == 200 else f"{path} answers {status}"


def deep_cursor_path(port: int, first: str, pages: int) -> str | None:
    """Follow the API's `next` links `pages` times; the page reached is the deep one."""
    path = first
    for _ in range(pages):
        status, body = fetch(port, path)
        next_url = json.loads(body).get("next") if status == 200 else None
        if not next_url:
            break
        parts = urlsplit(next_url)
        path = f"{parts.path}?{parts.query}"
    return path if path != first else None


def run_wrk(
    wrk: str, port: int, path: str, seconds: int, args, script: Path, connections: int = 0
) -> dict:
    headers = [x for name, value in PROXY_HEADERS.items() for x in ("-H", f"{name}: {value}")]
    connections = connections or args.connections
    cmd = [wrk, f"-t{args.threads}", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s",
           "-s", str(script), *headers, f"http://127.0.0.1:{port}{path}"]  # fmt: skip
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    line = next(line for line in out.splitlines() if line.startswith("BENCH "))
    raw = json.loads(line[len("BENCH ") :])
    return {
        "rps": round(raw["requests"] / (raw["duration_us"] / 1e6), 1),
        "p50_ms": round(raw["p50_us"] / 1000, 2),
        "p95_ms": round(raw["p95_us"] / 1000, 2),
        "p99_ms": round(raw["p99_us"] / 1000, 2),
        "requests": raw["requests"],
        "errors": raw["socket_errors"] + raw["non2xx"],
    }


def measure(wrk: str, port: int, path: str, args, script: Path, connections: int = 0) -> dict:
    if args.warmup:
        run_wrk(wrk, port, path, args.warmup, args, script, connections)
    return {"path": path, **run_wrk(wrk, port, path, args.duration, args, script, connections)}


def bench_moderators(count: int) -> list:
    """Moderators of the benchmark's own, with a second factor, who vote in the verdict timing
    (the seeded moderators have none, so these are the whole electorate)."""
    from accounts.models import User
    from accounts.tests.factories import add_totp

    moderators = []
    for n in range(1, count + 1):
        user, created = User.objects.get_or_create(
            username=f"bench-moderator-{n}", defaults={"is_moderator": True}
        )
        if created:
            add_totp(user)
        moderators.append(user)
    return moderators


def verdict_through_proxy(proxy_port: int) -> dict:
    """Seconds from the commit of the vote that reaches a verdict on an open rumor to a reader
    seeing the verdict through nginx, while readers keep the page hot in its cache."""
    from django.conf import settings

    from rumors.models import Rumor
    from rumors.services.votes import vote_cast

    moderators = bench_moderators(settings.VERDICT_QUORUM)
    rumor = (
        Rumor.objects.public()
        .filter(status=Rumor.Status.SUBMITTED, verdict="", votes__isnull=True)
        .exclude(submitted_by__in=moderators)
        .order_by("-pk")
        .first()
    )
    if rumor is None:
        return {"skipped": "no open rumor without votes left in this database"}
    path = rumor.get_absolute_url()
    status, before = fetch(proxy_port, path)
    if status != 200 or b"No verdict yet." not in before:
        return {"skipped": f"{path} answers {status} without 'No verdict yet.'"}
    request = urllib.request.Request(f"http://127.0.0.1:{proxy_port}{path}", headers=PROXY_HEADERS)
    with urllib.request.urlopen(request, timeout=60) as kept:  # noqa: S310 - local server
        control = kept.headers.get("Cache-Control", "")
    s_maxage = next(
        (int(part.split("=")[1]) for part in control.split(", ") if part.startswith("s-maxage=")),
        None,
    )
    for moderator in moderators:
        vote_cast(
            moderator=moderator,
            rumor=rumor,
            verdict="ai_generated",
            rationale="Benchmark: faces swapped onto the original footage.",
        )
    committed = time.monotonic()
    polls = 0
    while time.monotonic() - committed < 120:
        polls += 1
        if b"No verdict yet." not in fetch(proxy_port, path)[1]:
            seconds = time.monotonic() - committed
            return {"path": path, "seconds": round(seconds, 2), "polls": polls,
                    "s_maxage": s_maxage}  # fmt: skip
        time.sleep(0.02)
    return {"path": path, "seconds": None, "polls": polls}


def main() -> None:
    args = parse_args()
    wrk = ensure_wrk()
    if not args.no_proxy:
        ensure_nginx()
    db_url = bench_database_url(args.rumors)
    ensure_database(db_url)
    os.environ["DATABASE_URL"] = db_url
    # The server's Redis: the verdict timing's votes refresh the pages' stamp kept there.
    os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/0")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    prepare_data(args.rumors)
    searches, analyser = bench_search(args.search_queries)
    paths = known_paths()
    paths.update(dict(item.split("=", 1) for item in args.endpoint))
    wanted = [n for n in args.only.split(",") if n] + [e.split("=", 1)[0] for e in args.endpoint]

    var = BASE_DIR / "var"
    var.mkdir(exist_ok=True)
    port = free_port()
    with (
        tempfile.TemporaryDirectory() as tmp,
        open(var / "bench-gunicorn.log", "w") as log,
    ):
        script = Path(tmp) / "report.lua"
        script.write_text(WRK_REPORT)
        server = start_server(db_url, port, args.workers, Path(tmp) / "static", log)
        try:
            if "api_timeline_deep" in wanted:
                deep = deep_cursor_path(port, paths["api_timeline"], args.deep_pages)
                if deep:
                    paths["api_timeline_deep"] = deep
            results, skipped = {}, {}
            for name in wanted:
                path = paths.get(name)
                why = probe(port, path)
                if why:
                    skipped[name] = why
                    continue
                results[name] = measure(wrk, port, path, args, script)
                print(f"  {name:<22} {results[name]['rps']:>9.1f} rps", flush=True)
            verdict = {}
            if not args.no_proxy:
                verdict = through_proxy(wrk, port, paths, wanted, skipped, results, args, script,
                                        Path(tmp))  # fmt: skip
        finally:
            server.terminate()
            server.wait(30)

    ceiling = results.get("ceiling", {}).get("rps")
    for figures in results.values():
        figures["ratio"] = round(figures["rps"] / ceiling, 3) if ceiling else None
    report(args, results, skipped, searches, analyser, verdict)
    Path(args.output).write_text(
        json.dumps(
            {
                "run": {
                    "rumors": args.rumors,
                    "connections": args.connections,
                    "duration_s": args.duration,
                    "gunicorn_workers": args.workers,
                    "cpus": os.cpu_count(),
                    "skipped": skipped,
                },
                "endpoints": results,
                "search": searches,
                "analyser": analyser,
                "verdict_through_proxy": verdict,
            },
            indent=2,
        )
        + "\n"
    )
    print(f"Wrote {args.output}")


def through_proxy(wrk, port, paths, wanted, skipped, results, args, script, tmp: Path) -> dict:
    """The `<name>@nginx` rows, the spike and the verdict timing, with nginx in front of the
    running gunicorn; returns the verdict timing."""
    from config.nginx import start_nginx

    media = tmp / "media"
    media.mkdir(exist_ok=True)
    proxy = start_nginx(tmp / "nginx", port=free_port(), upstream=port,
                        static_root=tmp / "static", media_root=media,
                        forwarded_proto="https",
                        worker_connections=max(4096, 2 * args.spike_connections))  # fmt: skip
    try:
        for name in wanted:
            if name == "ceiling" or name in skipped:
                continue
            row = f"{name}@nginx"
            results[row] = {**measure(wrk, proxy.port, paths[name], args, script), "via": "nginx"}
            print(f"  {row:<22} {results[row]['rps']:>9.1f} rps", flush=True)
        if "hot_rumor" in paths and "hot_rumor" not in skipped:
            spike = measure(wrk, proxy.port, paths["hot_rumor"], args, script,
                            connections=args.spike_connections)  # fmt: skip
            results["spike"] = {**spike, "via": "nginx", "connections": args.spike_connections}
            print(f"  {'spike':<22} {spike['rps']:>9.1f} rps, p99 {spike['p99_ms']} ms", flush=True)
        return verdict_through_proxy(proxy.port)
    finally:
        proxy.stop()


def report(
    args, results: dict, skipped: dict, searches: dict, analyser: dict, verdict: dict
) -> None:
    print(
        f"\n{args.rumors} rumors, wrk -c{args.connections} -t{args.threads} for {args.duration}s "
        f"per endpoint, gunicorn {args.workers} workers, {os.cpu_count()} CPUs"
    )
    print(
        f"{'endpoint':<22} {'rps':>9} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'ratio':>6}"
        "  errors"
    )
    for name, f in results.items():
        if not f["requests"]:
            print(f"{name:<22} no request completed within wrk's 10 s timeout")
            continue
        ratio = f"{f['ratio']:.2f}" if f["ratio"] is not None else "-"
        print(
            f"{name:<22} {f['rps']:>9.1f} {f['p50_ms']:>8.2f} {f['p95_ms']:>8.2f} "
            f"{f['p99_ms']:>8.2f} {ratio:>6}  {f['errors']}"
        )
    for name, why in skipped.items():
        print(f"{name:<22} skipped: {why}")
    if verdict.get("seconds") is not None:
        print(
            f"Verdict through nginx: visible {verdict['seconds']} s after the deciding vote "
            f"(CACHE_S_MAXAGE={verdict['s_maxage']}, {verdict['polls']} reads meanwhile)"
        )
    elif verdict:
        print(f"Verdict through nginx: {verdict.get('skipped', 'not visible within 120 s')}")
    print(f"\nSearch selector, in process ({args.search_queries} distinct queries a row)")
    print(f"{'query':<18} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}")
    for name, f in searches.items():
        print(f"{name:<18} {f['p50_ms']:>8.2f} {f['p95_ms']:>8.2f} {f['p99_ms']:>8.2f}")
    print(
        f"Korean analyser: loaded in {analyser['load_s']} s, process memory "
        f"{analyser['rss_before_mib']} -> {analyser['rss_after_mib']} MiB"
    )
    goals = [(f"{name}: p95 < 50 ms", f["p95_ms"] < 50) for name, f in searches.items()]
    for name, f in results.items():
        if name == "ceiling" or f.get("via") == "nginx":
            continue
        goals.append((f"{name}: ratio >= 0.5", f["ratio"] is not None and f["ratio"] >= 0.5))
        goals.append((f"{name}: p95 < 100 ms", f["p95_ms"] < 100))
    # Through the shared cache: the pages and the list a spike hits, ten times the ceiling.
    for name in ("hot_rumor@nginx", "home@nginx", "api_rumors@nginx"):
        if name in results:
            ratio = results[name]["ratio"]
            goals.append((f"{name}: ratio >= 10", ratio is not None and ratio >= 10))
    if "spike" in results:
        spike = results["spike"]
        goals.append((f"spike of {spike['connections']}: no errors", spike["errors"] == 0))
        goals.append((f"spike of {spike['connections']}: p99 < 100 ms", spike["p99_ms"] < 100))
    if "api_timeline" in results and "api_timeline_deep" in results:
        first, deep = results["api_timeline"], results["api_timeline_deep"]
        goals.append(("deep timeline page <= 1.2x first page", deep["rps"] * 1.2 >= first["rps"]))
    missed = [goal for goal, met in goals if not met]
    print(f"\nGoals met: {len(goals) - len(missed)}/{len(goals)}")
    for goal in missed:
        print(f"  missed: {goal}")


if __name__ == "__main__":
    main()
