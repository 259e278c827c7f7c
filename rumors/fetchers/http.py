"""The site's only network client: fetches URLs chosen by strangers without letting them reach
anything but the public internet.

How it stays safe (see DEPENDENCIES.md):
- only http and https; bare single-label host names are refused;
- the host is resolved once, every address is checked, and the connection goes to a checked
  address (the network backend below does the connecting, so there is no second lookup that
  DNS rebinding could change); TLS keeps the host name for SNI and certificate checks;
- every redirect hop goes through the same checks, at most FETCH_MAX_REDIRECTS of them;
- bodies are capped on their decompressed size, a deadline bounds the whole response, and the
  content type must be one the caller expects;
- proxies from the environment are never used (httpcore2 reads no environment).
"""

from __future__ import annotations

import ipaddress
import math
import socket
import threading
import time
import zlib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin, urlsplit, urlunsplit

import httpcore2
from django.conf import settings
from django.utils.encoding import iri_to_uri

HTML_TYPES = ("text/html", "application/xhtml+xml")
JSON_TYPES = ("application/json", "text/json", "application/json+oembed", "text/javascript")
IMAGE_TYPES = ("image/jpeg", "image/png", "image/gif", "image/webp")

_CHUNK = 64 * 1024


class FetchError(Exception):
    """A fetch did not give a usable response. `transient` errors are worth retrying."""

    transient = False

    def __init__(self, reason: str, *, status: int | None = None, retry_after: float | None = None):
        super().__init__(reason)
        self.reason = reason
        self.status = status
        self.retry_after = retry_after


class FetchRefused(FetchError):
    """The URL points somewhere the site must never go (a private address, say). Never retried."""


class FetchTransient(FetchError):
    """Timeouts, connection errors, 5xx and 429: worth another try later."""

    transient = True


class FetchGone(FetchError):
    """The server says the page does not exist (404, 410)."""


class HostBusy(FetchTransient):
    """Politeness: too many fetches to this host are running already."""


@dataclass
class Response:
    url: str
    status: int
    headers: dict[str, str]
    content: bytes
    content_type: str
    charset: str | None
    redirects: list[str] = field(default_factory=list)


# --- Address checks ------------------------------------------------------------------------
# Ranges Python's `is_global` does not cover, or covers only in newer versions.
_EXTRA_BLOCKED = [
    ipaddress.ip_network(n)
    for n in (
        "100.64.0.0/10",  # carrier-grade NAT
        "64:ff9b::/96",  # NAT64 (well-known prefix)
        "64:ff9b:1::/48",  # NAT64 (local use)
        "2002::/16",  # 6to4
        "2001::/32",  # Teredo
        "192.0.0.0/24",
        "198.18.0.0/15",
    )
]


def address_refusal(ip: str) -> str | None:
    """Why this address may not be fetched, or None if it is a public unicast address."""
    try:
        addr = ipaddress.ip_address(ip.split("%", 1)[0])
    except ValueError:
        return f"{ip} is not an IP address"
    if isinstance(addr, ipaddress.IPv6Address) and addr.ipv4_mapped:
        addr = addr.ipv4_mapped
    if (
        addr.is_loopback
        or addr.is_private
        or addr.is_link_local
        or addr.is_multicast
        or addr.is_reserved
        or addr.is_unspecified
        or not addr.is_global
        or any(addr in net for net in _EXTRA_BLOCKED if net.version == addr.version)
    ):
        return f"the address {addr} is not on the public internet"
    return None


def _allowed_anyway(host: str, port: int) -> bool:
    return f"{host}:{port}" in settings.FETCH_ALLOW_HOSTS


def check_url(url: str) -> tuple[str, str, int]:
    """Refuse what can be refused before any lookup; return (scheme, host, port)."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise FetchRefused(f"The link is not a valid URL ({exc}).") from exc
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise FetchRefused("Only http and https links are fetched.")
    host = (parts.hostname or "").rstrip(".").lower()
    if not host:
        raise FetchRefused("The link has no host name.")
    if parts.username or parts.password:
        raise FetchRefused("Links with a user name or password are not fetched.")
    port = port or (443 if scheme == "https" else 80)
    if _allowed_anyway(host, port):
        return scheme, host, port
    try:
        ipaddress.ip_address(host)
        is_literal = True
    except ValueError:
        is_literal = False
    if not is_literal and "." not in host:
        raise FetchRefused(f"“{host}” is not a public host name.")
    if host == "localhost" or host.endswith((".localhost", ".local", ".internal")):
        raise FetchRefused(f"“{host}” is not a public host name.")
    return scheme, host, port


def as_uri(url: str) -> str:
    """The URL as it goes on the wire: a page's links are often IRIs (Hangul paths, Unicode host
    names), which httpcore2 refuses. The host goes to IDNA, anything else beyond printable
    ASCII is percent-encoded."""
    if url.isascii() and url.isprintable() and " " not in url:
        return url
    try:
        parts = urlsplit(url)
        userinfo, at, hostport = parts.netloc.rpartition("@")
        if not hostport.startswith("["):
            host, colon, port = hostport.partition(":")
            hostport = host.encode("idna").decode("ascii") + colon + port
        netloc, path, query = (iri_to_uri(v) for v in (userinfo + at + hostport, *parts[2:4]))
    except (ValueError, UnicodeError) as exc:
        raise FetchRefused(f"The link is not a valid URL ({exc}).") from exc
    return urlunsplit((parts.scheme, netloc, path, query, ""))


# getaddrinfo's "the name does not exist" answers (as opposed to a resolver that failed).
_NO_SUCH_HOST = {
    code for code in (getattr(socket, "EAI_NONAME", None), getattr(socket, "EAI_NODATA", None))
    if code is not None
}  # fmt: skip


def resolve_checked(host: str, port: int) -> list[str]:
    """Resolve once and check every address; refuse the whole fetch if any one is refused."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        if exc.errno in _NO_SUCH_HOST:
            # The name servers answered: no such name. Trying again in minutes changes nothing.
            raise FetchError(f"The host {host} does not exist (no such name).") from exc
        raise FetchTransient(f"The host {host} could not be resolved.") from exc
    except UnicodeError as exc:
        raise FetchError(f"The host name {host} is not valid.") from exc
    addresses = list(dict.fromkeys(info[4][0] for info in infos))
    if not addresses:
        raise FetchTransient(f"The host {host} has no address.")
    if _allowed_anyway(host, port):
        return addresses
    for ip in addresses:
        reason = address_refusal(ip)
        if reason:
            raise FetchRefused(f"Refused to fetch {host}: {reason}.")
    return addresses


class _DeadlineStream(httpcore2.NetworkStream):
    """Caps every read and write at the time left before the response's deadline."""

    def __init__(self, stream: httpcore2.NetworkStream, backend: _GuardedBackend):
        self._stream, self._backend = stream, backend

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._stream.read(max_bytes, self._backend.cap(timeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._stream.write(buffer, self._backend.cap(timeout))

    def close(self) -> None:
        self._stream.close()

    def start_tls(self, ssl_context, server_hostname=None, timeout=None):
        tls = self._stream.start_tls(ssl_context, server_hostname, self._backend.cap(timeout))
        return _DeadlineStream(tls, self._backend)

    def get_extra_info(self, info: str):
        return self._stream.get_extra_info(info)


class _GuardedBackend(httpcore2.NetworkBackend):
    """Connects only to checked addresses; the one place a socket is opened."""

    def __init__(self):
        self._sync = httpcore2.SyncBackend()
        self.deadline = float("inf")

    def left(self) -> float:
        return max(0.0, self.deadline - time.monotonic())

    def cap(self, timeout: float | None) -> float:
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise httpcore2.ReadTimeout("deadline reached")
        return left if timeout is None else min(timeout, left)

    def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None):
        last_error: Exception | None = None
        for ip in resolve_checked(host, port):
            try:
                stream = self._sync.connect_tcp(
                    ip, port, self.cap(timeout), local_address, socket_options
                )
            except httpcore2.ConnectError as exc:
                last_error = exc
                continue
            return _DeadlineStream(stream, self)
        raise httpcore2.ConnectError(str(last_error or "no address answered"))

    def connect_unix_socket(self, path, timeout=None, socket_options=None):
        raise FetchRefused("Unix sockets are never fetched.")


# --- Politeness ----------------------------------------------------------------------------
_host_slots: dict[str, threading.BoundedSemaphore] = {}
_host_slots_lock = threading.Lock()


@contextmanager
def host_slot(host: str, *, wait: float, limit: int | None = None) -> Iterator[None]:
    """At most `limit` (FETCH_PER_HOST_CONCURRENCY) requests to one host at a time in this
    process. Webhook deliveries count apart from fetches (their own key and limit)."""
    with _host_slots_lock:
        slot = _host_slots.get(host)
        if slot is None:
            slot = _host_slots[host] = threading.BoundedSemaphore(
                limit or settings.FETCH_PER_HOST_CONCURRENCY
            )
    if not slot.acquire(timeout=wait):
        raise HostBusy(f"Too many requests to {host} are running; trying again later.")
    try:
        yield
    finally:
        slot.release()


# --- Bodies --------------------------------------------------------------------------------
class _Decoder:
    """Decompresses gzip/deflate bodies a bounded piece at a time, so a bomb is caught early."""

    def __init__(self, encoding: str):
        self.encoding = encoding
        if encoding in ("gzip", "x-gzip"):
            self._z = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif encoding == "deflate":
            self._z = zlib.decompressobj(zlib.MAX_WBITS)
        elif encoding in ("", "identity"):
            self._z = None
        else:
            raise FetchError(f"The server used an unsupported content encoding ({encoding}).")

    def feed(self, data: bytes, room: int) -> Iterable[bytes]:
        if self._z is None:
            yield data
            return
        try:
            while data:
                out = self._z.decompress(data, room + 1)
                yield out
                room -= len(out)
                if room < 0:
                    return
                data = self._z.unconsumed_tail
        except zlib.error as exc:
            raise FetchError("The server sent a corrupt compressed body.") from exc


def _read_body(response: httpcore2.Response, max_bytes: int, encoding: str) -> bytes:
    decoder = _Decoder(encoding)
    body = bytearray()
    for chunk in response.iter_stream():
        for piece in decoder.feed(chunk, max_bytes - len(body)):
            body += piece
            if len(body) > max_bytes:
                raise FetchError(f"The response is larger than {max_bytes // 1024} KiB.")
    return bytes(body)


def _content_type(headers: dict[str, str]) -> tuple[str, str | None]:
    value = headers.get("content-type", "")
    mime, _, params = value.partition(";")
    charset = None
    for param in params.split(";"):
        key, _, val = param.strip().partition("=")
        if key.lower() == "charset" and val:
            charset = val.strip().strip("\"'").lower()
    return mime.strip().lower(), charset


# A server may ask for a longer wait than this, but is not waited for longer.
RETRY_AFTER_MAX = 24 * 3600.0


def _retry_after(value: str | None) -> float | None:
    """Seconds to wait, from 0 to RETRY_AFTER_MAX; None for a value that is neither a number
    nor a date (NaN and infinities included)."""
    if not value:
        return None
    try:
        seconds = float(value)
    except ValueError:
        try:
            seconds = parsedate_to_datetime(value).timestamp() - time.time()
        except (TypeError, ValueError, OverflowError, IndexError):
            return None
    if not math.isfinite(seconds):
        return None
    return min(max(0.0, seconds), RETRY_AFTER_MAX)


# What httpcore2 raises when a request fails on the way (FetchError aside).
_NETWORK_ERRORS = (
    httpcore2.TimeoutException,
    httpcore2.NetworkError,
    httpcore2.ProtocolError,
    httpcore2.UnsupportedProtocol,
)


def _network_error(host: str, exc: Exception, *, malformed: type[FetchError]) -> FetchError:
    """What httpcore2's failure means for a request: timeouts and broken connections are
    worth another try; a malformed answer is `malformed` (a page's is final, a webhook
    receiver's is retried like a 5xx)."""
    if isinstance(exc, httpcore2.TimeoutException):
        return FetchTransient(f"{host} did not answer in time.")
    if isinstance(exc, httpcore2.NetworkError | httpcore2.RemoteProtocolError):
        return FetchTransient(f"Connection to {host} failed ({exc or 'closed'}).")
    return malformed(f"{host} sent a malformed response ({exc}).")


def _status_error(status: int, headers: dict[str, str]) -> FetchError:
    if status in (404, 410):
        return FetchGone(f"The server says the page is gone (HTTP {status}).", status=status)
    if status == 429 or status >= 500:
        return FetchTransient(
            f"The server answered HTTP {status}.",
            status=status,
            retry_after=_retry_after(headers.get("retry-after")),
        )
    return FetchError(f"The server refused the request (HTTP {status}).", status=status)


class Fetcher:
    """One fetch session (a page, its oEmbed document, its image): a small pool of its own."""

    def __init__(self):
        self._backend = _GuardedBackend()
        self._pool = httpcore2.ConnectionPool(
            network_backend=self._backend, max_connections=4, retries=0
        )

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc) -> None:
        self._pool.close()

    def get(self, url: str, *, accept: tuple[str, ...], max_bytes: int) -> Response:
        """GET url following checked redirects; raise a FetchError subclass on any failure."""
        # One deadline for the whole call: redirects and waits for a host slot included.
        self._backend.deadline = time.monotonic() + settings.FETCH_DEADLINE
        redirects: list[str] = []
        for _hop in range(settings.FETCH_MAX_REDIRECTS + 1):
            result = self._get_once(url, accept=accept, max_bytes=max_bytes)
            if isinstance(result, Response):
                result.redirects = redirects
                return result
            redirects.append(url)
            url = urljoin(url, result)
        raise FetchError(f"Too many redirects (more than {settings.FETCH_MAX_REDIRECTS}).")

    def post(
        self, url: str, *, body: bytes, headers: dict[str, str], timeout: float, max_bytes: int
    ) -> Response:
        """POST body to url once, for a webhook: the same address checks as a fetch, no
        redirect followed (a 3xx is an answer like any other), one deadline of `timeout`
        seconds. Any HTTP answer is returned, with at most max_bytes of its body; timeouts and
        connection errors raise FetchTransient, a forbidden address FetchRefused, and HostBusy
        when WEBHOOK_PER_HOST_CONCURRENCY deliveries to the host are already in flight."""
        self._backend.deadline = time.monotonic() + timeout
        url = as_uri(url)
        scheme, host, port = check_url(url)
        request_headers = [
            (b"User-Agent", settings.FETCH_USER_AGENT.encode()),
            (b"Content-Length", str(len(body)).encode()),
            *((k.encode("latin-1"), v.encode("latin-1")) for k, v in headers.items()),
        ]
        timeouts = {"connect": timeout, "read": timeout, "write": timeout, "pool": timeout}
        limit = settings.WEBHOOK_PER_HOST_CONCURRENCY
        try:
            with host_slot(f"webhook:{host}:{port}", wait=0, limit=limit):
                with self._pool.stream(
                    "POST", url, headers=request_headers, content=body,
                    extensions={"timeout": timeouts},
                ) as raw:  # fmt: skip
                    answer = bytearray()
                    for chunk in raw.iter_stream():
                        answer += chunk[: max_bytes - len(answer)]
                        if len(answer) >= max_bytes:
                            break
                    answer_headers = {
                        k.decode("latin-1").lower(): v.decode("latin-1") for k, v in raw.headers
                    }
                    status = raw.status
        except _NETWORK_ERRORS as exc:
            raise _network_error(host, exc, malformed=FetchTransient) from exc
        mime, charset = _content_type(answer_headers)
        return Response(
            url=url, status=status, headers=answer_headers, content=bytes(answer),
            content_type=mime, charset=charset,
        )  # fmt: skip

    def _get_once(self, url: str, *, accept: tuple[str, ...], max_bytes: int) -> Response | str:
        """A Response, or the Location of a redirect."""
        url = as_uri(url)
        scheme, host, port = check_url(url)
        request_headers = [
            (b"User-Agent", settings.FETCH_USER_AGENT.encode()),
            (b"Accept", ", ".join(accept).encode() + b";q=1.0, */*;q=0.1"),
            (b"Accept-Encoding", b"gzip, deflate"),
            (b"Accept-Language", b"en, ko;q=0.9"),
        ]
        timeouts = {
            "connect": settings.FETCH_CONNECT_TIMEOUT,
            "read": settings.FETCH_DEADLINE,
            "write": settings.FETCH_DEADLINE,
            "pool": settings.FETCH_DEADLINE,
        }
        try:
            with host_slot(host, wait=min(settings.FETCH_HOST_WAIT, self._backend.left())):
                with self._pool.stream(
                    "GET", url, headers=request_headers, extensions={"timeout": timeouts}
                ) as raw:
                    headers = {
                        k.decode("latin-1").lower(): v.decode("latin-1") for k, v in raw.headers
                    }
                    status = raw.status
                    if status in (301, 302, 303, 307, 308):
                        location = headers.get("location")
                        if not location:
                            raise FetchError(f"HTTP {status} redirect without a Location.")
                        return location
                    if status >= 400:
                        raise _status_error(status, headers)
                    if status != 200:
                        raise FetchError(f"Unexpected HTTP status {status}.", status=status)
                    mime, charset = _content_type(headers)
                    if mime not in accept:
                        raise FetchError(
                            f"Expected {' or '.join(accept)}, got “{mime or 'no content type'}”."
                        )
                    encoding = headers.get("content-encoding", "").strip().lower()
                    body = _read_body(raw, max_bytes, encoding)
        except _NETWORK_ERRORS as exc:
            raise _network_error(host, exc, malformed=FetchError) from exc
        return Response(
            url=url,
            status=status,
            headers=headers,
            content=body,
            content_type=mime,
            charset=charset,
        )
