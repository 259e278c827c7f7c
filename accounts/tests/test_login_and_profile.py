import pytest
from django.urls import reverse

from accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_login_is_case_insensitive(client):
    UserFactory(username="KimDami")
    response = client.post(
        reverse("accounts:login"), {"username": "kimdami", "password": "correct-horse-battery"}
    )
    assert response.status_code == 302
    assert client.get(reverse("accounts:my_profile")).status_code == 200


def test_wrong_password_is_refused_with_a_message(client):
    UserFactory(username="kimdami")
    response = client.post(reverse("accounts:login"), {"username": "kimdami", "password": "nope"})
    assert response.status_code == 200
    assert "enter a correct username and password" in response.content.decode()


def test_logout_needs_post_and_ends_the_session(client):
    client.force_login(UserFactory())
    assert client.post(reverse("accounts:logout")).status_code == 302
    assert client.get(reverse("accounts:my_profile")).status_code == 302


def test_password_change(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post(
        reverse("accounts:password_change"),
        {
            "old_password": "correct-horse-battery",
            "new_password1": "a-brand-new-secret-2026",
            "new_password2": "a-brand-new-secret-2026",
        },
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("a-brand-new-secret-2026")


def test_profile_edit_needs_login(client):
    response = client.get(reverse("accounts:my_profile"))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_member_edits_display_name(client):
    user = UserFactory()
    client.force_login(user)
    client.post(
        reverse("accounts:my_profile"), {"display_name": "Itaewon Night", "email": user.email}
    )
    user.refresh_from_db()
    assert user.display_name == "Itaewon Night"


def test_public_profile_lists_submissions(client):
    from rumors.tests.factories import RumorFactory

    rumor = RumorFactory()
    response = client.get(rumor.submitted_by.get_absolute_url())
    assert response.status_code == 200
    assert rumor.title in response.content.decode()


def test_unknown_profile_is_404(client):
    assert client.get(reverse("accounts:profile", args=["nobody"])).status_code == 404
