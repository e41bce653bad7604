from django.apps import AppConfig


class PlacementConfig(AppConfig):
    """A test-only app with one concrete placed-content model, until real content exists."""

    name = "tests.placement"
    label = "placement"
