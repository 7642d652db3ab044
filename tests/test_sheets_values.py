"""Values as people type them into their sheets (issue #15 item 2)."""

import unicodedata
from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app import enums
from app.sheets import values as v
from app.text import clean_line


@pytest.mark.parametrize(
    "typed",
    ["15/3/2024", "15-03-24", "15.03.2024", "2024-03-15", "ngày 15 tháng 3 năm 2024",
     "Ngày 15 tháng 03 năm 2024", "15/03/2024 08:30", " 15 / 3 / 2024 ", 45366,
     45366.0, date(2024, 3, 15), datetime(2024, 3, 15, 0, 0), "45366"],
)  # fmt: skip
def test_a_day_in_every_common_form(typed):
    assert v.parse_day(typed) == "2024-03-15"


@pytest.mark.parametrize("typed", ["tháng 3/2024", "3/2024", "Tháng 03 năm 2024"])
def test_a_month_only_is_refused_for_a_day_with_the_reason(typed):
    with pytest.raises(v.Refused) as refused:
        v.parse_day(typed)
    assert "only a month" in refused.value.message("en")
    assert v.parse_date(typed, allow_month=True) == (2024, 3)


@pytest.mark.parametrize(
    ("typed", "reason"),
    [("31/2/2024", "not a real date"), ("15/13/2024", "not a real date"),
     ("hôm qua", "is not a date"), ("15/3/1850", "between the years"), (True, "not a date")],
)  # fmt: skip
def test_what_is_not_a_date_is_refused_with_the_reason(typed, reason):
    with pytest.raises(v.Refused) as refused:
        v.parse_day(typed)
    assert reason in refused.value.message("en")


def test_a_year_of_birth_from_a_year_a_month_or_a_date():
    assert v.parse_year(1968) == 1968
    assert v.parse_year("1968") == 1968
    assert v.parse_year("3/1968") == 1968
    assert v.parse_year("15/03/1968") == 1968
    assert v.parse_year(datetime(1968, 3, 15)) == 1968


FORMATS = [
    lambda d: f"{d.day}/{d.month}/{d.year}",
    lambda d: d.strftime("%d-%m-%Y"),
    lambda d: d.strftime("%d.%m.%Y"),
    lambda d: d.isoformat(),
    lambda d: f"ngày {d.day} tháng {d.month} năm {d.year}",
    lambda d: (d - date(1899, 12, 30)).days,  # an Excel serial number
    lambda d: d,
]


@given(st.dates(min_value=date(1900, 3, 1), max_value=date(2100, 12, 31)),
       st.sampled_from(FORMATS))  # fmt: skip
def test_every_written_form_of_a_date_reads_back_as_that_date(day, form):
    assert v.parse_day(form(day)) == day.isoformat()


@given(st.text(max_size=30) | st.integers() | st.floats(allow_nan=True))
def test_anything_typed_is_read_or_refused_never_a_crash(typed):
    try:
        result = v.parse_date(typed, allow_month=True)
    except v.Refused as refused:
        assert refused.message("en")
    else:
        assert isinstance(result, date | tuple)


@pytest.mark.parametrize(
    ("typed", "code"),
    [("Nam", "male"), ("nam", "male"), ("M", "male"), ("Nữ", "female"), ("nu", "female"),
     ("F", "female"), ("NỮ", "female")],
)  # fmt: skip
def test_genders(typed, code):
    assert v.parse_gender(typed) == code


def test_an_unknown_gender_is_refused():
    with pytest.raises(v.Refused, match="gender"):
        v.parse_gender("?")


@pytest.mark.parametrize("typed", ["x", "X", "✓", "có", "Có", "1", 1, True])
def test_yes_marks(typed):
    assert v.parse_flag(typed) is True


@pytest.mark.parametrize("typed", ["không", "0", 0, "-", False])
def test_no_marks(typed):
    assert v.parse_flag(typed) is False


def test_choices_by_folded_words_aliases_and_codes():
    assert v.parse_choice("hòa giải thành", enums.RESULTS) == "success"
    assert v.parse_choice("Không thành", enums.RESULTS) == "failure"
    assert v.parse_choice("dang giai quyet", enums.RESULTS) == "in_progress"
    assert v.parse_choice("Tranh chấp dân sự", enums.SCOPE_GROUPS) == "civil"
    assert v.parse_choice("HNGĐ", enums.SCOPE_GROUPS) == "marriage_family"
    assert v.parse_choice("Loa truyền thanh", enums.SESSION_FORMS) == "loudspeaker"
    assert v.parse_choice("Hội nghị", enums.SESSION_FORMS) == "direct"
    assert v.parse_choice("land", enums.TOPICS) == "land"
    assert v.parse_choices("Đất đai, Dân sự", enums.TOPICS) == ["land", "civil"]


def test_a_choice_that_fits_several_or_none_is_refused_with_the_reason():
    with pytest.raises(v.Refused, match="could be any of"):
        v.parse_choice("thi", enums.SESSION_FORMS)  # a quiz, or an online quiz?
    with pytest.raises(v.Refused, match="not one of the choices"):
        v.parse_choice("bóng đá", enums.TOPICS)


@pytest.mark.parametrize(
    ("typed", "number"), [("1.500.000 đ", 1_500_000), ("45", 45), (45.0, 45), ("1,200", 1200),
                          ("30 người", 30)],
)  # fmt: skip
def test_whole_numbers_as_typed(typed, number):
    assert v.parse_count(typed) == number


def test_times():
    assert v.parse_time("8h30") == "08:30"
    assert v.parse_time("14:05") == "14:05"
    assert v.parse_time(0.5) == "12:00"


@given(
    st.text(alphabet=st.sampled_from("aAđĐ ễ\u0302\u0303\u0301e\t\n\u00a0\u3000x1"), max_size=12)
)
def test_a_cell_reads_as_clean_line_makes_it_whatever_the_shortcut(typed):
    # Most cells take a shortcut (already tidy, already NFC); the rest go through clean_line.
    assert v.cell_text(typed) == clean_line(typed)


def test_decomposed_vietnamese_is_composed():
    decomposed = unicodedata.normalize("NFD", "Nguyễn Văn Đức")
    assert v.cell_text(decomposed) == "Nguyễn Văn Đức" != decomposed
