from axes.backends import AxesStandaloneBackend


class LoginAttemptsBackend(AxesStandaloneBackend):
    """django-axes' lockout check, for logins that come with a web request.

    Axes refuses an authenticate() call without a request; such calls (the test client's
    login(), a shell) have no client address to lock out, so they pass on to ModelBackend.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def login_username(request, credentials: dict | None = None) -> str | None:
    """The username a login attempt names, lower-cased: logins ignore case, so must lockouts."""
    data = credentials or getattr(request, "data", request.POST)
    username = data.get("username")
    return username.lower() if isinstance(username, str) else username
