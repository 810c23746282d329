"""Paper sizes and margins: every section of a document uses the same paper and margins.

Portrait pages have the margins of Indonesian government documents: 4 cm at the binding edge
(left), 3 cm elsewhere. A landscape page is the same sheet turned a quarter: its top edge is the
binding edge, so it gets the 4 cm and the other three sides 3 cm.
"""

from __future__ import annotations

from dataclasses import dataclass

TWIPS_PER_CM = 1440 / 2.54
PAPERS: dict[str, tuple[float, float]] = {"A4": (21.0, 29.7), "F4": (21.5, 33.0)}  # cm
DEFAULT_PAPER = "A4"
# Excel's paperSize codes. F4 (215 x 330 mm) is not one of Excel's paper sizes; Folio
# (8.5 x 13 in = 215.9 x 330.2 mm, code 14) is the same sheet within a millimetre, and what an
# Indonesian printer driver offers as F4/Folio.
EXCEL_PAPER_SIZES = {"A4": 9, "F4": 14}
BINDING_CM, MARGIN_CM = 4.0, 3.0
HEADER_FOOTER_CM = 1.25  # distance of the footer (page number) from the sheet's edge


def twips(cm: float) -> int:
    return round(cm * TWIPS_PER_CM)


@dataclass(frozen=True)
class Page:
    """Page size and margins in twips."""

    width: int
    height: int
    top: int
    bottom: int
    left: int
    right: int
    header: int = twips(HEADER_FOOTER_CM)
    footer: int = twips(HEADER_FOOTER_CM)

    @property
    def landscape(self) -> bool:
        return self.width > self.height

    @property
    def usable_width(self) -> int:
        return self.width - self.left - self.right

    @property
    def usable_height(self) -> int:
        return self.height - self.top - self.bottom


@dataclass(frozen=True)
class Paper:
    """One paper size in both orientations."""

    name: str
    portrait: Page
    landscape: Page


def paper(name: str = DEFAULT_PAPER) -> Paper:
    """'A4' or 'F4' (215 x 330 mm, the usual paper of Indonesian government offices)."""
    key = name.strip().upper()
    if key not in PAPERS:
        raise ValueError(f"kertas {name!r} tidak dikenal; pilih salah satu: {', '.join(PAPERS)}")
    width_cm, height_cm = PAPERS[key]
    width, height = twips(width_cm), twips(height_cm)
    binding, margin = twips(BINDING_CM), twips(MARGIN_CM)
    portrait = Page(width, height, top=margin, bottom=margin, left=binding, right=margin)
    landscape = Page(height, width, top=binding, bottom=margin, left=margin, right=margin)
    return Paper(key, portrait, landscape)
