"""A record's history from the audit log: who changed what, when, and what it was before."""

from datetime import datetime

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTreeWidget, QTreeWidgetItem, QVBoxLayout

from app.services import records as svc
from app.services.kinds import KINDS
from ui.strings import N_, _, label_buttons

ACTIONS = {
    "create": N_("Created"),
    "update": N_("Edited"),
    "delete": N_("Deleted"),
    "restore": N_("Restored"),
}


def _shown(value) -> str:
    if value is None or value == [] or value == "":
        return "—"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, list):
        return f"{len(value)} " + _("entries")
    return str(value)


def _when(at: str) -> str:
    """Stored in UTC; shown in the PC's local time, as dd/MM/yyyy HH:mm."""
    try:
        moment = datetime.fromisoformat(at.replace("Z", "+00:00")).astimezone()
    except ValueError:
        return at
    return moment.strftime("%d/%m/%Y %H:%M")


class HistoryDialog(QDialog):
    def __init__(self, store, kind: str, uuid: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle(_("History"))
        labels = {spec.name: spec.label for spec in KINDS[kind].fields}
        tree = QTreeWidget(self)
        tree.setHeaderLabels([_("When"), _("Who"), _("What"), _("Before"), _("After")])
        for entry in reversed(svc.history(store, kind, uuid)):
            who = entry["officer"] or entry["os_user"]
            action = ACTIONS[entry["action"]]  # a variable: the extractor must not see the key
            item = QTreeWidgetItem(tree, [_when(entry["at"]), who, _(action)])
            before, after = entry["before"] or {}, entry["after"] or {}
            if entry["action"] == "update":
                for name in labels:
                    if before.get(name) != after.get(name):
                        QTreeWidgetItem(
                            item,
                            [
                                "",
                                "",
                                _(labels[name]),
                                _shown(before.get(name)),
                                _shown(after.get(name)),
                            ],
                        )
                item.setExpanded(True)
        for column, width in enumerate((170, 160, 200, 160)):
            tree.setColumnWidth(column, width)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        label_buttons(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(tree)
        layout.addWidget(buttons)
        self.tree = tree
        self.resize(860, 460)
