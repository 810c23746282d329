"""File safety: a workbook is opened only when it is a real, unencrypted xlsx of bounded size
without XML entity definitions (no billion laughs, no zip bombs, no external entities)."""

from __future__ import annotations

import zipfile
import zlib
from pathlib import Path
from xml.parsers import expat

from ..findings import Finding, Location, RenstraError

MAX_ENTRIES = 2_000
MAX_UNCOMPRESSED = 512 * 1024 * 1024
MAX_RATIO = 200  # uncompressed / compressed, per entry (zip bombs are far above this)
_BINARY_PARTS = (
    ".bin",
    ".png",
    ".jpeg",
    ".jpg",
    ".gif",
    ".bmp",
    ".tif",
    ".tiff",
    ".emf",
    ".wmf",
    ".svg",
    ".wdp",
)  # never parsed as XML by openpyxl
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def check_file(path: Path, name: str) -> None:
    """Refuse files that are missing, not xlsx, encrypted or unsafe to unpack."""
    where = Location(name)
    if not path.is_file():
        raise RenstraError(Finding("workbook-missing", f"berkas {path} tidak ditemukan", where))
    with path.open("rb") as handle:
        magic = handle.read(8)
    if magic == _OLE_MAGIC:
        raise RenstraError(
            Finding(
                "workbook-encrypted",
                "workbook terenkripsi/berkata sandi (atau format .xls lama)",
                where,
            )
        )
    if not zipfile.is_zipfile(path):
        raise RenstraError(
            Finding("workbook-unreadable", "bukan berkas xlsx (zip) yang utuh", where)
        )
    try:
        with zipfile.ZipFile(path) as archive:
            _check_archive(archive, where)
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError) as exc:
        raise RenstraError(
            Finding("workbook-unreadable", f"berkas zip rusak: {exc}", where)
        ) from None


def _check_archive(archive: zipfile.ZipFile, where: Location) -> None:
    entries = archive.infolist()
    if len(entries) > MAX_ENTRIES:
        raise RenstraError(
            Finding(
                "workbook-unsafe",
                f"{len(entries)} entri di dalam berkas (batas {MAX_ENTRIES})",
                where,
            )
        )
    total = sum(e.file_size for e in entries)
    if total > MAX_UNCOMPRESSED:
        raise RenstraError(
            Finding(
                "workbook-unsafe",
                f"ukuran setelah dekompresi {total:,} byte (batas {MAX_UNCOMPRESSED:,})",
                where,
            )
        )
    for entry in entries:
        ratio = entry.file_size / max(entry.compress_size, 1)
        if entry.file_size > 1_000_000 and ratio > MAX_RATIO:
            raise RenstraError(
                Finding(
                    "workbook-unsafe",
                    f"rasio kompresi {entry.filename} mencurigakan (zip bomb)",
                    where,
                )
            )
        if not entry.filename.lower().endswith(_BINARY_PARTS) and _declares_dtd(archive, entry):
            raise RenstraError(
                Finding(
                    "workbook-unsafe",
                    f"{entry.filename} memuat definisi entitas XML (DOCTYPE/ENTITY)",
                    where,
                )
            )
    if "[Content_Types].xml" not in archive.namelist():
        raise RenstraError(Finding("workbook-unreadable", "bukan workbook xlsx", where))


def _declares_dtd(archive: zipfile.ZipFile, entry: zipfile.ZipInfo) -> bool:
    """Whether a part declares a DTD (the door to entity expansion and external entities).

    The whole part is scanned with expat, so a DOCTYPE after a long comment or in a UTF-16 part
    is found too; parsing stops at the declaration, before any entity is expanded. A part that
    is not well-formed XML is left to openpyxl (which reports it if it needs the part).
    """
    parser = expat.ParserCreate()

    def refuse(*_: object) -> None:
        raise _DtdFound

    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    try:
        with archive.open(entry) as part:
            while chunk := part.read(1 << 16):
                parser.Parse(chunk, False)
        parser.Parse(b"", True)
    except _DtdFound:
        return True
    except expat.ExpatError:
        return False
    return False


class _DtdFound(Exception):
    pass
