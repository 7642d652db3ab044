"""The error types the services raise. Each carries an English msgid and named parameters, and
is translated only when shown, in the language of the person reading it."""

import errno

from app.i18n import N_, gettext


class TiepCanError(Exception):
    """A refusal the user should read: what was wrong, in their language."""

    def __init__(self, message: str, /, **params: object):
        super().__init__(message)
        self.msgid = message
        self.params = params

    def message(self, language: str | None = None) -> str:
        return translate(self.msgid, self.params, language)

    def __str__(self) -> str:
        return self.message("en")


def translate(msgid: str, params: dict, language: str | None = None) -> str:
    values = {
        key: gettext(value, language) if isinstance(value, Msg) else value
        for key, value in params.items()
    }
    return gettext(msgid, language).format(**values)


class Notice:
    """Not a refusal: something the user is told once (what an upgrade did, say)."""

    def __init__(self, message: str, /, **params: object):
        self.msgid = message
        self.params = params

    def message(self, language: str | None = None) -> str:
        return translate(self.msgid, self.params, language)


class Msg(str):
    """A parameter that is itself a msgid (a field label, a kind name): translated too."""


class RecordError(TiepCanError):
    """Input that a record cannot accept; `field` names the offending field ("roles.0.decision_date"
    for a child), so a form can show the message beside it."""

    def __init__(self, field: str, message: str, /, **params: object):
        super().__init__(message, **params)
        self.field = field


class NotFound(TiepCanError):
    pass


class SetupError(TiepCanError):
    """The folder is not set up, already set up, or set up for the other role."""


class EnvironmentProblem(TiepCanError):
    """The environment failed (disk full, read-only folder, database locked): not our bug."""


class StoreLocked(EnvironmentProblem):
    def __init__(self) -> None:
        super().__init__(
            N_("The database is busy with another TiepCan window or command; try again shortly.")
        )


class DatabaseDamaged(EnvironmentProblem):
    """The database file fails SQLite's checks. Nothing is written to it; the user is pointed to
    the newest backup that still matches its checksum (`backup`, a path), if there is one."""

    def __init__(self, db, backup=None, backup_date: str = "") -> None:
        self.db, self.backup = db, backup
        if backup is not None:
            super().__init__(
                N_(
                    "The database file {path} is damaged; TiepCan will not write to it. The newest good backup is {backup} ({date}): restore it with “tiepcan restore {backup}” or “Restore from…” in the window."
                ),
                path=str(db),
                backup=str(backup),
                date=backup_date,
            )
        else:
            super().__init__(
                N_(
                    "The database file {path} is damaged and there is no good backup of it. Do not delete it: copy the whole data folder to a USB stick and ask for help."
                ),
                path=str(db),
            )


# What the operating system said, in words a ward officer reads in their own language; errors
# not listed keep the system's own (English) wording.
_OS_REASONS = {
    errno.ENOENT: N_("the folder or file does not exist"),
    errno.EACCES: N_("permission denied"),
    errno.EPERM: N_("permission denied"),
    errno.ENOSPC: N_("the disk is full"),
    errno.EROFS: N_("the disk is read-only"),
    errno.EISDIR: N_("it is a folder, not a file"),
    errno.ENOTDIR: N_("part of the path is not a folder"),
    errno.ENAMETOOLONG: N_("the name is too long"),
    errno.EFBIG: N_("the file is too large for this disk"),
    errno.EIO: N_("the disk cannot be read or written"),
}


def os_reason(error: OSError) -> str:
    """The reason an OSError gives, as a message parameter: translated where it is known."""
    reason = _OS_REASONS.get(error.errno)
    return Msg(reason) if reason else (error.strerror or str(error))


__all__ = [
    "N_",
    "DatabaseDamaged",
    "EnvironmentProblem",
    "Msg",
    "NotFound",
    "Notice",
    "RecordError",
    "SetupError",
    "StoreLocked",
    "TiepCanError",
    "os_reason",
    "translate",
]
