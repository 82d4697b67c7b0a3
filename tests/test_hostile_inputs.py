"""Every kind of hostile input in one folder, one command: each analysed or rejected by name.

The full-size run (bench/hostile.py, about 3 MB of pathological text) is a CI step with a time
limit; this runs every case small, so a kind that crashes or hangs shows up in the tests.
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import hostile  # noqa: E402  (bench/ is not a package; pytest never collects it)


def test_every_hostile_kind_is_analysed_or_named(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    code = hostile.main(["--folder", str(tmp_path / "hostile"), "--scale", "0.02", "--max-seconds", "240"])
    out = capsys.readouterr().out
    assert code == 0, out
    assert "PROBLEM" not in out
