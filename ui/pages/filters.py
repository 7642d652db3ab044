"""The filter controls above a list: a period, and the choices that matter for each kind."""

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from app import enums
from app.i18n import current_language
from app.services.listing import choices, ward_choices
from ui.strings import N_, _

PERIODS = (
    ("all", N_("All dates")),
    ("year", N_("This year")),
    ("h1", N_("January–June this year")),
    ("h2", N_("July–December this year")),
    ("last_year", N_("Last year")),
)

KIND_FILTERS = {
    "sessions": [("form", N_("Form"), "session_form")],
    "cases": [("result", N_("Result"), "result"), ("team", N_("Team"), "teams")],
    "people": [("role", N_("Role"), "role")],
}


def shrinkable(combo: QComboBox, characters: int = 10) -> QComboBox:
    """Long labels (forms of dissemination, team names) must not make the window wider than a
    screen at 200%: the box may shrink to a few words and shows the rest in its popup."""
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(characters)
    return combo


def _captioned(caption: QLabel, combo: QComboBox) -> QVBoxLayout:
    # The caption above its box: side by side, three filters would not fit a narrow window.
    column = QVBoxLayout()
    column.setSpacing(2)
    column.addWidget(caption)
    column.addWidget(combo)
    return column


def period_range(code: str, today: date | None = None) -> tuple[str | None, str | None]:
    year = (today or date.today()).year
    return {
        "all": (None, None),
        "year": (f"{year}-01-01", f"{year}-12-31"),
        "h1": (f"{year}-01-01", f"{year}-06-30"),
        "h2": (f"{year}-07-01", f"{year}-12-31"),
        "last_year": (f"{year - 1}-01-01", f"{year - 1}-12-31"),
    }[code]


class FilterBar(QWidget):
    changed = Signal()

    def __init__(self, store, kind: str, has_period: bool, parent=None):
        super().__init__(parent)
        self.store = store
        self.kind = kind
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.period = shrinkable(QComboBox(self)) if has_period else None
        self.period_label = QLabel(self)
        if self.period is not None:
            self.period_label.setBuddy(self.period)
            layout.addLayout(_captioned(self.period_label, self.period))
            self.period.currentIndexChanged.connect(self.changed)
        self.combos: dict[str, tuple[QLabel, QComboBox, str, str]] = {}
        filters = KIND_FILTERS.get(kind, [])
        if store.role == "district":  # every ward's records: which ward first
            filters = [("ward", N_("Ward"), "wards"), *(f for f in filters if f[2] != "teams")]
        for name, label, source in filters:
            caption, combo = QLabel(self), shrinkable(QComboBox(self))
            caption.setBuddy(combo)
            combo.currentIndexChanged.connect(self.changed)
            layout.addLayout(_captioned(caption, combo))
            self.combos[name] = (caption, combo, label, source)
        layout.addStretch(1)
        self.retranslate()

    def _options(self, source: str) -> list[tuple[str, str]]:
        if source == "teams":
            return choices(self.store, "teams")
        if source == "wards":
            return ward_choices(self.store)
        return [(c.code, c.label(current_language())) for c in enums.ALL[source]]

    def retranslate(self) -> None:
        self.blockSignals(True)
        if self.period is not None:
            current = self.period.currentData() or "all"
            self.period_label.setText(_("Period"))
            self.period.clear()
            for code, label in PERIODS:
                self.period.addItem(_(label), code)
            self.period.setCurrentIndex(max(self.period.findData(current), 0))
        for caption, combo, label, source in self.combos.values():
            current = combo.currentData()
            caption.setText(_(label))
            combo.clear()
            combo.addItem(_("All"), None)
            for code, text in self._options(source):
                combo.addItem(text, code)
            combo.setCurrentIndex(max(combo.findData(current), 0))
        self.blockSignals(False)

    def refresh_options(self) -> None:
        """Teams come and go: rebuild the lists, keeping what is chosen."""
        self.retranslate()

    def state(self) -> dict:
        state = {name: combo.currentData() for name, (_c, combo, _l, _s) in self.combos.items()}
        state["period"] = self.period.currentData() if self.period is not None else "all"
        return state

    def restore(self, state: dict) -> None:
        self.blockSignals(True)
        if self.period is not None and state.get("period"):
            self.period.setCurrentIndex(max(self.period.findData(state["period"]), 0))
        for name, (_c, combo, _l, _s) in self.combos.items():
            if state.get(name) is not None:
                combo.setCurrentIndex(max(combo.findData(state[name]), 0))
        self.blockSignals(False)

    def set_choice(self, name: str, value) -> None:
        """Choose a value in one filter, as a user would (the list follows)."""
        if name in self.combos:
            combo = self.combos[name][1]
            combo.setCurrentIndex(max(combo.findData(value), 0))

    def clear(self) -> None:
        """Every filter back to showing everything, without a `changed` per combo."""
        self.blockSignals(True)
        if self.period is not None:
            self.period.setCurrentIndex(max(self.period.findData("all"), 0))
        for _c, combo, _l, _s in self.combos.values():
            combo.setCurrentIndex(0)  # “All”
        self.blockSignals(False)

    def is_filtering(self) -> bool:
        state = self.state()
        return state.pop("period") != "all" or any(value is not None for value in state.values())
