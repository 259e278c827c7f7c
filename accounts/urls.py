from allauth.account import views as allauth_views
from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from accounts import views

app_name = "accounts"

urlpatterns = [
    path("signup/", views.signup, name="signup"),
    path("login/", views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("login/code/", views.login_code, name="login_code"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "password/",
        auth_views.PasswordChangeView.as_view(success_url=reverse_lazy("accounts:password_done")),
        name="password_change",
    ),
    path(
        "password/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_done",
    ),
    # The address the issue names; allauth's own is /accounts/password/reset/.
    path("password_reset/", allauth_views.password_reset, name="password_reset"),
    path("delete/", views.account_delete, name="delete"),
    path("profile/", views.my_profile, name="my_profile"),
    path("profile/tokens/", views.api_token_new, name="api_token_new"),
    path("profile/tokens/<int:token_id>/revoke/", views.api_token_delete, name="api_token_revoke"),
    path("u/<str:username>/", views.profile, name="profile"),
]
