"""Load every workbook of `source_tables/` into one `Renstra` dataset.

Reading is strict (see read.py); here the rows become typed objects and the references between
them are resolved: parents of matrix rows and organisation units, the owners of indicators, the
strategies of policies. A reference that does not resolve is an error finding naming its cell.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ..config import Config
from ..findings import Finding, RenstraError
from ..model import (
    Asset,
    BudgetRow,
    Count,
    Declared,
    Goal,
    GoalIndicator,
    Indicator,
    Item,
    Matrix,
    Mission,
    Node,
    OrgUnit,
    PeriodEndIndicator,
    PmksRow,
    Policy,
    Renstra,
    ServiceIndicator,
    StaffStatus,
    Stat,
    Strategy,
    SwotItem,
)
from .normalise import Quantity
from .read import Row, SheetData, WorkbookData, read_workbook
from .schema import BAB1, BAB2, BAB6, WORKBOOKS

PARENT_LEVEL = {"Kegiatan": "Program", "Sub Kegiatan": "Kegiatan"}


def read_all(source_dir: Path) -> dict[str, WorkbookData]:
    """Read every workbook; the first unusable file raises RenstraError."""
    return {
        schema.stem: read_workbook(source_dir / schema.filename, schema) for schema in WORKBOOKS
    }


def load(config: Config, source_dir: Path | None = None) -> Renstra:
    books = read_all(source_dir or config.source_dir)
    findings = [f for book in books.values() for f in book.findings]
    sheets = {name: data for book in books.values() for name, data in book.sheets.items()}
    bab2 = books[BAB2.stem].sheets
    renstra = Renstra(
        config=config,
        legal_basis=[r["peraturan"] for r in books[BAB1.stem].sheets["landasan_hukum"].rows],
        org_units=_org_units(bab2["unit_organisasi"], bab2["tugas_unit"], findings),
        staff_by_position=[
            Count(r["jenis_jabatan"], r["jumlah"], r) for r in bab2["pegawai_jabatan"].rows
        ],
        staff_by_status=[
            StaffStatus(r["jenis_kelamin"], r["status"], r["jumlah"], r)
            for r in bab2["pegawai_status"].rows
        ],
        staff_by_grade=[
            Count(r["golongan"], r["jumlah"], r) for r in bab2["pegawai_golongan"].rows
        ],
        assets=[Asset(r["nama_aset"], r["jumlah"], r["satuan"], r) for r in bab2["aset"].rows],
        service_indicators=[_service_indicator(r) for r in bab2["kinerja_pelayanan"].rows],
        service_years=tuple(bab2["kinerja_pelayanan"].years["target"]),
        period_end_indicators=[
            PeriodEndIndicator(
                r["indikator"],
                r["satuan"],
                r["polaritas"],
                r["target_akhir"],
                r["realisasi"],
                r["tingkat_kemajuan"],
                r,
            )
            for r in bab2["kinerja_akhir_periode"].rows
        ],
        pmks_assisted=[_pmks(r) for r in bab2["pmks_dibantu"].rows],
        pmks_handled=[_pmks(r) for r in bab2["pmks_ditangani"].rows],
        pmks_years=tuple(bab2["pmks_dibantu"].years["target"]),
        budget=[_budget(r) for r in bab2["anggaran_realisasi"].rows],
        budget_years=tuple(bab2["anggaran_realisasi"].years["anggaran"]),
        pmks_totals={
            r["tahun"]: r["jumlah_pmks"]
            for r in bab2["pmks_jumlah"].rows
            if r["tahun"] is not None and r["jumlah_pmks"] is not None
        },
        challenges=[
            Item(r["jenis"], r["judul"], r["uraian"], r) for r in bab2["tantangan_peluang"].rows
        ],
        stats={
            r["kunci"]: Stat(r["kunci"], r["uraian"], r["nilai"], r["satuan"], r["sumber"], r)
            for r in bab2["statistik_wilayah"].rows
            if r["kunci"] and r["nilai"] is not None
        },
        declared=[
            d for stem in (BAB2.stem, BAB6.stem) for d in _declared(books[stem].sheets["deklarasi"])
        ],
        lists=_lists(sheets["daftar"]),
        vision=next((r["uraian"] for r in sheets["visi_misi"].rows if r["jenis"] == "Visi"), None),
        missions=[
            Mission(r["no"], r["uraian"], r["terkait"] == "Ya", r)
            for r in sheets["visi_misi"].rows
            if r["jenis"] == "Misi"
        ],
        table_3_1=[{k: v for k, v in r.values.items()} for r in sheets["tabel_3_1"].rows],
        goals=[
            Goal(r["id"], r["jenis"], r["induk"], r["uraian"], r)
            for r in sheets["tujuan_sasaran"].rows
        ],
        goal_indicators=[
            GoalIndicator(
                r["id"],
                r["pemilik"],
                r["indikator"],
                r["formula"],
                r["satuan"],
                r["polaritas"],
                r["target"],
                r,
            )
            for r in sheets["indikator_tujuan"].rows
        ],
        goal_years=tuple(sheets["indikator_tujuan"].years["target"]),
        swot=[SwotItem(r["id"], r["jenis"], r["uraian"], r) for r in sheets["swot"].rows],
        strategies=[
            Strategy(r["id"], r["uraian"], r["kuadran"], r["sasaran"], r["penjelasan"], r)
            for r in sheets["strategi"].rows
        ],
        policies=[
            Policy(r["id"], r["strategi"], r["perspektif"], r["uraian"], r["program"], r)
            for r in sheets["kebijakan"].rows
        ],
        matrices={
            "6.1": _matrix("6.1", sheets["matriks_2021"], sheets["indikator_2021"], findings),
            "6.2": _matrix(
                "6.2", sheets["matriks_2022_2026"], sheets["indikator_2022_2026"], findings
            ),
        },
    )
    _check_references(renstra, config, findings)
    renstra.findings = findings
    return renstra


def load_strict(config: Config, source_dir: Path | None = None) -> Renstra:
    """Load, and raise RenstraError when any error finding makes the data unusable."""
    renstra = load(config, source_dir)
    errors = [f for f in renstra.findings if f.is_error]
    if errors:
        raise RenstraError(errors)
    return renstra


# ---------------------------------------------------------------- builders


def _service_indicator(r: Row) -> ServiceIndicator:
    return ServiceIndicator(
        r["indikator"],
        r["satuan"],
        r["polaritas"],
        r["target_nspk"],
        r["target_ikk"],
        r["target_indikator_lainnya"],
        r["target"],
        r["realisasi"],
        r["rasio"],
        r,
    )


def _pmks(r: Row) -> PmksRow:
    return PmksRow(r["jenis_pmks"], r["satuan"], r["target"], r["realisasi"], r)


def _budget(r: Row) -> BudgetRow:
    return BudgetRow(
        r["uraian"],
        r["anggaran"],
        r["realisasi"],
        r["rasio"],
        r["pertumbuhan_anggaran"],
        r["pertumbuhan_realisasi"],
        r,
    )


def _declared(sheet: SheetData) -> list[Declared]:
    return [
        Declared(r["tabel"], r["kunci"], r["nilai"], r["keterangan"], r)
        for r in sheet.rows
        if r["tabel"] and r["kunci"] and r["nilai"] is not None
    ]


def _lists(sheet: SheetData) -> dict[str, list[str]]:
    lists: dict[str, list[str]] = {}
    for r in sheet.rows:
        if r["daftar"] and r["uraian"]:
            lists.setdefault(r["daftar"], []).append(r["uraian"])
    return lists


def _org_units(units: SheetData, duties: SheetData, findings: list[Finding]) -> list[OrgUnit]:
    by_id = {
        r["id"]: OrgUnit(
            r["id"],
            r["nama_unit"],
            r["induk"],
            r["jenis"],
            r["jabatan_pimpinan"],
            r["uraian"],
            [],
            r,
        )
        for r in units.rows
        if r["id"]
    }
    for r in duties.rows:
        unit = by_id.get(r["id_unit"])
        if unit is None:
            if r["id_unit"]:
                findings.append(_unknown(r, "id_unit", r["id_unit"], "unit_organisasi"))
        elif r["uraian_tugas"]:
            unit.duties.append(r["uraian_tugas"])
    for unit in by_id.values():
        if unit.parent is None:
            continue
        parent = by_id.get(unit.parent)
        if parent is None:
            findings.append(
                Finding(
                    "unknown-parent",
                    f"unit induk '{unit.parent}' tidak ada",
                    unit.row.loc("induk"),
                    value=unit.parent,
                )
            )
        else:
            parent.children.append(unit)
    return list(by_id.values())


def _matrix(
    table: str, nodes_sheet: SheetData, indicator_sheet: SheetData, findings: list[Finding]
) -> Matrix:
    years = tuple(nodes_sheet.years["pagu"])
    nodes = [
        Node(
            r["id"],
            r["induk"],
            r["level"],
            r["kode"],
            r["nama"],
            r["tujuan"],
            r["sasaran"],
            r["pagu"],
            r["pagu_tertulis"],
            r["pagu_tertulis_akhir"],
            r["unit_kerja"],
            r["lokasi"],
            r,
        )
        for r in nodes_sheet.rows
        if r["id"] and r["level"] and r["nama"]
    ]
    by_id: dict[str, Node] = {}
    for node in nodes:
        by_id.setdefault(node.id, node)
    for node in nodes:
        _attach(node, by_id, findings)
    for r in indicator_sheet.rows:
        owner = by_id.get(r["id_node"])
        if owner is None:
            if r["id_node"]:
                findings.append(_unknown(r, "id_node", r["id_node"], nodes_sheet.schema.name))
            continue
        owner.indicators.append(
            Indicator(
                owner.id,
                r["indikator"],
                r["satuan"],
                r["aturan_akhir"],
                r.get("baseline"),
                r["target"],
                r.get("target_akhir_tertulis"),
                r,
            )
        )
    return Matrix(table, years, nodes, nodes_sheet.schema.name)


def _attach(node: Node, by_id: dict[str, Node], findings: list[Finding]) -> None:
    expected = PARENT_LEVEL.get(node.level)
    if expected is None:  # a program
        if node.parent_id:
            findings.append(
                Finding(
                    "wrong-parent-level",
                    "program tidak boleh memiliki induk",
                    node.row.loc("induk"),
                    value=node.parent_id,
                )
            )
        if any(v is not None for v in node.pagu.values()):
            findings.append(_pagu_on_parent(node))
        return
    if node.level == "Kegiatan" and any(v is not None for v in node.pagu.values()):
        findings.append(_pagu_on_parent(node))
    parent = by_id.get(node.parent_id or "")
    if parent is None:
        findings.append(
            Finding(
                "unknown-parent",
                f"{node.level.lower()} '{node.name}' merujuk "
                f"induk '{node.parent_id or ''}' yang tidak ada",
                node.row.loc("induk"),
                value=node.parent_id,
                row_label=node.name,
            )
        )
    elif parent.level != expected:
        findings.append(
            Finding(
                "wrong-parent-level",
                f"induk {node.level.lower()} harus "
                f"{expected.lower()}, bukan {parent.level.lower()}",
                node.row.loc("induk"),
                value=node.parent_id,
                row_label=node.name,
            )
        )
    else:
        parent.children.append(node)


def _pagu_on_parent(node: Node) -> Finding:
    year = next(y for y, v in node.pagu.items() if v is not None)
    return Finding(
        "pagu-on-parent",
        f"pagu diisi pada baris {node.level.lower()} '{node.name}'",
        node.row.loc("pagu", year),
        row_label=node.name,
    )


def _unknown(row: Row, key: str, value: str, target: str) -> Finding:
    return Finding(
        "unknown-reference", f"'{value}' tidak ada di sheet {target}", row.loc(key), value=value
    )


def _check_references(renstra: Renstra, config: Config, findings: list[Finding]) -> None:
    goal_ids = {g.id for g in renstra.goals}
    strategy_ids = {s.id for s in renstra.strategies}
    checks: list[tuple[list, str, Callable, set[str], str]] = [
        (renstra.goals, "induk", lambda g: g.parent, goal_ids, "tujuan_sasaran"),
        (renstra.goal_indicators, "pemilik", lambda i: i.owner, goal_ids, "tujuan_sasaran"),
        (renstra.strategies, "sasaran", lambda s: s.target_id, goal_ids, "tujuan_sasaran"),
        (renstra.policies, "strategi", lambda p: p.strategy_id, strategy_ids, "strategi"),
    ]
    for matrix in renstra.matrices.values():
        checks.append((matrix.nodes, "tujuan", lambda n: n.goal_id, goal_ids, "tujuan_sasaran"))
        checks.append((matrix.nodes, "sasaran", lambda n: n.target_id, goal_ids, "tujuan_sasaran"))
    for objects, key, get, known, target in checks:
        for obj in objects:
            value = get(obj)
            if value and value not in known:
                findings.append(_unknown(obj.row, key, value, target))
    plan = renstra.matrices["6.2"].years
    if plan and plan != config.plan_years:
        findings.append(
            Finding(
                "year-columns",
                f"tahun matriks {plan} tidak sama dengan renstra.toml {config.plan_years}",
                renstra.matrices["6.2"].nodes[0].row.loc("pagu", plan[0])
                if renstra.matrices["6.2"].nodes
                else None,
            )
        )


def quantity_or_none(value: Quantity | None) -> Quantity:
    return value if value is not None else Quantity(None)
