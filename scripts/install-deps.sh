#!/usr/bin/env bash
# Installs the Debian 12 packages strata needs to build and test, and nothing when they are all
# present already (idempotent). Needs root, or sudo.
#   scripts/install-deps.sh          build + test dependencies
#   scripts/install-deps.sh --bench  also the peers the benchmarks compare against
set -euo pipefail

packages=(
  build-essential cmake pkg-config git ca-certificates python3
  clang-format
  libboost-dev libcurl4-openssl-dev libgumbo-dev libleveldb-dev
  libtomlplusplus-dev libcli11-dev nlohmann-json3-dev liburiparser-dev libuchardet-dev
  libre2-dev libpugixml-dev libzstd-dev libfmt-dev libssl-dev libdtl-dev zlib1g-dev
  libicu-dev
  libsnappy-dev
  libgoogle-perftools-dev  # tcmalloc_minimal, the strata program's allocator
  libmd4c-html0-dev  # shell (issue 6): Markdown bodies of JSON APIs (parser/markdown_body.h)
  libgtest-dev libgmock-dev
)
if [[ "${1:-}" == "--bench" ]]; then
  packages+=(nginx wget2 python3-scrapy libbenchmark-dev time nodejs npm)
fi

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$p")
done
if [[ ${#missing[@]} -eq 0 ]]; then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi

sudo=()
if [[ $(id -u) -ne 0 ]]; then
  command -v sudo >/dev/null || { echo "install-deps: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
  sudo=(sudo)
fi
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -q
"${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
