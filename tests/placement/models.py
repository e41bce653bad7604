from django.db import models

from communities.models import PlacedContent


class Note(PlacedContent):
    """The smallest placed content: what the permission matrix and moderation tests use."""

    text = models.CharField(max_length=200)

    def __str__(self):
        return self.text
