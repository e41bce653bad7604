"""Find an expert: rank people by the evidence the viewer may see on a topic.

A topic is a tag (its name or slug, with or without ``#``) or free text. Evidence, per person:

- ``accepted``: accepted answers on threads on the topic;
- ``upvotes``: up-votes received on their replies in such threads;
- ``skill``: declared skills (``profiles.User.skills``) that contain the topic as a word;
- ``article``: published articles on the topic;
- ``post``: posts carrying the topic's tag.

A thread (or an article) is on the topic when it carries one of the topic's tags or its title
contains the text (case-insensitively; SQLite folds ASCII letters only). Posts count by tag.
Every count starts from the one visibility rule (``Thread.objects.visible_to(viewer)``, the
replies of those threads, ``Post`` / ``Article.objects.visible_to(viewer)``), so a person whose
only evidence is in a community the viewer may not read is not shown to them. Skills are on
profiles, which every employee sees. Only active people are ranked.

Queries: one for the topics' tags, one GROUP BY per evidence kind, one for the people shown,
whatever the number of topics (up to three), people or evidence rows.
"""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db.models import Case, Count, IntegerField, Q, Value, When
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from taggit.models import Tag

from blog.models import Article, TaggedArticle
from feed.models import Post, TaggedPost
from forums.models import Reply, ReplyVote, TaggedThread, Thread
from profiles.models import SkillTag, User

TOPIC_MAX_LENGTH = 100
RECENT_DAYS = 90
# Points per piece of evidence (before the recency bonus).
WEIGHTS = {"accepted": 5, "upvotes": 1, "skill": 3, "article": 3, "post": 1}
KINDS = tuple(WEIGHTS)
MAX_TOPICS = 3


@dataclass
class Evidence:
    """``count`` pieces of one kind of evidence on ``topic`` (for a skill: the skill's name)."""

    kind: str
    count: int
    topic: str
    recent: int = 0
    label: str = ""  # How the topic reads in a sentence: "#sap" or "“printer jam”".

    @property
    def text(self) -> str:
        """The evidence as a sentence, in the active language."""
        values = {"count": self.count, "topic": self.label or self.topic}
        if self.kind == "skill":
            return _("skill: %(skill)s") % {"skill": self.topic}
        if self.kind == "accepted":
            return (
                ngettext(
                    "%(count)d accepted answer on %(topic)s",
                    "%(count)d accepted answers on %(topic)s",
                    self.count,
                )
                % values
            )
        if self.kind == "upvotes":
            return (
                ngettext(
                    "%(count)d up-vote on answers about %(topic)s",
                    "%(count)d up-votes on answers about %(topic)s",
                    self.count,
                )
                % values
            )
        if self.kind == "article":
            return (
                ngettext(
                    "%(count)d article on %(topic)s", "%(count)d articles on %(topic)s", self.count
                )
                % values
            )
        return (
            ngettext("%(count)d post on %(topic)s", "%(count)d posts on %(topic)s", self.count)
            % values
        )

    @property
    def points(self) -> int:
        return WEIGHTS[self.kind] * (self.count + self.recent)


@dataclass
class Expert:
    person: User
    score: int
    evidence: list[Evidence] = field(default_factory=list)


def clean_topic(topic) -> str:
    """The topic as searched: without a leading ``#``, spaces collapsed, at most 100 chars."""
    return " ".join(str(topic or "").strip().lstrip("#").split())[:TOPIC_MAX_LENGTH]


def _word_in(field_name: str, text: str) -> Q:
    """``field_name`` contains ``text`` as whole words (SQLite-friendly: LIKE patterns)."""
    return (
        Q(**{f"{field_name}__iexact": text})
        | Q(**{f"{field_name}__istartswith": f"{text} "})
        | Q(**{f"{field_name}__iendswith": f" {text}"})
        | Q(**{f"{field_name}__icontains": f" {text} "})
    )


@dataclass
class _Topic:
    """One searched topic: its text, the ids of the tags that are it, how it reads."""

    text: str
    tag_ids: list[int]
    label: str

    def on(self, prefix: str, tagged) -> Q:
        """Rows (through ``prefix``) whose title has the text or that carry one of the tags."""
        condition = Q(**{f"{prefix}title__icontains": self.text})
        if self.tag_ids:
            ids = tagged.objects.filter(tag_id__in=self.tag_ids).values("content_object_id")
            condition |= Q(**{f"{prefix}pk__in": ids})
        return condition


def _topics(texts: list[str]) -> list[_Topic]:
    """The searched topics with their tags, in one query whatever their number."""
    condition = Q(pk__in=[])
    slugs = {}
    for text in texts:
        slugs[text] = slugify(text, allow_unicode=True)
        condition |= Q(name__iexact=text) | (Q(slug=slugs[text]) if slugs[text] else Q(pk__in=[]))
    tags = list(Tag.objects.filter(condition).order_by("id").values_list("id", "name", "slug"))
    topics = []
    for text in texts:
        slug_of_text = slugs[text]
        mine = [
            (pk, name)
            for pk, name, slug in tags
            if name.lower() == text.lower() or (slug_of_text and slug == slug_of_text)
        ]
        label = f"#{mine[0][1].lower()}" if mine else _("“%(text)s”") % {"text": text}
        topics.append(_Topic(text, [pk for pk, _name in mine], label))
    return topics


def _which(topics: list[_Topic], conditions: list[Q]) -> Case:
    """The index of the first topic a row is on (a row counts for one topic only)."""
    return Case(
        *(When(condition, then=Value(i)) for i, condition in enumerate(conditions)),
        default=Value(-1),
        output_field=IntegerField(),
    )


def _rows(
    queryset, person: str, when: str, cutoff: datetime, which: Case
) -> list[tuple[int, int, int, int]]:
    """One row per active person and topic: ``person``, topic index, ``count`` and
    ``recent`` (since ``cutoff``)."""
    return list(
        queryset.filter(**{f"{person}__is_active": True})
        .annotate(topic_index=which)
        .values(person, "topic_index")
        .annotate(
            count=Count("pk", distinct=True),
            recent=Count("pk", distinct=True, filter=Q(**{f"{when}__gte": cutoff})),
        )
        .order_by()
        .values_list(person, "topic_index", "count", "recent")
    )


def experts_for(viewer, topic, *, limit: int = 10, now: datetime | None = None) -> list[Expert]:
    """The people with the most evidence on ``topic`` that ``viewer`` may see, best first.

    ``topic`` is one topic or a list of them (the first three distinct ones count): a
    person's evidence on each adds up, and a thread, reply, article or post counts for the
    first of the topics it is on only. The same queries for one topic or three.

    Score: the sum over evidence kinds of ``weight × (count + recent)``, where ``recent`` is
    the part of ``count`` from the last 90 days (so recent evidence counts double) and the
    weights are: accepted answer 5, skill 3, article 3, up-vote 1, post 1. Skills have no date
    and count once each, as old evidence. Dates: the answer's, the vote's, the article's
    publication, the post's. Ties go by name. An empty topic or an anonymous viewer: nobody.
    """
    given = [topic] if isinstance(topic, str) else list(topic or ())
    texts = list(dict.fromkeys(t for t in map(clean_topic, given) if t))[:MAX_TOPICS]
    if not texts or not viewer.is_authenticated:
        return []
    cutoff = (now or timezone.now()) - timedelta(days=RECENT_DAYS)
    topics = _topics(texts)

    def any_of(conditions: list[Q]) -> Q:
        combined = Q(pk__in=[])
        for condition in conditions:
            combined |= condition
        return combined

    on_thread = [t.on("", TaggedThread) for t in topics]
    threads = Thread.objects.visible_to(viewer).filter(any_of(on_thread))
    replies = Reply.objects.alive().filter(thread__in=threads.values("pk"))

    found: dict[int, list[Evidence]] = {}

    def add(kind: str, rows) -> None:
        for person_id, index, count, recent in rows:
            if count and index >= 0:
                item = topics[index]
                evidence = Evidence(kind, count, item.text, recent, item.label)
                found.setdefault(person_id, []).append(evidence)

    accepted = replies.filter(pk__in=threads.values("accepted_reply"))
    on_reply = _which(topics, [t.on("thread__", TaggedThread) for t in topics])
    add("accepted", _rows(accepted, "author", "created_at", cutoff, on_reply))
    votes = ReplyVote.objects.filter(value=1, reply__in=replies.values("pk"))
    on_vote = _which(topics, [t.on("reply__thread__", TaggedThread) for t in topics])
    add("upvotes", _rows(votes, "reply__author", "created_at", cutoff, on_vote))

    on_article = [t.on("", TaggedArticle) for t in topics]
    articles = Article.objects.visible_to(viewer).filter(any_of(on_article))
    add("article", _rows(articles, "author", "published_at", cutoff, _which(topics, on_article)))
    tagged_topics = [t for t in topics if t.tag_ids]
    if tagged_topics:
        on_post = [
            Q(pk__in=TaggedPost.objects.filter(tag_id__in=t.tag_ids).values("content_object_id"))
            if t.tag_ids
            else Q(pk__in=[])
            for t in topics
        ]
        posts = Post.objects.visible_to(viewer).status_updates().filter(any_of(on_post))
        add("post", _rows(posts, "author", "created_at", cutoff, _which(topics, on_post)))

    on_skill = any_of([_word_in("tag__name", t.text) | Q(tag_id__in=t.tag_ids) for t in topics])
    skills = (
        SkillTag.objects.filter(on_skill, content_object__is_active=True)
        .order_by("tag__name")
        .values_list("content_object_id", "tag__name")
        .distinct()
    )
    for person_id, name in skills:
        found.setdefault(person_id, []).append(Evidence("skill", 1, name, 0, name))

    scores = {pk: sum(item.points for item in items) for pk, items in found.items()}
    if not scores:
        return []
    # Rank by score here; the people query breaks ties by name among the top candidates.
    cut = sorted(scores.values(), reverse=True)[: max(limit, 0)]
    if not cut:
        return []
    candidates = [pk for pk, score in scores.items() if score >= cut[-1]]
    people = User.objects.filter(pk__in=candidates, is_active=True).select_related(
        "department", "office"
    )
    ranked = sorted(people, key=lambda p: (-scores[p.pk], p.name.lower(), p.pk))[:limit]
    order = {kind: i for i, kind in enumerate(KINDS)}
    return [
        Expert(
            person=person,
            score=scores[person.pk],
            evidence=sorted(found[person.pk], key=lambda e: (order[e.kind], e.topic.lower())),
        )
        for person in ranked
    ]


def popular_topics(viewer, *, limit: int = 12) -> list[dict]:
    """The tags of most threads ``viewer`` may see: ``{"name", "slug", "count"}``."""
    if not viewer.is_authenticated:
        return []
    rows = (
        TaggedThread.objects.filter(
            content_object_id__in=Thread.objects.visible_to(viewer).values("pk")
        )
        .values("tag__name", "tag__slug")
        .annotate(count=Count("pk"))
        .order_by("-count", "tag__name")[:limit]
    )
    return [{"name": r["tag__name"], "slug": r["tag__slug"], "count": r["count"]} for r in rows]


# --- one person's expertise, for their profile ----------------------------------------

FIRST_REPLY_SAMPLE = 500


@dataclass
class Topic:
    """One topic of a person's expertise: a tag (or a declared skill) and its evidence."""

    name: str
    evidence: list[Evidence] = field(default_factory=list)

    @property
    def score(self) -> int:
        return sum(item.points for item in self.evidence)


@dataclass
class AnswerStats:
    """How a person answers in the threads the viewer may see."""

    replies: int = 0
    accepted: int = 0
    upvotes: int = 0
    first_replies: int = 0
    median_first_reply: timedelta | None = None


def _tag_rows(queryset, tag_field: str) -> list[tuple[str, int]]:
    """``(tag name, distinct rows)`` per tag of ``queryset``'s rows, in one GROUP BY."""
    return list(
        queryset.filter(**{f"{tag_field}__isnull": False})
        .values(tag_field)
        .annotate(count=Count("pk", distinct=True))
        .order_by()
        .values_list(tag_field, "count")
    )


def expertise_of(viewer, person, *, limit: int = 6) -> list[Topic]:
    """``person``'s top topics, with the evidence ``viewer`` may see, best first.

    A topic is a tag of the visible threads where they gave an accepted answer or got
    up-votes on their replies, of their visible articles and posts, or one of their declared
    skills (a skill and a tag of the same name are one topic). Topics rank by the points of
    ``experts_for`` without the recency bonus, then by name. Five queries, whatever the
    amount of evidence; an anonymous viewer gets nothing.
    """
    if not viewer.is_authenticated or limit <= 0:
        return []
    threads = Thread.objects.visible_to(viewer)
    replies = Reply.objects.alive().filter(author=person, thread__in=threads.values("pk"))
    topics: dict[str, Topic] = {}

    def add(kind: str, rows) -> None:
        for name, count in rows:
            topic = topics.setdefault(name.lower(), Topic(name=name))
            label = name if kind == "skill" else f"#{name.lower()}"
            topic.evidence.append(Evidence(kind, count, name, 0, label))

    accepted = replies.filter(pk__in=threads.values("accepted_reply"))
    add("accepted", _tag_rows(accepted, "thread__tag_items__tag__name"))
    votes = ReplyVote.objects.filter(value=1, reply__in=replies.values("pk"))
    add("upvotes", _tag_rows(votes, "reply__thread__tag_items__tag__name"))
    articles = Article.objects.visible_to(viewer).filter(author=person)
    add("article", _tag_rows(articles, "tag_items__tag__name"))
    posts = Post.objects.visible_to(viewer).status_updates().filter(author=person)
    add("post", _tag_rows(posts, "tag_items__tag__name"))
    skills = SkillTag.objects.filter(content_object=person).order_by("tag__name")
    add("skill", ((name, 1) for name in skills.values_list("tag__name", flat=True)))

    order = {kind: i for i, kind in enumerate(KINDS)}
    for topic in topics.values():
        topic.evidence.sort(key=lambda e: order[e.kind])
    ranked = sorted(topics.values(), key=lambda t: (-t.score, t.name.lower()))
    return ranked[:limit]


def answer_stats(viewer, person) -> AnswerStats:
    """``person``'s replies in the threads ``viewer`` may see: how many, how many accepted,
    the up-votes they received, and how fast they answer.

    Speed is the median time from a question to ``person``'s reply where theirs was the
    first reply by someone other than the asker (``Thread.first_reply_at``), over their
    latest 500 such threads; ``None`` when there are none. Two queries.
    """
    from django.db.models import F  # Here: this part of the module was appended to.

    if not viewer.is_authenticated:
        return AnswerStats()
    threads = Thread.objects.visible_to(viewer)
    replies = Reply.objects.alive().filter(author=person, thread__in=threads.values("pk"))
    totals = replies.aggregate(
        replies=Count("pk", distinct=True),
        accepted=Count("pk", distinct=True, filter=Q(pk__in=threads.values("accepted_reply"))),
        upvotes=Count("votes", filter=Q(votes__value=1)),
    )
    firsts = list(
        replies.filter(created_at=F("thread__first_reply_at"))
        .exclude(thread__author=person)
        .order_by("-created_at")
        .values_list("thread__created_at", "created_at")[:FIRST_REPLY_SAMPLE]
    )
    waits = sorted(answered - asked for asked, answered in firsts)
    median = None
    if waits:
        middle = len(waits) // 2
        median = waits[middle] if len(waits) % 2 else (waits[middle - 1] + waits[middle]) / 2
    return AnswerStats(
        replies=totals["replies"],
        accepted=totals["accepted"],
        upvotes=totals["upvotes"],
        first_replies=len(waits),
        median_first_reply=median,
    )
