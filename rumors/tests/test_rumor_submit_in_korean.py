"""A rumor may be submitted with a Korean title and claim beside the others, from the form or
the API: search finds it by its Korean words at once, and the Korean interface shows them
first."""

import pytest
from django.core.exceptions import ValidationError
from rest_framework.test import APIClient

from accounts.tests.factories import UserFactory
from config.languages import in_language
from rumors.models import Rumor
from rumors.selectors.search import search
from rumors.services.rumors import rumor_submit

pytestmark = pytest.mark.django_db

KOREAN = {"title_ko": "촬영장 밖 키스 영상", "claim_ko": "무대 뒤에서 키스하는 장면이라는 영상"}


def test_member_submits_korean_text_from_the_form_and_reads_it_first_in_korean(client):
    client.force_login(UserFactory())
    response = client.post(
        "/en/submit/",
        {
            "url": "https://www.youtube.com/watch?v=kiss01",
            "title": "Backstage kiss clip",
            "claim": "They kissed backstage.",
            **KOREAN,
        },
    )
    rumor = Rumor.objects.get()
    assert response.status_code == 302
    assert (rumor.title_ko, rumor.claim_ko) == (KOREAN["title_ko"], KOREAN["claim_ko"])
    page = client.get(in_language(rumor.get_absolute_url(), "ko")).content.decode()
    assert f"<h1>{KOREAN['title_ko']}</h1>" in page
    assert [r.pk for r in search(q="키스하는").rumors] == [rumor.pk]


def test_api_submission_takes_korean_text_too():
    api = APIClient()
    api.force_authenticate(UserFactory())
    body = {"url": "https://x.com/fan/status/1", "title": "Kiss clip", "claim": "A kiss.", **KOREAN}
    response = api.post("/api/v1/rumors/", body, format="json")
    assert response.status_code == 201, response.content
    assert response.json()["title_ko"] == KOREAN["title_ko"]
    assert [r.pk for r in search(q="무대").rumors] == [response.json()["id"]]


def test_korean_text_is_optional_and_bounded():
    user = UserFactory()
    rumor = rumor_submit(user=user, url="https://x.com/a/status/2", title="T", claim="C")
    assert (rumor.title_ko, rumor.claim_ko) == ("", "")
    with pytest.raises(ValidationError) as exc:
        rumor_submit(
            user=user,
            url="https://x.com/a/status/3",
            title="T",
            claim="C",
            title_ko="가" * (Rumor.TITLE_MAX_LENGTH + 1),
        )
    assert "title_ko" in exc.value.message_dict
