import gettext
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
from django.conf import settings

from config.languages import in_language
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


def _unquote(parts: list[str]) -> str:
    return "".join(part[1:-1] for part in parts)


def po_entries() -> list[dict]:
    """Each entry of the .po as {"msgid", "msgstr": [...], "flags", "obsolete"}, header left out.

    Plain Python, so that the check runs where gettext's tools are not installed.
    """
    entries = []
    text = (LOCALE / "django.po").read_text(encoding="utf8")
    for block in text.strip().split("\n\n"):
        lines = block.splitlines()
        fields: dict[str, list[str]] = {}
        key = None
        for line in (line.removeprefix("#~ ") for line in lines):
            if match := re.match(r'^(msgid|msgid_plural|msgstr(?:\[\d+\])?) (".*")$', line):
                key = match.group(1)
                fields[key] = [match.group(2)]
            elif line.startswith('"') and key:
                fields[key].append(line)
        flags = [f.strip() for line in lines if line.startswith("#,") for f in line[2:].split(",")]
        msgid = _unquote(fields.get("msgid", []))
        if not msgid:
            continue
        entries.append(
            {
                "msgid": msgid,
                "msgstr": [_unquote(v) for k, v in fields.items() if k.startswith("msgstr")],
                "flags": flags,
                "obsolete": any(line.startswith("#~") for line in lines),
            }
        )
    return entries


def test_the_po_has_no_untranslated_fuzzy_or_obsolete_entries():
    entries = po_entries()
    assert len(entries) > 200
    assert [e["msgid"] for e in entries if not all(e["msgstr"])] == []
    assert [e["msgid"] for e in entries if "fuzzy" in e["flags"]] == []
    assert [e["msgid"] for e in entries if e["obsolete"]] == []


def test_verdict_names_keep_their_korean_names():
    msgstr = {e["msgid"]: e["msgstr"][0] for e in po_entries()}
    assert msgstr["AI-generated"] == "AI 생성"
    assert msgstr["Verdict"] == "판정"
    assert msgstr["Verdict reached"] == "판정 확정"


def test_every_message_has_a_korean_translation_in_the_committed_mo():
    with open(LOCALE / "django.mo", "rb") as f:
        catalog = gettext.GNUTranslations(f)._catalog
    missing = [m for m in po_msgids() if not catalog.get(m) and not catalog.get((m, 0))]
    assert po_msgids() and missing == []


@pytest.mark.django_db
def test_korean_reader_gets_korean_words_verdicts_and_dates(client):
    rumor = RumorFactory(verdict=Verdict.AI_GENERATED, created_at=datetime(2025, 3, 14, tzinfo=UTC))
    home = client.get("/ko/").content.decode()
    assert '<html lang="ko">' in home
    assert "최신 판정" in home and "AI 생성" in home
    assert "전" in home  # "1년, 8개월 전": the age in Korean
    page = client.get(in_language(rumor.get_absolute_url(), "ko")).content.decode()
    assert "2025년 3월 14일" in page
