"""A sheet as a grid of cell values, whatever the file: .xlsx, .xls and .ods (python-calamine,
with merged ranges; an .xlsx's hidden columns from its XML), .csv (UTF-8, else Windows-1258, else
1252)."""

import contextlib
import csv
import io
import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree

from app.errors import N_, os_reason
from app.sheets.model import SheetError

SPREADSHEETS = (".xlsx", ".xlsm", ".xls", ".ods")
MAX_BYTES = 200 * 1024 * 1024  # far above any office's list; a guard against the wrong file


@dataclass
class Grid:
    name: str  # the sheet read
    sheets: list[str]  # every visible sheet of the file
    rows: list[list]  # cell values: str, int, float, bool, date, datetime or None
    merged: list[tuple[int, int, int, int]] | None = None  # (row, col, last row, last col), 0-based
    hidden_columns: set[int] = field(default_factory=set)

    @property
    def width(self) -> int:
        return max((len(row) for row in self.rows), default=0)


def suffix(path: Path) -> str:
    return path.suffix.lower()


def sheet_names(path: Path) -> list[str]:
    """The visible sheets of a workbook; a CSV file is one sheet named after the file."""
    _check_file(path)
    kind = suffix(path)
    if kind == ".csv" or kind == ".txt":
        return [path.stem]
    if kind in (".xlsx", ".xlsm", ".xls", ".ods"):
        workbook = _open_calamine(path)
        return [m.name for m in workbook.sheets_metadata if _calamine_visible(m)]
    raise _unsupported(path)


def read_grid(path: Path, sheet: str | None = None) -> Grid:
    _check_file(path)
    kind = suffix(path)
    if kind in (".csv", ".txt"):
        return _read_csv(path)
    if kind in (".xlsx", ".xlsm"):
        return _read_xlsx(path, sheet)
    if kind in (".xls", ".ods"):
        return _read_calamine(path, sheet)
    raise _unsupported(path)


def _check_file(path: Path) -> None:
    try:
        size = path.stat().st_size
    except OSError as error:
        raise SheetError(
            N_("The file cannot be read: {path} ({error})"), path=str(path), error=os_reason(error)
        ) from None
    if size > MAX_BYTES:
        raise SheetError(N_("The file is too large to be a list: {path}"), path=str(path))


def _unsupported(path: Path) -> SheetError:
    return SheetError(
        N_("{path} is not a spreadsheet TiepCan reads (.xlsx, .xls, .ods or .csv)."),
        path=str(path),
    )


def _unreadable(path: Path) -> SheetError:
    """The reading library's own words ("File is not a zip file", in English) mean nothing to
    an officer; what helps is what to do about it."""
    return SheetError(
        N_(
            "{path} cannot be read as a spreadsheet: the file is damaged, or it is another kind "
            "of file under a spreadsheet's name. Open it in Excel or LibreOffice and save it "
            "again as .xlsx, then choose that file."
        ),
        path=str(path),
    )


def _pick(path: Path, names: list[str], sheet: str | None) -> str:
    if not names:
        raise SheetError(N_("{path} has no visible sheet."), path=str(path))
    if sheet is None:
        return names[0]
    if sheet in names:
        return sheet
    raise SheetError(
        N_("{path} has no sheet named “{sheet}”; its sheets: {names}."),
        path=str(path),
        sheet=sheet,
        names=", ".join(names),
    )


# -- .xlsx -----------------------------------------------------------------------------------
# Values and merged ranges through calamine (20,000 rows in a fraction of the time openpyxl
# takes); hidden columns from the sheet's own <cols>, which calamine does not report.

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
RELATIONS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
PACKAGE = "{http://schemas.openxmlformats.org/package/2006/relationships}"


def _read_xlsx(path: Path, sheet: str | None) -> Grid:
    grid = _read_calamine(path, sheet)
    # Calamine read it: a package this odd just shows every column as visible.
    with contextlib.suppress(OSError, KeyError, StopIteration, zipfile.BadZipFile,
                             ElementTree.ParseError, ValueError, TypeError):  # fmt: skip
        grid.hidden_columns = _hidden_columns(path, grid.name)
    return grid


def _hidden_columns(path: Path, name: str) -> set[int]:
    with zipfile.ZipFile(path) as package:
        workbook = ElementTree.fromstring(package.read("xl/workbook.xml"))
        relation = next(
            s.get(f"{RELATIONS}id") for s in workbook.iter(f"{MAIN}sheet") if s.get("name") == name
        )
        rels = ElementTree.fromstring(package.read("xl/_rels/workbook.xml.rels"))
        target = next(r.get("Target") for r in rels.iter(f"{PACKAGE}Relationship")
                      if r.get("Id") == relation)  # fmt: skip
        member = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
        hidden: set[int] = set()
        with package.open(member) as handle:
            for _event, element in ElementTree.iterparse(handle, events=("start",)):
                if element.tag == f"{MAIN}sheetData":
                    break  # <cols> comes before the cells: no need to read them
                if element.tag == f"{MAIN}col" and element.get("hidden") in ("1", "true"):
                    first, last = int(element.get("min")), int(element.get("max"))
                    hidden.update(range(first - 1, min(last, first + 16384)))
        return hidden


# -- .xls and .ods ---------------------------------------------------------------------------


def _open_calamine(path: Path):
    from python_calamine import CalamineWorkbook

    try:
        return CalamineWorkbook.from_path(str(path))
    except Exception:
        raise _unreadable(path) from None


def _calamine_visible(metadata) -> bool:
    return str(metadata.visible).rsplit(".", 1)[-1].lower() == "visible"


def _read_calamine(path: Path, sheet: str | None) -> Grid:
    workbook = _open_calamine(path)
    names = [m.name for m in workbook.sheets_metadata if _calamine_visible(m)]
    name = _pick(path, names, sheet)
    try:
        ws = workbook.get_sheet_by_name(name)
        rows = [
            [None if v == "" else v for v in row] for row in ws.to_python(skip_empty_area=False)
        ]
        ranges = ws.merged_cell_ranges
    except Exception:
        raise _unreadable(path) from None
    merged = None if ranges is None else [(a[0], a[1], b[0], b[1]) for a, b in ranges]
    return Grid(name, names, rows, merged)


# -- .csv ------------------------------------------------------------------------------------

ENCODINGS = ("utf-8-sig", "cp1258", "cp1252")


def decode(raw: bytes) -> str:
    """UTF-8 (with or without BOM), else Windows-1258, else Windows-1252: the first that decodes.
    Windows-1258 writes Vietnamese with combining tone marks: NFC puts them back on the letter."""
    for encoding in ENCODINGS:
        try:
            return unicodedata.normalize("NFC", raw.decode(encoding))
        except UnicodeDecodeError:
            continue
    return raw.decode("latin-1")  # every byte is something: better a wrong letter than nothing


def sniff_delimiter(sample: str) -> str:
    lines = [line for line in sample.splitlines()[:50] if line.strip()]
    best, best_score = ",", -1
    for delimiter in (";", ",", "\t"):
        counts = [_count_outside_quotes(line, delimiter) for line in lines]
        # The delimiter splits many lines the same way; a comma inside a name splits few.
        score = sum(1 for c in counts if c) * 100 + sum(counts)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _count_outside_quotes(line: str, delimiter: str) -> int:
    count, quoted = 0, False
    for char in line:
        if char == '"':
            quoted = not quoted
        elif char == delimiter and not quoted:
            count += 1
    return count


def _read_csv(path: Path) -> Grid:
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise SheetError(
            N_("The file cannot be read: {path} ({error})"), path=str(path), error=os_reason(error)
        ) from None
    content = decode(raw)
    reader = csv.reader(
        io.StringIO(content, newline=""), delimiter=sniff_delimiter(content[:20000])
    )
    try:
        rows = [[cell if cell.strip() else None for cell in row] for row in reader]
    except csv.Error:
        raise _unreadable(path) from None
    return Grid(path.stem, [path.stem], rows, merged=None)
