#!/usr/bin/env python3
"""Turn the shared evaluation archives into one ``docs.jsonl`` for the benchmarks.

Reads, straight from their ``.tar.xz`` archives (nothing is unpacked to disk):

- ``rmrb-2019.tar.xz``  人民日报 2019-02 and 2019-10, one article per file
  ``YYYY年M月/YYYYMMDD/YYYYMMDD-PP-NN.txt`` (CRLF, line 1 blank, headline
  lines, then paragraphs indented by two ideographic spaces);
- ``xinwenlianbo.tar.xz`` 《新闻联播》, one Markdown file a day, each story a
  ``### title`` followed by HTML paragraphs and a ``[查看原文](…)`` link;
- ``inews.tar.xz`` CCF-BDCI 2019 INEWS, JSON Lines ``{"title","content","label"}``
  (no dates: each gets a deterministic pseudo date in 2019).

Writes one JSON object per article (see bench/README.md, "docs.jsonl"):
``{"id","paper","date","page","kind","title","body","reporters"}``.

The data is for evaluation only: write the output under /tmp or bench/work/
(gitignored), never into the project.

Usage: import.py [--data DIR] [--out docs.jsonl]
"""

import argparse
import hashlib
import html
import json
import re
import sys
import tarfile
from datetime import date, timedelta

IDEO_SPACE = "\u3000"

# （记者杜一菲） / （记者欧阳明、曲海涵） / （本报记者 张三）: a bracketed byline.
RE_BRACKET_BYLINE = re.compile(r"[（(](?:本报)?记者([^）)]{2,40})[）)]")
# 本报记者 张三、李四 at the start of a line.
RE_LINE_BYLINE = re.compile(r"^\s*本报记者\s*([\u4e00-\u9fff、 \u3000]{2,40})")
RE_HAN = re.compile(r"[\u4e00-\u9fff]")
RE_NAME = re.compile(r"^[\u4e00-\u9fff]{2,4}$")


def names_from(fragment):
    """Split a byline fragment like '欧阳洁、曲哲涵' into plausible names."""
    out = []
    # Stop at the first thing that is not part of the list of names.
    fragment = re.split(r"[，,；;：:。]|通讯员|实习生|摄", fragment)[0]
    for part in re.split(r"[、\s\u3000]+", fragment):
        part = part.strip()
        if RE_NAME.match(part):
            out.append(part)
    return out


def reporters_of(paragraphs):
    """Best-effort reporter names from the first paragraphs (datelines, bylines)."""
    found = []
    for p in paragraphs[:3] + paragraphs[-1:]:
        for m in RE_BRACKET_BYLINE.finditer(p):
            found.extend(names_from(m.group(1)))
        m = RE_LINE_BYLINE.match(p)
        if m:
            found.extend(names_from(m.group(1)))
    seen, out = set(), []
    for n in found:
        if n not in seen:
            seen.add(n)
            out.append(n)
    return out


def clean(s):
    """Strip spaces (ASCII and ideographic) at both ends."""
    return s.strip(" \t\r\n" + IDEO_SPACE + "\ufeff")


# ---------------------------------------------------------------- 人民日报

RE_RMRB_NAME = re.compile(r"(\d{8})/(\d{8})-(\d{2})-(\d{2})\.txt$")


def parse_rmrb(name, text):
    """One 人民日报 article file -> doc, or None when it holds no text."""
    m = RE_RMRB_NAME.search(name)
    if not m:
        return None
    ymd, _, page, order = m.group(2), m.group(2), int(m.group(3)), m.group(4)
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    heads, paras = [], []
    for raw in lines:
        if not clean(raw):
            continue
        indented = raw.startswith(IDEO_SPACE) or raw.startswith("  ")
        if not paras and not indented:
            heads.append(clean(raw))
        else:
            paras.append(clean(raw))
    # Headline lines are short; a long unindented line or a salutation
    # ("同志们，朋友们：") before the first indented paragraph is body text.
    title_lines = []
    for i, h in enumerate(heads):
        if len(h) > 60 or h.endswith("：") or len(title_lines) == 3:
            paras = heads[i:] + paras
            break
        title_lines.append(h)
    if not paras and title_lines:
        paras, title_lines = title_lines[1:], title_lines[:1]
    if not paras:
        return None
    return {
        "id": f"rmrb-{ymd}-{page:02d}-{order}",
        "paper": "人民日报",
        "date": f"{ymd[:4]}-{ymd[4:6]}-{ymd[6:]}",
        "page": page,
        "kind": "news",
        "title": " ".join(title_lines),
        "body": "\n".join(paras),
        "reporters": reporters_of(paras),
    }


# ---------------------------------------------------------------- 新闻联播

RE_XWLB_NAME = re.compile(r"(\d{8})\.md$")
RE_TAG = re.compile(r"<[^>]+>")
RE_LINK = re.compile(r"\[查看原文\]\([^)]*\)")


def parse_xwlb(name, text):
    """One day of 《新闻联播》 -> list of docs (the stories under 详细新闻)."""
    m = RE_XWLB_NAME.search(name)
    if not m:
        return []
    ymd = m.group(1)
    if "## 详细新闻" in text:
        text = text.split("## 详细新闻", 1)[1]
    docs = []
    for n, chunk in enumerate(re.split(r"^### ", text, flags=re.M)[1:], 1):
        title, _, rest = chunk.partition("\n")
        rest = RE_LINK.sub("", rest)
        rest = re.sub(r"</p>|<br\s*/?>", "\n", rest)
        rest = html.unescape(RE_TAG.sub("", rest))
        paras = [clean(p) for p in rest.split("\n") if clean(p)]
        title = clean(html.unescape(RE_TAG.sub("", title)))
        if not paras or not title:
            continue
        docs.append({
            "id": f"xwlb-{ymd}-{n:02d}",
            "paper": "新闻联播",
            "date": f"{ymd[:4]}-{ymd[4:6]}-{ymd[6:]}",
            "page": None,
            "kind": "news",
            "title": title,
            "body": "\n".join(paras),
            "reporters": reporters_of(paras),
        })
    return docs


# ---------------------------------------------------------------- INEWS

def pseudo_date(key):
    """A deterministic date in 2019 derived from a string key."""
    h = int.from_bytes(hashlib.sha1(key.encode()).digest()[:4], "big")
    return (date(2019, 1, 1) + timedelta(days=h % 365)).isoformat()


def parse_inews(split, lineno, line):
    """One INEWS JSON line -> doc, or None when title or content is empty."""
    try:
        rec = json.loads(line)
    except json.JSONDecodeError:
        return None
    title = clean(rec.get("title") or "")
    content = rec.get("content") or ""
    # Paragraphs in INEWS content are separated by runs of spaces.
    paras = [clean(p) for p in re.split(r"\s{2,}|\n", content) if clean(p)]
    if not paras or not title:
        return None
    key = f"inews-{split}-{lineno:05d}"
    return {
        "id": key,
        "paper": "INEWS",
        "date": pseudo_date(key),
        "page": None,
        "kind": "news",
        "title": title,
        "body": "\n".join(paras),
        "reporters": reporters_of(paras),
    }


def members(path):
    """(name, text) of every regular file in a .tar.xz, in archive order."""
    with tarfile.open(path, "r:xz") as tar:
        for info in tar:
            if not info.isfile():
                continue
            raw = tar.extractfile(info).read()
            yield info.name, raw.decode("utf-8", errors="replace")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", default="/work/shared/data", help="folder of the archives")
    ap.add_argument("--out", default="docs.jsonl")
    args = ap.parse_args()

    docs = []
    for name, text in members(f"{args.data}/rmrb-2019.tar.xz"):
        if name.endswith(".txt"):
            d = parse_rmrb(name, text)
            if d:
                docs.append(d)
    n_rmrb = len(docs)
    for name, text in members(f"{args.data}/xinwenlianbo.tar.xz"):
        if name.startswith("news/") or "/news/" in name:
            docs.extend(parse_xwlb(name, text))
    n_xwlb = len(docs) - n_rmrb
    for name, text in members(f"{args.data}/inews.tar.xz"):
        if name.endswith(".jsonl"):
            split = name.rsplit("/", 1)[-1][:-6]
            for i, line in enumerate(text.splitlines()):
                d = parse_inews(split, i, line)
                if d:
                    docs.append(d)
    n_inews = len(docs) - n_rmrb - n_xwlb

    # Archive order depends on how the tarballs were made: sort for stable ids.
    docs.sort(key=lambda d: d["id"])
    seen = set()
    with open(args.out, "w", encoding="utf-8") as out:
        for d in docs:
            assert d["id"] not in seen, d["id"]
            seen.add(d["id"])
            out.write(json.dumps(d, ensure_ascii=False) + "\n")
    raw = sum(len(d["title"].encode()) + len(d["body"].encode()) for d in docs)
    print(f"import: {len(docs)} docs (人民日报 {n_rmrb}, 新闻联播 {n_xwlb}, INEWS {n_inews}), "
          f"{raw / 1e6:.1f} MB of title+body -> {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
