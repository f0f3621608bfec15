#!/usr/bin/env python3
"""Compare the engines' result JSONs: speed, size, memory, exact-string recall, relevance.

    report.py --docs DOCS --queries QUERIES [--baseline shuzibao] [--md OUT.md] RESULT.json...

For every engine (one result JSON each, format in bench/README.md):

- ingest: seconds, MB/s and articles/s of title+body text, index size and
  its ratio to the raw text, peak memory: the "Maximum resident set size" of
  ``RESULT.time.txt`` (``/usr/bin/time -v`` output written by run.sh next to
  the result, if present) and the result's own "server_peak_rss_kb" (a
  database server's processes);
- latency p50 / p95 / p99 (ms) by query kind (skipped queries left out and
  counted);
- exact-string recall for the ``phrase`` kinds (char1, char2, phrase): the
  reference is a plain scan of DOCS counting the documents whose title or body
  contains the string (exact substring, no normalisation). Per query,
  recall = min(hits, scan) / scan; "exact" = hits == scan; "over" = hits >
  scan (the engine counts documents that do not contain the string);
  "top10 ok" = share of returned ids that really contain it;
- relevance: known-item MRR@10 for both known-item kinds (target id; and,
  for scaled data, the target's family, ids sharing the part before "~"),
  with the best MRR@10 any ranking can expect on those queries (below), and
  for word / words / filtered the share of returned top-10 ids that contain
  every term as a substring and satisfy the filters;
- side by side: each engine's median latency per kind divided by the
  baseline's (default: the engine whose name starts with "shuzibao").

The best MRR@10 any ranking can expect ("ceiling"): the queries are made by a
known process (bench/data/queries.py), so the chance that a title yields a
query is known, P(query | doc): for ``known_item`` 1 / C(m, k) when the k
words are among the title's m words, for ``known_item_rare`` the chance of
drawing them one after the other with weights 1 / title frequency. Targets
are drawn uniformly, so ranking the documents (families, for scaled data) by
that chance is the best any engine can do, and documents with equal chances
cannot be told apart: the ceiling is the mean over queries of the expected
reciprocal rank of the target when those ties are broken at random. It needs
the ``jieba`` package that made the queries (else it shows "–").

The scan counts are cached in QUERIES.truth.json (keyed by the size and
modification time of DOCS and QUERIES). The scan uses every core.
"""

import argparse
import hashlib
import itertools
import json
import math
import multiprocessing as mp
import os
import re
import sys
import time

KINDS = ["char1", "char2", "word", "words", "phrase", "filtered", "known_item", "known_item_rare"]
KNOWN_KINDS = ["known_item", "known_item_rare"]
EXACT_KINDS = ["char1", "char2", "phrase"]
RE_ID = re.compile(r'^\{"id": "([^"]*)"')

# Worker state (set by init_worker in each process of the pool).
_W = {}


def init_worker(exact, wanted, count):
    _W["exact"], _W["wanted"], _W["count"] = exact, wanted, count
    _W["chars"] = [(i, s) for i, s in enumerate(exact) if len(s) == 1]
    _W["strings"] = [(i, s) for i, s in enumerate(exact) if len(s) != 1]


def scan_chunk(lines):
    """Count, for each exact string, the docs of lines containing it; keep wanted docs."""
    counts = [0] * len(_W["exact"]) if _W["count"] else None
    keep = {}
    for line in lines:
        m = RE_ID.match(line)
        want = m is None or m.group(1) in _W["wanted"]
        if not _W["count"] and not want:
            continue
        d = json.loads(line)
        if want and d["id"] in _W["wanted"]:
            keep[d["id"]] = {k: d[k] for k in ("title", "body", "date", "page")}
        if counts is None:
            continue
        text = d["title"] + "\x00" + d["body"]
        chars = set(text)
        for i, s in _W["chars"]:
            if s in chars:
                counts[i] += 1
        for i, s in _W["strings"]:
            if s in text:
                counts[i] += 1
    return counts, keep


def chunks(path, size=2000):
    with open(path, encoding="utf-8") as f:
        buf = []
        for line in f:
            if line.strip():
                buf.append(line)
                if len(buf) == size:
                    yield buf
                    buf = []
        if buf:
            yield buf


def scan(docs_path, queries, results, cache_path):
    """(scan count per exact query id, {id: doc} of every id some engine returned)."""
    exact_q = [q for q in queries if q["phrase"]]
    stamp = [os.path.getsize(docs_path), int(os.path.getmtime(docs_path)),
             hashlib.sha1(json.dumps(exact_q, sort_keys=True).encode()).hexdigest()]
    cached = None
    if os.path.exists(cache_path):
        with open(cache_path) as f:
            c = json.load(f)
        if c.get("stamp") == stamp:
            cached = c["counts"]
    wanted = {t for r in results for q in r["queries"] for t in q.get("top") or []}
    wanted |= {q["target"] for q in queries if q.get("target")}
    t0 = time.time()
    total = [0] * len(exact_q)
    docs = {}
    with mp.Pool(os.cpu_count() or 1, init_worker,
                 ([q["text"] for q in exact_q], wanted, cached is None)) as pool:
        for counts, keep in pool.imap(scan_chunk, chunks(docs_path), chunksize=1):
            docs.update(keep)
            if counts:
                total = [a + b for a, b in zip(total, counts)]
    if cached is None:
        cached = {q["id"]: n for q, n in zip(exact_q, total)}
        with open(cache_path, "w") as f:
            json.dump({"stamp": stamp, "counts": cached}, f)
        print(f"report: scanned DOCS for {len(exact_q)} strings in {time.time() - t0:.0f} s", file=sys.stderr)
    return cached, docs


def family(doc_id):
    return doc_id.split("~")[0]


def ceilings(docs_path, queries):
    """{kind: best expected MRR@10 on the known-item queries}, {} without jieba."""
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "data"))
    try:
        import queries as gen
    except ImportError:
        return {}
    if not gen.HAVE_JIEBA:
        return {}
    known = [q for q in queries if q["kind"] in KNOWN_KINDS and q.get("target")]
    if not known:
        return {}
    t0 = time.time()
    ids, words, df, where = [], [], {}, {}
    with open(docs_path, encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            ws = list(dict.fromkeys(gen.words_of(d["title"])))
            for w in ws:
                df[w] = df.get(w, 0) + 1
                where.setdefault(w, []).append(len(ids))
            ids.append(d["id"])
            words.append(ws)

    def chance(kind, ws, terms):
        if kind == "known_item":
            return 1 / math.comb(len(ws), len(terms))
        weight = {w: 1 / df[w] for w in ws}
        total = sum(weight.values())
        p = 0.0
        for order in itertools.permutations(terms):
            left, q = total, 1.0
            for w in order:
                q *= weight[w] / left
                left -= weight[w]
            p += q
        return p

    rr = {k: [] for k in KNOWN_KINDS}
    for q in known:
        docs_with = set.intersection(*(set(where.get(t, ())) for t in q["terms"]))
        fams = {}
        for i in docs_with:
            f = family(ids[i])
            fams[f] = fams.get(f, 0.0) + chance(q["kind"], words[i], q["terms"])
        mine = fams.get(family(q["target"]))
        if mine is None:  # the generator's words are the title's: cannot happen
            continue
        above = sum(1 for v in fams.values() if v > mine * (1 + 1e-9))
        tied = sum(1 for v in fams.values() if abs(v - mine) <= mine * 1e-9)
        rr[q["kind"]].append(sum(1 / (above + j) for j in range(1, tied + 1) if above + j <= 10) / tied)
    print(f"report: known-item ceilings in {time.time() - t0:.0f} s", file=sys.stderr)
    return {k: sum(v) / len(v) for k, v in rr.items() if v}


def pct(values, p):
    """The p-th percentile (nearest rank) of values, None when empty."""
    if not values:
        return None
    v = sorted(values)
    return v[min(len(v) - 1, max(0, math.ceil(p / 100 * len(v)) - 1))]


def max_rss_kb(result_path):
    """Max RSS from the /usr/bin/time -v log next to a result, or None."""
    log = result_path[:-5] + ".time.txt" if result_path.endswith(".json") else result_path + ".time.txt"
    try:
        with open(log, errors="replace") as f:
            for line in f:
                if "Maximum resident set size" in line:
                    return int(line.rsplit(":", 1)[1])
    except OSError:
        pass
    return None


def fmt(x, nd=1):
    if x is None:
        return "–"
    if isinstance(x, float) and (math.isnan(x) or math.isinf(x)):
        return "–"
    if isinstance(x, float):
        return f"{x:.{nd}f}"
    return str(x)


def table(head, rows):
    out = ["| " + " | ".join(head) + " |", "|" + "|".join("---" for _ in head) + "|"]
    out += ["| " + " | ".join(fmt(c) if not isinstance(c, str) else c for c in r) + " |" for r in rows]
    return "\n".join(out)


def satisfies(doc, q):
    """Does doc contain every term (title or body) and satisfy the filters?"""
    if doc is None:
        return False
    text = doc["title"] + "\x00" + doc["body"]
    if not all(t in text for t in q["terms"]):
        return False
    if q.get("from") and doc["date"] < q["from"]:
        return False
    if q.get("to") and doc["date"] > q["to"]:
        return False
    return q.get("page") is None or doc["page"] == q["page"]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("results", nargs="+")
    ap.add_argument("--docs", required=True)
    ap.add_argument("--queries", required=True)
    ap.add_argument("--baseline", help="engine name for the ratios (default: shuzibao*)")
    ap.add_argument("--md", help="also write the report here")
    args = ap.parse_args()

    with open(args.queries, encoding="utf-8") as f:
        queries = [json.loads(line) for line in f if line.strip()]
    qby = {q["id"]: q for q in queries}
    results, paths = [], []
    for p in args.results:
        try:
            with open(p, encoding="utf-8") as f:
                results.append(json.load(f))
            paths.append(p)
        except (OSError, ValueError) as e:
            print(f"report: skipping {p}: {e}", file=sys.stderr)
    truth, docs = scan(args.docs, queries, results, args.queries + ".truth.json")

    names = [r["engine"] for r in results]
    base = args.baseline or next((n for n in names if n.startswith("shuzibao")), None)
    per_kind = ", ".join(f"{k} {sum(q['kind'] == k for q in queries)}" for k in KINDS)
    out = [f"# Benchmark report\n\n{len(queries)} queries ({per_kind}); docs: {args.docs}\n"]

    # ---- ingest, size, memory
    rows = []
    for r, p in zip(results, paths):
        mb = r["raw_bytes"] / 1e6
        s = r["ingest_seconds"]
        rss = max_rss_kb(p)
        srv = r.get("server_peak_rss_kb")
        rows.append([r["engine"], r["docs"], fmt(mb), fmt(s), fmt(mb / s if s else None, 2),
                     fmt(r["docs"] / s if s else None, 0), fmt(r["index_bytes"] / 1e6),
                     fmt(r["index_bytes"] / r["raw_bytes"], 2),
                     fmt(rss / 1024 if rss else None, 0), fmt(srv / 1024 if srv else None, 0)])
    out.append("## Ingest, size, memory\n\n" + table(
        ["engine", "docs", "raw MB", "ingest s", "MB/s", "articles/s", "index MB", "index/raw",
         "peak RSS MB", "server RSS MB"], rows))
    ndocs = {r["docs"] for r in results}
    if len(ndocs) > 1:
        out.append(f"**Warning**: the engines indexed different numbers of documents: {sorted(ndocs)}")

    # ---- latency
    rows = []
    for r in results:
        row = [r["engine"]]
        for k in KINDS + ["all"]:
            ms = [q["ms"] for q in r["queries"] if not q.get("skipped") and (k == "all" or q["kind"] == k)]
            row.append(" / ".join(fmt(pct(ms, p), 2) for p in (50, 95, 99)))
        skipped = sum(1 for q in r["queries"] if q.get("skipped"))
        row.append(str(skipped))
        rows.append(row)
    out.append("## Latency, ms (p50 / p95 / p99), measured pass after a warm-up\n\n"
               + table(["engine"] + KINDS + ["all", "skipped"], rows))

    # ---- exact-string recall
    rows = []
    for r in results:
        for k in EXACT_KINDS:
            qs = [q for q in r["queries"] if q["kind"] == k and not q.get("skipped") and q["id"] in truth]
            if not qs:
                continue
            rec, exact, over, ok, ret = [], 0, 0, 0, 0
            for q in qs:
                t, h = truth[q["id"]], q["hits"]
                if t:
                    rec.append(min(h, t) / t)
                exact += h == t
                over += h > t
                for i in q["top"]:
                    ret += 1
                    ok += satisfies(docs.get(i), qby[q["id"]])
            rows.append([r["engine"], k, len(qs), fmt(100 * exact / len(qs)),
                         fmt(100 * sum(rec) / len(rec) if rec else None),
                         fmt(100 * sum(min(q["hits"], truth[q["id"]]) for q in qs)
                             / max(1, sum(truth[q["id"]] for q in qs))),
                         over, fmt(100 * ok / ret if ret else None)])
    out.append("## Exact-string recall against a plain scan (title + body)\n\n"
               "recall = min(hits, scan) / scan, mean over queries; micro = over all matching documents; "
               "over = queries where the engine counts more documents than contain the string; "
               "top10 ok = returned ids that contain the string\n\n"
               + table(["engine", "kind", "queries", "exact count %", "recall % (mean)", "recall % (micro)",
                        "over", "top10 ok %"], rows))

    # ---- relevance
    best = ceilings(args.docs, queries)
    rows = []
    for r in results:
        row = [r["engine"]]
        for kind in KNOWN_KINDS:
            qs = [q for q in r["queries"] if q["kind"] == kind and not q.get("skipped")]
            mrr = fam = found = 0.0
            for q in qs:
                target = qby[q["id"]]["target"]
                for rank, i in enumerate(q["top"][:10], 1):
                    if i == target:
                        mrr += 1 / rank
                        found += 1
                        break
                for rank, i in enumerate(q["top"][:10], 1):
                    if family(i) == family(target):
                        fam += 1 / rank
                        break
            row += [fmt(mrr / len(qs), 3) if qs else "–", fmt(fam / len(qs), 3) if qs else "–",
                    fmt(100 * found / len(qs)) if qs else "–"]
        for k in ("word", "words", "filtered"):
            kq = [q for q in r["queries"] if q["kind"] == k and not q.get("skipped")]
            ret = sum(len(q["top"]) for q in kq)
            ok = sum(satisfies(docs.get(i), qby[q["id"]]) for q in kq for i in q["top"])
            empty = sum(1 for q in kq if not q["hits"])
            row.append(f"{fmt(100 * ok / ret if ret else None)} ({empty} empty)")
        rows.append(row)
    rows.append(["*best any ranking can expect*"]
                + [c for k in KNOWN_KINDS for c in ("–", fmt(best.get(k), 3), "–")] + ["–"] * 3)
    out.append("## Relevance\n\nMRR@10 of the known item, for its two kinds: random words of the title, and "
               "the rarer words of the title (family: any perturbed copy of it counts); the last row is "
               "the family MRR@10 that the best possible ranking can expect on these queries (see the "
               "top of report.py); for word / words / filtered: returned top-10 ids that contain every "
               "term as a substring and pass the filters, % (queries with no hit)\n\n"
               + table(["engine", "known-item MRR@10", "family MRR@10", "target in top 10 %",
                        "rare words: MRR@10", "family MRR@10", "target in top 10 %",
                        "word ok %", "words ok %", "filtered ok %"], rows))

    # ---- side by side
    if base and base in names:
        b = results[names.index(base)]
        bmed = {k: pct([q["ms"] for q in b["queries"] if q["kind"] == k and not q.get("skipped")], 50)
                for k in KINDS}
        rows = []
        for r in results:
            row = [r["engine"]]
            for k in KINDS:
                m = pct([q["ms"] for q in r["queries"] if q["kind"] == k and not q.get("skipped")], 50)
                row.append(fmt(m / bmed[k], 2) if m is not None and bmed[k] else "–")
            rb, bb = r["ingest_seconds"], b["ingest_seconds"]
            row += [fmt(rb / bb, 2) if bb else "–", fmt(r["index_bytes"] / b["index_bytes"], 2)]
            rows.append(row)
        out.append(f"## Side by side: engine / {base} (median latency per kind, ingest time, index size)\n\n"
                   + table(["engine"] + KINDS + ["ingest", "index"], rows))
    else:
        out.append("(no shuzibao result: no side-by-side ratios)")

    notes = [f"- {r['engine']}: {r['notes']}" for r in results if r.get("notes")]
    if notes:
        out.append("## Notes\n\n" + "\n".join(notes))
    text = "\n\n".join(out) + "\n"
    print(text)
    if args.md:
        with open(args.md, "w", encoding="utf-8") as f:
            f.write(text)


if __name__ == "__main__":
    main()
