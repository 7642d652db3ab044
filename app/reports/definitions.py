"""Report definitions: TOML files in resources/reports/, one per printed form.

A definition picks measures or listing fields and lays them out — title, legal basis, period
rule, rows, column groups — so a new circular's form is a new file, not new code. Every file is
checked when loaded: an unknown measure, field or key is a bug in the file, reported by name."""

import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from app.paths import shipped_dir
from app.reports import listings
from app.reports.measures import MEASURES, TEAM, WARD
from app.reports.table import COUNT, MONEY, PERCENT, TEXT

KINDS = ("statistics", "list")
COLUMN_KINDS = (TEXT, COUNT, MONEY, PERCENT)


class DefinitionError(ValueError):
    """A definition file is malformed: a bug in the shipped data, caught by the tests."""


@dataclass(frozen=True)
class Text:
    vi: str
    en: str

    def __call__(self, language: str) -> str:
        return self.vi if language == "vi" else self.en


@dataclass(frozen=True)
class ColumnSpec:
    key: str
    label: Text
    kind: str = COUNT
    groups: tuple[Text, ...] = ()
    width: float = 1.0
    measure: str | None = None  # statistics: the measure counted in this column
    ratio: tuple[str, str] | None = None  # statistics: percent = 100 × measure / measure
    threshold: str | None = None  # statistics: setting holding the pass mark, in percent
    rule: Text | None = None  # statistics: how the figure is computed, printed under the table
    rules_by_setting: tuple[str, dict[str, Text]] | None = None
    field: str | None = None  # lists: the listing field shown
    total: bool = False  # lists: add this column up in a total row


@dataclass(frozen=True)
class SumSpec:
    """A sum the printed figures keep, actual and estimate together: the whole equals its parts
    added up, or (`of_which`, "trong đó") is at least their sum. An estimate that breaks one is
    refused with the rule, in the words `whole_name` and `parts_name`."""

    whole: str  # a column key
    parts: tuple[str, ...]  # column keys
    whole_name: Text
    parts_name: Text
    of_which: bool = False


@dataclass(frozen=True)
class SummarySpec:
    measure: str
    label: Text


@dataclass(frozen=True)
class SectionSpec:
    source: str  # a listing in app.reports.listings
    columns: tuple[ColumnSpec, ...]
    title: Text | None = None
    params: dict = field(default_factory=dict, hash=False, compare=False)
    summary_title: Text | None = None
    summary: tuple[SummarySpec, ...] = ()
    empty: Text | None = None
    # The total row's label, "{count}" the rows it adds up (default: "Total"), and for a
    # preliminary period the label of the row after the last one of actual data, "{date}"
    # that day ("Cộng đến 31/05/2026 …"): the listing's rows carry their ISO `day`.
    total_label: Text | None = None
    actual_label: Text | None = None


@dataclass(frozen=True)
class FormSpec:
    """The band at the top of a statistical form: its number ("Biểu số …") and the circular
    that issues it on the left, the reporting and receiving units on the right. `number` is
    None for a table that is no numbered form (no "Biểu số" line), "" for a form whose number
    is not known here (printed as dots, to be written in by hand)."""

    number: str | None = None
    circular: Text | None = None
    short: Text | None = None  # its name where space is short (the report settings' caption)


SIGNERS = ("unit", "team_leader")


@dataclass(frozen=True)
class PartSpec:
    """A statistical report filed as several forms (`[[parts]]`): one of them, with its own
    title, legal basis, sheet name, rule of counting and columns. The rows, the estimates,
    the sums and the band (`[form]`) stay the report's; each part prints its columns."""

    title: Text
    sheet: Text  # the spreadsheet tab: 31 characters at most
    legal_basis: Text
    columns: tuple[str, ...]  # column keys, each in exactly one part
    rule: Text | None = None  # how its figures are counted, printed under it


@dataclass(frozen=True)
class Definition:
    name: str
    kind: str
    title: Text
    legal_basis: Text
    orientation: str
    period_rule: Text  # which dates count, printed under the title
    # statistics
    rows: str = WARD
    row_label: Text | None = None
    estimates: bool = False
    columns: tuple[ColumnSpec, ...] = ()
    sums: tuple[SumSpec, ...] = ()
    # lists
    sections: tuple[SectionSpec, ...] = ()
    uses_team: bool = False  # `--team` narrows it
    form: FormSpec | None = None  # a statistical form's band at the top
    parts: tuple[PartSpec, ...] = ()  # statistics filed as several forms, in this order
    # Who signs: the unit (its head, the preparer beside), or each team's leader under the
    # team's Part II (the mediation logbook is the team's book), the document then unsigned.
    signed_by: str = "unit"


def definitions_dir() -> Path:
    return shipped_dir("resources") / "reports"


@cache
def all_definitions() -> dict[str, Definition]:
    found = {}
    for path in sorted(definitions_dir().glob("*.toml")):
        definition = load_definition(path)
        if definition.name != path.stem:
            raise DefinitionError(f"{path.name}: name {definition.name!r} differs from the file")
        found[definition.name] = definition
    return found


def load_definition(path: Path) -> Definition:
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
        return _definition(data)
    except (tomllib.TOMLDecodeError, KeyError, TypeError, ValueError) as error:
        raise DefinitionError(f"{path.name}: {error}") from error


_TOP_KEYS = {
    "name", "kind", "title", "legal_basis", "orientation", "period_rule", "rows", "row_label",
    "estimates", "columns", "sums", "sections", "uses_team", "form", "signed_by", "parts",
}  # fmt: skip


def _definition(data: dict) -> Definition:
    _only(data, _TOP_KEYS, "definition")
    kind = _choice(data["kind"], KINDS, "kind")
    common = {
        "name": data["name"],
        "kind": kind,
        "title": _text(data["title"]),
        "legal_basis": _text(data["legal_basis"]),
        "orientation": _choice(
            data.get("orientation", "portrait"), ("portrait", "landscape"), "orientation"
        ),
        "period_rule": _text(data["period_rule"]),
        "uses_team": bool(data.get("uses_team", False)),
        "form": _form(data["form"]) if "form" in data else None,
        "signed_by": _choice(data.get("signed_by", "unit"), SIGNERS, "signed_by"),
    }
    if kind == "statistics":
        rows = _choice(data.get("rows", WARD), (WARD, TEAM), "rows")
        columns = tuple(_stat_column(item, rows) for item in data["columns"])
        _unique([column.key for column in columns])
        keys = {column.key for column in columns}
        return Definition(
            **common,
            rows=rows,
            row_label=_text(data["row_label"]),
            estimates=bool(data.get("estimates", False)),
            columns=columns,
            sums=tuple(_sum(item, keys) for item in data.get("sums", ())),
            parts=_parts(data.get("parts", ()), [column.key for column in columns]),
        )
    sections = tuple(_section(item) for item in data["sections"])
    return Definition(**common, sections=sections)


def _form(item: dict) -> FormSpec:
    _only(item, {"number", "circular", "short"}, "form")
    number = item.get("number")
    if number is not None and not isinstance(number, str):
        raise DefinitionError(f"form number {number!r} is not text")
    return FormSpec(
        number=number,
        circular=_text(item["circular"]) if "circular" in item else None,
        short=_text(item["short"]) if "short" in item else None,
    )


def _parts(items, keys: list[str]) -> tuple[PartSpec, ...]:
    parts = []
    for item in items:
        _only(item, {"title", "sheet", "legal_basis", "columns", "rule"}, "part")
        sheet = _text(item["sheet"])
        if max(len(sheet.vi), len(sheet.en)) > 31:
            raise DefinitionError(f"part sheet name {sheet.vi!r} is longer than 31 characters")
        parts.append(
            PartSpec(
                title=_text(item["title"]),
                sheet=sheet,
                legal_basis=_text(item["legal_basis"]),
                columns=tuple(item["columns"]),
                rule=_text(item["rule"]) if "rule" in item else None,
            )
        )
    placed = [key for part in parts for key in part.columns]
    if parts and sorted(placed) != sorted(keys):
        missing, unknown = set(keys) - set(placed), set(placed) - set(keys)
        raise DefinitionError(
            "parts must hold every column once: "
            f"missing {sorted(missing)}, unknown {sorted(unknown)}, or repeated"
        )
    return tuple(parts)


def _stat_column(item: dict, rows: str) -> ColumnSpec:
    _only(item, {"key", "measure", "ratio", "label", "groups", "kind", "width", "threshold", "rule", "rules_by_setting"}, "column")  # fmt: skip
    kind = _choice(item.get("kind", PERCENT if "ratio" in item else COUNT), COLUMN_KINDS, "kind")
    measure = item.get("measure")
    ratio = tuple(item["ratio"]) if "ratio" in item else None
    for key in ([measure] if measure else []) + list(ratio or ()):
        if key not in MEASURES:
            raise DefinitionError(f"unknown measure {key!r}")
        if rows == TEAM and TEAM not in MEASURES[key].groupings:
            raise DefinitionError(f"measure {key!r} cannot be counted per team")
    if (measure is None) == (ratio is None):
        raise DefinitionError(f"column {item.get('key')!r}: give exactly one of measure or ratio")
    rules_by_setting = None
    if "rules_by_setting" in item:
        spec = dict(item["rules_by_setting"])
        setting = spec.pop("setting")
        rules_by_setting = (setting, {value: _text(text) for value, text in spec.items()})
    return ColumnSpec(
        key=item.get("key", measure),
        label=_text(item["label"]),
        kind=kind,
        groups=tuple(_text(group) for group in item.get("groups", ())),
        width=float(item.get("width", 1.0)),
        measure=measure,
        ratio=ratio,
        threshold=item.get("threshold"),
        rule=_text(item["rule"]) if "rule" in item else None,
        rules_by_setting=rules_by_setting,
    )


def _sum(item: dict, keys: set[str]) -> SumSpec:
    _only(item, {"whole", "parts", "whole_name", "parts_name", "of_which"}, "sum")
    whole, parts = item["whole"], tuple(item["parts"])
    for key in (whole, *parts):
        if key not in keys:
            raise DefinitionError(f"sum of {whole!r}: no column {key!r}")
    if not parts or whole in parts or len(set(parts)) != len(parts):
        raise DefinitionError(f"sum of {whole!r}: parts must be other columns, each once")
    return SumSpec(
        whole=whole,
        parts=parts,
        whole_name=_text(item["whole_name"]),
        parts_name=_text(item["parts_name"]),
        of_which=bool(item.get("of_which", False)),
    )


def _section(item: dict) -> SectionSpec:
    _only(item, {"source", "columns", "title", "params", "summary_title", "summary", "empty", "total_label", "actual_label"}, "section")  # fmt: skip
    source = item["source"]
    if source not in listings.LISTINGS:
        raise DefinitionError(f"unknown listing {source!r}")
    fields = listings.LISTINGS[source].fields
    columns = []
    for column in item["columns"]:
        _only(column, {"field", "label", "groups", "width", "total"}, "column")
        name = column["field"]
        if name not in fields:
            raise DefinitionError(f"listing {source!r} has no field {name!r}")
        columns.append(
            ColumnSpec(
                key=name,
                label=_text(column["label"]),
                kind=fields[name],
                groups=tuple(_text(group) for group in column.get("groups", ())),
                width=float(column.get("width", 1.0)),
                field=name,
                total=bool(column.get("total", False)),
            )
        )
    _unique([column.key for column in columns])
    summary = []
    for line in item.get("summary", ()):
        if line["measure"] not in MEASURES:
            raise DefinitionError(f"unknown measure {line['measure']!r}")
        summary.append(SummarySpec(line["measure"], _text(line["label"])))
    return SectionSpec(
        source=source,
        columns=tuple(columns),
        title=_text(item["title"]) if "title" in item else None,
        params=dict(item.get("params", {})),
        summary_title=_text(item["summary_title"]) if "summary_title" in item else None,
        summary=tuple(summary),
        empty=_text(item["empty"]) if "empty" in item else None,
        total_label=_text(item["total_label"]) if "total_label" in item else None,
        actual_label=_text(item["actual_label"]) if "actual_label" in item else None,
    )


def _text(value) -> Text:
    if isinstance(value, str):
        return Text(value, value)
    _only(value, {"vi", "en"}, "text")
    return Text(value["vi"], value["en"])


def _choice(value, allowed, what: str):
    if value not in allowed:
        raise DefinitionError(f"{what} {value!r} is not one of {', '.join(allowed)}")
    return value


def _only(data: dict, allowed: set, what: str) -> None:
    unknown = set(data) - allowed
    if unknown:
        raise DefinitionError(f"unknown {what} key(s): {', '.join(sorted(unknown))}")


def _unique(keys: list[str]) -> None:
    if len(keys) != len(set(keys)):
        raise DefinitionError(f"column keys repeat: {keys}")
