#!/usr/bin/env bash
# Benchmark (not a test): wrk and rehearse, 64 connections for 10 s each, against the same nginx on 127.0.0.1
# serving a small file. Prints requests/s of both, the ratio, client CPU seconds per 1,000 requests and peak RSS.
# nginx runs one worker pinned to core 0; both clients are pinned to core 1 (one thread each), so neither
# competes with the server for a core.
set -euo pipefail
BIN=${1:-.build/release/rehearse}
SECONDS_PER_RUN=${BENCH_SECONDS:-10}
CONNECTIONS=${BENCH_CONNECTIONS:-64}
source "$(dirname "$0")/nginx.sh"

# Runs a command pinned to the client core under GNU time; prints "cpu_seconds max_rss_kb".
measure() {
    local out=$1; shift
    /usr/bin/time -f "%U %S %M" -o "$work/time.txt" taskset -c $client_cpu "$@" > "$out" 2>&1 || { echo "failed: $*" >&2; cat "$out" >&2; return 1; }
    awk '{ printf "%.3f %d\n", $1 + $2, $3 }' "$work/time.txt"
}

echo "Benchmark: GET $url (100 bytes), $CONNECTIONS connections, ${SECONDS_PER_RUN}s each, server on core $server_cpu, clients on core $client_cpu"

read -r wrk_cpu wrk_rss < <(measure "$work/wrk.txt" wrk -t1 -c"$CONNECTIONS" -d"${SECONDS_PER_RUN}s" "$url")
wrk_rps=$(awk '/Requests\/sec/ { print $2 }' "$work/wrk.txt")
wrk_requests=$(awk '/requests in/ { print $1 }' "$work/wrk.txt")

cat > "$work/bench.yaml" <<YAML
name: bench
target:
  base_url: http://127.0.0.1:$port
  http: http1
flows: [flow.yaml]
load:
  vus: $CONNECTIONS
  duration: ${SECONDS_PER_RUN}s
output: $work/results
YAML
printf 'steps:\n  - name: small\n    get: /small.txt\n' > "$work/flow.yaml"
read -r rh_cpu rh_rss < <(measure "$work/rehearse.txt" "$BIN" run "$work/bench.yaml" --workers 1 -q)
summary=$(ls "$work"/results/*/summary.json)
read -r rh_rps rh_requests rh_failed < <(python3 -c '
import json, sys
t = json.load(open(sys.argv[1]))["totals"]
print(t["rate"], t["requests"], t["failed"])' "$summary")

python3 - "$wrk_rps" "$wrk_requests" "$wrk_cpu" "$wrk_rss" "$rh_rps" "$rh_requests" "$rh_cpu" "$rh_rss" "$rh_failed" <<'PY'
import sys
wrk_rps, wrk_n, wrk_cpu, wrk_rss, rh_rps, rh_n, rh_cpu, rh_rss, rh_failed = sys.argv[1:]
wrk_rps, rh_rps = float(wrk_rps), float(rh_rps)
def per_k(cpu, n): return float(cpu) / max(float(n), 1) * 1000
print(f"{'tool':10} {'req/s':>10} {'requests':>10} {'CPU s/1k req':>13} {'peak RSS':>10}")
print(f"{'wrk':10} {wrk_rps:>10.0f} {int(float(wrk_n)):>10} {per_k(wrk_cpu, wrk_n):>13.4f} {int(wrk_rss)//1024:>8} MB")
print(f"{'rehearse':10} {rh_rps:>10.0f} {int(rh_n):>10} {per_k(rh_cpu, rh_n):>13.4f} {int(rh_rss)//1024:>8} MB")
print(f"ratio rehearse/wrk: {rh_rps / wrk_rps:.2f}  (failed requests in rehearse: {rh_failed})")
PY
