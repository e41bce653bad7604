"""The three-way merge behind edit conflicts (wiki.merge): changes to different lines both
stay; changes to the same lines are kept side by side between markers."""

from wiki.merge import has_conflict_markers, merge3

BASE = "Title\n\nStep one: fill the form.\n\nStep two: ask your manager.\n\nStep three: send it."


def test_changes_to_different_lines_merge_cleanly():
    mine = BASE.replace("fill the form", "fill form A-1")
    theirs = BASE.replace("send it.", "send it to finance.")

    text, clean = merge3(BASE, mine, theirs)

    assert clean is True
    assert text == BASE.replace("fill the form", "fill form A-1").replace(
        "send it.", "send it to finance."
    )
    assert not has_conflict_markers(text)


def test_lines_added_on_both_sides_in_different_places_merge_cleanly():
    mine = "Intro\n" + BASE
    theirs = BASE + "\nStep four: archive it."

    text, clean = merge3(BASE, mine, theirs)

    assert clean is True
    assert text == "Intro\n" + BASE + "\nStep four: archive it."


def test_the_same_change_on_both_sides_is_taken_once():
    changed = BASE.replace("ask your manager", "ask your team lead")

    assert merge3(BASE, changed, changed) == (changed, True)


def test_one_side_unchanged_takes_the_other():
    changed = BASE.replace("Title", "New title")

    assert merge3(BASE, BASE, changed) == (changed, True)
    assert merge3(BASE, changed, BASE) == (changed, True)


def test_overlapping_changes_keep_both_versions_between_markers():
    mine = BASE.replace("ask your manager", "ask your team lead")
    theirs = BASE.replace("ask your manager", "ask the finance desk")

    text, clean = merge3(BASE, mine, theirs, mine_label="yours", theirs_label="revision 3")

    assert clean is False
    assert has_conflict_markers(text)
    assert (
        "<<<<<<< yours\nStep two: ask your team lead.\n=======\n"
        "Step two: ask the finance desk.\n>>>>>>> revision 3"
    ) in text
    # The lines nobody changed stay once, around the conflict.
    assert text.startswith("Title\n\nStep one: fill the form.\n\n<<<<<<<")
    assert text.endswith(">>>>>>> revision 3\n\nStep three: send it.")


def test_a_line_removed_on_one_side_and_changed_on_the_other_overlaps():
    mine = BASE.replace("Step two: ask your manager.\n\n", "")
    theirs = BASE.replace("ask your manager", "ask HR")

    text, clean = merge3(BASE, mine, theirs)

    assert clean is False
    assert "Step two: ask HR." in text
