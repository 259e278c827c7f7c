"""Fault drill: PostgreSQL restarts under a running site.

The site answers errors while the database is down, then serves again without a restart of the
app: CONN_HEALTH_CHECKS replaces each persistent connection that died with the server.
"""

import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from itertools import count

from config.testsupport import BASE_DIR, production_env, wait_for

# Each request asks for a page the cache has never seen, so that it needs the database: an
# anonymous page already cached may be served while the database is down.
_fresh = count()


def fresh_home() -> str:
    return f"/en/?drill={next(_fresh)}"


def migrate(url: str) -> None:
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v0"],
        cwd=BASE_DIR, env=production_env(DATABASE_URL=url), check=True, timeout=300,
    )  # fmt: skip


def test_site_fails_while_postgres_is_down_then_recovers_by_itself(
    start_postgres_cluster, start_web_server
):
    cluster = start_postgres_cluster()
    migrate(cluster.url)
    server = start_web_server(DATABASE_URL=cluster.url, CONN_MAX_AGE="600")

    # Every thread of the worker holds a persistent connection before the restart.
    with ThreadPoolExecutor(8) as pool:
        statuses = list(pool.map(lambda _: server.request(fresh_home())[0], range(16)))
    assert statuses == [200] * 16

    cluster.stop("fast")
    assert server.request(fresh_home())[0] == 500
    status, _, body = server.request("/healthz")
    assert status == 503
    assert '"database": "error' in body

    cluster.start()
    # The first requests after the restart already succeed: no stale connection is used.
    assert [server.request(fresh_home())[0] for _ in range(12)] == [200] * 12
    assert server.request("/healthz")[0] == 200
    assert server.proc.poll() is None
    assert server.output().count("Booting worker") == 1, server.output()


def test_site_answers_again_when_postgres_comes_back_after_a_while(
    start_postgres_cluster, start_web_server
):
    cluster = start_postgres_cluster()
    migrate(cluster.url)
    server = start_web_server(DATABASE_URL=cluster.url)
    assert server.request(fresh_home())[0] == 200
    cluster.stop("immediate")
    assert [server.request(fresh_home())[0] for _ in range(3)] == [500] * 3
    cluster.start()
    wait_for(
        lambda: server.request(fresh_home())[0] == 200, timeout=30, message="site did not recover"
    )
    assert server.proc.poll() is None
