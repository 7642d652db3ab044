"""Every `tiepcan …` command the README shows runs, in the README's order, and does what it says:
a ward and a district set up in temporary data folders, the files the commands name prepared.
Only the commands named in NOT_RUN are left out, each with its reason."""

import json
import re
import shlex
from pathlib import Path

from app.cli.main import run
from app.demo import fill_demo_data

README = Path(__file__).resolve().parent.parent / "README.md"

NOT_RUN = {
    "tiepcan": "opens the window (the GUI)",
    # A district on PostgreSQL: tests/test_district_postgres.py runs these against a server.
    **{
        command: "needs a PostgreSQL server and a passphrase typed at a terminal"
        for command in (
            'tiepcan init district --code 01 --name "Sở Tư pháp Hà Nội" --database postgresql://tiepcan@10.0.0.5/tiepcan_01',
            "tiepcan keys backup --out /media/usb/so-tu-phap-keys.age",
            "tiepcan init district --code 01 --database postgresql://tiepcan@10.0.0.5/tiepcan_01 --keys /media/usb/so-tu-phap-keys.age",
            "tiepcan move-to-server --database postgresql://tiepcan@10.0.0.5/tiepcan_01",
        )
    },
    'tiepcan conflicts resolve 3 --keep incoming --reason "Đã xác minh với phường"': (
        "needs a conflict, and a conflict needs a second installation of the ward (a PC restored "
        "from a backup) that edited the same record"
    ),
}

# The README's placeholders, and what stands in for them here.
BUNDLE_NAME = re.compile(r"00167-\d{8}-1\.tcb")  # the README shows a day's date in the name
BACKUP_NAME = re.compile(r"tiepcan-00167-\d{8}-\d{6}\.db")  # and a backup's date and time
STICK = "/media/usb"
DISTRICT_FINGERPRINT = "12345 67890 …"
WARD_FINGERPRINT = "…"
LOST_KEY_ID = "0123456789ABCDEF"
DISTRICT_CARD = "so-tu-phap.card"  # handed over by the district: made here with its keys export
ESTIMATES = "uoc-tinh.json"


def shell_lines(text: str) -> list[str]:
    """The lines of the README's ```sh blocks, commands joined by && split apart."""
    lines = []
    for block in re.findall(r"^```sh\n(.*?)^```", text, flags=re.M | re.S):
        for line in block.splitlines():
            lines += [part.strip() for part in line.split("&&")]
    return lines


def readme_commands() -> list[str]:
    return [line for line in shell_lines(README.read_text()) if re.match(r"tiepcan\b", line)]


def without_comment(line: str) -> str:
    return re.sub(r"\s+#.*$", "", line)


def at_district(line: str) -> bool:
    """The README says where a command runs in its comment; the rest run at the ward."""
    comment = line[len(without_comment(line)) :].lstrip(" #")
    return comment.startswith(("district", "in another --data-dir"))


def estimates_examples(text: str) -> dict[str, dict]:
    """{report name: the estimates the README shows for it}."""
    pairs = re.findall(r"`(\{[^`]*\})` for `([a-z-]+)`", text)
    return {name: json.loads(example) for example, name in pairs}


class Installations:
    """The ward and the district of the README, each in its data folder; the commands run in
    one working folder where the files they name are."""

    def __init__(self, root: Path, monkeypatch, capsys):
        self.folders = {"ward": root / "ward", "district": root / "district"}
        self.work = root / "work"
        self.stick = root / "usb"
        self.work.mkdir()
        self.stick.mkdir()
        self.monkeypatch = monkeypatch
        self.capsys = capsys
        monkeypatch.chdir(self.work)

    def run(self, where: str, argv: list[str]) -> tuple[int, str, str]:
        self.monkeypatch.setenv("TIEPCAN_DATA_DIR", str(self.folders[where]))
        self.capsys.readouterr()
        try:
            status = run(argv)
        except SystemExit as exited:  # wrong usage
            status = exited.code
        captured = self.capsys.readouterr()
        return status, captured.out, captured.err

    def keys(self, where: str) -> dict:
        status, out, err = self.run(where, ["keys", "show", "--json"])
        assert status == 0, err
        return json.loads(out)

    def stand_ins(self, argv: list[str]) -> list[str]:
        """The README's argv with its placeholders replaced, the files it names prepared."""
        if DISTRICT_CARD in argv and not (self.work / DISTRICT_CARD).exists():
            assert self.run("district", ["keys", "export", "--out", DISTRICT_CARD])[0] == 0
        if ESTIMATES in argv:
            examples = estimates_examples(README.read_text())
            (self.work / ESTIMATES).write_text(json.dumps(examples[argv[1]]))
        bundles = [path.name for path in self.stick.glob("*.tcb")]
        replaced = []
        for arg in argv:
            arg = arg.replace(STICK, str(self.stick))
            if BUNDLE_NAME.search(arg):
                assert len(bundles) == 1, bundles
                arg = BUNDLE_NAME.sub(bundles[0], arg)
            elif BACKUP_NAME.search(arg):
                [backup] = self.stick.glob("tiepcan-00167-*.db")
                arg = BACKUP_NAME.sub(backup.name, arg)
            elif arg == DISTRICT_FINGERPRINT:
                arg = self.keys("district")["fingerprint"]
            elif arg == WARD_FINGERPRINT:
                arg = self.keys("ward")["fingerprint"]
            elif arg == LOST_KEY_ID:
                arg = self.keys("ward")["key_id"]
            replaced.append(arg)
        return replaced


def test_the_skipped_commands_are_in_the_readme():
    commands = {without_comment(line) for line in readme_commands()}
    assert set(NOT_RUN) <= commands


def test_every_readme_command_runs_in_order(tmp_path, monkeypatch, capsys):
    here = Installations(tmp_path, monkeypatch, capsys)
    ran = []
    for line in readme_commands():
        command = without_comment(line)
        if command in NOT_RUN:
            continue
        argv = here.stand_ins(shlex.split(command)[1:])
        where = "district" if at_district(line) else "ward"
        status, _out, err = here.run(where, argv)
        assert status == 0, f"{command} (at the {where}) exited {status}: {err}"
        ran.append(argv[:2])
    # What the commands said they did happened.
    assert ["init", "ward"] in ran and ["bundle", "undo"] in ran and len(ran) >= 20
    assert sorted(p.suffix for p in here.work.iterdir()) == [
        ".card",
        ".card",
        ".csv",
        ".json",
        ".pdf",
        ".pdf",
        ".xlsx",
        ".xlsx",  # the import-sheet template
    ]
    assert {p.suffix for p in here.stick.iterdir()} == {".tcb", ".tcr", ".db", ".sha256"}
    assert ["restore", str(next(here.stick.glob("*.db")))] in ran


def test_every_estimates_example_is_taken_by_its_report(ward, tmp_path, capsys):
    examples = estimates_examples(README.read_text())
    assert {"pbgdpl-stats", "mediation-stats"} <= set(examples)
    fill_demo_data(ward, sessions=20, cases=20, people=12, seed=1)
    for name, estimates in examples.items():
        given = tmp_path / f"{name}.json"
        given.write_text(json.dumps(estimates))
        out = tmp_path / f"{name}.csv"
        args = ["report", name, "--period", "2026-Y", "--estimates", str(given), "--format", "csv"]
        status = run([*args, "--out", str(out), "--data-dir", str(ward.folder.root)])
        assert status == 0, capsys.readouterr().err
