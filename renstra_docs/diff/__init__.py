"""`renstra diff OLD NEW`: what changed between two revisions, table by table and cell by cell
(compare.py), as text, Markdown or JSON (report.py) or as a tracked-changes DOCX written with the
document's own table writer (tracked.py)."""

from .compare import (
    ADDED,
    CHANGED,
    REMOVED,
    CellChange,
    DiffResult,
    RowDiff,
    SourceCell,
    TableDiff,
    compare_documents,
    compare_tables,
    diff_revisions,
)

__all__ = [
    "ADDED",
    "CHANGED",
    "REMOVED",
    "CellChange",
    "DiffResult",
    "RowDiff",
    "SourceCell",
    "TableDiff",
    "compare_documents",
    "compare_tables",
    "diff_revisions",
]
