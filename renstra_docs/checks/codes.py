"""The codes of both matrices against the project's nomenclature version.

A code that is not in the version, a code whose prefix is not its parent's, a kegiatan of a
program the matrix does not carry, a name that differs from the official one, and a missing
code (with a suggestion found by name under the parent's code).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

import pandas as pd

from ..calc.matrix import Matrix
from ..findings import Finding
from ..model import Dataset
from ..nomenclature import (
    Entry,
    Nomenclature,
    nomenclature,
    normalise_name,
    parent_code,
    program_of,
)
from ..sources.frames import locate


class _Node(NamedTuple):
    row: int
    id: str
    level: str
    code: str | None
    name: str
    parent: str | None  # parent id


def check_codes(dataset: Dataset, matrices: dict[str, Matrix]) -> Iterator[Finding]:
    """Findings about the codes of every matrix against renstra.toml's nomenclature version."""
    version = dataset.config.nomenclature_version
    if not version:
        return
    index = nomenclature(version)
    for matrix in matrices.values():
        yield from _check_matrix(dataset.frame(matrix.nodes_sheet), matrix, index, dataset)


def _nodes(matrix: Matrix) -> list[_Node]:
    frame = matrix.nodes.sort_index()
    as_text = frame[["id", "level", "kode", "nama", "induk"]].astype(object)
    as_text = as_text.where(frame[["id", "level", "kode", "nama", "induk"]].notna(), None)
    return [_Node(row, *values) for row, *values in as_text.itertuples()]


def _check_matrix(
    frame: pd.DataFrame, matrix: Matrix, index: Nomenclature, dataset: Dataset
) -> Iterator[Finding]:
    nodes = _nodes(matrix)
    by_id = {n.id: n for n in nodes}
    carried = {n.code for n in nodes if n.level == "Program" and n.code}
    urusan = dataset.config.agency.urusan
    for node in nodes:
        parent = by_id.get(node.parent or "")
        if not node.code:
            yield _missing(frame, node, parent, index, urusan, matrix.table)
            continue
        entry = index.get(node.code)
        if entry is None or entry.level != node.level:
            yield _unknown(frame, node, entry, index.version, matrix.table)
            continue
        yield from _check_node(frame, node, entry, parent, carried, matrix.table)


def _check_node(
    frame: pd.DataFrame,
    node: _Node,
    entry: Entry,
    parent: _Node | None,
    carried: set[str],
    table: str,
) -> Iterator[Finding]:
    prefix = parent_code(node.code)
    if parent is not None and parent.code and parent.code != prefix:
        yield _finding(
            frame,
            "code-parent-mismatch",
            node,
            table,
            "kode",
            f"awalan kode {node.code} adalah {prefix}, tetapi induknya ({parent.id}) "
            f"berkode {parent.code}",
        )
    if node.level != "Program" and program_of(entry.code) not in carried:
        yield _finding(
            frame,
            "code-foreign-program",
            node,
            table,
            "kode",
            f"{node.level.lower()} {node.code} termasuk program {program_of(entry.code)} yang "
            "tidak ada di matriks ini",
        )
    if normalise_name(node.name) != normalise_name(entry.name):
        yield _finding(
            frame,
            "code-name-mismatch",
            node,
            table,
            "nama",
            f"nama berbeda dengan nomenklatur {entry.code} versi {entry.version}; "
            f"nama resmi: '{entry.name}'",
            value=node.name,
        )


def _missing(
    frame: pd.DataFrame,
    node: _Node,
    parent: _Node | None,
    index: Nomenclature,
    urusan: str,
    table: str,
) -> Finding:
    parent_key = urusan if node.level == "Program" else (parent.code if parent else None)
    guess = index.find(node.name, parent_key, node.level) if parent_key else None
    hint = f" (usulan: {guess.code} '{guess.name}')" if guess else ""
    return _finding(
        frame,
        "code-missing",
        node,
        table,
        "kode",
        f"kode {node.level.lower()} '{node.name}' belum diisi{hint}",
        value=None,
    )


def _unknown(
    frame: pd.DataFrame, node: _Node, entry: Entry | None, version: str, table: str
) -> Finding:
    if entry is None:
        message = f"kode {node.code} tidak ada dalam nomenklatur versi {version}"
    else:
        message = f"kode {node.code} adalah kode {entry.level.lower()}, bukan {node.level.lower()}"
    return _finding(frame, "code-unknown", node, table, "kode", message)


def _finding(
    frame: pd.DataFrame,
    code: str,
    node: _Node,
    table: str,
    column: str,
    message: str,
    value: object = ...,
) -> Finding:
    return Finding(
        code,
        message,
        locate(frame, node.row, column),
        value=node.code if value is ... else value,
        table=table,
        row_label=node.name,
    )
