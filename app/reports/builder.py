"""What building any report needs: the open connection, the definition, the period, the
settings, the reader's language, the wards' names and the tally of the work done; and a column
from its specification."""

from app.i18n import gettext
from app.reports.definitions import ColumnSpec
from app.reports.progress import Tally
from app.reports.table import Column


class Builder:
    def __init__(
        self, connection, store, definition, period, settings, language, ward_names, tally=None
    ):
        self.tally = tally or Tally()  # told of each row read or measure counted
        self.connection = connection
        self.store = store
        self.definition = definition
        self.period = period
        self.settings = settings
        self.language = language
        self.ward_names = ward_names
        self.cache: dict = {}  # measure results shared by every part of one report

    def t(self, msgid: str) -> str:
        return gettext(msgid, self.language)

    def _column(self, spec: ColumnSpec, number: int) -> Column:
        return Column(
            key=spec.key,
            label=spec.label(self.language),
            kind=spec.kind,
            groups=tuple(group(self.language) for group in spec.groups),
            width=spec.width,
            number=f"({number})",
        )
