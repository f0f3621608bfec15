#!/usr/bin/env python3
"""Dev harness: dumps the first page of a PDF as the JSON of `shuzibao_pdf::PageContent`
(glyphs with boxes, fonts and sizes in drawing order; rules, frames and images), origin
top-left, y down, so that `examples/layout_page.rs` can lay it out before the crate's
own reader exists. Needs pdfminer.six (pip-install it in a venv).

    python dump_page.py PAGE.pdf > PAGE.page.json
"""
import json
import re
import sys

from pdfminer.converter import PDFPageAggregator
from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
from pdfminer.pdfpage import PDFPage
from pdfminer.layout import LTChar, LTCurve, LTFigure, LTImage, LTLine, LTRect


def main(path):
    rsrc = PDFResourceManager()
    device = PDFPageAggregator(rsrc, laparams=None)  # no layout analysis: drawing order kept
    interp = PDFPageInterpreter(rsrc, device)
    with open(path, "rb") as f:
        interp.process_page(next(PDFPage.get_pages(f)))
    page = device.get_result()
    h = page.height
    out = {"index": 1, "label": None, "width": page.width, "height": h,
           "glyphs": [], "rules": [], "images": [], "warnings": []}
    seq = 0

    def box(o):
        return {"x0": o.x0, "y0": h - o.y1, "x1": o.x1, "y1": h - o.y0}

    def walk(objs):
        nonlocal seq
        for o in objs:
            if isinstance(o, LTChar):
                font = re.sub(r"^[A-Z]{6}\+", "", o.fontname)
                size = o.size
                out["glyphs"].append({"text": o.get_text(), "bbox": box(o), "size": size, "font": font,
                                      "bold": "bold" in font.lower(), "vertical": not o.upright, "seq": seq})
                seq += 1
            elif isinstance(o, LTImage):
                out["images"].append(box(o))
            elif isinstance(o, LTFigure):
                walk(o)
            elif isinstance(o, (LTRect, LTLine, LTCurve)):
                w, ht = o.x1 - o.x0, o.y1 - o.y0
                thin = min(w, ht) <= 3.0
                if thin or isinstance(o, LTLine):
                    out["rules"].append({"rect": box(o), "frame": False})
                elif getattr(o, "stroke", False) and not getattr(o, "fill", False):
                    out["rules"].append({"rect": box(o), "frame": True})
                # a filled box (a label's ground) is neither

    walk(page)
    json.dump(out, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main(sys.argv[1])
