"""WSGI entry point (HTTP only; production serves ``esn.asgi`` for WebSockets too)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "esn.settings")

application = get_wsgi_application()

from core.runtime import settle_heap  # noqa: E402

settle_heap()
