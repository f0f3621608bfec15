#!/usr/bin/env python3
"""How much of the body score on 人民日报 page cases is the gold counting
page credits and promotions as text.

Usage: credits_excused.py BIN DIR [DIR ...]

`rmrb_pages.py` anchors an article's body on its file's last paragraph.
When that paragraph is a page credit (`版式设计：…`, `制图：…`), a data or
picture source, a promotion (`看人民映像　品百味人生`) or a closing credit in
brackets (`（本报记者……）`, `（新华社……电）`), ISSUE_JSON.md keeps it out of
the paragraphs and score.py counts a body miss. Per DIR this prints
score.py's min(recall, precision, title, body) and body as they are, and
with such anchors left out of the gold: the part of the gap that is the
gold's, not the parser's.
"""
import json, os, re, subprocess, sys

HERE = os.path.dirname(os.path.abspath(__file__))
EVAL = os.environ.get("SHUZIBAO_EVAL", os.path.join(HERE, "..", "..", "..", "shared", "eval"))
sys.path.insert(0, EVAL)
from score import score_issue  # noqa: E402

CREDIT = re.compile(r"^(（?(本版)?(版式设计|版式|制图|数据来源|图片来源|稿件来源|资料来源)|看人民映像|看麻辣财经|品百味人生"
                    r"|影像中国|（(新华社|本报|据)[^）]*电|（本报记者|（[^）]{0,12}整理）|.{0,8}(摄|制图)$)")
METRICS = ("article_recall", "article_precision", "title", "body")


def main(argv):
    if len(argv) < 2:
        print(__doc__)
        return 2
    binary = argv[0]
    for d in argv[1:]:
        golds = sorted(n for n in os.listdir(d) if n.endswith(".gold.json"))
        gs = [json.load(open(os.path.join(d, n), encoding="utf-8")) for n in golds]
        files = [os.path.join(d, g["file"]) for g in gs]
        out = subprocess.run([binary, "parse", "--format", "json", *files], capture_output=True, check=False)
        lines = [l for l in out.stdout.decode("utf-8").splitlines() if l.strip()]
        as_is = {k: [] for k in METRICS}
        excused = {k: [] for k in METRICS}
        for g, line in zip(gs, lines):
            got = json.loads(line)
            m, _ = score_issue(g, got)
            for k in METRICS:
                as_is[k].append(m[k])
            g2 = json.loads(json.dumps(g))
            for a in g2["articles"]:
                a["body_contains"] = [c for c in a["body_contains"] if not CREDIT.match(c)]
            m, _ = score_issue(g2, got)
            for k in METRICS:
                excused[k].append(m[k])
        low = lambda ms: min(sum(v) / len(v) for v in ms.values())
        body = lambda ms: sum(ms["body"]) / len(ms["body"])
        print(f"{os.path.basename(d)}: min {low(as_is):.3f} (body {body(as_is):.3f}); "
              f"credits excused: min {low(excused):.3f} (body {body(excused):.3f})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
