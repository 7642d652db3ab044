"""The computed report: what every renderer (screen, PDF, XLSX, CSV) prints, already in the
reader's language. Values stay typed (int, float, str, None) so each renderer formats them its
own way: Vietnamese digits on paper, numeric cells in a spreadsheet."""

from dataclasses import dataclass, field
from datetime import date

# Column kinds: how a value is formatted and whether a total row adds it up.
TEXT, COUNT, MONEY, PERCENT, MARK = "text", "count", "money", "percent", "mark"
SUMMABLE = frozenset({COUNT, MONEY})
NUMERIC = frozenset({COUNT, MONEY, PERCENT})

# Row styles.
BODY, TOTAL, ESTIMATE, SUBTOTAL = "body", "total", "estimate", "subtotal"


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    kind: str = TEXT
    groups: tuple[str, ...] = ()  # header cells above the label, outermost first
    width: float = 1.0  # relative to the other columns
    number: str = ""  # "(1)", "(2)"… as printed under the header on the paper form


@dataclass
class Row:
    values: dict[str, object]
    style: str = BODY


def label_span(row: Row, columns: list[Column]) -> tuple[int, int] | None:
    """The columns a total row's label spans on paper: from the first column, over the blank
    cells around the label ("Cộng phần I (18 buổi)" across STT, date, place… up to the first
    figure), so it reads on one line. None for a row whose label has a cell of its own."""
    if row.style not in (TOTAL, SUBTOTAL):
        return None
    blank = [row.values.get(column.key) in (None, "") for column in columns]
    label = next((index for index, empty in enumerate(blank) if not empty), None)
    if label is None or columns[label].kind != TEXT:
        return None
    last = label
    while last + 1 < len(columns) and blank[last + 1]:
        last += 1
    return (0, last) if last > 0 else None


@dataclass
class Form:
    """A table that is a paper form of its own, in a report that files several (the mediation
    statistics: teams and mediators, then the results): each is printed whole — the document's
    head with its own title and legal basis, its table, its notes, the signatures — on its
    own pages, or its own sheet."""

    title: str
    legal_basis: str
    sheet: str  # the spreadsheet tab's name (Excel allows 31 characters)
    notes: list[str] = field(default_factory=list)  # printed under this form's table
    form_left: tuple[str, ...] = ()  # its own band's left side ("Biểu số …"); () the report's
    period_line: str = ""  # its own "Kỳ báo cáo" line (no estimate part to name); "" the report's
    estimable: bool = True  # has figures an estimate row can hold (not the teams and mediators)


@dataclass
class Section:
    """One table with what is printed above and below it (a logbook has one per team)."""

    columns: list[Column]
    rows: list[Row]
    title: str = ""
    facts: list[tuple[str, str]] = field(default_factory=list)  # "Tổ hòa giải: …" above
    summary_title: str = ""
    summary: list[tuple[str, str]] = field(default_factory=list)  # Part II lines below
    empty_text: str = ""  # printed in place of rows when there are none
    # What a reader of this table's figures must know (team rows adding up to more than the
    # total). Also among the report's notes, which the PDF, the sheet and the screen print; a
    # CSV has no notes, so it writes these under its rows.
    footnotes: list[str] = field(default_factory=list)
    # Who signs under this table's Part II (the logbook: the team's leader), with the name.
    signer_title: str = ""
    signer_name: str = ""
    form: Form | None = None  # a paper form of its own (mediation-stats prints two)
    sheet: str = ""  # its spreadsheet tab's name, where the title would not say it in 31 chars

    @property
    def closing_rows(self) -> int:
        """How many of the last rows are the table's totals (a part's, the actual data's, the
        estimate, the whole): they close the table, and never open a page on their own."""
        count = 0
        for row in reversed(self.rows):
            if row.style not in (TOTAL, SUBTOTAL, ESTIMATE):
                break
            count += 1
        return count

    @property
    def header_depth(self) -> int:
        return 1 + max((len(column.groups) for column in self.columns), default=0)


@dataclass
class Report:
    name: str
    language: str
    title: str
    period_line: str  # "Kỳ báo cáo: 6 tháng năm 2026 (số liệu thực tế từ … đến …)"
    legal_basis: str
    orientation: str  # "portrait" | "landscape"
    unit_lines: tuple[str, ...]  # the issuing unit, top left (NĐ 30/2020)
    place: str
    issued_on: date
    signer_title: str
    signer_name: str
    preparer_title: str
    preparer_name: str
    sections: list[Section]
    notes: list[str] = field(default_factory=list)  # printed under the tables
    empty: bool = False  # nothing at all in the period: the document says so
    # Which unit lines are bold (NĐ 30/2020: the issuing body's name; its parent, above it,
    # is not). Empty: the last line only.
    unit_bold: tuple[bool, ...] = ()
    # A statistical form's band at the very top: "Biểu số …" and the circular on the left,
    # "Đơn vị báo cáo: …" and "Đơn vị nhận báo cáo: …" on the right.
    form_left: tuple[str, ...] = ()
    form_right: tuple[str, ...] = ()
    signed: bool = True  # the unit's signature block at the end (the logbook's are per team)

    def unit_line_bold(self, index: int) -> bool:
        if self.unit_bold:
            return self.unit_bold[index]
        return index == len(self.unit_lines) - 1

    def all_rows(self):
        for section in self.sections:
            yield from section.rows
