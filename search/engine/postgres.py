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

from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models import F, FloatField, QuerySet, TextField, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Left, Length, Lower
from taggit.models import Tag

from communities.models import Community
from search import query
from search.engine.candidates import conditions, index_stats, newest_matches_sql, ranked_over
from search.models import Kind, SearchDocument
from search.query import SQL, Terms, TsQuery
from search.selectors import Facet, Hit, SearchParams, SearchResults, Suggestions

User = get_user_model()
CANDIDATES = 200
SUGGEST_CANDIDATES = 100
# Search as you type reads the content of the newest tier only (the newest 1% of the
# documents, ``search.engine.candidates``), and titled things of any age: an older post
# is one Enter away, on the results page.
SUGGEST_TIERS = 1
# People and communities found by a name similar to the words, besides the full-text matches.
SIMILAR_NAMES = 20
# What a search reads of each match: enough to count, facet and rank it.
MATCH_COLUMNS = ["id", "kind", "community_id", "created_at", "title", "engagement", "vector"]
# Search as you type looks for names similar to the text from this many characters on.
SIMILAR_MIN_LENGTH = 6
FACET_SIZE = 10
TABLE = SearchDocument._meta.db_table
_NAMED_SQL = "('person', 'community')"
_COLUMNS_SQL = ", ".join(MATCH_COLUMNS)
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


def search(
    documents: QuerySet, params: SearchParams, words: list[str], *, page: int, per_page: int
) -> SearchResults:
    """``search.selectors.search_documents`` on PostgreSQL, in one statement: the newest
    ``CANDIDATES`` + 1 matches with every filter but the kinds, and the people and
    communities whose name is similar to the words, give the counts; those of the chosen
    kinds (read again when there were too many to hold them all) the facets and the page,
    ranked; the page's documents come with them, highlighted, with their authors,
    communities and tags."""
    found = terms(words)
    if not found.tsquery():
        return SearchResults(params=params, words=words)
    where = conditions(documents)
    ctes, sql_params = newest_matches_sql(
        documents, found, MATCH_COLUMNS, CANDIDATES + 1, where=where
    )
    text = " ".join(words)
    kinds = list(params.kinds)
    ctes += [
        f"names AS (SELECT {_COLUMNS_SQL} FROM {TABLE} WHERE {where[0]}"
        f" AND kind IN {_NAMED_SQL} AND lower(title) %% %s LIMIT {SIMILAR_NAMES})",
        f"found AS (SELECT *, 0 AS extra FROM (SELECT * FROM m ORDER BY created_at DESC, id DESC"
        f" LIMIT {CANDIDATES}) s UNION ALL SELECT *, 1 FROM names WHERE id NOT IN ("
        f"SELECT id FROM m ORDER BY created_at DESC, id DESC LIMIT {CANDIDATES}))",
    ]
    sql_params += [*where[1], text]
    capped = f"(SELECT count(*) FROM m) > {CANDIDATES}"
    if not kinds:
        chosen = "SELECT * FROM found"
    else:
        # The newest matches of every kind may hold few of these: read theirs (only then).
        filtered = documents.filter(kind__in=kinds)
        more, more_params = newest_matches_sql(
            filtered, found, MATCH_COLUMNS, CANDIDATES + 1, name="k", gate=capped
        )
        ctes += more
        sql_params += more_params
        chosen = (
            f"SELECT * FROM found WHERE kind = ANY(%s) AND NOT {capped} UNION ALL"
            f" SELECT *, 0 FROM (SELECT * FROM k ORDER BY created_at DESC, id DESC"
            f" LIMIT {CANDIDATES}) s UNION ALL SELECT *, 1 FROM names WHERE kind = ANY(%s)"
            f" AND {capped} AND id NOT IN (SELECT id FROM k ORDER BY created_at DESC, id DESC"
            f" LIMIT {CANDIDATES})"
        )
        sql_params += [kinds, kinds]
    ctes.append(
        f"chosen AS (SELECT *, row_number() OVER (ORDER BY extra, created_at DESC, id DESC)"
        f" AS place FROM ({chosen}) s)"
    )
    if params.sort == "newest":
        order, order_params = "chosen.place", []
    else:
        rank, order_params = ranked_over(_score(found), "chosen")
        order = f"{rank} DESC, chosen.id DESC"
    offset = (page - 1) * per_page
    ctes.append(
        f"page AS (SELECT id, at FROM (SELECT chosen.id, row_number() OVER (ORDER BY {order})"
        f" AS at FROM chosen) r WHERE at > {int(offset)} AND at <= {int(offset + per_page) + 1})"
    )
    sql_params += order_params
    shown, shown_params, loaded = _documents_part(
        f"SELECT id, at FROM page WHERE at <= {int(offset + per_page)}", _highlights(found)
    )
    parts = [
        shown,
        "SELECT 'p', NULL, NULL, count(*) FROM page",
        "SELECT 'k', kind, NULL, count(*) FROM found GROUP BY kind",
        "SELECT 'n', kind, NULL, count(*) FROM chosen GROUP BY kind",
        "SELECT 'x', NULL, NULL, count(*) FROM m",
        # Communities with as many matches: the one with the newest match first.
        "(SELECT 'c', c.id::text, c.name, count(*) FROM chosen"
        " JOIN communities_community c ON c.id = chosen.community_id"
        f" GROUP BY c.id, c.name ORDER BY 4 DESC, min(chosen.place) LIMIT {FACET_SIZE})",
        "(SELECT 't', t.slug, t.name, count(*) FROM chosen"
        " JOIN search_searchdocumenttag dt ON dt.document_id = chosen.id"
        " JOIN taggit_tag t ON t.id = dt.tag_id"
        f" GROUP BY t.id, t.slug, t.name ORDER BY 4 DESC, 3 LIMIT {FACET_SIZE})",
    ]
    padding = ", NULL" * loaded
    sql = parts[0] + "".join(f" UNION ALL {_padded(part, padding)}" for part in parts[1:])
    with connection.cursor() as cursor:
        cursor.execute("WITH " + ",\n".join(ctes) + " " + sql, [*sql_params, *shown_params])
        rows = cursor.fetchall()
    heads = [row[:4] for row in rows if row[0] != "d"]
    counts = Counter({key: n for part, key, _label, n in heads if part == "k"})
    for kind, n in ((key, n) for part, key, _label, n in heads if part == "n"):
        counts[kind] = max(counts[kind], n)
    communities = [Facet(key, label, n) for part, key, label, n in heads if part == "c"]
    return SearchResults(
        params=params,
        words=words,
        hits=[_hit(document, tags, *extra) for document, tags, extra in _documents(rows)],
        total=sum(n for part, _key, _label, n in heads if part == "n"),
        counts=dict(counts),
        communities=sorted(communities, key=lambda facet: (-facet.count, facet.label)),
        tags=[Facet(key, label, n) for part, key, label, n in heads if part == "t"],
        has_next=any(part == "p" and n > per_page for part, _key, _label, n in heads),
        capped=any(part == "x" and n > CANDIDATES for part, _key, _label, n in heads),
    )


def _snippet_start(words: tuple[str, ...], body) -> SQL:
    """Where the snippet's window of a long text starts: a little before the first place one
    of ``words`` appears in it (or a stem: its first five letters), else at the beginning."""
    positions = ", ".join("nullif(strpos({}, {}), 0)" for _ in words)
    expressions = [e for word in words for e in (Lower(body), Value(word[:5]))]
    return SQL(
        f"greatest(1, coalesce(least({positions}), 1) - {SNIPPET_BEFORE})",
        *expressions,
        output_field=FloatField(),
    )


def _highlights(terms: Terms) -> list:
    """A hit's title and snippet window with the matches marked, where the window starts and
    the text's length, over the document ``d`` (``_documents_part``)."""
    title, body = RawSQL("d.title", [], TextField()), RawSQL("d.body", [], TextField())
    start = _snippet_start(terms.words, body)
    window = SQL(f"substr({{}}, {{}}::int, {SNIPPET_WINDOW})", body, start)
    return [
        query.highlighted(title, terms),
        query.highlighted(window, terms),
        start,
        Length(body),
    ]


def _hit(document, tags, title_marked, snippet_marked, snippet_start, body_length) -> Hit:
    starts_at = int(snippet_start)
    return Hit(
        document=document,
        title_html=query.marked_html(title_marked),
        snippet_html=query.snippet_html(
            snippet_marked,
            cut_before=starts_at > 1,
            cut_after=starts_at - 1 + SNIPPET_WINDOW < body_length,
        ),
        tags=tags,
    )


def _loaded(model, *skip: str) -> list[str]:
    """The columns of ``model`` a hit loads: all but ``skip`` (long texts nothing shows) and
    those the database adapter cannot hand over as they are (JSON)."""
    return [
        field.attname
        for field in model._meta.concrete_fields
        if field.attname not in skip and not hasattr(field, "from_db_value")
    ]


_DOCUMENT_COLUMNS = _loaded(SearchDocument, "keywords", "body", "vector")
_AUTHOR_COLUMNS = _loaded(User, "password", "bio")
_COMMUNITY_COLUMNS = _loaded(Community, "description")


def _documents_part(source: str, extra: list) -> tuple[str, list, int]:
    """The first part of a statement's ``UNION ALL`` (the others padded with as many NULLs:
    ``_padded``): the documents whose ``id`` the rows of ``source`` hold, in the order of their
    ``at``, with their author, community and tags, and ``extra`` expressions over them (``d``).
    Loading them in the statement that found them saves a round trip and the ORM's compiling
    of a second query; ``_documents`` reads them back. Returns the SQL, its parameters and
    the number of columns after the usual four (part, key, label, n)."""
    compiler = SearchDocument.objects.none().query.get_compiler(connection=connection)
    quote = connection.ops.quote_name
    columns = [
        *(f"d.{quote(name)}" for name in _DOCUMENT_COLUMNS),
        *(f"a.{quote(name)}" for name in _AUTHOR_COLUMNS),
        *(f"c.{quote(name)}" for name in _COMMUNITY_COLUMNS),
        "ARRAY(SELECT ARRAY[t.slug, t.name] FROM search_searchdocumenttag dt"
        " JOIN taggit_tag t ON t.id = dt.tag_id WHERE dt.document_id = d.id ORDER BY dt.id)",
    ]
    params = []
    for expression in extra:
        sql, expression_params = compiler.compile(expression)
        columns.append(sql)
        params += expression_params
    sql = (
        f"(SELECT 'd', s.at::text, NULL, NULL::bigint, {', '.join(columns)}"
        f" FROM ({source}) s JOIN {TABLE} d ON d.id = s.id"
        f" LEFT JOIN {User._meta.db_table} a ON a.id = d.author_id"
        f" LEFT JOIN {Community._meta.db_table} c ON c.id = d.community_id ORDER BY s.at)"
    )
    return sql, params, len(columns)


def _padded(part: str, padding: str) -> str:
    """``part`` (``SELECT`` four columns ``FROM`` ...) with ``padding`` after the columns, to
    stand beside ``_documents_part``."""
    end = part.index(" FROM ")
    return f"{part[:end]}{padding}{part[end:]}"


def _documents(rows) -> list[tuple[SearchDocument, list[Tag], tuple]]:
    """The documents ``_documents_part`` loaded (rows ``d``), in order: each with its author
    and community set, its tags, and the values of the extra expressions."""
    alias = connection.alias
    first = len(_DOCUMENT_COLUMNS)
    second = first + len(_AUTHOR_COLUMNS)
    third = second + len(_COMMUNITY_COLUMNS)
    found = []
    for row in sorted((row for row in rows if row[0] == "d"), key=lambda row: int(row[1])):
        values = row[4:]
        document = SearchDocument.from_db(alias, _DOCUMENT_COLUMNS, values[:first])
        author, community = values[first:second], values[second:third]
        document.author = User.from_db(alias, _AUTHOR_COLUMNS, author) if author[0] else None
        document.community = (
            Community.from_db(alias, _COMMUNITY_COLUMNS, community) if community[0] else None
        )
        tags = [Tag(slug=slug, name=name) for slug, name in values[third] or ()]
        found.append((document, tags, tuple(values[third + 1 :])))
    return found


# --- search as you type ------------------------------------------------------------------------


def suggest(documents: QuerySet, words: list[str], *, limit: int) -> Suggestions:
    """``search.selectors.search_suggest`` on PostgreSQL, in one statement (it runs on every
    keystroke): it finds people and communities whose name has every word as a word prefix
    ("rat sa") or is similar to the query ("ratna sary"), both through the trigram index on
    names; tags starting with the last word that a visible document carries; and the best
    ranked (a title match first) of the newest ``SUGGEST_CANDIDATES`` other matches in the
    newest ``SUGGEST_TIERS`` tiers and as many titled ones whose title matches; and loads
    what it found, with its tags."""
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
    shown = [f"SELECT id, place AS at FROM names WHERE place <= {int(limit)}"]
    found = terms(words)
    if found.tsquery():
        columns = ["id", "kind", "title", "engagement", "created_at", "vector"]
        others = (f"{where} AND kind NOT IN {_NAMED_SQL}", where_params)
        matches, match_params = newest_matches_sql(
            documents, found, columns, SUGGEST_CANDIDATES, where=others, tiers=SUGGEST_TIERS
        )
        listed = ", ".join(columns)
        rank, rank_params = ranked_over(_score(found), "o")
        ctes += [
            *matches,
            # Titled things (articles, threads, wiki pages, files) of any age whose title
            # matches, through the partial index of migration 0003.
            f"titled AS (SELECT {listed} FROM {TABLE} WHERE {others[0]} AND title <> ''"
            f" AND vector @@ %s::tsquery AND ts_filter(vector, '{{a}}') @@ %s::tsquery"
            " ORDER BY created_at DESC, id DESC"
            f" LIMIT {SUGGEST_CANDIDATES})",
            f"best AS (SELECT o.id, row_number() OVER (ORDER BY {rank} DESC, o.id DESC)"
            " AS place FROM (SELECT * FROM m UNION ALL SELECT * FROM titled"
            " WHERE id NOT IN (SELECT id FROM m)) o)",
        ]
        params += [*match_params, *where_params, found.tsquery(), found.tsquery(), *rank_params]
        shown.append(f"SELECT id, place FROM best WHERE place <= {int(limit)}")
    body = RawSQL("d.body", [], TextField())
    documents, documents_params, loaded = _documents_part(
        " UNION ALL ".join(shown), [Left(body, 1000)]
    )
    tags = _padded("SELECT 't', slug, name, id FROM tags", ", NULL" * loaded)
    with connection.cursor() as cursor:
        cursor.execute(
            "WITH " + ",\n".join(ctes) + f" {documents} UNION ALL {tags}",
            [*params, *documents_params],
        )
        rows = cursor.fetchall()
    suggestions = Suggestions(
        tags=[Tag(id=pk, name=name, slug=slug) for part, slug, name, pk, *_ in rows if part == "t"]
    )
    for document, tags, (text,) in _documents(rows):
        if document.kind == Kind.PERSON:
            suggestions.people.append(_quick_hit(document, tags, words))
        elif document.kind == Kind.COMMUNITY:
            suggestions.communities.append(_quick_hit(document, tags, words))
        else:
            suggestions.content.append(_quick_hit(document, tags, words, text=text))
    return suggestions


def _quick_hit(document: SearchDocument, tags, words: list[str], *, text: str = "") -> Hit:
    """A hit highlighted in Python (word prefixes): cheap enough for every keystroke."""
    return Hit(
        document=document,
        title_html=query.marked_html(query.mark_prefixes(document.title, words)),
        snippet_html=query.snippet_html(query.mark_prefixes(text, words), words=20),
        tags=tags,
    )
