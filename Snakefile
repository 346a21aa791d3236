# qrepro: `snakemake --cores N` reproduces every paper at the tier set in params.yaml.
from snakemake.utils import min_version

min_version("9.0")

import yaml

try:   # a syntax error in params.yaml, with its line and column (Snakemake's own message names neither)
    yaml.safe_load(open("params.yaml"))
except yaml.YAMLError as err:
    raise WorkflowError(f"params.yaml: not valid YAML: {err}") from None


configfile: "params.yaml"


include: "workflow/rules/common.smk"
include: "workflow/rules/data.smk"


for key in KEYS:    # one rule file per paper in the registry (src/qrepro/registry.py)

    include: f"workflow/rules/{key}.smk"


include: "workflow/rules/report.smk"


# the run ledger (logs/runs.jsonl) that publication reads; `--touch` runs compute nothing, so they are not sittings
onstart:
    if not workflow.touch:
        record_run(".", "start", config["tier"], local_cores())


onsuccess:
    if not workflow.touch:
        record_run(".", "success", config["tier"], local_cores())


rule all:
    default_target: True
    input:
        "reports/report.pdf",
        expand("results/{key}/summary.json", key=KEYS),
