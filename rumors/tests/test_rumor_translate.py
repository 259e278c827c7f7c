"""Moderators add a rumor's text in the other language (rumor_translate, the rumor page's
form): the Korean title and claim beside the English, or the English beside a rumor submitted
in Korean; the timeline records `translated`, search finds the new words at once, and readers
see their language first."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from accounts.tests.factories import ModeratorFactory, UserFactory
from config.languages import in_language
from rumors.models import Rumor, TimelineEvent
from rumors.selectors.search import search
from rumors.services.translation import rumor_translate
from rumors.tests.factories import RumorFactory

pytestmark = pytest.mark.django_db

KOREAN = {"title": "촬영장 밖 키스 영상", "claim": "무대 뒤에서 키스하는 장면이라는 영상"}
ENGLISH = {"title": "Backstage kiss clip", "claim": "A clip said to show a kiss backstage."}


@pytest.fixture
def english():
    return RumorFactory(**ENGLISH)


@pytest.fixture
def korean():
    return RumorFactory(**KOREAN)


def test_a_moderator_adds_the_korean_beside_the_english(english, client):
    moderator = ModeratorFactory()
    rumor_translate(moderator=moderator, rumor=english, language="ko", **KOREAN)
    english.refresh_from_db()
    assert (english.title, english.title_ko, english.claim_ko) == (
        ENGLISH["title"],
        KOREAN["title"],
        KOREAN["claim"],
    )
    event = english.events.get(kind=TimelineEvent.Kind.TRANSLATED)
    assert event.actor == moderator
    assert event.data == {"language": "ko", "fields": ["title_ko", "claim_ko"]}
    assert [r.pk for r in search(q="키스하는").rumors] == [english.pk]
    page = client.get(in_language(english.get_absolute_url(), "ko")).content.decode()
    assert f"<h1>{KOREAN['title']}</h1>" in page


def test_english_beside_a_rumor_submitted_in_korean_moves_the_korean_aside(korean, client):
    old_url = korean.get_absolute_url()
    rumor_translate(moderator=ModeratorFactory(), rumor=korean, language="en", **ENGLISH)
    korean.refresh_from_db()
    assert (korean.title, korean.claim) == (ENGLISH["title"], ENGLISH["claim"])
    assert (korean.title_ko, korean.claim_ko) == (KOREAN["title"], KOREAN["claim"])
    assert korean.slug == Rumor.make_slug(ENGLISH["title"])
    assert client.get(old_url).status_code == 301
    assert [r.pk for r in search(q="backstage").rumors] == [korean.pk]
    assert [r.pk for r in search(q="키스하는").rumors] == [korean.pk]
    page = client.get(in_language(korean.get_absolute_url(), "en")).content.decode()
    assert f"<h1>{ENGLISH['title']}</h1>" in page


def test_replacing_public_korean_text_withdraws_the_old_copy(english):
    moderator = ModeratorFactory()
    rumor_translate(moderator=moderator, rumor=english, language="ko", **KOREAN)
    assert not english.events.filter(kind=TimelineEvent.Kind.WITHDRAWN).exists()
    rumor_translate(
        moderator=moderator, rumor=english, language="ko", title="무대 뒤 키스 논란", claim="설명"
    )
    assert english.events.filter(kind=TimelineEvent.Kind.WITHDRAWN).count() == 1
    assert [r.pk for r in search(q="논란").rumors] == [english.pk]


@pytest.mark.parametrize(
    ("language", "text", "field", "message"),
    [
        ("ko", ENGLISH, "title", "Hangul"),
        ("en", ENGLISH, "language", "in English already"),
        ("fr", ENGLISH, "language", "“ko”"),
        ("ko", {"title": "", "claim": "설명"}, "title", "short title"),
    ],
)
def test_bad_input_is_refused_with_a_clear_message(english, language, text, field, message):
    with pytest.raises(ValidationError) as refused:
        rumor_translate(moderator=ModeratorFactory(), rumor=english, language=language, **text)
    assert message in refused.value.message_dict[field][0]


def test_the_same_text_again_is_refused(english):
    rumor_translate(moderator=ModeratorFactory(), rumor=english, language="ko", **KOREAN)
    with pytest.raises(ValidationError, match="already"):
        rumor_translate(moderator=ModeratorFactory(), rumor=english, language="ko", **KOREAN)


def test_members_cannot_translate(english, client):
    with pytest.raises(PermissionDenied):
        rumor_translate(moderator=UserFactory(), rumor=english, language="ko", **KOREAN)
    client.force_login(UserFactory())
    response = client.post(
        f"/en/rumors/{english.pk}/translation/",
        {"translate-language": "ko", "translate-title": "제목", "translate-claim": "설명"},
    )
    assert response.status_code == 403
    english.refresh_from_db()
    assert english.title_ko == ""


def test_the_page_form_adds_the_text_and_shows_errors(korean, client):
    client.force_login(ModeratorFactory())
    page = client.get(korean.get_absolute_url()).content.decode()
    assert "Add the text in the other language" in page
    url = f"/en/rumors/{korean.pk}/translation/"
    bad = client.post(
        url, {"translate-language": "en", "translate-title": "", "translate-claim": ""}
    )
    assert bad.status_code == 400
    done = client.post(
        url,
        {
            "translate-language": "en",
            "translate-title": ENGLISH["title"],
            "translate-claim": ENGLISH["claim"],
        },
    )
    assert done.status_code == 302
    korean.refresh_from_db()
    assert korean.title_ko == KOREAN["title"]
