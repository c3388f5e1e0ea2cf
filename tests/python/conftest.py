"""Builds the example site once with the wazi binary that `swift test` built, for the output checks."""
import os
import shutil
import subprocess
import tempfile

import pytest

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
WAZI = os.path.join(ROOT, ".build", "debug", "wazi")
AS_OF = "2026-11-27"


def build(content, output, *extra):
    """Runs `wazi build`; returns the completed process."""
    return subprocess.run(
        [WAZI, "build", "--content", content, "--templates", os.path.join(ROOT, "templates"),
         "--output", output, "--as-of", AS_OF, *extra],
        capture_output=True, text=True, check=False)


@pytest.fixture(scope="session")
def site():
    """The example site, built into a temporary folder."""
    folder = tempfile.mkdtemp(prefix="wazi-site-")
    output = os.path.join(folder, "site")
    result = build(os.path.join(ROOT, "content"), output)
    assert result.returncode == 0, result.stderr
    yield output
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def content_copy(tmp_path):
    """A copy of the example content to modify."""
    target = tmp_path / "content"
    shutil.copytree(os.path.join(ROOT, "content"), target)
    return target
