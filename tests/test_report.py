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


def _font_files(reader):
    """Per font a page uses: (name, whether the PDF carries its glyphs)."""
    out = []
    for page in reader.pages:
        for font in page["/Resources"].get("/Font", {}).values():
            font = font.get_object()
            fonts = [d.get_object() for d in font.get("/DescendantFonts", [])] or [font]
            for f in fonts:
                desc = f.get("/FontDescriptor")
                desc = desc.get_object() if desc is not None else {}
                out.append((str(f["/BaseFont"]), any(k in desc for k in ("/FontFile", "/FontFile2", "/FontFile3"))))
    return out


def test_the_pdf_numbers_bookmarks_and_embeds_what_chapters_build(tmp_path):
    """Chapters build headings, tables and figures without numbers; the report numbers them (2, 2.1, Table 2.1,
    Figure 2.1 with the rule that made it), bookmarks every numbered heading, lists them on the contents page,
    embeds its fonts, dates the file by the commit and keeps 'n/a' and long number lists readable."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import pandas as pd
    from pypdf import PdfReader

    from qrepro.report.pdf import build_pdf, contents, figure, heading, number, table

    png = tmp_path / "toy_curve.png"
    plt.figure(figsize=(4, 2)).gca().plot([0, 1], [1, 0])
    plt.savefig(png, dpi=50)
    chapter = lambda name: [heading(name, 1), heading("Claim verdicts", 2),  # noqa: E731
                            table(pd.DataFrame({"claim": ["H6", "H7"], "verdict": ["n/a", "holds"],
                                                "ours": ["0.905/0.361/0.189/2.1", float("nan")]})),
                            heading("Figures", 2), *figure(png, "A toy curve."), *figure(None, "never drawn")]
    flow = number([heading("Front", 1), heading("Contents", 2), contents()], 1, "x")
    flow += number(chapter("Toy paper"), 2, "Made by rule toy_figures at commit abc")
    out = tmp_path / "r.pdf"
    build_pdf(out, "toy", flow, date="2026-12-03")
    reader = PdfReader(out)
    titles = [o.title for o in reader.outline if not isinstance(o, list)]
    nested = [o.title for sub in reader.outline if isinstance(sub, list) for o in sub]
    assert titles == ["1 Front", "2 Toy paper"] and nested == ["1.1 Contents", "2.1 Claim verdicts", "2.2 Figures"]
    text = " ".join(p.extract_text() for p in reader.pages)
    assert "Table 2.1. Claim verdicts" in text and "2.2 Figures" in text.replace("\xa0", " ")
    assert "Figure 2.1. A toy curve. Made by rule toy_figures at commit abc (toy_curve.png)." in " ".join(text.split())
    assert "Figure 2.2" not in text and "never drawn" not in text
    assert "n/a" in text and "0.905 / 0.361 / 0.189 / 2.1" in text and "nan" not in text.split()
    assert text.count("Toy paper") >= 2                                     # its heading and its contents line
    assert reader.metadata["/CreationDate"].startswith("D:20261203")
    fonts = _font_files(reader)
    assert fonts and all(embedded for _, embedded in fonts), fonts
    first = out.read_bytes()
    build_pdf(out, "toy", flow, date="2026-12-03")
    assert out.read_bytes() == first                                         # same inputs, same bytes


def test_the_claims_table_shows_where_and_how_a_claim_is_read(tmp_path):
    """A claims row prints the paper's locator under its statement and the reading where it is not 'as stated'; rows
    come in the paper's order (C2 before C10)."""
    import pandas as pd
    from pypdf import PdfReader

    from qrepro.report.pdf import build_pdf, claims_table

    claims = pd.DataFrame({"config": "x", "claim": ["C10", "C2"],
                           "statement": ["Ten holds", "Two holds: S < 0.5 & x.tiers.<tier>.long"],
                           "paper": ["0.9", "0.8"], "quote": ["q", "q"], "where": ["Table III, line 217", "Sec. 2"],
                           "reading": ["stricter: both networks", "as stated"], "ours": ["0.5", "0.7"],
                           "verdict": ["fails", "holds"],
                           "source": ["papers/x/claims.py:10 (ten)", "papers/x/c.py:2 (two)"]})
    build_pdf(tmp_path / "c.pdf", "t", [claims_table(claims)])
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(tmp_path / "c.pdf").pages).split())
    assert text.index("Two holds") < text.index("Ten holds")
    assert "Table III, line 217" in text and "stricter: both networks" in text and "as stated" not in text
    assert "dtype" not in text and "papers/x/claims.py:10" in text
    assert "S < 0.5 & x.tiers.<tier>.long" in text        # text, not markup
