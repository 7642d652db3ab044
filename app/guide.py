"""The user guide: one Markdown page per screen or topic in resources/guide/<language>/, with
screenshots in resources/guide/images/<language>/ (taken by packaging/guide_screenshots.py from
the real window). The window shows the pages (F1 opens the one for the screen in view); the
program prints them all as one PDF with the shipped font, so the guide prints the same on any PC.

The pages use a small part of Markdown, read here by a parser of its own (no dependency):
headings (#, ##, ###), paragraphs, numbered and bulleted lists (one line per item, lines
indented under an item continue it), a note (lines starting with "> "), a table (| a | b |
with a |---| line under the header), a picture alone on its line (![caption](path)), and inside
a text **bold**, `code` and [links](other-page.md)."""

import html
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from app.i18n import DEFAULT_LANGUAGE, LANGUAGES, N_, gettext
from app.paths import shipped_dir
from app.reports.fonts import BOLD, FAMILY, ITALIC, REGULAR, register_fonts
from app.text import fold

# The contents, in reading order: a ward's first hour and daily work, then the aggregating
# office's, then what both do. A page's file is <slug>.md in each language's folder.
SECTIONS = (
    (N_("Getting started"), ("start", "keyboard")),
    (
        N_("For wards"),
        (
            "overview",
            "people",
            "teams",
            "sessions",
            "cases",
            "trainings",
            "reports",
            "send",
            "receipts",
        ),
    ),
    (
        N_("For the aggregating office"),
        ("district-overview", "wards", "inbox", "tracker", "conflicts"),
    ),
    (N_("Data, settings and the command line"), ("backups", "settings", "command-line")),
)
PAGES = tuple(slug for _title, slugs in SECTIONS for slug in slugs)
FIRST_PAGE = PAGES[0]


def guide_folder() -> Path:
    return shipped_dir("resources") / "guide"


def page_path(slug: str, language: str) -> Path:
    return guide_folder() / language / f"{slug}.md"


# -- reading -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Heading:
    level: int
    text: str


@dataclass(frozen=True)
class Paragraph:
    text: str


@dataclass(frozen=True)
class Items:
    ordered: bool
    items: tuple[str, ...]
    start: int = 1


@dataclass(frozen=True)
class Note:
    text: str


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Picture:
    path: Path  # resolved against the page's folder
    caption: str


Block = Heading | Paragraph | Items | Note | Table | Picture


@dataclass(frozen=True)
class Page:
    slug: str
    language: str
    title: str
    blocks: tuple[Block, ...] = field(default_factory=tuple)

    def pictures(self) -> list[Picture]:
        return [block for block in self.blocks if isinstance(block, Picture)]

    def plain_text(self) -> str:
        """The words of the page, for searching."""
        parts: list[str] = []
        for block in self.blocks:
            if isinstance(block, Items):
                parts.extend(block.items)
            elif isinstance(block, Table):
                parts.extend(" ".join(row) for row in (block.header, *block.rows))
            elif isinstance(block, Picture):
                parts.append(block.caption)
            else:
                parts.append(block.text)
        return strip_inline("\n".join(parts))


class GuideSyntaxError(ValueError):
    """A page uses Markdown this parser does not read (a mistake in the page, not the user's)."""


_HEADING = re.compile(r"^(#{1,3})\s+(.+?)\s*$")
_ORDERED = re.compile(r"^(\d+)\.\s+(.*)$")
_BULLET = re.compile(r"^[-*]\s+(.*)$")
_PICTURE = re.compile(r"^!\[([^\]]*)\]\(([^)\s]+)\)\s*$")
_TABLE_RULE = re.compile(r"^\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
_UNREAD = re.compile(r"^(```|~~~|<|#{4,}|\s{4,}\S)")


def parse(text: str, folder: Path | None = None) -> list[Block]:
    """The blocks of a page. `folder` resolves the pictures' paths (the page's own folder)."""
    import unicodedata

    lines = unicodedata.normalize("NFC", text).splitlines()
    blocks: list[Block] = []
    paragraph: list[str] = []
    index = 0

    def flush() -> None:
        if paragraph:
            blocks.append(Paragraph(" ".join(paragraph)))
            paragraph.clear()

    while index < len(lines):
        line = lines[index].rstrip()
        stripped = line.strip()
        if not stripped:
            flush()
            index += 1
            continue
        if _UNREAD.match(line) and not (paragraph and line.startswith("    ")):
            raise GuideSyntaxError(f"line {index + 1}: not read by the guide's parser: {line!r}")
        heading = _HEADING.match(line)
        picture = _PICTURE.match(stripped)
        if heading:
            flush()
            blocks.append(Heading(len(heading.group(1)), heading.group(2)))
            index += 1
        elif picture:
            flush()
            path = Path(picture.group(2))
            blocks.append(Picture((folder / path) if folder else path, picture.group(1)))
            index += 1
        elif line.startswith(">"):
            flush()
            noted = []
            while index < len(lines) and lines[index].startswith(">"):
                noted.append(lines[index][1:].strip())
                index += 1
            blocks.append(Note(" ".join(part for part in noted if part)))
        elif line.startswith("|"):
            flush()
            index = _read_table(lines, index, blocks)
        elif _ORDERED.match(line) or _BULLET.match(line):
            flush()
            index = _read_items(lines, index, blocks)
        else:
            paragraph.append(stripped)
            index += 1
    flush()
    return blocks


def _cells(line: str) -> tuple[str, ...]:
    return tuple(cell.strip() for cell in line.strip().strip("|").split("|"))


def _read_table(lines: list[str], index: int, blocks: list[Block]) -> int:
    rows = []
    while index < len(lines) and lines[index].startswith("|"):
        rows.append(lines[index])
        index += 1
    if len(rows) < 2 or not _TABLE_RULE.match(rows[1]):
        raise GuideSyntaxError(f"a table needs a |---| line under its header: {rows[0]!r}")
    header = _cells(rows[0])
    body = tuple(_cells(row) for row in rows[2:])
    if any(len(row) != len(header) for row in body):
        raise GuideSyntaxError(f"a table row has more or fewer cells than its header: {header}")
    blocks.append(Table(header, body))
    return index


def _read_items(lines: list[str], index: int, blocks: list[Block]) -> int:
    first = _ORDERED.match(lines[index])
    ordered = first is not None
    start = int(first.group(1)) if first else 1
    items: list[str] = []
    while index < len(lines):
        line = lines[index].rstrip()
        match = _ORDERED.match(line) if ordered else _BULLET.match(line)
        if match:
            items.append(match.group(match.lastindex))
        elif line.startswith("  ") and line.strip() and items:  # continues the item above
            items[-1] += " " + line.strip()
        else:
            break
        index += 1
    blocks.append(Items(ordered, tuple(items), start))
    return index


@cache
def _read_page(slug: str, language: str, path: Path, mtime: float) -> Page:
    blocks = parse(path.read_text(encoding="utf-8"), path.parent)
    if not blocks or not isinstance(blocks[0], Heading) or blocks[0].level != 1:
        raise GuideSyntaxError(f"{path}: a page starts with its title (# …)")
    return Page(slug, language, strip_inline(blocks[0].text), tuple(blocks[1:]))


def read_page(slug: str, language: str) -> Page:
    """A page in the language, or in Vietnamese if it has no translation."""
    path = page_path(slug, language)
    if not path.is_file():
        path, language = page_path(slug, DEFAULT_LANGUAGE), DEFAULT_LANGUAGE
    return _read_page(slug, language, path, path.stat().st_mtime)


def guide_language(language: str) -> str:
    return language if language in LANGUAGES else DEFAULT_LANGUAGE


def search(language: str, typed: str) -> list[str]:
    """The pages holding every word typed, diacritics or not ("sao luu" finds "sao lưu"); those
    holding the words together, as typed, first."""
    if not typed.split():
        return list(PAGES)
    together, apart = _search(language, typed)
    return together + apart


def search_together(language: str, typed: str) -> list[str]:
    """The pages holding the words typed together, as typed."""
    return _search(language, typed)[0] if typed.split() else []


def _search(language: str, typed: str) -> tuple[list[str], list[str]]:
    words = fold(typed).split()
    phrase = " ".join(words)
    together, apart = [], []
    for slug in PAGES:
        page = read_page(slug, language)
        text = " ".join(fold(page.title + "\n" + page.plain_text()).split())
        if phrase in text:
            together.append(slug)
        elif all(word in text for word in words):
            apart.append(slug)
    return together, apart


# -- inline text ---------------------------------------------------------------------------------

_INLINE = re.compile(
    r"\*\*(?P<bold>.+?)\*\*|`(?P<code>[^`]+)`|\[(?P<text>[^\]]+)\]\((?P<href>[^)\s]+)\)"
)


def strip_inline(text: str) -> str:
    """The text without its marks: what a reader sees."""
    return _INLINE.sub(lambda m: m.group("bold") or m.group("code") or m.group("text"), text)


def _render_inline(text: str, bold, code, link) -> str:
    out, position = [], 0
    for match in _INLINE.finditer(text):
        out.append(html.escape(text[position : match.start()], quote=False))
        if match.group("bold") is not None:
            out.append(bold(_render_inline(match.group("bold"), bold, code, link)))
        elif match.group("code") is not None:
            out.append(code(match.group("code")))
        else:
            out.append(link(html.escape(match.group("text"), quote=False), match.group("href")))
        position = match.end()
    out.append(html.escape(text[position:], quote=False))
    return "".join(out)


def linked_page(href: str) -> str | None:
    """The guide page a link points at ("cases.md" → "cases"), or None for any other link."""
    name = href.split("#", 1)[0]
    return name[:-3] if name.endswith(".md") and name[:-3] in PAGES else None


# -- the window's HTML ---------------------------------------------------------------------------


def page_html(page: Page, image_width: int | None = None, picture_source=None) -> str:
    """The page as the HTML a QTextBrowser shows. Links to other pages keep their "<slug>.md";
    pictures are drawn `image_width` pixels wide at most (their own width if smaller), from
    `picture_source(path, width, height)`'s address if given (the window scales them smoothly
    itself), else from their file."""

    def inline(text: str) -> str:
        return _render_inline(
            text,
            lambda inner: f"<b>{inner}</b>",
            lambda code: f"<code>{html.escape(code, quote=False)}</code>",
            lambda label, href: f'<a href="{html.escape(href)}">{label}</a>',
        )

    parts = [f"<h1>{inline(page.title)}</h1>"]
    for block in page.blocks:
        if isinstance(block, Heading):
            parts.append(f"<h{block.level}>{inline(block.text)}</h{block.level}>")
        elif isinstance(block, Paragraph):
            parts.append(f"<p>{inline(block.text)}</p>")
        elif isinstance(block, Items):
            tag = "ol" if block.ordered else "ul"
            start = f' start="{block.start}"' if block.ordered and block.start != 1 else ""
            items = "".join(f"<li>{inline(item)}</li>" for item in block.items)
            parts.append(f"<{tag}{start}>{items}</{tag}>")
        elif isinstance(block, Note):
            parts.append(
                '<table width="100%" cellpadding="8" cellspacing="0" bgcolor="#e9f2f5">'
                f"<tr><td>{inline(block.text)}</td></tr></table>"
            )
        elif isinstance(block, Table):
            head = "".join(f"<th align='left'>{inline(cell)}</th>" for cell in block.header)
            body = "".join(
                "<tr>" + "".join(f"<td>{inline(cell)}</td>" for cell in row) + "</tr>"
                for row in block.rows
            )
            parts.append(
                '<table border="1" cellpadding="5" cellspacing="0" width="100%" '
                f'style="border-color:#c8c8c8; border-style:solid; border-collapse:collapse">'
                f"<tr bgcolor='#f0f0f0'>{head}</tr>{body}</table>"
            )
        elif isinstance(block, Picture):
            parts.append(_picture_html(block, image_width, picture_source))
    return "\n".join(parts)


def _picture_html(picture: Picture, image_width: int | None, picture_source) -> str:
    width, height = image_size(picture.path) or (0, 0)
    if image_width and width > image_width:
        width, height = image_width, round(height * image_width / width)
    if picture_source is not None and width:
        source = picture_source(picture.path, width, height)
    else:
        source = picture.path.as_uri()
    size = f' width="{width}" height="{height}"' if width else ""
    caption = html.escape(picture.caption, quote=False)
    return (
        f'<p align="center"><img src="{html.escape(source)}"{size} '
        f'alt="{html.escape(picture.caption)}"></p>'
        f'<p align="center"><i>{caption}</i></p>'
    )


def image_size(path: Path) -> tuple[int, int] | None:
    """A PNG's width and height, read from its header (no image library needed)."""
    try:
        with path.open("rb") as handle:
            head = handle.read(24)
    except OSError:
        return None
    if len(head) < 24 or head[:8] != b"\x89PNG\r\n\x1a\n":
        return None
    return int.from_bytes(head[16:20], "big"), int.from_bytes(head[20:24], "big")


# -- the PDF -------------------------------------------------------------------------------------

MM = 72 / 25.4
ACCENT = "#1f6f8b"  # the window's accent colour (ui/theme.py)
WINDOW_PICTURE_WIDTH = 1100  # pixels: the main window's screenshots (guide_screenshots.py)
# A reportlab table names its cells' default font (Helvetica, not embedded) unless told another.
_EMBEDDED_ONLY = [("FONTNAME", (0, 0), (-1, -1), FAMILY)]


def write_guide_pdf(language: str, path: Path | str) -> int:
    """The whole guide in `language` as one A4 PDF: a title page, the contents with page numbers,
    every page of the guide with its pictures, bookmarks, and “Page x of y” at the foot. The
    shipped serif font is embedded, so Vietnamese prints everywhere. Returns the page count."""
    register_fonts()
    language = guide_language(language)
    target = Path(path)
    builder = _PdfGuide(language)
    try:
        return builder.build(target)
    except BaseException:
        target.unlink(missing_ok=True)
        raise


class _PdfGuide:
    def __init__(self, language: str):
        from reportlab.lib.pagesizes import A4

        self.language = language
        self.size = A4
        self.margins = (20 * MM, 20 * MM, 20 * MM, 22 * MM)  # left, right, top, bottom
        self.frame_width = A4[0] - self.margins[0] - self.margins[1]
        self.frame_height = A4[1] - self.margins[2] - self.margins[3]
        self.styles = _styles()

    def _(self, message: str) -> str:
        return gettext(message, self.language)

    def build(self, target: Path) -> int:
        from reportlab import rl_config

        rl_config.useA85 = 0
        document_class, canvas_class = _pdf_classes()
        document = document_class(
            str(target),
            pagesize=self.size,
            leftMargin=self.margins[0],
            rightMargin=self.margins[1],
            topMargin=self.margins[2],
            bottomMargin=self.margins[3],
            title=f"TiepCan – {self._('User guide')}",
            author="TiepCan",
            lang="vi-VN" if self.language == "vi" else "en-GB",
            initialFontName=REGULAR,  # every font embedded: not even Helvetica is named
        )
        footer = f"TiepCan – {self._('User guide')}"
        page_text = self._("Page {page} of {pages}")
        pages = [0]

        def canvas_maker(*args, **kwargs):
            canvas = canvas_class(*args, **kwargs)
            canvas.footer, canvas.page_text, canvas.counted = footer, page_text, pages
            return canvas

        document.multiBuild(self.story(), canvasmaker=canvas_maker)
        return pages[0]

    def story(self) -> list:
        from reportlab.platypus import PageBreak, Spacer
        from reportlab.platypus import Paragraph as Text
        from reportlab.platypus.tableofcontents import TableOfContents

        from app import __version__

        styles = self.styles
        story: list = [
            Spacer(1, 60 * MM),
            Text("TiepCan", styles["cover"]),
            Text(html.escape(self._("User guide")), styles["cover-subtitle"]),
            Spacer(1, 8 * MM),
            Text(
                html.escape(self._("Version {version}").format(version=__version__)),
                styles["cover-note"],
            ),
            PageBreak(),
            Text(html.escape(self._("Contents")), styles["h1"]),
        ]
        contents = TableOfContents()
        contents.levelStyles = [styles["toc0"], styles["toc1"]]
        contents.tableStyle = [*_EMBEDDED_ONLY, ("VALIGN", (0, 0), (-1, -1), "TOP")]
        contents.dotsMinLevel = 1
        story.append(contents)
        for title, slugs in SECTIONS:
            for number, slug in enumerate(slugs):
                story.append(PageBreak())
                if number == 0:
                    section = Text(html.escape(self._(title)), styles["section"])
                    section.outline = (0, self._(title), f"section-{slug}")
                    story.append(section)
                story.extend(self.page_story(read_page(slug, self.language)))
        return story

    def page_story(self, page: Page) -> list:
        from reportlab.platypus import Paragraph as Text
        from reportlab.platypus import Spacer

        styles = self.styles
        title = Text(f'<a name="page-{page.slug}"/>{self.inline(page.title)}', styles["h1"])
        title.outline = (1, page.title, f"outline-{page.slug}")
        flowables: list = [title]
        for block in page.blocks:
            if isinstance(block, Heading):
                heading = Text(self.inline(block.text), styles[f"h{block.level}"])
                heading.outline = (2, strip_inline(block.text), None)
                flowables.append(heading)
            elif isinstance(block, Paragraph):
                flowables.append(Text(self.inline(block.text), styles["body"]))
            elif isinstance(block, Items):
                flowables.append(self.items(block))
            elif isinstance(block, Note):
                flowables.append(self.note(block))
            elif isinstance(block, Table):
                flowables.append(self.table(block))
            elif isinstance(block, Picture):
                flowables.append(self.picture(block))
            flowables.append(Spacer(1, 1.5 * MM))
        return flowables

    def inline(self, text: str) -> str:
        def code(value: str) -> str:
            # In the embedded serif on a grey ground: the PDF's own Courier is neither embedded
            # nor able to write Vietnamese.
            return f'<font backColor="#eeeeee">{html.escape(value, quote=False)}</font>'

        def link(label: str, href: str) -> str:
            slug = linked_page(href)
            if slug:
                return f'<a href="#page-{slug}" color="{ACCENT}">{label}</a>'
            if href.startswith(("http://", "https://")):
                return f'<a href="{html.escape(href)}" color="{ACCENT}">{label}</a>'
            return label

        return _render_inline(text, lambda inner: f"<b>{inner}</b>", code, link)

    def items(self, block: Items):
        from reportlab.platypus import ListFlowable, ListItem
        from reportlab.platypus import Paragraph as Text

        entries = [ListItem(Text(self.inline(item), self.styles["item"])) for item in block.items]
        if block.ordered:
            return ListFlowable(
                entries,
                bulletType="1",
                start=block.start,
                bulletFontName=BOLD,
                bulletFontSize=11,
                leftIndent=7 * MM,
                bulletFormat="%s.",
            )
        return ListFlowable(
            entries,
            bulletType="bullet",
            start="•",
            bulletFontName=REGULAR,
            bulletFontSize=11,
            leftIndent=7 * MM,
        )

    def note(self, block: Note):
        from reportlab.platypus import Paragraph as Text
        from reportlab.platypus import Table as Grid

        grid = Grid([[Text(self.inline(block.text), self.styles["body"])]], [self.frame_width])
        grid.setStyle(
            [
                *_EMBEDDED_ONLY,
                ("BACKGROUND", (0, 0), (-1, -1), "#e9f2f5"),
                ("LINEBEFORE", (0, 0), (0, -1), 2, ACCENT),
                ("LEFTPADDING", (0, 0), (-1, -1), 8),
                ("RIGHTPADDING", (0, 0), (-1, -1), 8),
                ("TOPPADDING", (0, 0), (-1, -1), 5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
            ]
        )
        return grid

    def table(self, block: Table):
        from reportlab.platypus import Paragraph as Text
        from reportlab.platypus import Table as Grid

        widths = _column_widths(block, self.frame_width)
        rows = [[Text(self.inline(cell), self.styles["cell-head"]) for cell in block.header]]
        rows += [
            [Text(self.inline(cell), self.styles["cell"]) for cell in row] for row in block.rows
        ]
        grid = Grid(rows, widths, repeatRows=1)
        grid.setStyle(
            [
                *_EMBEDDED_ONLY,
                ("GRID", (0, 0), (-1, -1), 0.5, "#b0b0b0"),
                ("BACKGROUND", (0, 0), (-1, 0), "#eeeeee"),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 4),
                ("RIGHTPADDING", (0, 0), (-1, -1), 4),
            ]
        )
        return grid

    def picture(self, block: Picture):
        from reportlab.platypus import Image, KeepTogether
        from reportlab.platypus import Paragraph as Text

        size = image_size(block.path)
        if size is None:
            raise GuideSyntaxError(f"the picture {block.path} is missing or not a PNG")
        # One scale for every screenshot, the window's filling the width: a dialog's letters
        # print as large as the window's.
        width = min(self.frame_width, self.frame_width * size[0] / WINDOW_PICTURE_WIDTH)
        height = width * size[1] / size[0]
        tallest = self.frame_height * 0.55  # room left for the text around it
        if height > tallest:
            width, height = width * tallest / height, tallest
        image = Image(str(block.path), width=width, height=height)
        caption = Text(html.escape(block.caption, quote=False), self.styles["caption"])
        return KeepTogether([image, caption])


def _column_widths(table: Table, total: float) -> list[float]:
    """Each column as wide as its longest text asks, none under a sixth of the width."""
    longest = [
        max(len(strip_inline(row[column])) for row in (table.header, *table.rows))
        for column in range(len(table.header))
    ]
    floor = total / 6
    raw = [max(length, 1) for length in longest]
    widths = [max(floor, total * length / sum(raw)) for length in raw]
    scale = total / sum(widths)
    return [width * scale for width in widths]


def _styles() -> dict:
    from reportlab.lib.enums import TA_CENTER
    from reportlab.lib.styles import ParagraphStyle

    body = ParagraphStyle("body", fontName=REGULAR, fontSize=11.5, leading=15, spaceAfter=4)
    return {
        "body": body,
        "item": ParagraphStyle("item", parent=body, spaceAfter=2),
        "cell": ParagraphStyle("cell", parent=body, fontSize=10.5, leading=13, spaceAfter=0),
        "cell-head": ParagraphStyle(
            "cell-head", parent=body, fontName=BOLD, fontSize=10.5, leading=13, spaceAfter=0
        ),
        "caption": ParagraphStyle(
            "caption",
            parent=body,
            fontName=ITALIC,
            fontSize=10,
            leading=12,
            alignment=TA_CENTER,
            spaceBefore=2,
            spaceAfter=8,
        ),
        "h1": ParagraphStyle(
            "h1",
            parent=body,
            fontName=BOLD,
            fontSize=18,
            leading=23,
            spaceAfter=8,
            textColor=ACCENT,
        ),
        "h2": ParagraphStyle(
            "h2", parent=body, fontName=BOLD, fontSize=13.5, leading=17, spaceBefore=8
        ),
        "h3": ParagraphStyle(
            "h3", parent=body, fontName=BOLD, fontSize=12, leading=15, spaceBefore=6
        ),
        "section": ParagraphStyle(
            "section", parent=body, fontName=BOLD, fontSize=11, textColor="#666666"
        ),
        "cover": ParagraphStyle(
            "cover", parent=body, fontName=BOLD, fontSize=34, leading=40, textColor=ACCENT
        ),
        "cover-subtitle": ParagraphStyle(
            "cover-subtitle", parent=body, fontName=BOLD, fontSize=22, leading=28
        ),
        "cover-note": ParagraphStyle("cover-note", parent=body, fontSize=12),
        "toc0": ParagraphStyle(
            "toc0", parent=body, fontName=BOLD, fontSize=12, leading=16, spaceBefore=8
        ),
        "toc1": ParagraphStyle("toc1", parent=body, leftIndent=8 * MM, fontSize=11.5, leading=15),
    }


@cache
def _pdf_classes():
    """reportlab's document and canvas, adapted; built on first use (reportlab is imported only
    when a PDF is made)."""
    from reportlab.pdfgen.canvas import Canvas
    from reportlab.platypus import SimpleDocTemplate

    class GuideDocument(SimpleDocTemplate):
        """Adds the bookmarks (the PDF's outline) and the contents' entries as the pages are
        laid out: a flowable with an `outline` (level, text, key) is one."""

        def afterFlowable(self, flowable) -> None:
            outline = getattr(flowable, "outline", None)
            if outline is None:
                return
            level, text, key = outline
            key = key or f"heading-{id(flowable)}"
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(text, key, level=level, closed=level > 0)
            if level < 2:
                self.notify("TOCEntry", (level, html.escape(text, quote=False), self.page, key))

    class NumberedCanvas(Canvas):
        """Holds every page until the end, so each can say “Page x of y”."""

        footer = ""
        page_text = "{page}/{pages}"
        counted: list[int]

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._held: list[dict] = []

        def showPage(self):
            self._held.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._held)
            for state in self._held:
                self.__dict__.update(state)
                if self._pageNumber > 1:  # not on the title page
                    self._footer(total)
                super().showPage()
            self.counted[0] = total
            super().save()

        def _footer(self, total: int) -> None:
            width = self._pagesize[0]
            self.saveState()
            self.setFont(REGULAR, 9)
            self.setFillColor("#666666")
            self.drawString(20 * MM, 12 * MM, self.footer)
            self.drawRightString(
                width - 20 * MM, 12 * MM, self.page_text.format(page=self._pageNumber, pages=total)
            )
            self.restoreState()

    return GuideDocument, NumberedCanvas
