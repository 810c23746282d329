"""renstra-docs: a Renstra Perangkat Daerah rebuilt from spreadsheets (see docs/api.md)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["Dataset", "load", "pagu"]

if TYPE_CHECKING:
    from .api import load, pagu
    from .model import Dataset


def __getattr__(name: str) -> Any:
    """`renstra_docs.load` and friends, imported on first use (the CLI imports the package
    without needing pandas at start-up)."""
    if name in ("load", "pagu"):
        from . import api

        return getattr(api, name)
    if name == "Dataset":
        from .model import Dataset

        return Dataset
    raise AttributeError(name)
