"""Starting the GUI: language and looks, one window per data folder, first run or main window."""

import os
import sys
import time
from pathlib import Path

from PySide6.QtCore import QThreadPool, QTimer
from PySide6.QtWidgets import QApplication

from app.cli.parser import gui_arguments
from app.db.instance import InstanceLock
from app.db.peek import unit_identity
from app.errors import TiepCanError
from app.i18n import current_language, set_language
from app.paths import DataDir, default_data_dir
from ui.errors import install_exception_hook, show_problem
from ui.settings_store import UiSettings
from ui.theme import apply_locale, apply_theme


def _folder(argv: list[str]) -> Path:
    folder, _opened = gui_arguments(argv) or (None, None)
    return Path(folder) if folder else default_data_dir()


def _opened_file(argv: list[str]) -> Path | None:
    """The file a double-click asked the window to open (a bundle, a receipt, a key card)."""
    _folder_given, opened = gui_arguments(argv) or (None, None)
    return Path(opened) if opened else None


def set_up_first(folder: DataDir):
    """The first-run wizard on a new folder: the store it set up, or None if cancelled."""
    from ui.wizard import FirstRunWizard

    wizard = FirstRunWizard(folder.root)
    if not wizard.exec() or wizard.store is None:
        return None
    return wizard.store


def _open_into(window, folder: DataDir, opened: Path | None = None) -> None:
    """Open the store (upgrading its schema if needed) once the window is on screen."""
    from app.errors import DatabaseDamaged
    from app.services.maintenance import open_installation
    from ui.safekeeping import offer_restore, start_background_care

    window.folder = folder
    try:
        store = open_installation(folder.root)
        window.attach(store)
    except DatabaseDamaged as error:
        # The way back, offered at once: restoring opens the folder again; otherwise nothing.
        if not offer_restore(window, error):
            window.close()
        elif window.store is not None:
            start_background_care(window, window.store)
        return
    except TiepCanError as error:
        show_problem(window, error)
        window.close()
        return
    start_background_care(window, store)
    if opened is not None:
        window.open_file(opened)
    if os.environ.get(READY_PROBE):
        _report_ready(window)
        return
    if store.notices:
        from ui.strings import _, inform

        inform(window, _("TiepCan"), "\n\n".join(notice.message() for notice in store.notices))


# Set by the smoke test of a frozen build and by the start-up benchmark: once the pages are
# attached, print how long the start took and quit (nothing else changes).
READY_PROBE = "TIEPCAN_EXIT_WHEN_READY"


def _report_ready(window) -> None:
    started = float(os.environ[READY_PROBE]) if os.environ[READY_PROBE] != "1" else None
    seconds = time.time() - started if started else 0.0
    print(f"ready {seconds:.3f} {len(window.pages)} pages {window.windowTitle()}", flush=True)
    QApplication.instance().quit()


def run(argv: list[str]) -> int:
    folder = DataDir(_folder(argv))
    app = QApplication.instance() or QApplication([sys.argv[0]])
    app.setApplicationName("TiepCan")
    install_exception_hook(folder.logs)
    try:
        folder.root.mkdir(parents=True, exist_ok=True)
        settings = UiSettings(folder.root)
        if settings.language:
            set_language(settings.language)
        apply_locale(current_language())
        apply_theme(app, settings.font_size)
        lock = InstanceLock(folder.gui_lock)
        lock.acquire()
    except (TiepCanError, OSError) as error:
        show_problem(None, error if isinstance(error, TiepCanError) else _os_problem(error))
        return 1
    try:
        from ui.main_window import MainWindow

        if folder.db.exists() or folder.database_url.exists():
            # A file's identity is read at once; a server's comes with the store (only a
            # district keeps its records on a server).
            name, role = unit_identity(folder.db) if folder.db.exists() else ("", "district")
            window = MainWindow(None, settings, title=name, role=role)
            window.show()
            # A moment for the window to reach the screen and paint before the records load.
            opened = _opened_file(argv)
            QTimer.singleShot(50, lambda: _open_into(window, folder, opened))
        else:
            store = set_up_first(folder)
            if store is None:
                return 0
            window = MainWindow(store, settings)
            window.show()
            from ui.safekeeping import start_background_care

            start_background_care(window, store)
            if _opened_file(argv) is not None:
                window.open_file(_opened_file(argv))
        status = app.exec()
        # The day's backup may still be copying: let it finish (it writes under a hidden name, so
        # stopping it would be safe too, but a thread cut off at exit would crash the process).
        QThreadPool.globalInstance().waitForDone()
        return status
    except TiepCanError as error:
        show_problem(None, error)
        return 1
    finally:
        lock.release()


def _os_problem(error: OSError) -> TiepCanError:
    from app.errors import N_, EnvironmentProblem, os_reason

    return EnvironmentProblem(N_("The data folder cannot be used: {error}"), error=os_reason(error))
