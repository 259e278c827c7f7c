"""A local stand-in for the outside internet: a threaded HTTP server on 127.0.0.1 that a test
fills with pages, images and misbehaviours."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def fixture_bytes(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    # For misbehaviours: takes the request handler and writes whatever it likes.
    handler: Callable[[BaseHTTPRequestHandler], None] | None = None


@dataclass
class Received:
    """A POST the site received (a webhook delivery, say)."""

    path: str
    headers: dict[str, str]
    body: bytes


class TestSite:
    __test__ = False

    def __init__(self, host: str = "127.0.0.1", port: int = 0):
        self.routes: dict[str, Route] = {}
        self.hits: Counter[str] = Counter()
        self.user_agents: list[str] = []
        # POSTs: what each path answers, in turn (the last one again once the others are
        # used), and what came in, in order.
        self.post_answers: dict[str, list[int]] = {}
        self.received: list[Received] = []
        self._lock = threading.Lock()
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 - the name http.server calls
                site.hits[self.path] += 1
                site.user_agents.append(self.headers.get("User-Agent", ""))
                route = site.routes.get(self.path)
                if route is None:
                    self.send_error(404)
                    return
                if route.handler:
                    route.handler(self)
                    return
                self.send_response(route.status)
                headers = {"Content-Length": str(len(route.body)), **route.headers}
                for key, value in headers.items():
                    self.send_header(key, value)
                self.end_headers()
                try:
                    self.wfile.write(route.body)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def do_POST(self):  # noqa: N802 - the name http.server calls
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                with site._lock:
                    answers = site.post_answers.get(self.path, [404])
                    status = answers.pop(0) if len(answers) > 1 else answers[0]
                    site.received.append(Received(self.path, dict(self.headers.items()), body))
                self.send_response(status)
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"ok")

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer((host, port), Handler)
        self.server.daemon_threads = True
        self.host, self.port = self.server.server_address[:2]
        # shutdown() waits for the serving loop to look up, every poll_interval (0.5 s by
        # default): half a second at the end of every test that uses the site.
        self._thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )
        self._thread.start()

    @property
    def netloc(self) -> str:
        return f"{self.host}:{self.port}"

    def url(self, path: str) -> str:
        return f"http://{self.netloc}{path}"

    def add(self, path: str, body: bytes | str = b"", *, status: int = 200, **kw) -> str:
        content_type = kw.pop("content_type", "text/html; charset=utf-8")
        headers = {"Content-Type": content_type, **kw.pop("headers", {})}
        if isinstance(body, str):
            body = body.encode()
        self.routes[path] = Route(body=body, status=status, headers=headers, **kw)
        return self.url(path)

    def add_receiver(self, path: str, *answers: int) -> str:
        """A path that takes POSTs, answering with these statuses in turn (200 by default)."""
        self.post_answers[path] = list(answers or [200])
        return self.url(path)

    def received_at(self, path: str) -> list[Received]:
        with self._lock:
            return [post for post in self.received if post.path == path]

    def add_page(self, path: str, fixture: str, content_type="text/html; charset=utf-8") -> str:
        """Serve a saved page, with {site} in it replaced by this server's address."""
        body = fixture_bytes(f"pages/{fixture}").replace(b"{site}", self.url("").encode())
        return self.add(path, body, content_type=content_type)

    def add_image(self, path: str, fixture: str, content_type="image/jpeg") -> str:
        return self.add(path, fixture_bytes(f"images/{fixture}"), content_type=content_type)

    def close(self):
        self.server.shutdown()
        self.server.server_close()
