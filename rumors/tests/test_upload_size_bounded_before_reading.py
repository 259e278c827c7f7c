"""An upload is refused by its size before it is read: a request declaring more than the image
limit (plus the form's fields) is answered at once, and a file that grows past the limit is no
longer stored. Before, a 200 MiB Content-Length was read to disk up to 120 MiB."""

import select
import socket
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.services import api_token_create
from accounts.tests.factories import UserFactory
from rumors.models import Evidence
from rumors.tests.factories import RumorFactory

MiB = 2**20


@pytest.mark.django_db
def test_api_upload_declaring_more_than_the_limit_is_a_json_400(client, settings):
    settings.EVIDENCE_MAX_UPLOAD_BYTES = 1024
    settings.API_THROTTLE_USER = "100000/min"
    client.force_login(UserFactory())
    rumor = RumorFactory()
    image = SimpleUploadedFile("big.png", b"\x89PNG" + b"x" * 400_000, content_type="image/png")
    response = client.post(
        f"/api/v1/rumors/{rumor.pk}/evidence/",
        {"kind": "comparison", "stance": "refutes", "image": image},
    )
    assert response.status_code == 400
    assert "too large" in response.json()["detail"]
    assert not Evidence.objects.exists()


def test_member_upload_declaring_200_mib_is_answered_before_the_body_is_read(start_web_server):
    rumor = RumorFactory()
    _token, key = api_token_create(user=UserFactory(), name="upload")
    server = start_web_server()
    boundary = "jinjja-boundary"
    head = (
        f"POST /api/v1/rumors/{rumor.pk}/evidence/ HTTP/1.1\r\n"
        "Host: jinjja.example\r\nX-Forwarded-Proto: https\r\n"
        f"Authorization: Token {key}\r\n"
        f"Content-Type: multipart/form-data; boundary={boundary}\r\n"
        f"Content-Length: {200 * MiB}\r\n\r\n"
        f"--{boundary}\r\n"
        'Content-Disposition: form-data; name="image"; filename="big.png"\r\n'
        "Content-Type: image/png\r\n\r\n"
    ).encode()
    sent, answer = 0, b""
    with socket.create_connection(("127.0.0.1", server.port), timeout=30) as conn:
        conn.sendall(head)
        deadline = time.monotonic() + 30
        chunk = b"x" * (256 * 1024)
        while time.monotonic() < deadline and sent < 40 * MiB:
            readable, writable, _ = select.select([conn], [conn], [], 1)
            if readable:
                answer = conn.recv(65536)
                break
            if writable:
                try:
                    sent += conn.send(chunk)
                except (BrokenPipeError, ConnectionResetError):
                    break
        # The rest of the answer (its body may come in a later segment).
        conn.settimeout(5)
        while b"too large" not in answer:
            try:
                more = conn.recv(65536)
            except (TimeoutError, ConnectionResetError):
                break
            if not more:
                break
            answer += more
    status_line = answer.split(b"\r\n", 1)[0]
    assert status_line.startswith(b"HTTP/1.1 400"), (status_line, sent)
    assert b"too large" in answer
    # Answered with the body unread: what was sent sits in socket buffers, far below 8 MiB.
    assert sent < 8 * MiB, f"{sent / MiB:.1f} MiB were taken before the answer"
