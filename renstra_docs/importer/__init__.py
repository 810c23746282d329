"""`renstra import`: tables kept in Excel in the official T-C layouts (T-C.23, T-C.24, T-C.25,
T-C.27), recognised by their header text, written into the project's workbooks.

    result = import_tables(config, [Path("renstra_tabel.xlsx")])
    result.written   # the sheets written, with their row counts
    result.findings  # everything to check, located in the input file (`file › sheet › cell`)

Modules: `grid` (an input sheet with its merged cells), `header` (where the header is, each
column's label), `columns` (the role of a column from its label), `layouts` (which official
table, which years), `table` (typed access to a recognised sheet), `values` (numbers as printed),
`codes` (nomenclature codes as printed), `tc23`/`tc24`/`tc25`/`tc27` (one reader per layout),
`writer` (into the project's workbooks) and `run` (the whole import).
"""

from .run import ImportResult, import_tables
from .writer import WrittenSheet

__all__ = ["ImportResult", "WrittenSheet", "import_tables"]
