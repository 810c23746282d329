"""The public library: load a project, compute its numbers, look at them with pandas.

    import renstra_docs as rd
    dataset = rd.load(".")               # every sheet as a pandas frame (Dataset.frames)
    pagu = rd.pagu(dataset)              # kode, nama, level, tahun, pagu: a row per node, year

See docs/api.md for the frames, their dtypes and worked examples.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .calc.matrix import matrices
from .config import load_config
from .model import Dataset
from .model import load as load_dataset
from .sources.frames import STRING

LEVEL_NAMES = {"Program": "program", "Kegiatan": "kegiatan", "Sub Kegiatan": "sub_kegiatan"}
PAGU_COLUMNS = ["matriks", "id", "induk", "kode", "nama", "level", "tahun", "pagu"]


def load(root: str | Path = ".") -> Dataset:
    """The normalised dataset of the project in `root` (the folder holding renstra.toml).

    Raises RenstraError when a workbook cannot be read at all; every other problem is a
    located finding in `Dataset.findings`."""
    return load_dataset(load_config(Path(root)))


def pagu(dataset: Dataset) -> pd.DataFrame:
    """Computed pagu of every node of every matrix, one row per node and year.

    Columns: `matriks` ("matriks" for the plan years, "matriks_transisi" for the transition
    year), `id`, `induk`, `kode`, `nama`, `level`
    (`program`, `kegiatan`, `sub_kegiatan`), `tahun`, `pagu` (integer rupiah, `Int64`; a
    kegiatan is the sum of its sub-kegiatan, a program the sum of its kegiatan)."""
    frames = []
    for table, matrix in matrices(dataset).items():
        nodes = matrix.nodes[["id", "induk", "kode", "nama", "level"]]
        rows = matrix.pagu.merge(nodes, on="id", how="left", sort=False)
        rows["level"] = rows["level"].map(LEVEL_NAMES).astype(nodes["kode"].dtype)
        frames.append(rows.assign(matriks=table))
    if not frames:
        return pd.DataFrame(columns=PAGU_COLUMNS)
    result = pd.concat(frames, ignore_index=True)[PAGU_COLUMNS]
    return result.astype({"tahun": "int64", "matriks": STRING})
