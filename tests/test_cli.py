"""The command line as an operator meets it: options, help, version, log records, progress,
and the pinned installs."""
from __future__ import annotations

import datetime as dt
import io
import json
import re
import subprocess
import sys
import tomllib

from pipeline import __version__
from pipeline.cli import TerminalProgress
from tests.conftest import ROOT


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pipeline", *args], cwd=ROOT, capture_output=True, text=True)


def test_a_misspelt_option_is_named_as_such_with_a_suggestion(tmp_path):
    result = cli("extract", "--inptu", str(ROOT / "data" / "raw"), "--output", str(tmp_path / "o"))
    assert result.returncode == 2 and "unknown option --inptu (did you mean --input?)" in result.stderr
    assert "required" not in result.stderr


def test_version_and_help_texts():
    version = cli("--version")
    assert version.returncode == 0 and __version__ in version.stdout
    text = " ".join(cli("extract", "--help").stdout.split())  # as argparse wraps it
    assert "every *.md, *.mdx and *.markdown below it is read" in text and "where the tables are published" in text


def test_report_to_a_folder_that_does_not_exist_exits_4_without_a_traceback(tmp_path):
    out = tmp_path / "out"
    assert cli("extract", "--input", str(ROOT / "data" / "raw"), "--output", str(out)).returncode == 0
    result = cli("report", "--input", str(out), "--output", str(tmp_path / "nodir" / "r.html"))
    assert result.returncode == 4 and "cannot write" in result.stderr and "Traceback" not in result.stderr


def test_json_log_records_carry_their_fields_and_an_offset_time(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "broken.md").write_bytes(b"+++\ntitle = 'never closed'\n")
    result = cli("extract", "--input", str(src), "--output", str(tmp_path / "out"), "--log-format", "json")
    records = [json.loads(line) for line in result.stderr.splitlines()]
    reject = next(r for r in records if r.get("error") == "front_matter_unclosed")
    assert reject["path"] == "broken.md" and reject["stage"] == "parse" and reject["line"] == 1
    assert dt.datetime.fromisoformat(reject["time"]).utcoffset() is not None


def test_the_progress_bar_shows_rate_and_time_left(monkeypatch):
    screen = io.StringIO()
    monkeypatch.setattr(sys, "stderr", screen)
    progress = TerminalProgress()
    for done in range(1, 41):
        progress("parse", done, 40)
    assert re.search(r"parse +\[#+ *\] 20/40 +\d+/s +ETA +\d+s", screen.getvalue())
    assert "40/40 in" in screen.getvalue()


def test_every_dependency_is_pinned_in_the_constraints_make_installs_with():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = project["dependencies"] + project["optional-dependencies"]["test"]
    pinned = {line.split("==")[0].lower().replace("_", "-") for line in
              (ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines() if "==" in line}
    names = {re.split(r"[<>=!~\[ ]", w)[0].lower().replace("_", "-") for w in wanted}
    assert names <= pinned, names - pinned
    assert "-c constraints.txt" in (ROOT / "Makefile").read_text(encoding="utf-8")


def test_the_command_leaves_the_ordinary_way_under_a_profiler(tmp_path):
    """python -m pipeline leaves with os._exit, but not under cProfile, which writes at exit."""
    profile = tmp_path / "run.prof"
    result = subprocess.run([sys.executable, "-m", "cProfile", "-o", str(profile), "-m", "pipeline", "docs",
                             "--output", str(tmp_path / "dictionary.md")], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert profile.stat().st_size > 0 and (tmp_path / "dictionary.md").read_text(encoding="utf-8").startswith("#")
