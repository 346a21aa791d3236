from qrepro.pipeline.logs import to_file

to_file(snakemake.log[0])
import json

from qrepro.io import write_csv
from qrepro.pipeline.qimarl_scaling import scaling_table

write_csv(snakemake.output[0], scaling_table([json.loads(open(f).read()) for f in snakemake.input]))
