"""The shipped nomenclature lists: the compact lists follow the full ones, the bidang-by-bidang
index holds exactly what a plain read of the full list gives, codes in the pre-2021 style."""

from __future__ import annotations

import csv
import io
import os
from importlib import resources

import pytest

from renstra_docs import nomenclature as nom

FOLDER = resources.files("renstra_docs") / "data" / "nomenklatur"
UPDATE = os.environ.get("RENSTRA_UPDATE_NOMENKLATUR") == "1"


@pytest.mark.parametrize("version", nom.versions())
def test_compact_list_is_generated_from_the_full_list(version: str) -> None:
    """Regenerate with RENSTRA_UPDATE_NOMENKLATUR=1 after replacing a full list."""
    expected = nom.compact_list(version)
    path = FOLDER / nom.COMPACT_FILES[version]
    if UPDATE:
        with resources.as_file(path) as file:
            file.write_bytes(expected.encode("utf-8"))
    assert path.read_bytes().decode("utf-8") == expected


@pytest.mark.parametrize(
    "name", [*nom.VERSION_FILES.values(), *nom.COMPACT_FILES.values(), nom.CROSSWALK_FILE]
)
def test_lists_have_one_row_per_line(name: str) -> None:
    """The index finds a bidang's rows by searching line starts: no line break in a field."""
    text = (FOLDER / name).read_text(encoding="utf-8")
    assert len(list(csv.reader(io.StringIO(text)))) == len(text.splitlines())


def _plain_read(version: str, jenis_pemda: str) -> dict[str, tuple]:
    """code -> (level, name, parent, unit, generic) from the full list, the generic rows
    instantiated for every bidang of `jenis_pemda`: what the index must hold."""
    rows = [
        r
        for r in csv.DictReader(
            io.StringIO((FOLDER / nom.VERSION_FILES[version]).read_text(encoding="utf-8"))
        )
        if r["jenis_pemda"] == jenis_pemda
    ]
    bidang = {r["kode"] for r in rows if r["level"] == "bidang" and r["kode"] != nom.GENERIC}
    expected = {}
    for row in (r for r in rows if r["level"] in nom.LEVELS):
        generic = row["kode"].startswith(nom.GENERIC)
        for prefix in sorted(bidang) if generic else [None]:
            code, parent = (
                (prefix + c.removeprefix(nom.GENERIC) if prefix else c)
                for c in (row["kode"], row["kode_induk"])
            )
            unit = " ".join(row["satuan"].split()) or None
            level, name = nom.LEVELS[row["level"]], " ".join(row["nama"].split())
            expected[code] = (level, name, parent, unit, generic)
    return expected


@pytest.mark.parametrize(
    ("version", "jenis_pemda"), [("2023", nom.KABKOT), ("2027", nom.KABKOT), ("2027", nom.PROV)]
)
def test_index_holds_every_row_of_the_full_list(version: str, jenis_pemda: str) -> None:
    index = nom.nomenclature(version, jenis_pemda)
    held = {
        code: (e.level, e.name, e.parent, e.unit, e.generic) for code, e in index.entries.items()
    }
    assert held == _plain_read(version, jenis_pemda)
    assert all(e.version == version for e in index.entries.values())


def test_every_bidang_has_its_support_program_in_both_versions() -> None:
    for version in nom.versions():
        index = nom.nomenclature(version)
        for bidang in ("1.01", "1.02", "2.17", "3.27", "7.01"):
            program = index.get(f"{bidang}.01")
            assert program is not None and program.generic, (version, bidang)
            assert program.name == "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA"
            assert [e.code for e in index.children[bidang]][0] == f"{bidang}.01"
            gaji = index.get(f"{bidang}.01.2.02.0001")
            assert (gaji.name, gaji.parent) == (
                "Penyediaan Gaji dan Tunjangan ASN",
                f"{bidang}.01.2.02",
            )


def test_codes_outside_the_lists_are_unknown() -> None:
    index = nom.nomenclature("2027")
    assert "9.99.01" not in index  # no bidang 9.99: no support program either
    assert "X.XX.01" not in index  # the generic rows are not codes themselves
    assert index.get("1.06.01.2.02.0001.7") is None
    assert index.children.get("9.99", ()) == ()


def test_provinsi_rows_are_one_parameter_away() -> None:
    prov = nom.nomenclature("2027", nom.PROV)
    assert prov.get("1.06.01").name == "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH PROVINSI"
    assert prov.get("1.06.03.1.01").level == "Kegiatan"  # a provinsi kegiatan
    assert prov.get("1.06.01.1.02.0001").name == "Penyediaan Gaji dan Tunjangan ASN"
    assert "1.06.03.1.01" not in nom.nomenclature("2027")
    with pytest.raises(ValueError, match="nomenklatur versi 2023 tidak memuat baris PROV"):
        nom.nomenclature("2023", nom.PROV)


def test_a_lookup_reads_one_bidang_not_the_whole_list() -> None:
    for cached in (nom.nomenclature, nom._bidang, nom._bidang_codes):
        cached.cache_clear()
    assert nom.nomenclature("2027").get("3.27.07.2.01.0010") is not None
    assert nom._bidang.cache_info().currsize == 1  # bidang 3.27 of version 2027 only
    assert nom._bidang_codes.cache_info().currsize == 0  # the list of every bidang: not read


@pytest.mark.parametrize(
    ("typed", "today"),
    [
        ("01.05.02.2.01.03", "1.05.02.2.01.0003"),
        ("1.06.04.2.01.01", "1.06.04.2.01.0001"),
        ("01.06.04.2.01", "1.06.04.2.01"),
        ("01.06", "1.06"),
        ("1.06.04.2.01.0001", "1.06.04.2.01.0001"),  # today's style: unchanged
        ("1.06.04.2.01.001", "1.06.04.2.01.001"),  # three digits: a typo, not an old style
        ("10.06.04", "10.06.04"),
        ("abc", "abc"),
    ],
)
def test_normalise_code(typed: str, today: str) -> None:
    assert nom.normalise_code(typed) == today


def test_resolve_prefers_the_project_version_then_the_other_one() -> None:
    same = nom.resolve("1.06.05.2.02.0002", "2023")
    assert (same.code, same.entry.version, same.old_style) == ("1.06.05.2.02.0002", "2023", False)
    other = nom.resolve("1.06.05.2.02.0008", "2023")
    assert (other.entry.version, other.entry.unit) == ("2027", "Usulan")
    old = nom.resolve("01.05.02.2.01.03", "2027")
    assert (old.code, old.entry.version, old.old_style) == ("1.05.02.2.01.0003", "2027", True)
    assert old.entry.name == (
        "Koordinasi Penyelenggaraan Ketentraman dan Ketertiban Umum serta Perlindungan "
        "Masyarakat Tingkat Kabupaten/Kota"
    )
    nothing = nom.resolve("1.06.04.2.01.99", "2023")
    assert (nothing.code, nothing.entry, nothing.old_style) == ("1.06.04.2.01.0099", None, True)
