import zoneinfo

from django import forms
from django.contrib.auth.forms import UserCreationForm
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from accounts.services import second_factor_check


class SignupForm(UserCreationForm):
    email = forms.EmailField(label=_("Email"), required=True)

    class Meta:
        model = User
        fields = ("username", "email")

    def clean_username(self):
        username = self.cleaned_data["username"]
        if User.objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(_("That username is taken."), code="unique")
        return username


class ProfileForm(forms.ModelForm):
    """The address is changed on its own page (django-allauth), where the new one is confirmed
    by mail before it replaces the old."""

    time_zone = forms.ChoiceField(
        label=_("Time zone"),
        choices=lambda: [(name, name) for name in sorted(zoneinfo.available_timezones())],
        help_text=_("For the hour of your daily digest."),
    )

    class Meta:
        model = User
        fields = ("display_name", "notify_mail", "digest_hour", "time_zone", "language")

    NOTIFY_FIELDS = ("notify_mail", "digest_hour", "time_zone", "language")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.NOTIFY_FIELDS:  # left out of a post: kept as they are
            self.fields[name].required = False

    def clean(self):
        data = super().clean()
        for name in self.NOTIFY_FIELDS:
            if data.get(name) in (None, ""):
                data[name] = getattr(self.instance, name)
        return data


class LoginCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code from your authenticator app"),
        max_length=16,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
        help_text=_("Or one of your recovery codes."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_code(self):
        code = self.cleaned_data["code"].strip().replace(" ", "")
        if not second_factor_check(user=self.user, code=code):
            raise forms.ValidationError(_("That code is not right, or was used already."))
        return code


class AccountDeleteForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=_("To be sure it is you."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("That is not your password."), code="wrong_password")
        return password


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=_("Token name"),
        max_length=60,
        help_text=_("What will use it, e.g. “my Discord bot”."),
    )
