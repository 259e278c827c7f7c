"""Changing one's address: the new one is confirmed by mail before it replaces the old."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse

from accounts.tests.factories import UserFactory
from mail.models import OutgoingMail

pytestmark = pytest.mark.django_db


@pytest.fixture
def member(client):
    user = UserFactory(email="old@example.org")
    EmailAddress.objects.create(user=user, email="old@example.org", primary=True, verified=True)
    client.force_login(user)
    return user


def test_email_page_needs_login(client):
    response = client.get(reverse("account_email"))
    assert response.status_code == 302
    assert "/en/accounts/login/" in response["Location"]


def test_new_address_replaces_the_old_only_once_confirmed(client, member):
    response = client.post(reverse("account_email"), {"action_add": "", "email": "new@example.org"})
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.email == "old@example.org"
    [mail] = OutgoingMail.objects.all()
    assert mail.to == ["new@example.org"]

    link = re.search(r"https?://[^/\s]+(/(?:en|ko)/accounts/confirm-email/[^\s]+/)", mail.body)[1]
    client.post(link)
    member.refresh_from_db()
    assert member.email == "new@example.org"
    assert list(EmailAddress.objects.filter(user=member).values_list("email", "verified")) == [
        ("new@example.org", True)
    ]


def test_an_address_another_member_confirmed_is_refused(client, member):
    other = UserFactory()
    EmailAddress.objects.create(user=other, email="taken@example.org", primary=True, verified=True)
    response = client.post(
        reverse("account_email"), {"action_add": "", "email": "taken@example.org"}
    )
    # Whether it is taken is not told (allauth prevents enumeration); the mail goes to that
    # address, whose owner alone could follow it, and following it does not make it the member's.
    assert response.status_code in (200, 302)
    for mail in OutgoingMail.objects.all():
        assert mail.to == ["taken@example.org"]
        link = re.search(r"https?://[^/\s]+(/(?:en|ko)/accounts/confirm-email/[^\s]+/)", mail.body)
        if link:
            client.post(link[1])
    assert not EmailAddress.objects.filter(user=member, email="taken@example.org", verified=True)
    member.refresh_from_db()
    assert member.email == "old@example.org"


def test_the_profile_form_no_longer_changes_the_address(client, member):
    client.post(reverse("accounts:my_profile"), {"display_name": "Dami", "email": "x@example.org"})
    member.refresh_from_db()
    assert member.display_name == "Dami" and member.email == "old@example.org"
