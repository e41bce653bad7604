"""What a search looks for, and how matches are shown.

``query_words`` turns what someone typed into plain words: letters and digits only, so no
operator, quote or backslash of ``to_tsquery`` (or of SQL) ever reaches the database as
syntax. On PostgreSQL the words become ``Terms`` (their stems, asked of the database) and the
full-text query is built from those, each lexeme quoted; on SQLite ``word_pattern`` matches
the words as word prefixes.

Highlighting marks matches with two private control characters (the database or
``mark_prefixes`` puts them around matching words); ``marked_html`` escapes the text and only
then turns the markers into ``<mark>``, so nothing from a document is ever trusted as HTML.
"""

import re
from dataclasses import dataclass

from django.contrib.postgres.search import SearchQueryField
from django.db.models import Expression, F, TextField
from django.db.models.expressions import RawSQL
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

MAX_WORDS = 10
# Longer "words" are pasted junk; PostgreSQL ignores lexemes past 2 KB anyway.
MAX_WORD_LENGTH = 60
# A shorter last word is not expanded as a prefix: "a:*" would match most of the index.
MIN_PREFIX_LENGTH = 3

MARK_START = "\x02"
MARK_END = "\x03"
_MARKERS = re.compile(f"[{MARK_START}{MARK_END}]")
_WORD = re.compile(r"[^\W_]+")
_TOKEN = re.compile(r"\S+")
SNIPPET_WORDS = 30
# Words shown before the first match, so a snippet reads as a sentence, not a fragment.
SNIPPET_LEAD = 8


def query_words(text: str) -> list[str]:
    """The words of ``text`` to search for: lower-case letters and digits, at most
    ``MAX_WORDS``, each once; punctuation and query syntax (``& | ! ( ) : * ' \\``) dropped."""
    words = []
    for word in _WORD.findall((text or "")[:2000].lower()):
        word = word[:MAX_WORD_LENGTH]
        if word not in words:
            words.append(word)
        if len(words) == MAX_WORDS:
            break
    return words


# Every form of a word the index may hold: its English and Indonesian stems and the word as
# written; and the latter alone (one query for all the words: ``lexemes_of``).
LEXEMES_SQL = (
    "SELECT tsvector_to_array(to_tsvector('english'::regconfig, w)"
    " || to_tsvector('indonesian'::regconfig, w) || to_tsvector('simple'::regconfig, w)),"
    " tsvector_to_array(to_tsvector('simple'::regconfig, w))"
    " FROM unnest(%s::text[]) WITH ORDINALITY AS u(w, n) ORDER BY n"
)


@dataclass(frozen=True)
class Terms:
    """The words of a search as the index knows them: for each word, its lexemes (any of them
    matches); ``prefix``: the last word, also matched as a prefix (search as you type), or ""."""

    words: tuple[str, ...]
    lexemes: tuple[tuple[str, ...], ...]
    prefix: str = ""

    def tsquery(self, *, match_all: bool = True) -> str:
        """The ``tsquery`` (as text, each lexeme quoted): every word (``match_all``) or any."""
        parts = []
        for number, lexemes in enumerate(self.lexemes, start=1):
            typing = self.prefix and number == len(self.lexemes)
            items = [_quoted(lexeme) for lexeme in lexemes if not typing or lexeme != self.prefix]
            if typing:
                items.append(_quoted(self.prefix) + ":*")
            if items:
                parts.append("(" + " | ".join(items) + ")")
        return (" & " if match_all else " | ").join(parts)


def _quoted(lexeme: str) -> str:
    return "'" + lexeme.replace("\\", "\\\\").replace("'", "''") + "'"


def lexemes_of(words: list[str], cursor) -> list[tuple[tuple[str, ...], str]]:
    """Each word's lexemes, and the word as the index writes it ("" when it is not one
    lexeme), with ``cursor`` on PostgreSQL."""
    cursor.execute(LEXEMES_SQL, [words])
    return [
        (tuple(every or ()), written[0] if written and len(written) == 1 else "")
        for every, written in cursor.fetchall()
    ]


class SQL(Expression):
    """SQL around other expressions, each resolved where it is used (a column keeps the right
    table alias inside a subquery): ``SQL("{} @@ {}", F("vector"), TsQuery(words))``. The
    template holds no parameters of its own (write ``%%`` for ``%``)."""

    def __init__(self, template: str, *expressions, output_field=None):
        super().__init__(output_field=output_field)
        self.template = template
        self.expressions = list(expressions)

    def get_source_expressions(self):
        return self.expressions

    def set_source_expressions(self, expressions):
        self.expressions = list(expressions)

    def as_sql(self, compiler, connection):
        parts, params = [], []
        for expression in self.expressions:
            sql, expression_params = compiler.compile(expression)
            parts.append(sql)
            params.extend(expression_params)
        return self.template.format(*parts), params


def over(expression: SQL, alias: str) -> SQL:
    """``expression`` with its columns (``F("name")``) read from ``alias`` (a CTE's rows)."""
    return SQL(
        expression.template,
        *(
            RawSQL(f"{alias}.{e.name}", []) if isinstance(e, F) else e
            for e in expression.expressions
        ),
        output_field=expression.output_field,
    )


class TsQuery(Expression):
    """``terms.tsquery()`` as an expression: a constant, known to the planner."""

    output_field = SearchQueryField()

    def __init__(self, terms: Terms, *, match_all: bool = True):
        super().__init__()
        self.terms, self.match_all = terms, match_all

    def as_sql(self, compiler, connection):
        return "%s::tsquery", [self.terms.tsquery(match_all=self.match_all)]


_HEADLINE_OPTIONS = f"'HighlightAll=true, StartSel={MARK_START}, StopSel={MARK_END}'"
_HEADLINE = (
    "ts_headline('english'::regconfig, ts_headline('indonesian'::regconfig,"
    f" translate({{}}, E'\\x02\\x03', ''), {{}}, {_HEADLINE_OPTIONS}), {{}}, {_HEADLINE_OPTIONS})"
)


def highlighted(text: Expression, terms: Terms) -> SQL:
    """``text`` with the markers around every word matching one of ``terms``: once as parsed in
    Indonesian, once in English (a word may match in either), the whole text kept. The text's
    own control characters are dropped first, so every marker is ours."""
    any_word = TsQuery(terms, match_all=False)
    return SQL(_HEADLINE, text, any_word, any_word, output_field=TextField())


# --- SQLite and quick highlighting ---------------------------------------------------------------


def word_pattern(word: str) -> str:
    """A regular expression (Python's, as Django's SQLite REGEXP runs it) for a word that
    starts with ``word``."""
    return r"(?<![^\W_])" + re.escape(word)


def mark_prefixes(text: str, words: list[str]) -> str:
    """``text`` with the markers around each word that starts with one of ``words``."""
    if not text or not words:
        return text or ""
    pattern = re.compile(
        r"(?<![^\W_])(?:" + "|".join(re.escape(w) for w in words) + r")[^\W_]*", re.IGNORECASE
    )
    return pattern.sub(lambda m: f"{MARK_START}{m.group(0)}{MARK_END}", _MARKERS.sub("", text))


# --- markers to HTML -----------------------------------------------------------------------------


def _balanced(text: str) -> str:
    """Markers collapsed (a word matched twice is marked once) and balanced."""
    out, inside = [], False
    for piece in re.split(f"([{MARK_START}{MARK_END}])", text):
        if piece == MARK_START:
            if not inside:
                out.append(piece)
                inside = True
        elif piece == MARK_END:
            if inside:
                out.append(piece)
                inside = False
        else:
            out.append(piece)
    if inside:
        out.append(MARK_END)
    return "".join(out).replace(f"{MARK_START}{MARK_END}", "")


def marked_html(text: str) -> SafeString:
    """``text`` escaped, with its marked words in ``<mark>``."""
    html = escape(_balanced(text or ""))
    return mark_safe(html.replace(MARK_START, "<mark>").replace(MARK_END, "</mark>"))  # noqa: S308


def snippet_html(
    text: str, *, words: int = SNIPPET_WORDS, cut_before: bool = False, cut_after: bool = False
) -> SafeString:
    """About ``words`` words of marked ``text`` around its first match (its beginning when
    nothing is marked), escaped, with "…" where text was left out. ``cut_before`` /
    ``cut_after``: ``text`` is a window of a longer text, possibly cut inside a word."""
    tokens = _TOKEN.findall(_balanced(text or ""))
    if cut_before:
        tokens = tokens[1:]
    if cut_after:
        tokens = tokens[:-1]
    if not tokens:
        return mark_safe("")
    first = next((i for i, token in enumerate(tokens) if MARK_START in token), 0)
    start = min(max(0, first - SNIPPET_LEAD), max(0, len(tokens) - words))
    end = min(len(tokens), start + words)
    before = "… " if start > 0 or cut_before else ""
    after = " …" if end < len(tokens) or cut_after else ""
    return mark_safe(f"{before}{marked_html(' '.join(tokens[start:end]))}{after}")  # noqa: S308
