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

    def all_rows(self):
        for section in self.sections:
            yield from section.rows
