"""The report's parts that need no pipeline run: caption files, DVC plot declarations, table layout, summaries."""

import json

from conftest import ROOT


def test_snakemake_report_captions_are_the_pdf_captions():
    """Every caption file Snakemake's report reads is what `python -m qrepro.report.captions` writes from the
    papers' figure captions, and every rule-file report() marker names one that exists."""
    import re

    from qrepro.report.captions import caption_files

    files = caption_files()
    for rel, text in files.items():
        assert (ROOT / rel).read_text() == text, f"{rel} is stale: run `python -m qrepro.report.captions`"
    for smk in (ROOT / "workflow/rules").glob("*.smk"):
        for caption in re.findall(r'caption="\.\./report/([^"]+)"', smk.read_text()):
            assert f"workflow/report/{caption}" in files, (smk.name, caption)


def test_dvc_plots_name_existing_templates():
    """dvc.yaml's plots draw each paper's main curves with a Vega-Lite template that exists and uses DVC's fields."""
    from qrepro.publication.dvc_stages import plots

    declared = plots()
    assert {next(iter(p)) for p in declared} >= {"qrlbench_validation", "qimarl_return", "qsac_sample_complexity"}
    for p in declared:
        spec = next(iter(p.values()))
        template = json.loads((ROOT / spec["template"]).read_text())
        assert template["data"]["values"] == "<DVC_METRIC_DATA>"
        assert "<DVC_METRIC_Y>" in json.dumps(template)
