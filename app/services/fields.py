"""Field specifications: how each value of a record's data is checked and normalised.

A record's *data* is a plain dict (the form the GUI edits, the audit log keeps, the content hash
covers and bundles carry). Every key is always present, so two copies hash alike."""

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from app.enums import Enumeration
from app.errors import N_, Msg, RecordError
from app.text import clean_line, has_control_chars, nfc

LINE_LIMIT = 500
TEXT_LIMIT = 64 * 1024
LIST_LIMIT = 500
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_TIME = re.compile(r"([01]\d|2[0-3]):[0-5]\d")
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_TEXT_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


@dataclass(frozen=True)
class Spec:
    name: str
    type: str  # line text date time int bool enum codes strings objects uuid uuids
    label: str  # msgid shown to the user
    required: bool = False
    enum: Enumeration | None = None
    minimum: int = 0
    maximum: int = 10**12
    default: Any = None
    personal: bool = False  # personal data: never leaves the ward
    fields: tuple["Spec", ...] = ()  # the members of each object in an "objects" list
    column: str | None = None  # column name when it differs from the data key
    searchable: bool = False
    # msgid: what the field means, for an officer new to it, with the article of the law it
    # comes from where there is one. Shown as the field's tooltip and What's This; empty when
    # the label says it all.
    help: str = ""

    @property
    def empty(self) -> Any:
        if self.type in ("codes", "strings", "objects", "uuids"):
            return []
        return self.default

    @property
    def column_name(self) -> str:
        return self.column or self.name


def fail(spec: Spec, message: str, path: str = "", **params: object) -> RecordError:
    return RecordError(path or spec.name, message, field=Msg(spec.label), **params)


def normalise(spec: Spec, value: Any, path: str = "") -> Any:
    """The value in canonical form, or a RecordError naming the field."""
    path = path or spec.name
    if value is None or value == "" or value == []:
        if spec.required:
            raise fail(spec, N_("{field} is required."), path)
        return spec.empty
    return _NORMALISERS[spec.type](spec, value, path)


# Valid one-line texts already seen, as they normalise: names of places, laws and teams repeat
# across thousands of records of a batch or a bundle. Only successes are kept, and only so many.
_LINES: dict[str, str] = {}
_LINES_MAX = 100_000


def forget_repeats() -> None:
    """Drop the cache of texts seen: it helps within one batch or bundle, and must not make a
    long-running import grow with the number of bundles it has read."""
    _LINES.clear()


def _line(spec: Spec, value: Any, path: str) -> str | None:
    if type(value) is str:
        known = _LINES.get(value)
        if known is not None and len(known) <= LINE_LIMIT:
            return known
    if not isinstance(value, str):
        raise fail(spec, N_("{field} must be text."), path)
    if has_control_chars(value):
        raise fail(spec, N_("{field} contains control characters."), path)
    cleaned = clean_line(value)
    if len(cleaned) > LINE_LIMIT:
        raise fail(
            spec, N_("{field} is too long (at most {limit} characters)."), path, limit=LINE_LIMIT
        )
    if not cleaned:
        if spec.required:
            raise fail(spec, N_("{field} is required."), path)
        return None
    if len(_LINES) < _LINES_MAX:
        _LINES[value] = cleaned
    return cleaned


def _text(spec: Spec, value: Any, path: str) -> str | None:
    if not isinstance(value, str):
        raise fail(spec, N_("{field} must be text."), path)
    if _TEXT_CONTROL.search(value):
        raise fail(spec, N_("{field} contains control characters."), path)
    value = nfc(value.replace("\r\n", "\n")).strip()
    if len(value) > TEXT_LIMIT:
        raise fail(
            spec, N_("{field} is too long (at most {limit} characters)."), path, limit=TEXT_LIMIT
        )
    if not value and spec.required:
        raise fail(spec, N_("{field} is required."), path)
    return value or None


def _date(spec: Spec, value: Any, path: str) -> str:
    if isinstance(value, date):
        value = value.isoformat()
    if not isinstance(value, str) or not _DATE.fullmatch(value):
        raise fail(spec, N_("{field} is not a valid date."), path)
    try:
        parsed = date.fromisoformat(value)
    except ValueError:
        raise fail(spec, N_("{field} is not a valid date."), path) from None
    if not 1900 <= parsed.year <= 2100:
        raise fail(spec, N_("{field} must be between the years 1900 and 2100."), path)
    return value


def _time(spec: Spec, value: Any, path: str) -> str:
    if not isinstance(value, str) or not _TIME.fullmatch(value):
        raise fail(spec, N_("{field} must be a time such as 08:30."), path)
    return value


def _int(spec: Spec, value: Any, path: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise fail(spec, N_("{field} must be a whole number."), path)
    if not spec.minimum <= value <= spec.maximum:
        raise fail(
            spec,
            N_("{field} must be between {minimum} and {maximum}."),
            path,
            minimum=spec.minimum,
            maximum=spec.maximum,
        )
    return value


def _bool(spec: Spec, value: Any, path: str) -> bool:
    if not isinstance(value, bool):
        raise fail(spec, N_("{field} must be yes or no."), path)
    return value


def _enum(spec: Spec, value: Any, path: str) -> str:
    if not isinstance(value, str) or value not in spec.enum:
        raise fail(
            spec, N_("{field}: “{value}” is not one of the allowed choices."), path, value=value
        )
    return value


def _list(spec: Spec, value: Any, path: str) -> list:
    if not isinstance(value, list):
        raise fail(spec, N_("{field} must be a list."), path)
    if len(value) > LIST_LIMIT:
        raise fail(
            spec, N_("{field} has too many entries (at most {limit})."), path, limit=LIST_LIMIT
        )
    return value


def _dedupe(values: list) -> list:
    return list(dict.fromkeys(values))


def _codes(spec: Spec, value: Any, path: str) -> list[str]:
    return _dedupe(
        [_enum(spec, item, f"{path}.{i}") for i, item in enumerate(_list(spec, value, path))]
    )


def _strings(spec: Spec, value: Any, path: str) -> list[str]:
    items = [_line(spec, item, f"{path}.{i}") for i, item in enumerate(_list(spec, value, path))]
    return _dedupe([item for item in items if item])


def _uuid(spec: Spec, value: Any, path: str) -> str:
    if not isinstance(value, str) or not _UUID.fullmatch(value):
        raise fail(spec, N_("{field} does not refer to a valid record."), path)
    return value


def _uuids(spec: Spec, value: Any, path: str) -> list[str]:
    return _dedupe(
        [_uuid(spec, item, f"{path}.{i}") for i, item in enumerate(_list(spec, value, path))]
    )


def _objects(spec: Spec, value: Any, path: str) -> list[dict]:
    return [
        normalise_object(spec.fields, item, f"{path}.{i}", spec)
        for i, item in enumerate(_list(spec, value, path))
    ]


# Per tuple of specs: (names, [(name, spec, normaliser, empty value, empty is a new list, quick
# check)]). Keyed by identity: the tuples are module constants, and hashing them field by field
# on every record would cost more than the work.
_PLANS: dict[int, tuple] = {}


def _quick_check(spec: Spec):
    """For the commonest fields, a test that a value is already canonical without calling its
    normaliser: (int, minimum, maximum) or (str, the enumeration's codes); None otherwise."""
    if spec.type == "int":
        return (int, spec.minimum, spec.maximum)
    if spec.type == "enum":
        return (str, frozenset(spec.enum.codes), None)
    return None


def _plan(specs: tuple[Spec, ...]) -> tuple:
    plan = _PLANS.get(id(specs))
    if plan is None:
        steps = tuple(
            (
                spec.name,
                spec,
                _NORMALISERS[spec.type],
                spec.empty,
                spec.empty == [],
                _quick_check(spec),
            )
            for spec in specs
        )
        plan = _PLANS[id(specs)] = (frozenset(spec.name for spec in specs), steps, specs)
    return plan


def normalise_object(
    specs: tuple[Spec, ...], value: Any, path: str, owner: Spec | None = None
) -> dict:
    if not isinstance(value, dict):
        raise RecordError(
            path, N_("{field} must be a list of entries."), field=Msg(owner.label if owner else "")
        )
    names, steps, _ = _plan(specs)
    if not names.issuperset(value):
        key = next(key for key in value if key not in names)
        raise RecordError(
            f"{path}.{key}" if path else str(key), N_("Unknown field “{name}”."), name=str(key)
        )
    result = {}
    get = value.get
    # This loop runs for every field of every record of a bundle: each value's path is built
    # only when it is refused, empty is tested by type first (None, "" or [], not 0 or False),
    # and whole numbers and codes already canonical are taken without a call.
    try:
        for name, spec, normaliser, empty, new_list, quick in steps:
            item = get(name)
            kind = type(item)
            if item is None or ((kind is str or kind is list) and not item):
                if spec.required:
                    raise fail(spec, N_("{field} is required."), name)
                result[name] = [] if new_list else empty
            elif quick is not None and kind is quick[0]:
                ok = quick[1] <= item <= quick[2] if kind is int else item in quick[1]
                result[name] = item if ok else normaliser(spec, item, name)
            else:
                result[name] = normaliser(spec, item, name)
    except RecordError as error:
        if path:
            error.field = f"{path}.{error.field}"
        raise
    return result


_NORMALISERS = {
    "line": _line,
    "text": _text,
    "date": _date,
    "time": _time,
    "int": _int,
    "bool": _bool,
    "enum": _enum,
    "codes": _codes,
    "strings": _strings,
    "uuid": _uuid,
    "uuids": _uuids,
    "objects": _objects,
}


# Helpers for the kind definitions: short names keep the tables of fields readable.
def line(name, label, **kw) -> Spec:
    return Spec(name, "line", label, **kw)


def text(name, label, **kw) -> Spec:
    return Spec(name, "text", label, **kw)


def day(name, label, **kw) -> Spec:
    return Spec(name, "date", label, **kw)


def count(name, label, maximum=1_000_000, **kw) -> Spec:
    return Spec(name, "int", label, maximum=maximum, **kw)


def flag(name, label, default=False, **kw) -> Spec:
    return Spec(name, "bool", label, default=default, **kw)


def choice(name, label, enum, **kw) -> Spec:
    return Spec(name, "enum", label, enum=enum, **kw)


def codes(name, label, enum, **kw) -> Spec:
    return Spec(name, "codes", label, enum=enum, **kw)


__all__ = ["Spec", "count", "day", "fail", "flag", "line", "normalise", "normalise_object", "text"]
