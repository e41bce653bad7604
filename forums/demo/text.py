"""Filling a thread template's ``{slots}``: once per thread, so the question, its answers and
the replies all talk about the same printer, vendor or month. The services render the text
(``feed.text.render_text``); here it is only plain text."""

import datetime
import random

from django.conf import settings
from django.utils import timezone

from feed.demo import data as feed_corpus
from feed.demo.world import World
from forums.demo import data as corpus


class Slots(dict):
    """The values of one thread's slots, each drawn the first time a text asks for it."""

    def __init__(self, *, rng: random.Random, world: World, lang: str, person: int,
                 at: datetime.datetime):  # fmt: skip
        super().__init__()
        self.rng, self.world, self.lang, self.person = rng, world, lang, person
        p = world.people[person]
        self.date = timezone.localtime(at, world.zone[p.timezone or settings.TIME_ZONE]).date()

    def __missing__(self, name: str) -> str:
        value = self[name] = self._draw(name)
        return value

    def _draw(self, name: str) -> str:
        world, person, lang, date = self.world, self.person, self.lang, self.date
        p = world.people[person]
        months = feed_corpus.MONTHS[lang]
        if name == "office":
            return p.office
        if name == "city":
            return world.city[person]
        if name == "team":
            return world.team[person]
        if name == "dept":
            return p.department
        if name == "asker_first":
            return world.first[person]
        if name == "month":
            return months[date.month - 1]
        if name == "prev_month":
            return months[date.month - 2]
        if name == "closing_month":
            return months[date.month - (2 if date.day <= 10 else 1)]
        if name == "year":
            return str(date.year)
        if name == "next_year":
            return str(date.year + 1)
        if name == "quarter":
            return f"Q{(date.month - 1) // 3 + 1}"
        if name == "date":
            later = date + datetime.timedelta(days=self.rng.randint(3, 14))
            return f"{later.day} {months[later.month - 1]}"
        pool = corpus.VALUES.get(name) or feed_corpus.VALUES[name]
        return self.rng.choice(pool[lang] if isinstance(pool, dict) else pool)

    def fill(self, text: str, **extra) -> str:
        """``text`` with its slots filled (``extra`` for this text only)."""
        if not extra:
            return text.format_map(self)
        return text.format_map(_With(self, extra))


class _With(dict):
    def __init__(self, slots: Slots, extra: dict):
        super().__init__(extra)
        self.slots = slots

    def __missing__(self, name: str) -> str:
        return self.slots[name]
