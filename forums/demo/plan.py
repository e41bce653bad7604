"""Planning the forum's history: which template each thread is, who asks, where, when and in
which language, and what follows: answers from the topic's experts, follow-ups, thanks, votes
and the accepted answer. Python objects only; ``forums.demo.write`` puts them through the
services.

Every topic has a few experts (``data.TOPICS``: people of the departments that know, those
whose job title fits first), who give most of its answers, collect the up-votes and get their
answers accepted, so ``forums.experts`` finds a believable landscape. Askers come mostly from
other departments. Times follow the office: threads in working hours, answers minutes to
days later, moved to the next working morning when they would fall in the night.
"""

import datetime
import itertools
import math
import random
from dataclasses import dataclass, field

from django.conf import settings
from django.utils import timezone

from communities.models import PostingPolicy
from feed.demo import data as feed_corpus
from feed.demo.plan import _weighted, poisson
from feed.demo.world import Day, DemoCommunity, World
from forums.demo import data as corpus
from forums.demo.text import Slots
from forums.models import ThreadKind

P_UNANSWERED = 0.1  # Questions nobody answers (besides the ones asked too recently).
OUTSIDER = 0.08  # How likely an answer comes from outside the topic's departments.


@dataclass
class PlannedReply:
    person: int
    at: datetime.datetime
    body: str
    role: str  # answer, followup, tip, same, thanks, still, bump, opinion, wrap_up
    votes: list[tuple[int, int, datetime.datetime]] = field(default_factory=list)


@dataclass
class PlannedThread:
    author: int
    community: DemoCommunity | None
    category: tuple[int | None, str | int]  # (community pk, category key or position)
    topic: str
    kind: str
    lang: str
    at: datetime.datetime
    title: str
    body: str
    tags: list[str]
    replies: list[PlannedReply] = field(default_factory=list)
    accepted: PlannedReply | None = None
    solved_at: datetime.datetime | None = None
    views: int = 0
    pinned: bool = False
    # The template, its words in the thread's language, and the thread's slot values.
    spec: dict = field(default_factory=dict, repr=False)
    words: dict = field(default_factory=dict, repr=False)
    slots: Slots | None = field(default=None, repr=False)

    @property
    def first_reply_at(self) -> datetime.datetime | None:
        return min((r.at for r in self.replies if r.person != self.author), default=None)

    @property
    def last_activity_at(self) -> datetime.datetime:
        return max([self.at, *(r.at for r in self.replies)])


@dataclass
class Place:
    """A template resolved for this company: its community (None: company-wide), category,
    and who may ask there (people and cumulative weights)."""

    spec: dict
    community: DemoCommunity | None
    category: tuple[int | None, str | int]
    askers: list[int]
    cum: list[float]


def community_categories(community: DemoCommunity) -> list[tuple[str, str]]:
    """The (name, description) of the categories ``community`` gets (none when it is
    archived, only its admins may post, or nobody is in it)."""
    if community.archived or community.policy != PostingPolicy.MEMBERS or not community.roles:
        return []
    key = f"dept:{community.department}" if community.department else community.slug
    return corpus.COMMUNITY_CATEGORIES.get(key, corpus.DEFAULT_COMMUNITY_CATEGORIES)


def topic_experts(people, topic: str, *, seed: int) -> tuple[list[int], dict[int, float]]:
    """A topic's experts, best first, and how often each person of its departments answers
    it (the experts ``EXPERT_WEIGHTS``, the others less; directors seldom). People whose job
    title or area holds one of the topic's words come first, those of its first department
    before the next; the seed breaks ties (the blog's seed picks the same experts)."""
    spec = corpus.TOPICS[topic]
    present = {p.department for p in people}
    departments = [d for d in spec["departments"] if d in present]
    tie = random.Random(f"{seed}:{topic}")
    scored = []
    for p in people:
        if p.department not in departments or p.depth == 0:
            continue
        text = f"{p.job_title} {p.area} "
        hits = sum(word in text for word in spec["keywords"])
        rank = len(departments) - departments.index(p.department)
        score = 4 * rank + 3 * hits - (3 if p.depth == 1 else 0) + tie.random()
        scored.append((score, p.index))
    scored.sort(reverse=True)
    experts = [i for _score, i in scored[: len(corpus.EXPERT_WEIGHTS)]]
    weights = {i: float(w) for i, w in zip(experts, corpus.EXPERT_WEIGHTS, strict=False)}
    for _score, i in scored[len(experts) :]:
        weights[i] = 0.2 if people[i].depth == 1 else 0.5
    return experts, weights


class Planner:
    def __init__(self, world: World, rng: random.Random, *, now: datetime.datetime,
                 days: list[Day], seed: int):  # fmt: skip
        self.world, self.rng, self.now, self.seed = world, rng, now, seed
        self.days = {day.date: day for day in days}
        self.experts: dict[str, list[int]] = {}
        self.pools: dict[str, tuple[list[int], list[float]]] = {}
        self.home: dict[str, str | None] = {}  # A topic's first department present.
        for topic in corpus.TOPICS:
            self._topic(topic)
        self.places = [place for spec in corpus.THREADS if (place := self._place(spec))]

    # --- experts and places ---------------------------------------------------------------

    def _topic(self, topic: str) -> None:
        experts, weights = topic_experts(self.world.people, topic, seed=self.seed)
        self.experts[topic] = experts
        present = {p.department for p in self.world.people}
        departments = corpus.TOPICS[topic]["departments"]
        self.home[topic] = next((d for d in departments if d in present), None)
        pool = sorted(weights)
        self.pools[topic] = (pool, list(itertools.accumulate(weights[i] for i in pool)))

    def _place(self, spec: dict) -> Place | None:
        world = self.world
        kind, _sep, rest = spec["place"].partition(":")
        if kind == "company":
            community, category = None, (None, rest)
        else:
            name, _sep, position = rest.rpartition(":")
            community = (world.official if kind == "dept" else world.by_slug).get(name)
            if community is None:
                return None
            categories = community_categories(community)
            if not categories:
                return None
            category = (community.pk, min(int(position), len(categories) - 1))
        people = world.everyone if community is None else community.members
        home = self.home[spec["topic"]]
        askers, weights = [], []
        for person in people:
            if community is not None and not community.may_post(person):
                continue
            weight = world.activity[person]
            if world.people[person].department == home:
                weight *= 0.2  # IT people rarely ask the IT help desk.
            if world.people[person].depth <= 1 and community is None:
                weight *= 0.3  # Nor do the directors.
            askers.append(person)
            weights.append(weight)
        if not askers:
            return None
        return Place(spec, community, category, askers, list(itertools.accumulate(weights)))

    def weight(self, place: Place, day: Day) -> float:
        spec = place.spec
        if spec.get("months") and day.date.month not in spec["months"]:
            return 0.0
        if spec.get("season") and spec["season"] not in day.seasons:
            return 0.0
        weight = spec["weight"]
        if day.closing:
            weight *= spec.get("month_end", 1)
        return weight

    # --- people ---------------------------------------------------------------------------

    def speaks(self, person: int, lang: str) -> bool:
        return lang == "en" or self.world.share_id[person] > 0

    def sees(self, thread: PlannedThread, person: int) -> bool:
        return thread.community is None or person in thread.community.roles

    def size(self, thread: PlannedThread) -> int:
        return self.world.n if thread.community is None else len(thread.community.members)

    def size_factor(self, thread: PlannedThread) -> float:
        return min(1.0, self.size(thread) / 25) ** 0.5

    def anyone(self, thread: PlannedThread, exclude=(), *, lang: str | None = None) -> int | None:
        """Someone who may see ``thread`` (the more active, the likelier), none of ``exclude``."""
        world, rng = self.world, self.rng
        if thread.community is None:
            people, cum = world.everyone, world.cum_everyone
        else:
            people, cum = thread.community.members, thread.community.cum
        for _ in range(20):
            person = rng.choices(people, cum_weights=cum)[0]
            if person not in exclude and self.speaks(person, lang or thread.lang):
                return person
        return None

    def answerer(self, thread: PlannedThread, exclude=()) -> int | None:
        """Who answers: mostly the topic's experts and departments, who may see the thread."""
        people, cum = self.pools[thread.topic]
        if people and self.rng.random() >= OUTSIDER:
            for _ in range(20):
                person = self.rng.choices(people, cum_weights=cum)[0]
                if (
                    person not in exclude
                    and self.sees(thread, person)
                    and self.speaks(person, thread.lang)
                ):
                    return person
        return self.anyone(thread, exclude)

    # --- time -----------------------------------------------------------------------------

    def workday(self, date: datetime.date) -> bool:
        day = self.days.get(date)
        return not day.quiet if day is not None else date.weekday() < 5

    def at_work(self, at: datetime.datetime, person: int) -> datetime.datetime:
        """``at``, or (mostly) the next working morning when it falls in the night or on a
        day off in ``person``'s time zone."""
        zone = self.world.zone[self.world.people[person].timezone or settings.TIME_ZONE]
        local = timezone.localtime(at, zone)
        if 7 <= local.hour < 21 and self.workday(local.date()):
            return at
        if self.rng.random() < 0.12:
            return at  # Someone always answers from the sofa.
        day = local.date() + datetime.timedelta(days=0 if local.hour < 7 else 1)
        while not self.workday(day):
            day += datetime.timedelta(days=1)
        minutes = min(240, self.rng.expovariate(1 / 70))
        morning = datetime.datetime.combine(day, datetime.time(7, 30), zone)
        return morning + datetime.timedelta(minutes=minutes)

    def later(self, at: datetime.datetime, minutes: float, person: int) -> datetime.datetime:
        """A reply to something written at ``at``: about ``minutes`` later (log-normal)."""
        delay = 1 + self.rng.lognormvariate(math.log(minutes), 1.0)
        return self.at_work(at + datetime.timedelta(minutes=delay), person)

    def first_answer(self, at: datetime.datetime, person: int, *, expert: bool):
        """How long a question waits: minutes for most, hours for some, days for a few."""
        rng = self.rng
        median, spread = (30, 1.3) if expert else (75, 1.5)
        delay = 2 + rng.lognormvariate(math.log(median), spread)
        if rng.random() < 0.08:
            delay += rng.randint(1, 3) * 24 * 60
        return self.at_work(at + datetime.timedelta(minutes=delay), person)

    def moment(self, day: Day, person: int) -> datetime.datetime:
        hour = _weighted(self.rng, feed_corpus.HOURS["weekend" if day.quiet else "office"])
        zone = self.world.zone[self.world.people[person].timezone or settings.TIME_ZONE]
        minute, second = self.rng.randrange(60), self.rng.randrange(60)
        return datetime.datetime.combine(day.date, datetime.time(hour, minute, second), zone)

    # --- one thread -----------------------------------------------------------------------

    def thread(self, place: Place, day: Day) -> PlannedThread | None:
        """Plan one thread of ``place`` on ``day`` (None when it would be in the future)."""
        rng, world, spec = self.rng, self.world, place.spec
        author = rng.choices(place.askers, cum_weights=place.cum)[0]
        at = self.moment(day, author)
        if at > self.now:
            return None
        lang = "id" if rng.random() < world.share_id[author] else "en"
        words = spec[lang]
        slots = Slots(rng=rng, world=world, lang=lang, person=author, at=at)
        thread = PlannedThread(
            author=author, community=place.community, category=place.category,
            topic=spec["topic"], kind=spec.get("kind", ThreadKind.QUESTION), lang=lang, at=at,
            title=slots.fill(words["title"]), body=slots.fill(words["body"]),
            tags=list(spec["tags"]),
        )  # fmt: skip
        thread.slots, thread.words, thread.spec = slots, words, spec
        if thread.kind == ThreadKind.QUESTION:
            self.question(thread)
        else:
            self.discussion(thread)
        self.finish(thread)
        return thread

    def pinned(self, day: Day) -> PlannedThread | None:
        """The IT help desk's read-me-first, by its top expert, pinned since the first day."""
        spec = corpus.PINNED
        experts = self.experts[spec["topic"]]
        if not experts:
            return None
        author = experts[0]
        lang = "id" if self.world.share_id[author] >= 0.5 else "en"
        zone = self.world.zone[self.world.people[author].timezone or settings.TIME_ZONE]
        at = datetime.datetime.combine(day.date, datetime.time(9, 5), zone)
        words = spec[lang]
        slots = Slots(rng=self.rng, world=self.world, lang=lang, person=author, at=at)
        thread = PlannedThread(
            author=author, community=None, category=(None, "it"), topic=spec["topic"],
            kind=spec["kind"], lang=lang, at=at, title=words["title"], body=words["body"],
            tags=list(spec["tags"]), pinned=True,
        )  # fmt: skip
        thread.slots, thread.words, thread.spec = slots, words, spec
        self.discussion(thread)
        self.finish(thread)
        return thread

    def reply(self, thread: PlannedThread, person: int, at: datetime.datetime, text: str,
              role: str, **extra) -> PlannedReply:  # fmt: skip
        planned = PlannedReply(person, at, thread.slots.fill(text, **extra), role)
        thread.replies.append(planned)
        return planned

    def me_too(self, thread: PlannedThread) -> list[str] | None:
        """What a colleague with the same problem or question says (None: nobody would)."""
        if not thread.spec.get("metoo", True):
            return None
        texts = corpus.SAME_HERE if thread.topic in ("it", "product") else corpus.ME_TOO
        return texts[thread.lang]

    def question(self, thread: PlannedThread) -> None:
        rng, lang, asker = self.rng, thread.lang, thread.author
        experts = self.experts[thread.topic]
        me_too = self.me_too(thread)
        if rng.random() < P_UNANSWERED:
            if me_too and rng.random() < 0.4:
                colleague = self.anyone(thread, {asker})
                if colleague is not None:
                    self.reply(thread, colleague, self.later(thread.at, 240, colleague),
                               rng.choice(me_too), "same")  # fmt: skip
            if rng.random() < 0.5:
                at = self.at_work(thread.at + datetime.timedelta(hours=rng.randint(20, 50)), asker)
                self.reply(thread, asker, at, rng.choice(corpus.BUMP[lang]), "bump")
            return
        expert = self.answerer(thread, {asker})
        if expert is None:
            return
        answered = self.first_answer(thread.at, expert, expert=expert in experts)
        if answered - thread.at > datetime.timedelta(hours=20) and rng.random() < 0.5:
            bumped = self.at_work(thread.at + datetime.timedelta(hours=rng.randint(18, 26)), asker)
            if bumped < answered:
                self.reply(thread, asker, bumped, rng.choice(corpus.BUMP[lang]), "bump")
        if me_too and rng.random() < 0.2:
            colleague = self.anyone(thread, {asker, expert})
            at = self.later(thread.at, 60, colleague) if colleague is not None else answered
            if at < answered:  # Once there is an answer, "any news?" no longer fits.
                self.reply(thread, colleague, at, rng.choice(me_too), "same")
        answers = thread.words["answers"]
        variant = 0 if len(answers) == 1 or rng.random() < 0.65 else 1
        answer = self.reply(thread, expert, answered, answers[variant], "answer")
        if len(answers) > 1 and rng.random() < 0.2:
            second = self.answerer(thread, {asker, expert})
            if second is not None:
                self.reply(thread, second, self.later(answered, 90, second),
                           answers[1 - variant], "answer")  # fmt: skip
        if rng.random() < 0.2 and thread.topic in corpus.TIP_TEXTS:
            other = self.answerer(thread, {asker, expert})
            if other is not None:
                tip = rng.choice(corpus.TIP_TEXTS[thread.topic][lang])
                self.reply(thread, other, self.later(answered, 180, other),
                           rng.choice(corpus.TIPS[lang]), "tip", tip=tip,
                           answerer_first=self.world.first[expert])  # fmt: skip
        outcome = rng.random()
        first = {"answerer_first": self.world.first[expert]}
        if outcome < 0.6:
            thanks = self.reply(thread, asker, self.later(answered, 120, asker),
                                rng.choice(corpus.THANKS[lang]), "thanks", **first)  # fmt: skip
            if rng.random() < 0.85:
                self.accept(thread, answer, thanks.at)
        elif outcome < 0.78 and thread.topic in corpus.FOLLOWUPS:
            not_yet = corpus.STILL_BROKEN if thread.topic in ("it", "product") else corpus.NOT_YET
            still = self.reply(thread, asker, self.later(answered, 90, asker),
                               rng.choice(not_yet[lang]), "still")  # fmt: skip
            followup = self.reply(thread, expert, self.later(still.at, 60, expert),
                                  rng.choice(corpus.FOLLOWUPS[thread.topic][lang]),
                                  "followup")  # fmt: skip
            if rng.random() < 0.8:
                thanks = self.reply(thread, asker, self.later(followup.at, 180, asker),
                                    rng.choice(corpus.THANKS[lang]), "thanks", **first)  # fmt: skip
                if rng.random() < 0.8:
                    self.accept(thread, followup, thanks.at)
        elif rng.random() < 0.3:
            self.accept(thread, answer, self.later(answered, 24 * 60, asker))

    def accept(self, thread: PlannedThread, reply: PlannedReply, after: datetime.datetime):
        thread.accepted = reply
        thread.solved_at = after + datetime.timedelta(minutes=1 + self.rng.expovariate(1 / 6))

    def discussion(self, thread: PlannedThread) -> None:
        rng, lang = self.rng, thread.lang
        own = list(thread.words.get("replies", []))
        rng.shuffle(own)
        # Work discussions also draw the generic opinions; chat and the read-me do not.
        generic = []
        if thread.spec.get("generic", thread.topic != "general"):
            generic = list(corpus.DISCUSSION_REPLIES[lang])
            rng.shuffle(generic)
        texts = own + generic
        count = min(len(texts), 1 + poisson(rng, 2.4 * self.size_factor(thread)))
        at, previous = thread.at, thread.author
        for text in texts[:count]:
            if self.experts[thread.topic] and rng.random() < 0.35:
                person = self.answerer(thread, {thread.author, previous})
            else:
                person = self.anyone(thread, {thread.author, previous})
            if person is None:
                break
            at = self.later(at, 150, person)
            self.reply(thread, person, at, text, "opinion")
            previous = person
        if count >= 2 and rng.random() < 0.35:
            self.reply(thread, thread.author, self.later(at, 120, thread.author),
                       rng.choice(corpus.WRAP_UP[lang]), "wrap_up")  # fmt: skip

    # --- votes, views, and what the clock allows ----------------------------------------------

    VOTES = {"answer": 2.4, "followup": 1.2, "tip": 1.0, "opinion": 1.1, "same": 0.15}

    def finish(self, thread: PlannedThread) -> None:
        """Drop what would happen after now, then the votes and the views."""
        rng, now = self.rng, self.now
        thread.replies = sorted((r for r in thread.replies if r.at <= now), key=lambda r: r.at)
        if thread.accepted is not None and (
            thread.accepted not in thread.replies or thread.solved_at > now
        ):
            thread.accepted, thread.solved_at = None, None
        scale = self.size_factor(thread)
        voters_seen = set()
        for reply in thread.replies:
            lam = self.VOTES.get(reply.role, 0.0) * scale
            if reply is thread.accepted:
                lam += 1.5 * scale
            people = set()
            if reply is thread.accepted and rng.random() < 0.6:
                people.add(thread.author)
            for _ in range(poisson(rng, lam)):
                person = self.anyone(thread, {reply.person, *people}, lang="en")
                if person is not None:
                    people.add(person)
            people.discard(reply.person)
            for person in sorted(people):
                at = self.at_work(
                    reply.at + datetime.timedelta(minutes=2 + rng.expovariate(1 / 360)), person
                )
                if at <= now:
                    reply.votes.append((person, 1, at))
            if reply.role in ("answer", "tip") and reply is not thread.accepted:
                if rng.random() < 0.05:
                    critic = self.anyone(thread, {reply.person, *people}, lang="en")
                    at = self.later(reply.at, 600, critic) if critic is not None else now
                    if critic is not None and at <= now:
                        reply.votes.append((critic, -1, at))
            voters_seen.update(person for person, _value, _at in reply.votes)
        participants = {thread.author, *(r.person for r in thread.replies), *voters_seen}
        audience = self.size(thread)
        thread.views = (
            len(participants) + round(audience * rng.uniform(0.04, 0.3)) + rng.randint(0, 12)
        )
