"""DOCX -> PDF with headless LibreOffice.

Each conversion uses its own throw-away LibreOffice profile (-env:UserInstallation), so parallel
runs (tests, `make -j`) never fight over the default profile's lock.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

TIMEOUT_SECONDS = 120
SOFFICE_NAMES = ("soffice", "libreoffice")


class PdfError(OSError):
    """LibreOffice is missing, failed, or produced no PDF."""


def find_soffice() -> str | None:
    for name in SOFFICE_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def to_pdf(docx: Path, out_dir: Path, timeout: float = TIMEOUT_SECONDS) -> Path:
    """Convert `docx` to `out_dir/<stem>.pdf` and return that path."""
    soffice = find_soffice()
    if soffice is None:
        raise PdfError(
            "LibreOffice (soffice) tidak ditemukan di PATH; pasang paket "
            "libreoffice-writer-nogui untuk membuat PDF."
        )
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / (docx.stem + ".pdf")
    target.unlink(missing_ok=True)  # a stale PDF must not pass for a fresh one
    with tempfile.TemporaryDirectory(prefix="renstra-lo-") as profile:
        command = [
            soffice,
            f"-env:UserInstallation={Path(profile).as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out_dir),
            str(docx),
        ]
        try:
            result = subprocess.run(
                command, capture_output=True, text=True, timeout=timeout, check=False
            )
        except subprocess.TimeoutExpired:
            raise PdfError(
                f"LibreOffice tidak selesai mengonversi {docx.name} dalam {timeout:.0f} detik."
            ) from None
    if result.returncode != 0 or not target.is_file():
        detail = (result.stderr or result.stdout).strip()
        raise PdfError(
            f"LibreOffice gagal mengonversi {docx.name} (kode {result.returncode}): {detail}"
        )
    return target
