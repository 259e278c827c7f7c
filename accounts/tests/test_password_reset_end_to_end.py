"""Password reset by email, end to end: the request at /accounts/password_reset/ (linked from
the login page), the mail sent by a real Celery worker to a real SMTP server, its link, the new
password, a login with it."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse

from accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_login_page_links_the_reset(client):
    page = client.get(reverse("accounts:login")).content.decode()
    assert 'href="/en/accounts/password_reset/"' in page


def test_the_reset_page_is_the_sites_own_in_korean(client):
    page = client.get("/ko/accounts/password_reset/").content.decode()
    assert 'class="site-header"' in page
    assert "비밀번호" in page


def test_password_reset_by_email_end_to_end(client, smtp_server, start_celery_worker, settings):
    smtp_server.start()
    start_celery_worker(EMAIL_URL=smtp_server.url)
    user = UserFactory(username="kimdami", email="dami@example.org")
    EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=True)

    response = client.post("/en/accounts/password_reset/", {"email": "dami@example.org"})
    assert response.status_code == 302
    [message] = smtp_server.wait_for_messages(1)
    assert message["To"] == "dami@example.org"
    body = message.get_body(("plain",)).get_content()
    link = re.search(r"https?://[^/\s]+(/(?:en|ko)/accounts/password/reset/key/[^\s]+/)", body)[1]

    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    set_password_url = form_page.redirect_chain[-1][0] if form_page.redirect_chain else link
    done = client.post(
        set_password_url,
        {"password1": "a-brand-new-secret-2026", "password2": "a-brand-new-secret-2026"},
    )
    assert done.status_code == 302
    user.refresh_from_db()
    assert user.check_password("a-brand-new-secret-2026")

    client.logout()
    login = client.post(
        reverse("accounts:login"),
        {"username": "kimdami", "password": "a-brand-new-secret-2026"},
    )
    assert login.status_code == 302
    # The link works once.
    assert "a-brand-new" not in client.get(link, follow=True).content.decode()


def test_reset_for_an_unknown_address_says_the_same_and_sends_nothing_to_it(client):
    response = client.post("/en/accounts/password_reset/", {"email": "nobody@example.org"})
    assert response.status_code == 302
