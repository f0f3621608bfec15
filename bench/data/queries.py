#!/usr/bin/env python3
"""Generate the benchmark queries (JSON Lines) by sampling a docs.jsonl.

    queries.py DOCS OUT [--per-kind 150] [--seed 7]

Eight kinds, the same number of each (default 150, so 1,200 queries):

- ``char1``   one Han character at a random position of a body;
- ``char2``   two adjacent Han characters of a body;
- ``word``    a 2–4 character word of a title (jieba's segmentation when the
              ``jieba`` package is importable, else Han runs cut in pieces);
- ``words``   two such words of the same title, to be matched together (AND);
- ``phrase``  an exact substring of 3–8 characters (Han, digits, Latin) of a
              body: a third at random offsets, a third starting and ending on
              word boundaries but spanning several words, a third person /
              place / organisation names (jieba.posseg nr/ns/nt, or reporters);
- ``filtered`` a word of a title plus a date range around its article's date
              (1 to 12 months), and for papers with pages half of the time a page;
- ``known_item`` 2–3 words of one article's title, drawn at random; ``target``
              is its id. Many titles share their words (a minister meets a
              president), so no engine can tell which of them was meant:
              report.py gives the best MRR any ranking can reach on these;
- ``known_item_rare`` 2–3 words of one article's title, drawn the way a
              searcher who remembers the article picks them: the rarer a word
              among all titles, the likelier (the "discriminative" selection
              of Azzopardi, de Rijke and Balog, "Building simulated queries
              for known-item topics", SIGIR 2007: p(word) ∝ 1 / titles with
              the word); ``target`` is its id.

Each line: {"id","kind","text","terms","phrase","from","to","page","target"}
(see bench/README.md). ``phrase`` is true for char1, char2 and phrase: the
engine must match ``text`` as an exact substring of title or body and report
the count of ALL matching documents. Otherwise every string of ``terms`` must
occur in the document (in title or body), ranked by relevance.

Deterministic for a given input and seed. Streams DOCS once (reservoir sample).
"""

import argparse
import json
import random
import re
import sys
from datetime import date, timedelta

RE_HAN_RUN = re.compile(r"[\u4e00-\u9fff]+")
RE_HAN = re.compile(r"[\u4e00-\u9fff]")
RE_PHRASE_OK = re.compile(r"^[\u4e00-\u9fff0-9A-Za-z]+$")

try:
    import jieba
    import jieba.posseg

    jieba.setLogLevel(60)
    HAVE_JIEBA = True
except ImportError:  # the heuristic below is good enough for a benchmark
    HAVE_JIEBA = False

KINDS = ["char1", "char2", "word", "words", "phrase", "filtered", "known_item", "known_item_rare"]
STOP = set("的 了 和 是 在 与 及 等 对 为 将 把 被 也 都 而 或 从 向 以 之 其 这 那 有 中 上 下 年 月 日".split())


def words_of(text):
    """2–4 character all-Han words of text, in order."""
    if HAVE_JIEBA:
        ws = jieba.lcut(text)
    else:  # cut Han runs in pieces of 2 (a crude bigram "segmentation")
        ws = [r[i:i + 2] for r in RE_HAN_RUN.findall(text) for i in range(0, len(r) - 1, 2)]
    return [w for w in ws if 2 <= len(w) <= 4 and RE_HAN_RUN.fullmatch(w) and w not in STOP]


def names_of(text, doc):
    """Person / place / organisation names (≥ 3 chars) in text, else reporters."""
    out = []
    if HAVE_JIEBA:
        out = [p.word for p in jieba.posseg.lcut(text)
               if p.flag in ("nr", "ns", "nt") and 3 <= len(p.word) <= 8 and RE_PHRASE_OK.match(p.word)]
    return out or [r for r in doc.get("reporters", []) if 3 <= len(r) <= 8]


def title_df(path):
    """For each title word, the number of documents whose title has it."""
    df = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            for w in set(words_of(json.loads(line)["title"])):
                df[w] = df.get(w, 0) + 1
    return df


def reservoir(path, k, rng):
    """A uniform sample of k documents of a JSON Lines file, read once."""
    sample = []
    with open(path, encoding="utf-8") as f:
        for i, line in enumerate(f):
            if i < k:
                sample.append(line)
            else:
                j = rng.randrange(i + 1)
                if j < k:
                    sample[j] = line
    return [json.loads(line) for line in sample]


class Gen:
    """Builds queries of each kind from the sampled documents."""

    def __init__(self, docs, rng):
        self.docs, self.rng = docs, rng

    def doc(self):
        return self.rng.choice(self.docs)

    def para(self, d):
        paras = [p for p in d["body"].split("\n") if len(p) >= 10]
        return self.rng.choice(paras) if paras else d["body"]

    def char1(self):
        p = self.para(self.doc())
        hans = RE_HAN.findall(p)
        return (self.rng.choice(hans), None) if hans else None

    def char2(self):
        p = self.para(self.doc())
        runs = [r for r in RE_HAN_RUN.findall(p) if len(r) >= 2]
        if not runs:
            return None
        r = self.rng.choice(runs)
        i = self.rng.randrange(len(r) - 1)
        return r[i:i + 2], None

    def phrase(self, style):
        d = self.doc()
        p = self.para(d)
        n = self.rng.randint(3, 8)
        if style == 0:  # random offset
            for _ in range(20):
                i = self.rng.randrange(max(1, len(p) - n))
                s = p[i:i + n]
                if len(s) == n and RE_PHRASE_OK.match(s) and RE_HAN.search(s):
                    return s, None
            return None
        if style == 1:  # whole words, several of them
            ws = jieba.lcut(p) if HAVE_JIEBA else list(p)
            for _ in range(20):
                i = self.rng.randrange(len(ws))
                s, j = "", i
                while j < len(ws) and len(s + ws[j]) <= 8:
                    s += ws[j]
                    j += 1
                if j - i >= 2 and len(s) >= 3 and RE_PHRASE_OK.match(s) and RE_HAN.search(s):
                    return s, None
            return None
        names = names_of(p, d)
        return (self.rng.choice(names), None) if names else None

    def title_words(self, k):
        d = self.doc()
        ws = list(dict.fromkeys(words_of(d["title"])))
        if len(ws) < k:
            return None
        picked = sorted(self.rng.sample(range(len(ws)), k))
        return [ws[i] for i in picked], d

    def rare_title_words(self, k, df):
        """k words of a title, each drawn with a weight of 1 / its title frequency."""
        d = self.doc()
        ws = list(dict.fromkeys(words_of(d["title"])))
        if len(ws) < k:
            return None
        picked = []
        for _ in range(k):
            weights = [0.0 if i in picked else 1 / df.get(w, 1) for i, w in enumerate(ws)]
            x = self.rng.random() * sum(weights)
            i = next((j for j, wt in enumerate(weights) if wt and (x := x - wt) < 0),
                     max(j for j, wt in enumerate(weights) if wt))
            picked.append(i)
        return [ws[i] for i in sorted(picked)], d

    def filtered(self):
        got = self.title_words(1)
        if not got:
            return None
        (w,), d = got
        day = date.fromisoformat(d["date"])
        before = timedelta(days=self.rng.randint(0, 180))
        after = timedelta(days=self.rng.randint(30, 365)) - before
        lo, hi = day - before, day + max(after, timedelta(days=0))
        page = d["page"] if d["page"] is not None and self.rng.random() < 0.5 else None
        if page is not None and self.rng.random() < 0.3:
            lo = hi = None  # page alone
        return w, (lo.isoformat() if lo else None, hi.isoformat() if hi else None, page)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("docs")
    ap.add_argument("out")
    ap.add_argument("--per-kind", type=int, default=150)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()

    rng = random.Random(args.seed)
    docs = reservoir(args.docs, 4000, rng)
    docs.sort(key=lambda d: d["id"])  # independent of the reservoir's slot order
    g = Gen(docs, rng)
    out = []

    def add(kind, text, terms, phrase, lo=None, hi=None, page=None, target=None):
        out.append({"id": f"{kind}-{sum(q['kind'] == kind for q in out) + 1:03d}", "kind": kind,
                    "text": text, "terms": terms, "phrase": phrase, "from": lo, "to": hi,
                    "page": page, "target": target})

    def fill(kind, make):
        seen, tries = set(), 0
        while len(seen) < args.per_kind and tries < args.per_kind * 200:
            tries += 1
            got = make(len(seen))
            if not got:
                continue
            key = json.dumps(got, ensure_ascii=False, default=str)
            if key in seen:
                continue
            seen.add(key)
            yield got

    for s, _ in fill("char1", lambda n: g.char1()):
        add("char1", s, [s], True)
    for s, _ in fill("char2", lambda n: g.char2()):
        add("char2", s, [s], True)
    for (w,), _ in fill("word", lambda n: g.title_words(1)):
        add("word", w, [w], False)
    for ws, _ in fill("words", lambda n: g.title_words(2)):
        add("words", " ".join(ws), ws, False)
    for s, _ in fill("phrase", lambda n: g.phrase(n % 3)):
        add("phrase", s, [s], True)
    for w, (lo, hi, page) in fill("filtered", lambda n: g.filtered()):
        add("filtered", w, [w], False, lo, hi, page)

    def known(n):
        got = g.title_words(2 + n % 2)
        return (got[0], got[1]["id"]) if got else None

    for ws, target in fill("known_item", known):
        add("known_item", " ".join(ws), ws, False, target=target)

    # Drawn last, so that the kinds above stay what they were before this kind.
    df = title_df(args.docs)

    def rare(n):
        got = g.rare_title_words(2 + n % 2, df)
        return (got[0], got[1]["id"]) if got else None

    for ws, target in fill("known_item_rare", rare):
        add("known_item_rare", " ".join(ws), ws, False, target=target)

    # Interleave the kinds (char1-001, char2-001, …, char1-002, …), so that a
    # runner that stops at a time budget has cut every kind alike.
    out.sort(key=lambda q: (int(q["id"].rsplit("-", 1)[1]), KINDS.index(q["kind"])))
    with open(args.out, "w", encoding="utf-8") as f:
        for q in out:
            f.write(json.dumps(q, ensure_ascii=False) + "\n")
    kinds = {}
    for q in out:
        kinds[q["kind"]] = kinds.get(q["kind"], 0) + 1
    print(f"queries: {len(out)} ({kinds}), segmentation: {'jieba' if HAVE_JIEBA else 'heuristic'}"
          f" -> {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
