"""What the program ships besides its own code, and under which licence: the About dialog's list.

SHIPPED is the one place the shipped parts are named (tests/test_gui_help.py checks it covers
every distribution the program depends on, directly or not). Each licence is read from the
installed package's metadata where it states one plainly; the licence written here is what the
project itself states, shown when the metadata is missing (a frozen build carries none) or says
nothing usable."""

import importlib.metadata
import platform
from dataclasses import dataclass

from app.i18n import N_
from app.paths import shipped_dir


@dataclass(frozen=True)
class Part:
    name: str
    distribution: str | None  # the name importlib.metadata knows it by; None: not a package
    licence: str  # as the project states it (SPDX where it has one)
    use: str  # msgid: what TiepCan uses it for


SHIPPED = (
    Part("TiepCan", "tiepcan", "MIT", N_("this program")),
    Part("Python", None, "PSF-2.0", N_("the language the program is written in")),
    Part("Liberation Serif", None, "OFL-1.1", N_("the font of printed documents and the guide")),
    Part("Qt / PySide6", "pyside6-essentials", "LGPL-3.0-only", N_("the window")),
    Part("Shiboken6", "shiboken6", "LGPL-3.0-only", N_("the window")),
    Part("SQLAlchemy", "sqlalchemy", "MIT", N_("the database")),
    Part("SQLModel", "sqlmodel", "MIT", N_("the database")),
    Part("Alembic", "alembic", "MIT", N_("database upgrades")),
    Part("Mako", "mako", "MIT", N_("database upgrades")),
    Part("MarkupSafe", "markupsafe", "BSD-3-Clause", N_("database upgrades")),
    Part("Pydantic", "pydantic", "MIT", N_("the database")),
    Part("pydantic-core", "pydantic-core", "MIT", N_("the database")),
    Part("annotated-types", "annotated-types", "MIT", N_("the database")),
    Part("typing-inspection", "typing-inspection", "MIT", N_("the database")),
    Part("typing-extensions", "typing-extensions", "PSF-2.0", N_("the database")),
    Part("ReportLab", "reportlab", "BSD-3-Clause", N_("PDF reports and the printed guide")),
    Part("Pillow", "pillow", "MIT-CMU", N_("PDF reports and the printed guide")),
    Part("charset-normalizer", "charset-normalizer", "MIT", N_("PDF reports")),
    Part("pypdfium2 (PDFium)", "pypdfium2", "Apache-2.0 OR BSD-3-Clause", N_("print preview")),
    Part("openpyxl", "openpyxl", "MIT", N_("Excel reports")),
    Part("et-xmlfile", "et-xmlfile", "MIT", N_("Excel reports")),
    Part("Babel", "babel", "BSD-3-Clause", N_("dates and numbers in Vietnamese")),
    Part("platformdirs", "platformdirs", "MIT", N_("finding the data folder")),
    Part("vietnam-provinces", "vietnam-provinces", "GPL-3.0-or-later", N_("the list of units")),
    Part("pyrage (age)", "pyrage", "MIT", N_("encrypting bundles")),
    Part("py-minisign", "py-minisign", "ISC", N_("signing bundles and receipts")),
    Part("cryptography", "cryptography", "Apache-2.0 OR BSD-3-Clause", N_("keys and signatures")),
    Part("cffi", "cffi", "MIT-0", N_("keys and signatures")),
    Part("pycparser", "pycparser", "BSD-3-Clause", N_("keys and signatures")),
    Part("orjson", "orjson", "MPL-2.0 AND (Apache-2.0 OR MIT)", N_("reading bundles")),
    Part("python-calamine", "python-calamine", "MIT", N_("reading an office's spreadsheets")),
    Part("psycopg", "psycopg", "LGPL-3.0-only", N_("a district's PostgreSQL server")),
    # The binary wheel carries libpq (PostgreSQL licence) and the libraries it links.
    Part(
        "psycopg-binary (libpq)",
        "psycopg-binary",
        "LGPL-3.0-only",
        N_("a district's PostgreSQL server"),
    ),
)
FONT_LICENCE = ("fonts", "LICENSE-LiberationSerif.txt")
LONGEST_STATEMENT = 60  # characters: longer "License" fields are whole licence texts or prose


@dataclass(frozen=True)
class Shipped:
    name: str
    version: str
    licence: str
    use: str  # msgid


def shipped_parts() -> list[Shipped]:
    """Every shipped part with its version (when known) and licence."""
    return [Shipped(p.name, _version(p), _licence(p), p.use) for p in SHIPPED]


def _metadata(part: Part):
    if part.distribution is None:
        return None
    try:
        return importlib.metadata.metadata(part.distribution)
    except importlib.metadata.PackageNotFoundError:
        return None


def _version(part: Part) -> str:
    if part.name == "Python":
        return platform.python_version()
    if part.name == "Liberation Serif":
        return _font_version()
    if part.distribution == "tiepcan":
        from app import __version__

        return __version__
    metadata = _metadata(part)
    return metadata["Version"] if metadata is not None else ""


def _licence(part: Part) -> str:
    """The metadata's SPDX expression, else its License field if it is a short statement, else
    the licence the project states (SHIPPED)."""
    if part.name == "Liberation Serif":
        return font_licence() or part.licence
    metadata = _metadata(part)
    if metadata is None or part.distribution == "tiepcan":
        return part.licence
    expression = metadata.get("License-Expression")
    if expression:
        return expression.strip()
    stated = (metadata.get("License") or "").strip()
    if stated and "\n" not in stated and len(stated) <= LONGEST_STATEMENT:
        return stated
    return part.licence


def font_licence() -> str | None:
    """“OFL-1.1” when the licence file shipped beside the fonts is the SIL Open Font Licence."""
    try:
        text = (shipped_dir("resources").joinpath(*FONT_LICENCE)).read_text(encoding="utf-8")
    except OSError:
        return None
    return "OFL-1.1" if "SIL OPEN FONT LICENSE Version 1.1" in text else None


def _font_version() -> str:
    try:
        first = (shipped_dir("resources").joinpath(*FONT_LICENCE)).read_text(encoding="utf-8")
    except OSError:
        return ""
    words = first.split("\n", 1)[0].split()
    return next((word for word in words if word[:1].isdigit()), "")
