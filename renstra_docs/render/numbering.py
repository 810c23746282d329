"""word/numbering.xml: Word numbering for the headings and the lists of the chapters.

- Chapter headings (style Heading1) are list 1: "BAB I", "BAB II" (upper roman), so a chapter
  inserted in Word renumbers the following ones.
- Sections (Heading2-4) are list 2: "2.1", "2.1.1", "2.1.1.1". Its level 0 is the hidden
  chapter marker paragraph after every chapter heading (render/fields.py), so the sections
  restart in every chapter and carry its number in arabic ("2.1" under "BAB II"). Word's
  `w:isLgl` would do that from the roman heading itself, but LibreOffice before 24.2 ignores
  it and prints "II.1".
- Every Markdown list is an instance of the definition of its style ("1." / "a)" / "A)" /
  "i)" / "I)" / bullets), restarting at its first number, at the level of its depth; an item
  inserted in Word renumbers the rest of its list.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .wordml import S_CHAPTER_MARK

CHAPTER_LIST, SECTION_LIST = 1, 2  # numIds of the heading lists
SECTION_INDENTS = {1: 567, 2: 737, 3: 907}  # twips: 1,0 / 1,3 / 1,6 cm, the number's hanging
LIST_HANGING = 360  # twips between a list label and its text
LEVELS = 9
NSID_BASE = 0x52E50000
BULLET = "bullet"
_FORMATS = {  # list style -> (numFmt, label pattern of one level)
    "1": ("decimal", "%{}."),
    "a": ("lowerLetter", "%{})"),
    "A": ("upperLetter", "%{})"),
    "i": ("lowerRoman", "%{})"),
    "I": ("upperRoman", "%{})"),
}
_BULLETS = ("\u2022", "\u2013", "-")
_ABSTRACT_FIRST_LIST = 3  # abstractNumId of the first list style


def list_indent(depth: int) -> int:
    """The text indent of a list item at `depth` (0 for a top-level list), twips."""
    return LIST_HANGING * (depth + 2)


def _lvl(
    ilvl: int,
    fmt: str,
    text: str,
    style: str | None = None,
    suffix: str = "tab",
    ind: str = "",
) -> str:
    """One `w:lvl`, children in schema order."""
    pstyle = f'<w:pStyle w:val="{style}"/>' if style else ""
    suff = f'<w:suff w:val="{suffix}"/>' if suffix != "tab" else ""
    return (
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>{pstyle}{suff}'
        f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
        f"{'<w:pPr>' + ind + '</w:pPr>' if ind else ''}</w:lvl>"
    )


def _abstract(abstract_id: int, kind: str, levels: list[str]) -> str:
    nsid = f"{NSID_BASE + abstract_id:08X}"  # a list's identity in Word, fixed for determinism
    return (
        f'<w:abstractNum w:abstractNumId="{abstract_id}"><w:nsid w:val="{nsid}"/>'
        f'<w:multiLevelType w:val="{kind}"/>{"".join(levels)}</w:abstractNum>'
    )


def _chapters() -> str:
    ind = '<w:ind w:left="0" w:firstLine="0"/>'
    return _abstract(
        CHAPTER_LIST,
        "singleLevel",
        [_lvl(0, "upperRoman", "BAB %1", "Heading1", "nothing", ind)],
    )


def _sections() -> str:
    levels = [_lvl(0, "decimal", "", S_CHAPTER_MARK, "nothing")]
    for ilvl, indent in SECTION_INDENTS.items():
        text = ".".join(f"%{n}" for n in range(1, ilvl + 2))
        ind = f'<w:ind w:left="{indent}" w:hanging="{indent}"/>'
        levels.append(_lvl(ilvl, "decimal", text, f"Heading{ilvl + 1}", ind=ind))
    return _abstract(SECTION_LIST, "multilevel", levels)


def _list_levels(style: str) -> list[str]:
    levels = []
    for depth in range(LEVELS):
        ind = f'<w:ind w:left="{list_indent(depth)}" w:hanging="{LIST_HANGING}"/>'
        if style == BULLET:
            levels.append(_lvl(depth, "bullet", _BULLETS[min(depth, len(_BULLETS) - 1)], ind=ind))
        else:
            fmt, pattern = _FORMATS[style]
            levels.append(_lvl(depth, fmt, pattern.format(depth + 1), ind=ind))
    return levels


LIST_STYLES = (*_FORMATS, BULLET)


@dataclass
class Numbering:
    """The lists of one document, numbered in the order they are asked for."""

    instances: list[tuple[int, int, int]] = field(default_factory=list)  # abstract, ilvl, start

    def list_id(self, style: str, depth: int, start: int = 1) -> int:
        """A new list of `style` ('1', 'a', 'A', 'i', 'I' or 'bullet') at `depth`: its numId."""
        abstract = _ABSTRACT_FIRST_LIST + LIST_STYLES.index(style)
        self.instances.append((abstract, depth, start))
        return _ABSTRACT_FIRST_LIST + len(self.instances) - 1

    def xml(self) -> bytes:
        abstracts = [_chapters(), _sections()]
        abstracts += [
            _abstract(_ABSTRACT_FIRST_LIST + n, "multilevel", _list_levels(style))
            for n, style in enumerate(LIST_STYLES)
        ]
        nums = [
            f'<w:num w:numId="{CHAPTER_LIST}"><w:abstractNumId w:val="{CHAPTER_LIST}"/></w:num>',
            f'<w:num w:numId="{SECTION_LIST}"><w:abstractNumId w:val="{SECTION_LIST}"/></w:num>',
        ]
        for n, (abstract, depth, start) in enumerate(self.instances):
            nums.append(
                f'<w:num w:numId="{_ABSTRACT_FIRST_LIST + n}"><w:abstractNumId w:val="{abstract}"/>'
                f'<w:lvlOverride w:ilvl="{depth}"><w:startOverride w:val="{start}"/>'
                "</w:lvlOverride></w:num>"
            )
        return (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            f"{''.join(abstracts)}{''.join(nums)}</w:numbering>"
        ).encode()
