"""Word fields: caption numbers (SEQ), the chapter marker, tables of contents (TOC).

Captions are real Word captions, numbered per chapter so that "Tabel 2.4" survives a field
update in Word and in LibreOffice:

    Tabel {SEQ Bab \\c}.{SEQ Tabel \\s 1}

- `SEQ Bab \\c` repeats the chapter counter, which a hidden `SEQ Bab \\h` field in a hidden
  paragraph right after every chapter heading advances. (A STYLEREF to the heading cannot give
  the chapter: "BAB II" is roman, the captions are arabic.) The same hidden paragraph carries
  level 0 of the section numbering (render/numbering.py), so "2.1" follows the chapter.
- Word restarts `SEQ Tabel \\s 1` at every Heading 1. LibreOffice (7.x) ignores `\\s` (and
  `\\h`; the hidden paragraph is hidden text, `w:vanish`), so the first caption of each label
  in a chapter also says `\\r 1`. A reset field elsewhere (in the heading, or in a hidden
  paragraph of its own) would be listed by LibreOffice in DAFTAR TABEL as an entry.
- Every field's cached result is the number the renderer was given (`Table.number`), so a
  reader that does not update fields shows the same thing. A number that does not follow from
  the document order (a gap) is kept with `\\r n`, so an update never changes it.

DAFTAR TABEL and DAFTAR GAMBAR are `TOC \\h \\z \\c "Tabel"` / `"Gambar"` fields: built from the
SEQ fields, in Word and in LibreOffice alike (a `\\t "Caption,1"` list comes out empty in
LibreOffice).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .wordml import esc, ppr, run

CHAPTER_SEQUENCE = "Bab"
LABELS = ("Tabel", "Gambar")  # caption labels (SEQ sequences) of this document


def field_ends(instruction: str, rpr: str = "", dirty: bool = False) -> tuple[str, str]:
    """A field's runs before its cached result (begin, instruction, separate) and after (end),
    for a result that spans several paragraphs."""
    props = f"<w:rPr>{rpr}</w:rPr>" if rpr else ""
    flag = ' w:dirty="true"' if dirty else ""
    begin = (
        f'<w:r>{props}<w:fldChar w:fldCharType="begin"{flag}/></w:r>'
        f'<w:r>{props}<w:instrText xml:space="preserve"> {esc(instruction)} </w:instrText></w:r>'
        f'<w:r>{props}<w:fldChar w:fldCharType="separate"/></w:r>'
    )
    return begin, f'<w:r>{props}<w:fldChar w:fldCharType="end"/></w:r>'


def complex_field(instruction: str, result: str, rpr: str = "", dirty: bool = False) -> str:
    """A field as begin / instruction / separate / cached result / end runs."""
    begin, end = field_ends(instruction, rpr, dirty)
    props = f"<w:rPr>{rpr}</w:rPr>" if rpr else ""
    # an empty result is still a run: LibreOffice formats a field like its result (hidden)
    cached = f'<w:r>{props}<w:t xml:space="preserve">{esc(result)}</w:t></w:r>'
    return begin + cached + end


HIDDEN = "<w:vanish/>"


def chapter_marker(chapter: int, style: str) -> str:
    """The hidden paragraph right after a chapter heading: `SEQ Bab` and the section
    numbering's chapter level (the style's numbering)."""
    marker = complex_field(f"SEQ {CHAPTER_SEQUENCE} \\h", str(chapter), HIDDEN)
    return f"<w:p>{ppr(style=style, rpr=HIDDEN)}{marker}</w:p>"


def parse_number(number: str) -> tuple[int | None, int | None]:
    """'2.4' -> (2, 4); '7' -> (None, 7); anything else -> (None, None)."""
    head, _, tail = number.rpartition(".")
    if not tail.isdigit():
        return None, None
    if not head:
        return None, int(tail)
    return (int(head), int(tail)) if head.isdigit() else (None, None)


@dataclass
class CaptionCounter:
    """What the SEQ fields compute, chapter by chapter, so that each caption's fields are
    written to give exactly the number it was assigned."""

    chapter: int = 0
    counts: dict[str, int] = field(default_factory=dict)

    def start_chapter(self, chapter: int) -> None:
        self.chapter, self.counts = chapter, {}

    def next_number(self, label: str) -> str:
        """The number the next caption of `label` gets in document order ("1.1")."""
        return f"{self.chapter}.{self.counts.get(label, 0) + 1}"

    def fields(self, label: str, number: str) -> str:
        """The runs after "Tabel ": chapter part, ".", sequence part (cached = `number`)."""
        chapter, sequence = parse_number(number)
        expected = self.counts.get(label, 0) + 1
        if sequence is None:  # not a number: shown as written, still counted and listed
            self.counts[label] = expected
            hidden = complex_field(f"SEQ {label} \\h", str(expected), HIDDEN)
            return run(number) + hidden
        first = label not in self.counts
        self.counts[label] = sequence
        reset = "" if sequence == expected and not first else f" \\r {sequence}"
        seq = complex_field(f"SEQ {label} \\* ARABIC{reset} \\s 1", str(sequence))
        if chapter is None:
            return seq
        if chapter == self.chapter:
            prefix = complex_field(f"SEQ {CHAPTER_SEQUENCE} \\c \\* ARABIC", str(chapter))
        else:
            prefix = run(str(chapter))
        return prefix + run(".") + seq


def toc_instruction(levels: int) -> str:
    return f'TOC \\o "1-{levels}" \\h \\z \\u'


def list_instruction(label: str) -> str:
    """DAFTAR TABEL / DAFTAR GAMBAR: every caption of the SEQ sequence `label`."""
    return f'TOC \\h \\z \\c "{label}"'
