"""Rates read at each request from settings, so that they follow the environment (and tests)."""

from django.conf import settings
from redis.exceptions import RedisError
from rest_framework.throttling import AnonRateThrottle, SimpleRateThrottle, UserRateThrottle

from config.client_ip import client_ip


class AtomicCountMixin:
    """A counter that concurrent requests cannot overshoot.

    DRF's own throttles read a client's request history, append to it and write it back, so
    requests arriving together read the same history and all pass (16 parallel clients got 629
    of 900 requests through a limit of 600). Here each client has one integer key, created with
    its expiry by add() (SET NX with a TTL in Redis) and raised by incr() (INCR): every request
    gets its own number. The window is fixed, starting at the client's first request; a second
    key holds that start for Retry-After. On Redis the three steps are one atomic round trip
    (config/cache.py count_in_window). While Redis is down requests pass, as the cache does.
    """

    def allow_request(self, request, view):
        if self.rate is None:
            return True
        self.key = self.get_cache_key(request, view)
        if self.key is None:
            return True
        self.now = self.timer()
        try:
            count = self._count()
        except RedisError:
            return True
        return count <= self.num_requests or self.throttle_failure()

    def _count(self) -> int:
        count_in_window = getattr(self.cache, "count_in_window", None)
        if count_in_window is not None:  # Redis (config/cache.py): one round trip
            return count_in_window(self.key, self.duration, self.now)
        if self.cache.add(self.key, 0, timeout=self.duration):
            self.cache.set(f"{self.key}_start", self.now, timeout=self.duration)
        try:
            return self.cache.incr(self.key)
        except ValueError:  # the window ended between add() and incr()
            self.cache.add(self.key, 0, timeout=self.duration)
            return self.cache.incr(self.key)

    def wait(self) -> float:
        start = self.cache.get(f"{self.key}_start", self.now)
        return max(1.0, start + self.duration - self.now)


class AnonThrottle(AtomicCountMixin, AnonRateThrottle):
    """Per client IP address, for requests without a token or session."""

    def get_rate(self) -> str:
        return settings.API_THROTTLE_ANON


class UserThrottle(AtomicCountMixin, UserRateThrottle):
    """Per member, whichever token or session they use."""

    def get_rate(self) -> str:
        return settings.API_THROTTLE_USER

    def get_cache_key(self, request, view):
        # DRF's own falls back to the client address, which would put anonymous readers under
        # the members' rate as well as their own; AnonThrottle alone counts them.
        if not (request.user and request.user.is_authenticated):
            return None
        return super().get_cache_key(request, view)


class ReportThrottle(AtomicCountMixin, SimpleRateThrottle):
    """Reports per client address, members included: the address the daily cap on immediate
    hides counts (config/client_ip.py), so both limits name the same sender."""

    scope = "reports"

    def get_rate(self) -> str:
        return settings.API_THROTTLE_REPORTS

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": client_ip(request._request)}
