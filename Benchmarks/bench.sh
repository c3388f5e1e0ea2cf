#!/usr/bin/env bash
# wazi against Hugo on the same corpora, same machine, one run: see README "Benchmark".
#   Benchmarks/bench.sh [--sizes 1000,10000,50000] [--runs 5] [--work DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
missing=""
for p in hugo hyperfine time; do dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"; done
if [ -n "$missing" ]; then
  SUDO=$([ "$(id -u)" = 0 ] || echo sudo)
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing
fi
make -s deps >/dev/null
swift build -c release --static-swift-stdlib >/dev/null  # as `make release` builds it
exec python3 Benchmarks/bench.py "$@"
