"""Cross-table consistency: the same fact typed in two places must agree."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pandas as pd

from .. import fmt
from ..calc.derive import Derived
from ..calc.matrix import Matrix
from ..findings import Finding
from ..model import MATRIX, TRANSITION_MATRIX, Dataset
from ..sources.frames import YEAR, locate, plain, quantity


def check_consistency(dataset: Dataset, derived: Derived) -> Iterator[Finding]:
    yield from _staff(dataset, derived)
    yield from _programs_in_total(dataset, derived)
    yield from _baselines(dataset, derived)
    units = {_key(u) for u in dataset.frame("unit_organisasi")["nama_unit"].dropna()}
    agency = dataset.config.agency
    units |= {_key(agency.nama), _key(agency.nama_singkat), _key(agency.nama_lengkap)}
    for matrix in derived.matrices.values():
        yield from _matrix_rows(dataset, matrix, units)


def _staff(dataset: Dataset, derived: Derived) -> Iterator[Finding]:
    staff = derived.staff
    pairs = (
        (
            staff.by_position,
            staff.by_status,
            "Total pegawai menurut jabatan",
            "total pegawai menurut jenis kelamin dan status",
            "pegawai_status",
            "pegawai_status",
        ),
        (
            staff.by_grade,
            staff.pns,
            "Jumlah PNS menurut golongan",
            "jumlah PNS menurut jenis kelamin dan status",
            "pegawai_golongan",
            "pegawai_golongan",
        ),
    )
    for left, right, left_name, right_name, table, sheet in pairs:
        frame = dataset.frame(sheet)
        if left is not None and right is not None and left != right and len(frame):
            yield Finding(
                "staff-mismatch",
                f"{left_name} = {left} orang, sedangkan {right_name}"
                f" = {right} orang (selisih {left - right})",
                locate(frame, frame.index[0], "jumlah"),
                declared=left,
                computed=right,
                table=table,
                row_label=left_name,
            )


def _programs_in_total(dataset: Dataset, derived: Derived) -> Iterator[Finding]:
    """A printed TOTAL that is short by exactly one program's pagu left that program out."""
    if not dataset.has("deklarasi_matriks"):
        return
    frame = dataset.frame("deklarasi_matriks")
    for row, table, key, value in zip(
        frame.index, frame["tabel"], frame["kunci"], frame["nilai"], strict=True
    ):
        found = re.fullmatch(r"total_(\d{4})", str(key))
        matrix = derived.matrices.get(str(table))
        if not found or matrix is None or value is None:
            continue
        year = int(found.group(1))
        grand = matrix.grand.get(year)
        gap = (0 if grand is None or pd.isna(grand) else int(grand)) - int(value)
        pagu = matrix.pagu_wide
        for program_id, name in zip(matrix.programs["id"], matrix.programs["nama"], strict=True):
            if gap and year in pagu and pagu.at[program_id, year] == gap:
                yield Finding(
                    "program-not-in-total",
                    f"TOTAL {year} tertulis kurang {fmt.rupiah(gap)} = pagu {name}: program "
                    "ini tidak ikut dijumlahkan",
                    locate(frame, row, "nilai"),
                    declared=int(value),
                    computed=None if grand is None or pd.isna(grand) else int(grand),
                    table=str(table),
                    row_label=name,
                )


def _baselines(dataset: Dataset, derived: Derived) -> Iterator[Finding]:
    """The transition-year targets are the baselines of the plan matrix (T-C.27)."""
    first, plan = derived.matrices.get(TRANSITION_MATRIX), derived.matrices.get(MATRIX)
    if first is None or plan is None or not first.years:
        return
    year = first.years[-1]
    targets = first.targets[first.targets[YEAR] == year]
    earlier = {
        key: quantity(value, unit)
        for key, value, unit in zip(
            _indicator_keys(first).reindex(targets.index),
            plain(targets["target"]),
            plain(targets["target_satuan"]),
            strict=True,
        )
    }
    sheet = dataset.frame(plan.indicators_sheet)
    names = dict(zip(plain(plan.nodes["id"]), plain(plan.nodes["nama"]), strict=True))
    indicators = plan.indicators
    for row, key, node, name, value, unit in zip(
        indicators.index,
        _indicator_keys(plan),
        plain(indicators["id_node"]),
        plain(indicators["indikator"]),
        plain(indicators["baseline"]),
        plain(indicators["baseline_satuan"]),
        strict=True,
    ):
        target, baseline = earlier.get(key), quantity(value, unit)
        if target is None or baseline is None or baseline.value == target.value:
            continue
        yield Finding(
            "baseline-mismatch",
            f"baseline {fmt.kuantitas(baseline)} berbeda dengan target {year} pada matriks "
            f"tahun transisi ({fmt.kuantitas(target)})",
            locate(sheet, row, "baseline"),
            declared=baseline.value,
            computed=target.value,
            table=MATRIX,
            row_label=f"{names[node]}: {name}",
        )


def _indicator_keys(matrix: Matrix) -> pd.Series:
    """(node code or name, indicator name) of each indicator row, normalised for matching."""
    nodes = matrix.nodes
    labels = plain(nodes["kode"].fillna(nodes["nama"]))
    node_key = dict(zip(plain(nodes["id"]), map(_key, labels), strict=True))
    owners = [node_key.get(n) for n in plain(matrix.indicators["id_node"])]
    names = [_key(n) if isinstance(n, str) else None for n in plain(matrix.indicators["indikator"])]
    return pd.Series(list(zip(owners, names, strict=True)), index=matrix.indicators.index)


def _matrix_rows(dataset: Dataset, matrix: Matrix, units: set[str]) -> Iterator[Finding]:
    nodes, frame = matrix.nodes.sort_index(), dataset.frame(matrix.nodes_sheet)
    codes = nodes["kode"]
    first_row = codes.dropna().reset_index().drop_duplicates("kode").set_index("kode")["baris"]
    for row in nodes.index[codes.notna() & codes.duplicated()]:
        yield _node_finding(
            "duplicate-key",
            f"kode {codes[row]} sudah dipakai di baris {first_row[codes[row]]}",
            frame,
            nodes,
            row,
            "kode",
            matrix.table,
            value=codes[row],
        )
    unit_kerja = nodes["unit_kerja"]
    unknown = [isinstance(u, str) and _key(u) not in units for u in unit_kerja.astype(object)]
    for row in nodes.index[unknown]:
        yield _node_finding(
            "unknown-unit-kerja",
            f"unit kerja '{unit_kerja[row]}' tidak ada di struktur organisasi",
            frame,
            nodes,
            row,
            "unit_kerja",
            matrix.table,
            value=unit_kerja[row],
        )
    for row in nodes.index[~nodes["id"].isin(matrix.indicators["id_node"])]:
        level = nodes.at[row, "level"].lower()
        yield _node_finding(
            "program-without-indicator",
            f"{level} tanpa indikator",
            frame,
            nodes,
            row,
            "nama",
            matrix.table,
        )
    with_pagu = set(matrix.data.loc[matrix.data["pagu"].notna(), "id"])
    subs = nodes[(nodes["level"] == "Sub Kegiatan") & ~nodes["id"].isin(with_pagu)]
    for row in subs.index:
        yield _node_finding(
            "node-without-pagu", "sub kegiatan tanpa pagu", frame, nodes, row, "nama", matrix.table
        )
    yield from _missing_baselines(dataset, matrix)


def _node_finding(
    code: str,
    message: str,
    frame: pd.DataFrame,
    nodes: pd.DataFrame,
    row: int,
    column: str,
    table: str,
    value: object = None,
) -> Finding:
    return Finding(
        code,
        message,
        locate(frame, row, column),
        value=value,
        table=table,
        row_label=nodes.at[row, "nama"],
    )


def _missing_baselines(dataset: Dataset, matrix: Matrix) -> Iterator[Finding]:
    indicators = matrix.indicators
    if "baseline" not in indicators:
        return
    sheet = dataset.frame(matrix.indicators_sheet)
    names = indicators["id_node"].map(matrix.nodes.set_index("id")["nama"])
    for row in indicators.index[indicators["baseline"].isna()]:
        yield Finding(
            "missing-baseline",
            "data capaian awal (baseline) kosong",
            locate(sheet, row, "baseline"),
            table=matrix.table,
            row_label=f"{names[row]}: {indicators.at[row, 'indikator']}",
        )


def _key(text: str) -> str:
    return " ".join(text.casefold().split())
