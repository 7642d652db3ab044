"""The audit log: who changed which record, when, and its data before and after."""

import getpass
import json
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Connection, select

from app.db.specific import specific
from app.i18n import N_, gettext
from app.models import AuditEntry

_audit = AuditEntry.__table__
_COLUMNS = (
    "at", "officer", "os_user", "kind", "record_uuid", "ward_code", "action", "revision",
    "before", "after", "source",
)  # fmt: skip


def now_iso() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def os_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no user name in some sandboxes and services
        return ""


@dataclass(frozen=True)
class Actor:
    """ "Who" (design.md §1): the officer name set at set-up or in Settings, and the OS user."""

    officer: str
    os_user: str

    @classmethod
    def current(cls, officer: str) -> "Actor":
        return cls(officer=officer, os_user=os_user())

    @property
    def who(self) -> str:
        """For "registered by" and the like: the officer, or the OS user when no name was
        given (an office set up from the command line without --officer)."""
        return self.officer or self.os_user


@dataclass(frozen=True)
class Change:
    kind: str
    uuid: str
    ward_code: str
    action: str  # create | update | delete | restore
    revision: int
    before: dict | None
    after: dict | None
    source: str | None = None  # where the data came from, when not typed (sheet_source)


def _dump(data: dict | None) -> str | None:
    return None if data is None else json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def record_changes(connection: Connection, actor: Actor, at: str, changes: list[Change]) -> None:
    if not changes:
        return
    specific(connection).insert_many(
        connection,
        _audit,
        _COLUMNS,
        [
            (at, actor.officer, actor.os_user, c.kind, c.uuid, c.ward_code, c.action, c.revision,
             _dump(c.before), _dump(c.after), c.source)
            for c in changes
        ],
    )  # fmt: skip


def sheet_source(file_name: str, row: int) -> str:
    """Stored language-neutral; history says it in the reader's language (describe_source)."""
    return json.dumps({"file": file_name, "row": row}, ensure_ascii=False)


N_("imported from {file}, row {row}")


def describe_source(source: str | None, language: str | None = None) -> str | None:
    if not source:
        return None
    try:
        where = json.loads(source)
        return gettext("imported from {file}, row {row}", language).format(**where)
    except (ValueError, TypeError, KeyError):
        return source  # written by something else: shown as it is


def history(connection: Connection, kind: str, uuid: str) -> list[dict]:
    """A record's changes, oldest first, as plain dicts for a history view."""
    a = _audit.c
    rows = connection.execute(
        select(a.at, a.officer, a.os_user, a.action, a.revision, a.before, a.after, a.source)
        .where(a.kind == kind, a.record_uuid == uuid)
        .order_by(a.id)
    )
    return [
        {
            "at": at,
            "officer": officer,
            "os_user": user,
            "action": action,
            "revision": revision,
            "before": json.loads(before) if before else None,
            "after": json.loads(after) if after else None,
            "source": describe_source(source),
        }
        for at, officer, user, action, revision, before, after, source in rows
    ]
