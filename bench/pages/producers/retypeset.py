"""Re-typesets the pages of the evaluation generator (../shared/eval/pdfpages/make_pages.py) with other PDF
producers, so that the page layout can be scored on PDFs that typst did not write.

It reads a folder made with `MAKE_PAGES_DEBUG=1` (each `NAME.pdf` with its `NAME.gold.json` and
`NAME.debug.json`, the list of every drawn item with its box) and writes, per producer, `OUT/PRODUCER/NAME.pdf`
with a copy of the gold beside it, so `score_pages.py OUT/PRODUCER` scores the parser on it. The positions are
the typst ones, so the gold (regions, order, text) holds unchanged.

Producers (see README.md for what each needs installed):
  chromium   HTML of absolutely positioned spans, printed by headless Chromium (Noto Serif/Sans CJK SC)
  reportlab  reportlab with the non-embedded CID font STSong-Light (UniGB-UCS2-H, no ToUnicode map)
  xelatex    XeLaTeX (fontspec, eso-pic), every glyph placed on its own
  cairo      the typst PDF rewritten by `pdftocairo -pdf`
  gs         the typst PDF rewritten by Ghostscript's pdfwrite

usage: retypeset.py SRC_DIR OUT_DIR [--producers chromium,reportlab,xelatex,cairo,gs] [--only NAME,...]
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)


ALL = ["chromium", "reportlab", "xelatex", "cairo", "gs"]
MODULES = {"chromium": "produce_html", "reportlab": "produce_reportlab", "xelatex": "produce_xelatex"}


def pages_in(src, only):
    names = sorted(f[:-len(".gold.json")] for f in os.listdir(src) if f.endswith(".gold.json"))
    if only:
        names = [n for n in names if n in only]
    return names


def load_page(src, name):
    gold = json.load(open(os.path.join(src, name + ".gold.json"), encoding="utf-8"))
    dbg = os.path.join(src, name + ".debug.json")
    items = json.load(open(dbg, encoding="utf-8")) if os.path.exists(dbg) else None
    return gold, items


def rewrite(tool, pdf_in, pdf_out):
    if tool == "cairo":
        cmd = ["pdftocairo", "-pdf", pdf_in, pdf_out]
    else:
        cmd = ["gs", "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=pdfwrite", "-o", pdf_out, pdf_in]
    subprocess.run(cmd, check=True, capture_output=True, timeout=300)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("src")
    ap.add_argument("out")
    ap.add_argument("--producers", default=",".join(ALL))
    ap.add_argument("--only", default="")
    a = ap.parse_args()
    producers = [p for p in a.producers.split(",") if p]
    for p in producers:
        if p not in ALL:
            sys.exit(f"unknown producer {p!r} (known: {', '.join(ALL)})")
    only = set(x for x in a.only.split(",") if x)
    names = pages_in(a.src, only)
    if not names:
        sys.exit(f"{a.src}: no NAME.gold.json found")
    failed = 0
    with tempfile.TemporaryDirectory(prefix="retypeset-") as tmp:
        for p in producers:
            od = os.path.join(a.out, p)
            os.makedirs(od, exist_ok=True)
            for name in names:
                gold, items = load_page(a.src, name)
                pdf_in = os.path.join(a.src, gold["pdf"])
                pdf_out = os.path.join(od, gold["pdf"])
                try:
                    if p in ("cairo", "gs"):
                        rewrite(p, pdf_in, pdf_out)
                    elif items is None:
                        raise RuntimeError(f"no {name}.debug.json (make the pages with MAKE_PAGES_DEBUG=1)")
                    else:
                        module = __import__(MODULES[p])  # each producer's packages only when it runs
                        module.write_pdf(gold["page_size"], items, pdf_out, tmp, name)
                except Exception as e:  # one bad page does not stop the run
                    failed += 1
                    print(f"{p} {name}: FAILED: {e}", file=sys.stderr)
                    continue
                shutil.copy(os.path.join(a.src, name + ".gold.json"), od)
                print(f"{p} {name}: ok", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
