"""Filters of the chapter texts (`{{ nilai | rupiah }}`) and the escaping of data into Markdown.

Data is never rendered as a template: every value printed with `{{ }}` goes through
`escape_markdown`, so a spreadsheet cell such as `{{ x }}`, `*` or `<b>` comes out literally.
Only `markupsafe.Markup` values (lists, tables and figures placed by the package) are trusted.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Any

from markupsafe import Markup

from .. import fmt
from ..calc.numbers import decline
from ..quantity import Quantity
from .markdown import roman


class ChapterError(ValueError):
    """A text asked for something that does not exist, or is written in a way not allowed."""


# ASCII punctuation that Markdown (CommonMark + tables/strikethrough) may read as markup.
_SPECIAL = re.compile(r"([\\`*_\[\]<>#+\-|!{}&~])")
_ORDERED_START = re.compile(r"^(\s*\d+)([.)])(?=\s|$)")
_SETEXT_LINE = re.compile(r"^\s*=+\s*$")
_LINE_BREAKS = re.compile(r"\s*[\r\n]+\s*")
_UNESCAPE = re.compile(r"\\(.)")


# ---------------------------------------------------------------- escaping


def escape_markdown(value: Any) -> str:
    """Any printed value as literal Markdown text (Markup is trusted and returned unchanged)."""
    if isinstance(value, Markup):
        return str(value)
    if value is None:
        return fmt.MISSING
    text = _LINE_BREAKS.sub(" ", str(value))  # a value is inline text: no block structure
    if _SETEXT_LINE.match(text):
        return text.replace("=", "\\=")
    text = _SPECIAL.sub(r"\\\1", text)
    return _ORDERED_START.sub(r"\1\\\2", text)


def unescape_markdown(text: str) -> str:
    return _UNESCAPE.sub(r"\1", text)


_UNITS = (
    "",
    "satu",
    "dua",
    "tiga",
    "empat",
    "lima",
    "enam",
    "tujuh",
    "delapan",
    "sembilan",
    "sepuluh",
    "sebelas",
)
_SCALES = ((10**12, "triliun"), (10**9, "miliar"), (10**6, "juta"))


def romawi(number: int) -> str:
    """3 -> 'III'."""
    if number <= 0:
        raise ChapterError(f"angka romawi harus positif, bukan {number}")
    return roman(number)


def terbilang(number: int | None) -> str:
    """17 -> 'tujuh belas', 1000 -> 'seribu' (the words in '7 (tujuh) program')."""
    if number is None:
        return fmt.MISSING
    number = int(number)
    if number == 0:
        return "nol"
    if number < 0:
        return "minus " + terbilang(-number)
    return _words(number)


def urutan(number: int) -> str:
    """1 -> 'pertama', 2 -> 'kedua', 12 -> 'kedua belas' (ordinal words)."""
    return "pertama" if number == 1 else "ke" + terbilang(number)


def _words(n: int) -> str:
    if n < 12:
        return _UNITS[n]
    if n < 20:
        return _UNITS[n - 10] + " belas"
    if n < 100:
        return _join(_UNITS[n // 10] + " puluh", n % 10)
    if n < 1000:
        head = "seratus" if n // 100 == 1 else _UNITS[n // 100] + " ratus"
        return _join(head, n % 100)
    if n < 10**6:
        head = "seribu" if n // 1000 == 1 else _words(n // 1000) + " ribu"
        return _join(head, n % 1000)
    for scale, name in _SCALES:
        if n >= scale:
            return _join(_words(n // scale) + " " + name, n % scale)
    raise AssertionError("unreachable")


def _join(head: str, rest: int) -> str:
    return head if rest == 0 else f"{head} {_words(rest)}"


def awal_kecil(text: str | None) -> str | None:
    """'Persentase ASN ...' -> 'persentase ASN ...' (a name used inside a sentence)."""
    if not text:
        return text
    first = text.split(" ", 1)[0]
    return text if first.isupper() and len(first) > 1 else text[0].lower() + text[1:]


def gabung(items: Iterable[Any]) -> str:
    """['a', 'b', 'c'] -> 'a, b dan c'."""
    texts = [str(i) for i in items]
    if len(texts) <= 1:
        return "".join(texts)
    return ", ".join(texts[:-1]) + " dan " + texts[-1]


def tiap_tahun(values: Any, pattern: str, separator: str = " ") -> str:
    """One sentence per year, `pattern` naming the values in braces and `{tahun}` the year.

    Of a record (an indicator), its yearly values by name: `kinerja_pelayanan[0] | tiap_tahun(
    "Pada akhir tahun {tahun} realisasinya {realisasi}.")`. Of a mapping year -> value, the value
    as `{nilai}`: `... | tiap_tahun("pada tahun {tahun} sebesar {nilai}", ", ")`. Each value is
    shown as the document shows it (its unit, percent, n/a)."""
    if isinstance(values, dict):
        yearly = {"nilai": values}
        unit = None
    else:
        yearly = {k: v for k, v in vars(values).items() if isinstance(v, dict)}
        unit = getattr(values, "satuan", None)
    years = sorted({y for found in yearly.values() for y in found})
    sentences = []
    for year in years:
        shown = {name: _shown(found.get(year), unit) for name, found in yearly.items()}
        try:
            sentences.append(pattern.format(tahun=year, **shown))
        except (KeyError, IndexError) as exc:
            raise ChapterError(
                f"tiap_tahun: isian {exc} tidak dikenal (yang ada: tahun, {', '.join(yearly)})"
            ) from None
    return separator.join(sentences)


def _shown(value: Any, unit: str | None) -> str:
    if isinstance(value, Quantity):
        return fmt.kuantitas(value, unit)
    if isinstance(value, Decimal):
        return fmt.persen(value)
    return fmt.angka(value, None) if value is not None else fmt.MISSING


def penurunan(points: Iterable[Any], x: str, y: str) -> dict[int, Decimal | None]:
    """Persentase penurunan of a yearly series: (n-1 - n) / (n-1) x 100% for every year with a
    previous one (`gambar_tambahan.kasus_per_tahun | penurunan("tahun", "jumlah_kasus")`)."""
    values = {getattr(p, x): getattr(p, y) for p in points}
    return {
        year: decline(values.get(year - 1), values[year])
        for year in sorted(values)
        if year - 1 in values
    }


FILTERS: dict[str, Callable[..., Any]] = {
    **fmt.FILTERS,
    "romawi": romawi,
    "terbilang": terbilang,
    "urutan": urutan,
    "awal_kecil": awal_kecil,
    "gabung": gabung,
    "tiap_tahun": tiap_tahun,
    "penurunan": penurunan,
}
