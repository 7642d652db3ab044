"""Redacted free text (design.md §3): each stored version remembers the travelling line it came
from; a district drops every free text it received before redaction existed.

Bundles of schema 4 and later carry case titles, narratives and notes with the parties' names
turned into initials. Everything a district stored before came from unredacted bundles, so its
free text (case titles, narratives, tags, notes of every kind, invited persons' names and
relations, conflict copies, the search index of cases and sessions) is blanked here, as a district
blanks an old bundle on reading it; each ward's next bundle brings the redacted text back. The
search index is rebuilt and the file compacted after the upgrade (app.services.maintenance), and
backups taken before it are removed.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-05 07:10:00.000000
"""

import json

import sqlalchemy as sa
import sqlmodel
from alembic import op

from app.db.sqlite import fts_create_sql

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

RECORD_TABLES = ("people", "teams", "trainings", "sessions", "cases")
# The search tables whose text holds free text: rebuilt after the upgrade.
REINDEXED = {"cases": "search_cases", "sessions": "search_sessions"}
PENDING_KEY = "maintenance.pending"


def upgrade() -> None:
    for table in RECORD_TABLES:
        op.add_column(
            table,
            sa.Column("line_sha256", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
        )
    connection = op.get_bind()
    role = connection.execute(sa.text("SELECT role FROM installation WHERE id = 1")).scalar()
    if role == "district":
        _blank_district(connection)


def _withheld_title(book_number, received_on: str) -> str:
    # Frozen here: the wording of app.sync.travel.withheld_title when this migration was written.
    if book_number:
        return f"Vụ việc số {book_number}"
    return f"Vụ việc nhận ngày {received_on[8:10]}/{received_on[5:7]}/{received_on[0:4]}"


def _blank_invited(value: str | None) -> str:
    people = json.loads(value or "[]")
    return json.dumps(
        [{**person, "name": None, "relation": None} for person in people],
        ensure_ascii=False,
        separators=(",", ":"),
    )


def _blank_data(kind: str, data: dict) -> dict:
    out = {**data, "notes": None}
    if kind == "cases":
        out["title"] = _withheld_title(data.get("book_number"), data["received_on"])
        for name in ("summary", "agreement", "follow_up", "referral"):
            out[name] = None
        out["subject_tags"] = []
        out["invited_persons"] = [
            {**person, "name": None, "relation": None} for person in data["invited_persons"]
        ]
    return out


def _canonical(value) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def _blank_district(connection) -> None:
    for table in RECORD_TABLES:
        connection.execute(sa.text(f"UPDATE {table} SET notes = NULL"))
    rows = connection.execute(
        sa.text("SELECT id, book_number, received_on, invited_persons FROM cases")
    ).fetchall()
    if rows:  # an empty executemany would run the statement once, without parameters
        connection.execute(
            sa.text(
                "UPDATE cases SET title = :title, summary = NULL, agreement = NULL, "
                "follow_up = NULL, referral = NULL, subject_tags = '[]', "
                "invited_persons = :invited WHERE id = :id"
            ),
            [
                {
                    "title": _withheld_title(book, received),
                    "invited": _blank_invited(invited),
                    "id": case_id,
                }
                for case_id, book, received, invited in rows
            ],
        )
    conflicts = connection.execute(
        sa.text("SELECT id, kind, incoming_record FROM conflicts")
    ).fetchall()
    blanked = []
    for conflict_id, kind, line in conflicts:
        record = json.loads(line)
        record["data"] = _blank_data(kind, record["data"])
        blanked.append({"line": _canonical(record), "id": conflict_id})
    if blanked:
        connection.execute(
            sa.text("UPDATE conflicts SET incoming_record = :line WHERE id = :id"), blanked
        )
    # Dropping a search table frees every page that held its text (secure_delete zeroes them);
    # the new one is filled from the blanked records after the upgrade.
    for table in REINDEXED.values():
        connection.execute(sa.text(f"DROP TABLE {table}"))
        for statement in _search_create_statements(connection, table):
            connection.execute(sa.text(statement))
    connection.execute(
        sa.text(
            "INSERT INTO settings (key, value) VALUES (:key, :value) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value"
        ),
        {
            "key": PENDING_KEY,
            "value": json.dumps({"reindex": list(REINDEXED), "purge_before_schema": "0004"}),
        },
    )


def _search_create_statements(connection, table: str) -> list[str]:
    if connection.dialect.name == "postgresql":
        from app.db.postgres import search_create_sql

        return search_create_sql(table)
    return [fts_create_sql(table)]


def downgrade() -> None:
    # The blanked text cannot come back; only the column goes.
    for table in RECORD_TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("line_sha256")
