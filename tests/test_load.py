"""The shipped workbooks, read back: real values of the seed (issue 2)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest

from renstra_docs.config import load_config
from renstra_docs.model import Dataset, load

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    return load(load_config(ROOT))


def _node(dataset: Dataset, name: str, sheet: str = "matriks") -> pd.Series:
    nodes = dataset.frames[sheet]
    return nodes[nodes["nama"] == name].iloc[0]


def _yearly(dataset: Dataset, sheet: str, row: int, column: str) -> dict[int, object]:
    values = dataset.per_year[sheet].loc[[row]]
    return dict(zip(values["tahun"], values[column], strict=True))


def test_no_errors_in_shipped_tables(dataset: Dataset) -> None:
    assert [f.line() for f in dataset.findings if f.is_error] == []


def test_staff_by_position_adds_to_54(dataset: Dataset) -> None:
    counts = list(dataset.frames["pegawai_jabatan"]["jumlah"])
    assert counts == [1, 1, 4, 3, 11, 5, 14, 15]
    assert sum(counts) == 54


def test_staff_by_status_matches_narrative(dataset: Dataset) -> None:
    frame = dataset.frames["pegawai_status"]
    keys = zip(frame["jenis_kelamin"], frame["status"], strict=True)
    cells = dict(zip(keys, frame["jumlah"], strict=True))
    assert cells == {
        ("Laki-laki", "PNS"): 18,
        ("Laki-laki", "Tenaga Kontrak"): 6,
        ("Perempuan", "PNS"): 21,
        ("Perempuan", "Tenaga Kontrak"): 9,
    }


def test_salary_pagu_2022(dataset: Dataset) -> None:
    node = _node(dataset, "Penyediaan Gaji dan Tunjangan ASN")
    assert node["level"] == "Sub Kegiatan"
    pagu = _yearly(dataset, "matriks", node.name, "pagu")
    assert pagu[2022] == 3_966_449_000
    assert str(dataset.per_year["matriks"]["pagu"].dtype) == "Int64"


@pytest.mark.parametrize(
    ("sheet", "programs", "kegiatan", "subs"),
    [("matriks_transisi", 5, 13, 31), ("matriks", 6, 14, 43)],
)
def test_matrix_counts(
    dataset: Dataset, sheet: str, programs: int, kegiatan: int, subs: int
) -> None:
    levels = dataset.frames[sheet]["level"].value_counts()
    assert (levels["Program"], levels["Kegiatan"], levels["Sub Kegiatan"]) == (
        programs,
        kegiatan,
        subs,
    )


def test_every_sub_kegiatan_pagu_of_penanganan_bencana(dataset: Dataset) -> None:
    nodes = dataset.frames["matriks"]
    program = _node(dataset, "PROGRAM PENANGANAN BENCANA")["id"]
    kegiatan = set(nodes.loc[nodes["induk"] == program, "id"])
    subs = nodes[nodes["induk"].isin(kegiatan)]
    found = {
        name: [int(v) for v in _yearly(dataset, "matriks", row, "pagu").values()]
        for row, name in subs["nama"].items()
    }
    assert found == {
        "Penyediaan Makanan": [424_620_725, 494_389_663, 596_676_258, 578_923_485, 564_838_866],
        "Penyediaan Sandang": [15_000_000] * 5,
        "Penanganan khusus bagi kelompok rentan": [30_000_000] * 5,
        "Pelayanan Dukungan Psikososial": [15_000_000] * 5,
        "Koordinasi, Sosialisasi dan Pelaksanaan Kampung Siaga Bencana": [
            340_381_000,
            350_295_000,
            360_209_000,
            370_123_000,
            380_599_000,
        ],
        "Koordinasi, Sosialisasi dan Pelaksanaan Taruna Siaga Bencana": [
            396_502_000,
            408_051_000,
            419_599_000,
            431_148_000,
            443_350_000,
        ],
    }


def test_declared_values_are_kept_apart(dataset: Dataset) -> None:
    row = _node(dataset, "PROGRAM PENANGANAN BENCANA").name
    assert _yearly(dataset, "matriks", row, "pagu_tertulis")[2022] == 1_221_503_725
    assert all(pd.isna(v) for v in _yearly(dataset, "matriks", row, "pagu").values())


def test_budget_row_and_declared_ratio(dataset: Dataset) -> None:
    frame = dataset.frames["anggaran_realisasi"]
    row = frame.index[0]
    assert frame.at[row, "uraian"] == "Belanja Lanjutan"
    assert _yearly(dataset, "anggaran_realisasi", row, "anggaran")[2019] == 9_677_403_097
    assert _yearly(dataset, "anggaran_realisasi", row, "realisasi")[2019] == 8_836_871_162
    assert str(_yearly(dataset, "anggaran_realisasi", row, "rasio")[2019]) == "91.1"


def test_percent_and_unit_cells(dataset: Dataset) -> None:
    service = dataset.per_year["kinerja_pelayanan"].loc[2].set_index("tahun")
    assert service.at[2016, "realisasi"] == Decimal("4.44")
    assert service.at[2016, "realisasi_satuan"] == "%"
    node = _node(dataset, "Penyediaan Gaji dan Tunjangan ASN")
    indicators = dataset.frames["indikator"]
    indicator = indicators[indicators["id_node"] == node["id"]].iloc[0]
    assert _yearly(dataset, "indikator", indicator.name, "target")[2022] == 38
    assert indicator["satuan"].lower() == "orang"


def test_assets_follow_indonesian_reading(dataset: Dataset) -> None:
    land = dataset.frames["aset"].iloc[0]
    assert (land["nama_aset"], land["jumlah"], land["satuan"]) == ("Tanah", 1680, "Meter Persegi")


def test_empty_project_sheet_is_an_empty_typed_frame(dataset: Dataset) -> None:
    frame = dataset.frames["pmks_jumlah"]  # declared in renstra.toml ([[gambar]])
    assert frame.empty
    assert {str(t) for t in frame.dtypes} == {"Int64"}


def _validations(sheet) -> dict[str, tuple[str, str]]:
    """Column header -> (list formula, error style; absent means "stop") of each drop-down."""
    headers = {cell.column_letter: cell.value for cell in sheet[1]}
    found = {}
    for validation in sheet.data_validations.dataValidation:
        for cell_range in validation.sqref.ranges:
            letter = str(cell_range).split(":")[0].rstrip("0123456789")
            found[headers[letter]] = (validation.formula1, validation.errorStyle or "stop")
    return found


def test_shipped_workbooks_have_drop_downs() -> None:
    from openpyxl import load_workbook

    book = load_workbook(ROOT / "source_tables" / "bab6_program.xlsx")
    matrix = _validations(book["matriks"])
    assert matrix["Level"] == ('"Program,Kegiatan,Sub Kegiatan"', "stop")
    indicators = _validations(book["indikator"])
    assert indicators["Aturan Akhir"][1] == "stop"
    formula, style = indicators["Satuan"]  # units: suggested, other values still allowed
    assert style == "warning" and "orang" in formula and "%" in formula
    staff = _validations(
        load_workbook(ROOT / "source_tables" / "bab2_gambaran_pelayanan.xlsx")["kinerja_pelayanan"]
    )
    assert staff["Polaritas"] == ('"Positif,Negatif"', "stop")


# -------------------------------------------------------- the largest sheet read by a child


def _load_with_children(monkeypatch: pytest.MonkeyPatch, project: Path, aside: bool) -> Dataset:
    from renstra_docs.sources import load as reading

    monkeypatch.setattr(reading, "ASIDE_BYTES", 1 if aside else 1 << 40)
    return load(load_config(project))


def test_a_sheet_read_by_a_child_gives_the_same_dataset(monkeypatch: pytest.MonkeyPatch):
    """Every workbook's largest sheet read in a forked child (the threshold lowered so that
    the shipped workbooks take that path): the same frames, origins and findings in order."""
    from conftest import ROOT

    from renstra_docs.sources import load as reading

    started = []

    class Counted(reading.Aside):
        def __init__(self, task):
            started.append(task)
            super().__init__(task)

    monkeypatch.setattr(reading, "Aside", Counted)
    alone = _load_with_children(monkeypatch, ROOT, aside=False)
    assert started == []
    shared = _load_with_children(monkeypatch, ROOT, aside=True)
    assert len(started) >= 3  # bab2, bab6 and others have more than one sheet
    assert list(shared.frames) == list(alone.frames)
    for name, frame in alone.frames.items():
        pd.testing.assert_frame_equal(shared.frames[name], frame)
        assert shared.frames[name].attrs == frame.attrs
    for name, frame in alone.per_year.items():
        pd.testing.assert_frame_equal(shared.per_year[name], frame)
    assert shared.header_years == alone.header_years
    assert shared.findings == alone.findings and len(alone.findings) > 0


def test_errors_of_sheets_read_apart_are_raised_in_sheet_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """The matrix workbook broken in its largest sheet (read by the child) and in a later one:
    the error raised is the earlier sheet's, as without the child."""
    import zipfile

    from conftest import copy_project
    from openpyxl import load_workbook

    from renstra_docs.findings import RenstraError
    from renstra_docs.sources.schema import BAB6

    project = copy_project(tmp_path / "project")
    path = project / "source_tables" / BAB6.filename
    with zipfile.ZipFile(path) as archive:
        book = load_workbook(path)
        sizes = {
            ws.title: archive.getinfo(f"xl/worksheets/sheet{i}.xml").file_size
            for i, ws in enumerate(book.worksheets, start=1)
        }
    largest = max(sizes, key=sizes.__getitem__)
    names = [sheet.name for sheet in BAB6.sheets]
    later = next(n for n in names[names.index(largest) + 1 :] if book[n].max_column > 1)
    for name in (largest, later):
        book[name]["A1"] = book[name]["B1"].value  # a header twice: the sheet cannot be read
    book.save(path)
    raised = []
    for aside in (False, True):
        with pytest.raises(RenstraError) as error:
            _load_with_children(monkeypatch, project, aside)
        raised.append(str(error.value))
    assert raised[0] == raised[1]
    assert f"{BAB6.filename} › {largest}" in raised[0] and "header-duplicate" in raised[0]
