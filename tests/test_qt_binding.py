"""The Qt binding must not leak or drop references in the signal path the whole GUI relies on:
PySide6 6.12.0 drops a reference to None each time a Python slot returns None, which crashes a
window that has been open for a while (pinned below 6.12 in pyproject.toml)."""

import sys

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    fired = Signal()


def test_slots_returning_none_keep_none_alive(qapp):
    emitter = _Emitter()
    calls = []
    emitter.fired.connect(lambda: calls.append(1))  # returns None, as most slots do
    before = sys.getrefcount(None)
    for _ in range(2_000):
        emitter.fired.emit()
    assert len(calls) == 2_000
    # A healthy binding leaves None's count where it was (give or take a few transient refs).
    assert sys.getrefcount(None) >= before - 10
