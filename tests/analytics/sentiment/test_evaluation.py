import re

import pytest
from django.core.management import CommandError, call_command

from analytics.sentiment.evaluation import EVAL_FILE, evaluate, read_examples


def test_the_shipped_set_has_enough_sentences_in_each_language_and_class():
    examples = read_examples(EVAL_FILE)
    counts = {}
    for example in examples:
        key = (example.language, example.label)
        counts[key] = counts.get(key, 0) + 1
    assert len(examples) >= 300
    assert sum(n for (language, _), n in counts.items() if language == "en") >= 150
    assert sum(n for (language, _), n in counts.items() if language == "id") >= 150
    assert min(counts.values()) >= 50


def test_macro_f1_reaches_the_target_on_each_language_of_the_held_out_set():
    reports = evaluate(read_examples(EVAL_FILE))
    assert reports["en"].macro_f1 >= 0.70
    assert reports["id"].macro_f1 >= 0.70


def test_the_command_prints_the_figures_per_language(capsys):
    call_command("sentiment_eval")
    out = capsys.readouterr().out
    assert re.search(r"^en: n=163 accuracy=0\.\d{3} macro-F1=0\.\d{3}$", out, re.M)
    assert re.search(r"^id: n=165 accuracy=0\.\d{3} macro-F1=0\.\d{3}$", out, re.M)
    assert out.count("confusion (rows: gold, columns: predicted)") == 2
    assert out.count("precision    recall        F1") == 2


def test_a_small_file_gives_exact_figures(tmp_path, capsys):
    path = tmp_path / "mini.tsv"
    path.write_text(
        "# a note\nlanguage\tlabel\ttext\n"
        "en\tpositive\tGreat job, thank you!\n"
        "en\tnegative\tThe outage was terrible.\n"
        "en\tneutral\tThe meeting is at 10am.\n"
        "en\tpositive\tThe meeting is at 11am.\n",
        encoding="utf-8",
    )
    call_command("sentiment_eval", file=str(path))
    out = capsys.readouterr().out
    assert "en: n=4 accuracy=0.750 macro-F1=0.778" in out
    assert "  positive       1.000     0.500     0.667" in out
    assert "  positive           1         1         0" in out
    assert "  neutral            0         1         0" in out
    assert "  negative           0         0         1" in out


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("lang\tlabel\ttext\nen\tpositive\tgood\n", "line 1: the header must be"),
        ("language\tlabel\ttext\nen\tpositive\n", "line 2: expected 3 tab-separated columns"),
        ("language\tlabel\ttext\nfr\tpositive\tbien\n", "line 2: unknown language 'fr'"),
        ("language\tlabel\ttext\nen\tgreat\tgood\n", "line 2: unknown label 'great'"),
        ("language\tlabel\ttext\n", "no labelled examples"),
    ],
)
def test_a_malformed_file_stops_the_command_with_a_clear_message(tmp_path, content, message):
    path = tmp_path / "bad.tsv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CommandError, match=re.escape(message)):
        call_command("sentiment_eval", file=str(path))


def test_a_missing_file_stops_the_command(tmp_path):
    with pytest.raises(CommandError, match="cannot read the file"):
        call_command("sentiment_eval", file=str(tmp_path / "nope.tsv"))
