"""POST /api/v1/rumors/{id}/evidence/: members propose, moderators add, through the service."""

import io

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from PIL.PngImagePlugin import PngInfo
from rest_framework.test import APIClient

from accounts.tests.factories import ModeratorFactory, UserFactory
from rumors.models import Evidence, Rumor, Source, TimelineEvent
from rumors.tests.factories import RumorFactory

pytestmark = pytest.mark.django_db

LINK = "https://www.youtube.com/watch?v=orig2020AAA"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def url(rumor) -> str:
    return f"/api/v1/rumors/{rumor.pk}/evidence/"


def body(**overrides):
    return {"kind": "original_footage", "stance": "refutes", "url": LINK, **overrides}


def png(size=(32, 24)) -> bytes:
    """A small real PNG carrying a text chunk, which the stored copy must not keep."""
    info = PngInfo()
    info.add_text("Comment", "taken at home")
    out = io.BytesIO()
    Image.new("RGB", size, (200, 30, 80)).save(out, "PNG", pnginfo=info)
    return out.getvalue()


def test_member_proposes_evidence(api, django_capture_on_commit_callbacks):
    rumor, member = RumorFactory(), UserFactory()
    api.force_authenticate(member)
    with django_capture_on_commit_callbacks():
        response = api.post(url(rumor), body(note="The *2020* promo."), format="json")
    assert response.status_code == 201, response.content
    data = response.json()
    assert (data["status"], data["kind"], data["stance"]) == (
        "proposed",
        "original_footage",
        "refutes",
    )
    assert data["url"] == LINK and data["note"] == "The *2020* promo."
    evidence = Evidence.objects.get(pk=data["id"])
    assert (evidence.submitted_by, evidence.source.url) == (member, LINK)
    assert data["source_id"] == evidence.source_id
    event = rumor.events.get(kind=TimelineEvent.Kind.EVIDENCE_PROPOSED)
    assert (event.evidence, event.actor) == (evidence, member)


def test_moderator_adds_evidence_that_counts_at_once(api):
    rumor, moderator = RumorFactory(), ModeratorFactory()
    api.force_authenticate(moderator)
    response = api.post(url(rumor), body(statement_date="2026-03-01"), format="json")
    assert response.status_code == 201, response.content
    assert response.json()["status"] == "accepted"
    assert response.json()["statement_date"] == "2026-03-01"
    evidence = Evidence.objects.get()
    assert (evidence.status, evidence.reviewed_by) == (Evidence.Status.ACCEPTED, moderator)
    assert rumor.events.filter(kind=TimelineEvent.Kind.EVIDENCE_ADDED, evidence=evidence).exists()
    detail = api.get(f"/api/v1/rumors/{rumor.pk}/").json()
    assert [e["id"] for e in detail["evidence"]] == [evidence.pk]


def test_image_upload_is_stored_re_encoded(api, media_root):
    rumor = RumorFactory()
    api.force_authenticate(UserFactory())
    upload = SimpleUploadedFile("../../evil name.png", png(), content_type="image/png")
    data = {"kind": "comparison", "stance": "refutes", "image": upload}
    response = api.post(url(rumor), data, format="multipart")
    assert response.status_code == 201, response.content
    evidence = Evidence.objects.get()
    assert evidence.image.name.startswith("evidence/") and "evil" not in evidence.image.name
    assert response.json()["image_url"].endswith(evidence.image.url)
    assert response.json()["url"] == "" and response.json()["source_id"] is None
    with Image.open(evidence.image.path) as stored:
        assert stored.size == (32, 24) and stored.format == "PNG"
        assert "Comment" not in stored.info, "metadata is stripped"


def test_multipart_without_image_takes_a_link_and_an_empty_date(api):
    rumor = RumorFactory()
    api.force_authenticate(UserFactory())
    data = {**body(), "statement_date": "", "note": ""}
    response = api.post(url(rumor), data, format="multipart")
    assert response.status_code == 201, response.content
    assert response.json()["statement_date"] is None


def test_bad_image_is_a_field_error_and_nothing_is_saved(api, media_root):
    rumor = RumorFactory()
    api.force_authenticate(ModeratorFactory())
    upload = SimpleUploadedFile("clip.png", b"<?php system($_GET['c']); ?>", "image/png")
    events_before = rumor.events.count()
    response = api.post(url(rumor), {**body(), "image": upload}, format="multipart")
    assert response.status_code == 400
    assert "not an image we accept" in response.json()["image"][0]
    assert not Evidence.objects.exists()
    assert not Source.objects.filter(url=LINK).exists()
    assert rumor.events.count() == events_before
    assert not list(media_root.rglob("*.*"))


def test_an_image_sent_as_json_is_refused(api):
    api.force_authenticate(UserFactory())
    response = api.post(url(RumorFactory()), body(image="aGVsbG8="), format="json")
    assert response.status_code == 400
    assert "image" in response.json()


def test_evidence_needs_a_link_or_an_image(api):
    rumor = RumorFactory()
    api.force_authenticate(UserFactory())
    response = api.post(url(rumor), body(url=""), format="json")
    assert response.status_code == 400
    assert response.json()["url"] == ["Give a link, an image, or both."]
    assert not Evidence.objects.exists()


@pytest.mark.parametrize(
    ("field", "value"),
    [("kind", "gossip"), ("stance", "maybe"), ("url", "not a link"), ("note", "x" * 5001)],
)
def test_bad_fields_are_named(api, field, value):
    api.force_authenticate(UserFactory())
    response = api.post(url(RumorFactory()), body(**{field: value}), format="json")
    assert response.status_code == 400
    assert field in response.json()
    assert not Evidence.objects.exists()


def test_service_refusal_of_a_link_is_a_url_error(api):
    api.force_authenticate(UserFactory())
    response = api.post(url(RumorFactory()), body(url="ftp://example.org/clip"), format="json")
    assert response.status_code == 400
    assert response.json()["url"]


def test_anonymous_is_401(api):
    rumor = RumorFactory()
    response = api.post(url(rumor), body(), format="json")
    assert response.status_code == 401
    assert not Evidence.objects.exists()


def test_rejected_rumor_is_404_to_members(api):
    rumor = RumorFactory(status=Rumor.Status.REJECTED)
    api.force_authenticate(UserFactory())
    response = api.post(url(rumor), body(), format="json")
    assert response.status_code == 404
    assert response.json()["detail"]
    assert api.post("/api/v1/rumors/999999/evidence/", body(), format="json").status_code == 404


def test_the_submitter_of_a_rejected_rumor_may_see_it_but_not_add_to_it(api):
    rumor = RumorFactory(status=Rumor.Status.REJECTED)
    api.force_authenticate(rumor.submitted_by)
    response = api.post(url(rumor), body(), format="json")
    assert response.status_code == 403
    assert response.json()["detail"] == "You cannot add evidence here."
    assert not Evidence.objects.exists()


def test_session_writes_need_the_csrf_token():
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(UserFactory())
    response = client.post(url(RumorFactory()), body(), format="multipart")
    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]
    assert not Evidence.objects.exists()


def test_members_are_throttled_on_writes(api, settings):
    settings.API_THROTTLE_USER = "1/min"
    member, rumor = UserFactory(), RumorFactory()
    cache.delete(f"throttle_user_{member.pk}")
    api.force_authenticate(member)
    assert api.post(url(rumor), body(), format="json").status_code == 201
    response = api.post(url(rumor), body(), format="json")
    assert response.status_code == 429 and response["Retry-After"]
    cache.delete(f"throttle_user_{member.pk}")


def test_query_count_does_not_depend_on_the_rumor(api, django_assert_num_queries):
    member = UserFactory()
    api.force_authenticate(member)
    small, big = RumorFactory(), RumorFactory()
    for n in range(5):
        Evidence.objects.create(rumor=big, kind="other", stance="context", status="accepted")
        big.events.create(kind=TimelineEvent.Kind.EDITED, data={"n": n})
    # A new link is two rows: its source and the key it is found under; the event asks which
    # webhooks want it; the proposer follows the rumor (one INSERT).
    with django_assert_num_queries(14):
        api.post(url(small), body(url="https://example.org/a"), format="json")
    with django_assert_num_queries(14):
        api.post(url(big), body(url="https://example.org/b"), format="json")
