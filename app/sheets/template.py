"""Files for the officer: an empty template the importer maps exactly, and the refused rows
with their reasons beside them, to correct and import again."""

from pathlib import Path

from app.i18n import gettext
from app.sheets.fields import targets
from app.sheets.model import Plan

SAMPLES = {
    "people": {"full_name": "Nguyễn Văn An", "gender": "Nam", "birth_year": 1968,
               "ethnicity": "Kinh", "hamlet": "Tổ dân phố số 1", "phone": "0912345678",
               "role": "HGV", "decision_number": "15/QĐ-UBND", "decision_date": "15/03/2024"},
    "teams": {"name": "Tổ hòa giải tổ dân phố số 1", "hamlet": "Tổ dân phố số 1",
              "valid_from": "01/01/2024", "leader": "Nguyễn Văn An",
              "members": "Trần Thị Bình, Lê Văn Cường"},
    "cases": {"title": "Tranh chấp lối đi chung", "received_on": "15/03/2024",
              "basis": "Một bên hoặc các bên yêu cầu", "scope_group": "Tranh chấp dân sự",
              "result": "Chưa giải quyết", "summary": "Hai hộ tranh chấp lối đi chung."},
    "sessions": {"title": "Tuyên truyền Luật Đất đai 2024", "held_on": "15/03/2024",
                 "start_time": "08:00", "place": "Nhà văn hóa tổ dân phố số 1",
                 "form": "Phổ biến pháp luật trực tiếp (hội nghị, lớp học, nói chuyện)",
                 "topics": "Đất đai", "attendees": 45},
}  # fmt: skip

GREY = "808080"
REASON_HEADER = "Lý do"  # the column the contract names, whatever the language


def sample_cells(kind: str) -> dict[str, str]:
    """The template's sample row as the importer reads it back: left in, it is not a record."""
    from app.sheets.values import cell_text

    chosen = [t for t in targets(kind).values() if t.in_template]
    return {
        gettext(t.label, "vi"): cell_text(SAMPLES[kind][t.name])
        for t in chosen
        if SAMPLES.get(kind, {}).get(t.name) is not None
    }


def write_template(kind: str, out: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    chosen = [t for t in targets(kind).values() if t.in_template]
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = kind
    labels = [gettext(target.label, "vi") for target in chosen]
    sheet.append(labels)
    sample = SAMPLES.get(kind, {})
    sheet.append([sample.get(target.name) for target in chosen])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for cell in sheet[2]:
        cell.font = Font(italic=True, color=GREY)
    for index, label in enumerate(labels, start=1):
        value = sample.get(chosen[index - 1].name)
        width = max(len(label), len(str(value or ""))) + 2
        sheet.column_dimensions[sheet.cell(1, index).column_letter].width = min(max(width, 10), 60)
    sheet.freeze_panes = "A2"
    workbook.save(Path(out))


def write_refused(plan: Plan, out: Path) -> None:
    """The refused rows as they were, with "Lý do" (reason) beside them: corrected, the file is
    imported again with the same mapping (its header is the sheet's)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    headers = [column.header for column in plan.columns]
    reason_label = REASON_HEADER
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "refused"[:31]
    sheet.append([*headers, reason_label])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in plan.rows:
        if row.status != "refused":
            continue
        reasons = "; ".join(
            f"{problem.column}: {problem.reason}" if problem.column else problem.reason
            for problem in row.problems
        )
        sheet.append([*(row.cells.get(header, "") for header in headers), reasons])
    for index, header in enumerate([*headers, reason_label], start=1):
        letter = sheet.cell(1, index).column_letter
        sheet.column_dimensions[letter].width = min(max(len(header) + 2, 12), 60)
    workbook.save(Path(out))
