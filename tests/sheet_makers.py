"""Spreadsheets as offices make them, for the import tests and the benchmark."""

import unicodedata
from datetime import date
from pathlib import Path

import openpyxl

MEDIATORS_TITLE = "DANH SÁCH HÒA GIẢI VIÊN NĂM 2025"


def mediators_xlsx(path: Path) -> Path:
    """A mediator list: two title rows merged across the page, a blank line, a two-row header
    ("Năm sinh" over "Nam" and "Nữ", the other headings merged down), text dates of five kinds,
    a hidden column, a totals row and a signature block under it."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "HGV 2025"
    ws["A1"] = "ỦY BAN NHÂN DÂN PHƯỜNG CẦU GIẤY"
    ws.merge_cells("A1:J1")
    ws["A2"] = MEDIATORS_TITLE
    ws.merge_cells("A2:J2")
    headings = ["STT", "Họ và tên", "Năm sinh", None, "Dân tộc", "Thôn/TDP", "Số QĐ",
                "Ngày QĐ", "SĐT nội bộ", "Ghi chú"]  # fmt: skip
    for column, heading in enumerate(headings, start=1):
        ws.cell(4, column, heading)
    ws.cell(5, 3, "Nam")
    ws.cell(5, 4, "Nữ")
    ws.merge_cells("C4:D4")
    for letter in "ABEFGHIJ":
        ws.merge_cells(f"{letter}4:{letter}5")
    rows = [
        [1, "Nguyễn Văn An", 1968, None, "Kinh", "TDP số 1", "12/QĐ-UBND", "15/3/2024", "101", None],
        [2, "Trần Thị Bình", None, 1975, "Tày", "TDP số 2", "12/QĐ-UBND", "15-03-24", "102", None],
        [3, "Lê Văn Cường", "1980", None, "Kinh", "TDP số 3", "12/QĐ-UBND", "15.03.2024", None, None],
        [4, "Phạm Thị Dung", None, "1990", "Kinh", "TDP số 1", "12/QĐ-UBND", "2024-03-15", None, None],
        [5, "Hoàng Văn Em", 1985, None, "Kinh", "TDP số 2", "12/QĐ-UBND", "ngày 15 tháng 3 năm 2024", None, None],
        [6, "Đỗ Thị Gấm", None, 1979, "Kinh", "TDP số 3", "12/QĐ-UBND", date(2024, 3, 15), None, None],
        [7, "Vũ Văn Hải", 1970, None, "Kinh", "TDP số 1", "12/QĐ-UBND", "tháng 3/2024", None, None],
        [8, "Ngô Thị Lan", None, 1982, "Kinh", None, "12/QĐ-UBND", "15/03/2024", None, None],
        [9, "Nguyễn Văn An", 1968, None, "Kinh", "TDP số 1", None, None, None, "trùng dòng 1"],
        [None] * 10,
        ["Tổng cộng", None, 4, 4, None, None, None, None, None, None],
        [None, "Người lập biểu", None, None, None, None, "Chủ tịch", None, None, None],
    ]  # fmt: skip
    for row in rows:
        ws.append(row)
    ws.column_dimensions["I"].hidden = True
    wb.save(path)
    return path


MEDIATOR_ROWS = {  # sheet row -> expected status
    6: "new", 7: "new", 8: "new", 9: "new", 10: "new", 11: "new",
    12: "refused",  # a month only, for a decision date
    13: "refused",  # a mediator with no village / residential group
    14: "duplicate",  # row 6 again
    15: "skipped", 16: "skipped", 17: "skipped",
}  # fmt: skip


def sessions_rows(count: int, start: date = date(2024, 1, 1)) -> list[list]:
    forms = ["Trực tiếp", "Hội nghị", "Loa truyền thanh", "Tư vấn"]
    rows = []
    for i in range(count):
        day = date.fromordinal(start.toordinal() + i % 700)
        rows.append(
            [i + 1, day.strftime("%d/%m/%Y"), f"Tuyên truyền pháp luật số {i + 1}",
             forms[i % len(forms)], f"TDP số {i % 12 + 1}", 20 + i % 80, "Đất đai, Dân sự"]
        )  # fmt: skip
    return rows


SESSION_HEADINGS = ["STT", "Ngày", "Nội dung tuyên truyền", "Hình thức", "Thôn/TDP",
                    "Số người tham dự", "Lĩnh vực"]  # fmt: skip


def sessions_xlsx(path: Path, count: int) -> Path:
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("Buổi")
    ws.append(["BÁO CÁO CÁC BUỔI PBGDPL NĂM 2024"])
    ws.append([])
    ws.append(SESSION_HEADINGS)
    for row in sessions_rows(count):
        ws.append(row)
    wb.save(path)
    return path


def cp1258_csv(path: Path, rows: list[list[str]], delimiter: str = ";") -> Path:
    """A CSV as an old Vietnamese Windows writes it: Windows-1258, tone marks combining."""
    text = "\r\n".join(delimiter.join(row) for row in rows) + "\r\n"
    path.write_bytes("".join(_tones_apart(char) for char in text).encode("cp1258"))
    return path


TONES = "\u0300\u0301\u0303\u0309\u0323"  # huyền, sắc, ngã, hỏi, nặng


def _tones_apart(char: str) -> str:
    """NFD, then the letters Windows-1258 has (â, ơ, ư, đ…) put back together: only the five
    tone marks stay combining, as that code page writes them."""
    parts = unicodedata.normalize("NFD", char)
    tones = "".join(mark for mark in parts if mark in TONES)
    base = unicodedata.normalize("NFC", "".join(mark for mark in parts if mark not in TONES))
    return base + tones
