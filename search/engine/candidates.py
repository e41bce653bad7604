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
matches when it knows them to be few. Unless that word is common (``IndexStats.walks``):
building the index's bitmap of a word in 70,000 documents costs more than checking a tier's
documents one by one, newest first, so such a tier is walked. The oldest tier is read
through the GIN index with the whole query (ordering by an expression keeps the planner off
the newest-first index): words that reach it are rare, or rare together.
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
# What checking one more lexeme of the query costs a walk, as a share of checking the first.
WALK_COST_PER_LEXEME = 3

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

    def rarest_share(self, terms: Terms) -> float:
        """About the share of documents holding the rarest word of ``terms``."""
        if not terms.lexemes:
            return 1.0
        return min(self._word_share(terms, n) for n in range(len(terms.lexemes)))

    def walks(self, terms: Terms, tier_rows: float, limit: int) -> bool:
        """Whether a tier of ``tier_rows`` documents is best read newest first, checking each
        document, rather than through the GIN index, to find ``limit`` matches. The index
        decodes every entry of the rarest word in the whole table (about 0.3 us each here);
        the walk checks the documents until it has ``limit`` (one word: about ``limit /
        share`` of them; several words are rarer together than anyone knows: the whole
        tier), at about the same cost for one lexeme and 1.5 times more for each further
        one. "week", in 7% of the documents: 40 -> 3 ms."""
        if self.rows <= 0:
            return False
        share = self.rarest_share(terms)
        lexemes = sum(len(forms) for forms in terms.lexemes)
        if terms.prefix and terms.prefix not in terms.lexemes[-1]:
            lexemes += 1
        walked = tier_rows
        if len(terms.lexemes) == 1 and share > 0:
            walked = min(tier_rows, limit / share)
        return walked * (1 + WALK_COST_PER_LEXEME * (lexemes - 1)) <= share * self.rows

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
    documents: QuerySet,
    terms: Terms,
    columns,
    limit: int,
    *,
    where: tuple | None = None,
    name: str = "m",
    gate: str = "",
    tiers: int | None = None,
) -> tuple[list[str], list]:
    """``newest_matches`` as CTEs for a statement of one's own (the last, ``name``, holds the
    matches; the tiers are ``<name>_t1``...) and their parameters. ``where``:
    ``conditions(documents)``, when known. ``gate``: SQL (without parameters) that must hold
    for anything to be read. ``tiers``: only the newest ``tiers`` tiers, never the rest."""
    where, where_params = where or conditions(documents)
    columns = list(dict.fromkeys([*columns, "id", "created_at"]))
    select = ", ".join(f"{TABLE}.{connection.ops.quote_name(column)}" for column in columns)
    stats = index_stats()
    rarest = stats.rarest(terms)
    shares = [s for s in TIER_SHARES if stats.newest_bound(stats.rows * s)]
    bounds = [stats.newest_bound(stats.rows * s) for s in shares]
    if tiers is not None and len(bounds) > tiers:
        shares, bounds = shares[:tiers], bounds[:tiers]
    pairs = list(zip([None, *bounds], [*bounds, None], strict=True))
    last = tiers is None or not bounds  # The oldest documents are read too.
    if not last:
        pairs = pairs[:-1]
    gated = f" AND ({gate})" if gate else ""
    ctes, params = [], []
    for number, (newer, older) in enumerate(pairs, start=1):
        if older is not None and stats.walks(
            terms,
            stats.rows * (shares[number - 1] - (shares[number - 2] if number > 1 else 0)),
            limit,
        ):
            # A common word: walk the tier newest first (no index serves ``ts_match_vq``).
            tests = [where, "ts_match_vq(vector, %s::tsquery)", "created_at >= %s"]
            tier_params = [*where_params, terms.tsquery(), older]
            if newer is not None:
                tests.append("created_at < %s")
                tier_params.append(newer)
            order = "created_at DESC, id DESC"
        elif older is None:
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
        tier = f"{name}_t"
        if number > 1:
            found = " + ".join(f"(SELECT count(*) FROM {tier}{n})" for n in range(1, number))
            more = f" AND (SELECT count(*) FROM {tier}1) > {FEW_IN_NEWEST}" if last else ""
            tier_sql = f"SELECT * FROM ({tier_sql}) s WHERE {found} < {int(limit)}{more}{gated}"
        elif gate:
            tier_sql = f"SELECT * FROM ({tier_sql}) s WHERE {gate}"
        ctes.append(f"{tier}{number} AS MATERIALIZED ({tier_sql})")
        params += tier_params
    count = len(ctes)
    if bounds and last:
        # Few matches among the newest documents: likely few in all. The rest is then read
        # at once through the GIN index with the whole query (the words' entries intersected
        # in the index), never through the dates' index.
        age = "created_at + interval '0 seconds'"
        ctes.append(
            f"{name}_t{count + 1} AS MATERIALIZED (SELECT * FROM (SELECT {select} FROM {TABLE}"
            f" WHERE {where} AND vector @@ %s::tsquery AND {age} < %s"
            f" ORDER BY {age} DESC, id DESC LIMIT {int(limit)}) s"
            f" WHERE (SELECT count(*) FROM {name}_t1) <= {FEW_IN_NEWEST}{gated})"
        )
        params += [*where_params, terms.tsquery(), bounds[0]]
    union = " UNION ALL ".join(f"SELECT * FROM {name}_t{n}" for n in range(1, len(ctes) + 1))
    ctes.append(f"{name} AS ({union} ORDER BY created_at DESC, id DESC LIMIT {int(limit)})")
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
