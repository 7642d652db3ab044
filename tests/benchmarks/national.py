"""A national office on PostgreSQL (issue #17): every commune of the country (3,321 wards) with a
year of demonstration data each (about 300 records: over a million in all), imported into one
PostgreSQL district; then the statistics reports over all of it and over one province.

    python -m tests.benchmarks.national --server URL [--wards N] [--sessions N] [--cases N]
        [--people N] [--templates N] [--keep]

URL: a PostgreSQL database the user may create databases from (postgresql:///postgres?host=…,
as TIEPCAN_TEST_POSTGRES); the run makes its own databases and drops them at the end (--keep:
not). Prints:

1. the import: `import_bundles` of every ward's bundle in one process (each bundle its own
   transaction, as `tiepcan bundle import FOLDER` does) — records per second;
2. the baseline: the very rows the import left in the database (records, children, versions,
   search index), written with psycopg's COPY into the same tables of a fresh database at the
   schema head, in the same run — rows per second, and the ratio;
3. `pbgdpl-stats` and `mediation-stats` (computed, then written as CSV) over every ward (goal
   ≤ 5 s each), for one ward (`report --ward`), and for one province's wards (goal ≤ 1 s).

How the bundles are made (in-process, not 3,321 command runs): a few template wards get real
demo data through the services and export a real bundle; every other ward's bundle is a template's
records with the ward's code and fresh UUIDs (the same map for a record's own UUID and for the
references to it), its own minisign and age keys, its own manifest, signed and encrypted for the
office exactly as app.sync.export does. The import checks all of it (signature, hashes, owner).

What cannot be done through the code today: a district accepts wards of its own province only
(app.sync.trust.check_ward_card compares the card's province with the district's code; a ward
trusts only the district whose code is its province). The office here is district "01"; the
other provinces' wards are registered by writing their keys into `ward_keys` as `trust add`
would after that check. Everything after registration — reading, checks, merge, reports — is
the code as it is.
"""

import argparse
import hashlib
import json
import re
import shutil
import sys
import tempfile
import time
import uuid as uuid_module
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.engine import make_url

OFFICE_CODE, OFFICE_NAME = "01", "Bộ Tư pháp (thử nghiệm toàn quốc)"
SESSIONS, CASES, PEOPLE = 150, 100, 40  # about 303 records a ward, children aside
TEMPLATES = 4
UUID = re.compile(rb"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
NAMESPACE = uuid_module.UUID("5b7f1f7e-2f4e-4a8e-9c55-746965706361")
REPORTS = ("pbgdpl-stats", "mediation-stats")


# -- databases ------------------------------------------------------------------------------


def _admin(server: str):
    import psycopg

    url = make_url(server)
    parameters = {"dbname": url.database, "user": url.username, "host": url.host, "port": url.port}
    parameters.update({k: v for k, v in url.query.items() if isinstance(v, str)})
    return psycopg.connect(
        **{k: v for k, v in parameters.items() if v is not None}, autocommit=True
    )


def create_database(server: str, name: str) -> str:
    with _admin(server) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')
    return make_url(server).set(database=name).render_as_string(hide_password=False)


def drop_database(server: str, url: str) -> None:
    with _admin(server) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{make_url(url).database}" WITH (FORCE)')


def new_office(folder: Path, url: str):
    """The office set up on `url` (as `init district --database` does); its open Store."""
    from app.services.setup import set_up

    folder.mkdir(parents=True)
    (folder / "database.url").write_text(url + "\n", encoding="utf-8")
    return set_up(folder, "district", OFFICE_CODE, name=OFFICE_NAME).store


# -- the wards and their bundles ------------------------------------------------------------


def all_communes() -> list:
    from app.units import shipped_units

    return sorted((u for u in shipped_units() if u.level == "commune"), key=lambda u: u.code)


def chosen_wards(count: int) -> list:
    """`count` communes taken evenly across the provinces (all of them at 3,321)."""
    by_province: dict[str, list] = {}
    for unit in all_communes():
        by_province.setdefault(unit.parent_code, []).append(unit)
    queues = [list(units) for _, units in sorted(by_province.items())]
    chosen = []
    while len(chosen) < count and any(queues):
        for queue in queues:
            if queue and len(chosen) < count:
                chosen.append(queue.pop(0))
    return sorted(chosen, key=lambda u: u.code)


def make_template(root: Path, office_card: bytes, office_fingerprint: str, code: str, seed: int,
                  sizes: tuple[int, int, int]) -> dict:  # fmt: skip
    """One real ward with demo data; its records files as its own bundle carries them."""
    import pyrage

    from app.demo import fill_demo_data
    from app.services.setup import set_up
    from app.sync.archive import Limits, read_archive
    from app.sync.export import export_bundle
    from app.sync.keys import KeyFolder
    from app.sync.trust import trust_card

    folder = root / "templates" / code
    store = set_up(folder, "ward", code, province=OFFICE_CODE).store
    try:
        trust_card(store, office_card, office_fingerprint)
        sessions, cases, people = sizes
        fill_demo_data(store, sessions=sessions, cases=cases, people=people, seed=seed)
        path = export_bundle(store, folder / "bundle.tcb").path
        plain = pyrage.decrypt(path.read_bytes(), [KeyFolder(folder / "keys").identity()])
        members = read_archive(plain, Limits())
    finally:
        store.close()
    manifest = json.loads(members["manifest.json"])
    return {
        "code": code,
        "files": {m["name"]: (members[m["name"]], m["records"]) for m in manifest["members"]},
    }


def _new_keys():
    import minisign
    import pyrage

    from app.sync.keys import key_id_from_line, minisign_public_line

    pair = minisign.KeyPair.generate()
    line = minisign_public_line(pair.public_key)
    identity = pyrage.x25519.Identity.generate()
    return pair.secret_key, key_id_from_line(line), line, str(identity.to_public())


def write_bundle(template: dict, unit, office_recipient: str, out: Path) -> dict:
    """`unit`'s bundle from `template`'s records: its code, its UUIDs, its keys. Returns its
    key registration (a row of ward_keys) and its record count."""
    import pyrage

    from app.canonical import canonical_bytes
    from app.db.schema import SCHEMA_VERSION
    from app.sync.archive import write_archive
    from app.sync.keys import fingerprint
    from app.sync.manifest import FORMAT, FORMAT_VERSION, trusted_comment

    def new_uuid(match: re.Match) -> bytes:
        name = unit.code + match.group().decode()
        return str(uuid_module.uuid5(NAMESPACE, name)).encode()

    own = f'"ward_code":"{template["code"]}"'.encode()
    theirs = f'"ward_code":"{unit.code}"'.encode()
    members, listed, records, live = {}, [], 0, 0
    for name, (content, count) in template["files"].items():
        content = UUID.sub(new_uuid, content.replace(own, theirs))
        members[name] = content
        listed.append({"name": name, "size": len(content),
                       "sha256": hashlib.sha256(content).hexdigest(), "records": count})  # fmt: skip
        records += count
        live += count - content.count(b'},"deleted":true,')
    secret, key_id, public_line, recipient = _new_keys()
    bundle_id = str(uuid_module.uuid4())
    manifest = canonical_bytes({
        "format": FORMAT, "format_version": FORMAT_VERSION, "schema_version": SCHEMA_VERSION,
        "bundle_id": bundle_id, "ward": {"code": unit.code, "name": unit.name,
                                         "province": unit.parent_code},
        "key_id": key_id, "seq": 1, "prev_manifest_sha256": "",
        "created_at": "2026-01-10T08:00:00Z", "audience": OFFICE_CODE, "members": listed,
    })  # fmt: skip
    signature = secret.sign(
        manifest, prehash=True, trusted_comment=trusted_comment(unit.code, 1, bundle_id)
    )
    archive = write_archive(
        {"manifest.json": manifest, "manifest.json.minisig": bytes(signature) + b"\n", **members}
    )
    recipients = [pyrage.x25519.Recipient.from_str(office_recipient)]
    out.write_bytes(pyrage.encrypt(archive, recipients))
    registration = (unit.code, unit.name, unit.parent_code, key_id, public_line, recipient,
                    fingerprint(public_line, recipient), 1, "2026-01-01T00:00:00Z", "benchmark")  # fmt: skip
    return {"registration": registration, "records": records, "live": live}


REGISTRATION_COLUMNS = ("ward_code", "ward_name", "province_code", "key_id", "minisign_public",
                        "age_recipient", "fingerprint", "generation", "registered_at",
                        "registered_by")  # fmt: skip


def _write_bundles(job) -> list[dict]:
    templates, units, recipient, folder = job
    return [
        write_bundle(templates[i % len(templates)], unit, recipient, folder / f"{unit.code}.tcb")
        for i, unit in units
    ]


def make_bundles(root: Path, office, units: list, sizes, template_count: int) -> list[dict]:
    """Every ward's bundle in root/bundles; their registrations and record counts."""
    from app.sync.trust import export_card, own_keys, show_keys

    card, print_ = export_card(office), show_keys(office)["fingerprint"]
    template_codes = [u.code for u in all_communes() if u.parent_code == OFFICE_CODE]
    with ProcessPoolExecutor(2) as pool:
        templates = list(pool.map(
            make_template, *zip(*[(root, card, print_, template_codes[i], i + 1, sizes)
                                  for i in range(template_count)], strict=True)
        ))  # fmt: skip
        folder = root / "bundles"
        folder.mkdir()
        recipient = own_keys(office).age_recipient
        numbered = list(enumerate(units))
        jobs = [(templates, numbered[i::8], recipient, folder) for i in range(8)]
        made = [one for chunk in pool.map(_write_bundles, jobs) for one in chunk]
    return made


def register(office, made: list[dict]) -> None:
    """The wards' keys, as `trust add` writes them once its province check has passed."""
    from app.db.specific import specific
    from app.models import WardKey

    with office.write() as connection:
        rows = [one["registration"] for one in made]
        specific(connection).insert_many(connection, WardKey.__table__, REGISTRATION_COLUMNS, rows)


# -- measures -------------------------------------------------------------------------------


def import_all(office, folder: Path) -> tuple[float, Counter]:
    from app.sync.importer import import_bundles

    paths = sorted(folder.glob("*.tcb"))
    statuses: Counter = Counter()
    start = time.perf_counter()
    for first in range(0, len(paths), 100):
        outcomes = import_bundles(office, paths[first : first + 100])
        statuses.update(outcome.status for outcome in outcomes)
        done = first + len(outcomes)
        print(f"  {done:>5} bundles imported, {time.perf_counter() - start:7.1f} s", flush=True)
    return time.perf_counter() - start, statuses


def copied_tables():
    """What an import writes that a COPY of the rows stands for: records, children, versions,
    the search index."""
    from app.db.sqlite import SEARCH_TABLES
    from app.models import metadata

    names = ["people", "person_roles", "teams", "team_members", "trainings",
             "training_attendees", "sessions", "session_presenters", "cases", "case_parties",
             "case_mediators", "record_versions"]  # fmt: skip
    return [*names, *SEARCH_TABLES.values()], metadata


def copy_baseline(server: str, source_url: str, root: Path) -> tuple[float, int]:
    """The imported rows, dumped to files (not timed), then COPY'd into a fresh database."""
    import psycopg

    from app.db.migrate import upgrade_to_head

    names, _ = copied_tables()
    dumps = root / "dumps"
    dumps.mkdir()
    source = make_url(source_url)
    with psycopg.connect(dbname=source.database, **_libpq(source)) as connection:
        for name in names:
            with (
                (dumps / name).open("wb") as out,
                connection.cursor().copy(f"COPY {name} TO STDOUT") as copy,
            ):
                for block in copy:
                    out.write(block)
    target_url = create_database(server, "tiepcan_bench_copy")
    upgrade_to_head(target_url, Path("/nonexistent"), None)
    target = make_url(target_url)
    rows = 0
    start = time.perf_counter()
    with (
        psycopg.connect(dbname=target.database, **_libpq(target)) as connection,
        connection.transaction(),
    ):
        for name in names:
            with (
                (dumps / name).open("rb") as data,
                connection.cursor().copy(f"COPY {name} FROM STDIN") as copy,
            ):
                while block := data.read(1 << 20):
                    copy.write(block)
        for name in names:
            rows += connection.execute(f"SELECT count(*) FROM {name}").fetchone()[0]
    seconds = time.perf_counter() - start
    drop_database(server, target_url)
    return seconds, rows


def _libpq(url) -> dict:
    parameters = {"user": url.username, "host": url.host, "port": url.port}
    parameters.update({k: v for k, v in url.query.items() if isinstance(v, str)})
    return {k: v for k, v in parameters.items() if v is not None}


def record_count(office) -> int:
    from app.services.status import status

    return sum(sum(counts.values()) for counts in status(office)["counts"].values())


def analyze(url: str) -> None:
    import psycopg

    parsed = make_url(url)
    with psycopg.connect(dbname=parsed.database, autocommit=True, **_libpq(parsed)) as connection:
        connection.execute("ANALYZE")


def time_report(office, name: str, period: str, out: Path, ward=None) -> tuple[float, float, int]:
    """(seconds to compute, seconds to write the CSV, rows)."""
    from app.reports.engine import Request, build_report
    from app.reports.export import save_report

    start = time.perf_counter()
    report = build_report(office, Request(name, period, ward=ward, today=date(2026, 1, 15)))
    computed = time.perf_counter() - start
    save_report(report, out, "csv")
    written = time.perf_counter() - start - computed
    return computed, written, sum(len(section.rows) for section in report.sections)


def time_province_report(office, name, period, out, wards) -> tuple[float, float, int]:
    """Reports have no province filter (only --ward): the engine is handed the province's
    wards as a district's scope, the one thing a filter would change."""
    from app.reports import engine

    whole = engine._wards

    def province_only(connection, store, wanted):
        codes, names = whole(connection, store, None)
        return [c for c in codes if c in wards], names

    engine._wards = province_only
    try:
        return time_report(office, name, period, out)
    finally:
        engine._wards = whole


def demo_year(office) -> str:
    """The year most of the demo sessions were held in."""
    from app.models import metadata

    sessions = metadata.tables["sessions"]
    with office.read() as connection:
        days = connection.execute(select(sessions.c.held_on).limit(2000)).scalars().all()
    return Counter(day[:4] for day in days).most_common(1)[0][0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--server", required=True, help="a database URL to create databases from")
    parser.add_argument("--wards", type=int, default=len(all_communes()))
    parser.add_argument("--sessions", type=int, default=SESSIONS)
    parser.add_argument("--cases", type=int, default=CASES)
    parser.add_argument("--people", type=int, default=PEOPLE)
    parser.add_argument("--templates", type=int, default=TEMPLATES)
    parser.add_argument("--keep", action="store_true", help="keep the office's database")
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="tiepcan-national-"))
    url = create_database(args.server, "tiepcan_bench_national")
    office = new_office(root / "office", url)
    try:
        units = chosen_wards(args.wards)
        provinces = Counter(u.parent_code for u in units)
        print(f"{len(units)} wards in {len(provinces)} provinces; data in {root}")
        start = time.perf_counter()
        sizes = (args.sessions, args.cases, args.people)
        made = make_bundles(root, office, units, sizes, args.templates)
        register(office, made)
        in_bundles = sum(one["records"] for one in made)
        live = sum(one["live"] for one in made)
        print(f"bundles made: {len(made)} ({in_bundles:,} records) in "
              f"{time.perf_counter() - start:.1f} s")  # fmt: skip

        seconds, statuses = import_all(office, root / "bundles")
        stored = record_count(office)
        print(f"import: {in_bundles:,} records in {seconds:.1f} s = {in_bundles / seconds:,.0f} "
              f"records/s; {dict(statuses)}; status counts {stored:,} live, the bundles {live:,}"
              f" ({'equal' if stored == live else 'DIFFERENT'})")  # fmt: skip
        analyze(url)
        copy_seconds, rows = copy_baseline(args.server, url, root)
        print(f"COPY of the same rows (records, children, versions, search): {rows:,} rows in "
              f"{copy_seconds:.1f} s = {rows / copy_seconds:,.0f} rows/s; the import takes "
              f"{seconds / copy_seconds:.1f}× the COPY time")  # fmt: skip

        year = demo_year(office)
        province, _count = provinces.most_common(1)[0]
        province_wards = {u.code for u in units if u.parent_code == province}
        one_ward = sorted(province_wards)[0]
        print(f"reports, period {year}:")
        for name in REPORTS:
            for label, timing in (
                (f"all {len(units)} wards", lambda n=name: time_report(office, n, year, root / f"{n}.csv")),
                (f"province {province} ({len(province_wards)} wards)",
                 lambda n=name: time_province_report(office, n, year, root / f"{n}-p.csv", province_wards)),
                (f"--ward {one_ward}", lambda n=name: time_report(office, n, year, root / f"{n}-w.csv", one_ward)),
            ):  # fmt: skip
                computed, written, rows = timing()
                print(f"  {name:16} {label:28} computed {computed:6.2f} s, CSV {written:5.2f} s, "
                      f"{rows} rows")  # fmt: skip
    finally:
        office.close()
        if not args.keep:
            drop_database(args.server, url)
        shutil.rmtree(root, ignore_errors=True)
    sys.stdout.flush()


if __name__ == "__main__":
    main()
