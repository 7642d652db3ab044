"""Backups and restore in the window: the quick check and the day's backup after start-up (off
the GUI thread, so the window never waits), “Back up to…” and “Restore from…”, and what the
officer is offered when the database is damaged."""

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt, QThreadPool, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.db.backups import KEEP_DAILY, KEEP_MONTHLY, KEEP_WEEKLY, newest_good_backup
from app.errors import DatabaseDamaged, TiepCanError
from app.i18n import format_number
from app.services import safekeeping
from ui.errors import show_problem
from ui.strings import _, ask, inform
from ui.worker import run_task


def when_text(moment: datetime) -> str:
    return moment.strftime("%d/%m/%Y %H:%M")


def backup_summary(folder) -> tuple[str, bool]:
    """(what to say about the newest backup, whether it is old enough to remind the officer)."""
    last = safekeeping.last_backup(folder)
    old = safekeeping.backup_is_old(last)
    if last is None:
        return _("No backup yet."), True
    return _("Last backup: {when}").format(when=when_text(last.created)), old


# -- after start-up ----------------------------------------------------------------------------


def start_background_care(window, store) -> None:
    """A quick check of the file soon after the window is up, then today's backup if there is
    none. Both run off the GUI thread; a damaged file is reported and nothing is written."""

    def work(_report):
        problems = store.find_damage(quick=True)
        if problems:
            return "damaged"
        return safekeeping.back_up_daily(store)

    def done(result) -> None:
        if result == "damaged":
            from app.db.backups import damage_report

            offer_restore(window, damage_report(store.folder.db))
        elif result is not None:
            window.backups_changed.emit()

    def failed(error) -> None:
        # A backup that could not be written (a full disk) is said once; the work goes on.
        if isinstance(error, TiepCanError):
            window.statusBar().showMessage(error.message(), 15_000)
        else:
            raise error

    window._care_task = run_task(work, done, failed)


# -- a damaged database ------------------------------------------------------------------------


def offer_restore(window, error: DatabaseDamaged) -> bool:
    """Say what happened in one sentence and offer the newest good backup; True once restored."""
    box = QMessageBox(QMessageBox.Icon.Warning, _("TiepCan"), "", parent=window)
    newest = newest_good_backup(Path(error.db).parent / "backups") if error.db else None
    if newest is not None:
        box.setText(
            _(
                "The database file is damaged; TiepCan will not write to it. The newest good backup was made {when}."
            ).format(when=when_text(newest.created))
        )
        restore_newest = box.addButton(
            _("Restore the backup of {when}").format(when=when_text(newest.created)),
            QMessageBox.ButtonRole.AcceptRole,
        )
        box.setDefaultButton(restore_newest)
    else:
        box.setText(error.message())
        restore_newest = None
    choose = box.addButton(_("Choose another backup…"), QMessageBox.ButtonRole.ActionRole)
    box.addButton(_("Not now"), QMessageBox.ButtonRole.RejectRole)
    box.setInformativeText(
        _(
            "The damaged file is not deleted: it is moved to the backups folder when a backup is restored."
        )
    )
    box.exec()
    if restore_newest is not None and box.clickedButton() is restore_newest:
        return restore_into(window, newest.path, confirm=False)
    if box.clickedButton() is choose:
        return choose_and_restore(window)
    return False


# -- restoring ---------------------------------------------------------------------------------


def choose_and_restore(window) -> bool:
    folder = window.folder if window.store is None else window.store.folder
    path, _filter = QFileDialog.getOpenFileName(
        window,
        _("Restore from a backup"),
        str(folder.backups if folder.backups.is_dir() else folder.root),
        _("TiepCan backups (*.db)"),
    )
    return bool(path) and restore_into(window, Path(path))


def restore_into(window, path: Path, *, confirm: bool = True) -> bool:
    """Replace the window's database with the copy at `path`, then show what it holds. The
    current database is kept in the backups folder; the counters are never lowered."""
    if confirm and not ask(
        window,
        _("Restore from a backup"),
        _(
            "Replace the records in this window with those of {file}? The current database is kept in the backups folder first."
        ).format(file=path.name),
        _("Restore"),
    ):
        return False
    folder = window.folder if window.store is None else window.store.folder
    # The day's backup may be reading the file: let it finish (Windows cannot replace an open
    # file), then close every connection of the window's own.
    QThreadPool.globalInstance().waitForDone()
    window.release_store()
    try:
        restored = safekeeping.restore(folder.root, path, window_open_here=True)
    except TiepCanError as error:
        show_problem(window, error)
        window.reopen_store()
        return False
    window.reopen_store()
    kept = (
        _("The damaged database was moved to {path}.")
        if restored.kept_damaged
        else _("The database it replaced is kept as {path}.")
    )
    inform(
        window,
        _("Restore from a backup"),
        _("Restored {name} ({code}) from {path}, a copy made {date}.").format(
            name=restored.identity.name,
            code=restored.identity.code,
            path=path.name,
            date=when_text(restored.made_at),
        )
        + ("\n\n" + kept.format(path=restored.kept) if restored.kept else ""),
    )
    return True


# -- the overview's line ------------------------------------------------------------------------


class BackupLine(QWidget):
    """One line on the overview: the newest backup on this PC and the last copy written off it,
    with “Back up to…” offered when that copy is missing or old."""

    def __init__(self, store, window, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.main_window = window
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        self.button = QPushButton(self)
        self.button.clicked.connect(self._back_up)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.text, 1)
        row.addWidget(self.button)
        changed = getattr(window, "backups_changed", None)  # pages are also built on their own
        if changed is not None:
            changed.connect(self.refresh)

    def refresh(self) -> None:
        store = self.store
        if store.on_server:  # the server's administrator keeps its backups
            self.text.setText(safekeeping.server_backup_refusal(store).message())
            self.text.setProperty("role", "hint")
            self.button.setVisible(False)
            return
        on_pc, pc_old = backup_summary(store.folder)
        out = safekeeping.last_copy_out(store)
        out_old = safekeeping.copy_out_is_old(out)
        off_pc = (
            _("Never backed up off this PC yet.")
            if out is None
            else _("Last backup off this PC: {when}.").format(when=when_text(out))
        )
        self.text.setText(f"{on_pc} {off_pc}" if on_pc.endswith(".") else f"{on_pc}. {off_pc}")
        self.text.setProperty("role", "warning" if pc_old or out_old else "hint")
        self.text.style().unpolish(self.text)
        self.text.style().polish(self.text)
        self.button.setText(_("Back up to a USB stick…"))
        self.button.setVisible(out_old)

    def _back_up(self) -> None:
        store = self.store
        folder = QFileDialog.getExistingDirectory(
            self, _("Back up to a folder or USB stick"), str(Path.home())
        )
        if not folder:
            return
        self.button.setEnabled(False)

        def done(written) -> None:
            self.button.setEnabled(True)
            self.refresh()
            changed = getattr(self.main_window, "backups_changed", None)
            if changed is not None:
                changed.emit()
            inform(
                self,
                _("Backups"),
                _("Backup written to {path} ({size} MB), checked. SHA-256: {sha}").format(
                    path=written.path,
                    size=format_number(round(written.size / 1_000_000, 1)),
                    sha=written.sha256,
                ),
            )

        def failed(error) -> None:
            self.button.setEnabled(True)
            if not isinstance(error, TiepCanError):
                raise error
            show_problem(self, error)

        self._task = run_task(
            lambda _report: safekeeping.back_up(store, Path(folder)), done, failed
        )


# -- the Settings page's box -------------------------------------------------------------------


class SafekeepingBox(QGroupBox):
    """Backups on the Settings page: the newest one, “Back up to…”, “Restore from…”, “Check”."""

    backed_up = Signal()

    def __init__(self, window, parent: QWidget | None = None):
        super().__init__(parent)
        self.main_window = window
        self.last = QLabel(self)
        self.last.setWordWrap(True)
        self.policy = QLabel(self)
        self.policy.setProperty("role", "hint")
        self.policy.setWordWrap(True)
        self.back_up_button = QPushButton(self)
        self.back_up_button.clicked.connect(self.back_up_to)
        self.restore_button = QPushButton(self)
        self.restore_button.clicked.connect(lambda: choose_and_restore(self.main_window))
        self.check_button = QPushButton(self)
        self.check_button.clicked.connect(self.check)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 0)  # SQLite's copy gives no count: a busy bar
        self.progress.hide()
        self.result = QLabel(self)
        self.result.setWordWrap(True)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QHBoxLayout()
        for button in (self.back_up_button, self.restore_button, self.check_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setSpacing(8)
        layout.addWidget(self.last)
        layout.addWidget(self.policy)
        layout.addLayout(buttons)
        layout.addWidget(self.progress)
        layout.addWidget(self.result)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(_("Backups"))
        self.back_up_button.setText(_("&Back up to…"))
        self.restore_button.setText(_("&Restore from…"))
        self.check_button.setText(_("Chec&k the database"))
        self.policy.setText(
            _(
                "TiepCan makes a verified backup every day in the backups folder and keeps the last {daily} days, {weekly} weeks and {monthly} months. Back up to a USB stick too, and keep it away from this PC."
            ).format(daily=KEEP_DAILY, weekly=KEEP_WEEKLY, monthly=KEEP_MONTHLY)
        )
        self.refresh()

    def refresh(self) -> None:
        store = self.main_window.store
        if store is None:
            return
        text, old = backup_summary(store.folder)
        self.last.setText(text)
        self.last.setProperty("role", "warning" if old else "")

    def _busy(self, busy: bool) -> None:
        for button in (self.back_up_button, self.restore_button, self.check_button):
            button.setEnabled(not busy)
        self.progress.setVisible(busy)

    def back_up_to(self) -> None:
        store = self.main_window.store
        folder = QFileDialog.getExistingDirectory(
            self, _("Back up to a folder or USB stick"), str(Path.home())
        )
        if not folder:
            return
        self._busy(True)
        self.result.setText(_("Backing up…"))

        def done(written) -> None:
            self._busy(False)
            self.main_window.backups_changed.emit()
            self.result.setText(
                _("Backup written to {path} ({size} MB), checked. SHA-256: {sha}").format(
                    path=written.path,
                    size=format_number(round(written.size / 1_000_000, 1)),
                    sha=written.sha256,
                )
            )

        self._task = run_task(
            lambda _report: safekeeping.back_up(store, Path(folder)), done, self._failed
        )

    def check(self) -> None:
        store = self.main_window.store
        self._busy(True)
        self.result.setText(_("Checking the whole database file…"))

        def done(problems) -> None:
            self._busy(False)
            if problems and store.on_server:  # no file to restore: say what the server lacks
                self.result.setText(
                    _("The database {database} is not as TiepCan expects: {problems}").format(
                        database=store.database_name, problems="; ".join(problems)
                    )
                )
            elif problems:
                from app.db.backups import damage_report

                self.result.setText("")
                offer_restore(self.main_window, damage_report(store.folder.db))
            else:
                self.result.setText(_("The database is sound: integrity and links checked."))

        self._task = run_task(lambda _report: safekeeping.check_database(store), done, self._failed)

    def _failed(self, error) -> None:
        self._busy(False)
        self.result.setText("")
        if isinstance(error, TiepCanError):
            show_problem(self, error)
        else:
            raise error
