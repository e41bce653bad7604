"""The feed's pages: ``pages`` (the timelines, saved posts, mention suggestions) and ``posts``
(compose, one post, edit and history, delete and restore, images and files)."""
