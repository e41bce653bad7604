def register() -> None:
    """Subscribe the sentiment scorer to the events of writing (filled in with the scorer)."""
