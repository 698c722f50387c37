#!/usr/bin/env bash
# The first of the README's two commands: installs what is missing, builds, and runs
# `strata demo` (a local site on 127.0.0.1, no network needed). Extra arguments go to the demo.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/install-deps.sh"
"$root/scripts/build.sh" "$root/build"
exec "$root/build/tools/strata" demo "$@"
