import importlib.util
from pathlib import Path

import app.i18n
from app.errors import N_, Msg, TiepCanError

TOOL = Path(__file__).resolve().parent.parent / "packaging" / "i18n.py"


def load_tool():
    spec = importlib.util.spec_from_file_location("packaging_i18n", TOOL)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_catalogs_are_complete_and_current():
    problems = load_tool().check()
    assert not problems, "run `python packaging/i18n.py check`:\n" + "\n".join(problems)


def test_error_is_translated_with_its_translated_label():
    error = TiepCanError(N_("{field} is required."), field=Msg(N_("Full name")))
    assert error.message("vi") == "Họ và tên không được để trống."
    assert error.message("en") == "Full name is required."
    assert str(error) == "Full name is required."


def test_tiepcan_lang_switches_the_current_language(monkeypatch):
    monkeypatch.setattr(app.i18n, "_current", None)
    monkeypatch.delenv("TIEPCAN_LANG", raising=False)
    assert app.i18n.current_language() == "vi"
    assert app.i18n.gettext("Full name") == "Họ và tên"
    monkeypatch.setenv("TIEPCAN_LANG", "en")
    assert app.i18n.current_language() == "en"
    assert app.i18n.gettext("Full name") == "Full name"
    monkeypatch.setenv("TIEPCAN_LANG", "en_GB.UTF-8")
    assert app.i18n.current_language() == "en"
