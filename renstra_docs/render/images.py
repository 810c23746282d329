"""Pictures from files of the project (a logo, a diagram): PNG or JPEG, read from their header."""

from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
JPEG_SOI = b"\xff\xd8"
DEFAULT_DPI = 96.0
INCH_CM = 2.54


class ImageError(ValueError):
    """An image file that is missing, outside the project or not a PNG/JPEG."""


@dataclass(frozen=True)
class Image:
    data: bytes
    extension: str  # "png" or "jpeg"
    pixels: tuple[int, int]
    dpi: float = DEFAULT_DPI

    @property
    def width_cm(self) -> float:
        """The printed width the file asks for (its resolution, else 96 dpi)."""
        return self.pixels[0] / self.dpi * INCH_CM


def png_size(png: bytes) -> tuple[int, int]:
    """Pixel width and height from a PNG header."""
    if png[:8] != PNG_SIGNATURE:
        raise ValueError("figure image is not a PNG")
    return int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")


def _png_dpi(png: bytes) -> float:
    """Horizontal resolution from the pHYs chunk (pixels per metre), else the default."""
    at = 8
    while at + 8 <= len(png):
        length, kind = struct.unpack(">I4s", png[at : at + 8])
        if kind == b"pHYs" and length >= 9:
            per_unit, _, unit = struct.unpack(">IIB", png[at + 8 : at + 17])
            return per_unit * 0.0254 if unit == 1 and per_unit else DEFAULT_DPI
        if kind in (b"IDAT", b"IEND"):
            break
        at += 12 + length
    return DEFAULT_DPI


def _jpeg_size(jpeg: bytes) -> tuple[int, int]:
    """Pixel size from the first start-of-frame marker."""
    at = 2
    while at + 9 < len(jpeg):
        if jpeg[at] != 0xFF:
            break
        marker = jpeg[at + 1]
        length = int.from_bytes(jpeg[at + 2 : at + 4], "big")
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            height, width = struct.unpack(">HH", jpeg[at + 5 : at + 9])
            return width, height
        at += 2 + length
    raise ImageError("berkas JPEG tanpa ukuran gambar")


def read_image(data: bytes, name: str) -> Image:
    """The PNG or JPEG `data`, with its pixel size and resolution."""
    if data[:8] == PNG_SIGNATURE:
        return Image(data, "png", png_size(data), _png_dpi(data))
    if data[:2] == JPEG_SOI:
        return Image(data, "jpeg", _jpeg_size(data))
    raise ImageError(f"{name} bukan gambar PNG atau JPEG")


def project_image(root: Path, reference: str, what: str) -> Image:
    """The image file `reference` (relative to `root`), which must stay inside `root`."""
    base = root.resolve()
    path = (base / reference).resolve()
    if not path.is_relative_to(base):
        raise ImageError(f"{what} {reference!r} berada di luar folder {base}")
    if not path.is_file():
        raise ImageError(f"{what} {reference!r} tidak ditemukan di {base}")
    return read_image(path.read_bytes(), reference)
