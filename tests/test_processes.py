"""processes.Aside: a task on the second core, its failure reported as if there were no fork."""

from __future__ import annotations

import os

import pytest

from renstra_docs.processes import Aside, can_fork

needs_fork = pytest.mark.skipif(not can_fork(), reason="no fork on this platform")


def _writes_pid(path):
    def task():
        path.write_text(str(os.getpid()))

    return task


@needs_fork
def test_the_task_runs_in_another_process_while_this_one_goes_on(tmp_path):
    out = tmp_path / "pid"
    aside = Aside(_writes_pid(out))
    aside.finish()
    assert out.read_text() != str(os.getpid())


@needs_fork
def test_the_result_comes_back_from_the_child():
    pid, numbers = Aside(lambda: (os.getpid(), list(range(100_000)))).finish()
    assert pid != os.getpid() and numbers[-1] == 99_999  # larger than a pipe's buffer


@needs_fork
def test_a_task_that_failed_in_the_child_is_done_here(tmp_path):
    parent = os.getpid()
    out = tmp_path / "pid"

    def task():
        if os.getpid() != parent:
            raise OSError("disk full in the child")
        out.write_text(str(os.getpid()))

    Aside(task).finish()
    assert out.read_text() == str(parent)


def test_an_error_is_raised_here_and_the_child_prints_no_traceback(tmp_path, capfd):
    def task():
        raise ValueError("tabel rusak")

    aside = Aside(task)
    with pytest.raises(ValueError, match="tabel rusak"):
        aside.finish()
    assert "Traceback" not in capfd.readouterr().err


@needs_fork
def test_join_only_waits(tmp_path):
    out = tmp_path / "pid"
    aside = Aside(_writes_pid(out))
    aside.join()
    assert out.exists()


def test_a_marked_copy_that_cannot_be_written_stops_the_build_in_one_line(tmp_path, monkeypatch):
    """The marked copies are written by the forked child; its failure is the build's: one
    line, exit 2, the previous build/ byte for byte, no staging folder left behind."""
    from click.testing import CliRunner
    from conftest import copy_project

    from renstra_docs.cli import main
    from renstra_docs.render import temuan

    project = copy_project(tmp_path / "project")
    assert CliRunner().invoke(main, ["--root", str(project), "build"]).exit_code == 0
    before = {p: p.read_bytes() for p in (project / "build").rglob("*") if p.is_file()}

    def unwritable(*_args, **_kwargs):
        raise OSError("disk penuh")

    monkeypatch.setattr(temuan, "marked_copy", unwritable)
    result = CliRunner().invoke(main, ["--root", str(project), "build"])
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == ["galat: disk penuh"]
    after = {p: p.read_bytes() for p in (project / "build").rglob("*") if p.is_file()}
    assert after == before
    assert not list((project / "build").glob(".staging-*"))


@needs_fork
def test_join_does_not_wait_for_a_reader_of_a_large_answer():
    """A child whose answer is larger than a pipe's buffer, joined without being read: it
    gives up sending (no deadlock), and `finish` is not needed."""
    aside = Aside(lambda: b"x" * (4 << 20))
    aside.join()
    assert aside._child is None


@needs_fork
def test_a_large_answer_is_read_before_the_child_is_waited_for():
    assert len(Aside(lambda: b"x" * (4 << 20)).finish()) == 4 << 20
