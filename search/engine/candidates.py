"""The newest matches of a search, without reading every match (PostgreSQL).

A search ranks, counts and facets at most the newest ``limit`` matches. Reading every match
through the GIN index costs a heap page per match (a common word: most of the table); walking
the newest-first index costs a check per document passed (rare words: the whole table). The
planner picks between them from its guess of how many documents match, which is good for one
word (the statistics hold the share of the most common ones) and wrong by orders of
magnitude for several (it multiplies their shares, and words of one sentence occur together
far more often), and it cannot know that most matches are in communities the person does
not see.

So matches are read by age tiers (the newest 1% of the documents, then up to 10%, then the
rest), each tier only when the newer ones held fewer than ``limit`` (``newest_matches``).
In the two newer tiers the index serves the rarest word alone, whose count the planner
knows, and the whole query is checked on each document found: whatever it chooses, it reads
at most the tier (a walk, or the GIN index and the dates' index together), or that word's
matches when it knows them to be few. The oldest tier is read through the GIN index with the
whole query (ordering by an expression keeps the planner off the newest-first index): words
that reach it are rare, or rare together.
"""

import time
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from datetime import datetime

from django.core.cache import cache
from django.core.exceptions import EmptyResultSet, FullResultSet
from django.db import connection
from django.db.models import QuerySet

from search.models import SearchDocument
from search.query import SQL, Terms, over

TABLE = SearchDocument._meta.db_table
# The tiers: the newest 1% of the documents, up to 10%, the rest.
TIER_SHARES = (0.01, 0.03, 0.1)
STATS_CACHE_KEY = "search:index-stats"
STATS_CACHE_SECONDS = 600
MEMO_SECONDS = 60
# Matches in the newest tier (1% of the documents) up to which a search is taken to have
# few matches in all (about FEW_IN_NEWEST / 1%: 2,000).
FEW_IN_NEWEST = 20

_STATS_SQL = """
    SELECT (SELECT reltuples FROM pg_class WHERE oid = %(table)s::regclass),
           (SELECT histogram_bounds::text::timestamptz[] FROM pg_stats
             WHERE schemaname = current_schema() AND tablename = %(table)s
               AND attname = 'created_at'),
           (SELECT most_common_elems::text::text[] FROM pg_stats
             WHERE schemaname = current_schema() AND tablename = %(table)s
               AND attname = 'vector'),
           (SELECT most_common_elem_freqs FROM pg_stats
             WHERE schemaname = current_schema() AND tablename = %(table)s
               AND attname = 'vector')
"""


@dataclass(frozen=True)
class IndexStats:
    """What the planner's statistics say about the index."""

    rows: int = 0
    # ``created_at`` at the bounds of equal-sized groups of documents, oldest first.
    histogram: tuple[datetime, ...] = ()
    # The most common lexemes (sorted) and the share of documents holding each; a lexeme
    # not among them is in fewer than ``least`` of the documents.
    lexemes: tuple[str, ...] = ()
    shares: tuple[float, ...] = ()
    least: float = 1.0

    def is_common(self, lexeme: str) -> bool:
        at = bisect_left(self.lexemes, lexeme)
        return at < len(self.lexemes) and self.lexemes[at] == lexeme

    def share(self, lexeme: str) -> float:
        at = bisect_left(self.lexemes, lexeme)
        if at < len(self.lexemes) and self.lexemes[at] == lexeme:
            return self.shares[at]
        return self.least

    def prefix_share(self, prefix: str) -> float:
        """About the share of documents holding a word that starts with ``prefix``."""
        start = bisect_left(self.lexemes, prefix)
        end = bisect_right(self.lexemes, prefix + "\U0010ffff")
        return sum(self.shares[start:end])

    def rarest(self, terms: Terms) -> Terms:
        """``terms`` reduced to its rarest word (with the prefix when it is the last). A word's
        forms mostly occur together (its English and Indonesian stems, in the same text):
        the most common of them stands for it."""
        if len(terms.lexemes) < 2:
            return terms
        last = len(terms.lexemes) - 1
        at = min(range(len(terms.lexemes)), key=lambda n: self._word_share(terms, n))
        prefix = terms.prefix if at == last else ""
        return Terms((terms.words[at],), (terms.lexemes[at],), prefix)

    def _word_share(self, terms: Terms, number: int) -> float:
        lexemes = terms.lexemes[number]
        share = max((self.share(lexeme) for lexeme in lexemes), default=0.0)
        if terms.prefix and number == len(terms.lexemes) - 1:
            share += self.prefix_share(terms.prefix) + self.least
        return share if lexemes or share else 1.0

    def newest_bound(self, count: int) -> datetime | None:
        """About the ``created_at`` of the ``count``-th newest document (None: all)."""
        buckets = len(self.histogram) - 1
        if buckets < 1 or count >= self.rows:
            return None
        at = (1 - count / self.rows) * buckets
        low = int(at)
        if low >= buckets:
            return self.histogram[-1]
        return self.histogram[low] + (self.histogram[low + 1] - self.histogram[low]) * (at - low)


_memo: dict = {}


def index_stats() -> IndexStats:
    """The planner's statistics of the index (kept a few minutes, in this process and in the
    cache; missing before the first ANALYZE: then every search reads all its matches)."""
    now = time.monotonic()
    if _memo.get("until", 0) > now:
        return _memo["stats"]
    stats = cache.get(STATS_CACHE_KEY)
    if stats is None:
        with connection.cursor() as cursor:
            cursor.execute(_STATS_SQL, {"table": TABLE})
            rows, histogram, lexemes, shares = cursor.fetchone()
        common = sorted(zip(lexemes or (), shares or (), strict=False))
        stats = IndexStats(
            rows=max(int(rows or 0), 0),
            histogram=tuple(histogram or ()),
            lexemes=tuple(lexeme for lexeme, _share in common),
            shares=tuple(share for _lexeme, share in common),
            # After the shares come the least and the greatest of them, then the share of
            # empty vectors.
            least=shares[len(lexemes)] if shares and len(shares) > len(lexemes) else 1.0,
        )
        cache.set(STATS_CACHE_KEY, stats, STATS_CACHE_SECONDS)
    _memo.update(stats=stats, until=now + MEMO_SECONDS)
    return stats


def forget_index_stats() -> None:
    """Read the statistics again on the next search (tests; after a big load and ANALYZE)."""
    _memo.clear()
    cache.delete(STATS_CACHE_KEY)


def conditions(documents: QuerySet) -> tuple[str, list]:
    """The conditions of ``documents`` (the visibility rule and any filters) as SQL over
    ``TABLE``, compiled once to be written into several statements or parts of one."""
    compiler = documents.query.get_compiler(connection=connection)
    try:
        sql, params = compiler.compile(documents.query.where)
    except EmptyResultSet:
        return "FALSE", []
    except FullResultSet:
        return "TRUE", []
    return f"({sql})" if sql else "TRUE", list(params)


def newest_matches_sql(
    documents: QuerySet, terms: Terms, columns, limit: int, *, where: tuple | None = None
) -> tuple[list[str], list]:
    """``newest_matches`` as CTEs for a statement of one's own (the last, ``m``, holds the
    matches) and their parameters. ``where``: ``conditions(documents)``, when known."""
    where, where_params = where or conditions(documents)
    columns = list(dict.fromkeys([*columns, "id", "created_at"]))
    select = ", ".join(f"{TABLE}.{connection.ops.quote_name(name)}" for name in columns)
    stats = index_stats()
    rarest = stats.rarest(terms)
    bounds = [b for b in (stats.newest_bound(stats.rows * s) for s in TIER_SHARES) if b]
    ctes, params = [], []
    for number, (newer, older) in enumerate(
        zip([None, *bounds], [*bounds, None], strict=True), start=1
    ):
        if older is None:
            # Ordered by an expression, so that the planner stays off the newest-first index.
            tests, tier_params = [where, "vector @@ %s::tsquery"], [*where_params, terms.tsquery()]
            age = "created_at + interval '0 seconds'"
            if newer is not None:
                tests.append(f"{age} < %s")
                tier_params.append(newer)
            order = f"{age} DESC, id DESC"
        else:
            tests = [where, "vector @@ %s::tsquery", "created_at >= %s"]
            tier_params = [*where_params, rarest.tsquery(), older]
            if rarest != terms:
                tests.append("ts_match_vq(vector, %s::tsquery)")  # ``@@`` that no index serves.
                tier_params.append(terms.tsquery())
            if newer is not None:
                tests.append("created_at < %s")
                tier_params.append(newer)
            order = "created_at DESC, id DESC"
        tier_sql = (
            f"SELECT {select} FROM {TABLE} WHERE {' AND '.join(tests)}"
            f" ORDER BY {order} LIMIT {int(limit)}"
        )
        if number > 1:
            found = " + ".join(f"(SELECT count(*) FROM t{n})" for n in range(1, number))
            tier_sql = (
                f"SELECT * FROM ({tier_sql}) s WHERE {found} < {int(limit)}"
                f" AND (SELECT count(*) FROM t1) > {FEW_IN_NEWEST}"
            )
        ctes.append(f"t{number} AS MATERIALIZED ({tier_sql})")
        params += tier_params
    tiers = len(ctes)
    if bounds:
        # Few matches among the newest documents: likely few in all. The rest is then read
        # at once through the GIN index with the whole query (the words' entries intersected
        # in the index), never through the dates' index.
        age = "created_at + interval '0 seconds'"
        ctes.append(
            f"t{tiers + 1} AS MATERIALIZED (SELECT * FROM (SELECT {select} FROM {TABLE}"
            f" WHERE {where} AND vector @@ %s::tsquery AND {age} < %s"
            f" ORDER BY {age} DESC, id DESC LIMIT {int(limit)}) s"
            f" WHERE (SELECT count(*) FROM t1) <= {FEW_IN_NEWEST})"
        )
        params += [*where_params, terms.tsquery(), bounds[0]]
    union = " UNION ALL ".join(f"SELECT * FROM t{n}" for n in range(1, len(ctes) + 1))
    ctes.append(f"m AS ({union} ORDER BY created_at DESC, id DESC LIMIT {int(limit)})")
    return ctes, params


def newest_matches(
    documents: QuerySet, terms: Terms, columns, limit: int, *, best: tuple[SQL, int] | None = None
) -> list[dict]:
    """The newest ``limit`` of ``documents`` matching ``terms``, newest first, as dicts of
    ``columns`` (see the module's docstring), in one statement. ``best``: (a rank over
    ``columns``, n): only the n best ranked of them."""
    ctes, params = newest_matches_sql(documents, terms, columns, limit)
    select = "SELECT * FROM m ORDER BY created_at DESC, id DESC"
    if best is not None:
        rank, top = best
        rank_sql, rank_params = ranked_over(rank, "m")
        select = f"SELECT * FROM m ORDER BY {rank_sql} DESC, m.id DESC LIMIT {int(top)}"
        params += rank_params
    with connection.cursor() as cursor:
        cursor.execute("WITH " + ",\n".join(ctes) + " " + select, params)
        names = [column.name for column in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def ranked_over(rank: SQL, alias: str) -> tuple[str, list]:
    """``rank`` (an expression over a document's columns) as SQL reading them from ``alias``."""
    compiler = SearchDocument.objects.none().query.get_compiler(connection=connection)
    return over(rank, alias).as_sql(compiler, connection)
