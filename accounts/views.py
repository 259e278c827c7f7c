from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from accounts.forms import (
    AccountDeleteForm,
    ApiTokenForm,
    LoginCodeForm,
    ProfileForm,
    SignupForm,
)
from accounts.models import User
from accounts.selectors import email_address_for
from accounts.services import api_token_create, api_token_revoke, member_delete, member_signup
from rumors import selectors

# A password checked, the code still to come: {"user": id, "backend": path, "next": url, "tries"}.
PENDING_LOGIN = "accounts.pending_login"
CODE_TRIES = 5


class LoginView(auth_views.LoginView):
    """Django's login (django-axes counts the wrong passwords), then, for a member with a TOTP
    device, a second step for the code before the session is theirs."""

    def form_valid(self, form):
        user = form.get_user()
        if not user.has_second_factor:
            return super().form_valid(form)
        self.request.session[PENDING_LOGIN] = {
            "user": user.pk,
            "backend": user.backend,
            "next": self.get_success_url(),
            "tries": 0,
        }
        return redirect("accounts:login_code")


@never_cache
def login_code(request):
    pending = request.session.get(PENDING_LOGIN)
    user = pending and User.objects.filter(pk=pending["user"], is_active=True).first()
    if not user:
        return redirect("accounts:login")
    form = LoginCodeForm(request.POST or None, user=user)
    if request.method == "POST":
        if form.is_valid():
            del request.session[PENDING_LOGIN]
            login(request, user, backend=pending["backend"])
            return redirect(pending["next"])  # checked by LoginView.get_success_url
        pending["tries"] += 1
        request.session.modified = True
        if pending["tries"] >= CODE_TRIES:
            del request.session[PENDING_LOGIN]
            messages.error(request, _("Too many wrong codes: log in again."))
            return redirect("accounts:login")
    return render(request, "registration/login_code.html", {"form": form})


def signup(request):
    if request.user.is_authenticated:
        return redirect("rumors:home")
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = member_signup(
            request=request,
            username=form.cleaned_data["username"],
            email=form.cleaned_data["email"],
            password=form.cleaned_data["password1"],
            language=request.LANGUAGE_CODE,  # their mail comes in the language they signed up in
        )
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, _("Welcome to Jinjja, %(name)s.") % {"name": user.username})
        return redirect("rumors:home")
    return render(request, "registration/signup.html", {"form": form})


@login_required
def my_profile(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your profile is saved."))
        return redirect("accounts:my_profile")
    return _render_profile(request, form=form)


def _render_profile(request, *, form=None, token_form=None, new_key=None):
    context = {
        "form": form or ProfileForm(instance=request.user),
        "token_form": token_form or ApiTokenForm(),
        "api_tokens": request.user.api_tokens.all(),
        "new_key": new_key,
        "email_address": email_address_for(user=request.user),
    }
    return render(request, "accounts/profile_edit.html", context)


@never_cache
@login_required
@require_POST
def api_token_new(request):
    """Creates a token and shows its key in this response only: it is never stored."""
    token_form = ApiTokenForm(request.POST)
    if token_form.is_valid():
        try:
            _, key = api_token_create(user=request.user, name=token_form.cleaned_data["name"])
        except ValidationError as exc:
            token_form.add_error(None, exc)
        else:
            return _render_profile(request, new_key=key)
    return _render_profile(request, token_form=token_form)


@login_required
@require_POST
def api_token_delete(request, token_id: int):
    try:
        api_token_revoke(user=request.user, token_id=token_id)
    except ValidationError as exc:
        raise Http404("No such token.") from exc
    messages.success(request, _("The token is revoked: it no longer works."))
    return redirect("accounts:my_profile")


@login_required
def account_delete(request):
    form = AccountDeleteForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        member_delete(user=request.user)
        logout(request)
        messages.success(request, _("Your account is deleted. What you contributed stays."))
        return redirect("rumors:home")
    return render(request, "accounts/account_delete.html", {"form": form})


def profile(request, username: str):
    member = User.objects.filter(username__iexact=username, is_active=True).first()
    if member is None:
        raise Http404("No such member.")
    rumors = selectors.member_rumors(member=member)
    return render(request, "accounts/profile_detail.html", {"member": member, "rumors": rumors})
