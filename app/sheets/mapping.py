"""Which field each column holds: proposed from the header words, or remembered from the last
sheet of the same shape (the same header texts), kept in the `settings` table."""

import hashlib
from functools import cache

from app.errors import N_
from app.i18n import gettext
from app.services import preferences
from app.sheets.fields import Target, targets
from app.sheets.model import Column, SheetError
from app.sheets.values import words

# Row numbers, not data: never mapped.
IGNORED = frozenset({"stt", "tt", "so tt", "so thu tu", "no", "so", "thu tu", "stt tt"})
PREFIX = "sheets.mapping."


@cache
def _label_words(kind: str) -> dict[str, set[str]]:
    """Each target's own label, in both languages: a template's header maps back exactly."""
    return {
        name: {words(gettext(target.label, "vi")), words(target.label)}
        for name, target in targets(kind).items()
    }


def score(kind: str, target: Target, header: str) -> int:
    """How surely `header` names `target`: 0 not at all. The whole header beats its last part
    (the sub-heading of a two-row header), which beats an upper part; a synonym found inside a
    longer header counts least."""
    whole = words(header)
    if not whole:
        return 0
    if whole in _label_words(kind)[target.name]:
        return 400
    parts = [words(part) for part in header.split(" / ")]
    best = 0
    for synonym in target.synonyms:
        if whole == synonym:
            return 300 + len(synonym)
        if len(parts) > 1 and parts[-1] == synonym:
            best = max(best, 200 + len(synonym))
        elif synonym in parts[:-1]:
            best = max(best, 100 + len(synonym))
        elif " " in synonym and f" {synonym} " in f" {whole} ":
            best = max(best, 10 + len(synonym))
    return best


def is_ignored(header: str) -> bool:
    return words(header.split(" / ")[-1]) in IGNORED or words(header) in IGNORED


def propose(kind: str, columns: list[Column]) -> None:
    """Set each column's field from its header words: the surest pairs first, each field to
    one column (list fields excepted), hidden columns and row numbers never."""
    pairs = []
    for column in columns:
        column.field, column.proposed = None, True
        if column.hidden or is_ignored(column.header):
            continue
        for target in targets(kind).values():
            points = score(kind, target, column.header)
            if points:
                pairs.append((-points, column.index, target.name))
    taken_columns: set[int] = set()
    taken_fields: set[str] = set()
    by_index = {column.index: column for column in columns}
    for _points, index, name in sorted(pairs):
        if index in taken_columns:
            continue
        if name in taken_fields and not targets(kind)[name].multiple:
            continue
        by_index[index].field = name
        taken_columns.add(index)
        taken_fields.add(name)


def apply_mapping(kind: str, columns: list[Column], mapping: dict[str, str | None]) -> None:
    """The officer's mapping (header text → field, or None to ignore) over the proposal:
    columns it does not name keep what was proposed."""
    known = targets(kind)
    for _header, name in mapping.items():
        if name is not None and name not in known:
            raise SheetError(
                N_("“{field}” is not a field a column can be imported into."), field=str(name)
            )
    for column in columns:
        if column.header in mapping:
            column.field = mapping[column.header]
            column.proposed = False
    seen: dict[str, str] = {}
    for column in columns:
        name = column.field
        if name is None:
            continue
        if name in seen and not known[name].multiple:
            raise SheetError(
                N_("Two columns, “{first}” and “{second}”, are mapped to the same field."),
                first=seen[name],
                second=column.header,
            )
        seen.setdefault(name, column.header)


def shape_key(kind: str, headers: list[str]) -> str:
    digest = hashlib.sha256("\x1f".join(headers).encode("utf-8")).hexdigest()[:16]
    return f"{PREFIX}{kind}.{digest}"


def remembered(connection_settings: dict, key: str) -> dict[str, str | None] | None:
    value = connection_settings.get(key)
    return value if isinstance(value, dict) else None


def read_remembered(store, key: str) -> dict[str, str | None] | None:
    return remembered(preferences.get_settings(store, key), key)


def remember(store, key: str, mapping: dict[str, str | None]) -> None:
    preferences.put_settings(store, {key: mapping})
