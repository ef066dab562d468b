"""A briefing deck (.pptx): a cover slide, then one slide per chart with its source line.

python-pptx rather than hand-written OOXML: slides, pictures and fonts are its job.
"""
from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import datetime

from pptx import Presentation
from pptx.oxml.ns import qn
from pptx.util import Emu, Inches, Pt

WIDE = (Inches(13.333), Inches(7.5))  # 16:9
FONT = "Noto Sans CJK SC"  # set as both Latin and East Asian typeface so Chinese never falls back oddly


@dataclass(frozen=True)
class Slide:
    title: str
    png: bytes
    source: str


def deck_bytes(cover_title: str, cover_lines: list[str], slides: list[Slide], stamp: datetime) -> bytes:
    """The deck as bytes; stamp fixes the document dates so the same input gives the same deck."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = WIDE
    blank = prs.slide_layouts[6]
    cover = prs.slides.add_slide(blank)
    _text(cover, cover_title, Inches(0.8), Inches(2.3), Inches(11.7), Inches(1.4), 36, bold=True)
    _text(cover, "\n".join(cover_lines), Inches(0.8), Inches(3.9), Inches(11.7), Inches(1.8), 20)
    for s in slides:
        slide = prs.slides.add_slide(blank)
        _text(slide, s.title, Inches(0.5), Inches(0.3), Inches(12.3), Inches(0.8), 24, bold=True)
        _picture(slide, s.png, top=Inches(1.15), max_w=Inches(12.3), max_h=Inches(5.6))
        _text(slide, s.source, Inches(0.5), Inches(6.85), Inches(12.3), Inches(0.45), 11)
    prs.core_properties.created = prs.core_properties.modified = stamp
    prs.core_properties.last_modified_by = prs.core_properties.author = "kpi export"
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()


def _text(slide, text: str, left, top, width, height, size: int, bold: bool = False) -> None:
    frame = slide.shapes.add_textbox(left, top, width, height).text_frame
    frame.word_wrap = True
    for i, line in enumerate(text.split("\n")):
        para = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        run = para.add_run()
        run.text = line
        run.font.size, run.font.bold, run.font.name = Pt(size), bold, FONT
        _east_asian(run, FONT)


def _east_asian(run, typeface: str) -> None:
    rpr = run._r.get_or_add_rPr()
    ea = rpr.find(qn("a:ea"))
    if ea is None:
        ea = rpr.makeelement(qn("a:ea"), {})
        rpr.append(ea)
    ea.set("typeface", typeface)


def _picture(slide, png: bytes, top, max_w, max_h) -> None:
    """The PNG scaled to fit the box, centred horizontally."""
    from PIL import Image

    w, h = Image.open(io.BytesIO(png)).size
    scale = min(max_w / w, max_h / h)
    width, height = Emu(int(w * scale)), Emu(int(h * scale))
    left = Emu(int((slide.part.package.presentation_part.presentation.slide_width - width) / 2))
    slide.shapes.add_picture(io.BytesIO(png), left, top, width, height)
