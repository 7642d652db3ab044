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
def _catalog(language: str) -> dict:
    """msgid → translation; a plural entry as (singular msgid, form) → translation, the keys
    Python's gettext gives a compiled catalog."""
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
    entries: dict = {}
    for message in catalog:
        if not message.id or not message.string or message.fuzzy:
            continue
        if isinstance(message.id, str):
            entries[message.id] = message.string
        else:  # a plural entry: one translation per form of the language
            for form, string in enumerate(message.string):
                entries[(message.id[0], form)] = string
    return entries


def gettext(message: str, language: str | None = None) -> str:
    translated = _catalog(language or current_language()).get(message)
    return translated or message


_ = gettext


@cache
def _plural_form(language: str):
    """The language's rule from a count to the form of a plural entry (Vietnamese has one form,
    English two), as CLDR gives it and gettext writes it."""
    from babel import Locale
    from babel.messages.plurals import get_plural

    return _gettext.c2py(get_plural(Locale.parse(_LOCALES[language])).plural_expr)


def ngettext(singular: str, plural: str, count: int, language: str | None = None) -> str:
    """The msgid pair's translation for `count` things: “1 case”, “2 cases”, “2 vụ việc”.
    Untranslated, the English rule picks the singular or the plural msgid."""
    language = language or current_language()
    translated = _catalog(language).get((singular, _plural_form(language)(count)))
    # Babel compiles an untranslated plural entry with the msgids themselves as its forms:
    # a msgid found there is no translation, and English's rule then picks the right one.
    if translated and translated not in (singular, plural):
        return translated
    return singular if count == 1 else plural


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
