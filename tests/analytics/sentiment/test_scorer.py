import pytest

from analytics.sentiment.scorer import score_text


def label(text, language=None):
    return score_text(text, language).label


def test_scores_are_between_minus_one_and_one():
    assert 0 < score_text("Great great great job, amazing, excellent!!!").value <= 1
    assert -1 <= score_text("Terrible, awful, horrible outage, I hate it!!!").value < 0


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The release is good.", "positive"),
        ("The release is not good.", "negative"),
        ("The VPN isn't working.", "negative"),
        ("I never get a useful answer from them.", "negative"),
        ("Honestly the new process is not bad.", "positive"),
        ("Rilisnya bagus.", "positive"),
        ("Rilisnya tidak bagus.", "negative"),
        ("Penjelasannya gak jelas.", "negative"),
        ("Bukan masalah, semua lancar.", "positive"),
        ("Tidak ada keluhan dari pelanggan.", "positive"),
        ("Aplikasinya nggak bisa dibuka.", "negative"),
    ],
)
def test_negation_flips_the_words_in_its_scope(text, expected):
    assert label(text) == expected


def test_negation_does_not_reach_past_the_end_of_its_clause():
    assert label("Not sure yet, but the demo was great.") == "positive"
    assert label("Belum tahu, tapi demonya keren.") == "positive"


def test_intensifiers_strengthen_and_downtoners_weaken_in_english():
    plain = score_text("The launch was good.").value
    assert score_text("The launch was very good.").value > plain
    assert score_text("The launch was slightly good.").value < plain


def test_intensifiers_strengthen_and_downtoners_weaken_in_indonesian():
    plain = score_text("Hasilnya bagus.").value
    assert score_text("Hasilnya sangat bagus.").value > plain
    assert score_text("Hasilnya bagus banget.").value > plain
    assert score_text("Hasilnya bagus bgt.").value == score_text("Hasilnya bagus banget.").value
    assert score_text("Hasilnya bagus sekali.").value > plain
    assert score_text("Hasilnya agak bagus.").value < plain


@pytest.mark.parametrize(
    ("informal", "formal"),
    [
        ("Hasilnya gak bagus.", "Hasilnya tidak bagus."),
        ("Hasilnya ga bagus.", "Hasilnya tidak bagus."),
        ("Hasilnya nggak bagus.", "Hasilnya tidak bagus."),
        ("Hasilnya enggak bagus.", "Hasilnya tidak bagus."),
        ("Hasilnya ngga bagus.", "Hasilnya tidak bagus."),
        ("Hasilnya tdk bagus.", "Hasilnya tidak bagus."),
        ("Hasilnya bagusss!", "Hasilnya bagus!"),
        ("Capek bgt hari ini.", "Capek banget hari ini."),
        ("Cape banget hari ini.", "Capek banget hari ini."),
        ("Udah beres, mantul!", "Sudah beres, mantap!"),
    ],
)
def test_informal_indonesian_spellings_score_as_their_standard_form(informal, formal):
    assert score_text(informal, "id") == score_text(formal, "id")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Lembur terus tiap minggu, burnout parah.", "negative"),
        ("Telat gajian lagi bulan ini.", "negative"),
        ("Approval-nya nyangkut dan deadline-nya molor.", "negative"),
        ("Selamat atas promosinya, bonusnya juga cair!", "positive"),
        ("Another outage and more layoffs, morale is low.", "negative"),
        ("Overtime every weekend, I'm burned out.", "negative"),
        ("The bug is fixed and the release shipped on time.", "positive"),
    ],
)
def test_workplace_vocabulary_counts(text, expected):
    assert label(text) == expected


def test_the_clause_after_but_or_tapi_weighs_more():
    assert label("It was slow at first, but now it is excellent.") == "positive"
    assert label("The office is nice but the workload is awful and unfair.") == "negative"
    assert label("Awalnya lambat, tapi sekarang lancar dan mantap.") == "positive"
    assert label("Kantornya bagus, tapi gajinya kecil dan lemburnya parah.") == "negative"


def test_emoji_emoticons_and_exclamation_marks_count():
    assert label("Demo hari Jumat 🎉") == "positive"
    assert label("Demo on Friday :(") == "negative"
    assert score_text("Great news!!!").value > score_text("Great news.").value
    assert label("🎉👍", "other") == "positive"


def test_plain_facts_are_neutral():
    assert label("The all-hands meeting is moved to Thursday at 10am.") == "neutral"
    assert label("Rapat umum dipindah ke hari Kamis jam 10 pagi.") == "neutral"


def test_but_only_weighs_the_sentence_it_is_in():
    # "great" is not in the sentence of the "but", so it keeps its full weight.
    one_sentence = score_text("The team is great, the canteen is okay but slow.").value
    two_sentences = score_text("The team is great. The canteen is okay but slow.").value
    assert two_sentences > one_sentence
    assert label("The team is great. The canteen is okay but slow.") == "positive"
