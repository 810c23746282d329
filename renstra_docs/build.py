"""The pipeline: load -> compute -> check -> chapters -> tables -> DOCX, CSV, report.

Outputs are produced in a staging folder and moved into place only when everything succeeded,
so a failing build leaves the previous `build/` exactly as it was.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from .calc.derive import Derived, derive
from .checks import Report, analyse, run_checks
from .collector import gc_paused
from .config import Config
from .model import Dataset, load
from .processes import Aside
from .tables.model import Figure
from .tables.numbers import labels

VALIDATION_MD = "validation.md"
VALIDATION_JSON = "validation.json"


@dataclass
class BuildResult:
    report: Report
    outputs: list[Path] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return self.report.failed

    def summary_lines(self) -> list[str]:
        lines = self.report.summary_lines()
        if self.failed:
            lines.append(
                "Build dihentikan: perbaiki galat di atas; isi build/ sebelumnya tetap utuh."
            )
        lines += [f"ditulis: {path}" for path in self.outputs]
        return lines


@gc_paused()
def validate(config: Config, strict: bool = False) -> BuildResult:
    """Write only the validation report (build/validation.md and .json). The chapters are
    rendered too (not written): their placements number the tables the findings name."""
    from .render.chapters import render_chapters
    from .tables import figure_builders, table_builders

    analysis = analyse(config, strict)
    dataset, derived = analysis.dataset, analysis.derived
    chapters = render_chapters(
        dataset,
        derived,
        table_builders(dataset, derived),
        figure_builders(dataset),
        config.template_dir,
        config.cache_dir,
    )
    report = analysis.report.named(labels(chapters.numbers))
    writers = _report_writers(config, report)
    with _staging(config.build_dir) as staging:
        _write(staging, writers)
        return BuildResult(report, _move_into_place(config.build_dir, staging, list(writers)))


@gc_paused()
def build(config: Config, strict: bool = False) -> BuildResult:
    """Write the whole build: DOCX, table exports and the validation report; nothing when the
    checks find an error (the result carries the report)."""
    from .render.charts import prewarm, release_worker

    prewarm(config.cache_dir)  # cold build: matplotlib loads on the other core meanwhile
    try:
        return _build(config, strict)
    finally:
        release_worker()  # a prewarmed worker no chart took (the build stopped early)


def _build(config: Config, strict: bool) -> BuildResult:
    """The checks, the report and the marked copies run in a child forked once the chapters
    have numbered the tables (they need only the table keys), while this process builds and
    writes the tables and the document; should this side fail on data the checks refuse, the
    checks' report is the answer, as if the tables had never been tried."""
    dataset = load(config)
    derived = derive(dataset)
    try:
        writers, names = document_writers(config, dataset, derived)
    except Exception:
        refused = run_checks(dataset, derived, strict=strict)
        if refused.failed:
            return BuildResult(refused)
        raise

    def check_and_report(staging: Path) -> tuple[Report, list[str]]:
        """The report, and the outputs written for it (none when the checks failed)."""
        report = run_checks(dataset, derived, strict=strict).named(names)
        outputs = {} if report.failed else _report_writers(config, report)
        _write(staging, outputs)
        return report, list(outputs)

    with _staging(config.build_dir) as staging:
        checked = Aside(lambda: check_and_report(staging))
        try:
            here = writers()
            _write(staging, here)
        except Exception:
            refused, _ = checked.finish()
            if refused.failed:
                return BuildResult(refused)
            raise
        except BaseException:
            checked.join()  # nothing may write into staging once it is removed
            raise
        report, reported = checked.finish()
        if report.failed:
            return BuildResult(report)
        written = [*reported, *here]
        return BuildResult(report, _move_into_place(config.build_dir, staging, written))


Writer = Callable[[Path], None]  # writes one output file at the given (staging) path


def document_writers(
    config: Config, dataset: Dataset, derived: Derived
) -> tuple[Callable[[], dict[str, Writer]], dict[str, str]]:
    """A function giving the writers of the document and its exports (it builds the tables),
    and the caption label of each table and figure key: the chapters number them by keys."""
    from .render.chapters import render_chapters
    from .render.charts import paint_later
    from .render.docx import docx_options, write_docx
    from .render.export import export_writers
    from .render.xlsx_tables import tables_writer
    from .tables import build_figures, table_builders

    cache_dir = config.cache_dir
    # Figures first: their charts are drawn on the other core while the tables are built.
    figures = paint_later(build_figures(dataset, derived), cache_dir)
    builders = table_builders(dataset, derived)
    chapters = render_chapters(
        dataset, derived, builders, figures.pending, config.template_dir, cache_dir=cache_dir
    )

    def writers() -> dict[str, Writer]:
        tables = {key: build(dataset, derived) for key, build in builders.items()}
        document = chapters.document(tables, figures.pending)

        def drawn() -> dict[str, Figure]:
            return chapters.document(tables, figures.result()).figures

        def write_document(path: Path) -> None:
            options = docx_options(config)
            write_docx(
                path, chapters.texts, document, cover_info(config), drawn=drawn, options=options
            )

        # The exports first: they are written while the charts are still being drawn.
        return {
            **export_writers(document),
            **tables_writer(config, document),
            f"{config.output_name}.docx": write_document,
        }

    return writers, labels(chapters.numbers)


def convert_to_pdf(config: Config) -> Path:
    """build/<output>.pdf from build/<output>.docx, replaced only when the conversion worked."""
    from .render.pdf import to_pdf

    docx = config.build_dir / f"{config.output_name}.docx"
    if not docx.is_file():
        raise FileNotFoundError(f"{docx} belum ada; jalankan dulu `renstra build`")
    staging = Path(tempfile.mkdtemp(prefix=".staging-", dir=config.build_dir))
    try:
        final = config.build_dir / f"{config.output_name}.pdf"
        os.replace(to_pdf(docx, staging), final)
        return final
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def cover_info(config: Config):  # noqa: ANN201 - CoverInfo is imported lazily
    from .render.docx import CoverInfo

    agency = config.agency
    return CoverInfo(
        government=agency.pemerintah.upper(),
        agency=agency.nama.upper(),
        address_lines=tuple(
            line
            for line, given in (
                (agency.alamat, agency.alamat),
                (f"website : {agency.website}", agency.website),
                (f"email : {agency.email}", agency.email),
            )
            if given
        ),
        title=f"RENCANA STRATEGIS {agency.nama.upper()} {agency.daerah.upper()}",
        period=f"TAHUN {config.period}",
        author=agency.nama_lengkap,
        logo=config.logo,
    )


def _report_writers(config: Config, report: Report) -> dict[str, Writer]:
    from .render.temuan import finding_copies

    return {
        VALIDATION_MD: lambda path: path.write_text(report.to_markdown(), encoding="utf-8"),
        VALIDATION_JSON: lambda path: path.write_text(report.to_json(), encoding="utf-8"),
        **finding_copies(config.source_dir, report.ordered, config.paper),  # temuan/
    }


@contextmanager
def _staging(build_dir: Path) -> Iterator[Path]:
    """A staging folder inside build_dir, removed afterwards whatever happens: outputs are
    written there and moved into place only when everything succeeded (a build_dir made for
    it and left empty goes too)."""
    made = not build_dir.exists()
    build_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".staging-", dir=build_dir))
    try:
        yield staging
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        if made and not any(build_dir.iterdir()):
            build_dir.rmdir()


def _move_into_place(build_dir: Path, staging: Path, names: list[str]) -> list[Path]:
    """Move each written output into place (os.replace), then remove the marked copies
    (temuan/) of workbooks that no longer have a finding."""
    for name in names:
        final = build_dir / name
        final.parent.mkdir(parents=True, exist_ok=True)
        os.replace(staging / name, final)
    _remove_stale_copies(build_dir, names)
    return [build_dir / name for name in names]


def _write(staging: Path, writers: dict[str, Writer]) -> None:
    for name, write in writers.items():
        target = staging / name
        target.parent.mkdir(parents=True, exist_ok=True)
        write(target)


def _remove_stale_copies(build_dir: Path, written: list[str]) -> None:
    from .render.temuan import stale_copies

    for path in stale_copies(build_dir, written):
        path.unlink(missing_ok=True)


# ---------------------------------------------------------------- batch (issue 7): --all


@dataclass(frozen=True)
class AgencyBuild:
    """The outcome of one agency project of a batch (picklable: it crosses processes)."""

    project: Path
    failed: bool
    errors: int
    warnings: int
    outputs: tuple[Path, ...] = ()
    problem: str | None = None  # a fatal error (unreadable workbook, bad renstra.toml ...)


def find_projects(root_dir: Path) -> list[Path]:
    """Agency projects under `root_dir`: `[batch] proyek = [...]` in its renstra.toml, else
    every direct sub-folder holding a renstra.toml (sorted by name)."""
    import tomllib

    from .config import CONFIG_NAME

    listing = root_dir / CONFIG_NAME
    if listing.is_file():
        batch = tomllib.loads(listing.read_text(encoding="utf-8")).get("batch", {})
        if "proyek" in batch:
            return [root_dir / str(p) for p in batch["proyek"]]
    return sorted(p for p in root_dir.iterdir() if (p / CONFIG_NAME).is_file())


def build_all(
    root_dir: Path,
    jobs: int | None = None,
    progress: Callable[[AgencyBuild], None] | None = None,
    strict: bool = False,
) -> list[AgencyBuild]:
    """Build every agency project under `root_dir`, `jobs` at a time (default: every core).

    Workers are forked after the pipeline modules are imported, so the import floor is paid
    once. `progress` is called in the parent as each project finishes. Results come back in
    project order.
    """
    import multiprocessing
    from functools import partial

    projects = find_projects(root_dir)
    jobs = max(1, min(jobs or os.cpu_count() or 1, len(projects) or 1))
    work = partial(_build_project, strict=strict)
    results: dict[Path, AgencyBuild] = {}
    if jobs == 1:
        outcomes = map(work, projects)
        for outcome in outcomes:
            results[outcome.project] = outcome
            if progress:
                progress(outcome)
        return [results[p] for p in projects]
    _preload()
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    with context.Pool(jobs) as pool:
        for outcome in pool.imap_unordered(work, projects):
            results[outcome.project] = outcome
            if progress:
                progress(outcome)
    return [results[p] for p in projects]


def _preload() -> None:
    """Import what every build needs before forking (charts stay lazy: drawn only on change)."""
    from .render import chapters, docx  # noqa: F401
    from .tables import build_tables  # noqa: F401


def _build_project(project: Path, strict: bool = False) -> AgencyBuild:
    from .config import load_config
    from .findings import RenstraError

    try:
        result = build(load_config(project), strict=strict)
    except (RenstraError, OSError, ValueError) as err:
        findings = getattr(err, "findings", None)
        text = findings[0].line() if findings else str(err)
        return AgencyBuild(project, True, 1, 0, problem=text)
    report = result.report
    return AgencyBuild(
        project, result.failed, len(report.errors), len(report.warnings), tuple(result.outputs)
    )
