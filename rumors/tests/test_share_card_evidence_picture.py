"""A debunked fake's card may show the accepted evidence image instead, the original footage,
labelled as evidence; never an evidence image that is the fake itself, withheld, sensitive or
not yet accepted. The card's URL changes when that picture does."""

from urllib.parse import urlsplit

import pytest
from django.core.files.storage import default_storage
from django.utils import timezone

from rumors.models import Evidence, Rumor
from rumors.selectors import cards as share
from rumors.tests.cardsupport import FOOTAGE_COLOUR, frame_pixels, save_frame
from rumors.tests.factories import RumorFactory, SourceFactory
from rumors.verdicts import Verdict

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("card_cache")]


@pytest.fixture
def files():
    names = []

    def save(**kw):
        names.append(save_frame(**kw))
        return names[-1]

    yield save
    for name in names:
        default_storage.delete(name)


@pytest.fixture
def fake(files):
    """An AI-generated clip whose own frame is green."""
    source = SourceFactory(thumbnail=files())
    return RumorFactory(
        with_source=source,
        status="resolved",
        verdict=Verdict.AI_GENERATED,
        verdict_reached_at=timezone.now(),
    )


def footage(rumor, files, **kw) -> Evidence:
    fields = {
        "rumor": rumor,
        "kind": Evidence.Kind.ORIGINAL_FOOTAGE,
        "stance": Evidence.Stance.REFUTES,
        "status": Evidence.Status.ACCEPTED,
        "image": files(colour=FOOTAGE_COLOUR, folder="evidence"),
        **kw,
    }
    return Evidence.objects.create(**fields)


def card_png(client, rumor) -> bytes:
    rumor = share.rumor_card_get(pk=rumor.pk, user=rumor.submitted_by)
    response = client.get(urlsplit(share.rumor_card_url(rumor=rumor)).path)
    assert response.status_code == 200
    return response.content


def test_debunked_fakes_card_shows_the_accepted_original_footage_labelled(client, fake, files):
    footage(fake, files)
    png = card_png(client, fake)
    assert frame_pixels(png) == 0 and frame_pixels(png, FOOTAGE_COLOUR) > 100_000
    card = share.rumor_card(
        rumor=share.rumor_card_get(pk=fake.pk, user=fake.submitted_by), lang="ko"
    )
    assert card.frame_caption == "증거: 원본 영상"


@pytest.mark.parametrize(
    "state", ["proposed", "withheld", "sensitive rumor", "on the rumor's own link"]
)
def test_an_evidence_image_that_may_not_be_shown_is_never_drawn(client, fake, files, state):
    kw = {
        "proposed": {"status": Evidence.Status.PROPOSED},
        "withheld": {"media_hidden_at": timezone.now()},
        "sensitive rumor": {},
        "on the rumor's own link": {"source": fake.sources.get()},
    }[state]
    footage(fake, files, **kw)
    if state == "sensitive rumor":
        Rumor.objects.filter(pk=fake.pk).update(is_sensitive=True)
    png = card_png(client, fake)
    assert frame_pixels(png) == 0 and frame_pixels(png, FOOTAGE_COLOUR) == 0


def test_card_url_changes_when_the_footage_is_accepted(client, fake, files):
    def url():
        return share.rumor_card_url(rumor=share.rumor_card_get(pk=fake.pk, user=fake.submitted_by))

    before = url()
    evidence = footage(fake, files, status=Evidence.Status.PROPOSED)
    assert url() == before
    Evidence.objects.filter(pk=evidence.pk).update(status=Evidence.Status.ACCEPTED)
    assert url() != before


def test_rumor_page_points_to_the_same_card_version_as_the_card_reader(client, fake, files):
    footage(fake, files)
    body = client.get(fake.get_absolute_url()).content.decode()
    rumor = share.rumor_card_get(pk=fake.pk, user=fake.submitted_by)
    assert share.rumor_card_url(rumor=rumor).replace("&", "&amp;") in body
