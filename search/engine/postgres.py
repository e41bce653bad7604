"""Full-text search on PostgreSQL: the stored weighted ``tsvector`` (GIN), trigrams for names.

Matching: every word of the query, each in any of the forms the index may hold (its English
stem, its Indonesian stem, as written: ``search.query.Terms``), the last one also as a prefix;
people and communities also match when their name is similar to the whole query
(``pg_trgm``: "ratna sary" finds Ratna Sari).

Ranking: ``ts_rank`` on the weighted vector (title A, keywords B, text D), so a word in the
title weighs about twenty times a passing mention; plus, for a name, its similarity to the
query; times a log-damped engagement bonus (at most about x1.7); times recency, from 1 for
today down towards 0.5 for old documents, so that at equal relevance the newer wins but a
title match still beats a newer passing mention.

One approximation keeps a search fast at a million documents: it counts, facets and ranks
the newest ``CANDIDATES`` matches at most (``search.engine.candidates``). A search with
fewer matches (most searches, and any search a filter narrows to fewer) is exact. For words
found in tens of thousands of documents, reading and ranking them all would take most of a
second; then the counts are lower bounds (``SearchResults.capped``: show "200+") and the
ranking orders the newest 200 matches, where recency puts most of the best anyway.
"""

from collections import Counter

from django.db import connection
from django.db.models import BooleanField, F, FloatField, QuerySet, Value
from django.db.models.functions import Left, Length, Lower
from taggit.models import Tag

from search import query
from search.engine.candidates import (
    conditions,
    index_stats,
    newest_matches,
    newest_matches_sql,
    ranked_over,
)
from search.models import Kind, SearchDocument
from search.query import SQL, Terms, TsQuery
from search.selectors import Facet, Hit, SearchParams, SearchResults, Suggestions

CANDIDATES = 200
SUGGEST_CANDIDATES = 100
# People and communities found by a name similar to the words, besides the full-text matches.
SIMILAR_NAMES = 20
# Search as you type looks for names similar to the text from this many characters on.
SIMILAR_MIN_LENGTH = 6
FACET_SIZE = 10
NAMED = (Kind.PERSON, Kind.COMMUNITY)
TABLE = SearchDocument._meta.db_table
_NAMED_SQL = "('person', 'community')"
# ts_rank's weights, in the order D, C, B, A (doubled braces: a ``SQL`` template).
WEIGHTS = "'{{0.05, 0.2, 0.4, 1.0}}'::float4[]"
# Recency takes a document's score down towards half over a year or so.
RECENCY_SECONDS = 180 * 86400
# The part of a long text its snippet is taken from: around the first match.
SNIPPET_WINDOW = 1500
SNIPPET_BEFORE = 200
# The last word is not matched as a prefix when words starting with it are in more than
# this share of documents (``terms``): "per" would read some 30,000 entries of the GIN
# index for suggestions too vague to help.
PREFIX_MAX_SHARE = 0.01


# A word's lexemes never change (the text search configurations do not): kept per process.
_lexemes: dict[str, tuple] = {}
LEXEMES_KEPT = 20_000


def terms(words: list[str]) -> Terms:
    """``words`` as the index knows them (a query for words not seen before). The last word is
    also matched as a prefix (search as you type), unless the index holds it as a common
    word, or words starting with it fill a large part of the index ("the", "mem"): it is then
    most likely complete, and expanding it would read much of the index for nothing."""
    missing = [word for word in words if word not in _lexemes]
    if missing:
        with connection.cursor() as cursor:
            for word, found in zip(missing, query.lexemes_of(missing, cursor), strict=True):
                if len(_lexemes) >= LEXEMES_KEPT:
                    _lexemes.clear()
                _lexemes[word] = found
    found = [_lexemes[word] for word in words]
    last = found[-1][1]
    stats = index_stats()
    prefix = ""
    if (
        len(last) >= query.MIN_PREFIX_LENGTH
        and not stats.is_common(last)
        and stats.prefix_share(last) <= PREFIX_MAX_SHARE
    ):
        prefix = last
    return Terms(tuple(words), tuple(lexemes for lexemes, _written in found), prefix)


def _score(terms: Terms) -> SQL:
    """A document's rank (see the module's docstring); ``query.over`` reads it from a CTE."""
    return SQL(
        f"((ts_rank({WEIGHTS}, {{}}, {{}}) + CASE WHEN {{}} IN {_NAMED_SQL}"
        " THEN similarity(lower({}), {}) ELSE 0 END) * (1 + 0.1 * ln(1 + {}))"
        f" * CASE WHEN {{}} IN {_NAMED_SQL} THEN 1 ELSE 0.5 + 0.5 * exp(-greatest(0,"
        f" extract(epoch FROM now() - {{}})) / {RECENCY_SECONDS}) END)",
        F("vector"),
        TsQuery(terms, match_all=False),
        F("kind"),
        F("title"),
        Value(" ".join(terms.words)),
        F("engagement"),
        F("kind"),
        F("created_at"),
        output_field=FloatField(),
    )


def _similar_names(documents: QuerySet, words: list[str]) -> QuerySet:
    """People and communities whose name is similar to the words ("ratna sary"), through the
    trigram index on names (not checked document by document with the full-text query: a
    trigram comparison costs more than a lookup in the vector)."""
    similar = SQL(
        "lower({}) %% {}", F("title"), Value(" ".join(words)), output_field=BooleanField()
    )
    return documents.filter(kind__in=NAMED).filter(similar)


def search(
    documents: QuerySet, params: SearchParams, words: list[str], *, page: int, per_page: int
) -> SearchResults:
    """``search.selectors.search_documents`` on PostgreSQL: the newest ``CANDIDATES`` + 1
    matches with every filter but the kinds give the counts; those of the chosen kinds (read
    again when there were too many to hold them all) the facets and the page, ranked in one
    statement with the top tags. The page's documents come last, highlighted."""
    found = terms(words)
    if not found.tsquery():
        return SearchResults(params=params, words=words)
    columns = ["id", "kind", "community_id", "created_at"]
    names = list(_similar_names(documents, words).values(*columns)[:SIMILAR_NAMES])
    candidates = newest_matches(documents, found, columns, CANDIDATES + 1)
    capped = len(candidates) > CANDIDATES
    candidates = _with(candidates[:CANDIDATES], names)
    counts = Counter(row["kind"] for row in candidates)
    kinds = list(params.kinds)
    if not kinds:
        chosen = candidates
    elif capped:
        # The newest matches of every kind may hold few of these: read theirs (and count
        # them better than the first reading did).
        chosen = newest_matches(documents.filter(kind__in=kinds), found, columns, CANDIDATES + 1)[
            :CANDIDATES
        ]
        chosen = _with(chosen, [row for row in names if row["kind"] in kinds])
        for kind, n in Counter(row["kind"] for row in chosen).items():
            counts[kind] = max(counts[kind], n)
    else:
        chosen = [row for row in candidates if row["kind"] in kinds]
    in_communities = Counter(row["community_id"] for row in chosen if row["community_id"])
    top_communities = [pk for pk, _n in in_communities.most_common(FACET_SIZE)]
    offset = (page - 1) * per_page
    page_ids, tags, names = [], [], {}
    if chosen:
        page_ids, tags, names = _rank_and_facets(
            [row["id"] for row in chosen], found, params.sort, top_communities, offset, per_page + 1
        )
    if params.sort == "newest":
        page_ids = [row["id"] for row in chosen[offset : offset + per_page + 1]]
    communities = [
        Facet(str(pk), names.get(pk, ""), n) for pk, n in in_communities.most_common(FACET_SIZE)
    ]
    return SearchResults(
        params=params,
        words=words,
        hits=_hits(page_ids[:per_page], found),
        total=len(chosen),
        counts=dict(counts),
        communities=sorted(communities, key=lambda facet: (-facet.count, facet.label)),
        tags=tags,
        has_next=len(page_ids) > per_page,
        capped=capped,
    )


def _with(rows: list[dict], more: list[dict]) -> list[dict]:
    """``rows`` and those of ``more`` not in them yet."""
    have = {row["id"] for row in rows}
    return rows + [row for row in more if row["id"] not in have]


def _rank_and_facets(ids, terms, sort, community_ids, offset, limit):
    """In one statement: the page of ``ids`` by rank (unless sorted by date), the top tags
    of ``ids`` and the names of ``community_ids``."""
    compiler = SearchDocument.objects.none().query.get_compiler(connection=connection)
    score_sql, score_params = query.over(_score(terms), "c").as_sql(compiler, connection)
    ranked = sort != "newest"
    sql = f"""
        WITH c AS MATERIALIZED (
            SELECT id, kind, title, engagement, created_at, vector FROM {TABLE}
             WHERE id = ANY(%s))
        (SELECT 't', t.slug, t.name, count(*)
           FROM c JOIN search_searchdocumenttag dt ON dt.document_id = c.id
           JOIN taggit_tag t ON t.id = dt.tag_id
          GROUP BY t.id, t.slug, t.name ORDER BY 4 DESC, 3 LIMIT {FACET_SIZE})
        UNION ALL
        SELECT 'c', id::text, name, NULL FROM communities_community WHERE id = ANY(%s)
        UNION ALL
        (SELECT 'h', c.id::text, NULL, NULL FROM c WHERE %s
          ORDER BY {score_sql} DESC, c.id DESC LIMIT %s OFFSET %s)
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, [ids, community_ids, ranked, *score_params, limit, offset])
        rows = cursor.fetchall()
    page_ids = [int(key) for part, key, _label, _n in rows if part == "h"]
    tags = [Facet(key, label, n) for part, key, label, n in rows if part == "t"]
    names = {int(key): label for part, key, label, _n in rows if part == "c"}
    return page_ids, tags, names


def _snippet_start(words: tuple[str, ...]) -> SQL:
    """Where the snippet's window of a long text starts: a little before the first place one
    of ``words`` appears in it (or a stem: its first five letters), else at the beginning."""
    positions = ", ".join("nullif(strpos({}, {}), 0)" for _ in words)
    expressions = [e for word in words for e in (Lower("body"), Value(word[:5]))]
    return SQL(
        f"greatest(1, coalesce(least({positions}), 1) - {SNIPPET_BEFORE})",
        *expressions,
        output_field=FloatField(),
    )


def _hits(ids: list[int], terms: Terms) -> list[Hit]:
    """The documents ``ids`` in that order, with their title and snippet highlighted."""
    if not ids:
        return []
    start = _snippet_start(terms.words)
    window = SQL(f"substr({{}}, {{}}::int, {SNIPPET_WINDOW})", F("body"), start)
    documents = (
        SearchDocument.objects.filter(pk__in=ids)
        .select_related("community", "author")
        .defer("vector", "body")
        .annotate(
            title_marked=query.highlighted(F("title"), terms),
            snippet_marked=query.highlighted(window, terms),
            snippet_start=start,
            body_length=Length("body"),
        )
    )
    by_id = {document.pk: document for document in documents}
    hits = []
    for pk in ids:
        document = by_id.get(pk)
        if document is None:  # Removed between the two queries.
            continue
        starts_at = int(document.snippet_start)
        hits.append(
            Hit(
                document=document,
                title_html=query.marked_html(document.title_marked),
                snippet_html=query.snippet_html(
                    document.snippet_marked,
                    cut_before=starts_at > 1,
                    cut_after=starts_at - 1 + SNIPPET_WINDOW < document.body_length,
                ),
            )
        )
    return hits


# --- search as you type ------------------------------------------------------------------------


def suggest(documents: QuerySet, words: list[str], *, limit: int) -> Suggestions:
    """``search.selectors.search_suggest`` on PostgreSQL, in two statements (it runs on every
    keystroke): one finds people and communities whose name has every word as a word prefix
    ("rat sa") or is similar to the query ("ratna sary"), both through the trigram index on
    names; tags starting with the last word that a visible document carries; and the best
    ranked (a title match first) of the newest ``SUGGEST_CANDIDATES`` other matches. The
    second loads what was found."""
    where, where_params = conditions(documents)
    text = " ".join(words)
    name = "lower(title)"
    # Words are letters and digits only: nothing in them is special in a pattern.
    prefixes = " AND ".join([f"{name} ~ %s"] * len(words))
    # A short text shares a trigram with countless names ("ari": every Sari and Hariyanto),
    # each then checked for nothing; prefixes find those names anyway.
    similar = f"{name} %% %s" if len(text) >= SIMILAR_MIN_LENGTH else "FALSE AND %s IS NULL"
    ctes = [
        f"""names AS (
            SELECT id, kind, row_number() OVER (PARTITION BY kind ORDER BY
                   starts_with({name}, %s) DESC, similarity({name}, %s) DESC,
                   engagement DESC, id DESC) AS place
              FROM {TABLE}
             WHERE kind IN {_NAMED_SQL} AND (({prefixes}) OR {similar}) AND {where})""",
        f"""tags AS (
            SELECT t.id, t.name, t.slug FROM taggit_tag t
             WHERE starts_with(lower(t.name), %s) AND EXISTS (
                   SELECT 1 FROM search_searchdocumenttag dt
                     JOIN {TABLE} ON {TABLE}.id = dt.document_id
                    WHERE dt.tag_id = t.id AND {where})
             ORDER BY length(t.name), t.name LIMIT {int(limit)})""",
    ]
    params = [text, text, *(rf"\m{word}" for word in words), text, *where_params]
    params += [words[-1], *where_params]
    select = [
        f"SELECT 'n', id, kind, place, NULL, NULL FROM names WHERE place <= {int(limit)}",
        "SELECT 't', id, NULL, NULL, name, slug FROM tags",
    ]
    found = terms(words)
    if found.tsquery():
        columns = ["id", "kind", "title", "engagement", "created_at", "vector"]
        others = (f"{where} AND kind NOT IN {_NAMED_SQL}", where_params)
        matches, match_params = newest_matches_sql(
            documents, found, columns, SUGGEST_CANDIDATES, where=others
        )
        rank, rank_params = ranked_over(_score(found), "m")
        ctes += [
            *matches,
            f"best AS (SELECT m.id, row_number() OVER (ORDER BY {rank} DESC, m.id DESC)"
            " AS place FROM m)",
        ]
        params += [*match_params, *rank_params]
        select.append(
            f"SELECT 'c', id, NULL, place, NULL, NULL FROM best WHERE place <= {int(limit)}"
        )
    with connection.cursor() as cursor:
        cursor.execute("WITH " + ",\n".join(ctes) + " " + " UNION ALL ".join(select), params)
        rows = cursor.fetchall()
    ranked = sorted((part, place or 0, pk) for part, pk, _kind, place, _name, _slug in rows)
    ids = [pk for part, _place, pk in ranked if part != "t"]
    loaded = (
        SearchDocument.objects.filter(pk__in=ids)
        .annotate(text=Left("body", 1000))
        .select_related("community", "author")
        .defer("vector", "body")
    )
    by_id = {document.pk: document for document in loaded}
    suggestions = Suggestions(
        tags=[
            Tag(id=pk, name=tag_name, slug=slug)
            for part, pk, _kind, _place, tag_name, slug in rows
            if part == "t"
        ]
    )
    for part, _place, pk in ranked:
        document = by_id.get(pk)
        if part == "t" or document is None:  # Gone between the two statements.
            continue
        if part == "c":
            suggestions.content.append(_quick_hit(document, words, text=document.text))
        elif document.kind == Kind.PERSON:
            suggestions.people.append(_quick_hit(document, words))
        else:
            suggestions.communities.append(_quick_hit(document, words))
    return suggestions


def _quick_hit(document: SearchDocument, words: list[str], *, text: str = "") -> Hit:
    """A hit highlighted in Python (word prefixes): cheap enough for every keystroke."""
    return Hit(
        document=document,
        title_html=query.marked_html(query.mark_prefixes(document.title, words)),
        snippet_html=query.snippet_html(query.mark_prefixes(text, words), words=20),
    )
