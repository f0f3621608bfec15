"""Shared helpers of the Python peer runners: reading docs and queries, the
two query passes, and writing the result JSON (format in bench/README.md)."""

import json
import os
import sys
import time


def read_docs(path):
    """Yield the documents of a docs.jsonl one by one (streaming)."""
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                yield json.loads(line)


def read_queries(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def raw_bytes(doc):
    """UTF-8 bytes of title + body: the 'raw_bytes' of the result JSON."""
    return len(doc["title"].encode()) + len(doc["body"].encode())


def tree_size(path):
    """Bytes of the regular files under path (or of path itself)."""
    if os.path.isfile(path):
        return os.path.getsize(path)
    total = 0
    for root, _, files in os.walk(path):
        for f in files:
            p = os.path.join(root, f)
            if os.path.isfile(p) and not os.path.islink(p):
                total += os.path.getsize(p)
    return total


def run_queries(queries, search, label="", budget=None):
    """Run every query twice (warm-up, then measured) with search(q) -> (hits, top ids).

    Returns the measured pass as the "queries" list of the result JSON. With a
    budget (seconds per pass), the queries left when a pass has used it up are
    not run: in the measured pass they are recorded as
    {"id", "kind", "skipped": true} (the report counts them apart).
    """
    out = []
    for pass_ in range(2):
        t_pass = time.perf_counter()
        skipped = 0
        for q in queries:
            if budget is not None and time.perf_counter() - t_pass > budget:
                skipped += 1
                if pass_ == 1:
                    out.append({"id": q["id"], "kind": q["kind"], "skipped": True})
                continue
            t = time.perf_counter()
            hits, top = search(q)
            ms = (time.perf_counter() - t) * 1000
            if pass_ == 1:
                out.append({"id": q["id"], "kind": q["kind"], "ms": ms, "hits": int(hits), "top": list(top)[:10]})
        print(f"{label}: query pass {pass_ + 1} in {time.perf_counter() - t_pass:.1f} s"
              + (f", {skipped} queries skipped (budget {budget} s)" if skipped else ""), file=sys.stderr)
    return out


def write_result(path, engine, docs, raw, ingest_seconds, index_bytes, queries, **extra):
    """Write the result JSON of one engine."""
    res = {"engine": engine, "docs": docs, "raw_bytes": raw, "ingest_seconds": ingest_seconds,
           "index_bytes": index_bytes, **extra, "queries": queries}
    with open(path, "w", encoding="utf-8") as f:
        json.dump(res, f, ensure_ascii=False)
    print(f"{engine}: {docs} docs, ingest {ingest_seconds:.1f} s, index {index_bytes / 1e6:.1f} MB -> {path}",
          file=sys.stderr)
