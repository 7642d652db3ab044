"""The refusal a report raises: what was asked that cannot be printed, and why."""

from app.errors import TiepCanError


class ReportError(TiepCanError):
    pass
