#!/usr/bin/env bash
# Benchmark of the network-emulation proxy (Sources/Netem): at RTT 100 ms and 1, 100 and 1,000 concurrent
# connections, the added latency measured vs configured (p50/p99 of the error) and the proxy's CPU per exchange.
# Takes about 40 s. Optional arguments: other concurrency levels, e.g. `bash bench/netem.sh 10 500`.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product NetemBench
"$(swift build -c release --show-bin-path)/NetemBench" "$@"
