"""Searching the index: the results page (and its API), and search as you type.

Everything starts from ``SearchDocument.objects.visible_to(user)``: hits, counts, facets and
snippets come from the documents the person may see, never filtered afterwards.

``search.engine.postgres`` searches with PostgreSQL's full-text search and trigrams, in a
few statements whatever the number of matches (``search.engine.candidates`` explains how it
stays fast at a million documents, and the one approximation that takes); on SQLite,
``search.engine.sqlite`` matches the words in the text, with the same filters, counts and
facets.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db import connection
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.safestring import SafeString
from taggit.models import Tag

from communities.permissions import remember_all_memberships
from search.models import SearchDocument, SearchDocumentTag
from search.query import query_words

__all__ = [
    "Facet",
    "Hit",
    "SearchParams",
    "SearchResults",
    "Suggestions",
    "query_words",
    "search_documents",
    "search_suggest",
]

MAX_PER_PAGE = 100
EARLIEST = date(1900, 1, 1)
LATEST = date(9000, 1, 1)


@dataclass(frozen=True)
class SearchParams:
    q: str
    kinds: tuple[str, ...] = ()  # empty: every kind
    community_id: int | None = None
    author_id: int | None = None
    tag: str = ""  # a tag slug
    date_from: date | None = None
    date_to: date | None = None  # inclusive
    sort: str = "relevance"  # or "newest"
    page: int = 1
    per_page: int = 20


@dataclass
class Hit:
    document: SearchDocument  # community and author loaded; body and vector deferred
    title_html: SafeString  # escaped, matches in <mark>; empty when the document has no title
    snippet_html: SafeString  # escaped, matches in <mark>, ~30 words around a match
    tags: list[Tag] | None = None  # None: not loaded with the document (decorate_hits loads them)


@dataclass
class Facet:
    value: str  # community id / tag slug / author id as text
    label: str
    count: int


@dataclass
class SearchResults:
    params: SearchParams
    words: list[str]  # what was searched for; empty -> no search ran
    hits: list[Hit] = field(default_factory=list)
    total: int = 0  # matches for the chosen kinds (all filters)
    counts: dict[str, int] = field(default_factory=dict)  # per kind, all filters but the kind
    communities: list[Facet] = field(default_factory=list)  # top 10, visible matches only
    tags: list[Facet] = field(default_factory=list)  # top 10
    has_next: bool = False
    # True when a very common search stopped counting at ``search.engine.postgres.CANDIDATES``:
    # ``total`` and ``counts`` are then lower bounds (show "2,000+").
    capped: bool = False


@dataclass
class Suggestions:
    people: list[Hit] = field(default_factory=list)
    communities: list[Hit] = field(default_factory=list)
    tags: list[Tag] = field(default_factory=list)
    content: list[Hit] = field(default_factory=list)

    def __bool__(self):
        return bool(self.people or self.communities or self.tags or self.content)


def search_documents(user, params: SearchParams) -> SearchResults:
    """One page of what ``user`` may see matching ``params.q``, with counts per kind and the
    community and tag facets. No words (empty or only punctuation): nothing is searched."""
    words = query_words(params.q)
    if not words or not user.is_authenticated:
        return SearchResults(params=params, words=words)
    per_page = min(max(params.per_page, 1), MAX_PER_PAGE)
    page = max(params.page, 1)
    documents = filtered(user, params)
    return _backend().search(documents, params, words, page=page, per_page=per_page)


def search_suggest(user, q: str, *, limit: int = 5) -> Suggestions:
    """Search as you type: the top people, communities, tags and other content for ``q``
    (its last word matched as a prefix, names also by similarity)."""
    words = query_words(q)
    if not words or not user.is_authenticated:
        return Suggestions()
    return _backend().suggest(visible_documents(user), words, limit=limit)


def _backend():
    if connection.vendor == "postgresql":
        from search.engine import postgres

        return postgres
    from search.engine import sqlite

    return sqlite


def visible_documents(user) -> QuerySet:
    """``SearchDocument.objects.visible_to(user)``, with ``user``'s memberships loaded first
    so the rule becomes a list of community ids instead of a subquery per search."""
    remember_all_memberships(user)
    return SearchDocument.objects.visible_to(user)


def filtered(user, params: SearchParams) -> QuerySet:
    """The documents ``user`` may see, narrowed by every filter of ``params`` but the kinds."""
    documents = visible_documents(user)
    if params.community_id is not None:
        documents = documents.filter(community_id=params.community_id)
    if params.author_id is not None:
        documents = documents.filter(author_id=params.author_id)
    if params.tag:
        tagged = SearchDocumentTag.objects.filter(tag__slug=params.tag).values("document_id")
        documents = documents.filter(pk__in=tagged)
    # Days before 1900 or after 9000 hold nothing: no bound (and no date arithmetic overflow).
    if params.date_from is not None and params.date_from > EARLIEST:
        documents = documents.filter(created_at__gte=_day_start(params.date_from))
    if params.date_to is not None and params.date_to < LATEST:
        documents = documents.filter(created_at__lt=_day_start(params.date_to + timedelta(days=1)))
    return documents


def _day_start(day: date) -> datetime:
    # Dates are days in the current time zone (the person's, when a request activated it).
    return timezone.make_aware(datetime.combine(day, time.min))
