"""The writing people engaged with most: posts, forum threads and articles, public places
only, each engaged with by enough distinct people."""

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import Count, F, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from analytics.forms import Filters
from analytics.models import ContentKind
from analytics.privacy import Figure, is_reportable, min_group_size
from analytics.selectors.conversation.common import (
    PUBLIC_PLACE,
    TOP_CANDIDATES,
    TOP_LIMIT,
    TopItem,
    writing_in,
)
from blog.models import Article, ArticleStatus
from feed.models import Comment, Post, Reaction
from forums.models import Reply, Thread


def _place(item) -> str:
    return item.community.name if item.community_id else _("Company-wide")


def _narrowed(qs: QuerySet, filters: Filters, kind: str) -> QuerySet:
    """``qs`` (of ``kind``) limited to what the department, office and community filters
    select, the author's department and office taken as they were when they wrote."""
    if filters.community:
        qs = qs.filter(community=filters.community)
    if filters.narrows_to_people:
        rows = writing_in(filters, public_only=True).filter(kind=kind)
        qs = qs.filter(pk__in=rows.values("object_id"))
    return qs


def _engagers(model, ids: list[int]) -> dict[int, int]:
    """Per post or article id: distinct people other than its author who reacted to it or
    commented on it (deleted comments left out). One query."""
    if not ids:
        return {}
    content_type = ContentType.objects.get_for_model(model)
    marks = ", ".join(["%s"] * len(ids))
    quote = connection.ops.quote_name
    sql = f"""
        SELECT e.object_id, COUNT(DISTINCT e.person)
        FROM (
            SELECT object_id, user_id AS person FROM {quote(Reaction._meta.db_table)}
            WHERE content_type_id = %s AND object_id IN ({marks})
            UNION ALL
            SELECT object_id, author_id AS person FROM {quote(Comment._meta.db_table)}
            WHERE content_type_id = %s AND object_id IN ({marks}) AND deleted_at IS NULL
        ) AS e
        JOIN {quote(model._meta.db_table)} AS item ON item.id = e.object_id
        WHERE e.person <> item.author_id
        GROUP BY e.object_id
    """  # noqa: S608 - table names from the models; values are parameters.
    with connection.cursor() as cursor:
        cursor.execute(sql, [content_type.pk, *ids, content_type.pk, *ids])
        return dict(cursor.fetchall())


def _top(candidates: list, people: dict[int, int], title, limit: int) -> list[TopItem]:
    chosen = [item for item in candidates if is_reportable(people.get(item.pk, 0))][:limit]
    return [
        TopItem(
            title=title(item),
            url=item.get_absolute_url(),
            place=_place(item),
            written_on=timezone.localdate(item.written),
            engagement=Figure(item.engagement, people[item.pk]),
            people=Figure(people[item.pk], people[item.pk]),
        )
        for item in chosen
    ]


def top_posts(filters: Filters, *, limit: int = TOP_LIMIT) -> list[TopItem]:
    """Company-wide and public-community posts written in the period with the most reactions
    and comments, engaged with by at least ``ANALYTICS_MIN_GROUP_SIZE`` other people."""
    qs = Post.objects.status_updates().filter(
        PUBLIC_PLACE,
        deleted_at__isnull=True,
        hidden_at__isnull=True,
        created_at__gte=filters.since,
        created_at__lt=filters.until,
    )
    qs = _narrowed(qs, filters, ContentKind.POST)
    candidates = list(
        qs.annotate(engagement=F("reaction_count") + F("comment_count"), written=F("created_at"))
        .filter(engagement__gte=min_group_size())
        .select_related("community")
        .order_by("-engagement", "-pk")[:TOP_CANDIDATES]
    )
    people = _engagers(Post, [item.pk for item in candidates])
    return _top(candidates, people, str, limit)


def top_articles(filters: Filters, *, limit: int = TOP_LIMIT) -> list[TopItem]:
    """Company-wide, personal and public-community articles published in the period with the
    most reactions and comments, engaged with by enough other people."""
    qs = Article.objects.alive().filter(
        PUBLIC_PLACE,
        hidden_at__isnull=True,
        status=ArticleStatus.PUBLISHED,
        published_at__gte=filters.since,
        published_at__lt=min(filters.until, timezone.now()),
    )
    qs = _narrowed(qs, filters, ContentKind.ARTICLE)
    candidates = list(
        qs.annotate(engagement=F("reaction_count") + F("comment_count"), written=F("published_at"))
        .filter(engagement__gte=min_group_size())
        .select_related("community", "author")
        .order_by("-engagement", "-pk")[:TOP_CANDIDATES]
    )
    people = _engagers(Article, [item.pk for item in candidates])
    return _top(candidates, people, lambda item: item.title, limit)


def top_threads(filters: Filters, *, limit: int = TOP_LIMIT) -> list[TopItem]:
    """Company-wide and public-community forum threads started in the period with the most
    replies, replied to by at least ``ANALYTICS_MIN_GROUP_SIZE`` people besides the author."""
    qs = Thread.objects.alive().filter(
        PUBLIC_PLACE,
        hidden_at__isnull=True,
        created_at__gte=filters.since,
        created_at__lt=filters.until,
    )
    qs = _narrowed(qs, filters, ContentKind.THREAD)
    candidates = list(
        qs.annotate(engagement=F("reply_count"), written=F("created_at"))
        .filter(engagement__gte=min_group_size())
        .select_related("community")
        .order_by("-engagement", "-pk")[:TOP_CANDIDATES]
    )
    repliers = (
        Reply.objects.filter(thread__in=[item.pk for item in candidates], deleted_at__isnull=True)
        .exclude(author=F("thread__author"))
        .values("thread")
        .annotate(people=Count("author", distinct=True))
        .order_by()
    )
    people = {row["thread"]: row["people"] for row in repliers} if candidates else {}
    return _top(candidates, people, lambda item: item.title, limit)
