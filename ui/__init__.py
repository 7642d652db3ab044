"""The PySide6 application. Only this package imports Qt."""
