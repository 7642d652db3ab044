"""Reports, each case in a fresh process (so peak memory is that case's alone):

1. `mediation-logbook` of a ward with 5,000 cases to PDF: build_report + write_pdf, and peak
   memory (goal < 10 s, < 300 MB);
2. `sessions-log` of a ward with 20,000 sessions to PDF: the same (goal < 10 s, < 300 MB);
3. `pbgdpl-stats` and `mediation-stats` over a district database of about 500,000 records
   (25 wards): build_report only (goal <= 2 s).

Baselines, measured in the same run, each in a process of its own:
- for a PDF, a bare reportlab canvas drawing the same text lines (the same rows' wrapped cell
  text and header text, the same font, the same page count) with drawString;
- for a statistics report, one raw sqlite3 query over the same file:
  `SELECT count(*), sum(attendees) FROM sessions WHERE held_on BETWEEN …` (pbgdpl-stats), or its
  cases twin (mediation-stats).

The databases are built once and kept in bench-data/reports/ (delete it to rebuild): the ward
through `tiepcan demo-data`; the district is a real `tiepcan init district` whose 25 wards are
copies, in SQL, of 5 demo wards under other ward codes (ids shifted so the child rows keep
pointing at their parents; the full-text index copied the same way).

    python -m tests.benchmarks.reports [--profile]

`--profile` also runs each app case under cProfile and prints where its time goes.
"""

import json
import os
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path

from tests.benchmarks.bundles import thirty_ward_codes, tiepcan
from tests.benchmarks.common import BENCH_DIR

ROOT = BENCH_DIR / "reports"
OUT = ROOT / "out"
PDF_WARD = ("00004", 20_000, 5_000, 800)  # code, sessions, cases, people
PDF_PERIOD = "2025-01-01..2026-12-31"  # every day of the demo data
DISTRICT_WARDS = 25
SOURCE_WARDS = 5
SOURCE_SIZE = (15_000, 4_000, 900)  # sessions, cases, people: about 20,000 records a ward
STATS_PERIOD = "2025"
STATS_DAYS = ("2025-01-01", "2025-12-31")
TODAY = "2026-12-15"

# Record tables and their child tables (table, column pointing at the parent's id).
FAMILIES = {
    "people": [("person_roles", "person_id")],
    "teams": [("team_members", "team_id")],
    "trainings": [("training_attendees", "training_id")],
    "sessions": [("session_presenters", "session_id")],
    "cases": [("case_parties", "case_id"), ("case_mediators", "case_id")],
}
SEARCH = {kind: f"search_{kind}" for kind in FAMILIES}


# -- the databases ------------------------------------------------------------------------------


def demo_ward(folder: Path, code: str, sessions: int, cases: int, people: int, seed: int) -> Path:
    if (folder / "complete").exists():
        return folder
    if folder.exists():
        import shutil

        shutil.rmtree(folder)
    tiepcan("init", "ward", "--code", code, "--province", "01", "--data-dir", str(folder))
    tiepcan(
        "--data-dir", str(folder), "demo-data", "--sessions", str(sessions),
        "--cases", str(cases), "--people", str(people), "--seed", str(seed),
    )  # fmt: skip
    (folder / "complete").touch()
    return folder


def pdf_ward() -> Path:
    code, sessions, cases, people = PDF_WARD
    return demo_ward(
        ROOT / f"ward-{code}-{sessions}-{cases}-{people}", code, sessions, cases, people, 1
    )


def _columns(connection: sqlite3.Connection, table: str) -> list[str]:
    return [row[1] for row in connection.execute(f"PRAGMA main.table_info({table})")]


def copy_ward(connection: sqlite3.Connection, source_code: str, target_code: str) -> None:
    """Copy every record of `source_code` in the attached `src` database into main under
    `target_code`. Ids are shifted past main's largest, children follow their parents."""
    for parent, children in FAMILIES.items():
        offset = connection.execute(f"SELECT coalesce(max(id), 0) FROM main.{parent}").fetchone()[0]
        columns = _columns(connection, parent)
        values = [
            f"id + {offset}" if c == "id" else ":target" if c == "ward_code" else f'"{c}"'
            for c in columns
        ]  # fmt: skip
        names = ", ".join(f'"{c}"' for c in columns)
        connection.execute(
            f"INSERT INTO main.{parent} ({names}) SELECT {', '.join(values)} FROM src.{parent} "
            "WHERE ward_code = :source",
            {"target": target_code, "source": source_code},
        )
        connection.execute(
            f"INSERT INTO main.{SEARCH[parent]} (rowid, text) SELECT s.rowid + {offset}, s.text "
            f"FROM src.{SEARCH[parent]} s JOIN src.{parent} p ON p.id = s.rowid "
            "WHERE p.ward_code = :source",
            {"source": source_code},
        )
        for child, key in children:
            child_offset = connection.execute(
                f"SELECT coalesce(max(id), 0) FROM main.{child}"
            ).fetchone()[0]
            columns = _columns(connection, child)
            values = [
                f"c.id + {child_offset}" if col == "id" else f"c.{key} + {offset}" if col == key
                else f'c."{col}"'
                for col in columns
            ]  # fmt: skip
            names = ", ".join(f'"{c}"' for c in columns)
            connection.execute(
                f"INSERT INTO main.{child} ({names}) SELECT {', '.join(values)} FROM src.{child} c "
                f"JOIN src.{parent} p ON p.id = c.{key} WHERE p.ward_code = :source",
                {"source": source_code},
            )


def district() -> Path:
    folder = ROOT / f"district-{DISTRICT_WARDS}"
    if (folder / "complete").exists():
        return folder
    if folder.exists():
        import shutil

        shutil.rmtree(folder)
    codes = thirty_ward_codes()[:DISTRICT_WARDS]
    sessions, cases, people = SOURCE_SIZE
    sources = [
        demo_ward(ROOT / "sources" / code, code, sessions, cases, people, seed)
        for seed, code in enumerate(codes[:SOURCE_WARDS], start=11)
    ]
    tiepcan(
        "init", "district", "--code", "01", "--name", "Sở Tư pháp Hà Nội",
        "--data-dir", str(folder),
    )  # fmt: skip
    connection = sqlite3.connect(folder / "tiepcan.db", isolation_level=None)
    connection.execute("PRAGMA foreign_keys = ON")
    for index, code in enumerate(codes):
        source = sources[index % SOURCE_WARDS]
        connection.execute("ATTACH ? AS src", (str(source / "tiepcan.db"),))
        connection.execute("BEGIN")
        copy_ward(connection, codes[index % SOURCE_WARDS], code)
        connection.execute("COMMIT")
        connection.execute("DETACH src")
    # No ANALYZE: the app never runs it, so the planner sees what it sees at an office.
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    (folder / "complete").touch()
    return folder


def record_count(folder: Path) -> tuple[int, int]:
    with sqlite3.connect(folder / "tiepcan.db") as connection:
        total = sum(
            connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0] for table in FAMILIES
        )
        wards = connection.execute(
            "SELECT count(*) FROM (SELECT ward_code FROM sessions UNION SELECT ward_code FROM cases)"
        ).fetchone()[0]
    return total, wards


# -- the measured processes ---------------------------------------------------------------------


def _peak_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _request(name: str, period: str):
    from datetime import date

    from app.reports.engine import Request

    return Request(name, period, language="vi", today=date.fromisoformat(TODAY))


def _profiled(function, profile: bool):
    """Run `function()`; under cProfile when asked, the top of the profile on stderr."""
    if not profile:
        return function()
    import cProfile
    import pstats

    profiler = cProfile.Profile()
    result = profiler.runcall(function)
    stats = pstats.Stats(profiler, stream=sys.stderr)
    stats.sort_stats("cumulative").print_stats(35)
    stats.sort_stats("tottime").print_stats(20)
    return result


def child_pdf(folder: str, name: str, period: str, out: str, profile: bool) -> dict:
    from app.db.store import Store
    from app.reports.engine import build_report
    from app.reports.pdf import write_pdf

    store = Store.open(folder)
    times = {}

    def run():
        start = time.perf_counter()
        report = build_report(store, _request(name, period))
        times["build"] = time.perf_counter() - start
        start = time.perf_counter()
        pages = write_pdf(report, out)
        times["write"] = time.perf_counter() - start
        rows = sum(1 for section in report.sections for row in section.rows)
        return pages, rows, len(report.sections)

    pages, rows, sections = _profiled(run, profile)
    store.close()
    return {**times, "pages": pages, "rows": rows, "sections": sections, "peak_mb": _peak_mb()}


def child_canvas(folder: str, name: str, period: str, out: str, pages: int) -> dict:
    """The baseline: the same text lines drawn with drawString on a bare canvas."""
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.pdfgen.canvas import Canvas

    from app.db.store import Store
    from app.reports import pdf
    from app.reports.engine import build_report
    from app.reports.fonts import REGULAR, register_fonts

    # Untimed: the report and each row's cell text, wrapped to its column as the app wraps it.
    store = Store.open(folder)
    report = build_report(store, _request(name, period))
    store.close()
    register_fonts()
    size = landscape(A4) if report.orientation == "landscape" else A4
    layout = pdf._Layout(report, size)
    tables = [pdf._TableLayout(layout, section) for section in report.sections]
    rows = [(table, cells) for table in tables for cells in table.cells]
    per_page = -(-len(rows) // pages)
    lines = 0

    start = time.perf_counter()
    canvas = Canvas(out, pagesize=size, pageCompression=1, invariant=1)
    table = tables[0]
    for page in range(pages):
        y = size[1] - pdf.MARGINS["top"]
        canvas.setFont(REGULAR, table.size)
        for table, cells in [(tables[0], row) for row in tables[0].header] + rows[
            page * per_page : (page + 1) * per_page
        ]:
            x = pdf.MARGINS["left"] + pdf.PAD
            tallest = 1
            for cell, width in zip(cells, table.widths, strict=True):
                parts = cell.split("\n")
                for offset, line in enumerate(parts):
                    canvas.drawString(x, y - offset * table.leading, line)
                lines += len(parts)
                tallest = max(tallest, len(parts))
                x += width
            y -= tallest * table.leading
        canvas.drawCentredString(
            size[0] / 2, pdf.MARGINS["bottom"] / 2, f"Trang {page + 1}/{pages}"
        )
        canvas.showPage()
    canvas.save()
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "lines": lines, "pages": pages, "peak_mb": _peak_mb()}


def child_stats(folder: str, name: str, period: str, profile: bool) -> dict:
    from app.db.store import Store
    from app.reports.engine import build_report

    store = Store.open(folder)
    samples = []
    report = None
    for _ in range(1 if profile else 3):  # profiled: one run, the profile's overhead in it

        def once():
            return build_report(store, _request(name, period))

        start = time.perf_counter()
        report = _profiled(once, profile)
        samples.append(time.perf_counter() - start)
    store.close()
    rows = report.sections[0].rows
    return {
        "first": samples[0],
        "median": statistics.median(samples),
        "rows": len(rows),
        "total_row": {k: v for k, v in rows[-1].values.items() if isinstance(v, int)},
        "peak_mb": _peak_mb(),
    }


RAW = {
    "pbgdpl-stats": "SELECT count(*), sum(attendees) FROM sessions WHERE held_on BETWEEN ? AND ?",
    "mediation-stats": "SELECT count(*), sum(result = 'success') FROM cases "
    "WHERE received_on BETWEEN ? AND ?",
}


def child_raw(folder: str, name: str) -> dict:
    connection = sqlite3.connect(Path(folder) / "tiepcan.db")
    samples = []
    for _ in range(3):
        start = time.perf_counter()
        result = connection.execute(RAW[name], STATS_DAYS).fetchone()
        samples.append(time.perf_counter() - start)
    connection.close()
    return {"first": samples[0], "median": statistics.median(samples), "result": list(result)}


CHILDREN = {"pdf": child_pdf, "canvas": child_canvas, "stats": child_stats, "raw": child_raw}


def in_child(kind: str, *args) -> dict:
    """Run one case in a fresh interpreter; its JSON result plus wall time and peak RSS."""
    start = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.benchmarks.reports", "--child", kind, *map(str, args)],
        stdout=subprocess.PIPE,
    )
    output = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"the {kind} case failed: {args}")
    result = json.loads(output.decode().strip().splitlines()[-1])
    result["wall"] = time.perf_counter() - start
    result["process_mb"] = usage.ru_maxrss / 1024
    return result


def run_child(argv: list[str]) -> None:
    kind, *args = argv
    if kind in ("pdf", "stats"):
        args[-1] = args[-1] == "True"
    elif kind == "canvas":
        args[-1] = int(args[-1])
    print(json.dumps(CHILDREN[kind](*args)), flush=True)


# -- the table ----------------------------------------------------------------------------------


def render_first_page(path: Path) -> Path:
    target = Path("/tmp") / path.stem
    subprocess.run(
        [
            "pdftoppm",
            "-r",
            "60",
            "-f",
            "1",
            "-l",
            "1",
            "-png",
            "-singlefile",
            str(path),
            str(target),
        ],
        check=True,
    )
    return target.with_suffix(".png")


def main() -> None:
    profile = "--profile" in sys.argv
    OUT.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    ward = pdf_ward()
    county = district()
    records, wards = record_count(county)
    print(f"databases ready in {time.perf_counter() - start:.0f} s: ward {ward}, district {county} "
          f"({records:,} records, {wards} wards)\n")  # fmt: skip

    table = []
    for name in ("mediation-logbook", "sessions-log"):
        out = OUT / f"{name}.pdf"
        app = in_child("pdf", ward, name, PDF_PERIOD, out, profile)
        bare = in_child("canvas", ward, name, PDF_PERIOD, OUT / f"{name}-canvas.pdf", app["pages"])
        total = app["build"] + app["write"]
        table.append((
            f"{name} → PDF", f"{app['rows']:,} rows, {app['sections']} sections, {app['pages']} pages",
            f"{total:.2f} s (build {app['build']:.2f} + pdf {app['write']:.2f}; process {app['wall']:.1f})",
            f"{app['process_mb']:.0f} MB",
            f"canvas {bare['lines']:,} lines {bare['seconds']:.2f} s, {bare['process_mb']:.0f} MB",
            f"{total / bare['seconds']:.1f}×",
            "< 10 s, < 300 MB: " + ("met" if total < 10 and app["process_mb"] < 300 else "MISSED"),
        ))  # fmt: skip
        print(f"{name}: first page {render_first_page(out)}, {out.stat().st_size / 2**20:.1f} MiB")
    for name in ("pbgdpl-stats", "mediation-stats"):
        app = in_child("stats", county, name, STATS_PERIOD, profile)
        raw = in_child("raw", county, name)
        table.append((
            f"{name} (district)", f"{records:,} records, {app['rows']} rows",
            f"{app['first']:.2f} s first, {app['median']:.2f} s median of 3",
            f"{app['process_mb']:.0f} MB",
            f"raw sqlite3 {raw['first'] * 1000:.0f} ms first, {raw['median'] * 1000:.0f} ms median",
            f"{app['median'] / raw['median']:.1f}×",
            "<= 2 s: " + ("met" if app["first"] <= 2 else "MISSED"),
        ))  # fmt: skip
        print(f"{name}: raw {raw['result']}, report total row {app['total_row']}")
    headings = ("case", "size", "time", "peak RSS", "baseline (same run)", "app/base", "goal")
    widths = [max(len(str(row[i])) for row in [headings, *table]) for i in range(len(headings))]
    print()
    for row in [headings, *table]:
        print(" | ".join(str(cell).ljust(width) for cell, width in zip(row, widths, strict=True)))


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        run_child(sys.argv[2:])
    else:
        main()
