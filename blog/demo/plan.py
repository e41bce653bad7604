"""Planning the blogs: which articles, by whom, in which blog, when, and the comments and
reactions they drew. Python objects only; ``blog.demo.write`` puts them through the services.

Company-blog articles are written by Communicators, the monthly newsletter on the first
working day of every month; technical articles by the forum's experts on the topic (so the
expert finder counts them), the others by someone of the right department, office or
hobby, nobody more than twice. A few are still drafts, one or two wait for a time to come.
"""

import datetime
import math
import random
from dataclasses import dataclass, field

from django.conf import settings
from django.utils import timezone

from blog.demo import data as corpus
from blog.models import ArticleStatus
from feed.demo import data as feed_corpus
from feed.demo.plan import _weighted, poisson
from feed.demo.world import Day, DemoCommunity, World
from forums.demo.plan import topic_experts
from forums.demo.text import Slots

MAX_PER_AUTHOR = 2


@dataclass
class PlannedComment:
    person: int
    at: datetime.datetime
    body: str
    parent: "PlannedComment | None" = None
    likes: list[tuple[int, datetime.datetime]] = field(default_factory=list)


@dataclass
class PlannedArticle:
    spec: dict
    author: int
    community: DemoCommunity | None
    lang: str
    title: str
    body: str
    status: str
    at: datetime.datetime  # Published; for a draft or a scheduled article, first saved.
    publish_at: datetime.datetime | None = None
    comments: list[PlannedComment] = field(default_factory=list)
    reactions: list[tuple[int, str, datetime.datetime]] = field(default_factory=list)
    views: int = 0
    drafted: int = 0  # Minutes between the first save and publishing.

    @property
    def blog(self) -> str:
        return self.spec["blog"].partition(":")[0]

    @property
    def written_at(self) -> datetime.datetime:
        """When the author first saved it."""
        return self.at - datetime.timedelta(minutes=self.drafted)


def default_article_count(users: int) -> int:
    """Articles: 36 in a company of 60 people, more (up to the corpus) in bigger ones."""
    return max(8, round(36 * (users / 60) ** 0.5))


class Planner:
    def __init__(self, world: World, rng: random.Random, *, now: datetime.datetime,
                 days: list[Day], seed: int):  # fmt: skip
        self.world, self.rng, self.now, self.seed = world, rng, now, seed
        self.days = days
        self.workdays = [day for day in days if not day.quiet]
        self.written: dict[int, int] = {}  # Articles per author.
        self.used: set[tuple[str, str]] = set()  # (article, ``fill`` value) already written.

    # --- who writes --------------------------------------------------------------------------

    def authors(self, spec: dict, community: DemoCommunity | None) -> list[int]:
        """Who may write ``spec``, best first (or in no particular order)."""
        world, people = self.world, self.world.people
        kind, _sep, value = spec["authors"].partition(":")
        if kind == "communicators":
            # Internal Communications writes most of the company blog; the other
            # Communicators now and then.
            found = [p.index for p in people if "Communicators" in p.roles]
            found.sort(key=lambda i: (people[i].well_known != "communicator", i))
            if len(found) > 1 and self.rng.random() < 0.25:
                found.insert(0, found.pop(self.rng.randrange(1, len(found))))
        elif kind == "ceo":
            found = [p.index for p in people if p.depth == 0]
        elif kind == "analyst":
            found = [p.index for p in people if p.well_known == "analyst"]
            found = found or [p.index for p in people if p.department == "Finance"]
        elif kind == "expert":
            experts, weights = topic_experts(people, value, seed=self.seed)
            rest = sorted((i for i in weights if i not in experts), key=lambda i: -weights[i])
            found = experts + rest
        elif kind == "dept":
            wanted = set(value.split("|"))
            found = [p.index for p in people if p.department in wanted and p.depth > 0]
        elif kind == "office":
            found = [p.index for p in people if p.office == value and world.share_id[p.index] < 0.5]
        elif kind == "interest":
            found = [p.index for p in people if value in p.interests]
        elif kind == "members":
            found = [i for i in community.members if community.may_post(i)] if community else []
        else:
            raise ValueError(f"Unknown authors {spec['authors']!r}")
        if kind not in ("expert", "communicators", "ceo", "analyst"):
            self.rng.shuffle(found)
        lang = spec["lang"]
        return [i for i in found if lang == "en" or world.share_id[i] > 0]

    def author(self, spec: dict, community: DemoCommunity | None) -> int | None:
        company_blog = spec["blog"] == "company"
        for person in self.authors(spec, community):
            if company_blog or self.written.get(person, 0) < MAX_PER_AUTHOR:
                self.written[person] = self.written.get(person, 0) + 1
                return person
        return None

    # --- when -----------------------------------------------------------------------------------

    def at(self, day: datetime.date, person: int, hour: int, minute: int) -> datetime.datetime:
        zone = self.world.zone[self.world.people[person].timezone or settings.TIME_ZONE]
        return datetime.datetime.combine(day, datetime.time(hour, minute), zone)

    def first_workdays(self) -> list[datetime.date]:
        """The first working day of each month in the window."""
        found = {}
        for day in self.workdays:
            found.setdefault((day.date.year, day.date.month), day.date)
        return [date for date in found.values() if date.day <= 7]

    def later(self, at: datetime.datetime, minutes: float) -> datetime.datetime:
        delay = 2 + self.rng.lognormvariate(math.log(minutes), 1.1)
        moment = at + datetime.timedelta(minutes=delay)
        local = timezone.localtime(moment, self.world.zone[settings.TIME_ZONE])
        if 6 <= local.hour < 22 or self.rng.random() < 0.1:
            return moment
        morning = local.replace(hour=7, minute=0) + datetime.timedelta(
            days=0 if local.hour < 6 else 1, minutes=self.rng.randrange(150)
        )
        return morning

    # --- the articles ---------------------------------------------------------------------------

    def community(self, spec: dict) -> DemoCommunity | None | bool:
        """The community of a community-blog article; False when it cannot be written."""
        kind, _sep, slug = spec["blog"].partition(":")
        if kind != "community":
            return None
        community = self.world.by_slug.get(slug)
        if community is None or community.archived:
            return False
        return community

    def plan(self, total: int) -> list[PlannedArticle]:
        rng, now = self.rng, self.now
        unpublished = [s for s in corpus.ARTICLES if s.get("status")]
        published = [s for s in corpus.ARTICLES if not s.get("status")]
        # Each published spec once (the monthly ones once a month, ``repeat`` times the
        # others); the company blog, the community blogs and the experts' articles first.
        slots = []
        for spec in published:
            if spec.get("monthly"):
                slots.extend((spec, day) for day in self.first_workdays())
            else:
                slots.extend((spec, None) for _ in range(spec.get("repeat", 1)))

        def priority(item):
            """The newsletter and the community blogs first, then the rest of the company blog
            and the experts' articles, then the other personal ones; at random within each."""
            spec, day = item
            if day is not None or spec["blog"].startswith("community"):
                return 0, rng.random()
            if spec["blog"] == "company" or spec["authors"].startswith("expert"):
                return 1, rng.random()
            return 2, rng.random()

        slots.sort(key=priority)
        room = max(0, total - len(unpublished))
        chosen = slots[:room]
        articles = []
        for spec, day in chosen:
            article = self.published(spec, day)
            if article is not None:
                articles.append(article)
        for spec in unpublished[: max(0, total - len(articles))]:
            article = self.unpublished(spec)
            if article is not None:
                articles.append(article)
        return [a for a in articles if a.at <= now]

    def words(self, spec: dict, person: int, at: datetime.datetime, used: set) -> Slots:
        """The slot values for ``spec`` (its own ``fill`` choices not used before)."""
        slots = Slots(rng=self.rng, world=self.world, lang=spec["lang"], person=person, at=at)
        for name, choices in spec.get("fill", {}).items():
            fresh = [c for c in choices if (spec["key"], c) not in used] or choices
            slots[name] = self.rng.choice(fresh)
            used.add((spec["key"], slots[name]))
        for name, choices in corpus.VALUES.items():
            slots[name] = self.rng.choice(choices)
        months = feed_corpus.MONTHS[spec["lang"]]
        coming = (timezone.localtime(self.now).date().replace(day=28)
                  + datetime.timedelta(days=4))  # fmt: skip
        slots["next_month"], slots["next_month_year"] = months[coming.month - 1], str(coming.year)
        return slots

    def published(self, spec: dict, day: datetime.date | None) -> PlannedArticle | None:
        rng = self.rng
        community = self.community(spec)
        if community is False:
            return None
        author = self.author(spec, community)
        if author is None:
            return None
        if day is not None:
            at = self.at(day, author, 9, rng.randrange(5, 40))
        else:
            pick = rng.choice(self.workdays[:-1] or self.workdays)
            at = self.at(pick.date, author, _weighted(rng, ARTICLE_HOURS), rng.randrange(60))
        slots = self.words(spec, author, at, self.used)
        article = PlannedArticle(
            spec=spec, author=author, community=community, lang=spec["lang"],
            title=slots.fill(spec["title"]), body=slots.fill(spec["body"]),
            status=ArticleStatus.PUBLISHED, at=at,
        )  # fmt: skip
        article.drafted = rng.randint(20, 3 * 24 * 60)
        self.converse(article, slots)
        return article

    def unpublished(self, spec: dict) -> PlannedArticle | None:
        rng, now = self.rng, self.now
        community = self.community(spec)
        if community is False:
            return None
        author = self.author(spec, community)
        if author is None:
            return None
        at = now - datetime.timedelta(days=rng.randint(1, 20), minutes=rng.randrange(600))
        slots = self.words(spec, author, at, self.used)
        publish_at = None
        if spec["status"] == ArticleStatus.SCHEDULED:
            ahead = rng.randint(2, 12)
            day = timezone.localtime(now).date() + datetime.timedelta(days=ahead)
            while day.weekday() >= 5:
                day += datetime.timedelta(days=1)
            publish_at = self.at(day, author, 9, 0)
        return PlannedArticle(
            spec=spec, author=author, community=community, lang=spec["lang"],
            title=slots.fill(spec["title"]), body=slots.fill(spec["body"]),
            status=spec["status"], at=at, publish_at=publish_at,
        )  # fmt: skip

    # --- the conversation -----------------------------------------------------------------------

    def audience(self, article: PlannedArticle) -> tuple[list[int], list[float]]:
        community = article.community
        if community is None:
            return self.world.everyone, self.world.cum_everyone
        return community.members, community.cum

    def pick(self, article: PlannedArticle, k: int, exclude=()) -> list[int]:
        people, cum = self.audience(article)
        chosen: dict[int, None] = {}
        for _ in range(k * 4):
            person = self.rng.choices(people, cum_weights=cum)[0]
            if person not in exclude and person not in chosen:
                chosen[person] = None
                if len(chosen) == k:
                    break
        return list(chosen)

    def converse(self, article: PlannedArticle, slots: Slots) -> None:
        rng, now, world = self.rng, self.now, self.world
        people, _cum = self.audience(article)
        scale = article.spec.get("engagement", 1.0) * min(1.0, len(people) / 25) ** 0.5
        lang, author = article.lang, article.author
        texts = list(corpus.COMMENTS[lang])
        rng.shuffle(texts)
        first = {"author_first": world.first[author]}
        count = min(len(texts), poisson(rng, 2.4 * scale))
        for person, text in zip(self.pick(article, count, {author}), texts, strict=False):
            at = self.later(article.at, 240)
            if at > now:
                continue
            comment = PlannedComment(person, at, slots.fill(text, **first))
            article.comments.append(comment)
            if rng.random() < 0.35:
                reply_at = self.later(at, 120)
                if reply_at <= now:
                    text = rng.choice(corpus.AUTHOR_REPLIES[lang])
                    article.comments.append(PlannedComment(author, reply_at, text, comment))
        for comment in article.comments:
            for person in self.pick(article, poisson(rng, 0.7 * scale), {comment.person}):
                at = self.later(comment.at, 90)
                if at <= now:
                    comment.likes.append((person, at))
        for person in self.pick(article, poisson(rng, 7 * scale), {author}):
            at = self.later(article.at, 300)
            if at <= now:
                article.reactions.append((person, _weighted(rng, corpus.REACTIONS), at))
        readers = {author, *(c.person for c in article.comments)}
        readers.update(person for person, _kind, _at in article.reactions)
        article.views = len(readers) + round(len(people) * rng.uniform(0.15, 0.6))


ARTICLE_HOURS = {8: 2, 9: 5, 10: 6, 11: 4, 13: 3, 14: 4, 15: 4, 16: 2, 19: 1, 20: 1}
