"""Reads about topics: which tags a person knows of, a tag's page (everything visible that
carries it, its followers, top contributors and related tags), suggestions while typing.

Everything here starts from the search index: ``SearchDocument`` carries the tags of every
content type, and ``SearchDocument.objects.visible_to(user)`` is the visibility rule for it.
A tag is known to a person when a document they may see carries it, or when they follow it;
any other tag does not exist for them (404), so a topic used only inside a secret community
stays secret.
"""

import math
from dataclasses import dataclass, field
from datetime import timedelta

from django.core.cache import cache
from django.db.models import Count, Exists, OuterRef, Q
from django.db.models.functions import Length, Substr
from django.http import Http404
from django.utils import timezone
from django.utils.text import Truncator
from taggit.models import Tag

from communities.models import CommunityType
from profiles.models import InterestTag, SkillTag, User
from search.models import Kind, SearchDocument, SearchDocumentTag
from tags.models import TagAlias, TagFollow

PAGE_SIZE = 20
SLUG_MAX_LENGTH = 100
# People and communities carry tags (skills, topics) but are no contribution to a topic.
CONTENT_KINDS = tuple(k for k in Kind.values if k not in (Kind.PERSON, Kind.COMMUNITY))
CONTRIBUTOR_DAYS = 90
# Related tags are counted over a tag's newest documents: the same answer for a small
# topic, a bounded query for one with a hundred thousand items.
RELATED_SAMPLE = 2000
SUGGEST_LIMIT = 8
EXCERPT_LENGTH = 300
HEADING_LENGTH = 120


def _usable(slug: str) -> bool:
    # PostgreSQL refuses NUL in a query; no tag has it, nor a slug longer than the column.
    return bool(slug) and "\x00" not in slug and len(slug) <= SLUG_MAX_LENGTH


def tag_get(slug: str) -> Tag:
    """The tag at ``slug``, else Http404 (whoever asks: see ``tag_get_for`` for people)."""
    tag = Tag.objects.filter(slug=slug).first() if _usable(slug) else None
    if tag is None:
        raise Http404("No such topic.")
    return tag


def tagged_documents(user, tag):
    """The search documents carrying ``tag`` that ``user`` may see."""
    return SearchDocument.objects.visible_to(user).filter(tag_items__tag=tag)


def tag_known_to(user, tag) -> bool:
    """Whether ``tag`` exists for ``user``: something they may see carries it, or they
    follow it."""
    return tagged_documents(user, tag).exists() or is_following(user, tag)


def tag_get_for(user, *, slug: str) -> Tag:
    """The tag at ``slug`` if ``user`` knows of it, else Http404."""
    tag = tag_get(slug)
    if not tag_known_to(user, tag):
        raise Http404("No such topic.")
    return tag


def tag_find_for(user, *, slug: str) -> tuple[Tag, bool]:
    """The tag at ``slug`` for ``user``, or the tag an old slug now stands for (renamed or
    merged): ``(tag, moved)``. Http404 when neither is known to them, so a redirect never
    tells an outsider a secret tag's new name."""
    try:
        return tag_get_for(user, slug=slug), False
    except Http404:
        if not _usable(slug):
            raise
    alias = TagAlias.objects.select_related("tag").filter(slug=slug).first()
    if alias is None or not tag_known_to(user, alias.tag):
        raise Http404("No such topic.")
    return alias.tag, True


def is_following(user, tag) -> bool:
    return user.is_authenticated and TagFollow.objects.filter(user=user, tag=tag).exists()


def tags_followed_by(user) -> list[Tag]:
    """The tags ``user`` follows, by name."""
    if not user.is_authenticated:
        return []
    return list(Tag.objects.filter(follows__user=user).order_by("name"))


# --- a tag's page ---------------------------------------------------------------------------


@dataclass
class TagItems:
    """One page of what carries a tag, newest first, with the number of each kind."""

    items: list[SearchDocument]
    kind: str  # The kind shown; empty for every kind.
    counts: dict[str, int]  # Per kind (only kinds with items), in ``Kind``'s order.
    number: int
    per_page: int
    total: int = 0  # Of the kind shown.
    every_kind: int = 0

    @property
    def num_pages(self) -> int:
        return max(1, math.ceil(self.total / self.per_page))

    @property
    def has_next(self) -> bool:
        return self.number < self.num_pages

    @property
    def has_previous(self) -> bool:
        return self.number > 1


def tag_kind_counts(user, tag) -> dict[str, int]:
    """How many things of each kind ``user`` may see carry ``tag`` (kinds with none left out),
    in ``Kind``'s order."""
    documents = tagged_documents(user, tag).order_by()
    found = dict(documents.values_list("kind").annotate(n=Count("pk")))
    return {k: found[k] for k in Kind.values if found.get(k)}


def _page_number(value) -> int:
    try:
        return max(1, int(value))
    except (TypeError, ValueError):
        return 1


def tag_items_for(user, tag, *, kind: str = "", page=1, per_page: int = PAGE_SIZE) -> TagItems:
    """Everything ``user`` may see carrying ``tag``, newest first, one page of it: documents
    with ``author`` and ``community`` loaded and ``heading`` / ``snippet`` set. An unknown
    ``kind`` shows every kind; a page past the end shows the last one."""
    documents = tagged_documents(user, tag)
    counts = tag_kind_counts(user, tag)
    kind = kind if kind in Kind.values else ""
    total = counts.get(kind, 0) if kind else sum(counts.values())
    result = TagItems([], kind, counts, 1, per_page, total, sum(counts.values()))
    result.number = min(_page_number(page), result.num_pages)
    if not total:
        return result
    if kind:
        documents = documents.filter(kind=kind)
    start = (result.number - 1) * per_page
    result.items = list(
        documents.select_related("author", "community")
        .defer("body", "keywords", "vector")
        .annotate(excerpt=Substr("body", 1, EXCERPT_LENGTH))
        .order_by("-created_at", "-id")[start : start + per_page]
    )
    for document in result.items:
        _set_heading(document)
    return result


def _set_heading(document: SearchDocument) -> None:
    """What a compact card shows: the title (or a comment's first line) and a few words."""
    text = " ".join((document.excerpt or "").split())
    if document.title:
        document.heading, document.snippet = document.title, text
    else:
        first, _newline, _rest = (document.excerpt or "").strip().partition("\n")
        first = " ".join(first.split())
        document.heading = Truncator(first).chars(HEADING_LENGTH) or document.get_kind_display()
        document.snippet = text[len(first) :].strip()


def tag_follower_count(tag) -> int:
    return TagFollow.objects.filter(tag=tag, user__is_active=True).count()


def tag_followers(tag):
    """Active people following ``tag``, most recent first."""
    return (
        User.objects.active()
        .with_card_data()
        .filter(tag_follows__tag=tag)
        .order_by("-tag_follows__created_at", "-pk")
    )


@dataclass(frozen=True)
class Contributor:
    person: User
    count: int


def tag_top_contributors(
    user, tag, *, days: int = CONTRIBUTOR_DAYS, limit: int = 5
) -> list[Contributor]:
    """The authors of the most items carrying ``tag`` in the last ``days`` days, counted on
    what ``user`` may see."""
    since = timezone.now() - timedelta(days=days)
    rows = list(
        tagged_documents(user, tag)
        .filter(kind__in=CONTENT_KINDS, created_at__gte=since, author__is_active=True)
        .order_by()
        .values_list("author")
        .annotate(n=Count("pk"))
        .order_by("-n", "author")[:limit]
    )
    people = User.objects.with_card_data().in_bulk([author for author, _n in rows])
    return [Contributor(people[author], n) for author, n in rows if author in people]


@dataclass(frozen=True)
class RelatedTag:
    name: str
    slug: str
    count: int


def tag_related(user, tag, *, limit: int = 10, sample: int = RELATED_SAMPLE) -> list[RelatedTag]:
    """Tags found with ``tag`` on documents ``user`` may see, most often first (counted over
    the newest ``sample`` of them)."""
    newest = tagged_documents(user, tag).order_by("-created_at", "-id").values("pk")[:sample]
    rows = (
        SearchDocumentTag.objects.filter(document__in=newest)
        .exclude(tag=tag)
        .values_list("tag__name", "tag__slug")
        .annotate(n=Count("pk"))
        .order_by("-n", "tag__name")[:limit]
    )
    return [RelatedTag(name, slug, n) for name, slug, n in rows]


# --- suggestions while typing ---------------------------------------------------------------


@dataclass(frozen=True)
class Typed:
    """What is being typed in a comma-separated tag box: the last entry, and the others."""

    term: str
    entered: frozenset = field(default_factory=frozenset)


def typed(q: str) -> Typed:
    parts = (q or "")[:1000].split(",")
    term = parts[-1].strip().lstrip("#").strip()[:SLUG_MAX_LENGTH]
    entered = frozenset(p.strip().lstrip("#").strip().casefold() for p in parts[:-1])
    return Typed(term, entered - {""})


def tag_suggest(user, q: str, *, limit: int = SUGGEST_LIMIT) -> list[Tag]:
    """Up to ``limit`` tags ``user`` knows of (on something they may see, followed, or a
    colleague's skill or interest) whose name starts with the last entry of ``q`` (a
    comma-separated list: the entries before it are left out), shortest names first."""
    wanted = typed(q)
    if not user.is_authenticated or not wanted.term or "\x00" in wanted.term:
        return []
    visible = SearchDocument.objects.visible_to(user)
    on_visible = SearchDocumentTag.objects.filter(tag=OuterRef("pk"), document__in=visible)
    followed = TagFollow.objects.filter(tag=OuterRef("pk"), user=user)
    # Skills and interests are on every colleague's profile: known to everyone.
    on_people = [
        through.objects.filter(tag=OuterRef("pk"), content_object__is_active=True)
        for through in (SkillTag, InterestTag)
    ]
    known = Q(Exists(on_visible)) | Q(Exists(followed))
    for links in on_people:
        known |= Q(Exists(links))
    candidates = (
        Tag.objects.filter(name__istartswith=wanted.term)
        .filter(known)
        .order_by(Length("name"), "name")[: limit + len(wanted.entered)]
    )
    return [t for t in candidates if t.name.casefold() not in wanted.entered][:limit]


# --- trending -------------------------------------------------------------------------------

TRENDING_CACHE_KEY = "tags:trending:v1"
TRENDING_CACHE_SECONDS = 10 * 60
TRENDING_WEEKS_BEFORE = 4
# "Far above its weekly average": at least this many uses this week, and this many times the
# average of the weeks before (a tag unused before is "new").
TRENDING_MIN_USES = 3
TRENDING_MIN_RATIO = 2.0
TRENDING_KEPT = 20


@dataclass(frozen=True)
class TrendingTag:
    name: str
    slug: str
    this_week: int
    weekly_average: float  # Over the four weeks before this one.

    @property
    def is_new(self) -> bool:
        return not self.weekly_average

    @property
    def ratio(self) -> float | None:
        """How many times its weekly average it was used this week (None when new)."""
        return None if self.is_new else round(self.this_week / self.weekly_average, 1)

    @property
    def score(self) -> float:
        # The lift, damped so that one use before does not outrank a steady favourite.
        return self.this_week / (self.weekly_average + 1)


def _company_visible() -> Q:
    """Content every employee may see: company-wide or in a public community (a share also
    by its original's place). Private and secret communities' usage never counts."""
    public = CommunityType.PUBLIC
    return (Q(document__community__isnull=True) | Q(document__community__type=public)) & (
        Q(document__origin_community__isnull=True) | Q(document__origin_community__type=public)
    )


def tags_trending_compute(*, now=None) -> list[TrendingTag]:
    """Tags used far more in the last 7 days than in an average week of the 4 weeks before,
    counted on company-visible content; best first."""
    now = now or timezone.now()
    week_start = now - timedelta(days=7)
    start = week_start - timedelta(weeks=TRENDING_WEEKS_BEFORE)
    this_week = Q(document__created_at__gte=week_start)
    rows = (
        SearchDocumentTag.objects.filter(
            _company_visible(),
            document__kind__in=CONTENT_KINDS,
            document__created_at__gte=start,
            document__created_at__lte=now,
        )
        .values_list("tag__name", "tag__slug")
        .annotate(week=Count("pk", filter=this_week), before=Count("pk", filter=~this_week))
        .filter(week__gte=TRENDING_MIN_USES)
        .order_by()
    )
    found = [
        TrendingTag(name, slug, week, before / TRENDING_WEEKS_BEFORE)
        for name, slug, week, before in rows
    ]
    trending = [
        t for t in found if t.is_new or t.this_week >= TRENDING_MIN_RATIO * t.weekly_average
    ]
    trending.sort(key=lambda t: (-t.score, -t.this_week, t.name.casefold()))
    return trending[:TRENDING_KEPT]


def tags_trending(*, limit: int = 5) -> list[TrendingTag]:
    """``tags_trending_compute``, cached for ten minutes (the same for everyone: only
    company-visible content counts)."""
    trending = cache.get(TRENDING_CACHE_KEY)
    if trending is None:
        trending = tags_trending_compute()
        cache.set(TRENDING_CACHE_KEY, trending, TRENDING_CACHE_SECONDS)
    return trending[:limit]
