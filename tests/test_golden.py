"""Golden files guard the shipped Renstra: every generated table and finding, byte for byte.

`tests/golden/` holds what a build of the shipped project wrote (tables/*.csv, tables.md,
validation.json). A difference is either a bug or a deliberate change; a deliberate one is
regenerated with `RENSTRA_UPDATE_GOLDEN=1 make test` and named in the closing note.
"""

from __future__ import annotations

import difflib
import os
import shutil
from pathlib import Path

import pytest

from renstra_docs.build import build
from renstra_docs.config import load_config

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("RENSTRA_UPDATE_GOLDEN") == "1"


def _golden_files(folder: Path) -> list[str]:
    names = [p.relative_to(folder).as_posix() for p in sorted((folder / "tables").glob("*.csv"))]
    return [*names, "tables.md", "validation.json"]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from conftest import copy_project

    root = copy_project(tmp_path_factory.mktemp("golden") / "project")
    result = build(load_config(root))
    assert not result.failed, result.summary_lines()
    return root / "build"


def test_golden_files_are_reproduced_byte_for_byte(built: Path) -> None:
    if UPDATE:
        shutil.rmtree(GOLDEN, ignore_errors=True)
        (GOLDEN / "tables").mkdir(parents=True)
        for name in _golden_files(built):
            shutil.copy(built / name, GOLDEN / name)
    expected, produced = _golden_files(GOLDEN), _golden_files(built)
    assert produced == expected, "the build writes other tables than the golden files hold"
    for name in expected:
        old = (GOLDEN / name).read_text(encoding="utf-8")
        new = (built / name).read_text(encoding="utf-8")
        if old != new:
            delta = difflib.unified_diff(
                old.splitlines(), new.splitlines(), f"golden/{name}", f"build/{name}", lineterm=""
            )
            pytest.fail(f"{name} differs from its golden file:\n" + "\n".join(list(delta)[:40]))
