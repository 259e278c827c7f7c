"""Helpers for reading configuration from the environment."""

import os
import secrets
from fractions import Fraction
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured


def read_secret(env, name: str) -> str | None:
    """Return NAME from the environment, or the contents of the file named by NAME_FILE."""
    value = env.str(name, default="")
    if value:
        return value
    path = env.str(f"{name}_FILE", default="")
    if path:
        try:
            return Path(path).read_text().strip()
        except OSError as exc:
            raise ImproperlyConfigured(f"{name}_FILE={path} cannot be read: {exc}") from exc
    return None


def local_secret_key(var_dir: Path) -> str:
    """A random key kept under var/ for local development, made once and then reused.

    Only used with DEBUG on, so that sessions survive restarts of `make run` without a
    hard-coded key in the code.
    """
    path = var_dir / "secret_key"
    if path.exists():
        return path.read_text().strip()
    var_dir.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as f:
        f.write(key)
    return key


def parse_fraction(text: str) -> Fraction:
    """'2/3' -> Fraction(2, 3), '0.75' -> Fraction(3, 4): exact, so that 2 votes of 3 meet a
    two-thirds rule without a rounding error deciding a verdict."""
    try:
        value = Fraction(text.strip())
    except (ValueError, ZeroDivisionError) as exc:
        raise ImproperlyConfigured(f"{text!r} is not a fraction such as 2/3 or 0.75") from exc
    if not 0 < value <= 1:
        raise ImproperlyConfigured(f"{text!r} must be above 0 and at most 1")
    return value
