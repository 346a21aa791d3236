# The AdapShare demand data (paper 000 trains on it): fetched, checksum-verified, its own DVC stage.
from qrepro.papers.qsac.adapshare import changed_files

ADAPSHARE = config["data"]["adapshare"]
if changed := changed_files(ADAPSHARE["files"], "data/adapshare"):
    raise WorkflowError("imported data changed since its import; restore it (`dvc checkout data/adapshare` or "
                        "delete it and rerun the import rule):\n  " + "\n  ".join(changed))


localrules:
    import_adapshare,


rule import_adapshare:
    """Fetch the AdapShare demand files (upstream URL, else fallback folders), verify sha256."""
    output:
        files=expand("data/adapshare/{name}", name=list(ADAPSHARE["files"])),
        manifest="data/adapshare/manifest.json",
    params:
        code=library("import_adapshare.py"),
        files=ADAPSHARE["files"],
        sources=[config["data"]["source"]] + config["data"]["fallback"],
        timeout=config["data"]["timeout_s"],
    log:
        "logs/import_adapshare.log",
    benchmark:
        "benchmarks/import_adapshare.tsv"
    resources:
        **measured("import_adapshare", runtime=10, mem_mb=1000),
    script:
        "../scripts/import_adapshare.py"
