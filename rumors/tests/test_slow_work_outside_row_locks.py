"""Refusals and slow work never wait on a rumor's row lock: input is checked, and an uploaded
image decoded and re-encoded, before the services lock the rumor. Shown on PostgreSQL with the
rumor's row held by another connection: a service that locked first would time out instead of
answering."""

import psycopg
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from accounts.tests.factories import ModeratorFactory, UserFactory
from rumors.services.evidence import evidence_submit
from rumors.services.votes import rumor_reopen, vote_cast
from rumors.tests.factories import RumorFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def locked_rumor():
    """A rumor whose row another connection holds FOR UPDATE for the whole test; this
    connection gives up on any lock after a second."""
    rumor = RumorFactory()
    db = connection.settings_dict
    other = psycopg.connect(
        dbname=db["NAME"], user=db["USER"], host=db["HOST"], port=db["PORT"] or 5432
    )
    other.execute("SELECT id FROM rumors_rumor WHERE id = %s FOR UPDATE", [rumor.pk])
    with connection.cursor() as cursor:
        cursor.execute("SET lock_timeout = '1s'")
    yield rumor
    other.rollback()
    other.close()
    with connection.cursor() as cursor:
        cursor.execute("RESET lock_timeout")


def test_a_bad_image_is_refused_without_waiting_for_the_lock(locked_rumor):
    bad = SimpleUploadedFile("x.png", b"not an image", content_type="image/png")
    with pytest.raises(ValidationError) as exc:
        evidence_submit(
            user=UserFactory(), rumor=locked_rumor, kind="comparison", stance="refutes", image=bad
        )
    assert "image" in exc.value.message_dict


def test_a_bad_vote_is_refused_without_waiting_for_the_lock(locked_rumor):
    with pytest.raises(ValidationError):
        vote_cast(moderator=ModeratorFactory(), rumor=locked_rumor, verdict="maybe", rationale="")


def test_a_reopen_without_a_reason_is_refused_without_waiting_for_the_lock(locked_rumor):
    with pytest.raises(ValidationError):
        rumor_reopen(moderator=ModeratorFactory(), rumor=locked_rumor, reason=" ")
