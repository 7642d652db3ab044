"""Small pieces every page builds the same way: its column with the house margins, its heading,
keys that work while the focus is on the page, and a Tab order that follows the eye."""

import itertools

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget


def page_column(page: QWidget, spacing: int = 10) -> QVBoxLayout:
    layout = QVBoxLayout(page)
    layout.setContentsMargins(18, 14, 18, 14)
    layout.setSpacing(spacing)
    return layout


def heading(page: QWidget) -> QLabel:
    label = QLabel(page)
    label.setProperty("role", "heading")
    return label


def page_keys(page: QWidget, *bindings) -> None:
    """(keys, slot) pairs; keys one key sequence, standard key or a list of them. They act while
    the focus is inside the page, so two pages can give the same key different work."""
    for keys, slot in bindings:
        action = QAction(page)
        sequences = keys if isinstance(keys, list) else [keys]
        action.setShortcuts([QKeySequence(k) for k in sequences])
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        page.addAction(action)


def tab_chain(*widgets: QWidget) -> None:
    for first, second in itertools.pairwise(widgets):
        QWidget.setTabOrder(first, second)
