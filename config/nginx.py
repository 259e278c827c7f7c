"""The shipped reverse-proxy configuration (deploy/nginx/jinjja.conf), run in Debian's nginx on
127.0.0.1 for the tests and `make bench`.

`local_site_config()` adapts the shipped file to local ports and folders, replacing each line it
knows exactly once (a line that moved or changed in the shipped file fails loudly instead of
being tested unchanged), and leaves TLS out: the proxy listens on plain HTTP, and the
X-Forwarded-Proto it sets can be pinned to "https" so that production settings (HTTPS
redirect on) serve the requests. Everything else is the shipped file as it is.
"""

import os
import shutil
import socket
import subprocess
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
SHIPPED_CONFIG = BASE_DIR / "deploy" / "nginx" / "jinjja.conf"
NGINX = os.environ.get("NGINX_PATH", "/usr/sbin/nginx")
MIME_TYPES = Path("/etc/nginx/mime.types")


def nginx_binary() -> str | None:
    """Debian's nginx, or None when it is not installed."""
    if os.access(NGINX, os.X_OK):
        return NGINX
    return shutil.which("nginx")


def _replace_once(text: str, old: str, new: str) -> str:
    count = text.count(old)
    if count != 1:
        raise ValueError(f"{SHIPPED_CONFIG.name}: expected {old!r} once, found it {count} times")
    return text.replace(old, new)


def _drop_server_block(text: str, opening: str) -> str:
    """Remove the `server { … }` block whose first lines are `opening`."""
    start = text.index(opening)
    end = text.index("\n}\n", start) + len("\n}\n")
    return text[:start] + text[end:]


def local_site_config(
    *,
    listen: int,
    upstream: int,
    static_root: Path,
    media_root: Path,
    cache_dir: Path,
    forwarded_proto: str | None = None,
) -> str:
    text = SHIPPED_CONFIG.read_text()
    text = _drop_server_block(text, "server {\n    listen 80;\n")
    text = _replace_once(text, "server 127.0.0.1:8000;", f"server 127.0.0.1:{upstream};")
    text = _replace_once(text, "/var/cache/nginx/jinjja ", f"{cache_dir} ")
    text = _replace_once(text, "alias /srv/jinjja/static/;", f"alias {static_root}/;")
    text = _replace_once(text, "alias /srv/jinjja/media/;", f"alias {media_root}/;")
    text = _replace_once(text, "    listen 443 ssl http2;\n", f"    listen 127.0.0.1:{listen};\n")
    text = _replace_once(text, "    listen [::]:443 ssl http2;\n", "")
    text = _replace_once(text, "server_name jinjja.example;", "server_name _;")
    for line in text.splitlines(keepends=True):
        if line.strip().startswith("ssl_"):
            text = text.replace(line, "", 1)
    if forwarded_proto:
        text = _replace_once(
            text,
            "X-Forwarded-Proto $scheme;",
            f"X-Forwarded-Proto {forwarded_proto};",
        )
    return text


def _main_config(folder: Path, site: Path, worker_connections: int) -> str:
    user = "user root;\n" if os.geteuid() == 0 else ""
    temp = "\n".join(
        f"    {kind}_temp_path {folder / kind};" for kind in ("client_body", "proxy", "fastcgi",
                                                            "uwsgi", "scgi")
    )  # fmt: skip
    return f"""{user}worker_processes auto;
worker_rlimit_nofile {worker_connections * 2 + 64};
pid {folder / "nginx.pid"};
error_log {folder / "error.log"} warn;
events {{
    worker_connections {worker_connections};
}}
http {{
    include {MIME_TYPES};
    default_type application/octet-stream;
    access_log off;
    sendfile on;
    keepalive_timeout 65;
    keepalive_requests 100000;
{temp}
    include {site};
}}
"""


class Nginx:
    """nginx running the shipped configuration in the foreground, as a child process."""

    def __init__(self, proc: subprocess.Popen, port: int, folder: Path):
        self.proc, self.port, self.folder = proc, port, folder

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def error_log(self) -> str:
        path = self.folder / "error.log"
        return path.read_text() if path.exists() else ""

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)


def start_nginx(
    folder: Path,
    *,
    port: int,
    upstream: int,
    static_root: Path,
    media_root: Path,
    forwarded_proto: str | None = None,
    worker_connections: int = 4096,
    timeout: float = 15,
) -> Nginx:
    """Write the adapted configuration under `folder`, check it (`nginx -t`) and start nginx;
    returns once it accepts connections."""
    binary = nginx_binary()
    if binary is None:
        raise FileNotFoundError("nginx is not installed: apt-get install nginx")
    folder.mkdir(parents=True, exist_ok=True)
    for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi", "cache"):
        (folder / kind).mkdir(exist_ok=True)
    site = folder / "jinjja.conf"
    site.write_text(
        local_site_config(
            listen=port,
            upstream=upstream,
            static_root=static_root,
            media_root=media_root,
            cache_dir=folder / "cache",
            forwarded_proto=forwarded_proto,
        )
    )
    main = folder / "nginx.conf"
    main.write_text(_main_config(folder, site, worker_connections))
    command = [binary, "-p", str(folder), "-c", str(main)]
    # A fixed command line: Debian's nginx and files written just above.
    subprocess.run([*command, "-t", "-q"], check=True, capture_output=True, timeout=30)  # noqa: S603
    proc = subprocess.Popen(  # noqa: S603
        [*command, "-g", "daemon off;"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    server = Nginx(proc, port, folder)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"nginx exited: {proc.stderr.read().decode()}{server.error_log()}")
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return server
        time.sleep(0.05)
    server.stop()
    raise RuntimeError(f"nginx did not listen on {port} within {timeout} s")
