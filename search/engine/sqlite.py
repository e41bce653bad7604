"""Search without PostgreSQL (the embedded SQLite mode): words matched in the text.

Every word must start a word of the title, the keywords or the text (case-insensitive, so
"pay" finds "Payment"); there is no stemming and no typo tolerance. Titles matching a word
come first, then the newest. Counts and facets are exact: an embedded instance is small.
Snippets and highlights are made in Python.
"""

from functools import reduce
from operator import and_, or_

from django.db.models import (
    Case,
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import Left, Length
from taggit.models import Tag

from search import query
from search.models import Kind, SearchDocumentTag
from search.selectors import Facet, Hit, SearchParams, SearchResults, Suggestions

FACET_SIZE = 10
NAMED = (Kind.PERSON, Kind.COMMUNITY)
SNIPPET_TEXT = 5000


def _word(word: str, fields=("title", "keywords", "body")) -> Q:
    pattern = query.word_pattern(word)
    return reduce(or_, (Q(**{f"{name}__iregex": pattern}) for name in fields))


def _matching(documents: QuerySet, words: list[str], fields=("title", "keywords", "body")):
    return documents.filter(reduce(and_, (_word(word, fields) for word in words)))


def _ranked(documents: QuerySet, words: list[str]) -> QuerySet:
    in_title = When(reduce(or_, (_word(word, ("title",)) for word in words)), then=Value(1))
    return documents.annotate(
        title_match=Case(in_title, default=Value(0), output_field=IntegerField())
    ).order_by("-title_match", "-created_at", "-id")


def search(
    documents: QuerySet, params: SearchParams, words: list[str], *, page: int, per_page: int
) -> SearchResults:
    """``search.selectors.search_documents`` without PostgreSQL."""
    matches = _matching(documents, words)
    counts = {
        row["kind"]: row["n"]
        for row in matches.order_by().values("kind").annotate(n=Count("id", distinct=True))
    }
    kinds = list(params.kinds)
    chosen = matches.filter(kind__in=kinds) if kinds else matches
    communities = [
        Facet(str(row["community_id"]), row["community__name"], row["n"])
        for row in chosen.exclude(community=None)
        .order_by()
        .values("community_id", "community__name")
        .annotate(n=Count("id", distinct=True))
        .order_by("-n", "community__name")[:FACET_SIZE]
    ]
    tags = [
        Facet(row["tag__slug"], row["tag__name"], row["n"])
        for row in SearchDocumentTag.objects.filter(document__in=chosen.values("id"))
        .values("tag__slug", "tag__name")
        .annotate(n=Count("document_id", distinct=True))
        .order_by("-n", "tag__name")[:FACET_SIZE]
    ]
    if params.sort == "newest":
        ordered = chosen.order_by("-created_at", "-id")
    else:
        ordered = _ranked(chosen, words)
    offset = (page - 1) * per_page
    page_documents = list(
        ordered.select_related("community", "author")
        .defer("vector", "body")
        .annotate(text=Left("body", SNIPPET_TEXT))[offset : offset + per_page + 1]
    )
    return SearchResults(
        params=params,
        words=words,
        hits=[_hit(document, words) for document in page_documents[:per_page]],
        total=sum(n for kind, n in counts.items() if not kinds or kind in kinds),
        counts=counts,
        communities=communities,
        tags=tags,
        has_next=len(page_documents) > per_page,
    )


def _hit(document, words: list[str], *, snippet_words: int = query.SNIPPET_WORDS) -> Hit:
    return Hit(
        document=document,
        title_html=query.marked_html(query.mark_prefixes(document.title, words)),
        snippet_html=query.snippet_html(
            query.mark_prefixes(document.text, words),
            words=snippet_words,
            cut_after=len(document.text) == SNIPPET_TEXT,
        ),
    )


def suggest_names(documents: QuerySet, words: list[str], *, limit: int):
    """People and communities with every word starting a word of their name."""
    named = _matching(documents.filter(kind__in=NAMED), words, ("title",))
    found = []
    for kind in NAMED:
        ranked = (
            named.filter(kind=kind)
            .select_related("community", "author")
            .defer("vector", "body")
            .annotate(text=Value(""))
            .order_by("-engagement", "title", "id")[:limit]
        )
        found.append([_hit(document, words) for document in ranked])
    return found[0], found[1]


def suggest_content(documents: QuerySet, words: list[str], *, limit: int) -> list[Hit]:
    """Other kinds of content: title matches first, then the newest."""
    ranked = _ranked(_matching(documents.exclude(kind__in=NAMED), words), words)
    best = (
        ranked.select_related("community", "author")
        .defer("vector", "body")
        .annotate(text=Left("body", 1000))[:limit]
    )
    return [_hit(document, words, snippet_words=20) for document in best]


def suggest(documents: QuerySet, words: list[str], *, limit: int) -> Suggestions:
    """``search.selectors.search_suggest`` without PostgreSQL."""
    people, communities = suggest_names(documents, words, limit=limit)
    return Suggestions(
        people=people,
        communities=communities,
        tags=_suggest_tags(documents, words[-1], limit=limit),
        content=suggest_content(documents, words, limit=limit),
    )


def _suggest_tags(documents: QuerySet, prefix: str, *, limit: int) -> list[Tag]:
    """Tags starting with ``prefix`` that at least one of ``documents`` carries."""
    carried = documents.filter(tag_items__tag=OuterRef("pk"))
    return list(
        Tag.objects.filter(name__istartswith=prefix)
        .filter(Exists(carried))
        .order_by(Length("name"), "name")[:limit]
    )
