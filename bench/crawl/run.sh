#!/usr/bin/env bash
# The crawl benchmark (bench/README.md, "Crawl"): in ONE run, on a generated site served by
# nginx on 127.0.0.1,
#   1. a bare Gumbo parse + walk of every page, one core   (the parse yardstick)
#   2. a bare libcurl-multi fetch of every page            (the fetch yardstick)
#   3. strata crawl --follow, first crawl                  (fetch + extract + store)
#   4. strata crawl --follow again: the unchanged site     (conditional GET: 304s, no parse)
#   5. wget2 --recursive (64 threads), saving pages
#   6. Scrapy, a minimal spider extracting title and text (/work/shared/bench/scrapy_spider.py)
# each under /usr/bin/time -v (wall, CPU, peak RSS), then prints a markdown table with the
# ratios the targets are stated in.
#
#   bench/crawl/run.sh [PAGES]          default 10000 article pages (~10,650 HTML pages)
#
# Env: STRATA    the strata binary (default: build-frontier-release/tools/strata, else
#                build/tools/strata); build it RelWithDebInfo or Release.
#      PERF      scratch directory (default ${TMPDIR:-/tmp}/strata-bench-crawl): site, archive,
#                outputs and results.md
#      PORT0     nginx's first port (default 18180; serve.sh uses PORT0..PORT0+3)
#      SHARED    the shared benchmark helpers (default /work/shared/bench)
#      SKIP      space-separated steps to skip: parse fetch strata wget2 scrapy
#      REPEAT    runs of the two short steps, the bare fetch and the re-crawl, interleaved
#                (default 5): each takes well under a second, where this shared machine's
#                noise is tens of percent, so their medians are reported and the re-crawl's
#                ratio is the median of the ratios of each re-crawl to the fetch run just before
# Needs nginx, wget2, python3-scrapy and GNU time: scripts/install-deps.sh --bench.
# nginx is started and stopped by PID (serve.sh), and stopped on any exit of this script.
set -euo pipefail

PAGES=${1:-10000}
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
SHARED=${SHARED:-/work/shared/bench}
PERF=${PERF:-${TMPDIR:-/tmp}/strata-bench-crawl}
PORT0=${PORT0:-18180}
SKIP=${SKIP:-}
REPEAT=${REPEAT:-5}
if [[ -z ${STRATA:-} ]]; then
  for candidate in "$ROOT/build-frontier-release/tools/strata" "$ROOT/build/tools/strata"; do
    [[ -x $candidate ]] && { STRATA=$candidate; break; }
  done
fi
[[ -x ${STRATA:-} ]] || { echo "run.sh: no strata binary; set STRATA" >&2; exit 1; }
for tool in nginx wget2 /usr/bin/time /usr/bin/python3 cc pkg-config curl; do
  command -v "$tool" >/dev/null || { echo "run.sh: $tool missing (scripts/install-deps.sh --bench)" >&2; exit 1; }
done

mkdir -p "$PERF/bin" "$PERF/out"
SITE=$PERF/site-$PAGES
BASE=http://127.0.0.1:$PORT0
export PERF PORT0 NGX=$PERF/nginx

# The site: generated once per size (mksite.py is deterministic).
if [[ ! -f $SITE/allpaths.txt ]]; then
  echo "== generating $PAGES articles in $SITE"
  /usr/bin/python3 "$SHARED/mksite.py" "$SITE" --n "$PAGES" --seed 1 >"$PERF/out/mksite.log"
fi
HTML_PAGES=$(wc -l <"$SITE/allpaths.txt")

# The yardsticks are compiled from the shared sources, never copied into the project.
cc -O2 -o "$PERF/bin/curlmulti_fetch" "$SHARED/curlmulti_fetch.c" -lcurl
cc -O2 -o "$PERF/bin/parse_walk" "$SHARED/parse_walk.c" $(pkg-config --cflags --libs gumbo libxml-2.0)

stop_nginx() { bash "$SHARED/serve.sh" stop >/dev/null 2>&1 || true; }
trap stop_nginx EXIT
stop_nginx
bash "$SHARED/serve.sh" start "$SITE" 1

# Politeness off for the benchmark: no delay, high concurrency, robots.txt ignored.
cat >"$PERF/bench.toml" <<EOF
[fetch]
max_connections = 64
max_connections_per_host = 64
[politeness]
min_delay = 0
per_host_concurrency = 64
global_concurrency = 64
adaptive = false
[robots]
respect = false
[crawl]
max_fetches = 64
EOF

RESULTS=$PERF/out/results.tsv
: >"$RESULTS"
# Page counters: each prints how many pages run NAME handled, from its own output.
count_kv() { grep -o 'pages=[0-9]*' "$PERF/out/$1.stdout" | head -1 | cut -d= -f2; }
count_strata() { awk '/ pages in /{print $1}' "$PERF/out/$1.stderr" | tail -1; }
count_wget2() { find "$PERF/out/wget2-pages" -name '*.html' | wc -l; }
count_scrapy() {
  /usr/bin/python3 -c 'import json,sys; print(json.loads(open(sys.argv[1]).read().strip().splitlines()[-1])["pages"])' \
    "$PERF/out/$1.stdout"
}
# measure NAME COUNTER CMD...: runs CMD under /usr/bin/time -v and appends name, pages (from
# the COUNTER function), wall s, CPU s (user + system) and peak RSS KiB to $OUT (results.tsv
# unless set). Wall time is taken around the command to the millisecond (time -v rounds to
# 10 ms, a twentieth of the bare fetch).
measure() {
  local name=$1 counter=$2
  shift 2
  echo "== $name: $*"
  local start end
  start=$(date +%s%N)
  if ! /usr/bin/time -v -o "$PERF/out/$name.time" "$@" >"$PERF/out/$name.stdout" 2>"$PERF/out/$name.stderr"; then
    echo "run.sh: $name exited non-zero; see $PERF/out/$name.stderr" >&2
    tail -3 "$PERF/out/$name.stderr" >&2
  fi
  end=$(date +%s%N)
  local pages wall cpu rss
  pages=$("$counter" "$name")
  wall=$(awk -v a="$start" -v b="$end" 'BEGIN {printf "%.3f", (b - a) / 1e9}')
  cpu=$(awk -F': ' '/User time/ {u=$2} /System time/ {s=$2} END {print u+s}' "$PERF/out/$name.time")
  rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$PERF/out/$name.time")
  printf '%s\t%s\t%s\t%s\t%s\n' "$name" "$pages" "$wall" "$cpu" "$rss" | tee -a "${OUT:-$RESULTS}"
}
# median_row NAME: the row of samples.tsv for NAME-1..N with the median wall time, as NAME.
median_row() {
  awk -F'\t' -v n="$1" '$1 ~ "^" n "-[0-9]+$" {print}' "$SAMPLES" | sort -t$'\t' -k3,3g |
    awk -F'\t' -v OFS='\t' -v n="$1" '{row[NR]=$0} END {if (NR) {$0=row[int((NR+1)/2)]; $1=n; print}}'
}
skip() { [[ " $SKIP " == *" $1 "* ]]; }

if ! skip parse; then
  measure parse count_kv "$PERF/bin/parse_walk" -p gumbo "$SITE/www" "$SITE/allpaths.txt"
fi
crawl=("$STRATA" --archive "$PERF/archive" --config "$PERF/bench.toml" crawl --follow -q "$BASE/index.html")
if ! skip strata; then
  rm -rf "$PERF/archive"
  measure strata-first count_strata "${crawl[@]}"
  du -sk "$PERF/archive" | awk '{print "archive size: " $1 " KiB"}' | tee "$PERF/out/archive-size.txt"
fi
# The short steps, interleaved: fetch-1, strata-recrawl-1, fetch-2, ...
SAMPLES=$PERF/out/samples.tsv
: >"$SAMPLES"
for ((i = 1; i <= REPEAT; i++)); do
  if ! skip fetch; then
    OUT=$SAMPLES measure "fetch-$i" count_kv "$PERF/bin/curlmulti_fetch" -c 64 -b "$BASE" "$SITE/allpaths.txt"
  fi
  if ! skip strata; then
    OUT=$SAMPLES measure "strata-recrawl-$i" count_strata "${crawl[@]}"
  fi
done
median_row fetch >>"$RESULTS"
median_row strata-recrawl >>"$RESULTS"
if ! skip wget2; then
  rm -rf "$PERF/out/wget2-pages"
  measure wget2 count_wget2 wget2 --recursive --level=0 --no-parent --max-threads=64 \
    --robots=off --no-verbose --reject='*.css,*.js,*.gif,*.png,*.jpg' \
    --directory-prefix="$PERF/out/wget2-pages" "$BASE/index.html"
fi
if ! skip scrapy; then
  rm -rf "$PERF/out/scrapy-pages"
  measure scrapy count_scrapy /usr/bin/python3 "$SHARED/scrapy_spider.py" "$BASE/index.html" \
    "$PERF/out/scrapy-pages" 64 600
fi

# The table, and the ratios of the targets.
awk -F'\t' -v html="$HTML_PAGES" '
  { name[NR]=$1; pages[NR]=$2; wall[NR]=$3; cpu[NR]=$4; rss[NR]=$5;
    rate[$1] = ($3 > 0) ? $2 / $3 : 0; cpusec[$1] = $4 }
  END {
    print "| run | pages | wall s | pages/s | CPU s | CPU ms/page | peak RSS MiB |"
    print "|---|---:|---:|---:|---:|---:|---:|"
    for (i = 1; i <= NR; i++)
      printf "| %s | %d | %.2f | %.0f | %.2f | %.2f | %.0f |\n", name[i], pages[i], wall[i],
             (wall[i] > 0 ? pages[i] / wall[i] : 0), cpu[i],
             (pages[i] > 0 ? 1000 * cpu[i] / pages[i] : 0), rss[i] / 1024
    print ""
    if (rate["parse"] > 0 && rate["strata-first"] > 0)
      printf "first crawl / bare single-core parse: %.2fx (target >= 1.3x)\n", rate["strata-first"] / rate["parse"]
    if (rate["scrapy"] > 0 && rate["strata-first"] > 0)
      printf "first crawl / Scrapy: %.1fx (target >= 15x)\n", rate["strata-first"] / rate["scrapy"]
    if (rate["fetch"] > 0 && rate["strata-recrawl"] > 0)
      printf "re-crawl / bare libcurl-multi fetch (medians): %.2fx (target >= 0.5x)\n", rate["strata-recrawl"] / rate["fetch"]
    if (rate["wget2"] > 0 && rate["strata-first"] > 0)
      printf "first crawl / wget2: %.2fx\n", rate["strata-first"] / rate["wget2"]
  }' "$RESULTS" | tee "$PERF/out/results.md"
# Each re-crawl against the fetch run just before it, and the median of those ratios.
awk -F'\t' '
  $1 ~ /^fetch-[0-9]+$/ { split($1, a, "-"); f[a[2]] = $2 / $3 }
  $1 ~ /^strata-recrawl-[0-9]+$/ { split($1, a, "-"); r[a[3]] = $2 / $3 }
  END {
    n = 0
    for (i = 1; i in r; i++) if (i in f && f[i] > 0) { v[++n] = r[i] / f[i]; line = line sprintf(" %.2f", v[n]) }
    if (n == 0) exit
    for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (v[j] < v[i]) { t = v[i]; v[i] = v[j]; v[j] = t }
    printf "re-crawl / the fetch just before it, run by run:%s; median %.2fx (target >= 0.5x)\n", line, v[int((n + 1) / 2)]
  }' "$SAMPLES" | tee -a "$PERF/out/results.md"
echo "(raw: $RESULTS; outputs in $PERF/out)"
