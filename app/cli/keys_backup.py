"""`tiepcan keys backup`: the secret keys of this installation in one file, encrypted with a
passphrase (age's scrypt recipient), so that a lost PC's keys come back — or another PC of a
PostgreSQL district works on the same database with the same keys (`init district --database
URL --keys FILE`). Standard formats: the file is age, and inside is a ZIP of the keys folder's
files as the standard tools wrote them; `age -d FILE | unzip` opens it anywhere."""

import getpass
import io
import os
import sys
import zipfile
from pathlib import Path

from app.errors import N_, EnvironmentProblem, SetupError, TiepCanError, os_reason
from app.files import read_small_file, write_file
from app.fsutil import write_atomic
from app.i18n import gettext as _
from app.sync.keys import PUBLIC_MODE, SECRET_MODE, KeyFolder, PublicKeys

PASSPHRASE_ENV = "TIEPCAN_KEYS_PASSPHRASE"  # for scripts and tests; people type it
MIN_PASSPHRASE = 8
# The files of `keys/` that make the installation's identity; state.json (the counters) is not
# one: a copy of it would only ever be older than the database's floors.
KEY_FILES = {"age.key": SECRET_MODE, "minisign.key": SECRET_MODE, "minisign.pub": PUBLIC_MODE}
MAX_BACKUP = 64 * 1024


def passphrase(*, twice: bool) -> str:
    """From TIEPCAN_KEYS_PASSPHRASE, or typed at the terminal (twice when it is new)."""
    given = os.environ.get(PASSPHRASE_ENV)
    if given is None:
        if not sys.stdin.isatty():
            raise SetupError(
                N_("Type the passphrase at a terminal, or give it in {variable}."),
                variable=PASSPHRASE_ENV,
            )
        given = getpass.getpass(_("Passphrase for the keys backup: "))
        if twice and getpass.getpass(_("The same passphrase again: ")) != given:
            raise SetupError(N_("The two passphrases differ; nothing was written."))
    if twice and len(given) < MIN_PASSPHRASE:
        raise SetupError(
            N_("The passphrase is too short: use at least {count} characters."),
            count=MIN_PASSPHRASE,
        )
    if not given:
        raise SetupError(N_("The passphrase is empty."))
    return given


def write_backup(keys: KeyFolder, out: Path, secret: str) -> None:
    """The keys folder's key files, zipped, encrypted to the passphrase, written to `out`."""
    import pyrage

    if out.exists():
        raise SetupError(N_("{path} already exists; choose a new file name."), path=str(out))
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as bundle:
        for name in KEY_FILES:
            bundle.writestr(name, keys._read(keys.folder / name))
    write_file(out, pyrage.passphrase.encrypt(archive.getvalue(), secret))


def read_backup(path: Path, secret: str) -> dict[str, bytes]:
    """{file name: bytes} of a keys backup; refused when the passphrase does not open it or it
    is not one."""
    import pyrage

    too_large = SetupError(N_("{path} is not a keys backup of TiepCan."), path=str(path))
    data = read_small_file(path, MAX_BACKUP, too_large)
    try:
        plain = pyrage.passphrase.decrypt(data, secret)
    except Exception:
        raise SetupError(
            N_("The passphrase does not open {path}, or it is not a keys backup."),
            path=str(path),
        ) from None
    try:
        with zipfile.ZipFile(io.BytesIO(plain)) as bundle:
            files = {name: bundle.read(name) for name in KEY_FILES}
    except (zipfile.BadZipFile, KeyError):
        raise too_large from None
    return files


def public_keys_of(files: dict[str, bytes]) -> PublicKeys:
    """The public half of the keys in a backup (read as KeyFolder reads them)."""
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        place(files, Path(folder))
        try:
            return KeyFolder(Path(folder)).public()
        except TiepCanError:
            raise
        except Exception:
            raise SetupError(N_("This file is not a keys backup of TiepCan.")) from None


def place(files: dict[str, bytes], folder: Path) -> None:
    """Write the key files into a keys folder (created readable by the owner only)."""
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        for name, mode in KEY_FILES.items():
            write_atomic(folder / name, files[name], mode)
    except OSError as error:
        raise EnvironmentProblem(
            N_("The keys cannot be written: {error}"), error=os_reason(error)
        ) from error
