"""Canonical JSON (RFC 8785 restricted to strings, booleans, null, arrays, objects and
safe integers) and the SHA-256 digests built on it."""

import hashlib
import json
from typing import Any

MAX_SAFE_INTEGER = 2**53 - 1


def _check(value: Any, depth: int = 0) -> None:
    # Floats have several spellings across languages; the format only admits integers.
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return
    if isinstance(value, int):
        if abs(value) > MAX_SAFE_INTEGER:
            raise ValueError("integer outside the safe range")
        return
    if isinstance(value, list):
        for item in value:
            _check(item, depth + 1)
        return
    if isinstance(value, dict):
        for key, item in value.items():
            if not isinstance(key, str):
                raise ValueError("object keys must be strings")
            _check(item, depth + 1)
        return
    raise ValueError(f"type {type(value).__name__} has no canonical form")


def canonical_bytes(value: Any) -> bytes:
    """Keys sorted, no spaces, UTF-8 not escaped. Keys here are ASCII field names, so code-point
    order equals RFC 8785's UTF-16 order."""
    _check(value)
    return _dumps(value)


def _dumps(value: Any) -> bytes:
    text = json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return text.encode("utf-8")


def content_sha256(data: dict) -> str:
    """Digest of a record's data fields. The services build these dicts from validated values
    only (no floats), so the per-value check is skipped on this hot path."""
    return hashlib.sha256(_dumps(data)).hexdigest()
