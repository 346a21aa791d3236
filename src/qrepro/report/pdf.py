"""Multi-page PDF report with reportlab platypus: numbered chapters, sections, tables and figures, PDF bookmarks and a
contents page, fonts embedded (DejaVu Sans, shipped with matplotlib), deterministic bytes dated by the commit.

Chapters build their flow with :func:`heading`, :func:`para`, :func:`table` and :func:`figure`; :func:`number`
then numbers what they made (headings ``2``, ``2.3``; ``Table 2.1``; ``Figure 2.4`` with the rule and commit that
made it), so a chapter never counts by hand."""

from __future__ import annotations

import math
import re
from pathlib import Path

import matplotlib
import pandas as pd
from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.fonts import addMapping
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (BaseDocTemplate, CondPageBreak, Frame, Image, KeepTogether, PageBreak, PageTemplate,
                                Paragraph, Spacer, Table, TableStyle)
from reportlab.platypus.tableofcontents import TableOfContents

from ..io import atomic_path

rl_config.invariant = 1  # no timestamps / random ids: same inputs, same bytes

FONT = "DejaVuSans"
_TTF = Path(matplotlib.get_data_path()) / "fonts/ttf"
for _suffix, (_bold, _italic) in {"": (0, 0), "-Bold": (1, 0), "-Oblique": (0, 1), "-BoldOblique": (1, 1)}.items():
    pdfmetrics.registerFont(TTFont(FONT + _suffix, str(_TTF / f"DejaVuSans{_suffix}.ttf")))
    addMapping(FONT, _bold, _italic, FONT + _suffix)      # <b> and <i> in a paragraph pick the embedded faces
rl_config.canvas_basefontname = FONT                       # a page's initial font too: no unembedded Helvetica

STYLES = getSampleStyleSheet()
for _style in STYLES.byName.values():
    if hasattr(_style, "fontName"):
        _style.fontName = {"Helvetica-Bold": FONT + "-Bold", "Helvetica-Oblique": FONT + "-Oblique",
                           "Helvetica-BoldOblique": FONT + "-BoldOblique"}.get(_style.fontName, FONT)
    _style.bulletFontName = FONT
for _level in (1, 2, 3):
    STYLES[f"Heading{_level}"].keepWithNext = 1            # never a heading alone at a page's foot
STYLES["BodyText"].fontSize, STYLES["BodyText"].leading = 9, 11.5
CELL = ParagraphStyle("cell", parent=STYLES["BodyText"], fontSize=7.5, leading=9)
CAPTION = ParagraphStyle("caption", parent=STYLES["BodyText"], fontSize=8, leading=10)
MIN_FONT = 7                                               # the smallest printed text, tables included
VERDICT_COLORS = {"holds": colors.HexColor("#d9f0d3"), "fails": colors.HexColor("#f4cccc"),
                  "partly": colors.HexColor("#fff2cc"), "inconclusive": colors.HexColor("#dbe8f6"),
                  "untestable": colors.HexColor("#e0e0e0")}
FRAME_WIDTH = A4[0] - 3 * cm
NUMBER_SLASH = re.compile(r"(?<=\d)/(?=[\d.-])")          # 0.905/0.361: a list of numbers, spaced so it wraps
TAGS = r"/?(?:b|i|br|font|super|sub)\b"                   # the markup chapters write (reportlab's mini-HTML)
MARKUP = re.compile(rf"<(?!{TAGS})|&(?!#?\w+;)")           # a '<' or '&' that is text, not markup
MAX_FIGURE_HEIGHT = 0.85 * (A4[1] - 3.3 * cm)              # a figure's height that leaves room for its caption


def heading(text: str, level: int = 1) -> Paragraph:
    """A chapter (1) or section (2) heading: numbered, bookmarked and listed in the contents by :func:`number`;
    level 3 is a plain sub-heading."""
    p = Paragraph(text, STYLES[f"Heading{level}"])
    p.level, p.title = level, text
    return p


def para(text: str) -> Paragraph:
    return Paragraph(text, STYLES["BodyText"])


def bullets(items: list[str]) -> list[Paragraph]:
    return [Paragraph(f"&bull; {t}", STYLES["BodyText"]) for t in items]


def _missing(v) -> bool:
    """A cell with nothing in it (e.g. a model a config did not run): shown as '-', never as 'nan'."""
    return v is None or (isinstance(v, float) and math.isnan(v))


def escaped(text: str) -> str:
    """``text`` with a '<' or '&' that is not report markup escaped, so that ``<key>.tiers.<tier>.long`` or
    ``S < 0.5`` prints as written instead of being read as a tag."""
    return MARKUP.sub(lambda m: "&lt;" if m.group() == "<" else "&amp;", text)


def plain(text: str) -> str:
    """``text`` without its markup tags: a heading in the PDF outline, a statement in running text."""
    return re.sub(rf"<{TAGS}[^>]*>", "", text)


def cell_text(v) -> str:
    """A cell's text: '-' for nothing, and a list of numbers written ``0.905/0.361`` spaced as ``0.905 / 0.361``,
    so that it wraps between numbers rather than inside one (reportlab breaks lines at spaces only)."""
    return "-" if _missing(v) else NUMBER_SLASH.sub(" / ", escaped(str(v)))


def table(df: pd.DataFrame, col_widths=None, verdict_col: str | None = None, font_size: float = 7.5,
          title: str = "", verbatim: tuple[str, ...] = ()) -> Table:
    """A DataFrame as a grid table, numbered (``Table 2.1``, with ``title`` or the section's heading) by
    :func:`number`; text cells wrap (:func:`cell_text`; ``verbatim`` columns, references a reader copies, as
    written); rows tinted by verdict when ``verdict_col`` is given."""
    font_size = max(font_size, MIN_FONT)
    style = ParagraphStyle("c", parent=CELL, fontSize=font_size, leading=font_size + 1.5)
    data = [[Paragraph(f"<b>{c}</b>", style) for c in df.columns]]
    data += [[Paragraph("-" if _missing(v) else escaped(str(v)) if c in verbatim else cell_text(v), style)
              for c, v in zip(df.columns, row)] for row in df.itertuples(index=False)]
    if col_widths is None:
        col_widths = [FRAME_WIDTH / len(df.columns)] * len(df.columns)
    t = Table(data, colWidths=col_widths, repeatRows=1)
    cmds = [("FONTNAME", (0, 0), (-1, -1), FONT), ("GRID", (0, 0), (-1, -1), 0.3, colors.grey),
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#dde4f0")),
            ("VALIGN", (0, 0), (-1, -1), "TOP")]
    if verdict_col is not None:
        j = list(df.columns).index(verdict_col)
        for i, v in enumerate(df[verdict_col], start=1):
            if v in VERDICT_COLORS:
                cmds.append(("BACKGROUND", (j, i), (j, i), VERDICT_COLORS[v]))
    t.setStyle(TableStyle(cmds))
    t.title = title
    return t


def figure(path, caption: str, width: float = FRAME_WIDTH) -> list:
    """An image and its caption, kept on one page; :func:`number` makes the caption ``Figure 2.4. ...`` and adds
    the rule and commit that made it. A figure this tier has no data for (``path`` None, or the empty file its
    figures job writes in its place) gives nothing."""
    if path is None or Path(path).stat().st_size == 0:
        return []
    from PIL import Image as PILImage

    with PILImage.open(path) as im:
        w, h = im.size
    height = width * h / w
    if height > MAX_FIGURE_HEIGHT:                          # a tall figure is scaled to fit a page with its caption
        width, height = width * MAX_FIGURE_HEIGHT / height, MAX_FIGURE_HEIGHT
    cap = Paragraph(f"<i>{caption}</i>", CAPTION)
    cap.caption, cap.source = caption, Path(path).name
    return [KeepTogether([Image(str(path), width=width, height=height), cap]), Spacer(1, 8)]


def number(flow: list, chapter: int, made_by: str) -> list:
    """A chapter's flow with its headings, tables and figures numbered: the level-1 heading ``<chapter> ...``,
    level 2 ``<chapter>.<k> ...``, each table preceded by ``Table <chapter>.<k>`` and each figure caption
    ``Figure <chapter>.<k>.`` followed by ``made_by`` (the rule, script and commit that drew it)."""
    out, section, tables, figures, last_heading = [], 0, 0, 0, ""
    for item in flow:
        if isinstance(item, KeepTogether):
            inner = item._content
            caps = [f for f in inner if hasattr(f, "caption")]
            if caps:
                figures += 1
                text = (f"<b>Figure {chapter}.{figures}.</b> <i>{caps[0].caption}</i> "
                        f"<font color='#555555'>{made_by} ({caps[0].source}).</font>")
                item = KeepTogether([f if not hasattr(f, "caption") else Paragraph(text, CAPTION) for f in inner])
        elif isinstance(item, Paragraph) and getattr(item, "level", 3) in (1, 2):
            if item.level == 1:
                label = str(chapter)
            else:
                section += 1
                label = f"{chapter}.{section}"
            last_heading = item.title
            if item.level == 2:
                out.append(CondPageBreak(4 * cm))            # a section starts where some of it fits
            item = heading(f"{label}&nbsp;&nbsp;{item.title}", item.level)
            item.outline = plain(f"{label} {last_heading}")
            item.key = "h" + label.replace(".", "_")
        elif isinstance(item, Table) and hasattr(item, "title"):
            tables += 1
            label = Paragraph(f"<b>Table {chapter}.{tables}.</b> {item.title or last_heading}", CAPTION)
            out += [CondPageBreak(2.5 * cm), label, item, Spacer(1, 6)]  # a long table splits across pages
            continue
        out.append(item)
    return out


class _Report(BaseDocTemplate):
    """Bookmarks every numbered heading (the PDF outline) and feeds the contents page."""

    def afterFlowable(self, flowable):
        text = getattr(flowable, "outline", None)
        if text is None:
            return
        key = flowable.key
        level = flowable.level - 1
        self.canv.bookmarkPage(key)
        self.canv.addOutlineEntry(text, key, level=level, closed=level > 0)
        self.notify("TOCEntry", (level, text, self.page, key))


def contents() -> TableOfContents:
    toc = TableOfContents()
    toc.tableStyle = TableStyle([("FONTNAME", (0, 0), (-1, -1), FONT), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                                 ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                                 ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 0)])
    toc.levelStyles = [ParagraphStyle("toc1", parent=STYLES["BodyText"], fontSize=10, leading=12, leftIndent=10,
                                      firstLineIndent=-10, fontName=FONT + "-Bold", spaceBefore=5, spaceAfter=1),
                       ParagraphStyle("toc2", parent=STYLES["BodyText"], fontSize=8.5, leading=10, leftIndent=28,
                                      firstLineIndent=-10, spaceBefore=0, spaceAfter=0)]
    return toc


def build_pdf(path, title: str, flowables: list, date: str = "2000-01-01") -> None:
    """The PDF, built twice (the contents page needs the page numbers), dated ``date`` (YYYY-MM-DD)."""
    stamp = "D:" + date.replace("-", "") + "000000+00'00'"

    def page(canvas, doc):
        canvas.saveState()
        canvas._doc.info._dateFormatter = lambda *_: stamp
        canvas.showOutline()                                # the bookmarks open with the file
        canvas.setFont(FONT, 8)
        canvas.drawString(1.5 * cm, 1 * cm, title)
        canvas.drawRightString(A4[0] - 1.5 * cm, 1 * cm, f"page {doc.page}")
        canvas.restoreState()

    with atomic_path(path) as tmp:
        doc = _Report(str(tmp), pagesize=A4, title=title, author="qrepro", creator="qrepro (reportlab)",
                      leftMargin=1.5 * cm, rightMargin=1.5 * cm, topMargin=1.5 * cm, bottomMargin=1.8 * cm)
        frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="body")
        doc.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=page)])
        doc.multiBuild(flowables)


__all__ = ["PageBreak", "Paragraph", "Spacer", "build_pdf", "bullets", "contents", "figure", "heading", "number",
           "para", "table"]


def natural(claim: str) -> tuple:
    """Sort key of a claim id: C2 before C10, H11a after H11."""
    return tuple((0, int(t)) if t.isdigit() else (1, t) for t in re.findall(r"\d+|\D+", claim))


def in_claim_order(claims: pd.DataFrame) -> pd.DataFrame:
    """A claims table's rows in the paper's order (:func:`natural` on the claim ids)."""
    return claims.iloc[sorted(range(len(claims)), key=lambda i: natural(claims.claim.iloc[i]))]


def claims_table(claims: pd.DataFrame, statement_width: float = 112):
    """The per-paper verdict table in claim order: claim, statement (with where it stands in the paper and how our
    test reads it, where not as stated), paper's value, ours, coloured verdict, and the code that decided it
    (``source``: file and line under src/qrepro, and the deciding function), so a reader goes from a verdict to its
    code in one hop."""
    rows = in_claim_order(claims)
    note = lambda r: "".join([f"<br/><font color='#555555'>{r['where']}</font>" if r.get("where") else "",  # noqa: E731
                              f"<br/><i>{r['reading']}</i>" if r.get("reading") and
                              not str(r["reading"]).startswith("as stated") else ""])
    shown = pd.DataFrame({"claim": rows.claim, "statement": [r.statement + note(r) for _, r in rows.iterrows()],
                          "paper": rows.paper, "ours": rows.ours, "verdict": rows.verdict,
                          "decided by": rows.source.str.replace(" (", "<br/>(", regex=False)})
    return table(shown, [40, statement_width, 70, FRAME_WIDTH - 304 - statement_width, 58, 136],
                 verdict_col="verdict", font_size=7, title="Claim verdicts, in the paper's order",
                 verbatim=("decided by",))


def deviations_table(rows: list[tuple]):
    """(topic, paper, ours, why) rows of report.deviations."""
    return table(pd.DataFrame(rows, columns=["topic", "paper", "ours", "why"]), [80, 120, 150, FRAME_WIDTH - 350],
                 title="Deviations from the paper")
