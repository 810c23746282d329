"""Pieces of the document shared by the body (render/docx.py) and the front pages (front.py):
Markdown runs and list items as WordprocessingML, pictures of the project, shape ids."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import images, wordml
from . import markdown as md
from .numbering import Numbering, list_indent
from .package import Package
from .wordml import BREAK, paragraph, run


class RenderError(ValueError):
    """A chapter refers to something the document does not have."""


@dataclass
class Shapes:
    """Drawing ids: unique in the whole document (Word repairs a document with duplicates)."""

    last: int = 0

    def next(self) -> int:
        self.last += 1
        return self.last


def runs_xml(runs: tuple[md.Run, ...], bold: bool = False) -> str:
    return "".join(BREAK if r.line_break else run(r.text, r.bold or bold, r.italic) for r in runs)


def list_item_xml(
    item: md.ListItem, lists: dict[int, int], numbering: Numbering, keep_next: bool = False
) -> str:
    """A list paragraph numbered by Word; `lists` maps the chapter's lists to their numbering
    instance, created on a list's first item. `keep_next`: kept on the page of the next one."""
    runs = runs_xml(item.runs)
    if not item.label:  # a further paragraph of the same item: indented, no number
        indent = f'<w:ind w:left="{list_indent(item.depth)}"/>'
        return paragraph(wordml.S_LIST, runs, ind=indent, keep_next=keep_next)
    if item.list_index not in lists:
        lists[item.list_index] = numbering.list_id(item.style, item.depth, item.start)
    number = (lists[item.list_index], item.depth)
    return paragraph(wordml.S_LIST, runs, num=number, keep_next=keep_next)


def before_last_item(blocks: list[md.Block], index: int) -> bool:
    """Is `blocks[index]` the item before the last of its list? It keeps with the last one, so
    that a list never ends with one item alone at the top of a page."""
    item = blocks[index]
    if not isinstance(item, md.ListItem):
        return False

    def same_list(at: int) -> bool:
        block = blocks[at] if at < len(blocks) else None
        return isinstance(block, md.ListItem) and block.list_index == item.list_index

    return same_list(index + 1) and not same_list(index + 2)


def picture_file(folder: Path | None, reference: str) -> images.Image:
    """A picture file of the project, relative to `folder` (the templates folder)."""
    if folder is None:
        raise RenderError(f"gambar {reference!r}: folder gambar proyek tidak diketahui")
    return images.project_image(folder, reference, "gambar")


def picture_xml(package: Package, image: images.Image, shape_id: int, width: int) -> str:
    """A centred paragraph holding `image`, `width` twips wide."""
    rel = package.add_image(image)
    return paragraph(wordml.S_FIGURE, wordml.drawing_xml(rel, shape_id, width, image.pixels))
