"""Where the table starts: the header row under the title rows (merged across the page), and a
second header row under it when the first groups columns ("Năm sinh" over "Nam" and "Nữ")."""

from dataclasses import dataclass

from app.errors import N_, Msg
from app.services.kinds import KINDS
from app.sheets.fields import targets
from app.sheets.mapping import is_ignored, score
from app.sheets.model import SheetError
from app.sheets.read import Grid
from app.sheets.values import cell_text, is_blank

SEARCHED_ROWS = 40  # a header is near the top: title, unit name, date lines come first


@dataclass
class Header:
    rows: list[int]  # 0-based
    texts: dict[int, str]  # column index -> header text, for the columns that have one
    title: str  # the text above the header (the list's title), folded words not applied


def _merge_map(grid: Grid, last_row: int) -> dict[tuple[int, int], tuple[int, int, int, int]]:
    found = {}
    for top, left, bottom, right in grid.merged or ():
        if top > last_row:
            continue
        for r in range(top, min(bottom, last_row) + 1):
            for c in range(left, right + 1):
                found[(r, c)] = (top, left, bottom, right)
    return found


def find_header(grid: Grid, kind: str) -> Header:
    last = min(len(grid.rows), SEARCHED_ROWS) - 1
    merges = _merge_map(grid, last + 1)
    width = grid.width

    def cell(r: int, c: int, spread: bool = True) -> str:
        """The text at (r, c); a merged range's text fills it (across, only when `spread`)."""
        if (r, c) in merges:
            top, left, _, _ = merges[(r, c)]
            if c != left and not spread:
                return ""
            r, c = top, left
        row = grid.rows[r] if r < len(grid.rows) else []
        return cell_text(row[c]) if c < len(row) else ""

    best: tuple[int, list[int]] = (0, [])
    for r in range(last + 1):
        spans = [[r]]
        if r + 1 < len(grid.rows) and _second_row(grid, r, merges, width, cell):
            spans.append([r, r + 1])
        for span in spans:
            texts = _texts(span, width, cell, grid.merged is not None)
            points = _points(kind, texts)
            if points > best[0]:
                best = (points, span)
    if not best[1]:
        raise SheetError(
            N_(
                "No header row was found: none of the first rows names the columns of {kind} (such as “Họ và tên”, “Ngày”). Add a header row, or use the template."
            ),
            kind=Msg(KINDS[kind].plural),
        )
    span = best[1]
    texts = _unique(_texts(span, width, cell, grid.merged is not None))
    title = " ".join(
        cell_text(value) for row in grid.rows[: span[0]] for value in row if not is_blank(value)
    )
    return Header(span, texts, title)


def _points(kind: str, texts: dict[int, str]) -> int:
    """Headings that name some field: how much a row looks like this kind's header."""
    found = 0
    for text in set(texts.values()):
        if is_ignored(text):
            continue
        if any(score(kind, target, text) for target in targets(kind).values()):
            found += 1
    return found


def _texts(span: list[int], width: int, cell, merged_known: bool) -> dict[int, str]:
    texts = {}
    for c in range(width):
        # One header row: a heading merged across columns names its first one only. Two rows:
        # a group heading belongs to every column under it.
        parts = [cell(r, c, spread=len(span) > 1) for r in span]
        if len(span) == 2 and not merged_known and not parts[0] and parts[1]:
            parts[0] = _group_to_the_left(span, c, cell)  # an .ods or .csv keeps no merges
        joined = []
        for part in parts:
            if part and (not joined or joined[-1] != part):
                joined.append(part)
        if joined:
            texts[c] = " / ".join(joined)
    return texts


def _group_to_the_left(span: list[int], c: int, cell) -> str:
    for left in range(c - 1, -1, -1):
        if cell(span[0], left):
            return cell(span[0], left) if cell(span[1], left) else ""
        if not cell(span[1], left):
            return ""
    return ""


def _second_row(grid: Grid, r: int, merges, width: int, cell) -> bool:
    """Whether row r+1 continues the header of row r, rather than starting the data."""
    below = grid.rows[r + 1]
    if not any(not is_blank(value) for value in below):
        return False
    if any(not isinstance(value, str) for value in below if not is_blank(value)):
        return False  # numbers and dates: data
    if grid.merged is not None:
        for c in range(width):
            spot = merges.get((r, c))
            if spot is None:
                continue
            top, left, bottom, right = spot
            if bottom >= r + 1 and top <= r:
                return True  # a heading merged down over both rows
            if (
                right > left
                and top == r
                and (right - left + 1) < width - 1
                and any(cell(r + 1, x) for x in range(left, right + 1))
            ):
                return True  # a group heading over sub-headings
        return False
    headed = [c for c in range(width) if cell(r, c)]
    if not headed:
        return False
    under_blank = [c for c in range(width) if cell(r + 1, c) and not cell(r, c)]
    blank_under = [c for c in headed if not cell(r + 1, c)]
    return bool(under_blank) and len(blank_under) * 2 >= len(headed)


def _unique(texts: dict[int, str]) -> dict[int, str]:
    """Two columns with the same heading ("Ghi chú" twice) get "(2)" after the second."""
    seen: dict[str, int] = {}
    result = {}
    for c, text in texts.items():
        seen[text] = seen.get(text, 0) + 1
        result[c] = text if seen[text] == 1 else f"{text} ({seen[text]})"
    return result
