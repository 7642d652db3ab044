"""Draw the program's icon (a balance over an open book, in the accent colour) and write it as
PNG (Linux, the window) and ICO (Windows, with the sizes Windows asks for).

    python packaging/make_icons.py

The files are committed; run this again only to change the drawing."""

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter, QPainterPath, QPen

ACCENT = QColor("#1f6f8b")
ROOT = Path(__file__).resolve().parent.parent
PNG = ROOT / "resources" / "icons" / "tiepcan.png"  # the window's icon, and Linux's
ICO = ROOT / "packaging" / "icons" / "tiepcan.ico"  # the Windows program and installer
SIZES = (16, 24, 32, 48, 64, 128, 256)


def draw(size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.scale(size / 256, size / 256)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(ACCENT)
    painter.drawRoundedRect(QRectF(8, 8, 240, 240), 44, 44)
    white = QPen(QColor("white"), 12, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap)
    white.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    painter.setPen(white)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    # The balance: a post, a beam, two pans.
    painter.drawLine(QPointF(128, 52), QPointF(128, 150))
    painter.drawLine(QPointF(62, 74), QPointF(194, 74))
    for x in (62, 194):
        painter.drawLine(QPointF(x, 74), QPointF(x - 22, 124))
        painter.drawLine(QPointF(x, 74), QPointF(x + 22, 124))
        pan = QPainterPath(QPointF(x - 30, 124))
        pan.quadTo(QPointF(x, 150), QPointF(x + 30, 124))
        pan.closeSubpath()
        painter.setBrush(QColor("white"))
        painter.drawPath(pan)
        painter.setBrush(Qt.BrushStyle.NoBrush)
    # The open book it stands on.
    book = QPainterPath(QPointF(48, 172))
    book.quadTo(QPointF(90, 160), QPointF(128, 178))
    book.quadTo(QPointF(166, 160), QPointF(208, 172))
    book.lineTo(QPointF(208, 204))
    book.quadTo(QPointF(166, 192), QPointF(128, 210))
    book.quadTo(QPointF(90, 192), QPointF(48, 204))
    book.closeSubpath()
    painter.drawPath(book)
    painter.drawLine(QPointF(128, 178), QPointF(128, 210))
    painter.end()
    return image


def main() -> None:
    QGuiApplication(sys.argv[:1])
    PNG.parent.mkdir(exist_ok=True)
    ICO.parent.mkdir(exist_ok=True)
    if not draw(256).save(str(PNG)):
        raise SystemExit("PNG not written")
    # Qt's ICO writer stores one image per file; Windows wants several sizes in one. The ICO
    # format is a small directory of PNG images: written here by the format's own layout.
    images = []
    for size in SIZES:
        path = ICO.with_name(f".icon-{size}.png")
        draw(size).save(str(path))
        images.append((size, path.read_bytes()))
        path.unlink()
    header = (
        (0).to_bytes(2, "little") + (1).to_bytes(2, "little") + len(images).to_bytes(2, "little")
    )
    offset = 6 + 16 * len(images)
    entries, blobs = b"", b""
    for size, data in images:
        entries += bytes([size % 256, size % 256, 0, 0]) + (1).to_bytes(2, "little")
        entries += (32).to_bytes(2, "little") + len(data).to_bytes(4, "little")
        entries += offset.to_bytes(4, "little")
        offset += len(data)
        blobs += data
    ICO.write_bytes(header + entries + blobs)


if __name__ == "__main__":
    main()
