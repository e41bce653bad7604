"""Every write in the feed: ``posts`` (posts, shares, announcements), ``conversation``
(comments, reactions, bookmarks) and ``polls``."""
