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
    """An import error must land in the rule log too: each script's first statements start the job (its log)."""
    for script in sorted((ROOT / "workflow/scripts").rglob("*.py")):
        body = ast.parse(script.read_text()).body
        first, second = body[0], body[1]
        assert isinstance(first, ast.ImportFrom) and first.module == "qrepro.logs", script.name
        assert isinstance(second, ast.Expr) and ast.unparse(second) == "start_job(snakemake)", script.name


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


JOB = """
import sys
from types import SimpleNamespace
from qrepro.logs import start_job

start_job(SimpleNamespace(log=["rule.log"], scriptdir=sys.argv[1], rule="r", wildcards={}, output=["out.txt"],
                          input=[], params=[1]))
open("out.txt", "w").write("x")
"""


def test_a_job_refuses_a_qrepro_that_is_not_its_checkouts_own(tmp_path):
    """The log names the commit of the checkout whose workflow runs the job; a job that would import another copy
    of qrepro (another clone's editable install) stops with both paths instead of logging a false commit, and
    leaves no stamp. From this checkout it runs, logs its version and stamps its output."""
    other = tmp_path / "other-clone"
    (other / "workflow/scripts").mkdir(parents=True)
    (other / "Snakefile").write_text("")
    run = lambda scriptdir: subprocess.run([sys.executable, "-c", JOB, str(scriptdir)], cwd=tmp_path,  # noqa: E731
                                           capture_output=True, text=True)
    r = run(other / "workflow/scripts")
    assert r.returncode == 1 and "imports qrepro from" in r.stderr and "other-clone/src" in r.stderr
    assert not (tmp_path / "results/.provenance").exists()
    r = run(ROOT / "workflow/scripts/qsac")
    assert r.returncode == 0, r.stderr
    assert '"commit"' in (tmp_path / "rule.log").read_text()
    assert (tmp_path / "results/.provenance/r/all.json").exists()


def test_a_stamp_restores_the_record_of_an_output_that_has_none(tmp_path, monkeypatch):
    """qrepro.stamps: a job's stamp becomes Snakemake's record where there is none (a pulled clone, a job finished
    after its driver died) or where the stamp is newer (the outputs were replaced by a checkout); a newer record,
    written by Snakemake after the job, stays."""
    import json
    import os

    from qrepro.stamps import record_path, restore, stamp

    monkeypatch.chdir(tmp_path)
    Path("results/x").mkdir(parents=True)
    Path("results/x/out.csv").write_text("a\n1\n")
    Path("in.csv").write_text("b\n2\n")
    s = stamp("rule_x", {"seed": "0"}, ["results/x/out.csv", "results/x/missing.csv"], ["in.csv"], ["x.log"],
              [{"k": 1}, "digest"])
    assert s["params"] == sorted(["{'k': 1}", "'digest'"]) and s["input_checksums"]["in.csv"].startswith("sha256:")
    Path("results/.provenance/rule_x").mkdir(parents=True)
    Path("results/.provenance/rule_x/seed=0.json").write_text(json.dumps(s))
    meta = tmp_path / ".snakemake/metadata"
    mark = record_path(tmp_path / ".snakemake/incomplete", "results/x/out.csv")   # its driver died before it ended
    mark.parent.mkdir(parents=True)
    mark.write_text("{}")
    os.utime(mark, (1, 1))
    assert restore(tmp_path / ".snakemake") == 1                       # the missing output gets none
    assert not mark.exists()                                           # the job succeeded: no longer incomplete
    record = json.loads(record_path(meta, "results/x/out.csv").read_text())
    assert record["params"] == s["params"] and record["record_format_version"] == 6 and not record["incomplete"]
    assert restore(tmp_path / ".snakemake") == 0                       # the record is now newer than the stamp
    later = record_path(meta, "results/x/out.csv").stat().st_mtime + 10
    os.utime("results/.provenance/rule_x/seed=0.json", (later, later))  # a checkout replaced the stamp
    assert restore(tmp_path / ".snakemake") == 1
