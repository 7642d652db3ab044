"""Every page and form at 200% scaling with the largest font, in Vietnamese and English: no label
or button narrower than its text, and nothing needing more than a 1920×1080 screen at 200%."""

import os
import subprocess
import sys

import pytest

from app.demo import fill_demo_data


@pytest.mark.parametrize("language", ["vi", "en"])
def test_nothing_is_clipped_at_200_percent(ward, language):
    fill_demo_data(ward, sessions=40, cases=30, people=20, seed=1)
    ward.close()
    env = {**os.environ, "QT_SCALE_FACTOR": "2", "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-m", "tests.scripts.clipping", str(ward.folder.root), language],
        capture_output=True, text=True, env=env, timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout == "", "clipped or too wide:\n" + result.stdout
