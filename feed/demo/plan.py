"""Planning the history: which theme each post is, who writes it, where, when and in which
language, and the conversation it draws (comments, replies, reactions, votes, views, shares).
Everything here is Python objects; ``feed.demo.write`` puts them in the database."""

import datetime
import itertools
import math
import random
import zoneinfo
from collections import deque
from dataclasses import dataclass, field

from django.conf import settings
from django.utils import timezone

from feed.demo import data as corpus
from feed.demo.text import MENTION_SLOTS, Renderer, template_fields
from feed.demo.world import Day, DemoCommunity, World
from feed.models import Comment, Poll, PollOption, Post, PostKind, PostRevision, Praise
from feed.text import HASHTAG


@dataclass
class Theme:
    key: str
    spec: dict
    pool: list[int]
    cum: list[float]

    def __getattr__(self, name):
        try:
            return self.spec[name]
        except KeyError:
            raise AttributeError(name) from None


@dataclass
class PlannedPost:
    """A post and everything hanging off it, waiting to be written."""

    post: Post
    lang: str
    tags: list[str] = field(default_factory=list)
    mentioned: list[int] = field(default_factory=list)
    comments: list[Comment] = field(default_factory=list)
    replies: list[Comment] = field(default_factory=list)
    comment_mentions: list[tuple[Comment, int]] = field(default_factory=list)
    # Rows nobody needs the ids of are plain tuples: (user id, kind, at).
    reactions: list[tuple] = field(default_factory=list)
    comment_reactions: list[tuple] = field(default_factory=list)  # (..., comment)
    poll: Poll | None = None
    options: list[PollOption] = field(default_factory=list)
    votes: list[tuple] = field(default_factory=list)  # (user id, at, option position)
    praise: Praise | None = None
    recipients: list[int] = field(default_factory=list)
    views: list[tuple] = field(default_factory=list)  # (user id, at)
    revision: PostRevision | None = None
    original: "PlannedPost | None" = None


def poisson(rng: random.Random, lam: float) -> int:
    if lam <= 0:
        return 0
    if lam > 30:
        return max(0, round(rng.gauss(lam, math.sqrt(lam))))
    limit, k, p = math.exp(-lam), 0, rng.random()
    while p > limit:
        k += 1
        p *= rng.random()
    return k


_CUMULATIVE: dict[int, tuple[list, list[float]]] = {}


def _weighted(rng: random.Random, weights: dict):
    """One key of ``weights`` (a module-level table), drawn by its weight."""
    table = _CUMULATIVE.get(id(weights))
    if table is None:
        table = _CUMULATIVE[id(weights)] = (
            list(weights),
            list(itertools.accumulate(weights.values())),
        )
    return rng.choices(table[0], cum_weights=table[1])[0]


class Planner:
    def __init__(self, world: World, rng: random.Random, *, now: datetime.datetime,
                 conversation: float):  # fmt: skip
        self.world, self.rng, self.now = world, rng, now
        self.zone = zoneinfo.ZoneInfo(settings.TIME_ZONE)
        self.conversation = conversation
        self.renderer = Renderer(world)
        self.themes = [t for spec in corpus.THEMES if (t := self._theme(spec))]
        # Recent company-wide posts, for bookmarks: (author index, post).
        self.shareable: deque[tuple[int, Post]] = deque(maxlen=3000)

    # --- themes and authors ---------------------------------------------------------------

    def _authors(self, spec: dict) -> list[int]:
        world, authors = self.world, spec.get("authors")
        people = world.people
        if authors is None or authors == "admins":
            return list(world.everyone)
        if authors.startswith("dept:"):
            wanted = set(authors[5:].split("|"))
            return [p.index for p in people if p.department in wanted]
        if authors == "communicators":
            return [p.index for p in people if "Communicators" in p.roles]
        if authors == "ceo":
            return [p.index for p in people if p.depth == 0]
        if authors == "managers":
            return [p.index for p in people if world.reports[p.index]]
        if authors == "heads":
            return [p.index for p in people if p.depth <= 1]
        raise ValueError(f"Unknown authors {authors!r}")

    def _theme(self, spec: dict) -> Theme | None:
        world, place = self.world, spec["place"]
        pool = self._authors(spec)
        if place.startswith("dept:"):
            community = world.official.get(place[5:])
            pool = [i for i in pool if community and community.may_post(i)]
        elif place.startswith("community:"):
            community = world.by_slug.get(place[10:])
            if community is None or community.archived:
                return None
            if spec.get("authors") == "admins":
                pool = [i for i in pool if community.runs(i)]
            pool = [i for i in pool if community.may_post(i)]
        elif place == "dept":
            pool = [i for i in pool if self._department(i) is not None]
        elif place == "any":
            pool = [i for i in pool if world.postable[i]]
        elif place == "admin":
            pool = [i for i in pool if world.runs[i]]
        if not pool or not (spec.get("en") or spec.get("id")):
            return None
        cum = list(itertools.accumulate(world.activity[i] for i in pool))
        return Theme(key=spec["key"], spec=spec, pool=pool, cum=cum)

    def _department(self, person: int) -> DemoCommunity | None:
        community = self.world.official.get(self.world.people[person].department)
        return community if community and community.may_post(person) else None

    def weight(self, theme: Theme, day: Day, *, scheduled: bool) -> float:
        spec = theme.spec
        if ("per_day" in spec) != scheduled:
            return 0.0
        if spec.get("months") and day.date.month not in spec["months"]:
            return 0.0
        if spec.get("season") and spec["season"] not in day.seasons:
            return 0.0
        weight = spec["per_day"] if scheduled else spec["weight"]
        if day.quiet:
            weight *= spec.get("weekend", 0.1)
        if day.closing:
            weight *= spec.get("month_end", 1)
        return weight

    # --- one post --------------------------------------------------------------------------

    def place(self, theme: Theme, author: int) -> DemoCommunity | None:
        world, place = self.world, theme.place
        if place == "company":
            return None
        if place.startswith("dept:"):
            return world.official[place[5:]]
        if place.startswith("community:"):
            return world.by_slug[place[10:]]
        if place == "dept":
            return self._department(author)
        if place == "own":
            return self._department(author) if self.rng.random() < 0.45 else None
        if place == "any":
            return self.rng.choice(world.postable[author])
        if place == "admin":
            return self.rng.choice(world.runs[author])
        raise ValueError(f"Unknown place {place!r}")

    def moment(self, theme: Theme, day: Day, author: int) -> datetime.datetime:
        profile = theme.spec.get("hours", "office")
        if day.quiet and profile != "any":
            profile = "weekend"
        hour = _weighted(self.rng, corpus.HOURS[profile])
        zone = self.world.zone[self.world.people[author].timezone or settings.TIME_ZONE]
        minute, second = self.rng.randrange(60), self.rng.randrange(60)
        return datetime.datetime.combine(day.date, datetime.time(hour, minute, second), zone)

    def values(self, names, *, lang: str, person: int, at: datetime.datetime,
               community: DemoCommunity | None, extra: dict) -> dict:  # fmt: skip
        """The slot values a template needs, for ``person`` writing at ``at``."""
        rng, world, p = self.rng, self.world, self.world.people[person]
        local = timezone.localtime(at, world.zone[p.timezone or settings.TIME_ZONE])
        date = local.date()
        months = corpus.MONTHS[lang]
        values = {}
        for name in names:
            if name in extra:
                values[name] = extra[name]
            elif name in ("mention", "mention2"):
                taken = values.get("mention")
                choices = [i for i in world.colleagues(person) if i != taken]
                values[name] = rng.choice(choices or [i for i in world.everyone if i != person])
            elif name == "team":
                values[name] = world.team[person]
            elif name == "dept":
                values[name] = p.department
            elif name == "office":
                values[name] = p.office
            elif name == "city":
                values[name] = world.city[person]
            elif name == "community_name":
                values[name] = community.name if community else p.department
            elif name == "month":
                values[name] = months[date.month - 1]
            elif name == "prev_month":
                values[name] = months[date.month - 2]
            elif name == "closing_month":
                values[name] = months[date.month - (2 if date.day <= 10 else 1)]
            elif name == "year":
                values[name] = str(date.year)
            elif name == "next_year":
                values[name] = str(date.year + 1)
            elif name == "quarter":
                values[name] = f"Q{(date.month - 1) // 3 + 1}"
            elif name == "weekday":
                values[name] = corpus.WEEKDAYS[lang][rng.randrange(5)]
            elif name == "date":
                later = date + datetime.timedelta(days=rng.randint(3, 14))
                values[name] = f"{later.day} {months[later.month - 1]}"
            else:
                pool = corpus.VALUES[name]
                values[name] = rng.choice(pool[lang] if isinstance(pool, dict) else pool)
        return values

    def language(self, theme_or_spec: dict, person: int) -> str:
        lang = "id" if self.rng.random() < self.world.share_id[person] else "en"
        if not theme_or_spec.get(lang):
            lang = "en" if lang == "id" else "id"
        return lang

    def post(self, theme: Theme, day: Day, *, author: int | None = None,
             community: "DemoCommunity | None | bool" = False, at=None, template=None,
             extra: dict | None = None, lang: str | None = None) -> PlannedPost | None:  # fmt: skip
        """Plan one post of ``theme`` on ``day`` (None when it would be in the future)."""
        rng, world = self.rng, self.world
        if author is None:
            author = rng.choices(theme.pool, cum_weights=theme.cum)[0]
        if community is False:
            community = self.place(theme, author)
        lang = lang or self.language(theme.spec, author)
        template = template if template is not None else rng.choice(theme.spec[lang])
        at = at or self.moment(theme, day, author)
        if at > self.now:
            return None
        kind = theme.spec.get("kind", "post")
        extra = dict(extra or {})
        praise_value = None
        if kind == "poll":
            spec, text = template, template["body"]
        elif kind == "praise":
            praise_value, text = template
            if "mentions" not in extra:
                colleagues = world.colleagues(author)
                count = min(len(colleagues), rng.choices([1, 2, 3], weights=[6, 3, 1])[0])
                extra["mentions"] = rng.sample(colleagues, k=max(1, count))
        else:
            text = template
        names = self.renderer.template(text).fields
        if kind == "poll":
            names = [
                *names,
                *template_fields(spec["q"]),
                *(n for o in spec["options"] for n in template_fields(o)),
            ]
        values = self.values(names, lang=lang, person=author, at=at, community=community,
                             extra=extra)  # fmt: skip
        body, body_html, mentioned, hashtags = self.renderer.fill(text, values, lang)
        post = Post(
            author_id=world.ids[author],
            community_id=community.pk if community else None,
            kind=PostKind.POST,
            body=body,
            body_html=body_html,
            created_at=at,
        )
        planned = PlannedPost(post=post, lang=lang, tags=hashtags, mentioned=mentioned)
        planned.author, planned.community, planned.theme = author, community, theme
        if kind == "poll":
            self._poll(planned, spec, values)
        elif kind == "praise":
            post.kind = PostKind.PRAISE
            planned.praise = Praise(value=praise_value)
            planned.recipients = list(extra["mentions"])
        elif kind == "announcement":
            post.is_announcement = True
            post.announcement_until = at + datetime.timedelta(days=rng.choice([1, 2, 2, 3]))
        if hashtags and rng.random() < 0.04:
            self._revise(planned)
        return planned

    def _poll(self, planned: PlannedPost, spec: dict, values: dict) -> None:
        post = planned.post
        post.kind = PostKind.POLL
        text = {k: v for k, v in values.items() if k not in MENTION_SLOTS}
        planned.poll = Poll(
            question=spec["q"].format(**text),
            allows_multiple=bool(spec.get("multi")),
            closes_at=post.created_at + datetime.timedelta(days=self.rng.choice([2, 3, 5, 7])),
        )
        planned.options = [
            PollOption(text=option.format(**text), position=position)
            for position, option in enumerate(spec["options"])
        ]

    def _revise(self, planned: PlannedPost) -> None:
        """The author added the hashtags a few minutes after posting."""
        post = planned.post
        lines = (" ".join(line.split()) for line in HASHTAG.sub("", post.body).splitlines())
        earlier = "\n".join(lines).strip()
        edited = post.created_at + datetime.timedelta(minutes=self.rng.randint(2, 40))
        if not earlier or earlier == post.body or edited > self.now:
            return
        post.edited_at = edited
        planned.revision = PostRevision(
            body=earlier, written_at=post.created_at, replaced_at=edited,
            replaced_by_id=post.author_id,
        )  # fmt: skip

    # --- the conversation ------------------------------------------------------------------

    def audience(self, planned: PlannedPost) -> tuple[list[int], list[float] | None, int]:
        """Who may see the post and is likely to engage: (people, cumulative weights, size)."""
        community = planned.community
        if community is None:
            return self.world.everyone, self.world.cum_everyone, self.world.n
        if community.public and self.rng.random() < 0.15:
            return self.world.everyone, self.world.cum_everyone, self.world.n
        return community.members, community.cum, len(community.members)

    def pick(self, planned: PlannedPost, k: int, *, exclude=()) -> list[int]:
        """Up to ``k`` distinct people who may see ``planned``, none of ``exclude``."""
        if k <= 0:
            return []
        rng, world = self.rng, self.world
        people, cum, size = self.audience(planned)
        followers = world.followers[planned.author] if planned.community is None else []
        chosen: dict[int, None] = {}
        for _ in range(k * 4):
            if followers and rng.random() < 0.5:
                person = rng.choice(followers)
            else:
                person = rng.choices(people, cum_weights=cum)[0]
            if person not in exclude and person not in chosen:
                chosen[person] = None
                if len(chosen) == k:
                    break
        return list(chosen)

    def later(self, at: datetime.datetime, minutes: float) -> datetime.datetime:
        """A reaction to something posted at ``at``: minutes or hours later, sometimes the
        next morning, rarely in the small hours."""
        delay = 2 + self.rng.expovariate(1 / minutes)
        if self.rng.random() < 0.12:
            delay += 16 * 60
        return self.awake(at + datetime.timedelta(minutes=delay))

    def awake(self, at: datetime.datetime) -> datetime.datetime:
        """``at``, or when its night ends (6 to 8 in the morning, site time)."""
        hour = timezone.localtime(at, self.zone).hour
        if hour >= 6 or self.rng.random() < 0.1:
            return at
        return at + datetime.timedelta(hours=6 - hour, minutes=self.rng.randrange(120))

    def size_factor(self, planned: PlannedPost) -> float:
        size = self.world.n if planned.community is None else len(planned.community.members)
        return min(1.0, size / 25) ** 0.5

    def converse(self, planned: PlannedPost, *, engagement: float | None = None) -> None:
        """Comments, replies and reactions on ``planned`` (and on its comments)."""
        rng, world, post = self.rng, self.world, planned.post
        theme = planned.theme.spec
        engagement = theme.get("engagement", 1.0) if engagement is None else engagement
        scale = engagement * self.size_factor(planned) * self.conversation
        author = planned.author
        for person in self.pick(planned, poisson(rng, 1.1 * scale), exclude={author}):
            at = self.later(post.created_at, 150)
            comment = self.comment(planned, person, at, self._comment_text(planned))
            if comment is None:
                continue
            planned.comments.append(comment)
            for _ in range(rng.choices([0, 1, 2], weights=[65, 27, 8])[0]):
                if rng.random() < 0.55 and author != person:
                    replier = author
                else:
                    replier = next(iter(self.pick(planned, 1, exclude={person})), author)
                text = rng.choice(corpus.REPLIES[planned.lang])
                reply = self.comment(planned, replier, self.later(comment.created_at, 90), text,
                                     parent=comment, parent_author=person)  # fmt: skip
                if reply is not None:
                    planned.replies.append(reply)
                    comment.reply_count += 1
        kinds = theme.get("reactions", corpus.REACTIONS)
        for person in self.pick(planned, poisson(rng, 3.2 * scale), exclude={author}):
            at = self.later(post.created_at, 100)
            if at <= self.now:
                planned.reactions.append((world.ids[person], _weighted(rng, kinds), at))
        post.reaction_count = len(planned.reactions)
        for comment in [*planned.comments, *planned.replies]:
            commenter = comment._person
            for person in self.pick(planned, poisson(rng, 0.5 * self.conversation),
                                    exclude={commenter}):  # fmt: skip
                at = self.later(comment.created_at, 60)
                if at <= self.now:
                    kind = "like" if rng.random() < 0.7 else _weighted(rng, kinds)
                    planned.comment_reactions.append((world.ids[person], kind, at, comment))
                    comment.reaction_count += 1
        post.comment_count = len(planned.comments) + len(planned.replies)

    def _comment_text(self, planned: PlannedPost) -> str:
        rng, lang, spec = self.rng, planned.lang, planned.theme.spec
        if planned.praise is not None:
            return rng.choice(corpus.PRAISE_COMMENTS[lang])
        if planned.poll is not None and rng.random() < 0.7:
            return rng.choice(corpus.POLL_COMMENTS[lang])
        if planned.post.is_announcement and rng.random() < 0.7:
            return rng.choice(corpus.ANNOUNCEMENT_COMMENTS[lang])
        own = spec.get(f"comments_{lang}")
        if own and rng.random() < 0.6:
            return rng.choice(own)
        return rng.choice(corpus.COMMENTS[lang])

    def comment(self, planned: PlannedPost, person: int, at: datetime.datetime, text: str, *,
                parent: Comment | None = None, parent_author: int | None = None
                ) -> Comment | None:  # fmt: skip
        if at > self.now:
            return None
        world = self.world
        extra = {
            "author_first": world.first[planned.author],
            "author_mention": planned.author,
        }
        if parent_author is not None:
            extra["parent_first"] = world.first[parent_author]
            extra["parent_mention"] = parent_author
        if planned.recipients:
            extra["praised_first"] = world.first[planned.recipients[0]]
            extra["praised_mention"] = planned.recipients[0]
        names = self.renderer.template(text).fields
        values = self.values(names, lang=planned.lang, person=person, at=at,
                             community=planned.community, extra=extra)  # fmt: skip
        body, body_html, mentioned, _tags = self.renderer.fill(text, values, planned.lang)
        comment = Comment(
            author_id=world.ids[person], body=body, body_html=body_html, created_at=at,
            parent=parent,
        )  # fmt: skip
        comment._person = person
        planned.comment_mentions.extend((comment, m) for m in mentioned)
        return comment

    def vote(self, planned: PlannedPost) -> None:
        rng, poll, world = self.rng, planned.poll, self.world
        size = self.world.n if planned.community is None else len(planned.community.members)
        lam = min(size, 60) * 0.35 * planned.theme.spec.get("engagement", 1.0) * self.conversation
        popularity = [rng.random() ** 2 + 0.05 for _ in planned.options]
        positions = list(range(len(planned.options)))
        end = min(poll.closes_at, self.now)
        voters = 0
        for person in self.pick(planned, poisson(rng, lam), exclude=planned.skip_voters):
            at = planned.post.created_at + datetime.timedelta(minutes=3 + rng.expovariate(1 / 480))
            if at > end:
                continue
            voters += 1
            count = 2 if poll.allows_multiple and rng.random() < 0.4 else 1
            chosen = set()
            while len(chosen) < count:
                chosen.add(rng.choices(positions, weights=popularity)[0])
            for position in sorted(chosen):
                planned.votes.append((world.ids[person], at, position))
                planned.options[position].vote_count += 1
        poll.voter_count = voters

    def view(self, planned: PlannedPost, *, skip=()) -> None:
        """Who saw an announcement ("seen by N"): most of its audience, within days."""
        rng, post = self.rng, planned.post
        community = planned.community
        people = self.world.everyone if community is None else community.members
        share = rng.uniform(0.45, 0.85)
        seen = [i for i in people if i not in skip and rng.random() < share][:600]
        for person in seen:
            at = post.created_at + datetime.timedelta(minutes=1 + rng.expovariate(1 / 600))
            if at <= self.now:
                planned.views.append((self.world.ids[person], at))
        post.seen_count = len(planned.views)

    def shares(self, planned: PlannedPost) -> list[PlannedPost]:
        """Colleagues reposting ``planned`` to their followers or into their communities."""
        rng, world = self.rng, self.world
        community = planned.community
        if community is not None and not community.public:
            return []
        rate = planned.theme.spec.get("share", 0.02)
        if rng.random() >= rate:
            return []
        made = []
        for sharer in self.pick(planned, 1 + (rng.random() < 0.3), exclude={planned.author}):
            at = self.awake(
                planned.post.created_at + datetime.timedelta(minutes=rng.randint(20, 2880))
            )
            if at > self.now:
                continue
            where = None
            if rng.random() < 0.3:
                options = [c for c in world.postable[sharer] if c is not community]
                where = rng.choice(options) if options else None
            lang = self.language(corpus.SHARES, sharer)
            text = rng.choice(corpus.SHARES[lang])
            values = self.values(self.renderer.template(text).fields, lang=lang, person=sharer,
                                 at=at, community=where, extra={})  # fmt: skip
            body, body_html, mentioned, hashtags = self.renderer.fill(text, values, lang)
            post = Post(
                author_id=world.ids[sharer], community_id=where.pk if where else None,
                kind=PostKind.SHARE, body=body, body_html=body_html, created_at=at,
            )  # fmt: skip
            share = PlannedPost(post=post, lang=lang, tags=hashtags, mentioned=mentioned,
                             original=planned)  # fmt: skip
            share.author, share.community, share.theme = sharer, where, planned.theme
            self.converse(share, engagement=0.35)
            made.append(share)
        planned.post.share_count = len(made)
        return made

    def finish(self, planned: PlannedPost, *, skip_voters=()) -> list[PlannedPost]:
        """The conversation, votes, views and shares of a planned post; returns it and its
        shares."""
        planned.skip_voters = {planned.author, *skip_voters}
        self.converse(planned)
        if planned.poll is not None:
            self.vote(planned)
        if planned.post.is_announcement:
            self.view(planned, skip=planned.skip_voters)
        made = [planned, *self.shares(planned)]
        if planned.community is None and planned.post.kind != PostKind.SHARE:
            self.shareable.append((planned.author, planned.post))
        return made
