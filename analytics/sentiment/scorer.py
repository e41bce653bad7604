"""A lexicon- and rule-based sentiment scorer for English and Indonesian workplace text.

The rules follow VADER (Hutto & Gilbert, 2014), written once for both languages:

- words and phrases of up to three words take their score from the language's lexicon
  (Indonesian also tries the root of an affixed word, and falls back to the English lexicon
  for the English words of mixed chat: "deadline-nya molor, burnout");
- informal Indonesian spellings are normalised first ("gak" -> "tidak", "bgt" -> "banget"),
  and letters repeated for emphasis are collapsed ("bagusss" -> "bagus");
- a negation up to three words before a word, in the same clause, flips and dampens it
  ("not good", "tidak bagus", "gak jelas"); a negated "work"/"bisa" is itself negative
  ("isn't working", "gak bisa");
- intensifiers and downtoners scale the word next to them ("very", "sangat", and in
  Indonesian also after it: "bagus banget", "keren sekali");
- after "but" / "tapi" / "namun" the clause weighs three times the clause before it;
- exclamation marks and words in capitals add emphasis; emoji and emoticons count as words.

The sum is squashed into -1..1 as VADER does; labels use ``THRESHOLD``.
"""

import math
import re
from dataclasses import dataclass

from analytics.models import Language, Sentiment
from analytics.sentiment import lexicon
from analytics.sentiment.language import INDONESIAN, detect_language

# |score| at or above this is positive / negative; chosen on the development set.
THRESHOLD = 0.25

NEGATION_SCALE = -0.74  # VADER's N_SCALAR.
NEGATION_SCOPE = 3  # Words before the scored word that a negation reaches.
EXCLAMATION_WEIGHT = 0.292
CAPS_WEIGHT = 0.733
ALPHA = 15  # VADER's normalisation constant.

CLAUSE_BREAKS = frozenset(".,;:!?")
SENTENCE_ENDS = frozenset(".!?")

NEGATIONS = {
    Language.ENGLISH: frozenset(
        """not no never nobody nothing none neither nor without cannot can't don't doesn't
        didn't isn't aren't wasn't weren't won't wouldn't couldn't shouldn't haven't hasn't
        hadn't ain't hardly barely lack lacks lacking""".split()
    ),
    Language.INDONESIAN: frozenset("tidak bukan belum jangan tanpa".split()),
}

# Words that say something works or happened; negated they are a complaint ("isn't working",
# "gak bisa", "nobody replied"), while alone they are neutral.
WORKS = frozenset(
    """work works working worked function functioning functions load loads loading connect
    connects connecting respond responds responded reply replied answer answers answered help helped
    fixed paid arrived bisa jalan berjalan berfungsi nyala jawab dijawab balas dibalas bayar
    dibayar cair beres ditangani respon direspon angkat diangkat""".split()
)
WORKS_NEGATED = -1.5

# Multipliers of the next scored word; Indonesian also puts them after it.
BOOSTERS = {
    Language.ENGLISH: {
        "very": 1.3,
        "really": 1.3,
        "so": 1.25,
        "extremely": 1.5,
        "super": 1.4,
        "totally": 1.3,
        "completely": 1.4,
        "absolutely": 1.4,
        "incredibly": 1.5,
        "highly": 1.3,
        "truly": 1.3,
        "such": 1.2,
        "too": 1.2,
        "most": 1.2,
        "quite": 1.1,
        "seriously": 1.3,
        "pretty": 1.1,
        "slightly": 0.6,
        "somewhat": 0.6,
        "bit": 0.6,
        "kinda": 0.6,
        "fairly": 0.8,
        "rather": 0.8,
        "little": 0.7,
        "partly": 0.6,
        "mildly": 0.6,
    },
    Language.INDONESIAN: {
        "sangat": 1.4,
        "amat": 1.3,
        "paling": 1.4,
        "terlalu": 1.3,
        "sungguh": 1.3,
        "benar-benar": 1.4,
        "begitu": 1.2,
        "super": 1.4,
        "makin": 1.2,
        "semakin": 1.2,
        "agak": 0.6,
        "sedikit": 0.6,
        "rada": 0.6,
        "cukup": 0.8,
        "lumayan": 0.8,
    },
}
BOOSTERS_AFTER = {"banget": 1.4, "sekali": 1.4, "parah": 1.4, "abis": 1.3, "bener": 1.3}
# "kurang bagus" is "not very good": a weak negation.
WEAK_NEGATIONS = {"kurang": -0.5}
# After a negation these make it stronger: "not at all", "tidak sama sekali".
ALL_MARKERS = (("at", "all"), ("sama", "sekali"))

CONTRASTS = frozenset("but however tapi tetapi namun padahal cuma".split())

# English words VADER scores that are mostly function words at work ("looks like",
# "please find", "pretty sure").
ENGLISH_NEUTRAL = frozenset("like kind pretty well no please share straight sure".split())

TOKEN = re.compile(
    r"(?P<emoticon>:'\(|:-?[()dDpP/]|;-?\)|-_-)"
    r"|(?P<word>[^\W\d_]+(?:[-'’][^\W\d_]+)*(?:2(?![\d]))?)"
    r"|(?P<punct>[.,;:!?])"
    r"|(?P<other>[^\s\w])",
    re.UNICODE,
)
REPEATS = re.compile(r"(\w)\1{2,}")
ID_PREFIX = re.compile(r"^(?:mem|men|meng|meny|me|di|ber|be|ter|te|ke|se|pe|per|pen|pem|peng)")
ID_SUFFIX = re.compile(r"(?:nya|lah|kah|pun|kan|an|i)$")


@dataclass(frozen=True)
class Score:
    value: float  # -1 .. 1
    label: str  # Sentiment

    @classmethod
    def of(cls, value: float) -> "Score":
        value = max(-1.0, min(1.0, value))
        if value >= THRESHOLD:
            return cls(value, Sentiment.POSITIVE)
        if value <= -THRESHOLD:
            return cls(value, Sentiment.NEGATIVE)
        return cls(value, Sentiment.NEUTRAL)


def score_text(text: str, language: str | None = None) -> Score:
    """Score ``text`` (plain text) in ``language`` (detected when not given)."""
    language = language or detect_language(text)
    if language == Language.OTHER:
        return Score.of(_emoji_only(text))
    tokens, caps = _tokens(text, language)
    values = _valences(tokens, caps, language)
    total = sum(values)
    if total:
        emphasis = min(text.count("!"), 4) * EXCLAMATION_WEIGHT
        total += emphasis if total > 0 else -emphasis
    return Score.of(total / math.sqrt(total * total + ALPHA))


def _emoji_only(text: str) -> float:
    faces = lexicon.emoji()
    total = sum(faces.get(token, 0.0) for token in _raw_tokens(text))
    return total / math.sqrt(total * total + ALPHA) if total else 0.0


def _raw_tokens(text: str) -> list[str]:
    text = text.replace("\ufe0f", "").replace("’", "'")
    return [m.group(0).lower() for m in TOKEN.finditer(text)]


def _tokens(text: str, language: str) -> tuple[list[str], set[int]]:
    """Normalised tokens (words, phrases, emoji, punctuation) and the indexes of words
    written in capitals for emphasis."""
    slang = lexicon.indonesian_slang() if language == Language.INDONESIAN else {}
    shouting = text.upper() != text  # All-caps text is not emphasis, it is a caps lock.
    words: list[tuple[str, bool]] = []
    for match in TOKEN.finditer(text.replace("\ufe0f", "").replace("’", "'")):
        raw = match.group(0)
        token = raw.lower()
        caps = shouting and match.lastgroup == "word" and len(raw) > 2 and raw.isupper()
        if match.lastgroup == "word":
            if token.endswith("2"):  # "bener2" is "bener-bener".
                token = f"{token[:-1]}-{token[:-1]}"
            token = _squeeze(token, language)
            if language == Language.INDONESIAN:
                head, _, tail = token.partition("-")
                if tail in ("nya", "lah", "kah", "pun", "an"):  # "deadline-nya".
                    token = head
                elif head == tail:  # Reduplication: "muter-muter".
                    token = head if head not in ("benar", "bener") else "benar-benar"
            for part in slang.get(token, (token,)):
                words.append((part, caps))
        else:
            words.append((token, False))
    return _phrases(words, language)


def _squeeze(word: str, language: str) -> str:
    """Collapse letters repeated for emphasis: "bagusss" -> "bagus", "soooo" -> "so"."""
    if not REPEATS.search(word):
        return word
    known = lexicon.indonesian() if language == Language.INDONESIAN else lexicon.english()
    double = REPEATS.sub(r"\1\1", word)
    single = REPEATS.sub(r"\1", word)
    return double if double in known and single not in known else single


def _phrases(words: list[tuple[str, bool]], language: str) -> tuple[list[str], set[int]]:
    known = _lexicon(language)
    tokens, caps = [], set()
    i = 0
    while i < len(words):
        for size in (3, 2):
            phrase = " ".join(w for w, _ in words[i : i + size])
            if i + size <= len(words) and phrase in known:
                tokens.append(phrase)
                i += size
                break
        else:
            if words[i][1]:
                caps.add(len(tokens))
            tokens.append(words[i][0])
            i += 1
    return tokens, caps


def _lexicon(language: str) -> dict[str, float]:
    return lexicon.indonesian() if language == Language.INDONESIAN else lexicon.english()


def _valence(token: str, language: str) -> float:
    faces = lexicon.emoji()
    if token in faces:
        return faces[token]
    if language == Language.ENGLISH:
        if token in ENGLISH_NEUTRAL:
            return 0.0
        return lexicon.english().get(token, 0.0)
    words = lexicon.indonesian()
    if token in words:
        return words[token]
    root = _indonesian_root(token, words)
    if root is not None:
        return words[root]
    # Mixed chat: English words in Indonesian sentences ("approval-nya stuck").
    if token not in INDONESIAN and len(token) > 2 and token not in ENGLISH_NEUTRAL:
        return lexicon.english().get(token, 0.0)
    return 0.0


def _indonesian_root(token: str, words: dict[str, float]) -> str | None:
    """The lexicon word inside an affixed form: "kecewanya", "membantu", "keterlambatan"."""
    candidates = [token]
    stripped = ID_SUFFIX.sub("", token)
    if stripped != token and len(stripped) >= 3:
        candidates.append(stripped)
    for word in list(candidates):
        unprefixed = ID_PREFIX.sub("", word)
        if unprefixed != word and len(unprefixed) >= 3:
            candidates.append(unprefixed)
            if word.startswith("ke") and word.endswith("an"):
                candidates.append(unprefixed[:-2])
    for candidate in candidates[1:]:
        if candidate in words and words[candidate]:
            return candidate
    return None


def _valences(tokens: list[str], caps: set[int], language: str) -> list[float]:
    negations = NEGATIONS[language]
    boosters = BOOSTERS[language]
    after = BOOSTERS_AFTER if language == Language.INDONESIAN else {}
    values = []
    for i, token in enumerate(tokens):
        if token in negations:
            value = 0.0
        elif token in after and i and _valence(tokens[i - 1], language):
            value = 0.0  # It boosts the word before it instead: "capek parah", "keren banget".
        else:
            value = _valence(token, language)
        negated = _negated(tokens, i, negations)
        complaint = negated and not value and token in WORKS
        if complaint:
            value = WORKS_NEGATED
        if value:
            value *= _boost(tokens, i, boosters, after)
            if i in caps:
                value += CAPS_WEIGHT if value > 0 else -CAPS_WEIGHT
            if negated:
                value *= 1.0 if complaint else NEGATION_SCALE
                if _followed_by_all(tokens, i):
                    value *= 1.3
            elif (weak := _weak_negation(tokens, i)) is not None:
                value *= weak
        values.append(value)
    return _contrast(tokens, values)


def _clause_before(tokens: list[str], i: int, span: int) -> list[str]:
    before = []
    for token in reversed(tokens[max(0, i - span) : i]):
        if token in CLAUSE_BREAKS:
            break
        before.append(token)
    return before


def _negated(tokens, i, negations) -> bool:
    before = _clause_before(tokens, i, NEGATION_SCOPE)
    return any(t in negations or t.endswith("n't") for t in before)


def _weak_negation(tokens, i):
    before = _clause_before(tokens, i, 2)
    for token in before:
        if token in WEAK_NEGATIONS:
            return WEAK_NEGATIONS[token]
    return None


def _followed_by_all(tokens, i) -> bool:
    rest = tuple(tokens[i + 1 : i + 6])
    return any(rest[j : j + 2] == marker for marker in ALL_MARKERS for j in range(len(rest)))


def _boost(tokens, i, boosters, after) -> float:
    factor = 1.0
    for token in _clause_before(tokens, i, 2):
        factor *= boosters.get(token, 1.0)
    for token in tokens[i + 1 : i + 3]:
        if token in CLAUSE_BREAKS or token not in after:
            break
        factor *= after[token]
    return factor


def _contrast(tokens: list[str], values: list[float]) -> list[float]:
    """Within each sentence, after its last "but"/"tapi" comes the speaker's point: the part
    before weighs half, the part after 1.5 times (a long article has many sentences)."""
    weighted = list(values)
    begin = 0
    for end in [*(i for i, t in enumerate(tokens) if t in SENTENCE_ENDS), len(tokens)]:
        turns = [i for i in range(begin, end) if tokens[i] in CONTRASTS]
        if turns:
            for i in range(begin, end):
                weighted[i] *= 0.5 if i < turns[-1] else 1.5
        begin = end + 1
    return weighted
