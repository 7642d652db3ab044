"""The one error a bundle reader lets escape: a reason code (design.md §4) and a sentence."""

from app.errors import TiepCanError

REASON_CODES = (
    "unreadable",
    "too-large",
    "decrypt",
    "zip",
    "unknown-key",
    "signature",
    "manifest",
    "schema-newer",
    "comment",
    "revoked-key",
    "audience",
    "hash",
    "record",
    "owner",
    "replay",
    "equivocation",
)


class BundleError(TiepCanError):
    def __init__(self, reason_code: str, message: str, /, **params: object):
        assert reason_code in REASON_CODES, reason_code
        super().__init__(message, **params)
        self.reason_code = reason_code
