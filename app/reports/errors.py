"""The refusal a report raises: what was asked that cannot be printed, and why."""

from app.errors import TiepCanError


class ReportError(TiepCanError):
    pass


class EstimatesDoNotAddUp(ReportError):
    """Typed estimates that break a sum of the form (success 27 against a split of 30). `field`
    is the estimate cell to correct, `fields` every cell of the broken sum; `report` is the
    report as it would print with them, for a window to show beside the refusal (never to
    print or save)."""

    def __init__(self, message: str, /, field: str, fields: tuple[str, ...], **params: object):
        super().__init__(message, **params)
        self.field = field
        self.fields = fields
        self.report = None
        self.others: list[EstimatesDoNotAddUp] = []  # the other sums broken, each once
