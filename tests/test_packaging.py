"""The wheel carries every package: a subpackage missing from pyproject.toml installs without
error and fails only when a user opens the page that needs it."""

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_every_package_is_listed_in_pyproject():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(config["tool"]["setuptools"]["packages"])
    found = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for top in ("app", "ui")
        for init in (ROOT / top).rglob("__init__.py")
        if "__pycache__" not in init.parts
    }
    assert found <= listed, f"missing from pyproject.toml: {sorted(found - listed)}"
    mapped = config["tool"]["setuptools"]["package-dir"]
    for package, folder in mapped.items():
        assert package in listed and (ROOT / folder).is_dir()
