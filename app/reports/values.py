"""How a value is written on paper and on screen: Vietnamese digit groups (1.234.567), one
decimal for rates (84,8%), blanks for figures that do not exist (a rate with no denominator)."""

from functools import cache

from app.reports.table import COUNT, MONEY, PERCENT

_GROUP = {"vi": ".", "en": ","}
_DECIMAL = {"vi": ",", "en": "."}


@cache
def _symbols(language: str) -> tuple[str, str]:
    # babel's locale data, read once: vi_VN groups with "." and marks decimals with ",".
    from babel.numbers import get_decimal_symbol, get_group_symbol

    locale = "vi_VN" if language == "vi" else "en_GB"
    return get_group_symbol(locale), get_decimal_symbol(locale)


def format_value(value, kind: str, language: str, percent_sign: bool = False) -> str:
    if value is None or value == "":
        return ""
    if kind in (COUNT, MONEY):
        if isinstance(value, str):
            return value
        return _grouped(int(value), language)
    if kind == PERCENT:
        if isinstance(value, str):
            return value
        # Always one decimal (64,0 beside 84,1 reads as one column); the header says "(%)".
        _, decimal = _symbols(language)
        whole, _, fraction = f"{float(value):.1f}".partition(".")
        return f"{_grouped(int(whole), language)}{decimal}{fraction}" + (
            "%" if percent_sign else ""
        )
    return str(value)


def _grouped(number: int, language: str) -> str:
    group, _ = _symbols(language)
    return f"{number:,}".replace(",", group)


def plain_number(value, language: str) -> str:
    """A figure inside a sentence: "80", "84,8" — grouped digits, no needless decimal."""
    if float(value).is_integer():
        return format_value(value, COUNT, language)
    return format_value(value, PERCENT, language)
