"""Deterministic zip packages (DOCX, XLSX): the same parts give the same bytes.

Every entry gets a fixed date and fixed attributes, so a package changes only when one of its
parts does. A part given as strings is encoded and compressed piece by piece, so a large sheet
or document.xml is never held whole in memory (zlib's output does not depend on the pieces).
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable

ZIP_DATE = (1980, 1, 1, 0, 0, 0)
COMPRESS_LEVEL = 6  # zlib's default: what writestr() uses
STREAM_BATCH = 1 << 20  # characters encoded and compressed at a time

Part = bytes | Iterable[str]


def zip_parts(parts: Iterable[tuple[str, Part]], level: int = COMPRESS_LEVEL) -> bytes:
    """A zip of `parts` (name, content) in the given order, with fixed dates and attributes."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts:
            entry = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.create_system = 0
            entry.external_attr = 0o644 << 16
            if isinstance(data, bytes):
                target.writestr(entry, data, compresslevel=level)
            else:
                _write_stream(target, entry, data, level)
    return out.getvalue()


def _write_stream(
    target: zipfile.ZipFile, entry: zipfile.ZipInfo, pieces: Iterable[str], level: int
) -> None:
    entry._compresslevel = level  # type: ignore[attr-defined]  # what writestr() sets
    with target.open(entry, "w") as stream:
        batch: list[str] = []
        size = 0
        for piece in pieces:
            batch.append(piece)
            size += len(piece)
            if size >= STREAM_BATCH:
                stream.write("".join(batch).encode("utf-8"))
                batch, size = [], 0
        stream.write("".join(batch).encode("utf-8"))
