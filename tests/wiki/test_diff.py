"""The readable difference between two texts (wiki.diff): lines added, removed and changed,
words marked inside changed lines, long unchanged stretches folded, everything escaped."""

from wiki.diff import CHANGE, DELETE, EQUAL, INSERT, SKIP, diff_counts, diff_revisions


def kinds(rows) -> list[str]:
    return [row.kind for row in rows]


def test_a_changed_line_marks_the_words_taken_out_and_put_in():
    rows = diff_revisions("The VAT rate is 10 percent.", "The VAT rate is 11 percent.")

    assert kinds(rows) == [CHANGE]
    row = rows[0]
    assert row.old_number == row.new_number == 1
    assert row.old_html == "The VAT rate is <del>10</del> percent."
    assert row.new_html == "The VAT rate is <ins>11</ins> percent."


def test_added_and_removed_lines_are_whole_lines():
    rows = diff_revisions("one\ntwo\nthree", "one\nthree\nfour")

    assert kinds(rows) == [EQUAL, DELETE, EQUAL, INSERT]
    assert rows[1].old_number == 2 and rows[1].old_html == "<del>two</del>"
    assert rows[3].new_number == 3 and rows[3].new_html == "<ins>four</ins>"
    assert diff_counts(rows) == (1, 1)


def test_a_line_rewritten_completely_is_a_removal_and_an_addition():
    rows = diff_revisions("Keep receipts.", "Ask finance first!")

    assert kinds(rows) == [DELETE, INSERT]


def test_everything_in_the_texts_is_escaped():
    rows = diff_revisions(
        "Hello <b>team</b>\nsame",
        "Hello <script>alert(1)</script>\nsame\n<img src=x onerror=alert(1)>",
    )

    html = "".join(str(row.old_html) + str(row.new_html) for row in rows)
    assert "<script" not in html and "<img" not in html and "<b>" not in html
    assert "&lt;<ins>script</ins>&gt;<ins>alert(1)</ins>&lt;/<ins>script</ins>&gt;" in html
    assert "&lt;<del>b</del>&gt;<del>team</del>&lt;/<del>b</del>&gt;" in html
    assert "<ins>&lt;img src=x onerror=alert(1)&gt;</ins>" in html


def test_long_unchanged_stretches_fold_into_one_row():
    old = "\n".join(f"line {n}" for n in range(1, 41))
    new = old.replace("line 20", "line twenty")

    rows = diff_revisions(old, new)

    assert kinds(rows) == [SKIP, EQUAL, EQUAL, EQUAL, CHANGE, EQUAL, EQUAL, EQUAL, SKIP]
    assert rows[0].skipped == 16 and rows[-1].skipped == 17
    assert [row.old_number for row in rows[1:4]] == [17, 18, 19]
    assert len(diff_revisions(old, new, context=None)) == 40


def test_the_same_text_twice_has_no_changes():
    rows = diff_revisions("a\nb\nc\nd\ne", "a\nb\nc\nd\ne")

    assert diff_counts(rows) == (0, 0)
    assert kinds(rows) == [SKIP]


def test_from_nothing_every_line_is_added():
    rows = diff_revisions("", "first\nsecond")

    assert kinds(rows) == [INSERT, INSERT]
    assert diff_counts(rows) == (2, 0)
