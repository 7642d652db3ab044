"""`tiepcan --help` and wrong usage speak the officer's language (TIEPCAN_LANG, Vietnamese by
default) throughout, argparse's own words included; every argument says what it is; wrong usage
is one line and exit 2, like every other refusal (design.md §4)."""

import argparse

import pytest

from app.cli.main import run
from app.cli.parser import EPILOG, build_parser
from app.i18n import gettext

# What argparse itself says in English; none of it may reach a Vietnamese reader.
ARGPARSE_ENGLISH = (
    "usage:",
    "positional arguments",
    "options:",
    "show this help message",
    "error:",
    "the following arguments are required",
    "invalid choice",
    "choose from",
    "unrecognized arguments",
    "expected one argument",
    "expected at least one argument",
    "ignored explicit argument",
    "invalid int value",
    "argument ",
)


def subcommand_paths(parser: argparse.ArgumentParser, prefix=()) -> list[tuple[str, ...]]:
    """Every command line that has a help page of its own: (), ("init",), ("keys", "show")…"""
    paths = [prefix]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                paths += subcommand_paths(sub, (*prefix, name))
    return paths


def arguments_without_help(parser: argparse.ArgumentParser, prefix=()) -> list[str]:
    missing = []
    for action in parser._actions:
        where = " ".join(["tiepcan", *prefix, action.dest if not action.option_strings else ""])
        if not action.help or action.help == argparse.SUPPRESS:
            missing.append(f"{where} {'/'.join(action.option_strings)}".strip())
        if isinstance(action, argparse._SubParsersAction):
            for choice in action._choices_actions:
                if not choice.help:
                    missing.append(f"tiepcan {' '.join(prefix)} {choice.dest}")
            for name, sub in action.choices.items():
                missing += arguments_without_help(sub, (*prefix, name))
    return missing


def help_page(capsys, *path: str) -> str:
    with pytest.raises(SystemExit) as exited:
        run([*path, "--help"])
    assert exited.value.code == 0
    return capsys.readouterr().out


def english_in(text: str) -> list[str]:
    return [words for words in ARGPARSE_ENGLISH if words in text]


def test_every_argument_has_help():
    assert arguments_without_help(build_parser()) == []


@pytest.mark.parametrize("path", subcommand_paths(build_parser()), ids=" ".join)
def test_help_pages_have_no_english_of_argparse(capsys, path):
    page = help_page(capsys, *path)
    assert english_in(page) == [], page


def test_help_says_the_window_the_exit_codes_and_the_environment(capsys, monkeypatch):
    monkeypatch.setenv("TIEPCAN_LANG", "en")
    english = help_page(capsys)
    for words in (
        "Without a command, tiepcan opens its window",
        "0 done",
        "1 refused",
        "2 wrong usage",
        "TIEPCAN_DATA_DIR",
        "TIEPCAN_LANG",
    ):
        assert words in english
    monkeypatch.setenv("TIEPCAN_LANG", "vi")
    vietnamese = help_page(capsys)
    assert gettext(EPILOG, "vi") != EPILOG
    # Line by line: the help formatter keeps the epilog's lines as they are written.
    for line in gettext(EPILOG, "vi").splitlines():
        assert line in vietnamese
    assert "TIEPCAN_DATA_DIR" in vietnamese and "TIEPCAN_LANG" in vietnamese


WRONG_USAGE = [
    [],
    ["frobnicate"],
    ["init"],
    ["init", "county", "--code", "01"],
    ["init", "ward"],
    ["demo-data", "--sessions", "many"],
    ["demo-data", "--seed", "x"],
    ["status", "--bogus"],
    ["status", "--json=yes"],
    ["status", "--data-dir"],
    ["bundle"],
    ["bundle", "import"],
    ["conflicts", "resolve", "three", "--keep", "stored", "--reason", "r"],
    ["conflicts", "resolve", "3", "--keep", "mine", "--reason", "r"],
    ["report", "sessions-log", "--period", "2026", "--format", "doc", "--out", "x"],
]


@pytest.mark.parametrize("args", WRONG_USAGE, ids=" ".join)
def test_wrong_usage_is_one_line_in_the_users_language(capsys, monkeypatch, args):
    with pytest.raises(SystemExit) as exited:
        run(args)
    assert exited.value.code == 2
    captured = capsys.readouterr()
    vietnamese = captured.err
    assert captured.out == ""
    assert vietnamese.count("\n") == 1 and vietnamese.startswith("tiepcan"), vietnamese
    assert english_in(vietnamese) == [], vietnamese
    monkeypatch.setenv("TIEPCAN_LANG", "en")
    with pytest.raises(SystemExit):
        run(args)
    english = capsys.readouterr().err
    assert english.count("\n") == 1 and english != vietnamese
    assert "--help" in english and "usage:" not in english
