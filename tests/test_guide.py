"""The user guide's pages, the small Markdown reader behind them, and the PDF the program prints
of them (app/guide.py); the list of what is shipped under which licence (app/licences.py)."""

import importlib.metadata
import re
import subprocess
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from app import guide
from app.i18n import LANGUAGES, gettext
from app.licences import SHIPPED, shipped_parts

ROOT = Path(__file__).resolve().parent.parent
PICTURE_BUDGET = 3_000_000  # bytes: every screenshot of both languages together


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_of_the_contents_exists_and_nothing_else(language):
    folder = guide.guide_folder() / language
    assert sorted(path.stem for path in folder.glob("*.md")) == sorted(guide.PAGES)
    for slug in guide.PAGES:
        page = guide.read_page(slug, language)
        assert page.language == language  # its own, not the Vietnamese fallback
        assert page.title and page.blocks


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_picture_a_page_names_exists(language):
    named = set()
    for slug in guide.PAGES:
        for picture in guide.read_page(slug, language).pictures():
            assert picture.path.is_file(), f"{slug}: {picture.path} is missing"
            assert guide.image_size(picture.path), f"{picture.path} is not a PNG"
            assert picture.caption, f"{slug}: {picture.path.name} has no caption"
            named.add(picture.path.resolve())
    on_disk = {path.resolve() for path in (guide.guide_folder() / "images" / language).glob("*")}
    assert on_disk == named  # no screenshot left over that no page shows


def test_the_screenshots_stay_small():
    pictures = list((guide.guide_folder() / "images").rglob("*.png"))
    assert pictures
    assert sum(path.stat().st_size for path in pictures) < PICTURE_BUDGET


@pytest.mark.parametrize("language", LANGUAGES)
def test_pages_use_only_the_markdown_the_reader_knows(language):
    """Links lead to guide pages, and no mark is left over as text (a stray ** or `)."""
    for slug in guide.PAGES:
        page = guide.read_page(slug, language)
        source = guide.page_path(slug, language).read_text(encoding="utf-8")
        for href in re.findall(r"\]\(([^)\s]+\.md)\)", source):
            assert guide.linked_page(href), f"{slug}: a link to {href}, not a guide page"
        text = page.plain_text()
        for mark in ("**", "`", "](", "```"):
            assert mark not in text, f"{slug} ({language}): {mark!r} left in the text"


def test_the_reader_reads_each_kind_of_block(tmp_path):
    text = """# Title

A paragraph
on two lines with **bold**, `code` and [a link](cases.md).

1. First step
   continued here.
2. Second step

- a point

> A note.

| Key | What |
|---|---|
| F1 | Help |

![A caption](pic.png)

## Section
"""
    blocks = guide.parse(text, tmp_path)
    kinds = [type(block).__name__ for block in blocks]
    assert kinds == [
        "Heading",
        "Paragraph",
        "Items",
        "Items",
        "Note",
        "Table",
        "Picture",
        "Heading",
    ]
    assert blocks[1].text == (
        "A paragraph on two lines with **bold**, `code` and [a link](cases.md)."
    )
    assert blocks[2].ordered and blocks[2].items == ("First step continued here.", "Second step")
    assert blocks[5].header == ("Key", "What") and blocks[5].rows == (("F1", "Help"),)
    assert blocks[6].path == tmp_path / "pic.png" and blocks[6].caption == "A caption"
    page = guide.Page("cases", "en", "Title", tuple(blocks[1:]))
    html = guide.page_html(page)
    assert "<b>bold</b>" in html and "<code>code</code>" in html
    assert '<a href="cases.md">a link</a>' in html and "<ol>" in html and "<ul>" in html
    with pytest.raises(guide.GuideSyntaxError):
        guide.parse("```\ncode block\n```")
    with pytest.raises(guide.GuideSyntaxError):
        guide.parse("| a | b |\n| c | d |")  # no rule under the header


def test_search_ignores_diacritics():
    found = guide.search("vi", "khoi phuc tu ban sao luu")
    assert "backups" in found and "cases" not in found
    assert guide.search("vi", "") == list(guide.PAGES)
    assert "wards" in guide.search("en", "revoke")


def _pdf_text(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_guide_prints_as_one_pdf_with_its_font_embedded(tmp_path, language):
    path = tmp_path / "guide.pdf"
    pages = guide.write_guide_pdf(language, path)
    assert pages > len(guide.PAGES)  # a title page, the contents, at least a page each
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True).stdout
    rows = fonts.splitlines()[2:]
    assert rows and any("LiberationSerif" in row for row in rows)
    assert all(" yes yes " in row for row in rows), fonts  # every font embedded
    text = _pdf_text(path)
    for slug in guide.PAGES:  # each page's heading, Vietnamese letters and all
        title = guide.read_page(slug, language).title
        assert " ".join(title.split()) in " ".join(text.split()), title
    footer = gettext("Page {page} of {pages}", language).format(page=2, pages=pages)
    assert footer in text


def test_the_vietnamese_pdf_reads_back_in_vietnamese(tmp_path):
    path = tmp_path / "huong-dan.pdf"
    guide.write_guide_pdf("vi", path)
    text = _pdf_text(path)
    for heading in ("Sao lưu và khôi phục", "Vụ việc hòa giải", "Đơn vị và khóa", "Xung đột"):
        assert heading in text
    assert "Kiểm tra cơ sở dữ liệu" in text  # the exact button names, diacritics intact


def test_a_pdf_that_cannot_be_written_leaves_no_file(tmp_path):
    target = tmp_path / "missing-folder" / "guide.pdf"
    with pytest.raises(OSError):
        guide.write_guide_pdf("vi", target)
    assert not target.exists()


# -- licences ------------------------------------------------------------------------------------


def _runtime_distributions() -> set[str]:
    """Every distribution the program needs at run time: pyproject's dependencies and theirs."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    waiting = [Requirement(text) for text in project["project"]["dependencies"]]
    found: set[str] = set()
    while waiting:
        requirement = waiting.pop()
        if requirement.marker and not requirement.marker.evaluate({"extra": ""}):
            continue
        name = canonicalize_name(requirement.name)
        if name in found:
            continue
        found.add(name)
        waiting += [Requirement(text) for text in importlib.metadata.requires(name) or []]
    return found


def test_every_shipped_distribution_has_its_licence_listed():
    listed = {canonicalize_name(part.distribution) for part in SHIPPED if part.distribution}
    missing = _runtime_distributions() - listed
    assert not missing, f"add to app.licences.SHIPPED: {sorted(missing)}"


def test_licences_are_read_from_the_packages():
    parts = {part.name: part for part in shipped_parts()}
    assert parts["Liberation Serif"].licence == "OFL-1.1"  # read from the shipped licence file
    assert parts["Qt / PySide6"].licence.startswith("LGPL-3.0")
    assert parts["vietnam-provinces"].licence == "GPL-3.0-or-later"  # its metadata is silent
    assert parts["cryptography"].licence == "Apache-2.0 OR BSD-3-Clause"
    assert parts["SQLAlchemy"].version == importlib.metadata.version("sqlalchemy")
    assert all(part.licence for part in parts.values())
