"""XeLaTeX (xdvipdfmx): the page as a picture put on the page at shipout (eso-pic), every glyph placed on its
own (`\\put` per character, as typesetting systems that position glyph by glyph write them), the Noto CJK SC
fonts loaded from their files by fontspec, rules and frames as filled rectangles (`\\rule`), photos by graphicx.
Needs texlive-xetex and texlive-latex-extra (eso-pic)."""
import os
import subprocess

from common import FACES, FILES, grey_png, glyph_positions

HEAD = r"""\documentclass{article}
\usepackage[paperwidth=%(w).3fbp,paperheight=%(h).3fbp,margin=0pt]{geometry}
\usepackage{fontspec,eso-pic,graphicx,xcolor}
\pagestyle{empty}
\setlength{\parindent}{0pt}
%(fonts)s
\begin{document}
\AddToShipoutPictureFG*{\setlength{\unitlength}{1bp}%%
"""
TAIL = r"""}
\null
\end{document}
"""


def _fonts():
    out = []
    for i, path in enumerate(FILES):
        d, f = os.path.split(path)
        out.append(r"\newfontfamily\face%s{%s}[Path=%s/,FontIndex=2]" % ("ABCD"[i], f, d))
    return "\n".join(out)


def _text(it, h):
    size = it["s"]
    y = h - it["y"]
    colour = "white" if it.get("c") == 255 else "black"
    parts = [r"{\color{%s}" % colour]
    face_now = None
    for x, ch, face in glyph_positions(it):
        if ch.isspace():
            continue
        if face != face_now:
            parts.append(r"\face%s\fontsize{%.3fbp}{%.3fbp}\selectfont" % ("ABCD"[face], size, size))
            face_now = face
        parts.append(r"\put(%.3f,%.3f){\char%d\relax}" % (x, y, ord(ch)))
    parts.append("}%")
    return "".join(parts)


def _box(x, y, w, hh, h):
    """A filled rectangle, top-left (x, y) in page points from the top."""
    return r"\put(%.3f,%.3f){\rule{%.3fbp}{%.3fbp}}%%" % (x, h - y - hh, max(w, 0), max(hh, 0))


def page_tex(size, items, photo):
    w, h = size
    out = [HEAD % {"w": w, "h": h, "fonts": _fonts()}]
    for it in items:
        k = it["k"]
        if k == "t":
            out.append(_text(it, h))
        elif k == "l":
            sw = it.get("sw", 0.5)
            x0, y0, x1, y1 = it["x0"], it["y0"], it["x1"], it["y1"]
            if abs(y1 - y0) < abs(x1 - x0):
                out.append(_box(min(x0, x1), y0 - sw / 2, abs(x1 - x0), sw, h))
            else:
                out.append(_box(x0 - sw / 2, min(y0, y1), sw, abs(y1 - y0), h))
        elif k == "r":
            x, y, bw, bh, sw = it["x"], it["y"], it["w"], it["h"], it.get("sw", 0)
            if it.get("f", -1) >= 0:
                out.append(_box(x, y, bw, bh, h))
            elif sw > 0:
                out += [_box(x, y, bw, sw, h), _box(x, y + bh - sw, bw, sw, h),
                        _box(x, y, sw, bh, h), _box(x + bw - sw, y, sw, bh, h)]
        elif k == "i":
            out.append(r"\put(%.3f,%.3f){\includegraphics[width=%.3fbp,height=%.3fbp]{%s}}%%"
                       % (it["x"], h - it["y"] - it["h"], it["w"], it["h"], photo))
    out.append(TAIL)
    return "\n".join(out)


def write_pdf(size, items, pdf_out, tmp, name):
    assert len(FACES) == 4
    src = os.path.join(tmp, name + ".tex")
    with open(src, "w", encoding="utf-8") as f:
        f.write(page_tex(size, items, grey_png(tmp)))
    r = subprocess.run(["xelatex", "-interaction=batchmode", "-halt-on-error", name + ".tex"],
                       cwd=tmp, capture_output=True, timeout=600)
    made = os.path.join(tmp, name + ".pdf")
    if r.returncode != 0 or not os.path.exists(made):
        log = open(os.path.join(tmp, name + ".log"), errors="replace").read()[-600:]
        raise RuntimeError(f"xelatex failed: {log}")
    os.replace(made, pdf_out)
