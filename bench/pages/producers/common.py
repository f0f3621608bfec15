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
CLOSING = set("，。、；：？！）》」』”’")
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
    natural = natural_width(it, width)
    target = it["w"]
    if it.get("align") == "justify" and it["box"][1] > it["x"]:
        # a justified line ends at its column's edge (typst hangs an opening bracket half an em to the left
        # and moves `x` in by as much; a full-width bracket there must not push the line into the gutter)
        target = min(target, it["box"][1] - it["x"])
    fitted = (target - natural) / (n - 1)
    last = it["sp"][-1][0][-1:] if it["sp"] else ""
    if fitted < it["tr"] - 0.05 * it["s"] and last in CLOSING:
        # typst set the closing stop on half an em; a short last line `烂。` fitted to that width would
        # draw the stop over the character before it: let the stop's white half hang instead
        fitted = (target + 0.5 * it["s"] - natural) / (n - 1)
    return fitted


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
