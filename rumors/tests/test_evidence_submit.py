import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from accounts.tests.factories import ModeratorFactory, UserFactory
from notifications.services import notifications_create
from rumors.models import Evidence, Rumor, Source, TimelineEvent
from rumors.pagecache import pages_stamp_refresh
from rumors.services.evidence import evidence_accept, evidence_reject, evidence_submit
from rumors.tests.factories import RumorFactory, SourceFactory

pytestmark = pytest.mark.django_db

PROMO = "https://www.youtube.com/watch?v=ItaewonPromo2020"


def submit(user, rumor, **kw):
    defaults = {"kind": "original_footage", "stance": "refutes", "url": PROMO}
    return evidence_submit(user=user, rumor=rumor, **{**defaults, **kw})


def test_member_evidence_waits_as_a_proposal():
    rumor = RumorFactory()
    evidence = submit(UserFactory(), rumor, note="Same set as the 2020 promo.")
    assert evidence.status == Evidence.Status.PROPOSED
    assert rumor.events.last().kind == TimelineEvent.Kind.EVIDENCE_PROPOSED


def test_moderator_evidence_counts_at_once():
    rumor, moderator = RumorFactory(), ModeratorFactory()
    evidence = submit(moderator, rumor, timestamps="0:03-0:11 = 1:42-1:50")
    assert evidence.status == Evidence.Status.ACCEPTED
    assert evidence.reviewed_by == moderator
    assert rumor.events.last().kind == TimelineEvent.Kind.EVIDENCE_ADDED


def test_evidence_link_goes_through_the_source_pipeline(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        evidence = submit(ModeratorFactory(), RumorFactory())
    assert evidence.source.fetch_state == Source.State.PENDING
    assert evidence.source.normalized_url == PROMO
    # The others: the page cache's stamp, and telling the rumor's followers.
    fetches = [
        c
        for c in callbacks
        if c is not pages_stamp_refresh and getattr(c, "func", None) is not notifications_create
    ]
    assert len(fetches) == 1


def test_known_link_reuses_its_source():
    known = SourceFactory(url=PROMO, fetch_state=Source.State.FETCHED)
    evidence = submit(ModeratorFactory(), RumorFactory())
    assert evidence.source == known
    assert Source.objects.filter(normalized_url=PROMO).count() == 1


def test_link_or_image_is_required_and_choices_are_checked():
    with pytest.raises(ValidationError) as exc:
        submit(UserFactory(), RumorFactory(), url="", kind="gossip", stance="maybe")
    assert set(exc.value.message_dict) == {"url", "kind", "stance"}


def test_anonymous_and_inactive_users_cannot_add_evidence():
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(PermissionDenied):
        submit(AnonymousUser(), RumorFactory())
    with pytest.raises(PermissionDenied):
        submit(UserFactory(is_active=False), RumorFactory())


def test_nobody_adds_evidence_to_rejected_spam_but_moderators():
    rumor = RumorFactory(status=Rumor.Status.REJECTED)
    with pytest.raises(PermissionDenied):
        submit(UserFactory(), rumor)


def test_moderator_accepts_a_proposal():
    rumor = RumorFactory()
    proposal = submit(UserFactory(), rumor)
    moderator = ModeratorFactory()
    evidence_accept(moderator=moderator, evidence=proposal)
    proposal.refresh_from_db()
    assert (proposal.status, proposal.reviewed_by) == (Evidence.Status.ACCEPTED, moderator)
    assert rumor.events.last().kind == TimelineEvent.Kind.EVIDENCE_ADDED


def test_moderator_rejects_a_proposal_and_it_cannot_be_reviewed_twice():
    proposal = submit(UserFactory(), RumorFactory())
    evidence_reject(moderator=ModeratorFactory(), evidence=proposal)
    proposal.refresh_from_db()
    assert proposal.status == Evidence.Status.REJECTED
    with pytest.raises(ValidationError, match="already reviewed"):
        evidence_accept(moderator=ModeratorFactory(), evidence=proposal)


def test_members_cannot_accept_proposals():
    proposal = submit(UserFactory(), RumorFactory())
    with pytest.raises(PermissionDenied):
        evidence_accept(moderator=UserFactory(), evidence=proposal)
