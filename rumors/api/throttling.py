"""Rates read at each request from settings, so that they follow the environment (and tests)."""

from django.conf import settings
from rest_framework.throttling import AnonRateThrottle, SimpleRateThrottle, UserRateThrottle

from config.client_ip import client_ip


class AnonThrottle(AnonRateThrottle):
    """Per client IP address, for requests without a token or session."""

    def get_rate(self) -> str:
        return settings.API_THROTTLE_ANON


class UserThrottle(UserRateThrottle):
    """Per member, whichever token or session they use."""

    def get_rate(self) -> str:
        return settings.API_THROTTLE_USER

    def get_cache_key(self, request, view):
        # DRF's own falls back to the client address, which would put anonymous readers under
        # the members' rate as well as their own; AnonThrottle alone counts them.
        if not (request.user and request.user.is_authenticated):
            return None
        return super().get_cache_key(request, view)


class ReportThrottle(SimpleRateThrottle):
    """Reports per client address, members included: the address the daily cap on immediate
    hides counts (config/client_ip.py), so both limits name the same sender."""

    scope = "reports"

    def get_rate(self) -> str:
        return settings.API_THROTTLE_REPORTS

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": client_ip(request._request)}
