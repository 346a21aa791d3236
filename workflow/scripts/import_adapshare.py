from qrepro.logs import start_job

start_job(snakemake)
from qrepro.logs import checkout_of
from qrepro.papers.qsac.adapshare import import_files, resolve_sources

p = snakemake.params
import_files(p.files, resolve_sources(p.sources, checkout_of(snakemake.scriptdir)),
             dict(zip(p.files, snakemake.output.files)), snakemake.output.manifest, timeout=p.timeout)
