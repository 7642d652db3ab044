"""Print preview and printing that show exactly the PDF: the report is written by the PDF writer
to a temporary file, pypdfium2 renders its pages to images, and the images are painted one per
page onto the printer (A4, the report's orientation, the full sheet).

The preview holds every page at once (QPrintPreviewDialog records all pages before showing
any), so its images are greyscale and their resolution shrinks as the page count grows: a
700-page logbook fits in about 250 MB. Printing itself renders each page at the printer's
resolution (at most 300 dpi) just before it is sent, so only one full-size page is in memory."""

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QImage, QKeySequence, QPageLayout, QPageSize, QPainter, QShortcut
from PySide6.QtPrintSupport import (
    QPrintDialog,
    QPrinter,
    QPrintPreviewDialog,
    QPrintPreviewWidget,
)
from PySide6.QtWidgets import QApplication, QProgressDialog

from ui.strings import _

A4_SQUARE_INCHES = 8.27 * 11.69
PREVIEW_BUDGET = 256 * 1024 * 1024  # bytes (one greyscale pixel = one byte) for all pages
PREVIEW_DPI = (48, 110)  # never blurrier, never sharper than the screen needs
PRINT_DPI = 300

Progress = Callable[[int, int], None]


def preview_dpi(pages: int) -> int:
    """The resolution at which `pages` A4 pages fit the preview's memory budget."""
    low, high = PREVIEW_DPI
    per_page = PREVIEW_BUDGET / max(pages, 1)
    return int(max(low, min(high, (per_page / A4_SQUARE_INCHES) ** 0.5)))


def _image(page, dpi: float) -> QImage:
    bitmap = page.render(scale=dpi / 72, grayscale=True)
    try:
        image = QImage(
            bytes(bitmap.buffer),
            bitmap.width,
            bitmap.height,
            bitmap.stride,
            QImage.Format.Format_Grayscale8,
        )
        return image.copy()  # owns its pixels once the bitmap is closed
    finally:
        bitmap.close()


def page_count(pdf: Path | str) -> int:
    import pypdfium2

    document = pypdfium2.PdfDocument(str(pdf))
    try:
        return len(document)
    finally:
        document.close()


def render_pages(pdf: Path | str, dpi: int | None = None, progress: Progress | None = None):
    """Every page of `pdf` as a greyscale QImage; `progress(done, total)` may raise to stop.
    Safe off the GUI thread (QImage is not a widget)."""
    import pypdfium2

    document = pypdfium2.PdfDocument(str(pdf))
    try:
        total = len(document)
        dpi = dpi or preview_dpi(total)
        images = []
        for number in range(total):
            page = document[number]
            try:
                images.append(_image(page, dpi))
            finally:
                page.close()
            if progress:
                progress(number + 1, total)
        return images
    finally:
        document.close()


def set_up_printer(printer: QPrinter, orientation: str) -> None:
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setPageOrientation(
        QPageLayout.Orientation.Landscape
        if orientation == "landscape"
        else QPageLayout.Orientation.Portrait
    )
    printer.setFullPage(True)


def paint_images(printer: QPrinter, images: list[QImage]) -> int:
    """One image per sheet, scaled to the whole sheet; returns the pages painted."""
    painter = QPainter()
    if not painter.begin(printer):
        return 0
    try:
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        for number, image in enumerate(images):
            if number:
                printer.newPage()
            painter.drawImage(QRectF(printer.paperRect(QPrinter.Unit.DevicePixel)), image)
    finally:
        painter.end()
    return len(images)


def print_pdf(printer: QPrinter, pdf: Path | str, step: Callable[[int, int], bool] | None = None):
    """Print `pdf` page by page at the printer's resolution; `step(done, total)` returning False
    stops (the printer is then aborted). Returns the pages sent."""
    import pypdfium2

    dpi = min(printer.resolution(), PRINT_DPI)
    document = pypdfium2.PdfDocument(str(pdf))
    painter = QPainter()
    try:
        total = len(document)
        if not painter.begin(printer):
            return 0
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        for number in range(total):
            if step and not step(number, total):
                printer.abort()
                return number
            if number:
                printer.newPage()
            page = document[number]
            try:
                image = _image(page, dpi)
            finally:
                page.close()
            painter.drawImage(QRectF(printer.paperRect(QPrinter.Unit.DevicePixel)), image)
        return total
    finally:
        if painter.isActive():
            painter.end()
        document.close()


class PdfPreview(QPrintPreviewDialog):
    """A print preview of a PDF file already rendered to `images`. Its Print button prints the
    PDF again at the printer's resolution, not the preview's small images."""

    def __init__(self, pdf: Path | str, images: list[QImage], orientation: str, parent=None):
        self.printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        set_up_printer(self.printer, orientation)
        super().__init__(self.printer, parent)
        self.pdf = Path(pdf)
        self.images = images
        self._previewed = False
        self.setWindowTitle(_("Print preview"))
        self.paintRequested.connect(self._paint)
        self._fit_to_window(parent)
        self._page_keys()

    def _page_keys(self) -> None:
        """Page Down / Page Up turn the page, Home / End go to the first / last, wherever the
        focus is in the dialog (Qt's own preview needs three Tabs to its page box)."""
        view = self.findChild(QPrintPreviewWidget)
        if view is None:
            return
        moves = {
            Qt.Key.Key_PageDown: lambda: view.currentPage() + 1,
            Qt.Key.Key_PageUp: lambda: view.currentPage() - 1,
            Qt.Key.Key_Home: lambda: 1,
            Qt.Key.Key_End: lambda: view.pageCount(),
        }
        for key, target in moves.items():
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(
                lambda target=target: view.setCurrentPage(max(1, min(view.pageCount(), target())))
            )

    def _fit_to_window(self, parent) -> None:
        """Nearly as big as the main window (a page is unreadable in a small dialog), never
        bigger than the screen."""
        window = parent.window() if parent is not None else None
        screen = (window or self).screen()
        if window is None or screen is None:
            return
        room = screen.availableGeometry()
        size = window.size()
        self.resize(
            min(max(size.width() - 80, 640), room.width() - 40),
            min(max(size.height() - 60, 480), room.height() - 60),
        )

    def _paint(self, printer: QPrinter) -> None:
        # The preview asks first (and again when the page setup changes); later requests come
        # from its Print button, with the real printer.
        if self._is_preview(printer):
            paint_images(printer, self.images)
        else:
            print_with_progress(printer, self.pdf, self)

    def _is_preview(self, printer: QPrinter) -> bool:
        engine = printer.paintEngine()
        return engine is not None and engine.type() == engine.Type.Picture


def print_with_progress(printer: QPrinter, pdf: Path | str, parent=None) -> tuple[int, int]:
    """Print the PDF with a progress window that can stop it. Returns (pages sent, pages)."""
    total = page_count(pdf)
    progress = QProgressDialog(_("Printing…"), _("Cancel"), 0, total, parent)
    progress.setWindowTitle(_("Print"))
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setMinimumDuration(500)

    def step(done: int, _total: int) -> bool:
        progress.setValue(done)
        QApplication.processEvents()
        return not progress.wasCanceled()

    try:
        return print_pdf(printer, pdf, step), total
    finally:
        progress.setValue(total)
        progress.close()
        progress.deleteLater()


def ask_printer(orientation: str, parent=None) -> QPrinter | None:
    """The system print dialog, on an A4 printer set to the report's orientation."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    set_up_printer(printer, orientation)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(_("Print"))
    return printer if dialog.exec() == QPrintDialog.DialogCode.Accepted else None


def temporary_pdf(name: str) -> Path:
    descriptor, path = tempfile.mkstemp(prefix=f"tiepcan-{name}-", suffix=".pdf")
    os.close(descriptor)
    return Path(path)
