"""How far a long report has come, and the way to stop it.

A year's session log of a busy ward is 100,000 rows: read in a few seconds, but laid out and
drawn as a 10,000-page PDF, or filled into a spreadsheet, in a minute or more. Whoever waits is
told `progress(done, total)` as the work goes (`total` is 0 while it is not known), and may stop
it by raising from that call: the work then stops where it is and leaves nothing behind (no
report; a file being written is removed by its writer)."""

from collections.abc import Callable, Iterable, Iterator

Progress = Callable[[int, int], None]

EVERY = 200  # units of work between two reports: a stop is heard within a fraction of a second


def _nobody(done: int, total: int) -> None:
    """No one is waiting: nothing to tell, nothing can stop the work."""


class Tally:
    """One job's work counted in one unit (rows read, rows measured, a page's share of the
    rows), reported every EVERY units and whenever asked."""

    def __init__(self, progress: Progress | None = None, total: int = 0, every: int = EVERY):
        self.progress = progress or _nobody
        self.total = total
        self.done = 0
        self.every = every
        self._told = 0

    def expect(self, more: int) -> None:
        """More work than first known (another pass, another table)."""
        self.total += more

    def add(self, amount: int = 1) -> None:
        self.done += amount
        if self.done - self._told >= self.every:
            self.tell()

    def reach(self, done: int) -> None:
        """Work counted in bigger steps than units (a page drawn): where it stands now."""
        self.done = done
        self.tell()

    def tell(self) -> None:
        self._told = self.done
        self.progress(min(self.done, self.total), self.total)

    def counted(self, items: Iterable) -> Iterator:
        """`items`, one unit of work each."""
        for item in items:
            yield item
            self.add()

    def finish(self) -> None:
        """All done (estimates may have been high): the bar full, and a last chance to stop
        before the result is handed over."""
        self.total = max(self.total, self.done, 1)
        self.done = self.total
        self.tell()
