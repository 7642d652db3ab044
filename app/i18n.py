"""Translations: English msgids, Vietnamese by default (TIEPCAN_LANG or the Settings choice).

Catalogs are the gettext `.po` files in `i18n/`; a compiled `.mo` beside one is preferred."""

import gettext as _gettext
import os
from functools import cache

from app.paths import shipped_dir

DOMAIN = "tiepcan"
LANGUAGES = ("vi", "en")
DEFAULT_LANGUAGE = "vi"

_current: str | None = None


def N_(message: str) -> str:
    """Marks a msgid for extraction; translated later, where the language is known."""
    return message


def current_language() -> str:
    if _current:
        return _current
    env = os.environ.get("TIEPCAN_LANG", "").strip().lower()[:2]
    return env if env in LANGUAGES else DEFAULT_LANGUAGE


def set_language(language: str) -> None:
    global _current
    if language not in LANGUAGES:
        raise ValueError(f"unsupported language {language!r}")
    _current = language


@cache
def _catalog(language: str) -> dict[str, str]:
    folder = shipped_dir("i18n") / language / "LC_MESSAGES"
    mo = folder / f"{DOMAIN}.mo"
    po = folder / f"{DOMAIN}.po"
    if mo.is_file() and (not po.is_file() or mo.stat().st_mtime >= po.stat().st_mtime):
        with mo.open("rb") as handle:
            return dict(_gettext.GNUTranslations(handle)._catalog)  # type: ignore[attr-defined]
    if not po.is_file():
        return {}
    from babel.messages.pofile import read_po

    with po.open("rb") as handle:
        catalog = read_po(handle, locale=language)
    return {
        message.id: message.string
        for message in catalog
        if message.id and message.string and not message.fuzzy and isinstance(message.id, str)
    }


def gettext(message: str, language: str | None = None) -> str:
    translated = _catalog(language or current_language()).get(message)
    return translated or message


_ = gettext


_LOCALES = {"vi": "vi_VN", "en": "en_GB"}


def format_number(value: float, language: str | None = None) -> str:
    """1.234.567 in Vietnamese, 1,234,567 in English (babel's locale data)."""
    from babel.numbers import format_decimal

    return format_decimal(value, locale=_LOCALES[language or current_language()])


def format_day(iso: str | None, language: str | None = None) -> str:
    """An ISO date as officers write it, dd/MM/yyyy, in either language."""
    if not iso:
        return ""
    from datetime import date

    from babel.dates import format_date

    return format_date(
        date.fromisoformat(iso), "dd/MM/yyyy", locale=_LOCALES[language or current_language()]
    )
