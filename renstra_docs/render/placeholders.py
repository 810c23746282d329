"""The {{ placeholders }} of the chapter texts: every value a text may quote, by an Indonesian name.

A text is written by the planning staff, so the names are theirs (`{{ instansi }}`,
`{{ pegawai.jumlah }}`, `{{ matriks.total_pagu | rupiah }}`, `{{ daftar.landasan_hukum }}`). Values
are plain records built once from the frames and the derived numbers; lists, tables and figures
are blocks of Markdown the package writes (`Markup`), and an empty one says what to fill in
("Data ... belum diisi: workbook ..., sheet ...").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from types import SimpleNamespace
from typing import Any

import pandas as pd
from markupsafe import Markup

from .. import fmt
from ..calc.derive import BUDGET, PERIOD_END, SERVICE, Derived
from ..calc.matrix import Matrix
from ..model import MATRIX, TRANSITION_MATRIX, Dataset
from ..sources.frames import UNIT_SUFFIX, YEAR, missing, plain, quantity
from ..tables.common import is_support_program
from .filters import ChapterError, awal_kecil, escape_markdown, romawi, terbilang, urutan
from .outline import CHAPTERS

Record = SimpleNamespace
SHEETS = {  # where each list of the texts is typed: (workbook, sheet)
    "landasan_hukum": ("bab1_pendahuluan.xlsx", "landasan_hukum"),
    "daftar": ("bab3_permasalahan_isu.xlsx", "daftar"),
    "visi_misi": ("bab3_permasalahan_isu.xlsx", "visi_misi"),
    "unit_organisasi": ("bab2_gambaran_pelayanan.xlsx", "unit_organisasi"),
    "tantangan_peluang": ("bab2_gambaran_pelayanan.xlsx", "tantangan_peluang"),
    "strategi": ("bab5_strategi_kebijakan.xlsx", "strategi"),
    "kebijakan": ("bab5_strategi_kebijakan.xlsx", "kebijakan"),
}


def not_filled(what: str, sheet: str, detail: str = "") -> str:
    """The placeholder sentence of missing data: what, and where to type it."""
    workbook, name = SHEETS[sheet]
    extra = f", {detail}" if detail else ""
    return f"Data {what} belum diisi: workbook {workbook}, sheet {name}{extra}."


def _placeholder_block(text: str) -> Markup:
    return Markup(f"\n\n*{escape_markdown(text)}*\n\n")


# ---------------------------------------------------------------- identity


def region_words(daerah: str) -> tuple[str, str]:
    """('Kabupaten', 'Bupati') or ('Kota', 'Wali Kota'), from the region's name."""
    if daerah.strip().lower().startswith("kota"):
        return "Kota", "Wali Kota"
    return "Kabupaten", "Bupati"


def identity(dataset: Dataset) -> dict[str, Any]:
    config = dataset.config
    agency = config.agency
    kind, head = region_words(agency.daerah)
    return {
        "instansi": agency.nama,
        "singkatan": agency.nama_singkat,
        "instansi_lengkap": agency.nama_lengkap,
        "pemerintah": agency.pemerintah,
        "daerah": agency.daerah,
        "daerah_singkat": agency.daerah_singkat,
        "jenis_daerah": kind,
        "kepala_daerah": head,
        "wakil_kepala_daerah": f"Wakil {head}",
        "provinsi": agency.provinsi,
        "urusan": agency.urusan,
        "sumber_data": agency.sumber_data,
        "periode": config.period,
        "tahun_awal": config.start_year,
        "tahun_akhir": config.end_year,
        "tahun_rencana": list(config.plan_years),
        "tahun_transisi": config.transition_year,
        "tahun_lalu": list(config.previous_years),
        "jumlah_tahun_rencana": len(config.plan_years),
    }


# ---------------------------------------------------------------- data records


def _rows(frame: pd.DataFrame, *columns: str) -> list[tuple[Any, ...]]:
    return list(zip(*(plain(frame[c]) for c in columns), strict=True))


def _records(frame: pd.DataFrame) -> list[Record]:
    return [
        Record(**dict(zip(frame.columns, row, strict=True))) for row in _rows(frame, *frame.columns)
    ]


def _yearly(dataset: Dataset, sheet: str, column: str) -> dict[int, dict[int, Any]]:
    """Excel row -> year -> value of a year group (a Quantity when the group has units)."""
    frame = dataset.yearly(sheet)
    values = plain(frame[column])
    units = plain(frame[column + UNIT_SUFFIX]) if column + UNIT_SUFFIX in frame else None
    found: dict[int, dict[int, Any]] = {}
    for i, (row, year) in enumerate(zip(frame.index, frame[YEAR], strict=True)):
        shown = quantity(values[i], units[i]) if units is not None else values[i]
        found.setdefault(int(row), {})[int(year)] = shown
    return found


def _by_row(frame: pd.DataFrame, column: str) -> dict[int, dict[int, Any]]:
    found: dict[int, dict[int, Any]] = {}
    for row, year, value in zip(frame.index, frame[YEAR], frame[column], strict=True):
        found.setdefault(int(row), {})[int(year)] = None if missing(value) else value
    return found


def service(dataset: Dataset, derived: Derived) -> list[Record]:
    frame = dataset.frame(SERVICE)
    targets, actuals = _yearly(dataset, SERVICE, "target"), _yearly(dataset, SERVICE, "realisasi")
    ratios = _by_row(derived.service_ratios, "rasio")
    records = []
    for row in frame.index:
        value = {c: frame.at[row, c] for c in frame.columns}
        records.append(
            Record(
                nama=_plain(value["indikator"]),
                satuan=_plain(value["satuan"]),
                polaritas=_plain(value["polaritas"]),
                jenis=_plain(value["jenis_indikator"]),
                target_spm=quantity(value["target_nspk"], value["target_nspk" + UNIT_SUFFIX]),
                target_ikk=quantity(value["target_ikk"], value["target_ikk" + UNIT_SUFFIX]),
                target_lainnya=quantity(
                    value["target_indikator_lainnya"],
                    value["target_indikator_lainnya" + UNIT_SUFFIX],
                ),
                target=targets.get(int(row), {}),
                realisasi=actuals.get(int(row), {}),
                rasio=ratios.get(int(row), {}),
            )
        )
    return records


def period_end(dataset: Dataset, derived: Derived) -> list[Record]:
    frame = dataset.frame(PERIOD_END)
    progress = plain(derived.period_end_progress)
    return [
        Record(
            nama=name,
            satuan=unit,
            target=quantity(target, target_unit),
            realisasi=quantity(actual, actual_unit),
            kemajuan=value,
        )
        for (name, unit, target, target_unit, actual, actual_unit), value in zip(
            _rows(
                frame,
                "indikator",
                "satuan",
                "target_akhir",
                "target_akhir" + UNIT_SUFFIX,
                "realisasi",
                "realisasi" + UNIT_SUFFIX,
            ),
            progress,
            strict=True,
        )
    ]


def budget(dataset: Dataset, derived: Derived) -> list[Record]:
    frame = dataset.frame(BUDGET)
    values = derived.budget_values
    shown_budget, shown_actual = _by_row(values, "anggaran"), _by_row(values, "realisasi")
    ratios = _by_row(derived.budget_ratios, "rasio")
    figures = derived.budget
    return [
        Record(
            uraian=_plain(frame.at[row, "uraian"]),
            anggaran=shown_budget.get(int(row), {}),
            realisasi=shown_actual.get(int(row), {}),
            rasio=ratios.get(int(row), {}),
            pertumbuhan_anggaran=_plain(figures.at[row, "pertumbuhan_anggaran"]),
            pertumbuhan_realisasi=_plain(figures.at[row, "pertumbuhan_realisasi"]),
            rasio_rata_rata=_plain(figures.at[row, "rasio_rata_rata"]),
        )
        for row in frame.index
    ]


def staff(derived: Derived) -> Record:
    s = derived.staff
    cells = s.cells
    return Record(
        jumlah=s.by_position,
        laki_laki=s.male,
        perempuan=s.female,
        pns=s.pns,
        kontrak=s.contract,
        golongan=s.by_grade,
        laki_laki_pns=cells.get(("Laki-laki", "PNS")),
        laki_laki_kontrak=cells.get(("Laki-laki", "Tenaga Kontrak")),
        perempuan_pns=cells.get(("Perempuan", "PNS")),
        perempuan_kontrak=cells.get(("Perempuan", "Tenaga Kontrak")),
    )


def goals(dataset: Dataset) -> tuple[list[Record], list[Record]]:
    """(tujuan, sasaran), each sasaran with its indicators and their yearly targets."""
    frame = dataset.frame("tujuan_sasaran")
    indicators = dataset.frame("indikator_tujuan")
    targets = _yearly(dataset, "indikator_tujuan", "target")
    owned: dict[str, list[Record]] = {}
    for row, (iid, owner, name, formula, unit, definition) in zip(
        indicators.index,
        _rows(indicators, "id", "pemilik", "indikator", "formula", "satuan", "definisi"),
        strict=True,
    ):
        record = Record(
            id=iid,
            nama=name,
            formula=formula,
            satuan=unit,
            definisi=definition,
            target=targets.get(int(row), {}),
        )
        owned.setdefault(owner, []).append(record)
    tujuan: list[Record] = []
    sasaran: list[Record] = []
    for gid, kind, parent, text in _rows(frame, "id", "jenis", "induk", "uraian"):
        record = Record(id=gid, induk=parent, teks=text, indikator=owned.get(gid, []))
        (tujuan if kind == "Tujuan" else sasaran).append(record)
    return tujuan, sasaran


def goal_paragraphs(sasaran: list[Record]) -> Markup:
    """One paragraph per sasaran: its indicators, their targets per year (or one value for every
    year) and their definitions."""
    paragraphs = []
    for number, goal in enumerate(sasaran, start=1):
        indicators = goal.indikator
        single = len(indicators) == 1
        lead = "Untuk" if number == 1 else "Kemudian untuk"
        has = "indikator yaitu " if single else f"{terbilang(len(indicators))} indikator. "
        text = f"{lead} sasaran {urutan(number)} yaitu {awal_kecil(goal.teks)} memiliki {has}"
        sentences = []
        for index, indicator in enumerate(indicators, start=1):
            which = "" if single else f"Indikator yang {urutan(index)} yaitu "
            sentence = (
                f"{which}{awal_kecil(indicator.nama)}. Target dari indikator tersebut yaitu "
                f"{_targets_text(indicator)}."
            )
            sentences.append(sentence + (f" {indicator.definisi}" if indicator.definisi else ""))
        paragraphs.append(escape_markdown(text + " ".join(sentences)))
    return Markup("\n\n" + "\n\n".join(paragraphs) + "\n\n") if paragraphs else Markup("")


def _targets_text(indicator: Record) -> str:
    shown = {y: fmt.kuantitas(v, indicator.satuan) for y, v in sorted(indicator.target.items())}
    if len(set(shown.values())) == 1:
        return f"{next(iter(shown.values()))} di setiap tahunnya"
    return ", ".join(f"{value} pada tahun {year}" for year, value in shown.items())


def matrix_facts(matrix: Matrix | None) -> Record | None:
    if matrix is None:
        return None
    nodes = matrix.nodes
    programs = nodes[nodes["reachable"] & (nodes["level"] == "Program")]
    return Record(
        tahun=list(matrix.years),
        tahun_pertama=matrix.years[0] if matrix.years else None,
        tahun_terakhir=matrix.years[-1] if matrix.years else None,
        jumlah_program=matrix.count("Program"),
        jumlah_kegiatan=matrix.count("Kegiatan"),
        jumlah_sub_kegiatan=matrix.count("Sub Kegiatan"),
        total_pagu=matrix.grand_period,
        program=[
            Record(kode=c, nama=n, penunjang=is_support_program(c, n))
            for c, n in _rows(programs, "kode", "nama")
        ],
    )


def _plain(value: Any) -> Any:
    return None if missing(value) else value


# ---------------------------------------------------------------- lists (Markdown blocks)


def numbered(items: Iterable[Any], style: str | None = None) -> Markup:
    """A numbered Markdown list of texts (`style` "a" for a), b), c) labels)."""
    lines = [f"{i}. {escape_markdown(item)}" for i, item in enumerate(items, start=1)]
    if not lines:
        return Markup("")
    head = f"<!-- list: {style} -->\n" if style else ""
    return Markup("\n\n" + head + "\n".join(lines) + "\n\n")


def titled(items: Iterable[Record]) -> Markup:
    """Items with a title: '**1. Title**' and its text as a paragraph, one after another."""
    blocks = []
    for i, item in enumerate(items, start=1):
        blocks.append(f"**{i}. {escape_markdown(item.judul)}**")
        if item.uraian:
            blocks.append(escape_markdown(item.uraian))
    return Markup("\n\n" + "\n\n".join(blocks) + "\n\n") if blocks else Markup("")


class Lists:
    """`daftar.<nama>`: a list of the data as a Markdown block, or what to fill in."""

    def __init__(
        self,
        dataset: Dataset,
        missions: list[Record],
        strategies: list[Record],
        policies: list[Record],
    ):
        self._items: dict[str, Markup] = {}
        self._texts: dict[str, list[str]] = {}
        legal = plain(dataset.frame("landasan_hukum")["peraturan"].dropna())
        self._add("landasan_hukum", legal, "landasan hukum", "landasan_hukum")
        typed: dict[str, list[str]] = {}
        for name, text in _rows(dataset.frame("daftar"), "daftar", "uraian"):
            if name and text:
                typed.setdefault(name, []).append(text)
        for name, texts in typed.items():
            self._texts[name] = texts
            self._items[name] = numbered(texts)
        self._challenges(dataset)
        self._add("misi", [m.teks for m in missions], "misi", "visi_misi")
        self._add(
            "strategi", [f"{s.teks} ({s.kuadran})" for s in strategies], "strategi", "strategi"
        )
        self._add("kebijakan", [p.teks for p in policies], "kebijakan", "kebijakan")
        explained = [Record(judul=s.teks, uraian=s.penjelasan) for s in strategies]
        self._items["penjelasan_strategi"] = titled(explained)

    def _add(self, name: str, texts: list[Any], what: str, sheet: str) -> None:
        self._texts[name] = texts
        self._items[name] = (
            numbered(texts) if texts else _placeholder_block(not_filled(what, sheet))
        )

    def _challenges(self, dataset: Dataset) -> None:
        frame = dataset.frame("tantangan_peluang")
        for kind in ("Tantangan", "Peluang"):
            items = [
                Record(judul=title, uraian=text)
                for k, title, text in _rows(frame, "jenis", "judul", "uraian")
                if k == kind
            ]
            name = kind.lower()
            self._texts[name] = [i.judul or i.uraian for i in items]
            if not items:
                self._items[name] = _placeholder_block(
                    not_filled(name, "tantangan_peluang", f"jenis {kind}")
                )
            elif all(i.judul for i in items):
                self._items[name] = titled(items)
            else:
                self._items[name] = numbered(x.uraian or x.judul for x in items)

    def __getattr__(self, name: str) -> Markup:
        if name.startswith("_"):
            raise AttributeError(name)
        found = self._items.get(name)
        if found is None:
            return _placeholder_block(
                not_filled(f"daftar '{name}'", "daftar", f"kolom Daftar = {name}")
            )
        return found

    def teks(self, name: str) -> list[str]:
        """The items of a list as plain texts (for `| gabung` or `| length`)."""
        return self._texts.get(name, [])


def organisation(dataset: Dataset, depth: int = 3) -> Markup:
    """The organisation: the head unit's opening text and duties, then each unit under it with
    a heading (### and deeper) and its duties as an a), b), c) list."""
    units = dataset.frame("unit_organisasi")
    duties: dict[str, list[str]] = {}
    for uid, duty in _rows(dataset.frame("tugas_unit"), "id_unit", "uraian_tugas"):
        if uid and duty:
            duties.setdefault(uid, []).append(duty)
    rows = [r for r in _rows(units, "id", "nama_unit", "induk", "uraian") if r[0]]
    known = {r[0] for r in rows}
    children: dict[str | None, list[tuple[Any, ...]]] = {}
    for row in rows:
        children.setdefault(row[2] if row[2] in known else None, []).append(row)
    roots = children.get(None, [])
    if not roots:
        return _placeholder_block(not_filled("unit organisasi", "unit_organisasi"))
    uid, _, _, intro = roots[0]
    parts = [escape_markdown(intro) if intro else "", str(numbered(duties.get(uid, [])))]
    parts += [_unit(child, depth, children, duties) for child in children.get(uid, [])]
    return Markup("\n\n" + "\n\n".join(p for p in parts if p) + "\n\n")


def _unit(
    row: tuple[Any, ...], depth: int, children: Mapping[Any, list], duties: Mapping[str, list[str]]
) -> str:
    uid, name, _, intro = row
    title = escape_markdown(str(name).strip().rstrip("."))
    parts = [f"{'#' * depth} {title}" if depth <= 4 else f"**{title}**"]
    if intro:
        parts.append(escape_markdown(intro))
    if duties.get(uid):
        parts.append(str(numbered(duties[uid], "a")).strip())
    parts += [_unit(child, depth + 1, children, duties) for child in children.get(uid, [])]
    return "\n\n".join(parts)


def outline_list(render_title: Callable[[str], str]) -> Markup:
    """The chapters and their sections, numbered as the document numbers them."""
    lines = []
    for chapter in CHAPTERS:
        lines.append(f"\n**BAB {romawi(chapter.number)}: {escape_markdown(chapter.title)}**\n")
        for number, section in enumerate(chapter.sections, start=1):
            title = escape_markdown(render_title(section.title))
            lines.append(f"- {chapter.number}.{number} {title}")
    return Markup("\n\n" + "\n".join(lines) + "\n\n")


# ---------------------------------------------------------------- tables and figures


_OPEN, _CLOSE = "\ue000", "\ue001"  # private-use characters around a placement token
TOKEN = re.compile(f"{_OPEN}(table|figure|ref):([a-z0-9_]+){_CLOSE}")


def token(kind: str, key: str) -> str:
    """What a text holds until the document is numbered (tables/numbers.py)."""
    return f"{_OPEN}{kind}:{key}{_CLOSE}"


class Placements:
    """`tabel.<kunci>` / `gambar.<kunci>`: places a table or figure (once); `rujukan.<kunci>`:
    its caption label ("Tabel 2.4", "Gambar 6.1") in the text. Numbers are given once every
    chapter is written, in the order of placement (`number`)."""

    def __init__(self, tables: Iterable[str], figures: Iterable[str]):
        self.tables = set(tables)
        self.figures = set(figures)
        self.placed: list[tuple[str, str]] = []  # (kind, key) in placement order

    def table(self, key: str) -> Markup:
        self._get(self.tables, key, "tabel")
        self._place("table", key)
        return Markup(f"\n\n<!-- {token('table', key)} -->\n\n")

    def figure(self, key: str) -> Markup:
        self._get(self.figures, key, "gambar")
        self._place("figure", key)
        return Markup(f"\n\n<!-- {token('figure', key)} -->\n\n")

    def label(self, key: str) -> Markup:
        if key not in self.tables:
            self._get(self.figures, key, "rujukan")
        return Markup(token("ref", key))

    def _place(self, kind: str, key: str) -> None:
        if (kind, key) in self.placed:
            what = "tabel" if kind == "table" else "gambar"
            raise ChapterError(f"{what} {key} ditempatkan lebih dari sekali")
        self.placed.append((kind, key))

    @staticmethod
    def _get(keys: set[str], key: str, what: str) -> None:
        if key not in keys:
            known = ", ".join(sorted(keys)) or "(tidak ada)"
            raise ChapterError(f"{what}.{key} tidak dikenal; yang tersedia: {known}")


class _Lookup:
    """Attribute access for the texts (`tabel.aset`), through one function."""

    def __init__(self, get: Callable[[str], Any]):
        self._get = get

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        return self._get(name)

    def __getitem__(self, name: str) -> Any:
        return self._get(name)


def namespace(
    dataset: Dataset, derived: Derived, placements: Placements, render_title: Callable[[str], str]
) -> dict[str, Any]:
    """Every placeholder a text may use, by name."""
    tujuan, sasaran = goals(dataset)
    strategies = [
        Record(id=i, teks=t, kuadran=q, sasaran=s, penjelasan=e)
        for i, t, q, s, e in _rows(
            dataset.frame("strategi"), "id", "uraian", "kuadran", "sasaran", "penjelasan"
        )
    ]
    policies = [
        Record(id=i, strategi=s, perspektif=p, teks=t, program=g)
        for i, s, p, t, g in _rows(
            dataset.frame("kebijakan"), "id", "strategi", "perspektif", "uraian", "program"
        )
    ]
    missions = dataset.frame("visi_misi")
    vision = missions.loc[missions["jenis"] == "Visi", "uraian"].dropna()
    misi = [
        Record(no=n, teks=t, terkait=r == "Ya")
        for kind, n, t, r in _rows(missions, "jenis", "no", "uraian", "terkait")
        if kind == "Misi"
    ]
    lists = Lists(dataset, misi, strategies, policies)
    budget_rows = budget(dataset, derived)
    plan = matrix_facts(derived.matrices.get(MATRIX))
    return {
        **identity(dataset),
        "visi": vision.iloc[0] if len(vision) else not_filled("visi", "visi_misi"),
        "misi": misi,
        "misi_terkait": [m for m in misi if m.terkait],
        "daftar": lists,
        "butir": _Lookup(lists.teks),
        "struktur_organisasi": organisation(dataset),
        "sistematika": outline_list(render_title),
        "pegawai": staff(derived),
        "kinerja_pelayanan": service(dataset, derived),
        "tahun_kinerja": list(dataset.years(SERVICE, "target")),
        "kinerja_akhir_periode": period_end(dataset, derived),
        "anggaran": budget_rows,
        "tahun_anggaran": list(dataset.years(BUDGET, "anggaran")),
        "anggaran_terendah": derived.budget_min,
        "anggaran_tertinggi": derived.budget_max,
        "statistik": {
            k: Record(nilai=v, satuan=u, uraian=d, sumber=s)
            for k, d, v, u, s in _rows(
                dataset.frame("statistik_wilayah"), "kunci", "uraian", "nilai", "satuan", "sumber"
            )
            if k and v is not None
        },
        "tujuan": tujuan,
        "sasaran": sasaran,
        "uraian_sasaran": goal_paragraphs(sasaran),
        "tahun_target": list(dataset.years("indikator_tujuan", "target")),
        "strategi": strategies,
        "kebijakan": policies,
        "matriks": plan,
        "matriks_transisi": matrix_facts(derived.matrices.get(TRANSITION_MATRIX)),
        "program_rpjmd": [p for p in plan.program if not p.penunjang] if plan else [],
        "tabel_tambahan": {d.key: _records(dataset.frame(d.sheet)) for d in dataset.config.tables},
        "gambar_tambahan": {
            d.key: _records(dataset.frame(d.sheet)) for d in dataset.config.figures
        },
        "tabel": _Lookup(placements.table),
        "gambar": _Lookup(placements.figure),
        "rujukan": _Lookup(placements.label),
    }


__all__ = ["Placements", "Record", "namespace", "not_filled", "region_words"]
