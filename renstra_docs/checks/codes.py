"""The codes of both matrices against the project's nomenclature version.

A code that no version has, a code of the other version, a code typed in the pre-2021 style
(two-digit sub-kegiatan, leading zero on the urusan: recognised and compared in today's style), a
code whose prefix is not its parent's, a kegiatan of a program the matrix does not carry, a name
that differs from the official one, and a missing code (with a suggestion found by name under the
parent's code). The tables keep the codes as typed; the warnings name the code to write.
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
    Resolved,
    map_code,
    nomenclature,
    normalise_code,
    normalise_name,
    parent_code,
    program_of,
    resolve,
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
    carried = {normalise_code(n.code) for n in nodes if n.level == "Program" and n.code}
    urusan = dataset.config.agency.urusan
    for node in nodes:
        parent = by_id.get(node.parent or "")
        if not node.code:
            yield _missing(frame, node, parent, index, urusan, matrix.table)
            continue
        found = resolve(node.code, index.version, index.jenis_pemda)
        entry = found.entry
        if entry is None or entry.level != node.level:
            yield _unknown(frame, node, found, index.version, matrix.table)
            continue
        yield from _version(frame, node, found, entry, index, matrix.table)
        yield from _check_node(frame, node, entry, parent, carried, matrix.table)


def _check_node(
    frame: pd.DataFrame,
    node: _Node,
    entry: Entry,
    parent: _Node | None,
    carried: set[str],
    table: str,
) -> Iterator[Finding]:
    if (
        parent is not None
        and parent.code
        and normalise_code(parent.code) != parent_code(entry.code)
    ):
        yield _finding(
            frame,
            "code-parent-mismatch",
            node,
            table,
            "kode",
            f"awalan kode {node.code} adalah {parent_code(node.code)}, tetapi induknya "
            f"({parent.id}) berkode {parent.code}",
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
    parent_key = normalise_code(parent_key) if parent_key else None
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
    frame: pd.DataFrame, node: _Node, found: Resolved, version: str, table: str
) -> Finding:
    entry = found.entry
    if entry is None:
        message = f"kode {node.code} tidak ada dalam nomenklatur versi {version} maupun versi lain"
        if found.old_style:
            message += f", juga tidak dalam format baru {found.code}"
    else:
        message = f"kode {node.code} adalah kode {entry.level.lower()}, bukan {node.level.lower()}"
    return _finding(frame, "code-unknown", node, table, "kode", message)


def _version(
    frame: pd.DataFrame, node: _Node, found: Resolved, entry: Entry, index: Nomenclature, table: str
) -> Iterator[Finding]:
    """A warning for a code in the pre-2021 style or of a version other than the project's."""
    other = _other_version(entry, index)
    if found.old_style:
        message = (
            f"kode {node.code} ditulis dalam format lama (sebelum 2021); "
            f"kode format baru: {entry.code} '{entry.name}'" + (f" ({other})" if other else "")
        )
        yield _finding(frame, "code-old-style", node, table, "kode", message)
    elif other:
        message = f"kode {node.code} adalah {other}"
        yield _finding(frame, "code-other-version", node, table, "kode", message)


def _other_version(entry: Entry, index: Nomenclature) -> str:
    """Nothing for an entry of the project's version; else its version and counterpart."""
    if entry.version == index.version:
        return ""
    text = f"kode versi {entry.version}, bukan versi {index.version} dari renstra.toml"
    counterpart = _counterpart(entry, index)
    if counterpart is not None:
        text += f"; padanan di versi {index.version}: {counterpart.code} '{counterpart.name}'"
    return text


def _counterpart(entry: Entry, index: Nomenclature) -> Entry | None:
    """The entry of `index` for an entry of another version: crosswalk, else same name."""
    mapped = index.get(map_code(entry.code, entry.version, index.version)[0])
    return mapped or index.find(entry.name, entry.parent, entry.level)


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
