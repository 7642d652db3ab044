"""Names out of free text before it leaves the ward (design.md §3).

A case's own texts lose the names of its parties and invited persons: the full name as written
(any letter case, or without diacritics) becomes the person's initials, "Nguyễn Văn Đức" →
"N.V.Đ."; the given name after a kinship or courtesy word ("bà Dung") becomes its initial
("bà D."), except in fixed phrases ("cụ thể", "bà con"). Other records' notes lose the full names
of every party of the ward. Runs of nine or more digits (phone and identity numbers) become "…".

Words are compared by their letters and tone, wherever the tone mark sits ("Thuý" is "Thúy"),
or, when the text is written without diacritics, by their folded letters ("Duc" is "Đức", but
"Dũng" is not "Dung")."""

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

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


@lru_cache(maxsize=65_536)
def word_key(word: str) -> str:
    """Lower-case letters (ă â ê ô ơ ư đ kept) and the tone, wherever the mark was written."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    tones = "".join(sorted(ch for ch in decomposed if ch in _TONES))
    letters = unicodedata.normalize("NFC", "".join(ch for ch in decomposed if ch not in _TONES))
    return f"{letters}|{tones}"


_fold = lru_cache(maxsize=65_536)(fold)


@lru_cache(maxsize=65_536)
def plain_key(word: str) -> str | None:
    """The folded word, if it was written without any diacritic; None otherwise."""
    folded = _fold(word)
    return folded if folded == word.lower() else None


def same_word(written: str, name_word: str) -> bool:
    return word_key(written) == word_key(name_word) or plain_key(written) == _fold(name_word)


_COURTESY = frozenset(word_key(word) for word in COURTESY_WORDS)
_COURTESY_PLAIN = frozenset(fold(word) for word in COURTESY_WORDS)
_FIXED: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
for _first, _second in (phrase.split() for phrase in FIXED_PHRASES):
    _FIXED[fold(_first), fold(_second)].append((_first, _second))


def is_fixed_phrase(first: str, second: str) -> bool:
    """Compared word by word as names are: "bà Châu" is a person, "bà cháu" and "ba chau" are
    not."""
    candidates = _FIXED.get((_fold(first), _fold(second)), ())
    return any(same_word(first, a) and same_word(second, b) for a, b in candidates)


def is_courtesy(word: str) -> bool:
    return word_key(word) in _COURTESY or plain_key(word) in _COURTESY_PLAIN


def initial(word: str) -> str:
    """The first letter, upper case, with its letter-forming marks but no tone: "Ánh" → "A",
    "Đức" → "Đ", "Ước" → "Ư"."""
    decomposed = unicodedata.normalize("NFD", word[:1])
    kept = "".join(ch for ch in decomposed if ch not in _TONES)
    return unicodedata.normalize("NFC", kept).upper()


@lru_cache(maxsize=65_536)
def initials(name: str) -> str:
    return "".join(f"{initial(word)}." for word in _WORD.findall(name))


# -- matching --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Alias:
    words: tuple[str, ...]  # the name's words, as recorded
    replacement: str


class _Token(NamedTuple):
    start: int
    end: int
    word: str


def _tokens(text: str) -> list[_Token]:
    return [_Token(*m.span(), m.group()) for m in _WORD.finditer(text)]


def _joined(text: str, tokens: list[_Token], first: int, count: int) -> bool:
    """The `count` tokens from `first` exist and are separated by whitespace only."""
    if first + count > len(tokens):
        return False
    for j in range(first, first + count - 1):
        gap = text[tokens[j].end : tokens[j + 1].start]
        if not gap or not gap.isspace():
            return False
    return True


def _matches(tokens: list[_Token], at: int, alias: Alias) -> bool:
    """The words there are the alias's, by the comparison of names (not only folded)."""
    return all(same_word(tokens[at + i].word, word) for i, word in enumerate(alias.words))


class _Index:
    """Aliases by their folded words: a look-up per word of the text and per name length (a
    handful), however many names the ward has."""

    def __init__(self, aliases: Iterable[Alias]):
        found: dict[str, list[Alias]] = defaultdict(list)
        for alias in aliases:
            found[" ".join(_fold(word) for word in alias.words)].append(alias)
        self.by_words = dict(found)
        self.firsts = {key.split(" ", 1)[0] for key in found}
        self.lengths = sorted({key.count(" ") + 1 for key in found}, reverse=True)

    def find(self, text: str, tokens: list[_Token], folded: list[str], at: int) -> Alias | None:
        """The longest alias written at token `at`."""
        if folded[at] not in self.firsts:
            return None
        for count in self.lengths:
            group = self.by_words.get(" ".join(folded[at : at + count]))
            if group and _joined(text, tokens, at, count):
                for alias in group:
                    if _matches(tokens, at, alias):
                        return alias
        return None


def _name_words(name: str | None) -> tuple[str, ...]:
    return tuple(_WORD.findall(name or ""))


@dataclass
class Redaction:
    """Counts what was replaced, across every text of an export."""

    names: int = 0
    numbers: int = 0

    def add(self, other: "Redaction") -> None:
        self.names += other.names
        self.numbers += other.numbers


class Redactor:
    """Redacts texts with fixed sets of names. Full names match anywhere, the first index that
    knows one winning; given names only right after a courtesy word."""

    def __init__(self, full: list["_Index"], given: "_Index | None" = None):
        self.full = [index for index in full if index.by_words]
        self.given = given if given is not None and given.by_words else None

    def _find_full(self, text: str, tokens: list[_Token], folded: list[str], at: int):
        for index in self.full:
            alias = index.find(text, tokens, folded, at)
            if alias is not None:
                return alias
        return None

    def redact(self, text: str | None, counts: Redaction | None = None) -> str | None:
        if not text:
            return text
        counts = counts if counts is not None else Redaction()
        text, numbers = _DIGIT_RUN.subn(DIGITS_MARK, text)
        counts.numbers += numbers
        indexes = [*self.full, self.given] if self.given else self.full
        # Most notes name nobody: one pass in C over the words tells, before any span is made.
        if not any(index.firsts.intersection(map(_fold, _WORD.findall(text))) for index in indexes):
            return text
        tokens = _tokens(text)
        folded = [_fold(token.word) for token in tokens]
        pieces, position, i = [], 0, 0
        while i < len(tokens):
            alias = self._find_full(text, tokens, folded, i)
            if alias is None and self.given and i > 0:
                alias = self.given.find(text, tokens, folded, i)
                if alias is not None and not self._after_courtesy(text, tokens, i):
                    alias = None
            if alias is None:
                i += 1
                continue
            span = len(alias.words)
            pieces += [text[position : tokens[i].start], alias.replacement]
            position = tokens[i + span - 1].end
            counts.names += 1
            i += span
        pieces.append(text[position:])
        return "".join(pieces)

    def _after_courtesy(self, text: str, tokens: list[_Token], i: int) -> bool:
        before, word = tokens[i - 1], tokens[i]
        if not is_courtesy(before.word) or not _joined(text, tokens, i - 1, 2):
            return False
        return not is_fixed_phrase(before.word, word.word)


def _numbered(names: list[tuple[str, ...]]) -> dict[tuple[str, ...], str]:
    """Initials per distinct name; names sharing initials are numbered in order: "N.V.Đ.(1)"."""
    distinct: dict[str, tuple[str, ...]] = {}
    for words in names:
        distinct.setdefault(" ".join(word_key(w) for w in words), words)
    by_initials: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    for words in distinct.values():
        by_initials[initials(" ".join(words))].append(words)
    suffixes: dict[str, str] = {}
    for group in by_initials.values():
        for number, words in enumerate(group, start=1):
            key = " ".join(word_key(w) for w in words)
            suffixes[key] = f"({number})" if len(group) > 1 else ""
    return {
        words: initials(" ".join(words)) + suffixes[" ".join(word_key(w) for w in words)]
        for words in names
    }


def case_redactor(names: Iterable[str | None], ward_names: "WardNames | None" = None) -> Redactor:
    """For one case's texts: its parties' and invited persons' names (in that order), and every
    other party of the ward by full name."""
    own = [words for words in (_name_words(name) for name in names) if words]
    replacements = _numbered(own)
    full = [Alias(words, replacements[words]) for words in own]
    given = []
    for words in own:
        suffix = replacements[words][len(initials(" ".join(words))) :]
        given.append(Alias(words[-1:], f"{initial(words[-1])}.{suffix}"))
        if len(words) >= 3:  # a two-word given name: "chị Minh Anh"
            given.append(Alias(words[-2:], f"{initials(' '.join(words[-2:]))}{suffix}"))
    indexes = [_Index(full)]
    if ward_names is not None:
        indexes.append(ward_names.index)
    return Redactor(indexes, _Index(given))


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
            words = _name_words(name)
            key = " ".join(word_key(w) for w in words)
            if words and key not in seen:
                seen.add(key)
                aliases.append(Alias(words, initials(name)))
        return cls(aliases)

    def redactor(self) -> Redactor:
        return Redactor([self.index])
