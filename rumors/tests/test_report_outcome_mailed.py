"""A reporter who left an address is told the outcome by mail (through the outbox), once."""

import pytest

from accounts.tests.factories import ModeratorFactory
from mail.models import OutgoingMail
from rumors.services.reports import AlreadyDecided, report_decide, report_submit
from rumors.tests.factories import RumorFactory

pytestmark = pytest.mark.django_db


def report(email="reporter@example.org", category="defamation"):
    rumor = RumorFactory()
    url = rumor.sources.get().url
    return report_submit(category=category, url=url, email=email, address="192.0.2.7")


@pytest.mark.parametrize(
    ("decision", "english", "korean"),
    [("uphold", "was upheld", "받아들여"), ("dismiss", "was dismissed", "기각")],
)
def test_the_reporter_is_mailed_the_decision_in_korean_and_english(decision, english, korean):
    sent = report()
    report_decide(
        moderator=ModeratorFactory(), report_id=sent.pk, decision=decision, reason="Checked."
    )
    mail = OutgoingMail.objects.get()
    assert mail.key == f"report-outcome:{sent.pk}" and mail.to == ["reporter@example.org"]
    assert f"#{sent.pk}" in mail.subject
    assert english in mail.body and korean in mail.body
    assert "Checked." in mail.body and sent.url in mail.body


def test_no_address_no_mail():
    sent = report(email="")
    report_decide(moderator=ModeratorFactory(), report_id=sent.pk, decision="dismiss", reason="Ok.")
    assert not OutgoingMail.objects.exists()


def test_deciding_again_mails_nothing_more():
    sent = report()
    moderator = ModeratorFactory()
    report_decide(moderator=moderator, report_id=sent.pk, decision="uphold", reason="Yes.")
    with pytest.raises(AlreadyDecided):
        report_decide(moderator=moderator, report_id=sent.pk, decision="dismiss", reason="No.")
    assert OutgoingMail.objects.count() == 1
