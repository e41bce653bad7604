"""Key phrases of a piece of writing: the one- to three-word phrases the Conversation
dashboard counts for its emerging topics. Stored with each public item when it is scored
(``ContentSentiment.phrases``), so the dashboard never reads text at request time."""

import re

PHRASE_TEXT = 300  # Characters read per text field: the start says what it is about.

STOPWORDS = frozenset(
    # English
    """a about above after again against all also am an and any are as at be because been
    before being below between both but by can could did do does doing done down during each
    even ever every few for from further get gets got had has have having he her here hers him
    his how however i if in into is it its itself just let like may me might more most much
    must my no nor not now of off on once one only or other our ours out over own please same
    she should since so some still such than thanks thank that the their theirs them then there
    these they this those though through to too under until up upon us very via was we well
    were what when where whether which while who whom whose why will with within without would
    yes yet you your yours see today tomorrow yesterday really thing things make made new
    http https www com"""
    # Indonesian
    """ada adalah agar akan aku anda apa apakah atau bagaimana bahwa baik banyak baru belum
    bisa boleh buat bukan dalam dan dapat dari dengan di dia harus hal hanya ini itu jadi jika
    juga kalau kami kamu karena ke kembali kita ku lagi lain lebih masih mau mereka meski mungkin
    nya oleh pada para per perlu saat saja sama sampai sangat saya sebagai sebelum sedang
    sekali semua sendiri seperti setelah sih sini situ sudah supaya tapi tentang terima kasih
    tersebut tetapi tidak untuk waktu yaitu yang ya dong deh kok pun lah kah nah gak nggak enggak
    aja udah hari besok kemarin tolong mohon""".split()
)
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_BREAK = re.compile(r"[.!?;:,()\[\]{}\"“”|\n]+")
_NOISE = re.compile(r"https?://\S+|www\.\S+|[@#][\w.-]+|`[^`]*`")


def key_phrases(text: str) -> set[str]:
    """The one- to three-word phrases of ``text`` (lower case, within a sentence or clause),
    none starting or ending with a stopword or a word under three letters; mentions, hashtags
    (counted as tags), links and code left out."""
    found = set()
    for clause in _BREAK.split(_NOISE.sub(" . ", text.lower())):
        words = _WORD.findall(clause)
        useful = [len(word) >= 3 and word not in STOPWORDS for word in words]
        for start, word in enumerate(words):
            if not useful[start]:
                continue
            found.add(word)
            for end in (start + 2, start + 3):
                if end <= len(words) and useful[end - 1]:
                    found.add(" ".join(words[start:end]))
    return found


def item_phrases(*texts: str | None) -> list[str]:
    """The sorted key phrases of an item from its text fields (title, then body), the start
    of each (``PHRASE_TEXT`` characters) as written."""
    return sorted(key_phrases(".\n".join((text or "")[:PHRASE_TEXT] for text in texts)))
