"""`manage.py hashbank_export` and `hashbank_import`: the never-host bank travels as JSON lines
of hashes only, round-trips, re-imports add nothing, and bad lines are named and skipped."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from rumors import matching
from rumors.models import BankedHash, Report
from rumors.services.bank import bank_add
from rumors.tests.factories import RumorFactory, SourceFactory
from rumors.tests.images import fixture_image

pytestmark = pytest.mark.django_db


def bank_fixtures() -> list[BankedHash]:
    return [
        bank_add(media_hash=matching.hash_image(fixture_image(name)), origin="report")
        for name in ("promo-still.jpg", "viral-clip-frame.jpg", "short-cover.webp")
    ]


def test_export_writes_hashes_only_and_import_round_trips(tmp_path):
    banked = bank_fixtures()
    export = tmp_path / "bank.jsonl"
    call_command("hashbank_export", output=str(export), stderr=io.StringIO())

    rows = [json.loads(line) for line in export.read_text().splitlines()]
    assert [set(row) for row in rows] == [{"pdq", "quality", "added_at"}] * 3
    assert [row["pdq"] for row in rows] == [entry.pdq for entry in banked]

    BankedHash.objects.all().delete()
    out = io.StringIO()
    call_command("hashbank_import", str(export), stdout=out)
    assert "Added 3 hashes" in out.getvalue()
    again = list(BankedHash.objects.order_by("id"))
    assert [(e.pdq, e.quality, e.added_at) for e in again] == [
        (e.pdq, e.quality, e.added_at) for e in banked
    ]
    assert {e.origin for e in again} == {BankedHash.Origin.IMPORT}


def test_importing_the_same_file_twice_adds_nothing(tmp_path):
    bank_fixtures()
    export = tmp_path / "bank.jsonl"
    call_command("hashbank_export", output=str(export), stderr=io.StringIO())
    out = io.StringIO()
    call_command("hashbank_import", str(export), stdout=out)
    assert "Added 0 hashes; 3 were already in the bank" in out.getvalue()
    assert BankedHash.objects.count() == 3


def test_bad_lines_are_named_and_skipped_and_the_good_ones_kept(tmp_path):
    good = {"pdq": "f" * 64, "quality": 90, "added_at": "2026-11-30T10:00:00+09:00"}
    lines = [
        json.dumps(good),
        "not json",
        json.dumps({"pdq": "zz", "quality": 90}),
        json.dumps({"pdq": "a" * 64, "quality": 101}),
        json.dumps({"pdq": "b" * 64, "quality": 80, "added_at": "yesterday"}),
        json.dumps(["pdq"]),
        "",
    ]
    path = tmp_path / "mixed.jsonl"
    path.write_text("\n".join(lines))
    err = io.StringIO()
    with pytest.raises(CommandError, match="5 lines could not be read"):
        call_command("hashbank_import", str(path), stdout=io.StringIO(), stderr=err)
    assert [line.split(":")[0] for line in err.getvalue().splitlines()] == [
        f"line {n}" for n in (2, 3, 4, 5, 6)
    ]
    entry = BankedHash.objects.get()
    assert entry.pdq == "f" * 64 and entry.added_at.isoformat() == "2026-11-30T01:00:00+00:00"


def test_a_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("hashbank_import", str(tmp_path / "nope.jsonl"))


def test_an_imported_hash_withholds_a_picture_already_stored(
    tmp_path, django_capture_on_commit_callbacks
):
    media_hash = matching.hash_image(fixture_image("promo-still.jpg"))
    source = SourceFactory(pdq=media_hash.pdq, pdq_quality=media_hash.quality)
    RumorFactory(with_source=source)
    path = tmp_path / "shared.jsonl"
    path.write_text(json.dumps({"pdq": media_hash.pdq, "quality": media_hash.quality}) + "\n")
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("hashbank_import", str(path), stdout=out)
    assert "1 stored pictures withheld" in out.getvalue()
    source.refresh_from_db()
    assert source.is_media_hidden and Report.objects.get().source == source
