"""Reading and writing the small files users hand around (key cards, receipts), with refusals a
user can read: what the system said, in their language."""

from pathlib import Path

from app.errors import N_, EnvironmentProblem, TiepCanError, os_reason
from app.fsutil import write_atomic


def write_file(path: Path, data: bytes) -> None:
    """Durably, or an EnvironmentProblem naming the file and the system's reason."""
    try:
        write_atomic(Path(path), data)
    except OSError as error:
        raise EnvironmentProblem(
            N_("The file {path} cannot be written: {error}"),
            path=str(path),
            error=os_reason(error),
        ) from error


def read_small_file(path: Path, cap: int, too_large: TiepCanError) -> bytes:
    """The bytes of a file of at most `cap` bytes; `too_large` is raised for a bigger one.
    Read with the bound itself, not by its size first: a pipe or a device has no size."""
    try:
        with Path(path).open("rb") as handle:
            data = handle.read(cap + 1)
    except OSError as error:
        raise EnvironmentProblem(
            N_("The file {path} cannot be read: {error}"), path=str(path), error=os_reason(error)
        ) from error
    if len(data) > cap:
        raise too_large
    return data
