"""Translation catalogs: the template i18n/tiepcan.pot and one .po file per language.

    python packaging/i18n.py extract   rewrite the template from the sources under app/ and ui/
    python packaging/i18n.py update    merge the template into every .po (new entries empty)
    python packaging/i18n.py compile   write a .mo beside each .po (git-ignored)
    python packaging/i18n.py check     exit 1 if the template is stale or Vietnamese incomplete

A file is rewritten only when more than its header's dates and Babel version would change.
English msgstrs stay empty: English falls back to the msgid. Every Vietnamese entry must be translated, not fuzzy,
and keep the msgid's `{placeholders}`."""

import argparse
import re
import sys
from io import BytesIO
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
I18N = ROOT / "i18n"
CONFIG = I18N / "babel.cfg"
TEMPLATE = I18N / "tiepcan.pot"
SOURCES = ("app", "ui")
LANGUAGES = ("vi", "en")
COMPLETE = ("vi",)  # languages that must translate every entry
PLACEHOLDER = re.compile(r"\{[^{}]*\}")
TEAM = "TiepCan developers"
HEADER = "# Translations template for TiepCan.\n# Kept by packaging/i18n.py (extract, update).\n#"
CHURN = re.compile(rb'^"(?:POT-Creation-Date|PO-Revision-Date|Generated-By): [^"]*"\n', re.M)


def po_path(language: str) -> Path:
    return I18N / language / "LC_MESSAGES" / "tiepcan.po"


def extract() -> Catalog:
    """A fresh template from the sources."""
    with CONFIG.open(encoding="utf-8") as handle:
        method_map, options_map = parse_mapping_cfg(handle, str(CONFIG))
    catalog = Catalog(header_comment=HEADER, project="TiepCan", copyright_holder=TEAM)
    catalog.last_translator = catalog.language_team = TEAM
    for folder in (ROOT / name for name in SOURCES if (ROOT / name).is_dir()):
        for _file, _line, msgid, comments, context in extract_from_dir(
            folder, method_map, options_map
        ):
            catalog.add(msgid, None, auto_comments=comments, context=context)
    return catalog


def read(path: Path, language: str | None = None) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle, locale=language)


def save(path: Path, catalog: Catalog) -> bool:
    """Writes the catalog unless only the header's dates or Babel version would change."""
    buffer = BytesIO()
    write_po(buffer, catalog, no_location=True, sort_output=True, ignore_obsolete=True)
    new = buffer.getvalue()
    if path.is_file() and CHURN.sub(b"", path.read_bytes()) == CHURN.sub(b"", new):
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(new)
    return True


def entries(catalog: Catalog) -> dict:
    """(context, msgid) → translator comments, for every entry but the header."""
    return {(m.context, m.id): tuple(m.auto_comments) for m in catalog if m.id}


def forms(string: str | tuple | None) -> tuple:
    """A msgid or msgstr as a tuple: a plural entry has several forms."""
    return string if isinstance(string, tuple) else (string or "",)


def placeholders(string: str | tuple) -> set[str]:
    return set(PLACEHOLDER.findall(" ".join(forms(string))))


def update() -> None:
    template = read(TEMPLATE)
    for language in LANGUAGES:
        path = po_path(language)
        catalog = read(path if path.is_file() else TEMPLATE, language)
        catalog.fuzzy = False
        catalog.update(template, no_fuzzy_matching=True)
        for old in catalog.obsolete.values():
            if old.string:
                print(f"{language}: dropped {old.id!r}, was {old.string!r}")
        untranslated = sum(1 for m in catalog if m.id and not all(forms(m.string)))
        written = "updated" if save(path, catalog) else "unchanged"
        print(f"{path.relative_to(ROOT)}: {written}, {untranslated} untranslated")


def compile_mo() -> None:
    for language in LANGUAGES:
        mo = po_path(language).with_suffix(".mo")
        with mo.open("wb") as handle:
            write_mo(handle, read(po_path(language), language))
        print(f"{mo.relative_to(ROOT)}: written")


def check() -> list[str]:
    """Everything wrong with the catalogs, one line each; empty when all is well."""
    problems = []
    fresh = entries(extract())
    committed = entries(read(TEMPLATE)) if TEMPLATE.is_file() else {}
    for _context, msgid in fresh.keys() - committed.keys():
        problems.append(f"template: missing {msgid!r} (run extract)")
    for _context, msgid in committed.keys() - fresh.keys():
        problems.append(f"template: no longer in the sources: {msgid!r} (run extract)")
    if fresh.keys() == committed.keys() and fresh != committed:
        problems.append("template: translator comments changed (run extract)")
    for language in LANGUAGES:
        path = po_path(language)
        if not path.is_file():
            problems.append(f"{language}: {path.relative_to(ROOT)} is missing (run update)")
            continue
        catalog = read(path, language)
        for _context, msgid in committed.keys() - entries(catalog).keys():
            problems.append(f"{language}: missing {msgid!r} (run update)")
        for message in catalog:
            if not message.id:
                continue
            where = f"{language}: {message.id!r}"
            wanted = placeholders(message.id)
            if (message.context, message.id) not in committed:
                problems.append(f"{where} is not in the template (run update)")
            elif message.fuzzy:
                problems.append(f"{where} is marked fuzzy")
            elif language in COMPLETE and not all(forms(message.string)):
                problems.append(f"{where} is not translated")
            elif any(s and placeholders(s) != wanted for s in forms(message.string)):
                problems.append(f"{where}: the translation's placeholders are not {sorted(wanted)}")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("command", choices=("extract", "update", "compile", "check"))
    command = parser.parse_args(argv).command
    if command == "extract":
        catalog = extract()
        written = "written" if save(TEMPLATE, catalog) else "unchanged"
        print(f"{TEMPLATE.relative_to(ROOT)}: {written}, {len(catalog)} entries")
    elif command == "update":
        update()
    elif command == "compile":
        compile_mo()
    else:
        problems = check()
        print(
            "\n".join(problems) or "Translations OK.", file=sys.stderr if problems else sys.stdout
        )
        return 1 if problems else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
