"""reportlab with Adobe's STSong-Light: a CID font that is named, not embedded, encoded UniGB-UCS2-H and has no
ToUnicode map, so a reader must know the Adobe-GB1 collection (and a font to draw it with). One face for every
style: bold is drawn as fill plus stroke (text render mode 2), as such producers fake it. A middle dot, which its CMap lacks, is set in Helvetica. Each line is one
string (per font) whose character spacing makes it as wide as typst set it."""
from reportlab.lib.colors import black, white
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from common import FACES, grey_png, tracking

FONT = "STSong-Light"
# characters UniGB-UCS2-H has no CID for (they would print as nothing): set in a standard font, as a
# typesetter using this font has to
LATIN = "Helvetica"
NOT_IN_CMAP = set("\u00b7")
_registered = False


def _font_of(ch):
    return LATIN if ch in NOT_IN_CMAP else FONT


def _width(face, ch):
    return pdfmetrics.stringWidth(ch, _font_of(ch), 1000) / 1000.0


def _pieces(text):
    """The text cut where it changes font."""
    out = []
    for ch in text:
        if out and _font_of(out[-1][0][-1]) == _font_of(ch):
            out[-1][0] += ch
        else:
            out.append([ch, _font_of(ch)])
    return out


def write_pdf(size, items, pdf_out, tmp, name):
    global _registered
    if not _registered:
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))
        _registered = True
    w, h = size
    c = canvas.Canvas(pdf_out, pagesize=(w, h), pageCompression=1)
    c.setTitle(name)
    photo = grey_png(tmp)
    for it in items:
        k = it["k"]
        if k == "t":
            c.saveState()  # the text render mode is graphics state: it would outlive the text object
            t = c.beginText()
            t.setTextOrigin(it["x"], h - it["y"])
            t.setFont(FONT, it["s"])
            t.setCharSpace(tracking(it, _width))
            t.setFillColor(white if it.get("c") == 255 else black)
            for text, face in it["sp"]:
                bold = FACES[face][1]
                t.setTextRenderMode(2 if bold else 0)
                if bold:
                    c.setLineWidth(it["s"] * 0.03)
                    c.setStrokeColor(white if it.get("c") == 255 else black)
                for piece, font in _pieces(text):
                    t.setFont(font, it["s"])
                    t.setCharSpace(tracking(it, _width))
                    t.textOut(piece)
            c.drawText(t)
            c.restoreState()
        elif k == "l":
            c.setLineWidth(it.get("sw", 0.5))
            c.setStrokeColor(black)
            c.line(it["x0"], h - it["y0"], it["x1"], h - it["y1"])
        elif k == "r":
            fill = it.get("f", -1) >= 0
            stroke = it.get("sw", 0) > 0
            c.setFillColor(black)
            c.setStrokeColor(black)
            c.setLineWidth(it.get("sw", 0) or 0.5)
            c.rect(it["x"], h - it["y"] - it["h"], it["w"], it["h"], stroke=int(stroke), fill=int(fill))
        elif k == "i":
            c.drawImage(photo, it["x"], h - it["y"] - it["h"], it["w"], it["h"])
    c.showPage()
    c.save()
