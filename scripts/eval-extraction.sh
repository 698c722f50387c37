#!/usr/bin/env bash
# Scores strata's article-body extraction on the AEB dev set (../shared/eval, see its README)
# and prints precision, recall, F1 (last line: "F1 <value>") and how many pages came out empty.
#
#   scripts/eval-extraction.sh [--build-dir DIR] [--eval-dir DIR] [--per-doc OUT.tsv]
#                              [--keep PREDICTIONS.jsonl] [--no-build] [--with strata|bench]
#
# Extraction runs through `strata extract --manifest` (with the shipped site profiles, as a
# user would run it) when the program has that subcommand, or else, or with --with bench,
# through bench/extract's extract_bench (the same Extract() without site profiles: the generic
# cascade alone). The build directory defaults to $STRATA_BUILD_DIR or build-eval (Release),
# configured if needed.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build_dir=${STRATA_BUILD_DIR:-"$root/build-eval"}
eval_dir="$root/../shared/eval"
per_doc=""
keep=""
build=1
with=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --build-dir) build_dir=$2; shift 2 ;;
    --eval-dir) eval_dir=$2; shift 2 ;;
    --per-doc) per_doc=$2; shift 2 ;;
    --keep) keep=$2; shift 2 ;;
    --no-build) build=0; shift ;;
    --with) with=$2; shift 2 ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "eval-extraction: unknown argument $1" >&2; exit 2 ;;
  esac
done
set_dir="$eval_dir/aeb-dev"
truth="$set_dir/ground-truth.json"
[[ -f "$truth" ]] || { echo "eval-extraction: $truth not found" >&2; exit 1; }

if [[ $build == 1 ]]; then
  if [[ ! -f "$build_dir/CMakeCache.txt" ]]; then
    cmake -S "$root" -B "$build_dir" -DCMAKE_BUILD_TYPE=Release -DSTRATA_BUILD_TESTS=OFF >/dev/null
  fi
  targets=(extract_bench)
  [[ -f "$root/tools/cli/extract_command.cc" && $with != bench ]] && targets+=(strata)
  cmake --build "$build_dir" --target "${targets[@]}" -j"$(nproc 2>/dev/null || echo 2)" >/dev/null
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# The manifest: one {"path","url","id"} line per page of the ground truth.
python3 - "$truth" "$set_dir/html" > "$work/manifest.jsonl" <<'PY'
import json, os, sys
truth, html = sys.argv[1], sys.argv[2]
for page_id, page in sorted(json.load(open(truth, encoding="utf-8")).items()):
    path = os.path.join(html, page_id + ".html.gz")
    print(json.dumps({"path": path, "url": page.get("url", ""), "id": page_id}))
PY

strata="$build_dir/tools/strata"
if [[ $with != bench && -x "$strata" ]] &&
  "$strata" extract --help 2>/dev/null | grep -q -- '--manifest'; then
  echo "extracting with: strata extract --manifest" >&2
  "$strata" extract --manifest "$work/manifest.jsonl" > "$work/extract.jsonl"
  # strata extract prints {"path",...,"body",...}: map paths back to ids.
  python3 - "$work/manifest.jsonl" "$work/extract.jsonl" > "$work/predictions.jsonl" <<'PY'
import json, sys
ids = {}
for line in open(sys.argv[1], encoding="utf-8"):
    m = json.loads(line)
    ids[m["path"]] = m["id"]
for line in open(sys.argv[2], encoding="utf-8"):
    if not line.strip():
        continue
    o = json.loads(line)
    print(json.dumps({"id": ids.get(o.get("path"), o.get("path")), "articleBody": o.get("body") or ""}))
PY
else
  [[ $with == strata ]] && { echo "eval-extraction: no strata extract in $build_dir" >&2; exit 1; }
  echo "extracting with: extract_bench predict --manifest" >&2
  "$build_dir/bench/extract/extract_bench" predict --manifest "$work/manifest.jsonl" \
    > "$work/predictions.jsonl"
fi

[[ -n "$keep" ]] && cp "$work/predictions.jsonl" "$keep"
empty=$(python3 -c '
import json, sys
print(sum(1 for l in open(sys.argv[1], encoding="utf-8") if l.strip() and not json.loads(l)["articleBody"].strip()))
' "$work/predictions.jsonl")
echo "empty predictions: $empty"
args=("$truth" "$work/predictions.jsonl")
[[ -n "$per_doc" ]] && args+=(--per-doc "$per_doc")
python3 "$eval_dir/eval_body.py" "${args[@]}"
