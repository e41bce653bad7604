"""Every write in the feed: ``posts`` (posts, shares, announcements), ``conversation``
(comments, reactions, bookmarks), ``polls``, and ``items`` (the posts that stand for a forum
thread or a blog article, kept in step by their apps)."""
