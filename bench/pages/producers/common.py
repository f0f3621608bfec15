"""What the producers share: the four faces of make_pages.py, the em box it sets text in, the items of a
debug.json read as text runs, and a grey photo."""
import os

# make_pages.py FONTS: index -> (family, bold)
FACES = [("Noto Serif CJK SC", False), ("Noto Serif CJK SC", True),
         ("Noto Sans CJK SC", False), ("Noto Sans CJK SC", True)]
FILES = ["/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
         "/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc",
         "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
         "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc"]
ASC = 0.88  # make_pages.py: the em box is 0.88 above the baseline, 0.12 below


def grey_png(tmp):
    """A grey photo with some texture (an image XObject in every producer)."""
    path = os.path.join(tmp, "photo.png")
    if not os.path.exists(path):
        from PIL import Image
        w, h = 240, 180
        img = Image.new("L", (w, h))
        img.putdata([110 + (x * 3 + y * 5) % 60 for y in range(h) for x in range(w)])
        img.save(path)
    return path


_widths = {}


def advance(face, ch):
    """A glyph's advance in em, as the Noto CJK font has it (what typst and the browser use)."""
    key = (face, ch)
    if key not in _widths:
        from PIL import ImageFont
        f = _fonts.get(face)
        if f is None:
            f = _fonts[face] = ImageFont.truetype(FILES[face], 1000, index=_sc_index(face))
        _widths[key] = f.getlength(ch) / 1000.0
    return _widths[key]


_fonts = {}


def _sc_index(face):
    """The face index of the SC font in its collection."""
    from PIL import ImageFont
    for i in range(12):
        try:
            f = ImageFont.truetype(FILES[face], 10, index=i)
        except OSError:
            break
        if f.getname()[0].endswith("CJK SC") and "Mono" not in f.getname()[0]:
            return i
    return 0


def natural_width(it, width=None):
    """A text item's width without tracking, by `width(face, ch)` in em (Noto's advances by default)."""
    width = width or advance
    return sum(width(face, ch) for text, face in it["sp"] for ch in text) * it["s"]


def tracking(it, width=None):
    """The tracking that makes the item as wide as typst set it (`w`), whatever its font's advances (typst
    trims CJK punctuation at a line's end, other fonts are narrower or wider)."""
    n = sum(len(text) for text, _ in it["sp"])
    if n < 2:
        return 0.0
    fitted = (it["w"] - natural_width(it, width)) / (n - 1)
    # never much tighter than typst set it: a short last line `烂。` whose stop typst trimmed would
    # otherwise draw the stop over the character before it; let it hang half an em instead
    return max(fitted, it["tr"] - 0.05 * it["s"])


def glyph_positions(it):
    """(x, char, face) of every glyph of a text item: Noto's advances plus the fitted tracking."""
    x = it["x"]
    tr = tracking(it)
    out = []
    for text, face in it["sp"]:
        for ch in text:
            out.append((x, ch, face))
            x += advance(face, ch) * it["s"] + tr
    return out
