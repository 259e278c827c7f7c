"""The submission never depends on the broker: with Redis down, every submission is saved and
answered; once Redis is back, the sweep queues what was left pending and a real worker fetches
each source exactly once.

The test runs its own redis-server on a free port (the shared one is never touched). Settings
read REDIS_URL at import, so the submitting side and the sweep run in subprocesses pointed at
that server, like the web and beat processes of a deployment."""

import json
import os
import shutil
import subprocess
import sys

import pytest
import redis

from accounts.tests.factories import UserFactory
from config.testsupport import BASE_DIR, database_url, free_port, wait_for
from rumors.models import Rumor, Source, TimelineEvent

pytestmark = pytest.mark.redis

LINKS = 6
REDIS_SERVER = shutil.which("redis-server") or "/usr/bin/redis-server"


class OwnRedis:
    def __init__(self, port: int, folder):
        self.port, self.folder, self.proc = port, folder, None
        self.url = f"redis://127.0.0.1:{port}/0"

    def start(self):
        self.proc = subprocess.Popen(
            [REDIS_SERVER, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--dir", str(self.folder)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        client = redis.Redis(port=self.port, socket_timeout=1)
        wait_for(lambda: self._pings(client), timeout=15, message="own redis did not start")

    @staticmethod
    def _pings(client) -> bool:
        try:
            return client.ping()
        except redis.RedisError:
            return False

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(10)


@pytest.fixture
def own_redis(tmp_path):
    server = OwnRedis(free_port(), tmp_path)
    yield server
    server.stop()


def run_django(code: str, env: dict) -> dict:
    """Run code in a fresh Django process; it prints one line `RESULT <json>`."""
    done = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=180,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    line = next(x for x in done.stdout.splitlines() if x.startswith("RESULT "))
    return json.loads(line.removeprefix("RESULT "))


SUBMIT = """
import json, time
from config.celery import app
app.conf.task_default_queue = {queue!r}
from django.test import Client
from accounts.models import User
client = Client()
client.force_login(User.objects.get(username={username!r}))
answers = []
for n, url in enumerate({urls!r}):
    started = time.monotonic()
    response = client.post("/en/submit/", {{"url": url, "title": f"Clip {{n}}", "claim": "Real?"}})
    seconds = time.monotonic() - started
    page = client.get(response["Location"], follow=True)
    answers.append({{"status": response.status_code, "page": page.status_code,
                     "seconds": seconds}})
print("RESULT " + json.dumps(answers))
"""

SWEEP = """
import json
from config.celery import app
app.conf.task_default_queue = {queue!r}
from rumors.services.sources import sources_sweep
print("RESULT " + json.dumps(sources_sweep()))
"""


def test_sources_submitted_while_broker_is_down_are_fetched_once_it_returns(
    site,
    own_redis,
    start_celery_worker,
    celery_test_queue,
    settings,
    tmp_path,
):
    urls = [
        site.add(f"/clip/{n}", f'<meta property="og:title" content="Clip {n}">')
        for n in range(LINKS)
    ]  # noqa: E501
    member = UserFactory()
    env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "REDIS_URL": own_redis.url,
        "FETCH_ALLOW_HOSTS": site.netloc,
        "MEDIA_ROOT": str(tmp_path / "media"),
    }
    own_redis.start()
    own_redis.stop()  # the broker is down from here on

    answers = run_django(
        SUBMIT.format(queue=celery_test_queue, username=member.username, urls=urls), env
    )
    assert [(a["status"], a["page"]) for a in answers] == [(302, 200)] * LINKS
    assert max(a["seconds"] for a in answers) < 15  # bounded, never a hang
    assert Rumor.objects.count() == LINKS
    assert set(Source.objects.values_list("fetch_state", flat=True)) == {Source.State.PENDING}
    assert not Source.objects.filter(queued_at__isnull=False).exists()

    own_redis.start()
    worker = start_celery_worker(
        REDIS_URL=own_redis.url, FETCH_ALLOW_HOSTS=site.netloc, MEDIA_ROOT=env["MEDIA_ROOT"]
    )
    assert run_django(SWEEP.format(queue=celery_test_queue), env) == LINKS

    wait_for(
        lambda: Source.objects.filter(fetch_state=Source.State.FETCHED).count() == LINKS,
        timeout=90,
        message="the worker did not fetch every pending source",
    )
    assert run_django(SWEEP.format(queue=celery_test_queue), env) == 0
    worker.wait_until_idle(broker_url=own_redis.url)  # a duplicate would have run by now
    assert all(site.hits[f"/clip/{n}"] == 1 for n in range(LINKS)), site.hits
    assert set(Source.objects.values_list("attempts", flat=True)) == {1}
    fetched_events = TimelineEvent.objects.filter(kind=TimelineEvent.Kind.SOURCE_FETCHED)
    assert sorted(fetched_events.values_list("rumor_id", flat=True)) == sorted(
        Rumor.objects.values_list("pk", flat=True)
    )
