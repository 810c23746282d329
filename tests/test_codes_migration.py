"""A nomenclature migration is a revision like any other (issue 17): `renstra codes --to 2027`
writes renstra.toml itself, the project builds right after, and `renstra diff` shows one changed
Kode cell per migrated code instead of rows removed and added.

History of the repository (one tag per commit):
  v2023   the shipped project (renstra.toml: versi 2023)
  v2027   `renstra codes --to 2027`: five Kode cells mapped, renstra.toml versi 2027 (HEAD)
A clone adds:
  blank   the Kode cell of Penyediaan Makanan (P6.K1.S1, Tabel 6.2) emptied
  filled  `renstra codes --fill`: the code found again by name
"""

from __future__ import annotations

import json
import tomllib
from pathlib import Path
from typing import Any, NamedTuple

import pytest
from click.testing import CliRunner, Result
from conftest import commit, copy_project, edit_workbook, git
from openpyxl import load_workbook
from test_diff import W, _document_xml

from renstra_docs.cli import main
from renstra_docs.sources.schema import BAB6

MAKANAN = "P6.K1.S1"  # Penyediaan Makanan, 1.06.06.2.01.0001 in both versions
# (table, row key, old code, new code) of every code the 2023 -> 2027 crosswalk maps
MAPPED = {
    ("6.1", "P2.K2.S4", "1.06.02.2.03.0005", "1.06.02.2.03.0012"),
    ("6.1", "P4.K1.S2", "1.06.05.2.02.0002", "1.06.05.2.02.0008"),
    ("6.2", "P2.K2.S4", "1.06.02.2.03.0005", "1.06.02.2.03.0012"),
    ("6.2", "P5.K1.S1", "1.06.05.2.02.0002", "1.06.05.2.02.0008"),
    ("6.2", "P5.K1.S2", "1.06.05.2.02.0003", "1.06.05.2.02.0006"),
}
KEPT_2023 = 8  # codes without a 2027 counterpart: 3 in matriks_transisi, 5 in matriks


class History(NamedTuple):
    repo: Path
    migration: Result  # the output of `renstra codes --to 2027`


def _run(root: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["--root", str(root), *args])


@pytest.fixture(scope="module")
def history(tmp_path_factory: pytest.TempPathFactory) -> History:
    repo = copy_project(tmp_path_factory.mktemp("migration") / "project")
    git(repo, "init", "-q")
    commit(repo, "v2023")
    migration = _run(repo, "codes", "--to", "2027")
    assert migration.exit_code == 0, migration.output
    commit(repo, "v2027")
    return History(repo, migration)


def _diff_json(root: Path, old: str, new: str) -> tuple[int, dict[str, Any]]:
    result = _run(root, "diff", old, new, "--format", "json")
    assert result.exit_code in (0, 1), result.output
    return result.exit_code, json.loads(result.output)


def _cells(data: dict[str, Any]) -> set[tuple[str, str, str, str, str]]:
    """(table, row key, column, old, new) of every changed cell."""
    return {
        (table["number"], row["key"], cell["column"], cell["old"], cell["new"])
        for table in data["tables"]
        for row in table["rows"]
        for cell in row.get("cells", ())
    }


# ---------------------------------------------------------------- the migration


def test_migration_writes_the_version_into_renstra_toml(history: History) -> None:
    repo, output = history.repo, history.migration.output.splitlines()
    toml = repo / "renstra.toml"
    assert tomllib.loads(toml.read_text(encoding="utf-8"))["nomenklatur"]["versi"] == "2027"
    changed = git(repo, "diff", "--numstat", "v2023", "v2027").splitlines()
    assert sorted(changed) == ["-\t-\tsource_tables/bab6_program.xlsx", "1\t1\trenstra.toml"]
    patch = git(repo, "diff", "-U0", "v2023", "v2027", "--", "renstra.toml").splitlines()
    comment = '   # Kepmendagri 900.1.15.5-1317/2023 (TA 2024-2026); "2027" = SIPD TA 2027 update'
    assert patch[-2:] == [f'-versi = "2023"{comment}', f'+versi = "2027"{comment}']
    assert f'ditulis: {toml} ([nomenklatur] versi = "2027")' in output
    assert output[-1] == (
        f"5 kode dipetakan dari versi 2023 ke versi 2027; {KEPT_2023} kode tanpa padanan tetap "
        "berkode versi 2023"
    )


def test_a_code_without_counterpart_is_kept_with_a_warning_naming_it(history: History) -> None:
    output = history.migration.output.splitlines()
    assert (
        "peringatan: bab6_program.xlsx › matriks › D28 (Kode): kode 1.06.02.2.03.0001 versi 2023 "
        "(P2.K2.S1 'Peningkatan Kemampuan Potensi Pekerja Sosial Masyarakat Kewenangan Kabupaten "
        "Yang Kabupaten/Kota') tidak punya padanan di versi 2027; kode lama dibiarkan "
        "[code-no-counterpart]"
    ) in output
    assert sum("[code-no-counterpart]" in line for line in output) == KEPT_2023
    sheet = load_workbook(history.repo / "source_tables" / BAB6.filename)["matriks"]
    assert (sheet["D28"].value, sheet["D53"].value) == ("1.06.02.2.03.0001", "1.06.05.2.02.0008")


def test_migrated_project_builds(history: History, tmp_path: Path) -> None:
    """The revision v2027 as committed builds: the codes left behind are warnings."""
    project = tmp_path / "v2027"
    git(history.repo, "worktree", "add", "-q", "--detach", str(project), "v2027")
    result = _run(project, "build", "--out", str(tmp_path / "build"))
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Validasi: 0 galat, ")
    assert f"{KEPT_2023} × code-other-version (peringatan)" in result.output
    assert "code-unknown" not in result.output


def test_diff_of_the_migration_is_one_kode_cell_per_migrated_code(history: History) -> None:
    status, data = _diff_json(history.repo, "HEAD~1", "HEAD")
    assert status == 1
    summary = data["summary"]
    assert (summary["rows_added"], summary["rows_removed"]) == (0, 0)
    assert (summary["rows_changed"], summary["cells_changed"]) == (len(MAPPED), len(MAPPED))
    assert _cells(data) == {(t, key, "Kode", old, new) for t, key, old, new in MAPPED}
    # each side was checked with its own renstra.toml: only the new one has 2023 codes to warn of
    findings = data["findings"]
    assert {(f["side"], f["code"]) for f in findings} == {("new", "code-other-version")}
    assert len(findings) == KEPT_2023
    assert all("bukan versi 2027 dari renstra.toml" in f["message"] for f in findings)


def test_text_and_tracked_reports_show_the_code_change_as_one_cell(
    history: History, tmp_path: Path
) -> None:
    text = _run(history.repo, "diff", "HEAD~1", "HEAD").output
    assert (
        "  ~ P5.K1.S1  1.06.05.2.02.0008 Pengelolaan Data Fakir Miskin Cakupan Daerah Kabupaten\n"
        "      Kode: 1.06.05.2.02.0002 -> 1.06.05.2.02.0008\n"
        "        sel sumber: bab6_program.xlsx › matriks › D53 (Kode): 1.06.05.2.02.0002 -> "
        "1.06.05.2.02.0008\n"
    ) in text
    assert "(baris baru)" not in text and "(baris dihapus)" not in text
    markdown = _run(history.repo, "diff", "HEAD~1", "HEAD", "--format", "markdown").output
    assert "| P5.K1.S1 | 1.06.05.2.02.0008 Pengelolaan Data Fakir Miskin Cakupan Daerah " in (
        markdown
    )
    assert "| berubah | Kode | 1.06.05.2.02.0002 | 1.06.05.2.02.0008 |" in markdown
    out = tmp_path / "perubahan.docx"
    docx = _run(history.repo, "diff", "HEAD~1", "HEAD", "--format", "docx", "--out", str(out))
    assert docx.exit_code == 1, docx.output
    root = _document_xml(out.read_bytes())
    deleted = [e.findtext(f"{W}r/{W}delText").strip() for e in root.iter(f"{W}del")]
    inserted = [e.findtext(f"{W}r/{W}t") for e in root.iter(f"{W}ins")]
    assert set(deleted) == {old for _, _, old, _ in MAPPED}  # only Kode cells are marked
    assert set(inserted) == {new for _, _, _, new in MAPPED}
    for part in root.iter(f"{W}tbl"):  # each column part repeats the Kode column
        marked = [r for r in part.findall(f"{W}tr") if r.find(f".//{W}del") is not None]
        for row in marked:
            assert len(row.findall(f".//{W}del")) == len(row.findall(f".//{W}ins")) == 1
    assert root.find(f".//{W}trPr/{W}ins") is None and root.find(f".//{W}trPr/{W}del") is None


# ---------------------------------------------------------------- a code filled in


def _node_row(path: Path, sheet: str, node_id: str) -> int:
    rows = load_workbook(path, read_only=True)[sheet].iter_rows(min_row=1, values_only=True)
    return next(n for n, values in enumerate(rows, start=1) if values[0] == node_id)


def test_a_code_filled_in_is_one_changed_cell(history: History, tmp_path: Path) -> None:
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", str(history.repo), str(clone))
    workbook = clone / "source_tables" / BAB6.filename
    row = _node_row(workbook, "matriks", MAKANAN)
    edit_workbook(clone, BAB6.filename, "matriks", {(row, "Kode"): None})
    commit(clone, "blank")
    filled = _run(clone, "codes", "--fill")
    assert filled.exit_code == 0, filled.output
    assert f"bab6_program.xlsx › matriks › D{row}: 1.06.06.2.01.0001 'Penyediaan Makanan'" in (
        filled.output.splitlines()
    )
    commit(clone, "filled")
    status, data = _diff_json(clone, "HEAD~1", "HEAD")
    assert status == 1
    assert _cells(data) == {("6.2", MAKANAN, "Kode", "", "1.06.06.2.01.0001")}
    summary = data["summary"]
    assert (summary["rows_added"], summary["rows_removed"], summary["rows_changed"]) == (0, 0, 1)
    # beside the diff: the empty code's warning on the old side; and on the new side a baseline
    # warning that v2027 has too, which the blank revision could not see (checks/consistency.py
    # pairs the indicators of both matrices by node code, else name)
    assert {(f["side"], f["code"], f["location"]["cell"]) for f in data["findings"]} == {
        ("old", "code-missing", f"D{row}"),
        ("new", "baseline-mismatch", "E63"),
    }
    status, data = _diff_json(clone, "v2027", "blank")
    assert _cells(data) == {("6.2", MAKANAN, "Kode", "1.06.06.2.01.0001", "")}
    assert _diff_json(clone, "v2027", "filled")[0] == 0  # the same code as before
