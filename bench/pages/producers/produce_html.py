"""Chromium: the page as HTML, every text item an absolutely positioned block of spans (Noto Serif/Sans CJK
SC from the system), rules and frames as boxes, photos as <img>, printed by headless Chromium at the page's
size. Chromium writes text in runs, draws rules as filled rectangles and subsets the fonts."""
import html
import os
import subprocess

from common import FACES, grey_png, tracking

# The baseline of a line box with `line-height: 0` lies this many em below its top: (ascent - descent) / 2 of
# Noto CJK's hhea metrics (1.160, 0.288), where Chromium puts it.
BASELINE = (1.160 - 0.288) / 2
PT = "pt"


def _num(v):
    return f"{v:.3f}{PT}"


def _text(it):
    tr = tracking(it)
    colour = "#fff" if it.get("c") == 255 else "#000"
    spans = []
    for text, face in it["sp"]:
        fam, bold = FACES[face]
        spans.append(f'<span style="font-family:\'{fam}\';font-weight:{700 if bold else 400}">'
                     f"{html.escape(text)}</span>")
    top = it["y"] - BASELINE * it["s"]
    return (f'<div class="t" style="left:{_num(it["x"])};top:{_num(top)};font-size:{_num(it["s"])};'
            f'letter-spacing:{_num(tr)};color:{colour}">{"".join(spans)}</div>')


def _rule(it):
    sw = it.get("sw", 0.5)
    x0, y0, x1, y1 = it["x0"], it["y0"], it["x1"], it["y1"]
    if abs(y1 - y0) < abs(x1 - x0):
        box = (min(x0, x1), y0 - sw / 2, abs(x1 - x0), sw)
    else:
        box = (x0 - sw / 2, min(y0, y1), sw, abs(y1 - y0))
    return (f'<div class="b" style="left:{_num(box[0])};top:{_num(box[1])};width:{_num(box[2])};'
            f'height:{_num(box[3])};background:#000"></div>')


def _rect(it):
    style = f'left:{_num(it["x"])};top:{_num(it["y"])};width:{_num(it["w"])};height:{_num(it["h"])};'
    if it.get("f", -1) >= 0:
        style += "background:#000;"
    if it.get("sw", 0) > 0:
        style += f'outline:{_num(it["sw"])} solid #000;outline-offset:-{_num(it["sw"] / 2)};'
    return f'<div class="b" style="{style}"></div>'


def page_html(size, items, photo):
    w, h = size
    out = ["<!DOCTYPE html><html><head><meta charset='utf-8'><style>",
           f"@page {{ size: {w:.3f}pt {h:.3f}pt; margin: 0 }}",
           f"html, body {{ margin: 0; padding: 0; width: {w:.3f}pt; height: {h:.3f}pt; overflow: hidden }}",
           ".t { position: absolute; white-space: pre; line-height: 0; font-kerning: none;"
           " text-spacing-trim: space-all; text-autospace: no-autospace; font-variant-east-asian: normal }",
           ".b { position: absolute; box-sizing: border-box }",
           "img { position: absolute }",
           "</style></head><body>"]
    for it in items:
        k = it["k"]
        if k == "t":
            out.append(_text(it))
        elif k == "l":
            out.append(_rule(it))
        elif k == "r":
            out.append(_rect(it))
        elif k == "i":
            out.append(f'<img src="file://{photo}" style="left:{_num(it["x"])};top:{_num(it["y"])};'
                       f'width:{_num(it["w"])};height:{_num(it["h"])}">')
    out.append("</body></html>")
    return "\n".join(out)


def write_pdf(size, items, pdf_out, tmp, name):
    src = os.path.join(tmp, name + ".html")
    with open(src, "w", encoding="utf-8") as f:
        f.write(page_html(size, items, grey_png(tmp)))
    cmd = ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
           "--run-all-compositor-stages-before-draw", f"--print-to-pdf={os.path.abspath(pdf_out)}",
           "file://" + os.path.abspath(src)]
    r = subprocess.run(cmd, capture_output=True, timeout=180)
    if r.returncode != 0 or not os.path.exists(pdf_out):
        raise RuntimeError(f"chromium failed: {r.stderr.decode(errors='replace')[-300:]}")
