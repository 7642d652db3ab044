"""Starting the GUI: language and looks, one window per data folder, first run or main window."""

import argparse
import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

from app.db.instance import InstanceLock
from app.db.store import Store
from app.errors import TiepCanError
from app.i18n import current_language, set_language
from app.paths import DataDir, default_data_dir
from ui.errors import install_exception_hook, show_problem
from ui.settings_store import UiSettings
from ui.theme import apply_locale, apply_theme


def _folder(argv: list[str]) -> Path:
    parser = argparse.ArgumentParser(prog="tiepcan")
    parser.add_argument("--data-dir")
    args, _rest = parser.parse_known_args(argv)
    return Path(args.data_dir) if args.data_dir else default_data_dir()


def open_or_set_up(folder: DataDir, settings: UiSettings):
    """The store of a folder set up before, or of one the first-run wizard sets up now."""
    if folder.db.exists():
        return Store.open(folder.root)
    from ui.wizard import FirstRunWizard

    wizard = FirstRunWizard(folder.root)
    if not wizard.exec() or wizard.store is None:
        return None
    return wizard.store


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
        store = open_or_set_up(folder, settings)
        if store is None:
            return 0
        from ui.main_window import MainWindow

        window = MainWindow(store, settings)
        window.show()
        return app.exec()
    except TiepCanError as error:
        show_problem(None, error)
        return 1
    finally:
        lock.release()


def _os_problem(error: OSError) -> TiepCanError:
    from app.errors import N_, EnvironmentProblem

    return EnvironmentProblem(
        N_("The data folder cannot be used: {error}"), error=error.strerror or str(error)
    )
