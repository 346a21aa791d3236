# The cross-paper rules: the ledger of quantum versus classical and the PDF report, over the papers in the registry
# (each paper's rule file registers in LEDGER / REPORT the files they read of it).


localrules:
    report,
    ledger,


rule ledger:
    """The cross-paper ledger of quantum versus classical (qrepro.ledger): one row per comparison the papers make."""
    input:
        **by_paper(LEDGER),
    output:
        report("results/ledger.csv", caption="../report/ledger.rst", category="Chapter 1: front matter"),
    params:
        code=library("ledger.py"),
        papers={key: entry["params"] for key, entry in LEDGER.items()},
    log:
        "logs/ledger.log",
    benchmark:
        "benchmarks/ledger.tsv"
    resources:
        **measured("ledger", runtime=10, mem_mb=1000),
    script:
        "../scripts/ledger.py"


rule report:
    """The multi-page PDF: one chapter per paper with paper-vs-ours tables, verdicts, figures, deviations."""
    input:
        ledger="results/ledger.csv",
        **by_paper(REPORT),
    output:
        report("reports/report.pdf", caption="../report/report.rst", category="Chapter 1: front matter"),
    params:
        code=library("report.py"),
        title=config["report"]["title"],
        tier=config["tier"],
        setups={key: entry["setup"] for key, entry in REPORT.items()},
    log:
        "logs/report.log",
    benchmark:
        "benchmarks/report.tsv"
    resources:
        **measured("report", runtime=10, mem_mb=1000),
    script:
        "../scripts/report.py"
