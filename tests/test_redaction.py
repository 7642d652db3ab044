"""Redaction of free text on the way to the district (design.md §3, app.sync.redact)."""

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.sync.redact import (
    COURTESY_WORDS,
    Redaction,
    WardNames,
    case_redactor,
    initials,
)
from app.text import fold

FAMILY = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Đặng", "Bùi", "Đỗ",
          "Ngô", "Dương", "Lý", "Ưng", "Âu")  # fmt: skip
MIDDLE = ("Văn", "Thị", "Hữu", "Đức", "Minh", "Ngọc", "Thanh", "Quốc", "Xuân", "Kim")
GIVEN = ("Hùng", "Dung", "Dũng", "Phương", "Tiến", "Hà", "Lan", "Tâm", "Thúy", "Khoa",
         "Long", "Hạnh", "Yến", "Ấn", "Ước", "Bình", "Đạt", "Nga", "Quyên", "Sơn")  # fmt: skip
# Words of ordinary logbook prose, fixed phrases with courtesy words among them.
FILLER = ("tranh chấp", "lối đi chung", "giữa", "hộ gia đình", "và", "thửa đất", "đồng ý",
          "tháo dỡ", "tường rào", "thỏa thuận", "cam kết", "trả dần", "số tiền", "ngày",
          "tháng", "năm 2025", "hòa giải", "thành công", "không", "cụ thể", "bà con", "anh em",
          "chị em", "chú ý", "bác sĩ", "cô giáo", "tổ dân phố số 3", "12.000.000 đồng", "Điều 5",
          "Tòa án", "UBND phường", "tiền cấp dưỡng", "nuôi con", "mâu thuẫn", "xây nhà",
          "nứt tường", "0912345", "đo đạc lại", "mốc giới", "con chung")  # fmt: skip
PUNCTUATION = (", ", ". ", "; ", ": ", " (", ") ", " “", "” ", " - ", " ")

# No filler word is a name word as the names are written, nor as they are typed without
# diacritics ("tiền" may stay: it is not "Tiến" however the text is typed).
_NAME_FORMS = {form for word in FAMILY + MIDDLE + GIVEN for form in (word.lower(), fold(word))}
_FILLER_WORDS = {word.lower() for phrase in FILLER for word in re.findall(r"\w+", phrase)}
assert not _NAME_FORMS & _FILLER_WORDS, "the filler must not contain name words"


def _strip(text: str) -> str:
    """As typed without diacritics, case kept."""
    return "".join(fold(ch).upper() if ch.isupper() else fold(ch) for ch in text)


names = st.builds(
    lambda family, middle, given_name: " ".join((family, *middle, given_name)),
    st.sampled_from(FAMILY),
    st.lists(st.sampled_from(MIDDLE), min_size=0, max_size=2),
    st.sampled_from(GIVEN),
)


@st.composite
def mention(draw, name: str) -> str:
    """One way an officer writes a party's name in a text."""
    words = name.split()
    how = draw(st.sampled_from(("as-is", "upper", "lower", "plain", "plain-upper", "given")))
    if how == "given":
        courtesy = draw(st.sampled_from(COURTESY_WORDS))
        courtesy = courtesy.capitalize() if draw(st.booleans()) else courtesy
        courtesy = _strip(courtesy) if draw(st.booleans()) else courtesy
        given_name = words[-1] if draw(st.booleans()) else _strip(words[-1])
        return f"{courtesy} {given_name}"
    return {
        "as-is": name,
        "upper": name.upper(),
        "lower": name.lower(),
        "plain": _strip(name),
        "plain-upper": _strip(name).upper(),
    }[how]


@st.composite
def text_naming(draw, parties: list[str]) -> str:
    pieces = []
    for _ in range(draw(st.integers(1, 8))):
        if draw(st.booleans()):
            pieces.append(draw(mention(draw(st.sampled_from(parties)))))
        else:
            pieces.append(draw(st.sampled_from(FILLER)))
        pieces.append(draw(st.sampled_from(PUNCTUATION)))
    return "".join(pieces).strip()


def _recoverable(text: str, name: str) -> bool:
    """Is the name still in the text in a form `mention` writes: the full name in any letter
    case, with or without its diacritics, or its given name after a courtesy word?"""
    words = " ".join(re.findall(r"\w+", text.lower()))
    forms = {name.lower(), fold(name)}
    if any(re.search(rf"\b{form}\b", words) for form in forms):
        return True
    courtesy = "|".join({*COURTESY_WORDS, *(fold(w) for w in COURTESY_WORDS)})
    given_name = name.split()[-1]
    given_forms = "|".join({given_name.lower(), fold(given_name)})
    return re.search(rf"\b({courtesy}) ({given_forms})\b", words) is not None


CI = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SLOW = settings(max_examples=3000, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _no_party_name_survives(data):
    parties = data.draw(st.lists(names, min_size=1, max_size=4, unique=True))
    text = data.draw(text_naming(parties))
    redacted = case_redactor(parties).redact(text)
    for name in parties:
        assert not _recoverable(redacted, name), (text, redacted, name)


def _text_without_names_is_unchanged(data):
    parties = data.draw(st.lists(names, min_size=1, max_size=4, unique=True))
    text = data.draw(text_naming(["x"]).filter(lambda t: "x" not in t.split()))
    counts = Redaction()
    assert case_redactor(parties, WardNames.of(parties)).redact(text, counts) == text
    assert counts.names == 0


@CI
@given(st.data())
def test_no_generated_party_name_is_recoverable(data):
    _no_party_name_survives(data)


@CI
@given(st.data())
def test_text_without_a_party_name_comes_out_unchanged(data):
    _text_without_names_is_unchanged(data)


@pytest.mark.slow
@SLOW
@given(st.data())
def test_no_generated_party_name_is_recoverable_many(data):
    _no_party_name_survives(data)


@pytest.mark.slow
@SLOW
@given(st.data())
def test_text_without_a_party_name_comes_out_unchanged_many(data):
    _text_without_names_is_unchanged(data)


# -- the rules, one by one --------------------------------------------------------------------


def test_full_names_become_initials_in_any_case_or_without_diacritics():
    redactor = case_redactor(["Nguyễn Văn Đức", "Trần Thị Phương"])
    text = "Giữa anh NGUYỄN VĂN ĐỨC, chị tran thi phuong và Nguyen Van Duc."
    assert redactor.redact(text) == "Giữa anh N.V.Đ., chị T.T.P. và N.V.Đ."


def test_given_names_after_a_courtesy_word_with_the_same_diacritics_or_none():
    redactor = case_redactor(["Trần Thị Dung", "Lê Văn Tâm"])
    assert redactor.redact("Cha mẹ của bà Dung và ông Tâm") == "Cha mẹ của bà D. và ông T."
    assert redactor.redact("Ba Dung gặp ong Tam") == "Ba D. gặp ong T."
    # Other diacritics make another name: "Dũng" is not "Dung".
    assert redactor.redact("anh Dũng đến") == "anh Dũng đến"
    # Without a courtesy word a given name is an ordinary word.
    assert redactor.redact("Dung dịch") == "Dung dịch"


def test_tone_marks_may_sit_on_either_vowel():
    assert case_redactor(["Phạm Thị Thúy"]).redact("chị Thuý") == "chị T."


def test_fixed_phrases_are_left_alone():
    redactor = case_redactor(["Nguyễn Văn Thể", "Lê Thị Con", "Bùi Văn Em", "Đào Thị Châu"])
    text = "Cụ thể, bà con và anh em; bà cháu"
    assert redactor.redact(text) == text
    # Without diacritics a phrase and a name read alike: the name must not leak.
    assert redactor.redact("cu the; bà Châu; ba Chau") == "cu T.; bà C.; ba C."


def test_names_with_apostrophes_hyphens_or_a_courtesy_word_typed_in():
    redactor = case_redactor(["Ksor H'Bia", "Y-Moan Êban", "Ông Nguyễn Văn Đức"])
    text = "Tranh chấp giữa Ksor H’Bia và Y-Moan Êban; bà H'Bia, anh Y Moan; anh Nguyễn Văn Đức"
    assert redactor.redact(text) == ("Tranh chấp giữa K.H. và Y.Ê.; bà H., anh Y.; anh N.V.Đ.")


def test_a_name_recorded_without_diacritics_matches_them_written():
    redactor = case_redactor(["Nguyen Van Duc", "Trần Thị Dung"])
    assert redactor.redact("Nguyễn Văn Đức đã ký; ông Đức; anh Dũng") == (
        "N.V.D. đã ký; ông D.; anh Dũng"
    )


def test_a_case_names_its_own_parties_before_others_overlap():
    redactor = case_redactor(["Nguyễn Văn Đức"], WardNames.of(["Lê Nguyễn"]))
    assert redactor.redact("ông Lê Nguyễn Văn Đức") == "ông Lê N.V.Đ."


def test_equal_initials_are_numbered_in_the_order_of_the_parties():
    redactor = case_redactor(["Nguyễn Văn Đức", "Ngô Văn Định", "Nguyễn Văn Đức"])
    assert redactor.redact("Nguyễn Văn Đức và Ngô Văn Định; ông Định") == (
        "N.V.Đ.(1) và N.V.Đ.(2); ông Đ.(2)"
    )


def test_a_two_word_given_name_after_a_courtesy_word():
    assert case_redactor(["Nguyễn Ngọc Minh Anh"]).redact("chị Minh Anh") == "chị M.A."


def test_initials_keep_letters_but_not_tones():
    assert initials("Ánh Ước Đức Ông Ầm") == "A.Ư.Đ.Ô.Â."


def test_long_digit_runs_become_an_ellipsis_short_ones_stay():
    counts = Redaction()
    text = "SĐT 0912345678, CCCD 001203004005, nợ 12.000.000 đồng, mã 12345678"
    assert (
        case_redactor([]).redact(text, counts) == "SĐT …, CCCD …, nợ 12.000.000 đồng, mã 12345678"
    )
    assert counts.numbers == 2


def test_other_records_notes_lose_every_party_full_name_of_the_ward():
    ward = WardNames.of(["Nguyễn Văn Đức", None, "Trần Thị Dung"])
    notes = "Buổi tuyên truyền có ông Nguyen Van Duc tham dự; bà Dung vắng."
    # Only full names here: the given name alone belongs to the case's own texts.
    assert ward.redactor().redact(notes) == "Buổi tuyên truyền có ông N.V.Đ. tham dự; bà Dung vắng."


def test_a_case_text_also_loses_parties_of_other_cases():
    redactor = case_redactor(["Lê Văn Tâm"], WardNames.of(["Phạm Thị Hạnh", "Lê Văn Tâm"]))
    assert redactor.redact("ông Tâm và Phạm Thị Hạnh") == "ông T. và P.T.H."
