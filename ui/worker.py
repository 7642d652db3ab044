"""One helper for slow work: run a function off the GUI thread, report progress, allow cancel,
and call back on the GUI thread with the result or the error."""

from collections.abc import Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


class Cancelled(Exception):
    pass


class _Signals(QObject):
    progress = Signal(int, int)
    finished = Signal(object)
    failed = Signal(object)


class Task(QRunnable):
    """`function(report)`; `report(done, total)` raises Cancelled once cancel() was asked."""

    def __init__(self, function: Callable):
        super().__init__()
        self.function = function
        self.signals = _Signals()
        self._cancelled = False

    def cancel(self) -> None:
        self._cancelled = True

    @property
    def cancelled(self) -> bool:
        """Asked to stop (it stops at its next report, then fails with Cancelled)."""
        return self._cancelled

    def report(self, done: int, total: int) -> None:
        if self._cancelled:
            raise Cancelled
        self.signals.progress.emit(done, total)

    def run(self) -> None:
        try:
            result = self.function(self.report)
        except BaseException as error:  # handed to the GUI thread, which decides what to show
            self.signals.failed.emit(error)
        else:
            self.signals.finished.emit(result)


def run_task(function: Callable, on_done: Callable, on_error: Callable, on_progress=None) -> Task:
    task = Task(function)
    task.signals.finished.connect(on_done)
    task.signals.failed.connect(on_error)
    if on_progress:
        task.signals.progress.connect(on_progress)
    QThreadPool.globalInstance().start(task)
    return task
