#!/usr/bin/env bash
# Load on the web edition, on loopback and bounded in time: article pages,
# issue pages and searches, each for DURATION seconds with CONNECTIONS
# connections (wrk, from Debian). Prints requests/s, latency percentiles
# and the server's peak memory; writes them to bench/web/work/results.md.
#
#   bench/web/run.sh [--docs N] [--duration S] [--connections C]
#
# The archive: the sample issues and N-3 copies of them on other dates
# (default N = 300 issues, ~1,000 articles), ingested first; with page
# PDFs (--pdf DIR, default the evaluation pages in /tmp/lp-hold when there;
# never committed), also the page view of each PDF page and its kept
# images (/files/…png, plain and with If-None-Match answered 304).
set -euo pipefail
cd "$(dirname "$0")/../.."
ISSUES=300; DURATION=15; CONN=64; PDFS=/tmp/lp-hold
while [ $# -gt 0 ]; do
  case "$1" in
    --docs) ISSUES="$2"; shift 2 ;;
    --duration) DURATION="$2"; shift 2 ;;
    --connections) CONN="$2"; shift 2 ;;
    --pdf) PDFS="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
command -v wrk >/dev/null || { sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo; $sudo apt-get install -y wrk; }
# SHUZIBAO_BIN: a shuzibao built already (else built here)
BIN=${SHUZIBAO_BIN:-${CARGO_TARGET_DIR:-target}/release/shuzibao}
[ -n "${SHUZIBAO_BIN:-}" ] || cargo build --release --bin shuzibao
W=bench/web/work; rm -rf "$W"; mkdir -p "$W/in"
python3 - "$W/in" "$ISSUES" <<'PY'
import os, re, sys
out, n = sys.argv[1], int(sys.argv[2])
samples = sorted(os.listdir("samples"))
texts = [open(os.path.join("samples", s), encoding="utf-8").read() for s in samples]
for i in range(n):
    t = texts[i % len(texts)]
    y, m, d = 2000 + i // 336, 1 + (i // 28) % 12, 1 + i % 28
    t = re.sub(r"20(22|23)年(\d+)月(\d+)日", f"{y}年{m}月{d}日", t, count=1).replace("2024 年  \n1 月 1 日", f"{y} 年  \n{m} 月 {d} 日")
    open(os.path.join(out, f"issue-{i:05}.txt"), "w", encoding="utf-8").write(t)
PY
KINDS="articles issues searches"
if ls "$PDFS"/*.pdf >/dev/null 2>&1; then
  # one page per file, named as papers name them: rmrb-20191001-02.pdf
  mkdir -p "$W/in/pdf"
  for f in "$PDFS"/*.pdf; do b=$(basename "$f" .pdf); cp "$f" "$W/in/pdf/${b%-s*}.pdf"; done
  KINDS="$KINDS pages files files-304"
fi
"$BIN" ingest "$W/in" --data "$W/data" >/dev/null
PORT=18080
RUST_LOG=warn "$BIN" serve --data "$W/data" --addr 127.0.0.1:$PORT --no-samples &
PID=$!
trap 'kill $PID 2>/dev/null || true' EXIT
for i in $(seq 50); do curl -sf http://127.0.0.1:$PORT/about >/dev/null && break; sleep 0.1; done
ARTICLES=$(curl -s "http://127.0.0.1:$PORT/api/v1/articles?limit=200" | python3 -c 'import json,sys; print("\n".join("/articles/%d" % a["id"] for a in json.load(sys.stdin)["articles"]))')
echo "$ARTICLES" > "$W/articles.txt"
curl -s "http://127.0.0.1:$PORT/api/v1/issues" | python3 -c 'import json,sys; print("\n".join(sorted({"/issues/%s" % i["date"] for i in json.load(sys.stdin) if i["date"]})))' > "$W/issues.txt"
if [ -d "$W/in/pdf" ]; then
  # the page view of every PDF page (found from its issue's page), and its images
  python3 - "http://127.0.0.1:$PORT" "$W" <<'PY'
import json, re, sys, urllib.request, urllib.parse as u
base, w = sys.argv[1], sys.argv[2]
get = lambda p: urllib.request.urlopen(base + p).read().decode()
pages, files = set(), set()
for paper in json.loads(get("/api/v1/papers")):
    for i in json.loads(get(paper["api_url"]))["issues"]:
        if i["date"].startswith("2019"):  # the text issues are dated 2000
            html = get(i["url"])
            pages |= {u.unquote(h) for h in re.findall(r'href="(/papers/[^"]+/2019-\d\d-\d\d/[^"/]+)"', html)}
for p in sorted(pages):
    files |= set(re.findall(r"/files/[0-9a-f]{64}\.png", get(u.quote(p))))
assert pages and files, "no PDF page with images found"
open(f"{w}/pages.txt", "w").write("".join(u.quote(p) + "\n" for p in sorted(pages)))
open(f"{w}/files.txt", "w").write("".join(f + "\n" for f in sorted(files)))
open(f"{w}/files-304.txt", "w").write("".join(f + "\n" for f in sorted(files)))
print(len(pages), "PDF pages,", len(files), "images", file=sys.stderr)
PY
fi
# search words from the sample headlines, with and without filters
python3 - > "$W/searches.txt" <<'PY'
import urllib.parse as u
words = ["徐汇", "曹立强", "主题教育", "党史", "重大工程", "科技企业", "新年贺词", "区区合作", "\"高质量发展\"", "调研", "钟晓咏", "漕河泾"]
for i, w in enumerate(words * 4):
    q = {"q": w}
    if i % 3 == 1: q["from"] = "2003"
    if i % 3 == 2: q["page"] = "1"; q["sort"] = "newest"
    print("/search?" + u.urlencode(q))
PY
{
echo "# Web edition under load"
echo
echo "$(date -u +%Y-%m-%d), $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo); archive of $ISSUES issues, $(wc -l < "$W/articles.txt") article paths; wrk -t2 -c$CONN -d${DURATION}s on loopback."
echo
echo "| what | requests/s | p50 | p90 | p99 | errors |"
echo "|---|---|---|---|---|---|"
} > "$W/results.md"
for kind in $KINDS; do
  script=bench/web/urls.lua; [ "$kind" = files-304 ] && script=bench/web/etag.lua
  out=$(PATHS="$W/$kind.txt" wrk -t2 -c"$CONN" -d"${DURATION}s" --latency -s "$script" "http://127.0.0.1:$PORT")
  echo "$out" > "$W/wrk-$kind.txt"
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  p50=$(echo "$out" | awk '/^ +50%/ {print $2}'); p90=$(echo "$out" | awk '/^ +90%/ {print $2}'); p99=$(echo "$out" | awk '/^ +99%/ {print $2}')
  errs=$(echo "$out" | awk '/Non-2xx|Socket errors/ {print}' | tr '\n' ' ')
  echo "| $kind | $rps | $p50 | $p90 | $p99 | ${errs:-none} |" >> "$W/results.md"
done
RSS=$(awk '/VmHWM/ {printf "%.0f MB", $2/1024}' /proc/$PID/status)
echo >> "$W/results.md"
echo "Server peak memory (VmHWM): $RSS." >> "$W/results.md"
cat "$W/results.md"
