rule import_adapshare:
    """Fetch the AdapShare demand files (upstream URL, else fallback folders), verify sha256."""
    output:
        files=expand("data/adapshare/{name}", name=list(ADAPSHARE["files"])),
        manifest="data/adapshare/manifest.json",
    params:
        files=ADAPSHARE["files"],
        sources=[config["data"]["source"]] + config["data"]["fallback"],
        timeout=config["data"]["timeout_s"],
    log:
        "logs/import_adapshare.log",
    script:
        "../scripts/import_adapshare.py"
