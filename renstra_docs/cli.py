"""Thin click commands: parse options, call one library function, print, map errors to exit codes.

Every error is one line (`workbook › sheet › cell: what is wrong [code]`) and a non-zero exit
code; `--debug` shows the traceback instead.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any

import click

from .findings import RenstraError

EXIT_ERROR = 2
FOLDER = click.Path(file_okay=False, path_type=Path)
OUT_OPTION = click.option(
    "--out", type=FOLDER, default=None, help="Build folder (default: build/ from renstra.toml)."
)
SOURCE_OPTION = click.option(
    "--source",
    type=FOLDER,
    default=None,
    help="Folder of source tables (default: from renstra.toml).",
)


def _handle_errors(func: Callable[..., Any]) -> Callable[..., Any]:
    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        debug = click.get_current_context().find_root().params.get("debug", False)
        try:
            return func(*args, **kwargs)
        except RenstraError as err:
            if debug:
                raise
            for finding in err.findings[:20]:
                click.echo(f"galat: {finding.line()}", err=True)
            if len(err.findings) > 20:
                click.echo(f"... dan {len(err.findings) - 20} galat lain", err=True)
            sys.exit(EXIT_ERROR)
        except (OSError, ValueError) as err:
            if debug:
                raise
            click.echo(f"galat: {err}", err=True)
            sys.exit(EXIT_ERROR)

    return wrapper


@click.group()
@click.option(
    "--root",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("."),
    help="Project folder holding renstra.toml (default: current folder).",
)
@click.option("--debug", is_flag=True, help="Show tracebacks instead of one-line errors.")
@click.pass_context
def main(ctx: click.Context, root: Path, debug: bool) -> None:
    """renstra: build a Renstra Perangkat Daerah from spreadsheets."""
    ctx.obj = root


def _config(ctx: click.Context, source: Path | None = None, out: Path | None = None) -> Any:
    from .config import load_config

    return load_config(ctx.obj).with_paths(source_dir=source, build_dir=out)


@main.command()
@OUT_OPTION
@SOURCE_OPTION
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.option(
    "--all",
    "batch_dir",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    default=None,
    help="Build every agency project (sub-folder with renstra.toml, or "
    "[batch] proyek in DIR/renstra.toml) in parallel.",
)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    default=None,
    help="With --all: projects built at once (default: every core).",
)
@click.pass_context
@_handle_errors
def build(
    ctx: click.Context,
    out: Path | None,
    source: Path | None,
    strict: bool,
    batch_dir: Path | None,
    jobs: int | None,
) -> None:
    """Load, compute, validate and write everything into build/."""
    if batch_dir is not None:
        _build_batch(batch_dir, jobs, strict)
        return
    config = _config(ctx, source, out)
    from .render.charts import prewarm

    prewarm(config.cache_dir)  # before the pipeline's imports: the chart worker starts sooner
    from .build import build as run_build

    result = run_build(config, strict=strict)
    for line in result.summary_lines():
        click.echo(line)
    if result.failed:
        sys.exit(1)


def _build_batch(batch_dir: Path, jobs: int | None, strict: bool) -> None:
    from .build import build_all, find_projects

    total = len(find_projects(batch_dir))
    with click.progressbar(
        length=total, label="Membangun Renstra", show_pos=True, file=sys.stderr
    ) as bar:
        results = build_all(batch_dir, jobs=jobs, progress=lambda _: bar.update(1), strict=strict)
    failed = [r for r in results if r.failed]
    for result in failed:
        reason = result.problem or f"{result.errors} galat"
        click.echo(f"gagal: {result.project}: {reason}", err=True)
    click.echo(f"{len(results) - len(failed)} dari {len(results)} Renstra dibangun")
    if failed:
        sys.exit(1)


@main.command()
@SOURCE_OPTION
@OUT_OPTION
@click.option("--strict", is_flag=True, help="Treat warnings as errors (exit 1 if any).")
@click.pass_context
@_handle_errors
def validate(ctx: click.Context, source: Path | None, out: Path | None, strict: bool) -> None:
    """Check the source tables; write build/validation.md and build/validation.json."""
    from .build import validate as run_validate

    result = run_validate(_config(ctx, source, out), strict=strict)
    for line in result.summary_lines():
        click.echo(line)
    if result.failed:
        sys.exit(1)


@main.command()
@OUT_OPTION
@click.pass_context
@_handle_errors
def pdf(ctx: click.Context, out: Path | None) -> None:
    """Convert the built DOCX to PDF with LibreOffice headless (build/<output>.pdf)."""
    from .build import convert_to_pdf

    click.echo(f"ditulis: {convert_to_pdf(_config(ctx, None, out))}")


@main.command()
@click.option(
    "--to",
    "target",
    default=None,
    metavar="VERSI",
    help="Map the codes of the BAB VI workbook to this nomenclature version and write it "
    "into renstra.toml.",
)
@click.option(
    "--from",
    "origin",
    default=None,
    metavar="VERSI",
    help="Version of the codes now in the workbook (default: renstra.toml).",
)
@click.option(
    "--fill", is_flag=True, help="Fill empty Kode cells by name from the renstra.toml version."
)
@click.option(
    "--dry-run", is_flag=True, help="Report only; write neither the workbook nor renstra.toml."
)
@SOURCE_OPTION
@click.pass_context
@_handle_errors
def codes(
    ctx: click.Context,
    target: str | None,
    origin: str | None,
    fill: bool,
    dry_run: bool,
    source: Path | None,
) -> None:
    """Nomenclature codes: map them to another version (--to, which also writes the version into
    renstra.toml) or fill empty ones (--fill)."""
    from . import codes as nomenclature_codes
    from .sources.schema import BAB6

    if (target is None) == (not fill):
        raise click.UsageError("pilih salah satu: --to VERSI atau --fill")
    config = _config(ctx, source)
    if target is not None:
        migration = nomenclature_codes.migrate(config, target, origin, dry_run)
        for line in nomenclature_codes.migration_lines(migration, BAB6.filename):
            click.echo(line)
        return
    path = config.source_dir / BAB6.filename
    current = origin or config.nomenclature_version
    filled = nomenclature_codes.fill_codes(path, current, config.agency.urusan, dry_run)
    lines = nomenclature_codes.fill_lines(filled, BAB6.filename)
    for line in lines:
        click.echo(line)
    if not lines:
        click.echo("tidak ada kode yang berubah")
    elif dry_run:
        click.echo("--dry-run: workbook tidak diubah")
    else:
        click.echo(f"ditulis: {path}")


@main.command("docs")
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("docs"),
    help="Folder of the generated documents (default: docs/).",
)
@_handle_errors
def docs(out: Path) -> None:
    """Regenerate docs/errors.md and docs/source-tables.md from the code."""
    from .atomic import write_text
    from .docs import source_tables_markdown
    from .findings import catalogue_markdown

    for name, text in (
        ("errors.md", catalogue_markdown()),
        ("source-tables.md", source_tables_markdown()),
    ):
        write_text(out / name, text)
        click.echo(f"ditulis: {out / name}")


def _years(text: str, option: str) -> tuple[int, int]:
    """'2026-2030' -> (2026, 2030)."""
    parts = text.replace("–", "-").split("-")
    if len(parts) != 2 or not all(p.strip().isdigit() for p in parts):
        raise click.BadParameter(
            f"'{text}' bukan rentang tahun seperti 2026-2030", param_hint=option
        )
    first, last = (int(p) for p in parts)
    if first > last:
        raise click.BadParameter(f"{first} sesudah {last}", param_hint=option)
    return first, last


@main.command("init")
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@click.option("--instansi", required=True, help="Agency name, e.g. 'Dinas Kesehatan'.")
@click.option("--singkatan", required=True, help="Short name, e.g. 'Dinkes'.")
@click.option("--daerah", required=True, help="Region, e.g. 'Kota Contoh' or 'Kabupaten Contoh'.")
@click.option("--provinsi", required=True, help="Province, e.g. 'Jawa Tengah'.")
@click.option("--urusan", required=True, help="Bidang urusan code, e.g. 1.02.")
@click.option("--periode", required=True, help="Renstra period, e.g. 2026-2030.")
@click.option(
    "--tahun-rencana", default=None, help="Plan years (default: last five of the period)."
)
@click.option(
    "--nomenklatur", default=None, help='Nomenclature version (default: newest; "" = none).'
)
@_handle_errors
def init(
    folder: Path,
    instansi: str,
    singkatan: str,
    daerah: str,
    provinsi: str,
    urusan: str,
    periode: str,
    tahun_rencana: str | None,
    nomenklatur: str | None,
) -> None:
    """Create a new agency project in FOLDER: renstra.toml, workbooks and section texts."""
    from .init import NewProject, init_project

    new = NewProject(
        instansi=instansi,
        singkatan=singkatan,
        daerah=daerah,
        provinsi=provinsi,
        urusan=urusan,
        periode=_years(periode, "--periode"),
        tahun_rencana=_years(tahun_rencana, "--tahun-rencana") if tahun_rencana else None,
        nomenklatur=nomenklatur,
    )
    for path in init_project(folder, new):
        click.echo(f"ditulis: {path}")


@main.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--root",
    type=FOLDER,
    default=None,
    help="Project folder holding renstra.toml (default: the global --root).",
)
@click.pass_context
@_handle_errors
def import_command(ctx: click.Context, files: tuple[Path, ...], root: Path | None) -> None:
    """Import tables in the official layouts T-C.23, T-C.24, T-C.25 and T-C.27 (recognised by
    their header text) into the project's workbooks; importing again replaces."""
    from .config import load_config
    from .importer import import_tables

    result = import_tables(load_config(root or ctx.obj), list(files))
    for written in result.written:
        click.echo(written.line())
    for finding in result.findings:
        level = "galat" if finding.is_error else "peringatan"
        click.echo(f"{level}: {finding.line()}", err=finding.is_error)
    if result.failed:
        click.echo("tidak ada yang ditulis: perbaiki galat di atas lalu impor ulang", err=True)
        sys.exit(EXIT_ERROR)


@main.command("diff")
@click.argument("old")
@click.argument("new", default=".")
@click.option(
    "--format",
    "output_format",
    default="text",
    type=click.Choice(["text", "markdown", "json", "docx"]),
    help="Output format (default: text on the terminal).",
)
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write to this file (required with --format docx).",
)
@click.pass_context
@_handle_errors
def diff(ctx: click.Context, old: str, new: str, output_format: str, out: Path | None) -> None:
    """Compare the tables of OLD and NEW (git revision or folder); exit 1 when they differ."""
    from .atomic import write_text
    from .diff import diff_revisions
    from .diff.report import format_result
    from .diff.tracked import write_tracked

    if output_format == "docx" and out is None:
        raise click.UsageError("--format docx memerlukan --out BERKAS.docx")
    result = diff_revisions(ctx.obj, old, new)
    if out is None:
        click.echo(format_result(result, output_format), nl=False)
    else:
        if output_format == "docx":
            write_tracked(out, result, _config(ctx).paper)
        else:
            write_text(out, format_result(result, output_format))
        click.echo(f"ditulis: {out}")
    sys.exit(1 if result.changed else 0)


if __name__ == "__main__":  # pragma: no cover
    main()
