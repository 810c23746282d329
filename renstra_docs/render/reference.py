"""Generate templates/reference.docx: the styles every rendered Renstra uses.

Run `python -m renstra_docs.render.reference` after changing a style; the .docx is committed so
that a build never depends on how this script behaves on another machine. Its word/styles.xml is
written here element by element in the order of the WordprocessingML schema (nothing comes from
python-docx's default template); the renderer takes only the styles (and, from a reference
document saved by Word, its theme and font table) and writes everything else itself.

The heading styles carry their numbering (render/numbering.py: list 1 for "BAB I", list 2 for
"2.1"), so a heading inserted in Word with one of these styles is numbered and renumbers the
rest. A custom reference document must keep the style ids of `wordml.REQUIRED_STYLES`.
"""

from __future__ import annotations

import io
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

from ..atomic import write_bytes
from . import wordml
from .numbering import CHAPTER_LIST, SECTION_INDENTS, SECTION_LIST
from .package import REL, Package, Properties, settings_xml
from .page import twips

FONT = "Arial"  # LibreOffice substitutes the metric-compatible Liberation Sans
LANG = "id-ID"
REFERENCE = Path(__file__).resolve().parents[2] / "templates" / "reference.docx"
# DAFTAR ISI, cm: where each level's number starts and the room for it ("BAB VIII", "2.1.1"):
# a wrapped entry continues under its title.
TOC_INDENTS = {1: (0.0, 2.0), 2: (0.5, 1.0), 3: (1.5, 1.3)}
_STYLES_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"
_SETTINGS_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"


@dataclass(frozen=True)
class ParagraphStyle:
    """One paragraph style; lengths in points (spacing) and centimetres (indents)."""

    style_id: str
    name: str
    size: float | None = None
    bold: bool = False
    italic: bool = False
    hidden: bool = False
    align: str | None = None  # both / center / left / right
    before: float = 0
    after: float = 0
    line: float = 1.0  # multiple of single spacing
    keep_next: bool = False
    keep_lines: bool = False
    page_break_before: bool = False
    num: tuple[int, int] | None = None  # (numId, ilvl)
    outline: int | None = None  # outline level 0-8 (DAFTAR ISI)
    left_cm: float = 0
    hanging_cm: float = 0
    right_cm: float = 0
    border: bool = False
    based_on: str | None = "Normal"
    custom: bool = True

    def xml(self) -> str:
        custom = ' w:customStyle="1"' if self.custom else ""
        custom += ' w:default="1"' if self.style_id == "Normal" else ""
        base = f'<w:basedOn w:val="{self.based_on}"/>' if self.based_on else ""
        return (
            f'<w:style w:type="paragraph"{custom} w:styleId="{self.style_id}">'
            f'<w:name w:val="{self.name}"/>{base}<w:qFormat/>{self._ppr()}{self._rpr()}</w:style>'
        )

    def _ppr(self) -> str:
        parts = [
            "<w:keepNext/>" if self.keep_next else "",
            "<w:keepLines/>" if self.keep_lines else "",
            "<w:pageBreakBefore/>" if self.page_break_before else "",
        ]
        if self.num:
            parts.append(wordml.num_pr(*self.num))
        parts.append(_BOX_BORDER if self.border else "")
        line = round(240 * self.line)
        parts.append(
            f'<w:spacing w:before="{round(self.before * 20)}" w:after="{round(self.after * 20)}" '
            f'w:line="{line}" w:lineRule="auto"/>'
        )
        parts.append(self._ind())
        parts.append(f'<w:jc w:val="{self.align}"/>' if self.align else "")
        parts.append(f'<w:outlineLvl w:val="{self.outline}"/>' if self.outline is not None else "")
        return f"<w:pPr>{''.join(parts)}</w:pPr>"

    def _ind(self) -> str:
        if not (self.left_cm or self.hanging_cm or self.right_cm):
            return ""
        attrs = f' w:left="{twips(self.left_cm)}"' if self.left_cm else ""
        attrs += f' w:right="{twips(self.right_cm)}"' if self.right_cm else ""
        attrs += f' w:hanging="{twips(self.hanging_cm)}"' if self.hanging_cm else ""
        return f"<w:ind{attrs}/>"

    def _rpr(self) -> str:
        props = ("<w:b/><w:bCs/>" if self.bold else "") + ("<w:i/><w:iCs/>" if self.italic else "")
        props += "<w:vanish/>" if self.hidden else ""
        if self.size:
            half = round(self.size * 2)
            props += f'<w:sz w:val="{half}"/><w:szCs w:val="{half}"/>'
        return f"<w:rPr>{props}</w:rPr>" if props else ""


_BOX_BORDER = (
    "<w:pBdr>"
    + "".join(
        f'<w:{side} w:val="single" w:sz="4" w:space="12" w:color="808080"/>'
        for side in ("top", "left", "bottom", "right")
    )
    + "</w:pBdr>"
)


def _cm(indent_twips: int) -> float:
    return indent_twips * 2.54 / 1440


def paragraph_styles() -> list[ParagraphStyle]:
    P = ParagraphStyle
    styles = [
        P("Normal", "Normal", 11, align="both", after=6, line=1.5, based_on=None, custom=False),
        P(
            "Heading1",
            "heading 1",
            14,
            bold=True,
            align="center",
            after=18,
            line=1.15,
            keep_next=True,
            keep_lines=True,
            page_break_before=True,
            num=(CHAPTER_LIST, 0),
            outline=0,
            custom=False,
        ),
    ]
    for ilvl, indent in SECTION_INDENTS.items():
        styles.append(
            P(
                f"Heading{ilvl + 1}",
                f"heading {ilvl + 1}",
                12 if ilvl == 1 else 11,
                bold=True,
                italic=ilvl == 3,
                align="left",
                before=12,
                after=6,
                line=1.15,
                keep_next=True,
                keep_lines=True,
                num=(SECTION_LIST, ilvl),
                outline=ilvl,
                left_cm=_cm(indent),
                hanging_cm=_cm(indent),
                custom=False,
            )
        )
    styles += [
        P(
            "Caption",
            "caption",
            10,
            bold=True,
            align="center",
            before=12,
            after=6,
            keep_next=True,
            keep_lines=True,
            custom=False,
        ),  # fmt: skip
        P(
            wordml.S_CONTINUED,
            "Lanjutan Tabel",
            9,
            italic=True,
            align="center",
            before=12,
            after=6,
            keep_next=True,
        ),  # fmt: skip
        P(
            wordml.S_FRONT_TITLE,
            "Judul Depan",
            14,
            bold=True,
            align="center",
            after=18,
            line=1.15,
            keep_next=True,
            outline=0,
        ),  # fmt: skip
        P(wordml.S_COVER, "Sampul", 14, bold=True, align="center", after=6, line=1.15),
        P(wordml.S_COVER_SMALL, "Sampul Alamat", 10, align="center"),
    ]
    for level, (start, number) in TOC_INDENTS.items():  # where the number starts, its room
        styles.append(
            P(
                f"TOC{level}",
                f"toc {level}",
                11,
                bold=level == 1,
                align="left",
                before=6 if level == 1 else 0,
                after=2,
                left_cm=start + number,
                hanging_cm=number,
                custom=False,
            )
        )
    styles += [
        P(
            wordml.S_TABLE_OF_FIGURES,
            "table of figures",
            11,
            align="left",
            after=2,
            left_cm=2.2,
            hanging_cm=2.2,
            custom=False,
        ),  # fmt: skip
        P(wordml.S_LIST, "Daftar", align="both", after=3, line=1.5),
        P(wordml.S_NOTE, "Catatan Tabel", 9, align="left", before=2),
        P(wordml.S_FIGURE, "Gambar", align="center", keep_next=True),
        P(
            wordml.S_FIGURE_BOX,
            "Kotak Gambar",
            10,
            italic=True,
            align="center",
            before=6,
            after=6,
            left_cm=2.0,
            right_cm=2.0,
            border=True,
        ),  # fmt: skip
        P(
            wordml.S_CHAPTER_MARK,
            "Penanda Bab",
            1,
            hidden=True,
            keep_next=True,
            num=(SECTION_LIST, 0),
        ),  # fmt: skip
    ]
    for name, style_id, size, align, bold in (
        ("Tabel Teks", wordml.S_CELL_TEXT, wordml.TABLE_FONT_PT, "left", False),
        ("Tabel Angka", wordml.S_CELL_NUMBER, wordml.TABLE_FONT_PT, "right", False),
        ("Tabel Kepala", wordml.S_CELL_HEAD, wordml.TABLE_FONT_PT, "center", True),
        ("Tabel Teks Kecil", wordml.S_CELL_TEXT_SMALL, wordml.SMALL_FONT_PT, "left", False),
        ("Tabel Angka Kecil", wordml.S_CELL_NUMBER_SMALL, wordml.SMALL_FONT_PT, "right", False),
        ("Tabel Kepala Kecil", wordml.S_CELL_HEAD_SMALL, wordml.SMALL_FONT_PT, "center", True),
    ):
        styles.append(P(style_id, name, size, bold=bold, align=align))
    styles.append(P("Footer", "footer", 10, align="center", custom=False))
    return styles


def _defaults() -> str:
    fonts = "".join(f' w:{a}="{FONT}"' for a in ("ascii", "hAnsi", "eastAsia", "cs"))
    return (
        f"<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts{fonts}/>"
        '<w:sz w:val="22"/><w:szCs w:val="22"/>'
        f'<w:lang w:val="{LANG}" w:eastAsia="{LANG}" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>'
        "<w:pPrDefault><w:pPr><w:widowControl/></w:pPr></w:pPrDefault></w:docDefaults>"
    )


_DEFAULT_STYLES = (
    '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
    '<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/>'
    "<w:unhideWhenUsed/></w:style>"
    '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>'
    '<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w="0" '
    'w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>'
    '<w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr>'
    "</w:style>"
    '<w:style w:type="numbering" w:default="1" w:styleId="NoList"><w:name w:val="No List"/>'
    '<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/></w:style>'
)


def styles_xml() -> bytes:
    body = "".join(style.xml() for style in paragraph_styles())
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        f"{_defaults()}{_DEFAULT_STYLES}{body}</w:styles>"
    ).encode()


def _specimen() -> list[str]:
    """document.xml of the reference: one line in each style, to look at them in Word."""
    from .package import DOCUMENT_TAIL, document_head

    lines = [
        wordml.paragraph(style.style_id, wordml.run(f"{style.name} ({style.style_id})"))
        for style in paragraph_styles()
        if not style.hidden
    ]
    section = wordml.sect_pr(wordml.PORTRAIT, None)
    return [document_head(), *lines, section, DOCUMENT_TAIL]


def build() -> bytes:
    """The reference document as deterministic bytes."""
    package = Package({})
    package.add("word/styles.xml", styles_xml(), REL["styles"], _STYLES_TYPE)
    package.add(
        "word/settings.xml", settings_xml(update_fields=False), REL["settings"], _SETTINGS_TYPE
    )
    props = Properties(
        "Gaya dokumen Renstra", "Gaya paragraf untuk renstra-docs", "renstra-docs", "",
        wordml.FIXED_DATE,
    )  # fmt: skip
    return package.write(_specimen(), props)


def check(data: bytes) -> list[str]:
    """Names of the styles the renderer needs that `data` lacks (empty when complete)."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        styles = package.read("word/styles.xml").decode("utf-8")
    return [s for s in wordml.REQUIRED_STYLES if f'w:styleId="{s}"' not in styles]


def main(argv: list[str] | None = None) -> int:
    target = Path(argv[0]) if argv else REFERENCE
    write_bytes(target, build())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
