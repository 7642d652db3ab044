"""Vietnamese name order as a plain ASCII sort key.

People are listed by given name (the last word), then by the words before it (family name,
then middle names). Each word is compared the way a Vietnamese dictionary does: letters of the
Vietnamese alphabet first (ă â ê ô ơ ư đ are letters of their own, not accented variants), and
only when the letters are equal, the tone. SQLite's default BINARY collation cannot do this, so
`name_sort_key` turns a name into a string whose plain code-point order is that order; it can be
stored in a column and indexed.

Key layout, per word: one character per letter, LETTERS_END, one character per tone mark,
TONES_END. The given name's word comes first, then the other words in order. Each field ends
with a character below every character that can appear in it, so every word encoding is
prefix-free: comparing two keys character by character always compares like fields, a shorter
word sorts before a longer word it begins ("An" < "Anh"), and a name with fewer words before
the given name sorts before a longer one that starts the same way.
"""

import unicodedata

# Digits, then the Vietnamese alphabet with the foreign letters f j w z at their Latin places.
_ALPHABET = "0123456789" + "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"

# Letters are written as one character each, from "0" upwards ("0" .. "Z" for 43 ranks).
_LETTER_CODES = {ch: chr(ord("0") + rank) for rank, ch in enumerate(_ALPHABET)}

# Any other character sorts after every letter, by code point: an escape above all letter
# codes, then the code point in four fixed-width base-64 digits (64**4 > 0x10FFFF). Fixed width
# keeps the encoding prefix-free.
_OTHER_ESCAPE = "~"
_LETTERS_END = "!"  # below every letter code: a word before the same word with more letters

# Dictionary tone order; no tone (an empty tone field) comes before all of them.
_TONES = "\u0300\u0309\u0303\u0301\u0323"  # huyền, hỏi, ngã, sắc, nặng
_TONE_CODES = {mark: str(rank) for rank, mark in enumerate(_TONES, start=1)}
_TONES_END = "0"  # below every tone code

# Marks that make a new letter rather than a tone. NFD splits e.g. "ậ" into a + dot below +
# circumflex (canonical ordering puts the dot below first), so letters are built from a base
# character and all the combining marks that follow it, not just the next one.
_LETTER_FORMING = {
    ("a", "\u0306"): "ă",
    ("a", "\u0302"): "â",
    ("e", "\u0302"): "ê",
    ("o", "\u0302"): "ô",
    ("o", "\u031b"): "ơ",
    ("u", "\u031b"): "ư",
}


def _other_code(ch: str) -> str:
    cp = ord(ch)
    digits = [(cp >> shift) & 63 for shift in (18, 12, 6, 0)]
    return _OTHER_ESCAPE + "".join(chr(ord("0") + d) for d in digits)


def _char_code(ch: str) -> str:
    return _LETTER_CODES.get(ch) or _other_code(ch)


def _clusters(word: str) -> list[tuple[str, list[str]]]:
    """Split an NFD word into (base character, following combining marks)."""
    clusters: list[tuple[str, list[str]]] = []
    for ch in word:
        if unicodedata.combining(ch) and clusters:
            clusters[-1][1].append(ch)
        else:
            # A mark with nothing before it becomes its own cluster with an empty base.
            clusters.append(("", [ch]) if unicodedata.combining(ch) else (ch, []))
    return clusters


def _word_key(word: str) -> str:
    letters: list[str] = []
    tones: list[str] = []
    for base, marks in _clusters(word):
        letter, leftovers = base, []
        for mark in marks:
            if mark in _TONE_CODES:
                # The tone belongs to the syllable, wherever it sits ("hoà" == "hòa").
                tones.append(_TONE_CODES[mark])
            elif (letter, mark) in _LETTER_FORMING:
                letter = _LETTER_FORMING[letter, mark]
            else:
                # Not Vietnamese (e.g. "ĉ", "ü"): keep the mark as a character of its own.
                leftovers.append(mark)
        letters.extend(_char_code(ch) for ch in [letter, *leftovers] if ch)
    return "".join(letters) + _LETTERS_END + "".join(tones) + _TONES_END


def split_name(full_name: str) -> tuple[str, str]:
    """Return (rest, given): the given name is the last word; rest is the words before it,
    joined by single spaces. Characters are left as they are, only whitespace is normalised."""
    words = full_name.split()
    if not words:
        return "", ""
    return " ".join(words[:-1]), words[-1]


def name_sort_key(full_name: str) -> str:
    """Printable-ASCII key whose plain string order (SQLite BINARY) is Vietnamese name order."""
    # NFD so NFC and NFD input agree; casefold for case-insensitivity, then NFD again because
    # casefolding can produce precomposed characters.
    text = unicodedata.normalize("NFD", unicodedata.normalize("NFD", full_name).casefold())
    words = text.split()
    if not words:
        return _word_key("")
    return "".join(_word_key(word) for word in [words[-1], *words[:-1]])
