"""References between sheets, resolved on the frames: each one that does not resolve is a finding.

Parents of matrix rows and organisation units, owners of indicators, the sasaran of strategies
and matrix rows, the strategies of policies, and the years of each sheet against renstra.toml.
Membership is tested column-wise (`Series.isin`); only the offending rows become findings.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

import pandas as pd

from ..config import Config
from ..findings import Finding
from .frames import YEAR, locate, plain
from .schema import PLAN, PREVIOUS, TRANSITION, WorkbookSchema

PARENT_LEVEL = {"Kegiatan": "Program", "Sub Kegiatan": "Kegiatan"}
# (sheet, column, sheet it refers to, its key column)
REFERENCES = (
    ("tugas_unit", "id_unit", "unit_organisasi", "id"),
    ("tujuan_sasaran", "induk", "tujuan_sasaran", "id"),
    ("indikator_tujuan", "pemilik", "tujuan_sasaran", "id"),
    ("strategi", "sasaran", "tujuan_sasaran", "id"),
    ("kebijakan", "strategi", "strategi", "id"),
    ("anggaran_realisasi", "induk", "anggaran_realisasi", "id"),
)
MATRIX_REFERENCES = (("tujuan", "tujuan_sasaran", "id"), ("sasaran", "tujuan_sasaran", "id"))
CONFIGURED = {
    PLAN: "periode.tahun_rencana",
    TRANSITION: "periode.tahun_transisi",
    PREVIOUS: "periode.tahun_lalu",
}


def valid_nodes(nodes: pd.DataFrame) -> pd.DataFrame:
    """The rows of a matrix sheet that are nodes (ID, level and name given), first of each ID."""
    complete = nodes["id"].notna() & nodes["level"].notna() & nodes["nama"].notna()
    kept = nodes[complete]
    return kept[~kept["id"].duplicated()]


def check_links(
    frames: Mapping[str, pd.DataFrame],
    per_year: Mapping[str, pd.DataFrame],
    matrices: list[tuple[str, str]],
) -> Iterator[Finding]:
    yield from _org_parents(frames["unit_organisasi"])
    for sheet, column, target, key in REFERENCES:
        yield from _unknown(frames[sheet], column, frames[target][key], target)
    for nodes_sheet, indicators_sheet in matrices:
        nodes = valid_nodes(frames[nodes_sheet])
        yield from _node_parents(nodes)
        yield from _pagu_on_parents(nodes, per_year[nodes_sheet])
        yield from _unknown(frames[indicators_sheet], "id_node", nodes["id"], nodes_sheet)
        for column, target, key in MATRIX_REFERENCES:
            yield from _unknown(nodes, column, frames[target][key], target)


def _unknown(frame: pd.DataFrame, column: str, known: pd.Series, target: str) -> Iterator[Finding]:
    values = frame[column]
    for row, value in values[values.notna() & ~values.isin(known.dropna())].items():
        yield Finding(
            "unknown-reference",
            f"'{value}' tidak ada di sheet {target}",
            locate(frame, row, column),
            value=value,
        )


def _org_parents(units: pd.DataFrame) -> Iterator[Finding]:
    units = units[units["id"].notna()]
    parents = units["induk"]
    for row, parent in parents[parents.notna() & ~parents.isin(units["id"])].items():
        yield Finding(
            "unknown-parent",
            f"unit induk '{parent}' tidak ada",
            locate(units, row, "induk"),
            value=parent,
        )


def _node_parents(nodes: pd.DataFrame) -> Iterator[Finding]:
    """Programs have no parent; a kegiatan's parent is a program, a sub-kegiatan's a kegiatan."""
    parent = nodes["induk"].astype(object).where(nodes["induk"].notna(), None)
    expected = nodes["level"].map(PARENT_LEVEL)
    found = parent.map(dict(zip(plain(nodes["id"]), plain(nodes["level"]), strict=True)))
    for row in nodes.index[expected.isna() & parent.notna()]:
        yield Finding(
            "wrong-parent-level",
            "program tidak boleh memiliki induk",
            locate(nodes, row, "induk"),
            value=parent[row],
        )
    for row in nodes.index[expected.notna() & (found.isna() | (found != expected))]:
        level, name = nodes.at[row, "level"], nodes.at[row, "nama"]
        if pd.isna(found[row]):
            code = "unknown-parent"
            message = f"{level.lower()} '{name}' merujuk induk '{parent[row] or ''}' yang tidak ada"
        else:
            code = "wrong-parent-level"
            message = (
                f"induk {level.lower()} harus {expected[row].lower()}, bukan {found[row].lower()}"
            )
        yield Finding(code, message, locate(nodes, row, "induk"), value=parent[row], row_label=name)


def _pagu_on_parents(nodes: pd.DataFrame, per_year: pd.DataFrame) -> Iterator[Finding]:
    """Pagu is data only on sub-kegiatan: a value on a program or kegiatan row is an error."""
    parents = nodes[nodes["level"].isin(("Program", "Kegiatan"))]
    typed = per_year[per_year["pagu"].notna() & per_year.index.isin(parents.index)]
    first_years = typed.groupby(level=0)[YEAR].min()
    for row, year in first_years.items():
        node = parents.loc[row]
        yield Finding(
            "pagu-on-parent",
            f"pagu diisi pada baris {node['level'].lower()} '{node['nama']}'",
            locate(nodes, row, "pagu", int(year)),
            row_label=node["nama"],
        )


def check_years(
    books: tuple[WorkbookSchema, ...],
    header_years: Mapping[str, Mapping[str, tuple[int, ...]]],
    frames: Mapping[str, pd.DataFrame],
    config: Config,
) -> Iterator[Finding]:
    """Year columns that are not the years renstra.toml gives for them (a warning: the document
    shows the years of the sheet)."""
    configured = {
        PLAN: config.plan_years,
        TRANSITION: (config.transition_year,) if config.transition_year else (),
        PREVIOUS: config.previous_years,
    }
    for book in books:
        for sheet in book.sheets:
            for group in sheet.year_groups():
                expected = configured.get(group.period or "")
                found = header_years.get(sheet.name, {}).get(group.key, ())
                if expected and found and tuple(found) != tuple(expected):
                    yield _year_mismatch(
                        frames[sheet.name], group.prefix, found, expected, group.period or ""
                    )


def _year_mismatch(
    frame: pd.DataFrame, prefix: str, found: tuple[int, ...], expected: tuple[int, ...], key: str
) -> Finding:
    missing = [f"'{prefix} {y}'" for y in expected if y not in found]
    extra = [f"'{prefix} {y}'" for y in found if y not in expected]
    parts = []
    if missing:
        parts.append(f"kolom {', '.join(missing)} tidak ada")
    if extra:
        parts.append(f"kolom {', '.join(extra)} di luar tahun renstra.toml")
    return Finding(
        "year-mismatch",
        f"{'; '.join(parts)} ({CONFIGURED[key]} = {expected[0]}-{expected[-1]})",
        frame.attrs["origin"].sheet_location(),
    )
