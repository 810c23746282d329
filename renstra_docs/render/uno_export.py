"""DOCX -> PDF through LibreOffice's UNO API, with every index and field updated first.

Run as a script by a Python that has LibreOffice's `uno` bridge (the system python3 with
python3-uno, or LibreOffice's own python), never imported by the pipeline: the project venv
cannot import `uno`. `render.pdf` starts it in a subprocess and bounds it in time.

    python3 uno_export.py SOFFICE PROFILE_DIR INPUT.docx OUTPUT.pdf

It starts soffice headless with its own profile folder, listening on a private pipe, opens the
DOCX hidden, updates the tables of contents, the lists of tables and figures and the fields
(twice: the first update can move pages), exports the PDF and shuts soffice down. Only the
standard library and `uno` are used here.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

CONNECT_SECONDS = 60.0
INDEX_PASSES = 2
SHUTDOWN_SECONDS = 10.0


RESTART = 81  # soffice asks to be started again (a new profile's first start)
RESTARTS = 3


def main(argv: list[str]) -> int:
    if len(argv) != 4:
        print("pemakaian: uno_export.py SOFFICE PROFIL MASUKAN.docx KELUARAN.pdf", file=sys.stderr)
        return 2
    soffice, profile, source, target = argv
    office = _Office(_binary(soffice), Path(profile), f"renstra_{os.getpid()}")
    try:
        desktop = office.connect()
        _convert(desktop, Path(source), Path(target))
        _terminate(desktop)
    finally:
        office.stop()
    return 0


def _binary(soffice: str) -> str:
    """soffice.bin itself when it is there: the `soffice` launcher (oosplash) first runs
    javaldx, which warns on stderr on every machine without Java."""
    binary = Path(os.path.realpath(soffice)).with_name("soffice.bin")
    return str(binary) if binary.is_file() else soffice


class _Office:
    """soffice headless with its own profile, listening on a private pipe."""

    def __init__(self, binary: str, profile: Path, pipe: str) -> None:
        self.pipe = pipe
        self.command = [
            binary,
            f"-env:UserInstallation={profile.resolve().as_uri()}",
            "--headless",
            "--invisible",
            "--nologo",
            "--nodefault",
            "--norestore",
            "--nolockcheck",
            f"--accept=pipe,name={pipe};urp;StarOffice.ComponentContext",
        ]
        self.process = self._start()

    def _start(self) -> subprocess.Popen:
        return subprocess.Popen(self.command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL)

    def connect(self):  # noqa: ANN201 - a UNO proxy
        """The Desktop of the running soffice (started again when it asks to be)."""
        import uno
        from com.sun.star.connection import NoConnectException

        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext(
            "com.sun.star.bridge.UnoUrlResolver", local
        )
        url = f"uno:pipe,name={self.pipe};urp;StarOffice.ComponentContext"
        deadline, restarts = time.monotonic() + CONNECT_SECONDS, 0
        while True:
            try:
                context = resolver.resolve(url)
                break
            except NoConnectException:
                code = self.process.poll()
                if code == RESTART and restarts < RESTARTS:
                    restarts += 1
                    self.process = self._start()
                elif code is not None:
                    raise RuntimeError(f"soffice berhenti (kode {code})") from None
                elif time.monotonic() > deadline:
                    raise RuntimeError("soffice tidak dapat dihubungi") from None
                time.sleep(0.1)
        smgr = context.ServiceManager
        return smgr.createInstanceWithContext("com.sun.star.frame.Desktop", context)

    def stop(self) -> None:
        """Wait for soffice to exit; if it does not, end its whole process group (this
        script's group), sparing this script."""
        try:
            self.process.wait(SHUTDOWN_SECONDS)
        except subprocess.TimeoutExpired:
            signal.signal(signal.SIGTERM, signal.SIG_IGN)
            os.killpg(os.getpgid(self.process.pid), signal.SIGTERM)
            self.process.wait(SHUTDOWN_SECONDS)


def _props(**values: object) -> tuple:
    from com.sun.star.beans import PropertyValue

    return tuple(PropertyValue(Name=name, Value=value) for name, value in values.items())


def _convert(desktop, source: Path, target: Path) -> None:  # noqa: ANN001 - a UNO proxy
    document = desktop.loadComponentFromURL(
        source.resolve().as_uri(), "_blank", 0, _props(Hidden=True)
    )
    if document is None:
        raise RuntimeError(f"LibreOffice tidak dapat membuka {source.name}")
    try:
        update_indexes(document)
        document.storeToURL(target.resolve().as_uri(), _props(FilterName="writer_pdf_Export"))
    finally:
        document.close(True)


WORD_FIGURE_STYLE = "table of figures"  # Word's style of DAFTAR TABEL / GAMBAR entries


def update_indexes(document) -> None:  # noqa: ANN001 - a UNO proxy
    """Fields first (caption numbers), then every index, twice: the contents can change the
    length of the front matter, and the second pass takes the final page numbers."""
    _figure_lists_in_word_style(document)
    for _ in range(INDEX_PASSES):
        document.getTextFields().refresh()
        indexes = document.getDocumentIndexes()
        for i in range(indexes.getCount()):
            indexes.getByIndex(i).update()
        document.refresh()


def _figure_lists_in_word_style(document) -> None:  # noqa: ANN001 - a UNO proxy
    """LibreOffice 7 sets a list of figures imported from Word in its own "Figure Index 1"
    style (justified like the body text); use the document's "table of figures", as Word does."""
    if not document.StyleFamilies.getByName("ParagraphStyles").hasByName(WORD_FIGURE_STYLE):
        return
    indexes = document.getDocumentIndexes()
    for i in range(indexes.getCount()):
        index = indexes.getByIndex(i)
        if index.supportsService("com.sun.star.text.IllustrationsIndex"):
            index.ParaStyleLevel1 = WORD_FIGURE_STYLE


def _terminate(desktop) -> None:  # noqa: ANN001 - a UNO proxy
    with contextlib.suppress(Exception):  # the bridge drops when soffice exits, as it should
        desktop.terminate()


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except Exception as error:  # noqa: BLE001 - one line for the parent's error message
        print(f"{type(error).__name__}: {error}", file=sys.stderr)
        sys.exit(1)
