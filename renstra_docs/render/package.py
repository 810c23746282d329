"""Deterministic zip packages (DOCX, XLSX): the same parts give the same bytes.

Every entry gets a fixed date and fixed attributes, so a package changes only when one of its
parts does. A part given as strings is encoded and compressed piece by piece, so a large sheet
or document.xml is never held whole in memory (zlib's output does not depend on the pieces).

Compression runs on a second thread: zlib releases the GIL while it deflates, so the second
core compresses one batch while this one makes the next (the XML of a 20.000-row table). The
bytes are those of a single-threaded writer: one thread writes every entry, in order.
"""

from __future__ import annotations

import io
import queue
import threading
import zipfile
from collections.abc import Iterable, Iterator

ZIP_DATE = (1980, 1, 1, 0, 0, 0)
COMPRESS_LEVEL = 6  # zlib's default: what writestr() uses
STREAM_BATCH = 1 << 20  # characters (or bytes) compressed at a time
QUEUED_BATCHES = 4  # at most this many batches wait for the compressing thread

Part = bytes | Iterable[str]
_END = object()


def zip_parts(parts: Iterable[tuple[str, Part]], level: int = COMPRESS_LEVEL) -> bytes:
    """A zip of `parts` (name, content) in the given order, with fixed dates and attributes."""
    out = io.BytesIO()
    batches: queue.Queue[object] = queue.Queue(QUEUED_BATCHES)
    writer = _Writer(out, batches, level)
    thread = threading.Thread(target=writer.run, name="zip-writer", daemon=True)
    thread.start()
    try:
        for name, data in parts:
            if writer.failed:
                break
            batches.put(_entry(name))
            for batch in _batches(data):
                batches.put(batch)
            batches.put(None)  # the end of this entry
    finally:
        batches.put(_END)
        thread.join()
    if writer.failed:
        raise writer.failed
    return out.getvalue()


def _entry(name: str) -> zipfile.ZipInfo:
    entry = zipfile.ZipInfo(name, date_time=ZIP_DATE)
    entry.compress_type = zipfile.ZIP_DEFLATED
    entry.create_system = 0
    entry.external_attr = 0o644 << 16
    return entry


def _batches(data: Part) -> Iterator[bytes]:
    if isinstance(data, bytes):
        for start in range(0, len(data), STREAM_BATCH):
            yield data[start : start + STREAM_BATCH]
        return
    batch: list[str] = []
    size = 0
    for piece in data:
        batch.append(piece)
        size += len(piece)
        if size >= STREAM_BATCH:
            yield "".join(batch).encode("utf-8")
            batch, size = [], 0
    if batch:
        yield "".join(batch).encode("utf-8")


class _Writer:
    """The thread that owns the zip file: entries and their batches, in the order queued."""

    def __init__(self, out: io.BytesIO, batches: queue.Queue[object], level: int):
        self.out, self.batches, self.level = out, batches, level
        self.failed: BaseException | None = None

    def run(self) -> None:
        stream, ended = None, False
        try:
            with zipfile.ZipFile(self.out, "w", zipfile.ZIP_DEFLATED) as target:
                while True:
                    item = self.batches.get()
                    if item is _END:
                        ended = True
                        break
                    if isinstance(item, zipfile.ZipInfo):
                        item._compresslevel = self.level  # type: ignore[attr-defined]
                        stream = target.open(item, "w")
                    elif item is None:
                        if stream is not None:
                            stream.close()
                        stream = None
                    elif stream is not None and isinstance(item, bytes):
                        stream.write(item)
                if stream is not None:  # the producer stopped inside an entry
                    stream.close()
        except BaseException as error:  # raised again by zip_parts
            self.failed = error
            while not ended and self.batches.get() is not _END:  # let the producer finish
                pass
