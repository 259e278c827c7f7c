"""A notification's mail: immediately by default, to a confirmed address only, in the member's
language, with one-click unsubscribe (RFC 8058)."""

from urllib.parse import urlsplit

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse

from accounts.models import User
from accounts.tests.factories import UserFactory
from config.languages import in_language, path_language
from mail.models import OutgoingMail
from notifications.services import follow_add
from rumors.tests.factories import RumorFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def run_after_commit(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


def told(member, reach_verdict, run_after_commit):
    rumor = RumorFactory(title="Kiss clip on set")
    follow_add(member=member, target=rumor)
    with run_after_commit():
        reach_verdict(rumor)
    return rumor


def test_a_verdict_is_mailed_with_one_click_unsubscribe(fan, reach_verdict, run_after_commit):
    rumor = told(fan, reach_verdict, run_after_commit)
    mail = OutgoingMail.objects.get()
    assert mail.to == [fan.email]
    assert mail.subject == "[Jinjja] Verdict: AI-generated: Kiss clip on set"
    assert "http://127.0.0.1:8000" + rumor.get_absolute_url() in mail.body
    url = mail.headers["List-Unsubscribe"].strip("<>")
    assert mail.headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    # Mail clients POST to the header's address, which has no language prefix; the body links
    # to the same page in the member's language.
    path = urlsplit(url).path
    assert path_language(path) is None
    assert in_language(path, fan.language) in mail.body


def test_one_click_unsubscribe_stops_the_mail(client, fan, reach_verdict, run_after_commit):
    told(fan, reach_verdict, run_after_commit)
    path = OutgoingMail.objects.get().headers["List-Unsubscribe"].strip("<>").split("8000", 1)[1]
    assert client.get(path).status_code == 200  # a page that asks: scanners only GET
    fan.refresh_from_db()
    assert fan.notify_mail == User.NotifyMail.IMMEDIATELY
    # What a mail client sends: a POST with this body, no cookie, no CSRF token.
    csrf_client = client.__class__(enforce_csrf_checks=True)
    response = csrf_client.post(path, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    fan.refresh_from_db()
    assert fan.notify_mail == User.NotifyMail.NONE


def test_a_forged_unsubscribe_link_is_refused(client, fan):
    response = client.post(reverse("notifications:unsubscribe", args=[f"{fan.pk}:forged"]))
    assert response.status_code == 400
    fan.refresh_from_db()
    assert fan.notify_mail == User.NotifyMail.IMMEDIATELY


def test_in_the_members_language(fan, reach_verdict, run_after_commit):
    User.objects.filter(pk=fan.pk).update(language="ko")
    fan.refresh_from_db()
    told(fan, reach_verdict, run_after_commit)
    mail = OutgoingMail.objects.get()
    assert "판정" in mail.subject, mail.subject


def test_an_unconfirmed_address_gets_no_mail_but_the_site_tells(reach_verdict, run_after_commit):
    member = UserFactory()
    EmailAddress.objects.create(user=member, email=member.email, primary=True, verified=False)
    told(member, reach_verdict, run_after_commit)
    assert not OutgoingMail.objects.exists()
    assert member.notifications.count() == 1


@pytest.mark.parametrize("choice", [User.NotifyMail.NONE, User.NotifyMail.DAILY])
def test_no_immediate_mail_unless_chosen(fan, reach_verdict, run_after_commit, choice):
    User.objects.filter(pk=fan.pk).update(notify_mail=choice)
    told(fan, reach_verdict, run_after_commit)
    assert not OutgoingMail.objects.exists()


def test_the_profile_sets_the_choice(client, fan):
    client.force_login(fan)
    client.post(
        reverse("accounts:my_profile"),
        {"display_name": "Dami", "notify_mail": "daily", "digest_hour": "21",
         "time_zone": "Europe/Paris", "language": "ko"},
    )  # fmt: skip
    fan.refresh_from_db()
    assert (fan.notify_mail, fan.digest_hour, fan.time_zone, fan.language) == (
        "daily",
        21,
        "Europe/Paris",
        "ko",
    )
    response = client.post(
        reverse("accounts:my_profile"), {"display_name": "Dami", "time_zone": "Mars/Olympus"}
    )
    assert response.status_code == 200
    fan.refresh_from_db()
    assert fan.time_zone == "Europe/Paris"
