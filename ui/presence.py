"""The window's part in “who else is working” at a PostgreSQL district (issue #17): its row in
`presence` is written when the window opens and every 30 s (off the GUI thread: a slow network
never freezes the window), removed when it closes; each heartbeat brings back the others
present, and `changed` tells the pages that show them. At an SQLite installation it does
nothing at all."""

from contextlib import suppress

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from sqlalchemy.exc import SQLAlchemyError

from app.errors import TiepCanError
from app.services import presence
from ui.worker import run_task


class PresenceKeeper(QObject):
    changed = Signal(list)  # the others present now: app.services.presence.Operator

    def __init__(self, store, parent: QObject | None = None):
        super().__init__(parent)
        self.store = store
        self.presence_id: int | None = None
        self.activity = ""
        self.others: list[presence.Operator] = []
        self._task = None
        self._left = False
        self.timer = QTimer(self)
        self.timer.setInterval(presence.HEARTBEAT_SECONDS * 1000)
        self.timer.timeout.connect(self.beat)
        if store.on_server:
            self.timer.start()
            application = QCoreApplication.instance()
            if application is not None:
                application.aboutToQuit.connect(self.leave)
            self.beat()

    def set_activity(self, activity: str) -> None:
        """What this window does now ("importing 00167", "printing pbgdpl-stats", "" when
        done): the others see it at the next heartbeat, which comes at once."""
        self.activity = activity
        self.beat()

    def beat(self) -> None:
        if not self.store.on_server or self._left:
            return
        if self._task is not None:  # one heartbeat at a time; the next timeout tries again
            return
        store, presence_id, activity = self.store, self.presence_id, self.activity

        def work(_report):
            if presence_id is None:
                current = presence.announce(store, activity)
            else:
                current = presence.heartbeat(store, presence_id, activity)
            return current, presence.others(store, current)

        self._task = run_task(work, self._beaten, self._missed)

    def _beaten(self, result) -> None:
        self._task = None
        self.presence_id, self.others = result
        if self._left:  # the window closed while the heartbeat ran: its row goes now
            self.leave()
            return
        self.changed.emit(self.others)

    def _missed(self, _error) -> None:
        # A server out of reach for a moment: the next heartbeat tries again; the pages say
        # nothing of a missed one (the row goes stale only after 2 minutes).
        self._task = None

    def leave(self) -> None:
        """Remove this window's row (the window closes, or lets go of the database)."""
        self._left = True
        self.timer.stop()
        if self.presence_id is not None:
            with suppress(TiepCanError, SQLAlchemyError):  # stale in 2 minutes all the same
                presence.leave(self.store, self.presence_id)
            self.presence_id = None
