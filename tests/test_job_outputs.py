"""What every job leaves behind: outputs readable as a plain open() would make them, a rule log that explains a
failure with its traceback, and progress lines whose ETA follows the recent rate."""

import ast
import logging
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from qrepro.io import atomic_path, plain_file_mode, write_bytes, write_csv, write_json
from qrepro.progress import Progress
from qrepro.runstate import RunState

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(params=[0o022, 0o002, 0o077])
def umask(request):
    old = os.umask(request.param)
    yield request.param
    os.umask(old)


def test_outputs_get_the_mode_open_would_give(tmp_path, umask):
    with open(tmp_path / "plain.txt", "w") as f:
        f.write("x")
    expected = (tmp_path / "plain.txt").stat().st_mode & 0o777
    assert expected == plain_file_mode() == 0o666 & ~umask
    write_csv(tmp_path / "a.csv", pd.DataFrame({"x": [1]}))
    write_json(tmp_path / "a.json", {"x": 1})
    write_bytes(tmp_path / "a.bin", b"x")
    with atomic_path(tmp_path / "fig.png") as tmp:       # what matplotlib / reportlab write through
        tmp.write_bytes(b"png")
    RunState(tmp_path / "_a.state", {}).save([1])
    for name in ("a.csv", "a.json", "a.bin", "fig.png", "_a.state"):
        assert (tmp_path / name).stat().st_mode & 0o777 == expected, name


def test_failed_write_leaves_nothing(tmp_path):
    with pytest.raises(RuntimeError):
        with atomic_path(tmp_path / "out.csv") as tmp:
            tmp.write_text("half")
            raise RuntimeError("killed mid-write")
    assert list(tmp_path.iterdir()) == []


def test_uncaught_exception_reaches_the_rule_log(tmp_path):
    log = tmp_path / "rule.log"
    script = ("from qrepro.logs import to_file\n"
              f"to_file({str(log)!r})\n"
              "import logging\nlogging.getLogger('qrepro.x').info('progress line')\n"
              "def train():\n    raise ValueError('qimarl.env.horizon must be positive')\n"
              "train()\n")
    r = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert r.returncode == 1
    text = log.read_text()
    assert "progress line" in text and "Traceback (most recent call last)" in text
    assert "ValueError: qimarl.env.horizon must be positive" in text and "in train" in text
    assert "ValueError: qimarl.env.horizon must be positive" in r.stderr     # and still on stderr


def test_every_workflow_script_logs_before_it_imports_the_library():
    """An import error must land in the rule log too: each script's first statements set the log up."""
    for script in sorted((ROOT / "workflow/scripts").rglob("*.py")):
        body = ast.parse(script.read_text()).body
        first, second = body[0], body[1]
        assert isinstance(first, ast.ImportFrom) and first.module == "qrepro.logs", script.name
        assert isinstance(second, ast.Expr) and ast.unparse(second) == "to_file(snakemake.log[0])", script.name


class FakeClock:
    def __init__(self):
        self.t = 0.0

    def __call__(self):
        return self.t


def test_eta_uses_the_recent_rate_not_the_start_up(caplog):
    """30 s of start-up (imports, JIT, warm-up), then 1 s per item: the first ETA is already right."""
    clock = FakeClock()
    p = Progress(100, "train", logging.getLogger("qrepro.test"), every_frac=0.05, clock=clock)
    clock.t = 30.0
    with caplog.at_level(logging.INFO, logger="qrepro.test"):
        for i in range(1, 6):
            clock.t += 1.0
            p.update(i)
    assert len(caplog.records) == 1 and "5/100 (5%)" in caplog.text
    assert "ETA 1m35s" in caplog.text                    # 95 items at 1 s, not 95 x 35 s / 5 = 11 min


def test_eta_follows_a_change_of_pace(caplog):
    clock = FakeClock()
    p = Progress(200, "run", logging.getLogger("qrepro.test"), every_frac=0.05, clock=clock)
    with caplog.at_level(logging.INFO, logger="qrepro.test"):
        for i in range(1, 101):
            clock.t += 1.0 if i <= 50 else 0.25           # four times faster after half way
            p.update(i)
    last = caplog.records[-1].getMessage()
    assert "100/200" in last and "ETA 25s" in last        # 100 left at 4 it/s


def test_a_failed_snakemake_job_explains_itself_in_its_rule_log(tmp_path):
    """End to end: the import rule fails (no source has the files); its log holds the traceback and the reason."""
    from conftest import copy_project

    proj = copy_project(tmp_path, overrides={"data": {"source": str(tmp_path / "nowhere"), "fallback": []}})
    r = subprocess.run(["snakemake", "--cores", "1", "import_adapshare"], cwd=proj, capture_output=True, text=True)
    assert r.returncode != 0
    log = (proj / "logs/import_adapshare.log").read_text()
    assert "Traceback (most recent call last)" in log and "ChecksumError: could not import" in log
    assert str(tmp_path / "nowhere") in log
