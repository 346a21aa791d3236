# Config validation, the paper registry and the helpers every rule file uses; each paper's rule file holds its own
# tier, wildcard constraints and fan-out helpers, and registers what the ledger and the report read of it.
import sys
from pathlib import Path

sys.path.insert(0, str(Path(workflow.basedir) / "src"))
from qrepro.config import ParamsError, tier, validate_params
from qrepro.publication.dvc_stages import code_digest
from qrepro.publication.plan import Costs
from qrepro.publication.provenance import record_run
from qrepro.registry import KEYS

try:
    validate_params(config, Path(workflow.basedir) / "workflow/schemas/params.schema.yaml")
except ParamsError as err:
    raise WorkflowError(str(err)) from None

COSTS = Costs.load(Path(workflow.basedir) / "results/costs.csv")   # the default tier's measured costs, if present
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
    """A digest of the library modules ``script`` imports, passed as the ``code`` param of the rules that run it, so
    that changing one reruns their jobs (Snakemake itself reruns a job when its script changes, not its imports)."""
    return code_digest(Path(workflow.basedir) / "workflow/scripts" / script, Path(workflow.basedir))


def measured(rule, runtime, mem_mb):
    """A rule's SLURM requests: priced from results/costs.csv (the default tier's benchmarks; qrepro.publication.plan
    adds the margin and scales by the tier's work), else the given minutes and MB; each retry doubles them."""
    return dict(runtime=lambda wc, attempt: COSTS.runtime_min(rule, dict(wc.items()), config, runtime, attempt),
                mem_mb=lambda wc, attempt: COSTS.mem_mb(rule, dict(wc.items()), config, mem_mb, attempt))


def by_paper(inputs):
    """``{"qsac__runs": path, ...}`` (the cross-paper rules' named inputs) from LEDGER / REPORT entries."""
    return {f"{key}__{name}": paths for key, entry in inputs.items() for name, paths in entry["inputs"].items()}
