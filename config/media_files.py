"""/media/: thumbnails and evidence images (never clips), through the app's check at every
request.

A file is served only while it is where /media/ may serve it: withholding after a report, the
never-host bank and a moderator's decisions move files out of MEDIA_ROOT (rumors/heldmedia.py),
so the check is that the file is still inside MEDIA_ROOT. Behind nginx the app answers with an
internal redirect (`X-Accel-Redirect` to MEDIA_X_ACCEL_REDIRECT) and nginx sends the bytes; no
cache keeps a copy (`Cache-Control: no-cache`: a browser asks again each time, a cheap 304),
so a withheld thumbnail answers 404 through the proxy at once.
"""

import mimetypes
from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.http import Http404, HttpResponse
from django.utils._os import safe_join
from django.views.decorators.http import require_safe
from django.views.static import serve

MEDIA_CACHE_CONTROL = "no-cache"


@require_safe
def media(request, path: str):
    # MEDIA_ROOT is read per request, not captured when this module is imported.
    root = Path(settings.MEDIA_ROOT)
    try:
        full = Path(safe_join(root, path))
    except (SuspiciousFileOperation, ValueError) as exc:
        raise Http404("No such file.") from exc
    if not full.is_file() or any(part.startswith(".") for part in Path(path).parts):
        raise Http404("No such file.")
    if settings.MEDIA_X_ACCEL_REDIRECT:
        content_type = mimetypes.guess_type(full.name)[0] or "application/octet-stream"
        response = HttpResponse(content_type=content_type)
        location = settings.MEDIA_X_ACCEL_REDIRECT.rstrip("/")
        response["X-Accel-Redirect"] = f"{location}/{quote(full.relative_to(root).as_posix())}"
    else:
        response = serve(request, path, document_root=root)
    response["Cache-Control"] = MEDIA_CACHE_CONTROL
    return response
