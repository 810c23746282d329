"""Chapter Markdown (the output of the Jinja templates) -> a flat list of neutral blocks.

markdown-it-py parses CommonMark with HTML enabled only so that comments can be seen: a comment
paragraph `<!-- table 6.2 -->`, `<!-- figure 2.3 -->` or `<!-- pagebreak -->` is a directive,
`<!-- list: a -->` labels the next ordered list "a)", "b)" ... Every other piece of HTML is kept
as literal text, never interpreted. Headings are numbered here, from their position, so the
document's numbering is always right whatever the templates say.

A paragraph that is only an image, `![Judul gambar](berkas.png "Sumber: ...")`, places that
picture file of the project as a captioned figure (Gambar x.y); the optional title becomes the
note under it. Images inside running text stay as their literal alt text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import unquote

from markdown_it import MarkdownIt
from markdown_it.token import Token

_DIRECTIVE = re.compile(r"<!--\s*(table|figure)\s+([^\s>]+)\s*-->")
_PAGEBREAK = re.compile(r"<!--\s*pagebreak\s*-->")
_LIST_STYLE = re.compile(r"<!--\s*list:\s*([aAiI1])\s*-->")
_BULLETS = ("•", "–", "-")


@dataclass(frozen=True)
class Run:
    text: str
    bold: bool = False
    italic: bool = False
    line_break: bool = False


@dataclass(frozen=True)
class Heading:
    level: int  # 1 chapter, 2-4 sections
    number: str  # "I" for a chapter, "2.1", "2.1.1", "2.1.1.1" for sections
    runs: tuple[Run, ...]

    @property
    def text(self) -> str:
        return plain_text(self.runs)


@dataclass(frozen=True)
class Paragraph:
    runs: tuple[Run, ...]


@dataclass(frozen=True)
class ListItem:
    label: str  # "1.", "a)", "•"; empty for a further paragraph of the same item
    depth: int  # 0 for a top-level list
    runs: tuple[Run, ...]
    list_index: int = 0  # which list of the chapter (each list, nested ones too, has its own)
    style: str = "1"  # "1", "a", "A", "i", "I"; BULLET for a bulleted list
    start: int = 1  # the number of the list's first item


@dataclass(frozen=True)
class Place:
    kind: str  # "table" or "figure"
    key: str  # "6.2"


@dataclass(frozen=True)
class PageBreak:
    pass


@dataclass(frozen=True)
class Picture:
    """A picture file of the project placed as a figure: `![caption](path "note")`."""

    path: str
    caption: str
    note: str = ""


Block = Heading | Paragraph | ListItem | Place | PageBreak | Picture
BULLET = "bullet"


def plain_text(runs: tuple[Run, ...]) -> str:
    return "".join(" " if r.line_break else r.text for r in runs)


def roman(number: int) -> str:
    values = (
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    )
    out = []
    for value, letters in values:
        count, number = divmod(number, value)
        out.append(letters * count)
    return "".join(out)


def _letters(number: int) -> str:
    text = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        text = chr(ord("a") + rest) + text
    return text


def list_label(style: str, number: int) -> str:
    """The visible label of item `number` of an ordered list of `style` ('1', 'a', 'i'...)."""
    if style == "a":
        return f"{_letters(number)})"
    if style == "A":
        return f"{_letters(number).upper()})"
    if style == "i":
        return f"{roman(number).lower()})"
    if style == "I":
        return f"{roman(number)})"
    return f"{number}."


@dataclass
class _List:
    ordered: bool
    style: str
    next_number: int
    depth: int
    index: int
    start: int = 1


@dataclass
class _State:
    chapter: int
    counters: list[int] = field(default_factory=lambda: [0, 0, 0])
    lists: list[_List] = field(default_factory=list)
    pending_style: str | None = None
    item_label: str | None = None  # label not yet given to a paragraph of the current item
    blocks: list[Block] = field(default_factory=list)
    list_count: int = 0


def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": True, "linkify": False, "typographer": False})


_MD = _parser()


def parse_chapter(text: str, chapter: int) -> list[Block]:
    """The blocks of chapter number `chapter` (1-based), headings numbered."""
    state = _State(chapter)
    tokens = _MD.parse(text)
    i = 0
    while i < len(tokens):
        i = _block(tokens, i, state)
    return state.blocks


def _block(tokens: list[Token], i: int, state: _State) -> int:
    token = tokens[i]
    kind = token.type
    if kind == "heading_open":
        _heading(int(token.tag[1:]), _inline(tokens[i + 1]), state)
        return i + 3
    if kind == "paragraph_open":
        picture = _picture(tokens[i + 1])
        if picture is not None and not state.lists:
            state.blocks.append(picture)
        else:
            _paragraph(_inline(tokens[i + 1]), state)
        return i + 3
    if kind in ("bullet_list_open", "ordered_list_open"):
        _open_list(token, state)
    elif kind in ("bullet_list_close", "ordered_list_close"):
        state.lists.pop()
    elif kind == "list_item_open":
        _open_item(state)
    elif kind == "list_item_close":
        if state.item_label is not None:  # an empty item still shows its label
            _emit_text((), state)
    elif kind == "html_block":
        _html_block(token.content, state)
    elif kind in ("code_block", "fence"):
        _paragraph(_literal_runs(token.content), state)
    return i + 1


def _heading(level: int, runs: tuple[Run, ...], state: _State) -> None:
    state.pending_style = None
    if level == 1:
        state.counters = [0, 0, 0]
        state.blocks.append(Heading(1, roman(state.chapter), runs))
        return
    depth = min(level, 4) - 2  # 0 for ##, 1 for ###, 2 for ####
    state.counters[depth] += 1
    for deeper in range(depth + 1, 3):
        state.counters[deeper] = 0
    number = ".".join(str(n) for n in [state.chapter, *state.counters[: depth + 1]])
    state.blocks.append(Heading(depth + 2, number, runs))


def _paragraph(runs: tuple[Run, ...], state: _State) -> None:
    if state.lists:
        _emit_text(runs, state)
    else:
        state.blocks.append(Paragraph(runs))


def _emit_text(runs: tuple[Run, ...], state: _State) -> None:
    label = state.item_label or ""
    state.item_label = None
    current = state.lists[-1]
    style = current.style if current.ordered else BULLET
    state.blocks.append(ListItem(label, current.depth, runs, current.index, style, current.start))


def _open_list(token: Token, state: _State) -> None:
    if state.item_label is not None:  # an item that opens directly with a nested list
        _emit_text((), state)
    ordered = token.type == "ordered_list_open"
    style = (state.pending_style or "1") if ordered else ""
    state.pending_style = None
    start = int(token.attrGet("start") or 1) if ordered else 1
    state.lists.append(_List(ordered, style, start, len(state.lists), state.list_count, start))
    state.list_count += 1


def _open_item(state: _State) -> None:
    current = state.lists[-1]
    if current.ordered:
        state.item_label = list_label(current.style, current.next_number)
        current.next_number += 1
    else:
        state.item_label = _BULLETS[min(current.depth, len(_BULLETS) - 1)]


def _html_block(content: str, state: _State) -> None:
    stripped = content.strip()
    if match := _DIRECTIVE.fullmatch(stripped):
        state.blocks.append(Place(match.group(1), match.group(2)))
    elif _PAGEBREAK.fullmatch(stripped):
        state.blocks.append(PageBreak())
    elif match := _LIST_STYLE.fullmatch(stripped):
        state.pending_style = match.group(1)
    else:
        _paragraph(_literal_runs(content), state)


def _picture(token: Token) -> Picture | None:
    """The picture of a paragraph that holds one image and nothing else."""
    children = [c for c in token.children or () if not (c.type == "text" and not c.content.strip())]
    if len(children) != 1 or children[0].type != "image":
        return None
    image = children[0]
    src = unquote(str(image.attrGet("src") or ""))  # markdown-it percent-encodes the link
    title = str(image.attrGet("title") or "")
    return Picture(src, image.content, title) if src else None


def _literal_runs(content: str) -> tuple[Run, ...]:
    lines = content.rstrip("\n").split("\n")
    runs: list[Run] = []
    for n, line in enumerate(lines):
        if n:
            runs.append(Run("", line_break=True))
        runs.append(Run(line))
    return tuple(runs)


def _inline(token: Token) -> tuple[Run, ...]:
    """Runs of an inline token: bold/italic tracked, everything else literal text."""
    bold = italic = 0
    runs: list[Run] = []
    for child in token.children or ():
        kind = child.type
        if kind == "strong_open":
            bold += 1
        elif kind == "strong_close":
            bold -= 1
        elif kind == "em_open":
            italic += 1
        elif kind == "em_close":
            italic -= 1
        elif kind == "softbreak":
            _add(runs, Run(" ", bold > 0, italic > 0))
        elif kind == "hardbreak":
            runs.append(Run("", line_break=True))
        elif kind in ("text", "code_inline", "html_inline", "text_special", "image"):
            _add(runs, Run(child.content, bold > 0, italic > 0))
    return tuple(runs)


def _add(runs: list[Run], new: Run) -> None:
    """Append, merging with the previous run when the formatting is the same."""
    if not new.text:
        return
    if (
        runs
        and not runs[-1].line_break
        and (runs[-1].bold, runs[-1].italic) == (new.bold, new.italic)
    ):
        runs[-1] = Run(runs[-1].text + new.text, new.bold, new.italic)
    else:
        runs.append(new)
