"""JSON read strictly: no duplicate keys, no NaN or Infinity, no floats, integers within
±(2^53−1), bounded nesting. What the bundle format admits and nothing more."""

import json
from typing import Any

from app.canonical import MAX_SAFE_INTEGER


class StrictJSONError(ValueError):
    pass


def _pairs(pairs: list[tuple[str, Any]]) -> dict:
    result = dict(pairs)
    if len(result) != len(pairs):
        raise StrictJSONError("duplicate key")
    return result


def _no_float(text: str):
    raise StrictJSONError("floats are not allowed")


def _no_constant(text: str):
    raise StrictJSONError(f"{text} is not allowed")


def _int(text: str) -> int:
    # Checked on the digits, before Python builds an arbitrarily large integer.
    if len(text.lstrip("-")) > 16 or abs(int(text)) > MAX_SAFE_INTEGER:
        raise StrictJSONError("integer out of range")
    return int(text)


_DECODER = json.JSONDecoder(
    object_pairs_hook=_pairs, parse_float=_no_float, parse_constant=_no_constant, parse_int=_int
)


def depth(value: Any) -> int:
    if isinstance(value, dict):
        return 1 + max((depth(v) for v in value.values()), default=0)
    if isinstance(value, list):
        return 1 + max((depth(v) for v in value), default=0)
    return 0


def loads(data: bytes, max_depth: int) -> Any:
    """Parse UTF-8 JSON text strictly; raises StrictJSONError for anything outside the format."""
    try:
        text = data.decode("utf-8")
        value = _DECODER.decode(text)
    except StrictJSONError:
        raise
    except UnicodeDecodeError as error:
        raise StrictJSONError("not UTF-8") from error
    except RecursionError as error:
        raise StrictJSONError("nested too deeply") from error
    except ValueError as error:
        raise StrictJSONError(str(error)) from error
    if depth(value) > max_depth:
        raise StrictJSONError("nested too deeply")
    return value
