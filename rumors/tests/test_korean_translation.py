import gettext
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
from django.conf import settings

from rumors.tests.factories import RumorFactory
from rumors.verdicts import Verdict

LOCALE = Path(settings.BASE_DIR) / "locale" / "ko" / "LC_MESSAGES"


def po_msgids() -> list[str]:
    text = (LOCALE / "django.po").read_text(encoding="utf8")
    ids = []
    for block in text.split("\n\n"):
        match = re.search(r'^msgid ((?:".*"\n?)+)', block, re.M)
        if match:
            parts = re.findall(r'"(.*)"', match.group(1))
            ids.append("".join(parts).encode().decode("unicode_escape").encode("latin1").decode())
    return [i for i in ids if i]


def test_every_message_has_a_korean_translation_in_the_committed_mo():
    with open(LOCALE / "django.mo", "rb") as f:
        catalog = gettext.GNUTranslations(f)._catalog
    missing = [m for m in po_msgids() if not catalog.get(m) and not catalog.get((m, 0))]
    assert po_msgids() and missing == []


@pytest.mark.django_db
def test_korean_reader_gets_korean_words_verdicts_and_dates(client):
    rumor = RumorFactory(verdict=Verdict.AI_GENERATED, created_at=datetime(2025, 3, 14, tzinfo=UTC))
    home = client.get("/", HTTP_ACCEPT_LANGUAGE="ko").content.decode()
    assert '<html lang="ko">' in home
    assert "최신 판정" in home and "AI 생성" in home
    assert "전" in home  # "1년, 8개월 전": the age in Korean
    page = client.get(rumor.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="ko").content.decode()
    assert "2025년 3월 14일" in page


@pytest.mark.django_db
def test_language_switcher_remembers_the_choice(client):
    response = client.post("/i18n/setlang/", {"language": "ko", "next": "/search/"})
    assert response.status_code == 302 and response["Location"] == "/search/"
    assert "검색" in client.get("/search/").content.decode()
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert "Latest verdicts" in client.get("/").content.decode()
