"""Measuring the scorer on a labelled set: accuracy, macro-F1, per-class figures, confusion.

The shipped set (``data/eval.tsv``) was written for Kolega before the scorer and is held out:
the lexicons and rules were tuned on ``data/dev.tsv`` only."""

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from analytics.models import Language, Sentiment
from analytics.sentiment.scorer import score_text

DATA = Path(__file__).resolve().parent / "data"
EVAL_FILE = DATA / "eval.tsv"
DEV_FILE = DATA / "dev.tsv"
LABELS = (Sentiment.POSITIVE, Sentiment.NEUTRAL, Sentiment.NEGATIVE)
LANGUAGES = (Language.ENGLISH, Language.INDONESIAN)
HEADER = ["language", "label", "text"]


class MalformedFile(ValueError):
    """The labelled file cannot be read; the message says where and why."""


@dataclass(frozen=True)
class Example:
    language: str
    label: str
    text: str


@dataclass
class Report:
    language: str
    confusion: Counter = field(default_factory=Counter)  # (gold, predicted) -> count

    @property
    def n(self) -> int:
        return sum(self.confusion.values())

    @property
    def accuracy(self) -> float:
        right = sum(self.confusion[(label, label)] for label in LABELS)
        return right / self.n if self.n else 0.0

    def precision(self, label) -> float:
        predicted = sum(self.confusion[(gold, label)] for gold in LABELS)
        return self.confusion[(label, label)] / predicted if predicted else 0.0

    def recall(self, label) -> float:
        gold = sum(self.confusion[(label, predicted)] for predicted in LABELS)
        return self.confusion[(label, label)] / gold if gold else 0.0

    def f1(self, label) -> float:
        p, r = self.precision(label), self.recall(label)
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def macro_f1(self) -> float:
        return sum(self.f1(label) for label in LABELS) / len(LABELS)


def read_examples(path: Path | str) -> list[Example]:
    """The examples of a TSV file (header ``language label text``; ``# `` lines are notes).
    Raises MalformedFile naming the line of the first problem."""
    try:
        with open(path, encoding="utf-8") as handle:
            lines = handle.read().splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise MalformedFile(f"{path}: cannot read the file ({error}).") from None
    examples, header_seen = [], False
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.startswith("#"):
            continue
        columns = line.split("\t")
        if not header_seen:
            if columns != HEADER:
                raise MalformedFile(
                    f"{path}, line {number}: the header must be the tab-separated columns "
                    f"{' '.join(HEADER)}."
                )
            header_seen = True
            continue
        if len(columns) != 3 or not columns[2].strip():
            raise MalformedFile(
                f"{path}, line {number}: expected 3 tab-separated columns "
                f"(language, label, text), found {len(columns)}."
            )
        language, label, text = columns
        if language not in LANGUAGES:
            raise MalformedFile(
                f"{path}, line {number}: unknown language {language!r} "
                f"(expected {' or '.join(LANGUAGES)})."
            )
        if label not in LABELS:
            raise MalformedFile(
                f"{path}, line {number}: unknown label {label!r} (expected {', '.join(LABELS)})."
            )
        examples.append(Example(language, label, text))
    if not examples:
        raise MalformedFile(f"{path}: no labelled examples.")
    return examples


def evaluate(examples: list[Example]) -> dict[str, Report]:
    """One report per language present, scoring each text in its labelled language."""
    reports: dict[str, Report] = {}
    for example in examples:
        report = reports.setdefault(example.language, Report(example.language))
        predicted = score_text(example.text, example.language).label
        report.confusion[(example.label, predicted)] += 1
    return reports
