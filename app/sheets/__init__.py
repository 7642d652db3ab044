"""Import from an office's own spreadsheets (issue #15): people, teams, cases and sessions from
.xlsx, .xls, .ods and .csv, as offices make them. Plain Python: the window's assistant and the
`import-sheet` command share it."""

from pathlib import Path

from app.sheets.apply import apply_import
from app.sheets.fields import target_fields
from app.sheets.model import Column, Plan, Problem, RowPlan, SheetError, TargetField
from app.sheets.plan import plan_import
from app.sheets.read import sheet_names as _sheet_names
from app.sheets.template import write_refused, write_template

KINDS = ("people", "teams", "cases", "sessions")


def sheet_names(path: Path) -> list[str]:
    return _sheet_names(Path(path))


__all__ = [
    "KINDS",
    "Column",
    "Plan",
    "Problem",
    "RowPlan",
    "SheetError",
    "TargetField",
    "apply_import",
    "plan_import",
    "sheet_names",
    "target_fields",
    "write_refused",
    "write_template",
]
