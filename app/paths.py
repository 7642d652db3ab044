"""Where things live: the data folder and the files shipped with the program."""

import os
from pathlib import Path

APP_NAME = "TiepCan"
DATA_DIR_ENV = "TIEPCAN_DATA_DIR"
DB_NAME = "tiepcan.db"


def default_data_dir() -> Path:
    """TIEPCAN_DATA_DIR if set, else the platform's user data folder."""
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        return Path(override)
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))


class DataDir:
    """The layout of one installation's folder (design.md §4)."""

    def __init__(self, root: Path | str):
        self.root = Path(root)

    @property
    def db(self) -> Path:
        return self.root / DB_NAME

    @property
    def database_url(self) -> Path:
        """A PostgreSQL district's: the URL of its server database (design.md §4)."""
        return self.root / "database.url"

    @property
    def officer_file(self) -> Path:
        """A server district's: this PC's officer name (several operators share the database)."""
        return self.root / "officer.txt"

    @property
    def keys(self) -> Path:
        return self.root / "keys"

    @property
    def state_file(self) -> Path:
        return self.keys / "state.json"

    @property
    def backups(self) -> Path:
        return self.root / "backups"

    @property
    def archive(self) -> Path:
        """A district's copy of every bundle it imported, with a SHA256SUMS list."""
        return self.root / "archive"

    @property
    def logs(self) -> Path:
        return self.root / "logs"

    @property
    def gui_lock(self) -> Path:
        return self.root / "gui.lock"


def shipped_dir(name: str) -> Path:
    """A top-level folder shipped with the program (`i18n`, `resources`).

    An installed wheel carries them inside the package as `app/_<name>`; a checkout or an
    editable install finds them beside the `app` package."""
    package = Path(__file__).resolve().parent
    for candidate in (package / f"_{name}", package.parent / name):
        if candidate.is_dir():
            return candidate
    return package.parent / name
