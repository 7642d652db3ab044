"""Names out of free text before it leaves the ward (design.md §3).

A case's own texts lose the names of its parties and invited persons: the full name as written
(any letter case, or without diacritics) becomes the person's initials, "Nguyễn Văn Đức" →
"N.V.Đ."; the given name after a kinship or courtesy word ("bà Dung") becomes its initial
("bà D."), except in fixed phrases ("cụ thể", "bà con"). Other records' notes lose the full names
of every party of the ward. Runs of nine or more digits (phone and identity numbers) become "…".

Words are compared by their letters and tone, wherever the tone mark sits ("Thuý" is "Thúy"),
or, when either side is written without diacritics, by their folded letters ("Duc" is "Đức",
but "Dũng" is not "Dung"). A name's words may hold an apostrophe or a hyphen ("Ksor H'Bia",
"Y-Moan Êban"): the text must write them there too, or a space."""

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from app.text import fold

_WORD = re.compile(r"[^\W\d_]+")
_DIGIT_RUN = re.compile(r"[0-9]{9,}")
DIGITS_MARK = "…"

# Tone marks (huyền, hỏi, ngã, sắc, nặng); the other marks make letters (ă â ê ô ơ ư).
_TONES = frozenset("\u0300\u0309\u0303\u0301\u0323")

COURTESY_WORDS = ("ông", "bà", "anh", "chị", "cô", "chú", "bác", "em", "cháu", "cụ")

# A courtesy word followed by one of these is a phrase of the language, not a person's name.
# Phrases whose second word is a common given name ("anh hùng", "em út", "em bé") are not here:
# a logbook's "anh Hùng" is a person far more often than a hero, and a name must not leak.
FIXED_PHRASES = (
    "cụ thể", "cụ già", "cụ bà", "cụ ông", "chú ý", "chú rể", "chú thích", "chú bác", "chú cháu",
    "bác sĩ", "bác bỏ", "bác cháu", "bà con", "bà mẹ", "bà nội", "bà ngoại", "bà cháu",
    "bà đỡ", "ông bà", "ông nội", "ông ngoại", "ông cháu", "ông cha", "ông chủ", "ông trời",
    "anh em", "anh chị", "anh trai", "anh rể", "anh họ", "anh ruột", "anh ấy", "chị em",
    "chị gái", "chị dâu", "chị họ", "chị ruột", "chị ấy", "cô giáo", "cô dâu", "cô chú",
    "cô ruột", "cô ấy", "em trai", "em gái", "em rể", "em dâu", "em họ", "em ruột", "em ấy",
    "cháu nội", "cháu ngoại", "cháu chắt", "cháu ấy", "ông ấy", "bà ấy", "bác ấy", "chú ấy",
    "cụ ấy",
)  # fmt: skip


# Other spellings of the same separator inside a name: "H’Bia" is "H'Bia", "Y‐Moan" is "Y-Moan".
_SEPARATORS = str.maketrans({"’": "'", "ʼ": "'", "‘": "'", "`": "'", "‐": "-", "‑": "-", "–": "-"})


def _letters(word: str) -> str:
    # "Ð" (Icelandic eth) is typed for "Đ" on some keyboards.
    return word.replace("Ð", "Đ").replace("ð", "đ")


@lru_cache(maxsize=65_536)
def word_key(word: str) -> str:
    """Lower-case letters (ă â ê ô ơ ư đ kept) and the tone, wherever the mark was written."""
    decomposed = unicodedata.normalize("NFD", _letters(word).lower())
    tones = "".join(sorted(ch for ch in decomposed if ch in _TONES))
    letters = unicodedata.normalize("NFC", "".join(ch for ch in decomposed if ch not in _TONES))
    return f"{letters}|{tones}"


@lru_cache(maxsize=65_536)
def _fold(word: str) -> str:
    return fold(_letters(word))


@lru_cache(maxsize=65_536)
def plain_key(word: str) -> str | None:
    """The folded word, if it was written without any diacritic; None otherwise."""
    folded = _fold(word)
    return folded if folded == word.lower() else None


def same_word(written: str, name_word: str, plain_name: bool = False) -> bool:
    """The same word of a name: the same letters and tone, or the same folded letters where the
    text is written without diacritics — or the name is ("Nguyen Van Duc", typed without a
    Vietnamese keyboard; a name such as "Trần Thị Dung" is not: "Dung" is not "Dũng")."""
    if word_key(written) == word_key(name_word):
        return True
    if plain_name:
        return _fold(written) == _fold(name_word)
    return plain_key(written) == _fold(name_word)


_COURTESY = frozenset(word_key(word) for word in COURTESY_WORDS)
_COURTESY_PLAIN = frozenset(fold(word) for word in COURTESY_WORDS)
_FIXED = frozenset((word_key(a), word_key(b)) for a, b in (p.split() for p in FIXED_PHRASES))


def is_fixed_phrase(first: str, second: str) -> bool:
    """Only as the language writes it: "bà cháu" is a phrase; "bà Châu" is a person, and so is
    "bà Chau", which may be either — a name must not leak."""
    return (word_key(first), word_key(second)) in _FIXED


def is_courtesy(word: str) -> bool:
    return word_key(word) in _COURTESY or plain_key(word) in _COURTESY_PLAIN


def initial(word: str) -> str:
    """The first letter, upper case, with its letter-forming marks but no tone: "Ánh" → "A",
    "Đức" → "Đ", "Ước" → "Ư"."""
    decomposed = unicodedata.normalize("NFD", _letters(word[:1]))
    kept = "".join(ch for ch in decomposed if ch not in _TONES)
    return unicodedata.normalize("NFC", kept).upper()


def name_words(name: str | None) -> list[str]:
    """A name's words as recorded, without a courtesy word typed in front ("Ông Nguyễn Văn
    Đức")."""
    words = [word for word in (name or "").split() if _WORD.search(word)]
    while len(words) > 2 and is_courtesy(_WORD.findall(words[0])[0]):
        words = words[1:]
    return words


@lru_cache(maxsize=65_536)
def initials(name: str) -> str:
    return "".join(f"{initial(_WORD.findall(word)[0])}." for word in name_words(name))


# -- matching --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Alias:
    """A name to find: its letter runs, what separates each from the next (" " between words,
    or the apostrophe or hyphen inside one), and what replaces it."""

    tokens: tuple[str, ...]
    separators: tuple[str, ...]
    replacement: str
    plain: bool = False  # recorded without any diacritic: any spelling of its letters matches

    @classmethod
    def of(cls, words: list[str], replacement: str, plain: bool | None = None) -> "Alias":
        """`plain`: whether the whole name was recorded without diacritics (for a part of a
        name, the whole name's say)."""
        tokens, separators = [], []
        for i, word in enumerate(words):
            runs = list(_WORD.finditer(word))
            if i:
                separators.append(" ")
            for j, run in enumerate(runs):
                if j:
                    between = word[runs[j - 1].end() : run.start()]
                    separators.append(between.translate(_SEPARATORS))
                tokens.append(run.group())
        if plain is None:
            plain = all(plain_key(token) is not None for token in tokens)
        return cls(tuple(tokens), tuple(separators), replacement, plain)


# Splitting on words keeps what lies between them: [before, word, gap, word, gap, …, after].
_SPLIT = re.compile(r"([^\W\d_]+)")


class _Text:
    """A text as its words and the gaps after each (gaps[k] lies between words k and k+1; the
    last one is what follows the last word). Made by one split in C, not a match object a word.
    """

    def __init__(self, text: str):
        parts = _SPLIT.split(text)
        self.before = parts[0]
        self.words = parts[1::2]
        self.gaps = parts[2::2]
        self.folded = [_fold(word) for word in self.words]


def _gap_fits(gap: str, separator: str) -> bool:
    if gap and gap.isspace():
        return True  # words apart, or an apostrophe or hyphen typed as a space
    return separator != " " and gap.translate(_SEPARATORS) == separator


def _matches(text: _Text, at: int, alias: Alias) -> bool:
    """The words there are the alias's, by the comparison of names, and apart as it is."""
    if at + len(alias.tokens) > len(text.words):
        return False
    for i, separator in enumerate(alias.separators):
        if not _gap_fits(text.gaps[at + i], separator):
            return False
    return all(
        same_word(text.words[at + i], word, alias.plain) for i, word in enumerate(alias.tokens)
    )


class _Index:
    """Aliases by their folded tokens: a look-up per word of the text and per name length (a
    handful), however many names the ward has."""

    def __init__(self, aliases: Iterable[Alias]):
        found: dict[str, list[Alias]] = defaultdict(list)
        for alias in aliases:
            found[" ".join(_fold(token) for token in alias.tokens)].append(alias)
        self.by_words = dict(found)
        self.firsts = {key.split(" ", 1)[0] for key in found}
        self.lengths = sorted({key.count(" ") + 1 for key in found}, reverse=True)

    def find(self, text: _Text, at: int) -> Alias | None:
        """The longest alias written at word `at`."""
        folded = text.folded
        if folded[at] not in self.firsts:
            return None
        for count in self.lengths:
            for alias in self.by_words.get(" ".join(folded[at : at + count]), ()):
                if _matches(text, at, alias):
                    return alias
        return None


@dataclass
class Redaction:
    """Counts what was replaced, across every text of an export."""

    names: int = 0
    numbers: int = 0


@dataclass
class _Stage:
    full: _Index
    given: _Index | None = None  # only right after a courtesy word


class Redactor:
    """Redacts texts with fixed sets of names, in stages: a case's own names first (so that a
    name of another case overlapping one of its own does not leave half of it), then the
    ward's."""

    def __init__(self, stages: list[_Stage]):
        self.stages = [stage for stage in stages if stage.full.by_words]

    def redact(self, text: str | None, counts: Redaction | None = None) -> str | None:
        if not text:
            return text
        counts = counts if counts is not None else Redaction()
        text, numbers = _DIGIT_RUN.subn(DIGITS_MARK, text)
        counts.numbers += numbers
        for stage in self.stages:
            text = self._stage(stage, text, counts)
        return text

    def _stage(self, stage: _Stage, text: str, counts: Redaction) -> str:
        split = _Text(text)
        # Most notes name nobody: the folded words tell at once, before any look-up.
        present = set(split.folded)
        if not stage.full.firsts & present and not (stage.given and stage.given.firsts & present):
            return text
        words, gaps = split.words, split.gaps
        out, i = [split.before], 0
        while i < len(words):
            alias = stage.full.find(split, i)
            if alias is None and stage.given and i > 0:
                alias = stage.given.find(split, i)
                if alias is not None and not self._after_courtesy(split, i):
                    alias = None
            if alias is None:
                out += [words[i], gaps[i]]
                i += 1
                continue
            last = i + len(alias.tokens) - 1
            replacement = alias.replacement
            if replacement.endswith(".") and gaps[last].startswith("."):
                replacement = replacement[:-1]  # "… N.V.Đ." at the end of a sentence
            out += [replacement, gaps[last]]
            counts.names += 1
            i = last + 1
        return "".join(out)

    @staticmethod
    def _after_courtesy(text: _Text, i: int) -> bool:
        before, word = text.words[i - 1], text.words[i]
        if not is_courtesy(before) or not _gap_fits(text.gaps[i - 1], " "):
            return False
        return not is_fixed_phrase(before, word)


def _key(words: list[str]) -> str:
    return " ".join(word_key(word) for word in words)


def _numbered(names: list[list[str]]) -> dict[str, str]:
    """Initials per distinct name (by key); names sharing initials are numbered in order of
    appearance: "N.V.Đ.(1)", "N.V.Đ.(2)"."""
    distinct: dict[str, list[str]] = {}
    for words in names:
        distinct.setdefault(_key(words), words)
    by_initials: dict[str, list[str]] = defaultdict(list)
    for key, words in distinct.items():
        by_initials[initials(" ".join(words))].append(key)
    replacements = {}
    for short, keys in by_initials.items():
        for number, key in enumerate(keys, start=1):
            replacements[key] = short + (f"({number})" if len(keys) > 1 else "")
    return replacements


def _called_by(words: list[str]) -> list[list[str]]:
    """What follows "ông", "bà" … for this name: the given name; for longer names the last two
    or three words ("chị Minh Anh", "cô Nữ Thị Hà" for Tôn Nữ Thị Hà); and a compound word of
    an ethnic-minority name wherever it stands ("anh Y-Moan" for Y-Moan Êban)."""
    tails = [words[-size:] for size in range(1, min(len(words), 4))]
    tails += [[word] for word in words[:-1] if len(_WORD.findall(word)) > 1]
    return tails


def case_redactor(names: Iterable[str | None], ward_names: "WardNames | None" = None) -> Redactor:
    """For one case's texts: its parties' and invited persons' names (in that order), then
    every other party of the ward by full name."""
    own = [words for words in (name_words(name) for name in names) if words]
    replacements = _numbered(own)
    full, given = [], []
    for words in own:
        replacement = replacements[_key(words)]
        whole = Alias.of(words, replacement)
        full.append(whole)
        suffix = replacement[len(initials(" ".join(words))) :]
        for tail in _called_by(words):
            given.append(Alias.of(tail, initials(" ".join(tail)) + suffix, whole.plain))
    stages = [_Stage(_Index(full), _Index(given))]
    if ward_names is not None:
        stages.append(_Stage(ward_names.index))
    return Redactor(stages)


@dataclass
class WardNames:
    """Every party's and invited person's full name in the ward's cases: what other records'
    notes must not carry."""

    aliases: list[Alias] = field(default_factory=list)

    def __post_init__(self):
        self.index = _Index(self.aliases)

    @classmethod
    def of(cls, names: Iterable[str | None]) -> "WardNames":
        seen, aliases = set(), []
        for name in names:
            words = name_words(name)
            if words and _key(words) not in seen:
                seen.add(_key(words))
                aliases.append(Alias.of(words, initials(" ".join(words))))
        return cls(aliases)

    def redactor(self) -> Redactor:
        return Redactor([_Stage(self.index)])
