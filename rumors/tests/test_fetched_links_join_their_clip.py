"""After a fetch, where a link led is the same link: a short link or redirect that lands on a
known clip merges the new rumor into that clip's rumor (the submitter's claim kept as a
proposal only they and moderators see); a landing page new to Jinjja becomes another key of
the source; a canonical link counts only on the same site, elsewhere it is a suggestion for
moderators."""

import pytest
from rest_framework.test import APIClient

from accounts.tests.factories import ModeratorFactory, UserFactory
from rumors.models import Evidence, Rumor, TimelineEvent
from rumors.services.merge import _same_site
from rumors.services.rumors import DuplicateSubmission, rumor_submit
from rumors.services.sources import source_fetch

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("api_reads")]

PAGE = "<html><head><title>{title}</title>{canonical}</head></html>"


def page(site, path, title="Clip", canonical=""):
    link = f'<link rel="canonical" href="{canonical}">' if canonical else ""
    return site.add(path, PAGE.format(title=title, canonical=link))


def redirect(site, path, to):
    return site.add(path, status=302, headers={"Location": site.url(to)})


def submit_and_fetch(url, user=None, title="A rumor", claim="It happened.") -> Rumor:
    rumor = rumor_submit(user=user or UserFactory(), url=url, title=title, claim=claim)
    source_fetch(source_id=rumor.sources.get().pk)
    rumor.refresh_from_db()
    return rumor


def test_a_short_link_landing_on_a_known_clip_joins_its_rumor(site, client):
    first = submit_and_fetch(page(site, "/watch/clip-1"), title="Kiss clip")
    member = UserFactory()
    short = redirect(site, "/s/xyz", "/watch/clip-1")
    copy = submit_and_fetch(short, user=member, title="Leaked kiss", claim="They dated in secret.")

    assert copy.status == Rumor.Status.MERGED and copy.merged_into == first
    assert first.sources.count() == 2
    proposal = Evidence.objects.get(rumor=first)
    assert proposal.status == Evidence.Status.PROPOSED and proposal.submitted_by == member
    assert "They dated in secret." in proposal.note
    assert first.events.get(kind=TimelineEvent.Kind.MERGED).data["same_link"] is True

    public = APIClient().get(f"/api/v1/rumors/{first.pk}/").content.decode()
    assert "They dated in secret." not in public, "never public text"
    assert "They dated in secret." not in client.get(first.get_absolute_url()).content.decode()
    client.force_login(member)
    assert client.get(copy.get_absolute_url()).status_code == 301
    assert "They dated in secret." in client.get(first.get_absolute_url()).content.decode()


def test_a_landing_page_new_to_jinjja_becomes_another_key_of_the_source(site):
    short = redirect(site, "/s/new", "/watch/clip-9")
    page(site, "/watch/clip-9")
    first = submit_and_fetch(short)
    assert first.sources.get().keys.count() == 2
    with pytest.raises(DuplicateSubmission) as duplicate:
        rumor_submit(user=UserFactory(), url=site.url("/watch/clip-9"), title="T", claim="C.")
    assert duplicate.value.rumor == first


def test_a_canonical_link_on_the_same_site_counts_as_the_same_link(site):
    first = submit_and_fetch(page(site, "/watch/clip-1"))
    copy = submit_and_fetch(
        page(site, "/amp/clip-1", canonical=site.url("/watch/clip-1")), title="AMP copy"
    )
    assert copy.merged_into == first


def test_a_canonical_link_on_another_site_is_only_a_suggestion_for_moderators(site):
    known = "https://www.youtube.com/watch?v=KnownClip01"
    first = rumor_submit(user=UserFactory(), url=known, title="Known", claim="C.")
    copy = submit_and_fetch(page(site, "/claims-to-be", canonical=known), title="Claimer")
    assert copy.status == Rumor.Status.SUBMITTED and copy.merged_into is None
    suggestion = copy.events.get(kind=TimelineEvent.Kind.MERGE_SUGGESTED)
    assert suggestion.data["rumor"] == first.pk
    assert TimelineEvent.objects.visible_to(UserFactory()).filter(pk=suggestion.pk).count() == 0
    assert TimelineEvent.objects.visible_to(ModeratorFactory()).filter(pk=suggestion.pk).exists()


def test_a_rumor_someone_worked_on_is_not_merged_by_a_fetch(site):
    first = submit_and_fetch(page(site, "/watch/clip-1"))
    short = redirect(site, "/s/late", "/watch/clip-1")
    worked = rumor_submit(user=UserFactory(), url=short, title="Worked on", claim="C.")
    Rumor.objects.filter(pk=worked.pk).update(verdict="false", status=Rumor.Status.RESOLVED)
    source_fetch(source_id=worked.sources.get().pk)
    worked.refresh_from_db()
    assert worked.merged_into is None and first.sources.count() == 1


@pytest.mark.parametrize(
    ("url", "canonical", "same"),
    [
        ("https://youtu.be/Xk3p9ParkSJ", "https://m.youtube.com/watch?v=Xk3p9ParkSJ", True),
        ("https://x.com/a/status/1899999999999999999", "https://www.youtube.com/watch?v=Ab", False),
        ("https://m.news.example/a/1", "https://www.news.example/a/1", True),
        ("https://news.example/a/1", "https://other.example/a/1", False),
        # Links too long to key by URL are keyed by a hash: that is no platform.
        ("https://a.example/" + "x" * 600, "https://b.example/" + "y" * 600, False),
    ],
)
def test_the_same_site_is_the_same_platform_or_the_same_host(url, canonical, same):
    assert _same_site(url, canonical) is same
