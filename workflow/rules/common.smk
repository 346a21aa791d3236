# Config validation, the paper registry and the helpers every rule file uses; each paper's rule file holds its own
# tier, wildcard constraints and fan-out helpers, and registers what the ledger and the report read of it.
import os
import sys
from pathlib import Path

BASEDIR = Path(workflow.basedir)
# every job imports this checkout's own code (qrepro.logs checks it), whatever else is installed or on PYTHONPATH
os.environ.update(PYTHONPATH=os.pathsep.join([str(BASEDIR / "src"), *filter(None, [os.getenv("PYTHONPATH")])]))
sys.path.insert(0, str(BASEDIR / "src"))
from qrepro.config import ParamsError, params_tier, set_by, tier, tier_root, validate_params
from qrepro.publication.dvc_stages import code_digest
from qrepro.publication.plan import Costs
from qrepro.publication.provenance import record_run
from qrepro.registry import KEYS
from qrepro.stamps import restore

try:
    validate_params(config, BASEDIR / "workflow/schemas/params.schema.yaml")
except ParamsError as err:   # named by the file (or --config) that set the value
    settings = workflow.config_settings
    raise WorkflowError(set_by(str(err), dict(settings.config), settings.configfiles)) from None

# A run at the tier params.yaml sets writes results/ and reports/ (what DVC tracks and git publishes); a run at
# another tier (--config tier=...) writes under tiers/<tier>/, so a quick try never touches the published results.
RUN_ROOT = tier_root(BASEDIR, config["tier"])
if RUN_ROOT != BASEDIR:

    workdir: RUN_ROOT


if workflow.is_main_process:   # records of outputs whose jobs ran elsewhere (a pulled clone, a killed SLURM driver)
    restore(Path(".snakemake"))
COSTS = Costs.load(BASEDIR / "results/costs.csv")   # the default tier's measured costs, if present
# filled by each paper's rules file for the ledger and the report (report.smk), per paper key: the files its ledger
# rows and its report chapter read ({"inputs": {name: path(s)}, ...}), and the chapter's setup
LEDGER, REPORT = {}, {}


def local_cores():
    """--cores of a local run; None on a cluster, where each job has its own allocation."""
    try:
        return workflow.cores
    except WorkflowError:
        return None


wildcard_constraints:
    seed=r"\d+",


localrules:
    all,


def library(script):
    """A digest of ``script`` and the library modules it imports, passed as the ``code`` param of the rules that run
    it, so that changing either reruns their jobs (a param, so the trigger travels with the job's stamp)."""
    return code_digest(BASEDIR / "workflow/scripts" / script, BASEDIR)


def measured(rule, runtime, mem_mb):
    """A rule's SLURM requests: priced from results/costs.csv (the default tier's benchmarks; qrepro.publication.plan
    adds the margin and scales by the tier's work), else the given minutes and MB; each retry doubles them."""
    return dict(runtime=lambda wc, attempt: COSTS.runtime_min(rule, dict(wc.items()), config, runtime, attempt),
                mem_mb=lambda wc, attempt: COSTS.mem_mb(rule, dict(wc.items()), config, mem_mb, attempt))


def by_paper(inputs):
    """``{"qsac__runs": path, ...}`` (the cross-paper rules' named inputs) from LEDGER / REPORT entries."""
    return {f"{key}__{name}": paths for key, entry in inputs.items() for name, paths in entry["inputs"].items()}
