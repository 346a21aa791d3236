"""Multi-page PDF report with reportlab platypus (tables + figures, deterministic bytes)."""

from __future__ import annotations

import math

import pandas as pd
from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.platypus import Image, PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from ..io import atomic_path

rl_config.invariant = 1  # no timestamps / random ids: same inputs, same bytes
STYLES = getSampleStyleSheet()
CELL = ParagraphStyle("cell", parent=STYLES["BodyText"], fontSize=7.5, leading=9)
VERDICT_COLORS = {"holds": colors.HexColor("#d9f0d3"), "fails": colors.HexColor("#f4cccc"),
                  "partly": colors.HexColor("#fff2cc"), "untestable": colors.HexColor("#e0e0e0")}
FRAME_WIDTH = A4[0] - 3 * cm


def heading(text: str, level: int = 1):
    return Paragraph(text, STYLES[f"Heading{level}"])


def para(text: str):
    return Paragraph(text, STYLES["BodyText"])


def bullets(items: list[str]):
    return [Paragraph(f"&bull; {t}", STYLES["BodyText"]) for t in items]


def _missing(v) -> bool:
    """A cell with nothing in it (e.g. a model a config did not run): shown as '-', never as 'nan'."""
    return v is None or (isinstance(v, float) and math.isnan(v))


def table(df: pd.DataFrame, col_widths=None, verdict_col: str | None = None, font_size: float = 7.5):
    """A DataFrame as a grid table; text cells wrap; rows tinted by verdict when ``verdict_col`` is given."""
    style = ParagraphStyle("c", parent=CELL, fontSize=font_size, leading=font_size + 1.5)
    data = [[Paragraph(f"<b>{c}</b>", style) for c in df.columns]]
    data += [[Paragraph("-" if _missing(v) else str(v), style) for v in row] for row in df.itertuples(index=False)]
    if col_widths is None:
        col_widths = [FRAME_WIDTH / len(df.columns)] * len(df.columns)
    t = Table(data, colWidths=col_widths, repeatRows=1)
    cmds = [("GRID", (0, 0), (-1, -1), 0.3, colors.grey), ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#dde4f0")),
            ("VALIGN", (0, 0), (-1, -1), "TOP")]
    if verdict_col is not None:
        j = list(df.columns).index(verdict_col)
        for i, v in enumerate(df[verdict_col], start=1):
            if v in VERDICT_COLORS:
                cmds.append(("BACKGROUND", (j, i), (j, i), VERDICT_COLORS[v]))
    t.setStyle(TableStyle(cmds))
    return t


def figure(path, caption: str, width: float = FRAME_WIDTH):
    from PIL import Image as PILImage

    with PILImage.open(path) as im:
        w, h = im.size
    return [Image(str(path), width=width, height=width * h / w), Paragraph(f"<i>{caption}</i>", CELL), Spacer(1, 8)]


def build_pdf(path, title: str, flowables: list) -> None:
    def footer(canvas, doc):
        canvas.saveState()
        canvas.setFont("Helvetica", 8)
        canvas.drawString(1.5 * cm, 1 * cm, title)
        canvas.drawRightString(A4[0] - 1.5 * cm, 1 * cm, f"page {doc.page}")
        canvas.restoreState()

    with atomic_path(path) as tmp:
        doc = SimpleDocTemplate(str(tmp), pagesize=A4, title=title, author="qrepro", leftMargin=1.5 * cm,
                                rightMargin=1.5 * cm, topMargin=1.5 * cm, bottomMargin=1.8 * cm)
        doc.build(flowables, onFirstPage=footer, onLaterPages=footer)


__all__ = ["PageBreak", "Spacer", "build_pdf", "bullets", "figure", "heading", "para", "table"]


def claims_table(claims: pd.DataFrame, statement_width: float = 110):
    """The per-paper verdict table: claim, statement, paper's value, ours, coloured verdict, and the code that
    decided it (``source``: file and line under src/qrepro, and the deciding function), so a reader goes from a
    verdict to its code in one hop."""
    shown = claims[["claim", "statement", "paper", "ours", "verdict", "source"]].assign(
        source=claims.source.str.replace(" (", "<br/>(", regex=False))    # the function on a line of its own
    return table(shown, [46, statement_width, 58, FRAME_WIDTH - 252 - statement_width, 48, 100], verdict_col="verdict",
                 font_size=7)


def deviations_table(rows: list[tuple]):
    """(topic, paper, ours, why) rows of report.deviations."""
    return table(pd.DataFrame(rows, columns=["topic", "paper", "ours", "why"]), [80, 120, 150, FRAME_WIDTH - 350])
