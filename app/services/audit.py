"""The audit log: who changed which record, when, and its data before and after."""

import getpass
import json
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Connection, text


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


def _dump(data: dict | None) -> str | None:
    return None if data is None else json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def record_changes(connection: Connection, actor: Actor, at: str, changes: list[Change]) -> None:
    if not changes:
        return
    connection.exec_driver_sql(
        "INSERT INTO audit_log (at, officer, os_user, kind, record_uuid, ward_code, action, "
        "revision, before, after) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (at, actor.officer, actor.os_user, c.kind, c.uuid, c.ward_code, c.action, c.revision,
             _dump(c.before), _dump(c.after))
            for c in changes
        ],
    )  # fmt: skip


def history(connection: Connection, kind: str, uuid: str) -> list[dict]:
    """A record's changes, oldest first, as plain dicts for a history view."""
    rows = connection.execute(
        text(
            "SELECT at, officer, os_user, action, revision, before, after FROM audit_log "
            "WHERE kind = :kind AND record_uuid = :uuid ORDER BY id"
        ),
        {"kind": kind, "uuid": uuid},
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
        }
        for at, officer, user, action, revision, before, after in rows
    ]
