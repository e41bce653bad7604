"""What the analytics tests share: each folder builds its own ``world`` (a module-scoped
fixture with ``people`` by name); ``as_user`` signs the test client in as one of them."""

import pytest


@pytest.fixture
def as_user(client, world):
    """``as_user("leader")``: the test client signed in as that person of the world."""

    def sign_in(name):
        if name != "anon":
            client.force_login(world.people[name])
        else:
            client.logout()
        return client

    return sign_in
