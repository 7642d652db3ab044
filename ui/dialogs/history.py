"""A record's history from the audit log: who changed what, when, and what it was before.

A long value edited near its end ("… tổ dân phố số 5" → "… số 6") would be cut at the same
place before and after, and the change would not show: each side is shown from a little
before its first difference, and the change under the cursor is shown whole below the list."""

from datetime import datetime
from html import escape

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QStyledItemDelegate,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
)

from app.i18n import format_number
from app.services import records as svc
from app.services.kinds import KINDS
from app.services.listing import choices
from ui.strings import N_, _, label_buttons, ngettext
from ui.table_model import display

ACTIONS = {
    "create": N_("Created"),
    "update": N_("Edited"),
    "delete": N_("Deleted"),
    "restore": N_("Restored"),
}
BEFORE, AFTER = 3, 4  # the tree's columns of the old and the new value
DIFFERENCE = Qt.ItemDataRole.UserRole  # on a before/after cell: where it first differs
FULL = Qt.ItemDataRole.UserRole + 1  # on a before/after cell: the whole value, lines and all
LEAD = 12  # characters kept before the first difference, so it is read in its context
EMPTY = "—"
NEW_LINE = " ↵ "  # a cell is one line: a line break shown as a mark
LABELS_SHARE = 0.55  # of the list's width, at most, for when, who and what


def _shown(spec, value, names: dict[str, str]) -> str:
    """A stored value as the lists show it: labels for codes, dd/MM/yyyy, grouped figures, a
    team by its name (`names`: uuid → name)."""
    if value is None or value == [] or value == "":
        return EMPTY
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, list):
        return ngettext("{count} entry", "{count} entries", len(value)).format(
            count=format_number(len(value))
        )
    if spec is not None and spec.type == "date":
        return display("date", value)
    if spec is not None and spec.type == "enum" and spec.enum is not None:
        return display(f"enum:{spec.enum.name}", value)
    if spec is not None and spec.type == "int" and not spec.name.endswith("_year"):
        return format_number(value)  # a year is a label, never "1.970"
    if spec is not None and spec.type == "uuid":
        return names.get(value, str(value))
    return str(value)


def first_difference(before: str, after: str) -> int:
    """The index of the first character that differs (the shorter's length if none does)."""
    return next(
        (i for i, (old, new) in enumerate(zip(before, after, strict=False)) if old != new),
        min(len(before), len(after)),
    )


def excerpt(text: str, difference: int, fits) -> str:
    """`text` as its cell shows it: whole if `fits(text)`, else from the start of a word a
    little before `difference`, after a "…", so the changed word is in view (the cell cuts the
    end). A narrow cell drops words of the lead, then letters, until the changed word fits."""
    if fits(text) or difference <= LEAD:
        return text
    space = text.find(" ", difference)
    word_end = len(text) if space < 0 else space
    start = text.rfind(" ", 0, difference - LEAD) + 1
    while start < difference and not fits("…" + text[start:word_end]):
        space = text.find(" ", start, difference)
        start = space + 1 if space >= 0 else start + 1
    return "…" + text[start:] if start > 0 else text


class ChangeDelegate(QStyledItemDelegate):
    """Paints a before/after cell from a little before where the two values differ."""

    def initStyleOption(self, option, index) -> None:
        super().initStyleOption(option, index)
        difference = index.data(DIFFERENCE)
        if difference is None:
            return
        metrics = option.fontMetrics
        room = option.rect.width() - 8  # the cell's text margins

        def fits(text: str) -> bool:
            return metrics.horizontalAdvance(text) <= room

        option.text = excerpt(option.text, difference, fits)


def _when(at: str) -> str:
    """Stored in UTC; shown in the PC's local time, as dd/MM/yyyy HH:mm."""
    try:
        moment = datetime.fromisoformat(at.replace("Z", "+00:00")).astimezone()
    except ValueError:
        return at
    return moment.strftime("%d/%m/%Y %H:%M")


def _marked(text: str, start: int, end: int) -> str:
    """HTML of `text` with its changed part [start:end) in bold, widened to whole words (“12”
    and “13”, not “2” and “3”)."""
    start = max(text.rfind(" ", 0, start) + 1, 0)
    space = text.find(" ", end)
    end = len(text) if space < 0 else max(space, end)
    changed = escape(text[start:end]) or "·"  # a deletion: a mark where the text was
    return (escape(text[:start]) + f"<b><u>{changed}</u></b>" + escape(text[end:])).replace(
        "\n", "<br>"
    )


class HistoryDialog(QDialog):
    def __init__(self, store, kind: str, uuid: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle(_("History"))
        specs = {spec.name: spec for spec in KINDS[kind].fields}
        names = dict(choices(store, "teams")) | dict(choices(store, "people"))
        tree = QTreeWidget(self)
        tree.setHeaderLabels([_("When"), _("Who"), _("What"), _("Before"), _("After")])
        tree.setItemDelegate(ChangeDelegate(tree))
        for entry in reversed(svc.history(store, kind, uuid)):
            who = entry["officer"] or entry["os_user"]
            action = ACTIONS[entry["action"]]  # a variable: the extractor must not see the key
            item = QTreeWidgetItem(tree, [_when(entry["at"]), who, _(action)])
            if entry.get("source"):
                self._source(item, entry["source"])
            before, after = entry["before"] or {}, entry["after"] or {}
            if entry["action"] == "update":
                for name, spec in specs.items():
                    old, new = before.get(name), after.get(name)
                    if old != new:
                        shown = (_shown(spec, old, names), _shown(spec, new, names))
                        self._change(item, _(spec.label), *shown)
                item.setExpanded(True)
        self.details = QTextBrowser(self)
        self.details.setMaximumHeight(self.fontMetrics().height() * 7)
        tree.currentItemChanged.connect(self._show_details)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        label_buttons(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(tree, 1)
        layout.addWidget(self.details)
        layout.addWidget(buttons)
        self.tree = tree
        self.details.hide()
        # Room for the values at any font size, within the screen.
        metrics = self.fontMetrics()
        size = QSize(metrics.averageCharWidth() * 150, metrics.height() * 28).expandedTo(
            QSize(980, 520)
        )
        if self.screen() is not None:
            size = size.boundedTo(self.screen().availableGeometry().size() * 0.9)
        self.resize(size)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit_columns()

    def _fit_columns(self) -> None:
        """When, who and what as wide as they need, together at most LABELS_SHARE of the list
        (narrowed in proportion when a large font needs more); before and after share the rest
        equally, never narrower than their header."""
        tree, header = self.tree, self.tree.header()
        # The tree's own width: its viewport is resized only once it is on screen.
        room = tree.width() - 2 * tree.frameWidth() - tree.verticalScrollBar().sizeHint().width()
        widths = [
            max(tree.sizeHintForColumn(column), header.sectionSizeHint(column))
            for column in (0, 1, 2)
        ]
        # Over the share, a long field label gives way first (the pane below shows it whole),
        # then all three in proportion.
        excess = sum(widths) - int(room * LABELS_SHARE)
        widths[2] -= max(0, min(excess, widths[2] - header.sectionSizeHint(2)))
        scale = min(1.0, room * LABELS_SHARE / max(sum(widths), 1))
        widths = [int(width * scale) for width in widths]
        share = (room - sum(widths)) // 2
        for column in (BEFORE, AFTER):
            widths.append(max(share, header.sectionSizeHint(column)))
        for column, width in enumerate(widths):
            tree.setColumnWidth(column, width)

    @staticmethod
    def _source(parent: QTreeWidgetItem, source: str) -> None:
        """Where the change came from ("imported from FILE, row N") on a line of its own under
        it, across the whole list: in the narrow "what" column the row number was cut off."""
        line = QTreeWidgetItem(parent, [source])
        line.setFirstColumnSpanned(True)
        line.setToolTip(0, source)
        line.setForeground(0, parent.treeWidget().palette().placeholderText())
        parent.setToolTip(2, source)
        parent.setExpanded(True)

    @staticmethod
    def _change(parent: QTreeWidgetItem, label: str, before: str, after: str) -> None:
        item = QTreeWidgetItem(
            parent, ["", "", label, before.replace("\n", NEW_LINE), after.replace("\n", NEW_LINE)]
        )
        difference = first_difference(item.text(BEFORE), item.text(AFTER))
        for column, value in ((BEFORE, before), (AFTER, after)):
            item.setData(column, DIFFERENCE, difference)
            item.setData(column, FULL, value)
            item.setToolTip(column, value)

    def _show_details(self, item: QTreeWidgetItem | None) -> None:
        """The change under the cursor whole, wrapped, its changed part in bold."""
        before = item.data(BEFORE, FULL) if item is not None else None
        if before is None:
            self.details.hide()
            return
        after = item.data(AFTER, FULL)
        start = first_difference(before, after)
        same_end = first_difference(before[start:][::-1], after[start:][::-1])
        lines = [
            (_("Before"), _marked(before, start, len(before) - same_end)),
            (_("After"), _marked(after, start, len(after) - same_end)),
        ]
        self.details.setHtml(
            f"<p><b>{escape(item.text(2))}</b></p>"
            + "".join(f"<p>{escape(caption)}: {text}</p>" for caption, text in lines)
        )
        self.details.show()
