"""End to end: a follower gets one email per verdict, sent by a real Celery worker to a real
SMTP server, and none twice across a mail-server outage."""

import pytest
from allauth.account.models import EmailAddress

from accounts.tests.factories import ModeratorFactory, UserFactory
from config.testsupport import wait_for
from mail.models import OutgoingMail
from notifications.services import follow_add
from rumors.services.votes import vote_cast
from rumors.tests.factories import PersonFactory, RumorFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_one_mail_per_verdict_across_an_outage(smtp_server, start_celery_worker):
    worker = start_celery_worker(
        EMAIL_URL=smtp_server.url, MAIL_RETRY_BACKOFF="0.5", MAIL_RETRY_BACKOFF_MAX="1",
        MAIL_TASK_RETRIES="100",
    )  # fmt: skip
    fan = UserFactory(username="dami-fan", language="en")
    EmailAddress.objects.create(user=fan, email=fan.email, primary=True, verified=True)
    actor = PersonFactory(name="Park Seo-joon")
    follow_add(member=fan, target=actor)
    rumor = RumorFactory(title="Kiss clip on set", people=[actor])
    for _ in range(3):  # the server is down while the verdict is reached
        vote_cast(
            moderator=ModeratorFactory(), rumor=rumor, verdict="ai_generated",
            rationale="Faces swapped onto 2020 footage.",
        )  # fmt: skip
    mail = OutgoingMail.objects.get()
    wait_for(lambda: OutgoingMail.objects.get(pk=mail.pk).attempts >= 2, timeout=60,
             message=worker.output())  # fmt: skip

    smtp_server.start()
    wait_for(lambda: OutgoingMail.objects.get(pk=mail.pk).sent_at, timeout=60,
             message=worker.output())  # fmt: skip
    worker.wait_until_idle()
    [message] = smtp_server.messages
    assert message["To"] == fan.email
    assert message["Subject"] == "[Jinjja] Verdict: AI-generated: Kiss clip on set"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
