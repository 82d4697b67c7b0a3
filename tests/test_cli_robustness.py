"""Hostile paths and outputs: streams, FIFOs, odd file names, --out problems, bounded arguments."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from goodterms.cli import main

from test_cli import GOOD, _model_loaded_once, run  # noqa: F401  (the fixture is autouse)


def one_line_no_traceback(err: str) -> None:
    assert "Traceback" not in err and "internal error" not in err, err


def test_out_naming_a_file_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "taken"
    target.write_text("keep me")
    code, out, err = run(capsys, GOOD, "--out", target)
    assert code == 2 and "not a folder" in err and len(err.splitlines()) == 1
    assert target.read_text() == "keep me"
    one_line_no_traceback(err)


def test_empty_out_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, GOOD, "--out", "")
    assert code == 2 and "--out" in err
    one_line_no_traceback(err)


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write anywhere")
def test_unwritable_out_folder_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    code, _, err = run(capsys, GOOD, "--out", locked)
    assert code == 2 and "not writable" in err


def test_a_write_that_fails_is_one_line_and_the_batch_goes_on(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    import goodterms.cli as cli

    real = cli.write_atomically
    calls = []

    def full_disk(target: Path, text: str) -> None:
        calls.append(target.name)
        if len(calls) == 1:
            raise OSError(28, "No space left on device")
        real(target, text)

    monkeypatch.setattr(cli, "write_atomically", full_disk)
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("a.txt", "b.txt"):
        (folder / name).write_bytes(GOOD.read_bytes())
    code, _, err = run(capsys, folder, "--format", "json", "--out", tmp_path / "out")
    assert code == 1 and "cannot write" in err and "no space left" in err
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["b.json"]
    one_line_no_traceback(err)


def test_huge_max_bytes_is_refused_by_the_parser(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["analyze", str(GOOD), "--max-bytes", "100000000000000000000"])
    assert caught.value.code == 2
    assert "out of range" in capsys.readouterr().err


def test_a_device_is_read_only_up_to_the_limit(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "/dev/zero", "--max-bytes", "5000")
    assert code == 1 and "/dev/zero" in err
    one_line_no_traceback(err)


def test_a_fifo_in_a_folder_is_named_and_never_blocks(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "good.txt").write_bytes(GOOD.read_bytes())
    os.mkfifo(tmp_path / "pipe.txt")
    code, out, err = run(capsys, tmp_path, "--format", "json")
    assert code == 1 and "pipe.txt" in err
    assert json.loads(out.splitlines()[0])["title"]
    one_line_no_traceback(err)


def test_a_fifo_with_a_writer_is_read(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fifo = tmp_path / "feed.txt"
    os.mkfifo(fifo)

    def write() -> None:
        with open(fifo, "wb") as handle:
            handle.write(GOOD.read_bytes())

    writer = threading.Thread(target=write)
    writer.start()
    time.sleep(0.2)
    code, out, err = run(capsys, fifo, "--format", "json")
    writer.join(5)
    assert code == 0, err
    assert json.loads(out)["people"]


def test_a_symlink_loop_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    loop = tmp_path / "loop.txt"
    loop.symlink_to(loop)
    code, _, err = run(capsys, loop)
    assert code == 1 and "symbolic link loop" in err
    one_line_no_traceback(err)


def test_a_file_name_that_is_not_utf8(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    odd = os.fsdecode(bytes(folder) + b"/caf\xe9.txt")
    Path(odd).write_bytes(GOOD.read_bytes())
    (folder / "plain.txt").write_bytes(GOOD.read_bytes())
    code, out, err = run(capsys, folder, "--format", "json", "--out", tmp_path / "out")
    assert code == 0, err
    written = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert len(written) == 2 and "plain.json" in written
    for path in (tmp_path / "out").iterdir():
        assert json.loads(path.read_text(encoding="utf-8"))["people"]


def test_a_killed_run_leaves_only_whole_files(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(40):
        (folder / f"a{i:02}.txt").write_bytes(GOOD.read_bytes())
    out = tmp_path / "out"
    exe = Path(sys.executable).with_name("goodterms")
    process = subprocess.Popen([str(exe), "analyze", str(folder), "--format", "json", "--out", str(out)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and (not out.exists() or len(list(out.iterdir())) < 3):
        time.sleep(0.05)
    process.send_signal(signal.SIGKILL)
    process.wait(10)
    present = [p for p in out.iterdir() if p.suffix == ".json"]
    assert present, "the run was killed before writing anything"
    for path in present:
        json.loads(path.read_text(encoding="utf-8"))  # a half-written file would not parse
