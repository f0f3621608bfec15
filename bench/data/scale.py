#!/usr/bin/env python3
"""Grow (or cut) a docs.jsonl to N articles with perturbed copies, for scale runs.

    scale.py N IN OUT [--seed 20190201]

- N >= the input's size: every input article is written unchanged, then
  copies until there are N. A copy picks a source article at random and gets
  a new id ``<source id>~<serial>`` (so ``id.split("~")[0]`` names its
  family), a new date spread uniformly over 2015-01-01 … 2026-12-31, its
  paragraphs in a shuffled order, and light edits: a sentence dropped or
  repeated, a few adjacent characters swapped (body, sometimes title).
- N < the input's size: a deterministic sample of N input articles.

Deterministic for a given seed and input. Only the (natural-size) input is
held in memory; the copies are streamed to OUT, so 1,000,000 articles
(≈ 3 GB) need about as much memory as the input.
"""

import argparse
import json
import random
import re
import sys
import time
from datetime import date, timedelta

FIRST_DAY = date(2015, 1, 1)
DAYS = (date(2026, 12, 31) - FIRST_DAY).days + 1
# A sentence ends at 。！？ (kept with the sentence).
RE_SENTENCE = re.compile(r"[^。！？]+[。！？]*")


def swap_chars(s, rng, n):
    """Swap n random pairs of adjacent characters of s."""
    if len(s) < 4:
        return s
    chars = list(s)
    for _ in range(n):
        i = rng.randrange(len(chars) - 1)
        chars[i], chars[i + 1] = chars[i + 1], chars[i]
    return "".join(chars)


def perturb_body(body, rng):
    """Shuffle paragraphs, drop or repeat one sentence, swap a few characters."""
    paras = body.split("\n")
    rng.shuffle(paras)
    i = rng.randrange(len(paras))
    sentences = RE_SENTENCE.findall(paras[i])
    if len(sentences) > 1:
        j = rng.randrange(len(sentences))
        if rng.random() < 0.5:
            del sentences[j]
        else:
            sentences.insert(j, sentences[j])
        paras[i] = "".join(sentences)
    k = rng.randrange(len(paras))
    paras[k] = swap_chars(paras[k], rng, rng.randint(1, 3))
    return "\n".join(p for p in paras if p)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("n", type=int)
    ap.add_argument("inp")
    ap.add_argument("out")
    ap.add_argument("--seed", type=int, default=20190201)
    args = ap.parse_args()

    t0 = time.time()
    with open(args.inp, encoding="utf-8") as f:
        lines = f.readlines()
    rng = random.Random(args.seed)
    with open(args.out, "w", encoding="utf-8") as out:
        if args.n <= len(lines):
            keep = sorted(rng.sample(range(len(lines)), args.n))
            out.writelines(lines[i] for i in keep)
            print(f"scale: sampled {args.n} of {len(lines)} -> {args.out}", file=sys.stderr)
            return
        out.writelines(lines)
        docs = [json.loads(line) for line in lines]
        del lines
        for serial in range(args.n - len(docs)):
            src = docs[rng.randrange(len(docs))]
            title = src["title"]
            if rng.random() < 0.3:
                title = swap_chars(title, rng, 1)
            copy = {
                "id": f"{src['id']}~{serial:07d}",
                "paper": src["paper"],
                "date": (FIRST_DAY + timedelta(days=rng.randrange(DAYS))).isoformat(),
                "page": src["page"],
                "kind": src["kind"],
                "title": title,
                "body": perturb_body(src["body"], rng),
                "reporters": src["reporters"],
            }
            out.write(json.dumps(copy, ensure_ascii=False) + "\n")
            if serial and serial % 200_000 == 0:
                print(f"scale: {serial} copies, {time.time() - t0:.0f} s", file=sys.stderr)
    print(f"scale: {args.n} docs ({len(docs)} originals) in {time.time() - t0:.0f} s -> {args.out}",
          file=sys.stderr)


if __name__ == "__main__":
    main()
