#!/usr/bin/env python3
"""Page files for the people index checks, from ../shared/data:

  pages.py xwlb  NEWS_DIR  YYYYMM  OUT   # 新闻联播: one page a day (xwlb-YYYYMMDD-01.txt)
  pages.py rmrb  MONTH_DIR          OUT   # 人民日报: one page a 版 (rmrb-YYYYMMDD-PP.txt)
  pages.py inews JSONL              OUT   # web news: ten documents a page, the first
                                          # 3,000 documents, on made-up days of 2019

新闻联播: each story's `### title` becomes a headline line, its paragraphs
lines indented with two ideographic spaces. 人民日报: the articles of a page
(YYYYMMDD-PP-NN.txt) in order. Nothing is copied into the project.
"""
import collections
import html
import pathlib
import re
import sys


def xwlb(src, month, out):
    out.mkdir(parents=True, exist_ok=True)
    n = 0
    for f in sorted(pathlib.Path(src).glob(f"{month}*.md")):
        t = f.read_text(encoding="utf-8")
        if "## 详细新闻" not in t:
            continue
        lines = []
        for story in re.split(r"^### ", t.split("## 详细新闻", 1)[1], flags=re.M)[1:]:
            title, _, body = story.partition("\n")
            body = re.sub(r"\[查看原文\]\([^)]*\)", "", body)
            paras = [html.unescape(re.sub(r"<[^>]+>", "", p)).strip() for p in re.split(r"</p>|<br\s*/?>|\n", body)]
            paras = [p for p in paras if p]
            if paras:
                lines += [title.strip()] + ["\u3000\u3000" + p for p in paras] + [""]
        (out / f"xwlb-{f.stem}-01.txt").write_text("\n".join(lines), encoding="utf-8")
        n += 1
    return n


def rmrb(src, out):
    out.mkdir(parents=True, exist_ok=True)
    pages = collections.defaultdict(list)
    for f in pathlib.Path(src).rglob("*.txt"):
        day, page, order = f.stem.split("-")
        pages[(day, page)].append((int(order), f))
    for (day, page), files in pages.items():
        text = "\n\n".join(f.read_text(encoding="utf-8").replace("\r\n", "\n").strip("\n") for _, f in sorted(files))
        (out / f"rmrb-{day}-{page}.txt").write_text(text + "\n", encoding="utf-8")
    return len(pages)


def inews(src, out):
    import json

    out.mkdir(parents=True, exist_ok=True)
    docs = [json.loads(line) for line in open(src, encoding="utf-8")][:3000]
    n = 0
    for i in range(0, len(docs), 10):
        lines = []
        for d in docs[i : i + 10]:
            title = (d.get("title") or "").strip().replace("\n", " ")
            paras = [p.strip() for p in (d.get("content") or "").split("\n") if p.strip()]
            if title and paras:
                lines += [title] + ["\u3000\u3000" + p for p in paras] + [""]
        k = i // 10
        (out / f"web-2019{1 + k // 28 % 12:02d}{1 + k % 28:02d}-01.txt").write_text("\n".join(lines), encoding="utf-8")
        n += 1
    return n


if __name__ == "__main__":
    if sys.argv[1] == "inews":
        print(inews(sys.argv[2], pathlib.Path(sys.argv[3])), "pages")
    elif sys.argv[1] == "xwlb":
        print(xwlb(sys.argv[2], sys.argv[3], pathlib.Path(sys.argv[4])), "pages")
    else:
        print(rmrb(sys.argv[2], pathlib.Path(sys.argv[3])), "pages")
