"""The forum's pages (``browse``: lists, a thread, starting one, editing and history) and its
POST-only actions (``actions``: replies, votes, accepting, following, moderation)."""
