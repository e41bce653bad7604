"""Offline language detection for short workplace texts: English, Indonesian or other.

Counts very common words of each language (function words, chat forms and frequent
affixed forms). It runs on every write, so it is a set lookup per word, nothing more.
Text with no words of either (code, emoji only, German...) is "other"."""

import re

from analytics.models import Language
from analytics.sentiment import lexicon

WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*", re.UNICODE)

ENGLISH = frozenset(
    """
    a about after again all also am an and any are aren't as at be because been before being
    but by can can't could couldn't did didn't do does doesn't doing don't done down during
    each every few for from get gets getting got had has hasn't have haven't having he her here
    hers him his how i i'm i've i'll if in into is isn't it it's its just keep keeps know let
    let's like made make many may me more most much must my need needs never new next no nobody
    not nothing now of off on once one only or other our ours out over please really same she
    should so some still such than thank thanks that the their them then there these they this
    those through to today too tomorrow under until up us very was wasn't we we're well were
    weren't what when where which while who whom why will with without won't would wouldn't yet
    you you're your yours yesterday week anyone everyone someone something feel felt since
    lot lots
    """.split()
)

INDONESIAN = frozenset(
    """
    ada adalah agak agar aja akan aku aku akhir anda apa apakah atau atas bagaimana bahwa banget
    bagi baru belum benar bener besok bgt bikin bisa buat bukan bulan cuma dalam dan dari dengan
    dgn deh di dia dong dulu enggak gak ga gimana gitu hari harus ini itu iya jadi jam jangan
    juga kalau kalo kami kamu kan karena kayak ke kemarin kenapa kita kok lagi lah mana masih
    mau memang mereka minggu mohon nanti ngga nggak nih pada padahal pagi para pas pernah pun
    saja saat sama sampai sangat saya sebelum sedang sekali semua sempat seperti sih siapa
    silakan soal sore sudah supaya tadi tahu tapi telah tentang terima tidak tiap tolong udah
    untuk yang yg ya sekarang tim kerja kantor terus makasih dapat jadi lebih kurang banyak
    sedikit kasih gara-gara senin selasa rabu kamis jumat sabtu depan tanggal
    belakang setelah sejak tanpa oleh tak tdk blm udh sdh gk krn jg tp utk
    """.split()
)

# Affixes of Indonesian words, for words in neither list (``dipindah``, ``laporannya``).
ID_AFFIX = re.compile(
    r"^(?:me[mn]?g?|di|ber|ter|ke|se|pe[mn]?g?)[a-z]{3,}$|^[a-z]{3,}(?:nya|kan|lah|kah)$"
)


# Words both lexicons know (the workplace vocabulary, loanwords): no evidence either way.
SHARED = frozenset({"ok", "oke", "top", "bonus", "bug", "error", "down", "crash", "hang"})


def words(text: str) -> list[str]:
    return [w.lower() for w in WORD.findall(text)]


def detect_language(text: str) -> str:
    """``Language.ENGLISH``, ``Language.INDONESIAN`` or ``Language.OTHER`` for ``text``."""
    tokens = words(text)
    if not tokens:
        return Language.OTHER
    english = indonesian = 0.0
    affixed = 0
    english_words, indonesian_words = lexicon.english(), lexicon.indonesian()
    for token in tokens:
        if token in INDONESIAN:
            indonesian += 1
        elif token in ENGLISH:
            english += 1
        # Sentiment words are weaker evidence ("Great news!", "Toiletnya kotor"); a word
        # both lexicons know is English (Indonesian chat borrows English words).
        elif token in english_words and token not in SHARED:
            english += 0.5
        elif token in indonesian_words and token not in english_words:
            indonesian += 0.5
        elif ID_AFFIX.match(token):
            affixed += 1
    if english == indonesian == 0:
        return Language.OTHER  # Code, emoji, or a language that shares none of these words.
    indonesian += 0.5 * affixed
    # Long text with hardly any known words is some other language that shares a few.
    if len(tokens) >= 8 and (english + indonesian) / len(tokens) < 0.1:
        return Language.OTHER
    return Language.INDONESIAN if indonesian >= english else Language.ENGLISH
