"""A fetch that fails for a reason that will not change (no such host, 404) fails at once, in
plain words, and its submitter may try again; only timeouts and 5xx are retried for longer."""

import pytest

from accounts.tests.factories import ModeratorFactory, UserFactory
from rumors.models import Source
from rumors.services.sources import source_fetch
from rumors.tests.factories import RumorFactory, SourceFactory

pytestmark = pytest.mark.django_db


def failed_rumor(url: str):
    rumor = RumorFactory(with_source=SourceFactory(url=url, normalized_url=url))
    source = rumor.sources.get()
    source_fetch(source_id=source.pk)
    source.refresh_from_db()
    return rumor, source


def test_a_host_that_does_not_exist_fails_at_the_first_attempt():
    rumor, source = failed_rumor("https://no-such-host.invalid/clip/1")
    assert source.fetch_state == Source.State.FAILED
    assert source.attempts == 1
    assert source.last_error == "The host no-such-host.invalid does not exist (no such name)."


def test_a_page_that_is_not_there_fails_at_once(site):
    rumor, source = failed_rumor(site.url("/missing"))
    assert source.fetch_state == Source.State.FAILED
    assert "HTTP 404" in source.last_error


def test_the_submitter_tries_again_and_the_link_is_fetched(
    client, site, django_capture_on_commit_callbacks
):
    rumor, source = failed_rumor(site.url("/later"))
    client.force_login(rumor.submitted_by)
    page = client.get(rumor.get_absolute_url()).content.decode()
    assert "Try again" in page and "HTTP 404" in page
    site.add("/later", "<title>Back online</title>")
    with django_capture_on_commit_callbacks(execute=False) as queued:
        answer = client.post(f"/en/rumors/{rumor.pk}/sources/{source.pk}/fetch-again/")
    assert answer.status_code == 302
    source.refresh_from_db()
    assert (source.fetch_state, source.attempts, source.last_error) == ("pending", 0, "")
    assert len(queued) == 1
    source_fetch(source_id=source.pk)  # what the queued task runs
    source.refresh_from_db()
    assert source.fetch_state == Source.State.FETCHED and source.title == "Back online"


def test_only_the_submitter_and_moderators_may_try_again(client, site):
    rumor, source = failed_rumor(site.url("/gone"))
    path = f"/en/rumors/{rumor.pk}/sources/{source.pk}/fetch-again/"
    client.force_login(UserFactory())
    assert "Try again" not in client.get(rumor.get_absolute_url()).content.decode()
    assert client.post(path).status_code == 403
    client.force_login(ModeratorFactory())
    assert client.post(path).status_code == 302
    source.refresh_from_db()
    assert source.fetch_state == Source.State.PENDING


def test_another_rumors_link_is_not_found(client, site):
    rumor, source = failed_rumor(site.url("/gone"))
    other = RumorFactory(submitted_by=rumor.submitted_by)
    client.force_login(rumor.submitted_by)
    assert client.post(f"/en/rumors/{other.pk}/sources/{source.pk}/fetch-again/").status_code == 404
