"""Feed fixtures: captured events and image uploads. The people and communities to post in
(``author``, ``colleague``, ``outsider``, ``public_community``...) are tests/conftest.py's;
``fresh``, ``join`` and ``in_group`` (tests/helpers.py) are importable from here too."""

import io
from collections import defaultdict

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from core import events
from tests.helpers import fresh, in_group, join

__all__ = ["fresh", "image_upload", "in_group", "join", "named", "published"]


def image_upload(name="photo.png", *, size=(64, 48), fmt="PNG", exif=None, color=(30, 120, 200)):
    """A real small image file as an upload (``exif``: a PIL Exif to embed)."""
    buffer = io.BytesIO()
    kwargs = {"exif": exif} if exif is not None else {}
    Image.new("RGB", size, color).save(buffer, format=fmt, **kwargs)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=f"image/{fmt.lower()}")


@pytest.fixture
def published(monkeypatch):
    """Every domain event delivered after commit, in order (subscriptions end with the test)."""
    registry = defaultdict(list, {name: list(hs) for name, hs in events._subscribers.items()})
    monkeypatch.setattr(events, "_subscribers", registry)
    seen = []
    events.subscribe(events.ALL_EVENTS, seen.append)
    return seen


def named(published, name: str) -> list:
    return [event for event in published if event.name == name]
