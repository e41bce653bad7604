import pytest

from analytics.sentiment.language import detect_language


@pytest.mark.parametrize(
    "text",
    [
        "The deadline for the proposal is next Friday.",
        "Thanks, it works now!",
        "I'm not sure who owns this.",
    ],
)
def test_english_is_detected(text):
    assert detect_language(text) == "en"


@pytest.mark.parametrize(
    "text",
    [
        "Rapat umum dipindah ke hari Kamis jam 10 pagi.",
        "gak bisa login dari tadi pagi",
        "Makasih ya, udah beres",
        # Mixed chat: Indonesian with English workplace words is Indonesian.
        "Deadline-nya besok tapi approval belum keluar, gimana dong?",
    ],
)
def test_indonesian_is_detected(text):
    assert detect_language(text) == "id"


@pytest.mark.parametrize(
    "text",
    [
        "",
        "🎉🎉👍",
        "SELECT 1; 42 == 42",
        "Die Besprechung beginnt morgen um zehn Uhr im großen Saal.",
        "会議は明日の十時です",
    ],
)
def test_code_emoji_and_other_languages_are_other(text):
    assert detect_language(text) == "other"
