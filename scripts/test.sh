#!/usr/bin/env bash
# The second of the README's two commands (and what CI runs): installs what is missing, builds,
# and runs the whole test suite twice: a normal build, then one under AddressSanitizer and
# UndefinedBehaviorSanitizer.  STRATA_SKIP_SANITIZE=1 skips the second (for quick local runs).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
jobs=$(nproc 2>/dev/null || echo 2)
"$root/scripts/install-deps.sh"

echo "== build and test (RelWithDebInfo) =="
"$root/scripts/build.sh" "$root/build"
ctest --test-dir "$root/build" --output-on-failure -j"$jobs"

if [[ "${STRATA_SKIP_SANITIZE:-0}" != "1" ]]; then
  echo "== build and test (ASan + UBSan) =="
  "$root/scripts/build.sh" "$root/build-asan" -DCMAKE_BUILD_TYPE=Debug -DSTRATA_SANITIZE=ON \
    -DSTRATA_BUILD_BENCH=OFF
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
    ctest --test-dir "$root/build-asan" --output-on-failure -j"$jobs"
fi
echo "== all tests passed =="
