"""The district's note on how far each ward's data reaches, kept short for a province."""

from app.reports.data_dates import data_dates_text


def _names(count):
    return {f"{n:05d}": f"Phường {n}" for n in range(1, count + 1)}


def test_the_day_most_wards_sent_is_said_once_and_only_the_others_are_named():
    names = _names(60)
    wards = list(names)
    dates = {code: "2026-12-05" for code in wards[:57]}
    dates[wards[57]] = "2026-11-02"
    dates[wards[58]] = "2026-10-15"
    note = data_dates_text(dates, wards, names, "vi")
    assert note == (
        "Số liệu của mỗi đơn vị tính đến ngày lập gói dữ liệu gần nhất: 05/12/2026 (57 đơn vị); "
        "Phường 58 02/11/2026; Phường 59 15/10/2026; chưa gửi dữ liệu: Phường 60."
    )
    assert len(note) < 200  # not 60 names under every form
    english = data_dates_text(dates, wards, names, "en")
    assert "05/12/2026 (57 wards)" in english and "nothing sent yet: Phường 60" in english


def test_one_ward_is_named_with_its_day():
    names = _names(1)
    note = data_dates_text({"00001": "2026-12-05"}, ["00001"], names, "vi")
    assert note.endswith(": Phường 1 05/12/2026.")
