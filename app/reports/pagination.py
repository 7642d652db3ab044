"""Where a table's pages break: the rows of each page, chosen for the least badness over the
whole table, as the PDF lays it out and as the spreadsheets print it (their page breaks set
by hand, so that Calc and Excel break where the PDF would)."""

from dataclasses import dataclass

# Filling pages (plan_pages): a page that is not its table's last is at least MIN_FILL full
# wherever the rows allow it, and a row shorter than SHORT_ROW of a page never stands alone on
# one (no orphan at a page's foot, no widow at its head).
MIN_FILL = 0.4
SHORT_ROW = 0.15

# The badness of a page break, in the units of a closed page's blank share (0 for a full page,
# 1 for an empty one): a page under MIN_FILL, a short row alone, total rows alone, and what
# follows a table set on a page without rows each cost far more than any blank.
UNDERFILLED = 100.0
LONE_ROW = 50.0
TAIL_ALONE = 30.0  # the signature on a page with no row above it
# A spreadsheet repeats its header on every page, so there the signature alone stands under a
# header with no row: worse than the totals going over with it, still better than a short row
# alone or a page under MIN_FILL.
TAIL_UNDER_HEADER = 45.0
TOTALS_ALONE = 20.0  # the totals with no row above them (better than the signature alone)
INFINITE = float("inf")
SLACK = 0.01  # points: rounding in the heights
TIE = 1e-9  # badness: plans this close are equally good


@dataclass
class Plan:
    fresh_start: bool  # the table opens a new page (the current one is left as it is)
    slices: list[tuple[int, int]]  # the rows [start, end) of each page, one page after another
    tail_alone: bool  # what follows the table goes on a page of its own: nothing else fits


def plan_pages(
    heights: list[float],
    header: float,
    page: float,
    room: float,
    lead: float,
    tail: float,
    totals: int = 0,
    tail_alone: float = TAIL_ALONE,
) -> Plan:
    """Where a table's pages break, for the least badness over the whole table (a greedy fill
    leaves the last row, or the signature, alone on a page it could have shared). `heights`
    are the rows' (none taller than a page under the header), `header` the header repeated
    on every page, `room` what is left of the current page, `lead` what opens the table on
    its first page (a book's cover facts, its title), `tail` what must follow the last row on
    its page (Part II, the notes, the signature), `totals` how many of the last rows are total
    rows (they never open a page on their own), `tail_alone` the badness of the tail on a page
    without rows. Every page but the table's last is costed by
    its blank share, dearly under MIN_FILL, and a slice of one short row (widow, orphan) or of
    total rows alone costs extra; the last page costs nothing: it holds what is left. The
    blank share counts as it is, not squared: among plans of equal badness the earlier pages
    are the fuller (a clerk reprints a first page that a second case would have fitted on, not
    a last one that is short), and a tie goes to the plan whose last page starts the latest.
    Rows stay whole."""
    count = len(heights)
    if not count:
        return Plan(False, [(0, 0)], False)
    sums = [0.0]
    for height in heights:
        sums.append(sums[-1] + height)
    above = page - room  # already on the current page: the heading, an earlier table

    def closed(used: float) -> float:
        fill = min(used / page, 1.0)
        cost = 1.0 - fill
        return cost + UNDERFILLED * (1.0 + MIN_FILL - fill) if fill < MIN_FILL else cost

    def lone(start: int, end: int) -> float:
        if start > 0 and count - totals < start:  # a break between the totals
            return LONE_ROW
        if start > 0 and count - totals == start:  # the totals with no row above them
            return TOTALS_ALONE
        alone = end - start == 1 and count > 1 and heights[start] < SHORT_ROW * page
        return LONE_ROW if alone else 0.0

    # The first slice goes under what the current page holds, or opens the next page; that
    # leaves the current page as it is (a page to pay for, unless it is still empty).
    openings = [(False, above + lead + header, 0.0)]
    if above > SLACK:
        openings.append((True, lead + header, closed(above)))
    # best[end]: the least badness of rows [0, end) on pages all ended after row end - 1.
    best = [INFINITE] * (count + 1)
    back: list[tuple[int, bool]] = [(0, False)] * (count + 1)
    for end in range(1, count + 1):
        # The latest start first: on a tie, the pages before this one hold more.
        for start in range(end - 1, 0, -1):
            used = header + sums[end] - sums[start]
            if used > page + SLACK and start < end - 1:
                break
            cost = best[start] + closed(used) + lone(start, end)
            if cost < best[end] - TIE:
                best[end], back[end] = cost, (start, False)
        for fresh, base, before in openings:
            used = base + sums[end]
            # One row always goes on an empty page, however tall (block() cuts it to fit).
            if used <= page + SLACK or (end == 1 and (fresh or above <= SLACK)):
                cost = before + closed(used) + lone(0, end)
                if cost < best[end] - TIE:
                    best[end], back[end] = cost, (0, fresh)
    # The last page: its rows with the tail under them, or, when nothing else fits, every
    # row on earlier pages and the tail on a page of its own.
    last, choice = best[count] + tail_alone, None
    for start in range(count - 1, 0, -1):
        if header + sums[count] - sums[start] + tail > page + SLACK:
            break
        cost = best[start] + lone(start, count)
        if cost < last - TIE:
            last, choice = cost, (start, False)
    for fresh, base, before in openings:
        if base + sums[count] + tail <= page + SLACK and before + lone(0, count) < last - TIE:
            last, choice = before + lone(0, count), (0, fresh)
    slices, end, fresh_start = [], count, False
    if choice is not None:
        start, fresh_start = choice
        slices.append((start, count))
        end = start
    while end > 0:
        start, fresh = back[end]
        slices.append((start, end))
        if start == 0:
            fresh_start = fresh
        end = start
    slices.reverse()
    return Plan(fresh_start, slices, choice is None)
