"""Figures drawn with matplotlib (Agg), as deterministic PNG bytes at print resolution.

`draw(kind, data, cache_dir)` takes plain data (str, int, lists, dicts) so the same figure is
drawn from the same data every time: matplotlib is imported only when a chart is really drawn,
PNGs carry no software/time metadata, sizes are fixed, and a PNG is cached under a hash of its
kind, data and drawing version, so an unchanged chart is not redrawn.

Kinds: "org" (organisation chart), "bars" (grouped bars), "line" (one series over years).
"""

from __future__ import annotations

import atexit
import hashlib
import io
import json
import os
import textwrap
from collections.abc import Callable, Mapping
from dataclasses import replace
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import fmt
from ..atomic import write_bytes
from ..processes import can_fork

if TYPE_CHECKING:  # light imports: the CLI loads this module to start the chart worker early
    from ..tables.model import Chart, Figure

DPI = 200
DRAWING_VERSION = "2"  # bump when a drawing function changes, to invalidate cached PNGs
FONT = "DejaVu Sans"  # shipped with matplotlib: the same glyphs on every machine
INK = "#1f2d3d"
PALETTE = ("#1f4e79", "#c55a11", "#548235", "#7f6000", "#7030a0", "#2e75b6", "#a5a5a5")
BOX_FILL = {0: "#d9e2f3", 1: "#eaf1fb", 2: "#ffffff"}


def paint(figures: Mapping[str, Figure], cache_dir: Path | None = None) -> dict[str, Figure]:
    """The figures with their charts drawn (PNG bytes), now."""
    return {
        n: _painted(f, draw(f.chart.kind, f.chart.data, cache_dir)) if f.chart else f
        for n, f in figures.items()
    }


class PaintedLater:
    """Figures whose charts are being drawn in a worker process: `result()` waits for them.

    Drawing a chart costs matplotlib's import (~0.4 s) and the drawing itself; in a worker it
    runs on the second core while the tables, chapters, exports and the DOCX body are written
    (the pictures are placed last). The worker draws the charts with `draw_all` and stops
    once it has delivered them.
    """

    def __init__(self, figures: Mapping[str, Figure], cache_dir: Path | None):
        global _WORKER
        self._figures = dict(figures)
        self.pending = self._figures  # the figures as given (no PNG yet), for the tables
        self._cache_dir = cache_dir
        self._future: Any = None
        self._drawn: dict[str, bytes] = {}
        missing = {
            n: f.chart for n, f in figures.items() if f.chart and not _cached(f.chart, cache_dir)
        }
        self._missing = list(missing)
        self._pool, _WORKER = _WORKER, None
        if missing and self._pool is None and can_fork():
            self._pool = _start_worker()
        if missing and (pool := self._pool) is not None:
            charts = [(c.kind, c.data) for c in missing.values()]
            self._future = self._pool.submit(draw_all, charts, cache_dir)
            # Stop the worker as soon as it has delivered (its ~80 MiB are freed while the
            # build goes on); the PNGs stay in the future.
            self._future.add_done_callback(lambda _: pool.shutdown(wait=False))

    def result(self) -> dict[str, Figure]:
        drawn = self._take()
        rest = {n: f for n, f in self._figures.items() if n not in drawn}
        return {
            **paint(rest, self._cache_dir),
            **{n: _painted(f, drawn[n]) for n, f in self._figures.items() if n in drawn},
        }

    def _take(self) -> dict[str, bytes]:
        """The PNGs drawn by the worker (waiting for them), which then stops."""
        try:
            if self._future is not None:
                self._drawn = dict(zip(self._missing, self._future.result(), strict=True))
                self._future = None
        finally:
            if self._pool is not None:
                self._pool.shutdown(wait=False, cancel_futures=True)
                self._pool = None
        return self._drawn


_WORKER: Any = None  # a chart worker started by `prewarm`, taken by the next PaintedLater


def prewarm(cache_dir: Path | None) -> None:
    """On a cold build (no cached chart yet), start the chart worker at once so that
    matplotlib is imported on the second core while the workbooks are read."""
    global _WORKER
    cold = cache_dir is not None and not any(cache_dir.glob("*.png"))
    if _WORKER is None and cold and can_fork():
        _WORKER = _start_worker()
        _WORKER.submit(int)  # a pool forks its worker on the first task: start it now


def release_worker() -> None:
    """Stop a prewarmed worker that will not be needed (the build stopped early)."""
    global _WORKER
    if _WORKER is not None:
        _WORKER.shutdown(wait=False, cancel_futures=True)
        _WORKER = None


def _start_worker() -> Any:
    atexit.register(release_worker)  # a warm worker left at exit would be torn down noisily
    return _fork_pool(1, initializer=_warm_up)


def _fork_pool(workers: int, initializer: Callable[[], None] | None = None) -> Any:
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing import get_context

    return ProcessPoolExecutor(workers, mp_context=get_context("fork"), initializer=initializer)


def _warm_up() -> None:
    """The worker's start: import matplotlib, draw a tiny chart (fonts, PNG writer) and fork the
    helpers from the warm process, so that neither the first chart nor the helpers used by
    `draw_all` pay for them when the figures arrive."""
    _render(_draw_sample, {})
    _matplotlib_version()
    _HELPERS.extend(_Helper() for _ in range(_spare_cores()))


def _draw_sample(figure: Any, _data: dict[str, Any]) -> None:
    figure.set_size_inches(0.5, 0.2)
    figure.text(0, 0, "Rp 1", fontsize=5)
    figure.text(0, 0.5, "Rp 1", fontsize=5, fontweight="bold")


def draw_all(
    charts: list[tuple[str, dict[str, Any]]], cache_dir: Path | None = None
) -> list[bytes]:
    """PNG bytes of several charts (kind, data), drawn here and by the helpers forked by
    `_warm_up`: each process takes the next chart nobody has taken yet, so a long chart on one
    core does not hold up the others; a chart a helper did not deliver is drawn here."""
    helpers = _HELPERS[: len(charts) - 1]
    if not helpers:
        return [draw(kind, data, cache_dir) for kind, data in charts]
    _claims().value = 0
    pending = [helper.send(charts, cache_dir) for helper in helpers]
    try:
        drawn = _draw_claimed(charts, cache_dir)
    finally:
        for wait in pending:  # even after an error here: no answer is left in a pipe
            drawn.update(wait())
    return [drawn.get(i) or draw(kind, data, cache_dir) for i, (kind, data) in enumerate(charts)]


def _draw_claimed(
    charts: list[tuple[str, dict[str, Any]]], cache_dir: Path | None
) -> dict[int, bytes]:
    """Draw the charts not yet claimed by another process, one claim at a time."""
    claims = _claims()
    drawn: dict[int, bytes] = {}
    while True:
        with claims.get_lock():
            index = claims.value
            claims.value += 1
        if index >= len(charts):
            return drawn
        kind, data = charts[index]
        drawn[index] = draw(kind, data, cache_dir)


@cache
def _claims() -> Any:
    """The number of charts claimed so far in this `draw_all`: shared memory, made before the
    helpers are forked so that they share it."""
    from multiprocessing import get_context

    return get_context("fork").Value("i", 0)


def _spare_cores() -> int:
    return max(0, (os.cpu_count() or 1) - 1) if can_fork() else 0


class _Helper:
    """A process forked from the warm chart worker (matplotlib loaded already) that draws
    unclaimed charts of each list sent to it, at a lower priority: it takes a core only when
    the build leaves it idle. It is a daemon of the worker (stopped when the worker ends) and
    stops too when the worker's end of its pipe closes."""

    def __init__(self) -> None:
        from multiprocessing import get_context

        _claims()
        context = get_context("fork")
        self._jobs, self._job_sender = context.Pipe(duplex=False)
        self._results, self._result_sender = context.Pipe(duplex=False)
        self.process = context.Process(target=self._serve, daemon=True)
        self.process.start()
        self._jobs.close()
        self._result_sender.close()

    def _serve(self) -> None:
        self._job_sender.close()
        self._results.close()
        os.nice(10)
        while True:
            try:
                charts, cache_dir = self._jobs.recv()
            except EOFError:
                return
            try:
                self._result_sender.send(_draw_claimed(charts, cache_dir))
            except Exception as error:  # noqa: BLE001 - handed to the worker, raised there
                self._result_sender.send(error)

    def send(
        self, charts: list[tuple[str, dict[str, Any]]], cache_dir: Path | None
    ) -> Callable[[], dict[int, bytes]]:
        """Send `charts` to the helper; the returned function waits for the PNGs it drew, by
        index (none, should the helper be gone)."""
        try:
            self._job_sender.send((charts, cache_dir))
        except OSError:
            return dict

        def result() -> dict[int, bytes]:
            try:
                value = self._results.recv()
            except EOFError:
                return {}
            if isinstance(value, Exception):
                raise value
            return value

        return result


_HELPERS: list[_Helper] = []  # in the chart worker: its helpers, forked warm by `_warm_up`


def paint_later(figures: Mapping[str, Figure], cache_dir: Path | None = None) -> PaintedLater:
    return PaintedLater(figures, cache_dir)


def _painted(figure: Figure, png: bytes) -> Figure:
    return replace(figure, png=png, chart=None)


def _cached(chart: Chart, cache_dir: Path | None) -> bool:
    return cache_dir is not None and _cache_path(chart.kind, chart.data, cache_dir).is_file()


def _cache_path(kind: str, data: dict[str, Any], cache_dir: Path) -> Path:
    return cache_dir / f"{kind}-{cache_key(kind, data)}.png"


def draw(kind: str, data: dict[str, Any], cache_dir: Path | None = None) -> bytes:
    """PNG bytes of chart `kind` drawn from `data`; read from / written to `cache_dir`."""
    if kind not in _DRAWERS:
        raise ValueError(f"unknown chart kind: {kind}")
    path = _cache_path(kind, data, cache_dir) if cache_dir else None
    if path is not None and path.is_file():
        return path.read_bytes()
    png = _render(_DRAWERS[kind], data)
    if path is not None:
        write_bytes(path, png)
    return png


def cache_key(kind: str, data: dict[str, Any]) -> str:
    payload = json.dumps(
        {
            "kind": kind,
            "data": data,
            "drawing": DRAWING_VERSION,
            "matplotlib": _matplotlib_version(),
        },
        sort_keys=True,
        ensure_ascii=False,
        default=str,
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:24]


@cache
def _matplotlib_version() -> str:
    """Part of every chart's cache key, read once from the name of matplotlib's dist-info
    folder next to the package: `importlib.metadata` would add ~50 ms of imports to every
    build (email, zipfile ...), for the same answer."""
    from importlib.util import find_spec

    spec = find_spec("matplotlib")
    if spec is not None and spec.origin:
        found = sorted(Path(spec.origin).parent.parent.glob("matplotlib-*.dist-info"))
        if len(found) == 1:
            return found[0].name.removeprefix("matplotlib-").removesuffix(".dist-info")
    from importlib.metadata import version  # pragma: no cover - an unusual installation

    return version("matplotlib")  # pragma: no cover


def _render(drawer: Callable[[Any, dict[str, Any]], None], data: dict[str, Any]) -> bytes:
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    with matplotlib.rc_context(
        {
            "font.family": FONT,
            "font.size": 8,
            "axes.edgecolor": INK,
            "text.color": INK,
            "axes.labelcolor": INK,
            "xtick.color": INK,
            "ytick.color": INK,
            "svg.hashsalt": "renstra",
            "path.simplify": False,
        }
    ):
        figure = Figure()
        FigureCanvasAgg(figure)
        drawer(figure, data)
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", dpi=DPI, metadata={"Software": None})
    return buffer.getvalue()


# ---------------------------------------------------------------- bars and lines


def _axis_formatter(kind: str) -> Callable[[float, int], str]:
    if kind == "miliar":
        return lambda v, _pos: fmt.angka(Decimal(str(float(v))) / Decimal(10) ** 9, 1)
    return lambda v, _pos: fmt.angka(Decimal(str(float(v))), 0)


def _label_text(value: float | int, kind: str) -> str:
    if kind == "miliar":
        return fmt.angka(Decimal(value) / Decimal(10) ** 9, 2)
    return fmt.angka(Decimal(value), 0)


def _draw_bars(figure: Any, data: dict[str, Any]) -> None:
    """Grouped bars: one group per category, one bar per series, legend below the plot."""
    from matplotlib.ticker import FuncFormatter

    categories, series = data["categories"], data["series"]
    y_format = data.get("y_format", "count")
    labels = [_wrap(s["label"], 80) for s in series]
    columns = 1 if max((len(x) for x in labels), default=0) > 40 else max(min(len(series), 3), 1)
    legend_lines = sum(
        max(len(x.splitlines()) for x in labels[i : i + columns])
        for i in range(0, len(labels), columns)
    )
    ticks_text = [_wrap(c, 24) for c in categories]
    tick_lines = max((len(t.splitlines()) for t in ticks_text), default=1)
    plot, ticks, top = 2.5, 0.25 + 0.15 * tick_lines, 0.15  # inches
    legend = 0.16 * legend_lines + 0.1
    height = top + plot + ticks + legend
    figure.set_size_inches(6.3, height)
    axes = figure.add_axes((0.11, (ticks + legend) / height, 0.86, plot / height))
    width = 0.8 / max(len(series), 1)
    for i, (item, label) in enumerate(zip(series, labels, strict=True)):
        xs = [c + (i - (len(series) - 1) / 2) * width for c in range(len(categories))]
        values = [v or 0 for v in item["values"]]
        bars = axes.bar(
            xs, values, width * 0.92, label=label, color=PALETTE[i % len(PALETTE)], zorder=2
        )
        if data.get("value_labels"):
            axes.bar_label(
                bars, labels=[_label_text(v, y_format) for v in values], padding=2, fontsize=7
            )
    axes.set_xticks(range(len(categories)), ticks_text)
    axes.yaxis.set_major_formatter(FuncFormatter(_axis_formatter(y_format)))
    axes.set_ylabel(data.get("y_label", ""))
    axes.margins(y=0.12)
    _tidy(axes)
    figure.legend(
        loc="upper center",
        bbox_to_anchor=(0.54, legend / height),
        ncol=columns,
        frameon=False,
        fontsize=7,
    )


def _draw_line(figure: Any, data: dict[str, Any]) -> None:
    from matplotlib.ticker import FuncFormatter

    figure.set_size_inches(6.3, 3.4)
    axes = figure.add_axes((0.14, 0.12, 0.82, 0.8))
    xs, ys = data["x"], data["y"]
    axes.plot(range(len(xs)), ys, marker="o", color=PALETTE[0], zorder=2)
    for i, y in enumerate(ys):
        axes.annotate(
            fmt.angka(Decimal(y), 0),
            (i, y),
            textcoords="offset points",
            xytext=(0, 6),
            ha="center",
            fontsize=7,
        )
    axes.set_xticks(range(len(xs)), xs)
    axes.yaxis.set_major_formatter(FuncFormatter(_axis_formatter("count")))
    axes.set_ylabel(data.get("y_label", ""))
    axes.margins(x=0.08, y=0.15)
    _tidy(axes)


def _tidy(axes: Any) -> None:
    axes.spines[["top", "right"]].set_visible(False)
    axes.grid(axis="y", color="#d0d0d0", linewidth=0.5, zorder=0)


def _wrap(text: str, width: int) -> str:
    """Wrap each line of `text` at `width` characters (explicit line breaks are kept)."""
    return "\n".join(
        textwrap.fill(line, width=width, break_long_words=False) for line in str(text).splitlines()
    )


# ---------------------------------------------------------------- organisation chart

COLUMN_KINDS = ("Sekretariat", "Bidang")
DASHED_KINDS = ("Kelompok Jabatan Fungsional",)
COL_W, BOX_W, BOX_H = 2.25, 2.1, 1.25  # column pitch, box width and height (data units)
STEP = 1.45  # vertical pitch of stacked sub-units
Y_SIDE, Y_BUS, Y_HEADS = -1.8, -2.85, -3.7
INCH_PER_UNIT = 0.47  # five columns fit a 16 cm wide figure at their natural size
FONT_SIZES = {0: 8.0, 1: 6.0, 2: 5.6}
CHAR_EM = {0: 0.68, 1: 0.68, 2: 0.6}  # average glyph width (em) of DejaVu Sans bold / regular


def org_layout(root: dict[str, Any]) -> list[dict[str, Any]]:
    """Boxes (x, y centre, width, text, depth, dashed) and lines of the chart, as plain data."""
    heads = [c for c in root["children"] if c["kind"] in COLUMN_KINDS]
    side = [c for c in root["children"] if c["kind"] not in COLUMN_KINDS]
    trunk = (len(heads) - 1) * COL_W / 2 if heads else 0.0
    items: list[dict[str, Any]] = [_box(trunk, 0.0, BOX_W * 1.15, root["name"], 0)]
    items.append(_line([(trunk, -BOX_H / 2), (trunk, Y_BUS if heads else Y_SIDE)]))
    for i, unit in enumerate(_side_order(side)):
        x = trunk + (1 if i % 2 else -1) * COL_W * (1.05 + i // 2)
        dashed = unit["kind"] in DASHED_KINDS
        items.append(_line([(trunk, Y_SIDE), (x, Y_SIDE)], dashed))
        items.append(_box(x, Y_SIDE, BOX_W, unit["name"], 1, dashed))
    if heads:
        items.append(_line([(0.0, Y_BUS), ((len(heads) - 1) * COL_W, Y_BUS)]))
    for column, head in enumerate(heads):
        items.extend(_column(column * COL_W, head))
    return items


def _side_order(side: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Kelompok Jabatan Fungsional first (drawn on the left), UPT and others after."""
    return sorted(side, key=lambda u: u["kind"] not in DASHED_KINDS)


def _column(x: float, head: dict[str, Any]) -> list[dict[str, Any]]:
    items = [
        _line([(x, Y_BUS), (x, Y_HEADS + BOX_H / 2)]),
        _box(x, Y_HEADS, BOX_W, head["name"], 1),
    ]
    units = _descendants(head)
    if not units:
        return items
    rail = x - BOX_W / 2 + 0.12
    last_y = Y_HEADS - STEP * len(units)
    items.append(_line([(rail, Y_HEADS - BOX_H / 2), (rail, last_y)]))
    for k, (depth, unit) in enumerate(units, start=1):
        y = Y_HEADS - STEP * k
        left = rail + 0.14 + 0.12 * (depth - 1)
        width = x + BOX_W / 2 - left
        items.append(_line([(rail, y), (left, y)]))
        items.append(_box(left + width / 2, y, width, unit["name"], 2))
    return items


def _descendants(unit: dict[str, Any], depth: int = 1) -> list[tuple[int, dict[str, Any]]]:
    found: list[tuple[int, dict[str, Any]]] = []
    for child in unit["children"]:
        found.append((depth, child))
        found.extend(_descendants(child, depth + 1))
    return found


def _box(
    x: float, y: float, width: float, text: str, depth: int, dashed: bool = False
) -> dict[str, Any]:
    return {
        "type": "box",
        "x": x,
        "y": y,
        "w": width,
        "text": text,
        "depth": depth,
        "dashed": dashed,
    }


def _line(points: list[tuple[float, float]], dashed: bool = False) -> dict[str, Any]:
    return {"type": "line", "points": points, "dashed": dashed}


def _draw_org(figure: Any, data: dict[str, Any]) -> None:
    from matplotlib.patches import Rectangle

    items = org_layout(data["root"])
    boxes = [i for i in items if i["type"] == "box"]
    x0 = min(b["x"] - b["w"] / 2 for b in boxes) - 0.15
    x1 = max(b["x"] + b["w"] / 2 for b in boxes) + 0.15
    y0 = min(b["y"] - BOX_H / 2 for b in boxes) - 0.15
    y1 = BOX_H / 2 + 0.15
    figure.set_size_inches((x1 - x0) * INCH_PER_UNIT, (y1 - y0) * INCH_PER_UNIT)
    axes = figure.add_axes((0, 0, 1, 1))
    axes.set_xlim(x0, x1)
    axes.set_ylim(y0, y1)
    axes.set_axis_off()
    for item in items:
        style = "--" if item["dashed"] else "-"
        if item["type"] == "line":
            xs, ys = zip(*item["points"], strict=True)
            axes.plot(xs, ys, linestyle=style, color=INK, linewidth=0.8, zorder=1)
            continue
        axes.add_patch(
            Rectangle(
                (item["x"] - item["w"] / 2, item["y"] - BOX_H / 2),
                item["w"],
                BOX_H,
                facecolor=BOX_FILL[item["depth"]],
                edgecolor=INK,
                linewidth=0.8,
                linestyle=style,
                zorder=2,
            )
        )
        size = FONT_SIZES[item["depth"]]
        chars = int((item["w"] - 0.15) * INCH_PER_UNIT * 72 / (size * CHAR_EM[item["depth"]]))
        axes.text(
            item["x"],
            item["y"],
            _wrap(item["text"], chars),
            ha="center",
            va="center",
            fontsize=size,
            zorder=3,
            fontweight="bold" if item["depth"] < 2 else "normal",
            linespacing=1.15,
        )


_DRAWERS: dict[str, Callable[[Any, dict[str, Any]], None]] = {
    "org": _draw_org,
    "bars": _draw_bars,
    "line": _draw_line,
}
