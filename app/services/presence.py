"""Who else is working at a PostgreSQL district (issue #17): each open window and each long
command (a bundle import) keeps a row in `presence` — officer, OS user, PC, what it is doing —
written every HEARTBEAT_SECONDS and removed when it ends. A row not seen for STALE_SECONDS is
stale (a PC switched off, a command killed) and is not shown. An SQLite installation has one
operator: nothing is written, nobody else is shown."""

import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, insert, select, update
from sqlalchemy.exc import SQLAlchemyError

from app.db.store import Store
from app.errors import N_, TiepCanError
from app.i18n import gettext as _
from app.models import PresenceEntry
from app.services.audit import now_iso
from app.services.records import actor_for

HEARTBEAT_SECONDS = 30
STALE_SECONDS = 120
FORGET_SECONDS = 24 * 3600  # stale rows older than this are removed by the next arrival

_presence = PresenceEntry.__table__

# What an operator does, as stored ("importing 00167") and as shown ("importing ward 00167").
ACTIVITIES = {
    "importing": N_("importing ward {what}"),
    "printing": N_("printing {what}"),
}


@dataclass
class Operator:
    id: int
    officer: str
    os_user: str
    host: str
    activity: str
    started_at: str
    last_seen: str

    def shown(self) -> str:
        """“Nguyễn Văn An (importing ward 00167)”: the officer's name, else who on which PC."""
        who = self.officer or f"{self.os_user}@{self.host}"
        doing = activity_text(self.activity)
        return f"{who} ({doing})" if doing else who


def activity_text(activity: str) -> str:
    verb, _space, what = (activity or "").partition(" ")
    message = ACTIVITIES.get(verb)
    return _(message).format(what=what) if message else ""


def _tracked(store: Store) -> bool:
    return store.on_server


def _seconds_ago(seconds: int) -> str:
    return (datetime.now(UTC) - timedelta(seconds=seconds)).strftime("%Y-%m-%dT%H:%M:%SZ")


def announce(store: Store, activity: str = "") -> int | None:
    """This operator's row; its id, or None where presence is not kept (SQLite)."""
    if not _tracked(store):
        return None
    actor = actor_for(store)
    at = now_iso()
    # A row of its own: the write lock taken shared, never waiting behind another's import.
    with store.write(exclusive=False) as connection:
        connection.execute(
            delete(_presence).where(_presence.c.last_seen < _seconds_ago(FORGET_SECONDS))
        )
        result = connection.execute(
            insert(_presence).values(
                officer=actor.officer, os_user=actor.os_user, host=socket.gethostname(),
                activity=activity, started_at=at, last_seen=at,
            )
        )  # fmt: skip
    return result.inserted_primary_key[0]


def heartbeat(store: Store, presence_id: int | None, activity: str | None = None) -> int | None:
    """Still here (and, given, now doing `activity`). A row removed meanwhile is made again:
    returns the id to use from now on."""
    if presence_id is None or not _tracked(store):
        return presence_id
    values = {"last_seen": now_iso()}
    if activity is not None:
        values["activity"] = activity
    with store.write(exclusive=False) as connection:
        found = connection.execute(
            update(_presence).where(_presence.c.id == presence_id).values(**values)
        ).rowcount
    if found:
        return presence_id
    return announce(store, activity or "")


def leave(store: Store, presence_id: int | None) -> None:
    if presence_id is None or not _tracked(store):
        return
    with store.write(exclusive=False) as connection:
        connection.execute(delete(_presence).where(_presence.c.id == presence_id))


def others(store: Store, presence_id: int | None = None) -> list[Operator]:
    """The operators present but this one, in the order they arrived; stale rows left out."""
    if not _tracked(store):
        return []
    query = (
        select(_presence)
        .where(_presence.c.last_seen >= _seconds_ago(STALE_SECONDS))
        .order_by(_presence.c.started_at, _presence.c.id)
    )
    if presence_id is not None:
        query = query.where(_presence.c.id != presence_id)
    with store.read() as connection:
        return [Operator(**row._mapping) for row in connection.execute(query)]


def others_text(operators: list[Operator]) -> str:
    """“Also working now: Nguyễn Văn An (importing ward 00167), Trần Thị Bình”, or ""."""
    if not operators:
        return ""
    return _("Also working now: {names}").format(names=", ".join(o.shown() for o in operators))


@contextmanager
def present(store: Store, activity: str) -> Iterator[int | None]:
    """Registered for as long as the block runs (a long command): a background thread keeps
    the row fresh; the row goes when the block ends, however it ends."""
    presence_id = announce(store, activity)
    if presence_id is None:
        yield None
        return
    stop = threading.Event()
    current = {"id": presence_id}  # a heartbeat that finds its row gone makes a new one

    def keep_fresh() -> None:
        while not stop.wait(HEARTBEAT_SECONDS):
            with suppress(TiepCanError, SQLAlchemyError):  # a missed beat is harmless
                current["id"] = heartbeat(store, current["id"])

    beating = threading.Thread(target=keep_fresh, name="presence", daemon=True)
    beating.start()
    try:
        yield presence_id
    finally:
        stop.set()
        beating.join(timeout=5)
        with suppress(TiepCanError, SQLAlchemyError):  # the row goes stale in 2 minutes anyway
            leave(store, current["id"])
