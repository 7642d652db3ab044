import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from app.names import name_sort_key, split_name


def by_key(names: list[str]) -> list[str]:
    return sorted(names, key=name_sort_key)


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def test_mixed_names_sort_in_vietnamese_order():
    names = [
        "Nguyễn Văn Đức",
        "Trần Thị Dung",
        "Lê Văn An",
        "Phạm Anh",
        "Hoàng Thị Ánh",
        "Đỗ Văn Ân",
        "Bùi Thị Ấn",
    ]
    # Given names are An, Anh, Ánh, Ân, Ấn, Dung, Đức; family names never matter here.
    # By letters: a-n < a-n-h (prefix first) < â-n (a before â) < d... < đ... (d before đ).
    # Anh and Ánh share letters, so the tone decides: none before sắc; likewise Ân before Ấn.
    assert by_key(names) == [
        "Lê Văn An",
        "Phạm Anh",
        "Hoàng Thị Ánh",
        "Đỗ Văn Ân",
        "Bùi Thị Ấn",
        "Trần Thị Dung",
        "Nguyễn Văn Đức",
    ]


def test_tone_order_of_one_syllable():
    expected = ["ma", "mà", "mả", "mã", "má", "mạ"]
    assert by_key(list(reversed(expected))) == expected
    assert by_key(["mạ", "mã", "ma", "má", "mả", "mà"]) == expected


def test_letters_decide_before_tones():
    # ă is a letter after a, so any tone on a still sorts before plain ă.
    assert by_key(["Bă", "Bá", "Ba"]) == ["Ba", "Bá", "Bă"]
    assert name_sort_key("Á") < name_sort_key("Ă")
    assert name_sort_key("Ọ") < name_sort_key("Ô") < name_sort_key("Ơ")
    assert name_sort_key("Ụ") < name_sort_key("Ư")
    # The tone on the first word's letters does not outrank a later letter: "Ánh" < "Âm".
    assert name_sort_key("Ánh") < name_sort_key("Âm")


def test_vowel_letters_with_tone_below_are_recognised():
    # NFD puts the dot below before the circumflex/horn; the letter must still be â / ư.
    assert by_key(["Ậu", "Âu", "Au", "Ạu"]) == ["Au", "Ạu", "Âu", "Ậu"]
    assert by_key(["Ựa", "Ưa", "Ua"]) == ["Ua", "Ưa", "Ựa"]


def test_d_before_dd():
    assert by_key(["Đan", "Dung", "Dân"]) == ["Dân", "Dung", "Đan"]
    assert name_sort_key("Dz") < name_sort_key("Đa")


def test_alphabet_positions_of_foreign_letters_and_digits():
    assert by_key(["Ê", "F", "G", "E"]) == ["E", "Ê", "F", "G"]
    assert by_key(["K", "J", "I"]) == ["I", "J", "K"]
    assert by_key(["X", "W", "V", "Ư"]) == ["Ư", "V", "W", "X"]
    assert by_key(["Z", "Y"]) == ["Y", "Z"]
    assert by_key(["A", "9", "0"]) == ["0", "9", "A"]
    # Other characters come after all letters, by code point (here up to U+1F600).
    assert by_key(["A😀", "A€", "Aŋ", "Aø", "A-", "A'", "Az"]) == [
        "Az",
        "A'",
        "A-",
        "Aø",
        "Aŋ",
        "A€",
        "A😀",
    ]
    # A mark that makes no Vietnamese letter stays a character of its own, after the letters.
    assert by_key(["Ĉ", "Cz", "C"]) == ["C", "Cz", "Ĉ"]


def test_tone_never_outranks_a_longer_word():
    # Tones are only looked at after the whole word's letters, even when the next character
    # of the longer word is a digit.
    assert by_key(["Ma1", "Mạ", "Ma", "Mà"]) == ["Ma", "Mà", "Mạ", "Ma1"]
    assert by_key(["Mạ An", "Ma An"]) == ["Ma An", "Mạ An"]


def test_given_name_first():
    assert name_sort_key("Trần An") < name_sort_key("Nguyễn Bình")
    assert name_sort_key("Vũ Thị Ánh") < name_sort_key("An Văn Bình")


def test_given_name_compared_fully_before_family_name():
    # Same letters in the given name; its tone decides even though family names differ.
    assert name_sort_key("Vũ Ân") < name_sort_key("An Ấn")


def test_prefix_word_sorts_first():
    assert name_sort_key("An") < name_sort_key("Anh")
    assert name_sort_key("Zơ An") < name_sort_key("A Anh")


def test_same_given_name_then_family_then_middle():
    # Given names equal, so the rest decides: "Lê Văn" vs "Nguyễn" — l before n.
    assert name_sort_key("Lê Văn An") < name_sort_key("Nguyễn An")
    # Same family name: fewer words first, then middle names in order.
    assert by_key(["Nguyễn Văn An", "Nguyễn Thị An", "Nguyễn An"]) == [
        "Nguyễn An",
        "Nguyễn Thị An",
        "Nguyễn Văn An",
    ]


def test_nfc_and_nfd_give_equal_keys():
    for name in ["Nguyễn Văn Đức", "Bùi Thị Ấn", "Trương Thị Ựa", "Lê Quý Đôn"]:
        assert unicodedata.normalize("NFC", name) != nfd(name)
        assert name_sort_key(unicodedata.normalize("NFC", name)) == name_sort_key(nfd(name))


def test_case_and_spacing_do_not_matter():
    assert name_sort_key("NGUYỄN VĂN ĐỨC") == name_sort_key("nguyễn văn đức")
    assert name_sort_key("  Nguyễn   Văn\tĐức  ") == name_sort_key("Nguyễn Văn Đức")
    assert name_sort_key("ĐỖ ÂN") == name_sort_key("đỗ ân")


def test_split_name():
    assert split_name("  Nguyễn   Văn  Đức ") == ("Nguyễn Văn", "Đức")
    assert split_name("Đức") == ("", "Đức")
    assert split_name("   ") == ("", "")


def test_empty_name_sorts_first():
    assert name_sort_key("") == name_sort_key("   ")
    assert name_sort_key("") < name_sort_key("0")


# --- Property tests against an independent, tuple-based reference -------------------------

REF_ALPHABET = "0123456789aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
REF_TONES = ["\u0300", "\u0309", "\u0303", "\u0301", "\u0323"]


def ref_word(word: str) -> tuple:
    # Differently from the module: strip tone marks and let NFC recompose ă â ê ô ơ ư, then look
    # each character up directly; tones are collected from the NFD string in order.
    decomposed = nfd(word.casefold())
    letters = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in REF_TONES))
    ranks = tuple((0, REF_ALPHABET.index(c)) if c in REF_ALPHABET else (1, ord(c)) for c in letters)
    tones = tuple(REF_TONES.index(c) + 1 for c in decomposed if c in REF_TONES)
    return (ranks, tones)


def ref_key(name: str) -> tuple:
    words = name.split()
    if not words:
        return (ref_word(""), ())
    return (ref_word(words[-1]), tuple(ref_word(w) for w in words[:-1]))


def cmp(a, b) -> int:
    return (a > b) - (a < b)


# Inputs the reference handles the same way: Vietnamese base letters (plus the vowel letters),
# digits and a few other characters, at most one tone per character, any case, NFC or NFD.
BASES = list("aăâbcdđeêfghijklmnoôơpqrstuưvwxyz0123456789-'.øŋ€")
SMALL_BASES = list("aăânhdđ1")


def names(bases: list[str] = BASES) -> st.SearchStrategy[str]:
    char = st.builds(
        lambda base, tone, upper: (base + tone).upper() if upper else base + tone,
        st.sampled_from(bases),
        st.sampled_from(["", *REF_TONES]),
        st.booleans(),
    )
    word = st.lists(char, min_size=1, max_size=4).map("".join)
    return st.builds(
        lambda words, sep, form: unicodedata.normalize(form, sep.join(words)),
        st.lists(word, max_size=4),
        st.sampled_from([" ", "  ", "\t"]),
        st.sampled_from(["NFC", "NFD"]),
    )


@settings(max_examples=50)
@given(names())
def test_key_is_printable_ascii(name):
    key = name_sort_key(name)
    assert key and all(" " <= c <= "~" for c in key)
    assert name_sort_key(name) == key


@settings(max_examples=50)
@given(st.lists(names(SMALL_BASES) | names(), min_size=2, max_size=8))
def test_key_order_matches_reference(people):
    for a in people:
        for b in people:
            assert cmp(name_sort_key(a), name_sort_key(b)) == cmp(ref_key(a), ref_key(b))
    assert [ref_key(p) for p in by_key(people)] == sorted(ref_key(p) for p in people)
