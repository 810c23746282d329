"""T-C.23 Pencapaian Kinerja Pelayanan -> bab2 › kinerja_pelayanan.

An indicator type printed as a label ("Indikator NSPK", "Indikator SPM", "Indikator IKK") in the
SPM/NSPK or IKK column sets `Jenis Indikator` and is not a target. Polarity is not printed:
`Positif` is written, with one warning per sheet so that the staff check the "lower is better"
indicators.
"""

from __future__ import annotations

import re
from typing import Any

from ..findings import Finding, Location
from ..sources.schema import BAB2, INDICATOR_TYPES
from .columns import ACTUAL, RATIO, TARGET
from .output import SheetOutput
from .table import Table
from .values import Amount, amount, count, percent

SHEET = BAB2.sheet("kinerja_pelayanan")
SPM, IKK, OTHER = INDICATOR_TYPES
TYPE_COLUMNS = {  # role -> (its indicator type, its target column)
    "jenis_spm": (SPM, "Target NSPK"),
    "jenis_ikk": (IKK, "Target IKK"),
    "jenis_lainnya": (OTHER, "Target Indikator Lainnya"),
}
_LABEL = re.compile(r"(?:indikator\s+)?(spm/nspk|spm|nspk|ikk|lainnya)", re.I)
_MARK = re.compile(r"[✓✔√vV]")
_LABELS = {"spm/nspk": SPM, "spm": SPM, "nspk": SPM, "ikk": IKK, "lainnya": OTHER}
DEFAULT_POLARITY = "Positif"


def read(table: Table) -> list[SheetOutput]:
    out = SheetOutput(BAB2, SHEET, table.years)
    for row in table.rows():
        indicator = table.text(row, "indikator")
        if indicator is None:
            table.unplaced(row, "baris tanpa indikator: tidak dapat ditempatkan")
            continue
        kind, type_targets = _types(table, row)
        yearly = {
            "Target": table.per_year(row, TARGET, amount),
            "Realisasi": table.per_year(row, ACTUAL, amount),
            "Rasio": table.per_year(row, RATIO, percent, declared=True),
        }
        printed = [
            *type_targets.values(),
            *yearly["Target"].values(),
            *yearly["Realisasi"].values(),
        ]
        values = {
            "No": table.value(row, "no", count, declared=True),
            "Indikator": indicator,
            "Satuan": table.text(row, "satuan") or unit_of(printed),
            "Polaritas": DEFAULT_POLARITY,
            "Jenis Indikator": kind,
            **type_targets,
        }
        out.add(values, yearly)
    if out.rows:
        table.findings.append(default_polarity(out, len(out.rows)))
    return [out]


def _types(table: Table, row: int) -> tuple[str | None, dict[str, Any]]:
    """The indicator type printed as a label, and the targets printed in the type columns."""
    kind = None
    targets: dict[str, Any] = {}
    for role, (column_kind, header) in TYPE_COLUMNS.items():
        printed = table.text(row, role)
        if printed is None:
            continue
        label = _LABEL.fullmatch(printed)
        if label or _MARK.fullmatch(printed):
            kind = kind or (_LABELS[label.group(1).casefold()] if label else column_kind)
            continue
        targets[header] = table.value(row, role, amount)
    return kind, targets


def unit_of(printed: list[Any]) -> str | None:
    """The unit the printed numbers carry (the first one), as printed."""
    return next((a.unit for a in printed if isinstance(a, Amount) and a.unit), None)


def default_polarity(out: SheetOutput, rows: int) -> Finding:
    return Finding(
        "import-default",
        f"polaritas tidak tercetak: '{DEFAULT_POLARITY}' ditulis untuk {rows} indikator; ubah ke "
        "'Negatif' untuk indikator yang makin rendah makin baik",
        Location(out.book.filename, out.sheet.name, None, "Polaritas"),
    )
