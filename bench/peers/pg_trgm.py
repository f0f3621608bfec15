#!/usr/bin/env python3
"""Peer runner: PostgreSQL 15 with pg_trgm GIN indexes (psycopg2 client).

    pg_trgm.py DOCS QUERIES WORKDIR OUT.json [--port 54329] [--budget S] [--keep]

Creates a throw-away cluster (initdb) in WORKDIR/pgdata, listening only on a
Unix socket in that folder (no TCP), started with pg_ctl as the ``postgres``
user when run as root. Ingest (timed): CREATE TABLE, COPY of all documents in
one transaction, ``CREATE INDEX … USING gin (title gin_trgm_ops)`` and the same
on body, ANALYZE. index_bytes = pg_total_relation_size (heap + TOAST +
indexes: the text is stored, as in the other peers); the two GIN indexes
alone are in "gin_bytes".

Queries (LIKE, case-sensitive, so that a match is an exact substring; ILIKE
would only differ on Latin letters):

- phrase / char1 / char2: ``title LIKE '%t%' OR body LIKE '%t%'``. pg_trgm
  extracts no trigram from a 1–2 character string, so those scan the table
  (still exact).
- other kinds: that condition for every term, ANDed, with ``date`` and
  ``page`` filters; ranked by the number of terms found in the title, then
  ``similarity(title, text)``, then date (newest first).

The count and the top 10 are two statements; "ms" covers both. The server's
peak memory (VmHWM of the postmaster and of this session's backend) is
written as "server_peak_rss_kb".
"""

import argparse
import io
import os
import pwd
import shutil
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import raw_bytes, read_docs, read_queries, run_queries, write_result  # noqa: E402

import psycopg2  # noqa: E402

PG_BIN = "/usr/lib/postgresql/15/bin"


def as_pg(cmd):
    """Run a server command as the postgres user when we are root."""
    if os.geteuid() == 0:
        cmd = ["runuser", "-u", "postgres", "--"] + cmd
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)


def start_cluster(pgdata, port):
    if os.path.exists(pgdata):
        shutil.rmtree(pgdata)
    os.makedirs(pgdata)
    if os.geteuid() == 0:
        pw = pwd.getpwnam("postgres")
        os.chown(pgdata, pw.pw_uid, pw.pw_gid)
    as_pg([f"{PG_BIN}/initdb", "-D", pgdata, "-U", "postgres", "-E", "UTF8", "--locale=C.UTF-8",
           "--auth=trust"])
    opts = (f"-c listen_addresses='' -c unix_socket_directories='{pgdata}' -p {port} "
            "-c shared_buffers=2GB -c maintenance_work_mem=2GB -c work_mem=64MB "
            "-c max_wal_size=8GB -c wal_level=minimal -c max_wal_senders=0")
    as_pg([f"{PG_BIN}/pg_ctl", "-D", pgdata, "-l", os.path.join(pgdata, "server.log"), "-o", opts,
           "-w", "start"])


def stop_cluster(pgdata):
    as_pg([f"{PG_BIN}/pg_ctl", "-D", pgdata, "-m", "fast", "-w", "stop"])


def vm_hwm_kb(pid):
    """Peak resident memory of a process, from /proc (0 if unreadable)."""
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def like_pattern(s):
    return "%" + s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def copy_text(s):
    """A value in COPY's text format."""
    if s is None:
        return "\\N"
    return str(s).replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("docs")
    ap.add_argument("queries")
    ap.add_argument("workdir")
    ap.add_argument("out")
    ap.add_argument("--port", type=int, default=54329)
    ap.add_argument("--budget", type=float, help="seconds per query pass (see common.run_queries)")
    ap.add_argument("--keep", action="store_true", help="leave the cluster running")
    args = ap.parse_args()

    pgdata = os.path.abspath(os.path.join(args.workdir, "pgdata"))
    os.makedirs(args.workdir, exist_ok=True)
    start_cluster(pgdata, args.port)
    try:
        con = psycopg2.connect(host=pgdata, port=args.port, user="postgres", dbname="postgres")
        cur = con.cursor()
        cur.execute("SELECT version()")
        version = cur.fetchone()[0].split(" on ")[0]
        cur.execute("CREATE EXTENSION pg_trgm")
        con.commit()

        t0 = time.perf_counter()
        n = raw = 0
        cur.execute("CREATE TABLE docs (id text PRIMARY KEY, paper text, date date, page int, "
                    "title text, body text)")
        buf = io.StringIO()

        def flush():
            buf.seek(0)
            cur.copy_expert("COPY docs FROM STDIN", buf)
            buf.seek(0)
            buf.truncate()

        for d in read_docs(args.docs):
            n += 1
            raw += raw_bytes(d)
            buf.write("\t".join(copy_text(v) for v in
                                (d["id"], d["paper"], d["date"], d["page"], d["title"], d["body"])) + "\n")
            if buf.tell() > 64 << 20:
                flush()
        flush()
        cur.execute("CREATE INDEX docs_title_trgm ON docs USING gin (title gin_trgm_ops)")
        cur.execute("CREATE INDEX docs_body_trgm ON docs USING gin (body gin_trgm_ops)")
        cur.execute("ANALYZE docs")
        con.commit()
        ingest = time.perf_counter() - t0
        cur.execute("SELECT pg_total_relation_size('docs'), pg_relation_size('docs_title_trgm') "
                    "+ pg_relation_size('docs_body_trgm')")
        total, gin = cur.fetchone()
        print(f"pg_trgm: {n} docs in {ingest:.1f} s", file=sys.stderr)

        def search(q):
            terms = [q["text"]] if q["phrase"] else q["terms"]
            conds, params = [], []
            for t in terms:
                conds.append("(title LIKE %s OR body LIKE %s)")
                params += [like_pattern(t)] * 2
            if q.get("from"):
                conds.append("date >= %s")
                params.append(q["from"])
            if q.get("to"):
                conds.append("date <= %s")
                params.append(q["to"])
            if q.get("page") is not None:
                conds.append("page = %s")
                params.append(q["page"])
            where = " AND ".join(conds)
            cur.execute(f"SELECT count(*) FROM docs WHERE {where}", params)
            hits = cur.fetchone()[0]
            if not hits:
                return 0, []
            in_title = " + ".join(["(title LIKE %s)::int"] * len(terms))
            cur.execute(f"SELECT id FROM docs WHERE {where} "
                        f"ORDER BY {in_title} DESC, similarity(title, %s) DESC, date DESC, id LIMIT 10",
                        params + [like_pattern(t) for t in terms] + [q["text"]])
            return hits, [r[0] for r in cur.fetchall()]

        results = run_queries(read_queries(args.queries), search, "pg_trgm", args.budget)
        cur.execute("SELECT pg_backend_pid()")
        backend = cur.fetchone()[0]
        with open(os.path.join(pgdata, "postmaster.pid")) as f:
            postmaster = int(f.readline())
        peak = vm_hwm_kb(backend) + vm_hwm_kb(postmaster)
        con.close()
        write_result(args.out, "postgresql-15-pg_trgm", n, raw, ingest, total, results,
                     gin_bytes=gin, server_peak_rss_kb=peak,
                     notes=f"{version}; GIN gin_trgm_ops on title and body; LIKE; shared_buffers=2GB")
    finally:
        if not args.keep:
            stop_cluster(pgdata)


if __name__ == "__main__":
    main()
