"""Sign-up records the address unconfirmed and mails a confirmation link (through the outbox);
the member uses the site meanwhile; the link confirms the address."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse

from accounts.selectors import confirmed_email_for
from config.languages import in_language
from mail.models import OutgoingMail

pytestmark = pytest.mark.django_db

SIGNUP = {
    "username": "dami-fan",
    "email": "Dami@example.org",
    "password1": "seoul-night-2020",
    "password2": "seoul-night-2020",
}


def confirmation_link(mail: OutgoingMail) -> str:
    return re.search(r"https?://[^/\s]+(/(?:en|ko)/accounts/confirm-email/[^\s]+/)", mail.body)[1]


def test_signup_queues_one_confirmation_mail_and_lets_the_member_in(client):
    response = client.post(reverse("accounts:signup"), SIGNUP)
    assert response.status_code == 302
    address = EmailAddress.objects.get(user__username="dami-fan")
    assert (address.email, address.primary, address.verified) == ("dami@example.org", True, False)
    [mail] = OutgoingMail.objects.all()
    assert mail.to == ["dami@example.org"] and mail.is_pending
    assert mail.subject.startswith("[Jinjja] ")
    # Meanwhile the site is theirs to use.
    assert client.get(reverse("rumors:submit")).status_code == 200
    page = client.get(reverse("accounts:my_profile")).content.decode()
    assert "not confirmed yet" in page


def test_the_mailed_link_confirms_the_address(client):
    client.post(reverse("accounts:signup"), SIGNUP)
    user = EmailAddress.objects.get().user
    assert confirmed_email_for(user=user) is None
    link = confirmation_link(OutgoingMail.objects.get())
    assert client.get(link).status_code == 200  # a page with a button: mail scanners only GET
    assert client.post(link).status_code == 302
    assert confirmed_email_for(user=user) == "dami@example.org"


def test_a_made_up_confirmation_key_confirms_nothing(client):
    client.post(reverse("accounts:signup"), SIGNUP)
    client.post("/en/accounts/confirm-email/not-a-real-key/")
    assert not EmailAddress.objects.get().verified


def test_confirmation_mail_is_in_the_language_of_the_signup(client):
    client.post(in_language(reverse("accounts:signup"), "ko"), SIGNUP)
    mail = OutgoingMail.objects.get()
    assert re.search(r"[\uac00-\ud7a3]", mail.subject + mail.body), mail.subject
