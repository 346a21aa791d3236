from qrepro.pipeline.logs import to_file

to_file(snakemake.log[0])
from pathlib import Path

from qrepro.io import write_csv
from qrepro.pipeline.qsac import reference_run

out = Path(snakemake.output[0])
refs = reference_run(snakemake.params.env, snakemake.params.eval_steps, Path(snakemake.input[0]).parent,
                     snakemake.params.data, out.parent / "references")
write_csv(out, refs)
