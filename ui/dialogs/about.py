"""About TiepCan: the version, the database schema it expects, where the data lives, and the
licence of everything shipped with it (app.licences)."""

from html import escape

from PySide6.QtCore import Qt, qVersion
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from app import __version__
from app.db.schema import SCHEMA_HEAD
from app.licences import FONT_LICENCE, shipped_parts
from app.paths import shipped_dir
from ui.strings import _, label_buttons


class AboutDialog(QDialog):
    def __init__(self, folder=None, parent=None):
        super().__init__(parent)
        self.setWindowTitle(_("About TiepCan"))
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        self.heading = QLabel("TiepCan", self)
        self.heading.setProperty("role", "heading")
        self.facts = QLabel(self)
        self.facts.setTextFormat(Qt.TextFormat.RichText)
        self.facts.setWordWrap(True)
        self.facts.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.facts.setText(self._facts(folder))
        self.parts_title = QLabel(_("Shipped with TiepCan"), self)
        font = self.parts_title.font()
        font.setBold(True)
        self.parts_title.setFont(font)
        self.parts = self._parts_table()
        self.notes = QLabel(self)
        self.notes.setWordWrap(True)
        self.notes.setProperty("role", "hint")
        self.notes.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.notes.setText(
            " ".join(
                (
                    _(
                        "Qt is used under the GNU LGPL version 3: its libraries in the program's folder may be replaced."
                    ),
                    _("The fonts' licence (SIL Open Font License 1.1) is in {path}.").format(
                        path=shipped_dir("resources").joinpath(*FONT_LICENCE)
                    ),
                )
            )
        )
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        label_buttons(buttons)
        buttons.rejected.connect(self.reject)
        layout.addWidget(self.heading)
        layout.addWidget(self.facts)
        layout.addWidget(self.parts_title)
        layout.addWidget(self.parts, 1)
        layout.addWidget(self.notes)
        layout.addWidget(buttons)
        self.resize(820, 620)

    @staticmethod
    def _facts(folder) -> str:
        lines = [
            _(
                "Legal outreach and grassroots mediation records for wards and their aggregating office."
            ),
            _("Version {version}; database schema {schema}; Qt {qt}.").format(
                version=__version__, schema=SCHEMA_HEAD, qt=qVersion()
            ),
        ]
        if folder is not None:
            lines.append(_("Data folder: {path}").format(path=folder))
        lines.append(_("TiepCan is free software under the MIT licence."))
        return "<br>".join(escape(line) for line in lines)

    def _parts_table(self) -> QTableWidget:
        parts = shipped_parts()
        headers = (_("Part"), _("Version"), _("Licence"), _("Used for"))
        table = QTableWidget(len(parts), len(headers), self)
        table.setHorizontalHeaderLabels(headers)
        table.verticalHeader().setVisible(False)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        for row, part in enumerate(parts):
            for column, text in enumerate((part.name, part.version, part.licence, _(part.use))):
                table.setItem(row, column, QTableWidgetItem(text))
        header = table.horizontalHeader()
        for column in range(len(headers) - 1):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(len(headers) - 1, QHeaderView.ResizeMode.Stretch)
        return table

    def text(self) -> str:
        """Everything the dialog says, as plain text (what a test reads)."""
        cells = [
            self.parts.item(row, column).text()
            for row in range(self.parts.rowCount())
            for column in range(self.parts.columnCount())
        ]
        return "\n".join((self.facts.text(), *cells, self.notes.text()))
