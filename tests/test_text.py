"""Text helpers: folding, display of dates and numbers, canonical JSON."""

import pytest

from app.canonical import canonical_bytes, content_sha256
from app.i18n import format_day, format_number
from app.text import clean_line, display_date, fold, human_size, printable


def test_numbers_and_dates_follow_the_language():
    assert format_number(1234567, "vi") == "1.234.567"
    assert format_number(1234567, "en") == "1,234,567"
    assert format_day("2026-03-09", "vi") == "09/03/2026" == display_date("2026-03-09")
    assert format_day(None) == ""


def test_clean_line_and_fold():
    assert clean_line("  Tổ  dân\tphố  số 5 ") == "Tổ dân phố số 5"
    assert fold("Đặng Thị Đoan") == "dang thi doan"


def test_printable_and_sizes():
    assert printable("bad\nname\x1b[31m.tcb") == "bad?name?[31m.tcb"
    assert human_size(100 * 2**20) == "100 MiB" and human_size(512) == "512 B"


def test_canonical_json_refuses_what_the_format_does_not_admit():
    assert canonical_bytes({"b": 1, "a": "ư"}) == '{"a":"ư","b":1}'.encode()
    for bad in (1.5, 2**60, {1: "x"}, float("nan")):
        with pytest.raises(ValueError):
            canonical_bytes(bad)
    assert content_sha256({"a": 1}) == content_sha256({"a": 1})
