"""A list of small sub-forms: a person's roles, a case's parties, a team's members, materials."""

from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.services.fields import Spec
from ui.forms.widgets import FieldEditor, show_help
from ui.strings import N_, _

ADD_TEXTS = {
    "roles": N_("Add a role"),
    "parties": N_("Add a party"),
    "invited_persons": N_("Add an invited person"),
    "members": N_("Add a member"),
    "materials": N_("Add a material"),
}


class _Entry(QFrame):
    def __init__(self, owner: "ObjectsEditor", parent=None):
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.editors: dict[str, FieldEditor] = {}
        self.labels: dict[str, QLabel] = {}
        layout = QVBoxLayout(self)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for spec in owner.spec.fields:
            editor = owner.factory(spec, self)
            editor.changed.connect(owner.changed)
            self.editors[spec.name] = editor
            if spec.type == "bool":  # a check box carries its own label
                form.addRow(editor)
                continue
            label = QLabel(self)
            label.setBuddy(editor)
            form.addRow(label, editor)
            self.labels[spec.name] = label
        self.remove_button = QPushButton(self)
        self.remove_button.setAutoDefault(True)  # focused, Enter removes, as Space does
        self.remove_button.clicked.connect(lambda: owner.remove(self))
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.remove_button)
        layout.addLayout(form)
        layout.addLayout(row)
        self.retranslate(owner.spec)

    def retranslate(self, spec: Spec) -> None:
        for field in spec.fields:
            if field.name in self.labels:
                mark = " *" if field.required else ""
                self.labels[field.name].setText(_(field.label) + mark)
            self.editors[field.name].retranslate()
            show_help(self.editors[field.name], self.labels.get(field.name))
        self.remove_button.setText(_("Remove"))


class ObjectsEditor(FieldEditor):
    def __init__(self, spec: Spec, factory, parent=None):
        super().__init__(spec, parent)
        self.factory = factory  # makes the editor of one sub-field
        box = QWidget(self)
        self._entries_layout = QVBoxLayout(box)
        self._entries_layout.setContentsMargins(0, 0, 0, 0)
        self.add_button = QPushButton(box)
        # Focused, the button is the dialog's default: Enter adds a block, never saves.
        self.add_button.setAutoDefault(True)
        self.add_button.clicked.connect(lambda: self.add())
        self.empty = QLabel(box)
        self.empty.setProperty("role", "hint")
        self._entries_layout.addWidget(self.empty)
        self._entries_layout.addWidget(self.add_button)
        self.entries: list[_Entry] = []
        self._finish(box)
        self.setFocusProxy(self.add_button)
        self.retranslate()

    def retranslate(self) -> None:
        self.add_button.setText(_(ADD_TEXTS.get(self.spec.name, N_("Add"))))
        self.empty.setText(_("None yet."))
        for entry in self.entries:
            entry.retranslate(self.spec)

    def add(self, value: dict | None = None) -> _Entry:
        entry = _Entry(self, self)
        self._entries_layout.insertWidget(self._entries_layout.count() - 1, entry)
        # Shown now, not when the layout gets round to it: until then Tab passes it by, and a
        # field focused in it is one the officer cannot see.
        entry.show()
        self.entries.append(entry)
        for name, editor in entry.editors.items():
            editor.set_value((value or {}).get(name))
        self.empty.setVisible(False)
        if not value:
            next(iter(entry.editors.values())).setFocus()
        self.changed.emit()
        return entry

    def remove(self, entry: _Entry) -> None:
        self.entries.remove(entry)
        entry.setParent(None)
        entry.deleteLater()
        self.empty.setVisible(not self.entries)
        self.add_button.setFocus()
        self.changed.emit()

    def value(self):
        return [{name: editor.value() for name, editor in e.editors.items()} for e in self.entries]

    def unadded(self) -> FieldEditor | None:
        for entry in self.entries:
            for editor in entry.editors.values():
                if (found := editor.unadded()) is not None:
                    return found
        return None

    def set_value(self, value) -> None:
        for entry in list(self.entries):
            self.remove(entry)
        for item in value or []:
            self.add(item)

    def show_error(self, path: str, message: str):
        index, _sep, rest = path.partition(".")
        if index.isdigit() and int(index) < len(self.entries):
            entry = self.entries[int(index)]
            name, _sep, deeper = rest.partition(".")
            if name in entry.editors:
                return entry.editors[name].show_error(deeper, message)
        return super().show_error(path, message)

    def clear_errors(self) -> None:
        super().clear_errors()
        for entry in self.entries:
            for editor in entry.editors.values():
                editor.clear_errors()
