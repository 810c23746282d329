"""DOCX -> PDF with headless LibreOffice, every index updated first.

A plain `soffice --convert-to pdf` does not update fields: DAFTAR ISI, DAFTAR TABEL and DAFTAR
GAMBAR would come out without page numbers. So the conversion goes through LibreOffice's UNO
API (`render/uno_export.py`), run by a Python that has LibreOffice's `uno` bridge, which the
project venv does not: LibreOffice's own python, else the system python3 (python3-uno).

Each conversion uses its own throw-away LibreOffice profile (-env:UserInstallation), so parallel
runs (tests, `make -j`) never fight over the default profile's lock, and it is bounded in time:
on timeout the helper and the soffice it started are killed as one process group.
"""

from __future__ import annotations

import functools
import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

TIMEOUT_SECONDS = 180
PROBE_SECONDS = 20
SOFFICE_NAMES = ("soffice", "libreoffice")
PYTHON_ENV = "RENSTRA_UNO_PYTHON"  # a Python with `uno`, when it is somewhere unusual
HELPER = Path(__file__).with_name("uno_export.py")


class PdfError(OSError):
    """LibreOffice is missing, failed, or produced no PDF."""


def find_soffice() -> str | None:
    for name in SOFFICE_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def available() -> bool:
    """Can `to_pdf` run here (LibreOffice and a Python with its UNO bridge)?"""
    soffice = find_soffice()
    return soffice is not None and find_uno_python(soffice) is not None


def python_candidates(soffice: str) -> list[str]:
    """Pythons that may have the `uno` bridge, best first: an explicit choice, the one shipped
    inside LibreOffice (Windows, macOS, the LibreOffice.org packages), then the system's."""
    program = Path(os.path.realpath(soffice)).parent
    names = [os.environ.get(PYTHON_ENV, "")]
    names += [str(program / "python"), str(program / "python.exe")]
    names += ["/usr/bin/python3", shutil.which("python3") or ""]
    seen: list[str] = []
    for name in names:
        if name and Path(name).is_file() and name not in seen:
            seen.append(name)
    return seen


@functools.lru_cache(maxsize=8)
def find_uno_python(soffice: str) -> str | None:
    """The first candidate that can `import uno` (checked once per process)."""
    for python in python_candidates(soffice):
        try:
            probe = subprocess.run(
                [python, "-c", "import uno"], capture_output=True, timeout=PROBE_SECONDS
            )
        except (OSError, subprocess.TimeoutExpired):
            continue
        if probe.returncode == 0:
            return python
    return None


def to_pdf(docx: Path, out_dir: Path, timeout: float = TIMEOUT_SECONDS) -> Path:
    """Convert `docx` to `out_dir/<stem>.pdf`, indexes updated, and return that path."""
    return convert(docx, out_dir, timeout)[0]


def convert(docx: Path, out_dir: Path, timeout: float = TIMEOUT_SECONDS) -> tuple[Path, str]:
    """`to_pdf`, also giving what LibreOffice wrote on stderr (its warnings; empty when none)."""
    soffice = find_soffice()
    if soffice is None:
        raise PdfError(
            "LibreOffice (soffice) tidak ditemukan di PATH; pasang paket "
            "libreoffice-writer-nogui untuk membuat PDF."
        )
    python = find_uno_python(soffice)
    if python is None:
        raise PdfError(
            "Jembatan Python UNO LibreOffice tidak ditemukan; pasang paket python3-uno "
            f"(atau tunjuk python yang memilikinya dengan {PYTHON_ENV}) untuk membuat PDF."
        )
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / (docx.stem + ".pdf")
    target.unlink(missing_ok=True)  # a stale PDF must not pass for a fresh one
    with tempfile.TemporaryDirectory(prefix="renstra-lo-") as profile:
        command = [python, str(HELPER), soffice, profile, str(docx), str(target)]
        code, err = run_bounded(command, timeout, docx.name)
    if code != 0 or not target.is_file():
        lines = err.strip().splitlines()
        detail = lines[-1] if lines else "tidak ada PDF"
        raise PdfError(f"LibreOffice gagal mengonversi {docx.name} (kode {code}): {detail}")
    return target, err


def run_bounded(command: list[str], timeout: float, name: str) -> tuple[int, str]:
    """Run `command` in its own process group; on timeout kill the whole group (the helper
    and the soffice it started). The exit code and stderr."""
    process = subprocess.Popen(
        command,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        _, err = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        raise PdfError(
            f"LibreOffice tidak selesai mengonversi {name} dalam {timeout:.0f} detik."
        ) from None
    return process.returncode, err or ""
