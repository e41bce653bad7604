"""The lexicons the scorer reads, loaded once per process from the files beside this module.

Sources and licences: ``analytics/sentiment/data/NOTICE.md``. Scores are on VADER's scale,
-4 (most negative) .. 4 (most positive); keys are lower-case words or phrases of up to three
words separated by single spaces."""

from functools import cache
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _rows(name: str):
    with open(HERE / name, encoding="utf-8") as handle:
        for line in handle:
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("# "):
                continue
            yield line.split("\t")


@cache
def english() -> dict[str, float]:
    """VADER's lexicon with the workplace vocabulary on top of it."""
    words = {row[0]: float(row[1]) for row in _rows("vader_lexicon.txt")}
    words.update(workplace())
    return words


@cache
def indonesian() -> dict[str, float]:
    words = dict(workplace())
    words.update((row[0], float(row[1])) for row in _rows("id.tsv"))
    return words


@cache
def workplace() -> dict[str, float]:
    return {row[0]: float(row[1]) for row in _rows("workplace.tsv")}


@cache
def emoji() -> dict[str, float]:
    return {row[0]: float(row[1]) for row in _rows("emoji.tsv")}


@cache
def indonesian_slang() -> dict[str, tuple[str, ...]]:
    """Informal spelling -> the standard word or words (``gaada`` -> ``tidak ada``)."""
    return {row[0]: tuple(row[1].split()) for row in _rows("id_slang.tsv")}
