#!/usr/bin/env python3
"""Variants of the 徐汇报 corpus as other exports of the same pages would print them.

The held-out 徐汇报 front pages come from the same paper through other
tools, so they differ from the corpus in how the text was taken off the
page, not in what it says. Each variant changes only that, so the gold
files stay true as they are (score.py compares text without whitespace and
after NFKC, so full- and half-width punctuation are one):

  plain     Markdown heading marks (`#`, `##`) taken away
  tight     one line break between blocks instead of blank lines
  crlf      Windows line ends
  spaced    headings and short lines with no punctuation (headlines,
            signatures) printed with a space between characters
  widths    ASCII punctuation as full-width and full-width as ASCII, swapped
  cuts      paragraphs cut at a column end (a blank line inside a sentence),
            a third of those longer than 40 characters, at a random place
  wrapped   paragraphs broken into the lines of the page's column (18 to 26
            characters, one line break each), as a tool that keeps printed
            lines gives them
  nomast    the masthead block left out (everything down to the permit line):
            a front page taken without its masthead; its gold masthead is
            then none (score.py asks that no issue number be read)
  teasers   a block of three made-up teasers (导读) under the masthead, in
            one of five forms by seed: `10-11 标题`, the pages alone over
            the title, a title running on to a second line, `第9版 标题`,
            `▶标题（10-11版）`; the gold lists them
  all       teasers, cuts, wrapped, spaced, plain and widths at once (in
            that order: a heading is neither cut nor broken), with crlf
  bare      all, and nomast: the teasers open the page
  (`tight` is left out of these two: with `wrapped` it leaves no mark
  between paragraphs but a short last line, which no export does)

  variants.py CORPUS OUT [--seed N]   (writes OUT/VARIANT/*.txt and *.gold.json)

Then: python3 ../shared/eval/score.py --cmd "BIN parse --format json {file}" OUT/VARIANT
"""
import glob, json, os, random, re, sys

HEADING = re.compile(r"^#{1,6}\s+")
SENTENCE_END = "。！？”」）)"


def blocks(text):
    return text.replace("\r\n", "\n").split("\n")


def plain(lines, _rng):
    return [HEADING.sub("", l) for l in lines]


def tight(lines, _rng):
    out = []
    for l in lines:
        if l.strip() == "" and out and out[-1].strip() == "":
            continue
        out.append(l)
    # one break between blocks: drop the blank lines that stand between two
    # lines of text
    return [l for i, l in enumerate(out) if l.strip() or i == 0 or i + 1 == len(out)]


def set_wide(lines, i):
    """A line a layout sets with wide tracking: a Markdown heading, or a short
    line standing alone with no punctuation at all (a headline, a signature,
    a label; not a printed line of a paragraph)."""
    line = lines[i]
    body = HEADING.sub("", line).strip()
    if HEADING.match(line):
        return True
    alone = all(not lines[k].strip() for k in (i - 1, i + 1) if 0 <= k < len(lines))
    # (not a teaser's pages: they stand in a type of their own)
    return (
        alone
        and 4 <= len(body) <= 20
        and not re.match(r"第?[0-9]", body)
        and all("\u4e00" <= c <= "\u9fff" or c.isdigit() or c == " " for c in body)
    )


def spaced(lines, _rng):
    out = []
    for i, l in enumerate(lines):
        body = HEADING.sub("", l)
        mark = l[: len(l) - len(body)]
        if set_wide(lines, i) and re.search(r"[\u4e00-\u9fff]{4}", body) and "http" not in body:
            out.append(mark + " ".join(body.replace(" ", "")))
        else:
            out.append(l)
    return out


SWAP = {",": "，", ";": "；", ":": "：", "(": "（", ")": "）", "?": "？", "!": "！"}
SWAP.update({v: k for k, v in SWAP.items()})


def widths(lines, _rng):
    out = []
    for l in lines:
        if "http" in l:  # addresses keep their ASCII
            out.append(l)
            continue
        out.append("".join(SWAP.get(c, c) for c in l))
    return out


def cuts(lines, rng):
    out = []
    for l in lines:
        s = l.strip()
        if len(s) > 40 and s[-1] in SENTENCE_END and not HEADING.match(l) and rng.random() < 0.33:
            k = rng.randrange(8, len(s) - 8)
            out += [s[:k], "", s[k:]]
        else:
            out.append(l)
    return out


def wrapped(lines, rng):
    width = rng.randrange(18, 27)  # the page's column
    # paragraphs: indented where the page indents them; else running text
    # (it has a pause or a full stop), not a heading or the masthead's line
    # of fields. Headlines are set across columns, not broken at their width.
    indents = any(l[:1] in ("\u3000", " ", "\t") and l.strip() for l in lines)
    out = []
    for l in lines:
        s = l.strip()
        if indents:
            paragraph = l[:1] in ("\u3000", " ", "\t") and len(s) > width
        else:
            paragraph = len(s) > 30 and not HEADING.match(l) and re.search("[，。,]", s)
        if paragraph:
            indent = l[: len(l) - len(l.lstrip())]  # the first line keeps its indent
            out += [(indent if k == 0 else "") + s[k : k + width] for k in range(0, len(s), width)]
        else:
            out.append(l)
    return out


# made-up teaser titles (pages, title, where a long one runs on)
TEASERS = [
    ([10, 11], "滨江岸线焕新颜 市民漫步有去处"),
    ([9], "老小区加装电梯按下快进键"),
    ([5], "社区食堂开到居民家门口"),
]


def teaser_lines(form):
    out = []
    for pages, title in TEASERS:
        p = "-".join(f"{n:02d}" for n in pages)
        one = "-".join(str(n) for n in pages)
        if form == "inline":
            out += [f"{p} {title}"]
        elif form == "split":  # the pages set large, taken off as their own line
            out += [p, "", title]
        elif form == "runon":  # a long title runs on to a second line
            head, _, tail = title.partition(" ")
            out += [f"{p} {head}"] + (["", tail] if tail else [])
        elif form == "ban":
            out += [f"第{one}版 {title}"]
        elif form == "arrow":
            out += [f"▶{title}（{one}版）"]
        out.append("")
    return out


def teasers(lines, rng):
    """A block of teasers (导读) under the masthead, in one of the forms front
    pages print them; the gold then lists them."""
    form = rng.choice(["inline", "split", "runon", "ban", "arrow"])
    permit = next((i for i, l in enumerate(lines) if "准印证号" in l), -1)
    return lines[: permit + 1] + [""] + teaser_lines(form) + lines[permit + 1 :]


def nomast(lines, _rng):
    permit = next((i for i, l in enumerate(lines) if "准印证号" in l), None)
    return lines if permit is None else lines[permit + 1 :]


def crlf(lines, _rng):
    return lines  # applied when written


VARIANTS = {
    "plain": [plain],
    "tight": [tight],
    "crlf": [crlf],
    "spaced": [spaced],
    "widths": [widths],
    "cuts": [cuts],
    "wrapped": [wrapped],
    "nomast": [nomast],
    "teasers": [teasers],
    "all": [teasers, cuts, wrapped, spaced, plain, widths, crlf],
    "bare": [teasers, nomast, cuts, wrapped, spaced, plain, widths, crlf],
}


def main(argv):
    seed = 1
    if "--seed" in argv:
        i = argv.index("--seed")
        seed = int(argv[i + 1])
        argv = argv[:i] + argv[i + 2 :]
    if len(argv) != 2:
        sys.exit(__doc__)
    corpus, out = argv
    for name, steps in VARIANTS.items():
        rng = random.Random(seed)
        d = os.path.join(out, name)
        os.makedirs(d, exist_ok=True)
        for gold in sorted(glob.glob(os.path.join(corpus, "*.gold.json"))):
            stem = os.path.basename(gold)[: -len(".gold.json")]
            text = open(os.path.join(corpus, stem + ".txt"), encoding="utf-8").read()
            lines = blocks(text)
            for step in steps:
                lines = step(lines, rng)
            end = "\r\n" if crlf in steps else "\n"
            with open(os.path.join(d, stem + ".txt"), "w", encoding="utf-8", newline="") as f:
                f.write(end.join(lines))
            g = json.load(open(gold, encoding="utf-8"))
            if nomast in steps:
                g["masthead"] = None
            if teasers in steps:
                g["teasers"] = [{"pages": p, "title": t} for p, t in TEASERS]
            with open(os.path.join(d, stem + ".gold.json"), "w", encoding="utf-8") as f:
                json.dump(g, f, ensure_ascii=False, indent=1)
    print(f"{len(VARIANTS)} variants of {corpus} written to {out}")


if __name__ == "__main__":
    main(sys.argv[1:])
