#!/usr/bin/env python3
"""Peer runner: SQLite FTS5 with the ``trigram`` tokenizer (Python's sqlite3).

    sqlite_fts5.py DOCS QUERIES WORKDIR OUT.json [--like-out OUT2.json]

Builds WORKDIR/fts5.db (timed: inserts in one transaction, then FTS5
'optimize'), runs every query twice and writes the result JSON.

Table: ``fts5(id UNINDEXED, title, body, date UNINDEXED, page UNINDEXED,
tokenize='trigram case_sensitive 1')`` (case-sensitive so that a match is an
exact substring, like the reference scan). Queries:

- phrase / char1 / char2: ``docs MATCH '"text"'``; every term as a quoted
  string, joined by AND, for the other kinds; date and page filters are
  plain WHERE conditions on the unindexed columns; ranked by
  ``bm25(docs, 0, 3, 1, 0, 0)`` (title weighs 3× body).
- A trigram index cannot look up a string of 1–2 characters: MATCH finds
  nothing. ``sqlite-fts5-trigram`` reports exactly that (0 hits).
- ``--like-out``: the same index queried again as
  ``sqlite-fts5-trigram+like``, where every term shorter than 3 characters
  becomes ``instr(title, t) > 0 OR instr(body, t) > 0`` (a scan of the
  candidate rows, or of the whole table when no term is long enough).
"""

import argparse
import os
import sqlite3
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import raw_bytes, read_docs, read_queries, run_queries, tree_size, write_result  # noqa: E402


def fts_string(s):
    """s as an FTS5 string literal."""
    return '"' + s.replace('"', '""') + '"'


def where_clause(q, like):
    """(SQL condition, parameters, uses MATCH) for one query."""
    terms = [q["text"]] if q["phrase"] else q["terms"]
    long_ = [t for t in terms if len(t) >= 3]
    short = [t for t in terms if len(t) < 3]
    conds, params = [], []
    if long_:
        conds.append("docs MATCH ?")
        params.append(" AND ".join(fts_string(t) for t in long_))
    if short:
        if not like:
            return "0", [], False
        for t in short:
            conds.append("(instr(title, ?) > 0 OR instr(body, ?) > 0)")
            params += [t, t]
    if q.get("from"):
        conds.append("date >= ?")
        params.append(q["from"])
    if q.get("to"):
        conds.append("date <= ?")
        params.append(q["to"])
    if q.get("page") is not None:
        conds.append("page = ?")
        params.append(q["page"])
    return " AND ".join(conds), params, bool(long_)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("docs")
    ap.add_argument("queries")
    ap.add_argument("workdir")
    ap.add_argument("out")
    ap.add_argument("--like-out", help="also write the +like variant's result here")
    ap.add_argument("--budget", type=float, help="seconds per query pass (see common.run_queries)")
    args = ap.parse_args()

    print(f"sqlite {sqlite3.sqlite_version}", file=sys.stderr)
    if sqlite3.sqlite_version_info < (3, 34, 0):
        sys.exit("SQLite >= 3.34 is needed for the trigram tokenizer")
    os.makedirs(args.workdir, exist_ok=True)
    db = os.path.join(args.workdir, "fts5.db")
    for suffix in ("", "-wal", "-shm", "-journal"):
        if os.path.exists(db + suffix):
            os.remove(db + suffix)

    t0 = time.perf_counter()
    con = sqlite3.connect(db)
    con.execute("PRAGMA cache_size = -262144")  # 256 MiB
    con.execute("CREATE VIRTUAL TABLE docs USING fts5(id UNINDEXED, title, body, date UNINDEXED, "
                "page UNINDEXED, tokenize='trigram case_sensitive 1')")
    n = raw = 0

    def rows():
        nonlocal n, raw
        for d in read_docs(args.docs):
            n += 1
            raw += raw_bytes(d)
            yield d["id"], d["title"], d["body"], d["date"], d["page"]

    with con:
        con.executemany("INSERT INTO docs VALUES (?, ?, ?, ?, ?)", rows())
    with con:
        con.execute("INSERT INTO docs(docs) VALUES ('optimize')")
    ingest = time.perf_counter() - t0
    size = tree_size(db)
    print(f"sqlite-fts5: {n} docs in {ingest:.1f} s", file=sys.stderr)

    queries = read_queries(args.queries)

    def searcher(like):
        def search(q):
            cond, params, ranked = where_clause(q, like)
            hits = con.execute(f"SELECT count(*) FROM docs WHERE {cond}", params).fetchone()[0]
            if not hits:
                return 0, []
            order = "bm25(docs, 0, 3, 1, 0, 0)" if ranked else "rowid"
            top = [r[0] for r in con.execute(
                f"SELECT id FROM docs WHERE {cond} ORDER BY {order} LIMIT 10", params)]
            return hits, top
        return search

    version = f"SQLite {sqlite3.sqlite_version}"
    write_result(args.out, "sqlite-fts5-trigram", n, raw, ingest, size,
                 run_queries(queries, searcher(False), "sqlite-fts5-trigram", args.budget),
                 notes=f"{version}; MATCH only: strings of 1-2 chars find nothing")
    if args.like_out:
        write_result(args.like_out, "sqlite-fts5-trigram+like", n, raw, ingest, size,
                     run_queries(queries, searcher(True), "sqlite-fts5-trigram+like", args.budget),
                     notes=f"{version}; terms of 1-2 chars by instr() scan")
    con.close()


if __name__ == "__main__":
    main()
