"""The wiki's pages: ``browse`` (index, changes, a space, a page, settings, watching),
``edit`` (write, edit with conflicts, preview, move, protect, delete, restore), ``history``
(revisions, an old revision, diffs, revert) and ``export`` (Markdown, print)."""
