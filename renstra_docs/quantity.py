"""A number with an optional unit, as typed in one cell: the value type of targets."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class Quantity:
    """A number with an optional unit as typed in one cell, e.g. `20 Orang` or `88,42%`."""

    value: Decimal | None
    unit: str | None = None
