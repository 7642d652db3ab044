"""Setting up an installation (`tiepcan init`, the GUI's first-run wizard) and its identity."""

import shutil
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import insert, update

from app.db.store import Store
from app.errors import N_, EnvironmentProblem, RecordError, SetupError, TiepCanError, os_reason
from app.fsutil import write_atomic
from app.models import Installation
from app.paths import DataDir
from app.services.audit import now_iso
from app.sync.keys import KeyFolder
from app.sync.state import EMPTY_STATE
from app.text import clean_line
from app.units import PROVINCE_CODE, WARD_CODE, find_unit, seed_units

_installation = Installation.__table__


@dataclass
class SetupResult:
    store: Store
    warnings: list[TiepCanError] = field(default_factory=list)


def _check_codes(role: str, code: str, province: str | None) -> None:
    if role == "ward":
        if not WARD_CODE.fullmatch(code or ""):
            raise RecordError("code", N_("A ward code has 5 digits, for example 00167."))
        if province is not None and not PROVINCE_CODE.fullmatch(province):
            raise RecordError("province", N_("A province code has 2 digits, for example 01."))
    elif role == "district":
        if not PROVINCE_CODE.fullmatch(code or ""):
            raise RecordError(
                "code", N_("A district (aggregating office) code has 2 digits, for example 01.")
            )
    else:
        raise RecordError("role", N_("The role must be “ward” or “district”."))


def set_up(
    root: Path | str,
    role: str,
    code: str,
    name: str | None = None,
    province: str | None = None,
    officer: str = "",
) -> SetupResult:
    """Create the folder's database and identity. Nothing is left behind if it fails."""
    _check_codes(role, code, province)
    folder = DataDir(root)
    if folder.db.exists():
        raise SetupError(
            N_("This data folder is already set up: {folder}"), folder=str(folder.root)
        )
    created_keys = not folder.keys.exists()
    store = Store.create(root)
    try:
        warnings = _write_identity(store, role, code, name, province, clean_line(officer or ""))
        if not store.counters.exists():  # kept counters must never go back
            store.counters.save(dict(EMPTY_STATE))
        keys = KeyFolder(folder.keys)
        if not keys.exists():
            keys.generate()
        if store.on_server:  # each PC on a shared database keeps its own "who"
            write_officer_file(folder, officer or "")
    except BaseException:
        store.close()
        _remove_partial(folder, created_keys)
        raise
    store.forget_installation()
    return SetupResult(store, warnings)


def _write_identity(store, role, code, name, province, officer) -> list[TiepCanError]:
    warnings: list[TiepCanError] = []
    with store.write() as connection:
        seed_units(connection)
        unit = find_unit(connection, code) if role == "ward" else None
        if role == "ward":
            if unit is None or unit.level != "commune":
                warnings.append(
                    TiepCanError(
                        N_(
                            "Ward code {code} is not in the shipped list of units; it was accepted as typed."
                        ),
                        code=code,
                    )
                )
                unit = None
            if unit and province and unit.parent_code != province:
                # A wrong province would send every bundle to an office that refuses it.
                raise RecordError(
                    "province",
                    N_(
                        "Ward {code} ({name}) belongs to province {listed}, not {given}. Correct "
                        "the province code, or leave it out."
                    ),
                    code=code,
                    name=unit.name,
                    listed=unit.parent_code,
                    given=province,
                )
            province = province or (unit.parent_code if unit else None)
            if not province:
                raise RecordError("province", N_("Give the province code (2 digits)."))
        else:
            province = code
        name = clean_line(name or "") or (unit.name if unit else "")
        if not name:
            raise RecordError("name", N_("Give the unit's name."))
        connection.execute(
            insert(_installation).values(
                id=1,
                role=role,
                unit_code=code,
                unit_name=name,
                province_code=province,
                officer_name=officer,
                created_at=now_iso(),
            )
        )
    return warnings


def _remove_partial(folder: DataDir, created_keys: bool) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{folder.db}{suffix}").unlink(missing_ok=True)
    folder.officer_file.unlink(missing_ok=True)
    if created_keys:
        shutil.rmtree(folder.keys, ignore_errors=True)


def set_officer(store: Store, officer: str) -> None:
    """Settings: the name that the audit log and the import journal record as "who". A server
    district's is this PC's own (Store.officer_name)."""
    if store.on_server:
        write_officer_file(store.folder, officer)
        return
    with store.write() as connection:
        connection.execute(
            update(_installation)
            .where(_installation.c.id == 1)
            .values(officer_name=clean_line(officer))
        )
    store.forget_installation()


def write_officer_file(folder: DataDir, officer: str) -> None:
    """This PC's officer name at a server district (Store.officer_name)."""
    try:
        write_atomic(folder.officer_file, (clean_line(officer) + "\n").encode("utf-8"))
    except OSError as error:
        raise EnvironmentProblem(
            N_("The data folder cannot be used: {error}"), error=os_reason(error)
        ) from error
