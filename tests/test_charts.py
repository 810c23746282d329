"""Charts: PNG bytes, deterministic, cached by data, organisation layout from the unit tree."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from renstra_docs.render import charts
from renstra_docs.tables.model import Chart, Figure

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


@pytest.mark.parametrize("helpers", [0, 1, 2])
def test_draw_all_gives_the_same_pngs_in_order(tmp_path, monkeypatch, helpers):
    """Several charts at once (here, or shared round robin with helpers forked from this
    process): each PNG as `draw` gives it, in the order asked, and cached."""
    monkeypatch.setattr(charts, "_HELPERS", [charts._Helper() for _ in range(helpers)])
    asked = [("org", ORG), ("bars", BARS), ("line", LINE), ("bars", {**BARS, "title": "B"})]
    pngs = charts.draw_all(asked, tmp_path)
    assert pngs == [charts.draw(kind, data, None) for kind, data in asked]
    assert sorted(p.name.split("-")[0] for p in tmp_path.glob("*.png")) == [
        "bars",
        "bars",
        "line",
        "org",
    ]


def test_a_helper_error_is_raised_in_the_worker_and_a_gone_helper_is_replaced(monkeypatch):
    helper = charts._Helper()
    monkeypatch.setattr(charts, "_HELPERS", [helper])
    with pytest.raises(ValueError, match="unknown chart kind: pie"):
        charts.draw_all([("bars", BARS), ("pie", {})])
    helper.process.kill()
    helper.process.join()
    assert charts.draw_all([("bars", BARS), ("line", LINE)]) == [
        charts.draw("bars", BARS),
        charts.draw("line", LINE),
    ]


def test_the_matplotlib_version_of_the_cache_key_is_the_installed_one():
    from importlib.metadata import version

    assert charts._matplotlib_version() == version("matplotlib")


def test_painted_later_draws_only_what_is_not_cached(tmp_path):
    figures = {
        "2.3": Figure("2.3", "Pegawai", chart=Chart("bars", BARS)),
        "2.9": Figure("2.9", "PMKS", chart=Chart("line", LINE)),
        "2.1": Figure("2.1", "Struktur", placeholder="belum ada"),
    }
    cached = charts.draw("bars", BARS, tmp_path)
    later = charts.paint_later(figures, tmp_path)
    assert later.pending["2.3"].png is None
    painted = later.result()
    assert painted["2.3"].png == cached and painted["2.9"].png == charts.draw("line", LINE)
    assert painted["2.1"] == figures["2.1"] and painted["2.3"].chart is None
    charts.release_worker()


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


def modules_loaded_by(statement: str) -> list[str]:
    """Which of matplotlib, python-docx and our tables a fresh interpreter has imported."""
    code = (
        f"import json, sys; {statement}; print(json.dumps("
        "[m for m in ('renstra_docs.tables', 'docx', 'matplotlib') if m in sys.modules]))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    return json.loads(result.stdout)


def test_matplotlib_is_imported_only_to_draw():
    """Building tables and cache keys does not import matplotlib."""
    statement = (
        "import renstra_docs.tables; from renstra_docs.render import charts; "
        "charts.cache_key('bars', {})"
    )
    assert "matplotlib" not in modules_loaded_by(statement)


def test_charts_module_is_light_to_import():
    """The CLI imports it to fork the chart worker before the pipeline's own imports."""
    assert modules_loaded_by("from renstra_docs.render import charts") == []
