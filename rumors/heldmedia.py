"""Moving stored files out of MEDIA_ROOT into MEDIA_HELD_ROOT and back. Filesystem only, no
database: services/reports.py decides which files, from the rows' state.

Both moves are idempotent (a file already where it should be is left alone), so running a
sync twice, or after a crash halfway, changes nothing more.
"""

import os
from pathlib import Path

from django.conf import settings


def _move(name: str, *, src: Path, dst: Path) -> None:
    origin, target = (src / name).resolve(), (dst / name).resolve()
    # Names come from our own FileFields, but never follow one outside the two roots.
    if not origin.is_relative_to(src.resolve()) or not target.is_relative_to(dst.resolve()):
        raise ValueError(f"Refusing to move {name!r} outside the media folders.")
    if not origin.exists():
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    os.replace(origin, target)


def hold(name: str) -> None:
    """Take a file out of reach of /media/ (kept, not deleted)."""
    _move(name, src=Path(settings.MEDIA_ROOT), dst=Path(settings.MEDIA_HELD_ROOT))


def release(name: str) -> None:
    """Put a held file back where /media/ serves it."""
    _move(name, src=Path(settings.MEDIA_HELD_ROOT), dst=Path(settings.MEDIA_ROOT))


def delete(name: str) -> None:
    """Delete a file for good, wherever it is (served or held)."""
    for root in (Path(settings.MEDIA_ROOT), Path(settings.MEDIA_HELD_ROOT)):
        path = (root / name).resolve()
        if not path.is_relative_to(root.resolve()):
            raise ValueError(f"Refusing to delete {name!r} outside the media folders.")
        path.unlink(missing_ok=True)
