"""Fault drill: twenty moderators press "Cast vote" at the same moment, over HTTP.

The site runs under gunicorn with production settings, one thread per moderator so that every
request is in flight at once. Each moderator logged in through the real login form and holds the
vote form of the rumor page. The rumor row lock serialises the votes: the round closes at the
third agreeing vote and every later request is told so, with 409, not a server error.
"""

import http.client
import re
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from http.cookies import SimpleCookie
from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.contrib.auth.hashers import PBKDF2PasswordHasher

from accounts.models import User
from accounts.tests.factories import add_totp, totp_code
from rumors.models import Rumor, TimelineEvent, VerdictVote
from rumors.tests.factories import RumorFactory

pytestmark = pytest.mark.postgres

HOST = "jinjja.example"
ORIGIN = f"https://{HOST}"
PASSWORD = "a-long-moderator-password"
MODERATORS = 20


class Member:
    """One person's cookie jar against the server, which sees each request as forwarded by
    the HTTPS proxy in front of it."""

    def __init__(self, server, username: str):
        self.server, self.username = server, username
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, form: dict | None = None):
        headers = {"Host": HOST, "X-Forwarded-Proto": "https"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urlencode(form)
            headers |= {
                "Content-Type": "application/x-www-form-urlencoded",
                "Origin": ORIGIN,
                "Referer": ORIGIN + path,
            }
        conn = http.client.HTTPConnection("127.0.0.1", self.server.port, timeout=60)
        try:
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            for header in response.headers.get_all("Set-Cookie") or []:
                for name, morsel in SimpleCookie(header).items():
                    if morsel["max-age"] == "0":
                        self.cookies.pop(name, None)
                    else:
                        self.cookies[name] = morsel.value
            return response.status, response.headers, response.read().decode()
        finally:
            conn.close()

    def form_token(self, path: str) -> str:
        status, _, body = self.request("GET", path)
        assert status == 200, (path, status)
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1)

    def log_in(self) -> None:
        token = self.form_token("/en/accounts/login/")
        form = {"username": self.username, "password": PASSWORD, "csrfmiddlewaretoken": token}
        status, headers, _ = self.request("POST", "/en/accounts/login/", form)
        assert (status, headers["Location"]) == (302, "/en/accounts/login/code/"), status
        for _ in range(2):
            token = self.form_token("/en/accounts/login/code/")
            step, code = int(time.time()) // 30, totp_code()
            form = {"code": code, "csrfmiddlewaretoken": token}
            status, headers, _ = self.request("POST", "/en/accounts/login/code/", form)
            # A code is good for its 30-second step only (no tolerance): in a burst of logins
            # the server may check it after the next step began. Then the next code, once.
            if status != 200 or int(time.time()) // 30 == step:
                break
        assert (status, headers["Location"]) == (302, "/en/"), f"login failed: {status}"
        assert "sessionid" in self.cookies


def moderators_logged_in(server, count: int) -> list[Member]:
    # The server runs production settings, which know Django's default hasher and not the
    # tests' fast one. Hashed once: hashing is slow on purpose.
    hasher = PBKDF2PasswordHasher()
    hashed = hasher.encode(PASSWORD, hasher.salt())
    users = User.objects.bulk_create(
        User(username=f"drill-mod-{i}", display_name=f"Drill {i}", is_moderator=True,
             password=hashed)
        for i in range(count)
    )  # fmt: skip
    for user in users:
        add_totp(user)  # moderators act only with a second factor
    members = [Member(server, f"drill-mod-{i}") for i in range(count)]
    with ThreadPoolExecutor(4) as pool:
        list(pool.map(Member.log_in, members))
    return members


def vote_all_at_once(members: list[Member], rumor: Rumor, verdicts: list[str]):
    """Each member opens the rumor page, then all press "Cast vote" together.

    Returns each request's (status, body), in the members' order.
    """
    path = f"/en/rumors/{rumor.pk}/vote/"
    forms = []
    for member, verdict in zip(members, verdicts, strict=True):
        token = member.form_token(rumor.get_absolute_url())
        rationale = f"{member.username}: the 2019 footage shows the same set."
        forms.append({"verdict": verdict, "rationale": rationale, "csrfmiddlewaretoken": token})
    barrier = threading.Barrier(len(members))
    answers: list = [None] * len(members)

    def press(i: int) -> None:
        barrier.wait(timeout=30)
        try:
            status, _, body = members[i].request("POST", path, forms[i])
        except OSError as exc:  # no answer at all: recorded and asserted below
            status, body = None, repr(exc)
        answers[i] = (status, body)

    threads = [threading.Thread(target=press, args=(i,)) for i in range(len(members))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(90)
    return answers


def test_twenty_moderators_voting_at_once_reach_exactly_one_verdict(start_web_server):
    assert settings.VERDICT_QUORUM == 3  # the server reads the same default
    rumor = RumorFactory(title="Deepfake airport clip")
    server = start_web_server(threads=MODERATORS)
    members = moderators_logged_in(server, MODERATORS)

    answers = vote_all_at_once(members, rumor, ["ai_generated"] * MODERATORS)

    statuses = Counter(status for status, _ in answers)
    assert statuses == {302: 3, 409: MODERATORS - 3}, answers
    for status, body in answers:
        if status == 409:
            # The refusal says why and shows the verdict the others just reached.
            assert "This round is closed." in body
            assert "by 3 moderators" in body
    rumor.refresh_from_db()
    assert (rumor.status, rumor.verdict) == (Rumor.Status.RESOLVED, "ai_generated")
    assert VerdictVote.objects.filter(rumor=rumor).count() == 3
    events = Counter(rumor.events.values_list("kind", flat=True))
    assert events[TimelineEvent.Kind.VERDICT_REACHED] == 1
    assert events[TimelineEvent.Kind.VOTE_CAST] == 3
    assert "Traceback" not in server.output()
    assert server.proc.poll() is None


def test_split_votes_at_once_are_all_counted_and_dispute_the_round_once(start_web_server):
    rumor = RumorFactory(title="Wedding photo")
    # A quorum above the number of voters: no verdict can stand, so every vote must count.
    server = start_web_server(threads=MODERATORS, VERDICT_QUORUM=str(MODERATORS + 1))
    members = moderators_logged_in(server, MODERATORS)
    verdicts = ["edited", "out_of_context", "staged", "satire"] * (MODERATORS // 4)

    answers = vote_all_at_once(members, rumor, verdicts)

    assert [status for status, _ in answers] == [302] * MODERATORS, answers
    votes = VerdictVote.objects.filter(rumor=rumor)
    assert votes.count() == MODERATORS
    assert Counter(votes.values_list("verdict", flat=True)) == Counter(verdicts)
    rumor.refresh_from_db()
    assert (rumor.status, rumor.verdict) == (Rumor.Status.UNDER_REVIEW, "")
    # From the fifth vote on the round is disputed: one event, however the votes interleave.
    assert rumor.is_disputed
    events = Counter(rumor.events.values_list("kind", flat=True))
    assert events[TimelineEvent.Kind.VOTE_CAST] == MODERATORS
    assert events[TimelineEvent.Kind.DISPUTED] == 1
    assert events[TimelineEvent.Kind.VERDICT_REACHED] == 0
    assert "Traceback" not in server.output()
