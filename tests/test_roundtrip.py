"""LibreOffice round trips: a workbook saved again by Calc reads as it did (issue 15).

Calc writes its own number formats (`0.00"%"` becomes `0.00\\%`, the Comma style's `"-"` becomes
`\\-`, units `#,##0" Orang"`), calculates formulas and stores their results with 15 digits, and
styles empty cells. Skipped where LibreOffice is missing; `.ci/run` installs it (Calc and Writer).
"""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from conftest import copy_project
from openpyxl import Workbook
from test_read import INDICATOR_HEADER, INDICATOR_SCHEMA, INDICATOR_SHEET

from renstra_docs.build import build
from renstra_docs.config import load_config
from renstra_docs.fmt import kuantitas
from renstra_docs.sources.read import read_workbook
from renstra_docs.sources.schema import BAB6

SOFFICE = shutil.which("soffice")
pytestmark = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
# Target 2024 (H) of one indicator per row: the raw value, its number format, the Satuan, and the
# value the document shows
FORMATS = [
    (0.75, "0.00\\%", "%", "0,75%"),
    (88.42, '0.00"%"', "%", "88,42%"),
    (0.8842, "0.00%", "%", "88,42%"),
    (20, '_-* #,##0_-;-* #,##0_-;_-* "-"_-;_-@_-', "dokumen", "20 dokumen"),
    (20, '#,##0 "dokumen"', "dokumen", "20 dokumen"),
    ("=0.7+0.1", "0%", "%", "80%"),  # calculated by Calc: 0.8, not 0.7999999999999999
    ("=G{row}/10*3", "General", "dokumen", "2,4 dokumen"),  # G is 8: 0.8*3 = 2.4000000000000004
]


def _convert(files: list[Path], out: Path, profile: Path) -> list[Path]:
    """`soffice --convert-to xlsx` of `files` into `out`, with a profile of its own."""
    done = subprocess.run(
        [
            str(SOFFICE),
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(out),
            *map(str, files),
        ],
        capture_output=True,
        timeout=240,
    )
    converted = [out / path.name for path in files]
    if not all(path.exists() for path in converted):  # soffice without Calc converts nothing
        pytest.skip(f"LibreOffice Calc did not convert the workbooks: {done.stderr[-300:]!r}")
    for path in converted:  # really written by Calc
        assert b"LibreOffice" in zipfile.ZipFile(path).read("docProps/app.xml"), path
    return converted


def _formats_book(path: Path) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.title = INDICATOR_SHEET
    sheet.append(INDICATOR_HEADER)
    for number, (raw, number_format, satuan, _) in enumerate(FORMATS, start=2):
        sheet.append([f"P{number}", "Indikator", satuan, "terakhir", None, 10, 8])
        sheet[f"H{number}"] = raw.format(row=number) if isinstance(raw, str) else raw
        sheet[f"H{number}"].number_format = number_format
    book.save(path)
    return path


@pytest.fixture(scope="module")
def calc(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The shipped project, a copy whose workbooks Calc saved again, and the formats workbook
    before and after Calc (one soffice run for all)."""
    base = tmp_path_factory.mktemp("roundtrip")
    original = copy_project(base / "original")
    resaved = copy_project(base / "resaved")
    (base / "formats").mkdir()
    formats = _formats_book(base / "formats" / BAB6.filename)
    shipped = sorted((original / "source_tables").glob("*.xlsx"))
    converted = _convert(shipped, base / "calc", base / "profile")
    for path in converted:
        shutil.copy(path, resaved / "source_tables" / path.name)
    (formats_calc,) = _convert([formats], base / "formats_calc", base / "profile")
    return {"original": original, "resaved": resaved, "formats": formats, "calc": formats_calc}


def _outputs(root: Path) -> dict[str, bytes]:
    """The tables (build/tables/*.csv) and the findings (validation.json) of a build."""
    result = build(load_config(root))
    assert not result.failed, result.summary_lines()
    paths = [*sorted((root / "build/tables").glob("*.csv")), root / "build/validation.json"]
    return {path.name: path.read_bytes() for path in paths}


def test_shipped_tables_are_byte_identical_after_calc(calc: dict[str, Path]) -> None:
    original = _outputs(calc["original"])
    assert len(original) >= 17
    assert _outputs(calc["resaved"]) == original


def _shown(path: Path) -> list[str]:
    data = read_workbook(path, INDICATOR_SCHEMA)
    return [kuantitas(r["target"][2024], r["satuan"]) for r in data.sheets[INDICATOR_SHEET].rows]


def test_number_formats_read_the_same_after_calc(calc: dict[str, Path]) -> None:
    expected = [shown for *_, shown in FORMATS]
    assert _shown(calc["calc"]) == expected
    typed = [i for i, (raw, *_) in enumerate(FORMATS) if not str(raw).startswith("=")]
    before = _shown(calc["formats"])  # openpyxl stores no formula results: n/a there
    assert [before[i] for i in typed] == [expected[i] for i in typed]
