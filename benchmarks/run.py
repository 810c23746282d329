"""`make bench`: median wall time and peak memory of every issue-7 and issue-12 target, written to
docs/performance.md. A plain script: each figure is a whole process, measured several times.

Peak memory is the largest resident set of the measured process or any of its waited-for
children (os.wait4 ru_maxrss). Usage: `python benchmarks/run.py [--runs N] [--quick]`.
"""

from __future__ import annotations

import argparse
import compileall
import cProfile
import datetime as dt
import hashlib
import io
import os
import platform
import pstats
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BIN = REPO / ".venv" / "bin"
PYTHON = str(BIN / "python") if (BIN / "python").exists() else sys.executable
RENSTRA = str(BIN / "renstra")
CACHE = REPO / "benchmarks" / ".cache"
SIZES = (600, 6_000, 20_000)
SIZE_TARGETS = {6_000: 5, 20_000: 12}  # issue 12: at most this many times the start-up floor
sys.path.insert(0, str(REPO / "benchmarks"))


@dataclass
class Measure:
    label: str
    walls: list[float] = field(default_factory=list)
    peaks: list[float] = field(default_factory=list)  # MiB
    cpus: list[float] = field(default_factory=list)  # user + sys seconds
    failures: list[str] = field(default_factory=list)
    together: float | None = None  # MiB, peak of all its processes summed (PSS), if sampled

    @property
    def wall(self) -> float:
        return statistics.median(self.walls) if self.walls else float("nan")

    @property
    def peak(self) -> float:
        return max(self.peaks) if self.peaks else float("nan")

    @property
    def cpu(self) -> float:
        return statistics.median(self.cpus) if self.cpus else float("nan")

    @property
    def memory(self) -> str:
        """The peak as reported: the largest process, and all processes together if sampled."""
        if self.together is None:
            return f"{self.peak:.0f} MiB"
        return f"{self.peak:.0f} MiB ({self.together:.0f} MiB all processes together)"

    @property
    def worst_memory(self) -> float:
        return max(self.peak, self.together or 0.0)

    def spread(self) -> str:
        if not self.walls:
            return "-"
        return f"{min(self.walls):.2f}-{max(self.walls):.2f}"


def run_once(cmd: list[str], cwd: Path = REPO) -> tuple[float, float, float, int, str]:
    """(wall s, peak MiB, cpu s, exit code, stderr tail) of one process."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert proc.stderr is not None
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    tail = err.decode(errors="replace").strip().splitlines()[-1:] if err else []
    return (
        wall,
        usage.ru_maxrss / 1024,
        usage.ru_utime + usage.ru_stime,
        proc.returncode,
        tail[0] if tail else "",
    )


def tree_peak(cmd: list[str], cwd: Path = REPO) -> float:
    """Peak memory (MiB) of a process and all its descendants together, as the sum of their
    proportional set sizes (PSS: a page shared by n processes counts 1/n in each), sampled
    every 20 ms. Sampling costs CPU, so this is a run of its own, never a timed one."""
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak = 0.0
    while proc.poll() is None:
        peak = max(peak, sum(_pss_mib(pid) for pid in _process_tree(proc.pid)))
        time.sleep(0.02)
    return peak


def _process_tree(pid: int) -> list[int]:
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        try:
            for task in os.listdir(f"/proc/{current}/task"):
                children = Path(f"/proc/{current}/task/{task}/children").read_text()
                todo += [int(child) for child in children.split()]
        except OSError:  # the process ended meanwhile
            continue
    return found


def _pss_mib(pid: int) -> float:
    try:
        rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return 0.0
    kib = next((int(ln.split()[1]) for ln in rollup.splitlines() if ln.startswith("Pss:")), 0)
    return kib / 1024


def measure(
    label: str,
    cmd: list[str],
    runs: int,
    before=None,
    cwd: Path = REPO,
    sample_memory: bool = False,
) -> Measure:
    result = Measure(label)
    for _ in range(runs):
        if before:
            before()
        wall, peak, cpu, code, tail = run_once(cmd, cwd)
        if code != 0:
            result.failures.append(f"exit {code}: {tail}")
            continue
        result.walls.append(wall)
        result.peaks.append(peak)
        result.cpus.append(cpu)
    if sample_memory and Path("/proc/self/smaps_rollup").exists():
        if before:
            before()
        result.together = tree_peak(cmd, cwd)
    print(
        f"  {label}: median {result.wall:.3f} s ({result.spread()}), peak {result.memory}"
        + (f", FAILED {result.failures[0]}" if result.failures else ""),
        flush=True,
    )
    return result


# ---------------------------------------------------------------- projects


def _fingerprint() -> str:
    digest = hashlib.sha256((REPO / "benchmarks" / "generate.py").read_bytes())
    for path in sorted((REPO / "source_tables").glob("*.xlsx")):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def synthetic_project(n: int, work: Path) -> Path:
    """A fresh copy of the project with an n-row matrix; the workbook is cached across runs."""
    from generate import BAB6_FILE, copy_project, make_project

    cached = CACHE / f"bab6_{n}_{_fingerprint()}.xlsx"
    if not cached.exists():
        print(f"  generating {n} sub-kegiatan (cached in {CACHE.name}/) ...", flush=True)
        CACHE.mkdir(parents=True, exist_ok=True)
        make_project(work / "gen", n)
        shutil.copy2(work / "gen" / "source_tables" / BAB6_FILE, cached)
        shutil.rmtree(work / "gen")
    project = copy_project(work / f"syn_{n}")
    shutil.copy2(cached, project / "source_tables" / BAB6_FILE)
    return project


def _clear(project: Path) -> None:
    shutil.rmtree(project / "build", ignore_errors=True)
    shutil.rmtree(project / ".renstra-cache", ignore_errors=True)


def _clear_batch(batch: Path) -> None:
    for project in batch.iterdir():
        if project.is_dir():
            _clear(project)


def build_cmd(project: Path) -> list[str]:
    return [RENSTRA, "--root", str(project), "build"]


# ---------------------------------------------------------------- profile


def stage_profile(project: Path) -> tuple[str, str]:
    """Seconds per pipeline stage (in this process) and a cProfile top list of the same build."""
    from renstra_docs import build as pipeline
    from renstra_docs.calc.derive import derive
    from renstra_docs.checks import run_checks
    from renstra_docs.collector import gc_paused
    from renstra_docs.config import load_config
    from renstra_docs.model import load
    from renstra_docs.render.chapters import render_chapters
    from renstra_docs.render.charts import paint
    from renstra_docs.render.docx import docx_options, write_docx
    from renstra_docs.render.export import export_writers
    from renstra_docs.render.temuan import finding_copies
    from renstra_docs.render.xlsx_tables import tables_writer
    from renstra_docs.tables import build_figures, build_tables

    _clear(project)
    config = load_config(project)
    out = project / "build"
    out.mkdir(parents=True, exist_ok=True)
    stages: list[tuple[str, float]] = []
    profiler = cProfile.Profile()

    def step(name, func, *args, **kwargs):
        start = time.perf_counter()
        with gc_paused():  # as in a real build
            value = func(*args, **kwargs)
        stages.append((name, time.perf_counter() - start))
        return value

    def write_all(writers):
        for name, writer in writers.items():
            target = out / name
            target.parent.mkdir(parents=True, exist_ok=True)
            writer(target)

    dataset = step("read + normalise into frames (load)", load, config)
    derived = step("compute (derive)", derive, dataset)
    report = step("validate (checks)", run_checks, dataset, derived)
    tables = step("tables (build_tables)", build_tables, dataset, derived)
    figures = step(
        "charts (a worker on the other core in a real build)",
        paint,
        build_figures(dataset, derived),
        config.cache_dir,
    )
    chapters = step(
        "chapters (section texts, numbering by placement)",
        render_chapters,
        dataset,
        derived,
        tables,
        figures,
        config.template_dir,
    )
    document = chapters.document(tables, figures)
    step(
        "DOCX (write_docx)",
        write_docx,
        out / "out.docx",
        chapters.texts,
        document,
        pipeline.cover_info(config),
        options=docx_options(config),
    )
    step("CSV/Markdown exports", write_all, export_writers(document))
    step("table workbook (_tabel.xlsx)", write_all, tables_writer(config, document))
    step(
        "marked copies (temuan/)",
        write_all,
        finding_copies(config.source_dir, report.ordered, config.paper),
    )
    step("validation report", lambda: (report.to_markdown(), report.to_json()))
    total = sum(s for _, s in stages)
    table = "\n".join(f"| {name} | {secs:.2f} s | {secs / total:.0%} |" for name, secs in stages)
    _clear(project)
    profiler.enable()
    pipeline.build(config)
    profiler.disable()
    buffer = io.StringIO()
    stats = pstats.Stats(profiler, stream=buffer).sort_stats("tottime")
    stats.print_stats(15)
    lines = [ln for ln in buffer.getvalue().splitlines() if ln.strip()]
    start = next(i for i, ln in enumerate(lines) if ln.lstrip().startswith("ncalls"))
    return (
        f"| stage | seconds | share |\n|---|---|---|\n{table}\n| total | {total:.2f} s | |",
        "\n".join(lines[start:]).replace(str(REPO) + "/", "").replace(sys.prefix, "<venv>"),
    )


# ---------------------------------------------------------------- the report


def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def machine() -> str:
    model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (
        f"{os.cpu_count()} cores (nproc), {model}, Python {platform.python_version()}, "
        f"{platform.system()} {platform.release()}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="fewer runs (development)")
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "performance.md")
    args = parser.parse_args()
    runs = 2 if args.quick else args.runs
    big_runs = 1 if args.quick else 3
    began = time.perf_counter()
    rows: list[tuple[str, str, str, str]] = []  # figure, measured, target, verdict
    notes: list[str] = []
    print(f"machine: {machine()}")
    # The package compiled as an installed one is (pip writes the .pyc files): with
    # PYTHONDONTWRITEBYTECODE set, as on some machines, every build would compile it anew.
    compileall.compile_dir(REPO / "renstra_docs", quiet=1)

    # 1. start-up floor: every figure is also given as a ratio to it (machines differ by 50%)
    floor_modules = "pandas, docx, jinja2, openpyxl"
    print("start-up floor")
    floor = measure(f"import {floor_modules}", [PYTHON, "-c", f"import {floor_modules}"], runs)
    rows.append(
        (
            f'start-up floor `python -c "import {floor_modules}"`',
            f"{floor.wall:.3f} s, {floor.peak:.0f} MiB",
            "reference",
            "",
        )
    )

    with tempfile.TemporaryDirectory(prefix="renstra-bench-") as tmp:
        work = Path(tmp)
        from generate import copy_project, make_batch

        # 2. the shipped Blitar Renstra
        print("shipped Blitar Renstra")
        blitar = copy_project(work / "blitar")
        cold = measure(
            "full build, cold",
            build_cmd(blitar),
            runs,
            before=lambda: _clear(blitar),
            sample_memory=True,
        )
        warm = measure("full build, nothing changed (charts cached)", build_cmd(blitar), runs)
        for name, m in (
            ("cold (fresh build/, chart cache cleared)", cold),
            ("again, nothing changed (chart cache kept)", warm),
        ):
            ratio = m.wall / floor.wall
            rows.append(
                (
                    f"Blitar full build, {name}",
                    f"{m.wall:.3f} s = {ratio:.1f}x floor, {m.memory}",
                    "<= 2x floor",
                    verdict(ratio <= 2 and not m.failures),
                )
            )
        print("make report (nothing changed)")
        run_once(["make", "-s", "report"])  # bring build/ up to date first
        make = measure("make report, up to date", ["make", "-s", "report"], runs)
        rows.append(
            (
                "`make report` with nothing changed",
                f"{make.wall:.3f} s = {make.wall / floor.wall:.2f}x floor",
                "< 0.2 s",
                verdict(make.wall < 0.2 and not make.failures),
            )
        )

        # 3. synthetic matrices
        print("synthetic matrices (end to end: read, compute, validate, render, save)")
        sized: dict[int, Measure] = {}
        for n in SIZES:
            project = synthetic_project(n, work)
            sized[n] = measure(
                f"{n} sub-kegiatan",
                build_cmd(project),
                big_runs if n >= 6000 else runs,
                before=lambda p=project: _clear(p),
                sample_memory=True,
            )
            ratio = sized[n].wall / floor.wall
            limit = SIZE_TARGETS.get(n)
            memory_ok = n != 20000 or sized[n].worst_memory * 1.048576 < 500
            rows.append(
                (
                    f"matrix of {n:,} sub-kegiatan".replace(",", "."),
                    f"{sized[n].wall:.2f} s = {ratio:.1f}x floor, {sized[n].memory}",
                    (f"<= {limit}x floor" if limit else "-") + (", < 500 MB" if n == 20000 else ""),
                    verdict(ratio <= limit and memory_ok and not sized[n].failures)
                    if limit
                    else ("" if not sized[n].failures else "FAIL"),
                )
            )
        growth = sized[20000].wall / sized[6000].wall
        rows.append(
            ("time growth 20.000 / 6.000 rows", f"{growth:.2f}x", "<= 4x", verdict(growth <= 4))
        )

        # 4. batch of 40 agencies
        print("batch of 40 agencies")
        batch = work / "batch"
        make_batch(batch, 40)
        projects = sorted(p for p in batch.iterdir() if p.is_dir())
        parallel = measure(
            "renstra build --all (both cores), cold",
            [RENSTRA, "build", "--all", str(batch)],
            big_runs,
            before=lambda: _clear_batch(batch),
            sample_memory=True,
        )
        serial = measure(
            "renstra build --all --jobs 1 (one after another, one process), cold",
            [RENSTRA, "build", "--all", str(batch), "--jobs", "1"],
            1,  # for information only (no target): one run, ~50 s, keeps the bench under 400 s
            before=lambda: _clear_batch(batch),
        )
        script = "; ".join(f"{RENSTRA} --root {p} build >/dev/null" for p in projects)
        separate = measure(
            "40 separate `renstra build` processes, cold",
            ["sh", "-c", script],
            1,
            before=lambda: _clear_batch(batch),
        )
        # The target compares with building the agencies one after another, as a user would:
        # 40 `renstra build` runs. `--jobs 1` in one process is shown for information only: it
        # already shares the import and draws charts on the second core, so it is not serial.
        for name, base, target in (
            ("40 separate processes (one after another)", separate, True),
            ("--jobs 1 in one process", serial, False),
        ):
            ratio = parallel.wall / base.wall
            rows.append(
                (
                    f"40-agency batch vs {name}",
                    f"{parallel.wall:.2f} s ({parallel.wall / floor.wall:.0f}x floor) vs "
                    f"{base.wall:.2f} s = {ratio:.2f}x",
                    "<= 0.6x" if target else "-",
                    verdict(ratio <= 0.6 and not parallel.failures) if target else "",
                )
            )
        rows.append(("40-agency batch, peak memory", parallel.memory, "-", ""))
        usage = parallel.cpu / parallel.wall
        rows.append(
            (
                "40-agency batch, CPU time / wall time",
                f"{usage:.2f} cores busy",
                "both cores (> 1.5)",
                verdict(usage > 1.5),
            )
        )

        # profile
        print("profiling the 20.000-row build ...")
        stages, top = stage_profile(synthetic_project(20_000, work))

    total = time.perf_counter() - began
    rows.append(("`make bench` itself", f"{total:.0f} s", "< 400 s", verdict(total < 400)))
    write_report(args.out, rows, notes, stages, top)
    print()
    for figure, value, target, ok in rows:
        print(f"{ok or '    ':4}  {figure}: {value}  (target {target})")
    print(f"\nwritten: {args.out}")
    return 0


def write_report(path: Path, rows, notes, stages: str, top: str) -> None:
    table = "\n".join(f"| {f} | {v} | {t} | {ok} |" for f, v, t, ok in rows)
    note_text = "\n".join(f"- {n}" for n in notes)
    marker = "<!-- analysis -->"
    kept = ""
    if path.exists() and marker in path.read_text(encoding="utf-8"):
        kept = path.read_text(encoding="utf-8").split(marker, 1)[1]
    text = f"""# Performance (issues 7 and 12)

Generated by `make bench` (`benchmarks/run.py`) on {dt.date.today().isoformat()}.
Machine: {machine()}.

Every figure is a whole process (`renstra ...` as a user runs it), median wall time of several
runs, and its ratio to the start-up floor measured in the same run (these machines differ by
50% from day to day: the ratios are what the targets judge); peak is the largest resident set
of any one of its processes (ru_maxrss), and, where given, the peak of all its processes
together (chart worker, pool workers), as the sum of their proportional set sizes sampled every
20 ms in one extra, untimed run.

| figure | measured | target | |
|---|---|---|---|
{table}

{note_text}

## Where the time goes: the 20.000-row build, by stage (one in-process run)

{stages}

### cProfile of the same build, top functions by own time

```
{top}
```
{marker}{kept}"""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    raise SystemExit(main())
