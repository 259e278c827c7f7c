"""The client's address, for login lockouts and throttling.

X-Forwarded-For is written by whoever sends the request, so it is believed only as far as the
proxies we run: with TRUSTED_PROXY_COUNT = N, each of our N proxies appended one address and the
client's is the N-th from the right. With N = 0 (the default) the header is ignored and the
address is the socket's own (REMOTE_ADDR), so rotating the header cannot reset a lockout.
"""

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    remote = request.META.get("REMOTE_ADDR", "")
    count = settings.TRUSTED_PROXY_COUNT
    if count <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if len(forwarded) < count:
        # The request did not come through every proxy we run: nothing in it can be trusted.
        return remote
    return forwarded[-count]
