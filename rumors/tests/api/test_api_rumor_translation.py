"""POST /api/v1/rumors/{id}/translation/ with {"language": "ko" | "en", "title", "claim"}:
moderators add the other language; members 403; an unseen rumor 404; bad input 400."""

import pytest

from accounts.tests.factories import ModeratorFactory, UserFactory
from rumors.services.rumors import rumor_reject
from rumors.tests.factories import RumorFactory

pytestmark = pytest.mark.django_db

BODY = {"language": "ko", "title": "촬영장 밖 키스 영상", "claim": "무대 뒤에서 키스하는 장면"}


@pytest.fixture
def rumor():
    return RumorFactory(title="Backstage kiss clip", claim="A kiss backstage.")


def url(rumor) -> str:
    return f"/api/v1/rumors/{rumor.pk}/translation/"


def test_a_moderator_adds_the_korean_text(api, rumor):
    api.force_authenticate(ModeratorFactory())
    response = api.post(url(rumor), BODY, format="json")
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["title"], body["title_ko"], body["claim_ko"]) == (
        "Backstage kiss clip",
        BODY["title"],
        BODY["claim"],
    )
    assert api.get("/api/v1/rumors/", {"q": "키스하는"}).json()["results"][0]["id"] == rumor.pk


def test_needs_login(api, rumor):
    assert api.post(url(rumor), BODY, format="json").status_code in (401, 403)


def test_members_are_refused(api, rumor):
    api.force_authenticate(UserFactory())
    response = api.post(url(rumor), BODY, format="json")
    assert response.status_code == 403
    assert "Only moderators" in response.json()["detail"]


def test_a_rumor_the_member_cannot_see_is_404(api, rumor):
    rumor_reject(moderator=ModeratorFactory(), rumor=rumor, reason="Spam.")
    api.force_authenticate(UserFactory())
    assert api.post(url(rumor), BODY, format="json").status_code == 404


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({**BODY, "language": "fr"}, "language"),
        ({**BODY, "title": "Kiss clip"}, "title"),
        ({"language": "en", "title": "Kiss", "claim": "A kiss."}, "language"),
        ({"language": "ko"}, "title"),
    ],
)
def test_bad_input_is_400_naming_the_field(api, rumor, body, field):
    api.force_authenticate(ModeratorFactory())
    response = api.post(url(rumor), body, format="json")
    assert response.status_code == 400
    assert field in response.json(), response.json()
