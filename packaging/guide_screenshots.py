"""Screenshots for the user guide (resources/guide/images/<language>/), taken from the real window.

Builds, in a temporary folder and through the program's own services, a demonstration ward
(Phường Cầu Giấy, with demo data) and a demonstration aggregating office (Sở Tư pháp Hà Nội) with
a few more wards: keys exchanged, bundles exported and imported on backdated days (so the
submissions tracker shows received, late and missing periods), a receipt loaded, a conflict left
open and a USB stick of new bundles waiting in the inbox. Then it opens the real main window
offscreen, themed as ui/main.py does, visits every page in each language and saves each as a
PNG reduced to 256 colours (a screenshot of flat widgets loses nothing by it, and the guide stays
small).

    QT_QPA_PLATFORM=offscreen python packaging/guide_screenshots.py [--language vi en] [--out DIR]

Run it again after a change to a page; the guide's pages name the files it writes."""

import argparse
import os
import shutil
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path
from unittest import mock

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

WINDOW_SIZE = (1100, 700)
DISTRICT = ("01", "Sở Tư pháp Hà Nội", "Lê Văn Tâm")
# (code, officer, demo sizes (sessions, cases, people) or None for no records, demo seed)
MAIN_WARD = ("00167", "Nguyễn Thị Hà", (120, 80, 40), 1)
OTHER_WARDS = (
    ("00160", "Trần Văn Bình", (90, 50, 32), 2),  # sent late for the 6 months, then on time
    ("00175", "Phạm Thu Trang", (70, 40, 30), 3),  # sent once, in November
    ("00070", "Đỗ Minh Quân", (60, 30, 25), 4),  # registered, sends only now (the inbox)
    ("00073", "Vũ Thị Lan", (40, 20, 20), 5),  # a PC replaced from a backup: a conflict
)
UNREGISTERED = ("00004", "Hoàng Văn Nam", (20, 10, 12), 6)  # refused in the inbox
TIMED_MODULES = ("app.sync.export", "app.sync.importer", "app.sync.merge")


@contextmanager
def on_day(moment: str):
    """Bundles made, or imported, at `moment` (UTC ISO): the tracker's months need a past."""
    import importlib

    patches = [
        mock.patch.object(importlib.import_module(name), "now_iso", lambda: moment)
        for name in TIMED_MODULES
    ]
    for patch in patches:
        patch.start()
    try:
        yield
    finally:
        for patch in patches:
            patch.stop()


# -- the demonstration data ----------------------------------------------------------------------


class Scenario:
    def __init__(self, root: Path):
        self.root = root
        self.stick = root / "usb"
        self.sent = root / "sent"
        for folder in (self.stick, self.sent):
            folder.mkdir(parents=True)
        self.district = None
        self.ward = None  # the main ward's store, whose window is shown
        self.wards: dict = {}
        self.unregistered_card: Path | None = None

    def build(self) -> None:
        from app.services.setup import set_up

        code, name, officer = DISTRICT
        self.district = set_up(
            self.root / "district", "district", code, name=name, officer=officer
        ).store
        for spec in (MAIN_WARD, *OTHER_WARDS, UNREGISTERED):
            self.wards[spec[0]] = self._ward(spec)
        self.ward = self.wards[MAIN_WARD[0]]
        for code in (MAIN_WARD[0], *(spec[0] for spec in OTHER_WARDS)):
            self._introduce(self.wards[code])
        self._trust_district(self.wards[UNREGISTERED[0]])
        self._history()
        self._conflict(self.wards["00073"])
        self._receipts()
        self._inbox_stick()
        self._backups()

    def _ward(self, spec):
        from app.demo import fill_demo_data
        from app.services.setup import set_up

        code, officer, sizes, seed = spec
        store = set_up(self.root / code, "ward", code, province="01", officer=officer).store
        sessions, cases, people = sizes
        fill_demo_data(store, sessions=sessions, cases=cases, people=people, seed=seed)
        return store

    def _introduce(self, ward) -> None:
        """Both sides exchange key cards and read the fingerprints by phone."""
        from app.sync.trust import export_card, show_keys, trust_card

        trust_card(self.district, export_card(ward), show_keys(ward)["fingerprint"])
        self._trust_district(ward)

    def _trust_district(self, ward) -> None:
        from app.sync.trust import export_card, show_keys, trust_card

        trust_card(ward, export_card(self.district), show_keys(self.district)["fingerprint"])

    def _send(self, ward, made: str, imported: str | None, folder: Path | None = None) -> Path:
        from app.sync.export import export_bundle
        from app.sync.importer import import_bundles

        if folder is None:  # a folder each: two PCs of one ward may both write "…-2.tcb"
            folder = self.sent / str(len(list(self.sent.iterdir())))
            folder.mkdir()
        with on_day(made):
            path = export_bundle(ward, folder).path
        if imported:
            with on_day(imported):
                outcome = import_bundles(self.district, [path])[0]
            assert outcome.status == "imported", outcome
        return path

    def _history(self) -> None:
        """The year's bundles: on time, late, once only, never."""
        main, late, once = self.wards[MAIN_WARD[0]], self.wards["00160"], self.wards["00175"]
        self._send(main, "2026-06-03T02:00:00Z", "2026-06-04T03:00:00Z")
        self._send(late, "2026-06-09T02:00:00Z", "2026-06-12T03:00:00Z")
        self._send(self.wards["00073"], "2026-06-05T02:00:00Z", "2026-06-08T03:00:00Z")
        self._send(main, "2026-11-04T02:00:00Z", "2026-11-05T03:00:00Z")
        self.already_imported = self._send(late, "2026-11-05T02:00:00Z", "2026-11-06T03:00:00Z")
        self._send(once, "2026-11-03T02:00:00Z", "2026-11-04T03:00:00Z")

    def _conflict(self, ward) -> None:
        """The ward's PC is replaced by a copy of an older database (new keys, registered again);
        both PCs changed the same session: the district cannot put the two in order."""
        from app.db.store import Store
        from app.services import records as svc
        from app.sync.keys import KeyFolder
        from app.sync.trust import export_card, show_keys, trust_card

        uuid = _first_uuid(ward, "sessions")
        folder = ward.folder.root
        ward.close()
        old_copy = self.root / "00073-old.db"
        shutil.copy(folder / "tiepcan.db", old_copy)
        ward = Store.open(folder)
        svc.update(ward, "sessions", uuid, {"attendees": 130})
        self._send(ward, "2026-11-02T02:00:00Z", "2026-11-03T03:00:00Z")
        ward.close()
        replacement_folder = self.root / "00073-new-pc"
        replacement_folder.mkdir()
        shutil.copy(old_copy, replacement_folder / "tiepcan.db")
        replacement = Store.open(replacement_folder)
        KeyFolder(replacement.folder.keys).generate()
        trust_card(
            self.district,
            export_card(replacement),
            show_keys(replacement)["fingerprint"],
            replace=True,
        )
        trust_card(
            replacement,
            export_card(self.district),
            show_keys(self.district)["fingerprint"],
            replace=True,
        )
        svc.update(replacement, "sessions", uuid, {"attendees": 70})
        self._send(replacement, "2026-11-06T02:00:00Z", "2026-11-07T03:00:00Z")
        replacement.close()
        self.wards.pop("00073")

    def _receipts(self) -> None:
        """The district writes receipts; the main ward loads its own."""
        from app.sync.receipts import load_receipt, write_receipts

        folder = self.root / "receipts"
        folder.mkdir()
        code = MAIN_WARD[0]
        written = write_receipts(self.district, folder, ward=code)
        load_receipt(self.ward, written[0])

    def _inbox_stick(self) -> None:
        """What a USB stick brings to the inbox today: new bundles, one already imported, one
        from a ward whose key is not registered."""
        from app.services import records as svc

        main = self.ward
        uuid = _first_uuid(main, "sessions")
        svc.update(main, "sessions", uuid, {"notes": "Đã bổ sung biên bản buổi tuyên truyền."})
        self._send(main, _now(), None, self.stick)
        self._send(self.wards["00070"], _now(), None, self.stick)
        shutil.copy(self.already_imported, self.stick / self.already_imported.name)
        self._send(self.wards[UNREGISTERED[0]], _now(), None, self.stick)
        from app.sync.trust import export_card

        self.unregistered_card = self.root / "00004.card"
        self.unregistered_card.write_bytes(export_card(self.wards[UNREGISTERED[0]]))

    def _backups(self) -> None:
        """Today's backup on the PC and a copy on a USB stick, as a careful office has."""
        from app.services import safekeeping

        usb = self.root / "backup-usb"
        usb.mkdir()
        for store in (self.ward, self.district):
            safekeeping.back_up_daily(store)
            safekeeping.back_up(store, usb)

    def close(self) -> None:
        for store in (*self.wards.values(), self.district):
            store.close()


def _first_uuid(store, kind: str) -> str:
    with store.read() as connection:
        row = connection.exec_driver_sql(
            f"SELECT uuid FROM {kind} WHERE deleted = 0 ORDER BY uuid LIMIT 1"
        ).fetchone()
    return row[0]


def _now() -> str:
    from app.services.audit import now_iso

    return now_iso()


# -- the window ----------------------------------------------------------------------------------


class Camera:
    def __init__(self, app, out: Path, language: str):
        self.app = app
        self.out = out / language
        self.out.mkdir(parents=True, exist_ok=True)
        self.written: list[Path] = []

    def settle(self, until=None, timeout: float = 30.0) -> None:
        """Let the window paint (and background work finish, when `until` says when)."""
        deadline = time.monotonic() + timeout
        while True:
            for _round in range(5):
                self.app.processEvents()
            if until is None or until():
                break
            if time.monotonic() > deadline:
                raise TimeoutError("the window did not finish in time")
            time.sleep(0.02)
        for _round in range(5):
            self.app.processEvents()

    def shoot(self, widget, name: str) -> None:
        self.settle()
        path = self.out / f"{name}.png"
        save_small(widget.grab().toImage(), path)
        self.written.append(path)


def save_small(image, path: Path) -> None:
    """The screenshot as a 256-colour PNG (widgets are flat colours and antialiased text: a
    palette keeps them readable at a fraction of the size)."""
    from PIL import Image
    from PySide6.QtCore import QBuffer, QIODevice

    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    import io

    picture = Image.open(io.BytesIO(bytes(buffer.data()))).convert("RGB")
    small = picture.quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    small.save(path, optimize=True)


def shoot_language(app, scenario: Scenario, out: Path, language: str) -> list[Path]:
    from app.i18n import set_language
    from ui.main_window import MainWindow
    from ui.settings_store import UiSettings
    from ui.theme import apply_locale

    set_language(language)
    apply_locale(language)
    camera = Camera(app, out, language)
    shoot_wizard(camera, scenario)
    ward_settings = UiSettings(scenario.root / "ui-ward")
    ward_settings.set("send/folder", "E:\\")  # a USB stick, as an office PC names it
    ward_window = MainWindow(scenario.ward, ward_settings)
    shoot_ward(camera, ward_window)
    ward_window.close()
    district_window = MainWindow(scenario.district, UiSettings(scenario.root / "ui-district"))
    shoot_district(camera, district_window, scenario)
    district_window.close()
    ward_window.deleteLater()
    district_window.deleteLater()
    camera.settle()
    return camera.written


def _show(camera: Camera, window) -> None:
    window.resize(*WINDOW_SIZE)
    window.show()
    camera.settle()


def _go(camera: Camera, window, key: str):
    keys = [page for page, _label in window.page_list]
    window.navigation.setCurrentRow(keys.index(key))
    camera.settle()
    return window.pages[key]


def shoot_wizard(camera: Camera, scenario: Scenario) -> None:
    from ui.wizard import FirstRunWizard

    wizard = FirstRunWizard(scenario.root / "not-set-up")
    wizard.show()
    camera.shoot(wizard, "wizard-role")
    wizard.next()
    camera.settle()
    wizard.unit_page.search.setText("cau giay")
    camera.settle()
    wizard.unit_page.results.setCurrentRow(0)
    camera.shoot(wizard, "wizard-unit")
    wizard.close()
    wizard.deleteLater()


def shoot_ward(camera: Camera, window) -> None:
    from PySide6.QtWidgets import QLineEdit

    from app.services import records as svc
    from ui.forms.record_dialog import RecordDialog

    _show(camera, window)
    camera.shoot(window, "overview")
    for key in ("people", "teams", "sessions", "cases", "trainings"):
        page = _go(camera, window, key)
        page.table.selectRow(0)
        page.table.setFocus()
        camera.shoot(window, key)
    for kind, name in (("sessions", "session-form"), ("cases", "case-form")):
        page = _go(camera, window, kind)
        record = svc.get(window.store, kind, _best_example(page))
        dialog = RecordDialog(window.store, kind, record, parent=page)
        dialog.resize(820, 700)
        dialog.show()
        for line in dialog.findChildren(QLineEdit):  # long titles from their first letter
            line.setCursorPosition(0)
        camera.shoot(dialog, name)
        dialog.reject()
        dialog.deleteLater()
    reports = _go(camera, window, "reports")
    reports.report_combo.setCurrentIndex(reports.report_combo.findData("pbgdpl-stats"))
    reports.period_combo.setEditText("2026-H1")
    reports.compute()
    camera.settle(until=lambda: reports.report is not None and reports._compute_task is None)
    camera.shoot(window, "reports")
    send = _go(camera, window, "send")
    camera.shoot(window, "send")
    camera.shoot(send.receipt_box, "receipt")
    _go(camera, window, "settings")
    camera.shoot(window, "settings")


def _best_example(page) -> str:
    """A record with much filled in: the richest of the first rows."""
    from app.services import records as svc

    best, most = None, -1
    for row in range(min(page.model.rowCount(), 30)):
        uuid = page.model.uuid_at(row)
        data = svc.get(page.store, page.kind, uuid)["data"]
        filled = sum(1 for value in data.values() if value not in (None, "", [], False))
        if filled > most:
            best, most = uuid, filled
    return best


def shoot_district(camera: Camera, window, scenario: Scenario) -> None:
    from PySide6.QtCore import Qt

    from app.i18n import gettext as _
    from app.sync.wards import card_to_register, read_card_file
    from ui.dialogs.register_ward import RegisterWardDialog

    _show(camera, window)
    camera.shoot(window, "district-overview")
    wards = _go(camera, window, "wards")
    wards.select_ward(MAIN_WARD[0])
    camera.shoot(window, "wards")
    card = read_card_file(scenario.unregistered_card)
    dialog = RegisterWardDialog(
        window.store, card, card_to_register(window.store, card), parent=wards
    )
    dialog.show()
    camera.shoot(dialog, "register-ward")
    dialog.reject()
    dialog.deleteLater()
    inbox = _go(camera, window, "inbox")
    inbox.clear()
    inbox.add_paths([scenario.stick])
    camera.settle(until=lambda: inbox._task is None and bool(inbox.items))
    camera.shoot(window, "inbox")
    inbox.clear()
    tracker = _go(camera, window, "tracker")
    registered = next(  # the registered wards first, then the rest of the province
        column
        for column in range(tracker.table.columnCount())
        if tracker.table.horizontalHeaderItem(column).text() == _("Registered")
    )
    tracker.table.sortByColumn(registered, Qt.SortOrder.DescendingOrder)
    camera.shoot(window, "tracker")
    _go(camera, window, "conflicts")
    camera.shoot(window, "conflicts")


def _quiet(kind, context, message: str) -> None:
    # The offscreen platform says this for every window it cannot resize; nothing is wrong.
    if "does not support propagateSizeHints" not in message:
        sys.stderr.write(message + "\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--language", nargs="+", default=["vi", "en"], choices=["vi", "en"])
    parser.add_argument("--out", type=Path, default=ROOT / "resources" / "guide" / "images")
    parser.add_argument("--keep", action="store_true", help="keep the demonstration folders")
    args = parser.parse_args(argv)

    from PySide6.QtCore import qInstallMessageHandler
    from PySide6.QtWidgets import QApplication

    from ui.settings_store import UiSettings
    from ui.theme import apply_theme

    qInstallMessageHandler(_quiet)
    app = QApplication.instance() or QApplication([sys.argv[0]])
    app.setApplicationName("TiepCan")
    root = Path(tempfile.mkdtemp(prefix="tiepcan-guide-"))
    os.environ["TIEPCAN_DATA_DIR"] = str(root / "unused")
    try:
        apply_theme(app, UiSettings(root).font_size)
        scenario = Scenario(root)
        scenario.build()
        written = []
        for language in args.language:
            written += shoot_language(app, scenario, args.out, language)
        scenario.close()
    finally:
        if args.keep:
            print(f"demonstration folders kept in {root}")
        else:
            shutil.rmtree(root, ignore_errors=True)
    total = sum(path.stat().st_size for path in written)
    for path in written:
        print(
            f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}"
            f"  {path.stat().st_size // 1024} KB"
        )
    print(f"{len(written)} screenshots, {total / 1_000_000:.2f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
