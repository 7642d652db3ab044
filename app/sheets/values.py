"""Values as people type them into a spreadsheet, turned into what a record holds. Each parser
returns the value or raises Refused with the reason, in words the officer reads beside the cell."""

import re
import unicodedata
from datetime import date, datetime, timedelta

from app.enums import Enumeration
from app.errors import N_, TiepCanError
from app.text import clean_line, fold


class Refused(TiepCanError):
    """This cell's value cannot be taken."""


def cell_text(value) -> str:
    """A cell as the officer sees it, for messages and the refused-rows file."""
    if type(value) is str:
        stripped = value.strip()
        if (
            stripped.isprintable()  # no tab, new line or other space than " " inside
            and "  " not in stripped
            and (stripped.isascii() or unicodedata.is_normalized("NFC", stripped))
        ):
            return stripped  # most cells: what clean_line would make of them, at a glance
        return clean_line(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, datetime):
        if (value.hour, value.minute, value.second) == (0, 0, 0):
            return value.strftime("%d/%m/%Y")
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return clean_line(str(value))


def is_blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


# -- dates -----------------------------------------------------------------------------------

EXCEL_EPOCH = date(1899, 12, 30)  # Excel's day 0 (after its 1900 leap-year bug)
SERIAL_RANGE = (1, 2958465)  # 1/1/1900 .. 31/12/9999
YEAR_RANGE = (1900, 2100)

_SEP = r"\s*[/\-.]\s*"
_DMY = re.compile(rf"(\d{{1,2}}){_SEP}(\d{{1,2}}){_SEP}(\d{{2}}|\d{{4}})")
_YMD = re.compile(r"(\d{4})\s*[/\-.]\s*(\d{1,2})\s*[/\-.]\s*(\d{1,2})")
_WORDS = re.compile(r"(?:ngay\s*)?(\d{1,2})\s*thang\s*(\d{1,2})\s*(?:nam|,)?\s*(\d{4})")
_MONTH_WORDS = re.compile(r"thang\s*(\d{1,2})\s*(?:nam|/|-|\.|,)?\s*(\d{4})")
_MONTH = re.compile(rf"(\d{{1,2}}){_SEP}(\d{{4}})")
_YEAR = re.compile(r"(?:nam\s*)?(\d{4})")
_TIME_TAIL = re.compile(r"[\sT,]+\d{1,2}[:h]\d{2}(?::\d{2})?(?:\.\d+)?\s*(?:am|pm|sa|ch)?$")


def _full_year(digits: str) -> int:
    year = int(digits)
    if len(digits) == 2:
        # "15-03-24": this century unless that would be well in the future (a birth in "58").
        year += 2000 if year <= (date.today().year % 100) + 5 else 1900
    return year


def _make_date(year: int, month: int, day: int, text: str) -> date:
    try:
        value = date(year, month, day)
    except ValueError:
        raise Refused(N_("“{value}” is not a real date."), value=text) from None
    return _in_range(value, text)


def _in_range(value: date, text: str) -> date:
    if not YEAR_RANGE[0] <= value.year <= YEAR_RANGE[1]:
        raise Refused(N_("“{value}” is not between the years 1900 and 2100."), value=text)
    return value


def parse_date(value, *, allow_month: bool = False) -> date | tuple[int, int]:
    """A day as a date; with `allow_month`, "tháng 3/2024" or "3/2024" as (year, month)."""
    if isinstance(value, datetime):
        return _in_range(value.date(), cell_text(value))
    if isinstance(value, date):
        return _in_range(value, cell_text(value))
    if isinstance(value, bool):
        raise Refused(N_("“{value}” is not a date."), value=cell_text(value))
    if isinstance(value, int | float):
        return _from_serial(value)
    text = cell_text(value)
    folded = _TIME_TAIL.sub("", fold(text).strip())
    if match := _WORDS.fullmatch(folded):
        day, month, year = match.groups()
        return _make_date(int(year), int(month), int(day), text)
    if match := _DMY.fullmatch(folded):
        day, month, year = match.groups()
        return _make_date(_full_year(year), int(month), int(day), text)
    if match := _YMD.fullmatch(folded):
        year, month, day = match.groups()
        return _make_date(int(year), int(month), int(day), text)
    month_match = _MONTH_WORDS.fullmatch(folded) or _MONTH.fullmatch(folded)
    if month_match:
        month, year = int(month_match.group(1)), int(month_match.group(2))
        if not 1 <= month <= 12:
            raise Refused(N_("“{value}” is not a real date."), value=text)
        if not allow_month:
            raise Refused(
                N_(
                    "“{value}” gives only a month; this column needs a whole date (day/month/year)."
                ),
                value=text,
            )
        _in_range(date(year, month, 1), text)
        return (year, month)
    if folded.isdigit() and len(folded) == 5:
        return _from_serial(int(folded))  # a date cell saved as its serial number in a CSV
    raise Refused(N_("“{value}” is not a date (write it as 15/03/2024)."), value=text)


def _from_serial(number: float) -> date:
    if not SERIAL_RANGE[0] <= number <= SERIAL_RANGE[1]:
        raise Refused(N_("“{value}” is not a date."), value=cell_text(number))
    return _in_range(EXCEL_EPOCH + timedelta(days=int(number)), cell_text(number))


def parse_day(value) -> str:
    """An ISO date for a record."""
    return parse_date(value).isoformat()


def parse_year(value) -> int:
    """A year of birth: a year alone ("1975"), a month ("3/1975") or a whole date."""
    number = isinstance(value, int | float) and not isinstance(value, bool)
    if number and 1900 <= value <= 2100 and float(value).is_integer():
        return int(value)
    text = cell_text(value)
    if isinstance(value, str) and (match := _YEAR.fullmatch(fold(text).strip())):
        return _in_range(date(int(match.group(1)), 1, 1), text).year
    parsed = parse_date(value, allow_month=True)
    return parsed[0] if isinstance(parsed, tuple) else parsed.year


_TIME = re.compile(r"(\d{1,2})\s*(?:[:h]|gio)\s*(\d{2})?\s*(?:phut|p)?")


def parse_time(value) -> str:
    if isinstance(value, datetime):
        return value.strftime("%H:%M")
    if hasattr(value, "hour") and hasattr(value, "minute"):
        return f"{value.hour:02d}:{value.minute:02d}"
    if isinstance(value, float) and 0 <= value < 1:  # a time cell: a fraction of a day
        minutes = round(value * 24 * 60)
        return f"{minutes // 60:02d}:{minutes % 60:02d}"
    text = cell_text(value)
    match = _TIME.fullmatch(fold(text).strip())
    if match:
        hour, minute = int(match.group(1)), int(match.group(2) or 0)
        if hour < 24 and minute < 60:
            return f"{hour:02d}:{minute:02d}"
    raise Refused(N_("“{value}” is not a time (write it as 08:30)."), value=text)


# -- numbers, marks, genders -----------------------------------------------------------------

_MONEY_WORDS = re.compile(r"(vnd|dong|d|nguoi|luot|buoi|ban|cuon|to)\.?$")


def parse_count(value) -> int:
    """A whole number: a number cell, or text grouped as Vietnamese write it ("1.500.000 đ")."""
    if isinstance(value, bool):
        raise Refused(N_("“{value}” is not a whole number."), value=cell_text(value))
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if value.is_integer():
            return int(value)
        raise Refused(N_("“{value}” is not a whole number."), value=cell_text(value))
    text = cell_text(value)
    digits = _MONEY_WORDS.sub("", fold(text).replace(" ", "")).strip()
    if re.fullmatch(r"\d{1,3}([.,]\d{3})+", digits):
        return int(re.sub(r"[.,]", "", digits))
    if re.fullmatch(r"\d+", digits):
        return int(digits)
    raise Refused(N_("“{value}” is not a whole number."), value=text)


YES = frozenset({"x", "v", "✓", "✔", "☑", "co", "c", "1", "yes", "y", "true", "dung", "+", "ok"})
NO = frozenset({"0", "khong", "k", "no", "n", "false", "-", "sai"})


def parse_flag(value) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float) and value in (0, 1):
        return bool(value)
    text = cell_text(value)
    folded = fold(text).strip().rstrip(".")
    if folded in YES:
        return True
    if folded in NO:
        return False
    raise Refused(N_("“{value}” is neither yes nor no (write x for yes)."), value=text)


GENDER_WORDS = {
    "male": {"nam", "m", "male", "trai", "ong"},
    "female": {"nu", "f", "female", "gai", "ba", "w"},
}


def parse_gender(value) -> str:
    text = cell_text(value)
    folded = fold(text).strip().rstrip(".")
    for code, words in GENDER_WORDS.items():
        if folded in words:
            return code
    raise Refused(N_("“{value}” is not a gender (write Nam or Nữ)."), value=text)


# -- enumerations ----------------------------------------------------------------------------

_PUNCT = re.compile(r"[^\w]+")


def words(text: str) -> str:
    """Folded, punctuation as spaces, single-spaced: what header and choice matching compare."""
    return " ".join(_PUNCT.sub(" ", fold(text)).split())


# Words offices use for the app's choices that are not in its labels. Keyed by enumeration name.
ALIASES: dict[str, dict[str, str]] = {
    "result": {
        "thanh": "success",
        "hoa giai thanh": "success",
        "thanh cong": "success",
        "khong thanh": "failure",
        "hoa giai khong thanh": "failure",
        "khong thanh cong": "failure",
        "dang hoa giai": "in_progress",
        "dang giai quyet": "in_progress",
        "chua hoa giai": "not_started",
        "chua giai quyet": "not_started",
    },
    "session_form": {
        "truc tiep": "direct",
        "hoi nghi": "direct",
        "lop hoc": "direct",
        "noi chuyen": "direct",
        "tu van": "counselling",
        "phat tai lieu": "materials",
        "loa": "loudspeaker",
        "loa truyen thanh": "loudspeaker",
        "loa phat thanh": "loudspeaker",
        "zalo": "social_media",
        "facebook": "social_media",
        "truc tuyen": "online_training",
        "khac": "other",
    },
    "scope_group": {
        "dan su": "civil",
        "hon nhan gia dinh": "marriage_family",
        "hngd": "marriage_family",
        "hon nhan va gia dinh": "marriage_family",
        "khac": "other",
        "vi pham khac": "other",
        "khong thuoc pham vi": "out_of_scope",
        # Office words for the field of a dispute: land, inheritance, contracts, neighbours'
        # quarrels are civil disputes (the statistics have no group of their own for them).
        "dat dai": "civil",
        "tranh chap dat dai": "civil",
        "dat dai nha o": "civil",
        "nha dat": "civil",
        "thua ke": "civil",
        "hop dong": "civil",
        "tai san": "civil",
        "hon nhan": "marriage_family",
        "gia dinh": "marriage_family",
        "hn gd": "marriage_family",
        "mau thuan": "other",
        "mau thuan khac": "other",
    },
    "role": {"hgv": "HGV", "ttv": "TTV", "bcv": "BCV", "tuyen truyen vien": "TTV"},
    "basis": {"yeu cau": "party_request", "cac ben yeu cau": "party_request"},
    "topic": {"hon nhan gia dinh": "marriage_family", "bao luc gia dinh": "domestic_violence"},
}


def parse_choice(value, enum: Enumeration) -> str:
    """The code of the choice a cell names: its code, its label in either language, an alias
    offices use, or words that begin the words of exactly one label."""
    text = cell_text(value)
    wanted = words(text)
    if not wanted:
        raise Refused(N_("The cell is empty."))
    alias = ALIASES.get(enum.name, {}).get(wanted)
    if alias:
        return alias
    candidates: dict[str, set[str]] = {}
    for choice in enum:
        names = {
            words(choice.code),
            words(choice.vi),
            words(choice.en),
            words(re.sub(r"^\w\)\s*", "", choice.vi)),  # "a) Mâu thuẫn…" also as "Mâu thuẫn…"
        }
        if wanted in names:
            return choice.code
        candidates[choice.code] = names
    found = [code for code, names in candidates.items() if any(_begins(wanted, n) for n in names)]
    if len(found) == 1:
        return found[0]
    labels = ", ".join(f"“{enum[code].label()}”" for code in found[:4])
    if found:
        raise Refused(
            N_("“{value}” could be any of {choices}: write it in full."), value=text, choices=labels
        )
    raise Refused(
        N_("“{value}” is not one of the choices for this column: choose one of {choices}."),
        value=text,
        choices=", ".join(f"“{_short_label(choice)}”" for choice in enum),
    )


def _short_label(choice) -> str:
    """A choice's label without its "Tranh chấp " lead, as offices write it ("Dân sự")."""
    label = choice.label()
    for lead in ("Tranh chấp ", "Disputes "):
        if label.startswith(lead):
            rest = label[len(lead) :]
            return rest[:1].upper() + rest[1:]
    return label


def _begins(wanted: str, name: str) -> bool:
    """Every word typed begins a word of `name`, in order ("hoi nghi" in "hoi nghi lop hoc")."""
    have = name.split()
    position = 0
    for word in wanted.split():
        while position < len(have) and not have[position].startswith(word):
            position += 1
        if position == len(have):
            return False
        position += 1
    return True


def parse_choices(value, enum: Enumeration) -> list[str]:
    """Several choices in one cell, separated by commas, semicolons or new lines."""
    return [parse_choice(part, enum) for part in split_list(value)]


def split_list(value) -> list[str]:
    text = "" if value is None else str(value)
    return [part.strip() for part in re.split(r"[;,\n+]", text) if part.strip()]


def split_names(value) -> list[str]:
    """Names of people in one cell: separated by commas, semicolons, new lines or " - "."""
    text = "" if value is None else str(value)
    return [clean_line(part) for part in re.split(r"[;,\n]| - ", text) if part.strip()]
