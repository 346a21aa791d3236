from qrepro.logs import to_file

to_file(snakemake.log[0])
from qrepro.papers.qsac.adapshare import import_files

p = snakemake.params
import_files(p.files, p.sources, dict(zip(p.files, snakemake.output.files)), snakemake.output.manifest,
             timeout=p.timeout)
