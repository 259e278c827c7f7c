"""Fixtures of the rumors tests."""

import io
import uuid

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image

from rumors.tests.webserver import TestSite


@pytest.fixture
def site(settings):
    """The test's own web server; the fetcher may reach it despite the address checks."""
    web = TestSite()
    settings.FETCH_ALLOW_HOSTS = [*settings.FETCH_ALLOW_HOSTS, web.netloc]
    yield web
    web.close()


@pytest.fixture
def api_reads(settings):
    """For tests that read the API many times from 127.0.0.1 and poll the timeline at once:
    throttling and the settling delay have tests of their own."""
    settings.API_THROTTLE_ANON = settings.API_THROTTLE_USER = "100000/min"
    settings.API_TIMELINE_SETTLE_SECONDS = 0


@pytest.fixture
def thumbnails():
    """Saves real JPEG files of a given size under MEDIA_ROOT (the live server serves them)
    and removes them after the test."""
    names = []

    def save(size):
        buffer = io.BytesIO()
        Image.new("RGB", size, (200, 30, 60)).save(buffer, "JPEG")
        name = default_storage.save(
            f"thumbs/test-{uuid.uuid4().hex}.jpg", ContentFile(buffer.getvalue())
        )
        names.append(name)
        return name

    yield save
    for name in names:
        default_storage.delete(name)


@pytest.fixture
def card_cache(settings):
    """A cache of this test's own, so that no share card drawn by another test (or an earlier
    run, with the same ids) is served."""
    settings.CACHES = {
        "default": {**settings.CACHES["default"], "KEY_PREFIX": f"cards-{uuid.uuid4().hex[:8]}"}
    }
