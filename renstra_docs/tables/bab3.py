"""BAB III: problems against the provincial Renstra targets (Tabel 3.1)."""

from __future__ import annotations

from ..calc.derive import Derived
from ..model import Renstra
from .common import BLANK, Keys, cells, row
from .model import Column, Format, Table

FIELDS = ("sasaran_provinsi", "permasalahan", "faktor_penghambat", "faktor_pendorong")


def table_3_1(renstra: Renstra, derived: Derived) -> Table:
    """One row per sheet row; the No counts the provincial targets (sasaran) as they start."""
    keys = Keys()
    rows = []
    number = 0
    for values in renstra.table_3_1:
        texts = [values.get(f) or BLANK for f in FIELDS]
        if texts[0]:
            number += 1
        label = next((t for t in texts if t), "baris")
        rows.append(row(keys(label), (number if texts[0] else BLANK, *texts)))
    agency = renstra.config.agency
    title = (
        f"Permasalahan {agency.nama} {agency.daerah} Berdasarkan Sasaran Renstra "
        f"{agency.nama} Provinsi {agency.provinsi} Beserta Faktor Penghambat Dan "
        "Pendorong Keberhasilan Penanganannya"
    )
    header = (
        cells(
            "No",
            "Sasaran Jangka Menengah Renstra Dinsos Prov.Jatim",
            "Permasalahan Pelayanan Dinsos Kab.Blitar",
            "Faktor Penghambat",
            "Faktor Pendorong",
        ),
    )
    columns = (Column("no", Format.INT, 0.4), *(Column(f, width=2.5) for f in FIELDS))
    return Table("3.1", title, columns, header, tuple(rows), numbering_row=True)


TABLES = {"3.1": table_3_1}
