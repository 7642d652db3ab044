"""Text hygiene shared by validation, search and name ordering."""

import re
import unicodedata

# C0/C1 control characters other than tab and newline have no place in a record.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Whitespace to tidy: runs of two or more, or any whitespace other than a plain space.
_SPACES = re.compile(r"\s{2,}|[^\S ]")
# Combining diacritical marks (the blocks NFD produces for Latin letters).
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def nfc(value: str) -> str:
    """Store text NFC-normalised, so the same word typed two ways compares equal."""
    return unicodedata.normalize("NFC", value)


def clean_line(value: str) -> str:
    """NFC, with runs of whitespace collapsed and the ends trimmed (names, places, titles)."""
    return _SPACES.sub(" ", nfc(value)).strip()


def has_control_chars(value: str) -> bool:
    return _CONTROL.search(value) is not None


def fold(value: str) -> str:
    """Lower-case, diacritics removed, đ → d: what search compares."""
    # đ/Đ are letters of their own, not a base letter plus a mark, so NFD leaves them alone.
    value = value.replace("đ", "d").replace("Đ", "d")
    return _COMBINING.sub("", unicodedata.normalize("NFD", value)).lower()


def display_date(iso: str | None) -> str:
    """dd/MM/yyyy, as officers write dates (ISO text is for storage only)."""
    if not iso or len(iso) < 10:
        return iso or ""
    return f"{iso[8:10]}/{iso[5:7]}/{iso[0:4]}"


def human_size(size: int) -> str:
    """1.5 MiB, 640 KiB, 12 B: sizes in messages."""
    for unit, scale in (("GiB", 2**30), ("MiB", 2**20), ("KiB", 2**10)):
        if size >= scale:
            return f"{size / scale:.3g} {unit}"
    return f"{size} B"


def printable(value: str) -> str:
    """A name from outside (a file name, a foreign field) made safe for one line of output."""
    return _CONTROL.sub("?", as_text(value).replace("\n", "?").replace("\t", "?"))


def as_text(value: str) -> str:
    """A file name as valid text: bytes in no known encoding (an odd USB stick) become "�"."""
    return value.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def natural_key(value: str) -> tuple:
    """Sort key that reads numbers as numbers: "Tổ 2" before "Tổ 10"; otherwise folded text."""
    import re

    return tuple(
        (0, int(part), "") if part.isdigit() else (1, 0, part)
        for part in re.split(r"(\d+)", fold(value or ""))
        if part
    )
