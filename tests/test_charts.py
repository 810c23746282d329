"""Charts: PNG bytes, deterministic, cached by data, organisation layout from the unit tree."""

from __future__ import annotations

import subprocess
import sys

import pytest

from renstra_docs.render import charts

BARS = {
    "categories": ["Laki-laki", "Perempuan"],
    "series": [{"label": "PNS", "values": [18, 21]}, {"label": "Tenaga Kontrak", "values": [6, 9]}],
    "y_label": "Jumlah pegawai (orang)",
    "value_labels": True,
    "y_format": "count",
}
PAGU = {
    "categories": ["2022", "2023"],
    "series": [{"label": "Program Penanganan Bencana", "values": [1_221_503_725, None]}],
    "y_label": "Pagu indikatif (miliar rupiah)",
    "y_format": "miliar",
}
LINE = {"x": ["2019", "2020", "2021"], "y": [390_000, 383_754, 380_100], "y_label": "PMKS"}
ORG = {
    "root": {
        "name": "Dinas Sosial",
        "kind": "Dinas",
        "children": [
            {
                "name": "Sekretariat",
                "kind": "Sekretariat",
                "children": [{"name": "Sub Bagian Keuangan", "kind": "Sub Bagian", "children": []}],
            },
            {
                "name": "Bidang Rehabilitasi Sosial",
                "kind": "Bidang",
                "children": [
                    {"name": "Seksi Rehabilitasi Tuna Sosial", "kind": "Seksi", "children": []}
                ],
            },
            {"name": "Unit Pelaksana Teknis", "kind": "UPT", "children": []},
            {
                "name": "Kelompok Jabatan Fungsional",
                "kind": "Kelompok Jabatan Fungsional",
                "children": [],
            },
        ],
    }
}


@pytest.mark.parametrize(
    ("kind", "data"), [("bars", BARS), ("bars", PAGU), ("line", LINE), ("org", ORG)]
)
def test_draw_gives_identical_png_bytes(kind, data):
    first = charts.draw(kind, data, None)
    assert first.startswith(b"\x89PNG")
    assert charts.draw(kind, data, None) == first
    assert b"Software" not in first[:200] and b"Matplotlib" not in first


def test_cache_is_keyed_by_data(tmp_path):
    png = charts.draw("bars", BARS, tmp_path)
    cached = list(tmp_path.glob("bars-*.png"))
    assert len(cached) == 1 and cached[0].read_bytes() == png
    cached[0].write_bytes(b"\x89PNG cached")  # an unchanged chart is read, not redrawn
    assert charts.draw("bars", BARS, tmp_path) == b"\x89PNG cached"
    changed = {**BARS, "series": [{"label": "PNS", "values": [19, 21]}]}
    assert charts.draw("bars", changed, tmp_path).startswith(b"\x89PNG\r\n")
    assert len(list(tmp_path.glob("bars-*.png"))) == 2


def test_unknown_kind_is_refused():
    with pytest.raises(ValueError):
        charts.draw("pie", {}, None)


def test_org_layout_places_every_unit():
    items = charts.org_layout(ORG["root"])
    boxes = {b["text"]: b for b in items if b["type"] == "box"}
    assert set(boxes) == {
        "Dinas Sosial",
        "Sekretariat",
        "Sub Bagian Keuangan",
        "Bidang Rehabilitasi Sosial",
        "Seksi Rehabilitasi Tuna Sosial",
        "Unit Pelaksana Teknis",
        "Kelompok Jabatan Fungsional",
    }
    root, secretariat = boxes["Dinas Sosial"], boxes["Sekretariat"]
    assert root["y"] > boxes["Unit Pelaksana Teknis"]["y"] > secretariat["y"]
    assert secretariat["y"] > boxes["Sub Bagian Keuangan"]["y"]
    assert secretariat["y"] == boxes["Bidang Rehabilitasi Sosial"]["y"]
    assert boxes["Kelompok Jabatan Fungsional"]["dashed"]
    left, right = boxes["Kelompok Jabatan Fungsional"], boxes["Unit Pelaksana Teknis"]
    assert left["x"] < root["x"] < right["x"]


def test_matplotlib_is_imported_only_to_draw():
    """Building tables and cache keys does not import matplotlib (a fresh interpreter)."""
    code = (
        "import sys; import renstra_docs.tables; from renstra_docs.render import charts; "
        "charts.cache_key('bars', {}); print('matplotlib' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"
