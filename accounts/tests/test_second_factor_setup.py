"""A moderator sets up TOTP with allauth's page (in the site's layout) and can then act."""

import re

import pytest
from allauth.mfa.totp.internal.auth import SECRET_SESSION_KEY
from django.urls import reverse

from accounts.tests.factories import ModeratorFactory, totp_code
from rumors.tests.factories import RumorFactory

pytestmark = pytest.mark.django_db


def test_setting_up_totp_lets_a_moderator_vote(client):
    moderator = ModeratorFactory(username="mod-haneul", second_factor=False)
    client.post(
        reverse("accounts:login"), {"username": "mod-haneul", "password": "correct-horse-battery"}
    )
    page = client.get("/en/accounts/2fa/totp/activate/", follow=True)
    if "reauthenticate" in page.redirect_chain[-1][0] if page.redirect_chain else False:
        page = client.post(
            page.redirect_chain[-1][0], {"password": "correct-horse-battery"}, follow=True
        )
    body = page.content.decode()
    assert page.status_code == 200 and 'class="site-header"' in body
    secret = client.session[SECRET_SESSION_KEY]
    assert re.sub(r"\s", "", secret) in re.sub(r"\s", "", body)  # shown to type in by hand

    done = client.post("/en/accounts/2fa/totp/activate/", {"code": totp_code(secret)})
    assert done.status_code == 302
    moderator.__dict__.pop("totp_confirmed", None)
    assert moderator.has_second_factor
    rumor = RumorFactory()
    vote = {"verdict": "ai_generated", "rationale": "Faces swapped onto 2020 footage."}
    assert client.post(reverse("rumors:vote", args=[rumor.pk]), vote).status_code == 302
